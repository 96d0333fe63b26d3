/*
 * main.c - the mprisk driver: one command table, and the dispatch to it.
 *
 * The table lists the commands in the order `mprisk --help` shows them.
 * Each row (a cli_cmd: name, the function that runs it, its one-line
 * summary, its option table and the size of its options struct, its
 * arguments and what its exit status means; libgit2's src/cli/cmd.h is the
 * model) stands at the end of the command's own cmd_*.c, beside the options
 * it declares and the code that runs it. The dispatch parses a command's
 * options (opt.c) into a zeroed options struct of its own, so that a
 * command starts at its own work. `mprisk COMMAND --help` and `mprisk help
 * COMMAND` print a command's help from its row and option table. Adding a
 * command is adding a cmd_*.c file and a pointer to its row here;
 * docs/cli.md and mprisk(1) must then list its options, which test/cli.sh
 * checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_cmd cmd_help;

/* The commands, in the order `mprisk --help` lists them. */
static const cli_cmd *const commands[] = {
	&cmd_evaluate, &cmd_explain, &cmd_matrix,     &cmd_lint,  &cmd_test, &cmd_diff,   &cmd_replay,
	&cmd_monitor,  &cmd_report,  &cmd_indicators, &cmd_serve, &cmd_sign, &cmd_verify, &cmd_help,
};

enum { N_COMMANDS = sizeof commands / sizeof *commands };

static void print_usage(FILE *f)
{
	fprintf(f, "%s mprisk COMMAND [OPTIONS] [ARGS]\n\n%s\n", cli_tr("usage:"), cli_tr("commands:"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-11s %s\n", commands[i]->name, cli_tr(commands[i]->summary));
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
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i]->name;
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

static int help(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	(void)opts;
	if (n > 1)
		return cli_usage(cmd, "takes one COMMAND, found '%s'", args[1]);
	if (n == 0)
		return print_and_flush(NULL);
	const cli_cmd *of = find_command(args[0]);
	return of ? print_and_flush(of) : unknown_command(args[0]);
}

static const cli_opt help_opts[] = {CLI_OPT_END};

static const cli_cmd cmd_help = {"help", help, N_("print every option of a command"), help_opts, 0,
                                  "[COMMAND]", NULL, CLI_EXIT_0_2};

/* Parse the command's options (argv[0] its name) into a zeroed struct of
 * its own, run it with them and its arguments, and free what the options
 * hold. */
static int dispatch(const cli_cmd *cmd, int argc, char **argv)
{
	void *opts = calloc(1, cmd->opts_size ? cmd->opts_size : 1);
	if (!opts)
		return cli_error("mprisk", "out of memory");
	int n;
	int st = cli_parse(cmd, argc, argv, opts, &n);
	if (st < 0)
		st = cmd->run(cmd, opts, n, argv + 1);
	cli_opts_free(cmd, opts);
	free(opts);
	return st;
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
	return cmd ? dispatch(cmd, argc - 1, argv + 1) : unknown_command(name);
}
