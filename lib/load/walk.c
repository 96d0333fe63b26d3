/*
 * walk.c - which files are the rules: every *.yaml under the rules
 * directory, recursively, in byte order of their paths, read whole. Hidden
 * entries are skipped; a *.yml file or a symbolic link to rules is an error
 * rather than silently skipped, because a rule file nobody loads is a
 * surprise an auditor must not meet.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/tree.h"
#include "load/load.h"
#include "util/array.h"
#include "util/error.h"

typedef mpr_array(char *) pathlist;

static int pathlist_add(pathlist *p, const char *s)
{
	char **slot = mpr_array_push(*p);
	if (!slot)
		return -1;
	if (!(*slot = strdup(s))) {
		p->n--;
		return -1;
	}
	return 0;
}

static void pathlist_free(pathlist *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	mpr_array_free(*p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Collect *.yaml under dir into out; depth bounds recursion. */
static int collect(const char *dir, unsigned depth, pathlist *out, mpr_error *err)
{
	if (depth > 16)
		return mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "rules directories nested deeper than 16");
	DIR *d = opendir(dir);
	if (!d)
		return mpr_fail(err, MPR_EIO, dir, 0, 0, "cannot open rules directory: %s",
		                strerror(errno));
	pathlist here = MPR_ARRAY_INIT;
	int rc = MPR_OK;
	struct dirent *e;
	while (rc == MPR_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (w < 0 || (size_t)w >= sizeof path) {
			rc = mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "path too long: %s", e->d_name);
			break;
		}
		if (pathlist_add(&here, path))
			rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	}
	closedir(d);
	if (rc == MPR_OK && here.n) /* qsort(NULL, 0, ...) is undefined */
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; rc == MPR_OK && i < here.n; i++) {
		struct stat st;
		if (lstat(here.v[i], &st) != 0) {
			rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0, "cannot stat: %s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			/* a link that would bring in rules, or that loops, is refused:
			 * it would either be ignored silently or be a loop */
			struct stat target;
			if (stat(here.v[i], &target) != 0)
				rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0, "broken or looping symbolic link: %s",
				              strerror(errno));
			else if (S_ISDIR(target.st_mode) || ends_with(here.v[i], ".yaml") ||
			         ends_with(here.v[i], ".yml"))
				rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0,
				              "is a symbolic link; rules are read from regular files only");
		} else if (S_ISDIR(st.st_mode)) {
			rc = collect(here.v[i], depth + 1, out, err);
		} else if (S_ISREG(st.st_mode) && ends_with(here.v[i], ".yml")) {
			rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0,
			              "rule files must end in .yaml (rename it, or it would be ignored)");
		} else if (S_ISREG(st.st_mode) && ends_with(here.v[i], ".yaml")) {
			if (pathlist_add(out, here.v[i]))
				rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
		} else if (ends_with(here.v[i], ".yaml") || ends_with(here.v[i], ".yml")) {
			/* a FIFO, device or socket named as a rule file: never read,
			 * never ignored quietly */
			rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0,
			              "not a regular file; rules are read from regular files only");
		}
	}
	pathlist_free(&here);
	return rc;
}

int mpr_rule_files_read(const char *dir, const mpr_load_options *opts, mpr_rule_file **out,
                        size_t *n_out, mpr_error *err)
{
	*out = NULL;
	*n_out = 0;
	pathlist paths = MPR_ARRAY_INIT;
	int rc = collect(dir, 0, &paths, err);
	if (rc == MPR_OK && paths.n == 0)
		rc = mpr_fail(err, MPR_EIO, dir, 0, 0, "no *.yaml rule files in this directory");
	size_t n = rc == MPR_OK ? paths.n : 0;
	mpr_rule_file *files = NULL;
	/* n > 0 here: an empty directory failed above */
	// NOLINTNEXTLINE(clang-analyzer-optin.portability.UnixAPI)
	if (n && !(files = calloc(n, sizeof *files)))
		rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	size_t dirlen = strlen(dir);
	for (size_t i = 0; files && i < n; i++) {
		/* the file takes over the path; rel points into it */
		files[i].name = paths.v[i];
		files[i].rel = paths.v[i] + dirlen + (paths.v[i][dirlen] == '/');
		paths.v[i] = NULL;
		unsigned char *data = NULL;
		if (rc == MPR_OK)
			rc = yt_read_input(files[i].name, opts, &data, &files[i].len, err);
		files[i].data = data;
	}
	pathlist_free(&paths); /* frees the paths no file took over */
	if (rc != MPR_OK) {
		mpr_rule_files_free(files, n);
		return rc;
	}
	*out = files;
	*n_out = n;
	return MPR_OK;
}

void mpr_rule_files_free(mpr_rule_file *files, size_t n)
{
	for (size_t i = 0; files && i < n; i++) {
		/* both were malloc'd by mpr_rule_files_read; the struct only shows them const */
		void *name, *data;
		memcpy(&name, &files[i].name, sizeof name);
		memcpy(&data, &files[i].data, sizeof data);
		free(name);
		free(data);
	}
	free(files);
}
