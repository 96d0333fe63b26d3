/*
 * mprisk.c - the command-line driver of libmprisk.
 *
 *   mprisk evaluate [--rules DIR] [--format text|json] [--suggest] [--log FILE] FILE...
 *   mprisk evaluate [--rules DIR] --jsonl        (one activity per line on stdin)
 *   mprisk explain  [--rules DIR] [--format text|json] COUNTRY [MEASURE]
 *   mprisk matrix   [--rules DIR] [--format text|json|markdown]
 *   mprisk lint     [--rules DIR] [--strict] [--today YYYY-MM-DD] [--tests DIR]
 *   mprisk test     [--rules DIR] [--lcov FILE] [--coverage-threshold P] [TESTDIR|FILE...]
 *   mprisk diff     [--format text|json] [--check] OLD_RULES NEW_RULES
 *   mprisk replay   [--rules DIR] LOGFILE
 *   mprisk report   [--rules DIR] --format html -o FILE [PROPOSAL...]
 *   mprisk indicators import [--rules DIR] [--fh CSV] [--vdem CSV [--regime CSV]]
 *                            [--territory CSV] [--vdem-version V] [--today YYYY-MM-DD] --out DIR
 *
 * Exit status: 0 success (evaluate: every activity passes); 1 a check
 * failed (evaluate: some activity is no-go, prohibited or misses required
 * safeguards; test: a case failed or coverage is below the threshold; diff
 * --check: an unjustified loosening; lint --strict: a warning; replay: a
 * decision would now differ); 2 usage or input error (one message
 * "FILE:LINE:COL: what is wrong" on stderr, nothing on stdout).
 *
 * Where the rules come from when --rules is not given, in order: the
 * environment variable MPRISK_RULES; rules/default in the project that holds
 * the binary (the binary's directory/../rules/default, i.e. build/mprisk in a
 * checkout); MPRISK_DATADIR/rules/default (the install location). See
 * docs/cli.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mprisk.h"

#ifndef MPRISK_DATADIR
#define MPRISK_DATADIR "/usr/local/share/mprisk"
#endif

enum { EXIT_PASS = 0, EXIT_FAILS = 1, EXIT_USAGE = 2 };

/* Each command's synopsis and what it does: `mprisk --help` prints them
 * all, `mprisk COMMAND --help` its own. */
static const struct help {
	const char *name, *synopsis, *what;
} helps[] = {
	{"evaluate", "evaluate [--rules DIR] [--format text|json] [--suggest] [--log FILE] FILE...",
	 "decide every activity and the partnership of each proposal FILE (- for stdin);\n"
	 "--suggest: what would change the verdict; --log appends a decision record"},
	{"evaluate", "evaluate [--rules DIR] --jsonl",
	 "decide one JSON activity per line of stdin, one JSON line out for each"},
	{"explain", "explain [--rules DIR] [--format text|json] COUNTRY [MEASURE]",
	 "why a country has its tier, and the decision for a measure there"},
	{"matrix", "matrix [--rules DIR] [--format text|json|markdown]",
	 "every country x measure decision; markdown: the table of countries"},
	{"lint", "lint [--rules DIR] [--strict] [--today YYYY-MM-DD] [--tests DIR]",
	 "load and check a ruleset, with warnings (--strict: warnings fail) and notes"},
	{"test", "test [--rules DIR] [--lcov FILE] [--coverage-threshold P] [TESTDIR|FILE...]",
	 "run rule tests (default: the tests directory beside the rules)"},
	{"diff", "diff [--format text|json] [--check] OLD_RULES NEW_RULES",
	 "every decision a rule change changes; --check fails on unjustified loosening"},
	{"replay", "replay [--rules DIR] LOGFILE",
	 "re-evaluate logged decisions (- for stdin) and report those that would now differ"},
	{"report", "report [--rules DIR] --format html -o FILE [PROPOSAL...]",
	 "one self-contained HTML page: the heatmap of the rules and each proposal's decisions"},
	{"indicators",
	 "indicators import [--rules DIR] [--fh CSV] [--vdem CSV [--regime CSV]]\n"
	 "           [--territory CSV] [--vdem-version V] [--today YYYY-MM-DD] --out DIR",
	 "refresh country indicators from published tables; prints the tier changes"},
};

