/*
 * monitor.c - the monitoring status of a partnership as of a date
 * (mpr_monitor): "Ook betekent dit dat er consequenties worden verbonden
 * aan de observaties die voortkomen uit de monitoring" (§4.2.3).
 *
 * A value, computed apart from printing (render/monitor_*.c print it):
 *   1. the proposal is decided again under the current rules (R5), which
 *      gives each activity its frequency, suspension and requirements;
 *   2. the rounds of every file, on or before the date, in date order; the
 *      observations and results they recorded;
 *   3. per activity: the last round that counts (M1, F5: a body that is
 *      independent and has local access where the activity needs that),
 *      the next round due (M3: its frequency after that round, or after
 *      the start; end of month clamped), its open findings;
 *   4. where each concrete agreement stands (Rec. 1);
 *   5. every consequence of the ruleset, in its order, for each activity
 *      and for the partnership: at most one item per rule and activity,
 *      with the observations that fired it and the earliest due date;
 *   6. the statuses, from the strictest action;
 *   7. R9: the experience these observations give new proposals
 *      (experience.c), to be applied with mpr_evaluate_experience.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- 2. the rounds, observations and results taken into account ------- */

static int cmp_round(const void *a, const void *b)
{
	const mpr_mon_round *x = a, *y = b;
	if (x->r.day != y->r.day)
		return x->r.day < y->r.day ? -1 : 1;
	/* the same day: in the order of the files, then of each file */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int gather(mpr_monitoring *m, const mpr_observations *const *files, size_t n,
                  mpr_error *err)
{
	size_t rounds = 0, obs = 0, res = 0;
	for (size_t f = 0; f < n; f++) {
		rounds += files[f]->n_rounds;
		obs += files[f]->n_obs;
		res += files[f]->n_results;
	}
	m->files = calloc(n, sizeof *m->files);
	if (!m->files)
		return oom(err);
	memcpy(m->files, files, n * sizeof *files);
	m->n_files = n;
	m->rounds = calloc(rounds + 1, sizeof *m->rounds);
	m->obs = calloc(obs + 1, sizeof *m->obs);
	m->results = calloc(res + 1, sizeof *m->results);
	if (!m->rounds || !m->obs || !m->results)
		return oom(err);
	/* a stable order by date: seq breaks ties (qsort is not stable) */
	for (size_t f = 0; f < n; f++)
		for (size_t i = 0; i < files[f]->n_rounds; i++) {
			const mpr_round *r = &files[f]->rounds[i];
			if (r->day > m->as_of) {
				m->n_later++;
			} else {
				size_t seq = m->n_rounds++;
				m->rounds[seq] = (mpr_mon_round){files[f], i, seq, *r};
			}
		}
	qsort(m->rounds, m->n_rounds, sizeof *m->rounds, cmp_round);
	for (size_t k = 0; k < m->n_rounds; k++) {
		const mpr_observations *file = m->rounds[k].file;
		size_t ri = m->rounds[k].index;
		const mpr_round *r = &file->rounds[ri];
		for (size_t i = 0; i < file->n_obs; i++) {
			const mpr_observation *o = &file->obs[i];
			if (o->round != ri)
				continue;
			bool open = o->status != MPR_FOLLOW_VERIFIED;
			m->obs[m->n_obs++] = (mpr_mon_obs){*o, r, r->day, open,
			                                   open && o->has_follow_up && m->as_of > o->due_day};
		}
		for (size_t i = 0; i < file->n_results; i++)
			if (file->results[i].round == ri)
				m->results[m->n_results++] = (mpr_mon_result){file->results[i], r};
	}
	return MPR_OK;
}

/* An observation id given twice across the files: an error at the second
 * (each file's own are unique: observations.c). Sorted by id, then file
 * order, so that the check is n log n. */
typedef struct obs_ref {
	const mpr_observation *o;
	size_t file;
} obs_ref;

static int cmp_obs_ref(const void *a, const void *b)
{
	const obs_ref *x = a, *y = b;
	int c = strcmp(x->o->id, y->o->id);
	if (c)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->o < y->o ? -1 : x->o > y->o;
}

static int unique_ids(const mpr_observations *const *files, size_t n, mpr_error *err)
{
	size_t total = 0;
	for (size_t f = 0; f < n; f++)
		total += files[f]->n_obs;
	if (n < 2 || total < 2)
		return MPR_OK;
	obs_ref *v = calloc(total, sizeof *v);
	if (!v)
		return oom(err);
	size_t k = 0;
	for (size_t f = 0; f < n; f++)
		for (size_t i = 0; i < files[f]->n_obs; i++)
			v[k++] = (obs_ref){&files[f]->obs[i], f};
	qsort(v, total, sizeof *v, cmp_obs_ref);
	/* the duplicate to report: of each run of one id, its second occurrence;
	 * of those, the one a reader meets first, in file order */
	const obs_ref *dup = NULL, *first = NULL;
	for (size_t s = 0, e; s < total; s = e) {
		for (e = s + 1; e < total && strcmp(v[e].o->id, v[s].o->id) == 0; e++)
			;
		const obs_ref *second = e - s > 1 ? &v[s + 1] : NULL;
		if (second && (!dup || second->file < dup->file ||
		               (second->file == dup->file && second->o < dup->o))) {
			dup = second;
			first = &v[s];
		}
	}
	int rc = MPR_OK;
	if (dup)
		rc = mpr_fail(err, MPR_EREF, dup->o->id_at.file, dup->o->id_at.line, dup->o->id_at.column,
		              "duplicate observation id '%s' (first in %s at line %u)", dup->o->id,
		              first->o->at.file, first->o->at.line);
	free(v);
	return rc;
}

/* ---- 3. each activity's rounds ------------------------------------------ */

/* Per activity, the rounds that covered it and its observations, each in
 * date order: one counting pass, so that the work per activity is its own
 * rounds and observations, not all of them (a file may hold thousands). */
static int index_activities(mpr_monitoring *m, mpr_error *err)
{
	size_t n_act = m->proposal->n_activities, pairs = 0;
	for (size_t k = 0; k < m->n_rounds; k++)
		pairs += m->rounds[k].r.n_activities;
	m->act_rounds = calloc(pairs + 1, sizeof *m->act_rounds);
	m->act_obs = calloc(m->n_obs + 1, sizeof *m->act_obs);
	if (!m->act_rounds || !m->act_obs)
		return oom(err);
	for (size_t k = 0; k < m->n_rounds; k++)
		for (size_t j = 0; j < m->rounds[k].r.n_activities; j++)
			m->activities[m->rounds[k].r.activities[j]].n_rounds++;
	for (size_t k = 0; k < m->n_obs; k++)
		m->activities[m->obs[k].o.activity].n_obs++;
	size_t r = 0, o = 0;
	for (size_t a = 0; a < n_act; a++) {
		m->activities[a].first_round = r;
		m->activities[a].first_obs = o;
		r += m->activities[a].n_rounds;
		o += m->activities[a].n_obs;
		m->activities[a].n_rounds = m->activities[a].n_obs = 0; /* filled again below */
	}
	for (size_t k = 0; k < m->n_rounds; k++)
		for (size_t j = 0; j < m->rounds[k].r.n_activities; j++) {
			mpr_mon_activity *ma = &m->activities[m->rounds[k].r.activities[j]];
			m->act_rounds[ma->first_round + ma->n_rounds++] = k;
		}
	for (size_t k = 0; k < m->n_obs; k++) {
		mpr_mon_activity *ma = &m->activities[m->obs[k].o.activity];
		m->act_obs[ma->first_obs + ma->n_obs++] = k;
	}
	return MPR_OK;
}

static bool needs(const mpr_body_rule *rule, const mpr_decision *d)
{
	return (rule->safeguards & d->required) || (rule->tier_mask & (1u << d->country_tier));
}

/* Whether round r counts for the activity decided d (M1, F5). */
static bool counts(const mpr_ruleset *rs, const mpr_round *r, const mpr_decision *d)
{
	return (r->body.independent || !needs(&rs->mon.independent, d)) &&
	       (r->body.local_access || !needs(&rs->mon.local_access, d));
}

static void activity_rounds(mpr_monitoring *m, const mpr_observations *first, size_t a)
{
	const mpr_decision *d = &m->result->activities[a].d;
	mpr_mon_activity *ma = &m->activities[a];
	ma->last_round = -1;
	for (size_t j = 0; j < ma->n_rounds; j++) {
		size_t k = m->act_rounds[ma->first_round + j];
		if (counts(m->rules, &m->rounds[k].r, d))
			ma->last_round = (int)k;
	}
	/* the earliest start of the files: the activities began then */
	long from = first->start_day;
	if (ma->last_round >= 0)
		from = m->rounds[ma->last_round].r.day;
	ma->next_due = mpr_date_add_months(from, d->cell->months);
}

/* ---- 4. the concrete agreements ------------------------------------------ */

static void agreements(mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	for (size_t g = 0; g < p->n_agreements; g++) {
		const mpr_agreement *ag = &p->agreements[g];
		mpr_mon_agreement *s = &m->agreements[g];
		s->latest = -1;
		for (size_t k = 0; k < m->n_results; k++)
			if (m->results[k].m.agreement == (int)g)
				s->latest = (int)k; /* results are in date order: the last is the latest */
		bool met = s->latest >= 0 && ag->has_target &&
		           m->results[s->latest].m.value >= ag->target;
		if (met)
			s->status = MPR_AGR_MET;
		else if (!ag->due || !ag->has_target)
			s->status = MPR_AGR_INCOMPLETE; /* nothing to be behind on */
		else
			s->status = m->as_of > ag->due_day ? MPR_AGR_BEHIND : MPR_AGR_ON_SCHEDULE;
	}
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
		if ((int)k > ma->last_round && !counts(m->rules, &m->rounds[k].r, d))
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

static void statuses(mpr_monitoring *m)
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
static int consequences(mpr_monitoring *m, mpr_error *err)
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

/* ---- the entry point --------------------------------------------------------- */

static int check_args(mpr_monitoring **out, const mpr_ruleset *rs, const mpr_proposal *p,
                      const mpr_observations *const *files, size_t n, const char *as_of,
                      long *day, mpr_error *err)
{
	if (!out || !rs || !p || (n && !files) || !as_of)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_monitor: invalid arguments");
	if (p->rules != rs)
		return mpr_fail(err, MPR_EINVAL, p->name, 0, 0,
		                "the proposal was parsed against another ruleset");
	if (!rs->mon.defined)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "the ruleset has no monitoring_parameters: it cannot say which rounds "
		                "count (docs/rules-format.md)");
	if (!n)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_monitor: no observations");
	for (size_t f = 0; f < n; f++)
		if (!files[f] || files[f]->proposal != p)
			return mpr_fail(err, MPR_EINVAL, files[f] ? files[f]->name : "", 0, 0,
			                "these observations were read against another proposal");
	if (!mpr_date_parse(as_of, day))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "the date of the status must be YYYY-MM-DD, found '%s'", as_of);
	return unique_ids(files, n, err);
}

