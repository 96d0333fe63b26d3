/*
 * plan.c - what an official drafting a partnership needs next: the combined
 * monitoring plan (§4.2.3) and, for every activity and finding that does not
 * pass, the smallest change that would make it pass under the loaded rules,
 * or why no change to the proposal can.
 *
 * Remedies are computed by the rules, never written per case: an activity's
 * remedy is found by deciding it again without each subset of its declared
 * attributes (smallest first) with its required safeguards declared; a
 * finding's remedy follows from the conditions of the rule that fired.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model.h"
#include "decide/plan.h"

/* room for every remedy one activity or finding can have */
#define MAX_REMEDIES ((size_t)MPR_MAX_SET * 2)

/* ------------------------------------------------------------------------ */
/* Remedies                                                                  */

static void add(mpr_remedy *out, size_t *n, size_t cap, int kind, int index, unsigned months)
{
	if (*n < cap)
		out[(*n)++] = (mpr_remedy){kind, index, months};
}

static bool passes_as(const mpr_ruleset *rs, const mpr_substance *s, mpr_set declared,
                      mpr_decision *d)
{
	mpr_decide_at(rs, s, declared, d);
	mpr_decide_at(rs, s, declared | d->required, d);
	return d->verdict <= MPR_CONDITIONAL;
}

static size_t substance_remedies(const mpr_ruleset *rs, const mpr_proposal_activity *pa,
                                 mpr_decision *d, mpr_remedy *out, size_t cap)
{
	size_t n = 0;
	const mpr_measure *m = &rs->measures[pa->s.measure];
	if (m->humanitarian && pa->s.beneficiary < 0) {
		for (size_t b = 0; b < rs->n_beneficiaries; b++) {
			mpr_substance s = pa->s;
			s.beneficiary = (int)b;
			if (rs->beneficiaries[b].delivers_to_migrants && passes_as(rs, &s, pa->safeguards, d)) {
				add(out, &n, cap, MPR_REMEDY_DECLARE_BENEFICIARY, -1, 0);
				break;
			}
		}
	}
	if (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && !pa->s.nationals_only) {
		mpr_substance s = pa->s;
		s.nationals_only = true;
		if (passes_as(rs, &s, pa->safeguards, d))
			add(out, &n, cap, MPR_REMEDY_DECLARE_NATIONALS_ONLY, -1, 0);
	}
	return n;
}

size_t mpr_activity_remedies(const mpr_result *r, size_t i, mpr_remedy *out, size_t cap,
                             mpr_step *trace)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_activity *a = &r->activities[i];
	const mpr_proposal_activity *pa = &r->proposal->activities[i];
	size_t n = 0;
	if (mpr_decision_passes(&a->d))
		return 0;
	mpr_set attrs = pa->s.attributes;
	size_t k = mpr_set_count(attrs);
	/* drop as few declared attributes as possible (at most 64, so the
	 * subsets of up to 2^12 are searched; more would be unusual) */
	if (k > 12)
		k = 12;
	int bits[64];
	size_t nb = 0;
	for (int b = 0; b < MPR_MAX_SET && nb < 64; b++)
		if (attrs & ((mpr_set)1 << b))
			bits[nb++] = b;
	mpr_decision d = {.trace = trace};
	for (size_t size = 0; size <= k; size++) {
		for (unsigned long mask = 0; mask < (1ul << k); mask++) {
			if (mpr_set_count(mask) != size)
				continue;
			mpr_set drop = 0;
			for (size_t b = 0; b < k; b++)
				if (mask & (1ul << b))
					drop |= (mpr_set)1 << bits[b];
			mpr_substance kept = pa->s;
			kept.attributes = attrs & ~drop;
			mpr_decide_at(rs, &kept, pa->safeguards, &d);
			mpr_decide_at(rs, &kept, pa->safeguards | d.required, &d);
			if (d.verdict > MPR_CONDITIONAL)
				continue;
			for (size_t b = 0; b < nb; b++)
				if (drop & ((mpr_set)1 << bits[b]))
					add(out, &n, cap, MPR_REMEDY_DROP_ATTRIBUTE, bits[b], 0);
			for (size_t s = 0; s < rs->n_safeguards; s++)
				if ((d.required & ~pa->safeguards) & ((mpr_set)1 << s))
					add(out, &n, cap, MPR_REMEDY_ADD_SAFEGUARD, (int)s, 0);
			return n;
		}
	}
	/* What the proposal did not say, if true, may change it: who receives
	 * humanitarian support, and whether a return covers nationals only. These
	 * are conditional on the facts; the declaration must be true. */
	if ((n = substance_remedies(rs, pa, &d, out, cap)))
		return n;
	/* No change to the activity can: say so, and what country tier it
	 * would take (the country's tier is a fact, not part of the proposal). */
	add(out, &n, cap, MPR_REMEDY_IMPOSSIBLE, -1, 0);
	mpr_substance bare = mpr_substance_of(pa->s.country, pa->s.measure, 0);
	mpr_decide_at(rs, &bare, 0, &d);
	const mpr_country *c = &rs->countries[pa->s.country];
	if (!c->excluded) {
		for (int t = (int)d.country_tier - 1; t >= 0; t--) {
			const mpr_cell *cell = &rs->cells[t][d.measure_tier];
			if (cell->verdict <= MPR_CONDITIONAL) {
				add(out, &n, cap, MPR_REMEDY_COUNTRY_TIER, t, 0);
				break;
			}
		}
	}
	return n;
}

