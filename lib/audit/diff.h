/*
 * diff.h - the impact diff of two rulesets as a value (diff.c computes it)
 * and its two printings, text and JSON (diff_print.c), as libgit2 keeps
 * diff_generate.c apart from diff_print.c. Only these two files see it.
 */
#ifndef MPR_AUDIT_DIFF_H
#define MPR_AUDIT_DIFF_H

#include "model.h"
#include "util/array.h"
#include "util/buf.h"

/* An entry added, removed or changed (by its content hash). */
typedef struct diff_entry {
	const mpr_entry *e;
	const char *what;         /* "added", "removed", "changed" */
	const mpr_ruleset *in;    /* the ruleset e belongs to */
} diff_entry;

/* The most changed entries a changed decision names (the first ones its
 * trace meets); a justification is looked for among them. */
#define DIFF_WHY 8

/* One decision of the shared decision space that changed. */
typedef struct diff_change {
	int nc, nm;           /* country and measure, indices in the new ruleset */
	const char *scenario; /* the attribute or beneficiary of the scenario, or NULL */
	bool scenario_beneficiary;
	int declared;         /* 0 nothing declared, 1 the required safeguards */
	mpr_verdict ov, nv;
	unsigned omonths, nmonths;
	int olevel, nlevel, osusp, nsusp;
	int octier, nctier, omtier, nmtier;
	mpr_set added, removed; /* safeguards required now only (new ruleset), before only (old) */
	int loosening, tightening;
	const mpr_entry *why_new[DIFF_WHY]; /* changed entries in the new decision */
	size_t n_why_new;
	const mpr_entry *why_old[DIFF_WHY]; /* removed entries in the old decision */
	size_t n_why_old;
	const mpr_entry *justified_by;
} diff_change;

typedef struct rule_diff {
	const mpr_ruleset *old, *new;
	mpr_array(diff_entry) entries;
	mpr_array(diff_change) changes; /* grouped by country x measure, in new ruleset order */
	size_t scenarios;               /* attribute and beneficiary scenarios, and none */
	size_t compared, tightening, loosening, unjustified;
} rule_diff;

/* Compare old and new (diff.c); rule_diff_free also after a failure. */
int rule_diff_init(rule_diff *d, const mpr_ruleset *old, const mpr_ruleset *new, mpr_error *err);
void rule_diff_free(rule_diff *d);

/* diff_print.c */
void rule_diff_text(mpr_buf *b, const rule_diff *d);
void rule_diff_json(mpr_buf *b, const rule_diff *d);

#endif
