/*
 * ruletext.c - the ruleset's own views as text, in the call's language:
 * the matrix (`mprisk matrix`), why a country has its tier and a decision
 * there (`mprisk explain`), and the summary `mprisk lint` opens with. The
 * decisions were computed before (the grid, decide/); ids stay as they are.
 */
#include <stdio.h>
#include <string.h>

#include "render/render.h"

void mpr_text_matrix(mpr_buf *b, const mpr_how *how, const mpr_grid *g)
{
	static const char verdict_symbol[] = {'.', 'c', 'X', 'P'};
	const mpr_ruleset *rs = g->rules;
	const int *order = g->by_tier; /* countries by tier, lowest first, then by code */
	size_t n = rs->n_countries, width = 0;
	mpr_buf_printf(b, "%s ", tr(how, "rules:"));
	mpr_text_ruleset(b, how, rs);
	mpr_buf_puts(b, "\n");
	/* a text of several lines: puts, as %s escapes its line breaks */
	mpr_buf_puts(b, tr(how, "Each cell is the verdict when the activity declares the safeguards it "
	                        "is required to\n(and, where the measure names no default "
	                        "beneficiary, a civilian one: naming none is\njudged as support to a "
	                        "security force in a medium- or high-risk country):"));
	mpr_buf_printf(b, "\n  . %s   c %s   X %s   P %s\n\n", mpr_verdict_text(how, MPR_PERMITTED),
	               mpr_verdict_text(how, MPR_CONDITIONAL),
	               mpr_verdict_text(how, MPR_NO_GO), tr(how, "prohibited (below the floor)"));
	for (size_t m = 0; m < rs->n_measures; m++)
		if (strlen(rs->measures[m].n.id) > width)
			width = strlen(rs->measures[m].n.id);
	for (int row = 0; row < 2; row++) {
		mpr_buf_printf(b, "%*s", (int)width + 8, "");
		for (size_t i = 0; i < n; i++)
			mpr_buf_printf(b, " %c", rs->countries[order[i]].n.id[row]);
		mpr_buf_puts(b, "\n");
	}
	mpr_buf_printf(b, "%*s ", (int)width + 7, tr(how, "country tier"));
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
	mpr_buf_printf(b, "\n%s\n", tr(how, "countries:"));
	for (size_t i = 0; i < n; i++) {
		const mpr_country *c = &rs->countries[order[i]];
		mpr_buf_printf(b, "  %s %-6s %s", c->n.id, rs->tiers[c->tier], rt(how, c->n.name));
		if (c->excluded)
			mpr_buf_printf(b, " %s", tr(how, "(excluded, F2)"));
		mpr_buf_puts(b, "\n");
	}
}

static const char *treaty_text(const mpr_how *how, int v, char *buf, size_t n)
{
	if (v == MPR_TREATY_UNKNOWN)
		return tr(how, "unknown");
	if (v == MPR_TREATY_NOT_PARTY)
		return tr(how, "not a party");
	snprintf(buf, n, "%d", v);
	return buf;
}

static const char *source_name(const mpr_how *how, const mpr_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_sources; i++)
		if (strcmp(rs->sources[i].id, id) == 0)
			return rt(how, rs->sources[i].name);
	return id;
}

