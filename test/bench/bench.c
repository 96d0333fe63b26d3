/*
 * bench.c - `make bench`: what decisions, JSON, loading, parsing and diffs
 * cost on this machine, as one table, then every target of
 * docs/performance.md as a ratio measured in the same run.
 *
 * A program, not a test: it prints figures and asserts nothing about time.
 * Allocations are counted (alloc.c) so that "allocations per decision" is
 * measured, not assumed. The figures are the best (decisions) or the median
 * (parses) of several runs. The targets are ratios of this run only: the
 * multiples of the plain lookup are the median of paired rounds (ratios.c),
 * the others divide the best runs of both sides.
 *
 *   load      loading rules/default, and libyaml alone parsing the same files
 *   decide    mpr_decide by string ids on a reused mpr_activity: the mixed
 *             queries (0-2 attributes, 0-5 safeguards) with and without the
 *             trace, and the same countries and measures alone
 *   baseline  flat arrays by every id of a query; the plain two-id lookup
 *   json      mpr_decide_json of one line, mpr_evaluate_json of a
 *             one-activity proposal (work.c)
 *   parse     proposals of 100, 1,000 and 10,000 activities (work.c)
 *   diff      the decision space; mpr_diff of two default rulesets, and of
 *             two rulesets with one cell tightened, of the rules' own 51
 *             countries and of 195 (work.c)
 *   threads   decisions/s with 1 and 2 threads sharing one ruleset
 *   memory    heap bytes of the loaded ruleset, allocations per decision, peak RSS
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"

double bench_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return v[n / 2];
}

_Noreturn void bench_die(const char *what, const mpr_error *err)
{
	fprintf(stderr, "bench: %s: %s\n", what, err ? err->message : "failed");
	exit(2);
}

void bench_row(const char *what, double figure, const char *unit_fmt, ...)
{
	char unit[256];
	va_list ap;
	va_start(ap, unit_fmt);
	vsnprintf(unit, sizeof unit, unit_fmt, ap);
	va_end(ap);
	int decimals = figure >= 1000 ? 0 : figure >= 100 ? 1 : figure >= 10 ? 2 : 3;
	printf("%-46s %12.*f %s\n", what, decimals, figure, unit);
}

/* ------------------------------------------------------------------------ */
/* the inputs                                                                */

static unsigned next_rand(uint64_t *rng, unsigned n)
{
	*rng ^= *rng << 13;
	*rng ^= *rng >> 7;
	*rng ^= *rng << 17;
	return (unsigned)(*rng % n);
}

static char *copy(const char *s)
{
	char *c = strdup(s);
	if (!c)
		bench_die("inputs", NULL);
	return c;
}

bench_input *bench_inputs(const mpr_ruleset *rs, size_t n)
{
	uint64_t rng = 0x9E3779B97F4A7C15ULL;
	bench_input *in = calloc(n, sizeof *in);
	if (!in)
		bench_die("inputs", NULL);
	for (size_t i = 0; i < n; i++) {
		bench_input *x = &in[i];
		x->q.country = copy(rs->countries[next_rand(&rng, (unsigned)rs->n_countries)].n.id);
		x->q.measure = copy(rs->measures[next_rand(&rng, (unsigned)rs->n_measures)].n.id);
		size_t na = next_rand(&rng, BENCH_MAX_ATTR), ns = next_rand(&rng, BENCH_MAX_SG);
		for (size_t k = 0; k < na; k++)
			x->attrs[k] = copy(rs->attributes[next_rand(&rng, (unsigned)rs->n_attributes)].n.id);
		for (size_t k = 0; k < ns; k++)
			x->sgs[k] = copy(rs->safeguards[next_rand(&rng, (unsigned)rs->n_safeguards)].n.id);
		/* duplicates in a set are harmless for mpr_decide */
		x->q.attributes = x->attrs;
		x->q.n_attributes = na;
		x->q.safeguards = x->sgs;
		x->q.n_safeguards = ns;
		x->pair.country = x->q.country;
		x->pair.measure = x->q.measure;
	}
	return in;
}

void bench_inputs_free(bench_input *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)(uintptr_t)in[i].q.country);
		free((char *)(uintptr_t)in[i].q.measure);
		for (size_t k = 0; k < in[i].q.n_attributes; k++)
			free((char *)(uintptr_t)in[i].attrs[k]);
		for (size_t k = 0; k < in[i].q.n_safeguards; k++)
			free((char *)(uintptr_t)in[i].sgs[k]);
	}
	free(in);
}