size_t mpr_finding_remedies(const mpr_result *r, size_t f, mpr_remedy *out, size_t cap)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_prule *pr = r->findings[f];
	size_t n = 0;
	mpr_set missing = pr->lacks_any & ~r->proposal->elements;
	for (size_t e = 0; e < rs->n_elements; e++)
		if (missing & ((mpr_set)1 << e))
			add(out, &n, cap, MPR_REMEDY_ADD_ELEMENT, (int)e, 0);
	if (n)
		return n; /* declaring the missing elements stops the rule firing */
	switch (pr->monitoring) {
	case MPR_MON_NONE:
		add(out, &n, cap, MPR_REMEDY_SET_FREQUENCY, -1, r->required_months);
		return n;
	case MPR_MON_NO_INDEPENDENT:
		add(out, &n, cap, MPR_REMEDY_ADD_BODY, -1, 0);
		return n;
	case MPR_MON_NO_INDEPENDENT_LOCAL:
		add(out, &n, cap, MPR_REMEDY_ADD_LOCAL_BODY, -1, 0);
		return n;
	case MPR_MON_LESS_FREQUENT:
		add(out, &n, cap, MPR_REMEDY_SET_FREQUENCY, -1, r->required_months);
		return n;
	default:
		break;
	}
	if (pr->bilateral == 1) {
		add(out, &n, cap, MPR_REMEDY_ADD_EU_PARTY, -1, 0);
		return n;
	}
	if (pr->any_excluded == 1 && pr->any_humanitarian == 0) {
		add(out, &n, cap, MPR_REMEDY_SEPARATE_HUMANITARIAN, -1, 0);
		return n;
	}
	if (pr->all_tagged) {
		add(out, &n, cap, MPR_REMEDY_ADD_ACTIVITY, -1, 0);
		return n;
	}
	add(out, &n, cap, MPR_REMEDY_IMPOSSIBLE, -1, 0);
	return n;
}

