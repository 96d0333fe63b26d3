/* buf.c - see buf.h: the one buffer every printer appends to, and the one
 * place (mpr_buf_finish) where the library hands text to its caller. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mprisk.h"
#include "util/array.h"
#include "util/format.h"
#include "util/text.h"

/* Room for extra more bytes and a NUL: 1 KiB at first, then doubling
 * (util/array.c grows it); false once memory has run out. */
static bool room(mpr_buf *b, size_t extra)
{
	if (b->failed || (b->data && b->len + extra + 1 <= b->cap))
		return !b->failed;
	size_t need = extra < SIZE_MAX - b->len - 1 ? b->len + extra + 1 : SIZE_MAX;
	if (!b->cap && need < 1024)
		need = 1024;
	size_t cap = b->cap;
	b->data = mpr_array_grow(b->data, need, &b->cap, 1);
	b->failed = b->cap == cap;
	return !b->failed;
}

void mpr_buf_append(mpr_buf *b, const char *s, size_t n)
{
	if (room(b, n)) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
}

void mpr_buf_puts(mpr_buf *b, const char *s)
{
	mpr_buf_append(b, s, strlen(s));
}

void mpr_buf_printf(mpr_buf *b, const char *fmt, ...)
{
	mpr_sink out = {.buf = b};
	va_list ap;
	va_start(ap, fmt);
	mpr_sink_vprintf(&out, true, fmt, ap);
	va_end(ap);
}

/* A JSON escape \uHHHH for a code point below U+10000. */
static void json_u(mpr_buf *b, uint32_t cp)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = {'\\', 'u', hex[cp >> 12 & 0xF], hex[cp >> 8 & 0xF], hex[cp >> 4 & 0xF],
	             hex[cp & 0xF]};
	mpr_buf_append(b, e, sizeof e);
}

void mpr_buf_json_string(mpr_buf *b, const char *s)
{
	mpr_buf_json_text(b, s, strlen(s));
}

void mpr_buf_json_text(mpr_buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	mpr_buf_append(b, "\"", 1);
	for (size_t i = 0; i < n;) {
		/* a plain run holds no control, but may hold the two characters
		 * JSON escapes */
		for (size_t end = i + mpr_text_plain_run(u + i, n - i); i < end;) {
			size_t k = i;
			while (k < end && u[k] != '"' && u[k] != '\\')
				k++;
			mpr_buf_append(b, s + i, k - i);
			if (k < end)
				mpr_buf_append(b, u[k++] == '"' ? "\\\"" : "\\\\", 2);
			i = k;
		}
		if (i >= n)
			break;
		uint32_t cp;
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		if (!len) /* not UTF-8 (a file name): the replacement character */
			json_u(b, 0xFFFD);
		else if (cp == '\n' || cp == '\t' || cp == '\r')
			mpr_buf_append(b, cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : "\\r", 2);
		else
			json_u(b, cp);
		i += len ? len : 1;
	}
	mpr_buf_append(b, "\"", 1);
}

void mpr_buf_append_one_line(mpr_buf *b, const char *json, size_t len)
{
	/* the text between two line breaks at once, not byte by byte */
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(json + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - json) : len;
		mpr_buf_append(b, json + i, end - i);
		for (i = end + 1; nl && i < len && json[i] == ' ';)
			i++;
	}
}

int mpr_buf_finish(mpr_buf *b, char **out, size_t *len)
{
	if (!b->failed && !b->data)
		mpr_buf_append(b, "", 0); /* an empty text is "", not uninitialised memory */
	if (b->failed) {
		free(b->data);
		b->data = NULL;
		*out = NULL;
		return MPR_ENOMEM;
	}
	*out = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	return MPR_OK;
}

void mpr_free(void *buffer)
{
	free(buffer);
}
