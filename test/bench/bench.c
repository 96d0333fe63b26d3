/*
 * bench.c - `make bench`: what decisions cost on this machine, as a table.
 *
 * A program, not a test: it prints figures and asserts nothing about time.
 * Allocations are counted through -Wl,--wrap (as in test_alloc.c) so that
 * "allocations per decision" is measured, not assumed.
 *
 *   load      loading and validating rules/default (median of repeats)
 *   decide    one decision by string ids on a reused mpr_activity, over a
 *             pre-generated random mix, with and without the trace
 *   baseline  the same decisions looked up in flat precomputed arrays by
 *             string id (a hash per id, then an array index): the physical
 *             limit for this input; the ratio decide/baseline is printed
 *   proposal  parse + evaluate + render JSON of each example proposal
 *   space     every country x measure x attribute x declaration decision
 *             (the matrix/diff workload), and mpr_diff of two default rulesets
 *   threads   decisions/s with 1 and 2 threads sharing one ruleset
 *   jsonl     mpr_decide_json throughput (what `evaluate --jsonl` does per line)
 *   memory    heap bytes of the loaded ruleset, allocations per decision, peak RSS
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "model.h"
#include "decide/decide.h"

/* ------------------------------------------------------------------------ */
/* counting allocator (bench only; single counters, read between phases)     */

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
void *__wrap_malloc(size_t);
void *__wrap_calloc(size_t, size_t);
void *__wrap_realloc(void *, size_t);
void __wrap_free(void *);
char *__wrap_strdup(const char *);

static unsigned long n_allocs;
static long long live_bytes;

