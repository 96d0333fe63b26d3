/*
 * cmd_explain.c - `mprisk explain COUNTRY [MEASURE]`: why a country has its
 * tier (indicators, context, sources), and the whole decision for a
 * measure there with every rule that fired, for an activity that declares
 * what the options say (beneficiary, implementer, nationals_only,
 * evacuated_from), with the fields that would change it.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"

typedef struct explain_opts {
	const char *rules, *format, *output;
	const char *beneficiary, *implementer, *evacuated_from;
	int nationals_only;
} explain_opts;

const cli_opt cmd_explain_opts[] = {
	CLI_OPT_RULES(explain_opts),
	{CLI_CHOICE, "format", 0, "text|json", offsetof(explain_opts, format),
	 N_("text (default) or json")},
	{CLI_VALUE, "beneficiary", 0, "ID", offsetof(explain_opts, beneficiary),
	 N_("who ends up with the support (docs/proposal-format.md); none: the measure's default, "
	    "else in a medium- or high-risk country support to a security force")},
	{CLI_VALUE, "implementer", 0, "ID", offsetof(explain_opts, implementer),
	 N_("who carries the activity out (un-agency, ngo, business, government)")},
	{CLI_SWITCH, "nationals-only", 0, NULL, offsetof(explain_opts, nationals_only),
	 N_("the return covers only the country's own nationals (return and readmission measures)")},
	{CLI_VALUE, "evacuated-from", 0, "CC", offsetof(explain_opts, evacuated_from),
	 N_("an evacuation hub: the country where the people are when evacuated (decided alone, "
	    "with no evacuation beside it)")},
	CLI_OPT_OUTPUT(explain_opts),
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

int cmd_explain(const cli_cmd *cmd, int argc, char **argv)
{
	explain_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (n < 1 || n > 2)
		return cli_usage(cmd, "needs COUNTRY and optionally MEASURE");
	int json = o.format && strcmp(o.format, "json") == 0;
	mpr_ruleset *rules = NULL;
	mpr_render_options ro = MPR_RENDER_OPTIONS_INIT;
	st = cli_rules_open(o.rules, &rules, &ro);
	if (!st) {
		char *text;
		size_t len;
		mpr_error err;
		ro.format = json ? MPR_FORMAT_JSON : MPR_FORMAT_TEXT;
		mpr_query q = {.country = argv[1], .measure = n == 2 ? argv[2] : NULL,
		               .beneficiary = o.beneficiary, .implementer = o.implementer,
		               .nationals_only = o.nationals_only, .evacuated_from = o.evacuated_from};
		if (mpr_render_explain_query(rules, &q, &ro, &text, &len, &err) != MPR_OK) {
			st = cli_fail(&err);
		} else {
			st = cli_out_text(text, len, o.output, !json);
		}
	}
	mpr_ruleset_free(rules);
	return cli_rules_note(o.rules, st);
}