static void indicators(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs, const mpr_country *c)
{
	mpr_buf_printf(b, "%s\n  ", tr(how, "indicators:"));
	if (c->fh_status >= 0)
		mpr_buf_printf(b, "Freedom House %d: %s", c->fh_edition,
		               rs->classification.fh_status_names[c->fh_status]);
	else
		mpr_buf_printf(b, tr(how, "Freedom House %d: status unknown"), c->fh_edition);
	if (c->fh_score >= 0)
		mpr_buf_printf(b, ", %d/100", c->fh_score);
	mpr_buf_printf(b, "\n    %s %s\n  ", tr(how, "source:"), source_name(how, rs, c->fh_source));
	if (c->hri >= 0)
		mpr_buf_printf(b, tr(how, "V-Dem %s (%d): human rights index %.3f"), c->vdem_version,
		               c->vdem_year, c->hri);
	else
		mpr_buf_printf(b, tr(how, "V-Dem %s (%d): human rights index unknown"), c->vdem_version,
		               c->vdem_year);
	if (c->vdem_regime >= 0)
		mpr_buf_printf(b, tr(how, ", regime %d (0 closed autocracy .. 3 liberal democracy)"),
		               c->vdem_regime);
	mpr_buf_printf(b, "\n    %s %s\n  ", tr(how, "source:"), source_name(how, rs, c->vdem_source));
	char t[4][16];
	mpr_buf_printf(b, tr(how, "treaties: Refugee Convention %s, Protocol %s, CAT %s, ICCPR %s"),
	               treaty_text(how, c->treaty[0], t[0], 16), treaty_text(how, c->treaty[1], t[1], 16),
	               treaty_text(how, c->treaty[2], t[2], 16), treaty_text(how, c->treaty[3], t[3], 16));
	mpr_buf_printf(b, "\n    %s %s", tr(how, "source:"), source_name(how, rs, c->treaty_source));
	if (c->refugee_source)
		mpr_buf_printf(b, tr(how, "; refugee instruments: %s"), source_name(how, rs, c->refugee_source));
	if (c->state_authority_source) {
		mpr_buf_puts(b, "\n  ");
		if (c->state_authority >= 0)
			mpr_buf_printf(b, tr(how, "state authority over territory: %.1f%% (V-Dem %s, %d)"),
			               c->state_authority, c->state_authority_version, c->state_authority_year);
		else
			mpr_buf_printf(b, tr(how, "state authority over territory: unknown (V-Dem %s, %d)"),
			               c->state_authority_version, c->state_authority_year);
		mpr_buf_printf(b, "\n    %s %s", tr(how, "source:"),
		               source_name(how, rs, c->state_authority_source));
	}
	mpr_buf_puts(b, "\n");
}

static void text_country(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs, const mpr_country *c)
{
	const char *name = rt(how, c->n.name), *t = rt(how, rs->tiers[c->tier]),
	           *base = rt(how, rs->tiers[c->base_tier]);
	if (c->excluded)
		mpr_buf_printf(b, tr(how, "%s %s: tier %s (base %s), EXCLUDED (F2), assessed %s"), c->n.id,
		               name, t, base, c->assessed);
	else if (c->under_review)
		mpr_buf_printf(b, tr(how, "%s %s: tier %s (base %s), state authority UNDER REVIEW (F2), "
		                          "assessed %s"),
		               c->n.id, name, t, base, c->assessed);
	else
		mpr_buf_printf(b, tr(how, "%s %s: tier %s (base %s), assessed %s"), c->n.id, name, t, base,
		               c->assessed);
	mpr_buf_puts(b, "\n");
	indicators(b, how, rs, c);
	mpr_buf_printf(b, "%s %s\n", tr(how, "restricted fundamental freedoms (R8):"),
	               c->restricted_freedoms ? tr(how, "yes") : tr(how, "no"));
	mpr_buf_printf(b, "%s\n", tr(how, "classification:"));
	mpr_text_trace(b, how, c->reasons, c->n_reasons, "  ");
	if (c->n_notes) {
		mpr_buf_printf(b, "%s\n", tr(how, "notes on the data:"));
		for (size_t i = 0; i < c->n_notes; i++)
			mpr_buf_printf(b, "  - %s\n", rt(how, c->notes[i]));
	}
}

/* One alternative's declaration: "nationals_only: true", "beneficiary X",
 * "beneficiary X (implementer Y)", "the evacuation from CC beside it". */