static const char usage_tail[] =
	"\nexit status: 0 success (evaluate: every activity passes), 1 a check failed (evaluate:\n"
	"some activity does not pass), 2 usage or input error (FILE:LINE:COL: message).\n"
	"Colour only on a terminal, and never with NO_COLOR set. Manual: mprisk(1), docs/cli.md\n";

/* The usage of one command, or of all (name NULL). */
static void print_usage(const char *name)
{
	fputs(name ? "usage:\n" : "usage: mprisk COMMAND [OPTIONS] [ARGS]\n\ncommands:\n", stdout);
	for (size_t i = 0; i < sizeof helps / sizeof *helps; i++)
		if (!name || strcmp(name, helps[i].name) == 0) {
			printf("  mprisk %s\n", helps[i].synopsis);
			for (const char *w = helps[i].what; *w;) {
				size_t n = strcspn(w, "\n");
				printf("           %.*s\n", (int)n, w);
				w += n + (w[n] == '\n');
			}
		}
	if (!name)
		fputs("  mprisk --version | --help | COMMAND --help\n", stdout);
	fputs(usage_tail, stdout);
}

/* One line: "mprisk: WHAT 'ARG' (mprisk --help for usage)". */
static int usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "mprisk: %s '%s' (mprisk --help for usage)\n", what, arg);
	else
		fprintf(stderr, "mprisk: %s (mprisk --help for usage)\n", what);
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
	int check, strict, jsonl, suggest;
	const char *log, *lcov, *today, *tests;
	const char *fh, *vdem, *regime, *territory, *vdem_version, *out, *output;
	int html;
	double threshold;
} opts;

/* Options each command accepts. */
enum { O_FORMAT = 1, O_LOG = 2, O_STRICT = 4, O_TODAY = 8, O_TESTS = 16, O_LCOV = 32,
       O_THRESHOLD = 64, O_CHECK = 128, O_RULES = 256, O_JSONL = 512, O_SUGGEST = 1024,
       O_IMPORT = 2048, O_MARKDOWN = 4096, O_REPORT = 8192 };

static int value_of(int argc, char **argv, int *i, const char **out)
{
	if (*i + 1 == argc)
		return usage_error("option needs a value:", argv[*i]);
	*out = argv[++*i];
	return 0;
}

