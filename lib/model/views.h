/*
 * model/views.h - part of the model (lib/model.h):
 * the values the decide stage computes for the renderers.
 */
#ifndef MPR_MODEL_VIEWS_H
#define MPR_MODEL_VIEWS_H

#include "model/monitoring.h"

/* ------------------------------------------------------------------------ */
/* Values the decide stage computes for the renderers (lib/decide/)          */

/* The best decision of a country x measure: the one an activity gets when
 * it declares exactly the safeguards it is required to (no attribute, no
 * beneficiary declared), as the matrix and the heatmap show it. */
typedef struct mpr_best {
	mpr_verdict verdict;
	const mpr_cell *cell; /* its monitoring and suspension */
	mpr_set required;
	mpr_step decided;     /* the rule that decides it: the first floor rule that fired
	                         (prohibited), else the matrix cell */
	int beneficiary;      /* the civilian recipient it is decided for (a measure
	                         without a default that moves no one); -1 none */
} mpr_best;

/* Every best decision of a ruleset (grid.c), computed once per view. */
typedef struct mpr_grid {
	const mpr_ruleset *rules;
	mpr_best *best; /* best[c * rules->n_measures + m] */
	int *by_tier;   /* every country, by tier (lowest first), then by code */
} mpr_grid;

static inline const mpr_best *mpr_grid_at(const mpr_grid *g, size_t country, size_t measure)
{
	return &g->best[country * g->rules->n_measures + measure];
}

/* What declaring one more field would make of an explained decision
 * (alternatives.c): the field, what the activity would then declare, and the
 * decision's verdict, measure tier and country then. Only alternatives that
 * change the verdict or the measure tier are kept. */
enum { MPR_ALT_NATIONALS_ONLY, MPR_ALT_BENEFICIARY, MPR_ALT_IMPLEMENTER, MPR_ALT_EVACUATION };

typedef struct mpr_alternative {
	int field;                    /* MPR_ALT_* */
	int beneficiary, implementer; /* declared in the alternative; -1 none */
	bool nationals_only;
	int evacuated_from;           /* -1 none */
	mpr_verdict verdict;
	int measure_tier;
	int country;                  /* the country it is decided for */
} mpr_alternative;

/* What `mprisk explain` shows (query.c): a country and, when a measure is
 * asked for, the activity a query describes (activity: its country, measure,
 * attributes, beneficiary, implementer, nationals_only, evacuated_from), its
 * best decision with every step of the trace, and what declaring one more
 * field would make of it (the trace and alternatives arrays are the
 * explanation's, freed by mpr_explanation_free). */
typedef struct mpr_explanation {
	const mpr_country *country;
	bool decided; /* a measure was asked for: decision holds its best decision */
	mpr_substance activity;
	mpr_decision decision;
	mpr_alternative *alternatives;
	size_t n_alternatives;
} mpr_explanation;

/* One change that would make an activity or a finding pass (its kinds
 * are declared with the ruleset, which keeps the JSON of those that depend
 * only on the rules). */

typedef struct mpr_remedy {
	int kind;        /* MPR_REMEDY_* */
	int index;       /* safeguard, attribute, element, tier or agreement index; -1 none */
	unsigned months; /* for SET_FREQUENCY */
} mpr_remedy;

/* What would change the verdict of a result (remedies.c): the remedies of
 * activity i are v[activity[i] .. activity[i + 1]) (none when it passes),
 * those of finding f v[finding[f] .. finding[f + 1]). */
typedef struct mpr_remedies {
	mpr_remedy *v;
	size_t *activity; /* n_activities + 1 offsets */
	size_t *finding;  /* n_findings + 1 offsets */
} mpr_remedies;

/* The remedies v[offset[i] .. offset[i + 1]): *n of them, NULL when none
 * (v itself is NULL when no activity and no finding has one). */
static inline const mpr_remedy *mpr_remedies_span(const mpr_remedies *m, const size_t *offset,
                                                  size_t i, size_t *n)
{
	*n = offset[i + 1] - offset[i];
	return *n ? m->v + offset[i] : NULL;
}

/* The first reason a result does not pass (reasons.c): one activity or one
 * finding (the other -1; both -1 when the result passes). */
typedef struct mpr_first_reason {
	int activity, finding;
} mpr_first_reason;

/* The combined monitoring plan of a result (plan.c, §4.2.3): the pace the
 * most demanding activity sets, the strictest suspension, whether a body
 * with local access is needed, and what is monitored per activity: the
 * monitoring items of activity i are items[start[i] .. start[i + 1]),
 * indices into rules->monitor_items. */
typedef struct mpr_plan {
	size_t pace_activity; /* the activity that sets the pace */
	unsigned months;
	int level, suspension;
	size_t susp_activity;
	bool local_needed;
	size_t *items;
	size_t *start; /* n_activities + 1 offsets */
} mpr_plan;

#endif
