/*
 * text.c - results, explanations, the matrix and the ruleset summary as
 * text for people: what `mprisk evaluate`, `explain`, `matrix` and `lint`
 * print, pinned byte for byte by the golden tests. The sentences of the
 * remedies that depend on the proposal are written here and only here; those
 * that depend only on the rules, in load/remedy_texts.c (the JSON carries
 * both).
 * What is printed was computed before (decide/).
 */
#include <stdio.h>
#include <string.h>

#include "render/render.h"

#include "load/load.h"

/* Whether the rules are signed, and by which key (load/signature.c). */
static void text_signature_words(mpr_buf *b, const mpr_ruleset *rs)
{
	const mpr_rules_signature *sig = &rs->signature;
	if (sig->status == MPR_SIGNATURE_VALID)
		mpr_buf_printf(b, "signed by key %s (%s)", sig->key_id, sig->signed_at);
	else if (sig->status == MPR_SIGNATURE_INVALID)
		mpr_buf_printf(b, "NOT SIGNED: the signature is invalid: %s", sig->problem);
	else
		mpr_buf_puts(b, "unsigned");
}

void mpr_text_ruleset(mpr_buf *b, const mpr_ruleset *rs)
{
	mpr_buf_printf(b, "%s (%s), ", rs->id, rs->fingerprint);
	text_signature_words(b, rs);
}

static void text_safeguards(mpr_buf *b, const mpr_ruleset *rs, mpr_set set)
{
	int first = 1;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			mpr_buf_printf(b, "%s%s", first ? "" : ", ", rs->safeguards[s].n.id);
			first = 0;
		}
	if (first)
		mpr_buf_puts(b, "none");
}

static void text_trace(mpr_buf *b, const mpr_step *steps, size_t n, const char *indent)
{
	for (size_t i = 0; i < n; i++)
		mpr_buf_printf(b, "%s- %s: %s\n%s    [%s]\n", indent, steps[i].rule, steps[i].effect,
		               indent, steps[i].source);
}

/* The steps of a decision's trace after its country's classification,
 * which a result shows once per country (text_countries) and explain above
 * the decision. */
static size_t own_steps(const mpr_ruleset *rs, const mpr_decision *d)
{
	size_t n = rs->countries[d->country].n_reasons;
	return d->n_trace >= n ? n : d->n_trace;
}

/* One decision; with why, its trace after the classification. */
static void text_decision(mpr_buf *b, const mpr_ruleset *rs, const mpr_decision *d,
                          const char *indent, bool why)
{
	const mpr_country *c = &rs->countries[d->country];
	mpr_buf_printf(b, "%scountry %s (%s): tier %s; measure %s: tier %s", indent, c->n.id,
	               c->n.name, rs->tiers[d->country_tier], rs->measures[d->measure].n.id,
	               rs->tiers[d->measure_tier]);
	if (d->beneficiary >= 0)
		mpr_buf_printf(b, "; beneficiary %s", rs->beneficiaries[d->beneficiary].n.id);
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, "%sverdict: %s%s\n", indent, mpr_verdict_word(d->verdict),
	               mpr_decision_passes(d) ? " (passes)" : " (does not pass)");
	mpr_buf_printf(b, "%smonitoring: %s, every %u months; suspension: %s\n", indent,
	               rs->monitoring[d->cell->monitoring], d->cell->months,
	               rs->suspension[d->cell->suspension].id);
	mpr_buf_printf(b, "%srequired safeguards: ", indent);
	text_safeguards(b, rs, d->required);
	mpr_buf_printf(b, "\n%smissing safeguards: ", indent);
	text_safeguards(b, rs, d->missing);
	mpr_buf_puts(b, "\n");
	if (!why)
		return;
	size_t from = own_steps(rs, d);
	mpr_buf_printf(b, "%swhy (after the country's classification):\n", indent);
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s  ", indent);
	text_trace(b, d->trace + from, d->n_trace - from, deeper);
}

