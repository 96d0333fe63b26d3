/*
 * cli.h - what the files of the mprisk driver share.
 *
 * The driver is a command table (main.c) whose commands each live in their
 * own cmd_*.c: its row of the table (cli_cmd), its options struct and its
 * table of cli_opt. The same table drives getopt_long (opt.c) and prints the
 * command's help, so the help cannot drift from what is parsed; main parses
 * before the command runs. The helpers each have one subject:
 * opt.c (options and help), output.c (writing results whole or not at all),
 * colour.c (verdict colours on a terminal), input.c (reading proposals,
 * observations, directories), rules.c (finding and loading the ruleset), diag.c
 * (error lines and exit status), clock.c (today's date). Nothing here is
 * mutable global state: main makes each command's options struct for its
 * one run.
 */
#ifndef MPRISK_CLI_H
#define MPRISK_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "mprisk.h"

/* Exit status, the same for every command (docs/cli.md). */
enum { CLI_PASS = 0, CLI_FAILS = 1, CLI_USAGE = 2 };

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define CLI_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define CLI_PRINTF(f, a)
#define CLI_FORMAT_ARG(n)
#endif

/* ---- language (i18n.c) --------------------------------------------------- */

/* Marks a message for xgettext where it is translated later (tables). */
#define N_(s) s

/* A message catalogue of the driver (build/cli/catalogues.c, made by
 * lib/po/mo2c.c from examples/mprisk/po/LANG.po): msgids sorted by strcmp. */
typedef struct cli_catalogue {
	const char *code;
	const char *const *msgid;
	const char *const *msgstr;
	size_t n;
} cli_catalogue;

extern const cli_catalogue *const cli_catalogues[];

/* Choose the language once, before anything else: --lang, else LC_ALL,
 * LC_MESSAGES, LANG. 0, or CLI_USAGE (reported) for a --lang the driver
 * does not speak. */
int cli_lang_init(int argc, char **argv);
/* The language chosen: "en" or "nl". */
const char *cli_lang(void);
/* A message of the driver in the language chosen, or in lang. */
const char *cli_tr(const char *msgid) CLI_FORMAT_ARG(1);
const char *cli_tr_in(const char *lang, const char *msgid) CLI_FORMAT_ARG(2);
/* The catalogue of a language tag ("nl", "nl-NL"), NULL for English. */
const cli_catalogue *cli_catalogue_of(const char *lang);
/* The language to ask the library for with rules: the one chosen when the
 * rules have it; English when they do not and it came from the
 * environment; NULL and *status CLI_USAGE (reported) when --lang asked for
 * it. */
const char *cli_lang_for(const mpr_ruleset *rules, int *status);

/* ---- options (opt.c) ---------------------------------------------------- */

typedef enum cli_opt_kind {
	CLI_END = 0, /* ends a table */
	CLI_SWITCH,  /* --name: sets the int at offset to 1 */
	CLI_VALUE,   /* --name VALUE, --name=VALUE: the const char * at offset */
	CLI_CHOICE,  /* the same, and VALUE must be one of value_name ("text|json") */
	CLI_LIST,    /* --name VALUE, any number of times: appended to the cli_list at
	                offset (freed after the command by cli_opts_free) */
	CLI_HELP,    /* -h, --help: prints the command's help from its table (opt.c
	                adds it to every command) */
	CLI_LANG     /* --lang LANG: read by main before the command (i18n.c; opt.c
	                adds it to every command) */
} cli_opt_kind;

/* One option of a command; a command's options are a table ending in
 * CLI_OPT_END. The value goes into the command's own options struct, at
 * offset. */
typedef struct cli_opt {
	cli_opt_kind kind;
	const char *name;       /* the long name, without "--" */
	char alias;             /* a short option letter, or 0 */
	const char *value_name; /* "DIR"; for CLI_CHOICE the choices */
	size_t offset;          /* offsetof(the command's options struct, field) */
	const char *help;       /* what it does (wrapped to fit the help) */
} cli_opt;

/* The options many commands share; every command also has --lang and
 * --help, which the parser adds after its own (opt.c). */
