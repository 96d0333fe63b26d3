/*
 * indicators.c - refresh the country indicators of a ruleset from the
 * published tables (mpr_indicators_import; docs/countries.md).
 *
 * The rule files are edited as text, not re-emitted from a tree: only the
 * values that change are replaced, at the positions libyaml reports, so
 * comments, layout, context factors, notes and sources stay as their
 * authors wrote them, and the change reads as a small diff in review.
 * Nothing is written until the edited ruleset has loaded and classified
 * every country; the report then shows what changed, per country and as
 * the decisions that change (the view of mpr_diff).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "csv.h"
#include "internal.h"
#include "schema.h"
#include "yamltree.h"

#define MAX_TABLE_BYTES (64u << 20)

/* ------------------------------------------------------------------------ */
/* The published tables                                                      */

typedef struct fh_value {
	const csv_field *status, *total;
	long edition;
} fh_value;

typedef struct owid_value {
	const csv_field *value;
	long year;
} owid_value;

typedef struct table {
	const char *path;
	csv csv;
	size_t header;          /* row index of the column names */
	int c_name, c_edition, c_status, c_total; /* Freedom House */
	int c_code, c_year, c_value;              /* OWID */
} table;

static int read_table(table *t, const char *path, mpr_error *err)
{
	t->path = path;
	unsigned char *data;
	size_t len;
	int rc = yt_read_file(path, MAX_TABLE_BYTES, &data, &len, err);
	if (rc != MPR_OK)
		return rc;
	rc = csv_parse(&t->csv, path, (const char *)data, len, err);
	free(data);
	return rc;
}

static int need_column(const table *t, const char *name, int *out, mpr_error *err)
{
	const csv_row *h = &t->csv.rows[t->header];
	*out = csv_column(h, name);
	if (*out < 0)
		return mpr_fail(err, MPR_ESCHEMA, t->path, h->fields[0].line, h->fields[0].column,
		                "no column '%s' in the header row", name);
	return MPR_OK;
}

/* Freedom House "All data" (FIW 2013-20xx): title rows, then a header row
 * starting "Country/Territory"; used: Edition, Status, Total. */
static int fh_columns(table *t, mpr_error *err)
{
	for (size_t r = 0; r < t->csv.n_rows; r++)
		if (strcmp(t->csv.rows[r].fields[0].text, "Country/Territory") == 0) {
			t->header = r;
			t->c_name = 0;
			int rc;
			if ((rc = need_column(t, "Edition", &t->c_edition, err)) ||
			    (rc = need_column(t, "Status", &t->c_status, err)) ||
			    (rc = need_column(t, "Total", &t->c_total, err)))
				return rc;
			return MPR_OK;
		}
	return mpr_fail(err, MPR_ESCHEMA, t->path, 1, 1,
	                "no header row starting 'Country/Territory': not a Freedom House "
	                "\"All data\" table");
}

/* An Our World in Data grapher CSV: Entity, Code, Year, then the value
 * column (the first other column that is not OWID's region column). */
static int owid_columns(table *t, mpr_error *err)
{
	if (t->csv.n_rows == 0)
		return mpr_fail(err, MPR_ESCHEMA, t->path, 1, 1, "an empty table");
	t->header = 0;
	int entity, rc;
	if ((rc = need_column(t, "Entity", &entity, err)) ||
	    (rc = need_column(t, "Code", &t->c_code, err)) ||
	    (rc = need_column(t, "Year", &t->c_year, err)))
		return rc;
	const csv_row *h = &t->csv.rows[0];
	t->c_value = -1;
	for (size_t i = 0; i < h->n && t->c_value < 0; i++)
		if ((int)i != entity && (int)i != t->c_code && (int)i != t->c_year &&
		    strncmp(h->fields[i].text, "World region", 12) != 0)
			t->c_value = (int)i;
	if (t->c_value < 0)
		return mpr_fail(err, MPR_ESCHEMA, t->path, h->fields[0].line, h->fields[0].column,
		                "no value column after Entity, Code and Year");
	return MPR_OK;
}

static const csv_field *field(const csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n ? &row->fields[col] : NULL;
}

