/*
 * summary.c - a decision as a record holds it (record.h): made from a
 * result, read back from a record, compared with another, and the
 * differences printed.
 *
 * Replay decides a recorded input again and compares all of what an
 * official acts on: the top-level verdict and whether it passes, every
 * activity (added, missing, or changed: its subject, tiers, verdict,
 * passing, required and missing safeguards, monitoring, suspension), every
 * partnership finding and its severity, and the combined monitoring plan.
 * Comparing summaries field by field, not rendered texts, is what lets a
 * record that was rewritten (a verdict, an emptied list of findings, a
 * deleted activity) be told apart from one that is whole.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/record.h"
#include "util/error.h"

void sum_free(decision_sum *s)
{
	mpr_arena_free(&s->arena);
	memset(s, 0, sizeof *s);
}

/* The ids of a set of safeguards, in catalogue order. */
static const char **safeguard_ids(decision_sum *s, const mpr_ruleset *rs, mpr_set set, size_t *n)
{
	*n = mpr_set_count(set);
	const char **v = mpr_arena_alloc(&s->arena, (*n ? *n : 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; v && i < rs->n_safeguards; i++)
		if (set & ((mpr_set)1 << i))
			v[k++] = rs->safeguards[i].n.id;
	return v;
}

int sum_of_result(decision_sum *s, const mpr_result *r, const mpr_plan *plan)
{
	const mpr_ruleset *rs = r->rules;
	memset(s, 0, sizeof *s);
	s->partnership = r->proposal->id;
	s->verdict = mpr_verdict_word(r->verdict);
	s->passes = r->passes;
	s->n_activities = r->n_activities;
	s->n_findings = r->n_findings;
	s->has_findings = s->has_plan = true;
	s->activities = mpr_arena_alloc(&s->arena, (r->n_activities + 1) * sizeof *s->activities);
	s->findings = mpr_arena_alloc(&s->arena, (r->n_findings + 1) * sizeof *s->findings);
	if (!s->activities || !s->findings)
		return MPR_ENOMEM;
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		sum_activity *a = &s->activities[i];
		a->id = r->activities[i].id;
		a->country = rs->countries[d->country].n.id;
		a->country_tier = rs->tiers[d->country_tier];
		a->measure = rs->measures[d->measure].n.id;
		a->measure_tier = rs->tiers[d->measure_tier];
		a->beneficiary = d->beneficiary >= 0 ? rs->beneficiaries[d->beneficiary].n.id : NULL;
		a->implementer = d->implementer >= 0 ? rs->implementers[d->implementer].n.id : NULL;
		a->verdict = mpr_verdict_word(d->verdict);
		a->passes = mpr_decision_passes(d);
		a->level = rs->monitoring[d->cell->monitoring];
		a->months = d->cell->months;
		a->suspension = rs->suspension[d->cell->suspension].id;
		a->required = safeguard_ids(s, rs, d->required, &a->n_required);
		a->missing = safeguard_ids(s, rs, d->missing, &a->n_missing);
		a->has_safeguards = true;
		if (!a->required || !a->missing)
			return MPR_ENOMEM;
	}
	for (size_t i = 0; i < r->n_findings; i++)
		s->findings[i] = (sum_finding){r->findings[i]->id, mpr_verdict_word(r->findings[i]->severity)};
	s->has_lifted = true;
	s->n_lifted = r->n_lifted;
	if (!(s->lifted = mpr_arena_alloc(&s->arena, (r->n_lifted + 1) * sizeof *s->lifted)))
		return MPR_ENOMEM;
	for (size_t i = 0; i < r->n_lifted; i++)
		s->lifted[i] = r->lifted[i]->id;
	s->plan_months = plan->months;
	s->plan_level = r->n_activities ? rs->monitoring[plan->level] : "";
	s->plan_suspension = r->n_activities ? rs->suspension[plan->suspension].id : "";
	s->plan_local = plan->local_needed;
	return MPR_OK;
}

/* ---- reading a recorded decision ---------------------------------------- */

/* map[key] as a JSON string, not copied: the tree outlives the summary.
 * Absent or null leaves *out NULL, which only a nullable key may be; a
 * number, a literal, a list or a mapping is an error at its place. */
