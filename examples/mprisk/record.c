/*
 * record.c - appending decision records for the service (serve --log).
 *
 * The record and the append are the library's (mpr_log_append): sealed,
 * chained to the record before it, written in one write(2) under the
 * log's lock and cut back on a short write, so that a log written by the
 * service is the log evaluate --log writes, one chain whoever appends, and
 * `mprisk replay` reads either.
 */
#include <stdio.h>

#include "cli.h"

int cli_record_append(const char *path, const mpr_result *result, const char *when, char *why,
                      size_t why_size)
{
	mpr_error err;
	if (mpr_log_append(path, &result, 1, when, &err) == MPR_OK)
		return 0;
	/* the path is the caller's to name; the reason alone, in the messages' language */
	err.file[0] = '\0';
	mpr_error_format_lang(&err, cli_lang(), why, why_size);
	return -1;
}
