/*
 * yamltree.c - libyaml events -> yt_node tree. See tree.h for why the
 * event API. Grammar accepted: one document; mappings with scalar keys;
 * sequences; scalars. No aliases, anchors or explicit tags. JSON documents
 * go to jsontree.c instead (tree.c chooses); both build through ytbuild.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "input/tree.h"
#include "input/ytbuild.h"
#include "util/error.h"

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

int yt_read_yaml(yt_doc *doc, const unsigned char *data, size_t len, const mpr_load_options *o,
                 EVP_MD_CTX *hash, mpr_error *err)
{
	const char *file = doc->file;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	yaml_parser_set_input_string(&parser, data, len);
	yt_builder b;
	int rc = yt_build_init(&b, doc, o, hash, "YAML nodes", err);
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
