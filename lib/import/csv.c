/*
 * csv.c - see csv.h. One pass over the input unquotes every field into one
 * buffer and cuts the field list into rows as they end; the buffers are
 * sized from the input before the pass, so no row or field array is
 * reallocated while pointers into it exist, and the rows read before an
 * error stay usable (to find the header under each delimiter).
 */
#include "import/csv.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util/error.h"

#define NO_ROW ((size_t)-1)

static bool continuation(unsigned char ch)
{
	return (ch & 0xC0) == 0x80;
}

/* Refuse what is not UTF-8 text, at its place: a NUL, an invalid or
 * overlong sequence, a surrogate. A table saved in a legacy code page
 * ("Côte d'Ivoire" as Windows-1252) would otherwise not match its names. */
static int check_text(const char *file, const unsigned char *d, size_t len, mpr_error *err)
{
	unsigned line = 1, column = 1;
	for (size_t i = 0; i < len;) {
		unsigned char c = d[i];
		size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		         : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		bool ok = n > 0 && i + n <= len;
		for (size_t k = 1; ok && k < n; k++)
			ok = continuation(d[i + k]);
		if (ok && n >= 3) {
			unsigned char c1 = d[i + 1];
			ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) &&
			     !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
		}
		if (c == 0)
			return mpr_fail(err, MPR_ESYNTAX, file, line, column, "a NUL character in a CSV file");
		if (!ok)
			return mpr_fail(err, MPR_ESYNTAX, file, line, column,
			                "not UTF-8 text (byte 0x%02X): save the table as \"CSV UTF-8\"", c);
		if (c == '\n') {
			line++;
			column = 1;
		} else {
			column++;
		}
		i += n;
	}
	return MPR_OK;
}

/* Blanks around a value: spaces, and tabs where the tab is not the delimiter. */
static int blank(char ch, char delim)
{
	return ch == ' ' || (ch == '\t' && delim != '\t');
}

/* Remove blanks (and a CR) at the end of a field that was not quoted. */
static void trim(const char *start, char **end, char delim)
{
	while (*end > start && (blank((*end)[-1], delim) || (*end)[-1] == '\r'))
		(*end)--;
}

typedef struct reader {
	const char *data;
	size_t len, i;
	char delim;
	unsigned line, column;
	char *w; /* where the next unquoted byte goes */
} reader;

/* Step over one byte of the input, counting characters, not bytes. */
static void step(reader *r)
{
	r->column += !continuation((unsigned char)r->data[r->i]);
	r->i++;
}

/* A quoted field, from its opening quote; the text goes to r->w. */
static int quoted_field(reader *r, const char *file, mpr_error *err)
{
	unsigned qline = r->line, qcol = r->column;
	step(r);
	for (;;) {
		if (r->i == r->len)
			return mpr_fail(err, MPR_ESYNTAX, file, qline, qcol, "a quoted field is not closed");
		char ch = r->data[r->i];
		if (ch == '"' && r->i + 1 < r->len && r->data[r->i + 1] == '"') {
			*r->w++ = '"';
			step(r);
			step(r);
		} else if (ch == '"') {
			step(r);
			break;
		} else if (ch == '\n') {
			*r->w++ = ch;
			r->i++;
			r->line++;
			r->column = 1;
		} else {
			*r->w++ = ch;
			step(r);
		}
	}
	while (r->i < r->len && (blank(r->data[r->i], r->delim) || r->data[r->i] == '\r'))
		step(r);
	if (r->i < r->len && r->data[r->i] != r->delim && r->data[r->i] != '\n')
		return mpr_fail(err, MPR_ESYNTAX, file, r->line, r->column,
		                "text after the closing quote of a field");
	return MPR_OK;
}

