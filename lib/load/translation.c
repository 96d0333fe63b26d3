/*
 * translation.c - the ruleset's translation files (`translation:` sections,
 * e.g. rules/default/nl.yaml; docs/translating.md), read after every other
 * section:
 *
 *   translation:
 *     language: nl
 *     SECTION:            # measures, floor, countries, context, tiers, ...
 *       ID:               # the entry's id (a tier's or level's own name)
 *         FIELD: "text"   # name, source, message, evidence, ...; notes: a list
 *
 * Every key must name a rule text of the ruleset (texts.c): a translation of
 * something that is not there fails the load, with its place. Each text is
 * mapped from the English pointer the model holds; then every trace text the
 * loader composes (compose.c, classify.c) is composed again in the language
 * and mapped too. The files are rule files like the others, so the
 * fingerprint and any signature cover them. A text left untranslated is
 * printed in English and `mprisk lint` fails on it (lint.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/loader.h"
#include "util/error.h"

typedef struct pair {
	const char *from, *to;
} pair;

/* One language being read: its rule texts' keys (sorted), the pairs of its
 * map, the loader. */
typedef struct reading {
	loader *L;
	mpr_array(mpr_text_ref) refs;
	mpr_array(pair) pairs;
	bool oom;
} reading;

static bool collect(void *ctx, const mpr_text_ref *ref)
{
	reading *R = ctx;
	mpr_text_ref *slot = mpr_array_push(R->refs);
	if (slot)
		*slot = *ref;
	R->oom |= !slot;
	return slot != NULL;
}

static int by_key(const void *a, const void *b)
{
	return mpr_text_ref_cmp(a, b);
}

static int by_from(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const pair *)a)->from, y = (uintptr_t)((const pair *)b)->from;
	return (x > y) - (x < y);
}

static bool add_pair(void *ctx, const char *from, const char *to)
{
	reading *R = ctx;
	if (!from || !to)
		return !(R->oom = true);
	pair *p = mpr_array_push(R->pairs);
	if (p)
		*p = (pair){from, to};
	R->oom |= !p;
	return p != NULL;
}

/* The map of the pairs so far, sorted (the first of two for one text). */
static bool freeze(reading *R, mpr_text_map *map)
{
	if (R->pairs.n) /* an empty translation has no array to sort */
		qsort(R->pairs.v, R->pairs.n, sizeof *R->pairs.v, by_from);
	size_t n = 0;
	for (size_t i = 0; i < R->pairs.n; i++)
		if (!n || R->pairs.v[n - 1].from != R->pairs.v[i].from)
			R->pairs.v[n++] = R->pairs.v[i];
	R->pairs.n = n;
	const char **from = ld_alloc(R->L, n, sizeof *from), **to = ld_alloc(R->L, n, sizeof *to);
	if (!from || !to)
		return false;
	for (size_t i = 0; i < n; i++) {
		from[i] = R->pairs.v[i].from;
		to[i] = R->pairs.v[i].to;
	}
	*map = (mpr_text_map){from, to, n};
	return true;
}

/* One FIELD: a text, or for a list field (notes) a list of texts. */
static int field(reading *R, sc_ctx *c, const char *section, const char *id, const yt_node *key,
                 const yt_node *value)
{
	size_t n = value->kind == YT_SEQ ? value->n : 1;
	for (size_t i = 0; i < n; i++) {
		const yt_node *v = value->kind == YT_SEQ ? value->items[i] : value;
		mpr_text_ref want = {section, id, key->value, i, NULL, {NULL, 0, 0}};
		const mpr_text_ref *ref =
		    R->refs.n ? bsearch(&want, R->refs.v, R->refs.n, sizeof want, by_key) : NULL;
		if (!ref)
			return sc_fail(c, MPR_EREF, key,
			               "the rules have no text %s: %s: %s%s to translate", section, id,
			               key->value, value->kind == YT_SEQ ? " (this many items)" : "");
		const char *text;
		int rc = sc_scalar_str(c, v, "a translation", &text);
		if (rc)
			return rc;
		if (!add_pair(R, ref->text, text))
			return ld_oom(R->L, c->file, v);
	}
	return MPR_OK;
}

/* SECTION: {ID: {FIELD: text}} */
static int section(reading *R, sc_ctx *c, const yt_node *name, const yt_node *entries)
{
	int rc = sc_map(c, entries, "a section of a translation", NULL);
	for (size_t i = 0; rc == MPR_OK && i < entries->n; i++) {
		const yt_node *id = entries->items[2 * i], *fields = entries->items[2 * i + 1];
		if ((rc = sc_map(c, fields, "the texts of an entry", NULL)))
			break;
		for (size_t k = 0; rc == MPR_OK && k < fields->n; k++)
			rc = field(R, c, name->value, id->value, fields->items[2 * k], fields->items[2 * k + 1]);
	}
	return rc;
}

