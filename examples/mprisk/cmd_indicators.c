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

const cli_opt cmd_indicators_opts[] = {
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
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

int cmd_indicators(const cli_cmd *cmd, int argc, char **argv)
{
	indicators_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (n != 1 || strcmp(argv[1], "import") != 0)
		return cli_usage(cmd, "needs the action 'import'");
	if (!o.out)
		return cli_usage(cmd, "import needs --out DIR (the rules directory itself to "
		                      "update in place)");
	if ((st = cli_out_check(o.output)) != 0) /* before the rule files are written */
		return st;
	char rbuf[PATH_MAX + 32], today[16];
	mpr_import_sources src = {.freedom_house = o.fh, .human_rights = o.vdem,
	                          .regime = o.regime, .vdem_version = o.vdem_version,
	                          .today = cli_today(o.today, today, sizeof today),
	                          .territory = o.territory};
	char *text;
	size_t len;
	mpr_error err;
	if (mpr_indicators_import(cli_rules_dir(o.rules, rbuf, sizeof rbuf), &src, o.out, &text, &len,
	                          &err) != MPR_OK)
		return cli_fail(&err);
	return cli_rules_note(o.rules, cli_out_text(text, len, o.output, 0));
}
