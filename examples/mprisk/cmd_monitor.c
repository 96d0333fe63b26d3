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
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct monitor_opts {
	const char *rules, *as_of, *format, *output;
} monitor_opts;

const cli_opt cmd_monitor_opts[] = {
	CLI_OPT_RULES(monitor_opts),
	{CLI_VALUE, "as-of", 0, "YYYY-MM-DD", offsetof(monitor_opts, as_of),
	 N_("the date of the status (default: today, UTC): rounds after it are not "
	 "taken into account, and what is due by then is overdue")},
	{CLI_CHOICE, "format", 0, "text|json|html", offsetof(monitor_opts, format),
	 N_("text (default), json, or html: one self-contained page")},
	CLI_OPT_OUTPUT(monitor_opts),
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

/* One observations file, "-" from standard input; 0 or CLI_USAGE reported. */
static int read_observations(const mpr_proposal *p, const char *path, mpr_observations **out)
{
	mpr_error err;
	int rc;
	if (strcmp(path, "-") != 0) {
		rc = mpr_observations_parse_file(out, p, path, NULL, &err);
	} else {
		/* standard input has the limit of an input file */
		mpr_load_options lim = MPR_LOAD_OPTIONS_INIT;
		char *data;
		size_t len;
		if (cli_read(path, lim.max_file_bytes, &data, &len))
			return CLI_USAGE;
		rc = mpr_observations_parse_buffer(out, p, data, len, "<stdin>", NULL, &err);
		free(data);
	}
	return rc == MPR_OK ? 0 : cli_fail(&err);
}

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
		st = read_observations(p, args[i], &obs[i - 1]);
	char today[16];
	if (!st && mpr_monitor(&m, rules, p, (const mpr_observations *const *)obs, (size_t)n - 1,
	                       cli_today(o->as_of, today, sizeof today), &err) != MPR_OK)
		st = cli_fail(&err);
	mpr_render_options ro = MPR_RENDER_OPTIONS_INIT;
	if (!st)
		ro.lang = cli_lang_for(rules, &st);
	if (!st) {
		ro.format = !o->format || strcmp(o->format, "text") == 0 ? MPR_FORMAT_TEXT
		            : strcmp(o->format, "json") == 0             ? MPR_FORMAT_JSON
		                                                         : MPR_FORMAT_HTML;
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

int cmd_monitor(const cli_cmd *cmd, int argc, char **argv)
{
	monitor_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (n < 2)
		return cli_usage(cmd, "needs a PROPOSAL and at least one OBSERVATIONS file");
	int stdin_args = 0;
	for (int i = 1; i <= n; i++)
		stdin_args += strcmp(argv[i], "-") == 0;
	if (stdin_args > 1)
		return cli_usage(cmd, "only one argument can be - (standard input)");
	if ((st = cli_out_check(o.output)) != 0)
		return st;
	char buf[PATH_MAX + 32];
	mpr_ruleset *rules = NULL;
	cli_out out = {0};
	int on_track = 0;
	st = cli_rules_load(cli_rules_dir(o.rules, buf, sizeof buf), &rules);
	if (!st)
		st = monitor(&o, rules, argv + 1, n, &out, &on_track);
	if (!st)
		st = cli_out_write(&out, o.output, !o.format || strcmp(o.format, "text") == 0);
	if (!st && !on_track)
		st = CLI_FAILS;
	cli_out_free(&out);
	mpr_ruleset_free(rules);
	return st;
}
