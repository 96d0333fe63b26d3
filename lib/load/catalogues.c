/*
 * catalogues.c - the catalogues the rules refer to by id: safeguards,
 * attributes, measure tags, context kinds, partnership elements,
 * beneficiaries (who receives an activity's support, and the risk it
 * carries) and implementers (who carries it out). Each is a list of {id,
 * name, source, ...}; sets of safeguards,
 * attributes, tags, elements and context kinds are 64-bit sets, so those
 * catalogues hold at most 64 entries. Each gets its id index once loaded.
 */
#include <stdio.h>
#include <string.h>

#include "load/loader.h"

/* A safeguard's `elements`: the report's monitoring elements it answers,
 * kept as written for explanations. */
static int safeguard_elements(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	mpr_safeguard *s = (mpr_safeguard *)items + i;
	const yt_node *el;
	int rc = sc_list(c, it, "elements", true, 1, &el);
	if (rc)
		return rc;
	char joined[256] = "";
	size_t used = 0;
	for (size_t k = 0; k < el->n; k++) {
		const char *e;
		if ((rc = sc_scalar_str(c, el->items[k], "an element", &e)))
			return rc;
		int w = snprintf(joined + used, sizeof joined - used, "%s%s", k ? ", " : "", e);
		if (w < 0 || (size_t)w >= sizeof joined - used)
			return sc_fail(c, MPR_ELIMIT, el, "'elements' too long");
		used += (size_t)w;
	}
	if (!(s->elements = mpr_arena_strdup(&L->rs->arena, joined)))
		return ld_oom(L, c->file, it);
	return MPR_OK;
}

/* An element's optional `detail`: what a proposal declaring the element
 * must state about it. */
static int element_detail(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	(void)L;
	mpr_element *e = (mpr_element *)items + i;
	if (!yt_get(it, "detail"))
		return MPR_OK;
	int rc = sc_id(c, it, "detail", &e->detail);
	if (rc)
		return rc;
	if (strcmp(e->detail, "id") == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "detail"), "'id' cannot be an element's detail");
	return MPR_OK;
}

static const char *const safeguard_keys[] = {"id", "name", "elements", "source", "justification",
                                              NULL};
static const char *const element_keys[] = {"id", "name", "detail", "source", "justification",
                                            NULL};
/* The catalogues that are lists of {id, name, source} only. */
static const char *const plain_keys[] = {"id", "name", "source", "justification", NULL};

/* Catalogues read into 64-bit sets hold at most MPR_MAX_SET entries. In the
 * order of ld_items: min_items, size, item, what, kind, entry_kind, keys,
 * max_items, noun, if_none. */
const ld_items ld_safeguard_items = {1, sizeof(mpr_safeguard), safeguard_elements, "a safeguard",
                                     "safeguard", MPR_ENTRY_SAFEGUARD, safeguard_keys,
                                     MPR_MAX_SET, "safeguards", NULL};
const ld_items ld_attribute_items = {0, sizeof(mpr_attribute), NULL, "an attribute", "attribute",
                                     MPR_ENTRY_ATTRIBUTE, plain_keys, MPR_MAX_SET, "attributes",
                                     NULL};
/* measure_tags: a taxonomy for partnership rules, not rule entries. */
const ld_items ld_tag_items = {0, sizeof(mpr_named), NULL, "measure tag", "measure tag", -1,
                               plain_keys, MPR_MAX_SET, "entries", NULL};
const ld_items ld_context_kind_items = {0, sizeof(mpr_named), NULL, "context kind",
                                        "context kind", MPR_ENTRY_CONTEXT_KIND, plain_keys,
                                        MPR_MAX_SET, "entries", NULL};
const ld_items ld_element_items = {0, sizeof(mpr_element), element_detail,
                                   "a partnership element", "partnership element",
                                   MPR_ENTRY_ELEMENT, element_keys, MPR_MAX_SET, "entries", NULL};

/* The one beneficiary assumed when none is declared: at most one, never
 * one that delivers to migrants (an unnamed recipient is no humanitarian
 * support). */
