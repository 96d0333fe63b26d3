/*
 * buf.h - a growable output string for the renderers. Errors are sticky:
 * after a failed allocation every append is a no-op and mpr_buf_finish
 * reports MPR_ENOMEM once, so renderers need not check every append.
 */
#ifndef MPR_BUF_H
#define MPR_BUF_H

#include <stddef.h>

typedef struct mpr_buf {
	char *data;
	size_t len, cap;
	int failed;
} mpr_buf;

void mpr_buf_append(mpr_buf *b, const char *s, size_t n);
void mpr_buf_puts(mpr_buf *b, const char *s);
/* printf (util/format.h): numbers in the C locale, and every %s and %c
 * argument shown visibly (util/text.h). */
void mpr_buf_printf(mpr_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Append pretty-printed JSON on one line: JSON strings never hold a raw
 * newline (the escaper writes \n), so every newline and the indentation
 * after it lie between tokens and can go. */
void mpr_buf_append_one_line(mpr_buf *b, const char *json, size_t len);
/* A JSON string literal with quotes and escapes (RFC 8259): ", \ and the
 * characters util/text.h hides as \n, \t, \r or \uHHHH (every control,
 * DEL, U+2028 and U+2029, which JavaScript took as line ends, and the bidi
 * controls), a byte that is not UTF-8 as \ufffd, the replacement
 * character, so that the output is valid JSON whatever the input. */
void mpr_buf_json_string(mpr_buf *b, const char *s);
/* The same for n bytes (which may hold NUL, written \u0000). */
void mpr_buf_json_text(mpr_buf *b, const char *s, size_t n);
/* Hand the string to the caller (*out, *len) or free it and return MPR_ENOMEM. */
int mpr_buf_finish(mpr_buf *b, char **out, size_t *len);

#endif