/* ------------------------------------------------------------------------ */
/* load                                                                      */

static mpr_ruleset *section_load(const char *rules_dir, bench_results *r)
{
	mpr_ruleset *rs = NULL;
	mpr_error err;
	double t[31];
	for (int i = 0; i < 31; i++) {
		long long before = bench_live_bytes();
		double t0 = bench_now();
		if (mpr_ruleset_load(&rs, rules_dir, NULL, &err))
			bench_die("load", &err);
		t[i] = (bench_now() - t0) * 1e3;
		r->ruleset_bytes = bench_live_bytes() - before;
		if (i < 30)
			mpr_ruleset_free(rs);
	}
	double median = bench_median(t, 31);
	r->load_ms = t[0]; /* sorted: the best run, as libyaml's below */
	size_t events;
	double libyaml_median;
	r->libyaml_ms = libyaml_parse_ms(rules_dir, 31, &events, &libyaml_median);
	printf("mprisk %s benchmark (rules %s)\n\n", mpr_version(), mpr_ruleset_fingerprint(rs));
	printf("%-46s %12s %s\n", "what", "figure", "unit");
	bench_row("load: rules/default", r->load_ms, "ms (best of 31; median %.3f)", median);
	bench_row("load: libyaml alone, the same files", r->libyaml_ms,
	          "ms (best of 31; median %.3f; %zu events, no tree)", libyaml_median, events);
	return rs;
}

/* ------------------------------------------------------------------------ */
/* decide and the baselines                                                  */

/* The best of 5 runs over every input: mpr_decide with the mixed query
 * (pair 0) or the country and measure alone (pair 1). */
static double decide_ns(mpr_activity *a, bench_input *in, int pair, int trace,
                        unsigned long *sum, unsigned long *allocs)
{
	double best = 1e30;
	for (int rep = 0; rep < 5; rep++) {
		unsigned long a0 = bench_allocs();
		double t0 = bench_now();
		for (size_t i = 0; i < BENCH_QUERIES; i++) {
			mpr_query *q = pair ? &in[i].pair : &in[i].q;
			q->no_trace = !trace;
			if (mpr_decide(a, q, NULL))
				bench_die("decide", NULL);
			*sum += mpr_activity_verdict(a);
		}
		double ns = (bench_now() - t0) * 1e9 / BENCH_QUERIES;
		*allocs += bench_allocs() - a0;
		if (ns < best)
			best = ns;
	}
	return best;
}

static double baseline_ns(const flat_baseline *flat, const plain_lookup *plain,
                          const bench_input *in, unsigned long *sum)
{
	double best = 1e30;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = bench_now();
		for (size_t i = 0; i < BENCH_QUERIES; i++) {
			if (flat)
				*sum += flat_decide(flat, &in[i].q);
			else
				*sum += (unsigned long)plain_find(plain, in[i].pair.country,
				                                  in[i].pair.measure)->verdict;
		}
		double ns = (bench_now() - t0) * 1e9 / BENCH_QUERIES;
		if (ns < best)
			best = ns;
	}
	return best;
}

static void section_decide(const mpr_ruleset *rs, mpr_activity *a, bench_input *in,
                           bench_results *r)
{
	unsigned long allocs = 0;
	double trace = decide_ns(a, in, 0, 1, &r->sum, &allocs);
	double plain = decide_ns(a, in, 0, 0, &r->sum, &allocs);
	r->decide_pair_ns = decide_ns(a, in, 1, 1, &r->sum, &allocs);
	r->allocs_per_decision = (double)allocs / (15.0 * BENCH_QUERIES);
	flat_baseline *flat = flat_build(rs);
	plain_lookup *pl = plain_build(rs);
	double flat_ns = baseline_ns(flat, NULL, in, &r->sum);
	r->plain_ns = baseline_ns(NULL, pl, in, &r->sum);
	flat_free(flat);
	plain_free(pl);
	bench_row("decide: mixed query, with trace", trace, "ns/decision (%.2f M/s)", 1e3 / trace);
	bench_row("decide: mixed query, without trace", plain, "ns/decision (%.2f M/s)",
	          1e3 / plain);
	bench_row("baseline: flat arrays by every id", flat_ns, "ns/decision (%.2f M/s)",
	          1e3 / flat_ns);
	bench_row("decide / flat arrays, with trace", trace / flat_ns, "x the baseline's time");
	bench_row("decide: country and measure, with trace", r->decide_pair_ns,
	          "ns/decision (%.2f M/s)", 1e3 / r->decide_pair_ns);
	bench_row("baseline: plain two-id lookup", r->plain_ns, "ns/decision (%.2f M/s)",
	          1e3 / r->plain_ns);
}

