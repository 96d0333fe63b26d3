/*
 * dirswap.c - see dirswap.h: a directory updated all or nothing.
 *
 * Renaming files one by one leaves, after a failure or a kill between two
 * renames, a directory of rule files from two different updates that may
 * no longer load, and temporary files beside them. Here every step before
 * the swap works on a copy the readers do not see, every file and
 * directory of the copy is flushed before it is swapped in, and the swap
 * is one rename(2). The steps, each of which may fail (test/faults.sh fails
 * each in turn): make the copy's directory; link or copy what is kept;
 * write, flush and close each new file; flush the copy's directories; swap;
 * flush the parent; remove the old copy (failures past the swap are notes).
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "util/dirswap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

enum { MAX_DEPTH = 16 };

static int io(mpr_error *err, const char *path, const char *what)
{
	return mpr_fail(err, MPR_EIO, path, 0, 0, "%s: %s", what, strerror(errno));
}

static int join(char *out, size_t size, const char *a, const char *b, mpr_error *err)
{
	int n = snprintf(out, size, "%s/%s", a, b);
	if (n < 0 || (size_t)n >= size)
		return mpr_fail(err, MPR_ELIMIT, a, 0, 0, "path too long: %s", b);
	return MPR_OK;
}

static int sync_path(const char *path, mpr_error *err)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return io(err, path, "cannot open to flush");
	int ok = fsync(fd) == 0 || errno == EINVAL;
	int e = errno;
	close(fd);
	errno = e;
	return ok ? MPR_OK : io(err, path, "cannot flush");
}

/* Is rel (relative to the top) one of the files to write? */
static bool replaced(const char *rel, const mpr_file_update *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].rel, rel) == 0)
			return true;
	return false;
}

static int copy_link(const char *src, const char *dst, mpr_error *err)
{
	char target[PATH_MAX];
	ssize_t tn = readlink(src, target, sizeof target - 1);
	if (tn < 0)
		return io(err, src, "cannot read the link");
	target[tn] = '\0';
	return symlink(target, dst) == 0 ? MPR_OK : io(err, dst, "cannot copy the link");
}

/* Copy the tree at from into the (existing) directory to: directories
 * made, files hard-linked, links copied as links; files to be written are
 * left out. rel is the path below the top ("" at the top). */
static int copy_tree(const char *from, const char *to, const char *rel, unsigned depth,
                     const mpr_file_update *files, size_t n, mpr_error *err)
{
	if (depth > MAX_DEPTH)
		return mpr_fail(err, MPR_ELIMIT, from, 0, 0, "directories nested deeper than %d",
		                MAX_DEPTH);
	DIR *d = opendir(from);
	if (!d)
		return io(err, from, "cannot read the directory");
	int rc = MPR_OK;
	struct dirent *e;
	while (rc == MPR_OK && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char src[PATH_MAX], dst[PATH_MAX], sub[PATH_MAX];
		struct stat st;
		if ((rc = join(src, sizeof src, from, e->d_name, err)) ||
		    (rc = join(dst, sizeof dst, to, e->d_name, err)))
			break;
		int w = rel[0] ? snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name)
		               : snprintf(sub, sizeof sub, "%s", e->d_name);
		if (w < 0 || (size_t)w >= sizeof sub)
			rc = mpr_fail(err, MPR_ELIMIT, from, 0, 0, "path too long: %s", e->d_name);
		else if (lstat(src, &st) != 0)
			rc = io(err, src, "cannot stat");
		else if (S_ISDIR(st.st_mode))
			rc = mkdir(dst, st.st_mode & 07777) != 0
			         ? io(err, dst, "cannot create the directory")
			         : copy_tree(src, dst, sub, depth + 1, files, n, err);
		else if (S_ISREG(st.st_mode) && !replaced(sub, files, n))
			rc = link(src, dst) != 0 ? io(err, dst, "cannot link") : MPR_OK;
		else if (S_ISLNK(st.st_mode))
			rc = copy_link(src, dst, err);
		else if (!S_ISREG(st.st_mode)) {
			rc = mpr_fail(err, MPR_EIO, src, 0, 0, "not a file, a directory or a link");
		}
	}
	closedir(d);
	return rc;
}

/* Create the directories rel needs below top. */
static int parents(const char *top, const char *rel, mpr_error *err)
{
	char path[PATH_MAX];
	int rc = join(path, sizeof path, top, rel, err);
	for (char *p = path + strlen(top) + 1; rc == MPR_OK && *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			rc = io(err, path, "cannot create the directory");
		*p = '/';
	}
	return rc;
}

/* Write one new file into the copy, with the mode of the file it replaces. */
static int write_file(const char *top, const char *old_top, const mpr_file_update *f,
                      mpr_error *err)
{
	char path[PATH_MAX], old[PATH_MAX];
	int rc = parents(top, f->rel, err);
	if (rc || (rc = join(path, sizeof path, top, f->rel, err)) ||
	    (rc = join(old, sizeof old, old_top, f->rel, err)))
		return rc;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd < 0)
		return io(err, path, "cannot create");
	struct stat st;
	bool ok = lstat(old, &st) != 0 || !S_ISREG(st.st_mode) || fchmod(fd, st.st_mode & 07777) == 0;
	for (size_t done = 0; ok && done < f->len;) {
		ssize_t w = write(fd, f->data + done, f->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			ok = false;
		} else {
			done += (size_t)w;
		}
	}
	ok = ok && fsync(fd) == 0;
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	errno = e;
	return ok ? MPR_OK : io(err, path, "cannot write");
}

