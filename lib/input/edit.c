/*
 * edit.c - see edit.h: a YAML text changed in place at the places libyaml
 * reported for its nodes, so that comments and layout stay as written.
 */
#include "input/edit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/format.h"

static int index_chars(yt_edits *fe)
{
	const unsigned char *d = fe->data;
	size_t len = fe->len, n = 0;
	fe->byte_at = malloc((len + 1) * sizeof *fe->byte_at);
	if (!fe->byte_at)
		return MPR_ENOMEM;
	for (size_t i = 0; i < len; i++)
		if ((d[i] & 0xC0) != 0x80)
			fe->byte_at[n++] = i;
	fe->byte_at[n] = len;
	fe->n_chars = n;
	return MPR_OK;
}

int yt_edits_init(yt_edits *fe, const char *name, const unsigned char *data, size_t len,
                  mpr_error *err)
{
	memset(fe, 0, sizeof *fe);
	fe->name = name;
	fe->data = data;
	fe->len = len;
	int rc = yt_parse(&fe->doc, name, data, len, NULL, NULL, err);
	if (rc == MPR_OK && index_chars(fe))
		rc = mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	return rc;
}

size_t yt_edits_byte(const yt_edits *fe, size_t ch)
{
	return fe->byte_at[ch < fe->n_chars ? ch : fe->n_chars];
}

void yt_edits_add(yt_edits *fe, size_t from, size_t to, const char *fmt, ...)
{
	if (fe->failed)
		return;
	/* the new text of a rule file: numbers in the C locale */
	mpr_buf b = {0};
	mpr_sink out = {.buf = &b};
	va_list ap;
	va_start(ap, fmt);
	mpr_sink_vprintf(&out, false, fmt, ap);
	va_end(ap);
	if (!b.failed && !b.data)
		mpr_buf_puts(&b, "");
	char *text = b.failed ? NULL : b.data;
	yt_edit *e = text ? mpr_array_push(fe->edits) : NULL;
	if (!e) {
		free(b.data);
		fe->failed = 1;
		return;
	}
	*e = (yt_edit){from, to, fe->edits.n - 1, text};
}

int yt_edits_set(yt_edits *fe, const yt_node *map, const char *key, const char *value,
                 mpr_error *err)
{
	const yt_node *v = yt_get(map, key);
	if (v) {
		if (v->kind != YT_SCALAR)
			return mpr_fail(err, MPR_ESCHEMA, fe->name, v->line, v->column,
			                "'%s' must be a value to be refreshed, found %s", key, yt_kind_name(v));
		if (v->plain && strcmp(v->value, value) == 0)
			return MPR_OK;
		yt_edits_add(fe, yt_edits_byte(fe, v->start), yt_edits_byte(fe, v->end), "%s", value);
		return MPR_OK;
	}
	const char *d = (const char *)fe->data;
	if (map->flow) {
		size_t close = yt_edits_byte(fe, map->end) - 1;
		if (d[close] != '}')
			return mpr_fail(err, MPR_ESCHEMA, fe->name, map->line, map->column,
			                "cannot add '%s' to this mapping: add it by hand", key);
		yt_edits_add(fe, close, close, "%s%s: %s", map->n ? ", " : "", key, value);
		return MPR_OK;
	}
	const yt_node *first = map->n ? map->items[1] : NULL;
	if (!first || first->kind != YT_SCALAR)
		return mpr_fail(err, MPR_ESCHEMA, fe->name, map->line, map->column,
		                "cannot add '%s' to this mapping: add it by hand", key);
	size_t at = yt_edits_byte(fe, first->end);
	while (at < fe->len && d[at] != '\n')
		at++;
	if (at < fe->len)
		at++;
	yt_edits_add(fe, at, at, "%*s%s: %s\n", (int)map->column - 1, "", key, value);
	return MPR_OK;
}

static int cmp_edit(const void *a, const void *b)
{
	const yt_edit *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int yt_edits_apply(yt_edits *fe, unsigned char **out, size_t *len)
{
	if (fe->edits.n)
		qsort(fe->edits.v, fe->edits.n, sizeof *fe->edits.v, cmp_edit);
	mpr_buf b = {0};
	size_t at = 0;
	const char *d = (const char *)fe->data;
	for (size_t i = 0; i < fe->edits.n; i++) {
		const yt_edit *e = &fe->edits.v[i];
		mpr_buf_append(&b, d + at, e->from - at);
		mpr_buf_puts(&b, e->text);
		at = e->to;
	}
	mpr_buf_append(&b, d + at, fe->len - at);
	char *text;
	if (mpr_buf_finish(&b, &text, len))
		return MPR_ENOMEM;
	*out = (unsigned char *)text;
	return MPR_OK;
}

void yt_edits_free(yt_edits *fe)
{
	for (size_t i = 0; i < fe->edits.n; i++)
		free(fe->edits.v[i].text);
	mpr_array_free(fe->edits);
	free(fe->byte_at);
	yt_doc_free(&fe->doc);
}
