/*
 * ruleset.c - the `ruleset` section (the ruleset's id, title and source,
 * its tiers, monitoring levels and suspension levels, the staleness limit)
 * and `sources`, the datasets country indicators cite, which may be split
 * over several files.
 */
#include <stdio.h>
#include <string.h>

#include "load/loader.h"

/* Read a list of plain names (tiers, monitoring levels). */
static int name_list(sc_ctx *c, const yt_node *map, const char *key, const char **out,
                     size_t *n)
{
	const yt_node *v;
	int rc = sc_list(c, map, key, true, 2, &v);
	if (rc)
		return rc;
	if (v->n > MPR_MAX_TIERS)
		return sc_fail(c, MPR_ELIMIT, v, "'%s' has %zu entries, at most %d are supported", key,
		               v->n, MPR_MAX_TIERS);
	for (size_t i = 0; i < v->n; i++) {
		if ((rc = sc_item_str(c, v->items[i], key, &out[i])))
			return rc;
		if (!sc_valid_id(out[i]))
			return sc_fail(c, MPR_ESCHEMA, v->items[i], "'%s' is not a valid name", out[i]);
		if (ld_find_in(out, i, out[i]) >= 0)
			return sc_fail(c, MPR_ESCHEMA, v->items[i], "'%s' listed twice", out[i]);
	}
	*n = v->n;
	return MPR_OK;
}

int ld_ruleset(loader *L, const part *parts, size_t n_parts)
{
	const part *p = &parts[0]; /* required, defined once: n_parts is 1 */
	(void)n_parts;
	static const char *const keys[] = {"id", "title", "source", "tiers", "monitoring_levels",
	                                   "suspension_levels", "staleness_months", NULL};
	mpr_ruleset *rs = L->rs;
	sc_ctx c = ld_ctx(L, p->file);
	const yt_node *n = p->node;
	int rc;
	if ((rc = sc_map(&c, n, "'ruleset'", keys)) || (rc = sc_id(&c, n, "id", &rs->id)) ||
	    (rc = sc_str(&c, n, "title", true, &rs->title)) ||
	    (rc = sc_str(&c, n, "source", true, &rs->source)) ||
	    (rc = name_list(&c, n, "tiers", rs->tiers, &rs->n_tiers)) ||
	    (rc = name_list(&c, n, "monitoring_levels", rs->monitoring, &rs->n_monitoring)))
		return rc;
	long stale = 12;
	if ((rc = sc_int(&c, n, "staleness_months", false, 1, 120, &stale, NULL)))
		return rc;
	rs->staleness_months = (unsigned)stale;
	const yt_node *s;
	if ((rc = sc_list(&c, n, "suspension_levels", true, 1, &s)))
		return rc;
	if (s->n > MPR_MAX_TIERS)
		return sc_fail(&c, MPR_ELIMIT, s, "at most %d suspension levels are supported",
		               MPR_MAX_TIERS);
	static const char *const skeys[] = {"id", "name", "source", NULL};
	for (size_t i = 0; i < s->n; i++) {
		mpr_named *e = &rs->suspension[i];
		const yt_node *it = s->items[i];
		if ((rc = sc_map(&c, it, "a suspension level", skeys)) ||
		    (rc = sc_id(&c, it, "id", &e->id)) || (rc = sc_str(&c, it, "name", true, &e->name)) ||
		    (rc = sc_str(&c, it, "source", true, &e->source)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(rs->suspension[j].id, e->id) == 0)
				return sc_fail(&c, MPR_EREF, yt_get(it, "id"),
				               "duplicate suspension level '%s'", e->id);
		e->at = ld_place(p->file, it);
	}
	rs->n_suspension = s->n;
	return MPR_OK;
}

/* One source, after those read before it. */
static int source(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "name", "url", NULL};
	(void)L;
	mpr_source *sources = items, *s = &sources[i];
	int rc;
	if ((rc = sc_map(c, it, "a source", keys)) || (rc = sc_id(c, it, "id", &s->id)) ||
	    (rc = sc_str(c, it, "name", true, &s->name)) || (rc = sc_str(c, it, "url", false, &s->url)))
		return rc;
	for (size_t j = 0; j < i; j++)
		if (strcmp(sources[j].id, s->id) == 0)
			return sc_fail(c, MPR_EREF, yt_get(it, "id"), "duplicate source '%s' (first at %s:%u)",
			               s->id, sources[j].at.file, sources[j].at.line);
	s->at = ld_place(c->file, it);
	return MPR_OK;
}

const ld_items ld_source_items = {.size = sizeof(mpr_source), .item = source};