/* ------------------------------------------------------------------------ */
/* threads                                                                   */

/* padded to a cache line each, so the threads share nothing they write */
typedef struct thread_job {
	const mpr_ruleset *rules;
	const bench_input *in;
	unsigned long sum;
	char pad[64];
} thread_job;

static void *thread_decide(void *arg)
{
	thread_job *j = arg;
	mpr_activity *a;
	mpr_error err;
	if (mpr_activity_new(&a, j->rules, &err))
		bench_die("activity", &err);
	unsigned long sum = 0; /* local: writing j->sum in the loop would share a line */
	for (size_t i = 0; i < BENCH_QUERIES; i++) {
		if (mpr_decide(a, &j->in[i].q, &err))
			bench_die("decide", &err);
		sum += mpr_activity_verdict(a);
	}
	j->sum = sum;
	mpr_activity_free(a);
	return NULL;
}

static double threads_rate(const mpr_ruleset *rs, const bench_input *in, int threads)
{
	pthread_t t[2];
	thread_job jobs[2];
	double best = 0;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = bench_now();
		for (int i = 0; i < threads; i++) {
			jobs[i] = (thread_job){rs, in, 0, {0}};
			pthread_create(&t[i], NULL, thread_decide, &jobs[i]);
		}
		for (int i = 0; i < threads; i++)
			pthread_join(t[i], NULL);
		double rate = (double)BENCH_QUERIES * threads / (bench_now() - t0);
		if (rate > best)
			best = rate;
	}
	return best;
}

static void section_threads(const mpr_ruleset *rs, const bench_input *in)
{
	double r1 = threads_rate(rs, in, 1), r2 = threads_rate(rs, in, 2);
	bench_row("threads: 1", r1 / 1e6, "M decisions/s");
	bench_row("threads: 2", r2 / 1e6, "M decisions/s (%.2f x 1 thread)", r2 / r1);
}

/* ------------------------------------------------------------------------ */

static void targets(const bench_results *r)
{
	static const char *const paired[3] = {"decide with trace / plain lookup",
	                                      "mpr_decide_json / plain lookup",
	                                      "mpr_evaluate_json, 1 activity / plain lookup"};
	static const int limit[3] = {4, 50, 150};
	printf("\ntargets (ratios of this run)                   figure target\n");
	for (int t = 0; t < 3; t++)
		printf("%-46s %10.1f x  <= %-4d (median of paired rounds, %.1f-%.1f)\n", paired[t],
		       r->ratio[t][0], limit[t], r->ratio[t][1], r->ratio[t][2]);
	printf("%-46s %10.1f x  <= 25\n", "load / libyaml alone", r->load_ms / r->libyaml_ms);
	printf("%-46s %10.2f x  ~1 (linear)\n", "parse per activity, 10,000 / 100",
	       r->parse_us[2] / r->parse_us[0]);
	printf("%-46s %10.2f x  ~1 (linear)\n", "diff per decision pair, 195 / 51 countries",
	       r->diff_pair_ns[1] / r->diff_pair_ns[0]);
	printf("%-46s %10.3f    0\n", "allocations per decision", r->allocs_per_decision);
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	char rules_dir[4096];
	snprintf(rules_dir, sizeof rules_dir, "%s/rules/default", root);
	bench_results r = {0};
	mpr_error err;
	mpr_ruleset *rs = section_load(rules_dir, &r);
	bench_input *in = bench_inputs(rs, BENCH_QUERIES);
	mpr_activity *a;
	if (mpr_activity_new(&a, rs, &err))
		bench_die("activity", &err);
	section_decide(rs, a, in, &r);
	section_json(rs, a, in, &r);
	section_ratios(rs, a, in, &r);
	section_proposals(rs, root);
	section_parse(rs, &r);
	section_diff(rs, a, rules_dir, &r);
	section_threads(rs, in);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	bench_row("memory: heap of the loaded ruleset", (double)r.ruleset_bytes, "bytes");
	bench_row("memory: allocations per decision", r.allocs_per_decision, "(target 0)");
	bench_row("memory: peak RSS of this benchmark", (double)ru.ru_maxrss, "KiB");
	targets(&r);
	printf("\n(checksum %lu)\n", r.sum);
	mpr_activity_free(a);
	bench_inputs_free(in, BENCH_QUERIES);
	mpr_ruleset_free(rs);
	return 0;
}
