/*
 * partnership.c - the partnership as a whole (P1-P8, M1-M5): each
 * partnership rule of the ruleset is checked against the proposal's
 * declaration (parties, elements, monitoring) and its activities, and every
 * rule that fires becomes a finding whose severity combines with the
 * activity verdicts.
 */
#include <stdlib.h>

#include "decide/decide.h"
#include "model.h"
#include "util/error.h"

static bool monitoring_condition(const mpr_result *r, int cond)
{
	const mpr_proposal *p = r->proposal;
	bool independent = false, independent_local = false;
	for (size_t i = 0; i < p->n_bodies; i++) {
		independent |= p->bodies[i].independent;
		independent_local |= p->bodies[i].independent && p->bodies[i].local_access;
	}
	switch (cond) {
	case MPR_MON_NONE:
		return !p->has_monitoring;
	case MPR_MON_NO_INDEPENDENT:
		return !independent;
	case MPR_MON_NO_INDEPENDENT_LOCAL:
		return !independent_local;
	case MPR_MON_LESS_FREQUENT:
		/* not stated counts as less frequent: fail towards more monitoring */
		return p->monitoring_months == 0 || p->monitoring_months > r->required_months;
	default:
		return true;
	}
}

static bool fires(const mpr_result *r, const mpr_prule *pr)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	if (pr->lacks_any && (pr->lacks_any & ~p->elements) == 0)
		return false;
	if (pr->bilateral == 1 && p->eu_party)
		return false;
	if (pr->declares && (pr->declares & p->elements) != pr->declares)
		return false;
	if (pr->any_party_excluded == 1 && !p->excluded_party)
		return false;
	/* each "some activity" condition may be met by a different activity;
	 * tags are the decision's: the measure's and those of the risk its
	 * beneficiary carries */
	bool tagged = !pr->any_tagged, tier = !pr->tier_mask, excluded = pr->any_excluded < 0,
	     humanitarian = pr->any_humanitarian < 0;
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		tagged |= (d->tags & pr->any_tagged) != 0;
		tier |= (pr->tier_mask & (1u << d->country_tier)) != 0;
		excluded |= rs->countries[d->country].excluded != NULL;
		humanitarian |= d->humanitarian == (pr->any_humanitarian == 1);
		if (pr->all_tagged && !(d->tags & pr->all_tagged))
			return false;
	}
	if (!tagged || !tier || !excluded || !humanitarian)
		return false;
	if (pr->monitoring && !monitoring_condition(r, pr->monitoring))
		return false;
	return true;
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
	if (!r->findings)
		return mpr_fail(err, MPR_ENOMEM, r->proposal->name, 0, 0, "out of memory");
	for (size_t i = 0; i < rs->n_prules; i++) {
		const mpr_prule *pr = &rs->prules[i];
		if (!fires(r, pr))
			continue;
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
