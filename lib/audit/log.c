/*
 * log.c - appending decision records to a log (mpr_log_append): the one
 * way evaluate --log and the decision service write records, so that one
 * log keeps one chain whoever writes to it.
 *
 * An append takes an exclusive flock(2) on the log, reads the seal of the
 * last record (the new record's "prev"), and writes every new record in one
 * write(2) of complete lines. A short or failed write is undone by
 * truncating the log back to where it ended, and so is a failed
 * fdatasync(2): a full disk or a file size limit leaves the log as it was,
 * never a partial record with the next one glued to it. Only a process
 * killed in the middle of its write can leave a partial last line; the
 * next append ends that line first (replay reports it with its line number)
 * and chains to the last whole record before it. Every writer must go
 * through here: a program that appends without the lock can still
 * interleave its lines with ours (docs/auditing.md says what is detected).
 */
#define _DEFAULT_SOURCE /* flock, fdatasync, ftruncate */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/record.h"
#include "util/error.h"

enum { CHUNK = 1 << 16 };

static int io_fail(mpr_error *err, const char *path, const char *what, int e)
{
	return mpr_fail(err, MPR_EIO, path, 0, 0, "%s: %s", what, strerror(e));
}

/* The offset of the last '\n' before pos (SIZE_MAX... -1 when none). */
static off_t newline_before(int fd, off_t pos, const char *path, mpr_error *err, int *rc)
{
	char buf[CHUNK];
	*rc = MPR_OK;
	while (pos > 0) {
		size_t n = pos < CHUNK ? (size_t)pos : CHUNK;
		ssize_t got = pread(fd, buf, n, pos - (off_t)n);
		if (got != (ssize_t)n) {
			*rc = io_fail(err, path, "cannot read the log", got < 0 ? errno : EIO);
			return -1;
		}
		for (size_t i = n; i-- > 0;)
			if (buf[i] == '\n')
				return pos - (off_t)n + (off_t)i;
		pos -= (off_t)n;
	}
	return -1;
}

/* The seal of the last sealed record of the first end bytes of the log:
 * *has says whether there is one, *partial whether the log ends in a line
 * without its newline (a write that was killed). */
static int last_seal(int fd, off_t end, const char *path, char seal[72], bool *has, bool *partial,
                     mpr_error *err)
{
	*has = *partial = false;
	if (end == 0)
		return MPR_OK;
	char last;
	if (pread(fd, &last, 1, end - 1) != 1)
		return io_fail(err, path, "cannot read the log", errno ? errno : EIO);
	*partial = last != '\n';
	int rc;
	off_t stop = *partial ? newline_before(fd, end, path, err, &rc) : end - 1;
	if (*partial && rc)
		return rc;
	/* each whole line from the last: its tail holds its seal, if any */
	while (stop >= 0) {
		char tail[SEAL_TAIL + 1];
		off_t from = stop - (off_t)SEAL_TAIL;
		if (from >= 1 && pread(fd, tail, SEAL_TAIL + 1, from - 1) == (ssize_t)SEAL_TAIL + 1 &&
		    tail[0] != '\n' && record_seal_of(tail, SEAL_TAIL + 1, seal)) {
			*has = true;
			return MPR_OK;
		}
		stop = newline_before(fd, stop, path, err, &rc);
		if (rc)
			return rc;
	}
	return MPR_OK;
}

/* The records of results, chained after prev, in one buffer. */
static int build(mpr_buf *b, const mpr_result *const *results, size_t count, const char *time,
                 char prev[72], bool has_prev, bool partial, mpr_error *err)
{
	if (partial)
		mpr_buf_puts(b, "\n"); /* ends the cut line, which replay reports */
	for (size_t i = 0; i < count; i++) {
		char seal[72];
		int rc = record_of_result(b, results[i], time, has_prev ? prev : NULL, seal, err);
		if (rc)
			return rc;
		memcpy(prev, seal, sizeof seal);
		has_prev = true;
	}
	return MPR_OK;
}

/* Write the whole buffer at the end, or leave the log as it was. */
static int write_whole(int fd, off_t end, const mpr_buf *b, const char *path, mpr_error *err)
{
	ssize_t w;
	do
		w = write(fd, b->data, b->len);
	while (w < 0 && errno == EINTR);
	int e = w < 0 ? errno : ENOSPC;
	if (w == (ssize_t)b->len && fdatasync(fd) == 0)
		return MPR_OK;
	if (w == (ssize_t)b->len)
		e = errno;
	if (w != 0 && ftruncate(fd, end) != 0)
		return mpr_fail(err, MPR_EIO, path, 0, 0,
		                "cannot append the record (%s), and cannot cut the partial record off "
		                "again: %s",
		                strerror(e), strerror(errno));
	return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot append the record (%s); the log is as it was",
	                w >= 0 && w < (ssize_t)b->len ? "short write, disk full or file too large"
	                                              : strerror(e));
}

int mpr_log_append(const char *path, const mpr_result *const *results, size_t count,
                   const char *time, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!path || (!results && count) || !time)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_log_append: invalid arguments");
	for (size_t i = 0; i < count; i++)
		if (!results[i])
			return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_log_append: a NULL result");
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0644);
	if (fd < 0)
		return errno == ELOOP ? mpr_fail(err, MPR_EIO, path, 0, 0,
		                                 "is a symbolic link: a log is not written through one")
		                      : io_fail(err, path, "cannot open the log", errno);
	struct stat st;
	int rc = MPR_OK;
	if (fstat(fd, &st) != 0)
		rc = io_fail(err, path, "cannot stat the log", errno);
	else if (!S_ISREG(st.st_mode))
		rc = mpr_fail(err, MPR_EIO, path, 0, 0, "the log is not a regular file");
	while (rc == MPR_OK && flock(fd, LOCK_EX) != 0)
		if (errno != EINTR)
			rc = io_fail(err, path, "cannot lock the log", errno);
	off_t end = rc == MPR_OK ? lseek(fd, 0, SEEK_END) : 0;
	if (end < 0)
		rc = io_fail(err, path, "cannot find the end of the log", errno);
	char prev[72];
	bool has = false, partial = false;
	if (rc == MPR_OK)
		rc = last_seal(fd, end, path, prev, &has, &partial, err);
	mpr_buf b = {0};
	if (rc == MPR_OK)
		rc = build(&b, results, count, time, prev, has, partial, err);
	if (rc == MPR_OK && b.failed)
		rc = mpr_fail(err, MPR_ENOMEM, path, 0, 0, "out of memory");
	if (rc == MPR_OK && b.len)
		rc = write_whole(fd, end, &b, path, err);
	free(b.data);
	close(fd); /* releases the lock */
	return rc;
}
