/*
 * reasons.c - why a decision or a result does not pass, as a value: the one
 * step of a decision's trace that decides it (the floor rule that fired, the
 * no-go cell, the first required safeguard not declared) and the first
 * reason of a whole proposal (its worst activity or finding). The short
 * answers print it (`evaluate --brief`, the report's summary); they never
 * look for it themselves.
 */
#include "decide/decide.h"

static bool is_floor_rule(const mpr_ruleset *rs, const char *rule)
{
	for (size_t i = 0; i < rs->n_floor; i++)
		if (rs->floor[i].id == rule)
			return true;
	return false;
}

const mpr_step *mpr_deciding_step(const mpr_ruleset *rs, const mpr_decision *d)
{
	for (size_t i = 0; d->trace && i < d->n_trace; i++) {
		const mpr_step *s = &d->trace[i];
		if (d->verdict == MPR_PROHIBITED ? is_floor_rule(rs, s->rule)
		                                 : d->cell && s->rule == d->cell->id)
			return s;
	}
	return NULL;
}

const mpr_step *mpr_decisive_step(const mpr_ruleset *rs, const mpr_decision *d)
{
	if (mpr_decision_passes(d) || !d->trace)
		return NULL;
	if (d->verdict >= MPR_NO_GO)
		return mpr_deciding_step(rs, d);
	for (size_t i = 0; i < d->n_trace; i++)
		if (d->trace[i].effect == rs->effect_missing)
			return &d->trace[i];
	return NULL;
}

/* Activities first, then findings: the first with the result's verdict
 * decides; when the verdict itself would let it pass (permitted or
 * conditional), the first activity with a safeguard missing, else the first
 * finding. */
mpr_first_reason mpr_result_first_reason(const mpr_result *r)
{
	mpr_first_reason f = {-1, -1};
	if (r->passes)
		return f;
	for (size_t i = 0; i < r->n_activities; i++)
		if (r->activities[i].d.verdict == r->verdict && !mpr_decision_passes(&r->activities[i].d)) {
			f.activity = (int)i;
			return f;
		}
	for (size_t k = 0; k < r->n_findings; k++)
		if (r->findings[k]->severity == r->verdict) {
			f.finding = (int)k;
			return f;
		}
	for (size_t i = 0; i < r->n_activities; i++)
		if (!mpr_decision_passes(&r->activities[i].d)) {
			f.activity = (int)i;
			return f;
		}
	if (r->n_findings)
		f.finding = 0;
	return f;
}