/* Flush every directory of the tree at path. */
static int sync_tree(const char *path, unsigned depth, mpr_error *err)
{
	DIR *d = depth <= MAX_DEPTH ? opendir(path) : NULL;
	if (!d)
		return io(err, path, "cannot read the directory");
	int rc = MPR_OK;
	struct dirent *e;
	while (rc == MPR_OK && (e = readdir(d)) != NULL) {
		char sub[PATH_MAX];
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((rc = join(sub, sizeof sub, path, e->d_name, err)) == MPR_OK &&
		    lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc = sync_tree(sub, depth + 1, err);
	}
	closedir(d);
	return rc == MPR_OK ? sync_path(path, err) : rc;
}

/* Remove a tree; the first path that cannot be removed goes into notes. */
static void remove_tree(const char *path, unsigned depth, mpr_buf *notes)
{
	DIR *d = depth <= MAX_DEPTH ? opendir(path) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		char sub[PATH_MAX];
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    join(sub, sizeof sub, path, e->d_name, NULL) != MPR_OK)
			continue;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(sub, depth + 1, notes);
		else if (unlink(sub) != 0 && notes)
			mpr_buf_printf(notes, "  note: cannot remove %s: %s\n", sub, strerror(errno));
	}
	if (d)
		closedir(d);
	if (rmdir(path) != 0 && notes && errno != ENOENT)
		mpr_buf_printf(notes, "  note: cannot remove %s (left from the update): %s\n", path,
		               strerror(errno));
}

/* Swap the new copy in: exchanged with the old directory in one step, or,
 * where the file system cannot exchange, the old one moved aside first. */
static int swap_in(const char *dir, const char *copy, bool existed, char *aside, size_t size,
                mpr_error *err)
{
	if (!existed)
		return rename(copy, dir) == 0 ? MPR_OK : io(err, dir, "cannot put the new directory");
	if (renameat2(AT_FDCWD, copy, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		snprintf(aside, size, "%s", copy); /* the old directory is there now */
		return MPR_OK;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return io(err, dir, "cannot swap in the new directory");
	int n = snprintf(aside, size, "%s.old", copy);
	if (n < 0 || (size_t)n >= size)
		return mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "path too long");
	if (rename(dir, aside) != 0)
		return io(err, dir, "cannot move the old directory aside");
	if (rename(copy, dir) != 0) {
		int e = errno;
		if (rename(aside, dir) != 0)
			return mpr_fail(err, MPR_EIO, dir, 0, 0,
			                "cannot put the new directory (%s), nor the old one back: it is at %s",
			                strerror(e), aside);
		errno = e;
		return io(err, dir, "cannot put the new directory");
	}
	return MPR_OK;
}

int mpr_dir_update(const char *dir, const mpr_file_update *files, size_t n, mpr_buf *notes,
                   mpr_error *err)
{
	char top[PATH_MAX], copy[PATH_MAX + 32], aside[PATH_MAX + 48];
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len >= sizeof top)
		return mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "path too long");
	memcpy(top, dir, len);
	top[len] = '\0';
	const char *slash = strrchr(top, '/');
	int w = slash ? snprintf(copy, sizeof copy, "%.*s/.%s.new-XXXXXX", (int)(slash - top), top,
	                         slash + 1)
	              : snprintf(copy, sizeof copy, ".%s.new-XXXXXX", top);
	if (w < 0 || (size_t)w >= sizeof copy)
		return mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "path too long");
	struct stat st;
	bool existed = lstat(top, &st) == 0;
	if (existed && !S_ISDIR(st.st_mode))
		return S_ISLNK(st.st_mode) ? mpr_fail(err, MPR_EIO, top, 0, 0,
		                                      "is not a directory (a symbolic link is not "
		                                      "written through)")
		                           : mpr_fail(err, MPR_EIO, top, 0, 0, "is not a directory");
	if (!mkdtemp(copy))
		return io(err, copy, "cannot create the new directory");
	int rc = existed && chmod(copy, st.st_mode & 07777) != 0 ? io(err, copy, "cannot set its mode")
	                                                          : MPR_OK;
	if (rc == MPR_OK && existed)
		rc = copy_tree(top, copy, "", 0, files, n, err);
	for (size_t i = 0; rc == MPR_OK && i < n; i++)
		rc = write_file(copy, top, &files[i], err);
	if (rc == MPR_OK)
		rc = sync_tree(copy, 0, err);
	aside[0] = '\0';
	if (rc == MPR_OK)
		rc = swap_in(top, copy, existed, aside, sizeof aside, err);
	if (rc != MPR_OK) {
		remove_tree(copy, 0, NULL); /* the readers never saw it */
		return rc;
	}
	char parent[PATH_MAX];
	snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - top) : 1, slash ? top : ".");
	mpr_error ignored;
	if (sync_path(parent[0] ? parent : "/", &ignored) != MPR_OK && notes)
		mpr_buf_printf(notes, "  note: %s\n", ignored.message);
	if (aside[0])
		remove_tree(aside, 0, notes);
	return MPR_OK;
}