static void remedy_text(mpr_buf *b, const mpr_result *r, const mpr_remedy *m, size_t i_activity)
{
	const mpr_ruleset *rs = r->rules;
	switch (m->kind) {
	case MPR_REMEDY_ADD_SAFEGUARD:
		mpr_buf_printf(b, "declare safeguard %s", rs->safeguards[m->index].n.id);
		break;
	case MPR_REMEDY_DROP_ATTRIBUTE:
		mpr_buf_printf(b, "drop attribute %s (change the activity so that it no longer applies)",
		               rs->attributes[m->index].n.id);
		break;
	case MPR_REMEDY_ADD_ELEMENT:
		mpr_buf_printf(b, "declare partnership element %s", rs->elements[m->index].n.id);
		if (rs->elements[m->index].detail)
			mpr_buf_printf(b, ", stating its %s", rs->elements[m->index].detail);
		break;
	case MPR_REMEDY_DECLARE_BENEFICIARY: {
		mpr_buf_puts(b, "if the support is delivered to migrants, declare who delivers it (beneficiary:");
		for (size_t k = 0, first = 1; k < rs->n_beneficiaries; k++)
			if (rs->beneficiaries[k].delivers_to_migrants) {
				mpr_buf_printf(b, "%s %s", first ? "" : " or", rs->beneficiaries[k].n.id);
				first = 0;
			}
		mpr_buf_puts(b, ")");
		break;
	}
	case MPR_REMEDY_DECLARE_NATIONALS_ONLY:
		mpr_buf_printf(b, "if the activity returns only nationals of %s, declare nationals_only: true",
		               rs->countries[r->activities[i_activity].d.country].n.id);
		break;
	case MPR_REMEDY_SEPARATE_HUMANITARIAN:
		mpr_buf_puts(b, "keep the humanitarian support in the excluded country out of this partnership: "
		                "a separate, humanitarian-only arrangement");
		break;
	case MPR_REMEDY_SET_FREQUENCY:
		mpr_buf_printf(b, "set monitoring.frequency_months to %u or less", m->months);
		break;
	case MPR_REMEDY_ADD_BODY:
		mpr_buf_puts(b, "add an independent monitoring body (international organisation, ombudsman)");
		break;
	case MPR_REMEDY_ADD_LOCAL_BODY:
		mpr_buf_puts(b, "add an independent monitoring body with local access");
		break;
	case MPR_REMEDY_ADD_EU_PARTY:
		mpr_buf_puts(b, "coordinate with European partners (declare eu-coordination, or make the EU a party)");
		break;
	case MPR_REMEDY_ADD_ACTIVITY:
		mpr_buf_puts(b, "add components beyond externalisation: the partnership must be broad (no change to the listed activities alone can)");
		break;
	case MPR_REMEDY_COUNTRY_TIER: {
		const mpr_decision *d = &r->activities[i_activity].d;
		const mpr_country *c = &rs->countries[d->country];
		mpr_buf_printf(b, "it would need a %s-risk country: %s is %s (base %s from the indices%s)",
		               rs->tiers[m->index], c->n.id, rs->tiers[c->tier], rs->tiers[c->base_tier],
		               c->tier > c->base_tier ? ", raised by migrant-specific context" : "");
		break;
	}
	default:
		mpr_buf_puts(b, "no change to this proposal can make it pass under these rules");
	}
}

static const char *const remedy_kinds[] = {"impossible", "add-safeguard", "drop-attribute",
                                           "add-element", "set-frequency", "add-body",
                                           "add-local-body", "add-eu-party", "add-activity",
                                           "country-tier", "declare-beneficiary",
                                           "declare-nationals-only", "separate-humanitarian"};

static void remedy_json(mpr_buf *b, const mpr_result *r, const mpr_remedy *m, size_t i_activity)
{
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "{\"kind\": \"%s\"", remedy_kinds[m->kind]);
	const char *id = NULL;
	if (m->kind == MPR_REMEDY_ADD_SAFEGUARD)
		id = rs->safeguards[m->index].n.id;
	else if (m->kind == MPR_REMEDY_DROP_ATTRIBUTE)
		id = rs->attributes[m->index].n.id;
	else if (m->kind == MPR_REMEDY_ADD_ELEMENT)
		id = rs->elements[m->index].n.id;
	else if (m->kind == MPR_REMEDY_COUNTRY_TIER)
		id = rs->tiers[m->index];
	if (id) {
		mpr_buf_puts(b, ", \"id\": ");
		mpr_buf_json_string(b, id);
	}
	if (m->kind == MPR_REMEDY_SET_FREQUENCY)
		mpr_buf_printf(b, ", \"frequency_months\": %u", m->months);
	{
		mpr_buf text = {0};
		remedy_text(&text, r, m, i_activity);
		mpr_buf_puts(b, ", \"text\": ");
		mpr_buf_json_string(b, text.data ? text.data : "");
		if (text.failed)
			b->failed = 1;
		free(text.data);
	}
	mpr_buf_puts(b, "}");
}

