/*
 * fault.c - an LD_PRELOAD library for test/faults.sh: it fails one call,
 * the FAULT_AT-th, of the calls by which a command changes files (write to
 * a file, fsync, fdatasync, ftruncate, open to write, mkdir, link, symlink,
 * rename, renameat2, unlink, rmdir, fchmod, chmod), so that the test can
 * fail every step of an update in turn and check that the files are as
 * they were, or wholly new. With FAULT_SHORT=1 a failing write writes half
 * its bytes instead (a short write, as on a full disk). FAULT_COUNT=FILE
 * receives the number of such calls the command made, at its exit.
 * Writes to standard input, output and error are neither counted nor
 * failed. A test tool, not part of mprisk: it is built only by the tests.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static long calls;  /* the command is one process: no lock needed */
static long fail_at = -1;

/* Is this call the one to fail? */
static int fails(void)
{
	if (fail_at < 0) {
		const char *at = getenv("FAULT_AT");
		fail_at = at ? atol(at) : 0;
	}
	return ++calls == fail_at;
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("FAULT_COUNT");
	FILE *f = path ? fopen(path, "w") : NULL;
	if (f) {
		fprintf(f, "%ld\n", calls);
		fclose(f);
	}
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n)
{
	if (fd > 2 && fails()) {
		const char *s = getenv("FAULT_SHORT");
		if (s && *s == '1' && n > 1)
			return REAL(write)(fd, buf, n / 2);
		errno = ENOSPC;
		return -1;
	}
	return REAL(write)(fd, buf, n);
}

#define FAIL_OR(call, err)                                                                       \
	do {                                                                                           \
		if (fails()) {                                                                         \
			errno = err;                                                                   \
			return -1;                                                                     \
		}                                                                                      \
		return call;                                                                           \
	} while (0)

int fsync(int fd) { FAIL_OR(REAL(fsync)(fd), EIO); }
int fdatasync(int fd) { FAIL_OR(REAL(fdatasync)(fd), EIO); }
int ftruncate(int fd, off_t len) { FAIL_OR(REAL(ftruncate)(fd, len), EIO); }
int mkdir(const char *p, mode_t m) { FAIL_OR(REAL(mkdir)(p, m), ENOSPC); }
int link(const char *a, const char *b) { FAIL_OR(REAL(link)(a, b), ENOSPC); }
int symlink(const char *a, const char *b) { FAIL_OR(REAL(symlink)(a, b), ENOSPC); }
int rename(const char *a, const char *b) { FAIL_OR(REAL(rename)(a, b), EIO); }
int renameat2(int fa, const char *a, int fb, const char *b, unsigned flags)
{
	FAIL_OR(REAL(renameat2)(fa, a, fb, b, flags), EIO);
}
int unlink(const char *p) { FAIL_OR(REAL(unlink)(p), EIO); }
int rmdir(const char *p) { FAIL_OR(REAL(rmdir)(p), EIO); }
int fchmod(int fd, mode_t m) { FAIL_OR(REAL(fchmod)(fd, m), EIO); }
int chmod(const char *p, mode_t m) { FAIL_OR(REAL(chmod)(p, m), EIO); }

int open(const char *p, int flags, ...)
{
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if ((flags & (O_WRONLY | O_RDWR | O_CREAT)) && fails()) {
		errno = ENOSPC;
		return -1;
	}
	return REAL(open)(p, flags, mode);
}

int mkstemp(char *tmpl)
{
	if (fails()) {
		errno = ENOSPC;
		return -1;
	}
	return REAL(mkstemp)(tmpl);
}
