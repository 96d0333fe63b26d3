/*
 * remedies.c - what an official drafting a partnership needs next: for
 * every activity and finding that does not pass, the smallest change that
 * would make it pass under the loaded rules, or why no change to the
 * proposal can. A value (mpr_remedies) that the text and JSON renderers
 * print; they never search for a remedy themselves.
 *
 * Remedies are computed by the rules, never written per case: an activity's
 * remedy is found by deciding it again without each subset of its declared
 * attributes (smallest first) with its required safeguards declared; a
 * finding's remedy follows from the conditions of the rule that fired.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "util/array.h"
#include "util/error.h"

/* The remedies found so far; failed after a push ran out of memory. */
typedef struct found {
	mpr_array(mpr_remedy) v;
	bool failed;
} found;

static void add(found *out, int kind, int index, unsigned months)
{
	mpr_remedy *m = mpr_array_push(out->v);
	if (m)
		*m = (mpr_remedy){kind, index, months};
	else
		out->failed = true;
}

static bool passes_as(const mpr_ruleset *rs, const mpr_substance *s, mpr_set declared,
                      mpr_decision *d)
{
	mpr_decide_at(rs, s, declared, d);
	mpr_decide_at(rs, s, declared | d->required, d);
	return d->verdict <= MPR_CONDITIONAL;
}

/* Drop as few declared attributes as possible: the first subset, smallest
 * first, without which the activity passes with its required safeguards
 * declared (at most 64 attributes, so the subsets of up to 2^12 are
 * searched; more would be unusual). False when there is none. */
static bool drop_attributes(const mpr_ruleset *rs, const mpr_proposal_activity *pa,
                            mpr_decision *d, found *out)
{
	mpr_set attrs = pa->s.attributes;
	size_t k = mpr_set_count(attrs);
	if (k > 12)
		k = 12;
	int bits[MPR_MAX_SET];
	size_t nb = 0;
	for (int b = 0; b < MPR_MAX_SET; b++)
		if (attrs & ((mpr_set)1 << b))
			bits[nb++] = b;
	for (size_t size = 0; size <= k; size++)
		for (unsigned long mask = 0; mask < (1ul << k); mask++) {
			if (mpr_set_count(mask) != size)
				continue;
			mpr_set drop = 0;
			for (size_t b = 0; b < k; b++)
				if (mask & (1ul << b))
					drop |= (mpr_set)1 << bits[b];
			mpr_substance kept = pa->s;
			kept.attributes = attrs & ~drop;
			if (!passes_as(rs, &kept, pa->safeguards, d))
				continue;
			for (size_t b = 0; b < nb; b++)
				if (drop & ((mpr_set)1 << bits[b]))
					add(out, MPR_REMEDY_DROP_ATTRIBUTE, bits[b], 0);
			for (size_t s = 0; s < rs->n_safeguards; s++)
				if ((d->required & ~pa->safeguards) & ((mpr_set)1 << s))
					add(out, MPR_REMEDY_ADD_SAFEGUARD, (int)s, 0);
			return true;
		}
	return false;
}

/* Whether declaring what the activity leaves out would make it pass: a
 * beneficiary that delivers to migrants and an independent implementer
 * (delivering), or any beneficiary that carries no measure's risk. What the
 * activity declares stays. */
static bool passes_declaring(const mpr_ruleset *rs, const mpr_proposal_activity *pa,
                             bool delivering, mpr_decision *d)
{
	for (size_t b = 0; b < rs->n_beneficiaries; b++) {
		const mpr_beneficiary *ben = &rs->beneficiaries[b];
		if ((pa->s.beneficiary >= 0 && (int)b != pa->s.beneficiary) ||
		    (int)b == rs->undeclared_beneficiary || ben->carries >= 0 ||
		    (delivering && !ben->delivers_to_migrants))
			continue;
		mpr_substance s = pa->s;
		s.beneficiary = (int)b;
		if (!delivering || s.implementer >= 0) {
			if (passes_as(rs, &s, pa->safeguards, d))
				return true;
			continue;
		}
		for (size_t i = 0; i < rs->n_implementers; i++) {
			s.implementer = (int)i;
			if (rs->implementers[i].independent && passes_as(rs, &s, pa->safeguards, d))
				return true;
		}
	}
	return false;
}

/* What the proposal did not say, if true, may change it: who receives
 * humanitarian support and who delivers it, who receives support that is
 * judged as a security force's while no one is named, and whether a return
 * covers nationals only. These are conditional on the facts; the
 * declaration must be true. */
static bool declare_substance(const mpr_ruleset *rs, const mpr_proposal_activity *pa,
                              mpr_decision *d, found *out)
{
	size_t before = out->v.n;
	const mpr_measure *m = &rs->measures[pa->s.measure];
	bool assumed = pa->s.beneficiary < 0 && rs->undeclared_beneficiary >= 0;
	if (m->humanitarian && (pa->s.beneficiary < 0 || pa->s.implementer < 0) &&
	    passes_declaring(rs, pa, true, d))
		add(out, MPR_REMEDY_DECLARE_BENEFICIARY, -1, 0);
	else if (assumed && m->default_beneficiary < 0 && passes_declaring(rs, pa, false, d))
		add(out, MPR_REMEDY_NAME_BENEFICIARY, -1, 0);
	if (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && !pa->s.nationals_only) {
		mpr_substance s = pa->s;
		s.nationals_only = true;
		if (passes_as(rs, &s, pa->safeguards, d))
			add(out, MPR_REMEDY_DECLARE_NATIONALS_ONLY, -1, 0);
	}
	return out->v.n > before || out->failed;
}

