/*
 * opt.c - a command's options: parsed by getopt_long from the command's own
 * table, and its help printed from the same table.
 *
 * One table per command (libgit2's `static const cli_opt_spec opts[]`) is
 * the single place an option is declared: what getopt_long accepts
 * (--name VALUE, --name=VALUE, -o VALUE, -oVALUE, unique abbreviations),
 * what the help lists, and what the documentation test checks docs/cli.md
 * and mprisk(1) against. --lang and --help, which every command has, are
 * declared once here and follow the command's own options. The parse fills
 * the command's options struct; main gives it a zeroed one and afterwards
 * frees what the parse allocated in it (cli_opts_free). getopt_long keeps
 * its cursor in libc's globals
 * (optind, optarg); the driver parses once per process, so that is its only
 * use of them.
 */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { MAX_OPTS = 32, LONG_BASE = 256 };

/* The options every command has, after its own. */
static const cli_opt common_opts[] = {
	{CLI_LANG, "lang", 0, "en|nl", 0,
	 N_("the language of every text: en or nl; default: LC_ALL, LC_MESSAGES or LANG "
	    "(nl_NL.UTF-8 is nl), else en")},
	{CLI_HELP, "help", 'h', NULL, 0, N_("print this help: every option of the command")},
	CLI_OPT_END,
};

static size_t count_opts(const cli_opt *opts)
{
	size_t n = 0;
	while (opts[n].kind != CLI_END)
		n++;
	return n;
}

/* A command's options: its own rows, then the common ones, ending in
 * CLI_END. -1 when they are more than MAX_OPTS (then the first MAX_OPTS). */
static int all_opts(const cli_cmd *cmd, cli_opt all[MAX_OPTS + 1])
{
	size_t k = 0;
	for (size_t i = 0; cmd->opts[i].kind != CLI_END && k < MAX_OPTS; i++)
		all[k++] = cmd->opts[i];
	for (size_t i = 0; common_opts[i].kind != CLI_END && k < MAX_OPTS; i++)
		all[k++] = common_opts[i];
	all[k] = (cli_opt)CLI_OPT_END;
	return k == count_opts(cmd->opts) + count_opts(common_opts) ? 0 : -1;
}

/* The getopt_long tables for a command's options. optstring starts with '-'
 * (every argument in order: positional ones come back as 1, so options may
 * follow them whatever POSIXLY_CORRECT says) and ':' (a missing value is
 * reported as ':', not printed by libc). */
static int build_tables(const cli_opt *opts, struct option *longopts, char *optstring,
                        size_t optstring_size)
{
	size_t n = count_opts(opts), k = 0;
	if (n >= MAX_OPTS || optstring_size < 3 + 2 * n)
		return -1;
	optstring[k++] = '-';
	optstring[k++] = ':';
	for (size_t i = 0; i < n; i++) {
		int has_value = opts[i].kind == CLI_VALUE || opts[i].kind == CLI_CHOICE ||
		                opts[i].kind == CLI_LANG || opts[i].kind == CLI_LIST;
		longopts[i] = (struct option){opts[i].name, has_value ? required_argument : no_argument,
		                              NULL, LONG_BASE + (int)i};
		if (opts[i].alias) {
			optstring[k++] = opts[i].alias;
			if (has_value)
				optstring[k++] = ':';
		}
	}
	longopts[n] = (struct option){NULL, 0, NULL, 0};
	optstring[k] = '\0';
	return 0;
}

/* The index in opts of what getopt_long returned, or -1. */
static int option_index(const cli_opt *opts, int c)
{
	if (c >= LONG_BASE)
		return c - LONG_BASE;
	for (int i = 0; opts[i].kind != CLI_END; i++)
		if (opts[i].alias && opts[i].alias == c)
			return i;
	return -1;
}

/* Optimal string alignment distance (Levenshtein with transpositions),
 * over at most the first 63 bytes of each. */
static size_t distance(const char *a, const char *b)
{
	size_t n = strnlen(a, 63), m = strnlen(b, 63);
	size_t rows[3][64];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev[j - 1] + cost;
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

const char *cli_nearest(const char *name, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = 0, best_p = 0;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(name, names[i]), p = common_prefix(name, names[i]);
		if (!best || d < best_d || (d == best_d && p > best_p)) {
			best = names[i];
			best_d = d;
			best_p = p;
		}
	}
	return best;
}

