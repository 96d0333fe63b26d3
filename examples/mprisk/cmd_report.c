/*
 * cmd_report.c - `mprisk report --format html -o FILE`: one self-contained
 * HTML page for people: the heatmap of the rules, each proposal's
 * decisions, findings and monitoring plan, every country's tier and
 * sources. --format html is required so that other formats can follow;
 * -o is required because a page is a file (-o - writes it to stdout).
 */
#include <stddef.h>

#include "cli.h"

typedef struct report_opts {
	const char *rules, *format, *output;
} report_opts;

const cli_opt cmd_report_opts[] = {
	CLI_OPT_RULES(report_opts),
	{CLI_CHOICE, "format", 0, "html", offsetof(report_opts, format), N_("html (required)")},
	{CLI_VALUE, "output", 'o', "FILE", offsetof(report_opts, output),
	 N_("write the page to FILE (required), whole or not at all; - : "
	 "standard output")},
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

int cmd_report(const cli_cmd *cmd, int argc, char **argv)
{
	report_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (!o.format)
		return cli_usage(cmd, "needs --format html");
	if (!o.output)
		return cli_usage(cmd, "needs -o FILE (- for standard output)");
	mpr_ruleset *rules = NULL;
	cli_proposals p = {0};
	mpr_render_options ro = MPR_RENDER_OPTIONS_INIT;
	st = cli_rules_open(o.rules, &rules, &ro);
	if (!st)
		st = cli_proposals_evaluate(rules, argv + 1, n, &p);
	if (!st) {
		char today[16], *html;
		size_t len;
		mpr_error err;
		if (mpr_render_report_v2(rules, (const mpr_result *const *)p.results, p.n,
		                         cli_today(NULL, today, sizeof today), &ro, &html, &len,
		                         &err) != MPR_OK) {
			st = cli_fail(&err);
		} else {
			st = cli_out_text(html, len, o.output, 0);
		}
	}
	cli_proposals_free(&p);
	mpr_ruleset_free(rules);
	return cli_rules_note(o.rules, st);
}