static void activity_remedies(const mpr_result *r, size_t i, mpr_step *trace, found *out)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal_activity *pa = &r->proposal->activities[i];
	if (mpr_decision_passes(&r->activities[i].d))
		return;
	mpr_decision d = {.trace = trace};
	if (drop_attributes(rs, pa, &d, out) || declare_substance(rs, pa, &d, out))
		return;
	/* No change to the activity can: say so, and what country tier it
	 * would take (the country's tier is a fact, not part of the proposal). */
	add(out, MPR_REMEDY_IMPOSSIBLE, -1, 0);
	mpr_substance bare = mpr_substance_of(pa->s.country, pa->s.measure, 0);
	mpr_decide_at(rs, &bare, 0, &d);
	if (rs->countries[pa->s.country].excluded)
		return;
	for (int t = (int)d.country_tier - 1; t >= 0; t--)
		if (rs->cells[t][d.measure_tier].verdict <= MPR_CONDITIONAL) {
			add(out, MPR_REMEDY_COUNTRY_TIER, t, 0);
			return;
		}
}

static void finding_remedies(const mpr_result *r, size_t f, found *out)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_prule *pr = r->findings[f];
	mpr_set missing = pr->lacks_any & ~r->proposal->elements;
	if (missing) { /* declaring the missing elements stops the rule firing */
		for (size_t e = 0; e < rs->n_elements; e++)
			if (missing & ((mpr_set)1 << e))
				add(out, MPR_REMEDY_ADD_ELEMENT, (int)e, 0);
		return;
	}
	if (pr->agreements == MPR_AGREEMENTS_NONE) {
		add(out, MPR_REMEDY_DECLARE_AGREEMENTS, -1, 0);
		return;
	}
	if (pr->agreements == MPR_AGREEMENTS_INCOMPLETE) {
		for (size_t i = 0; i < r->proposal->n_agreements; i++)
			if (!r->proposal->agreements[i].complete)
				add(out, MPR_REMEDY_COMPLETE_AGREEMENT, (int)i, 0);
		return;
	}
	switch (pr->monitoring) {
	case MPR_MON_NONE:
	case MPR_MON_LESS_FREQUENT:
		add(out, MPR_REMEDY_SET_FREQUENCY, -1, r->required_months);
		return;
	case MPR_MON_NO_INDEPENDENT:
		add(out, MPR_REMEDY_ADD_BODY, -1, 0);
		return;
	case MPR_MON_NO_INDEPENDENT_LOCAL:
		add(out, MPR_REMEDY_ADD_LOCAL_BODY, -1, 0);
		return;
	default:
		break;
	}
	if (pr->bilateral == 1)
		add(out, MPR_REMEDY_ADD_EU_PARTY, -1, 0);
	else if (pr->any_excluded == 1 && pr->any_humanitarian == 0)
		add(out, MPR_REMEDY_SEPARATE_HUMANITARIAN, -1, 0);
	else if (pr->all_tagged)
		add(out, MPR_REMEDY_ADD_ACTIVITY, -1, 0);
	else
		add(out, MPR_REMEDY_IMPOSSIBLE, -1, 0);
}

int mpr_remedies_init(mpr_remedies *rem, const mpr_result *r, mpr_error *err)
{
	memset(rem, 0, sizeof *rem);
	found out = {MPR_ARRAY_INIT, false};
	rem->activity = calloc(r->n_activities + 1, sizeof *rem->activity);
	rem->finding = calloc(r->n_findings + 1, sizeof *rem->finding);
	mpr_step *trace = malloc((r->rules->max_trace + 1) * sizeof *trace); /* written before read */
	out.failed = !rem->activity || !rem->finding || !trace;
	for (size_t i = 0; !out.failed && i < r->n_activities; i++) {
		rem->activity[i] = out.v.n;
		activity_remedies(r, i, trace, &out);
	}
	if (!out.failed)
		rem->activity[r->n_activities] = out.v.n;
	for (size_t f = 0; !out.failed && f < r->n_findings; f++) {
		rem->finding[f] = out.v.n;
		finding_remedies(r, f, &out);
	}
	free(trace);
	if (out.failed) {
		mpr_array_free(out.v);
		mpr_remedies_free(rem);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory rendering");
	}
	rem->finding[r->n_findings] = out.v.n;
	rem->v = out.v.v;
	return MPR_OK;
}

void mpr_remedies_free(mpr_remedies *rem)
{
	free(rem->v);
	free(rem->activity);
	free(rem->finding);
	memset(rem, 0, sizeof *rem);
}
