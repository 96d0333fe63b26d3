/*
 * file.h - the one way the library reads and writes a file: rule files,
 * proposals, rule-test files and the published tables are read by
 * mpr_file_read, with the same refusals (not a regular file, a symbolic
 * link, larger than the caller's limit, changed while read) and the same
 * messages; the importer writes rule files whole or not at all.
 */
#ifndef MPR_UTIL_FILE_H
#define MPR_UTIL_FILE_H

#include <stddef.h>

#include "mprisk.h"

/* Read the regular file at path (a symbolic link is not followed) of at
 * most max bytes into *data, malloc'd with one byte to spare, freed by the
 * caller with free(); *len is its length. MPR_EIO (cannot open or read, not
 * a regular file, changed while read), MPR_ELIMIT (larger than max) or
 * MPR_ENOMEM, with path in err. */
int mpr_file_read(const char *path, size_t max, unsigned char **data, size_t *len,
                  mpr_error *err);

/* Write len bytes to path through a temporary file beside it and a rename,
 * so that a reader never sees half a file. MPR_EIO or MPR_ELIMIT (a path
 * too long) with the path in err. */
int mpr_file_write(const char *path, const unsigned char *data, size_t len, mpr_error *err);

/* Create the directories path lies in that do not exist yet (mkdir -p of
 * its directory). */
int mpr_file_make_parents(const char *path, mpr_error *err);

#endif
