/*
 * readers.c - the small readers every section of a rule file uses: places,
 * arena arrays, out-of-memory errors, tier names and masks, optional
 * booleans, a rule's conditions, catalogue entries and their uniqueness,
 * and the index each catalogue gets as soon as it is loaded.
 */
#include <string.h>

#include "load/loader.h"
#include "util/error.h"

sc_ctx ld_ctx(loader *L, const char *file)
{
	sc_ctx c = {file, L->err, &L->rs->arena};
	return c;
}

mpr_place ld_place(const char *file, const yt_node *n)
{
	mpr_place p = {file, n ? n->line : 0, n ? n->column : 0};
	return p;
}

void *ld_alloc(loader *L, size_t n, size_t size)
{
	if (n && size > (size_t)-1 / n)
		return NULL;
	return mpr_arena_alloc(&L->rs->arena, (n ? n : 1) * size);
}

int ld_oom(loader *L, const char *file, const yt_node *at)
{
	return mpr_fail(L->err, MPR_ENOMEM, file, at ? at->line : 0, at ? at->column : 0,
	                "out of memory");
}

int ld_index(loader *L, mpr_index *ix, const void *first_id, size_t stride, size_t n)
{
	if (mpr_index_build(ix, &L->rs->arena, n ? first_id : NULL, stride, n))
		return ld_oom(L, NULL, NULL);
	return MPR_OK;
}

int ld_find_in(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int ld_tier(loader *L, sc_ctx *c, const yt_node *map, const char *key, bool required,
            int *out)
{
	return sc_enum(c, map, key, required, L->rs->tiers, L->rs->n_tiers, out);
}

int ld_tier_mask(loader *L, sc_ctx *c, const yt_node *map, const char *key, unsigned *out)
{
	*out = 0;
	const yt_node *tiers;
	int rc = sc_list(c, map, key, false, 1, &tiers);
	if (rc || !tiers)
		return rc;
	for (size_t k = 0; k < tiers->n; k++) {
		const char *t;
		if ((rc = sc_scalar_str(c, tiers->items[k], "a tier", &t)))
			return rc;
		int ti = ld_find_in(L->rs->tiers, L->rs->n_tiers, t);
		if (ti < 0)
			return sc_fail(c, MPR_EREF, tiers->items[k], "unknown tier '%s'", t);
		*out |= 1u << ti;
	}
	return MPR_OK;
}

int ld_tri_bool(sc_ctx *c, const yt_node *map, const char *key, int *out)
{
	*out = -1;
	if (!yt_get(map, key))
		return MPR_OK;
	bool b;
	int rc = sc_bool(c, map, key, true, &b);
	if (!rc)
		*out = b;
	return rc;
}

int ld_when(sc_ctx *c, const yt_node *it, const char *const *keys, const yt_node **when)
{
	if (!(*when = yt_get(it, "when")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'when'");
	return sc_map(c, *when, "'when'", keys);
}

int ld_named(sc_ctx *c, const yt_node *it, mpr_named *e,
             const char *what, const char *const *keys)
{
	int rc;
	if ((rc = sc_map(c, it, what, keys)) || (rc = sc_id(c, it, "id", &e->id)) ||
	    (rc = sc_str(c, it, "name", true, &e->name)) ||
	    (rc = sc_str(c, it, "source", true, &e->source)))
		return rc;
	e->at = ld_place(c->file, it);
	return MPR_OK;
}

int ld_unique_named(sc_ctx *c, const yt_node *it, const mpr_named *e,
                    const void *base, size_t stride, size_t n, const char *kind)
{
	for (size_t j = 0; j < n; j++) {
		const mpr_named *o = (const mpr_named *)((const char *)base + j * stride);
		if (strcmp(o->id, e->id) == 0)
			return sc_fail(c, MPR_EREF, yt_get(it, "id"),
			               "duplicate %s id '%s' (first defined at %s:%u:%u)", kind, e->id,
			               o->at.file, o->at.line, o->at.column);
	}
	return MPR_OK;
}