/* Every trace text the loader composes, in lang, mapped from its English. */
static bool compose(reading *R, mpr_ruleset *rs, const mpr_lang *lang)
{
	mpr_arena *A = &rs->arena;
	bool ok = true;
	for (size_t i = 0; i < ld_shared_count(); i++)
		ok &= add_pair(R, ld_shared_text(i), mpr_tr(lang, ld_shared_text(i)));
	for (size_t i = 0; ok && i < rs->n_measures; i++) {
		const mpr_measure *m = &rs->measures[i];
		ok &= add_pair(R, m->effect, ld_measure_effect(A, lang, rs, m));
		if (m->transfer_carries >= 0)
			ok &= add_pair(R, m->transfer_step.effect,
			               ld_transfer_effect(A, lang, rs, &rs->measures[m->transfer_carries]));
		if (m->evacuation_tier >= 0)
			ok &= add_pair(R, m->evacuation_step.effect,
			               ld_evacuation_effect(A, lang, rs, m, LD_EVACUATION)) &&
			      add_pair(R, m->not_evacuation_step.effect,
			               ld_evacuation_effect(A, lang, rs, m, LD_NOT_FROM_DANGER)) &&
			      add_pair(R, m->no_evacuation_step.effect,
			               ld_evacuation_effect(A, lang, rs, m, LD_NO_EVACUATION));
		if (m->implies)
			ok &= add_pair(R, m->implies_step.effect, ld_implies_effect(A, lang, rs, m->implies));
		if (m->default_beneficiary >= 0)
			ok &= add_pair(R, m->default_kept_step.effect,
			               ld_default_kept_effect(A, lang, &rs->beneficiaries[m->default_beneficiary]));
	}
	for (size_t i = 0; ok && i < rs->n_escalations; i++)
		ok &= add_pair(R, rs->escalations[i].effect, ld_escalation_effect(A, lang, rs, &rs->escalations[i]));
	for (size_t i = 0; ok && i < rs->n_beneficiaries; i++) {
		const mpr_beneficiary *b = &rs->beneficiaries[i];
		ok &= add_pair(R, b->effect_declared, ld_beneficiary_effect(A, lang, rs, b, true)) &&
		      add_pair(R, b->effect_default, ld_beneficiary_effect(A, lang, rs, b, false));
	}
	for (size_t i = 0; ok && i < rs->n_implementers; i++)
		ok &= add_pair(R, rs->implementers[i].effect,
		               ld_implementer_effect(A, lang, &rs->implementers[i]));
	for (size_t ct = 0; ok && ct < rs->n_tiers; ct++)
		for (size_t mt = 0; ok && mt < rs->n_tiers; mt++)
			ok &= add_pair(R, rs->cells[ct][mt].effect,
			               ld_cell_effect(A, lang, rs, &rs->cells[ct][mt], (int)ct, (int)mt));
	const mpr_classification *cl = &rs->classification;
	for (size_t i = 0; ok && i < cl->n_treaty_rules; i++)
		ok &= add_pair(R, cl->treaty_rules[i].effect,
		               ld_treaty_effect(A, lang, rs, &cl->treaty_rules[i],
		                                ld_treaty_key(cl->treaty_rules[i].treaty)));
	for (size_t i = 0; ok && i < rs->n_countries; i++) {
		const mpr_country *k = &rs->countries[i];
		for (size_t x = 0; ok && x < k->n_context; x++)
			ok &= add_pair(R, k->context[x].floor_effect,
			               ld_context_floor_effect(A, lang, rs, k, &k->context[x]));
		ok = ok && ld_classify_texts(rs, k, lang, add_pair, R);
	}
	return ok && !R->oom;
}

/* One translation file: its language, its texts, the texts composed in it. */
static int translation(loader *L, const part *p, reading *R, mpr_lang *out)
{
	mpr_ruleset *rs = L->rs;
	sc_ctx c = ld_ctx(L, p->file);
	const char *code;
	int rc;
	if ((rc = sc_map(&c, p->node, "a translation", NULL)) ||
	    (rc = sc_id(&c, p->node, "language", &code)))
		return rc;
	int known;
	const mpr_catalogue *cat = mpr_catalogue_find(code, &known);
	*out = (mpr_lang){code, cat, NULL, p->file};
	for (size_t i = 0; rc == MPR_OK && i < p->node->n; i++) {
		const yt_node *k = p->node->items[2 * i];
		if (strcmp(k->value, "language") != 0)
			rc = section(R, &c, k, p->node->items[2 * i + 1]);
	}
	mpr_text_map *map = ld_alloc(L, 1, sizeof *map);
	if (rc == MPR_OK && (!map || !freeze(R, map)))
		rc = ld_oom(L, p->file, p->node);
	if (rc)
		return rc;
	out->rules = map; /* the rule texts, which the composed texts read */
	if (!compose(R, rs, out) || !freeze(R, map))
		return ld_oom(L, p->file, p->node);
	return MPR_OK;
}

int ld_translations(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	rs->langs[0] = (mpr_lang){"en", NULL, NULL, NULL};
	rs->n_langs = 1;
	reading R = {.L = L};
	int rc = MPR_OK;
	if (n_parts && !mpr_rule_texts(rs, collect, &R))
		rc = ld_oom(L, parts[0].file, parts[0].node);
	if (R.refs.n)
		qsort(R.refs.v, R.refs.n, sizeof *R.refs.v, by_key);
	for (size_t i = 0; rc == MPR_OK && i < n_parts; i++) {
		mpr_lang lang;
		R.pairs.n = 0;
		rc = translation(L, &parts[i], &R, &lang);
		for (size_t k = 0; rc == MPR_OK && k < rs->n_langs; k++)
			if (strcmp(rs->langs[k].code, lang.code) == 0)
				rc = mpr_fail(L->err, MPR_ESCHEMA, parts[i].file, parts[i].line, parts[i].column,
				              "a second translation into '%s'", lang.code);
		/* a language the library has no catalogue for cannot be written: lint notes it */
		if (rc == MPR_OK && lang.program && rs->n_langs < MPR_MAX_LANGS)
			rs->langs[rs->n_langs++] = lang;
	}
	mpr_array_free(R.refs);
	mpr_array_free(R.pairs);
	return rc;
}
