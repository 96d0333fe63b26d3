/*
 * array.h - the one growable array of the library (libgit2's git_array_t).
 *
 * Lists whose length is known only while reading (rule files in a
 * directory, rule entries, the sections of a ruleset, the children of an
 * open collection, the changes of a diff, the edits of a file, remedies)
 * all grow the same way, here, instead of in a realloc loop of their own:
 *
 *     mpr_array(part) parts = MPR_ARRAY_INIT;
 *     part *p = mpr_array_push(parts);   // room for one more, or NULL
 *     if (!p)
 *             return MPR_ENOMEM;         // parts is unchanged
 *     ...
 *     mpr_array_free(parts);
 *
 * The memory is malloc'd and belongs to the array until mpr_array_free; an
 * item pushed is not initialised, and a pointer to an item holds only until
 * the next push. The macros evaluate their argument more
 * than once: pass a plain lvalue.
 */
#ifndef MPR_UTIL_ARRAY_H
#define MPR_UTIL_ARRAY_H

#include <stddef.h>
#include <stdlib.h>

/* An array of T: v[0..n) are the items, cap the room allocated. */
#define mpr_array(T)                                                              \
	struct {                                                                      \
		T *v;                                                                     \
		size_t n, cap;                                                            \
	}
#define MPR_ARRAY_INIT {NULL, 0, 0}

/* Grow the block v of *cap items of item bytes to room for at least need
 * items (doubling, 16 at first). Returns the new block, or v itself with
 * *cap unchanged when memory runs out or the size would overflow. */
void *mpr_array_grow(void *v, size_t need, size_t *cap, size_t item);

/* The address of a new last item, or NULL (and a unchanged) when memory
 * runs out. */
#define mpr_array_push(a)                                                         \
	((a).n < (a).cap || ((a).v = mpr_array_grow((a).v, (a).n + 1, &(a).cap, sizeof *(a).v), \
	                     (a).n < (a).cap)                                         \
	     ? &(a).v[(a).n++]                                                        \
	     : NULL)

/* Free the items' memory; the array is then unusable until it is set to
 * MPR_ARRAY_INIT again. */
#define mpr_array_free(a) free((a).v)

#endif
