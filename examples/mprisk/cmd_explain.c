/*
 * cmd_explain.c - `mprisk explain COUNTRY [MEASURE]`: why a country has its
 * tier (indicators, context, sources), and the whole decision for a
 * measure there with every rule that fired, for an activity that declares
 * what the options say (beneficiary, implementer, nationals_only,
 * evacuated_from), with the fields that would change it.
 */
#include <stddef.h>

#include "cli.h"

typedef struct explain_opts {
	const char *rules, *format, *output;
	const char *beneficiary, *implementer, *evacuated_from;
	int nationals_only;
} explain_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(explain_opts),
	CLI_OPT_FORMAT(explain_opts, "text|json", N_("text (default) or json")),
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
	CLI_OPT_END,
};

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const explain_opts *o = opts;
	if (n < 1 || n > 2)
		return cli_usage(cmd, "needs COUNTRY and optionally MEASURE");
	mpr_query q = {.country = args[0], .measure = n == 2 ? args[1] : NULL,
	               .beneficiary = o->beneficiary, .implementer = o->implementer,
	               .nationals_only = o->nationals_only, .evacuated_from = o->evacuated_from};
	mpr_ruleset *rules = NULL;
	mpr_render_options ro;
	int st = cli_rules_open(o->rules, o->format, &rules, &ro);
	cli_text t;
	if (!st)
		st = cli_out_text(mpr_render_explain_query(rules, &q, &ro, &t.data, &t.len, &t.err), &t,
		                  o->output, ro.format == MPR_FORMAT_TEXT);
	mpr_ruleset_free(rules);
	return cli_rules_note(o->rules, st);
}

const cli_cmd cmd_explain = {"explain", run,
	N_("why a country has its tier, and the decision for a measure there"), options,
	sizeof(explain_opts), "COUNTRY [MEASURE]", NULL, CLI_EXIT_0_2};
