/*
 * yamltree.c - libyaml events -> yt_node tree. See yamltree.h for why the
 * event API. Grammar accepted: one document; mappings with scalar keys;
 * sequences; scalars. No aliases, anchors or explicit tags.
 */
#include "yamltree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "buf.h"
#include "internal.h"

mpr_load_options yt_options(const mpr_load_options *opts)
{
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	if (opts && opts->version >= 1) {
		if (opts->max_file_bytes)
			o.max_file_bytes = opts->max_file_bytes;
		if (opts->max_depth)
			o.max_depth = opts->max_depth;
		if (opts->max_nodes)
			o.max_nodes = opts->max_nodes;
		if (opts->max_string)
			o.max_string = opts->max_string;
		if (opts->max_activities)
			o.max_activities = opts->max_activities;
	}
	return o;
}

int yt_read_file(const char *path, size_t max, unsigned char **data, size_t *len,
                 mpr_error *err)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mpr_fail(err, MPR_EIO, path, 0, 0, "not a regular file");
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return mpr_fail(err, MPR_ELIMIT, path, 0, 0,
		                "file is %lld bytes, more than the limit max_file_bytes=%zu",
		                (long long)st.st_size, max);
	}
	size_t cap = (size_t)st.st_size + 1;
	unsigned char *buf = malloc(cap);
	if (!buf) {
		close(fd);
		return mpr_fail(err, MPR_ENOMEM, path, 0, 0, "out of memory reading file");
	}
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, cap - got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got == cap) { /* the file grew while we read it */
			free(buf);
			close(fd);
			return mpr_fail(err, MPR_EIO, path, 0, 0, "file changed while being read");
		}
	}
	close(fd);
	*data = buf;
	*len = got;
	return MPR_OK;
}

/* The canonical encoding: scalars as a style byte ('P' plain, 'Q' quoted),
 * an 8-byte little-endian length and the bytes; collections as brackets.
 * It is collected in a buffer and hashed in one call: SHA-256 with many tiny
 * updates cost a quarter of the load time. */
static void canon_scalar(mpr_buf *b, const char *v, size_t n, bool plain)
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

/* Children of the open collections, in one growable array: the children of
 * the innermost open collection are its last entries. Nodes then need no
 * build-time links, which halves the tree's memory. */
typedef struct scratch {
	yt_node **v;
	size_t n, cap;
} scratch;

static int scratch_push(scratch *s, yt_node *n)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		yt_node **v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = n;
	return 0;
}

/* Move the children of a finished collection (scratch from start on) into
 * its items array; for a mapping, check keys are unique. */
static int close_collection(yt_doc *doc, yt_node *n, size_t end, scratch *s, size_t start,
                            mpr_error *err)
{
	size_t count = s->n - start;
	/* n is an open collection from the stack, never NULL */
	// NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
	n->end = end;
	n->items = mpr_arena_alloc(&doc->arena, (count ? count : 1) * sizeof(yt_node *));
	if (!n->items)
		return mpr_fail(err, MPR_ENOMEM, doc->file, n->line, n->column, "out of memory");
	if (count)
		memcpy(n->items, s->v + start, count * sizeof(yt_node *));
	s->n = start;
	if (n->kind == YT_SEQ) {
		n->n = count;
		return MPR_OK;
	}
	n->n = count / 2;
	if (n->n < 2)
		return MPR_OK;
	yt_node **keys = mpr_arena_alloc(&doc->arena, n->n * sizeof(yt_node *));
	if (!keys)
		return mpr_fail(err, MPR_ENOMEM, doc->file, n->line, n->column, "out of memory");
	for (size_t k = 0; k < n->n; k++)
		keys[k] = n->items[2 * k];
	qsort(keys, n->n, sizeof *keys, key_cmp);
	for (size_t k = 1; k < n->n; k++)
		if (keys[k]->len == keys[k - 1]->len &&
		    memcmp(keys[k]->value, keys[k - 1]->value, keys[k]->len) == 0)
			return mpr_fail(err, MPR_ESCHEMA, doc->file, keys[k]->line, keys[k]->column,
			                "duplicate key '%s' (first at line %u)", keys[k]->value,
			                keys[k - 1]->line);
	return MPR_OK;
}