static bool parse_long(const char *s, long *out)
{
	if (!*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno)
		return false;
	*out = v;
	return true;
}

static bool blank(const csv_field *f)
{
	return !f || !f->text[0] || strcmp(f->text, "N/A") == 0 || strcmp(f->text, "-") == 0;
}

/* The row of the latest edition for a country name. */
static int fh_lookup(const table *t, const char *name, fh_value *out, mpr_error *err)
{
	out->status = out->total = NULL;
	out->edition = -1;
	for (size_t r = t->header + 1; r < t->csv.n_rows; r++) {
		const csv_row *row = &t->csv.rows[r];
		if (strcmp(row->fields[0].text, name) != 0)
			continue;
		const csv_field *ed = field(row, t->c_edition);
		long e;
		if (!ed || !parse_long(ed->text, &e) || e < 1973 || e > 2100)
			return mpr_fail(err, MPR_ESCHEMA, t->path, ed ? ed->line : row->fields[0].line,
			                ed ? ed->column : row->fields[0].column,
			                "Edition of '%s' must be a year, found '%s'", name, ed ? ed->text : "");
		if (e > out->edition) {
			out->edition = e;
			out->status = field(row, t->c_status);
			out->total = field(row, t->c_total);
		}
	}
	return MPR_OK;
}