#define CLI_OPT_RULES(type)                                                                    \
	{CLI_VALUE, "rules", 0, "DIR", offsetof(type, rules),                                  \
	 N_("the ruleset directory; default: $MPRISK_RULES, else rules/default "             \
	    "of the checkout that holds the binary, else the installed rules")}
#define CLI_OPT_OUTPUT(type)                                                                   \
	{CLI_VALUE, "output", 'o', "FILE", offsetof(type, output),                             \
	 N_("write the output to FILE, whole or not at all (written only when "              \
	    "the command succeeds); - or no -o: standard output")}
#define CLI_OPT_FORMAT(type, choices, help)                                                    \
	{CLI_CHOICE, "format", 0, choices, offsetof(type, format), help}
#define CLI_OPT_REQUIRE_SIGNATURE(type)                                                        \
	{CLI_VALUE, "require-signature", 0, "PUB", offsetof(type, require_signature),          \
	 N_("refuse rules that are not signed by the Ed25519 public key in PUB (PEM: "         \
	    "see mprisk sign), or changed since")}
#define CLI_OPT_END {CLI_END, NULL, 0, NULL, 0, NULL}

typedef struct cli_cmd cli_cmd;

/* One command: a row of the command table (main.c), declared at the end of
 * its own cmd_*.c beside its options and the code that runs it. main
 * parses the options into a zeroed struct of opts_size bytes, runs the
 * command with it and the positional arguments (args[0..n-1], in their
 * order), and frees what the options hold (CLI_LIST) afterwards. */
struct cli_cmd {
	const char *name;
	int (*run)(const cli_cmd *cmd, const void *opts, int n, char **args); /* exit status */
	const char *summary;     /* one line */
	const cli_opt *opts;     /* its option table */
	size_t opts_size;        /* sizeof its options struct */
	const char *args;        /* its arguments after [OPTIONS]; '\n' separates forms */
	const char *notes;       /* about the arguments, for its help; or NULL */
	const char *exit_status; /* what 0 and 1 mean for it */
};

/* The exit status of a command that has no check to fail. */
#define CLI_EXIT_0_2 N_("0 success, 2 usage or input error")

/* Parse argv (argv[0] the command's name) with getopt_long against the
 * command's table into opts. Returns -1 to go on, with the positional
 * arguments moved to argv[1..*n_args] in their order; otherwise the exit
 * status to return at once: 0 after printing the help for --help, 2 after
 * a one-line usage error on stderr (an unknown option names the nearest
 * one of the command). */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, void *opts, int *n_args);
/* Free what cli_parse put into opts that it allocated (the CLI_LIST values). */
void cli_opts_free(const cli_cmd *cmd, void *opts);
/* The help of a command, printed from its table. */
void cli_print_help(const cli_cmd *cmd, FILE *f);
/* The entry of table nearest to name by edit distance (for suggestions). */
const char *cli_nearest(const char *name, const char *const *names, size_t n);

/* ---- errors (diag.c) ---------------------------------------------------- */

/* "mprisk CMD: message (mprisk CMD --help)" on stderr; returns CLI_USAGE. */
int cli_usage(const cli_cmd *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);
/* The library's "FILE:LINE:COL: message" on stderr; returns CLI_USAGE. */
int cli_fail(const mpr_error *err);
/* "WHAT: message" for a library error about what the user named (its file
 * left out), in the language of the messages; returns CLI_USAGE. */
int cli_fail_as(const char *what, const mpr_error *err);
/* "WHAT: message" on stderr (a file that cannot be read or written, memory
 * that cannot be had); returns CLI_USAGE. */
int cli_error(const char *what, const char *fmt, ...) CLI_PRINTF(2, 3);

/* ---- output (output.c, colour.c) ---------------------------------------- */

/* A command's whole output, gathered in memory before any of it is written.
 * Owns data; cli_out_write writes and frees it (or cli_out_free).
 * Appending never fails visibly: a failed allocation marks the buffer, and
 * cli_out_write reports it. */
typedef struct cli_out {
	char *data;
	size_t len, cap;
	int failed;
} cli_out;

void cli_out_append(cli_out *o, const char *s, size_t n);
void cli_out_printf(cli_out *o, const char *fmt, ...) CLI_PRINTF(2, 3);
/* Append a buffer the library returned, and free it. */
void cli_out_take(cli_out *o, char *text, size_t len);

