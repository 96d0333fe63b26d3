/*
 * model/ruleset.h - part of the model (lib/model.h):
 * the loaded ruleset (built by load/): entries, sets, steps, the ruleset.
 */
#ifndef MPR_MODEL_RULESET_H
#define MPR_MODEL_RULESET_H

#include <openssl/types.h>
#include <stdbool.h>
#include <stdint.h>
#include "mprisk.h"
#include "util/arena.h"
#include "util/i18n.h"
#include "util/index.h"

/* ------------------------------------------------------------------------ */
/* The ruleset (lib/load/)                                                   */

#define MPR_MAX_TIERS 8
#define MPR_MAX_SET 64 /* safeguards, attributes: members of a uint64_t set */
#define MPR_MAX_LANGS 8

typedef uint64_t mpr_set;

/* Members of a set. */
static inline size_t mpr_set_count(mpr_set s)
{
	size_t n = 0;
	for (; s; s &= s - 1)
		n++;
	return n;
}

/* The lowest member of a set that is not empty: walk a set with
 * for (mpr_set t = s; t; t &= t - 1) ... mpr_set_first(t) ... */
static inline int mpr_set_first(mpr_set s)
{
#if defined(__GNUC__)
	return __builtin_ctzll(s);
#else
	int i = 0;
	for (; !(s & 1); s >>= 1)
		i++;
	return i;
#endif
}

/* One line of a trace or a reason. All the strings belong to the ruleset.
 * json is the step as a JSON object, rendered at load (json_len bytes,
 * load/steps.c), or NULL for a step the renderers escape themselves. Every
 * step a decision emits is made at load, with its entry (mpr_measure's
 * base_step, mpr_cell's step, ...), and copied whole into a trace. */
typedef struct mpr_step {
	const char *rule;
	const char *source;
	const char *effect;
	const char *json;
	size_t json_len;
} mpr_step;

/* Where an entry was defined, for messages about it. */
typedef struct mpr_place {
	const char *file;
	unsigned line, column;
} mpr_place;

typedef struct mpr_named {
	const char *id;
	const char *name;
	const char *source;
	mpr_place at;
} mpr_named;

typedef struct mpr_safeguard {
	mpr_named n;
	const char *elements; /* "M1, M2" as written, for explanations */
	const char *json;     /* {"id": ..., "source": ...}, rendered at load (json_len bytes) */
	size_t json_len;
	mpr_step missing_step; /* "required but not declared" */
	const char *remedy_json; /* the remedy "add-safeguard" of it as JSON, made at load */
	size_t remedy_json_len;
} mpr_safeguard;

typedef struct mpr_attribute {
	mpr_named n;
	const char *remedy_json; /* the remedy "drop-attribute" of it as JSON, made at load */
	size_t remedy_json_len;
} mpr_attribute;

/* Country conditions an escalation may depend on; computed per country. */
enum { MPR_COND_NONE = 0, MPR_COND_RESTRICTED_FREEDOMS = 1 };

typedef struct mpr_escalation {
	const char *id;
	const char *source;
	mpr_place at;
	int attribute;     /* index into attributes; -1: fires on the country alone */
	int condition;     /* MPR_COND_* */
	mpr_set country_context; /* fires only where the country has evidence of one of
	                            these context kinds; 0 = any */
	int raise;         /* tiers to add, >= 0 */
	mpr_set requires;  /* safeguards it adds */
	const char *effect;
	mpr_step step;
} mpr_escalation;

/* Whether a measure moves people to the country where it takes place (F3:
 * chain refoulement is judged on the country's own evidence). */
enum { MPR_TRANSFERS_NONE = 0, MPR_TRANSFERS_ALWAYS, MPR_TRANSFERS_UNLESS_NATIONALS };

typedef struct mpr_measure {
	mpr_named n;
	mpr_set tags;      /* measure tags, for partnership rules */
	int goal;          /* 1-4 as in tables 1-4 of the report, 0 = §4.1 only */
	int tier;          /* base tier */
	bool direct;       /* intervenes directly in migrants' lives (R7) */
	bool humanitarian; /* humanitarian support, when delivered to migrants (F2) */
	int transfers;     /* MPR_TRANSFERS_*: moves third-country nationals there */
	int transfer_carries; /* measure whose risk a transfer of third-country nationals
	                         carries (a return that is not nationals only); -1 none */
	int default_beneficiary; /* beneficiary assumed when none is declared; -1 none */
	mpr_set default_unless; /* implementers in whose own work a declared beneficiary
	                           replaces the default (an NGO's rescue ship); otherwise a
	                           declared one adds to it, never lowers it */
	mpr_set implies;   /* attributes the measure always has (R8: equipment) */
	int evacuation_tier;      /* evacuation: people come from a country of at least
	                             this tier; -1 not an evacuation measure */
	int evacuation_otherwise; /* measure whose risk it carries when they do not */
	mpr_set requires;  /* safeguards required whatever the cell */
	const int *escalations; /* indices into ruleset escalations */
	size_t n_escalations;
	const char *effect; /* "base tier medium" */
	/* trace steps of what the measure's substance adds, built at load; each
	 * names its clause "<measure>.<clause>" so a rule test can pin it */
	mpr_step implies_step, transfer_step, default_kept_step;
	mpr_step evacuation_step, not_evacuation_step;
	mpr_step no_evacuation_step; /* from a place of danger, but the proposal carries
	                                no evacuation from it */
	mpr_step base_step;     /* its base tier */
	mpr_step required_step; /* "the measure itself requires safeguards" */
} mpr_measure;

