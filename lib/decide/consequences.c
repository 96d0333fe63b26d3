/*
 * consequences.c - what follows from monitoring (§4.2.3: "er worden
 * consequenties verbonden aan de observaties"): steps 5 and 6 of
 * mpr_monitor (monitor.c), once the rounds that count, the open findings
 * and the agreements are known. Every consequence of the ruleset, in its
 * order, for each activity and then for the partnership, at most one item
 * per rule and activity with the observations that fired it and the
 * earliest due date; the items in order of urgency (the stricter action,
 * then the earlier due date); the statuses, from the strictest action.
 */
#include <limits.h>
#include <stdlib.h>

#include "decide/decide.h"
#include "util/array.h"
#include "util/date.h"
#include "util/error.h"

/* What computing the status builds up before handing it over. */
typedef struct builder {
	mpr_monitoring *m;
	mpr_array(mpr_mon_item) items;
	mpr_array(size_t) ev;
	bool failed;
} builder;

static int oom(mpr_error *err)
{
	return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
}

/* ---- 5. consequences ----------------------------------------------------- */

/* Whether observation x of its activity meets q's conditions; *trigger the
 * day the consequence counts from. */
static bool matches(const mpr_monitoring *m, const mpr_consequence *q, const mpr_mon_obs *x,
                    long *trigger)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_observation *o = &x->o;
	const mpr_decision *d = &m->result->activities[o->activity].d;
	if ((q->kind_floor == 1 && !rs->violation_kinds[o->kind].floor) ||
	    (q->kinds && !(q->kinds & ((mpr_set)1 << o->kind))) ||
	    (q->severities && !(q->severities & (1u << o->severity))) ||
	    (q->suspensions && !(q->suspensions & (1u << d->cell->suspension))) ||
	    (q->statuses && !(q->statuses & (1u << o->status))) ||
	    (q->tier_mask && !(q->tier_mask & (1u << d->country_tier))) ||
	    (q->follow_up == MPR_FU_OVERDUE && !x->overdue) ||
	    (q->follow_up == MPR_FU_NONE && o->has_follow_up))
		return false;
	*trigger = q->follow_up == MPR_FU_OVERDUE ? o->due_day : x->day;
	return true;
}

static void push(builder *B, const mpr_consequence *q, int activity, bool has_due, long due,
                 size_t first_ev, int round, int agreement)
{
	mpr_mon_item *it = mpr_array_push(B->items);
	if (!it) {
		B->failed = true;
		return;
	}
	*it = (mpr_mon_item){q, activity, has_due, due, "", first_ev, B->ev.n - first_ev, round,
	                     agreement};
	if (has_due)
		mpr_date_format(due, it->due_text);
}

/* The observations of activity a (every activity when a < 0) that fire q. */
static void on_observations(builder *B, const mpr_consequence *q, int a)
{
	const mpr_monitoring *m = B->m;
	size_t first = B->ev.n;
	long due = LONG_MAX, trigger;
	const mpr_mon_activity *ma = a >= 0 ? &m->activities[a] : NULL;
	size_t n = ma ? ma->n_obs : m->n_obs;
	for (size_t i = 0; i < n; i++) {
		size_t k = ma ? m->act_obs[ma->first_obs + i] : i;
		if (!matches(m, q, &m->obs[k], &trigger))
			continue;
		size_t *e = mpr_array_push(B->ev);
		if (!e) {
			B->failed = true;
			return;
		}
		*e = k;
		if (trigger + (long)q->due_days < due)
			due = trigger + (long)q->due_days;
	}
	if (B->ev.n > first)
		push(B, q, a, true, due, first, -1, -1);
}

/* The rounds since the last one that counts, when none of them counted. */
static void not_counted(builder *B, const mpr_consequence *q, size_t a)
{
	const mpr_monitoring *m = B->m;
	const mpr_decision *d = &m->result->activities[a].d;
	int latest = -1;
	const mpr_mon_activity *ma = &m->activities[a];
	for (size_t j = 0; j < ma->n_rounds; j++) {
		size_t k = m->act_rounds[ma->first_round + j];
		if ((int)k > ma->last_round && !mpr_round_counts(m->rules, &m->rounds[k].r, d))
			latest = (int)k;
	}
	if (latest >= 0)
		push(B, q, (int)a, true, m->rounds[latest].r.day + (long)q->due_days, B->ev.n, latest, -1);
}

static void activity_consequence(builder *B, const mpr_consequence *q, size_t a)
{
	const mpr_monitoring *m = B->m;
	switch (q->trigger) {
	case MPR_ON_OBSERVATION:
		on_observations(B, q, (int)a);
		break;
	case MPR_ON_ROUND_OVERDUE:
		if (m->as_of > m->activities[a].next_due)
			push(B, q, (int)a, true, m->activities[a].next_due + (long)q->due_days, B->ev.n, -1,
			     -1);
		break;
	case MPR_ON_ROUND_NOT_COUNTED:
		not_counted(B, q, a);
		break;
	default: /* the partnership's */
		break;
	}
}

