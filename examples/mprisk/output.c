/*
 * output.c - a command's output, written whole or not at all, to standard
 * output or to the file of -o FILE.
 *
 * Commands gather everything they print in a cli_out and write it once,
 * after they have succeeded: an input error found late (the fifth proposal,
 * the third test file) must not leave half an answer on stdout, and a
 * report or JSON file that a script picks up must never be a torn one. A
 * regular file is therefore written to a temporary file in its own
 * directory (so that rename(2) stays on one file system), flushed to disk,
 * renamed over the target, and the directory flushed too: a full disk or a
 * file size limit leaves the old file as it was, never a truncated one. A
 * symbolic link at the path is refused, not followed (in a shared
 * directory it could send the output over any file its owner can write;
 * name the link's target instead). What is not a regular file (/dev/null,
 * a terminal, a pipe) cannot be replaced by renaming and is written
 * directly. A missing directory is an error, and then nothing is written
 * anywhere. docs/cli.md, "Output".
 */
#define _XOPEN_SOURCE 700 /* O_DIRECTORY, O_NOFOLLOW */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int grow(cli_out *o, size_t need)
{
	if (o->failed)
		return -1;
	if (o->data && o->len + need + 1 <= o->cap)
		return 0;
	size_t cap = o->cap ? o->cap : 4096;
	while (cap < o->len + need + 1) {
		if (cap > SIZE_MAX / 2) {
			o->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *data = realloc(o->data, cap);
	if (!data) {
		o->failed = 1;
		return -1;
	}
	o->data = data;
	o->cap = cap;
	return 0;
}

void cli_out_append(cli_out *o, const char *s, size_t n)
{
	if (grow(o, n))
		return;
	memcpy(o->data + o->len, s, n);
	o->len += n;
	o->data[o->len] = '\0';
}

void cli_out_printf(cli_out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->failed = 1;
		return;
	}
	if (grow(o, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(o->data + o->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
}

mpr_format cli_format(const char *value)
{
	static const struct {
		const char *name;
		mpr_format format;
	} formats[] = {
		{"json", MPR_FORMAT_JSON}, {"markdown", MPR_FORMAT_MARKDOWN}, {"html", MPR_FORMAT_HTML}};
	for (size_t i = 0; value && i < sizeof formats / sizeof *formats; i++)
		if (strcmp(value, formats[i].name) == 0)
			return formats[i].format;
	return MPR_FORMAT_TEXT;
}

int cli_render_options(const mpr_ruleset *rules, const char *format, mpr_render_options *ro)
{
	int st;
	*ro = (mpr_render_options)MPR_RENDER_OPTIONS_INIT;
	ro->lang = cli_lang_for(rules, &st);
	ro->format = cli_format(format);
	return st;
}

int cli_out_text(int rc, cli_text *t, const char *path, int colour)
{
	if (rc != MPR_OK)
		return cli_fail(&t->err);
	cli_out out = {0};
	cli_out_take(&out, t->data, t->len);
	return cli_out_write(&out, CLI_PASS, path, colour);
}

void cli_out_take(cli_out *o, char *text, size_t len)
{
	if (!o->data && !o->failed && text) { /* the first piece: adopt it, no copy */
		o->data = text;
		o->len = len;
		o->cap = len + 1;
		return;
	}
	if (text)
		cli_out_append(o, text, len);
	free(text);
}

void cli_out_free(cli_out *o)
{
	free(o->data);
	*o = (cli_out){0};
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* The temporary file beside path: "DIR/.NAME.XXXXXX". */
static int temp_beside(const char *path, char *tmp, size_t size)
{
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(tmp, size, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
	              : snprintf(tmp, size, ".%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkstemp(tmp);
}

/* Flush the directory that holds path, so that the rename survives a
 * crash. Best effort: the file is whole and in place already, and a
 * directory that cannot be flushed (some file systems) changes nothing a
 * reader can see, so it is no failure of the command. */
static void sync_dir(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path)
	              : snprintf(dir, sizeof dir, ".");
	if (n < 0 || (size_t)n >= sizeof dir)
		return;
	int fd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

/* Replace the regular file (or create the file) at path with data. */
static int replace(const char *path, const char *data, size_t len)
{
	char tmp[PATH_MAX + 16];
	int fd = temp_beside(path, tmp, sizeof tmp);
	if (fd < 0)
		return cli_error(path, "cannot write: %s", strerror(errno));
	/* mkstemp makes the file 0600: give it the mode of the file it replaces,
	 * or the mode a new file would have under the umask */
	struct stat st;
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask;
	int ok = fchmod(fd, mode) == 0 && write_all(fd, data, len) == 0 && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = 0;
		e = errno;
	}
	if (!ok) {
		unlink(tmp);
		return cli_error(path, "cannot write: %s", strerror(e));
	}
	sync_dir(path);
	return 0;
}

static int refuse_link(const char *path)
{
	return cli_error(path, "is a symbolic link: outputs are not written through one (name "
	                       "the file it points to)");
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return refuse_link(path);
	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return replace(path, data, len);
	/* a device or a pipe; O_NOFOLLOW: a link put in its place meanwhile */
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW);
	if (fd < 0)
		return cli_error(path, "cannot write: %s", strerror(errno));
	int ok = write_all(fd, data, len) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	return ok ? 0 : cli_error(path, "cannot write: %s", strerror(e));
}

int cli_out_check(const char *path)
{
	struct stat st;
	if (!path || strcmp(path, "-") == 0)
		return 0;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return refuse_link(path);
	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode) ? cli_error(path, "cannot write: %s", strerror(EISDIR)) : 0;
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path)
	              : snprintf(dir, sizeof dir, ".");
	if (n < 0 || (size_t)n >= sizeof dir)
		return cli_error(path, "cannot write: %s", strerror(ENAMETOOLONG));
	if (access(dir[0] ? dir : "/", W_OK | X_OK) != 0)
		return cli_error(path, "cannot write: %s", strerror(errno));
	return 0;
}

static int write_stdout(const cli_out *o, int colour)
{
	int rc;
	if (colour && cli_colour_wanted(stdout))
		rc = cli_colour_write(stdout, o->data ? o->data : "", o->len);
	else
		rc = fwrite(o->data ? o->data : "", 1, o->len, stdout) == o->len ? 0 : -1;
	if (fflush(stdout) != 0 || rc != 0)
		return cli_error("mprisk", "cannot write to standard output: %s", strerror(errno));
	return 0;
}

int cli_out_write(cli_out *o, int status, const char *path, int colour)
{
	int rc = 0;
	if (status == CLI_USAGE)
		rc = status; /* an error: its one line on stderr, and nothing else */
	else if (o->failed)
		rc = cli_error("mprisk", "out of memory");
	else if (!path || strcmp(path, "-") == 0)
		rc = write_stdout(o, colour);
	else
		rc = cli_write_file(path, o->data ? o->data : "", o->len);
	cli_out_free(o);
	return rc ? rc : status;
}
