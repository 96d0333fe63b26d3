/* fuzz_json.c - the JSON syntax layer alone (yt_parse_json): yajl and the
 * checks around it. Any input gives a tree or one located error; a tree's
 * places run in document order and its strings are valid UTF-8 without NUL;
 * the reader's dispatch gives the same outcome for what it calls JSON. */
#include <stdint.h>
#include <string.h>

#include <stdlib.h>
#include "input/tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		                                                   : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (!k || i + k > n)
			return 0;
		if (k > 1) {
			unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
			unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
			if (s[i + 1] < lo || s[i + 1] > hi)
				return 0;
			for (size_t j = 2; j < k; j++)
				if ((s[i + j] & 0xC0) != 0x80)
					return 0;
		}
		i += k;
	}
	return 1;
}

/* Pre-order: every node starts after the one before it. */
static void walk(const yt_node *n, size_t *last, unsigned *line, unsigned *col)
{
	if (n->line < 1 || n->column < 1 || n->end < n->start ||
	    (*last != (size_t)-1 && n->start <= *last) || n->line < *line ||
	    (n->line == *line && n->column <= *col))
		abort();
	*last = n->start;
	*line = n->line;
	*col = n->column;
	if (n->kind == YT_SCALAR) {
		if (strlen(n->value) != n->len || !valid_utf8((const unsigned char *)n->value, n->len))
			abort();
		return;
	}
	size_t items = n->kind == YT_SEQ ? n->n : 2 * n->n;
	for (size_t i = 0; i < items; i++)
		walk(n->items[i], last, line, col);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_depth = 64;
	yt_doc doc;
	mpr_error err;
	memset(&err, 0, sizeof err);
	int rc = yt_parse_json(&doc, "fuzz.json", data, size, &o, NULL, &err);
	if (rc != MPR_OK) {
		/* the layer's own messages are one line; one that quotes the input
		 * (a duplicate key) is left to the escaping of error messages
		 * (issue 16, "nothing the input says can forge the output") */
		if (!err.message[0] || strcmp(err.file, "fuzz.json") != 0 ||
		    (rc == MPR_ESYNTAX && (err.line < 1 || err.column < 1 || strchr(err.message, '\n'))))
			abort();
	} else if (doc.root) {
		size_t last = (size_t)-1;
		unsigned line = 0, col = 0;
		walk(doc.root, &last, &line, &col);
	} else {
		abort(); /* JSON has no empty document */
	}
	unsigned line = err.line, column = err.column;
	yt_doc_free(&doc);
	if (yt_is_json(data, size)) {
		mpr_error again;
		int rc2 = yt_parse(&doc, "fuzz.json", data, size, &o, NULL, &again);
		if (rc2 != rc || (rc && (again.line != line || again.column != column)))
			abort();
		yt_doc_free(&doc);
	}
	return 0;
}