void mpr_render_remedies_json(mpr_buf *b, const mpr_result *r, int finding, size_t i,
                              mpr_step *trace)
{
	mpr_remedy rem[MAX_REMEDIES];
	size_t n = finding ? mpr_finding_remedies(r, i, rem, MAX_REMEDIES)
	                   : mpr_activity_remedies(r, i, rem, MAX_REMEDIES, trace);
	mpr_buf_puts(b, "[");
	for (size_t k = 0; k < n; k++) {
		if (k)
			mpr_buf_puts(b, ", ");
		remedy_json(b, r, &rem[k], finding ? 0 : i);
	}
	mpr_buf_puts(b, "]");
}

void mpr_render_remedies_text(mpr_buf *b, const mpr_result *r, mpr_step *trace)
{
	mpr_remedy rem[MAX_REMEDIES];
	int any = 0;
	for (size_t i = 0; i < r->n_activities; i++) {
		size_t n = mpr_activity_remedies(r, i, rem, MAX_REMEDIES, trace);
		if (!n)
			continue;
		if (!any)
			mpr_buf_puts(b, "\nwhat would change the verdict:\n");
		any = 1;
		mpr_buf_printf(b, "  activity %s:\n", r->activities[i].id);
		for (size_t k = 0; k < n; k++) {
			mpr_buf_puts(b, "    - ");
			remedy_text(b, r, &rem[k], i);
			mpr_buf_puts(b, "\n");
		}
	}
	for (size_t f = 0; f < r->n_findings; f++) {
		size_t n = mpr_finding_remedies(r, f, rem, MAX_REMEDIES);
		if (!any)
			mpr_buf_puts(b, "\nwhat would change the verdict:\n");
		any = 1;
		mpr_buf_printf(b, "  finding %s:\n", r->findings[f]->id);
		for (size_t k = 0; k < n; k++) {
			mpr_buf_puts(b, "    - ");
			remedy_text(b, r, &rem[k], 0);
			mpr_buf_puts(b, "\n");
		}
	}
	if (!any)
		mpr_buf_puts(b, "\nwhat would change the verdict: nothing needs to, every activity passes\n");
}

/* ------------------------------------------------------------------------ */
/* The monitoring plan                                                       */

typedef struct plan {
	size_t pace_activity; /* the activity that sets the pace */
	unsigned months;
	int level, suspension;
	size_t susp_activity;
	bool local_needed;
} plan;

static plan make_plan(const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	plan p = {0, 0, 0, 0, 0, false};
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		if (!p.months || d->cell->months < p.months) {
			p.months = d->cell->months;
			p.pace_activity = i;
		}
		if (d->cell->monitoring > p.level)
			p.level = d->cell->monitoring;
		if (i == 0 || d->cell->suspension > p.suspension) {
			p.suspension = d->cell->suspension;
			p.susp_activity = i;
		}
		/* an activity in the top tier needs a body on the ground (M1, F5) */
		if (d->country_tier == (int)rs->n_tiers - 1)
			p.local_needed = true;
	}
	return p;
}

static bool item_applies(const mpr_ruleset *rs, const mpr_monitor_item *m, const mpr_decision *d)
{
	if (!m->for_tags && !m->for_safeguards)
		return true;
	return (rs->measures[d->measure].tags & m->for_tags) || (d->required & m->for_safeguards);
}