int yt_parse(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
             const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err)
{
	memset(doc, 0, sizeof *doc);
	mpr_load_options o = yt_options(opts);
	doc->file = mpr_arena_strdup(&doc->arena, file ? file : "<buffer>");
	if (!doc->file)
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	file = doc->file;
	if (len > o.max_file_bytes)
		return mpr_fail(err, MPR_ELIMIT, file, 1, 1,
		                "input is %zu bytes, more than the limit max_file_bytes=%zu", len,
		                o.max_file_bytes);

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, data, len);

	/* stack of open collections, each with where its children start in
	 * the scratch array; depth bounded by max_depth */
	yt_node **stack = calloc(o.max_depth + 1, sizeof(yt_node *));
	size_t *starts = calloc(o.max_depth + 1, sizeof(size_t));
	scratch children = {0};
	if (!stack || !starts) {
		free(stack);
		free(starts);
		yaml_parser_delete(&parser);
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	}
	size_t depth = 0, nodes = 0, documents = 0;
	int rc = MPR_OK;
	bool done = false;
	mpr_buf canon = {0};

	while (!done && rc == MPR_OK) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				rc = mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
			} else if (parser.error == YAML_READER_ERROR) {
				/* the reader reports a byte offset, not a mark */
				unsigned l = 1, c = 1;
				for (size_t i = 0; i < parser.problem_offset && i < len; i++) {
					if (data[i] == '\n') {
						l++;
						c = 1;
					} else if ((data[i] & 0xC0) != 0x80) {
						c++;
					}
				}
				rc = mpr_fail(err, MPR_ESYNTAX, file, l, c, "YAML syntax: %s",
				              parser.problem ? parser.problem : "unreadable input");
			} else {
				yaml_mark_t m = parser.problem_mark;
				if (parser.context)
					rc = mpr_fail(err, MPR_ESYNTAX, file, (unsigned)m.line + 1,
					              (unsigned)m.column + 1, "YAML syntax: %s %s",
					              parser.problem ? parser.problem : "error", parser.context);
				else
					rc = mpr_fail(err, MPR_ESYNTAX, file, (unsigned)m.line + 1,
					              (unsigned)m.column + 1, "YAML syntax: %s",
					              parser.problem ? parser.problem : "error");
			}
			break;
		}
		unsigned line = (unsigned)ev.start_mark.line + 1, col = (unsigned)ev.start_mark.column + 1;
		yt_node *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1)
				rc = mpr_fail(err, MPR_ESYNTAX, file, line, col,
				              "more than one YAML document in one file");
			break;
		case YAML_ALIAS_EVENT:
			rc = mpr_fail(err, MPR_ESCHEMA, file, line, col,
			              "aliases (*%s) are not allowed: write every value where it applies",
			              (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor
			                            : ev.type == YAML_SEQUENCE_START_EVENT
			                                ? ev.data.sequence_start.anchor
			                                : ev.data.mapping_start.anchor;
			const yaml_char_t *tag = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.tag
			                         : ev.type == YAML_SEQUENCE_START_EVENT
			                             ? ev.data.sequence_start.tag
			                             : ev.data.mapping_start.tag;
			if (anchor) {
				rc = mpr_fail(err, MPR_ESCHEMA, file, line, col,
				              "anchors (&%s) are not allowed: write every value where it applies",
				              (const char *)anchor);
				break;
			}
			if (tag) {
				rc = mpr_fail(err, MPR_ESCHEMA, file, line, col,
				              "explicit tags (%s) are not allowed", (const char *)tag);
				break;
			}
			if (++nodes > o.max_nodes) {
				rc = mpr_fail(err, MPR_ELIMIT, file, line, col,
				              "more than max_nodes=%zu YAML nodes", o.max_nodes);
				break;
			}
			n = mpr_arena_alloc(&doc->arena, sizeof *n);
			if (!n) {
				rc = mpr_fail(err, MPR_ENOMEM, file, line, col, "out of memory");
				break;
			}
			n->line = line;
			n->column = col;
			n->start = ev.start_mark.index;
			n->end = ev.end_mark.index;
			n->flow = (ev.type == YAML_SEQUENCE_START_EVENT &&
			           ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE) ||
			          (ev.type == YAML_MAPPING_START_EVENT &&
			           ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
			if (ev.type == YAML_SCALAR_EVENT) {
				n->kind = YT_SCALAR;
				size_t l = ev.data.scalar.length;
				if (l > o.max_string) {
					rc = mpr_fail(err, MPR_ELIMIT, file, line, col,
					              "a scalar of %zu bytes, more than max_string=%zu", l,
					              o.max_string);
					break;
				}
				if (memchr(ev.data.scalar.value, '\0', l)) {
					rc = mpr_fail(err, MPR_ESCHEMA, file, line, col,
					              "a NUL character inside a value");
					break;
				}
				n->value = mpr_arena_strndup(&doc->arena, (const char *)ev.data.scalar.value, l);
				if (!n->value) {
					rc = mpr_fail(err, MPR_ENOMEM, file, line, col, "out of memory");
					break;
				}
				n->len = l;
				n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				if (hash)
					canon_scalar(&canon, n->value, l, n->plain);
			} else {
				n->kind = ev.type == YAML_SEQUENCE_START_EVENT ? YT_SEQ : YT_MAP;
				if (hash)
					mpr_buf_append(&canon, n->kind == YT_SEQ ? "[" : "{", 1);
			}
			/* attach to the open collection, or make it the root */
			if (depth) {
				yt_node *parent = stack[depth - 1];
				size_t so_far = children.n - starts[depth - 1];
				if (parent->kind == YT_MAP && so_far % 2 == 0 && n->kind != YT_SCALAR) {
					rc = mpr_fail(err, MPR_ESCHEMA, file, line, col,
					              "a mapping key must be a plain value");
					break;
				}
				if (scratch_push(&children, n)) {
					rc = mpr_fail(err, MPR_ENOMEM, file, line, col, "out of memory");
					break;
				}
			} else {
				doc->root = n;
			}
			if (n->kind != YT_SCALAR) {
				if (depth >= o.max_depth) {
					rc = mpr_fail(err, MPR_ELIMIT, file, line, col,
					              "nesting deeper than max_depth=%u", o.max_depth);
					break;
				}
				starts[depth] = children.n;
				stack[depth++] = n;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (hash)
				mpr_buf_append(&canon, ev.type == YAML_SEQUENCE_END_EVENT ? "]" : "}", 1);
			depth--;
			rc = close_collection(doc, stack[depth], ev.end_mark.index, &children, starts[depth],
			                      err);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		/* hash in 4 KiB chunks rather than growing a buffer to the file's size */
		if (hash && canon.len >= 4096 && rc == MPR_OK) {
			if (canon.failed || !EVP_DigestUpdate(hash, canon.data, canon.len))
				rc = mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
			canon.len = 0;
		}
	}
	free(stack);
	free(starts);
	free(children.v);
	yaml_parser_delete(&parser);
	if (rc == MPR_OK && hash) {
		if (canon.failed)
			rc = mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
		else if (canon.len && !EVP_DigestUpdate(hash, canon.data, canon.len))
			rc = mpr_fail(err, MPR_ENOMEM, file, 0, 0, "SHA-256 failed");
	}
	free(canon.data);
	return rc;
}

static void canon_tree(mpr_buf *b, const yt_node *n)
{
	if (n->kind == YT_SCALAR) {
		canon_scalar(b, n->value, n->len, n->plain);
		return;
	}
	mpr_buf_append(b, n->kind == YT_SEQ ? "[" : "{", 1);
	size_t items = n->kind == YT_SEQ ? n->n : 2 * n->n;
	for (size_t i = 0; i < items; i++)
		canon_tree(b, n->items[i]);
	mpr_buf_append(b, n->kind == YT_SEQ ? "]" : "}", 1);
}

int yt_hash_node(const yt_node *n, unsigned char out[32])
{
	mpr_buf b = {0};
	canon_tree(&b, n);
	unsigned len = 0;
	int ok = !b.failed && EVP_Digest(b.data ? b.data : "", b.len, out, &len, EVP_sha256(), NULL) &&
	         len == 32;
	free(b.data);
	return ok ? MPR_OK : MPR_ENOMEM;
}

void yt_doc_free(yt_doc *doc)
{
	mpr_arena_free(&doc->arena);
	doc->root = NULL;
}

bool yt_is_null(const yt_node *n)
{
	return n && n->kind == YT_SCALAR && n->plain &&
	       (n->len == 0 || yt_is(n, "~") || yt_is(n, "null") || yt_is(n, "Null") ||
	        yt_is(n, "NULL"));
}

bool yt_is(const yt_node *n, const char *text)
{
	return n && n->kind == YT_SCALAR && strcmp(n->value, text) == 0;
}

const yt_node *yt_get(const yt_node *map, const char *key)
{
	if (!map || map->kind != YT_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->items[2 * i]->value, key) == 0)
			return map->items[2 * i + 1];
	return NULL;
}

const char *yt_kind_name(const yt_node *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case YT_SCALAR: return yt_is_null(n) ? "null" : "a scalar";
	case YT_SEQ: return "a list";
	case YT_MAP: return "a mapping";
	}
	return "?";
}
