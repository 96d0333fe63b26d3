/*
 * cmd_evaluate.c - `mprisk evaluate`: decide proposals, or a stream of
 * single activities (--jsonl).
 *
 * Proposals are all parsed and evaluated first, then the decision records
 * are appended (--log), then the output is written whole: an input error
 * anywhere leaves stdout (and -o FILE) untouched. The --jsonl stream is the
 * one exception on standard output: each line is answered as soon as it is
 * decided, so a bad line stops the stream after the answers before it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct evaluate_opts {
	const char *rules, *format, *log, *output, *require_signature, *explain, *as_of;
	int suggest, jsonl, brief;
	cli_list experience;
} evaluate_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(evaluate_opts),
	CLI_OPT_FORMAT(evaluate_opts, "text|json",
	               N_("text (default) or json: always an array, one object per proposal")),
	{CLI_SWITCH, "brief", 0, NULL, offsetof(evaluate_opts, brief),
	 N_("the short answer: per proposal its verdict and the first reason it "
	 "does not pass, then one line per activity (text)")},
	{CLI_CHOICE, "explain", 0, "none|fails|full", offsetof(evaluate_opts, explain),
	 N_("how much of each decision's trace to print (text): fails (default) "
	 "the trace of each activity that does not pass, none no trace, full "
	 "every trace")},
	{CLI_SWITCH, "suggest", 0, NULL, offsetof(evaluate_opts, suggest),
	 N_("also print what would change each verdict (text; JSON always has it)")},
	{CLI_VALUE, "log", 0, "FILE", offsetof(evaluate_opts, log),
	 N_("append one decision record per proposal to FILE (for replay)")},
	{CLI_LIST, "experience", 0, "OBSERVATIONS", offsetof(evaluate_opts, experience),
	 N_("R9: decide with the experience of monitored partnerships: an observations file "
	 "that names its proposal (proposal: PATH); may be given more than once")},
	{CLI_VALUE, "as-of", 0, "YYYY-MM-DD", offsetof(evaluate_opts, as_of),
	 N_("with --experience: the date of the experience (default: today, UTC); "
	 "observations after it are not experience yet")},
	{CLI_SWITCH, "jsonl", 0, NULL, offsetof(evaluate_opts, jsonl),
	 N_("read one JSON activity per line of standard input and answer one "
	 "JSON line each, as soon as it is decided")},
	CLI_OPT_REQUIRE_SIGNATURE(evaluate_opts),
	CLI_OPT_OUTPUT(evaluate_opts),
	CLI_OPT_END,
};

/* One record per proposal, all appended at once under the log's lock
 * (mpr_log_append): all of them or none. */
static int log_records(const char *path, const cli_proposals *p)
{
	char when[32];
	cli_now(when, sizeof when);
	mpr_error err;
	if (mpr_log_append(path, (const mpr_result *const *)p->results, p->n, when, &err) != MPR_OK)
		return cli_fail(&err);
	return 0;
}

/* One answer of the stream: straight to standard output, or gathered for
 * -o FILE (which is then written whole, or not at all). */
static int answer(cli_out *gathered, const char *line, size_t len)
{
	if (gathered) {
		cli_out_append(gathered, line, len);
		return 0;
	}
	if (fwrite(line, 1, len, stdout) != len || fflush(stdout) != 0)
		return cli_error("mprisk", "cannot write to standard output: %s", strerror(errno));
	return 0;
}

/* The next line of f, with its newline, into *line (grown as needed, *cap
 * its size), at most max bytes: 1 a line (*n bytes), 0 the end, -1 a read
 * error, -2 a line longer than max, -3 out of memory. A NUL byte stays in
 * the line (and makes it invalid JSON) instead of cutting it short. */
static int next_line(FILE *f, char **line, size_t *cap, size_t max, size_t *n)
{
	*n = 0;
	int c;
	while ((c = getc(f)) != EOF) {
		if (*n + 2 > *cap) {
			size_t want = *cap ? *cap * 2 : 4096;
			want = want > max + 2 ? max + 2 : want;
			char *more = realloc(*line, want);
			if (!more)
				return -3;
			*line = more;
			*cap = want;
		}
		(*line)[(*n)++] = (char)c;
		if (*n > max)
			return -2;
		if (c == '\n')
			break;
	}
	if (ferror(f))
		return -1;
	if (*n)
		(*line)[*n] = '\0';
	return *n ? 1 : 0;
}

/* Why the stream stopped: a read error, a line too long, no memory. */
static int stream_error(int why, unsigned lineno, size_t max)
{
	char where[32];
	snprintf(where, sizeof where, "<stdin>:%u:1", lineno);
	if (why == -1)
		return cli_error("<stdin>", "cannot read: %s", strerror(errno));
	if (why == -2)
		return cli_error(where, "a line of more than %zu bytes, the limit max_file_bytes=%zu",
		                 max, max);
	return cli_error("<stdin>", "out of memory");
}

