/*
 * arena.h - a bump allocator. A ruleset, a proposal and a parsed YAML tree
 * each live in one arena, so that they are freed in one call and a failed
 * load cannot leak half-built entries.
 */
#ifndef MPR_ARENA_H
#define MPR_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct mpr_arena_block mpr_arena_block;

typedef struct mpr_arena {
	mpr_arena_block *head;
	size_t bytes; /* total bytes obtained from malloc, for measurements */
} mpr_arena;

/* Zeroed memory, aligned for any type; NULL when malloc fails. */
void *mpr_arena_alloc(mpr_arena *a, size_t size);
/* Copies of a string (len bytes, NUL added); NULL when malloc fails. */
char *mpr_arena_strndup(mpr_arena *a, const char *s, size_t len);
char *mpr_arena_strdup(mpr_arena *a, const char *s);
/* printf into the arena; NULL when malloc fails. */
char *mpr_arena_printf(mpr_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The same with a va_list (for printf-like helpers of the callers). */
char *mpr_arena_vprintf(mpr_arena *a, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;
void mpr_arena_free(mpr_arena *a);

#endif
