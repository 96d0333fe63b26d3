/*
 * steps.c - every trace step a decision can emit, made once at load with
 * its JSON text (the last thing the loader does, ld_steps).
 *
 * A decision copies whole steps into its trace (decide/decide.c) and the
 * JSON renderers copy each step's text whole (mpr_jw_raw), so the hot path
 * of `evaluate --jsonl` neither looks anything up nor escapes anything: a
 * trace step of the default rules is about 200 bytes of text, and a
 * decision has about twenty. The same for the texts a result repeats from
 * the rules: partnership findings and monitoring items. The shapes of these
 * in JSON are written here (mpr_json_step, mpr_json_id_source,
 * mpr_json_finding_head, mpr_json_monitor_item), and the renderers use the
 * same functions for anything that has no text of its own.
 */
#include <stdlib.h>

#include "load/load.h"
#include "load/loader.h"
#include "util/json.h"

void mpr_json_step(mpr_jw *w, const char *rule, const char *source, const char *effect)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_STR(w, "rule", rule);
	MPR_JW_STR(w, "source", source);
	MPR_JW_STR(w, "effect", effect);
	mpr_jw_end(w);
}

void mpr_json_finding_head(mpr_jw *w, const mpr_prule *pr)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_STR(w, "rule", pr->id);
	MPR_JW_STR(w, "source", pr->source);
	MPR_JW_STR(w, "message", pr->message);
	MPR_JW_STR(w, "severity", mpr_verdict_word(pr->severity));
}

void mpr_json_monitor_item(mpr_jw *w, const mpr_monitor_item *m)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_STR(w, "id", m->id);
	MPR_JW_STR(w, "what", m->what);
	MPR_JW_STR(w, "source", m->source);
	mpr_jw_end(w);
}

void mpr_json_id_source(mpr_jw *w, const char *id, const char *source)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_STR(w, "id", id);
	MPR_JW_STR(w, "source", source);
	mpr_jw_end(w);
}

int ld_keep_text(loader *L, mpr_buf *scratch, const char **json, size_t *len)
{
	char *copy = scratch->failed ? NULL
	                             : mpr_arena_strndup(&L->rs->arena, scratch->data, scratch->len);
	if (!copy)
		return ld_oom(L, NULL, NULL);
	*json = copy;
	*len = scratch->len;
	scratch->len = 0;
	return MPR_OK;
}

static int make(loader *L, mpr_buf *scratch, mpr_step *s, const char *rule, const char *source,
                const char *effect)
{
	mpr_jw w;
	mpr_jw_init(&w, scratch, false);
	mpr_json_step(&w, rule, source, effect);
	s->rule = rule;
	s->source = source;
	s->effect = effect;
	return ld_keep_text(L, scratch, &s->json, &s->json_len);
}

/* A step already made (a country's reason): its text only. */
static int render(loader *L, mpr_buf *scratch, mpr_step *s)
{
	return make(L, scratch, s, s->rule, s->source, s->effect);
}

static int safeguard_steps(loader *L, mpr_buf *scratch)
{
	mpr_ruleset *rs = L->rs;
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < rs->n_safeguards; i++) {
		mpr_safeguard *sg = &rs->safeguards[i];
		mpr_jw w;
		mpr_jw_init(&w, scratch, false);
		mpr_json_id_source(&w, sg->n.id, sg->n.source);
		if ((rc = ld_keep_text(L, scratch, &sg->json, &sg->json_len)) == MPR_OK)
			rc = make(L, scratch, &sg->missing_step, sg->n.id, sg->n.source, rs->effect_missing);
	}
	return rc;
}

