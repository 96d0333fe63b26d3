/*
 * tables.c - see tables.h. A table is read once: the header found (title
 * rows above it skipped, the delimiter taken from it), every row after it
 * checked to be whole, each row's edition or year read and its name
 * normalised. A country is then found by scanning those rows; its rows are
 * sorted by edition so that two rows of one edition with different values
 * are caught, whichever of them would have been taken.
 *
 * Names are normalised with utf8proc (docs/architecture.md says why this
 * library): spreadsheets and publishers write the same country with or
 * without accents, with curly or straight apostrophes, with non-breaking
 * spaces, in capitals.
 */
#include "import/tables.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "input/tree.h"
#include "model.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

#define MAX_TABLE_BYTES (64u << 20)

/* ------------------------------------------------------------------------ */
/* Names and quoting                                                         */

static bool blank_code_point(utf8proc_int32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ||
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_ZL ||
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_ZP;
}

bool tbl_normalise(const char *name, char *out, size_t size)
{
	utf8proc_int32_t cps[TBL_NAME_MAX];
	if (size == 0)
		return false;
	out[0] = '\0';
	size_t len = strlen(name);
	if (len > (size_t)TBL_NAME_MAX * 4)
		return false;
	utf8proc_ssize_t n = utf8proc_decompose(
	    (const utf8proc_uint8_t *)name, (utf8proc_ssize_t)len, cps, TBL_NAME_MAX,
	    (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
	                        UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_LUMP |
	                        UTF8PROC_IGNORE));
	if (n < 0 || n > TBL_NAME_MAX)
		return false;
	size_t o = 0;
	bool space = false;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		if (blank_code_point(cps[i])) {
			space = o > 0;
			continue;
		}
		if (utf8proc_category(cps[i]) == UTF8PROC_CATEGORY_CC)
			continue;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k = utf8proc_encode_char(cps[i], enc);
		if (k <= 0 || o + (size_t)space + (size_t)k + 1 > size)
			return false;
		if (space)
			out[o++] = ' ';
		space = false;
		memcpy(out + o, enc, (size_t)k);
		o += (size_t)k;
	}
	out[o] = '\0';
	return true;
}

const char *tbl_quote(const char *text, char *buf, size_t size)
{
	/* the first 120 characters (an invalid byte counts as one), shown as
	 * every message shows text (util/text.h) */
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text), n = 0;
	for (size_t chars = 0; n < len && chars < 120; chars++) {
		uint32_t cp;
		size_t k = mpr_utf8_next(p + n, len - n, &cp);
		n += k ? k : 1;
	}
	mpr_sink out = mpr_sink_fixed(buf, size);
	mpr_visible(&out, text, n);
	if (n < len)
		mpr_sink_put(&out, "...", 3);
	return buf;
}

/* ------------------------------------------------------------------------ */
/* Reading a table                                                           */

static bool named(const csv_field *f, const char *key)
{
	char k[TBL_NAME_MAX];
	return tbl_normalise(f->text, k, sizeof k) && strcmp(k, key) == 0;
}

static int column_named(const csv_row *h, const char *key)
{
	for (size_t i = 0; i < h->n; i++)
		if (named(&h->fields[i], key))
			return (int)i;
	return -1;
}

static bool fh_is_header(const csv_row *row, void *ctx)
{
	(void)ctx;
	return row->n >= 2 && named(&row->fields[0], "country/territory");
}

static bool owid_is_header(const csv_row *row, void *ctx)
{
	(void)ctx;
	return column_named(row, "entity") >= 0 && column_named(row, "year") >= 0;
}

static const csv_row *header_row(const tbl *t)
{
	return &t->csv.rows[t->header];
}

static int need_column(const tbl *t, const char *name, const char *key, int *out, mpr_error *err)
{
	const csv_row *h = header_row(t);
	*out = column_named(h, key);
	if (*out < 0)
		return mpr_fail(err, MPR_ESCHEMA, t->path, h->fields[0].line, h->fields[0].column,
		                "no column '%s' in the header row", name);
	return MPR_OK;
}

static int read_csv(tbl *t, const char *path, csv_is_header is_header, const char *expected,
                    mpr_error *err)
{
	memset(t, 0, sizeof *t);
	t->path = path;
	t->newest = -1;
	t->c_code = t->c_status = t->c_total = t->c_value = -1;
	unsigned char *data;
	size_t len;
	int rc = mpr_file_read(path, MAX_TABLE_BYTES, &data, &len, err);
	if (rc != MPR_OK)
		return rc;
	rc = csv_read_table(&t->csv, &t->header, path, (const char *)data, len, is_header, NULL, err);
	free(data);
	if (rc == MPR_OK && t->header == (size_t)-1)
		rc = mpr_fail(err, MPR_ESCHEMA, path, 1, 1, "%s", expected);
	return rc;
}

