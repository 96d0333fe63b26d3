/*
 * yamltree.c - libyaml events -> yt_node tree. See yamltree.h for why the
 * event API. Grammar accepted: one document; mappings with scalar keys;
 * sequences; scalars. No aliases, anchors or explicit tags. JSON documents
 * go to jsontree.c instead; both build through ytbuild.c.
 */
#include "input/tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "model.h"
#include "util/error.h"
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

/* Any reader error of libyaml as one located MPR_ESYNTAX. */
static int yaml_error(const yaml_parser_t *parser, const char *file, const unsigned char *data,
                      size_t len, mpr_error *err)
{
	if (parser->error == YAML_MEMORY_ERROR)
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	if (parser->error == YAML_READER_ERROR) {
		/* the reader reports a byte offset, not a mark */
		unsigned l = 1, c = 1;
		for (size_t i = 0; i < parser->problem_offset && i < len; i++) {
			if (data[i] == '\n') {
				l++;
				c = 1;
			} else if ((data[i] & 0xC0) != 0x80) {
				c++;
			}
		}
		return mpr_fail(err, MPR_ESYNTAX, file, l, c, "YAML syntax: %s",
		                parser->problem ? parser->problem : "unreadable input");
	}
	yaml_mark_t m = parser->problem_mark;
	if (parser->context)
		return mpr_fail(err, MPR_ESYNTAX, file, (unsigned)m.line + 1, (unsigned)m.column + 1,
		                "YAML syntax: %s %s", parser->problem ? parser->problem : "error",
		                parser->context);
	return mpr_fail(err, MPR_ESYNTAX, file, (unsigned)m.line + 1, (unsigned)m.column + 1,
	                "YAML syntax: %s", parser->problem ? parser->problem : "error");
}

/* One libyaml event into the builder. */
static int yaml_event(yt_builder *b, const yaml_event_t *ev, size_t *documents, bool *done)
{
	const char *file = b->doc->file;
	yt_place at = {(unsigned)ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
	               ev->start_mark.index, ev->end_mark.index};
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = true;
		return MPR_OK;
	case YAML_DOCUMENT_START_EVENT:
		if (++*documents > 1)
			return mpr_fail(b->err, MPR_ESYNTAX, file, at.line, at.column,
			                "more than one YAML document in one file");
		return MPR_OK;
	case YAML_ALIAS_EVENT:
		return mpr_fail(b->err, MPR_ESCHEMA, file, at.line, at.column,
		                "aliases (*%s) are not allowed: write every value where it applies",
		                (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		const yaml_char_t *anchor = ev->type == YAML_SCALAR_EVENT ? ev->data.scalar.anchor
		                            : ev->type == YAML_SEQUENCE_START_EVENT
		                                ? ev->data.sequence_start.anchor
		                                : ev->data.mapping_start.anchor;
		const yaml_char_t *tag = ev->type == YAML_SCALAR_EVENT ? ev->data.scalar.tag
		                         : ev->type == YAML_SEQUENCE_START_EVENT
		                             ? ev->data.sequence_start.tag
		                             : ev->data.mapping_start.tag;
		if (anchor)
			return mpr_fail(b->err, MPR_ESCHEMA, file, at.line, at.column,
			                "anchors (&%s) are not allowed: write every value where it applies",
			                (const char *)anchor);
		if (tag)
			return mpr_fail(b->err, MPR_ESCHEMA, file, at.line, at.column,
			                "explicit tags (%s) are not allowed", (const char *)tag);
		if (ev->type == YAML_SCALAR_EVENT)
			return yt_build_node(b, YT_SCALAR, &at, false, (const char *)ev->data.scalar.value,
			                     ev->data.scalar.length,
			                     ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
		if (ev->type == YAML_SEQUENCE_START_EVENT)
			return yt_build_node(b, YT_SEQ, &at,
			                     ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE, NULL,
			                     0, false);
		return yt_build_node(b, YT_MAP, &at,
		                     ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE, NULL, 0,
		                     false);
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return yt_build_close(b, ev->end_mark.index);
	default:
		return MPR_OK;
	}
}

int yt_parse(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
             const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err)
{
	if (yt_is_json(data, len))
		return yt_parse_json(doc, file, data, len, opts, hash, err);
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
	yt_builder b;
	int rc = yt_build_init(&b, doc, &o, hash, "YAML nodes", err);
	size_t documents = 0;
	bool done = false;
	while (!done && rc == MPR_OK) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = yaml_error(&parser, file, data, len, err);
			break;
		}
		rc = yaml_event(&b, &ev, &documents, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return yt_build_finish(&b, rc);
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

int yt_hash_node(const yt_node *n, unsigned char out[32])
{
	mpr_buf b = {0};
	canon_tree(&b, n);
	int rc = b.failed ? MPR_ENOMEM : mpr_sha256(b.data ? b.data : "", b.len, out);
	free(b.data);
	return rc;
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
