/*
 * main.c - the mprisk driver: one command table, and the dispatch to it.
 *
 * Each row is a command's name, the function that runs it, its one-line
 * summary, its option table, its arguments and what its exit status means
 * (libgit2's src/cli/cmd.h is the model). `mprisk --help` prints the
 * table; `mprisk COMMAND --help` and `mprisk help COMMAND` print a
 * command's help from its option table (opt.c). Adding a command is adding
 * a row and a cmd_*.c file; docs/cli.md and mprisk(1) must then list its
 * options, which test/cli.sh checks.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int cmd_help(const cli_cmd *cmd, int argc, char **argv);

static const cli_opt help_opts[] = {CLI_OPT_LANG, CLI_OPT_HELP, CLI_OPT_END};

#define EXIT_0_2 N_("0 success, 2 usage or input error")

static const cli_cmd commands[] = {
	{"evaluate", cmd_evaluate, N_("decide every activity and the partnership of each proposal"),
	 cmd_evaluate_opts, "FILE|DIR...\n--jsonl",
	 N_("A FILE is a YAML or JSON proposal, - for standard input; a DIR stands for its *.yaml, "
	 "*.yml and *.json files in name order (not recursive, no hidden files). All are parsed "
	 "and decided before anything is written."),
	 N_("0 every proposal passes; 1 some activity does not pass or a partnership finding "
	 "stands in the way; 2 usage or input error")},
	{"explain", cmd_explain, N_("why a country has its tier, and the decision for a measure there"),
	 cmd_explain_opts, "COUNTRY [MEASURE]", NULL, EXIT_0_2},
	{"matrix", cmd_matrix, N_("every country x measure decision; markdown: the table of countries"),
	 cmd_matrix_opts, "", NULL, EXIT_0_2},
	{"lint", cmd_lint, N_("load and check a ruleset, with warnings and notes"), cmd_lint_opts, "",
	 NULL, N_("0 the ruleset loads; 1 --strict and a warning; 2 usage or input error")},
	{"test", cmd_test, N_("run rule tests and report the rule coverage"), cmd_test_opts,
	 "[TESTDIR|FILE...]",
	 N_("Each FILE, or every *.yaml of a TESTDIR in name order; without either, the tests "
	 "directory beside the rules (rules/tests for rules/default)."),
	 N_("0 every case passes; 1 a case failed or coverage is below --coverage-threshold; "
	 "2 usage or input error")},
	{"diff", cmd_diff, N_("every decision a rule change changes, tightening or loosening"),
	 cmd_diff_opts, "OLD_RULES NEW_RULES", N_("Two ruleset directories."),
	 N_("0 success; 1 --check and an unjustified loosening; 2 usage or input error")},
	{"replay", cmd_replay, N_("re-decide a decision log: what would now differ, what was tampered with"),
	 cmd_replay_opts, "LOGFILE",
	 N_("A log written by evaluate --log; - for standard input. Each record's seal, its place "
	 "in the chain, its input's sha256 and its whole decision are checked; an unreadable "
	 "record is one line on stderr and the rest is still replayed."),
	 N_("0 every logged decision stands; 1 a decision would now differ; 2 usage or input "
	 "error, or an unreadable record; 3 a record was tampered with")},
	{"monitor", cmd_monitor,
	 N_("what monitoring found, and what follows from it as of a date (§4.2.3)"), cmd_monitor_opts,
	 "PROPOSAL OBSERVATIONS...",
	 N_("PROPOSAL is the proposal monitored (YAML or JSON, - for standard input); each "
	 "OBSERVATIONS file holds rounds of its monitoring (docs/monitoring.md). All are read "
	 "before anything is written."),
	 N_("0 on track (no consequence); 1 action required, or an activity or the partnership "
	 "must stop; 2 usage or input error")},
	{"report", cmd_report, N_("an HTML page for people: the heatmap and each proposal's decisions"),
	 cmd_report_opts, "--format html -o FILE [PROPOSAL|DIR...]",
	 N_("Proposals as for evaluate; without any, the page has the heatmap and the countries."),
	 EXIT_0_2},
	{"indicators", cmd_indicators, N_("refresh country indicators from published tables"),
	 cmd_indicators_opts, "import --out DIR",
	 N_("Edits only the values in the rule files' text, writes the files to --out once the "
	 "updated ruleset loads, and prints each change, the tier changes and every decision "
	 "that changes (docs/countries.md)."),
	 EXIT_0_2},
	{"serve", cmd_serve, N_("a decision service over HTTP, and a web page for drafting proposals"),
	 cmd_serve_opts, "",
	 N_("Listens on loopback unless told otherwise; SIGHUP reloads the rules, SIGTERM or "
	 "SIGINT stops it. The routes: docs/api-http.md."),
	 N_("0 stopped by SIGTERM or SIGINT; 2 usage or input error (also a ruleset that does "
	 "not load at the start, or an address that cannot be listened on)")},
	{"sign", cmd_sign, N_("approve a ruleset (or a log's head) with an Ed25519 signature"),
	 cmd_sign_opts, "--key KEY RULES\n--key KEY --log LOGFILE",
	 N_("Writes RULES/ruleset.sig, which every output then names (signed by key ...), or "
	 "LOGFILE.sig, the signed head of the log's chain (docs/auditing.md)."),
	 EXIT_0_2},
	{"verify", cmd_verify, N_("check that rules (or a log) are signed by a key"),
	 cmd_verify_opts, "--pubkey PUB RULES\n--pubkey PUB --log LOGFILE",
	 N_("RULES: signed by PUB and unchanged since. LOGFILE: every seal and link holds and "
	 "its signed head (LOGFILE.sig) is by PUB and matches."),
	 N_("0 verified; 1 not verified (unsigned, changed, another key, a broken chain); 2 usage "
	 "or input error")},
	{"help", cmd_help, N_("print every option of a command"), help_opts, "[COMMAND]", NULL, EXIT_0_2},
};

enum { N_COMMANDS = sizeof commands / sizeof *commands };

static void print_usage(FILE *f)
{
	fprintf(f, "%s mprisk COMMAND [OPTIONS] [ARGS]\n\n%s\n", cli_tr("usage:"), cli_tr("commands:"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-11s %s\n", commands[i].name, cli_tr(commands[i].summary));
	fputs(cli_tr("\n"
	             "mprisk COMMAND --help (or mprisk help COMMAND) lists every option of a command;\n"
	             "mprisk --version prints the version; --lang nl or LANG=nl_NL.UTF-8: in Dutch.\n"
	             "\n"
	             "exit status: 0 success (evaluate: every proposal passes); 1 a check failed\n"
	             "(evaluate: some activity does not pass or a partnership finding stands in the\n"
	             "way; see each command's help); 2 usage or input error: one line\n"
	             "FILE:LINE:COL: message on stderr, nothing on stdout.\n"
	             "Colour only on a terminal, and never with NO_COLOR set.\n"
	             "Manual: mprisk(1), docs/cli.md\n"),
	      f);
}

static const cli_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i].name;
	return cli_usage(NULL, "unknown command '%s'; did you mean '%s'?", name,
	                 cli_nearest(name, names, N_COMMANDS));
}

static int print_and_flush(const cli_cmd *cmd)
{
	if (cmd)
		cli_print_help(cmd, stdout);
	else
		print_usage(stdout);
	return fflush(stdout) == 0 ? CLI_PASS : cli_error("mprisk", "cannot write the help");
}

static int cmd_help(const cli_cmd *cmd, int argc, char **argv)
{
	int n;
	int st = cli_parse(cmd, argc, argv, NULL, &n);
	if (st >= 0)
		return st;
	if (n > 1)
		return cli_usage(cmd, "takes one COMMAND, found '%s'", argv[2]);
	if (n == 0)
		return print_and_flush(NULL);
	const cli_cmd *of = find_command(argv[1]);
	return of ? print_and_flush(of) : unknown_command(argv[1]);
}

int main(int argc, char **argv)
{
	int st = cli_lang_init(argc, argv);
	if (st)
		return st;
	/* --lang may also stand before the command (cli_lang_init has read it) */
	while (argc >= 2 && strncmp(argv[1], "--lang", 6) == 0 && (argv[1][6] == '=' || !argv[1][6])) {
		int skip = argv[1][6] ? 1 : 2;
		if (argc < 1 + skip)
			break;
		argv[skip] = argv[0];
		argv += skip;
		argc -= skip;
	}
	if (argc < 2)
		return cli_usage(NULL, "missing COMMAND");
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return print_and_flush(NULL);
	if (strcmp(name, "--version") == 0) {
		printf("mprisk %s\n", mpr_version());
		return fflush(stdout) == 0 ? CLI_PASS : cli_error("mprisk", "cannot write");
	}
	if (name[0] == '-')
		return cli_usage(NULL, "unknown option '%s' (options follow the COMMAND)", name);
	const cli_cmd *cmd = find_command(name);
	return cmd ? cmd->fn(cmd, argc - 1, argv + 1) : unknown_command(name);
}
