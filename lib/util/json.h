/*
 * json.h - the JSON writer: every JSON text the library writes goes
 * through it, into the caller's mpr_buf (no state of its own beyond the
 * struct on the caller's stack).
 *
 * It is built for speed, because a decision costs a few dozen nanoseconds
 * and its JSON used to cost a thousand times more:
 *   - strings are escaped in runs: the span that needs no escape is copied
 *     with one memcpy, not a byte at a time with a grow check each;
 *   - keys are literals whose length the compiler knows (MPR_JW_KEY), so a
 *     key with its quotes, colon and space is one constant-size copy;
 *   - numbers are written by hand; only fractions go through the C
 *     library (util/number.h, in the C locale whatever the host's);
 *   - compact (one line) and pretty output are one pass: the layout of
 *     each container is chosen when it is opened, and in compact mode
 *     every container is written inline;
 *   - a text already in JSON (a trace step pre-rendered at load) is copied
 *     as it is (mpr_jw_raw).
 *
 * Layout: a container opened MPR_JW_BLOCK writes one member a line,
 * indented two spaces a level, and closes on a line of its own; one opened
 * MPR_JW_INLINE (and, in compact mode, every one) writes its members on
 * one line separated by ", ", with ": " after each key. A container inside
 * an inline one is inline. Empty containers are "{}" and "[]".
 *
 * The writer lives in util/ because the load stage uses it too, to
 * pre-render trace steps; the documents themselves are render/json.c's.
 */
#ifndef MPR_UTIL_JSON_H
#define MPR_UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The deepest nesting the writer keeps track of (a bit each in uint64_t);
 * the library's documents nest at most 6 deep, and deeper ones would share
 * the state of this level. */
#define MPR_JW_MAX_DEPTH 63

enum { MPR_JW_INLINE = 0, MPR_JW_BLOCK = 1 };

typedef struct mpr_jw {
	mpr_buf *b;
	unsigned depth;  /* containers open */
	bool pretty;
	uint64_t block;  /* bit d: the container at depth d + 1 writes a member a line */
	uint64_t filled; /* bit d: it has a member already */
	uint64_t array;  /* bit d: it is an array */
} mpr_jw;

/* A writer appending to b: pretty (blocks as asked) or compact (one line). */
void mpr_jw_init(mpr_jw *w, mpr_buf *b, bool pretty);

/* Open an object or array as the next value; close the innermost one. */
void mpr_jw_object(mpr_jw *w, int layout);
void mpr_jw_array(mpr_jw *w, int layout);
void mpr_jw_end(mpr_jw *w);
/* Open an inline object whose first members are written already: head is
 * their JSON text from the "{" on (made by a compact writer, left open). */
void mpr_jw_object_head(mpr_jw *w, const char *head, size_t n);

/* Before a member of the open container: its separator (for the inline
 * functions below). */
void mpr_jw_member(mpr_jw *w);

/* A key of the open object, given as its JSON text with the colon and
 * space ("\"id\": "); use MPR_JW_KEY with a literal name, whose length
 * the compiler knows. */
static inline void mpr_jw_key_text(mpr_jw *w, const char *text, size_t n)
{
	mpr_jw_member(w);
	mpr_buf_append(w->b, text, n);
}
#define MPR_JW_KEY(w, name) mpr_jw_key_text((w), "\"" name "\": ", sizeof("\"" name "\": ") - 1)
/* A member with a literal key and a string value (NULL: null). */
void mpr_jw_key_string(mpr_jw *w, const char *key_text, size_t n, const char *value);
#define MPR_JW_STR(w, name, value)                                                                 \
	mpr_jw_key_string((w), "\"" name "\": ", sizeof("\"" name "\": ") - 1, (value))
/* A member with a literal key and an unsigned or a boolean value. */
#define MPR_JW_UINT(w, name, value) (MPR_JW_KEY(w, name), mpr_jw_uint((w), (value)))
#define MPR_JW_BOOL(w, name, value) (MPR_JW_KEY(w, name), mpr_jw_bool((w), (value)))
/* A key that is not a literal (escaped). */
void mpr_jw_key(mpr_jw *w, const char *name);

/* Values: after a key, or as the next item of an array. */
void mpr_jw_string(mpr_jw *w, const char *s); /* NULL: null */
void mpr_jw_string_len(mpr_jw *w, const char *s, size_t n); /* n bytes, NUL too */
void mpr_jw_uint(mpr_jw *w, unsigned long long v);
void mpr_jw_int(mpr_jw *w, long long v);
void mpr_jw_bool(mpr_jw *w, bool v);
void mpr_jw_null(mpr_jw *w);
/* A number with decimals digits after the point (C locale). */
void mpr_jw_fixed(mpr_jw *w, double v, int decimals);
/* A value that is JSON text already (n bytes). */
void mpr_jw_raw(mpr_jw *w, const char *json, size_t n);

/* A string value printed by another printer straight into the buffer:
 * mpr_jw_text_begin writes the opening quote and returns where the text
 * starts; the caller appends the text; mpr_jw_text_end escapes it in place
 * and closes the quote. No copy, no temporary buffer. */
size_t mpr_jw_text_begin(mpr_jw *w);
void mpr_jw_text_end(mpr_jw *w, size_t start);

/* A JSON string literal with quotes and escapes, appended to b (RFC 8259):
 * the quote, the backslash and what util/text.h hides from every reader
 * (controls, the line and paragraph separators, the bidi controls) as
 * escapes, and a byte that is not UTF-8 as \ufffd, so that the output is
 * valid JSON whatever the input. mpr_json_text: n bytes, which may hold NUL
 * (\u0000). */
void mpr_json_string(mpr_buf *b, const char *s);
void mpr_json_text(mpr_buf *b, const char *s, size_t n);

#endif
