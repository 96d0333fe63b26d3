/*
 * cmd_matrix.c - `mprisk matrix`: every country x measure decision of the
 * loaded rules (text grid or JSON), or the table of countries (markdown,
 * the table of docs/countries.md).
 */
#include <stddef.h>

#include "cli.h"

typedef struct matrix_opts {
	const char *rules, *format, *output;
} matrix_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(matrix_opts),
	CLI_OPT_FORMAT(matrix_opts, "text|json|markdown",
	               N_("text (default: the grid), json, or markdown (the table of countries)")),
	CLI_OPT_OUTPUT(matrix_opts),
	CLI_OPT_END,
};

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const matrix_opts *o = opts;
	if (n)
		return cli_usage(cmd, "takes no argument, found '%s'", args[0]);
	mpr_ruleset *rules = NULL;
	mpr_render_options ro;
	int st = cli_rules_open(o->rules, o->format, &rules, &ro);
	cli_text t;
	if (!st)
		st = cli_out_text(mpr_render_matrix_v2(rules, &ro, &t.data, &t.len, &t.err), &t,
		                  o->output, 0);
	mpr_ruleset_free(rules);
	return cli_rules_note(o->rules, st);
}

const cli_cmd cmd_matrix = {"matrix", run,
	N_("every country x measure decision; markdown: the table of countries"), options,
	sizeof(matrix_opts), "", NULL, CLI_EXIT_0_2};
