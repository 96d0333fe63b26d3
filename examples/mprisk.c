/*
 * mprisk.c - the command-line driver of libmprisk.
 *
 *   mprisk evaluate [--rules DIR] [--format text|json] FILE...
 *   mprisk explain  [--rules DIR] [--format text|json] COUNTRY [MEASURE]
 *   mprisk matrix   [--rules DIR] [--format text|json]
 *   mprisk lint     [--rules DIR]
 *
 * Exit status: 0 every activity passes; 1 some activity is no-go, prohibited
 * or misses required safeguards; 2 usage or input error (one message
 * "FILE:LINE:COL: what is wrong" on stderr, nothing on stdout).
 *
 * Where the rules come from when --rules is not given, in order: the
 * environment variable MPRISK_RULES; rules/default in the project that holds
 * the binary (the binary's directory/../rules/default, i.e. build/mprisk in a
 * checkout); MPRISK_DATADIR/rules/default (the install location). See
 * docs/cli.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mprisk.h"

#ifndef MPRISK_DATADIR
#define MPRISK_DATADIR "/usr/local/share/mprisk"
#endif

enum { EXIT_PASS = 0, EXIT_FAILS = 1, EXIT_USAGE = 2 };

static const char usage[] =
	"usage: mprisk COMMAND [OPTIONS] [ARGS]\n"
	"\n"
	"commands:\n"
	"  evaluate [--rules DIR] [--format text|json] FILE...   decide every activity of the proposals\n"
	"  explain  [--rules DIR] [--format text|json] COUNTRY [MEASURE]\n"
	"                                                         why a country has its tier, and the\n"
	"                                                         decision for a measure there\n"
	"  matrix   [--rules DIR] [--format text|json]           every country x measure decision\n"
	"  lint     [--rules DIR]                                load and check a ruleset\n"
	"  --version | --help\n"
	"\n"
	"exit status: 0 every activity passes, 1 some activity does not, 2 usage or input error\n";

/* what and arg are joined as "mprisk: WHAT 'ARG'". */
static int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "mprisk: %s '%s'\n%s", what, arg, usage);
	else
		fprintf(stderr, "mprisk: %s\n%s", what, usage);
	return EXIT_USAGE;
}

static int report(const mpr_error *err)
{
	char msg[1200];
	mpr_error_format(err, msg, sizeof msg);
	fprintf(stderr, "%s\n", msg);
	return EXIT_USAGE;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default rules directory; see the comment at the top. */
static const char *default_rules(char *buf, size_t size)
{
	const char *env = getenv("MPRISK_RULES");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* strip "/mprisk", then the build directory's name */
		for (int up = 0; up < 2; up++) {
			char *slash = strrchr(exe, '/');
			if (slash)
				*slash = '\0';
		}
		snprintf(buf, size, "%s/rules/default", exe[0] ? exe : "");
		if (is_dir(buf))
			return buf;
	}
	snprintf(buf, size, "%s/rules/default", MPRISK_DATADIR);
	return buf;
}

typedef struct opts {
	const char *rules;
	mpr_format format;
	const char **args;
	int n_args;
} opts;

static int parse_opts(int argc, char **argv, opts *o, int allow_format)
{
	o->format = MPR_FORMAT_TEXT;
	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (!o->args) {
		fprintf(stderr, "mprisk: out of memory\n");
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--rules") == 0) {
			if (++i == argc)
				return usage_error("needs a directory:", a);
			o->rules = argv[i];
		} else if (strcmp(a, "--format") == 0 && allow_format) {
			if (++i == argc)
				return usage_error("needs text or json:", a);
			if (strcmp(argv[i], "text") == 0)
				o->format = MPR_FORMAT_TEXT;
			else if (strcmp(argv[i], "json") == 0)
				o->format = MPR_FORMAT_JSON;
			else
				return usage_error("unknown format (text or json):", argv[i]);
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				o->args[o->n_args++] = argv[i];
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option", a);
		} else {
			o->args[o->n_args++] = a;
		}
	}
	return 0;
}