static int parse_opts(int argc, char **argv, opts *o, int allowed)
{
	o->format = MPR_FORMAT_TEXT;
	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (!o->args) {
		fprintf(stderr, "mprisk: out of memory\n");
		return EXIT_USAGE;
	}
	o->threshold = -1;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int st = 0;
		if (strcmp(a, "--rules") == 0 && (allowed & O_RULES)) {
			st = value_of(argc, argv, &i, &o->rules);
		} else if (strcmp(a, "--log") == 0 && (allowed & O_LOG)) {
			st = value_of(argc, argv, &i, &o->log);
		} else if (strcmp(a, "--lcov") == 0 && (allowed & O_LCOV)) {
			st = value_of(argc, argv, &i, &o->lcov);
		} else if (strcmp(a, "--today") == 0 && (allowed & O_TODAY)) {
			st = value_of(argc, argv, &i, &o->today);
		} else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && (allowed & O_REPORT)) {
			st = value_of(argc, argv, &i, &o->output);
		} else if (strcmp(a, "--fh") == 0 && (allowed & O_IMPORT)) {
			st = value_of(argc, argv, &i, &o->fh);
		} else if (strcmp(a, "--vdem") == 0 && (allowed & O_IMPORT)) {
			st = value_of(argc, argv, &i, &o->vdem);
		} else if (strcmp(a, "--regime") == 0 && (allowed & O_IMPORT)) {
			st = value_of(argc, argv, &i, &o->regime);
		} else if (strcmp(a, "--territory") == 0 && (allowed & O_IMPORT)) {
			st = value_of(argc, argv, &i, &o->territory);
		} else if (strcmp(a, "--vdem-version") == 0 && (allowed & O_IMPORT)) {
			st = value_of(argc, argv, &i, &o->vdem_version);
		} else if (strcmp(a, "--out") == 0 && (allowed & O_IMPORT)) {
			st = value_of(argc, argv, &i, &o->out);
		} else if (strcmp(a, "--tests") == 0 && (allowed & O_TESTS)) {
			st = value_of(argc, argv, &i, &o->tests);
		} else if (strcmp(a, "--coverage-threshold") == 0 && (allowed & O_THRESHOLD)) {
			const char *v;
			char *end;
			if (!(st = value_of(argc, argv, &i, &v))) {
				o->threshold = strtod(v, &end);
				if (*end || end == v || o->threshold < 0 || o->threshold > 100)
					return usage_error("--coverage-threshold needs a percentage 0..100, not", v);
			}
		} else if (strcmp(a, "--check") == 0 && (allowed & O_CHECK)) {
			o->check = 1;
		} else if (strcmp(a, "--strict") == 0 && (allowed & O_STRICT)) {
			o->strict = 1;
		} else if (strcmp(a, "--suggest") == 0 && (allowed & O_SUGGEST)) {
			o->suggest = 1;
		} else if (strcmp(a, "--jsonl") == 0 && (allowed & O_JSONL)) {
			o->jsonl = 1;
		} else if (strcmp(a, "--format") == 0 && (allowed & O_FORMAT)) {
			if (++i == argc)
				return usage_error("needs text or json:", a);
			if (strcmp(argv[i], "text") == 0)
				o->format = MPR_FORMAT_TEXT;
			else if (strcmp(argv[i], "json") == 0)
				o->format = MPR_FORMAT_JSON;
			else if (strcmp(argv[i], "markdown") == 0 && (allowed & O_MARKDOWN))
				o->format = MPR_FORMAT_MARKDOWN;
			else if (strcmp(argv[i], "html") == 0 && (allowed & O_REPORT))
				o->html = 1;
			else
				return usage_error((allowed & O_MARKDOWN) ? "unknown format (text, json or markdown):"
				                                          : "unknown format (text or json):",
				                   argv[i]);
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				o->args[o->n_args++] = argv[i];
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option", a);
		} else { /* an argument; "-" (standard input) too */
			o->args[o->n_args++] = a;
		}
		if (st)
			return st;
	}
	return 0;
}

static int load_dir(const char *dir, mpr_ruleset **rules)
{
	mpr_error err;
	if (mpr_ruleset_load(rules, dir, NULL, &err) != MPR_OK)
		return report(&err);
	return 0;
}

static const char *rules_dir(const opts *o, char *buf, size_t size)
{
	return o->rules ? o->rules : default_rules(buf, size);
}

static int load_rules(const opts *o, mpr_ruleset **rules)
{
	char buf[PATH_MAX + 32];
	return load_dir(rules_dir(o, buf, sizeof buf), rules);
}

/* Append a whole record with one write(): with O_APPEND, records from
 * processes writing at the same time do not interleave. */