static int jstr(sc_ctx *c, const yt_node *map, const char *key, bool required, bool nullable,
                const char **out)
{
	const yt_node *v = yt_get(map, key);
	*out = NULL;
	if (!v || (nullable && yt_is_null(v)))
		return v || !required ? MPR_OK : sc_fail(c, MPR_ESCHEMA, map, "missing required key '%s'", key);
	if (v->kind != YT_SCALAR || v->plain)
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be a text, found %s", key,
		               v->kind == YT_SCALAR ? "a number or a literal" : yt_kind_name(v));
	*out = v->value;
	return MPR_OK;
}

/* A list of safeguard ids: strings, or (legacy) {"id": ...} objects. */
static int read_ids(decision_sum *s, sc_ctx *c, const yt_node *map, const char *key, bool legacy,
                    const char ***out, size_t *n)
{
	const yt_node *list;
	int rc = sc_list(c, map, key, true, 0, &list);
	if (rc)
		return rc;
	*n = list->n;
	if (!(*out = mpr_arena_alloc(&s->arena, (list->n + 1) * sizeof **out)))
		return sc_fail(c, MPR_ENOMEM, list, "out of memory");
	for (size_t k = 0; k < list->n; k++) {
		const yt_node *it = list->items[k];
		if (legacy && it->kind == YT_MAP && (rc = jstr(c, it, "id", true, false, &(*out)[k])))
			return rc;
		if ((!legacy || it->kind != YT_MAP) &&
		    (it->kind != YT_SCALAR || it->plain || !((*out)[k] = it->value)))
			return sc_fail(c, MPR_ESCHEMA, it, "the items of '%s' must be texts", key);
	}
	return MPR_OK;
}

static int read_activity(decision_sum *s, sc_ctx *c, const yt_node *it, bool legacy,
                         sum_activity *a)
{
	static const char *const keys[] = {"id", "country", "country_tier", "measure", "measure_tier",
	                                   "beneficiary", "implementer", "verdict", "passes",
	                                   "monitoring",
	                                   "suspension", "required_safeguards",
	                                   "missing_safeguards", NULL};
	static const char *const mkeys[] = {"level", "frequency_months", NULL};
	int rc = sc_map(c, it, "an activity", legacy ? NULL : keys);
	bool passes = false, has_passes;
	const yt_node *mon = yt_get(it, "monitoring");
	if (rc || (rc = jstr(c, it, "id", true, false, &a->id)) ||
	    (rc = jstr(c, it, "verdict", true, false, &a->verdict)) ||
	    (rc = jstr(c, it, "country", !legacy, false, &a->country)) ||
	    (rc = jstr(c, it, "country_tier", !legacy, false, &a->country_tier)) ||
	    (rc = jstr(c, it, "measure", !legacy, false, &a->measure)) ||
	    (rc = jstr(c, it, "measure_tier", !legacy, false, &a->measure_tier)) ||
	    (rc = jstr(c, it, "beneficiary", false, true, &a->beneficiary)) ||
	    (rc = jstr(c, it, "implementer", false, true, &a->implementer)) ||
	    (rc = jstr(c, it, "suspension", !legacy, false, &a->suspension)))
		return rc;
	has_passes = yt_get(it, "passes") != NULL;
	if (has_passes || !legacy)
		rc = sc_bool(c, it, "passes", true, &passes);
	a->passes = has_passes ? passes : -1;
	a->months = -1;
	if (!rc && (mon || !legacy) &&
	    (!(rc = sc_map(c, mon, "'monitoring'", legacy ? NULL : mkeys))) &&
	    !(rc = jstr(c, mon, "level", !legacy, false, &a->level)))
		rc = sc_int(c, mon, "frequency_months", !legacy, 0, 1000000, &a->months, NULL);
	a->has_safeguards = !legacy || (yt_get(it, "required_safeguards") &&
	                                yt_get(it, "missing_safeguards"));
	if (!rc && a->has_safeguards &&
	    !(rc = read_ids(s, c, it, "required_safeguards", legacy, &a->required, &a->n_required)))
		rc = read_ids(s, c, it, "missing_safeguards", legacy, &a->missing, &a->n_missing);
	return rc;
}

static int read_findings(decision_sum *s, sc_ctx *c, const yt_node *dec, bool legacy)
{
	static const char *const keys[] = {"rule", "severity", NULL};
	const yt_node *list;
	int rc = sc_list(c, dec, "findings", !legacy, 0, &list);
	if (rc || !list)
		return rc;
	s->has_findings = true;
	s->n_findings = list->n;
	if (!(s->findings = mpr_arena_alloc(&s->arena, (list->n + 1) * sizeof *s->findings)))
		return sc_fail(c, MPR_ENOMEM, list, "out of memory");
	for (size_t i = 0; !rc && i < list->n; i++) {
		const yt_node *f = list->items[i];
		if (!(rc = sc_map(c, f, "a finding", legacy ? NULL : keys)) &&
		    !(rc = jstr(c, f, "rule", true, false, &s->findings[i].rule)))
			rc = jstr(c, f, "severity", true, false, &s->findings[i].severity);
	}
	return rc;
}

