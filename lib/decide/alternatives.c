/*
 * alternatives.c - what declaring one more field would make of one decision,
 * for `mprisk explain` (and GET /v1/explain): whether the activity returns
 * only nationals, who receives the support, who carries it out, and for an
 * evacuation hub the evacuation beside it. Those fields decide most of the
 * substance rules (chain refoulement, the security-force risk, F2's
 * humanitarian support, Rec. 6), so an explanation names each one that
 * would change the verdict or the measure's tier, and how; the renderers
 * print the value. Each alternative is decided as explain decides, with the
 * required safeguards declared, and without a trace: nothing is allocated.
 */
#include "decide/decide.h"

/* Decided as explain decides: exactly the required safeguards declared. */
static void decide_as(const mpr_ruleset *rs, const mpr_substance *s, mpr_decision *d)
{
	d->trace = NULL;
	mpr_decide_best(rs, s, d);
}

/* Keep alt when it changes the verdict or the measure tier of base. */
static size_t keep(const mpr_ruleset *rs, const mpr_decision *base, const mpr_substance *s,
                   int field, mpr_alternative *out, size_t n, size_t cap)
{
	mpr_decision d;
	decide_as(rs, s, &d);
	if (n >= cap || (d.verdict == base->verdict && d.measure_tier == base->measure_tier))
		return n;
	out[n] = (mpr_alternative){field, s->beneficiary, s->implementer, s->nationals_only,
	                           s->evacuated_from, d.verdict, d.measure_tier, d.country};
	return n + 1;
}

/* The first implementer an independent humanitarian organisation: the one
 * a beneficiary that delivers to migrants is tried with. */
static int independent(const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_implementers; i++)
		if (rs->implementers[i].independent)
			return (int)i;
	return -1;
}

size_t mpr_alternatives(const mpr_ruleset *rs, const mpr_substance *s, mpr_alternative *out,
                        size_t cap)
{
	const mpr_measure *m = &rs->measures[s->measure];
	mpr_decision base;
	decide_as(rs, s, &base);
	size_t n = 0;
	if (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS) {
		mpr_substance t = *s;
		t.nationals_only = !s->nationals_only;
		n = keep(rs, &base, &t, MPR_ALT_NATIONALS_ONLY, out, n, cap);
	}
	for (size_t b = 0; b < rs->n_beneficiaries; b++) {
		if ((int)b == s->beneficiary || (int)b == rs->undeclared_beneficiary)
			continue;
		mpr_substance t = *s;
		t.beneficiary = (int)b;
		/* humanitarian support needs its independent implementer too */
		if (t.implementer < 0 && m->humanitarian && rs->beneficiaries[b].delivers_to_migrants)
			t.implementer = independent(rs);
		n = keep(rs, &base, &t, MPR_ALT_BENEFICIARY, out, n, cap);
	}
	for (size_t i = 0; i < rs->n_implementers; i++) {
		if ((int)i == s->implementer)
			continue;
		mpr_substance t = *s;
		t.implementer = (int)i;
		n = keep(rs, &base, &t, MPR_ALT_IMPLEMENTER, out, n, cap);
	}
	/* an evacuation is one only beside the evacuation itself, which one
	 * activity alone never has: what it would be with it */
	if (m->evacuation_tier >= 0 && s->evacuated_from >= 0 && !s->evacuation_shown) {
		mpr_substance t = *s;
		t.evacuation_shown = true;
		n = keep(rs, &base, &t, MPR_ALT_EVACUATION, out, n, cap);
	}
	return n;
}

size_t mpr_alternatives_room(const mpr_ruleset *rs)
{
	return 2 + rs->n_beneficiaries + rs->n_implementers;
}
