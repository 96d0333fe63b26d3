/*
 * ytbuild.c - the one place where yt_node trees are built, for both readers:
 * libyaml's events (yamltree.c) and yajl's callbacks (jsontree.c). Keeping
 * the limits (max_nodes, max_string, max_depth), the refusals (NUL inside a
 * value, non-scalar keys, duplicate keys) and the fingerprint's canonical
 * encoding here means YAML and JSON input cannot drift apart in what they
 * allow or in how they hash.
 */
#include "input/ytbuild.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

/* The canonical encoding: scalars as a style byte ('P' plain, 'Q' quoted),
 * an 8-byte little-endian length and the bytes; collections as brackets.
 * It is collected in a buffer and hashed in chunks: SHA-256 with many tiny
 * updates cost a quarter of the load time. */
void yt_canon_scalar(mpr_buf *b, const char *v, size_t n, bool plain)
{
	unsigned char head[9];
	head[0] = plain ? 'P' : 'Q';
	uint64_t len = n;
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)(len >> (8 * i));
	mpr_buf_append(b, (const char *)head, sizeof head);
	mpr_buf_append(b, v, n);
}

static int key_cmp(const void *a, const void *b)
{
	const yt_node *x = *(yt_node *const *)a, *y = *(yt_node *const *)b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	int c = memcmp(x->value, y->value, x->len);
	if (c)
		return c;
	/* same key: order by position so the later one is reported */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->column < y->column ? -1 : (x->column > y->column);
}

static int push_child(yt_builder *b, yt_node *n)
{
	yt_node **slot = mpr_array_push(b->children);
	if (!slot)
		return -1;
	*slot = n;
	return 0;
}

int yt_doc_begin(yt_doc *doc, const char *file, size_t len, const mpr_load_options *o,
                 mpr_error *err)
{
	memset(doc, 0, sizeof *doc);
	doc->file = mpr_arena_strdup(&doc->arena, file ? file : "<buffer>");
	if (!doc->file)
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	if (len > o->max_file_bytes)
		return mpr_fail(err, MPR_ELIMIT, doc->file, 1, 1,
		                "input is %zu bytes, more than the limit max_file_bytes=%zu", len,
		                o->max_file_bytes);
	return MPR_OK;
}

int yt_build_init(yt_builder *b, yt_doc *doc, const mpr_load_options *o, EVP_MD_CTX *hash,
                  const char *nodes_name, mpr_error *err)
{
	memset(b, 0, sizeof *b);
	b->doc = doc;
	b->o = *o;
	b->hash = hash;
	b->err = err;
	b->nodes_name = nodes_name;
	/* open collections, each with where its children start in the children
	 * array; the depth is bounded by max_depth */
	b->stack = calloc(o->max_depth + 1, sizeof *b->stack);
	b->starts = calloc(o->max_depth + 1, sizeof *b->starts);
	if (!b->stack || !b->starts)
		return mpr_fail(err, MPR_ENOMEM, doc->file, 0, 0, "out of memory");
	return MPR_OK;
}

/* Hash in 4 KiB chunks rather than growing a buffer to the file's size. */
static int flush_canon(yt_builder *b, size_t at_least)
{
	if (!b->hash)
		return MPR_OK;
	if (b->canon.failed)
		return mpr_fail(b->err, MPR_ENOMEM, b->doc->file, 0, 0, "out of memory");
	if (!b->canon.len || b->canon.len < at_least)
		return MPR_OK;
	if (!EVP_DigestUpdate(b->hash, b->canon.data, b->canon.len))
		return mpr_fail(b->err, MPR_ENOMEM, b->doc->file, 0, 0, "SHA-256 failed");
	b->canon.len = 0;
	return MPR_OK;
}

