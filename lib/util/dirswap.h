/*
 * dirswap.h - updating a directory of files all at once (dirswap.c): a new
 * copy is made beside it, the changed files written into the copy and
 * flushed, and the copy swapped in with one rename. A reader, or a process
 * killed at any step, sees the old directory or the new one, never a mix
 * (`mprisk indicators import` writes rule files this way).
 */
#ifndef MPR_UTIL_DIRSWAP_H
#define MPR_UTIL_DIRSWAP_H

#include <stddef.h>

#include "mprisk.h"
#include "util/buf.h"

/* A file to write: its path relative to the directory, and its bytes. */
typedef struct mpr_file_update {
	const char *rel;
	const unsigned char *data;
	size_t len;
} mpr_file_update;

/* Make dir hold these files, with everything else it holds kept as it is
 * (hard links, so nothing is copied; symbolic links as links), or, when
 * dir does not exist, exactly these files. The copy is DIR/../.NAME.new-*,
 * swapped in with renameat2(RENAME_EXCHANGE) (rename twice where the file
 * system cannot exchange); the old copy is then removed. On failure dir
 * is as it was and the copy is removed: MPR_EIO or MPR_ELIMIT with the
 * path and the system's reason, MPR_ENOMEM. After the swap, a part of the
 * old copy that cannot be removed is named in notes and is no failure. */
int mpr_dir_update(const char *dir, const mpr_file_update *files, size_t n, mpr_buf *notes,
                   mpr_error *err);

#endif
