/*
 * index.h - an open-addressing hash index from an id to its position in an
 * array of structs, built once (the ruleset builds one per catalogue at
 * load) so that resolving an input id costs one hash and, almost always,
 * one compare. It knows nothing of what the structs are: only where the id
 * pointer of the first one is and how far apart they are.
 */
#ifndef MPR_UTIL_INDEX_H
#define MPR_UTIL_INDEX_H

#include <stddef.h>

#include "util/arena.h"

typedef struct mpr_index {
	const void *ids; /* the id pointer of the first struct: ids + pos * stride */
	size_t stride;   /* bytes between consecutive ids (array of structs) */
	int *slots;      /* position + 1, 0 = empty; size mask + 1; NULL until built */
	size_t mask;
} mpr_index;

/* Index n structs, stride bytes apart, whose first id pointer is at
 * first_id (NULL when n is 0); the slots live in arena. The ids must be
 * unique (a duplicate is not indexed) and outlive the index. MPR_ENOMEM
 * when the arena cannot grow. */
int mpr_index_build(mpr_index *ix, mpr_arena *arena, const void *first_id, size_t stride,
                    size_t n);
/* An empty index with room for n structs (mpr_index_build's first half),
 * to add them one by one as they are read. */
int mpr_index_init(mpr_index *ix, mpr_arena *arena, const void *first_id, size_t stride,
                   size_t n);
/* Add the struct at pos (its id must be set): -1, or, when another struct
 * has the same id, its position (pos is then not added). At most the n of
 * mpr_index_init. */
int mpr_index_add(mpr_index *ix, size_t pos);
/* The position of id, or -1 (also for an index never built). */
int mpr_index_find(const mpr_index *ix, const char *id);
/* For an id that is not found: the position of the id it most likely
 * means, for a "did you mean" in the error, or -1. Tried: the id in
 * capitals (country codes: 'tn'), in lower case with '_' and ' ' as '-'
 * (catalogue ids: 'forced_return'), then the one id within a typo of that
 * (one edit in 3 to 5 characters, two from 6 on: 'civil-society-suport';
 * never for a two-letter code, and none when two are as near). Looks at
 * every id: for errors only. */
int mpr_index_find_near(const mpr_index *ix, const char *id);

#endif
