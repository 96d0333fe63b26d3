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
 *      with the observations that fired it and the earliest due date, and
 *      the items in order of urgency (consequences.c);
 *   6. the statuses, from the strictest action (consequences.c);
 *   7. R9: the experience these observations give new proposals
 *      (experience.c), to be applied with mpr_evaluate_experience.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "util/date.h"
#include "util/error.h"

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

bool mpr_round_counts(const mpr_ruleset *rs, const mpr_round *r, const mpr_decision *d)
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
		if (mpr_round_counts(m->rules, &m->rounds[k].r, d))
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
		rc = mpr_monitor_consequences(m, err);
	}
	/* R9: what these observations give new proposals, as of the date */
	if (rc == MPR_OK)
		rc = mpr_experience_new(&m->experience, rs, m->as_of_text, err);
	for (size_t f = 0; rc == MPR_OK && f < n; f++)
		rc = mpr_experience_add(m->experience, files[f], err);
	if (rc != MPR_OK) {
		mpr_monitoring_free(m);
		return rc;
	}
	mpr_monitor_statuses(m);
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