void mpr_text_remedy(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_remedy *m,
                     size_t i_activity)
{
	(void)how;
	const mpr_ruleset *rs = r->rules;
	if (mpr_remedy_sentence(b, rs, m->kind, m->index)) /* one that depends only on the rules */
		return;
	switch (m->kind) {
	case MPR_REMEDY_DECLARE_NATIONALS_ONLY:
		mpr_buf_cat(b, "if the activity returns only nationals of ",
		            rs->countries[r->activities[i_activity].d.country].n.id,
		            ", declare nationals_only: true", (const char *)NULL);
		break;
	case MPR_REMEDY_SET_FREQUENCY:
		mpr_buf_printf(b, "set monitoring.frequency_months to %u or less", m->months);
		break;
	case MPR_REMEDY_COUNTRY_TIER: {
		const mpr_decision *d = &r->activities[i_activity].d;
		const mpr_country *c = &rs->countries[d->country];
		mpr_buf_cat(b, "it would need a ", rs->tiers[m->index], "-risk country: ", c->n.id,
		            " is ", rs->tiers[c->tier], " (base ", rs->tiers[c->base_tier],
		            " from the indices",
		            c->tier > c->base_tier ? ", raised by migrant-specific context)" : ")",
		            (const char *)NULL);
		break;
	}
	default: /* the kinds of mpr_remedy_sentence */
		break;
	}
}

/* "what would change the verdict": each activity's and finding's remedies. */
static void text_remedy_list(mpr_buf *b, const mpr_result *r, const char *what, const char *id,
                             const mpr_remedy *v, size_t n, size_t activity)
{
	mpr_buf_printf(b, "  %s %s:\n", what, id);
	for (size_t k = 0; k < n; k++) {
		mpr_buf_puts(b, "    - ");
		mpr_text_remedy(b, NULL, r, &v[k], activity);
		mpr_buf_puts(b, "\n");
	}
}

static void text_remedies(mpr_buf *b, const mpr_result *r, const mpr_remedies *rem)
{
	int any = 0;
	for (size_t i = 0; i < r->n_activities; i++) {
		size_t n;
		const mpr_remedy *list = mpr_remedies_span(rem, rem->activity, i, &n);
		if (!n)
			continue;
		if (!any)
			mpr_buf_puts(b, "\nwhat would change the verdict:\n");
		any = 1;
		text_remedy_list(b, r, "activity", r->activities[i].id, list, n, i);
	}
	for (size_t f = 0; f < r->n_findings; f++) {
		size_t n;
		const mpr_remedy *list = mpr_remedies_span(rem, rem->finding, f, &n);
		if (!any)
			mpr_buf_puts(b, "\nwhat would change the verdict:\n");
		any = 1;
		text_remedy_list(b, r, "finding", r->findings[f]->id, list, n, 0);
	}
	if (!any)
		mpr_buf_puts(b, "\nwhat would change the verdict: nothing needs to, every activity passes\n");
}

void mpr_text_plan(mpr_buf *b, const mpr_result *r, const mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	if (!r->n_activities)
		return;
	mpr_buf_puts(b, "\nmonitoring plan (§4.2.3):\n");
	mpr_buf_printf(b, "  pace: every %u months, %s (set by activity %s)\n", p->months,
	               rs->monitoring[p->level], r->activities[p->pace_activity].id);
	if (pr->monitoring_months)
		mpr_buf_printf(b, "  declared: every %u months%s\n", pr->monitoring_months,
		               pr->monitoring_months > p->months ? " - too rare (M3)" : "");
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
	if (p->local_needed)
		mpr_buf_puts(b, "  required: an independent body with local access (an activity is in a high-risk country; M1, F5)\n");
	mpr_buf_printf(b, "  findings lead to: %s - %s (strictest, from activity %s)\n",
	               rs->suspension[p->suspension].id, rs->suspension[p->suspension].name,
	               r->activities[p->susp_activity].id);
	mpr_buf_puts(b, "  what is monitored:\n");
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		mpr_buf_printf(b, "    %s (%s, every %u months):\n", r->activities[i].id,
		               rs->measures[d->measure].n.id, d->cell->months);
		for (size_t k = p->start[i]; k < p->start[i + 1]; k++)
			mpr_buf_printf(b, "      - %s [%s]\n", rs->monitor_items[p->items[k]].what,
			               rs->monitor_items[p->items[k]].source);
	}
}

