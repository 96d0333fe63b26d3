/*
 * model/decision.h - part of the model (lib/model.h):
 * a decision: what an activity is as the rules judge it, and its verdict.
 */
#ifndef MPR_MODEL_DECISION_H
#define MPR_MODEL_DECISION_H

#include "model/ruleset.h"

/* ------------------------------------------------------------------------ */
/* Decisions (lib/decide/)                                                   */

/* What recorded experience says of a measure type in a country (R9,
 * decide/experience.c): the attributes it gives the measure there and the
 * trace steps that cite the observations, built before deciding. */
typedef struct mpr_experienced {
	int country, measure;
	mpr_set attributes;
	const mpr_step *steps;
	size_t n_steps;
	const char *const *ids; /* the observations the steps cite (the last step may
	                           count the others instead) */
	size_t n_ids;
} mpr_experienced;

/* What an activity is, as the rules judge it: its substance, not only the
 * measure it is filed under. */
typedef struct mpr_substance {
	int country, measure;
	int beneficiary;     /* declared beneficiary; -1: not declared */
	bool nationals_only; /* declared: returns only the country's own nationals */
	mpr_set attributes;
	int evacuated_from;  /* evacuation measures: the country where the people are
	                        when they are evacuated; -1 not said */
	bool evacuation_shown; /* the proposal carries the evacuation itself: humanitarian
	                          support in evacuated_from (input/proposal.c); never for an
	                          activity decided alone */
	int partner;         /* the partner country: the riskiest named outside the EU,
	                        else the riskiest EU member state named; -1 none.
	                        Support to a security force and a return or transfer
	                        are decided there (decide.c, §4.1.4, F2, F3) */
	int implementer;     /* who carries it out (an implementer); -1 not declared */
	const mpr_experienced *experience; /* R9: what experience says of its measure in its
	                                      country; NULL none */
} mpr_substance;

/* A substance with nothing declared beyond its country, measure and
 * attributes, outside any partnership. */
static inline mpr_substance mpr_substance_of(int country, int measure, mpr_set attributes)
{
	mpr_substance s = {country, measure, -1, false, attributes, -1, false, -1, -1, NULL};
	return s;
}

/* One decision: the unit of evaluation. The trace array is caller-provided
 * (capacity rules->max_trace) so that deciding never allocates. */
typedef struct mpr_decision {
	int country, measure;
	int beneficiary;   /* declared, else the measure's default, else the one assumed
	                      when undeclared; -1 none */
	int implementer;   /* declared; -1 none */
	bool humanitarian; /* humanitarian support delivered to migrants (F2) */
	bool transfers;    /* moves third-country nationals to the country (F3) */
	bool security_force; /* the support goes to a security force */
	bool moves_people;   /* the measure moves people (returns, transfers, hubs) */
	mpr_set tags;      /* the measure's tags and those of the risk it carries */
	int country_tier, measure_tier;
	mpr_verdict verdict;
	const mpr_cell *cell;
	mpr_set required, missing;
	mpr_step *trace;
	size_t n_trace;
} mpr_decision;


/* A verdict's name as the rule files, the rule tests and every output write
 * it ("permitted", "conditional", "no-go", "prohibited"); the public
 * mpr_verdict_name gives the same. */
static inline const char *mpr_verdict_word(mpr_verdict v)
{
	static const char *const names[] = {"permitted", "conditional", "no-go", "prohibited"};
	return (unsigned)v <= MPR_PROHIBITED ? names[v] : "?";
}

/* Whether a decision lets the activity go ahead: permitted or conditional,
 * with every required safeguard declared. */
static inline int mpr_decision_passes(const mpr_decision *d)
{
	return d->verdict <= MPR_CONDITIONAL && d->missing == 0;
}

#endif
