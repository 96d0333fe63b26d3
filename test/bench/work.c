/*
 * work.c - the sections of `make bench` beyond single decisions: JSON in and
 * out, the example proposals, parsing large proposals, the decision space
 * and the diff, the matrix. Each prints its rows and leaves what the
 * targets need in bench_results.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "decide/decide.h"

#define N_LINES 2000

/* The best of 5 runs of mpr_decide_json over lines: ns per line. */
static double decide_json_ns(mpr_activity *a, char (*lines)[512], size_t n)
{
	mpr_error err;
	double best = 1e30;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = bench_now();
		for (size_t i = 0; i < n; i++) {
			char *out;
			size_t len;
			if (mpr_decide_json(a, lines[i], strlen(lines[i]), "<bench>", (unsigned)i + 1, &out,
			                    &len, &err))
				bench_die("mpr_decide_json", &err);
			free(out);
		}
		double ns = (bench_now() - t0) * 1e9 / (double)n;
		if (ns < best)
			best = ns;
	}
	return best;
}

/* The same decisions as the plain lookup's (country and measure), and the
 * mixed ones with their declared safeguards (mixed may be NULL), as
 * --jsonl lines. */
void bench_jsonl_lines(const bench_input *in, size_t n, char (*pairs)[512], char (*mixed)[512])
{
	for (size_t i = 0; i < n; i++) {
		const mpr_query *q = &in[i].q;
		snprintf(pairs[i], 512, "{\"id\": \"a%zu\", \"country\": \"%s\", \"measure\": \"%s\"}\n",
		         i, q->country, q->measure);
		if (!mixed)
			continue;
		int w = snprintf(mixed[i], 512,
		                 "{\"id\": \"a%zu\", \"country\": \"%s\", \"measure\": \"%s\", "
		                 "\"safeguards\": [",
		                 i, q->country, q->measure);
		for (size_t k = 0; k < q->n_safeguards && w > 0 && w < 512; k++)
			w += snprintf(mixed[i] + w, 512 - (size_t)w, "%s\"%s\"", k ? ", " : "", in[i].sgs[k]);
		if (w > 0 && w < 512)
			snprintf(mixed[i] + w, 512 - (size_t)w, "]}\n");
	}
}

static double evaluate_json_ns(const mpr_ruleset *rs, const bench_input *in, size_t n)
{
	static char text[N_LINES][512];
	mpr_error err;
	for (size_t i = 0; i < n; i++)
		if (synth_one_activity(text[i], sizeof text[i], in[i].q.country, in[i].q.measure) < 0)
			bench_die("one-activity proposal", NULL);
	double best = 1e30;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = bench_now();
		for (size_t i = 0; i < n; i++) {
			char *out;
			size_t len;
			if (mpr_evaluate_json(rs, text[i], strlen(text[i]), "<bench>", &out, &len, &err))
				bench_die("mpr_evaluate_json", &err);
			free(out);
		}
		double ns = (bench_now() - t0) * 1e9 / (double)n;
		if (ns < best)
			best = ns;
	}
	return best;
}

void section_json(const mpr_ruleset *rs, mpr_activity *a, const bench_input *in,
                  bench_results *r)
{
	static char pairs[N_LINES][512], mixed[N_LINES][512];
	bench_jsonl_lines(in, N_LINES, pairs, mixed);
	r->decide_json_ns = decide_json_ns(a, pairs, N_LINES);
	double mixed_ns = decide_json_ns(a, mixed, N_LINES);
	r->evaluate_json_ns = evaluate_json_ns(rs, in, N_LINES / 2);
	bench_row("json: mpr_decide_json, country and measure", r->decide_json_ns / 1e3,
	          "us/line (%.0f lines/s)", 1e9 / r->decide_json_ns);
	bench_row("json: mpr_decide_json, with safeguards", mixed_ns / 1e3,
	          "us/line (%.0f lines/s)", 1e9 / mixed_ns);
	bench_row("json: mpr_evaluate_json, one activity", r->evaluate_json_ns / 1e3,
	          "us/proposal (trace, findings, remedies, plan)");
}

/* ------------------------------------------------------------------------ */

static double proposal_us(const mpr_ruleset *rs, const char *path, const char *buf, size_t len)
{
	mpr_error err;
	double t[101];
	for (int i = 0; i < 101; i++) {
		double t0 = bench_now();
		mpr_proposal *p;
		mpr_result *res;
		char *out;
		if (mpr_proposal_parse_buffer(&p, rs, buf, len, path, NULL, &err) ||
		    mpr_evaluate(&res, rs, p, &err) ||
		    mpr_render_result(res, MPR_FORMAT_JSON, &out, NULL, &err))
			bench_die(path, &err);
		free(out);
		mpr_result_free(res);
		mpr_proposal_free(p);
		t[i] = (bench_now() - t0) * 1e6;
	}
	return bench_median(t, 101);
}

static int by_name(const struct dirent **x, const struct dirent **y)
{
	return strcmp((*x)->d_name, (*y)->d_name);
}

void section_proposals(const mpr_ruleset *rs, const char *root)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/examples/proposals", root);
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);
	for (int k = 0; k < n; k++) {
		const char *name = names[k]->d_name;
		size_t nl = strlen(name);
		if (nl > 5 && strcmp(name + nl - 5, ".yaml") == 0) {
			char path[8192], buf[65536], label[300];
			snprintf(path, sizeof path, "%s/%s", dir, name);
			FILE *f = fopen(path, "rb");
			size_t len = f ? fread(buf, 1, sizeof buf, f) : 0;
			if (f)
				fclose(f);
			snprintf(label, sizeof label, "proposal: %s", name);
			bench_row(label, proposal_us(rs, path, buf, len), "us parse+evaluate+render JSON");
		}
		free(names[k]);
	}
	if (n >= 0)
		free(names);
}