static int assumed(loader *L, sc_ctx *c, const yt_node *it, mpr_beneficiary *b, size_t i)
{
	const yt_node *v = yt_get(it, "assumed_when_undeclared");
	int rc = ld_tier_mask(L, c, it, "assumed_when_undeclared", &b->assumed_tiers);
	if (rc || !v)
		return rc;
	if (!b->assumed_tiers)
		return sc_fail(c, MPR_ESCHEMA, v, "'assumed_when_undeclared' names no tier");
	if (b->delivers_to_migrants)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "the beneficiary assumed when none is declared cannot deliver to "
		               "migrants (fail closed)");
	if (L->rs->undeclared_beneficiary >= 0)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "only one beneficiary can be assumed when none is declared ('%s' is)",
		               ((mpr_beneficiary *)L->rs->beneficiaries)[L->rs->undeclared_beneficiary].n.id);
	L->rs->undeclared_beneficiary = (int)i;
	return MPR_OK;
}

/* One beneficiary: a rule id too; what it carries is kept to be resolved
 * once the measures are loaded. */
static int beneficiary(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "name", "delivers_to_migrants", "carries",
	                                   "assumed_when_undeclared", "source", "justification",
	                                   NULL};
	mpr_beneficiary *b = (mpr_beneficiary *)items + i;
	const yt_node **carries = mpr_array_push(L->carries);
	int rc;
	if (!carries)
		return ld_oom(L, c->file, it);
	L->carries_file = c->file;
	if ((rc = ld_named(c, it, &b->n, "a beneficiary", keys)) ||
	    (rc = ld_unique_named(c, it, &b->n, items, sizeof *b, i, "beneficiary")) ||
	    (rc = ld_rule_id(L, c, b->n.id, yt_get(it, "id"))) ||
	    (rc = sc_bool(c, it, "delivers_to_migrants", true, &b->delivers_to_migrants)) ||
	    (rc = assumed(L, c, it, b, i)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_BENEFICIARY, b->n.id, it)))
		return rc;
	b->carries = -1;
	*carries = yt_get(it, "carries");
	if (*carries && b->delivers_to_migrants)
		return sc_fail(c, MPR_ESCHEMA, *carries,
		               "a beneficiary that carries a measure's risk cannot deliver to migrants");
	return MPR_OK;
}

/* beneficiaries: who receives an activity's support (§4.1.4, F2). What each
 * carries names a measure: resolved after the measures
 * (ld_resolve_beneficiaries). */
const ld_items ld_beneficiary_items = {.size = sizeof(mpr_beneficiary), .item = beneficiary};

/* One implementer: a rule id too (its trace step names it). */
static int implementer(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "name", "independent", "source", "justification",
	                                   NULL};
	mpr_implementer *m = (mpr_implementer *)items + i;
	int rc;
	if ((rc = ld_named(c, it, &m->n, "an implementer", keys)) ||
	    (rc = ld_unique_named(c, it, &m->n, items, sizeof *m, i, "implementer")) ||
	    (rc = ld_rule_id(L, c, m->n.id, yt_get(it, "id"))) ||
	    (rc = sc_bool(c, it, "independent", true, &m->independent)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_IMPLEMENTER, m->n.id, it)))
		return rc;
	m->effect = ld_implementer_effect(&L->rs->arena, NULL, m);
	return m->effect ? MPR_OK : ld_oom(L, c->file, it);
}

/* implementers: who carries an activity out (F2; what a measure's default
 * beneficiary yields to). At most 64: measures name them in 64-bit sets. */
const ld_items ld_implementer_items = {0,  sizeof(mpr_implementer), implementer, NULL, NULL, -1,
                                       NULL, MPR_MAX_SET, "implementers", NULL};

/* After the measures: what each beneficiary carries, and the trace texts. */
int ld_resolve_beneficiaries(loader *L)
{
	mpr_ruleset *rs = L->rs;
	sc_ctx c = ld_ctx(L, L->carries_file);
	for (size_t i = 0; i < rs->n_beneficiaries; i++) {
		mpr_beneficiary *b = &rs->beneficiaries[i];
		if (L->carries.v[i]) {
			const char *m;
			int rc = sc_scalar_str(&c, L->carries.v[i], "'carries'", &m);
			if (rc)
				return rc;
			b->carries = mpr_index_find(&rs->measure_index, m);
			if (b->carries < 0)
				return sc_fail(&c, MPR_EREF, L->carries.v[i], "unknown measure '%s'", m);
		}
		b->effect_declared = ld_beneficiary_effect(&rs->arena, NULL, rs, b, true);
		b->effect_default = ld_beneficiary_effect(&rs->arena, NULL, rs, b, false);
		if (!b->effect_declared || !b->effect_default)
			return ld_oom(L, L->carries_file, NULL);
	}
	return MPR_OK;
}
