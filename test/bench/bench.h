/*
 * bench.h - what the files of `make bench` share: the clock, the counting
 * allocator, the inputs every section decides, the two plain-C baselines
 * the library is measured against (lookup.c) and the synthetic workloads
 * (synth.c). A program that prints figures, never a test.
 */
#ifndef MPR_BENCH_H
#define MPR_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* ---- bench.c: clock, medians, the table ---------------------------------- */

double bench_now(void);           /* seconds, monotonic */
double bench_median(double *v, size_t n);
_Noreturn void bench_die(const char *what, const mpr_error *err);
/* One row of the table: what, a figure, its unit and remarks (printf). */
void bench_row(const char *what, double figure, const char *unit_fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* What the sections measured, for the targets printed at the end. */
typedef struct bench_results {
	double load_ms, libyaml_ms;
	double plain_ns, decide_pair_ns, decide_json_ns, evaluate_json_ns;
	/* the targets as ratios to the plain lookup, paired rounds (ratios.c):
	 * the median and the range of the rounds */
	double ratio[3][3]; /* [decide, decide_json, evaluate_json][median, min, max] */
	double parse_us[3];     /* per activity: 100, 1,000, 10,000 activities */
	double diff_pair_ns[2]; /* per decision pair, one cell tightened: 51, 195 countries */
	double allocs_per_decision;
	long long ruleset_bytes;
	unsigned long sum; /* a checksum, so that no loop is optimised away */
} bench_results;

/* ---- alloc.c: malloc and friends counted through -Wl,--wrap ------------ */

unsigned long bench_allocs(void);  /* allocations so far */
long long bench_live_bytes(void);  /* bytes allocated and not freed */

/* ---- the inputs ---------------------------------------------------------- */

#define BENCH_QUERIES 200000
#define BENCH_MAX_ATTR 3
#define BENCH_MAX_SG 6

/* A query with its own copies of the id strings, as a caller would have:
 * q asks with 0-2 attributes and 0-5 declared safeguards (5.5 ids on
 * average), pair asks by the same country and measure alone. */
typedef struct bench_input {
	mpr_query q, pair;
	const char *attrs[BENCH_MAX_ATTR];
	const char *sgs[BENCH_MAX_SG];
} bench_input;

bench_input *bench_inputs(const mpr_ruleset *rs, size_t n);
void bench_inputs_free(bench_input *in, size_t n);

/* ---- lookup.c: the baselines ------------------------------------------- */

/* Flat arrays precomputed for every (country, measure, attribute set),
 * reached after a hash lookup of every id of a query: the physical limit
 * for the mixed queries. */
typedef struct flat_baseline flat_baseline;
flat_baseline *flat_build(const mpr_ruleset *rs);
void flat_free(flat_baseline *b);
/* A checksum of the answer (verdict, months, missing safeguards). */
unsigned flat_decide(const flat_baseline *b, const mpr_query *q);

/* The plain two-id lookup: one open-addressing hash table keyed by the
 * pair (country, measure) of strings, each slot pointing at the decision
 * precomputed for it. What a caller could write who needs only the
 * decision of a country and a measure. */
typedef struct plain_decision {
	const char *country, *measure;
	int verdict, country_tier, measure_tier;
	unsigned months;
	mpr_set required;
} plain_decision;
typedef struct plain_lookup plain_lookup;
plain_lookup *plain_build(const mpr_ruleset *rs);
void plain_free(plain_lookup *p);
const plain_decision *plain_find(const plain_lookup *p, const char *country, const char *measure);

/* ---- work.c: the sections beyond single decisions ------------------------ */

/* --jsonl lines of in[0..n): country and measure alone (pairs) and with
 * the declared safeguards (mixed, may be NULL). */
void bench_jsonl_lines(const bench_input *in, size_t n, char (*pairs)[512], char (*mixed)[512]);
/* mpr_decide_json of one line, mpr_evaluate_json of one activity. */
void section_json(const mpr_ruleset *rs, mpr_activity *a, const bench_input *in,
                  bench_results *r);
/* parse + evaluate + render JSON of each example proposal under root. */
void section_proposals(const mpr_ruleset *rs, const char *root);
/* parsing proposals of 100, 1,000 and 10,000 activities */
void section_parse(const mpr_ruleset *rs, bench_results *r);
/* the decision space, the diff of two default and of two 195-country
 * rulesets, the matrix as JSON */
void section_diff(const mpr_ruleset *rs, mpr_activity *a, const char *rules_dir,
                  bench_results *r);

/* ---- ratios.c: the targets, in paired rounds ------------------------------ */

void section_ratios(const mpr_ruleset *rs, mpr_activity *a, bench_input *in, bench_results *r);

/* ---- synth.c: synthetic workloads ---------------------------------------- */

/* A YAML proposal of n activities in the ruleset's countries and measures
 * (malloc'd, *len bytes), each with its own id. */
char *synth_proposal(const mpr_ruleset *rs, size_t n, size_t *len);
/* A one-activity JSON proposal of the given country and measure, with no
 * partnership element declared (so the partnership findings fire). */
int synth_one_activity(char *buf, size_t size, const char *country, const char *measure);
/* A copy of the rules in from_dir under to_dir with n_countries countries:
 * the real assessments and numbered copies of them under unused codes (no
 * copy when n_countries is not more than the rules have).
 * With tighten, one matrix cell's monitoring is made more frequent (a rule
 * change for the diff to find). 0 or -1. */
int synth_rules(const char *from_dir, const char *to_dir, size_t n_countries, int tighten);
/* Remove what synth_rules wrote. */
void synth_rules_remove(const char *dir);
/* libyaml alone parsing every *.yaml file of dir (no tree, no checks):
 * milliseconds, the best of repeats (the median in *median); the events
 * seen in *events. */
double libyaml_parse_ms(const char *dir, int repeats, size_t *events, double *median);

#endif