static int append_record(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open log: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	ssize_t w = write(fd, text, len);
	int e = errno;
	close(fd);
	if (w != (ssize_t)len) {
		fprintf(stderr, "%s: cannot append the record: %s\n", path,
		        w < 0 ? strerror(e) : "short write");
		return EXIT_USAGE;
	}
	return 0;
}

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ", or only the date. */
static void utc_now(char *buf, size_t size, int date_only)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	if (date_only)
		strftime(buf, size, "%Y-%m-%d", &tm);
	else
		strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	int ok = f && fwrite(text, 1, len, f) == len;
	int e = errno;
	if (f && fclose(f) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	if (!ok)
		fprintf(stderr, "%s: cannot write: %s\n", path, strerror(e));
	return ok ? 0 : EXIT_USAGE;
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

/* Colour for people at a terminal: verdict words in text output. Never
 * when stdout is not a terminal or NO_COLOR is set (no-color.org). */
static int use_colour(void)
{
	const char *no = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(no && *no);
}

static const struct {
	const char *word, *sgr;
} verdict_colours[] = {
	{"permitted", "32"}, {"conditional", "33"}, {"no-go", "31"}, {"prohibited", "1;31"},
};

/* The verdict word at s, if any: its colour, and its length in *n. */
static const char *verdict_at(const char *s, size_t *n)
{
	for (size_t i = 0; i < sizeof verdict_colours / sizeof *verdict_colours; i++) {
		*n = strlen(verdict_colours[i].word);
		if (strncmp(s, verdict_colours[i].word, *n) == 0 &&
		    (s[*n] == ' ' || s[*n] == '\n' || s[*n] == '\0' || s[*n] == ','))
			return verdict_colours[i].sgr;
	}
	return NULL;
}

/* Print text, colouring the verdict after "verdict: " and at the start of
 * a "- " list item. */
static int emit_text(char *text, size_t len, const opts *o)
{
	if (o->format != MPR_FORMAT_TEXT || !use_colour())
		return emit(text, len);
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl + 1 : end;
		const char *at = NULL;
		for (const char *v = p; !at && v + 9 <= eol; v++)
			if (memcmp(v, "verdict: ", 9) == 0)
				at = v + 9;
		if (!at) {
			const char *q = p;
			while (q < eol && *q == ' ')
				q++;
			if (q + 2 < eol && q[0] == '-' && q[1] == ' ')
				at = q + 2;
		}
		size_t n = 0;
		const char *sgr = at ? verdict_at(at, &n) : NULL;
		if (sgr && at + n <= eol)
			printf("%.*s\033[%sm%.*s\033[0m%.*s", (int)(at - p), p, sgr, (int)n, at,
			       (int)(eol - at - n), at + n);
		else
			fwrite(p, 1, (size_t)(eol - p), stdout);
		p = eol;
	}
	free(text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "mprisk: cannot write output\n");
		return EXIT_USAGE;
	}
	return 0;
}

/* Read a whole stream into a malloc'd buffer (for "-", standard input). */
static int read_all(FILE *f, const char *name, char **data, size_t *len)
{
	size_t cap = 0;
	*data = NULL;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			char *more = realloc(*data, cap);
			if (!more) {
				free(*data);
				*data = NULL;
				fprintf(stderr, "%s: out of memory\n", name);
				return EXIT_USAGE;
			}
			*data = more;
		}
		size_t got = fread(*data + *len, 1, cap - *len, f);
		*len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(*data);
		*data = NULL;
		fprintf(stderr, "%s: cannot read\n", name);
		return EXIT_USAGE;
	}
	return 0;
}

/* A proposal from a file, or from standard input for "-". */
static int parse_proposal(mpr_proposal **p, mpr_ruleset *rules, const char *path, mpr_error *err)
{
	if (strcmp(path, "-") != 0)
		return mpr_proposal_parse_file(p, rules, path, NULL, err);
	char *data;
	size_t len;
	if (read_all(stdin, "<stdin>", &data, &len)) {
		memset(err, 0, sizeof *err);
		snprintf(err->message, sizeof err->message, "<stdin>: cannot read");
		return MPR_EIO;
	}
	int rc = mpr_proposal_parse_buffer(p, rules, data, len, "<stdin>", NULL, err);
	free(data);
	return rc;
}

