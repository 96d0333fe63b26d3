/* file.c - see file.h: reading a whole file once, with a limit, never
 * waiting on or reading without end from what is not a regular file;
 * reading standard input with the same limit; writing a file whole or not
 * at all. */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/error.h"

/* What kind of file st is, for a message. */
static const char *kind_of(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "a directory";
	if (S_ISFIFO(st->st_mode))
		return "a FIFO";
	if (S_ISCHR(st->st_mode))
		return "a character device";
	if (S_ISBLK(st->st_mode))
		return "a block device";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	return "of an unknown kind";
}

/* One read(2): again after a signal, and after waiting for data when the
 * descriptor is non-blocking (a standard input a parent left so). */
static ssize_t read_some(int fd, unsigned char *buf, size_t n)
{
	for (;;) {
		ssize_t r = read(fd, buf, n);
		if (r >= 0)
			return r;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			struct pollfd p = {.fd = fd, .events = POLLIN};
			if (poll(&p, 1, -1) < 0 && errno != EINTR)
				return -1;
		} else if (errno != EINTR) {
			return -1;
		}
	}
}

/* A regular file of the size fstat gave, which must not change while read. */
static int read_regular(int fd, const char *name, size_t max, const struct stat *st,
                        unsigned char **data, size_t *len, mpr_error *err)
{
	if ((unsigned long long)st->st_size > max)
		return mpr_fail(err, MPR_ELIMIT, name, 0, 0,
		                "file is %lld bytes, more than the limit max_file_bytes=%zu",
		                (long long)st->st_size, max);
	size_t cap = (size_t)st->st_size + 1;
	unsigned char *buf = malloc(cap);
	if (!buf)
		return mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory reading file");
	size_t got = 0;
	for (;;) {
		ssize_t r = read_some(fd, buf + got, cap - got);
		if (r < 0) {
			int e = errno;
			free(buf);
			return mpr_fail(err, MPR_EIO, name, 0, 0, "cannot read: %s", strerror(e));
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got == cap) { /* the file grew while we read it */
			free(buf);
			return mpr_fail(err, MPR_EIO, name, 0, 0, "file changed while being read");
		}
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return MPR_OK;
}

/* A pipe, terminal or device (standard input): read to its end, but never
 * more than max bytes (SIZE_MAX: no limit but memory). */
static int read_stream(int fd, const char *name, size_t max, unsigned char **data, size_t *len,
                       mpr_error *err)
{
	unsigned char *buf = NULL;
	size_t cap = 0, got = 0;
	for (;;) {
		if (cap - got < 2) { /* room for a byte and the NUL */
			size_t more = cap ? (cap < SIZE_MAX / 2 ? cap * 2 : SIZE_MAX) : 65536;
			unsigned char *grown = more > cap ? realloc(buf, more) : NULL;
			if (!grown) {
				free(buf);
				return mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory reading input");
			}
			buf = grown;
			cap = more;
		}
		/* room for the NUL, and one byte past the limit to see it crossed */
		size_t want = cap - got - 1;
		if (max < SIZE_MAX && want > max + 1 - got)
			want = max + 1 - got;
		ssize_t r = want ? read_some(fd, buf + got, want) : 0;
		if (r < 0) {
			int e = errno;
			free(buf);
			return mpr_fail(err, MPR_EIO, name, 0, 0, "cannot read: %s", strerror(e));
		}
		got += (size_t)r;
		if (max < SIZE_MAX && got > max) {
			free(buf);
			return mpr_fail(err, MPR_ELIMIT, name, 0, 0,
			                "more than %zu bytes, the limit max_file_bytes=%zu", max, max);
		}
		if (r == 0 && want)
			break;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return MPR_OK;
}

int mpr_file_read(const char *path, size_t max, unsigned char **data, size_t *len,
                  mpr_error *err)
{
	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; what is not a
	 * regular file is refused before anything is read from it */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		int e = errno;
		struct stat st;
		if (e == ELOOP && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			return mpr_fail(err, MPR_EIO, path, 0, 0,
			                "is a symbolic link; inputs are read from regular files only");
		return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot open: %s", strerror(e));
	}
	struct stat st;
	int rc;
	if (fstat(fd, &st) != 0)
		rc = mpr_fail(err, MPR_EIO, path, 0, 0, "cannot stat: %s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		rc = mpr_fail(err, MPR_EIO, path, 0, 0,
		              "not a regular file (%s): inputs are read from regular files, or from "
		              "standard input as -",
		              kind_of(&st));
	else
		rc = read_regular(fd, path, max, &st, data, len, err);
	close(fd);
	return rc;
}

int mpr_file_read_fd(int fd, const char *name, size_t max, unsigned char **data, size_t *len,
                     mpr_error *err)
{
	*data = NULL;
	*len = 0;
	struct stat st;
	if (fstat(fd, &st) != 0)
		return mpr_fail(err, MPR_EIO, name, 0, 0, "cannot read: %s", strerror(errno));
	if (S_ISREG(st.st_mode) && st.st_size > 0) /* a file given as standard input */
		return read_regular(fd, name, max, &st, data, len, err);
	return read_stream(fd, name, max, data, len, err);
}

int mpr_input_read(const char *path, size_t max, char **data, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!data)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_input_read: invalid arguments");
	unsigned char *d = NULL;
	size_t n = 0;
	int rc = path ? mpr_file_read(path, max, &d, &n, err)
	              : mpr_file_read_fd(STDIN_FILENO, "<stdin>", max, &d, &n, err);
	*data = (char *)d;
	if (len)
		*len = rc == MPR_OK ? n : 0;
	return rc;
}

int mpr_file_make_parents(const char *path, mpr_error *err)
{
	char dir[PATH_MAX];
	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return mpr_fail(err, MPR_ELIMIT, path, 0, 0, "path too long");
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			return mpr_fail(err, MPR_EIO, dir, 0, 0, "cannot create directory: %s",
			                strerror(errno));
		*p = '/';
	}
	return MPR_OK;
}

int mpr_file_write(const char *path, const unsigned char *data, size_t len, mpr_error *err)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return mpr_fail(err, MPR_ELIMIT, path, 0, 0, "path too long");
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return mpr_fail(err, MPR_EIO, tmp, 0, 0, "cannot write: %s", strerror(errno));
	bool ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	return MPR_OK;
}
