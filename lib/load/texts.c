/*
 * texts.c - every rule text of a loaded ruleset that a person reads: the
 * names, messages, sources, evidence and notes the rule files hold, each
 * with the key a translation file gives it (SECTION, ID, FIELD: the
 * section of the rules, the id of the entry, the field; docs/translating.md)
 * and the very pointer the model holds, which is what a renderer looks up.
 * The translation files are read against this list (translation.c) and
 * `mprisk lint` checks it against them: a text without a translation is an
 * error. Ids, hashes, dates, numbers and the Freedom House status names (the
 * dataset's own labels) are not texts.
 */
#include <string.h>

#include "load/load.h"

typedef struct walk {
	mpr_text_fn fn;
	void *ctx;
	bool go;
} walk;

static void text(walk *w, const char *section, const char *id, const char *field, size_t index,
                 const char *s, mpr_place at)
{
	if (w->go && s)
		w->go = w->fn(w->ctx, &(mpr_text_ref){section, id, field, index, s, at});
}

static void named(walk *w, const char *section, const mpr_named *n, bool with_source)
{
	text(w, section, n->id, "name", 0, n->name, n->at);
	if (with_source)
		text(w, section, n->id, "source", 0, n->source, n->at);
}

/* A catalogue of mpr_named-first entries, stride bytes apart. */
static void catalogue(walk *w, const char *section, const void *first, size_t stride, size_t n)
{
	for (size_t i = 0; i < n; i++)
		named(w, section, (const mpr_named *)(const void *)((const char *)first + i * stride), true);
}

static void ruleset_texts(walk *w, const mpr_ruleset *rs)
{
	static const mpr_place nowhere = {"", 0, 0};
	text(w, "ruleset", rs->id, "title", 0, rs->title, nowhere);
	text(w, "ruleset", rs->id, "source", 0, rs->source, nowhere);
	for (size_t t = 0; t < rs->n_tiers; t++)
		text(w, "tiers", rs->tiers[t], "name", 0, rs->tiers[t], nowhere);
	for (size_t m = 0; m < rs->n_monitoring; m++)
		text(w, "monitoring_levels", rs->monitoring[m], "name", 0, rs->monitoring[m], nowhere);
	for (size_t i = 0; i < rs->n_suspension; i++)
		named(w, "suspension_levels", &rs->suspension[i], true);
	for (size_t i = 0; i < rs->n_sources; i++)
		text(w, "sources", rs->sources[i].id, "name", 0, rs->sources[i].name, rs->sources[i].at);
}

static void classification_texts(walk *w, const mpr_ruleset *rs)
{
	const mpr_classification *cl = &rs->classification;
	const mpr_entry *e = mpr_entry_find(rs, MPR_ENTRY_CLASSIFICATION, cl->id);
	mpr_place at = e ? e->at : (mpr_place){"", 0, 0};
	text(w, "classification", cl->id, "source", 0, cl->source, at);
	text(w, "classification", "freedom_house", "source", 0, cl->fh_rule_source, at);
	text(w, "classification", "human_rights_index", "source", 0, cl->hri_rule_source, at);
	text(w, "classification", "restricted_freedoms", "source", 0, cl->restricted_source, at);
	text(w, "classification", "functioning_state", "source", 0, cl->functioning_state_source, at);
	for (size_t i = 0; i < cl->n_treaty_rules; i++) {
		const mpr_entry *t = mpr_entry_find(rs, MPR_ENTRY_TREATY_RULE, cl->treaty_rules[i].id);
		text(w, "classification", cl->treaty_rules[i].id, "source", 0, cl->treaty_rules[i].source,
		     t ? t->at : at);
	}
}