/* --jsonl: a stream of single activities. Decisions are written as they
 * are made; an input error stops the stream with exit 2 and names the line
 * (the lines before it have been answered). */
static int evaluate_stream(mpr_ruleset *rules)
{
	mpr_activity *a;
	mpr_error err;
	if (mpr_activity_new(&a, rules, &err) != MPR_OK)
		return report(&err);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned lineno = 0;
	int status = EXIT_PASS;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		lineno++;
		if (n == 1 && line[0] == '\n')
			continue;
		char *out;
		size_t len;
		if (mpr_decide_json(a, line, (size_t)n, "<stdin>", lineno, &out, &len, &err) != MPR_OK) {
			status = report(&err);
			break;
		}
		if (!mpr_activity_passes(a))
			status = EXIT_FAILS;
		size_t w = fwrite(out, 1, len, stdout);
		free(out);
		if (w != len) {
			fprintf(stderr, "mprisk: cannot write output\n");
			status = EXIT_USAGE;
			break;
		}
	}
	free(line);
	mpr_activity_free(a);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "mprisk: cannot write output\n");
		return EXIT_USAGE;
	}
	return status;
}

/* The proposals named by the arguments, parsed and evaluated, all before
 * anything is printed: an input error must leave stdout empty. */
typedef struct evaluated {
	mpr_proposal **proposals;
	mpr_result **results;
	size_t n;
} evaluated;

static void evaluated_free(evaluated *e)
{
	for (size_t i = 0; e->proposals && e->results && i < e->n; i++) {
		mpr_result_free(e->results[i]);
		mpr_proposal_free(e->proposals[i]);
	}
	free(e->proposals);
	free(e->results);
}

static int evaluate_args(const opts *o, mpr_ruleset *rules, evaluated *e)
{
	e->n = (size_t)o->n_args;
	e->proposals = calloc(e->n + 1, sizeof *e->proposals);
	e->results = calloc(e->n + 1, sizeof *e->results);
	if (!e->proposals || !e->results) {
		fprintf(stderr, "mprisk: out of memory\n");
		return EXIT_USAGE;
	}
	mpr_error err;
	for (size_t i = 0; i < e->n; i++)
		if (parse_proposal(&e->proposals[i], rules, o->args[i], &err) != MPR_OK ||
		    mpr_evaluate(&e->results[i], rules, e->proposals[i], &err) != MPR_OK)
			return report(&err);
	return 0;
}

