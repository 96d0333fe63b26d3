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

static const cli_opt options[] = {
	CLI_OPT_RULES(report_opts),
	CLI_OPT_FORMAT(report_opts, "html", N_("html (required)")),
	{CLI_VALUE, "output", 'o', "FILE", offsetof(report_opts, output),
	 N_("write the page to FILE (required), whole or not at all; - : "
	 "standard output")},
	CLI_OPT_END,
};

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const report_opts *o = opts;
	if (!o->format)
		return cli_usage(cmd, "needs --format html");
	if (!o->output)
		return cli_usage(cmd, "needs -o FILE (- for standard output)");
	mpr_ruleset *rules = NULL;
	cli_proposals p = {0};
	mpr_render_options ro;
	int st = cli_rules_open(o->rules, o->format, &rules, &ro);
	if (!st)
		st = cli_proposals_evaluate(rules, args, n, &p);
	if (!st) {
		char today[16];
		cli_text page;
		st = cli_out_text(mpr_render_report_v2(rules, (const mpr_result *const *)p.results, p.n,
		                                       cli_today(NULL, today, sizeof today), &ro,
		                                       &page.data, &page.len, &page.err),
		                  &page, o->output, 0);
	}
	cli_proposals_free(&p);
	mpr_ruleset_free(rules);
	return cli_rules_note(o->rules, st);
}

const cli_cmd cmd_report = {"report", run,
	N_("an HTML page for people: the heatmap and each proposal's decisions"), options,
	sizeof(report_opts), "--format html -o FILE [PROPOSAL|DIR...]",
	N_("Proposals as for evaluate; without any, the page has the heatmap and the countries."),
	CLI_EXIT_0_2};
