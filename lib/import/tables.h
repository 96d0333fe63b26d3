/*
 * tables.h - the published indicator tables as people download them
 * (Freedom House "All data", Our World in Data grapher CSVs) and the rows
 * of one country in them, for mpr_indicators_import (docs/countries.md says
 * exactly what is accepted). Every value handed out has been checked and
 * written in the plain decimal form the rule files take; every refusal names
 * the table's FILE:LINE:COL.
 */
#ifndef MPR_TABLES_H
#define MPR_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "import/csv.h"

/* The longest normalised name kept, in bytes (longer names match nothing). */
#define TBL_NAME_MAX 256

/* What an OWID table's value is, for checking it. */
typedef struct tbl_measure {
	const char *what;      /* in messages: "human rights index" */
	const char *min, *max; /* the range, as plain decimals */
	bool whole;
} tbl_measure;

typedef struct tbl {
	bool owid;                  /* else Freedom House */
	const char *path;
	const tbl_measure *measure; /* OWID */
	csv csv;
	size_t header;              /* row index of the column names */
	int c_name, c_edition, c_code, c_status, c_total, c_value;
	const char *value_name;     /* OWID: the header of the value column taken */
	long *edition;              /* per row: Edition (FH) or Year (OWID) */
	size_t *key_at;             /* per row: its normalised name, at keys + key_at[r] */
	char *keys;
	long newest;                /* newest edition (FH) or year with a value (OWID); -1 none */
} tbl;

/* Read a Freedom House "All data" table: title rows, then the header row
 * starting Country/Territory with Edition, Status and Total. */
int tbl_read_fh(tbl *t, const char *path, mpr_error *err);
/* Read an OWID grapher table: Entity, Code, Year and one value column (the
 * estimate where there are "(lower bound)"/"(upper bound)" columns). */
int tbl_read_owid(tbl *t, const char *path, const tbl_measure *measure, mpr_error *err);
void tbl_free(tbl *t);

/* The latest row of one country. */
typedef struct tbl_pick {
	const csv_row *row; /* NULL: no row (OWID: no row with a value) */
	long edition;       /* its Edition or Year */
	/* Freedom House */
	const char *status; /* "Free", "Partly Free", "Not Free"; NULL when blank */
	char score[8];      /* "~" when blank */
	/* OWID: the value as a plain decimal */
	char value[48];
} tbl_pick;

/* Find a country: in Freedom House's table by its normalised name; in an
 * OWID table by iso3 in rows that have a code, by normalised name in rows
 * that have none (and in every row when iso3 is NULL). Two rows of one
 * edition or year with different values are refused, and so is a value
 * that is not valid, at its place in the table. */
int tbl_find(const tbl *t, const char *name, const char *iso3, tbl_pick *out, mpr_error *err);

/* A name for matching: Unicode NFKD with the marks (accents) removed, case
 * folded, apostrophes, quotes, dashes and spaces of every kind lumped to
 * their ASCII forms (utf8proc's LUMP), default-ignorable characters removed,
 * runs of blanks made one space, none at the ends. False when it does not
 * fit size bytes or is not UTF-8. */
bool tbl_normalise(const char *name, char *out, size_t size);

/* Text from a table for a one-line message: cut after 120 characters and
 * shown visibly (util/text.h: controls and bidi formatting escaped). */
const char *tbl_quote(const char *text, char *buf, size_t size);

#endif
