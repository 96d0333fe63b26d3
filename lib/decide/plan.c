/*
 * plan.c - the combined monitoring plan of a result (§4.2.3): the pace the
 * most demanding activity sets, the strictest suspension mechanism, whether
 * an independent body with local access is needed (M1, F5), and what
 * monitoring covers for each activity (M4: the ruleset's monitoring content
 * items that apply to its measure's tags or to the safeguards it requires).
 * A value the text, JSON and HTML renderers print.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "util/array.h"
#include "util/error.h"

static bool item_applies(const mpr_ruleset *rs, const mpr_monitor_item *m, const mpr_decision *d)
{
	if (!m->for_tags && !m->for_safeguards)
		return true;
	return (rs->measures[d->measure].tags & m->for_tags) || (d->required & m->for_safeguards);
}

/* The pace, level and suspension, and the activities that set them. */
static void pace(const mpr_result *r, mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		if (!p->months || d->cell->months < p->months) {
			p->months = d->cell->months;
			p->pace_activity = i;
		}
		if (d->cell->monitoring > p->level)
			p->level = d->cell->monitoring;
		if (i == 0 || d->cell->suspension > p->suspension) {
			p->suspension = d->cell->suspension;
			p->susp_activity = i;
		}
		/* an activity in the top tier needs a body on the ground (M1, F5) */
		if (d->country_tier == (int)rs->n_tiers - 1)
			p->local_needed = true;
	}
}

int mpr_plan_init(mpr_plan *p, const mpr_result *r, mpr_error *err)
{
	const mpr_ruleset *rs = r->rules;
	memset(p, 0, sizeof *p);
	pace(r, p);
	mpr_array(size_t) items = MPR_ARRAY_INIT;
	bool failed = !(p->start = calloc(r->n_activities + 1, sizeof *p->start));
	for (size_t i = 0; !failed && i < r->n_activities; i++) {
		p->start[i] = items.n;
		for (size_t k = 0; !failed && k < rs->n_monitor_items; k++) {
			if (!item_applies(rs, &rs->monitor_items[k], &r->activities[i].d))
				continue;
			size_t *slot = mpr_array_push(items);
			if (slot)
				*slot = k;
			failed = !slot;
		}
	}
	if (failed) {
		mpr_array_free(items);
		mpr_plan_free(p);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory rendering");
	}
	p->start[r->n_activities] = items.n;
	p->items = items.v;
	return MPR_OK;
}

void mpr_plan_free(mpr_plan *p)
{
	free(p->items);
	free(p->start);
	memset(p, 0, sizeof *p);
}
