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
 * trace starts with. The same steps are written again in each language of
 * the ruleset's translation files (ld_classify_texts), from a copy of the
 * country, so that a reason can be printed in any of them.
 */
#include <stdarg.h>
#include <string.h>

#include "load/loader.h"
#include "util/error.h"

static const char *const treaty_names[] = {N_("1951 Refugee Convention"), N_("1967 Refugee Protocol"),
                                           N_("Convention against Torture (CAT)"), N_("ICCPR")};

/* The reasons of one country as they are written, in the ruleset's arena,
 * in a language (NULL: English); ok turns false at the first text that
 * could not be allocated. */
typedef struct reasons {
	mpr_arena *A;
	const mpr_lang *lang;
	mpr_step *r;
	size_t n;
	bool ok;
} reasons;

static const char *tier_name(const reasons *R, const mpr_ruleset *rs, int t)
{
	return mpr_rule_text(R->lang, rs->tiers[t]);
}

/* "SOURCE; data: DATASET": the rule's source with the dataset a value is from. */
static const char *with_data(reasons *R, const char *source, const char *data)
{
	return mpr_arena_printf(R->A, mpr_tr(R->lang, "%s; data: %s"), mpr_rule_text(R->lang, source),
	                        data);
}

static void say_reason(reasons *R, const char *rule, const char *source, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void say_reason(reasons *R, const char *rule, const char *source, const char *fmt, ...)
{
	mpr_step *s = &R->r[R->n++];
	va_list ap;
	va_start(ap, fmt);
	s->rule = rule;
	s->source = mpr_rule_text(R->lang, source);
	s->effect = mpr_arena_vprintf(R->A, mpr_tr(R->lang, fmt), ap);
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
	const char *fh_src = with_data(R, cl->fh_rule_source, c->fh_source);
	int fh_tier = cl->missing_tier;
	if (c->fh_status >= 0) {
		fh_tier = cl->fh_status_tier[c->fh_status];
		if (c->fh_score >= 0)
			say_reason(R, fh_rule, fh_src, "Freedom House %d: %s (%d/100) -> %s", c->fh_edition,
			     cl->fh_status_names[c->fh_status], c->fh_score, tier_name(R, rs, fh_tier));
		else
			say_reason(R, fh_rule, fh_src, "Freedom House %d: %s -> %s", c->fh_edition,
			     cl->fh_status_names[c->fh_status], tier_name(R, rs, fh_tier));
	} else {
		say_reason(R, fh_rule, fh_src, "Freedom House status unknown: counts as %s",
		     tier_name(R, rs, fh_tier));
	}

	const char *hri_rule = mpr_arena_printf(R->A, "%s.human-rights-index", cl->id);
	const char *hri_src = with_data(R, cl->hri_rule_source, c->vdem_source);
	int hri_tier = cl->missing_tier;
	if (c->hri >= 0) {
		size_t b = 0;
		while (b + 1 < cl->n_bands && c->hri < cl->bands[b].at_least)
			b++;
		hri_tier = cl->bands[b].tier;
		say_reason(R, hri_rule, hri_src, "V-Dem %s (%d) human rights index %.3f (band from %.2f) -> %s",
		     c->vdem_version, c->vdem_year, c->hri, cl->bands[b].at_least,
		     tier_name(R, rs, hri_tier));
	} else {
		say_reason(R, hri_rule, hri_src, "V-Dem human rights index unknown: counts as %s",
		     tier_name(R, rs, hri_tier));
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
		const char *src = with_data(R, t->source, data);
		if (status == MPR_TREATY_UNKNOWN)
			say_reason(R, t->id, src, "status unknown, counts as not a party to the %s: at least %s",
			     mpr_tr(R->lang, treaty_names[t->treaty]), tier_name(R, rs, t->at_least));
		else
			say_reason(R, t->id, src, "not a party to the %s: at least %s",
			     mpr_tr(R->lang, treaty_names[t->treaty]), tier_name(R, rs, t->at_least));
		base = worst(base, t->at_least);
	}
	say_reason(R, cl->id, cl->source, "base tier %s (the worst of the indicators)", tier_name(R, rs, base));
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
	const char *src = with_data(R, cl->functioning_state_source, c->state_authority_source);
	const char *id = mpr_arena_printf(R->A, "%s.functioning-state", cl->id);
	if (review)
		say_reason(R, id, src,
		     "V-Dem %s (%d) state authority over territory %.1f%% reaches %.1f%% but is below "
		     "the review threshold %.1f%%: placed in the %s tier until a reviewer decides "
		     "whether migrants' rights can be guaranteed there (F2)",
		     c->state_authority_version, c->state_authority_year, c->state_authority,
		     cl->state_authority_below, cl->state_authority_review_below,
		     tier_name(R, rs, (int)rs->n_tiers - 1));
	else if (below)
		say_reason(R, id, src,
		     "V-Dem %s (%d) state authority over territory %.1f%% is below %.1f%%: limited "
		     "presence of a functioning state (F2)",
		     c->state_authority_version, c->state_authority_year, c->state_authority,
		     cl->state_authority_below);
	else
		say_reason(R, id, src, "V-Dem %s (%d) state authority over territory %.1f%% reaches %.1f%%",
		     c->state_authority_version, c->state_authority_year, c->state_authority,
		     cl->state_authority_below);
	if (below && !c->excluded) {
		c->excluded_by_indicator = true;
		c->excluded = mpr_arena_printf(
		    R->A,
		    mpr_tr(R->lang, "limited presence of a functioning state: the state has authority "
		                    "over %.1f%% of its territory (V-Dem %s, %d), below %.1f%%"),
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
		say_reason(R, f->id, f->source,
		     "context %s (assessed %s): %s; raises the tier by %d", f->kind, f->date,
		     mpr_rule_text(R->lang, f->evidence), f->raise);
		raise = worst(raise, f->raise);
	}
	int t = base + raise > top ? top : base + raise;
	bool review = functioning_state(rs, c, R);
	c->under_review = review && !c->excluded; /* an exclusion is no review */
	if (c->excluded) {
		say_reason(R, mpr_arena_printf(R->A, "%s.excluded", c->n.id),
		     c->excluded_source,
		     "excluded beforehand: %s; placed in the %s tier",
		     c->excluded_by_indicator ? c->excluded : mpr_rule_text(R->lang, c->excluded),
		     tier_name(R, rs, top));
		t = top;
	} else if (review)
		t = top;
	if (c->excluded)
		say_reason(R, cl->id, cl->source, "tier %s (base %s, excluded)", tier_name(R, rs, t),
		     tier_name(R, rs, base));
	else if (review && t != base)
		say_reason(R, cl->id, cl->source, "tier %s (base %s, state authority under review (F2))",
		     tier_name(R, rs, t), tier_name(R, rs, base));
	else if (t != base)
		say_reason(R, cl->id, cl->source, "tier %s (base %s, raised by migrant-specific context (R4))",
		     tier_name(R, rs, t), tier_name(R, rs, base));
	return t;
}

/* The steps of c's classification into R; c's tiers and conditions set. */
static void classify(const mpr_ruleset *rs, mpr_country *c, reasons *R)
{
	const mpr_classification *cl = &rs->classification;
	index_tiers(rs, c, R);
	c->base_tier = base_tier(rs, c, R);
	c->tier = tier(rs, c, c->base_tier, R);
	bool restricted = c->fh_status < 0 || c->hri < 0 || c->hri < cl->restricted_hri_below;
	for (size_t i = 0; !restricted && i < cl->n_restricted_statuses; i++)
		restricted = strcmp(cl->restricted_statuses[i], cl->fh_status_names[c->fh_status]) == 0;
	c->restricted_freedoms = restricted;
}

/* Room for every step: fh, hri, each treaty rule, base, each context
 * factor, state authority, exclusion, final. */
static size_t capacity(const mpr_ruleset *rs, const mpr_country *c)
{
	return 2 + rs->classification.n_treaty_rules + 1 + c->n_context + 1 + 1 + 1;
}

int mpr_classify_country(mpr_ruleset *rs, mpr_country *c, mpr_error *err)
{
	reasons R = {&rs->arena, NULL, mpr_arena_alloc(&rs->arena, capacity(rs, c) * sizeof(mpr_step)),
	             0, true};
	if (R.r)
		classify(rs, c, &R);
	c->reasons = R.r;
	c->n_reasons = R.n;
	if (!R.r || !R.ok)
		return mpr_fail(err, MPR_ENOMEM, c->n.at.file, c->n.at.line, c->n.at.column,
		                "out of memory");
	return MPR_OK;
}

bool ld_classify_texts(mpr_ruleset *rs, const mpr_country *c, const mpr_lang *lang,
                       bool (*map)(void *ctx, const char *en, const char *text), void *ctx)
{
	mpr_country again = *c;
	if (c->excluded_by_indicator) { /* made again, in lang */
		again.excluded = NULL;
		again.excluded_by_indicator = false;
	}
	reasons R = {&rs->arena, lang, mpr_arena_alloc(&rs->arena, capacity(rs, c) * sizeof(mpr_step)),
	             0, true};
	if (!R.r)
		return false;
	classify(rs, &again, &R);
	bool ok = R.ok && R.n == c->n_reasons;
	for (size_t i = 0; ok && i < R.n; i++)
		ok = map(ctx, c->reasons[i].effect, R.r[i].effect) &&
		     map(ctx, c->reasons[i].source, R.r[i].source);
	if (ok && c->excluded_by_indicator)
		ok = map(ctx, c->excluded, again.excluded) && map(ctx, c->excluded_source, again.excluded_source);
	return ok;
}