/* Whether the trace of a decision is shown. */
static bool shows_why(const mpr_how *how, const mpr_decision *d)
{
	return how->explain == MPR_EXPLAIN_FULL ||
	       (how->explain == MPR_EXPLAIN_FAILS && !mpr_decision_passes(d));
}

static void text_tier_line(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *c)
{
	mpr_buf_printf(b, "  %s (%s): tier %s (base %s%s)%s\n", c->n.id, c->n.name,
	               rs->tiers[c->tier], rs->tiers[c->base_tier],
	               c->tier > c->base_tier ? ", raised by migrant-specific context" : "",
	               c->excluded       ? ", excluded (F2)"
	               : c->under_review ? ", state authority under review (F2)"
	                                 : "");
}

/* Each country the activities were decided in, once, in the order they
 * first appear: its tier, and its classification where a trace is shown. */
static void text_countries(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	if (!r->n_activities)
		return;
	mpr_buf_puts(b, "\ncountries (each classified once, for every activity decided there):\n");
	for (size_t i = 0; i < r->n_activities; i++) {
		int c = r->activities[i].d.country;
		bool seen = false, why = false;
		for (size_t k = 0; k < r->n_activities && !seen; k++) {
			if (r->activities[k].d.country != c)
				continue;
			seen = k < i;
			why = why || shows_why(how, &r->activities[k].d);
		}
		if (seen)
			continue;
		text_tier_line(b, rs, &rs->countries[c]);
		if (why)
			text_trace(b, rs->countries[c].reasons, rs->countries[c].n_reasons, "    ");
	}
}

void mpr_text_result(mpr_buf *b, const mpr_how *how, const mpr_result *r,
                     const mpr_remedies *rem, const mpr_plan *plan)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "proposal %s", p->id);
	if (p->title)
		mpr_buf_printf(b, ": %s", p->title);
	mpr_buf_printf(b, "\n  file: %s (%s)\n  rules: ", p->name, p->sha256);
	mpr_text_ruleset(b, rs);
	mpr_buf_puts(b, "\n");
	for (size_t e = 0; e < rs->n_elements; e++)
		if (p->element_detail[e])
			mpr_buf_printf(b, "  %s: %s %s\n", rs->elements[e].n.id, rs->elements[e].detail,
			               p->element_detail[e]);
	mpr_buf_printf(b, "  verdict: %s%s\n", mpr_verdict_word(r->verdict),
	               r->passes ? " (every activity passes, no partnership finding)" : " (does not pass)");
	text_countries(b, how, r);
	if (r->n_findings) {
		mpr_buf_printf(b, "\npartnership findings (%zu):\n", r->n_findings);
		for (size_t i = 0; i < r->n_findings; i++) {
			const mpr_prule *pr = r->findings[i];
			mpr_buf_printf(b, "  - %s %s: %s\n      [%s]\n", mpr_verdict_word(pr->severity), pr->id,
			               pr->message, pr->source);
		}
	}
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_activity *a = &r->activities[i];
		mpr_buf_printf(b, "\nactivity %s: %s\n", a->id, mpr_verdict_word(a->d.verdict));
		text_decision(b, rs, &a->d, "  ", shows_why(how, &a->d));
	}
	mpr_text_plan(b, r, plan);
	if (rem)
		text_remedies(b, r, rem);
}

