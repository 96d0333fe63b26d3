/*
 * text.c - a result as text for people: what `mprisk evaluate` prints,
 * pinned byte for byte by the golden tests, in the language the call asks
 * for (every program string through tr, every rule text through rt; ids,
 * hashes and section numbers as they are). The sentences of the remedies
 * that depend on the proposal are written here and only here; those that
 * depend only on the rules, in load/remedy_texts.c (the JSON carries both).
 * What is printed was computed before (decide/).
 */
#include <stdio.h>
#include <string.h>

#include "render/render.h"

#include "load/load.h"

/* Whether the rules are signed, and by which key (load/signature.c). */
static void text_signature_words(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs)
{
	const mpr_rules_signature *sig = &rs->signature;
	if (sig->status == MPR_SIGNATURE_VALID)
		mpr_buf_printf(b, tr(how, "signed by key %s (%s)"), sig->key_id, sig->signed_at);
	else if (sig->status == MPR_SIGNATURE_INVALID)
		mpr_buf_printf(b, tr(how, "NOT SIGNED: the signature is invalid: %s"), sig->problem);
	else
		mpr_buf_puts(b, tr(how, "unsigned"));
}

void mpr_text_ruleset(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs)
{
	mpr_buf_printf(b, "%s (%s), ", rs->id, rs->fingerprint);
	text_signature_words(b, how, rs);
}

void mpr_text_signature(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs)
{
	text_signature_words(b, how, rs);
}

void mpr_text_safeguards(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs, mpr_set set)
{
	int first = 1;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			mpr_buf_printf(b, "%s%s", first ? "" : ", ", rs->safeguards[s].n.id);
			first = 0;
		}
	if (first)
		mpr_buf_puts(b, tr(how, "none"));
}

void mpr_text_trace(mpr_buf *b, const mpr_how *how, const mpr_step *steps, size_t n,
                    const char *indent)
{
	for (size_t i = 0; i < n; i++)
		mpr_buf_printf(b, "%s- %s: %s\n%s    [%s]\n", indent, steps[i].rule,
		               rt(how, steps[i].effect), indent, rt(how, steps[i].source));
}

/* The steps of a decision's trace after its country's classification,
 * which a result shows once per country (text_countries) and explain above
 * the decision. */
static size_t own_steps(const mpr_ruleset *rs, const mpr_decision *d)
{
	size_t n = rs->countries[d->country].n_reasons;
	return d->n_trace >= n ? n : d->n_trace;
}

void mpr_text_decision(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                       const mpr_decision *d, const char *indent, bool why)
{
	const mpr_country *c = &rs->countries[d->country];
	mpr_buf_puts(b, indent);
	mpr_buf_printf(b, tr(how, "country %s (%s): tier %s; measure %s: tier %s"), c->n.id,
	               rt(how, c->n.name), rt(how, rs->tiers[d->country_tier]),
	               rs->measures[d->measure].n.id, rt(how, rs->tiers[d->measure_tier]));
	if (d->beneficiary >= 0)
		mpr_buf_printf(b, tr(how, "; beneficiary %s"), rs->beneficiaries[d->beneficiary].n.id);
	if (d->implementer >= 0)
		mpr_buf_printf(b, tr(how, "; implementer %s"), rs->implementers[d->implementer].n.id);
	mpr_buf_printf(b, "\n%s", indent);
	mpr_buf_printf(b, mpr_decision_passes(d) ? tr(how, "verdict: %s (passes)")
	                                         : tr(how, "verdict: %s (does not pass)"),
	               mpr_verdict_text(how, d->verdict));
	mpr_buf_printf(b, "\n%s", indent);
	mpr_buf_printf(b, tr(how, "monitoring: %s, every %u months; suspension: %s"),
	               rt(how, rs->monitoring[d->cell->monitoring]), d->cell->months,
	               rs->suspension[d->cell->suspension].id);
	mpr_buf_printf(b, "\n%s%s ", indent, tr(how, "required safeguards:"));
	mpr_text_safeguards(b, how, rs, d->required);
	mpr_buf_printf(b, "\n%s%s ", indent, tr(how, "missing safeguards:"));
	mpr_text_safeguards(b, how, rs, d->missing);
	mpr_buf_puts(b, "\n");
	if (!why)
		return;
	size_t from = own_steps(rs, d);
	mpr_buf_printf(b, "%s%s\n", indent, tr(how, "why (after the country's classification):"));
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s  ", indent);
	mpr_text_trace(b, how, d->trace + from, d->n_trace - from, deeper);
}