int mpr_monitor(mpr_monitoring **out, const mpr_ruleset *rs, const mpr_proposal *p,
                const mpr_observations *const *files, size_t n, const char *as_of, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	long day = 0;
	int rc = check_args(out, rs, p, files, n, as_of, &day, err);
	if (rc)
		return rc;
	*out = NULL;
	mpr_monitoring *m = calloc(1, sizeof *m);
	if (!m)
		return oom(err);
	m->rules = rs;
	m->proposal = p;
	m->as_of = day;
	mpr_date_format(day, m->as_of_text);
	rc = mpr_evaluate(&m->result, rs, p, err);
	if (rc == MPR_OK) {
		m->activities = calloc(p->n_activities + 1, sizeof *m->activities);
		m->agreements = calloc(p->n_agreements + 1, sizeof *m->agreements);
		if (!m->activities || !m->agreements)
			rc = oom(err);
	}
	if (rc == MPR_OK)
		rc = gather(m, files, n, err);
	if (rc == MPR_OK)
		rc = index_activities(m, err);
	if (rc == MPR_OK) {
		const mpr_observations *first = files[0];
		for (size_t f = 1; f < n; f++)
			if (files[f]->start_day < first->start_day)
				first = files[f];
		for (size_t a = 0; a < p->n_activities; a++)
			activity_rounds(m, first, a);
		agreements(m);
		rc = consequences(m, err);
	}
	if (rc == MPR_OK)
		rc = urgency(m, err);
	/* R9: what these observations give new proposals, as of the date */
	if (rc == MPR_OK)
		rc = mpr_experience_new(&m->experience, rs, m->as_of_text, err);
	for (size_t f = 0; rc == MPR_OK && f < n; f++)
		rc = mpr_experience_add(m->experience, files[f], err);
	if (rc != MPR_OK) {
		mpr_monitoring_free(m);
		return rc;
	}
	statuses(m);
	*out = m;
	return MPR_OK;
}

