/*
 * cmd_replay.c - `mprisk replay LOGFILE`: re-decide every record of a
 * decision log (evaluate --log) under the rules and report each activity
 * that would now be decided differently.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct replay_opts {
	const char *rules, *output;
} replay_opts;

const cli_opt cmd_replay_opts[] = {
	CLI_OPT_RULES(replay_opts),
	CLI_OPT_OUTPUT(replay_opts),
	CLI_OPT_HELP,
	CLI_OPT_END,
};

int cmd_replay(const cli_cmd *cmd, int argc, char **argv)
{
	replay_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (n != 1)
		return cli_usage(cmd, "needs one LOGFILE (- for standard input)");
	const char *name = strcmp(argv[1], "-") == 0 ? "<stdin>" : argv[1];
	char buf[PATH_MAX + 32];
	mpr_ruleset *rules = NULL;
	char *log = NULL;
	size_t len = 0, replayed = 0, differ = 0;
	st = cli_rules_load(cli_rules_dir(o.rules, buf, sizeof buf), &rules);
	if (!st)
		st = cli_read(argv[1], SIZE_MAX, &log, &len); /* a log has no limit */
	char *text;
	size_t tlen;
	mpr_error err;
	if (!st && mpr_replay(rules, log, len, name, &text, &tlen, &replayed, &differ, &err) != MPR_OK)
		st = cli_fail(&err);
	free(log);
	mpr_ruleset_free(rules);
	if (st)
		return st;
	cli_out out = {0};
	cli_out_take(&out, text, tlen);
	st = cli_out_write(&out, o.output, 0);
	return st ? st : differ ? CLI_FAILS : CLI_PASS;
}