/* ------------------------------------------------------------------------ */

void section_parse(const mpr_ruleset *rs, bench_results *r)
{
	static const size_t sizes[3] = {100, 1000, 10000};
	static const int repeats[3] = {31, 11, 5};
	for (int k = 0; k < 3; k++) {
		size_t len;
		char *text = synth_proposal(rs, sizes[k], &len);
		double t[31];
		for (int i = 0; i < repeats[k]; i++) {
			mpr_error err;
			mpr_proposal *p;
			double t0 = bench_now();
			if (mpr_proposal_parse_buffer(&p, rs, text, len, "<bench>", NULL, &err))
				bench_die("parse", &err);
			t[i] = (bench_now() - t0) * 1e3;
			mpr_proposal_free(p);
		}
		double ms = bench_median(t, (size_t)repeats[k]);
		r->parse_us[k] = ms * 1e3 / (double)sizes[k];
		char label[64];
		snprintf(label, sizeof label, "parse: %zu activities", sizes[k]);
		bench_row(label, ms, "ms (%.2f us per activity)", r->parse_us[k]);
		free(text);
	}
}

/* ------------------------------------------------------------------------ */

/* The decision pairs mpr_diff compares when both rulesets know the same
 * countries, measures, attributes and beneficiaries: every country x
 * measure, with no attribute and with each attribute or beneficiary, with
 * nothing and with the required safeguards declared. */
static double diff_pairs(const mpr_ruleset *rs)
{
	return (double)rs->n_countries * (double)rs->n_measures *
	       (double)(1 + rs->n_attributes + rs->n_beneficiaries) * 2;
}

static double diff_ms(const mpr_ruleset *old, const mpr_ruleset *new, int repeats)
{
	double t[5];
	for (int i = 0; i < repeats; i++) {
		char *out;
		size_t unjustified;
		mpr_error err;
		double t0 = bench_now();
		if (mpr_diff(old, new, MPR_FORMAT_TEXT, &out, NULL, &unjustified, &err))
			bench_die("diff", &err);
		t[i] = (bench_now() - t0) * 1e3;
		free(out);
	}
	return bench_median(t, (size_t)repeats);
}

static void space(const mpr_ruleset *rs, mpr_activity *a, bench_results *r)
{
	double t0 = bench_now();
	size_t n = 0;
	mpr_decision d = {.trace = a->storage};
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++)
			for (size_t at = 0; at <= rs->n_attributes; at++) {
				mpr_substance s = mpr_substance_of((int)c, (int)m, at ? (mpr_set)1 << (at - 1) : 0);
				mpr_decide_at(rs, &s, 0, &d);
				mpr_decide_at(rs, &s, d.required, &d);
				r->sum += d.verdict;
				n += 2;
			}
	bench_row("space: whole decision space", (bench_now() - t0) * 1e3, "ms for %zu decisions", n);
}

/* Two rulesets of n_countries countries (synth.c; 0: the rules' own), the
 * second with one rule change: ns per decision pair. */
static double diff_tightened(const char *rules_dir, size_t n_countries)
{
	const char *tmp = getenv("TMPDIR");
	char base[4096], old_dir[4200], new_dir[4200];
	snprintf(base, sizeof base, "%s/mprisk-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(base))
		bench_die("a temporary directory", NULL);
	snprintf(old_dir, sizeof old_dir, "%s/old", base);
	snprintf(new_dir, sizeof new_dir, "%s/new", base);
	mpr_error err;
	mpr_ruleset *old = NULL, *new = NULL;
	if (synth_rules(rules_dir, old_dir, n_countries, 0) ||
	    synth_rules(rules_dir, new_dir, n_countries, 1))
		bench_die("synthetic rules", NULL);
	if (mpr_ruleset_load(&old, old_dir, NULL, &err) || mpr_ruleset_load(&new, new_dir, NULL, &err))
		bench_die("synthetic rules", &err);
	double ms = diff_ms(old, new, 3), ns = ms * 1e6 / diff_pairs(new);
	char label[64];
	snprintf(label, sizeof label, "diff: %zu countries, one cell tightened", new->n_countries);
	bench_row(label, ms, "ms (%.0f decision pairs, %.0f ns each)", diff_pairs(new), ns);
	mpr_ruleset_free(old);
	mpr_ruleset_free(new);
	synth_rules_remove(old_dir);
	synth_rules_remove(new_dir);
	synth_rules_remove(base);
	return ns;
}

void section_diff(const mpr_ruleset *rs, mpr_activity *a, const char *rules_dir,
                  bench_results *r)
{
	space(rs, a, r);
	mpr_error err;
	mpr_ruleset *rs2;
	if (mpr_ruleset_load(&rs2, rules_dir, NULL, &err))
		bench_die("load", &err);
	double ms = diff_ms(rs, rs2, 5);
	bench_row("diff: two default rulesets, the same", ms, "ms (%.0f decision pairs, %.0f ns each)",
	          diff_pairs(rs), ms * 1e6 / diff_pairs(rs));
	mpr_ruleset_free(rs2);
	r->diff_pair_ns[0] = diff_tightened(rules_dir, 0);
	r->diff_pair_ns[1] = diff_tightened(rules_dir, 195);
	char *out;
	double t0 = bench_now();
	if (mpr_render_matrix(rs, MPR_FORMAT_JSON, &out, NULL, &err))
		bench_die("matrix", &err);
	bench_row("matrix: render JSON of every decision", (bench_now() - t0) * 1e3, "ms");
	free(out);
}
