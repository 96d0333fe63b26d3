/*
 * compose.c - the trace texts the loader writes from the rules' values (a
 * measure's base tier, a cell's terms, what an escalation does, what a
 * beneficiary carries, the evidence a floor rule cites, the shared texts),
 * in one language. Each is made in English as its section loads (lang
 * NULL: the text the model holds), and again for every language of the
 * ruleset's translation files (translation.c), which maps the English text
 * to it: so a decision, which only copies pointers, can be printed in any of
 * them. The sentences are gettext messages (lib/po); the names and ids in
 * them are the rules' (names translated by the translation file, ids never).
 * NULL when out of memory.
 */
#include <stdlib.h>
#include <string.h>

#include "load/loader.h"
#include "util/buf.h"

/* The buffer's text in the arena (NULL when either ran out of memory). */
static const char *keep(mpr_arena *A, mpr_buf *b)
{
	const char *s = b->failed ? NULL : mpr_arena_strdup(A, b->data ? b->data : "");
	free(b->data);
	return s;
}

static const char *tier(const mpr_lang *lang, const mpr_ruleset *rs, int t)
{
	return mpr_rule_text(lang, rs->tiers[t]);
}

const char *ld_measure_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                              const mpr_measure *m)
{
	const char *t = tier(lang, rs, m->tier);
	if (m->direct)
		return m->humanitarian
		           ? mpr_arena_printf(A, mpr_tr(lang, "base tier %s (intervenes directly in "
		                                              "migrants' lives, humanitarian)"), t)
		           : mpr_arena_printf(A, mpr_tr(lang, "base tier %s (intervenes directly in "
		                                              "migrants' lives)"), t);
	return m->humanitarian ? mpr_arena_printf(A, mpr_tr(lang, "base tier %s (indirect, humanitarian)"), t)
	                       : mpr_arena_printf(A, mpr_tr(lang, "base tier %s (indirect)"), t);
}

const char *ld_transfer_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                               const mpr_measure *x)
{
	return mpr_arena_printf(A,
	                        mpr_tr(lang, "may move third-country nationals to the country (not "
	                                     "declared nationals_only): carries the risk of %s (tier %s)"),
	                        x->n.id, tier(lang, rs, x->tier));
}

const char *ld_evacuation_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                 const mpr_measure *m, int which)
{
	const mpr_measure *x = &rs->measures[m->evacuation_otherwise];
	if (which == LD_EVACUATION)
		return mpr_arena_printf(A,
		                        mpr_tr(lang, "people are evacuated from a country of tier %s or "
		                                     "an excluded one: an evacuation of people who need "
		                                     "protection"),
		                        tier(lang, rs, m->evacuation_tier));
	if (which == LD_NO_EVACUATION)
		return mpr_arena_printf(A,
		                        mpr_tr(lang, "no activity of the proposal evacuates people from "
		                                     "the country named in evacuated_from (humanitarian "
		                                     "support delivered to migrants there, as UNHCR's "
		                                     "evacuation from Libya beside the ETM's hub): "
		                                     "carries the risk of %s (tier %s), and is not "
		                                     "humanitarian"),
		                        x->n.id, tier(lang, rs, x->tier));
	return mpr_arena_printf(A,
	                        mpr_tr(lang, "not said to evacuate people from a country of tier %s "
	                                     "or an excluded one (evacuated_from), riskier than the "
	                                     "hub's: carries the risk of %s (tier %s), and is not "
	                                     "humanitarian"),
	                        tier(lang, rs, m->evacuation_tier), x->n.id, tier(lang, rs, x->tier));
}

const char *ld_implies_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                              mpr_set implies)
{
	mpr_buf names = {0};
	for (size_t a = 0; a < rs->n_attributes; a++)
		if (implies & ((mpr_set)1 << a)) {
			mpr_buf_puts(&names, names.len ? ", " : "");
			mpr_buf_puts(&names, rs->attributes[a].n.id);
		}
	const char *joined = keep(A, &names);
	return joined ? mpr_arena_printf(A, mpr_tr(lang, "the measure implies attribute %s, declared or not"),
	                                 joined)
	              : NULL;
}