/* Close the row of fields [from, n_fields): keep it unless every field is empty. */
static void end_row(csv *out, size_t from, size_t n_fields, unsigned line, unsigned column)
{
	bool empty = true;
	for (size_t f = from; f < n_fields && empty; f++)
		empty = out->fields[f].text[0] == '\0';
	if (empty)
		return;
	csv_row *row = &out->rows[out->n_rows++];
	row->fields = out->fields + from;
	row->n = n_fields - from;
	row->end_line = line;
	row->end_column = column;
}

/* The text as the reader takes it (no UTF-16, no byte order mark, valid
 * UTF-8), and room for every field and row it can hold. */
static int prepare(csv *out, const char *file, const char **data, size_t *len, char delim,
                   mpr_error *err)
{
	const char *d = *data;
	if (*len >= 2 && (((unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xFE) ||
	                  ((unsigned char)d[0] == 0xFE && (unsigned char)d[1] == 0xFF)))
		return mpr_fail(err, MPR_ESYNTAX, file, 1, 1,
		                "UTF-16 text (a spreadsheet's \"Unicode text\"): save the table as "
		                "\"CSV UTF-8\"");
	if (*len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
		*data = d += 3;
		*len -= 3;
	}
	int rc = check_text(file, (const unsigned char *)d, *len, err);
	if (rc != MPR_OK)
		return rc;
	/* at most one field per delimiter or line end, plus one */
	size_t max_fields = 1;
	for (size_t i = 0; i < *len; i++)
		max_fields += d[i] == delim || d[i] == '\n';
	if (max_fields > SIZE_MAX / sizeof(csv_field) || *len > SIZE_MAX - max_fields)
		return mpr_fail(err, MPR_ELIMIT, file, 0, 0, "the table is too large");
	out->text = malloc(*len + max_fields);
	out->fields = malloc(max_fields * sizeof *out->fields);
	/* rows: at most one per line end, plus one */
	out->rows = malloc(max_fields * sizeof *out->rows);
	if (!out->text || !out->fields || !out->rows) {
		mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
		return MPR_ENOMEM; /* said plainly: the analyser does not see mpr_fail */
	}
	return MPR_OK;
}

int csv_parse(csv *out, const char *file, const char *data, size_t len, char delim,
              mpr_error *err)
{
	memset(out, 0, sizeof *out);
	out->file = file;
	out->delimiter = delim;
	int rc = prepare(out, file, &data, &len, delim, err);
	if (rc != MPR_OK)
		return rc;

	reader r = {data, len, 0, delim, 1, 1, out->text};
	size_t n_fields = 0, row_from = 0;
	while (r.i < len) {
		csv_field *f = &out->fields[n_fields++];
		char *start = r.w;
		while (r.i < len && blank(data[r.i], delim))
			step(&r);
		f->line = r.line;
		f->column = r.column; /* where the value starts, after any blanks */
		if (r.i < len && data[r.i] == '"') {
			if ((rc = quoted_field(&r, file, err)) != MPR_OK) {
				*r.w = '\0';
				f->text = start;
				return rc;
			}
		} else {
			while (r.i < len && data[r.i] != delim && data[r.i] != '\n') {
				*r.w++ = data[r.i];
				step(&r);
			}
			trim(start, &r.w, delim);
		}
		*r.w++ = '\0';
		f->text = start;
		if (r.i < len && data[r.i] == delim) {
			step(&r);
			if (r.i == len) { /* a delimiter at the very end: one more empty field */
				csv_field *e = &out->fields[n_fields++];
				e->line = r.line;
				e->column = r.column;
				e->text = r.w;
				*r.w++ = '\0';
			} else {
				continue;
			}
		}
		/* end of the row, at its line break (before a CR) or the end of the file */
		unsigned end_column = r.column;
		if (r.i > 0 && r.i <= len && data[r.i - 1] == '\r' && end_column > 1)
			end_column--;
		end_row(out, row_from, n_fields, r.line, end_column);
		row_from = n_fields;
		if (r.i < len) { /* the '\n' */
			r.i++;
			r.line++;
			r.column = 1;
		}
	}
	return MPR_OK;
}

int csv_read_table(csv *out, size_t *header, const char *file, const char *data, size_t len,
                   csv_is_header is_header, void *ctx, mpr_error *err)
{
	static const char delims[] = {',', ';', '\t'};
	memset(out, 0, sizeof *out);
	out->file = file;
	*header = NO_ROW;
	int best_rc = MPR_OK, last_rc = MPR_OK;
	mpr_error best_err, last_err;
	unsigned best_line = UINT_MAX;
	memset(&best_err, 0, sizeof best_err);
	memset(&last_err, 0, sizeof last_err);
	for (size_t d = 0; d < sizeof delims; d++) {
		csv c;
		mpr_error e;
		int rc = csv_parse(&c, file, data, len, delims[d], &e);
		if (rc == MPR_ENOMEM || rc == MPR_ELIMIT) {
			csv_free(&c);
			csv_free(out);
			if (err)
				*err = e;
			return rc;
		}
		size_t h = NO_ROW;
		for (size_t r = 0; r < c.n_rows && h == NO_ROW; r++)
			if (is_header(&c.rows[r], ctx))
				h = r;
		if (rc != MPR_OK) {
			/* the furthest error, for when no delimiter finds the header */
			if (last_rc == MPR_OK || e.line > last_err.line ||
			    (e.line == last_err.line && e.column > last_err.column)) {
				last_rc = rc;
				last_err = e;
			}
		}
		if (h != NO_ROW && c.rows[h].fields[0].line < best_line) {
			csv_free(out);
			*out = c;
			*header = h;
			best_line = c.rows[h].fields[0].line;
			best_rc = rc;
			best_err = e;
		} else {
			csv_free(&c);
		}
	}
	if (*header != NO_ROW) {
		if (best_rc != MPR_OK && err)
			*err = best_err;
		return best_rc;
	}
	if (last_rc != MPR_OK) { /* a syntax error may hide the header */
		if (err)
			*err = last_err;
		return last_rc;
	}
	return MPR_OK;
}

void csv_free(csv *c)
{
	free(c->text);
	free(c->fields);
	free(c->rows);
	const char *file = c->file;
	memset(c, 0, sizeof *c);
	c->file = file;
}

int csv_column(const csv_row *row, const char *name)
{
	for (size_t i = 0; i < row->n; i++)
		if (strcmp(row->fields[i].text, name) == 0)
			return (int)i;
	return -1;
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                   */

#define MAX_DIGITS 40 /* of a number's plain decimal form */

static bool digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* A number as written: its digits without the point, how many of them
 * stand before the point, and the exponent. */
typedef struct decimal {
	bool negative;
	char digits[MAX_DIGITS + 1];
	size_t nd, int_digits;
	long exp;
} decimal;

/* Read text into d; NULL, or why it is not a number the tables may hold. */
static const char *scan_decimal(const char *text, decimal *d)
{
	const char *p = text;
	d->negative = false;
	if (*p == '+' || *p == '-')
		d->negative = *p++ == '-';
	d->nd = d->int_digits = 0;
	bool point = false;
	for (; digit(*p) || (*p == '.' && !point); p++) {
		if (*p == '.') {
			point = true;
			continue;
		}
		if (d->nd == MAX_DIGITS)
			return "more digits than mprisk keeps (40)";
		d->digits[d->nd++] = *p;
		d->int_digits += !point;
	}
	if (d->nd == 0)
		return strchr(text, ',') ? "not a number with a decimal point (a decimal comma is refused)"
		                         : "not a number";
	d->exp = 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		bool eneg = *p == '-';
		if (*p == '+' || *p == '-')
			p++;
		if (!digit(*p))
			return "not a number";
		for (; digit(*p); p++) {
			d->exp = d->exp * 10 + (*p - '0');
			if (d->exp > MAX_DIGITS)
				return "more digits than mprisk keeps (40)";
		}
		if (eneg)
			d->exp = -d->exp;
	}
	if (*p == ',')
		return "a decimal comma or a thousands separator: export the table with '.' as the "
		       "decimal point and no separators";
	if (*p)
		return "not a number";
	return NULL;
}

/* The digits with the point where the exponent puts it, without trailing
 * zeros of the fraction or a point with nothing after it, into plain (room
 * for 3 * MAX_DIGITS + 4); its length. Leading zeros stay. */
static size_t place_point(const decimal *d, char *plain)
{
	long at = (long)d->int_digits + d->exp; /* where the point goes in digits[] */
	size_t n = 0, nd = d->nd;
	if (at <= 0) {
		plain[n++] = '0';
		plain[n++] = '.';
		for (long z = at; z < 0; z++)
			plain[n++] = '0';
		memcpy(plain + n, d->digits, nd);
		n += nd;
	} else if ((size_t)at >= nd) {
		memcpy(plain, d->digits, nd);
		n = nd;
		for (size_t z = nd; z < (size_t)at; z++)
			plain[n++] = '0';
	} else {
		memcpy(plain, d->digits, (size_t)at);
		n = (size_t)at;
		plain[n++] = '.';
		memcpy(plain + n, d->digits + at, nd - (size_t)at);
		n += nd - (size_t)at;
	}
	if (memchr(plain, '.', n)) {
		while (plain[n - 1] == '0')
			n--;
		if (plain[n - 1] == '.')
			n--;
	}
	plain[n] = '\0';
	return n;
}

const char *csv_decimal(const char *text, char *out, size_t size)
{
	decimal d;
	const char *why = scan_decimal(text, &d);
	if (why)
		return why;
	char plain[3 * MAX_DIGITS + 4];
	size_t n = place_point(&d, plain);
	/* leading zeros of the integer part, but one */
	size_t skip = 0;
	while (plain[skip] == '0' && digit(plain[skip + 1]))
		skip++;
	bool zero = true;
	for (size_t i = 0; i < d.nd && zero; i++)
		zero = d.digits[i] == '0';
	/* at most the digits a number may be read with, so that its plain form
	 * reads back as itself ("8e40" would be 41 digits) */
	size_t len = n - skip, digits = len - (memchr(plain + skip, '.', len) != NULL);
	size_t need = (d.negative && !zero) + len + 1;
	if (digits > MAX_DIGITS || need > size)
		return "more digits than mprisk keeps (40)";
	size_t o = 0;
	if (d.negative && !zero)
		out[o++] = '-';
	memcpy(out + o, plain + skip, n - skip + 1);
	return NULL;
}

static int compare_magnitude(const char *a, const char *b)
{
	size_t ia = strcspn(a, "."), ib = strcspn(b, ".");
	if (ia != ib)
		return ia < ib ? -1 : 1;
	int c = strncmp(a, b, ia);
	if (c)
		return c < 0 ? -1 : 1;
	const char *fa = a[ia] ? a + ia + 1 : "", *fb = b[ib] ? b + ib + 1 : "";
	while (*fa || *fb) {
		char x = *fa ? *fa++ : '0', y = *fb ? *fb++ : '0';
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

int csv_decimal_cmp(const char *a, const char *b)
{
	bool na = *a == '-', nb = *b == '-';
	if (na != nb)
		return na ? -1 : 1;
	int c = compare_magnitude(a + na, b + nb);
	return na ? -c : c;
}

bool csv_decimal_whole(const char *dec, long *out)
{
	bool negative = *dec == '-';
	const char *p = dec + negative;
	size_t ni = strcspn(p, ".");
	for (const char *f = p + ni + (p[ni] == '.'); *f; f++)
		if (*f != '0')
			return false;
	if (ni > 18)
		return false;
	long v = 0;
	for (size_t i = 0; i < ni; i++)
		v = v * 10 + (p[i] - '0');
	*out = negative ? -v : v;
	return true;
}