/* Whether the view is in a language other than the rules' own English:
 * then its sentences are the catalogue's formats, else they are put
 * together without printf (the hot path of the JSON remedies). */
static bool translated(const mpr_how *how)
{
	return how && how->lang && how->lang->program;
}

static void country_tier_remedy(mpr_buf *b, const mpr_how *how, const mpr_result *r,
                                const mpr_remedy *m, size_t i_activity)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_country *c = &rs->countries[r->activities[i_activity].d.country];
	if (!translated(how)) {
		mpr_buf_cat(b, "it would need a ", rs->tiers[m->index], "-risk country: ", c->n.id,
		            " is ", rs->tiers[c->tier], " (base ", rs->tiers[c->base_tier],
		            " from the indices",
		            c->tier > c->base_tier ? ", raised by migrant-specific context)" : ")",
		            (const char *)NULL);
		return;
	}
	mpr_buf_printf(b,
	               c->tier > c->base_tier
	                   ? tr(how, "it would need a %s-risk country: %s is %s (base %s from the "
	                             "indices, raised by migrant-specific context)")
	                   : tr(how, "it would need a %s-risk country: %s is %s (base %s from the "
	                             "indices)"),
	               rt(how, rs->tiers[m->index]), c->n.id, rt(how, rs->tiers[c->tier]),
	               rt(how, rs->tiers[c->base_tier]));
}

void mpr_text_remedy(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_remedy *m,
                     size_t i_activity)
{
	const mpr_ruleset *rs = r->rules;
	if (mpr_remedy_sentence(b, how ? how->lang : NULL, rs, m->kind, m->index))
		return;
	switch (m->kind) {
	case MPR_REMEDY_DECLARE_NATIONALS_ONLY:
		if (translated(how))
			mpr_buf_printf(b, tr(how, "if the activity returns only nationals of %s, declare "
			                          "nationals_only: true"),
			               rs->countries[r->activities[i_activity].d.country].n.id);
		else
			mpr_buf_cat(b, "if the activity returns only nationals of ",
			            rs->countries[r->activities[i_activity].d.country].n.id,
			            ", declare nationals_only: true", (const char *)NULL);
		break;
	case MPR_REMEDY_SET_FREQUENCY:
		mpr_buf_printf(b, tr(how, "set monitoring.frequency_months to %u or less"), m->months);
		break;
	case MPR_REMEDY_COMPLETE_AGREEMENT: {
		const mpr_agreement *a = &r->proposal->agreements[m->index];
		/* the keys it lacks, as the proposal names them (not translated) */
		const char *missing[] = {a->owner ? NULL : "owner", a->due ? NULL : "due",
		                         a->indicator ? NULL : "indicator", a->has_target ? NULL : "target"};
		char keys[40]; /* "owner, due, indicator, target" at most */
		size_t n = 0;
		keys[0] = '\0';
		for (size_t k = 0; k < 4; k++)
			if (missing[k])
				n += (size_t)snprintf(keys + n, sizeof keys - n, "%s%s", n ? ", " : "", missing[k]);
		mpr_buf_printf(b, tr(how, "state what agreement %s lacks: %s"), a->id, keys);
		break;
	}
	case MPR_REMEDY_COUNTRY_TIER:
		country_tier_remedy(b, how, r, m, i_activity);
		break;
	default: /* the kinds of mpr_remedy_sentence */
		break;
	}
}

/* "what would change the verdict": each activity's and finding's remedies. */
static void text_remedy_list(mpr_buf *b, const mpr_how *how, const mpr_result *r,
                             const char *what, const char *id, const mpr_remedy *v, size_t n,
                             size_t activity)
{
	mpr_buf_printf(b, "  %s %s:\n", what, id);
	for (size_t k = 0; k < n; k++) {
		mpr_buf_puts(b, "    - ");
		mpr_text_remedy(b, how, r, &v[k], activity);
		mpr_buf_puts(b, "\n");
	}
}

static void text_remedies(mpr_buf *b, const mpr_how *how, const mpr_result *r,
                          const mpr_remedies *rem)
{
	int any = 0;
	for (size_t k = 0; k < r->n_activities + r->n_findings; k++) {
		bool act = k < r->n_activities;
		size_t i = act ? k : k - r->n_activities, n;
		const mpr_remedy *list = mpr_remedies_span(rem, act ? rem->activity : rem->finding, i, &n);
		if (act && !n)
			continue;
		if (!any)
			mpr_buf_printf(b, "\n%s\n", tr(how, "what would change the verdict:"));
		any = 1;
		text_remedy_list(b, how, r, act ? tr(how, "activity") : tr(how, "finding"),
		                 act ? r->activities[i].id : r->findings[i]->id, list, n, act ? i : 0);
	}
	if (!any)
		mpr_buf_printf(b, "\n%s\n",
		               tr(how, "what would change the verdict: nothing needs to, every activity passes"));
}

