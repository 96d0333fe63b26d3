/*
 * model/ruleset.h - part of the model (lib/model.h):
 * the loaded ruleset (built by load/): its entry registry, classification,
 * signature, monitoring rules.
 */
#ifndef MPR_MODEL_RULESET_H
#define MPR_MODEL_RULESET_H

#include "model/entries.h"

/* Every rule entry, for coverage, diffs and justifications. Kinds are in
 * the order docs/auditing.md lists them. */
enum { MPR_ENTRY_COUNTRY, MPR_ENTRY_CONTEXT, MPR_ENTRY_CLASSIFICATION, MPR_ENTRY_TREATY_RULE,
       MPR_ENTRY_MEASURE, MPR_ENTRY_ESCALATION, MPR_ENTRY_ATTRIBUTE, MPR_ENTRY_SAFEGUARD,
       MPR_ENTRY_CELL, MPR_ENTRY_FLOOR, MPR_ENTRY_ELEMENT, MPR_ENTRY_PARTNERSHIP_RULE,
       MPR_ENTRY_BENEFICIARY, MPR_ENTRY_CONTEXT_KIND, MPR_ENTRY_IMPLEMENTER,
       MPR_ENTRY_VIOLATION_KIND, MPR_ENTRY_CONSEQUENCE, MPR_ENTRY_MONITORING_PARAMETER,
       MPR_ENTRY_KINDS };

typedef struct mpr_entry {
	int kind;
	const char *id;            /* the same pointer the trace steps carry */
	mpr_place at;
	unsigned char hash[32];    /* of the entry's YAML content */
	const char *justification; /* text, NULL when none */
	const char *justification_source;
} mpr_entry;


/* A partnership element; detail names what a declaration of it must state
 * (e.g. the framework a broader partnership belongs to), NULL for nothing. */
typedef struct mpr_element {
	mpr_named n;
	const char *detail;
	const char *remedy_json; /* the remedy "add-element" of it as JSON, made at load */
	size_t remedy_json_len;
} mpr_element;

/* A dataset country indicators cite: its id, its name and where it is. */
typedef struct mpr_source {
	const char *id, *name, *url;
	mpr_place at;
} mpr_source;

typedef struct mpr_band {
	double at_least;
	int tier;
} mpr_band;

typedef struct mpr_treaty_rule {
	const char *id;
	const char *source;
	int treaty;      /* MPR_TREATY_* */
	int at_least;    /* tier when the country is not a party */
	const char *effect;
} mpr_treaty_rule;

typedef struct mpr_classification {
	const char *id;
	const char *source;
	const char *fh_status_names[MPR_MAX_TIERS]; /* "Free", ... */
	int fh_status_tier[MPR_MAX_TIERS];
	size_t n_fh_status;
	const char *fh_rule_source;
	mpr_band bands[MPR_MAX_TIERS];
	size_t n_bands;
	const char *hri_rule_source;
	int missing_tier;  /* tier an unknown indicator counts as */
	mpr_treaty_rule *treaty_rules;
	size_t n_treaty_rules;
	const char *restricted_source;
	const char *restricted_statuses[MPR_MAX_TIERS]; /* FH statuses that mean restricted */
	size_t n_restricted_statuses;
	double restricted_hri_below;
	size_t context_max_raise;
	/* F2: limited presence of a functioning state; no rule when source is NULL */
	const char *functioning_state_source;
	double state_authority_below;
	/* between state_authority_below and this: top tier, flagged for review
	 * (F2 excludes beforehand only where rights clearly cannot be
	 * guaranteed); 0 for no review band */
	double state_authority_review_below;
} mpr_classification;

/* The kinds of remedy (mpr_remedy below): what would make an activity or a
 * finding pass. */
enum { MPR_REMEDY_IMPOSSIBLE, MPR_REMEDY_ADD_SAFEGUARD, MPR_REMEDY_DROP_ATTRIBUTE,
       MPR_REMEDY_ADD_ELEMENT, MPR_REMEDY_SET_FREQUENCY, MPR_REMEDY_ADD_BODY,
       MPR_REMEDY_ADD_LOCAL_BODY, MPR_REMEDY_ADD_EU_PARTY, MPR_REMEDY_ADD_ACTIVITY,
       MPR_REMEDY_COUNTRY_TIER, MPR_REMEDY_DECLARE_BENEFICIARY, MPR_REMEDY_DECLARE_NATIONALS_ONLY,
       MPR_REMEDY_SEPARATE_HUMANITARIAN, MPR_REMEDY_NAME_BENEFICIARY, MPR_REMEDY_DECLARE_AGREEMENTS,
       MPR_REMEDY_COMPLETE_AGREEMENT, MPR_REMEDY_KINDS };