void mpr_monitoring_free(mpr_monitoring *m)
{
	if (!m)
		return;
	mpr_result_free(m->result);
	free(m->files);
	free(m->rounds);
	free(m->obs);
	free(m->results);
	free(m->activities);
	free(m->agreements);
	free(m->items);
	free(m->ev);
	free(m->open);
	free(m->act_rounds);
	free(m->act_obs);
	free(m->urgent);
	mpr_experience_free(m->experience);
	free(m);
}

const char *mpr_monitoring_status(const mpr_monitoring *m)
{
	return m ? mpr_mon_status_word(m->status) : NULL;
}

size_t mpr_monitoring_consequence_count(const mpr_monitoring *m)
{
	return m ? m->n_items : 0;
}

const char *mpr_monitoring_consequence(const mpr_monitoring *m, size_t i, const char **source,
                                       const char **action, const char **due,
                                       const char **activity)
{
	if (!m || i >= m->n_items)
		return NULL;
	const mpr_mon_item *it = &m->items[i];
	if (source)
		*source = it->rule->source;
	if (action)
		*action = mpr_action_words()[it->rule->action];
	if (due)
		*due = it->has_due ? it->due_text : NULL;
	if (activity)
		*activity = it->activity >= 0 ? m->proposal->activities[it->activity].id : NULL;
	return it->rule->id;
}
