/*
 * diff.h - the impact diff of two rulesets as a value (diff.c computes it,
 * with the lookups of diff_maps.c) and its two printings, text and JSON
 * (diff_print.c), as libgit2 keeps diff_generate.c apart from diff_print.c.
 * Only these files see it.
 */
#ifndef MPR_AUDIT_DIFF_H
#define MPR_AUDIT_DIFF_H

#include "model.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/json.h"

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
	const char *scenario_implementer; /* the implementer beside the beneficiary, or NULL */
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

/* An activity as partnership rules read it (mpr_pact), in the old and the
 * new ruleset, with the first decision of the decision space that has
 * these readings (its country, measure and scenario) and how many do. */
typedef struct diff_kind {
	mpr_pact o, n;
	int nc, nm;
	const char *scenario;
	bool scenario_beneficiary;
	const char *scenario_implementer;
	const mpr_entry *changed[DIFF_WHY]; /* changed entries of that decision: its country, */
	size_t n_changed;                   /* measure, beneficiary and trace (the cell, ...) */
} diff_kind;

/* How a scenario declares the monitoring (diff_findings.c). */
enum { DM_NONE, DM_NO_BODY, DM_DEPENDENT, DM_INDEPENDENT, DM_LOCAL };
/* The declared frequency: not stated, the old or the new required one, or
 * less frequent than both. */
enum { DF_UNSTATED, DF_OLD, DF_NEW, DF_RARER };

/* A partnership scenario: what a proposal declares and which activities
 * it has (one or two kinds), as far as a rule reads them. */
typedef struct diff_pscenario {
	int element;   /* -2: all declared, -1: none of the rule's, else all but this one */
	const char *element_id;
	int eu;        /* 1 the EU is a party, 0 bilateral, -1 not read */
	int excluded_party; /* 1 a party is an excluded country, 0 none is, -1 not read */
	int bodies;    /* DM_*, -1 not read */
	int frequency; /* DF_*, -1 not read */
	int agreements; /* MPR_AGREEMENTS_* as declared (_ANY: all complete), -1 not read */
	unsigned months_old, months_new; /* the declared frequency */
	size_t kinds[2], n_kinds;
} diff_pscenario;

/* A partnership finding that changes in one scenario. */
typedef struct diff_finding {
	const char *rule;            /* its id */
	const mpr_prule *o, *n;      /* the rule in each ruleset, NULL where it is not */
	bool ofires, nfires;
	diff_pscenario sc;
	int loosening, tightening;
	const mpr_entry *why_new[DIFF_WHY]; /* changed entries it reads, or of its activities */
	size_t n_why_new;
	const mpr_entry *why_old[DIFF_WHY]; /* the rule, when it was removed */
	size_t n_why_old;
	const mpr_entry *justified_by;
} diff_finding;

/* The text of diff under a loosening: "justified by KIND ID: TEXT
 * [SOURCE]", or "NOT JUSTIFIED; changed entries in this WHAT:" and the
 * entries (diff_print.c; for decisions and for findings alike). */
void diff_print_why(mpr_buf *b, const char *what, const mpr_entry *justified_by,
                    const mpr_entry *const *why_new, size_t n_new,
                    const mpr_entry *const *why_old, size_t n_old);

typedef struct rule_diff {
	const mpr_ruleset *old, *new;
	mpr_array(diff_entry) entries;
	mpr_array(diff_change) changes; /* grouped by country x measure, in new ruleset order */
	size_t scenarios;               /* attribute, beneficiary and implementer scenarios, and
	                                   none */
	size_t compared, tightening, loosening, unjustified;
	/* the partnership findings (diff_findings.c) */
	mpr_array(diff_kind) kinds;
	mpr_array(diff_finding) findings; /* grouped by rule, in new then old ruleset order */
	size_t f_compared, f_tightening, f_loosening, f_unjustified;
} rule_diff;

/* diff.c, for diff_findings.c */
int diff_entry_changed(const mpr_ruleset *old, const mpr_entry *e);
void diff_add_why(const mpr_entry **list, size_t *n, const mpr_entry *e);

/* diff_findings.c: note the partnership readings of one decision of the
 * decision space (old a, new b), then compare every partnership rule in
 * every scenario of its readings. */
int diff_note_kind(rule_diff *d, const mpr_decision *a, const mpr_decision *b, int nc, int nm,
                   const char *scenario, bool scenario_beneficiary, const char *implementer);
/* Whether the kind of activity of a decision pair has been noted already
 * (then diff_note_kind adds nothing, and the pair needs no trace). */
bool diff_kind_known(const rule_diff *d, const mpr_decision *a, const mpr_decision *b);
int diff_findings(rule_diff *d);

/* What a diff looks up by id, looked up once (diff_maps.c), so that
 * comparing a decision pair is bit operations and array reads:
 *   - a safeguard set of one ruleset in the other's bit positions, through
 *     one table per byte of the set (to_new, to_old);
 *   - the old ruleset's measure for each of the new one's (-1: none);
 *   - each entry's counterpart of the same kind and id in the other
 *     ruleset, or NULL (added, removed);
 *   - whether two suspension mechanisms are the same, by id. */
typedef struct diff_maps {
	mpr_set to_new[8][256], to_old[8][256];
	int *measure_old;                /* [new measure] */
	const mpr_entry **old_of_new;    /* [new entry] */
	const mpr_entry **new_of_old;    /* [old entry] */
	bool same_suspension[MPR_MAX_TIERS][MPR_MAX_TIERS]; /* [old][new] */
} diff_maps;

/* NULL when memory runs out. */
diff_maps *diff_maps_new(const mpr_ruleset *old, const mpr_ruleset *new);
void diff_maps_free(diff_maps *m);

/* Compare old and new (diff.c); rule_diff_free also after a failure. */
int rule_diff_init(rule_diff *d, const mpr_ruleset *old, const mpr_ruleset *new, mpr_error *err);
void rule_diff_free(rule_diff *d);

/* diff_print.c, diff_findings_print.c */
void rule_diff_text(mpr_buf *b, const rule_diff *d);
void rule_diff_json(mpr_buf *b, const rule_diff *d);
void diff_findings_text(mpr_buf *b, const rule_diff *d);
/* The findings' members of the diff's JSON object, with w. */
void diff_findings_json(mpr_jw *w, const rule_diff *d);
/* An entry's justification as {"id" (with_id), "text", "source"}; entries as
 * [{"kind", "id"}, ...] (diff_print.c, for both printings). */
void diff_json_justification(mpr_jw *w, const mpr_entry *e, bool with_id);
void diff_json_entries(mpr_jw *w, const mpr_entry *const *v, size_t n);
/* The members saying why a change happened, for decisions and findings
 * alike: "changed_entries" (why_new), "removed_entries" (why_old) and
 * "justified_by" (null unless a loosening with a justification). */
void diff_json_why(mpr_jw *w, const mpr_entry *const *why_new, size_t n_new,
                   const mpr_entry *const *why_old, size_t n_old, bool loosening,
                   const mpr_entry *justified_by);

#endif