/* Every row after the header has the header's fields: a short row is a
 * file cut short or a row that lost fields; fields beyond the header's must
 * be empty (a spreadsheet's padding). */
static int check_rows(const tbl *t, mpr_error *err)
{
	const csv_row *h = header_row(t);
	for (size_t r = t->header + 1; r < t->csv.n_rows; r++) {
		const csv_row *row = &t->csv.rows[r];
		if (row->n < h->n)
			return mpr_fail(err, MPR_ESCHEMA, t->path, row->end_line, row->end_column,
			                "a short or truncated row: %zu fields where the header (line %u) "
			                "has %zu",
			                row->n, h->fields[0].line, h->n);
		for (size_t i = h->n; i < row->n; i++)
			if (row->fields[i].text[0])
				return mpr_fail(err, MPR_ESCHEMA, t->path, row->fields[i].line,
				                row->fields[i].column,
				                "a value beyond the %zu columns of the header (line %u)", h->n,
				                h->fields[0].line);
	}
	return MPR_OK;
}

static bool blank_value(const csv_field *f)
{
	return !f->text[0] || strcmp(f->text, "N/A") == 0 || strcmp(f->text, "-") == 0;
}

/* Each row's edition or year, and the newest (OWID: of the rows with a value). */
static int read_editions(tbl *t, mpr_error *err)
{
	const char *label = t->owid ? "Year" : "Edition";
	size_t n = t->csv.n_rows;
	if (!(t->edition = calloc(n, sizeof *t->edition)))
		return mpr_fail(err, MPR_ENOMEM, t->path, 0, 0, "out of memory");
	for (size_t r = t->header + 1; r < n; r++) {
		const csv_row *row = &t->csv.rows[r];
		const csv_field *f = &row->fields[t->c_edition];
		char dec[48];
		long y;
		if (csv_decimal(f->text, dec, sizeof dec) || !csv_decimal_whole(dec, &y) ||
		    (!t->owid && (y < 1973 || y > 2100)) || y < -9999 || y > 9999) {
			char q1[256], q2[256];
			return mpr_fail(err, MPR_ESCHEMA, t->path, f->line, f->column,
			                "%s of '%s' must be a year, found '%s'", label,
			                tbl_quote(row->fields[t->c_name].text, q1, sizeof q1),
			                tbl_quote(f->text, q2, sizeof q2));
		}
		t->edition[r] = y;
		if (y > t->newest && (!t->owid || !blank_value(&row->fields[t->c_value])))
			t->newest = y;
	}
	return MPR_OK;
}

static int index_names(tbl *t, mpr_error *err)
{
	size_t n = t->csv.n_rows;
	mpr_buf b = {0};
	if (!(t->key_at = calloc(n ? n : 1, sizeof *t->key_at)))
		return mpr_fail(err, MPR_ENOMEM, t->path, 0, 0, "out of memory");
	mpr_buf_append(&b, "", 1); /* offset 0: the empty key, which matches nothing */
	for (size_t r = t->header + 1; r < n; r++) {
		char k[TBL_NAME_MAX];
		if (!tbl_normalise(t->csv.rows[r].fields[t->c_name].text, k, sizeof k))
			continue;
		t->key_at[r] = b.len;
		mpr_buf_append(&b, k, strlen(k) + 1);
	}
	size_t len;
	if (mpr_buf_finish(&b, &t->keys, &len))
		return mpr_fail(err, MPR_ENOMEM, t->path, 0, 0, "out of memory");
	return MPR_OK;
}

int tbl_read_fh(tbl *t, const char *path, mpr_error *err)
{
	int rc = read_csv(t, path, fh_is_header,
	                  "no header row starting 'Country/Territory': not a Freedom House "
	                  "\"All data\" table",
	                  err);
	if (rc == MPR_OK) {
		t->c_name = 0;
		if ((rc = need_column(t, "Edition", "edition", &t->c_edition, err)) ||
		    (rc = need_column(t, "Status", "status", &t->c_status, err)) ||
		    (rc = need_column(t, "Total", "total", &t->c_total, err)) ||
		    (rc = check_rows(t, err)) || (rc = read_editions(t, err)))
			return rc;
		rc = index_names(t, err);
	}
	return rc;
}

static bool bound_column(const char *key)
{
	return strstr(key, "lower bound") || strstr(key, "upper bound");
}

