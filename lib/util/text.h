/*
 * text.h - the one answer to "which characters of a text must never reach a
 * reader raw": what a proposal, a rule file or a file name says is printed
 * by the library, and a newline, an escape sequence, a carriage return or a
 * bidi override in it could forge a line of output or hide one (the red
 * team's F9). Every printer shows such characters as escapes:
 *
 *   - text, error messages, markdown, HTML: mpr_visible (`\n`, `\x1b`, `\u202e`);
 *   - JSON: mpr_json_string (util/json.c), RFC 8259 escapes on the same set.
 *
 * The characters (docs/security.md): every C0 control (U+0000-U+001F, tab
 * and newline included), DEL, every C1 control (U+0080-U+009F), the line and
 * paragraph separators (U+2028, U+2029), the bidi controls (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069) and every byte that is not part of
 * valid UTF-8 (a file name can be any bytes). Everything else is printed as
 * it is, backslashes too, so escaping twice changes nothing.
 */
#ifndef MPR_UTIL_TEXT_H
#define MPR_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Where escaped text goes: a growing buffer (buf), or a fixed array of size
 * bytes (at) that is cut between whole characters or escapes and stays
 * NUL-terminated. need counts the bytes the whole text needs, written or
 * not. */
typedef struct mpr_sink {
	mpr_buf *buf;
	char *at;
	size_t size, len, need;
	bool full;
} mpr_sink;

/* A sink writing into the array at[size] (size > 0), emptied. */
mpr_sink mpr_sink_fixed(char *at, size_t size);
/* Append n bytes as one unit: in a fixed sink all of them or, once one
 * does not fit, nothing more at all. */
void mpr_sink_put(mpr_sink *s, const char *p, size_t n);

/* Append n bytes of text as they are; a fixed sink is cut between whole
 * characters (an invalid byte counts as one). */
void mpr_sink_text(mpr_sink *s, const char *p, size_t n);

/* The length of the valid UTF-8 sequence at s (at most n bytes), with its
 * code point in *cp; 0 when s[0] does not start one (strict: no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
size_t mpr_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
/* true when the n bytes at s are all valid UTF-8. */
bool mpr_text_is_utf8(const char *s, size_t n);
/* A code point that is shown as an escape: controls (C0, DEL, C1), the
 * line and paragraph separators and the bidi controls. */
bool mpr_char_hidden(uint32_t cp);
/* The number of bytes from s on (at most n) that print as they are. */
size_t mpr_text_plain_run(const unsigned char *s, size_t n);

/* Append n bytes of text with every hidden character and every invalid
 * byte made visible: \n, \r, \t; \xHH for other C0 controls, DEL and
 * invalid bytes; \uHHHH (lower-case hex) for C1 controls, separators and
 * bidi controls. */
void mpr_visible(mpr_sink *out, const char *s, size_t n);
/* The same into a buffer. */
void mpr_buf_visible(mpr_buf *b, const char *s);

/* true when s holds nothing but whitespace and invisible characters
 * (Unicode White_Space, U+200B-U+200D, U+2060, U+FEFF): a blank text. */
bool mpr_text_blank(const char *s, size_t n);

#endif