/* What a library call that makes a text returns through its out
 * parameters (char **out, size_t *len, mpr_error *err): the text, or why
 * there is none. */
typedef struct cli_text {
	char *data;
	size_t len;
	mpr_error err;
} cli_text;

/* A command's whole output is the one text a library call made: rc is that
 * call's status, t what it filled in. MPR_OK: the text is written to path
 * as cli_out_write does, and freed; otherwise t->err is reported. Returns 0
 * or CLI_USAGE. */
int cli_out_text(int rc, cli_text *t, const char *path, int colour);
void cli_out_free(cli_out *o);

/* The format a --format value names: text, json, markdown or html (NULL:
 * text, every command's default). */
mpr_format cli_format(const char *value);
/* The render options of a command's output: the defaults, the language it
 * answers in with these rules (cli_lang_for) and the format of the
 * --format value (cli_format). 0, or CLI_USAGE reported. */
int cli_render_options(const mpr_ruleset *rules, const char *format, mpr_render_options *ro);

/* The end of a command's output, given the command's status so far: after
 * an error (CLI_USAGE) nothing is written; otherwise (0, or a check that
 * failed, 1) the output is written to path (NULL or "-": standard output).
 * Either way it is freed. A regular file (or a new one) is written to a
 * temporary file in its directory and renamed over it, so it is replaced
 * whole or not at all; a file that is not regular (/dev/null, a pipe) is
 * written directly. colour: the output is text whose verdict words may be
 * coloured, which happens only on a terminal without NO_COLOR. Returns
 * status, or CLI_USAGE when the output cannot be written. */
int cli_out_write(cli_out *o, int status, const char *path, int colour);
/* Check that path (NULL or "-": standard output) can be written, before a
 * command does what cannot be undone (appending to a log, writing rule
 * files), so that a missing directory stops it before, not after. */
int cli_out_check(const char *path);
/* Write len bytes to path the same way (whole or not at all). */
int cli_write_file(const char *path, const char *data, size_t len);

/* Colour verdict words when f is a terminal and NO_COLOR is not set. */
int cli_colour_wanted(FILE *f);
/* Write text to f with the verdict words coloured; 0 or -1 (errno). */
int cli_colour_write(FILE *f, const char *text, size_t len);

/* ---- input (input.c) ---------------------------------------------------- */

/* A list of malloc'd strings. */
typedef struct cli_list {
	char **v;
	size_t n, cap;
} cli_list;

/* Append a copy of s; 0, or -1 when out of memory. */
int cli_list_add(cli_list *l, const char *s);
void cli_list_free(cli_list *l);
/* The files of dir whose names end in one of suffixes (NULL-terminated),
 * not starting with '.', regular files only, not recursive, as "dir/name"
 * in byte order of their names, appended to l. */
int cli_list_dir(const char *dir, const char *const *suffixes, cli_list *l);
/* The whole of a regular file, or of standard input for "-" (named
 * "<stdin>"), at most max bytes (SIZE_MAX: no limit), read by the library
 * (mpr_input_read); an error is reported. Returns 0 or CLI_USAGE. */
int cli_read(const char *path, size_t max, char **data, size_t *len);
/* The most a key (PEM) or a signed head file may hold: each is a few lines. */
#define CLI_KEY_MAX ((size_t)64 << 10)

/* The proposals named on the command line, parsed and evaluated, all before
 * anything is printed: an input error must leave stdout empty. */
typedef struct cli_proposals {
	mpr_proposal **proposals;
	mpr_result **results;
	size_t n;
} cli_proposals;

/* Each argument is a proposal file, "-" (standard input) or a directory
 * (its *.yaml, *.yml and *.json files, in name order). */
int cli_proposals_evaluate(const mpr_ruleset *rules, char *const *args, int n_args,
                           cli_proposals *out);
/* The same with experience (R9; NULL: none), which must outlive out. */
int cli_proposals_evaluate_with(const mpr_ruleset *rules, const mpr_experience *experience,
                                char *const *args, int n_args, cli_proposals *out);
/* One proposal file, "-" for standard input, parsed into *out (the
 * caller frees it); 0, or CLI_USAGE reported. */
