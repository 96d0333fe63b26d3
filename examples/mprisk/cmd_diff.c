/*
 * cmd_diff.c - `mprisk diff OLD_RULES NEW_RULES`: the structural changes
 * between two rulesets and every decision that changes, each labelled
 * tightening or loosening, with the justification of each loosening.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"

typedef struct diff_opts {
	const char *format, *output;
	int check;
} diff_opts;

const cli_opt cmd_diff_opts[] = {
	{CLI_CHOICE, "format", 0, "text|json", offsetof(diff_opts, format),
	 N_("text (default) or json: every changed decision")},
	{CLI_SWITCH, "check", 0, NULL, offsetof(diff_opts, check),
	 N_("fail (exit 1) on a loosening that no changed entry justifies")},
	CLI_OPT_OUTPUT(diff_opts),
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

int cmd_diff(const cli_cmd *cmd, int argc, char **argv)
{
	diff_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (n != 2)
		return cli_usage(cmd, "needs OLD_RULES and NEW_RULES");
	mpr_ruleset *old = NULL, *new = NULL;
	st = cli_rules_load(argv[1], &old);
	if (!st)
		st = cli_rules_load(argv[2], &new);
	char *text;
	size_t len, unjustified = 0;
	mpr_error err;
	int json = o.format && strcmp(o.format, "json") == 0;
	if (!st && mpr_diff(old, new, json ? MPR_FORMAT_JSON : MPR_FORMAT_TEXT, &text, &len,
	                    &unjustified, &err) != MPR_OK)
		st = cli_fail(&err);
	mpr_ruleset_free(old);
	mpr_ruleset_free(new);
	if (st)
		return st;
	st = cli_out_text(text, len, o.output, 0);
	if (st)
		return st;
	return o.check && unjustified ? CLI_FAILS : CLI_PASS;
}