/* The value column of an OWID table: the one column that is not Entity,
 * Code, Year, OWID's region annotation or a lower or upper bound. */
static int owid_value_column(tbl *t, int entity, mpr_error *err)
{
	const csv_row *h = header_row(t);
	int values = 0, bounds = 0, other = -1;
	for (size_t i = 0; i < h->n; i++) {
		char k[TBL_NAME_MAX];
		if ((int)i == entity || (int)i == t->c_code || (int)i == t->c_edition)
			continue;
		if (!tbl_normalise(h->fields[i].text, k, sizeof k) || strncmp(k, "world region", 12) == 0)
			continue;
		if (bound_column(k)) {
			bounds++;
		} else if (values++ == 0) {
			t->c_value = (int)i;
		} else if (other < 0) {
			other = (int)i;
		}
	}
	if (values > 1) {
		char q1[256], q2[256];
		return mpr_fail(err, MPR_ESCHEMA, t->path, h->fields[other].line, h->fields[other].column,
		                "more than one value column ('%s', '%s'): which is the estimate is "
		                "not clear; download the table with the estimate only",
		                tbl_quote(h->fields[t->c_value].text, q1, sizeof q1),
		                tbl_quote(h->fields[other].text, q2, sizeof q2));
	}
	if (values == 0)
		return mpr_fail(err, MPR_ESCHEMA, t->path, h->fields[0].line, h->fields[0].column,
		                bounds ? "only lower and upper bound columns: the table has no "
		                         "estimate column to import"
		                       : "no value column after Entity, Code and Year");
	t->value_name = h->fields[t->c_value].text;
	return MPR_OK;
}

int tbl_read_owid(tbl *t, const char *path, const tbl_measure *measure, mpr_error *err)
{
	int rc = read_csv(t, path, owid_is_header,
	                  "no header row with 'Entity' and 'Year': not an Our World in Data "
	                  "grapher table",
	                  err);
	t->owid = true;
	t->measure = measure;
	if (rc != MPR_OK)
		return rc;
	if ((rc = need_column(t, "Entity", "entity", &t->c_name, err)) ||
	    (rc = need_column(t, "Code", "code", &t->c_code, err)) ||
	    (rc = need_column(t, "Year", "year", &t->c_edition, err)) ||
	    (rc = owid_value_column(t, t->c_name, err)) || (rc = check_rows(t, err)) ||
	    (rc = read_editions(t, err)))
		return rc;
	return index_names(t, err);
}

void tbl_free(tbl *t)
{
	csv_free(&t->csv);
	free(t->edition);
	free(t->key_at);
	free(t->keys);
	t->edition = NULL;
	t->key_at = NULL;
	t->keys = NULL;
}

/* ------------------------------------------------------------------------ */
/* One country                                                               */

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

