/*
 * diag.c - how the driver says what went wrong: one line on stderr, and
 * exit status 2.
 *
 * Every usage or input error is exactly one line, so that scripts and
 * editors can read it: the library's "FILE:LINE:COL: message", "FILE:
 * message" for a file that cannot be read or written, or "mprisk COMMAND:
 * message (mprisk COMMAND --help)" for a usage error. Standard output stays
 * empty, because commands write their output only once they have succeeded
 * (output.c). What the user typed and file names are shown as the library
 * shows input text (mpr_text_visible: a newline as \n, ESC as \x1b), so no
 * argument can add a line or forge one. The messages are the driver's own,
 * in its language (i18n.c); the library's are written by the library.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

/* msg as one visible line: what the user typed or a file is called is
 * echoed in messages, and must not start a line or hide one */
static const char *one_line(const char *msg, char *buf, size_t size)
{
	mpr_text_visible(buf, size, msg);
	return buf;
}

int cli_usage(const cli_cmd *cmd, const char *fmt, ...)
{
	char msg[512], line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, cli_tr(fmt), ap);
	va_end(ap);
	one_line(msg, line, sizeof line);
	if (cmd)
		fprintf(stderr, "mprisk %s: %s (mprisk %s --help)\n", cmd->name, line, cmd->name);
	else
		fprintf(stderr, "mprisk: %s (mprisk --help)\n", line);
	return CLI_USAGE;
}

int cli_fail(const mpr_error *err)
{
	char msg[2400];
	/* one visible line already, in the language of the messages */
	mpr_error_format_lang(err, cli_lang(), msg, sizeof msg);
	fprintf(stderr, "%s\n", msg);
	return CLI_USAGE;
}

int cli_fail_as(const char *what, const mpr_error *err)
{
	mpr_error e = *err;
	e.file[0] = '\0';
	char msg[2400];
	mpr_error_format_lang(&e, cli_lang(), msg, sizeof msg);
	return cli_error(what, "%s", msg);
}

int cli_error(const char *what, const char *fmt, ...)
{
	char msg[512], line[2048], name[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, cli_tr(fmt), ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", one_line(what, name, sizeof name), one_line(msg, line, sizeof line));
	return CLI_USAGE;
}