const char *ld_default_kept_effect(mpr_arena *A, const mpr_lang *lang, const mpr_beneficiary *b)
{
	return mpr_arena_printf(A,
	                        mpr_tr(lang, "its support goes to %s (the measure's default) unless "
	                                     "it is the own work of an implementer the measure names: "
	                                     "the declared beneficiary adds to %s and does not lower "
	                                     "its risk"),
	                        b->n.id, b->n.id);
}

const char *ld_escalation_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                 const mpr_escalation *e)
{
	mpr_buf b = {0};
	if (e->attribute >= 0) {
		mpr_buf_printf(&b, e->condition ? mpr_tr(lang, "attribute %s in a country with restricted freedoms:")
		                                : mpr_tr(lang, "attribute %s:"),
		               rs->attributes[e->attribute].n.id);
	} else {
		mpr_buf kinds = {0};
		for (size_t k = 0; k < rs->n_context_kinds; k++)
			if (e->country_context & ((mpr_set)1 << k)) {
				mpr_buf_puts(&kinds, kinds.len ? mpr_tr(lang, " or ") : "");
				mpr_buf_puts(&kinds, mpr_rule_text(lang, rs->context_kinds[k].name));
			}
		mpr_buf_printf(&b, mpr_tr(lang, "in a country whose evidence documents %s:"),
		               kinds.data ? kinds.data : "");
		b.failed |= kinds.failed;
		free(kinds.data);
	}
	mpr_buf req = {0};
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (e->requires & ((mpr_set)1 << s)) {
			mpr_buf_puts(&req, req.len ? ", " : "");
			mpr_buf_puts(&req, rs->safeguards[s].n.id);
		}
	const char *ids = req.data ? req.data : "";
	if (e->raise && e->requires)
		mpr_buf_printf(&b, mpr_tr(lang, " raises the measure tier by %d; requires %s"), e->raise, ids);
	else if (e->raise)
		mpr_buf_printf(&b, mpr_tr(lang, " raises the measure tier by %d"), e->raise);
	else
		mpr_buf_printf(&b, mpr_tr(lang, " requires %s"), ids);
	b.failed |= req.failed;
	free(req.data);
	return keep(A, &b);
}

/* "medium or high": the names of the tiers in mask, in lang. */
static const char *tier_names(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                              unsigned mask)
{
	mpr_buf b = {0};
	size_t n = 0, total = 0;
	for (unsigned m = mask; m; m &= m - 1)
		total++;
	for (size_t t = 0; t < rs->n_tiers; t++)
		if (mask & (1u << t)) {
			mpr_buf_puts(&b, n == 0 ? "" : n + 1 == total ? mpr_tr(lang, " or ") : ", ");
			mpr_buf_puts(&b, tier(lang, rs, (int)t));
			n++;
		}
	return keep(A, &b);
}

const char *ld_beneficiary_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                  const mpr_beneficiary *b, bool declared)
{
	mpr_buf what = {0};
	if (b->carries >= 0 && b->assumed_tiers) {
		const mpr_measure *cm = &rs->measures[b->carries];
		mpr_buf_printf(&what,
		               mpr_tr(lang, "support whose recipient is not named carries the risk of "
		                            "%s (tier %s) whatever measure it is filed under; not "
		                            "humanitarian support to migrants"),
		               cm->n.id, tier(lang, rs, cm->tier));
	} else if (b->carries >= 0) {
		const mpr_measure *cm = &rs->measures[b->carries];
		mpr_buf_printf(&what,
		               mpr_tr(lang, "support to %s carries the risk of %s (tier %s) whatever "
		                            "measure it is filed under; not humanitarian support to migrants"),
		               b->n.id, cm->n.id, tier(lang, rs, cm->tier));
	} else if (b->delivers_to_migrants) {
		mpr_buf_printf(&what,
		               mpr_tr(lang, "support that reaches %s directly: humanitarian support when "
		                            "a humanitarian measure's independent implementer delivers "
		                            "it (F2)"),
		               b->n.id);
	} else {
		mpr_buf_printf(&what, mpr_tr(lang, "support to %s: not humanitarian support delivered to migrants"),
		               b->n.id);
	}
	const char *w = keep(A, &what);
	if (!w)
		return NULL;
	if (declared)
		return mpr_arena_printf(A, mpr_tr(lang, "beneficiary %s (declared): %s"), b->n.id, w);
	if (b->assumed_tiers) {
		const char *tiers = tier_names(A, lang, rs, b->assumed_tiers);
		return tiers ? mpr_arena_printf(A,
		                                mpr_tr(lang, "beneficiary %s: none declared and the "
		                                             "measure names no default, in a country of "
		                                             "tier %s (fail closed; declare who ends up "
		                                             "with the support): %s"),
		                                b->n.id, tiers, w)
		             : NULL;
	}
	return mpr_arena_printf(A,
	                        mpr_tr(lang, "beneficiary %s (none declared: the measure's default, "
	                                     "fail closed): %s"),
	                        b->n.id, w);
}