static int measure_steps(loader *L, mpr_buf *scratch)
{
	mpr_ruleset *rs = L->rs;
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < rs->n_measures; i++) {
		mpr_measure *m = &rs->measures[i];
		if ((rc = make(L, scratch, &m->base_step, m->n.id, m->n.source, m->effect)) == MPR_OK)
			rc = make(L, scratch, &m->required_step, m->n.id, m->n.source,
			          rs->effect_required_by_measure);
		/* what its substance adds (measures.c made the texts; a step the
		 * measure has no clause for has none) */
		mpr_step *added[] = {&m->implies_step,    &m->transfer_step,
		                     &m->default_kept_step, &m->evacuation_step,
		                     &m->not_evacuation_step, &m->no_evacuation_step};
		for (size_t k = 0; rc == MPR_OK && k < sizeof added / sizeof *added; k++)
			if (added[k]->rule)
				rc = render(L, scratch, added[k]);
	}
	for (size_t i = 0; rc == MPR_OK && i < rs->n_beneficiaries; i++) {
		mpr_beneficiary *b = &rs->beneficiaries[i];
		if ((rc = make(L, scratch, &b->declared_step, b->n.id, b->n.source, b->effect_declared)) ==
		    MPR_OK)
			rc = make(L, scratch, &b->default_step, b->n.id, b->n.source, b->effect_default);
	}
	for (size_t i = 0; rc == MPR_OK && i < rs->n_implementers; i++) {
		mpr_implementer *m = &rs->implementers[i];
		rc = make(L, scratch, &m->step, m->n.id, m->n.source, m->effect);
	}
	for (size_t i = 0; rc == MPR_OK && i < rs->n_escalations; i++) {
		mpr_escalation *e = &rs->escalations[i];
		rc = make(L, scratch, &e->step, e->id, e->source, e->effect);
	}
	return rc;
}

static int rule_steps(loader *L, mpr_buf *scratch)
{
	mpr_ruleset *rs = L->rs;
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < rs->n_floor; i++) {
		mpr_floor *f = &rs->floor[i];
		rc = make(L, scratch, &f->step, f->id, f->source, f->message);
	}
	for (size_t t = 0; t < rs->n_tiers; t++)
		for (size_t u = 0; rc == MPR_OK && u < rs->n_tiers; u++) {
			mpr_cell *cell = &rs->cells[t][u];
			if (cell->defined)
				rc = make(L, scratch, &cell->step, cell->id, cell->source, cell->effect);
		}
	if (rc == MPR_OK)
		rc = make(L, scratch, &rs->no_beneficiary_step, "beneficiary", "§4.2 (F2); §4.1.4",
		          rs->effect_no_beneficiary);
	if (rc == MPR_OK)
		rc = make(L, scratch, &rs->no_implementer_step, "implementer", "§4.2 (F2)",
		          rs->effect_no_implementer);
	if (rc == MPR_OK)
		rc = make(L, scratch, &rs->conditional_step, "conditional", rs->source,
		          rs->effect_conditional);
	if (rc == MPR_OK)
		rc = make(L, scratch, &rs->partner_country_step, "partner-country", "§4.1.4; §4.2 (F2)",
		          rs->effect_partner_country);
	return rc;
}

/* The partnership rules' findings and the monitoring plan's items, which a
 * one-activity proposal without a declaration prints fifteen and five of. */
static int partnership_texts(loader *L, mpr_buf *scratch)
{
	mpr_ruleset *rs = L->rs;
	int rc = MPR_OK;
	mpr_jw w;
	for (size_t i = 0; rc == MPR_OK && i < rs->n_prules; i++) {
		mpr_jw_init(&w, scratch, false);
		mpr_json_finding_head(&w, &rs->prules[i]);
		rc = ld_keep_text(L, scratch, &rs->prules[i].json_head, &rs->prules[i].json_head_len);
	}
	for (size_t i = 0; rc == MPR_OK && i < rs->n_monitor_items; i++) {
		mpr_jw_init(&w, scratch, false);
		mpr_json_monitor_item(&w, &rs->monitor_items[i]);
		rc = ld_keep_text(L, scratch, &rs->monitor_items[i].json, &rs->monitor_items[i].json_len);
	}
	return rc;
}

static int country_steps(loader *L, mpr_buf *scratch)
{
	mpr_ruleset *rs = L->rs;
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < rs->n_countries; i++) {
		mpr_country *c = &rs->countries[i];
		for (size_t k = 0; rc == MPR_OK && k < c->n_reasons; k++)
			rc = render(L, scratch, &c->reasons[k]);
		for (size_t k = 0; rc == MPR_OK && k < c->n_context; k++) {
			mpr_context *x = &c->context[k];
			rc = make(L, scratch, &x->floor_step, x->id, x->source, x->floor_effect);
		}
	}
	return rc;
}

int ld_steps(loader *L)
{
	mpr_buf scratch = {0};
	int rc = safeguard_steps(L, &scratch);
	if (rc == MPR_OK)
		rc = measure_steps(L, &scratch);
	if (rc == MPR_OK)
		rc = rule_steps(L, &scratch);
	if (rc == MPR_OK)
		rc = partnership_texts(L, &scratch);
	if (rc == MPR_OK)
		rc = country_steps(L, &scratch);
	free(scratch.data);
	return rc;
}
