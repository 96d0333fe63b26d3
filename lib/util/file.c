/* file.c - see file.h: reading a whole file once, with a limit, and
 * writing one whole or not at all. */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util/error.h"

int mpr_file_read(const char *path, size_t max, unsigned char **data, size_t *len,
                  mpr_error *err)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mpr_fail(err, MPR_EIO, path, 0, 0, "not a regular file");
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return mpr_fail(err, MPR_ELIMIT, path, 0, 0,
		                "file is %lld bytes, more than the limit max_file_bytes=%zu",
		                (long long)st.st_size, max);
	}
	size_t cap = (size_t)st.st_size + 1;
	unsigned char *buf = malloc(cap);
	if (!buf) {
		close(fd);
		return mpr_fail(err, MPR_ENOMEM, path, 0, 0, "out of memory reading file");
	}
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, cap - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got == cap) { /* the file grew while we read it */
			free(buf);
			close(fd);
			return mpr_fail(err, MPR_EIO, path, 0, 0, "file changed while being read");
		}
	}
	close(fd);
	*data = buf;
	*len = got;
	return MPR_OK;
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
