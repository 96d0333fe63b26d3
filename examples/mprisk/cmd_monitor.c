/*
 * cmd_monitor.c - `mprisk monitor PROPOSAL OBSERVATIONS...`: what the
 * monitoring rounds found, and what follows from it as of a date (§4.2.3):
 * per activity the next round due, the open findings and the consequences
 * the rules attach to them (F3, C3, M5, M1, M3), and for the partnership
 * P1, R5 and the concrete agreements behind schedule (Rec. 1). The desk's
 * quarterly command; --format html is the page for the desk and the yearly
 * letter to parliament (P7).
 *
 * Everything is read and computed before anything is written; the exit
 * status is 0 on track, 1 when action is required, 2 for an input error.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct monitor_opts {
	const char *rules, *as_of, *format, *output;
} monitor_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(monitor_opts),
	{CLI_VALUE, "as-of", 0, "YYYY-MM-DD", offsetof(monitor_opts, as_of),
	 N_("the date of the status (default: today, UTC): rounds after it are not "
	 "taken into account, and what is due by then is overdue")},
	CLI_OPT_FORMAT(monitor_opts, "text|json|html",
	               N_("text (default), json, or html: one self-contained page")),
	CLI_OPT_OUTPUT(monitor_opts),
	CLI_OPT_END,
};

static int monitor(const monitor_opts *o, const mpr_ruleset *rules, char **args, int n,
                   cli_out *out, int *on_track)
{
	mpr_proposal *p = NULL;
	mpr_observations **obs = calloc((size_t)n, sizeof *obs);
	mpr_monitoring *m = NULL;
	mpr_error err;
	if (!obs)
		return cli_error("mprisk", "out of memory");
	int st = cli_proposal_read(rules, args[0], &p);
	for (int i = 1; !st && i < n; i++)
		st = cli_observations_read(p, args[i], &obs[i - 1]);
	char today[16];
	if (!st && mpr_monitor(&m, rules, p, (const mpr_observations *const *)obs, (size_t)n - 1,
	                       cli_today(o->as_of, today, sizeof today), &err) != MPR_OK)
		st = cli_fail(&err);
	mpr_render_options ro;
	if (!st)
		st = cli_render_options(rules, o->format, &ro);
	if (!st) {
		char *text;
		size_t len;
		if (mpr_render_monitoring(m, &ro, &text, &len, &err) != MPR_OK)
			st = cli_fail(&err);
		else
			cli_out_take(out, text, len);
		*on_track = strcmp(mpr_monitoring_status(m), "on-track") == 0;
	}
	mpr_monitoring_free(m);
	for (int i = 1; i < n; i++)
		mpr_observations_free(obs[i - 1]);
	free(obs);
	mpr_proposal_free(p);
	return st;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const monitor_opts *o = opts;
	if (n < 2)
		return cli_usage(cmd, "needs a PROPOSAL and at least one OBSERVATIONS file");
	int stdin_args = 0;
	for (int i = 0; i < n; i++)
		stdin_args += strcmp(args[i], "-") == 0;
	if (stdin_args > 1)
		return cli_usage(cmd, "only one argument can be - (standard input)");
	int st = cli_out_check(o->output);
	if (st)
		return st;
	mpr_ruleset *rules = NULL;
	cli_out out = {0};
	int on_track = 0;
	st = cli_rules_load(o->rules, &rules);
	if (!st)
		st = monitor(o, rules, args, n, &out, &on_track);
	st = cli_out_write(&out, st, o->output, cli_format(o->format) == MPR_FORMAT_TEXT);
	if (!st && !on_track)
		st = CLI_FAILS;
	mpr_ruleset_free(rules);
	return cli_rules_note(o->rules, st);
}

const cli_cmd cmd_monitor = {"monitor", run,
	N_("what monitoring found, and what follows from it as of a date (§4.2.3)"), options,
	sizeof(monitor_opts), "PROPOSAL OBSERVATIONS...",
	N_("PROPOSAL is the proposal monitored (YAML or JSON, - for standard input); each "
	   "OBSERVATIONS file holds rounds of its monitoring (docs/monitoring.md). All are read "
	   "before anything is written."),
	N_("0 on track (no consequence); 1 action required, or an activity or the partnership "
	   "must stop; 2 usage or input error")};
