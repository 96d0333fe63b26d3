/*
 * csv.c - see csv.h. Two passes over the input: the first unquotes every
 * field into one buffer and records where it starts, the second cuts the
 * field list into rows, so that no row or field array is reallocated while
 * pointers into it exist.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "internal.h"

static char delimiter_of(const char *s, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	for (size_t i = 0; i < len && s[i] != '\n'; i++) {
		comma += s[i] == ',';
		semi += s[i] == ';';
		tab += s[i] == '\t';
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma)
		return '\t';
	return ',';
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

int csv_parse(csv *out, const char *file, const char *data, size_t len, mpr_error *err)
{
	memset(out, 0, sizeof *out);
	out->file = file;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	char delim = delimiter_of(data, len);
	/* at most one field per delimiter or line end, plus one */
	size_t max_fields = 1;
	for (size_t i = 0; i < len; i++)
		max_fields += data[i] == delim || data[i] == '\n';
	out->text = malloc(len + max_fields);
	out->fields = malloc(max_fields * sizeof *out->fields);
	/* rows: at most one per line end, plus one */
	out->rows = malloc(max_fields * sizeof *out->rows);
	if (!out->text || !out->fields || !out->rows)
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");
	size_t *row_ends = malloc(max_fields * sizeof *row_ends);
	if (!row_ends)
		return mpr_fail(err, MPR_ENOMEM, file, 0, 0, "out of memory");

	char *w = out->text;
	size_t n_fields = 0, n_rows = 0;
	unsigned line = 1, column = 1;
	size_t i = 0;
	int rc = MPR_OK;
	while (i < len) {
		/* one field */
		csv_field *f = &out->fields[n_fields++];
		char *start = w;
		while (i < len && blank(data[i], delim)) {
			i++;
			column++;
		}
		f->line = line;
		f->column = column; /* where the value starts, after any blanks */
		if (i < len && data[i] == '"') {
			unsigned qline = line, qcol = column;
			i++;
			column++;
			for (;;) {
				if (i == len) {
					rc = mpr_fail(err, MPR_ESYNTAX, file, qline, qcol,
					              "a quoted field is not closed");
					goto done;
				}
				if (data[i] == '"' && i + 1 < len && data[i + 1] == '"') {
					*w++ = '"';
					i += 2;
					column += 2;
				} else if (data[i] == '"') {
					i++;
					column++;
					break;
				} else {
					if (data[i] == '\n') {
						line++;
						column = 0;
					}
					*w++ = data[i++];
					column++;
				}
			}
			while (i < len && (blank(data[i], delim) || data[i] == '\r')) {
				i++;
				column++;
			}
			if (i < len && data[i] != delim && data[i] != '\n') {
				rc = mpr_fail(err, MPR_ESYNTAX, file, line, column,
				              "text after the closing quote of a field");
				goto done;
			}
		} else {
			while (i < len && data[i] != delim && data[i] != '\n') {
				if (data[i] == '\0') {
					rc = mpr_fail(err, MPR_ESYNTAX, file, line, column,
					              "a NUL character in a CSV file");
					goto done;
				}
				*w++ = data[i++];
				column++;
			}
			trim(start, &w, delim);
		}
		*w++ = '\0';
		f->text = start;
		if (i < len && data[i] == delim) {
			i++;
			column++;
			if (i == len) { /* a delimiter at the very end: one more empty field */
				csv_field *e = &out->fields[n_fields++];
				e->line = line;
				e->column = column;
				e->text = w;
				*w++ = '\0';
			}
			continue;
		}
		/* end of the row */
		row_ends[n_rows++] = n_fields;
		if (i < len) { /* the '\n' */
			i++;
			line++;
			column = 1;
		}
	}
	if (n_rows == 0 || row_ends[n_rows - 1] != n_fields)
		row_ends[n_rows++] = n_fields;
	size_t from = 0;
	for (size_t r = 0; r < n_rows; r++) {
		out->rows[r].fields = out->fields + from;
		out->rows[r].n = row_ends[r] - from;
		from = row_ends[r];
	}
	/* a blank line is a row of one empty field: drop those */
	size_t kept = 0;
	for (size_t r = 0; r < n_rows; r++)
		if (out->rows[r].n > 1 || (out->rows[r].n == 1 && out->rows[r].fields[0].text[0]))
			out->rows[kept++] = out->rows[r];
	out->n_rows = kept;
done:
	free(row_ends);
	return rc;
}

void csv_free(csv *c)
{
	free(c->text);
	free(c->fields);
	free(c->rows);
	memset(c, 0, sizeof *c);
}

int csv_column(const csv_row *row, const char *name)
{
	for (size_t i = 0; i < row->n; i++)
		if (strcmp(row->fields[i].text, name) == 0)
			return (int)i;
	return -1;
}