static int read_plan(decision_sum *s, sc_ctx *c, const yt_node *dec, bool legacy)
{
	static const char *const keys[] = {"frequency_months", "level", "suspension",
	                                   "independent_local_access_required", NULL};
	const yt_node *p = yt_get(dec, "monitoring_plan");
	if (!p && legacy)
		return MPR_OK;
	bool local = false;
	int rc = sc_map(c, p, "'monitoring_plan'", legacy ? NULL : keys);
	if (!rc && !(rc = sc_int(c, p, "frequency_months", true, 0, 1000000, &s->plan_months, NULL)) &&
	    !(rc = jstr(c, p, "level", true, false, &s->plan_level)) &&
	    !(rc = jstr(c, p, "suspension", true, false, &s->plan_suspension)))
		rc = sc_bool(c, p, "independent_local_access_required", true, &local);
	s->plan_local = local;
	s->has_plan = rc == MPR_OK;
	return rc;
}

int sum_of_tree(decision_sum *s, const yt_node *dec, bool legacy, sc_ctx *c)
{
	static const char *const keys[] = {"partnership", "verdict", "passes", "activities",
	                                   "findings", "lifted", "monitoring_plan", NULL};
	memset(s, 0, sizeof *s);
	s->legacy = legacy;
	c->arena = &s->arena;
	bool passes = false;
	const yt_node *acts = NULL;
	int rc = sc_map(c, dec, legacy ? "the recorded result" : "the recorded decision",
	                legacy ? NULL : keys);
	if (!rc && legacy) { /* the result's "partnership" is an object */
		const yt_node *p = yt_get(dec, "partnership");
		if (p && !(rc = sc_map(c, p, "'partnership'", NULL)))
			rc = jstr(c, p, "id", false, true, &s->partnership);
	} else if (!rc) {
		rc = jstr(c, dec, "partnership", true, true, &s->partnership);
	}
	if (rc || (rc = jstr(c, dec, "verdict", true, false, &s->verdict)) ||
	    (rc = sc_bool(c, dec, "passes", true, &passes)) ||
	    (rc = sc_list(c, dec, "activities", true, 0, &acts)))
		return rc;
	s->passes = passes;
	s->n_activities = acts->n;
	if (!(s->activities = mpr_arena_alloc(&s->arena, (acts->n + 1) * sizeof *s->activities)))
		return sc_fail(c, MPR_ENOMEM, acts, "out of memory");
	for (size_t i = 0; !rc && i < acts->n; i++)
		rc = read_activity(s, c, acts->items[i], legacy, &s->activities[i]);
	if (!rc)
		rc = read_findings(s, c, dec, legacy);
	if (!rc && yt_get(dec, "lifted") && !legacy) {
		s->has_lifted = true;
		rc = read_ids(s, c, dec, "lifted", false, &s->lifted, &s->n_lifted);
	}
	if (!rc)
		rc = read_plan(s, c, dec, legacy);
	return rc;
}

/* ---- comparing -------------------------------------------------------- */

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Is every id of a among b's? */
static bool subset(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		size_t k = 0;
		while (k < nb && strcmp(a[i], b[k]) != 0)
			k++;
		if (k == nb)
			return false;
	}
	return true;
}

static bool same_set(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	return subset(a, na, b, nb) && subset(b, nb, a, na);
}

/* What differs between a recorded activity and the same one decided now;
 * what the record does not hold (legacy) is not compared. */