/* The owner's signature of a ruleset, as found beside its rule files
 * (load/signature.c): MPR_SIGNATURE_NONE (no signature file), _VALID (the
 * signature file's key signed exactly this fingerprint) or _INVALID (a
 * signature that does not cover these rules: changed after signing, or an
 * altered file), with the key that signed, when, and why it is invalid. */
typedef struct mpr_rules_signature {
	int status;
	char key_id[72];        /* "" without a signature file */
	const char *signed_at;  /* as the signature file says; NULL without one */
	const char *problem;    /* why it is invalid; NULL otherwise */
	const char *file;       /* the signature file's path; NULL for rules loaded from memory */
} mpr_rules_signature;
/* ---- Monitoring during the partnership (§4.2.3; load/monitoring.c) ------- */

/* How grave a finding is, as a monitoring round reports it. */
enum { MPR_SEVERITY_ISOLATED, MPR_SEVERITY_RECURRING, MPR_SEVERITY_STRUCTURAL,
       MPR_SEVERITY_GRAVE, MPR_SEVERITY_COUNT };
/* Where the follow-up of a finding stands (M5). */
enum { MPR_FOLLOW_OPEN, MPR_FOLLOW_ADDRESSED, MPR_FOLLOW_VERIFIED, MPR_FOLLOW_COUNT };

/* What a consequence asks, from mildest to strictest; the status of an
 * activity and of the partnership follow from the strictest (decide/monitor.c). */
enum { MPR_ACTION_FOLLOW_UP, MPR_ACTION_HOLD_ROUND, MPR_ACTION_REVIEW_AGREEMENT,
       MPR_ACTION_APPLY_CRITERIA, MPR_ACTION_SUSPENSION_DECISION, MPR_ACTION_REASSESS,
       MPR_ACTION_SCALE_DOWN_OR_STOP, MPR_ACTION_STOP, MPR_ACTION_COUNT };

/* What makes a consequence fire: an observation of a round, a round that is
 * overdue or does not count, the proposal under today's rules, an agreement. */
enum { MPR_ON_OBSERVATION, MPR_ON_ROUND_OVERDUE, MPR_ON_ROUND_NOT_COUNTED,
       MPR_ON_NO_LONGER_PASSES, MPR_ON_AGREEMENT_BEHIND };

/* Whom a consequence concerns. */
enum { MPR_SCOPE_ACTIVITY, MPR_SCOPE_PARTNERSHIP };

/* A condition on a finding's follow-up: any, past its due date and not
 * verified, or none agreed. */
enum { MPR_FU_ANY, MPR_FU_OVERDUE, MPR_FU_NONE };

/* The words of those vocabularies, as rule files, observation files and
 * every output write them (docs/monitoring.md), in the order of the enums. */
static inline const char *const *mpr_severity_words(void)
{
	static const char *const names[MPR_SEVERITY_COUNT] = {"isolated", "recurring",
	                                                      "structural", "grave"};
	return names;
}
static inline const char *const *mpr_follow_words(void)
{
	static const char *const names[MPR_FOLLOW_COUNT] = {"open", "addressed", "verified"};
	return names;
}
static inline const char *const *mpr_action_words(void)
{
	static const char *const names[MPR_ACTION_COUNT] = {
		"follow-up",           "hold-round", "review-agreement",   "apply-suspension-criteria",
		"suspension-decision", "reassess",   "scale-down-or-stop", "stop"};
	return names;
}

/* A kind of violation monitoring can observe; floor kinds are those F3
 * forbids cooperating in at all. */
typedef struct mpr_violation_kind {
	mpr_named n;
	bool floor;
} mpr_violation_kind;

/* A consequence of monitoring: it fires when every condition it states
 * holds (for observation conditions, of one observation). */
typedef struct mpr_consequence {
	const char *id, *source, *message;
	mpr_place at;
	int action;          /* MPR_ACTION_* */
	int scope;           /* MPR_SCOPE_* */
	int trigger;         /* MPR_ON_* */
	unsigned due_days;   /* due this many days after what triggered it */
	int kind_floor;      /* -1 any, 1: a floor kind (F3) */
	mpr_set kinds;       /* the observation is of one of these kinds; 0 any */
	unsigned severities; /* bit per MPR_SEVERITY_*; 0 any */
	unsigned suspensions; /* bit per suspension level of the activity's cell; 0 any */
	unsigned statuses;   /* bit per MPR_FOLLOW_* of the finding; 0 any */
	unsigned tier_mask;  /* the activity's country tier; 0 any */
	int follow_up;       /* MPR_FU_* */
} mpr_consequence;

