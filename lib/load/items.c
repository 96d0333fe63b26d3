/*
 * items.c - the sections that are lists of items: sources, the catalogues
 * (safeguards, attributes, measure tags, context kinds, partnership
 * elements, beneficiaries, implementers), the floor, partnership rules, monitoring
 * content and countries. They are read one way, here: each list checked,
 * one array for all its items in the arena, each item read by the reader
 * its family's file gives (ld_items), the ruleset's array, count and index
 * by id set in one place.
 */
#include <stdio.h>

#include "load/loader.h"
#include "util/error.h"

/* Where the items of a list section go in the ruleset. */
typedef struct slot {
	size_t *n;        /* the count of items read */
	mpr_index *index; /* their index by id, or NULL */
} slot;

/* Hand the array of section s to the ruleset: where its count and index go. */
static slot store(mpr_ruleset *rs, int s, void *items)
{
	switch (s) {
	case S_SOURCES: rs->sources = items; return (slot){&rs->n_sources, NULL};
	case S_SAFEGUARDS: rs->safeguards = items; return (slot){&rs->n_safeguards, &rs->safeguard_index};
	case S_ATTRIBUTES: rs->attributes = items; return (slot){&rs->n_attributes, &rs->attribute_index};
	case S_TAGS: rs->tags = items; return (slot){&rs->n_tags, &rs->tag_index};
	case S_CONTEXT_KINDS: rs->context_kinds = items; return (slot){&rs->n_context_kinds, &rs->context_kind_index};
	case S_BENEFICIARIES: rs->beneficiaries = items; return (slot){&rs->n_beneficiaries, &rs->beneficiary_index};
	case S_IMPLEMENTERS: rs->implementers = items; return (slot){&rs->n_implementers, &rs->implementer_index};
	case S_FLOOR: rs->floor = items; return (slot){&rs->n_floor, NULL};
	case S_ELEMENTS: rs->elements = items; return (slot){&rs->n_elements, &rs->element_index};
	case S_PRULES: rs->prules = items; return (slot){&rs->n_prules, NULL};
	case S_MONITOR: rs->monitor_items = items; return (slot){&rs->n_monitor_items, NULL};
	case S_VIOLATION_KINDS: rs->violation_kinds = items; return (slot){&rs->n_violation_kinds, &rs->violation_kind_index};
	case S_CONSEQUENCES: rs->consequences = items; return (slot){&rs->n_consequences, NULL};
	case S_COUNTRIES: rs->countries = items; return (slot){&rs->n_countries, &rs->country_index};
	default: return (slot){NULL, NULL}; /* not a list section */
	}
}

/* A catalogue entry's id, name and source, unique, and its rule entry. */
static int catalogue_entry(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i,
                           const ld_items *how)
{
	mpr_named *e = (mpr_named *)((char *)items + i * how->size);
	int rc;
	if ((rc = ld_named(c, it, e, how->what, how->keys)) ||
	    (rc = ld_unique_named(c, it, e, items, how->size, i, how->kind)) ||
	    (how->entry_kind >= 0 && (rc = ld_entry(L, c, how->entry_kind, e->id, it))))
		return rc;
	return MPR_OK;
}

/* Every part a list of at least min_items: how many items in all. */
static int count_items(loader *L, const char *name, const part *parts, size_t n_parts,
                       const ld_items *how, size_t *total)
{
	char what[64];
	snprintf(what, sizeof what, "'%s'", name);
	*total = 0;
	for (size_t k = 0; k < n_parts; k++) {
		sc_ctx c = ld_ctx(L, parts[k].file);
		int rc = sc_seq(&c, parts[k].node, what, how->min_items);
		if (rc)
			return rc;
		*total += parts[k].node->n;
	}
	return MPR_OK;
}

int ld_read_items(loader *L, int s, const char *name, const part *parts, size_t n_parts,
                  const ld_items *how)
{
	size_t total;
	int rc = count_items(L, name, parts, n_parts, how, &total);
	if (rc || !n_parts)
		return rc;
	const part *one = n_parts == 1 ? &parts[0] : NULL;
	void *items = ld_alloc(L, total, how->size);
	if (!items)
		return ld_oom(L, one ? one->file : NULL, one ? one->node : NULL);
	if (how->max_items && total > how->max_items)
		return mpr_fail(L->err, MPR_ELIMIT, parts[0].file, parts[0].node->line,
		                parts[0].node->column, "%zu %s, at most %zu are supported", total,
		                how->noun, how->max_items);
	slot to = store(L->rs, s, items);
	if (!to.n)
		return mpr_fail(L->err, MPR_EINVAL, "", 0, 0, "section '%s' is not a list", name);
	for (size_t k = 0; k < n_parts; k++) {
		sc_ctx c = ld_ctx(L, parts[k].file);
		for (size_t j = 0; j < parts[k].node->n; j++) {
			const yt_node *it = parts[k].node->items[j];
			size_t i = *to.n;
			if ((how->what && (rc = catalogue_entry(L, &c, it, items, i, how))) ||
			    (how->item && (rc = how->item(L, &c, it, items, i))))
				return rc;
			*to.n = i + 1;
		}
	}
	if (how->if_none && *to.n == 0)
		return mpr_fail(L->err, MPR_ESCHEMA, parts[0].file, parts[0].line, parts[0].column, "%s",
		                how->if_none);
	/* an item starts with its id (mpr_named) */
	return to.index ? ld_index(L, to.index, items, how->size, *to.n) : MPR_OK;
}
