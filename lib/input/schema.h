/*
 * schema.h - typed, fail-closed reading of yt_node trees.
 *
 * Every reader names the place of what is wrong: a missing key at its
 * mapping, a wrong value at the value, an unknown key at the key. Strings
 * are copied into the target arena so the YAML tree can be freed.
 */
#ifndef MPR_SCHEMA_H
#define MPR_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "input/tree.h"
#include "util/index.h"

typedef struct sc_ctx {
	const char *file;
	mpr_error *err;
	mpr_arena *arena;
} sc_ctx;

int sc_fail(sc_ctx *c, int code, const yt_node *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* n must be a mapping whose keys are all in allowed (NULL-terminated). */
int sc_map(sc_ctx *c, const yt_node *n, const char *what, const char *const *allowed);
/* n must be a list (an empty one allowed when min_items is 0). */
int sc_seq(sc_ctx *c, const yt_node *n, const char *what, size_t min_items);

/* The list at map[key], with at least min_items entries and named 'key' in
 * messages; a missing key is an error when required, else *out is NULL. A
 * null value is not a list. */
int sc_list(sc_ctx *c, const yt_node *map, const char *key, bool required, size_t min_items,
            const yt_node **out);
/* An item of the list at key as a string (sc_scalar_str naming 'key'). */
int sc_item_str(sc_ctx *c, const yt_node *item, const char *key, const char **out);

/* map[key], or NULL when the key is absent or its value is null (null, ~
 * or nothing): what an optional key's reader takes as "not given". */
const yt_node *sc_get(const yt_node *map, const char *key);

/* Readers of map[key]. A missing optional key, or one whose value is null,
 * leaves *out unchanged and returns 0; *present (if not NULL) tells whether
 * a value was there. Numbers are read without the locale. sc_int takes a
 * number that is exactly whole however it is written (6, 6.0, 6e0) and
 * refuses a leading zero (010: octal in YAML 1.1, decimal elsewhere). */
int sc_str(sc_ctx *c, const yt_node *map, const char *key, bool required, const char **out);
/* Free text of a proposal (docs/proposal-format.md, "Free text"): a string
 * that holds no character the outputs would have to hide (util/text.h:
 * controls, line and paragraph separators, bidi controls), except, with
 * lines, tabs and line breaks; one-line text must not be blank (only
 * whitespace or invisible characters). Refused at the value's place. */
int sc_text(sc_ctx *c, const yt_node *map, const char *key, bool required, bool lines,
            const char **out);
int sc_int(sc_ctx *c, const yt_node *map, const char *key, bool required, long min,
           long max, long *out, bool *present);
int sc_num(sc_ctx *c, const yt_node *map, const char *key, bool required, double min,
           double max, double *out, bool *present);
int sc_bool(sc_ctx *c, const yt_node *map, const char *key, bool required, bool *out);
/* YYYY-MM-DD, a real calendar date. */
int sc_date(sc_ctx *c, const yt_node *map, const char *key, bool required, const char **out);
/* A scalar that is one of names[0..n); *out is its index. */
int sc_enum(sc_ctx *c, const yt_node *map, const char *key, bool required,
            const char *const *names, size_t n, int *out);
/* A scalar node as a string (non-empty, not null). */
int sc_scalar_str(sc_ctx *c, const yt_node *n, const char *what, const char **out);
/* A list of ids at map[key] -> the set of their positions in index (*out =
 * 0 when the key is absent). Fewer than min_items entries, an unknown id
 * ("unknown KIND 'x'") or, when unique, a repeated one ("KIND 'x' listed
 * twice") is an error at its place. */
int sc_id_set(sc_ctx *c, const yt_node *map, const char *key, size_t min_items,
              const mpr_index *index, const char *kind, bool unique, uint64_t *out);
/* Ids: ASCII letters, digits, '-', '.', '_'; starting with a letter or digit. */
int sc_id(sc_ctx *c, const yt_node *map, const char *key, const char **out);
bool sc_valid_id(const char *s);

#endif