/* Where a monitoring body must be independent, or have local access, for
 * its round to count (M1, F5): where the activity's decision requires one
 * of these safeguards, or its country has one of these tiers. */
typedef struct mpr_body_rule {
	mpr_set safeguards;
	unsigned tier_mask;
} mpr_body_rule;

/* The numbers and choices monitoring leaves to the ruleset
 * (`monitoring_parameters`). */
typedef struct mpr_monitoring_rules {
	bool defined;
	const char *round_id, *round_source;           /* which rounds count (M1, F5) */
	mpr_body_rule independent, local_access;
	const char *experience_id, *experience_source; /* R9 from experience */
	unsigned experience_observations;  /* observations of a kind ... */
	unsigned experience_window_months; /* ... within this many months */
	unsigned experience_severities;    /* or one of these severities (bits) */
	int experience_attribute;          /* the attribute experience gives the measure */
} mpr_monitoring_rules;


struct mpr_ruleset {
	mpr_arena arena;
	EVP_MD *sha256; /* SHA-256 fetched once at load, for everything hashed with the
	                   ruleset (util/sha256.h); NULL: looked up each time */
	/* One index per catalogue: mpr_index_find(&rules->measure_index, id) is the
	 * position of a measure, or -1. Each is built as soon as its section is
	 * loaded, so a section may look up ids of the sections loaded before it. */
	mpr_index country_index, measure_index, safeguard_index, attribute_index, tag_index,
	    element_index, beneficiary_index, context_kind_index, implementer_index;
	char fingerprint[72];
	mpr_rules_signature signature;
	const char *id, *title, *source;
	const char *tiers[MPR_MAX_TIERS];
	size_t n_tiers;
	const char *monitoring[MPR_MAX_TIERS];
	size_t n_monitoring;
	mpr_named suspension[MPR_MAX_TIERS];
	size_t n_suspension;
	mpr_source *sources;
	size_t n_sources;
	mpr_classification classification;
	mpr_safeguard *safeguards;
	size_t n_safeguards;
	mpr_attribute *attributes;
	size_t n_attributes;
	mpr_escalation *escalations; /* global ones first, then per measure */
	size_t n_escalations;
	const int *global_escalations;
	size_t n_global_escalations;
	mpr_measure *measures;
	size_t n_measures;
	mpr_cell cells[MPR_MAX_TIERS][MPR_MAX_TIERS]; /* [country tier][measure tier] */
	mpr_floor *floor;
	size_t n_floor;
	mpr_named *tags;
	size_t n_tags;
	mpr_named *context_kinds;
	size_t n_context_kinds;
	mpr_beneficiary *beneficiaries;
	size_t n_beneficiaries;
	int undeclared_beneficiary; /* the beneficiary assumed when none is declared
	                               (assumed_tiers); -1 none */
	mpr_implementer *implementers;
	size_t n_implementers;
	mpr_element *elements;
	size_t n_elements;
	mpr_prule *prules;
	size_t n_prules;
	mpr_monitor_item *monitor_items;
	size_t n_monitor_items;
	mpr_violation_kind *violation_kinds;
	size_t n_violation_kinds;
	mpr_index violation_kind_index;
	mpr_consequence *consequences;
	size_t n_consequences;
	mpr_monitoring_rules mon;
	mpr_country *countries;
	size_t n_countries;
	mpr_entry *entries;
	size_t n_entries;
	const mpr_entry **by_pointer; /* entries sorted by id pointer */
	unsigned staleness_months;    /* lint: assessments older than this are stale */
	size_t max_trace; /* trace capacity that any one decision can need */
	const char *effect_missing;  /* shared trace texts */
	const char *effect_required_by_measure;
	const char *effect_conditional;
	const char *effect_no_beneficiary;
	const char *effect_partner_country;
	const char *effect_no_implementer;
	/* the steps of a decision that belong to no entry of their own */
	mpr_step no_beneficiary_step, conditional_step, partner_country_step, no_implementer_step;
	/* each remedy of a kind that names no entry and whose sentence depends
	 * only on the rules, as JSON (made at load, load/remedy_texts.c); NULL
	 * for the other kinds */
	const char *remedy_json[MPR_REMEDY_KINDS];
	size_t remedy_json_len[MPR_REMEDY_KINDS];
	/* the languages its texts can be written in: "en" (as written) first,
	 * then each the library has a catalogue for (load.c) */
	mpr_lang langs[MPR_MAX_LANGS];
	size_t n_langs;
};

#endif
