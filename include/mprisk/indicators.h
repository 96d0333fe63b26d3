/*
 * mprisk/indicators.h - part of the public header <mprisk.h>:
 * refreshing country indicators (R2).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_INDICATORS_H
#define MPRISK_INDICATORS_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Refreshing country indicators (docs/countries.md) ----------------- */

/* The published tables to import; NULL for a table not given. Fields are
 * only ever added at the end: initialise with designated initialisers or
 * zero the struct. docs/countries.md says exactly what each table may look
 * like (title rows, delimiters, quoting, numbers, names). */
typedef struct mpr_import_sources {
	const char *freedom_house; /* Freedom House "All data" CSV (Country/Territory, Edition,
	                              Status, Total) */
	const char *human_rights;  /* OWID human-rights-index-vdem CSV (Entity, Code, Year, value) */
	const char *regime;        /* OWID political-regime CSV, with human_rights only */
	const char *vdem_version;  /* the V-Dem version of the OWID tables, e.g. "v16"; required
	                              with human_rights or territory */
	const char *today;         /* YYYY-MM-DD: the new 'assessed' date */
	const char *territory;     /* OWID percentage-of-territory-controlled-by-government CSV
	                              (V-Dem v2svstterr: Entity, Code, Year, the estimate) for
	                              state_authority (F2) */
} mpr_import_sources;

/* Update the indicator values of the ruleset in dir from the tables, in the
 * rule files' text (comments and layout kept), and write every rule file to
 * out_dir (dir itself to update in place). Countries are matched by
 * fh_name (else name) in the Freedom House table and by iso3 in the OWID
 * tables (by name in rows without a code), names compared after Unicode
 * normalisation; each country's latest edition or year is taken, never one
 * older than the rules hold. A country is refreshed, and its 'assessed' date
 * set to today, only when every table given has it in its newest edition or
 * year; the report lists the others as not refreshed. Every source id the
 * new values cite (fh-EDITION, vdem-VERSION-owid, vdem-VERSION-owid-territory)
 * is declared. A table that is not valid (a short row, two different rows
 * for one country and edition, a bad value, no header) is refused with
 * MPR_ESYNTAX or MPR_ESCHEMA and its FILE:LINE:COL in err, and nothing is
 * written; nothing is written either unless the updated ruleset loads.
 * *report is text (see Conventions): each country's change, the tier and
 * exclusion changes (R2-R5, F2) and the decisions that change (as mpr_diff).
 * Reads and writes files; no global state: safe from any thread for
 * different out_dirs. */
MPR_API int mpr_indicators_import(const char *dir, const mpr_import_sources *sources,
                                  const char *out_dir, char **report, size_t *report_len,
                                  mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_INDICATORS_H */
