/*
 * evaluate.c - a proposal's evaluation: every activity decided in proposal
 * order into one allocation per result (decide.c does each), with the
 * experience the caller gives (R9: experience.c built it), then the
 * partnership findings (partnership.c); and the result's public accessors,
 * which read what was decided.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "util/error.h"

/* The experience's entries are built, with their trace steps, before
 * deciding: each activity's trace has room for the most steps one adds. */
static int evaluate(mpr_result **out, const mpr_ruleset *rs, const mpr_proposal *p,
                    const mpr_experience *exp, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || !rs || !p)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_evaluate: out, rules and proposal are required");
	*out = NULL;
	if (p->rules != rs)
		return mpr_fail(err, MPR_EINVAL, p->name, 0, 0,
		                "the proposal was parsed against another ruleset");
	if (exp && exp->rules != rs)
		return mpr_fail(err, MPR_EINVAL, p->name, 0, 0,
		                "the experience was built under another ruleset");
	mpr_result *r = calloc(1, sizeof *r);
	size_t n = p->n_activities;
	size_t cap = rs->max_trace + (exp ? exp->max_steps : 0);
	if (r) {
		r->activities = calloc(n ? n : 1, sizeof *r->activities);
		if (n && cap > (size_t)-1 / sizeof(mpr_step) / n)
			r->trace_store = NULL;
		else
			/* not zeroed: a decision writes the steps it records, and only
			 * those are read (n_trace); zeroing room for the longest trace of
			 * every activity was half of an evaluation */
			r->trace_store = malloc((n ? n * cap : 1) * sizeof(mpr_step));
	}
	if (!r || !r->activities || !r->trace_store) {
		mpr_result_free(r);
		return mpr_fail(err, MPR_ENOMEM, p->name, 0, 0, "out of memory");
	}
	r->rules = rs;
	r->proposal = p;
	r->experience = exp;
	r->n_activities = n;
	r->verdict = MPR_PERMITTED;
	r->passes = 1;
	for (size_t i = 0; i < n; i++) {
		const mpr_proposal_activity *pa = &p->activities[i];
		mpr_activity *a = &r->activities[i];
		a->rules = rs;
		a->id = pa->id;
		a->d.trace = r->trace_store + i * cap;
		mpr_substance s = pa->s;
		s.experience = mpr_experience_find(exp, s.country, s.measure);
		mpr_decide_at(rs, &s, pa->safeguards, &a->d);
		if (a->d.verdict > r->verdict)
			r->verdict = a->d.verdict;
		if (!mpr_decision_passes(&a->d))
			r->passes = 0;
	}
	int rc = mpr_partnership_findings(r, err);
	if (rc == MPR_OK)
		*out = r;
	else
		mpr_result_free(r);
	return rc;
}

int mpr_evaluate(mpr_result **out, const mpr_ruleset *rs, const mpr_proposal *p,
                 mpr_error *err)
{
	return evaluate(out, rs, p, NULL, err);
}

int mpr_evaluate_experience(mpr_result **out, const mpr_ruleset *rs, const mpr_proposal *p,
                            const mpr_experience *exp, mpr_error *err)
{
	return evaluate(out, rs, p, exp, err);
}

void mpr_result_free(mpr_result *r)
{
	if (!r)
		return;
	free(r->activities);
	free(r->trace_store);
	free(r->findings);
	free(r->lifted);
	free(r);
}

const char *mpr_verdict_name(mpr_verdict v)
{
	return mpr_verdict_word(v);
}

mpr_verdict mpr_result_verdict(const mpr_result *r) { return r->verdict; }
int mpr_result_passes(const mpr_result *r) { return r->passes; }
size_t mpr_result_activity_count(const mpr_result *r) { return r ? r->n_activities : 0; }

const mpr_activity *mpr_result_activity(const mpr_result *r, size_t i)
{
	return r && i < r->n_activities ? &r->activities[i] : NULL;
}

const char *mpr_activity_id(const mpr_activity *a) { return a->id; }
const char *mpr_activity_country(const mpr_activity *a) { return a->rules->countries[a->d.country].n.id; }
const char *mpr_activity_country_tier(const mpr_activity *a) { return a->rules->tiers[a->d.country_tier]; }
const char *mpr_activity_measure(const mpr_activity *a) { return a->rules->measures[a->d.measure].n.id; }
const char *mpr_activity_measure_tier(const mpr_activity *a) { return a->rules->tiers[a->d.measure_tier]; }
const char *mpr_activity_beneficiary(const mpr_activity *a)
{
	return a->d.beneficiary >= 0 ? a->rules->beneficiaries[a->d.beneficiary].n.id : NULL;
}
const char *mpr_activity_implementer(const mpr_activity *a)
{
	return a->d.implementer >= 0 ? a->rules->implementers[a->d.implementer].n.id : NULL;
}
mpr_verdict mpr_activity_verdict(const mpr_activity *a) { return a->d.verdict; }
int mpr_activity_passes(const mpr_activity *a) { return mpr_decision_passes(&a->d); }
const char *mpr_activity_monitoring_level(const mpr_activity *a) { return a->rules->monitoring[a->d.cell->monitoring]; }
unsigned mpr_activity_monitoring_months(const mpr_activity *a) { return a->d.cell->months; }
const char *mpr_activity_suspension(const mpr_activity *a) { return a->rules->suspension[a->d.cell->suspension].id; }

static const char *nth_in_set(const mpr_ruleset *rs, mpr_set set, size_t i, const char **source)
{
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			if (i-- == 0) {
				if (source)
					*source = rs->safeguards[s].n.source;
				return rs->safeguards[s].n.id;
			}
		}
	return NULL;
}

size_t mpr_activity_required_count(const mpr_activity *a) { return mpr_set_count(a->d.required); }
size_t mpr_activity_missing_count(const mpr_activity *a) { return mpr_set_count(a->d.missing); }

const char *mpr_activity_required(const mpr_activity *a, size_t i, const char **source)
{
	return nth_in_set(a->rules, a->d.required, i, source);
}

const char *mpr_activity_missing(const mpr_activity *a, size_t i, const char **source)
{
	return nth_in_set(a->rules, a->d.missing, i, source);
}

size_t mpr_activity_trace_count(const mpr_activity *a) { return a->d.n_trace; }

const char *mpr_activity_trace(const mpr_activity *a, size_t i, const char **source,
                               const char **effect)
{
	if (i >= a->d.n_trace)
		return NULL;
	if (source)
		*source = a->d.trace[i].source;
	if (effect)
		*effect = a->d.trace[i].effect;
	return a->d.trace[i].rule;
}
