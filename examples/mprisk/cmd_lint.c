/*
 * cmd_lint.c - `mprisk lint`: load a ruleset with every check, print its
 * summary, and warn about what a review should look at (stale assessments
 * and evidence, unused safeguards and attributes, measures and countries no
 * rule test exercises), with notes on unknown values.
 */
#include <limits.h>
#include <stddef.h>

#include "cli.h"

typedef struct lint_opts {
	const char *rules, *today, *tests, *output;
	int strict;
} lint_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(lint_opts),
	{CLI_SWITCH, "strict", 0, NULL, offsetof(lint_opts, strict), N_("any warning fails (exit 1)")},
	{CLI_VALUE, "today", 0, "YYYY-MM-DD", offsetof(lint_opts, today),
	 N_("check staleness as of this date instead of today")},
	{CLI_VALUE, "tests", 0, "DIR", offsetof(lint_opts, tests),
	 N_("the rule tests that must exercise every measure and country "
	 "(default: the tests directory beside the rules)")},
	CLI_OPT_OUTPUT(lint_opts),
	CLI_OPT_END,
};

/* The summary, the tests used and the findings, into out; counts gets how
 * many errors (the command fails), warnings (it fails with --strict) and
 * notes there are. */
static int lint(const lint_opts *o, const mpr_ruleset *rules, const char *tests, cli_out *out,
                mpr_lint_counts *counts)
{
	char *text;
	size_t len;
	mpr_error err;
	mpr_render_options ro;
	int st = cli_render_options(rules, NULL, &ro);
	if (st)
		return st;
	if (mpr_render_summary_v2(rules, &ro, &text, &len, &err) != MPR_OK)
		return cli_fail(&err);
	cli_out_take(out, text, len);
	mpr_coverage *cov = NULL;
	if (tests) {
		size_t p, f;
		if (mpr_coverage_new(&cov, rules, &err) != MPR_OK) {
			st = cli_fail(&err);
		} else {
			const char *paths[] = {tests};
			st = cli_run_tests(rules, paths, 1, cov, NULL, &p, &f);
		}
	}
	char today[16];
	if (!st && mpr_lint_v3(rules, cli_today(o->today, today, sizeof today), cov, ro.lang, &text,
	                       &len, counts, &err) != MPR_OK)
		st = cli_fail(&err);
	mpr_coverage_free(cov);
	if (st)
		return st;
	char shown[PATH_MAX * 4 + 8]; /* a path as the library shows input text: one line */
	mpr_text_visible(shown, sizeof shown, tests ? tests : cli_tr("none found (use --tests DIR)"));
	cli_out_printf(out, cli_tr("  rule tests: %s\n"), shown);
	if (counts->errors == 1)
		cli_out_printf(out, "%s", cli_tr("  1 error\n"));
	else if (counts->errors)
		cli_out_printf(out, cli_tr("  %zu errors\n"), counts->errors);
	if (counts->warnings == 1)
		cli_out_printf(out, "%s", cli_tr("  1 warning\n"));
	else
		cli_out_printf(out, cli_tr("  %zu warnings\n"), counts->warnings);
	cli_out_take(out, text, len);
	return 0;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const lint_opts *o = opts;
	if (n)
		return cli_usage(cmd, "takes no argument, found '%s'", args[0]);
	char rbuf[PATH_MAX + 32], tbuf[PATH_MAX + 64];
	const char *dir = cli_rules_dir(o->rules, rbuf, sizeof rbuf);
	const char *tests = o->tests ? o->tests : cli_tests_beside(dir, tbuf, sizeof tbuf);
	mpr_ruleset *rules = NULL;
	cli_out out = {0};
	mpr_lint_counts counts = {0, 0, 0};
	int st = cli_rules_load(dir, &rules);
	if (!st)
		st = lint(o, rules, tests, &out, &counts);
	st = cli_out_write(&out, st, o->output, 0);
	mpr_ruleset_free(rules);
	if (st)
		return st;
	return cli_rules_note(o->rules,
	                      counts.errors || (o->strict && counts.warnings) ? CLI_FAILS : CLI_PASS);
}

const cli_cmd cmd_lint = {"lint", run, N_("load and check a ruleset, with warnings and notes"),
	options, sizeof(lint_opts), "", NULL,
	N_("0 the ruleset loads with no error; 1 an error (an unreadable treaty status, a rule text "
	   "left untranslated), or --strict and a warning; 2 usage or input error")};