static int cmd_evaluate(const opts *o, mpr_ruleset *rules)
{
	if (o->jsonl) {
		if (o->n_args || o->log || o->format != MPR_FORMAT_TEXT)
			return usage_error("--jsonl reads stdin and takes no FILE, --log or --format", NULL);
		return evaluate_stream(rules);
	}
	if (o->n_args == 0)
		return usage_error("evaluate needs at least one proposal FILE", NULL);
	evaluated e = {0};
	int status = evaluate_args(o, rules, &e);
	mpr_error err;
	if (!status) {
		char *text;
		size_t len;
		if (mpr_render_results((const mpr_result *const *)e.results, e.n,
		                       (int)o->format | (o->suggest ? MPR_RENDER_SUGGEST : 0), &text,
		                       &len, &err) != MPR_OK)
			status = report(&err);
		else
			status = emit_text(text, len, o);
	}
	if (!status && o->log) {
		char when[32];
		utc_now(when, sizeof when, 0);
		for (size_t i = 0; !status && i < e.n; i++) {
			char *rec;
			size_t len;
			if (mpr_render_record(e.results[i], when, &rec, &len, &err) != MPR_OK)
				status = report(&err);
			else {
				status = append_record(o->log, rec, len);
				free(rec);
			}
		}
	}
	int passes = 1;
	for (size_t i = 0; !status && i < e.n; i++)
		passes &= mpr_result_passes(e.results[i]) != 0;
	evaluated_free(&e);
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
	return emit_text(text, len, o);
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

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run the rule tests of each path (a file, or every *.yaml of a directory
 * in name order), appending failure reports to stdout. */
static int run_tests(mpr_ruleset *rules, const char *const *paths, int n_paths,
                     mpr_coverage *cov, size_t *passed, size_t *failed, int quiet)
{
	*passed = *failed = 0;
	for (int i = 0; i < n_paths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			fprintf(stderr, "%s: cannot read: %s\n", paths[i], strerror(errno));
			return EXIT_USAGE;
		}
		char **files = NULL;
		size_t n_files = 0;
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(paths[i]);
			struct dirent *e;
			while (d && (e = readdir(d)) != NULL) {
				if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".yaml"))
					continue;
				char **more = realloc(files, (n_files + 1) * sizeof *files);
				size_t need = strlen(paths[i]) + strlen(e->d_name) + 2;
				char *f = malloc(need);
				if (!more || !f) {
					free(f);
					files = more ? more : files;
					break;
				}
				files = more;
				snprintf(f, need, "%s/%s", paths[i], e->d_name);
				files[n_files++] = f;
			}
			if (d)
				closedir(d);
			if (n_files)
				qsort(files, n_files, sizeof *files, cmp_names);
		} else {
			files = malloc(sizeof *files);
			if (files && (files[0] = strdup(paths[i])) != NULL)
				n_files = 1;
		}
		int status = 0;
		for (size_t k = 0; k < n_files; k++) {
			char *text;
			size_t len, p, f;
			mpr_error err;
			if (!status) {
				if (mpr_test_file(rules, files[k], NULL, cov, &text, &len, &p, &f, &err) != MPR_OK) {
					status = report(&err);
				} else {
					*passed += p;
					*failed += f;
					if (!quiet)
						fwrite(text, 1, len, stdout);
					free(text);
				}
			}
			free(files[k]);
		}
		free(files);
		if (status)
			return status;
	}
	return 0;
}

/* The tests directory beside the rules: rules/default -> rules/tests. */
static const char *tests_beside(const char *rules_dir_path, char *buf, size_t size)
{
	size_t n = strlen(rules_dir_path);
	while (n > 1 && rules_dir_path[n - 1] == '/')
		n--;
	size_t parent = n;
	while (parent > 0 && rules_dir_path[parent - 1] != '/')
		parent--;
	if (parent == 0)
		snprintf(buf, size, "tests");
	else
		snprintf(buf, size, "%.*stests", (int)parent, rules_dir_path);
	return is_dir(buf) ? buf : NULL;
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
	char today[16];
	if (o->today)
		snprintf(today, sizeof today, "%s", o->today);
	else
		utc_now(today, sizeof today, 1);
	char rbuf[PATH_MAX + 32], tbuf[PATH_MAX + 64];
	const char *tests = o->tests ? o->tests : tests_beside(rules_dir(o, rbuf, sizeof rbuf), tbuf, sizeof tbuf);
	mpr_coverage *cov = NULL;
	int status = 0;
	if (tests) {
		size_t p, f;
		if (mpr_coverage_new(&cov, rules, &err) != MPR_OK)
			status = report(&err);
		else
			status = run_tests(rules, &tests, 1, cov, &p, &f, 1);
	}
	char *warn = NULL;
	size_t wlen = 0;
	mpr_lint_counts counts = {0, 0, 0};
	if (!status && mpr_lint_v2(rules, today, cov, &warn, &wlen, &counts, &err) != MPR_OK)
		status = report(&err);
	size_t n_warn = counts.warnings;
	mpr_coverage_free(cov);
	if (status) {
		free(text);
		return status;
	}
	status = emit(text, len);
	if (!status) {
		printf("  rule tests: %s\n", tests ? tests : "none found (use --tests DIR)");
		if (counts.errors)
			printf("  %zu error%s\n", counts.errors, counts.errors == 1 ? "" : "s");
		printf("  %zu warning%s\n", n_warn, n_warn == 1 ? "" : "s");
		status = emit(warn, wlen);
		warn = NULL;
	}
	free(warn);
	if (status)
		return status;
	return counts.errors || (o->strict && n_warn) ? EXIT_FAILS : EXIT_PASS;
}