static int evaluate_stream(const mpr_ruleset *rules, const char *output)
{
	mpr_activity *a;
	mpr_error err;
	if (mpr_activity_new(&a, rules, &err) != MPR_OK)
		return cli_fail(&err);
	int to_file = output && strcmp(output, "-") != 0;
	cli_out out = {0};
	char *line = NULL;
	size_t cap = 0, n;
	unsigned lineno = 0;
	int status = CLI_PASS, got;
	/* a line is one activity: it has the limit of a proposal file */
	const size_t max = ((mpr_load_options)MPR_LOAD_OPTIONS_INIT).max_file_bytes;
	while ((got = next_line(stdin, &line, &cap, max, &n)) > 0) {
		lineno++;
		/* a blank line (spaces, tabs, a Windows tool's \r) holds no activity */
		if (strspn(line, " \t\r\n") == n)
			continue;
		char *json;
		size_t len;
		if (mpr_decide_json(a, line, n, "<stdin>", lineno, &json, &len, &err) != MPR_OK) {
			status = cli_fail(&err);
			break;
		}
		if (!mpr_activity_passes(a))
			status = CLI_FAILS;
		int st = answer(to_file ? &out : NULL, json, len);
		free(json);
		if (st) {
			status = st;
			break;
		}
	}
	if (got < 0) /* a read error (a directory as standard input) is no empty success */
		status = stream_error(got, lineno + 1, max);
	free(line);
	mpr_activity_free(a);
	/* gathered only for a file; on standard output each answer is written already */
	return to_file ? cli_out_write(&out, status, output, 0) : status;
}

/* The text or JSON of the results, as the options ask, into out. */
static int render(const evaluate_opts *o, const mpr_ruleset *rules, const cli_proposals *p,
                  cli_out *out)
{
	mpr_render_options ro;
	int status = cli_render_options(rules, o->format, &ro);
	if (status)
		return status;
	ro.suggest = o->suggest;
	ro.brief = o->brief;
	ro.explain = !o->explain                     ? MPR_EXPLAIN_FAILS
	             : strcmp(o->explain, "none") == 0 ? MPR_EXPLAIN_NONE
	             : strcmp(o->explain, "full") == 0 ? MPR_EXPLAIN_FULL
	                                               : MPR_EXPLAIN_FAILS;
	char *text;
	size_t len;
	mpr_error err;
	if (mpr_render_results_v2((const mpr_result *const *)p->results, p->n, &ro, &text, &len,
	                          &err) != MPR_OK)
		return cli_fail(&err);
	cli_out_take(out, text, len);
	return 0;
}

/* The experience of the --experience files as of --as-of (R9), or NULL
 * with none; 0, or CLI_USAGE reported. */
static int experience(const evaluate_opts *o, const mpr_ruleset *rules, mpr_experience **out)
{
	*out = NULL;
	if (!o->experience.n)
		return 0;
	char today[16];
	mpr_error err;
	if (mpr_experience_new(out, rules, cli_today(o->as_of, today, sizeof today), &err) != MPR_OK)
		return cli_fail(&err);
	for (size_t i = 0; i < o->experience.n; i++)
		if (mpr_experience_add_file(*out, o->experience.v[i], NULL, &err) != MPR_OK)
			return cli_fail(&err);
	return 0;
}

static int evaluate_files(const evaluate_opts *o, const mpr_ruleset *rules, char **args, int n)
{
	cli_proposals p = {0};
	mpr_experience *exp = NULL;
	int status = experience(o, rules, &exp);
	if (!status)
		status = cli_proposals_evaluate_with(rules, exp, args, n, &p);
	cli_out out = {0};
	if (!status)
		status = render(o, rules, &p, &out);
	if (!status && o->log)
		status = log_records(o->log, &p);
	status = cli_out_write(&out, status, o->output, cli_format(o->format) == MPR_FORMAT_TEXT);
	if (!status && !cli_proposals_pass(&p))
		status = CLI_FAILS;
	cli_proposals_free(&p);
	mpr_experience_free(exp);
	return status;
}

/* The options that do not go together; 0, or CLI_USAGE reported. */
static int usage_check(const cli_cmd *cmd, const evaluate_opts *o, int n)
{
	if (o->jsonl && (n || o->log || o->format || o->suggest || o->brief || o->explain ||
	                 o->experience.n))
		return cli_usage(cmd, "--jsonl reads standard input and takes no FILE, --log, --format, "
		                      "--suggest, --brief, --explain or --experience");
	if ((o->brief || o->explain) && cli_format(o->format) == MPR_FORMAT_JSON)
		return cli_usage(cmd, "--brief and --explain shape the text; JSON always has every trace");
	if (o->brief && (o->explain || o->suggest))
		return cli_usage(cmd, "--brief is the short answer: without --explain or --suggest");
	if (o->as_of && !o->experience.n)
		return cli_usage(cmd, "--as-of is the date of the experience: it needs --experience");
	if (!o->jsonl && n == 0)
		return cli_usage(cmd, "needs at least one proposal FILE or DIR");
	return cli_out_check(o->output); /* before the log is appended to */
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const evaluate_opts *o = opts;
	int st = usage_check(cmd, o, n);
	if (st)
		return st;
	mpr_ruleset *rules = NULL;
	st = cli_rules_load(o->rules, &rules);
	if (!st)
		st = cli_rules_require(rules, o->require_signature);
	if (!st)
		st = o->jsonl ? evaluate_stream(rules, o->output) : evaluate_files(o, rules, args, n);
	mpr_ruleset_free(rules);
	return cli_rules_note(o->rules, st);
}

const cli_cmd cmd_evaluate = {"evaluate", run,
	N_("decide every activity and the partnership of each proposal"), options,
	sizeof(evaluate_opts), "FILE|DIR...\n--jsonl",
	N_("A FILE is a YAML or JSON proposal, - for standard input; a DIR stands for its *.yaml, "
	   "*.yml and *.json files in name order (not recursive, no hidden files). All are parsed "
	   "and decided before anything is written."),
	N_("0 every proposal passes; 1 some activity does not pass or a partnership finding "
	   "stands in the way; 2 usage or input error")};
