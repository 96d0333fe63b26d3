/* buf.c - see buf.h. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mprisk.h"

static int grow(mpr_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 1024;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2) {
			b->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void mpr_buf_append(mpr_buf *b, const char *s, size_t n)
{
	if (grow(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void mpr_buf_puts(mpr_buf *b, const char *s)
{
	mpr_buf_append(b, s, strlen(s));
}

void mpr_buf_printf(mpr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
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
		grow(b, 0);
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