static unsigned activity_fields(const decision_sum *ws, const sum_activity *w, const sum_activity *n)
{
	unsigned f = 0;
	if (!same(w->verdict, n->verdict))
		f |= RF_VERDICT;
	if (w->passes >= 0 && w->passes != n->passes)
		f |= RF_PASSES;
	if (w->has_safeguards && !same_set(w->required, w->n_required, n->required, n->n_required))
		f |= RF_REQUIRED;
	if (w->has_safeguards && !same_set(w->missing, w->n_missing, n->missing, n->n_missing))
		f |= RF_MISSING;
	if ((w->level && !same(w->level, n->level)) || (w->months >= 0 && w->months != n->months))
		f |= RF_MONITORING;
	if (w->suspension && !same(w->suspension, n->suspension))
		f |= RF_SUSPENSION;
	if ((w->country_tier && !same(w->country_tier, n->country_tier)) ||
	    (w->measure_tier && !same(w->measure_tier, n->measure_tier)))
		f |= RF_TIERS;
	if ((w->country && !same(w->country, n->country)) ||
	    (w->measure && !same(w->measure, n->measure)) ||
	    (!ws->legacy && (!same(w->beneficiary, n->beneficiary) ||
	                     !same(w->implementer, n->implementer))))
		f |= RF_SUBJECT;
	return f;
}

static int push(rec_diffs *out, int kind, size_t was, size_t now, unsigned fields)
{
	rec_diff *d = mpr_array_push(*out);
	if (!d)
		return MPR_ENOMEM;
	*d = (rec_diff){kind, was, now, fields};
	return MPR_OK;
}

/* The activity of now with the id of was's i-th: at the same position, as
 * almost always (the same input), else searched; SIZE_MAX when none. */
static size_t match_activity(const decision_sum *was, const decision_sum *now, size_t i)
{
	const char *id = was->activities[i].id;
	if (i < now->n_activities && strcmp(now->activities[i].id, id) == 0)
		return i;
	for (size_t k = 0; k < now->n_activities; k++)
		if (strcmp(now->activities[k].id, id) == 0)
			return k;
	return SIZE_MAX;
}

static int compare_activities(const decision_sum *was, const decision_sum *now, rec_diffs *out)
{
	bool *seen = calloc(now->n_activities + 1, sizeof *seen);
	int rc = seen ? MPR_OK : MPR_ENOMEM;
	for (size_t i = 0; rc == MPR_OK && i < was->n_activities; i++) {
		size_t k = match_activity(was, now, i);
		if (k == SIZE_MAX || seen[k]) {
			rc = push(out, RD_ACTIVITY_MISSING, i, 0, 0);
			continue;
		}
		seen[k] = true;
		unsigned f = activity_fields(was, &was->activities[i], &now->activities[k]);
		if (f)
			rc = push(out, RD_ACTIVITY, i, k, f);
	}
	for (size_t k = 0; rc == MPR_OK && k < now->n_activities; k++)
		if (!seen[k])
			rc = push(out, RD_ACTIVITY_ADDED, 0, k, 0);
	free(seen);
	return rc;
}

static int compare_findings(const decision_sum *was, const decision_sum *now, rec_diffs *out)
{
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < was->n_findings; i++) {
		size_t k = 0;
		while (k < now->n_findings && !same(now->findings[k].rule, was->findings[i].rule))
			k++;
		if (k == now->n_findings)
			rc = push(out, RD_FINDING_REMOVED, i, 0, 0);
		else if (!same(now->findings[k].severity, was->findings[i].severity))
			rc = push(out, RD_FINDING, i, k, 0);
	}
	for (size_t k = 0; rc == MPR_OK && k < now->n_findings; k++) {
		size_t i = 0;
		while (i < was->n_findings && !same(now->findings[k].rule, was->findings[i].rule))
			i++;
		if (i == was->n_findings)
			rc = push(out, RD_FINDING_ADDED, 0, k, 0);
	}
	return rc;
}

int sum_compare(const decision_sum *was, const decision_sum *now, rec_diffs *out)
{
	int rc = MPR_OK;
	if (!same(was->verdict, now->verdict) || was->passes != now->passes)
		rc = push(out, RD_VERDICT, 0, 0, 0);
	if (rc == MPR_OK && !same(was->partnership, now->partnership))
		rc = push(out, RD_PARTNERSHIP, 0, 0, 0);
	if (rc == MPR_OK)
		rc = compare_activities(was, now, out);
	if (rc == MPR_OK && was->has_findings)
		rc = compare_findings(was, now, out);
	if (rc == MPR_OK && was->has_lifted &&
	    !same_set(was->lifted, was->n_lifted, now->lifted, now->n_lifted))
		rc = push(out, RD_LIFTED, 0, 0, 0);
	if (rc == MPR_OK && was->has_plan &&
	    (was->plan_months != now->plan_months || !same(was->plan_level, now->plan_level) ||
	     !same(was->plan_suspension, now->plan_suspension) || was->plan_local != now->plan_local))
		rc = push(out, RD_PLAN, 0, 0, 0);
	return rc;
}