/* The option of the table nearest to what was typed: for a single letter
 * (-x) the first option whose name starts with it, else by edit distance. */
static const char *nearest_option(const cli_opt *opts, const char *typed)
{
	const char *names[MAX_OPTS];
	size_t n = 0;
	for (size_t i = 0; opts[i].kind != CLI_END && n < MAX_OPTS; i++)
		names[n++] = opts[i].name;
	if (strlen(typed) == 1)
		for (size_t i = 0; i < n; i++)
			if (names[i][0] == typed[0])
				return names[i];
	return cli_nearest(typed, names, n);
}

/* One line for an option getopt_long refused ('?'): a switch given a value
 * (glibc sets optopt to the option's val), an unknown short option (optopt
 * the letter), an unknown or ambiguous long one (optopt 0). text is the
 * argument as typed. */
static int refused(const cli_cmd *cmd, const cli_opt *opts, const char *text, int opt)
{
	if (opt >= LONG_BASE && option_index(opts, opt) >= 0)
		return cli_usage(cmd, "option '--%s' takes no value", opts[opt - LONG_BASE].name);
	char typed[64];
	if (opt > 0 && opt < LONG_BASE) {
		snprintf(typed, sizeof typed, "%c", opt);
		return cli_usage(cmd, "unknown option '-%s'; did you mean '--%s'?", typed,
		                 nearest_option(opts, typed));
	}
	const char *name = text + strspn(text, "-");
	snprintf(typed, sizeof typed, "%.*s", (int)strcspn(name, "="), name);
	size_t prefixed = 0;
	for (size_t i = 0; opts[i].kind != CLI_END; i++)
		prefixed += strncmp(opts[i].name, typed, strlen(typed)) == 0;
	if (prefixed > 1)
		return cli_usage(cmd, "option '--%s' is ambiguous; did you mean '--%s'?", typed,
		                 nearest_option(opts, typed));
	return cli_usage(cmd, "unknown option '--%s'; did you mean '--%s'?", typed,
	                 nearest_option(opts, typed));
}

/* Store one option's value; -1 to go on, or an exit status. */
static int store(const cli_cmd *cmd, const cli_opt *o, const char *value, void *opts)
{
	switch (o->kind) {
	case CLI_HELP:
		cli_print_help(cmd, stdout);
		return fflush(stdout) == 0 ? CLI_PASS : cli_error("mprisk", "cannot write the help");
	case CLI_SWITCH:
		*(int *)(void *)((char *)opts + o->offset) = 1;
		return -1;
	case CLI_CHOICE: {
		size_t n = strlen(value);
		for (const char *c = o->value_name; *c;) {
			size_t len = strcspn(c, "|");
			if (len == n && strncmp(c, value, n) == 0)
				break;
			c += len + (c[len] == '|');
			if (!*c)
				return cli_usage(cmd, "--%s must be one of %s, not '%s'", o->name,
				                 o->value_name, value);
		}
		*(const char **)(void *)((char *)opts + o->offset) = value;
		return -1;
	}
	case CLI_VALUE:
		*(const char **)(void *)((char *)opts + o->offset) = value;
		return -1;
	case CLI_LIST:
		if (cli_list_add((cli_list *)(void *)((char *)opts + o->offset), value))
			return cli_error("mprisk", "out of memory");
		return -1;
	case CLI_LANG: /* main has read it (i18n.c) */
		return -1;
	case CLI_END:
		break;
	}
	return cli_error("mprisk", "internal error: bad option table");
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, void *opts, int *n_args)
{
	cli_opt all[MAX_OPTS + 1];
	struct option longopts[MAX_OPTS + 1];
	char optstring[3 + 2 * MAX_OPTS];
	if (all_opts(cmd, all) || build_tables(all, longopts, optstring, sizeof optstring))
		return cli_error("mprisk", "internal error: too many options for %s", cmd->name);
	int n = 0, c;
	opterr = 0;
	optind = 0; /* glibc: start afresh, and read optstring's '-' and ':' */
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		if (c == 1) { /* a positional argument: collect it in place (see cli.h) */
			argv[1 + n++] = optarg;
			continue;
		}
		if (c == '?')
			return refused(cmd, all, argv[optind - 1], optopt);
		if (c == ':') {
			int i = option_index(all, optopt);
			if (i < 0)
				return cli_error("mprisk", "internal error: option %d", optopt);
			if (optopt >= LONG_BASE)
				return cli_usage(cmd, "option '--%s' needs a value (%s)", all[i].name,
				                 all[i].value_name);
			return cli_usage(cmd, "option '-%c' needs a value (%s)", optopt, all[i].value_name);
		}
		int i = option_index(all, c);
		if (i < 0)
			return cli_error("mprisk", "internal error: option %d", c);
		int st = store(cmd, &all[i], optarg, opts);
		if (st >= 0)
			return st;
	}
	while (optind < argc) /* after "--" */
		argv[1 + n++] = argv[optind++];
	*n_args = n;
	return -1;
}