static int load_rules(const opts *o, mpr_ruleset **rules)
{
	char buf[PATH_MAX + 32];
	const char *dir = o->rules ? o->rules : default_rules(buf, sizeof buf);
	mpr_error err;
	if (mpr_ruleset_load(rules, dir, NULL, &err) != MPR_OK)
		return report(&err);
	return 0;
}

static int emit(char *text, size_t len)
{
	size_t w = fwrite(text, 1, len, stdout);
	free(text);
	if (w != len || fflush(stdout) != 0) {
		fprintf(stderr, "mprisk: cannot write output\n");
		return EXIT_USAGE;
	}
	return 0;
}

static int cmd_evaluate(const opts *o, mpr_ruleset *rules)
{
	if (o->n_args == 0)
		return usage_error("evaluate needs at least one proposal FILE", NULL);
	size_t n = (size_t)o->n_args;
	mpr_proposal **props = calloc(n, sizeof *props);
	mpr_result **results = calloc(n, sizeof *results);
	int status = 0;
	mpr_error err;
	if (!props || !results) {
		fprintf(stderr, "mprisk: out of memory\n");
		status = EXIT_USAGE;
	}
	/* parse and evaluate everything before printing anything: an input
	 * error must leave stdout empty */
	for (size_t i = 0; !status && i < n; i++) {
		if (mpr_proposal_parse_file(&props[i], rules, o->args[i], NULL, &err) != MPR_OK ||
		    mpr_evaluate(&results[i], rules, props[i], &err) != MPR_OK)
			status = report(&err);
	}
	if (!status) {
		char *text;
		size_t len;
		if (mpr_render_results((const mpr_result *const *)results, n, o->format, &text, &len,
		                       &err) != MPR_OK)
			status = report(&err);
		else
			status = emit(text, len);
	}
	int passes = 1;
	for (size_t i = 0; props && results && i < n; i++) {
		if (results[i] && !mpr_result_passes(results[i]))
			passes = 0;
		mpr_result_free(results[i]);
		mpr_proposal_free(props[i]);
	}
	free(props);
	free(results);
	if (status)
		return status;
	return passes ? EXIT_PASS : EXIT_FAILS;
}

static int cmd_explain(const opts *o, mpr_ruleset *rules)
{
	if (o->n_args < 1 || o->n_args > 2)
		return usage_error("explain needs COUNTRY and optionally MEASURE", NULL);
	char *text;
	size_t len;
	mpr_error err;
	if (mpr_render_explain(rules, o->args[0], o->n_args == 2 ? o->args[1] : NULL, o->format,
	                       &text, &len, &err) != MPR_OK)
		return report(&err);
	return emit(text, len);
}

static int cmd_matrix(const opts *o, mpr_ruleset *rules)
{
	if (o->n_args)
		return usage_error("matrix takes no argument, found", o->args[0]);
	char *text;
	size_t len;
	mpr_error err;
	if (mpr_render_matrix(rules, o->format, &text, &len, &err) != MPR_OK)
		return report(&err);
	return emit(text, len);
}

static int cmd_lint(const opts *o, mpr_ruleset *rules)
{
	if (o->n_args)
		return usage_error("lint takes no argument, found", o->args[0]);
	char *text;
	size_t len;
	mpr_error err;
	if (mpr_render_summary(rules, &text, &len, &err) != MPR_OK)
		return report(&err);
	return emit(text, len);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("missing COMMAND", NULL);
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("mprisk %s\n", mpr_version());
		return 0;
	}
	static const struct {
		const char *name;
		int (*run)(const opts *, mpr_ruleset *);
		int format;
	} commands[] = {
		{"evaluate", cmd_evaluate, 1},
		{"explain", cmd_explain, 1},
		{"matrix", cmd_matrix, 1},
		{"lint", cmd_lint, 0},
	};
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		opts o = {0};
		int status = parse_opts(argc - 2, argv + 2, &o, commands[i].format);
		mpr_ruleset *rules = NULL;
		if (!status)
			status = load_rules(&o, &rules);
		if (!status)
			status = commands[i].run(&o, rules);
		mpr_ruleset_free(rules);
		free(o.args);
		return status;
	}
	return usage_error("unknown command", cmd);
}
