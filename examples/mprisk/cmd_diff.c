/*
 * cmd_diff.c - `mprisk diff OLD_RULES NEW_RULES`: the structural changes
 * between two rulesets and every decision that changes, each labelled
 * tightening or loosening, with the justification of each loosening.
 */
#include <stddef.h>

#include "cli.h"

typedef struct diff_opts {
	const char *format, *output;
	int check;
} diff_opts;

static const cli_opt options[] = {
	CLI_OPT_FORMAT(diff_opts, "text|json", N_("text (default) or json: every changed decision")),
	{CLI_SWITCH, "check", 0, NULL, offsetof(diff_opts, check),
	 N_("fail (exit 1) on a loosening that no changed entry justifies")},
	CLI_OPT_OUTPUT(diff_opts),
	CLI_OPT_END,
};

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const diff_opts *o = opts;
	if (n != 2)
		return cli_usage(cmd, "needs OLD_RULES and NEW_RULES");
	mpr_ruleset *old = NULL, *new = NULL;
	int st = cli_rules_load(args[0], &old);
	if (!st)
		st = cli_rules_load(args[1], &new);
	cli_text t;
	size_t unjustified = 0;
	if (!st)
		st = cli_out_text(mpr_diff(old, new, cli_format(o->format), &t.data, &t.len, &unjustified,
		                           &t.err),
		                  &t, o->output, 0);
	mpr_ruleset_free(old);
	mpr_ruleset_free(new);
	if (st)
		return st;
	return o->check && unjustified ? CLI_FAILS : CLI_PASS;
}

const cli_cmd cmd_diff = {"diff", run,
	N_("every decision a rule change changes, tightening or loosening"), options,
	sizeof(diff_opts), "OLD_RULES NEW_RULES", N_("Two ruleset directories."),
	N_("0 success; 1 --check and an unjustified loosening; 2 usage or input error")};
