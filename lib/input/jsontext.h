/*
 * jsontext.h - JSON text before the parser sees it (jsontext.c): whether a
 * text is JSON at all, UTF-16 with a byte order mark converted to UTF-8,
 * and the checks yajl lacks (strict UTF-8; no control character but tab,
 * CR and LF). A problem is a message and the byte offset it is at, which
 * the JSON reader turns into a line and a column.
 */
#ifndef MPR_INPUT_JSONTEXT_H
#define MPR_INPUT_JSONTEXT_H

#include <stddef.h>

/* What is wrong with a text, and where: message is NULL when nothing is. */
typedef struct json_problem {
	size_t at;           /* byte offset into the (converted) text */
	const char *message; /* a static text, or text[] */
	char text[256];
} json_problem;

/* UTF-16 with a byte order mark (d[0..1]) -> UTF-8 in a malloc'd buffer
 * (*out, *out_len; freed by the caller, set whenever MPR_OK is returned).
 * An unpaired surrogate or an odd byte at the end is a problem at the
 * offset of the UTF-8 written so far. MPR_ENOMEM when memory runs out. */
int json_from_utf16(const unsigned char *d, size_t len, unsigned char **out, size_t *out_len,
                    json_problem *why);

/* Strict UTF-8 (no overlong form, surrogate or code point above U+10FFFF)
 * and no control character but tab, LF, CR: the first problem, if any, in
 * *why. */
void json_check_text(const unsigned char *t, size_t len, json_problem *why);

#endif
