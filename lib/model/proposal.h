/*
 * model/proposal.h - part of the model (lib/model.h):
 * a proposal (input/proposal.c) and its result (decide/evaluate.c).
 */
#ifndef MPR_MODEL_PROPOSAL_H
#define MPR_MODEL_PROPOSAL_H

#include "model/decision.h"

/* ------------------------------------------------------------------------ */
/* Proposals (lib/input/proposal.c) and results (lib/decide/evaluate.c)      */

/* An activity of a proposal: its id, its substance, the safeguards it
 * declares. */
typedef struct mpr_proposal_activity {
	const char *id;
	mpr_substance s;
	mpr_set safeguards;
	bool evacuation; /* humanitarian support in the country an evacuation hub of the
	                    proposal evacuates people from (input/proposal.c) */
} mpr_proposal_activity;

/* A concrete agreement of the partnership (Samenvatting "Concrete
 * afspraken": who does what, by when, through which projects, and how the
 * result is measured; Rec. 1). What is not said is NULL (target: has_target
 * false); an agreement is complete when it names its owner, its due date,
 * an indicator and a target. */
typedef struct mpr_agreement {
	const char *id, *owner, *what, *due, *indicator, *incentive, *consequence;
	long due_day;   /* due as a day number (util/date.h) */
	double target;  /* the indicator reaches at least this */
	bool has_target;
	bool complete;
	const int *activities; /* the activities (projects) it works through */
	size_t n_activities;
} mpr_agreement;

/* A monitoring body the partnership declares (M1, M2). */
typedef struct mpr_body {
	const char *name;
	bool independent;
	bool local_access;
} mpr_body;

struct mpr_proposal {
	mpr_arena arena;
	const mpr_ruleset *rules;
	/* the partnership declaration (partnership rules) */
	const char *const *parties;
	size_t n_parties;
	bool eu_party;
	bool excluded_party;     /* a party is an excluded country (F2) */
	int partner;             /* the riskiest country among partnership.country and the
	                            parties; -1 none */
	mpr_set elements;
	const char *element_detail[MPR_MAX_SET]; /* what a declared element states, or NULL */
	bool has_monitoring;
	unsigned monitoring_months; /* 0: not stated */
	const mpr_body *bodies;
	size_t n_bodies;
	const mpr_agreement *agreements;
	size_t n_agreements;
	char sha256[72];
	const char *name;
	const char *text; /* the exact input ("" for a proposal built from a tree) */
	size_t text_len;
	const char *id, *title;
	int country;
	mpr_proposal_activity *activities;
	size_t n_activities;
};

#endif
