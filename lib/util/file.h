/*
 * file.h - the one way the library reads and writes a file: rule files,
 * proposals, rule-test files and the published tables are read by
 * mpr_file_read, with the same refusals (not a regular file, a symbolic
 * link, larger than the caller's limit, changed while read) and the same
 * messages; standard input by mpr_file_read_fd, with the same limit; and
 * callers of the API (the mprisk driver) through mpr_input_read. The
 * importer writes rule files whole or not at all.
 */
#ifndef MPR_UTIL_FILE_H
#define MPR_UTIL_FILE_H

#include <stddef.h>

#include "mprisk.h"

/* Read the regular file at path (a symbolic link is not followed) of at
 * most max bytes into *data, malloc'd and NUL-terminated, freed by the
 * caller with free(); *len is its length. It is opened without waiting (a
 * FIFO with no writer does not block) and anything but a regular file (a
 * FIFO, device, directory, socket) is refused before a byte is read, with
 * its kind in the message. MPR_EIO (cannot open or read, not a regular file,
 * a symbolic link, changed while read), MPR_ELIMIT (larger than max) or
 * MPR_ENOMEM, with path in err. */
int mpr_file_read(const char *path, size_t max, unsigned char **data, size_t *len,
                  mpr_error *err);
/* The same from an open descriptor (standard input), named name in
 * messages: read to its end whatever it is (a pipe, a terminal, a device, a
 * file), but never more than max bytes (SIZE_MAX: no limit), and a read
 * error (a directory as standard input) is MPR_EIO, never an empty text. */
int mpr_file_read_fd(int fd, const char *name, size_t max, unsigned char **data, size_t *len,
                     mpr_error *err);

/* Write len bytes to path through a temporary file beside it and a rename,
 * so that a reader never sees half a file. MPR_EIO or MPR_ELIMIT (a path
 * too long) with the path in err. */
int mpr_file_write(const char *path, const unsigned char *data, size_t len, mpr_error *err);

/* Create the directories path lies in that do not exist yet (mkdir -p of
 * its directory). */
int mpr_file_make_parents(const char *path, mpr_error *err);

#endif