static void text_alternative_head(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                                  const mpr_alternative *a)
{
	switch (a->field) {
	case MPR_ALT_NATIONALS_ONLY:
		mpr_buf_printf(b, "nationals_only: %s", a->nationals_only ? "true" : "false");
		break;
	case MPR_ALT_EVACUATION:
		mpr_buf_printf(b, tr(how, "the evacuation from %s beside it in the same proposal "
		                          "(humanitarian support an independent implementer delivers to "
		                          "migrants there)"),
		               rs->countries[a->evacuated_from].n.id);
		break;
	case MPR_ALT_IMPLEMENTER:
		mpr_buf_printf(b, tr(how, "implementer %s"), rs->implementers[a->implementer].n.id);
		break;
	default:
		mpr_buf_printf(b, tr(how, "beneficiary %s"), rs->beneficiaries[a->beneficiary].n.id);
		if (a->implementer >= 0)
			mpr_buf_printf(b, tr(how, " (implementer %s)"), rs->implementers[a->implementer].n.id);
	}
}

/* Whether two alternatives declare a beneficiary and decide alike. */
static bool same_outcome(const mpr_alternative *a, const mpr_alternative *b)
{
	return a->field == MPR_ALT_BENEFICIARY && b->field == MPR_ALT_BENEFICIARY &&
	       a->verdict == b->verdict && a->measure_tier == b->measure_tier &&
	       a->country == b->country && a->implementer == b->implementer;
}

/* What declaring one more field would make of the decision: each that
 * changes it, beneficiaries with the same outcome on one line. */
static void text_alternatives(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                              const mpr_explanation *e)
{
	const mpr_decision *d = &e->decision;
	const mpr_measure *me = &rs->measures[d->measure];
	bool evac_note = me->evacuation_tier >= 0 && e->activity.evacuated_from < 0;
	if (!e->n_alternatives && !evac_note)
		return;
	mpr_buf_printf(b, "%s\n", tr(how, "fields that would change this decision (declare them only "
	                                  "where they are true):"));
	for (size_t i = 0, j; i < e->n_alternatives; i = j) {
		const mpr_alternative *a = &e->alternatives[i];
		for (j = i + 1; j < e->n_alternatives && same_outcome(a, &e->alternatives[j]); j++)
			;
		mpr_buf_puts(b, "  - ");
		if (j - i > 1) {
			mpr_buf_printf(b, "%s ", tr(how, "beneficiary"));
			for (size_t k = i; k < j; k++)
				mpr_buf_printf(b, "%s%s",
				               k == i       ? ""
				               : k + 1 == j ? tr(how, " or ")
				                            : ", ",
				               rs->beneficiaries[e->alternatives[k].beneficiary].n.id);
			if (a->implementer >= 0)
				mpr_buf_printf(b, tr(how, " (implementer %s)"),
				               rs->implementers[a->implementer].n.id);
		} else {
			text_alternative_head(b, how, rs, a);
		}
		mpr_buf_printf(b, tr(how, ": %s, measure tier %s"), mpr_verdict_text(how, a->verdict),
		               rt(how, rs->tiers[a->measure_tier]));
		if (a->country != d->country)
			mpr_buf_printf(b, tr(how, ", decided for %s"), rs->countries[a->country].n.id);
		mpr_buf_puts(b, "\n");
	}
	if (evac_note)
		mpr_buf_printf(b, "  - %s\n",
		               tr(how, "evacuated_from: the country where the people are when they are "
		                       "evacuated (not their nationality), a high-risk or excluded one, "
		                       "with the evacuation from there in the same proposal: without both "
		                       "the hub carries the risk of a return hub (Rec. 6)"));
}

