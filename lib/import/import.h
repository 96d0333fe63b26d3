/*
 * import.h - what the two files of the indicator import share
 * (indicators.c, sources.c): the state of one import, and the sources the
 * new values cite, which sources.c declares in the rules when they are new.
 */
#ifndef MPR_IMPORT_IMPORT_H
#define MPR_IMPORT_IMPORT_H

#include "import/tables.h"
#include "input/edit.h"
#include "load/load.h"
#include "model.h"
#include "util/buf.h"

/* A source id the new values cite: declared in 'sources' unless it is. */
enum { SOURCE_FH, SOURCE_HRI, SOURCE_TERRITORY };

typedef struct used_source {
	char id[80];
	int kind;     /* SOURCE_* */
	long edition; /* Freedom House */
} used_source;

/* Freedom House editions are years 1973..2100, one source each, and three
 * V-Dem sources: the list can hold every source an import can cite. */
#define MAX_USED_SOURCES 132

typedef struct import {
	const mpr_import_sources *src;
	const char *dir; /* the rules directory, for messages */
	const mpr_ruleset *old;
	tbl fh, hri, regime, territory;
	mpr_buf report;
	mpr_buf stale; /* the codes of the countries not refreshed */
	size_t refreshed, not_refreshed, kept;
	used_source used[MAX_USED_SOURCES];
	size_t n_used;
	mpr_error *err;
} import;

/* sources.c: note that a value cites id (each id once). */
void import_use_source(import *im, const char *id, int kind, long edition);
/* Declare, in the first rule file with a 'sources' list (fe[i] the edits
 * of files[i]), every source id the new values cite that the ruleset does
 * not declare yet, and say so in the report. */
int import_declare_sources(import *im, yt_edits *fe, const mpr_rule_file *files, size_t n);

#endif
