/*
 * record.c - appending decision records (evaluate --log, serve --log).
 *
 * One function writes a decision record for both commands, so that a log
 * written by the service is the log evaluate writes, and `mprisk replay`
 * reads either. The record is the library's (mpr_render_record); this file
 * only appends it whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Append a whole record with one write(): with O_APPEND, records from
 * processes writing at the same time do not interleave. */
static int append(const char *path, const char *text, size_t len, char *why, size_t why_size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(why, why_size, "cannot open log: %s", strerror(errno));
		return -1;
	}
	ssize_t w = write(fd, text, len);
	int e = errno;
	if (close(fd) != 0 && w == (ssize_t)len) {
		snprintf(why, why_size, "cannot append the record: %s", strerror(errno));
		return -1;
	}
	if (w != (ssize_t)len) {
		snprintf(why, why_size, "cannot append the record: %s",
		         w < 0 ? strerror(e) : "short write");
		return -1;
	}
	return 0;
}

int cli_record_append(const char *path, const mpr_result *result, const char *when, char *why,
                      size_t why_size)
{
	char *rec;
	size_t len;
	mpr_error err;
	if (mpr_render_record(result, when, &rec, &len, &err) != MPR_OK) {
		mpr_error_format(&err, why, why_size);
		return -1;
	}
	int st = append(path, rec, len, why, why_size);
	free(rec);
	return st;
}
