/*
 * cmd_matrix.c - `mprisk matrix`: every country x measure decision of the
 * loaded rules (text grid or JSON), or the table of countries (markdown,
 * the table of docs/countries.md).
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"

typedef struct matrix_opts {
	const char *rules, *format, *output;
} matrix_opts;

const cli_opt cmd_matrix_opts[] = {
	CLI_OPT_RULES(matrix_opts),
	{CLI_CHOICE, "format", 0, "text|json|markdown", offsetof(matrix_opts, format),
	 N_("text (default: the grid), json, or markdown (the table of countries)")},
	CLI_OPT_OUTPUT(matrix_opts),
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

static mpr_format format_of(const char *name)
{
	if (name && strcmp(name, "json") == 0)
		return MPR_FORMAT_JSON;
	if (name && strcmp(name, "markdown") == 0)
		return MPR_FORMAT_MARKDOWN;
	return MPR_FORMAT_TEXT;
}

int cmd_matrix(const cli_cmd *cmd, int argc, char **argv)
{
	matrix_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (n)
		return cli_usage(cmd, "takes no argument, found '%s'", argv[1]);
	mpr_ruleset *rules = NULL;
	mpr_render_options ro = MPR_RENDER_OPTIONS_INIT;
	st = cli_rules_open(o.rules, &rules, &ro);
	if (!st) {
		char *text;
		size_t len;
		mpr_error err;
		ro.format = format_of(o.format);
		if (mpr_render_matrix_v2(rules, &ro, &text, &len, &err) != MPR_OK) {
			st = cli_fail(&err);
		} else {
			st = cli_out_text(text, len, o.output, 0);
		}
	}
	mpr_ruleset_free(rules);
	return cli_rules_note(o.rules, st);
}