/* "pace", "declared", "bodies", "required" of the plan. */
static void plan_terms(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	mpr_buf_puts(b, "  ");
	mpr_buf_printf(b, tr(how, "pace: every %u months, %s (set by activity %s)"), p->months,
	               rt(how, rs->monitoring[p->level]), r->activities[p->pace_activity].id);
	mpr_buf_puts(b, "\n  ");
	if (!pr->monitoring_months)
		mpr_buf_puts(b, tr(how, "declared: no frequency (M3)"));
	else if (pr->monitoring_months > p->months)
		mpr_buf_printf(b, tr(how, "declared: every %u months - too rare (M3)"), pr->monitoring_months);
	else
		mpr_buf_printf(b, tr(how, "declared: every %u months"), pr->monitoring_months);
	mpr_buf_printf(b, "\n  %s", tr(how, "bodies:"));
	if (!pr->n_bodies)
		mpr_buf_printf(b, " %s", tr(how, "none declared"));
	for (size_t i = 0; i < pr->n_bodies; i++)
		mpr_buf_printf(b, "%s %s (%s, %s)", i ? ";" : "", pr->bodies[i].name,
		               pr->bodies[i].independent ? tr(how, "independent") : tr(how, "not independent"),
		               pr->bodies[i].local_access ? tr(how, "local access") : tr(how, "no local access"));
	mpr_buf_puts(b, "\n");
	if (p->local_needed)
		mpr_buf_printf(b, "  %s\n", tr(how, "required: an independent body with local access (an "
		                                    "activity is in a high-risk country; M1, F5)"));
}

void mpr_text_plan(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	if (!r->n_activities)
		return;
	mpr_buf_printf(b, "\n%s\n", tr(how, "monitoring plan (§4.2.3):"));
	plan_terms(b, how, r, p);
	mpr_buf_puts(b, "  ");
	mpr_buf_printf(b, tr(how, "findings lead to: %s - %s (strictest, from activity %s)"),
	               rs->suspension[p->suspension].id, rt(how, rs->suspension[p->suspension].name),
	               r->activities[p->susp_activity].id);
	mpr_buf_printf(b, "\n  %s\n", tr(how, "what is monitored:"));
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		mpr_buf_puts(b, "    ");
		mpr_buf_printf(b, tr(how, "%s (%s, every %u months):"), r->activities[i].id,
		               rs->measures[d->measure].n.id, d->cell->months);
		mpr_buf_puts(b, "\n");
		for (size_t k = p->start[i]; k < p->start[i + 1]; k++)
			mpr_buf_printf(b, "      - %s [%s]\n", rt(how, rs->monitor_items[p->items[k]].what),
			               rt(how, rs->monitor_items[p->items[k]].source));
	}
}

/* Whether the trace of a decision is shown. */
static bool shows_why(const mpr_how *how, const mpr_decision *d)
{
	return how->explain == MPR_EXPLAIN_FULL ||
	       (how->explain == MPR_EXPLAIN_FAILS && !mpr_decision_passes(d));
}

void mpr_text_tier_line(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                        const mpr_country *c)
{
	const char *name = rt(how, c->n.name), *t = rt(how, rs->tiers[c->tier]),
	           *base = rt(how, rs->tiers[c->base_tier]);
	if (c->excluded)
		mpr_buf_printf(b, tr(how, "%s (%s): tier %s (base %s), excluded (F2)"), c->n.id, name, t, base);
	else if (c->under_review)
		mpr_buf_printf(b, tr(how, "%s (%s): tier %s (base %s), state authority under review (F2)"),
		               c->n.id, name, t, base);
	else if (c->tier > c->base_tier)
		mpr_buf_printf(b, tr(how, "%s (%s): tier %s (base %s, raised by migrant-specific context)"),
		               c->n.id, name, t, base);
	else
		mpr_buf_printf(b, tr(how, "%s (%s): tier %s (base %s)"), c->n.id, name, t, base);
}

/* Each country the activities were decided in, once, in the order they
 * first appear: its tier, and its classification where a trace is shown. */