static bool same_code(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static bool matches(const tbl *t, size_t r, const char *key, const char *iso3)
{
	if (t->owid && iso3) {
		const char *code = t->csv.rows[r].fields[t->c_code].text;
		if (code[0])
			return same_code(code, iso3);
	}
	return key[0] && t->key_at[r] && strcmp(t->keys + t->key_at[r], key) == 0;
}

/* Whether two fields hold the same value: numbers by value, else as text. */
static bool same_value(const csv_field *a, const csv_field *b, bool status)
{
	if (blank_value(a) || blank_value(b))
		return blank_value(a) == blank_value(b);
	if (status) {
		const char *x = fh_status_name(a->text), *y = fh_status_name(b->text);
		return x && y ? x == y : strcmp(a->text, b->text) == 0;
	}
	char x[48], y[48];
	if (!csv_decimal(a->text, x, sizeof x) && !csv_decimal(b->text, y, sizeof y))
		return csv_decimal_cmp(x, y) == 0;
	return strcmp(a->text, b->text) == 0;
}

static bool same_row_values(const tbl *t, const csv_row *a, const csv_row *b)
{
	if (t->owid)
		return same_value(&a->fields[t->c_value], &b->fields[t->c_value], false);
	return same_value(&a->fields[t->c_status], &b->fields[t->c_status], true) &&
	       same_value(&a->fields[t->c_total], &b->fields[t->c_total], false);
}

typedef struct matched {
	long edition;
	size_t row;
} matched;

static int cmp_matched(const void *a, const void *b)
{
	const matched *x = a, *y = b;
	if (x->edition != y->edition)
		return x->edition < y->edition ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static int pick_fh(const tbl *t, const char *name, const csv_row *row, tbl_pick *out,
                   mpr_error *err)
{
	const csv_field *st = &row->fields[t->c_status], *tot = &row->fields[t->c_total];
	char q[256], dec[48];
	long score;
	if (!blank_value(st) && !(out->status = fh_status_name(st->text)))
		return mpr_fail(err, MPR_ESCHEMA, t->path, st->line, st->column,
		                "Status of '%s' must be F, PF or NF, found '%s'", name,
		                tbl_quote(st->text, q, sizeof q));
	if (blank_value(tot))
		return MPR_OK;
	const char *why = csv_decimal(tot->text, dec, sizeof dec);
	if (why || !csv_decimal_whole(dec, &score) || score < 0 || score > 100)
		return mpr_fail(err, MPR_ESCHEMA, t->path, tot->line, tot->column,
		                "Total of '%s' must be a score 0..100, found '%s'%s%s", name,
		                tbl_quote(tot->text, q, sizeof q), why ? ": " : "", why ? why : "");
	snprintf(out->score, sizeof out->score, "%ld", score);
	return MPR_OK;
}

static int pick_owid(const tbl *t, const char *who, const csv_row *row, tbl_pick *out,
                     mpr_error *err)
{
	const tbl_measure *m = t->measure;
	const csv_field *v = &row->fields[t->c_value], *y = &row->fields[t->c_edition];
	char q[256];
	if (out->edition < 1900 || out->edition > 2100)
		return mpr_fail(err, MPR_ESCHEMA, t->path, y->line, y->column,
		                "the latest year of %s is %ld, outside 1900..2100", who, out->edition);
	const char *why = csv_decimal(v->text, out->value, sizeof out->value);
	long whole;
	if (why)
		return mpr_fail(err, MPR_ESCHEMA, t->path, v->line, v->column,
		                "the %s of %s must be a number, found '%s': %s", m->what, who,
		                tbl_quote(v->text, q, sizeof q), why);
	if (csv_decimal_cmp(out->value, m->min) < 0 || csv_decimal_cmp(out->value, m->max) > 0 ||
	    (m->whole && !csv_decimal_whole(out->value, &whole)))
		return mpr_fail(err, MPR_ESCHEMA, t->path, v->line, v->column,
		                "the %s of %s must be %s %s..%s, found '%s'", m->what, who,
		                m->whole ? "a whole number" : "a number", m->min, m->max,
		                tbl_quote(v->text, q, sizeof q));
	if (m->whole) /* "1.0" is written 1 */
		snprintf(out->value, sizeof out->value, "%ld", whole);
	return MPR_OK;
}

int tbl_find(const tbl *t, const char *name, const char *iso3, tbl_pick *out, mpr_error *err)
{
	memset(out, 0, sizeof *out);
	out->edition = -1;
	snprintf(out->score, sizeof out->score, "~");
	char key[TBL_NAME_MAX];
	if (!tbl_normalise(name, key, sizeof key))
		key[0] = '\0';
	mpr_array(matched) rows = MPR_ARRAY_INIT;
	for (size_t r = t->header + 1; r < t->csv.n_rows; r++) {
		if (!matches(t, r, key, iso3))
			continue;
		matched *slot = mpr_array_push(rows);
		if (!slot) {
			mpr_array_free(rows);
			return mpr_fail(err, MPR_ENOMEM, t->path, 0, 0, "out of memory");
		}
		*slot = (matched){t->edition[r], r};
	}
	matched *m = rows.v;
	size_t n = rows.n;
	if (n > 1)
		qsort(m, n, sizeof *m, cmp_matched);
	const char *who = t->owid && iso3 ? iso3 : name;
	int rc = MPR_OK;
	for (size_t i = 1; i < n && rc == MPR_OK; i++) {
		const csv_row *a = &t->csv.rows[m[i - 1].row], *b = &t->csv.rows[m[i].row];
		if (m[i].edition == m[i - 1].edition && !same_row_values(t, a, b))
			rc = mpr_fail(err, MPR_ESCHEMA, t->path, b->fields[0].line, b->fields[0].column,
			              "a second row for %s in %s %ld, with other values than the row on "
			              "line %u: which one holds is not clear",
			              who, t->owid ? "year" : "edition", m[i].edition, a->fields[0].line);
	}
	/* the latest row (OWID: the latest with a value) */
	for (size_t i = n; rc == MPR_OK && i-- > 0;) {
		const csv_row *row = &t->csv.rows[m[i].row];
		if (t->owid && blank_value(&row->fields[t->c_value]))
			continue;
		out->row = row;
		out->edition = m[i].edition;
		rc = t->owid ? pick_owid(t, who, row, out, err) : pick_fh(t, name, row, out, err);
		break;
	}
	mpr_array_free(rows);
	return rc;
}