static void rule_texts(walk *w, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_escalations; i++)
		text(w, "escalations", rs->escalations[i].id, "source", 0, rs->escalations[i].source,
		     rs->escalations[i].at);
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++) {
			const mpr_cell *c = &rs->cells[ct][mt];
			text(w, "matrix", c->id, "source", 0, c->source, c->at);
		}
	for (size_t i = 0; i < rs->n_floor; i++) {
		text(w, "floor", rs->floor[i].id, "message", 0, rs->floor[i].message, rs->floor[i].at);
		text(w, "floor", rs->floor[i].id, "source", 0, rs->floor[i].source, rs->floor[i].at);
	}
	for (size_t i = 0; i < rs->n_prules; i++) {
		text(w, "partnership_rules", rs->prules[i].id, "message", 0, rs->prules[i].message,
		     rs->prules[i].at);
		text(w, "partnership_rules", rs->prules[i].id, "source", 0, rs->prules[i].source,
		     rs->prules[i].at);
	}
	for (size_t i = 0; i < rs->n_monitor_items; i++) {
		const mpr_monitor_item *m = &rs->monitor_items[i];
		const mpr_entry *e = mpr_entry_find(rs, MPR_ENTRY_PARTNERSHIP_RULE, m->id);
		mpr_place at = e ? e->at : (mpr_place){"", 0, 0};
		text(w, "monitoring_content", m->id, "what", 0, m->what, at);
		text(w, "monitoring_content", m->id, "source", 0, m->source, at);
	}
}

/* Monitoring (rules/default/monitoring.yaml): what follows from what it
 * found, and the sources of its parameters, keyed by their ids. */
static void monitoring_texts(walk *w, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_consequences; i++) {
		const mpr_consequence *c = &rs->consequences[i];
		text(w, "consequences", c->id, "message", 0, c->message, c->at);
		text(w, "consequences", c->id, "source", 0, c->source, c->at);
	}
	if (!rs->mon.defined)
		return;
	const char *ids[] = {rs->mon.round_id, rs->mon.experience_id};
	const char *sources[] = {rs->mon.round_source, rs->mon.experience_source};
	for (size_t i = 0; i < 2; i++) {
		const mpr_entry *e = mpr_entry_find(rs, MPR_ENTRY_MONITORING_PARAMETER, ids[i]);
		text(w, "monitoring_parameters", ids[i], "source", 0, sources[i],
		     e ? e->at : (mpr_place){"", 0, 0});
	}
}

static void country_texts(walk *w, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[i];
		named(w, "countries", &c->n, false);
		for (size_t k = 0; k < c->n_notes; k++)
			text(w, "countries", c->n.id, "notes", k, c->notes[k], c->n.at);
		if (c->excluded && !c->excluded_by_indicator) {
			text(w, "countries", c->n.id, "excluded", 0, c->excluded, c->n.at);
			text(w, "countries", c->n.id, "excluded_source", 0, c->excluded_source, c->n.at);
		}
	}
	for (size_t i = 0; i < rs->n_countries; i++)
		for (size_t k = 0; k < rs->countries[i].n_context; k++) {
			const mpr_context *x = &rs->countries[i].context[k];
			text(w, "context", x->id, "evidence", 0, x->evidence, x->at);
			text(w, "context", x->id, "source", 0, x->source, x->at);
		}
}

bool mpr_rule_texts(const mpr_ruleset *rs, mpr_text_fn fn, void *ctx)
{
	walk w = {fn, ctx, true};
	ruleset_texts(&w, rs);
	classification_texts(&w, rs);
	catalogue(&w, "safeguards", rs->safeguards, sizeof *rs->safeguards, rs->n_safeguards);
	catalogue(&w, "attributes", rs->attributes, sizeof *rs->attributes, rs->n_attributes);
	catalogue(&w, "measure_tags", rs->tags, sizeof *rs->tags, rs->n_tags);
	catalogue(&w, "context_kinds", rs->context_kinds, sizeof *rs->context_kinds,
	          rs->n_context_kinds);
	catalogue(&w, "beneficiaries", rs->beneficiaries, sizeof *rs->beneficiaries,
	          rs->n_beneficiaries);
	catalogue(&w, "implementers", rs->implementers, sizeof *rs->implementers,
	          rs->n_implementers);
	catalogue(&w, "measures", rs->measures, sizeof *rs->measures, rs->n_measures);
	catalogue(&w, "partnership_elements", rs->elements, sizeof *rs->elements, rs->n_elements);
	catalogue(&w, "violation_kinds", rs->violation_kinds, sizeof *rs->violation_kinds,
	          rs->n_violation_kinds);
	rule_texts(&w, rs);
	monitoring_texts(&w, rs);
	country_texts(&w, rs);
	return w.go;
}

int mpr_text_ref_cmp(const mpr_text_ref *a, const mpr_text_ref *b)
{
	int c = strcmp(a->section, b->section);
	if (!c)
		c = strcmp(a->id, b->id);
	if (!c)
		c = strcmp(a->field, b->field);
	if (!c)
		c = (a->index > b->index) - (a->index < b->index);
	return c;
}
