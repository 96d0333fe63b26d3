/* buf.c - see buf.h: the one buffer every printer appends to, and the one
 * place (mpr_buf_finish) where the library hands text to its caller. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mprisk.h"
#include "util/array.h"

/* Room for extra more bytes and a NUL: 1 KiB at first, then doubling
 * (util/array.c grows it); false once memory has run out. */
static bool room(mpr_buf *b, size_t extra)
{
	if (b->failed || b->len + extra + 1 <= b->cap)
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
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		b->failed = 1;
	} else if (room(b, (size_t)n)) {
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
	va_end(ap);
}

void mpr_buf_json_string(mpr_buf *b, const char *s)
{
	mpr_buf_append(b, "\"", 1);
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		switch (*p) {
		case '"': mpr_buf_append(b, "\\\"", 2); break;
		case '\\': mpr_buf_append(b, "\\\\", 2); break;
		case '\n': mpr_buf_append(b, "\\n", 2); break;
		case '\t': mpr_buf_append(b, "\\t", 2); break;
		case '\r': mpr_buf_append(b, "\\r", 2); break;
		default:
			if (*p < 0x20)
				mpr_buf_printf(b, "\\u%04x", *p);
			else
				mpr_buf_append(b, (const char *)p, 1);
		}
	}
	mpr_buf_append(b, "\"", 1);
}

void mpr_buf_append_one_line(mpr_buf *b, const char *json, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (json[i] == '\n') {
			while (i + 1 < len && json[i + 1] == ' ')
				i++;
			continue;
		}
		mpr_buf_append(b, &json[i], 1);
	}
}

int mpr_buf_finish(mpr_buf *b, char **out, size_t *len)
{
	if (!b->failed && !b->data)
		room(b, 0);
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
