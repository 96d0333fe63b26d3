/*
 * tree.c - what every reader's tree offers once built: which reader a text
 * goes to (JSON when yt_is_json says so, YAML otherwise), a UTF-16 text as
 * the UTF-8 it stands for, the effective
 * limits, node lookups, and the content hash of a subtree in the
 * fingerprint's canonical encoding. The readers themselves are yamltree.c
 * and jsontree.c; neither knows the other.
 */
#include "input/tree.h"

#include <stdlib.h>
#include <string.h>

#include "input/jsontext.h"
#include "input/ytbuild.h"
#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"

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

int yt_read_input(const char *path, const mpr_load_options *opts, unsigned char **data,
                  size_t *len, mpr_error *err)
{
	mpr_load_options o = yt_options(opts);
	return mpr_file_read(path, o.max_file_bytes, data, len, err);
}

int yt_text_utf8(const char *file, const unsigned char *data, size_t len,
                 const unsigned char **text, size_t *text_len, unsigned char **converted,
                 mpr_error *err)
{
	*text = data;
	*text_len = len;
	*converted = NULL;
	if (!data || len < 2 || !((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
		return MPR_OK;
	json_problem why;
	size_t n = 0;
	if (json_from_utf16(data, len, converted, &n, &why) != MPR_OK)
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	if (why.message) {
		/* the place of the problem, counted in the UTF-8 written so far */
		unsigned line = 1, column = 1;
		for (size_t i = 0; i < why.at && i < n; i++) {
			if ((*converted)[i] == '\n') {
				line++;
				column = 1;
			} else if (((*converted)[i] & 0xC0) != 0x80) {
				column++;
			}
		}
		free(*converted);
		*converted = NULL;
		return mpr_fail(err, MPR_ESYNTAX, file, line, column, "%s", why.message);
	}
	*text = *converted;
	*text_len = n;
	return MPR_OK;
}

typedef int (*reader)(yt_doc *doc, const unsigned char *data, size_t len,
                      const mpr_load_options *o, EVP_MD_CTX *hash, mpr_error *err);

static int parse_with(reader read, yt_doc *doc, const char *file, const unsigned char *data,
                      size_t len, const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err)
{
	mpr_load_options o = yt_options(opts);
	int rc = yt_doc_begin(doc, file, len, &o, err);
	return rc ? rc : read(doc, data, len, &o, hash, err);
}

int yt_parse(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
             const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err)
{
	reader read = yt_is_json(data, len) ? yt_read_json : yt_read_yaml;
	return parse_with(read, doc, file, data, len, opts, hash, err);
}

int yt_parse_file(yt_doc *doc, const char *path, const mpr_load_options *opts, mpr_error *err)
{
	memset(doc, 0, sizeof *doc);
	unsigned char *data;
	size_t len;
	int rc = yt_read_input(path, opts, &data, &len, err);
	if (rc == MPR_OK) {
		rc = yt_parse(doc, path, data, len, opts, NULL, err);
		free(data);
	}
	return rc;
}

int yt_parse_json(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
                  const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err)
{
	return parse_with(yt_read_json, doc, file, data, len, opts, hash, err);
}

static void canon_tree(mpr_buf *b, const yt_node *n)
{
	if (n->kind == YT_SCALAR) {
		yt_canon_scalar(b, n->value, n->len, n->plain);
		return;
	}
	mpr_buf_append(b, n->kind == YT_SEQ ? "[" : "{", 1);
	size_t items = n->kind == YT_SEQ ? n->n : 2 * n->n;
	for (size_t i = 0; i < items; i++)
		canon_tree(b, n->items[i]);
	mpr_buf_append(b, n->kind == YT_SEQ ? "]" : "}", 1);
}

int yt_hash_node(const yt_node *n, mpr_hasher *h, mpr_buf *scratch, unsigned char out[32])
{
	if (!scratch->failed)
		scratch->len = 0;
	canon_tree(scratch, n);
	return scratch->failed ? MPR_ENOMEM : mpr_hasher_digest(h, scratch->data, scratch->len, out);
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
