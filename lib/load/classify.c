/*
 * classify.c - a country's tier, computed once at load (R2-R5, F2).
 *
 * base tier = worst of the Freedom House status tier, the V-Dem human rights
 * index band and any treaty rule that fires; an unknown indicator counts as
 * classification.missing_indicator_tier and an unknown treaty status as not a
 * party, so missing data can only push a country towards higher risk.
 * Migrant-specific context factors then raise the tier by the largest raise
 * among them (R4), capped at the top tier; an
 * excluded country (F2) is placed in the top tier. Each step is kept as a
 * reason with its source, which `mprisk explain` prints and every decision's
 * trace starts with.
 */
#include <stdarg.h>
#include <string.h>

#include "load/loader.h"
#include "util/error.h"

static const char *const treaty_names[] = {"1951 Refugee Convention", "1967 Refugee Protocol",
                                           "Convention against Torture (CAT)", "ICCPR"};

/* The reasons of one country as they are written, in the ruleset's arena;
 * ok turns false at the first text that could not be allocated. */
typedef struct reasons {
	mpr_arena *A;
	mpr_step *r;
	size_t n;
	bool ok;
} reasons;

static void step(reasons *R, const char *rule, const char *source, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void step(reasons *R, const char *rule, const char *source, const char *fmt, ...)
{
	mpr_step *s = &R->r[R->n++];
	va_list ap;
	va_start(ap, fmt);
	s->rule = rule;
	s->source = source;
	s->effect = mpr_arena_vprintf(R->A, fmt, ap);
	va_end(ap);
	R->ok = R->ok && s->rule && s->source && s->effect;
}

static int worst(int a, int b)
{
	return a > b ? a : b;
}

/* What each index alone gives (unknown: missing_indicator_tier). */
static void index_tiers(const mpr_ruleset *rs, mpr_country *c, reasons *R)
{
	const mpr_classification *cl = &rs->classification;
	const char *fh_rule = mpr_arena_printf(R->A, "%s.freedom-house", cl->id);
	const char *fh_src = mpr_arena_printf(R->A, "%s; data: %s", cl->fh_rule_source, c->fh_source);
	int fh_tier = cl->missing_tier;
	if (c->fh_status >= 0) {
		fh_tier = cl->fh_status_tier[c->fh_status];
		if (c->fh_score >= 0)
			step(R, fh_rule, fh_src, "Freedom House %d: %s (%d/100) -> %s", c->fh_edition,
			     cl->fh_status_names[c->fh_status], c->fh_score, rs->tiers[fh_tier]);
		else
			step(R, fh_rule, fh_src, "Freedom House %d: %s -> %s", c->fh_edition,
			     cl->fh_status_names[c->fh_status], rs->tiers[fh_tier]);
	} else {
		step(R, fh_rule, fh_src, "Freedom House status unknown: counts as %s", rs->tiers[fh_tier]);
	}

	const char *hri_rule = mpr_arena_printf(R->A, "%s.human-rights-index", cl->id);
	const char *hri_src = mpr_arena_printf(R->A, "%s; data: %s", cl->hri_rule_source, c->vdem_source);
	int hri_tier = cl->missing_tier;
	if (c->hri >= 0) {
		size_t b = 0;
		while (b + 1 < cl->n_bands && c->hri < cl->bands[b].at_least)
			b++;
		hri_tier = cl->bands[b].tier;
		step(R, hri_rule, hri_src, "V-Dem %s (%d) human rights index %.3f (band from %.2f) -> %s",
		     c->vdem_version, c->vdem_year, c->hri, cl->bands[b].at_least, rs->tiers[hri_tier]);
	} else {
		step(R, hri_rule, hri_src, "V-Dem human rights index unknown: counts as %s",
		     rs->tiers[hri_tier]);
	}
	c->fh_tier = fh_tier;
	c->hri_tier = hri_tier;
}

/* The base tier: the worst of the indices and of every treaty rule that
 * fires. An unknown treaty status is never read as "a party". */
static int base_tier(const mpr_ruleset *rs, const mpr_country *c, reasons *R)
{
	const mpr_classification *cl = &rs->classification;
	int base = worst(c->fh_tier, c->hri_tier);
	for (size_t i = 0; i < cl->n_treaty_rules; i++) {
		const mpr_treaty_rule *t = &cl->treaty_rules[i];
		int status = c->treaty[t->treaty];
		if (status > 0)
			continue; /* a party since that year */
		const char *data = t->treaty <= MPR_TREATY_REFUGEE_PROTOCOL && c->refugee_source
		                       ? c->refugee_source
		                       : c->treaty_source;
		const char *src = mpr_arena_printf(R->A, "%s; data: %s", t->source, data);
		step(R, t->id, src, "%s the %s: at least %s",
		     status == MPR_TREATY_UNKNOWN ? "status unknown, counts as not a party to"
		                                  : "not a party to",
		     treaty_names[t->treaty], rs->tiers[t->at_least]);
		base = worst(base, t->at_least);
	}
	step(R, cl->id, cl->source, "base tier %s (the worst of the indicators)", rs->tiers[base]);
	return base;
}

/* F2: a country with limited presence of a functioning state is excluded
 * on its indicator; between the exclusion and the review threshold it is
 * placed in the top tier and flagged for review (lint), since the report
 * excludes beforehand only where guaranteeing rights is clearly impossible.
 * An unknown value excludes nothing (lint reports it). Returns whether the
 * country is in the review band. */
static bool functioning_state(const mpr_ruleset *rs, mpr_country *c, reasons *R)
{
	const mpr_classification *cl = &rs->classification;
	if (!cl->functioning_state_source || c->state_authority < 0)
		return false;
	bool below = c->state_authority < cl->state_authority_below;
	bool review = !below && c->state_authority < cl->state_authority_review_below;
	const char *src = mpr_arena_printf(R->A, "%s; data: %s", cl->functioning_state_source,
	                                   c->state_authority_source);
	const char *id = mpr_arena_printf(R->A, "%s.functioning-state", cl->id);
	if (review)
		step(R, id, src,
		     "V-Dem %s (%d) state authority over territory %.1f%% reaches %.1f%% but is below "
		     "the review threshold %.1f%%: placed in the %s tier until a reviewer decides "
		     "whether migrants' rights can be guaranteed there (F2)",
		     c->state_authority_version, c->state_authority_year, c->state_authority,
		     cl->state_authority_below, cl->state_authority_review_below,
		     rs->tiers[rs->n_tiers - 1]);
	else
		step(R, id, src, "V-Dem %s (%d) state authority over territory %.1f%% %s %.1f%%%s",
		     c->state_authority_version, c->state_authority_year, c->state_authority,
		     below ? "is below" : "reaches", cl->state_authority_below,
		     below ? ": limited presence of a functioning state (F2)" : "");
	if (below && !c->excluded) {
		c->excluded_by_indicator = true;
		c->excluded = mpr_arena_printf(
		    R->A, "limited presence of a functioning state: the state has authority over "
		          "%.1f%% of its territory (V-Dem %s, %d), below %.1f%%",
		    c->state_authority, c->state_authority_version, c->state_authority_year,
		    cl->state_authority_below);
		c->excluded_source = src;
		R->ok = R->ok && c->excluded;
	}
	return review;
}

/* The tier: the base raised by the largest context raise (R4), capped at
 * the top; an excluded country (F2), or one whose state authority needs
 * review, is in the top tier. */
static int tier(const mpr_ruleset *rs, mpr_country *c, int base, reasons *R)
{
	const mpr_classification *cl = &rs->classification;
	int top = (int)rs->n_tiers - 1, raise = 0;
	for (size_t i = 0; i < c->n_context; i++) {
		const mpr_context *f = &c->context[i];
		step(R, f->id, f->source, "context %s (assessed %s): %s; raises the tier by %d", f->kind,
		     f->date, f->evidence, f->raise);
		raise = worst(raise, f->raise);
	}
	int t = base + raise > top ? top : base + raise;
	bool review = functioning_state(rs, c, R);
	c->under_review = review && !c->excluded; /* an exclusion is no review */
	if (c->excluded) {
		step(R, mpr_arena_printf(R->A, "%s.excluded", c->n.id), c->excluded_source,
		     "excluded beforehand: %s; placed in the %s tier", c->excluded, rs->tiers[top]);
		t = top;
	} else if (review)
		t = top;
	if (t != base || c->excluded)
		step(R, cl->id, cl->source, "tier %s (base %s%s)", rs->tiers[t], rs->tiers[base],
		     c->excluded ? ", excluded"
		     : review    ? ", state authority under review (F2)"
		                 : ", raised by migrant-specific context (R4)");
	return t;
}

int mpr_classify_country(mpr_ruleset *rs, mpr_country *c, mpr_error *err)
{
	const mpr_classification *cl = &rs->classification;
	/* at most: fh, hri, each treaty rule, base, each context factor, state
	 * authority, exclusion, final */
	size_t cap = 2 + cl->n_treaty_rules + 1 + c->n_context + 1 + 1 + 1;
	reasons R = {&rs->arena, mpr_arena_alloc(&rs->arena, cap * sizeof(mpr_step)), 0, true};
	if (!R.r)
		return mpr_fail(err, MPR_ENOMEM, c->n.at.file, c->n.at.line, c->n.at.column,
		                "out of memory");
	index_tiers(rs, c, &R);
	c->base_tier = base_tier(rs, c, &R);
	c->tier = tier(rs, c, c->base_tier, &R);
	bool restricted = c->fh_status < 0 || c->hri < 0 || c->hri < cl->restricted_hri_below;
	for (size_t i = 0; !restricted && i < cl->n_restricted_statuses; i++)
		restricted = strcmp(cl->restricted_statuses[i], cl->fh_status_names[c->fh_status]) == 0;
	c->restricted_freedoms = restricted;
	c->reasons = R.r;
	c->n_reasons = R.n;
	if (!R.ok)
		return mpr_fail(err, MPR_ENOMEM, c->n.at.file, c->n.at.line, c->n.at.column,
		                "out of memory");
	return MPR_OK;
}
