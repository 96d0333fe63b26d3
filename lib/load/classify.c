/*
 * classify.c - a country's tier, computed once at load (R2-R5, F2).
 *
 * base tier = worst of the Freedom House status tier, the V-Dem human rights
 * index band and any treaty rule that fires; an unknown indicator counts as
 * classification.missing_indicator_tier and an unknown treaty status as not a
 * party, so missing data can only push a country towards higher risk. Migrant-specific context factors then raise
 * the tier by the largest raise among them (R4), capped at the top tier; an
 * excluded country (F2) is placed in the top tier. Each step is kept as a
 * reason with its source, which `mprisk explain` prints and every decision's
 * trace starts with.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "util/error.h"

static const char *const treaty_names[] = {"1951 Refugee Convention", "1967 Refugee Protocol",
                                           "Convention against Torture (CAT)", "ICCPR"};

static int worst(int a, int b)
{
	return a > b ? a : b;
}

int mpr_classify_country(mpr_ruleset *rs, mpr_country *c, mpr_error *err)
{
	const mpr_classification *cl = &rs->classification;
	mpr_arena *A = &rs->arena;
	int top = (int)rs->n_tiers - 1;
	/* at most: fh, hri, each treaty rule, base, each context factor, state
	 * authority, exclusion, final */
	size_t cap = 2 + cl->n_treaty_rules + 1 + c->n_context + 1 + 1 + 1;
	mpr_step *r = mpr_arena_alloc(A, cap * sizeof *r);
	if (!r)
		return mpr_fail(err, MPR_ENOMEM, c->n.at.file, c->n.at.line, c->n.at.column,
		                "out of memory");
	size_t n = 0;
	bool ok = true;
