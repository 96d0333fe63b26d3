/*
 * diag.c - how the driver says what went wrong: one line on stderr, and
 * exit status 2.
 *
 * Every usage or input error is exactly one line, so that scripts and
 * editors can read it: the library's "FILE:LINE:COL: message", "FILE:
 * message" for a file that cannot be read or written, or "mprisk COMMAND:
 * message (mprisk COMMAND --help)" for a usage error. Standard output stays
 * empty, because commands write their output only once they have succeeded
 * (output.c).
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int cli_usage(const cli_cmd *cmd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "mprisk %s: %s (mprisk %s --help)\n", cmd->name, msg, cmd->name);
	else
		fprintf(stderr, "mprisk: %s (mprisk --help)\n", msg);
	return CLI_USAGE;
}

int cli_fail(const mpr_error *err)
{
	char msg[1200];
	mpr_error_format(err, msg, sizeof msg);
	fprintf(stderr, "%s\n", msg);
	return CLI_USAGE;
}

int cli_error(const char *what, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", what, msg);
	return CLI_USAGE;
}