/* The latest year with a value for an ISO alpha-3 code. */
static int owid_lookup(const table *t, const char *code, owid_value *out, mpr_error *err)
{
	out->value = NULL;
	out->year = -1;
	for (size_t r = 1; r < t->csv.n_rows; r++) {
		const csv_row *row = &t->csv.rows[r];
		const csv_field *c = field(row, t->c_code);
		if (!c || strcmp(c->text, code) != 0)
			continue;
		const csv_field *y = field(row, t->c_year), *v = field(row, t->c_value);
		long year;
		if (!y || !parse_long(y->text, &year))
			return mpr_fail(err, MPR_ESCHEMA, t->path, y ? y->line : c->line,
			                y ? y->column : c->column, "Year of %s must be a year, found '%s'",
			                code, y ? y->text : "");
		if (!blank(v) && year > out->year) {
			out->year = year;
			out->value = v;
		}
	}
	return MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Edits of a rule file's text                                               */

typedef struct edit {
	size_t from, to; /* bytes replaced */
	char *text;
} edit;

typedef struct file_edits {
	const mpr_rule_file *file;
	yt_doc doc;       /* the file's tree, parsed once for every edit */
	size_t *byte_at;  /* byte offset of each character (code point), libyaml counts those */
	size_t n_chars;
	edit *v;
	size_t n, cap;
	int failed;
} file_edits;

static int index_chars(file_edits *fe)
{
	const unsigned char *d = fe->file->data;
	size_t len = fe->file->len, n = 0;
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

static size_t byte_of(const file_edits *fe, size_t ch)
{
	return fe->byte_at[ch < fe->n_chars ? ch : fe->n_chars];
}

static void add_edit(file_edits *fe, size_t from, size_t to, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_edit(file_edits *fe, size_t from, size_t to, const char *fmt, ...)
{
	if (fe->failed)
		return;
	if (fe->n == fe->cap) {
		size_t cap = fe->cap ? fe->cap * 2 : 64;
		edit *v = realloc(fe->v, cap * sizeof *v);
		if (!v) {
			fe->failed = 1;
			return;
		}
		fe->v = v;
		fe->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!text) {
		fe->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fe->v[fe->n++] = (edit){from, to, text};
}

/* Set key of a mapping to a plain YAML value: replace the value where it
 * is; add it to a flow mapping before its '}'; add it to a block mapping on
 * a line of its own after the mapping's first entry. */
static int set_value(file_edits *fe, const yt_node *map, const char *key, const char *value,
                     mpr_error *err)
{
	const yt_node *v = yt_get(map, key);
	if (v) {
		if (v->kind != YT_SCALAR)
			return mpr_fail(err, MPR_ESCHEMA, fe->file->name, v->line, v->column,
			                "'%s' must be a value to be refreshed, found %s", key, yt_kind_name(v));
		if (v->plain && strcmp(v->value, value) == 0)
			return MPR_OK;
		add_edit(fe, byte_of(fe, v->start), byte_of(fe, v->end), "%s", value);
		return MPR_OK;
	}
	const char *d = (const char *)fe->file->data;
	if (map->flow) {
		size_t close = byte_of(fe, map->end) - 1;
		if (d[close] != '}')
			return mpr_fail(err, MPR_ESCHEMA, fe->file->name, map->line, map->column,
			                "cannot add '%s' to this mapping: add it by hand", key);
		add_edit(fe, close, close, "%s%s: %s", map->n ? ", " : "", key, value);
		return MPR_OK;
	}
	const yt_node *first = map->n ? map->items[1] : NULL;
	if (!first || first->kind != YT_SCALAR)
		return mpr_fail(err, MPR_ESCHEMA, fe->file->name, map->line, map->column,
		                "cannot add '%s' to this mapping: add it by hand", key);
	size_t at = byte_of(fe, first->end);
	while (at < fe->file->len && d[at] != '\n')
		at++;
	if (at < fe->file->len)
		at++;
	add_edit(fe, at, at, "%*s%s: %s\n", (int)map->column - 1, "", key, value);
	return MPR_OK;
}

static int cmp_edit(const void *a, const void *b)
{
	const edit *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* The file's text with the edits applied. */
static int apply_edits(file_edits *fe, unsigned char **out, size_t *len)
{
	if (fe->n)
		qsort(fe->v, fe->n, sizeof *fe->v, cmp_edit);
	mpr_buf b = {0};
	size_t at = 0;
	const char *d = (const char *)fe->file->data;
	for (size_t i = 0; i < fe->n; i++) {
		mpr_buf_append(&b, d + at, fe->v[i].from - at);
		mpr_buf_puts(&b, fe->v[i].text);
		at = fe->v[i].to;
	}
	mpr_buf_append(&b, d + at, fe->file->len - at);
	char *text;
	if (mpr_buf_finish(&b, &text, len))
		return MPR_ENOMEM;
	*out = (unsigned char *)text;
	return MPR_OK;
}

static void free_edits(file_edits *fe)
{
	for (size_t i = 0; i < fe->n; i++)
		free(fe->v[i].text);
	free(fe->v);
	free(fe->byte_at);
	yt_doc_free(&fe->doc);
}

/* ------------------------------------------------------------------------ */
/* The import                                                                */

typedef struct import {
	const mpr_import_sources *src;
	const mpr_ruleset *old;
	table fh, hri, regime;
	bool have_fh, have_hri, have_regime;
	mpr_buf report;
	size_t updated, missing;
	/* sources the new values cite, and whether the ruleset declares them */
	char fh_source[64], vdem_source[64];
	long fh_edition;
	bool declare_fh, declare_vdem;
	mpr_error *err;
} import;

static const char *fh_status_name(const char *s)
{
	if (strcmp(s, "F") == 0 || strcmp(s, "Free") == 0)
		return "Free";
	if (strcmp(s, "PF") == 0 || strcmp(s, "Partly Free") == 0)
		return "Partly Free";
	if (strcmp(s, "NF") == 0 || strcmp(s, "Not Free") == 0)
		return "Not Free";
	return NULL;
}

static bool declared(const mpr_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_sources; i++)
		if (strcmp(rs->sources[i].id, id) == 0)
			return true;
	return false;
}

static const mpr_country *old_country(const import *im, const char *code)
{
	int i = mpr_index_find(&im->old->country_index, code);
	return i < 0 ? NULL : &im->old->countries[i];
}

/* One country entry: look its values up and edit what changed. */
static int import_country(import *im, file_edits *fe, const yt_node *entry)
{
	mpr_error *err = im->err;
	const yt_node *code = yt_get(entry, "code");
	const mpr_country *k = code ? old_country(im, code->value) : NULL;
	if (!k) /* the old ruleset loaded: cannot happen */
		return mpr_fail(err, MPR_ESCHEMA, fe->file->name, entry->line, entry->column,
		                "a country entry the ruleset does not know");
	mpr_buf *r = &im->report;
	bool touched = false;
	int rc;
	mpr_buf_printf(r, "  %s %s:", k->n.id, k->n.name);

	if (im->have_fh) {
		fh_value v;
		if ((rc = fh_lookup(&im->fh, k->fh_name, &v, err)))
			return rc;
		const yt_node *m = yt_get(entry, "freedom_house");
		if (v.edition < 0) {
			mpr_buf_printf(r, " Freedom House: no row for '%s' (kept %d);", k->fh_name,
			               k->fh_edition);
			im->missing++;
		} else {
			const char *status = blank(v.status) ? "~" : fh_status_name(v.status->text);
			if (!status)
				return mpr_fail(err, MPR_ESCHEMA, im->fh.path, v.status->line, v.status->column,
				                "Status of '%s' must be F, PF or NF, found '%s'", k->fh_name,
				                v.status->text);
			long score = -1;
			if (!blank(v.total) && (!parse_long(v.total->text, &score) || score < 0 || score > 100))
				return mpr_fail(err, MPR_ESCHEMA, im->fh.path, v.total->line, v.total->column,
				                "Total of '%s' must be a score 0..100, found '%s'", k->fh_name,
				                v.total->text);
			char score_text[24], edition[24];
			snprintf(score_text, sizeof score_text, score < 0 ? "~" : "%ld", score);
			snprintf(edition, sizeof edition, "%ld", v.edition);
			snprintf(im->fh_source, sizeof im->fh_source, "fh-%ld", v.edition);
			im->fh_edition = v.edition;
			if ((rc = set_value(fe, m, "status", status, err)) ||
			    (rc = set_value(fe, m, "score", score_text, err)) ||
			    (rc = set_value(fe, m, "edition", edition, err)) ||
			    (rc = set_value(fe, m, "source", im->fh_source, err)))
				return rc;
			const char *old_status =
			    k->fh_status < 0 ? "unknown" : im->old->classification.fh_status_names[k->fh_status];
			char old_score[24] = "unknown";
			if (k->fh_score >= 0)
				snprintf(old_score, sizeof old_score, "%d", k->fh_score);
			mpr_buf_printf(r, " Freedom House %d %s %s -> %ld %s %s;", k->fh_edition, old_status,
			               old_score, v.edition, status[0] == '~' ? "unknown" : status,
			               score < 0 ? "unknown" : score_text);
			touched = true;
		}
	}

	if (im->have_hri) {
		const yt_node *m = yt_get(entry, "vdem");
		if (!k->iso3) {
			mpr_buf_printf(r, " V-Dem: no iso3 code to match (kept %s %d);", k->vdem_version,
			               k->vdem_year);
			im->missing++;
		} else {
			owid_value h, g = {NULL, -1};
			if ((rc = owid_lookup(&im->hri, k->iso3, &h, err)) ||
			    (im->have_regime && (rc = owid_lookup(&im->regime, k->iso3, &g, err))))
				return rc;
			if (h.year < 0) {
				mpr_buf_printf(r, " V-Dem: no value for %s (kept %s %d);", k->iso3,
				               k->vdem_version, k->vdem_year);
				im->missing++;
			} else {
				if (h.year < 1900 || h.year > 2100)
					return mpr_fail(err, MPR_ESCHEMA, im->hri.path, h.value->line, 1,
					                "the latest year of %s is %ld, outside 1900..2100", k->iso3,
					                h.year);
				char *end;
				double x = strtod(h.value->text, &end);
				if (*end || end == h.value->text || !(x >= 0.0 && x <= 1.0))
					return mpr_fail(err, MPR_ESCHEMA, im->hri.path, h.value->line,
					                h.value->column,
					                "the value of %s must be an index 0..1, found '%s'", k->iso3,
					                h.value->text);
				/* the regime is kept only where it is of the same year and version;
				 * otherwise unknown rather than relabelled */
				char regime[24] = "~";
				long rv;
				if (g.year == h.year) {
					if (!parse_long(g.value->text, &rv) || rv < 0 || rv > 3)
						return mpr_fail(err, MPR_ESCHEMA, im->regime.path, g.value->line,
						                g.value->column,
						                "the regime of %s must be 0..3, found '%s'", k->iso3,
						                g.value->text);
					snprintf(regime, sizeof regime, "%ld", rv);
				} else if (!im->have_regime && k->vdem_regime >= 0 && h.year == k->vdem_year &&
				           strcmp(im->src->vdem_version, k->vdem_version) == 0) {
					snprintf(regime, sizeof regime, "%d", k->vdem_regime);
				}
				char year[24];
				snprintf(year, sizeof year, "%ld", h.year);
				snprintf(im->vdem_source, sizeof im->vdem_source, "vdem-%s-owid",
				         im->src->vdem_version);
				if ((rc = set_value(fe, m, "human_rights_index", h.value->text, err)) ||
				    (rc = set_value(fe, m, "year", year, err)) ||
				    (rc = set_value(fe, m, "version", im->src->vdem_version, err)) ||
				    (rc = set_value(fe, m, "source", im->vdem_source, err)) ||
				    (rc = set_value(fe, m, "regime", regime, err)))
					return rc;
				if (k->hri >= 0)
					mpr_buf_printf(r, " V-Dem %s (%d) %.3f -> %s (%ld) %s", k->vdem_version,
					               k->vdem_year, k->hri, im->src->vdem_version, h.year,
					               h.value->text);
				else
					mpr_buf_printf(r, " V-Dem %s (%d) unknown -> %s (%ld) %s", k->vdem_version,
					               k->vdem_year, im->src->vdem_version, h.year, h.value->text);
				mpr_buf_printf(r, ", regime %s;", regime[0] == '~' ? "unknown" : regime);
				touched = true;
			}
		}
	}
	if (touched) {
		if ((rc = set_value(fe, entry, "assessed", im->src->today, err)))
			return rc;
		im->updated++;
	}
	if (r->len && r->data[r->len - 1] == ';')
		r->len--;
	mpr_buf_puts(r, "\n");
	return fe->failed ? mpr_fail(err, MPR_ENOMEM, fe->file->name, 0, 0, "out of memory") : MPR_OK;
}

static void yaml_quoted(mpr_buf *b, const char *s)
{
	mpr_buf_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			mpr_buf_append(b, "\\", 1);
		mpr_buf_append(b, s, 1);
	}
	mpr_buf_puts(b, "\"");
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Declare a source the new values cite, as the first item of 'sources'. */
static int declare_source(import *im, file_edits *fe, const yt_node *sources, const char *id,
                          const char *what, const char *path)
{
	const char *d = (const char *)fe->file->data;
	if (sources->kind != YT_SEQ || sources->flow || sources->n == 0 ||
	    sources->items[0]->kind != YT_MAP)
		return mpr_fail(im->err, MPR_ESCHEMA, fe->file->name, sources->line, sources->column,
		                "cannot declare source '%s' in this 'sources' list: declare it by hand",
		                id);
	const yt_node *first = sources->items[0];
	size_t at = byte_of(fe, first->start);
	while (at > 0 && d[at - 1] != '\n')
		at--;
	mpr_buf name = {0};
	mpr_buf_printf(&name, "%s, imported from %s on %s (add the publisher's URL)", what,
	               base_name(path), im->src->today);
	mpr_buf quoted = {0};
	if (!name.failed)
		yaml_quoted(&quoted, name.data);
	free(name.data);
	if (quoted.failed || name.failed) {
		free(quoted.data);
		return mpr_fail(im->err, MPR_ENOMEM, fe->file->name, 0, 0, "out of memory");
	}
	int dash = (int)first->column - 3; /* "- " before the item */
	add_edit(fe, at, at, "%*s- id: %s\n%*sname: %s\n", dash < 0 ? 0 : dash, "", id,
	         (int)first->column - 1, "", quoted.data);
	free(quoted.data);
	mpr_buf_printf(&im->report, "declared source %s in %s: %s\n", id, fe->file->rel, what);
	return fe->failed ? mpr_fail(im->err, MPR_ENOMEM, fe->file->name, 0, 0, "out of memory")
	                  : MPR_OK;
}

static int edit_file(import *im, file_edits *fe)
{
	int rc = yt_parse(&fe->doc, fe->file->name, fe->file->data, fe->file->len, NULL, NULL,
	                  im->err);
	if (rc == MPR_OK && (rc = index_chars(fe)))
		rc = mpr_fail(im->err, MPR_ENOMEM, fe->file->name, 0, 0, "out of memory");
	const yt_node *countries = rc == MPR_OK ? yt_get(fe->doc.root, "countries") : NULL;
	for (size_t i = 0; countries && countries->kind == YT_SEQ && i < countries->n && !rc; i++)
		rc = import_country(im, fe, countries->items[i]);
	return rc;
}

static int declare_sources(import *im, file_edits *fe)
{
	const yt_node *sources = yt_get(fe->doc.root, "sources");
	int rc = MPR_OK;
	if (sources && im->declare_fh) {
		char what[96];
		snprintf(what, sizeof what, "Freedom House, Freedom in the World %ld", im->fh_edition);
		rc = declare_source(im, fe, sources, im->fh_source, what, im->src->freedom_house);
		im->declare_fh = false;
	}
	if (sources && !rc && im->declare_vdem) {
		char what[128];
		snprintf(what, sizeof what, "V-Dem %s human rights index, processed by Our World in Data",
		         im->src->vdem_version);
		rc = declare_source(im, fe, sources, im->vdem_source, what, im->src->human_rights);
		im->declare_vdem = false;
	}
	return rc;
}

/* mkdir -p for the directories of path. */
static int make_parents(const char *path, mpr_error *err)
{
	char dir[PATH_MAX];
	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return mpr_fail(err, MPR_ELIMIT, path, 0, 0, "path too long");
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			return mpr_fail(err, MPR_EIO, dir, 0, 0, "cannot create directory: %s",
			                strerror(errno));
		*p = '/';
	}
	return MPR_OK;
}

/* Write through a temporary file and rename, so that a reader never sees
 * half a rule file. */
static int write_file(const char *path, const unsigned char *data, size_t len, mpr_error *err)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return mpr_fail(err, MPR_ELIMIT, path, 0, 0, "path too long");
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return mpr_fail(err, MPR_EIO, tmp, 0, 0, "cannot write: %s", strerror(errno));
	bool ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	return MPR_OK;
}

static void report_tiers(import *im, const mpr_ruleset *now)
{
	mpr_buf *r = &im->report;
	size_t changed = 0;
	for (size_t i = 0; i < now->n_countries; i++) {
		const mpr_country *c = &now->countries[i];
		const mpr_country *o = old_country(im, c->n.id);
		if (o && o->tier != c->tier)
			changed++;
	}
	mpr_buf_printf(r, "tier changes: %zu\n", changed);
	for (size_t i = 0; i < now->n_countries; i++) {
		const mpr_country *c = &now->countries[i];
		const mpr_country *o = old_country(im, c->n.id);
		if (!o || o->tier == c->tier)
			continue;
		mpr_buf_printf(r, "  %s %s: %s -> %s (base %s -> %s)\n", c->n.id, c->n.name,
		               im->old->tiers[o->tier], now->tiers[c->tier], im->old->tiers[o->base_tier],
		               now->tiers[c->base_tier]);
	}
}

int mpr_indicators_import(const char *dir, const mpr_import_sources *src, const char *out_dir,
                          char **report, size_t *report_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!dir || !src || !out_dir || !report || !report_len)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_indicators_import: invalid arguments");
	*report = NULL;
	*report_len = 0;
	int y, m, d;
	if (!src->today || !sc_parse_date(src->today, &y, &m, &d))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "today must be a date YYYY-MM-DD, got '%s'",
		                src->today ? src->today : "(null)");
	if (!src->freedom_house && !src->human_rights)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "nothing to import: give a Freedom House table, a V-Dem table or both");
	if (src->regime && !src->human_rights)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "a regime table is imported together with the human rights index table");
	if (src->human_rights && (!src->vdem_version || !sc_valid_id(src->vdem_version)))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "the V-Dem version of the table is required (e.g. v16): OWID's CSV does "
		                "not name it");

	import im = {0};
	im.src = src;
	im.err = err;
	mpr_rule_file *files = NULL, *edited = NULL;
	size_t n = 0;
	file_edits *fe = NULL;
	mpr_ruleset *old = NULL, *now = NULL;
	int rc = mpr_rule_files_read(dir, NULL, &files, &n, err);
	if (rc == MPR_OK)
		rc = mpr_ruleset_load_files(&old, files, n, NULL, err);
	im.old = old;
	if (rc == MPR_OK && src->freedom_house) {
		im.have_fh = true;
		if ((rc = read_table(&im.fh, src->freedom_house, err)) == MPR_OK)
			rc = fh_columns(&im.fh, err);
	}
	if (rc == MPR_OK && src->human_rights) {
		im.have_hri = true;
		if ((rc = read_table(&im.hri, src->human_rights, err)) == MPR_OK)
			rc = owid_columns(&im.hri, err);
	}
	if (rc == MPR_OK && src->regime) {
		im.have_regime = true;
		if ((rc = read_table(&im.regime, src->regime, err)) == MPR_OK)
			rc = owid_columns(&im.regime, err);
	}
	if (rc == MPR_OK && (!(fe = calloc(n, sizeof *fe)) || !(edited = calloc(n, sizeof *edited))))
		rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");

	mpr_buf_printf(&im.report, "indicators import: %s -> %s\n", dir, out_dir);
	if (src->freedom_house)
		mpr_buf_printf(&im.report, "  Freedom House: %s\n", src->freedom_house);
	if (src->human_rights)
		mpr_buf_printf(&im.report, "  V-Dem %s human rights index: %s\n", src->vdem_version,
		               src->human_rights);
	if (src->regime)
		mpr_buf_printf(&im.report, "  V-Dem %s regime: %s\n", src->vdem_version, src->regime);
	mpr_buf_puts(&im.report, "countries:\n");
	for (size_t i = 0; rc == MPR_OK && i < n; i++) {
		fe[i].file = &files[i];
		rc = edit_file(&im, &fe[i]);
	}
	if (rc == MPR_OK) {
		im.declare_fh = im.fh_source[0] && !declared(old, im.fh_source);
		im.declare_vdem = im.vdem_source[0] && !declared(old, im.vdem_source);
		for (size_t i = 0; rc == MPR_OK && i < n && (im.declare_fh || im.declare_vdem); i++)
			rc = declare_sources(&im, &fe[i]);
	}
	mpr_buf_printf(&im.report, "%zu countries updated, %zu values not found (kept)\n", im.updated,
	               im.missing);
	for (size_t i = 0; rc == MPR_OK && i < n; i++) {
		unsigned char *text;
		edited[i] = files[i];
		if (apply_edits(&fe[i], &text, &edited[i].len))
			rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
		else
			edited[i].data = text;
	}
	/* the edited rules must load before anything is written */
	if (rc == MPR_OK)
		rc = mpr_ruleset_load_files(&now, edited, n, NULL, err);
	if (rc == MPR_OK) {
		report_tiers(&im, now);
		char *diff;
		size_t dlen;
		if ((rc = mpr_diff(old, now, MPR_FORMAT_TEXT, &diff, &dlen, NULL, err)) == MPR_OK) {
			mpr_buf_append(&im.report, diff, dlen);
			free(diff);
		}
	}
	for (size_t i = 0; rc == MPR_OK && i < n; i++) {
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", out_dir, files[i].rel) >= (int)sizeof path)
			rc = mpr_fail(err, MPR_ELIMIT, out_dir, 0, 0, "path too long");
		else if ((rc = make_parents(path, err)) == MPR_OK)
			rc = write_file(path, edited[i].data, edited[i].len, err);
	}
	if (rc == MPR_OK && mpr_buf_finish(&im.report, report, report_len))
		rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	if (rc != MPR_OK)
		free(im.report.data);
	for (size_t i = 0; fe && i < n; i++) {
		free_edits(&fe[i]);
		if (edited) {
			void *p;
			memcpy(&p, &edited[i].data, sizeof p);
			if (p != files[i].data)
				free(p);
		}
	}
	free(fe);
	free(edited);
	csv_free(&im.fh.csv);
	csv_free(&im.hri.csv);
	csv_free(&im.regime.csv);
	mpr_ruleset_free(old);
	mpr_ruleset_free(now);
	mpr_rule_files_free(files, n);
	return rc;
}