/* Who receives an activity's support (§4.1.4, F2): the substance that a
 * measure's label may hide. Support to a security force carries the risk of
 * the measure it names, whatever measure it is filed under; only support a
 * beneficiary delivers to migrants counts as humanitarian. */
typedef struct mpr_beneficiary {
	mpr_named n;
	bool delivers_to_migrants;
	int carries;                 /* index of a measure whose risk it carries; -1 none */
	unsigned assumed_tiers;      /* assumed when none is declared and the measure names
	                                no default, in a country of these tiers (bit per
	                                tier); 0: only when declared or a default */
	const char *effect_declared; /* trace texts, built at load */
	const char *effect_default;  /* (for the entry assumed when undeclared: that) */
	mpr_step declared_step, default_step;
} mpr_beneficiary;

/* Who carries an activity out (a UN agency, an NGO, a company, a ministry):
 * never what the activity is, but only support an independent humanitarian
 * organisation delivers to migrants is humanitarian support (F2), and in its
 * own work a declared beneficiary may replace a measure's default. */
typedef struct mpr_implementer {
	mpr_named n;
	bool independent;
	const char *effect;
	mpr_step step; /* "implementer X (declared): ..." */
} mpr_implementer;

typedef struct mpr_cell {
	const char *id;
	const char *source;
	mpr_place at;
	mpr_verdict verdict;
	int monitoring;    /* index into monitoring levels */
	unsigned months;   /* months between monitoring rounds */
	int suspension;    /* index into suspension levels */
	mpr_set safeguards;
	const char *effect;
	bool defined;
	mpr_step step;
} mpr_cell;

/* A floor rule fires when every condition it states holds. */
typedef struct mpr_floor {
	const char *id;
	const char *source;
	mpr_place at;
	const char *message;
	mpr_set any_attribute;   /* 0 = no attribute condition */
	int excluded;            /* -1 any, 0 not excluded, 1 excluded country */
	int humanitarian;        /* -1 any, 0/1: (not) humanitarian support delivered to migrants */
	unsigned tier_mask;      /* bit t = country tier t; 0 = any */
	mpr_set lacks_any;       /* fires only if one of these is not declared */
	int transfers;           /* -1 any, 1: moves third-country nationals to the country */
	mpr_set country_context; /* context kinds: the country has evidence of one of them */
	int security_force;      /* -1 any, 1: the support goes to a security force (a
	                            beneficiary that carries a measure's risk) */
	int moves_people;        /* -1 any, 1: a measure that moves people (returns,
	                            transfers, hubs: transfers_third_country_nationals set) */
	int eu_member;           /* -1 any, 1: decided for an EU member state */
	mpr_step step;
} mpr_floor;

/* Monitoring conditions of partnership rules. */
enum { MPR_MON_ANY = 0, MPR_MON_NONE, MPR_MON_NO_INDEPENDENT, MPR_MON_NO_INDEPENDENT_LOCAL,
       MPR_MON_LESS_FREQUENT };

/* Conditions of partnership rules on the concrete agreements (Samenvatting
 * "Concrete afspraken"; Rec. 1): none declared, or one that does not say
 * who, by when and how its result is measured. */
enum { MPR_AGREEMENTS_ANY = 0, MPR_AGREEMENTS_NONE, MPR_AGREEMENTS_INCOMPLETE };

/* A partnership rule: fires when every condition it states holds. */
typedef struct mpr_prule {
	const char *id;
	const char *source;
	const char *message;
	mpr_place at;
	mpr_verdict severity;
	mpr_set lacks_any;    /* elements */
	mpr_set any_tagged;   /* measure tags */
	mpr_set all_tagged;
	int bilateral;        /* -1 any, 1 only when the EU is not a party */
	unsigned tier_mask;   /* some activity in a country of these tiers; 0 = any */
	int monitoring;       /* MPR_MON_* */
	int any_excluded;     /* -1 any, 1: some activity is in an excluded country */
	int any_party_excluded; /* -1 any, 1: some party is an excluded country */
	mpr_set declares;     /* elements the partnership declares, all of them; 0 = any */
	int any_humanitarian; /* -1 any, 0/1: some activity is (not) humanitarian support
	                         delivered to migrants, in any country */
	/* what lifts the rule when its conditions hold (`lifted_by`): every one of
	 * these elements declared, and (lift_evacuations_only == 1) every activity
	 * in an excluded country the evacuation a hub of the proposal names;
	 * lift_declares 0: the rule cannot be lifted */
	mpr_set lift_declares;
	int lift_evacuations_only;
	const char *json_head; /* a finding's JSON up to its remedies, rendered at load:
	                          {"rule": ..., "source": ..., "message": ..., "severity": ... */
	size_t json_head_len;
	int agreements;       /* MPR_AGREEMENTS_* */
} mpr_prule;