static void text_countries(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	if (!r->n_activities)
		return;
	mpr_buf_printf(b, "\n%s\n", tr(how, "countries (each classified once, for every activity "
	                                    "decided there):"));
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
		mpr_buf_puts(b, "  ");
		mpr_text_tier_line(b, how, rs, &rs->countries[c]);
		mpr_buf_puts(b, "\n");
		if (why)
			mpr_text_trace(b, how, rs->countries[c].reasons, rs->countries[c].n_reasons, "    ");
	}
}

static void text_head(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "%s %s", tr(how, "proposal"), p->id);
	if (p->title)
		mpr_buf_printf(b, ": %s", p->title);
	mpr_buf_printf(b, "\n  %s %s (%s)\n  %s ", tr(how, "file:"), p->name, p->sha256,
	               tr(how, "rules:"));
	mpr_text_ruleset(b, how, rs);
	mpr_buf_puts(b, "\n");
	if (r->experience) { /* R9: what the decisions used */
		mpr_buf_puts(b, "  ");
		mpr_buf_printf(b,
		               tr(how, "experience: %zu observations as of %s (%s), %zu measure types "
		                       "escalated"),
		               r->experience->n_obs, r->experience->as_of_text, r->experience->sha256,
		               r->experience->n_entries);
		mpr_buf_puts(b, "\n");
	}
	for (size_t e = 0; e < rs->n_elements; e++)
		if (p->element_detail[e])
			mpr_buf_printf(b, "  %s: %s %s\n", rs->elements[e].n.id,
			               rt(how, rs->elements[e].detail), p->element_detail[e]);
	mpr_buf_puts(b, "  ");
	mpr_buf_printf(b, r->passes ? tr(how, "verdict: %s (every activity passes, no partnership finding)")
	                            : tr(how, "verdict: %s (does not pass)"),
	               mpr_verdict_text(how, r->verdict));
	mpr_buf_puts(b, "\n");
}

/* The rules a declaration lifted: no finding, but a claim no rule can
 * check, so the auditor sees each one and what was declared. */
static void text_lifted(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	if (!r->n_lifted)
		return;
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, tr(how, "lifted by a declaration (%zu; a claim the rules cannot check, kept "
	                          "in the record):"),
	               r->n_lifted);
	mpr_buf_puts(b, "\n");
	for (size_t i = 0; i < r->n_lifted; i++) {
		const mpr_prule *pr = r->lifted[i];
		mpr_buf_printf(b, "  - %s %s, %s", mpr_verdict_text(how, pr->severity), pr->id,
		               tr(how, "lifted by"));
		for (size_t e = 0; e < rs->n_elements; e++)
			if (pr->lift_declares & ((mpr_set)1 << e))
				mpr_buf_printf(b, " %s (%s)", rs->elements[e].n.id, rt(how, rs->elements[e].n.name));
		mpr_buf_printf(b, "\n      [%s]\n", rt(how, pr->source));
	}
}

void mpr_text_result(mpr_buf *b, const mpr_how *how, const mpr_result *r,
                     const mpr_remedies *rem, const mpr_plan *plan)
{
	const mpr_ruleset *rs = r->rules;
	text_head(b, how, r);
	text_countries(b, how, r);
	if (r->n_findings) {
		mpr_buf_puts(b, "\n");
		mpr_buf_printf(b, tr(how, "partnership findings (%zu):"), r->n_findings);
		mpr_buf_puts(b, "\n");
		for (size_t i = 0; i < r->n_findings; i++) {
			const mpr_prule *pr = r->findings[i];
			mpr_buf_printf(b, "  - %s %s: %s\n      [%s]\n", mpr_verdict_text(how, pr->severity),
			               pr->id, rt(how, pr->message), rt(how, pr->source));
		}
	}
	text_lifted(b, how, r);
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_activity *a = &r->activities[i];
		mpr_buf_printf(b, "\n%s %s: %s\n", tr(how, "activity"), a->id,
		               mpr_verdict_text(how, a->d.verdict));
		mpr_text_decision(b, how, rs, &a->d, "  ", shows_why(how, &a->d));
	}
	mpr_text_plan(b, how, r, plan);
	if (rem)
		text_remedies(b, how, r, rem);
}

const char *mpr_verdict_text(const mpr_how *how, mpr_verdict v)
{
	static const char *const words[] = {N_("permitted"), N_("conditional"), N_("no-go"),
	                                    N_("prohibited")};
	return (unsigned)v <= MPR_PROHIBITED ? tr(how, words[v]) : "?";
}