const char *ld_implementer_effect(mpr_arena *A, const mpr_lang *lang, const mpr_implementer *m)
{
	return m->independent
	           ? mpr_arena_printf(A, mpr_tr(lang, "implementer %s (declared): an independent "
	                                              "humanitarian organisation carries it out"),
	                              m->n.id)
	           : mpr_arena_printf(A, mpr_tr(lang, "implementer %s (declared): not an independent "
	                                              "humanitarian organisation: what it delivers is "
	                                              "not humanitarian support to migrants (F2)"),
	                              m->n.id);
}

const char *ld_cell_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                           const mpr_cell *cl, int country_tier, int measure_tier)
{
	static const char *const verdicts[] = {N_("permitted"), N_("conditional"), N_("no-go"),
	                                       N_("prohibited")};
	size_t n = mpr_set_count(cl->safeguards);
	const char *ct = tier(lang, rs, country_tier), *mt = tier(lang, rs, measure_tier),
	           *verdict = mpr_tr(lang, verdicts[cl->verdict]),
	           *level = mpr_rule_text(lang, rs->monitoring[cl->monitoring]),
	           *susp = rs->suspension[cl->suspension].id;
	if (n == 1)
		return mpr_arena_printf(A,
		                        mpr_tr(lang, "country %s x measure %s: %s; monitoring %s every %u "
		                                     "months; suspension: %s; %zu safeguard required"),
		                        ct, mt, verdict, level, cl->months, susp, n);
	return mpr_arena_printf(A,
	                        mpr_tr(lang, "country %s x measure %s: %s; monitoring %s every %u "
	                                     "months; suspension: %s; %zu safeguards required"),
	                        ct, mt, verdict, level, cl->months, susp, n);
}

const char *ld_treaty_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                             const mpr_treaty_rule *r, const char *treaty)
{
	return mpr_arena_printf(A, mpr_tr(lang, "not a party to the %s: at least %s"), treaty,
	                        tier(lang, rs, r->at_least));
}

const char *ld_context_floor_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                    const mpr_country *k, const mpr_context *x)
{
	return mpr_arena_printf(A, mpr_tr(lang, "evidence on %s: %s (assessed %s): %s"), k->n.id,
	                        mpr_rule_text(lang, rs->context_kinds[x->kind_index].name), x->date,
	                        mpr_rule_text(lang, x->evidence));
}

/* The texts every ruleset shares (decide.c cites them by pointer). */
static const char *const shared_texts[] = {
	N_("required but not declared"),
	N_("the measure itself requires safeguards"),
	N_("safeguards are required, so the verdict is at least conditional"),
	N_("no beneficiary declared: the support counts as humanitarian support delivered to "
	   "migrants only when a beneficiary that delivers to migrants is declared (fail closed)"),
	N_("support to a security force, and a return or transfer of people, is decided for the "
	   "partner country (the riskiest named outside the EU), not where it is handed over or "
	   "where people leave from"),
	N_("no independent humanitarian organisation is declared to carry it out (implementer): "
	   "the support counts as humanitarian support delivered to migrants only when one is "
	   "(fail closed)"),
};

void ld_shared_effects(mpr_ruleset *rs)
{
	rs->effect_missing = shared_texts[0];
	rs->effect_required_by_measure = shared_texts[1];
	rs->effect_conditional = shared_texts[2];
	rs->effect_no_beneficiary = shared_texts[3];
	rs->effect_partner_country = shared_texts[4];
	rs->effect_no_implementer = shared_texts[5];
}

size_t ld_shared_count(void)
{
	return sizeof shared_texts / sizeof *shared_texts;
}

const char *ld_shared_text(size_t i)
{
	return shared_texts[i];
}
