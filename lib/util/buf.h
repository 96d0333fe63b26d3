/*
 * buf.h - a growable output string for the renderers. Errors are sticky:
 * after a failed allocation every append is a no-op and mpr_buf_finish
 * reports MPR_ENOMEM once, so renderers need not check every append.
 * Appending is inline: when there is room (the common case) it is one
 * memcpy, and a constant-length append compiles to a few stores.
 */
#ifndef MPR_BUF_H
#define MPR_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct mpr_buf {
	char *data;      /* NUL-terminated once anything is appended */
	size_t len, cap; /* both 0 once memory has run out (data is kept to be freed) */
	int failed;
} mpr_buf;

/* Grow and append: the slow path of mpr_buf_append. */
void mpr_buf_append_grow(mpr_buf *b, const char *s, size_t n);

static inline void mpr_buf_append(mpr_buf *b, const char *s, size_t n)
{
	if (n < b->cap - b->len) { /* room for n bytes and the NUL (cap > len when cap) */
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		mpr_buf_append_grow(b, s, n);
	}
}

/* Mark the buffer failed (memory ran out for something that belongs in it). */
void mpr_buf_fail(mpr_buf *b);
/* Room for n more bytes and a NUL at data + len; 0 when memory ran out. */
int mpr_buf_reserve(mpr_buf *b, size_t n);
static inline int mpr_buf_room(mpr_buf *b, size_t n)
{
	return n < b->cap - b->len || mpr_buf_reserve(b, n);
}
void mpr_buf_puts(mpr_buf *b, const char *s);
/* Texts one after the other, up to a NULL, each shown as printf shows a %s
 * argument (hidden characters visible, util/text.h): the words of a
 * sentence, with no format to parse. */
void mpr_buf_cat(mpr_buf *b, const char *first, ...)
#if defined(__GNUC__)
	__attribute__((sentinel))
#endif
	;
void mpr_buf_printf(mpr_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Hand the string to the caller (*out, *len) or free it and return MPR_ENOMEM. */
int mpr_buf_finish(mpr_buf *b, char **out, size_t *len);

#endif
