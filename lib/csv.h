/*
 * csv.h - a reader for the published indicator tables (Freedom House "All
 * data", Our World in Data grapher downloads): RFC 4180 quoting ("a, b" and
 * "" for a quote), CRLF or LF line ends, and the field delimiter found from
 * the first line (',' ';' or tab: spreadsheet exports in some locales use ';').
 * Every field keeps its line and column so that a bad value is reported
 * where it is.
 */
#ifndef MPR_CSV_H
#define MPR_CSV_H

#include <stddef.h>

#include "mprisk.h"

typedef struct csv_field {
	const char *text; /* NUL-terminated, unquoted, surrounding blanks removed */
	unsigned line, column;
} csv_field;

typedef struct csv_row {
	const csv_field *fields;
	size_t n;
} csv_row;

typedef struct csv {
	const char *file;
	csv_row *rows;
	size_t n_rows;
	char *text;         /* the unquoted fields, one buffer */
	csv_field *fields;  /* all fields, rows point into it */
} csv;

/* Parse len bytes (a UTF-8 byte order mark is skipped). On error fills err
 * with the file, line and column and returns a negative MPR_E* code;
 * csv_free is needed either way. */
int csv_parse(csv *out, const char *file, const char *data, size_t len, mpr_error *err);
void csv_free(csv *c);

/* The index of the field named name in row, or -1. */
int csv_column(const csv_row *row, const char *name);

#endif