void mpr_text_matrix(mpr_buf *b, const mpr_grid *g)
{
	static const char verdict_symbol[] = {'.', 'c', 'X', 'P'};
	const mpr_ruleset *rs = g->rules;
	const int *order = g->by_tier; /* countries grouped by tier, lowest first */
	size_t n = rs->n_countries, width = 0;
	mpr_buf_puts(b, "rules: ");
	mpr_text_ruleset(b, rs);
	mpr_buf_puts(b, "\n");
	mpr_buf_puts(b, "Each cell is the verdict when the activity declares the safeguards it is required to:\n"
	                "  . permitted   c conditional   X no-go   P prohibited (below the floor)\n\n");
	for (size_t m = 0; m < rs->n_measures; m++)
		if (strlen(rs->measures[m].n.id) > width)
			width = strlen(rs->measures[m].n.id);
	for (int row = 0; row < 2; row++) {
		mpr_buf_printf(b, "%*s", (int)width + 8, "");
		for (size_t i = 0; i < n; i++)
			mpr_buf_printf(b, " %c", rs->countries[order[i]].n.id[row]);
		mpr_buf_puts(b, "\n");
	}
	mpr_buf_printf(b, "%*s", (int)width + 8, "country tier ");
	for (size_t i = 0; i < n; i++)
		mpr_buf_printf(b, " %c", rs->tiers[rs->countries[order[i]].tier][0]);
	mpr_buf_puts(b, "\n");
	for (size_t m = 0; m < rs->n_measures; m++) {
		mpr_buf_printf(b, "%-*s %-6s ", (int)width, rs->measures[m].n.id,
		               rs->tiers[rs->measures[m].tier]);
		for (size_t i = 0; i < n; i++)
			mpr_buf_printf(b, " %c", verdict_symbol[mpr_grid_at(g, (size_t)order[i], m)->verdict]);
		mpr_buf_puts(b, "\n");
	}
	mpr_buf_puts(b, "\ncountries:\n");
	for (size_t i = 0; i < n; i++) {
		const mpr_country *c = &rs->countries[order[i]];
		mpr_buf_printf(b, "  %s %-6s %s%s\n", c->n.id, rs->tiers[c->tier], c->n.name,
		               c->excluded ? " (excluded, F2)" : "");
	}
}

static const char *treaty_text(int v, char *buf, size_t n)
{
	if (v == MPR_TREATY_UNKNOWN)
		return "unknown";
	if (v == MPR_TREATY_NOT_PARTY)
		return "not a party";
	snprintf(buf, n, "%d", v);
	return buf;
}

static const char *source_name(const mpr_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_sources; i++)
		if (strcmp(rs->sources[i].id, id) == 0)
			return rs->sources[i].name;
	return id;
}

static void text_country(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *c)
{
	mpr_buf_printf(b, "%s %s: tier %s (base %s)%s, assessed %s\n", c->n.id, c->n.name,
	               rs->tiers[c->tier], rs->tiers[c->base_tier],
	               c->excluded       ? ", EXCLUDED (F2)"
	               : c->under_review ? ", state authority UNDER REVIEW (F2)"
	                                 : "",
	               c->assessed);
	mpr_buf_puts(b, "indicators:\n");
	if (c->fh_status >= 0)
		mpr_buf_printf(b, "  Freedom House %d: %s", c->fh_edition,
		               rs->classification.fh_status_names[c->fh_status]);
	else
		mpr_buf_printf(b, "  Freedom House %d: status unknown", c->fh_edition);
	if (c->fh_score >= 0)
		mpr_buf_printf(b, ", %d/100", c->fh_score);
	mpr_buf_printf(b, "\n    source: %s\n", source_name(rs, c->fh_source));
	if (c->hri >= 0)
		mpr_buf_printf(b, "  V-Dem %s (%d): human rights index %.3f", c->vdem_version,
		               c->vdem_year, c->hri);
	else
		mpr_buf_printf(b, "  V-Dem %s (%d): human rights index unknown", c->vdem_version,
		               c->vdem_year);
	if (c->vdem_regime >= 0)
		mpr_buf_printf(b, ", regime %d (0 closed autocracy .. 3 liberal democracy)", c->vdem_regime);
	mpr_buf_printf(b, "\n    source: %s\n", source_name(rs, c->vdem_source));
	char t[4][16];
	mpr_buf_printf(b, "  treaties: Refugee Convention %s, Protocol %s, CAT %s, ICCPR %s\n",
	               treaty_text(c->treaty[0], t[0], 16), treaty_text(c->treaty[1], t[1], 16),
	               treaty_text(c->treaty[2], t[2], 16), treaty_text(c->treaty[3], t[3], 16));
	mpr_buf_printf(b, "    source: %s", source_name(rs, c->treaty_source));
	if (c->refugee_source)
		mpr_buf_printf(b, "; refugee instruments: %s", source_name(rs, c->refugee_source));
	if (c->state_authority_source) {
		if (c->state_authority >= 0)
			mpr_buf_printf(b, "\n  state authority over territory: %.1f%% (V-Dem %s, %d)",
			               c->state_authority, c->state_authority_version, c->state_authority_year);
		else
			mpr_buf_printf(b, "\n  state authority over territory: unknown (V-Dem %s, %d)",
			               c->state_authority_version, c->state_authority_year);
		mpr_buf_printf(b, "\n    source: %s", source_name(rs, c->state_authority_source));
	}
	mpr_buf_printf(b, "\nrestricted fundamental freedoms (R8): %s\n",
	               c->restricted_freedoms ? "yes" : "no");
	mpr_buf_puts(b, "classification:\n");
	text_trace(b, c->reasons, c->n_reasons, "  ");
	if (c->n_notes) {
		mpr_buf_puts(b, "notes on the data:\n");
		for (size_t i = 0; i < c->n_notes; i++)
			mpr_buf_printf(b, "  - %s\n", c->notes[i]);
	}
}

