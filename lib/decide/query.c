/*
 * query.c - single decisions for embedders: a reusable, caller-owned
 * decision object and deciding by ids without allocating (mpr_decide); and
 * the explanation of a country and of the activity a query describes there,
 * with the fields that would change its decision, which `mprisk explain`
 * prints (mpr_explanation_init), decided here so that the renderers only
 * print it. The
 * JSON entry points built on it (mpr_decide_json, mpr_evaluate_json) read
 * and print as well, and live with the other entry points that print, in
 * render/render.c.
 */
#include <stdlib.h>

#include "decide/decide.h"
#include "input/activity.h"
#include "model.h"
#include "util/error.h"

int mpr_activity_new(mpr_activity **out, const mpr_ruleset *rs, mpr_error *err)
{
	if (!out || !rs)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_activity_new: invalid arguments");
	*out = NULL;
	mpr_activity *a = calloc(1, sizeof *a);
	mpr_step *trace = calloc(rs->max_trace ? rs->max_trace : 1, sizeof *trace);
	if (!a || !trace) {
		free(a);
		free(trace);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	a->rules = rs;
	a->d.trace = trace;
	a->storage = trace;
	/* a valid decision before the first mpr_decide: the first cell */
	a->d.cell = &rs->cells[0][0];
	*out = a;
	return MPR_OK;
}

void mpr_activity_free(mpr_activity *a)
{
	if (!a)
		return;
	free(a->storage);
	free(a);
}

static int not_found(mpr_error *err, const char *kind, const char *id)
{
	return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0, "unknown %s '%s'", kind, id ? id : "(null)");
}

static int resolve_set(const mpr_index *index, const char *const *ids, size_t n,
                       const char *kind, mpr_set *out, mpr_error *err)
{
	mpr_set s = 0;
	for (size_t i = 0; i < n; i++) {
		int k = ids[i] ? mpr_index_find(index, ids[i]) : -1;
		if (k < 0)
			return not_found(err, kind, ids[i]);
		s |= (mpr_set)1 << k;
	}
	*out = s;
	return MPR_OK;
}

int mpr_query_substance(const mpr_ruleset *rs, const mpr_query *q, mpr_substance *s,
                        mpr_error *err)
{
	const mpr_measure *m = &rs->measures[s->measure];
	int rc;
	if ((q->beneficiary && (rc = mpr_beneficiary_resolve(rs, q->beneficiary, &s->beneficiary,
	                                                      true, err, "", 0, 0))) ||
	    (q->implementer && (rc = mpr_implementer_resolve(rs, q->implementer, &s->implementer,
	                                                      true, err, "", 0, 0))))
		return rc;
	s->nationals_only = q->nationals_only != 0;
	if (s->nationals_only && m->transfers != MPR_TRANSFERS_UNLESS_NATIONALS)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "'nationals_only' applies to return and readmission measures only; %s "
		                "does not return people",
		                m->n.id);
	if (q->evacuated_from) {
		if (m->evacuation_tier < 0)
			return mpr_fail(err, MPR_EINVAL, "", 0, 0,
			                "'evacuated_from' applies to evacuation measures only; %s does not "
			                "evacuate people", m->n.id);
		int near;
		if ((s->evacuated_from = mpr_index_find(&rs->country_index, q->evacuated_from)) < 0 &&
		    (near = mpr_index_find_near(&rs->country_index, q->evacuated_from)) >= 0)
			return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
			                "unknown country '%s': codes are ISO 3166-1 alpha-2 in capitals, "
			                "did you mean '%s'?", q->evacuated_from, rs->countries[near].n.id);
		if (s->evacuated_from < 0)
			return not_found(err, "country", q->evacuated_from);
	}
	return MPR_OK;
}

int mpr_decide(mpr_activity *a, const mpr_query *q, mpr_error *err)
{
	if (!a || !q || !q->country || !q->measure || (q->n_attributes && !q->attributes) ||
	    (q->n_safeguards && !q->safeguards))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_decide: invalid arguments");
	const mpr_ruleset *rs = a->rules;
	int c = mpr_index_find(&rs->country_index, q->country);
	if (c < 0)
		return not_found(err, "country", q->country);
	int m = mpr_index_find(&rs->measure_index, q->measure);
	if (m < 0)
		return not_found(err, "measure", q->measure);
	mpr_set attrs = 0, declared = 0;
	int rc;
	if ((rc = resolve_set(&rs->attribute_index, q->attributes, q->n_attributes, "attribute",
	                      &attrs, err)) ||
	    (rc = resolve_set(&rs->safeguard_index, q->safeguards, q->n_safeguards, "safeguard",
	                      &declared, err)))
		return rc;
	mpr_substance s = mpr_substance_of(c, m, attrs);
	if ((rc = mpr_query_substance(rs, q, &s, err)))
		return rc;
	a->id = q->id;
	a->d.trace = q->no_trace ? NULL : a->storage;
	mpr_decide_at(rs, &s, declared, &a->d);
	return MPR_OK;
}

int mpr_explanation_init(mpr_explanation *out, const mpr_ruleset *rs, const mpr_query *q,
                         mpr_error *err)
{
	const char *country = q->country, *measure = q->measure;
	int c = mpr_index_find(&rs->country_index, country), near;
	if (c < 0 && (near = mpr_index_find_near(&rs->country_index, country)) >= 0)
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
		                "unknown country '%s': codes are ISO 3166-1 alpha-2 in capitals, did "
		                "you mean '%s'?",
		                country, rs->countries[near].n.id);
	if (c < 0)
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
		                "unknown country '%s': the ruleset has no assessment for it (mprisk "
		                "matrix lists the countries)",
		                country);
	int m = -1;
	if (measure && (m = mpr_index_find(&rs->measure_index, measure)) < 0) {
		if ((near = mpr_index_find_near(&rs->measure_index, measure)) >= 0)
			return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
			                "unknown measure '%s': did you mean '%s'?", measure,
			                rs->measures[near].n.id);
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
		                "unknown measure '%s' (mprisk matrix lists the measures)", measure);
	}
	*out = (mpr_explanation){.country = &rs->countries[c], .decided = m >= 0};
	if (m < 0)
		return q->beneficiary || q->implementer || q->nationals_only || q->evacuated_from ||
		               q->n_attributes
		           ? mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                      "beneficiary, implementer, nationals_only, evacuated_from and "
		                      "attributes are an activity's: explain them with a measure")
		           : MPR_OK;
	mpr_set attrs = 0;
	int rc;
	if ((rc = resolve_set(&rs->attribute_index, q->attributes, q->n_attributes, "attribute",
	                      &attrs, err)))
		return rc;
	out->activity = mpr_substance_of(c, m, attrs);
	if ((rc = mpr_query_substance(rs, q, &out->activity, err)))
		return rc;
	/* the whole decision, every step of its trace, and its alternatives */
	out->decision.trace = calloc(rs->max_trace + 1, sizeof(mpr_step));
	out->alternatives = calloc(mpr_alternatives_room(rs), sizeof *out->alternatives);
	if (!out->decision.trace || !out->alternatives) {
		mpr_explanation_free(out);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory rendering");
	}
	mpr_decide_best(rs, &out->activity, &out->decision);
	out->n_alternatives =
		mpr_alternatives(rs, &out->activity, out->alternatives, mpr_alternatives_room(rs));
	return MPR_OK;
}

void mpr_explanation_free(mpr_explanation *e)
{
	if (!e)
		return;
	free(e->decision.trace);
	free(e->alternatives);
	e->decision.trace = NULL;
	e->alternatives = NULL;
}
