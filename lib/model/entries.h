/*
 * model/entries.h - part of the model (lib/model.h):
 * the rule entries the ruleset holds: sets, steps, safeguards, measures,
 * beneficiaries, floor and partnership rules, countries.
 */
#ifndef MPR_MODEL_ENTRIES_H
#define MPR_MODEL_ENTRIES_H

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

#endif
