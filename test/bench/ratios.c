/*
 * ratios.c - the targets of docs/performance.md that are multiples of the
 * plain two-id lookup, measured in paired rounds: each round times the
 * lookup and then mpr_decide, mpr_decide_json and mpr_evaluate_json, one
 * after the other within a few milliseconds (each on its second pass, its
 * data in the caches, timed in CPU time of this thread), and divides each
 * by the lookup of its own round; the ratio printed is the median of the
 * rounds, with their range.
 *
 * Why not divide the best figures of the table: on a shared machine the
 * speed moves between the sections of one run (the lookup alone read
 * 54 ns in one run and 265 ns in the next minute), so two best figures
 * taken seconds apart moved a ratio by a factor of three. Two figures
 * taken together see the same machine; the median drops the rounds a
 * neighbour's burst split.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

#define ROUNDS 15
#define ROUND_QUERIES 20000 /* lookups and decisions per round, about 1 and 4 ms */
#define ROUND_LINES 500     /* --jsonl lines per round, about 1 ms */
#define ROUND_TEXTS 250     /* one-activity proposals per round, about 2 ms */

/* Seconds of CPU this thread has used: a round's windows are a few
 * milliseconds, shorter than the slices the kernel shares a busy core in,
 * so wall-clock time would charge one side or the other with the time a
 * neighbour ran. */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct round_inputs {
	char pairs[ROUND_LINES][512];
	char texts[ROUND_TEXTS][512];
} round_inputs;

static double plain_ns(const plain_lookup *pl, const bench_input *in, unsigned long *sum)
{
	double t0 = cpu_now();
	for (size_t i = 0; i < ROUND_QUERIES; i++)
		*sum += (unsigned long)plain_find(pl, in[i].pair.country, in[i].pair.measure)->verdict;
	return (cpu_now() - t0) * 1e9 / ROUND_QUERIES;
}

static double decide_ns(mpr_activity *a, bench_input *in, unsigned long *sum)
{
	double t0 = cpu_now();
	for (size_t i = 0; i < ROUND_QUERIES; i++) {
		in[i].pair.no_trace = 0;
		if (mpr_decide(a, &in[i].pair, NULL))
			bench_die("decide", NULL);
		*sum += mpr_activity_verdict(a);
	}
	return (cpu_now() - t0) * 1e9 / ROUND_QUERIES;
}

static double decide_json_ns(mpr_activity *a, const round_inputs *ri)
{
	mpr_error err;
	double t0 = cpu_now();
	for (size_t i = 0; i < ROUND_LINES; i++) {
		char *out;
		size_t len;
		if (mpr_decide_json(a, ri->pairs[i], strlen(ri->pairs[i]), "<bench>", (unsigned)i + 1,
		                    &out, &len, &err))
			bench_die("mpr_decide_json", &err);
		free(out);
	}
	return (cpu_now() - t0) * 1e9 / ROUND_LINES;
}

static double evaluate_json_ns(const mpr_ruleset *rs, const round_inputs *ri)
{
	mpr_error err;
	double t0 = cpu_now();
	for (size_t i = 0; i < ROUND_TEXTS; i++) {
		char *out;
		size_t len;
		if (mpr_evaluate_json(rs, ri->texts[i], strlen(ri->texts[i]), "<bench>", &out, &len, &err))
			bench_die("mpr_evaluate_json", &err);
		free(out);
	}
	return (cpu_now() - t0) * 1e9 / ROUND_TEXTS;
}

void section_ratios(const mpr_ruleset *rs, mpr_activity *a, bench_input *in, bench_results *r)
{
	round_inputs *ri = malloc(sizeof *ri);
	plain_lookup *pl = plain_build(rs);
	if (!ri || !pl)
		bench_die("paired rounds", NULL);
	bench_jsonl_lines(in, ROUND_LINES, ri->pairs, NULL);
	for (size_t i = 0; i < ROUND_TEXTS; i++)
		if (synth_one_activity(ri->texts[i], sizeof ri->texts[i], in[i].q.country,
		                       in[i].q.measure) < 0)
			bench_die("one-activity proposal", NULL);
	double ratio[3][ROUNDS];
	for (int k = 0; k < ROUNDS; k++) {
		/* each timed on its second pass, with its data in the caches as it
		 * is in a loop of its own: the lookup's 20,000 queries would
		 * otherwise be read back from memory after the other three */
		plain_ns(pl, in, &r->sum);
		double plain = plain_ns(pl, in, &r->sum);
		decide_ns(a, in, &r->sum);
		double decide = decide_ns(a, in, &r->sum);
		decide_json_ns(a, ri);
		double djson = decide_json_ns(a, ri);
		evaluate_json_ns(rs, ri);
		double ejson = evaluate_json_ns(rs, ri);
		ratio[0][k] = decide / plain;
		ratio[1][k] = djson / plain;
		ratio[2][k] = ejson / plain;
	}
	for (int t = 0; t < 3; t++) {
		r->ratio[t][0] = bench_median(ratio[t], ROUNDS); /* sorts */
		r->ratio[t][1] = ratio[t][0];
		r->ratio[t][2] = ratio[t][ROUNDS - 1];
	}
	plain_free(pl);
	free(ri);
}