void *__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);
	__atomic_add_fetch(&n_allocs, 1, __ATOMIC_RELAXED);
	if (p)
		__atomic_add_fetch(&live_bytes, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
	return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
	void *p = __real_calloc(n, m);
	__atomic_add_fetch(&n_allocs, 1, __ATOMIC_RELAXED);
	if (p)
		__atomic_add_fetch(&live_bytes, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
	return p;
}

void *__wrap_realloc(void *old, size_t n)
{
	long long before = old ? (long long)malloc_usable_size(old) : 0;
	void *p = __real_realloc(old, n);
	__atomic_add_fetch(&n_allocs, 1, __ATOMIC_RELAXED);
	if (p)
		__atomic_add_fetch(&live_bytes, (long long)malloc_usable_size(p) - before, __ATOMIC_RELAXED);
	return p;
}

void __wrap_free(void *p)
{
	if (p)
		__atomic_sub_fetch(&live_bytes, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
	__real_free(p);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* ------------------------------------------------------------------------ */

static double now(void)
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

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return v[n / 2];
}

static void die(const char *what, const mpr_error *err)
{
	fprintf(stderr, "bench: %s: %s\n", what, err ? err->message : "failed");
	exit(2);
}

#define N_QUERIES 200000
#define MAX_ATTR 3
#define MAX_SG 6

/* A query with its own copies of the id strings, as a caller would have. */
typedef struct input {
	mpr_query q;
	const char *attrs[MAX_ATTR];
	const char *sgs[MAX_SG];
} input;

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static unsigned next_rand(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static input *make_inputs(const mpr_ruleset *rs, size_t n)
{
	input *in = calloc(n, sizeof *in);
	if (!in)
		die("inputs", NULL);
	for (size_t i = 0; i < n; i++) {
		input *x = &in[i];
		x->q.country = strdup(rs->countries[next_rand((unsigned)rs->n_countries)].n.id);
		x->q.measure = strdup(rs->measures[next_rand((unsigned)rs->n_measures)].n.id);
		size_t na = next_rand(MAX_ATTR), ns = next_rand(MAX_SG);
		for (size_t k = 0; k < na; k++)
			x->attrs[k] = strdup(rs->attributes[next_rand((unsigned)rs->n_attributes)].n.id);
		for (size_t k = 0; k < ns; k++)
			x->sgs[k] = strdup(rs->safeguards[next_rand((unsigned)rs->n_safeguards)].n.id);
		/* duplicates in a set are harmless for mpr_decide */
		x->q.attributes = x->attrs;
		x->q.n_attributes = na;
		x->q.safeguards = x->sgs;
		x->q.n_safeguards = ns;
	}
	return in;
}

/* ------------------------------------------------------------------------ */
/* the baseline: flat arrays, looked up by string id                         */

typedef struct flat_index {
	const char **ids;
	int slots[128];
} flat_index;

static size_t fnv(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static void flat_build(flat_index *ix, const char **ids, size_t n)
{
	ix->ids = ids;
	memset(ix->slots, 0, sizeof ix->slots);
	for (size_t i = 0; i < n; i++) {
		size_t h = fnv(ids[i]) & 127;
		while (ix->slots[h])
			h = (h + 1) & 127;
		ix->slots[h] = (int)i + 1;
	}
}

static int flat_find(const flat_index *ix, const char *id)
{
	for (size_t h = fnv(id) & 127; ix->slots[h]; h = (h + 1) & 127)
		if (strcmp(ix->ids[ix->slots[h] - 1], id) == 0)
			return ix->slots[h] - 1;
	return -1;
}

typedef struct baseline {
	flat_index countries, measures, attributes, safeguards;
	size_t nc, nm, na;
	unsigned char *verdict; /* [c][m][attribute mask] */
	uint64_t *required;
	unsigned char *months;
} baseline;

static void baseline_build(baseline *b, const mpr_ruleset *rs)
{
	static const char *c_ids[256], *m_ids[256], *a_ids[64], *s_ids[64];
	b->nc = rs->n_countries;
	b->nm = rs->n_measures;
	b->na = rs->n_attributes;
	for (size_t i = 0; i < b->nc; i++)
		c_ids[i] = rs->countries[i].n.id;
	for (size_t i = 0; i < b->nm; i++)
		m_ids[i] = rs->measures[i].n.id;
	for (size_t i = 0; i < b->na; i++)
		a_ids[i] = rs->attributes[i].n.id;
	for (size_t i = 0; i < rs->n_safeguards; i++)
		s_ids[i] = rs->safeguards[i].n.id;
	flat_build(&b->countries, c_ids, b->nc);
	flat_build(&b->measures, m_ids, b->nm);
	flat_build(&b->attributes, a_ids, b->na);
	flat_build(&b->safeguards, s_ids, rs->n_safeguards);
	size_t masks = (size_t)1 << b->na, cells = b->nc * b->nm * masks;
	b->verdict = malloc(cells);
	b->required = malloc(cells * sizeof *b->required);
	b->months = malloc(cells);
	if (!b->verdict || !b->required || !b->months)
		die("baseline", NULL);
	mpr_decision d = {0};
	for (size_t c = 0; c < b->nc; c++)
		for (size_t m = 0; m < b->nm; m++)
			for (size_t a = 0; a < masks; a++) {
				mpr_decide_at(rs, &(mpr_substance){(int)c, (int)m, -1, false, a, -1, -1}, 0, &d);
				size_t k = (c * b->nm + m) * masks + a;
				b->verdict[k] = (unsigned char)d.verdict;
				b->required[k] = d.required;
				b->months[k] = (unsigned char)d.cell->months;
			}
}

/* The same answer as mpr_decide for everything but the floor rule F5, whose
 * outcome depends on the declared safeguards: the baseline is the limit, not
 * a second implementation. */
static unsigned baseline_decide(const baseline *b, const mpr_query *q, uint64_t *missing)
{
	int c = flat_find(&b->countries, q->country), m = flat_find(&b->measures, q->measure);
	size_t mask = 0;
	uint64_t declared = 0;
	for (size_t i = 0; i < q->n_attributes; i++)
		mask |= (size_t)1 << flat_find(&b->attributes, q->attributes[i]);
	for (size_t i = 0; i < q->n_safeguards; i++)
		declared |= (uint64_t)1 << flat_find(&b->safeguards, q->safeguards[i]);
	size_t k = ((size_t)c * b->nm + (size_t)m) * ((size_t)1 << b->na) + mask;
	*missing = b->required[k] & ~declared;
	return b->verdict[k] + b->months[k];
}

/* ------------------------------------------------------------------------ */

/* padded to a cache line each, so the threads share nothing they write */
typedef struct thread_job {
	const mpr_ruleset *rules;
	const input *in;
	size_t n;
	unsigned long sum;
	char pad[64];
} thread_job;

static void *thread_decide(void *arg)
{
	thread_job *j = arg;
	mpr_activity *a;
	mpr_error err;
	if (mpr_activity_new(&a, j->rules, &err))
		die("activity", &err);
	unsigned long sum = 0; /* local: writing j->sum in the loop would share a line */
	for (size_t i = 0; i < j->n; i++) {
		if (mpr_decide(a, &j->in[i].q, &err))
			die("decide", &err);
		sum += mpr_activity_verdict(a);
	}
	j->sum = sum;
	mpr_activity_free(a);
	return NULL;
}

static double threads_rate(const mpr_ruleset *rs, const input *in, size_t n, int threads)
{
	pthread_t t[8];
	thread_job jobs[8];
	double best = 0;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = now();
		for (int i = 0; i < threads; i++) {
			jobs[i] = (thread_job){rs, in, n, 0, {0}};
			pthread_create(&t[i], NULL, thread_decide, &jobs[i]);
		}
		for (int i = 0; i < threads; i++)
			pthread_join(t[i], NULL);
		double rate = (double)n * threads / (now() - t0);
		if (rate > best)
			best = rate;
	}
	return best;
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	char rules_dir[4096], dir[4096];
	snprintf(rules_dir, sizeof rules_dir, "%s/rules/default", root);
	mpr_error err;
	mpr_ruleset *rs = NULL;

	/* load */
	double t_load[31];
	long long bytes = 0;
	for (int i = 0; i < 31; i++) {
		long long before = live_bytes;
		double t0 = now();
		if (mpr_ruleset_load(&rs, rules_dir, NULL, &err))
			die("load", &err);
		t_load[i] = (now() - t0) * 1e3;
		bytes = live_bytes - before;
		if (i < 30)
			mpr_ruleset_free(rs);
	}
	double load_ms = median(t_load, 31);

	input *in = make_inputs(rs, N_QUERIES);
	mpr_activity *a;
	if (mpr_activity_new(&a, rs, &err))
		die("activity", &err);

	/* decide, with and without the trace */
	double ns_trace = 1e30, ns_plain = 1e30;
	unsigned long sum = 0, allocs_decide = 0;
	for (int rep = 0; rep < 5; rep++) {
		for (int trace = 1; trace >= 0; trace--) {
			unsigned long a0 = n_allocs;
			double t0 = now();
			for (size_t i = 0; i < N_QUERIES; i++) {
				in[i].q.no_trace = !trace;
				mpr_decide(a, &in[i].q, NULL);
				sum += mpr_activity_verdict(a);
			}
			double ns = (now() - t0) * 1e9 / N_QUERIES;
			allocs_decide += n_allocs - a0;
			if (trace && ns < ns_trace)
				ns_trace = ns;
			if (!trace && ns < ns_plain)
				ns_plain = ns;
		}
	}
	for (size_t i = 0; i < N_QUERIES; i++)
		in[i].q.no_trace = 0;

	/* baseline */
	baseline b;
	baseline_build(&b, rs);
	double ns_base = 1e30;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = now();
		uint64_t miss = 0;
		for (size_t i = 0; i < N_QUERIES; i++) {
			sum += baseline_decide(&b, &in[i].q, &miss);
			sum += (unsigned long)miss;
		}
		double ns = (now() - t0) * 1e9 / N_QUERIES;
		if (ns < ns_base)
			ns_base = ns;
	}

	/* proposals */
	printf("mprisk %s benchmark (rules %s)\n\n", mpr_version(), mpr_ruleset_fingerprint(rs));
	printf("%-44s %14s %s\n", "what", "figure", "unit");
	printf("%-44s %14.3f ms (median of 31)\n", "load: rules/default", load_ms);
	printf("%-44s %14.1f ns/decision (%.2f M/s)\n", "decide: with trace", ns_trace, 1e3 / ns_trace);
	printf("%-44s %14.1f ns/decision (%.2f M/s)\n", "decide: without trace", ns_plain, 1e3 / ns_plain);
	printf("%-44s %14.1f ns/decision (%.2f M/s)\n", "baseline: flat arrays by string id", ns_base,
	       1e3 / ns_base);
	printf("%-44s %14.2f x baseline speed (target >= 0.25)\n", "decide with trace / baseline",
	       ns_base / ns_trace);
	printf("%-44s %14.2f x baseline speed\n", "decide without trace / baseline", ns_base / ns_plain);

	snprintf(dir, sizeof dir, "%s/examples/proposals", root);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (!strstr(e->d_name, ".yaml"))
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		char buf[65536];
		size_t len = f ? fread(buf, 1, sizeof buf, f) : 0;
		if (f)
			fclose(f);
		double t[101];
		for (int i = 0; i < 101; i++) {
			double t0 = now();
			mpr_proposal *p;
			mpr_result *r;
			char *out;
			if (mpr_proposal_parse_buffer(&p, rs, buf, len, path, NULL, &err) ||
			    mpr_evaluate(&r, rs, p, &err) ||
			    mpr_render_result(r, MPR_FORMAT_JSON, &out, NULL, &err))
				die(path, &err);
			free(out);
			mpr_result_free(r);
			mpr_proposal_free(p);
			t[i] = (now() - t0) * 1e6;
		}
		char label[300];
		snprintf(label, sizeof label, "proposal: %s", e->d_name);
		printf("%-44s %14.1f us parse+evaluate+render JSON\n", label, median(t, 101));
	}
	if (d)
		closedir(d);

	/* the decision space and the diff */
	double t0 = now();
	size_t n_space = 0;
	mpr_decision sd = {.trace = a->storage};
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++)
			for (size_t at = 0; at <= rs->n_attributes; at++) {
				mpr_set attrs = at ? (mpr_set)1 << (at - 1) : 0;
				mpr_decide_at(rs, &(mpr_substance){(int)c, (int)m, -1, false, attrs, -1, -1}, 0, &sd);
				mpr_decide_at(rs, &(mpr_substance){(int)c, (int)m, -1, false, attrs, -1, -1}, sd.required, &sd);
				sum += sd.verdict;
				n_space += 2;
			}
	double space_ms = (now() - t0) * 1e3;
	printf("%-44s %14.3f ms for %zu decisions\n", "space: whole decision space", space_ms, n_space);
	mpr_ruleset *rs2;
	if (mpr_ruleset_load(&rs2, rules_dir, NULL, &err))
		die("load", &err);
	double td[5];
	for (int i = 0; i < 5; i++) {
		char *out;
		size_t u;
		t0 = now();
		if (mpr_diff(rs, rs2, MPR_FORMAT_TEXT, &out, NULL, &u, &err))
			die("diff", &err);
		td[i] = (now() - t0) * 1e3;
		free(out);
	}
	printf("%-44s %14.3f ms (target <= 100)\n", "diff: two default rulesets (loaded)", median(td, 5));
	mpr_ruleset_free(rs2);
	{
		char *out;
		double tm = now();
		if (mpr_render_matrix(rs, MPR_FORMAT_JSON, &out, NULL, &err))
			die("matrix", &err);
		printf("%-44s %14.3f ms\n", "matrix: render JSON of every decision", (now() - tm) * 1e3);
		free(out);
	}

	/* threads */
	double r1 = threads_rate(rs, in, N_QUERIES, 1), r2 = threads_rate(rs, in, N_QUERIES, 2);
	printf("%-44s %14.2f M decisions/s\n", "threads: 1", r1 / 1e6);
	printf("%-44s %14.2f M decisions/s (%.2f x 1 thread; target >= 1.8)\n", "threads: 2", r2 / 1e6,
	       r2 / r1);

	/* jsonl */
	{
		static char lines[2000][512];
		size_t n_lines = 2000;
		for (size_t i = 0; i < n_lines; i++) {
			const input *x = &in[i];
			int w = snprintf(lines[i], sizeof lines[i],
			                 "{\"id\": \"a%zu\", \"country\": \"%s\", \"measure\": \"%s\", "
			                 "\"safeguards\": [",
			                 i, x->q.country, x->q.measure);
			for (size_t k = 0; k < x->q.n_safeguards && w > 0 && (size_t)w < sizeof lines[i]; k++)
				w += snprintf(lines[i] + w, sizeof lines[i] - (size_t)w, "%s\"%s\"", k ? ", " : "",
				              x->sgs[k]);
			if (w > 0 && (size_t)w < sizeof lines[i])
				snprintf(lines[i] + w, sizeof lines[i] - (size_t)w, "]}\n");
		}
		double best = 1e30;
		for (int rep = 0; rep < 5; rep++) {
			t0 = now();
			for (size_t i = 0; i < n_lines; i++) {
				char *out;
				size_t len;
				if (mpr_decide_json(a, lines[i], strlen(lines[i]), "<bench>", (unsigned)i + 1, &out,
				                    &len, &err))
					die("jsonl", &err);
				free(out);
			}
			double us = (now() - t0) * 1e6 / (double)n_lines;
			if (us < best)
				best = us;
		}
		printf("%-44s %14.2f us/line (%.0f lines/s)\n", "jsonl: mpr_decide_json per line", best,
		       1e6 / best);
	}

	/* memory */
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%-44s %14lld bytes\n", "memory: heap of the loaded ruleset", bytes);
	printf("%-44s %14.3f (target 0)\n", "memory: allocations per decision",
	       (double)allocs_decide / (10.0 * N_QUERIES));
	printf("%-44s %14ld KiB\n", "memory: peak RSS of this benchmark", ru.ru_maxrss);
	printf("\n(checksum %lu)\n", sum);
	mpr_activity_free(a);
	mpr_ruleset_free(rs);
	return 0;
}