void mpr_text_explain(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *co,
                      const mpr_decision *d)
{
	text_country(b, rs, co);
	if (!d)
		return;
	const mpr_measure *me = &rs->measures[d->measure];
	mpr_buf_printf(b, "\n%s: %s\n", me->n.id, me->n.name);
	mpr_buf_puts(b, "decision when the activity declares the safeguards it is required to:\n");
	text_decision(b, rs, d, "  ", true);
	size_t n_esc = rs->n_global_escalations + me->n_escalations;
	if (n_esc) {
		mpr_buf_puts(b, "attributes that would change this decision:\n");
		for (size_t i = 0; i < n_esc; i++) {
			const mpr_escalation *e =
				&rs->escalations[i < rs->n_global_escalations
				                     ? rs->global_escalations[i]
				                     : me->escalations[i - rs->n_global_escalations]];
			mpr_buf_printf(b, "  - %s: %s\n      [%s]\n", e->id, e->effect, e->source);
		}
	}
	int first = 1;
	for (size_t i = 0; i < rs->n_floor; i++)
		if (rs->floor[i].any_attribute) {
			if (first)
				mpr_buf_puts(b, "attributes that put it below the floor anywhere:\n");
			first = 0;
			mpr_buf_printf(b, "  - %s:", rs->floor[i].id);
			for (size_t a = 0; a < rs->n_attributes; a++)
				if (rs->floor[i].any_attribute & ((mpr_set)1 << a))
					mpr_buf_printf(b, " %s", rs->attributes[a].n.id);
			mpr_buf_printf(b, "\n      [%s]\n", rs->floor[i].source);
		}
}

void mpr_text_summary(mpr_buf *b, const mpr_ruleset *rs)
{
	mpr_buf_printf(b, "ruleset %s: %s\n  fingerprint %s\n", rs->id, rs->title, rs->fingerprint);
	mpr_buf_puts(b, "  signature: ");
	text_signature_words(b, rs);
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, "  tiers: ");
	for (size_t t = 0; t < rs->n_tiers; t++) {
		size_t n = 0, ex = 0;
		for (size_t c = 0; c < rs->n_countries; c++)
			if ((size_t)rs->countries[c].tier == t) {
				n++;
				ex += rs->countries[c].excluded != NULL;
			}
		mpr_buf_printf(b, "%s%s (%zu countries%s)", t ? ", " : "", rs->tiers[t], n,
		               ex ? ", some excluded" : "");
	}
	size_t cells = rs->n_tiers * rs->n_tiers, ctx = 0;
	for (size_t c = 0; c < rs->n_countries; c++)
		ctx += rs->countries[c].n_context;
	mpr_buf_printf(b,
	               "\n  %zu countries, %zu context factors, %zu measures, %zu escalations, "
	               "%zu safeguards, %zu attributes, %zu matrix cells, %zu floor rules, %zu sources\n",
	               rs->n_countries, ctx, rs->n_measures, rs->n_escalations, rs->n_safeguards,
	               rs->n_attributes, cells, rs->n_floor, rs->n_sources);
	mpr_buf_puts(b, "  checks passed: schema, ids and references, sources present, every tier "
	                 "pair has a cell, top x top is no-go (C1), no cell lighter than one of lower "
	                 "risk (C3)\n");
}

const char *mpr_verdict_text(const mpr_how *how, mpr_verdict v)
{
	static const char *const words[] = {N_("permitted"), N_("conditional"), N_("no-go"),
	                                    N_("prohibited")};
	return (unsigned)v <= MPR_PROHIBITED ? tr(how, words[v]) : "?";
}