int cli_proposal_read(const mpr_ruleset *rules, const char *path, mpr_proposal **out);
/* One observations file of the monitored proposal, the same way. */
int cli_observations_read(const mpr_proposal *monitored, const char *path, mpr_observations **out);
/* 1 when every result passes (every activity, no partnership finding). */
int cli_proposals_pass(const cli_proposals *p);
void cli_proposals_free(cli_proposals *p);

/* ---- rules (rules.c) ----------------------------------------------------- */

/* The ruleset directory: the option if given, else the default. */
const char *cli_rules_dir(const char *option, char *buf, size_t size);
/* Load the ruleset in dir (NULL: the default, cli_rules_dir); an error is
 * reported; *out is then NULL or to be freed. Returns 0 or CLI_USAGE. */
int cli_rules_load(const char *dir, mpr_ruleset **out);
/* A command that prints a view of the rules: load the ruleset of --rules
 * (option, NULL for the default), and set *ro to what its output asks for
 * (cli_render_options, format the --format value). Returns 0 or CLI_USAGE,
 * reported, as cli_rules_load. */
int cli_rules_open(const char *option, const char *format, mpr_ruleset **out,
                   mpr_render_options *ro);
/* --require-signature PUB: the rules must carry a valid signature by the
 * public key in the file PUB (- for standard input). 0, or CLI_USAGE
 * reported (one line naming the signature file and why). */
int cli_rules_require(const mpr_ruleset *rules, const char *pubkey);
/* Whether the rules are signed, in words for a log line: "unsigned",
 * "signed by key sha256:...", "NOT SIGNED: the signature is invalid: ...". */
const char *cli_rules_signature(const mpr_ruleset *rules, char *buf, size_t size);
/* Once a command is done: when $MPRISK_RULES chose its rules (option NULL,
 * the variable set), say so on stderr, so that a reader of the output knows
 * which rules decided; not after a usage or input error (status 2), whose
 * one line stays alone. Returns status. */
int cli_rules_note(const char *option, int status);
/* The tests directory beside a rules directory (rules/default ->
 * rules/tests), or NULL when there is none. */
const char *cli_tests_beside(const char *rules_dir, char *buf, size_t size);

/* ---- decision records (record.c) --------------------------------------- */

/* Append result's decision record (mpr_log_append, stamped when) to the
 * log at path: sealed, chained, in one write under the log's lock, or not
 * at all. The service's record function (evaluate --log appends all its
 * records at once with mpr_log_append). 0, or -1 with the reason in why
 * (one line, without the path). */
int cli_record_append(const char *path, const mpr_result *result, const char *when, char *why,
                      size_t why_size);

/* ---- time (clock.c) ------------------------------------------------------ */

/* The option's date if given, else today's (UTC), as YYYY-MM-DD. */
const char *cli_today(const char *option, char *buf, size_t size);
/* Now, UTC, as YYYY-MM-DDTHH:MM:SSZ. */
void cli_now(char *buf, size_t size);

/* ---- the commands (cmd_*.c) --------------------------------------------- */

/* Run the rule tests of each path (a file, or a directory's *.yaml in name
 * order), adding to cov (may be NULL) and appending the reports of failed
 * cases to report (may be NULL). Returns 0 or CLI_USAGE (reported). */
int cli_run_tests(const mpr_ruleset *rules, const char *const *paths, size_t n_paths,
                  mpr_coverage *cov, cli_out *report, size_t *passed, size_t *failed);

/* `mprisk verify --log` (cmd_replay.c): every seal and link of the log and
 * its signed head (head, default LOG.sig) by the key in pem; the report into
 * out, *fails 1 when it does not verify. 0, or CLI_USAGE reported. */
int cli_verify_log(const char *log, const char *head, const char *max_record_bytes,
                   const char *pem, size_t plen, cli_out *out, int *fails);

/* The commands, each in its cmd_*.c, for the command table in main.c. */
extern const cli_cmd cmd_evaluate, cmd_explain, cmd_matrix, cmd_lint, cmd_test, cmd_diff,
	cmd_replay, cmd_monitor, cmd_report, cmd_indicators, cmd_serve, cmd_sign, cmd_verify;

#endif /* MPRISK_CLI_H */