void mpr_text_explain(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                      const mpr_explanation *e)
{
	text_country(b, how, rs, e->country);
	if (!e->decided)
		return;
	const mpr_decision *d = &e->decision;
	const mpr_measure *me = &rs->measures[d->measure];
	mpr_buf_printf(b, "\n%s: %s\n%s", me->n.id, rt(how, me->n.name),
	               tr(how, "decision when the activity declares the safeguards it is required to"));
	if (e->activity.nationals_only)
		mpr_buf_puts(b, tr(how, ", returns only nationals"));
	if (e->activity.evacuated_from >= 0)
		mpr_buf_printf(b, tr(how, ", evacuates people from %s (decided alone: no evacuation "
		                          "beside it)"),
		               rs->countries[e->activity.evacuated_from].n.id);
	mpr_buf_puts(b, ":\n");
	mpr_text_decision(b, how, rs, d, "  ", true);
	text_alternatives(b, how, rs, e);
	size_t n_esc = rs->n_global_escalations + me->n_escalations;
	if (n_esc) {
		mpr_buf_printf(b, "%s\n", tr(how, "attributes that would change this decision:"));
		for (size_t i = 0; i < n_esc; i++) {
			const mpr_escalation *x =
				&rs->escalations[i < rs->n_global_escalations
				                     ? rs->global_escalations[i]
				                     : me->escalations[i - rs->n_global_escalations]];
			mpr_buf_printf(b, "  - %s: %s\n      [%s]\n", x->id, rt(how, x->effect),
			               rt(how, x->source));
		}
	}
	int first = 1;
	for (size_t i = 0; i < rs->n_floor; i++)
		if (rs->floor[i].any_attribute) {
			if (first)
				mpr_buf_printf(b, "%s\n", tr(how, "attributes that put it below the floor anywhere:"));
			first = 0;
			mpr_buf_printf(b, "  - %s:", rs->floor[i].id);
			for (size_t a = 0; a < rs->n_attributes; a++)
				if (rs->floor[i].any_attribute & ((mpr_set)1 << a))
					mpr_buf_printf(b, " %s", rs->attributes[a].n.id);
			mpr_buf_printf(b, "\n      [%s]\n", rt(how, rs->floor[i].source));
		}
}

void mpr_text_summary(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs)
{
	mpr_buf_printf(b, tr(how, "ruleset %s: %s\n  fingerprint %s\n"), rs->id, rt(how, rs->title),
	               rs->fingerprint);
	mpr_buf_printf(b, "  %s ", tr(how, "signature:"));
	mpr_text_signature(b, how, rs);
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, "  %s ", tr(how, "tiers:"));
	for (size_t t = 0; t < rs->n_tiers; t++) {
		size_t n = 0, ex = 0;
		for (size_t c = 0; c < rs->n_countries; c++)
			if ((size_t)rs->countries[c].tier == t) {
				n++;
				ex += rs->countries[c].excluded != NULL;
			}
		mpr_buf_puts(b, t ? ", " : "");
		mpr_buf_printf(b, ex ? tr(how, "%s (%zu countries, some excluded)") : tr(how, "%s (%zu countries)"),
		               rt(how, rs->tiers[t]), n);
	}
	size_t cells = rs->n_tiers * rs->n_tiers, ctx = 0;
	for (size_t c = 0; c < rs->n_countries; c++)
		ctx += rs->countries[c].n_context;
	mpr_buf_puts(b, "\n  ");
	mpr_buf_printf(b,
	               tr(how, "%zu countries, %zu context factors, %zu measures, %zu escalations, "
	                       "%zu safeguards, %zu attributes, %zu matrix cells, %zu floor rules, "
	                       "%zu sources"),
	               rs->n_countries, ctx, rs->n_measures, rs->n_escalations, rs->n_safeguards,
	               rs->n_attributes, cells, rs->n_floor, rs->n_sources);
	if (rs->n_consequences || rs->mon.defined) {
		mpr_buf_puts(b, "\n  ");
		mpr_buf_printf(b,
		               rs->mon.defined
		                   ? tr(how, "monitoring (§4.2.3): %zu violation kinds, %zu consequences, "
		                             "parameters set")
		                   : tr(how, "monitoring (§4.2.3): %zu violation kinds, %zu consequences, "
		                             "parameters not set (mprisk monitor needs them)"),
		               rs->n_violation_kinds, rs->n_consequences);
	}
	mpr_buf_printf(b, "\n  %s\n",
	               tr(how, "checks passed: schema, ids and references, sources present, every tier "
	                       "pair has a cell, top x top is no-go (C1), no cell lighter than one of "
	                       "lower risk (C3)"));
}