void cli_opts_free(const cli_cmd *cmd, void *opts)
{
	for (const cli_opt *o = cmd->opts; o->kind != CLI_END; o++)
		if (o->kind == CLI_LIST)
			cli_list_free((cli_list *)(void *)((char *)opts + o->offset));
}

/* "  -o, --output FILE" into buf */
static void option_label(const cli_opt *o, char *buf, size_t size)
{
	char alias[8] = "    ";
	if (o->alias)
		snprintf(alias, sizeof alias, "-%c, ", o->alias);
	snprintf(buf, size, "  %s--%s%s%s", alias, o->name, o->value_name ? " " : "",
	         o->value_name ? o->value_name : "");
}

enum { HELP_WIDTH = 80 };

/* Characters (UTF-8 code points) of s. */
static size_t columns(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* text from column indent on, wrapped at spaces to end before HELP_WIDTH;
 * continuation lines start at column indent too */
static void print_wrapped(FILE *f, const char *text, int indent)
{
	int room = HELP_WIDTH - indent > 20 ? HELP_WIDTH - indent : 20;
	const char *t = text;
	while (*t) {
		/* room characters, as bytes (a translation has letters of two) */
		int n = 0;
		for (int cols = 0; t[n] && cols < room; cols++)
			for (n++; ((unsigned char)t[n] & 0xC0) == 0x80; n++)
				;
		if (t[n]) {
			while (n > 0 && t[n] != ' ')
				n--;
			if (n == 0) /* one word longer than the room */
				n = (int)strcspn(t, " ");
		}
		fprintf(f, "%.*s\n", n, t);
		t += n;
		t += strspn(t, " ");
		if (*t)
			fprintf(f, "%*s", indent, "");
	}
}

void cli_print_help(const cli_cmd *cmd, FILE *f)
{
	const char *form = cmd->args;
	for (int first = 1; first || *form; first = 0) {
		size_t n = strcspn(form, "\n");
		fprintf(f, "%s mprisk %s [OPTIONS]%s%.*s\n", first ? cli_tr("usage:") : cli_tr("   or:"),
		        cmd->name, n ? " " : "", (int)n, form);
		form += n + (form[n] == '\n');
	}
	fprintf(f, "\n%s\n", cli_tr(cmd->summary));
	if (cmd->notes) {
		fputs("\n", f);
		print_wrapped(f, cli_tr(cmd->notes), 0);
	}
	fprintf(f, "\n%s\n", cli_tr("options:"));
	cli_opt all[MAX_OPTS + 1];
	(void)all_opts(cmd, all); /* a table too long fails its parse (cli_parse), test/cli.sh */
	int width = 0;
	char label[96];
	for (const cli_opt *o = all; o->kind != CLI_END; o++) {
		option_label(o, label, sizeof label);
		if ((int)strlen(label) > width)
			width = (int)strlen(label);
	}
	for (const cli_opt *o = all; o->kind != CLI_END; o++) {
		option_label(o, label, sizeof label);
		fprintf(f, "%-*s  ", width, label);
		print_wrapped(f, cli_tr(o->help), width + 2);
	}
	const char *exit_label = cli_tr("exit status:");
	fprintf(f, "\n%s ", exit_label);
	print_wrapped(f, cli_tr(cmd->exit_status), (int)columns(exit_label) + 1);
}