#define STEP(RULE, SOURCE, ...)                                                   \
	do {                                                                          \
		r[n].rule = (RULE);                                                       \
		r[n].source = (SOURCE);                                                   \
		r[n].effect = mpr_arena_printf(A, __VA_ARGS__);                           \
		ok = ok && r[n].rule && r[n].source && r[n].effect;                       \
		n++;                                                                      \
	} while (0)

	const char *fh_rule = mpr_arena_printf(A, "%s.freedom-house", cl->id);
	const char *fh_src = mpr_arena_printf(A, "%s; data: %s", cl->fh_rule_source, c->fh_source);
	int fh_tier = cl->missing_tier;
	if (c->fh_status >= 0) {
		fh_tier = cl->fh_status_tier[c->fh_status];
		if (c->fh_score >= 0)
			STEP(fh_rule, fh_src, "Freedom House %d: %s (%d/100) -> %s", c->fh_edition,
			     cl->fh_status_names[c->fh_status], c->fh_score, rs->tiers[fh_tier]);
		else
			STEP(fh_rule, fh_src, "Freedom House %d: %s -> %s", c->fh_edition,
			     cl->fh_status_names[c->fh_status], rs->tiers[fh_tier]);
	} else {
		STEP(fh_rule, fh_src, "Freedom House status unknown: counts as %s",
		     rs->tiers[fh_tier]);
	}

	const char *hri_rule = mpr_arena_printf(A, "%s.human-rights-index", cl->id);
	const char *hri_src = mpr_arena_printf(A, "%s; data: %s", cl->hri_rule_source, c->vdem_source);
	int hri_tier = cl->missing_tier;
	if (c->hri >= 0) {
		size_t b = 0;
		while (b + 1 < cl->n_bands && c->hri < cl->bands[b].at_least)
			b++;
		hri_tier = cl->bands[b].tier;
		STEP(hri_rule, hri_src, "V-Dem %s (%d) human rights index %.3f (band from %.2f) -> %s",
		     c->vdem_version, c->vdem_year, c->hri, cl->bands[b].at_least, rs->tiers[hri_tier]);
	} else {
		STEP(hri_rule, hri_src, "V-Dem human rights index unknown: counts as %s",
		     rs->tiers[hri_tier]);
	}

	c->fh_tier = fh_tier;
	c->hri_tier = hri_tier;
	int base = worst(fh_tier, hri_tier);
	for (size_t i = 0; i < cl->n_treaty_rules; i++) {
		const mpr_treaty_rule *t = &cl->treaty_rules[i];
		int status = c->treaty[t->treaty];
		if (status > 0)
			continue; /* a party since that year */
		const char *data = t->treaty <= MPR_TREATY_REFUGEE_PROTOCOL && c->refugee_source
		                       ? c->refugee_source
		                       : c->treaty_source;
		const char *src = mpr_arena_printf(A, "%s; data: %s", t->source, data);
		/* unknown is never read as "a party": it counts as not a party */
		STEP(t->id, src, "%s the %s: at least %s",
		     status == MPR_TREATY_UNKNOWN ? "status unknown, counts as not a party to"
		                                  : "not a party to",
		     treaty_names[t->treaty], rs->tiers[t->at_least]);
		base = worst(base, t->at_least);
	}
	c->base_tier = base;
	STEP(cl->id, cl->source, "base tier %s (the worst of the indicators)", rs->tiers[base]);

	int raise = 0;
	for (size_t i = 0; i < c->n_context; i++) {
		const mpr_context *f = &c->context[i];
		STEP(f->id, f->source, "context %s (assessed %s): %s; raises the tier by %d", f->kind,
		     f->date, f->evidence, f->raise);
		raise = worst(raise, f->raise);
	}
	int tier = base + raise > top ? top : base + raise;
	/* F2: a country with limited presence of a functioning state is excluded
	 * on its indicator; an unknown value excludes nothing (lint reports it) */
	if (cl->functioning_state_source && c->state_authority >= 0) {
		bool below = c->state_authority < cl->state_authority_below;
		const char *src = mpr_arena_printf(A, "%s; data: %s", cl->functioning_state_source,
		                                   c->state_authority_source);
		STEP(mpr_arena_printf(A, "%s.functioning-state", cl->id), src,
		     "V-Dem %s (%d) state authority over territory %.1f%% %s %.1f%%%s",
		     c->state_authority_version, c->state_authority_year, c->state_authority,
		     below ? "is below" : "reaches", cl->state_authority_below,
		     below ? ": limited presence of a functioning state (F2)" : "");
		if (below && !c->excluded) {
			c->excluded_by_indicator = true;
			c->excluded = mpr_arena_printf(
			    A, "limited presence of a functioning state: the state has authority over "
			       "%.1f%% of its territory (V-Dem %s, %d), below %.1f%%",
			    c->state_authority, c->state_authority_version, c->state_authority_year,
			    cl->state_authority_below);
			c->excluded_source = src;
			ok = ok && c->excluded;
		}
	}
	if (c->excluded) {
		STEP(mpr_arena_printf(A, "%s.excluded", c->n.id), c->excluded_source,
		     "excluded beforehand: %s; placed in the %s tier", c->excluded, rs->tiers[top]);
		tier = top;
	}
	if (tier != base || c->excluded)
		STEP(cl->id, cl->source, "tier %s (base %s%s)", rs->tiers[tier], rs->tiers[base],
		     c->excluded ? ", excluded" : ", raised by migrant-specific context (R4)");
	c->tier = tier;

	bool restricted = c->fh_status < 0 || c->hri < 0 || c->hri < cl->restricted_hri_below;
	for (size_t i = 0; !restricted && i < cl->n_restricted_statuses; i++)
		restricted = strcmp(cl->restricted_statuses[i], cl->fh_status_names[c->fh_status]) == 0;
	c->restricted_freedoms = restricted;
	c->reasons = r;
	c->n_reasons = n;
#undef STEP
	if (!ok || !fh_rule || !fh_src || !hri_rule || !hri_src)
		return mpr_fail(err, MPR_ENOMEM, c->n.at.file, c->n.at.line, c->n.at.column,
		                "out of memory");
	return MPR_OK;
}