void mpr_render_plan_text(mpr_buf *b, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	if (!r->n_activities)
		return;
	plan p = make_plan(r);
	mpr_buf_puts(b, "\nmonitoring plan (§4.2.3):\n");
	mpr_buf_printf(b, "  pace: every %u months, %s (set by activity %s)\n", p.months,
	               rs->monitoring[p.level], r->activities[p.pace_activity].id);
	if (pr->monitoring_months)
		mpr_buf_printf(b, "  declared: every %u months%s\n", pr->monitoring_months,
		               pr->monitoring_months > p.months ? " - too rare (M3)" : "");
	else
		mpr_buf_puts(b, "  declared: no frequency (M3)\n");
	mpr_buf_puts(b, "  bodies:");
	if (!pr->n_bodies)
		mpr_buf_puts(b, " none declared");
	for (size_t i = 0; i < pr->n_bodies; i++)
		mpr_buf_printf(b, "%s %s (%s, %s)", i ? ";" : "", pr->bodies[i].name,
		               pr->bodies[i].independent ? "independent" : "not independent",
		               pr->bodies[i].local_access ? "local access" : "no local access");
	mpr_buf_puts(b, "\n");
	if (p.local_needed)
		mpr_buf_puts(b, "  required: an independent body with local access (an activity is in a high-risk country; M1, F5)\n");
	mpr_buf_printf(b, "  findings lead to: %s - %s (strictest, from activity %s)\n",
	               rs->suspension[p.suspension].id, rs->suspension[p.suspension].name,
	               r->activities[p.susp_activity].id);
	mpr_buf_puts(b, "  what is monitored:\n");
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		mpr_buf_printf(b, "    %s (%s, every %u months):\n", r->activities[i].id,
		               rs->measures[d->measure].n.id, d->cell->months);
		for (size_t k = 0; k < rs->n_monitor_items; k++)
			if (item_applies(rs, &rs->monitor_items[k], d))
				mpr_buf_printf(b, "      - %s [%s]\n", rs->monitor_items[k].what,
				               rs->monitor_items[k].source);
	}
}

void mpr_render_plan_json(mpr_buf *b, const mpr_result *r, const char *indent)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	plan p = make_plan(r);
	mpr_buf_printf(b, "{\"frequency_months\": %u, \"level\": ", p.months);
	mpr_buf_json_string(b, rs->monitoring[p.level]);
	mpr_buf_puts(b, ", \"set_by\": ");
	mpr_buf_json_string(b, r->n_activities ? r->activities[p.pace_activity].id : "");
	if (pr->monitoring_months)
		mpr_buf_printf(b, ", \"declared_frequency_months\": %u", pr->monitoring_months);
	else
		mpr_buf_puts(b, ", \"declared_frequency_months\": null");
	mpr_buf_printf(b, ", \"independent_local_access_required\": %s,\n%s  \"bodies\": [",
	               p.local_needed ? "true" : "false", indent);
	for (size_t i = 0; i < pr->n_bodies; i++) {
		mpr_buf_printf(b, "%s{\"name\": ", i ? ", " : "");
		mpr_buf_json_string(b, pr->bodies[i].name);
		mpr_buf_printf(b, ", \"independent\": %s, \"local_access\": %s}",
		               pr->bodies[i].independent ? "true" : "false",
		               pr->bodies[i].local_access ? "true" : "false");
	}
	mpr_buf_puts(b, "],\n");
	mpr_buf_printf(b, "%s  \"suspension\": ", indent);
	mpr_buf_json_string(b, r->n_activities ? rs->suspension[p.suspension].id : "");
	mpr_buf_printf(b, ",\n%s  \"activities\": [", indent);
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		mpr_buf_printf(b, "%s\n%s    {\"id\": ", i ? "," : "", indent);
		mpr_buf_json_string(b, r->activities[i].id);
		mpr_buf_printf(b, ", \"frequency_months\": %u, \"monitor\": [", d->cell->months);
		int first = 1;
		for (size_t k = 0; k < rs->n_monitor_items; k++)
			if (item_applies(rs, &rs->monitor_items[k], d)) {
				mpr_buf_printf(b, "%s{\"id\": ", first ? "" : ", ");
				mpr_buf_json_string(b, rs->monitor_items[k].id);
				mpr_buf_puts(b, ", \"what\": ");
				mpr_buf_json_string(b, rs->monitor_items[k].what);
				mpr_buf_puts(b, ", \"source\": ");
				mpr_buf_json_string(b, rs->monitor_items[k].source);
				mpr_buf_puts(b, "}");
				first = 0;
			}
		mpr_buf_puts(b, "]}");
	}
	mpr_buf_printf(b, "%s]}", r->n_activities ? "\n  " : "");
	if (r->n_activities)
		mpr_buf_puts(b, indent);
}
