/*
 * catalogues.c - the catalogues the rules refer to by id: safeguards,
 * attributes, measure tags, context kinds, partnership elements and
 * beneficiaries (who receives an activity's support, and the risk it
 * carries). Each is a list of {id, name, source, ...}; sets of safeguards,
 * attributes, tags, elements and context kinds are 64-bit sets, so those
 * catalogues hold at most 64 entries. Each gets its id index once loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/loader.h"

int ld_safeguards(loader *L, const part *parts, size_t n_parts)
{
	const part *p = &parts[0]; /* required, defined once: n_parts is 1 */
	(void)n_parts;
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'safeguards'", 1);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu safeguards, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_ruleset *rs = L->rs;
	rs->safeguards = ld_alloc(L, p->node->n, sizeof *rs->safeguards);
	if (!rs->safeguards)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "elements", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_safeguard *s = &rs->safeguards[i];
		if ((rc = ld_named(&c, it, &s->n, "a safeguard", keys)) ||
		    (rc = ld_unique_named(&c, it, &s->n, rs->safeguards, sizeof *s, i, "safeguard")) ||
		    (rc = ld_entry(L, &c, MPR_ENTRY_SAFEGUARD, s->n.id, it)))
			return rc;
		const yt_node *el = yt_get(it, "elements");
		if (!el)
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'elements'");
		if ((rc = sc_seq(&c, el, "'elements'", 1)))
			return rc;
		char joined[256] = "";
		size_t used = 0;
		for (size_t k = 0; k < el->n; k++) {
			const char *e;
			if ((rc = sc_scalar_str(&c, el->items[k], "an element", &e)))
				return rc;
			int w = snprintf(joined + used, sizeof joined - used, "%s%s", k ? ", " : "", e);
			if (w < 0 || (size_t)w >= sizeof joined - used)
				return sc_fail(&c, MPR_ELIMIT, el, "'elements' too long");
			used += (size_t)w;
		}
		if (!(s->elements = mpr_arena_strdup(&rs->arena, joined)))
			return ld_oom(L, p->file, it);
		rs->n_safeguards++;
	}
	return ld_index(L, &rs->safeguard_index, &rs->safeguards[0].n.id, sizeof *rs->safeguards,
	                rs->n_safeguards);
}

int ld_attributes(loader *L, const part *parts, size_t n_parts)
{
	if (!n_parts)
		return MPR_OK;
	const part *p = &parts[0];
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'attributes'", 0);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu attributes, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_ruleset *rs = L->rs;
	rs->attributes = ld_alloc(L, p->node->n, sizeof *rs->attributes);
	if (!rs->attributes)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_attribute *a = &rs->attributes[i];
		if ((rc = ld_named(&c, it, &a->n, "an attribute", keys)) ||
		    (rc = ld_unique_named(&c, it, &a->n, rs->attributes, sizeof *a, i, "attribute")) ||
		    (rc = ld_entry(L, &c, MPR_ENTRY_ATTRIBUTE, a->n.id, it)))
			return rc;
		rs->n_attributes++;
	}
	return ld_index(L, &rs->attribute_index, &rs->attributes[0].n.id, sizeof *rs->attributes,
	                rs->n_attributes);
}

/* measure_tags and context_kinds: lists of {id, name, source}, each at
 * most 64 (sets). entry_kind < 0: not a rule entry (tags are a taxonomy). */
static int catalogue(loader *L, const part *parts, size_t n_parts, const char *section,
                     int entry_kind, const char *what, mpr_named **out, size_t *n_out)
{
	if (!n_parts)
		return MPR_OK;
	const part *p = &parts[0];
	sc_ctx c = ld_ctx(L, p->file);
	char list[64];
	snprintf(list, sizeof list, "'%s'", section);
	int rc = sc_seq(&c, p->node, list, 0);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu entries, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_named *v = ld_alloc(L, p->node->n, sizeof *v);
	if (!v)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		if ((rc = ld_named(&c, it, &v[i], what, keys)) ||
		    (rc = ld_unique_named(&c, it, &v[i], v, sizeof *v, i, what)) ||
		    (entry_kind >= 0 && (rc = ld_entry(L, &c, entry_kind, v[i].id, it))))
			return rc;
		*n_out = i + 1;
	}
	*out = v;
	return MPR_OK;
}

int ld_tags(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	int rc = catalogue(L, parts, n_parts, "measure_tags", -1, "measure tag", &rs->tags,
	                   &rs->n_tags);
	if (rc || !n_parts)
		return rc;
	return ld_index(L, &rs->tag_index, &rs->tags[0].id, sizeof *rs->tags, rs->n_tags);
}

int ld_context_kinds(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	int rc = catalogue(L, parts, n_parts, "context_kinds", MPR_ENTRY_CONTEXT_KIND, "context kind",
	                   &rs->context_kinds, &rs->n_context_kinds);
	if (rc || !n_parts)
		return rc;
	return ld_index(L, &rs->context_kind_index, &rs->context_kinds[0].id,
	                sizeof *rs->context_kinds, rs->n_context_kinds);
}

