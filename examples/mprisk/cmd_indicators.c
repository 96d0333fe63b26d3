/*
 * cmd_indicators.c - `mprisk indicators import`: refresh the country
 * indicators of a ruleset from the published Freedom House and Our World
 * in Data tables, editing only the values in the rule files' text, and
 * report each change, the tier changes and every decision that changes
 * (docs/countries.md).
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"

typedef struct indicators_opts {
	const char *rules, *fh, *vdem, *vdem_version, *regime, *territory, *today, *out, *output;
} indicators_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(indicators_opts),
	{CLI_VALUE, "fh", 0, "CSV", offsetof(indicators_opts, fh),
	 N_("the Freedom House \"All data\" table, as CSV")},
	{CLI_VALUE, "vdem", 0, "CSV", offsetof(indicators_opts, vdem),
	 N_("Our World in Data's human-rights-index-vdem table")},
	{CLI_VALUE, "regime", 0, "CSV", offsetof(indicators_opts, regime),
	 N_("Our World in Data's political-regime table (with --vdem)")},
	{CLI_VALUE, "territory", 0, "CSV", offsetof(indicators_opts, territory),
	 N_("Our World in Data's percentage-of-territory-controlled-by-government table "
	 "(V-Dem's state authority over territory, for the F2 exclusion)")},
	{CLI_VALUE, "vdem-version", 0, "V", offsetof(indicators_opts, vdem_version),
	 N_("the V-Dem version of the Our World in Data tables, e.g. v16 (required with "
	 "--vdem or --territory)")},
	{CLI_VALUE, "today", 0, "YYYY-MM-DD", offsetof(indicators_opts, today),
	 N_("the new 'assessed' date of updated countries (default: today)")},
	{CLI_VALUE, "out", 0, "DIR", offsetof(indicators_opts, out),
	 N_("where to write the updated rule files (required; the rules "
	 "directory itself to update in place)")},
	CLI_OPT_OUTPUT(indicators_opts),
	CLI_OPT_END,
};

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const indicators_opts *o = opts;
	if (n != 1 || strcmp(args[0], "import") != 0)
		return cli_usage(cmd, "needs the action 'import'");
	if (!o->out)
		return cli_usage(cmd, "import needs --out DIR (the rules directory itself to "
		                      "update in place)");
	int st = cli_out_check(o->output); /* before the rule files are written */
	if (st)
		return st;
	char rbuf[PATH_MAX + 32], today[16];
	mpr_import_sources src = {.freedom_house = o->fh, .human_rights = o->vdem,
	                          .regime = o->regime, .vdem_version = o->vdem_version,
	                          .today = cli_today(o->today, today, sizeof today),
	                          .territory = o->territory};
	cli_text t;
	st = cli_out_text(mpr_indicators_import(cli_rules_dir(o->rules, rbuf, sizeof rbuf), &src,
	                                        o->out, &t.data, &t.len, &t.err),
	                  &t, o->output, 0);
	return cli_rules_note(o->rules, st);
}

const cli_cmd cmd_indicators = {"indicators", run,
	N_("refresh country indicators from published tables"), options, sizeof(indicators_opts),
	"import --out DIR",
	N_("Edits only the values in the rule files' text, writes the files to --out once the "
	   "updated ruleset loads, and prints each change, the tier changes and every decision "
	   "that changes (docs/countries.md)."),
	CLI_EXIT_0_2};
