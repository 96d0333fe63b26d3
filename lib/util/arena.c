/* arena.c - see arena.h for why: blocks chained, each bump-allocated and
 * all freed in one call. */
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/format.h"

#define BLOCK_SIZE 16384u

struct mpr_arena_block {
	mpr_arena_block *next;
	size_t used, size;
	max_align_t data[];
};

/* Memory from the arena without zeroing it (the caller fills it all). */
static void *arena_alloc_raw(mpr_arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size_t need = (size + align - 1) / align * align;
	if (need < size)
		return NULL;
	mpr_arena_block *b = a->head;
	if (!b || b->size - b->used < need) {
		size_t cap = need > BLOCK_SIZE ? need : BLOCK_SIZE;
		if (cap > SIZE_MAX - sizeof(*b))
			return NULL;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = cap;
		b->next = a->head;
		a->head = b;
		a->bytes += sizeof(*b) + cap;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void *mpr_arena_alloc(mpr_arena *a, size_t size)
{
	void *p = arena_alloc_raw(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *mpr_arena_strndup(mpr_arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_alloc_raw(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *mpr_arena_strdup(mpr_arena *a, const char *s)
{
	return mpr_arena_strndup(a, s, strlen(s));
}

char *mpr_arena_vprintf(mpr_arena *a, const char *fmt, va_list ap)
{
	/* stored text: numbers in the C locale, strings as they are (a printer
	 * shows them visibly) */
	mpr_buf b = {0};
	mpr_sink out = {.buf = &b};
	mpr_sink_vprintf(&out, false, fmt, ap);
	char *p = b.failed ? NULL : mpr_arena_strndup(a, b.data ? b.data : "", b.len);
	free(b.data);
	return p;
}

char *mpr_arena_printf(mpr_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = mpr_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void mpr_arena_free(mpr_arena *a)
{
	mpr_arena_block *b = a->head;
	while (b) {
		mpr_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->bytes = 0;
}