static int cmd_test(const opts *o, mpr_ruleset *rules)
{
	/* paths may point into tbuf after the if below: keep them at function scope */
	// cppcheck-suppress variableScope
	char rbuf[PATH_MAX + 32];
	// cppcheck-suppress variableScope
	char tbuf[PATH_MAX + 64];
	const char *const *paths = o->args;
	int n_paths = o->n_args;
	const char *beside = NULL;
	if (!n_paths) {
		beside = tests_beside(rules_dir(o, rbuf, sizeof rbuf), tbuf, sizeof tbuf);
		if (!beside)
			return usage_error("no TESTDIR given and no tests directory beside", rules_dir(o, rbuf, sizeof rbuf));
		paths = &beside;
		n_paths = 1;
	}
	mpr_coverage *cov;
	mpr_error err;
	if (mpr_coverage_new(&cov, rules, &err) != MPR_OK)
		return report(&err);
	size_t passed, failed;
	int status = run_tests(rules, paths, n_paths, cov, &passed, &failed, 0);
	char *text = NULL;
	size_t len = 0;
	if (!status && mpr_coverage_render_text(cov, &text, &len, &err) != MPR_OK)
		status = report(&err);
	if (!status && o->lcov) {
		char *lcov;
		size_t llen;
		if (mpr_coverage_render_lcov(cov, &lcov, &llen, &err) != MPR_OK) {
			status = report(&err);
		} else {
			status = write_file(o->lcov, lcov, llen);
			free(lcov);
		}
	}
	double pct = mpr_coverage_total(cov)
	                 ? 100.0 * (double)mpr_coverage_hit(cov) / (double)mpr_coverage_total(cov)
	                 : 100.0;
	mpr_coverage_free(cov);
	if (status) {
		free(text);
		return status;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	int below = o->threshold >= 0 && pct < o->threshold;
	if (below)
		printf("rule coverage %.1f%% is below the threshold %.1f%%\n", pct, o->threshold);
	printf("%zu passed, %zu failed\n", passed, failed);
	fflush(stdout);
	return failed || below ? EXIT_FAILS : EXIT_PASS;
}

static int cmd_diff(const opts *o, mpr_ruleset *unused)
{
	(void)unused;
	if (o->n_args != 2)
		return usage_error("diff needs OLD_RULES and NEW_RULES", NULL);
	mpr_ruleset *old = NULL, *new = NULL;
	int status = load_dir(o->args[0], &old);
	if (!status)
		status = load_dir(o->args[1], &new);
	char *text = NULL;
	size_t len = 0, unjustified = 0;
	mpr_error err;
	if (!status && mpr_diff(old, new, o->format, &text, &len, &unjustified, &err) != MPR_OK)
		status = report(&err);
	mpr_ruleset_free(old);
	mpr_ruleset_free(new);
	if (status)
		return status;
	status = emit(text, len);
	if (status)
		return status;
	return o->check && unjustified ? EXIT_FAILS : EXIT_PASS;
}

static int cmd_replay(const opts *o, mpr_ruleset *rules)
{
	if (o->n_args != 1)
		return usage_error("replay needs one LOGFILE", NULL);
	const char *name = strcmp(o->args[0], "-") == 0 ? "<stdin>" : o->args[0];
	FILE *f = strcmp(o->args[0], "-") == 0 ? stdin : fopen(o->args[0], "rb");
	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", o->args[0], strerror(errno));
		return EXIT_USAGE;
	}
	char *data;
	size_t len;
	int status = read_all(f, name, &data, &len);
	if (f != stdin)
		fclose(f);
	if (status)
		return status;
	char *text;
	size_t tlen, replayed, differ;
	mpr_error err;
	int rc = mpr_replay(rules, data, len, name, &text, &tlen, &replayed, &differ, &err);
	free(data);
	if (rc != MPR_OK)
		return report(&err);
	status = emit(text, tlen);
	return status ? status : differ ? EXIT_FAILS : EXIT_PASS;
}