/* What a partnership rule reads, and nothing else (decide/partnership.c):
 * of the proposal's declaration ... */
typedef struct mpr_pdecl {
	mpr_set elements;
	bool eu_party;
	bool excluded_party;    /* some party is an excluded country (F2) */
	bool has_monitoring;    /* a monitoring arrangement is declared */
	bool independent;       /* some declared body is independent */
	bool independent_local; /* some independent body has local access */
	unsigned months;        /* the declared frequency; 0: not stated */
	int agreements;         /* the concrete agreements: MPR_AGREEMENTS_NONE (none
	                           declared), _INCOMPLETE (one is), _ANY (all complete) */
} mpr_pdecl;

/* ... and of each activity. The impact diff (audit/diff_findings.c) builds
 * these from the decision space: a condition that reads more of an
 * activity must add it here, and the diff then compares it too. */
typedef struct mpr_pact {
	mpr_set tags;      /* the decision's: the measure's and the carried risk's */
	int country_tier;
	bool excluded;     /* in an excluded country (F2) */
	bool humanitarian; /* humanitarian support delivered to migrants (F2) */
	unsigned months;   /* its cell's monitoring frequency */
	bool evacuation;   /* humanitarian support in the country an evacuation hub of the
	                      proposal evacuates people from (the ETM's shape, §6.2) */
} mpr_pact;

/* An item of what monitoring covers, for the monitoring plan (M4). */
typedef struct mpr_monitor_item {
	const char *id;
	const char *what;
	const char *source;
	mpr_set for_tags;       /* applies when the measure has one of these tags */
	mpr_set for_safeguards; /* or when the activity requires one of these */
	const char *json;       /* {"id", "what", "source"}, rendered at load (json_len bytes) */
	size_t json_len;
} mpr_monitor_item;

typedef struct mpr_context {
	const char *id;
	const char *kind;
	int kind_index;      /* into the ruleset's context kinds */
	const char *floor_effect; /* trace text when a floor rule cites it */
	int raise;
	const char *evidence;
	const char *source;
	const char *date;
	unsigned max_age_months; /* lint: evidence older than this is stale */
	mpr_place at;
	mpr_step floor_step; /* cited by a floor rule that reads it (F3) */
} mpr_context;

/* A treaty status: a year of ratification/accession, not party, or unknown. */
enum { MPR_TREATY_UNKNOWN = -1, MPR_TREATY_NOT_PARTY = 0 };

enum { MPR_TREATY_REFUGEE_CONVENTION, MPR_TREATY_REFUGEE_PROTOCOL, MPR_TREATY_CAT,
       MPR_TREATY_ICCPR, MPR_TREATY_COUNT };

typedef struct mpr_country {
	mpr_named n;        /* id = ISO 3166-1 alpha-2 code */
	const char *iso3;   /* ISO 3166-1 alpha-3, for matching published data; NULL if not given */
	const char *fh_name; /* the name Freedom House uses; n.name when not given */
	const char *assessed;
	int fh_status;      /* index into classification statuses, -1 unknown */
	int fh_score;       /* -1 unknown */
	int fh_edition;
	const char *fh_source;
	bool eu_member;     /* a member state of the EU (TEU art. 52): the partner only
	                       when no country outside the EU is named */
	double hri;         /* V-Dem human rights index; < 0 unknown */
	int vdem_regime;    /* -1 unknown */
	int vdem_year;
	const char *vdem_version;
	const char *vdem_source;
	int treaty[MPR_TREATY_COUNT];
	const char *treaty_source;
	const char *refugee_source;
	mpr_context *context;
	size_t n_context;
	const char *excluded;         /* reason, NULL when not excluded */
	const char *excluded_source;
	double state_authority;       /* % of territory under state authority; < 0 unknown */
	int state_authority_year;
	const char *state_authority_version;
	const char *state_authority_source;
	const char *const *notes;
	size_t n_notes;
	/* computed at load */
	int fh_tier, hri_tier; /* what each index alone gives (unknown: missing_indicator_tier) */
	int base_tier;
	int tier;
	bool restricted_freedoms;
	bool excluded_by_indicator; /* F2: limited presence of a functioning state */
	bool under_review;          /* F2: state authority in the review band: top tier */
	mpr_set context_kinds;      /* kinds of its context factors */
	mpr_step *reasons;
	size_t n_reasons;
} mpr_country;

/* The order of partner risk: an excluded country before any other, then
 * the higher tier. Whether country a is riskier than b (b < 0: none). */
static inline bool mpr_country_riskier(const mpr_country *countries, int a, int b)
{
	if (b < 0)
		return true;
	const mpr_country *x = &countries[a], *y = &countries[b];
	if ((x->excluded != NULL) != (y->excluded != NULL))
		return x->excluded != NULL;
	return x->tier > y->tier;
}

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