static void partnership_consequence(builder *B, const mpr_consequence *q)
{
	const mpr_monitoring *m = B->m;
	const mpr_proposal *p = m->proposal;
	switch (q->trigger) {
	case MPR_ON_OBSERVATION:
		on_observations(B, q, -1);
		break;
	case MPR_ON_NO_LONGER_PASSES:
		if (!m->result->passes)
			push(B, q, -1, true, m->as_of + (long)q->due_days, B->ev.n, -1, -1);
		break;
	case MPR_ON_AGREEMENT_BEHIND:
		for (size_t g = 0; g < p->n_agreements; g++)
			if (m->agreements[g].status == MPR_AGR_BEHIND)
				push(B, q, -1, true, p->agreements[g].due_day + (long)q->due_days, B->ev.n, -1,
				     (int)g);
		break;
	default: /* an activity's */
		break;
	}
}

/* ---- 6. statuses ----------------------------------------------------------- */

static int activity_status(int action)
{
	switch (action) {
	case MPR_ACTION_STOP:
	case MPR_ACTION_SCALE_DOWN_OR_STOP:
		return MPR_MS_STOP;
	case MPR_ACTION_REASSESS:
	case MPR_ACTION_SUSPENSION_DECISION:
	case MPR_ACTION_APPLY_CRITERIA:
		return MPR_MS_SUSPENSION;
	default:
		return MPR_MS_OVERDUE;
	}
}

void mpr_monitor_statuses(mpr_monitoring *m)
{
	m->status = m->n_items ? MPR_PS_ACTION_REQUIRED : MPR_PS_ON_TRACK;
	for (size_t i = 0; i < m->n_items; i++) {
		const mpr_mon_item *it = &m->items[i];
		int action = it->rule->action;
		if (it->activity >= 0) {
			mpr_mon_activity *a = &m->activities[it->activity];
			int s = activity_status(action);
			if (s > a->status)
				a->status = s;
			if (s == MPR_MS_STOP)
				m->status = MPR_PS_STOP;
		} else if (action >= MPR_ACTION_SCALE_DOWN_OR_STOP) {
			m->status = MPR_PS_STOP;
		}
	}
}

/* Whether item x is to be acted on before y: the stricter action, then
 * the earlier due date (an item without one last). */
static bool before(const mpr_mon_item *x, const mpr_mon_item *y)
{
	if (x->rule->action != y->rule->action)
		return x->rule->action > y->rule->action;
	if (x->has_due != y->has_due)
		return x->has_due;
	return x->has_due && x->due < y->due;
}

/* qsort's comparison of two item indices by urgency; the index breaks
 * ties, so the order is stable. The items are those of the monitoring the
 * indices are of, handed over in the first element of each array: qsort
 * has no context argument, so urgency() sorts pairs. */
typedef struct ranked {
	const mpr_mon_item *it;
	size_t i;
} ranked;

static int cmp_urgency(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (before(x->it, y->it))
		return -1;
	if (before(y->it, x->it))
		return 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int urgency(mpr_monitoring *m, mpr_error *err)
{
	m->urgent = calloc(m->n_items + 1, sizeof *m->urgent);
	ranked *r = calloc(m->n_items + 1, sizeof *r);
	if (!m->urgent || !r) {
		free(r);
		return oom(err);
	}
	for (size_t i = 0; i < m->n_items; i++)
		r[i] = (ranked){&m->items[i], i};
	qsort(r, m->n_items, sizeof *r, cmp_urgency);
	for (size_t i = 0; i < m->n_items; i++)
		m->urgent[i] = r[i].i;
	free(r);
	return MPR_OK;
}

/* Every consequence, activities first, then the partnership; each
 * activity's open findings. */
static int items(mpr_monitoring *m, mpr_error *err)
{
	const mpr_ruleset *rs = m->rules;
	builder B = {m, MPR_ARRAY_INIT, MPR_ARRAY_INIT, false};
	size_t n_act = m->proposal->n_activities;
	for (size_t a = 0; a < n_act && !B.failed; a++) {
		m->activities[a].first_item = B.items.n;
		for (size_t q = 0; q < rs->n_consequences; q++)
			if (rs->consequences[q].scope == MPR_SCOPE_ACTIVITY)
				activity_consequence(&B, &rs->consequences[q], a);
		m->activities[a].n_items = B.items.n - m->activities[a].first_item;
	}
	m->first_partnership = B.items.n;
	for (size_t q = 0; q < rs->n_consequences && !B.failed; q++)
		if (rs->consequences[q].scope == MPR_SCOPE_PARTNERSHIP)
			partnership_consequence(&B, &rs->consequences[q]);
	m->items = B.items.v;
	m->n_items = B.items.n;
	m->ev = B.ev.v;
	if (B.failed)
		return oom(err);
	/* open findings, per activity in the order of their rounds */
	m->open = calloc(m->n_obs + 1, sizeof *m->open);
	if (!m->open)
		return oom(err);
	size_t n_open = 0;
	for (size_t a = 0; a < n_act; a++) {
		mpr_mon_activity *ma = &m->activities[a];
		ma->first_open = n_open;
		for (size_t i = 0; i < ma->n_obs; i++) {
			size_t k = m->act_obs[ma->first_obs + i];
			if (m->obs[k].open)
				m->open[n_open++] = k;
		}
		ma->n_open = n_open - ma->first_open;
	}
	return MPR_OK;
}

int mpr_monitor_consequences(mpr_monitoring *m, mpr_error *err)
{
	int rc = items(m, err);
	return rc == MPR_OK ? urgency(m, err) : rc;
}
