/*
 * partnership.c - the partnership as a whole (P1-P8, M1-M5): each
 * partnership rule of the ruleset is checked against the proposal's
 * declaration (parties, elements, monitoring, concrete agreements) and its
 * activities, and every
 * rule that fires becomes a finding whose severity combines with the
 * activity verdicts.
 */
#include <stdlib.h>

#include "decide/decide.h"
#include "model.h"
#include "util/error.h"

static bool monitoring_condition(const mpr_pdecl *p, int cond, unsigned required_months)
{
	switch (cond) {
	case MPR_MON_NONE:
		return !p->has_monitoring;
	case MPR_MON_NO_INDEPENDENT:
		return !p->independent;
	case MPR_MON_NO_INDEPENDENT_LOCAL:
		return !p->independent_local;
	case MPR_MON_LESS_FREQUENT:
		/* not stated counts as less frequent: fail towards more monitoring */
		return p->months == 0 || p->months > required_months;
	default:
		return true;
	}
}

mpr_pact mpr_pact_of(const mpr_ruleset *rs, const mpr_decision *d)
{
	mpr_pact a = {d->tags, d->country_tier, rs->countries[d->country].excluded != NULL,
	              d->humanitarian, d->cell->months, false};
	return a;
}

bool mpr_prule_lifted(const mpr_prule *pr, const mpr_pdecl *p, size_t n,
                      mpr_pact (*act)(const void *ctx, size_t i), const void *ctx)
{
	if (!pr->lift_declares || (pr->lift_declares & p->elements) != pr->lift_declares)
		return false;
	for (size_t i = 0; pr->lift_evacuations_only == 1 && i < n; i++) {
		mpr_pact a = act(ctx, i);
		if (a.excluded && !a.evacuation)
			return false;
	}
	return true;
}

bool mpr_prule_fires(const mpr_prule *pr, const mpr_pdecl *p, size_t n,
                     mpr_pact (*act)(const void *ctx, size_t i), const void *ctx)
{
	if (pr->lacks_any && (pr->lacks_any & ~p->elements) == 0)
		return false;
	if (pr->bilateral == 1 && p->eu_party)
		return false;
	if (pr->declares && (pr->declares & p->elements) != pr->declares)
		return false;
	if (pr->any_party_excluded == 1 && !p->excluded_party)
		return false;
	if (pr->agreements != MPR_AGREEMENTS_ANY && pr->agreements != p->agreements)
		return false;
	/* each "some activity" condition may be met by a different activity;
	 * tags are the decision's: the measure's and those of the risk its
	 * beneficiary carries */
	bool tagged = !pr->any_tagged, tier = !pr->tier_mask, excluded = pr->any_excluded < 0,
	     humanitarian = pr->any_humanitarian < 0;
	unsigned required = 0; /* the most demanding activity's frequency */
	for (size_t i = 0; i < n; i++) {
		mpr_pact a = act(ctx, i);
		tagged |= (a.tags & pr->any_tagged) != 0;
		tier |= (pr->tier_mask & (1u << a.country_tier)) != 0;
		excluded |= a.excluded;
		humanitarian |= a.humanitarian == (pr->any_humanitarian == 1);
		if (pr->all_tagged && !(a.tags & pr->all_tagged))
			return false;
		if (!required || a.months < required)
			required = a.months;
	}
	if (!tagged || !tier || !excluded || !humanitarian)
		return false;
	if (pr->monitoring && !monitoring_condition(p, pr->monitoring, required))
		return false;
	return true;
}

/* The i-th activity of a result, as partnership rules read it: what it is
 * in the proposal besides its decision (the evacuation a hub names). */
static mpr_pact result_act(const void *ctx, size_t i)
{
	const mpr_result *r = ctx;
	mpr_pact a = mpr_pact_of(r->rules, &r->activities[i].d);
	a.evacuation = r->proposal->activities[i].evacuation && a.humanitarian;
	return a;
}

int mpr_partnership_findings(mpr_result *r, mpr_error *err)
{
	const mpr_ruleset *rs = r->rules;
	r->required_months = 0;
	for (size_t i = 0; i < r->n_activities; i++) {
		unsigned m = r->activities[i].d.cell->months;
		if (!r->required_months || m < r->required_months)
			r->required_months = m;
	}
	r->findings = calloc(rs->n_prules ? rs->n_prules : 1, sizeof *r->findings);
	r->lifted = calloc(rs->n_prules ? rs->n_prules : 1, sizeof *r->lifted);
	if (!r->findings || !r->lifted)
		return mpr_fail(err, MPR_ENOMEM, r->proposal->name, 0, 0, "out of memory");
	const mpr_proposal *p = r->proposal;
	mpr_pdecl decl = {p->elements, p->eu_party, p->excluded_party, p->has_monitoring, false, false,
	                  p->monitoring_months, MPR_AGREEMENTS_ANY};
	for (size_t i = 0; i < p->n_bodies; i++) {
		decl.independent |= p->bodies[i].independent;
		decl.independent_local |= p->bodies[i].independent && p->bodies[i].local_access;
	}
	if (!p->n_agreements)
		decl.agreements = MPR_AGREEMENTS_NONE;
	for (size_t i = 0; i < p->n_agreements; i++)
		if (!p->agreements[i].complete)
			decl.agreements = MPR_AGREEMENTS_INCOMPLETE;
	for (size_t i = 0; i < rs->n_prules; i++) {
		const mpr_prule *pr = &rs->prules[i];
		if (!mpr_prule_fires(pr, &decl, r->n_activities, result_act, r))
			continue;
		if (mpr_prule_lifted(pr, &decl, r->n_activities, result_act, r)) {
			r->lifted[r->n_lifted++] = pr;
			continue;
		}
		r->findings[r->n_findings++] = pr;
		if (pr->severity > r->verdict)
			r->verdict = pr->severity;
		r->passes = 0;
	}
	return MPR_OK;
}

size_t mpr_result_finding_count(const mpr_result *r)
{
	return r ? r->n_findings : 0;
}

const char *mpr_result_finding(const mpr_result *r, size_t i, const char **source,
                               const char **message, mpr_verdict *severity)
{
	if (!r || i >= r->n_findings)
		return NULL;
	const mpr_prule *pr = r->findings[i];
	if (source)
		*source = pr->source;
	if (message)
		*message = pr->message;
	if (severity)
		*severity = pr->severity;
	return pr->id;
}