/* partnership_elements: like a catalogue, plus an optional `detail`: what a
 * proposal declaring the element must state about it. */
int ld_elements(loader *L, const part *parts, size_t n_parts)
{
	if (!n_parts)
		return MPR_OK;
	const part *p = &parts[0];
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'partnership_elements'", 0);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu entries, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_ruleset *rs = L->rs;
	rs->elements = ld_alloc(L, p->node->n, sizeof *rs->elements);
	if (!rs->elements)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "detail", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_element *e = &rs->elements[i];
		if ((rc = ld_named(&c, it, &e->n, "a partnership element", keys)) ||
		    (rc = ld_unique_named(&c, it, &e->n, rs->elements, sizeof *e, i,
		                          "partnership element")) ||
		    (rc = ld_entry(L, &c, MPR_ENTRY_ELEMENT, e->n.id, it)))
			return rc;
		if (yt_get(it, "detail")) {
			if ((rc = sc_id(&c, it, "detail", &e->detail)))
				return rc;
			if (strcmp(e->detail, "id") == 0)
				return sc_fail(&c, MPR_ESCHEMA, yt_get(it, "detail"),
				               "'id' cannot be an element's detail");
		}
		rs->n_elements = i + 1;
	}
	return ld_index(L, &rs->element_index, &rs->elements[0].n.id, sizeof *rs->elements,
	                rs->n_elements);
}

/* beneficiaries: who receives an activity's support (§4.1.4, F2). */
int ld_beneficiaries(loader *L, const part *parts, size_t n_parts)
{
	if (!n_parts)
		return MPR_OK;
	const part *p = &parts[0];
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'beneficiaries'", 0);
	if (rc)
		return rc;
	mpr_ruleset *rs = L->rs;
	rs->beneficiaries = ld_alloc(L, p->node->n, sizeof *rs->beneficiaries);
	L->carries = calloc(p->node->n ? p->node->n : 1, sizeof *L->carries);
	if (!rs->beneficiaries || !L->carries)
		return ld_oom(L, p->file, p->node);
	L->carries_file = p->file;
	static const char *const keys[] = {"id", "name", "delivers_to_migrants", "carries", "source",
	                                   "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_beneficiary *b = &rs->beneficiaries[i];
		if ((rc = ld_named(&c, it, &b->n, "a beneficiary", keys)) ||
		    (rc = ld_unique_named(&c, it, &b->n, rs->beneficiaries, sizeof *b, i, "beneficiary")) ||
		    (rc = ld_rule_id(L, &c, b->n.id, yt_get(it, "id"))) ||
		    (rc = sc_bool(&c, it, "delivers_to_migrants", true, &b->delivers_to_migrants)) ||
		    (rc = ld_entry(L, &c, MPR_ENTRY_BENEFICIARY, b->n.id, it)))
			return rc;
		b->carries = -1;
		L->carries[i] = yt_get(it, "carries");
		if (L->carries[i] && b->delivers_to_migrants)
			return sc_fail(&c, MPR_ESCHEMA, L->carries[i],
			               "a beneficiary that carries a measure's risk cannot deliver to migrants");
		rs->n_beneficiaries = i + 1;
	}
	return ld_index(L, &rs->beneficiary_index, &rs->beneficiaries[0].n.id,
	                sizeof *rs->beneficiaries, rs->n_beneficiaries);
}

/* After the measures: what each beneficiary carries, and the trace texts. */
int ld_resolve_beneficiaries(loader *L)
{
	mpr_ruleset *rs = L->rs;
	sc_ctx c = ld_ctx(L, L->carries_file);
	for (size_t i = 0; i < rs->n_beneficiaries; i++) {
		mpr_beneficiary *b = &rs->beneficiaries[i];
		char what[512];
		if (L->carries[i]) {
			const char *m;
			int rc = sc_scalar_str(&c, L->carries[i], "'carries'", &m);
			if (rc)
				return rc;
			b->carries = mpr_find_measure(rs, m);
			if (b->carries < 0)
				return sc_fail(&c, MPR_EREF, L->carries[i], "unknown measure '%s'", m);
			const mpr_measure *cm = &rs->measures[b->carries];
			snprintf(what, sizeof what,
			         "support to %s carries the risk of %s (tier %s) whatever measure it is "
			         "filed under; not humanitarian support to migrants",
			         b->n.id, cm->n.id, rs->tiers[cm->tier]);
		} else if (b->delivers_to_migrants) {
			snprintf(what, sizeof what, "support delivered to migrants by %s", b->n.id);
		} else {
			snprintf(what, sizeof what,
			         "support to %s: not humanitarian support delivered to migrants", b->n.id);
		}
		b->effect_declared = mpr_arena_printf(&rs->arena, "beneficiary %s (declared): %s",
		                                      b->n.id, what);
		b->effect_default = mpr_arena_printf(&rs->arena,
		                                     "beneficiary %s (none declared: the measure's default, "
		                                     "fail closed): %s", b->n.id, what);
		if (!b->effect_declared || !b->effect_default)
			return ld_oom(L, L->carries_file, NULL);
	}
	return MPR_OK;
}
