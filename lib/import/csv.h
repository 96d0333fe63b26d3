/*
 * csv.h - a reader for the published indicator tables (Freedom House "All
 * data", Our World in Data grapher downloads) as people save them: RFC 4180
 * quoting ("a, b", "" for a quote, line breaks inside quotes), CRLF or LF
 * line ends, a UTF-8 byte order mark, and ',' ';' or tab as the delimiter
 * (spreadsheet exports in some locales use ';'). The delimiter is the one
 * under which the table's header row reads as a header, wherever that row
 * is: title rows above it may be written in any way. Every field keeps its
 * line and column (in characters, as editors count them) so that a bad value
 * is reported where it is.
 */
#ifndef MPR_CSV_H
#define MPR_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "mprisk.h"

typedef struct csv_field {
	const char *text; /* NUL-terminated, unquoted, surrounding blanks removed */
	unsigned line, column;
} csv_field;

typedef struct csv_row {
	const csv_field *fields;
	size_t n;
	unsigned end_line, end_column; /* where the row ends: its line break or the end of the file */
} csv_row;

typedef struct csv {
	const char *file;
	char delimiter;
	csv_row *rows;
	size_t n_rows;
	char *text;         /* the unquoted fields, one buffer */
	csv_field *fields;  /* all fields, rows point into it */
} csv;

/* Parse len bytes of UTF-8 text (a byte order mark is skipped) with the
 * field delimiter delim (',' ';' or '\t'). Rows of empty fields only are
 * dropped. On error fills err with the file, line and column and returns a
 * negative MPR_E* code; out then holds the rows complete before the error.
 * csv_free is needed either way. */
int csv_parse(csv *out, const char *file, const char *data, size_t len, char delim,
              mpr_error *err);

/* Whether a row is the header row of the table the caller expects. */
typedef bool (*csv_is_header)(const csv_row *row, void *ctx);

/* Parse a table whose header row is the first row for which is_header holds,
 * under one of the delimiters ',' ';' and tab: the delimiter is the one under
 * which such a row comes first. *header is its row index, or (size_t)-1 with
 * MPR_OK when no delimiter gives one (the caller says what it expected). A
 * syntax error is returned for the delimiter that found the header, or, when
 * none did and every delimiter failed, the error furthest into the file.
 * csv_free is needed either way. */
int csv_read_table(csv *out, size_t *header, const char *file, const char *data, size_t len,
                   csv_is_header is_header, void *ctx, mpr_error *err);

void csv_free(csv *c);

/* The index of the field named name in row, or -1. */
int csv_column(const csv_row *row, const char *name);

/* A number as the tables write it, read exactly (no binary rounding) and
 * without the C locale: an optional sign, digits with an optional '.'
 * fraction (".5" and "5." too), an optional exponent ("4e-05", "1.5E+2").
 * A decimal comma, thousands separators, spaces, "nan", "inf" and hex are
 * refused. On success writes the plain decimal form to out and returns
 * NULL: no exponent, no '+', no leading zeros but the one before a point,
 * no trailing zeros after it, no sign on a zero ("4e-05" -> "0.00004",
 * "+0.450" -> "0.45", "27.0" -> "27"). Otherwise returns why not (a phrase
 * for a message). At most 40 digits. */
const char *csv_decimal(const char *text, char *out, size_t size);

/* Compare two plain decimals written by csv_decimal: <0, 0, >0. */
int csv_decimal_cmp(const char *a, const char *b);

/* Whether a plain decimal is a whole number (no fraction, or only zeros);
 * then *out is its value, when it fits in a long. */
bool csv_decimal_whole(const char *dec, long *out);

#endif