static int cmd_report(const opts *o, mpr_ruleset *rules)
{
	if (!o->html)
		return usage_error("report needs --format html", NULL);
	if (!o->output)
		return usage_error("report needs -o FILE", NULL);
	evaluated e = {0};
	int status = evaluate_args(o, rules, &e);
	if (!status) {
		char today[16], *html;
		size_t len;
		mpr_error err;
		utc_now(today, sizeof today, 1);
		if (mpr_render_report(rules, (const mpr_result *const *)e.results, e.n, today, &html,
		                      &len, &err) != MPR_OK) {
			status = report(&err);
		} else {
			status = write_file(o->output, html, len);
			free(html);
		}
	}
	evaluated_free(&e);
	return status;
}

static int cmd_indicators(const opts *o, mpr_ruleset *unused)
{
	(void)unused;
	if (o->n_args != 1 || strcmp(o->args[0], "import") != 0)
		return usage_error("indicators needs the action 'import'", NULL);
	if (!o->out)
		return usage_error("indicators import needs --out DIR (the rules directory itself to "
		                   "update in place)", NULL);
	char rbuf[PATH_MAX + 32], today[16];
	if (o->today)
		snprintf(today, sizeof today, "%s", o->today);
	else
		utc_now(today, sizeof today, 1);
	mpr_import_sources src = {.freedom_house = o->fh, .human_rights = o->vdem,
	                          .regime = o->regime, .vdem_version = o->vdem_version,
	                          .today = today, .territory = o->territory};
	char *text;
	size_t len;
	mpr_error err;
	if (mpr_indicators_import(rules_dir(o, rbuf, sizeof rbuf), &src, o->out, &text, &len, &err) !=
	    MPR_OK)
		return report(&err);
	return emit(text, len);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("missing COMMAND", NULL);
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		print_usage(argc > 2 && strcmp(cmd, "help") == 0 ? argv[2] : NULL);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("mprisk %s\n", mpr_version());
		return 0;
	}
	static const struct {
		const char *name;
		int (*run)(const opts *, mpr_ruleset *);
		int options;
		int needs_rules;
	} commands[] = {
		{"evaluate", cmd_evaluate, O_RULES | O_FORMAT | O_LOG | O_JSONL | O_SUGGEST, 1},
		{"explain", cmd_explain, O_RULES | O_FORMAT, 1},
		{"matrix", cmd_matrix, O_RULES | O_FORMAT | O_MARKDOWN, 1},
		{"lint", cmd_lint, O_RULES | O_STRICT | O_TODAY | O_TESTS, 1},
		{"test", cmd_test, O_RULES | O_LCOV | O_THRESHOLD, 1},
		{"diff", cmd_diff, O_FORMAT | O_CHECK, 0},
		{"replay", cmd_replay, O_RULES, 1},
		{"report", cmd_report, O_RULES | O_REPORT | O_FORMAT, 1},
		{"indicators", cmd_indicators, O_RULES | O_IMPORT | O_TODAY, 0},
	};
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		for (int k = 2; k < argc && strcmp(argv[k], "--") != 0; k++)
			if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
				print_usage(cmd);
				return EXIT_PASS;
			}
		opts o = {0};
		int status = parse_opts(argc - 2, argv + 2, &o, commands[i].options);
		mpr_ruleset *rules = NULL;
		if (!status && commands[i].needs_rules)
			status = load_rules(&o, &rules);
		if (!status)
			status = commands[i].run(&o, rules);
		mpr_ruleset_free(rules);
		free(o.args);
		return status;
	}
	return usage_error("unknown command", cmd);
}
