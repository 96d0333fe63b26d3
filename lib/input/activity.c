/*
 * activity.c - one activity written alone, as a line of `mprisk evaluate
 * --jsonl` or the argument of mpr_decide_json:
 *   {"id": ..., "country": ..., "measure": ..., "beneficiary": ...,
 *    "nationals_only": ..., "attributes": [...], "safeguards": [...]}
 * read into an mpr_query of ids; they are resolved when it is decided.
 */
#include "input/activity.h"

#include <stdio.h>

/* Read a list of ids from a JSON array into a bounded array of pointers. */
static int id_list(sc_ctx *c, const yt_node *map, const char *key, const char **ids,
                   size_t *n)
{
	*n = 0;
	if (!sc_get(map, key)) /* absent or null: none */
		return MPR_OK;
	const yt_node *v;
	int rc = sc_list(c, map, key, false, 0, &v);
	if (rc)
		return rc;
	if (v->n > MPR_MAX_SET)
		return sc_fail(c, MPR_ELIMIT, v, "more than %d %s", MPR_MAX_SET, key);
	for (size_t i = 0; i < v->n; i++)
		if ((rc = sc_item_str(c, v->items[i], key, &ids[i])))
			return rc;
	*n = v->n;
	return MPR_OK;
}

static int nationals_only(sc_ctx *c, const yt_node *map, int *out)
{
	bool b = false;
	int rc = sc_bool(c, map, "nationals_only", false, &b);
	*out = b;
	return rc;
}

int mpr_query_read(sc_ctx *c, const yt_node *root, mpr_query *q, const char **attrs,
                   const char **sgs)
{
	static const char *const keys[] = {"id", "country", "measure", "beneficiary",
	                                   "nationals_only", "evacuated_from", "attributes",
	                                   "safeguards", "description", NULL};
	int rc;
	if ((rc = sc_map(c, root, "an activity", keys)) ||
	    (rc = sc_str(c, root, "id", false, &q->id)) ||
	    (rc = sc_str(c, root, "country", true, &q->country)) ||
	    (rc = sc_str(c, root, "measure", true, &q->measure)) ||
	    (rc = sc_str(c, root, "beneficiary", false, &q->beneficiary)) ||
	    (rc = nationals_only(c, root, &q->nationals_only)) ||
	    (rc = sc_str(c, root, "evacuated_from", false, &q->evacuated_from)) ||
	    (rc = id_list(c, root, "attributes", attrs, &q->n_attributes)) ||
	    (rc = id_list(c, root, "safeguards", sgs, &q->n_safeguards)))
		return rc;
	q->attributes = attrs;
	q->safeguards = sgs;
	return MPR_OK;
}