int yt_build_node(yt_builder *b, yt_kind kind, const yt_place *at, bool flow, const char *value,
                  size_t len, bool plain)
{
	const char *file = b->doc->file;
	unsigned line = at->line, col = at->column;
	if (++b->nodes > b->o.max_nodes)
		return mpr_fail(b->err, MPR_ELIMIT, file, line, col, "more than max_nodes=%zu %s",
		                b->o.max_nodes, b->nodes_name);
	yt_node *n = mpr_arena_alloc(&b->doc->arena, sizeof *n);
	if (!n)
		return mpr_fail(b->err, MPR_ENOMEM, file, line, col, "out of memory");
	n->kind = kind;
	n->line = line;
	n->column = col;
	n->start = at->start;
	n->end = at->end;
	n->flow = flow;
	if (kind == YT_SCALAR) {
		if (len > b->o.max_string)
			return mpr_fail(b->err, MPR_ELIMIT, file, line, col,
			                "a scalar of %zu bytes, more than max_string=%zu", len,
			                b->o.max_string);
		if (memchr(value, '\0', len))
			return mpr_fail(b->err, MPR_ESCHEMA, file, line, col,
			                "a NUL character inside a value");
		n->value = mpr_arena_strndup(&b->doc->arena, value, len);
		if (!n->value)
			return mpr_fail(b->err, MPR_ENOMEM, file, line, col, "out of memory");
		n->len = len;
		n->plain = plain;
		if (b->hash)
			yt_canon_scalar(&b->canon, n->value, len, plain);
	} else if (b->hash) {
		mpr_buf_append(&b->canon, kind == YT_SEQ ? "[" : "{", 1);
	}
	/* attach to the open collection, or make it the root */
	if (b->depth) {
		yt_node *parent = b->stack[b->depth - 1];
		size_t so_far = b->children.n - b->starts[b->depth - 1];
		if (parent->kind == YT_MAP && so_far % 2 == 0 && kind != YT_SCALAR)
			return mpr_fail(b->err, MPR_ESCHEMA, file, line, col,
			                "a mapping key must be a plain value");
		if (push_child(b, n))
			return mpr_fail(b->err, MPR_ENOMEM, file, line, col, "out of memory");
	} else {
		b->doc->root = n;
	}
	if (kind != YT_SCALAR) {
		if (b->depth >= b->o.max_depth)
			return mpr_fail(b->err, MPR_ELIMIT, file, line, col, "nesting deeper than max_depth=%u",
			                b->o.max_depth);
		b->starts[b->depth] = b->children.n;
		b->stack[b->depth++] = n;
	}
	return flush_canon(b, 4096);
}

/* Move the children of the innermost open collection into its items array;
 * for a mapping, check keys are unique. */
int yt_build_close(yt_builder *b, size_t end)
{
	if (!b->depth) /* the readers close only what they opened */
		return mpr_fail(b->err, MPR_EINVAL, b->doc->file, 0, 0, "internal: unbalanced tree");
	yt_node *n = b->stack[--b->depth];
	size_t start = b->starts[b->depth];
	if (b->hash)
		mpr_buf_append(&b->canon, n->kind == YT_SEQ ? "]" : "}", 1);
	size_t count = b->children.n - start;
	n->end = end;
	n->items = mpr_arena_alloc(&b->doc->arena, (count ? count : 1) * sizeof(yt_node *));
	if (!n->items)
		return mpr_fail(b->err, MPR_ENOMEM, b->doc->file, n->line, n->column, "out of memory");
	if (count)
		memcpy(n->items, b->children.v + start, count * sizeof(yt_node *));
	b->children.n = start;
	if (n->kind == YT_SEQ) {
		n->n = count;
		return flush_canon(b, 4096);
	}
	n->n = count / 2;
	if (n->n >= 2) {
		yt_node **keys = mpr_arena_alloc(&b->doc->arena, n->n * sizeof(yt_node *));
		if (!keys)
			return mpr_fail(b->err, MPR_ENOMEM, b->doc->file, n->line, n->column,
			                "out of memory");
		for (size_t k = 0; k < n->n; k++)
			keys[k] = n->items[2 * k];
		qsort(keys, n->n, sizeof *keys, key_cmp);
		for (size_t k = 1; k < n->n; k++)
			if (keys[k]->len == keys[k - 1]->len &&
			    memcmp(keys[k]->value, keys[k - 1]->value, keys[k]->len) == 0)
				return mpr_fail(b->err, MPR_ESCHEMA, b->doc->file, keys[k]->line,
				                keys[k]->column, "duplicate key '%s' (first at line %u)",
				                keys[k]->value, keys[k - 1]->line);
	}
	return flush_canon(b, 4096);
}

int yt_build_finish(yt_builder *b, int rc)
{
	if (rc == MPR_OK && b->depth) /* a reader that stopped early reports why itself */
		rc = mpr_fail(b->err, MPR_EINVAL, b->doc->file, 0, 0, "internal: unclosed tree");
	if (rc == MPR_OK && b->hash)
		rc = flush_canon(b, 1);
	free(b->stack);
	free(b->starts);
	mpr_array_free(b->children);
	free(b->canon.data);
	b->stack = NULL;
	b->starts = NULL;
	b->canon.data = NULL;
	return rc;
}
