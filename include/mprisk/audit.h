/*
 * mprisk/audit.h - part of the public header <mprisk.h>:
 * rule coverage, rule tests, impact diff and lint (R5).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_AUDIT_H
#define MPRISK_AUDIT_H

#include "core.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Auditing: rule coverage, rule tests, impact diff, lint, decision records  */

/* Which rule entries (countries, context factors, classification, treaty
 * rules, measures, escalations, attributes, safeguards, matrix cells, floor
 * rules) a set of decisions exercised. Owned by the caller, not shared:
 * adding to it is not thread-safe, the ruleset stays untouched. */
typedef struct mpr_coverage mpr_coverage;

/* A coverage of rules, empty; *out owned by the caller (free with
 * mpr_coverage_free). MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_coverage_new(mpr_coverage **out, const mpr_ruleset *rules, mpr_error *err);
MPR_API void mpr_coverage_free(mpr_coverage *coverage);
/* Record every entry that took part in the decisions of result (which must
 * have been evaluated with the coverage's rules; otherwise nothing). */
MPR_API void mpr_coverage_add_result(mpr_coverage *coverage, const mpr_result *result);
/* Entries in all, and how many were exercised at least once. */
MPR_API size_t mpr_coverage_total(const mpr_coverage *coverage);
MPR_API size_t mpr_coverage_hit(const mpr_coverage *coverage);
/* An lcov tracefile whose "lines" are the YAML lines where the entries are
 * defined (SF: the rule file paths as loaded), so that genhtml renders the
 * coverage of the rules themselves. *out is text (see Conventions);
 * MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_coverage_render_lcov(const mpr_coverage *coverage, char **out, size_t *len,
                                     mpr_error *err);
/* Text: the figure, then every entry never exercised with its place. As
 * mpr_coverage_render_lcov. */
MPR_API int mpr_coverage_render_text(const mpr_coverage *coverage, char **out, size_t *len,
                                     mpr_error *err);

/* Run the rule tests of one file (docs/auditing.md: format; each case pins a
 * rule of the report). *report is text (see Conventions): one block per
 * failed case, "FILE:LINE: case NAME: expected X, got Y" and the trace;
 * *passed and *failed count cases. coverage may be NULL. An error in the
 * test file itself returns an MPR_E* code with its place (MPR_EIO,
 * MPR_ESYNTAX, MPR_ESCHEMA, MPR_EREF, MPR_ELIMIT), nothing in *report; a
 * case that asserts nothing concrete (an empty expect, monitoring or
 * activities map) is such an error (MPR_ESCHEMA), never a passing case. */
MPR_API int mpr_test_file(const mpr_ruleset *rules, const char *path,
                          const mpr_load_options *opts, mpr_coverage *coverage,
                          char **report, size_t *len, size_t *passed, size_t *failed,
                          mpr_error *err);

/* Compare two rulesets: structural changes (entries added, removed,
 * changed) and every decision of the shared decision space that changes
 * (every country x measure, with no attribute and with each attribute, with
 * no safeguard and with the required ones declared), each labelled
 * tightening or loosening. A loosening is justified when an entry that
 * changed and took part in the new decision carries a `justification`
 * (R5: revisable, but every loosening of C3's safeguards and monitoring is
 * accounted for). *out is text (see Conventions), text or JSON;
 * *unjustified counts the unjustified loosenings (may be NULL). MPR_EINVAL,
 * MPR_ENOMEM. */
MPR_API int mpr_diff(const mpr_ruleset *old_rules, const mpr_ruleset *new_rules,
                     mpr_format format, char **out, size_t *len, size_t *unjustified,
                     mpr_error *err);

/* Warnings on a loaded ruleset: assessments older than the ruleset's
 * staleness_months (in months) before today ("YYYY-MM-DD"; R5), safeguards
 * no cell, measure or escalation requires, attributes no rule uses, and,
 * when tested is not NULL, measures and countries the rule tests never
 * exercised. *out is text (see Conventions); *warnings (may be NULL) counts
 * errors and warnings (see mpr_lint_v2). MPR_EINVAL (a bad date, coverage
 * of other rules), MPR_ENOMEM. */
MPR_API int mpr_lint(const mpr_ruleset *rules, const char *today, const mpr_coverage *tested,
                     char **out, size_t *len, size_t *warnings, mpr_error *err);

/* Lint with its findings counted by class: errors are data the rules cannot
 * decide on as written (a treaty status that is unknown, which counts as not
 * a party, §4.2 F1) and make `mprisk lint` fail; warnings are stale or unused
 * entries (fail with --strict); notes report unknown values that the
 * classification already counts towards higher risk. The text has one line
 * per finding, "FILE:LINE:COL: error|warning|note: ...". mpr_lint counts
 * errors and warnings together in *warnings. As mpr_lint otherwise; counts
 * may be NULL. */
typedef struct mpr_lint_counts {
	size_t errors, warnings, notes;
} mpr_lint_counts;
MPR_API int mpr_lint_v2(const mpr_ruleset *rules, const char *today, const mpr_coverage *tested,
                        char **out, size_t *len, mpr_lint_counts *counts, mpr_error *err);
/* mpr_lint_v2 in a language: lang as mpr_render_options.lang (NULL or "en"
 * English, or one of mpr_ruleset_language; MPR_ENOTFOUND for another). The
 * sentences and the rules' texts they quote (a tier's name) are translated;
 * places, the class words error, warning and note, ids and the keys of the
 * rule files are the format's and never change. */
MPR_API int mpr_lint_v3(const mpr_ruleset *rules, const char *today, const mpr_coverage *tested,
                        const char *lang, char **out, size_t *len, mpr_lint_counts *counts,
                        mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_AUDIT_H */
