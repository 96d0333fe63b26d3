/* buf.c - see buf.h: the one buffer every printer appends to, and the one
 * place (mpr_buf_finish) where the library hands text to its caller. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include "mprisk.h"
#include "util/array.h"
#include "util/format.h"
#include "util/text.h"

/* Room for extra more bytes and a NUL: 16 KiB at first, then doubling
 * (util/array.c grows it); 0 once memory has run out. A --jsonl line (3 to
 * 7 KiB) and a one-activity result (14 KiB) then never move: growing from
 * 1 KiB cost them four copies, a fifth of the time of a line. */
int mpr_buf_reserve(mpr_buf *b, size_t extra)
{
	if (b->failed)
		return 0;
	if (b->cap && extra < b->cap - b->len)
		return 1;
	size_t need = extra < SIZE_MAX - b->len - 1 ? b->len + extra + 1 : SIZE_MAX;
	if (!b->cap && need < 16384)
		need = 16384;
	size_t cap = b->cap;
	b->data = mpr_array_grow(b->data, need, &b->cap, 1);
	if (b->cap == cap) {
		mpr_buf_fail(b);
		return 0;
	}
	return 1;
}

void mpr_buf_fail(mpr_buf *b)
{
	/* no room at all from now on: the fast path of mpr_buf_append never
	 * writes again, and the slow path sees failed */
	b->failed = 1;
	b->cap = 0;
	b->len = 0;
}

void mpr_buf_append_grow(mpr_buf *b, const char *s, size_t n)
{
	if (mpr_buf_reserve(b, n)) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
}

void mpr_buf_puts(mpr_buf *b, const char *s)
{
	mpr_buf_append(b, s, strlen(s));
}

/* Each text as printf shows a %s argument (util/text.h), up to a NULL. */
void mpr_buf_cat(mpr_buf *b, const char *first, ...)
{
	mpr_sink out = {.buf = b};
	va_list ap;
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *))
		mpr_visible(&out, s, strlen(s));
	va_end(ap);
}

void mpr_buf_printf(mpr_buf *b, const char *fmt, ...)
{
	mpr_sink out = {.buf = b};
	va_list ap;
	va_start(ap, fmt);
	mpr_sink_vprintf(&out, true, fmt, ap);
	va_end(ap);
}

int mpr_buf_finish(mpr_buf *b, char **out, size_t *len)
{
	if (!b->failed && !b->data) { /* an empty text is "", not uninitialised memory */
		b->cap = b->len = 0;        /* nothing allocated: nothing written */
		if (mpr_buf_reserve(b, 0))
			b->data[0] = '\0';
	}
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
