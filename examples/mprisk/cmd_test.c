/*
 * cmd_test.c - `mprisk test`: run rule tests (the *.yaml files of rules/tests; format in
 * docs/auditing.md) and report the rule coverage; also the test runner
 * `mprisk lint` uses to find what no test exercises.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct test_opts {
	const char *rules, *lcov, *threshold, *output;
} test_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(test_opts),
	{CLI_VALUE, "lcov", 0, "FILE", offsetof(test_opts, lcov),
	 N_("also write the rule coverage to FILE as an lcov tracefile")},
	{CLI_VALUE, "coverage-threshold", 0, "P", offsetof(test_opts, threshold),
	 N_("fail when fewer than P percent (0..100) of the rule entries "
	 "were exercised")},
	CLI_OPT_OUTPUT(test_opts),
	CLI_OPT_END,
};

/* The test files of each path: a file itself, or a directory's *.yaml. */
static int test_files(const char *const *paths, size_t n, cli_list *files)
{
	static const char *const yaml[] = {".yaml", NULL};
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0)
			return cli_error(paths[i], "cannot read: %s", strerror(errno));
		int rc;
		if (S_ISDIR(st.st_mode))
			rc = cli_list_dir(paths[i], yaml, files);
		else
			rc = cli_list_add(files, paths[i]) ? cli_error(paths[i], "out of memory") : 0;
		if (rc)
			return rc;
	}
	return 0;
}

int cli_run_tests(const mpr_ruleset *rules, const char *const *paths, size_t n_paths,
                  mpr_coverage *cov, cli_out *report, size_t *passed, size_t *failed)
{
	*passed = *failed = 0;
	cli_list files = {0};
	int rc = test_files(paths, n_paths, &files);
	for (size_t k = 0; !rc && k < files.n; k++) {
		char *text;
		size_t len, p, f;
		mpr_error err;
		if (mpr_test_file(rules, files.v[k], NULL, cov, &text, &len, &p, &f, &err) != MPR_OK) {
			rc = cli_fail(&err);
			break;
		}
		*passed += p;
		*failed += f;
		if (report)
			cli_out_take(report, text, len);
		else
			free(text);
	}
	cli_list_free(&files);
	return rc;
}

static int write_lcov(const mpr_coverage *cov, const char *path)
{
	char *lcov;
	size_t len;
	mpr_error err;
	if (mpr_coverage_render_lcov(cov, &lcov, &len, &err) != MPR_OK)
		return cli_fail(&err);
	int st = cli_write_file(path, lcov, len);
	free(lcov);
	return st;
}

/* Run the tests into out; the verdict (CLI_PASS or CLI_FAILS) in *verdict. */
static int run_tests(const test_opts *o, double threshold, const mpr_ruleset *rules,
               const char *const *paths, size_t n, cli_out *out, int *verdict)
{
	mpr_coverage *cov;
	mpr_error err;
	if (mpr_coverage_new(&cov, rules, &err) != MPR_OK)
		return cli_fail(&err);
	size_t passed, failed;
	int st = cli_run_tests(rules, paths, n, cov, out, &passed, &failed);
	char *text;
	size_t len;
	if (!st && mpr_coverage_render_text(cov, &text, &len, &err) != MPR_OK)
		st = cli_fail(&err);
	else if (!st)
		cli_out_take(out, text, len);
	if (!st && o->lcov)
		st = write_lcov(cov, o->lcov);
	double pct = mpr_coverage_total(cov)
	                 ? 100.0 * (double)mpr_coverage_hit(cov) / (double)mpr_coverage_total(cov)
	                 : 100.0;
	mpr_coverage_free(cov);
	int below = threshold >= 0 && pct < threshold;
	if (below)
		cli_out_printf(out, "rule coverage %.1f%% is below the threshold %.1f%%\n", pct, threshold);
	cli_out_printf(out, "%zu passed, %zu failed\n", passed, failed);
	*verdict = failed || below ? CLI_FAILS : CLI_PASS;
	return st;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const test_opts *o = opts;
	double threshold = -1;
	if (o->threshold) {
		char *end;
		threshold = strtod(o->threshold, &end);
		if (*end || end == o->threshold || !(threshold >= 0 && threshold <= 100))
			return cli_usage(cmd, "--coverage-threshold needs a percentage 0..100, not '%s'",
			                 o->threshold);
	}
	/* both files are written at the end: a missing directory stops us first */
	int st = cli_out_check(o->output);
	if (!st)
		st = cli_out_check(o->lcov);
	if (st)
		return st;
	char rbuf[PATH_MAX + 32];
	/* beside[0] may point into tbuf after the if below: keep it at function scope */
	// cppcheck-suppress variableScope
	char tbuf[PATH_MAX + 64];
	const char *dir = cli_rules_dir(o->rules, rbuf, sizeof rbuf);
	const char *beside[] = {NULL};
	const char *const *paths = (const char *const *)args;
	if (n == 0) {
		beside[0] = cli_tests_beside(dir, tbuf, sizeof tbuf);
		if (!beside[0])
			return cli_usage(cmd, "no TESTDIR given and no tests directory beside %s", dir);
		paths = beside;
		n = 1;
	}
	mpr_ruleset *rules = NULL;
	cli_out out = {0};
	int verdict = CLI_PASS;
	st = cli_rules_load(dir, &rules);
	if (!st)
		st = run_tests(o, threshold, rules, paths, (size_t)n, &out, &verdict);
	st = cli_out_write(&out, st, o->output, 0);
	mpr_ruleset_free(rules);
	return cli_rules_note(o->rules, st ? st : verdict);
}

const cli_cmd cmd_test = {"test", run, N_("run rule tests and report the rule coverage"), options,
	sizeof(test_opts), "[TESTDIR|FILE...]",
	N_("Each FILE, or every *.yaml of a TESTDIR in name order; without either, the tests "
	   "directory beside the rules (rules/tests for rules/default)."),
	N_("0 every case passes; 1 a case failed or coverage is below --coverage-threshold; "
	   "2 usage or input error")};
