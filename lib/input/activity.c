/*
 * activity.c - one activity written alone, as a line of `mprisk evaluate
 * --jsonl` or the argument of mpr_decide_json:
 *   {"id": ..., "country": ..., "measure": ..., "beneficiary": ...,
 *    "implementer": ..., "nationals_only": ..., "attributes": [...],
 *    "safeguards": [...]}
 * read into an mpr_query of ids; they are resolved when it is decided. And
 * what a proposal and a query may declare as an activity's beneficiary and
 * implementer, with what to write instead of anything else.
 */
#include "input/activity.h"

#include <stdio.h>
#include <string.h>

#include "util/error.h"

/* "a, b or c": the ids of the beneficiaries a proposal may declare (the
 * one assumed when none is declared is not), or of the implementers. */
static const char *ids_of(const mpr_ruleset *rs, bool implementers, char *buf, size_t size)
{
	size_t n = implementers ? rs->n_implementers : rs->n_beneficiaries, used = 0, k = 0;
	size_t total = n - (!implementers && rs->undeclared_beneficiary >= 0);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (!implementers && (int)i == rs->undeclared_beneficiary)
			continue;
		const char *id = implementers ? rs->implementers[i].n.id : rs->beneficiaries[i].n.id;
		const char *sep = k == 0 ? "" : k + 1 == total ? " or " : ", ";
		int w = snprintf(buf + used, size - used, "%s%s", sep, id);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
		k++;
	}
	return buf;
}

int mpr_beneficiary_resolve(const mpr_ruleset *rs, const char *id, int *out, bool notfound,
                            mpr_error *err, const char *file, unsigned line, unsigned col)
{
	char bens[512], imps[256];
	*out = mpr_index_find(&rs->beneficiary_index, id);
	if (*out >= 0 && *out != rs->undeclared_beneficiary)
		return MPR_OK;
	ids_of(rs, false, bens, sizeof bens);
	if (*out >= 0)
		return mpr_fail(err, MPR_EREF, file, line, col,
		                "'%s' is what the rules assume when no beneficiary is declared: "
		                "declare who ends up with the support (%s)",
		                id, bens);
	if (mpr_index_find(&rs->implementer_index, id) >= 0)
		return mpr_fail(err, MPR_EREF, file, line, col,
		                "'%s' carries an activity out, it does not receive the support: write "
		                "'implementer: %s' and, as 'beneficiary', who ends up with the money, "
		                "equipment or training (%s)",
		                id, id, bens);
	return mpr_fail(err, notfound ? MPR_ENOTFOUND : MPR_EREF, file, line, col,
	                "unknown beneficiary '%s': name who ends up with the money, equipment or "
	                "training (%s); who carries the activity out is its 'implementer' (%s)",
	                id, bens, ids_of(rs, true, imps, sizeof imps));
}

int mpr_implementer_resolve(const mpr_ruleset *rs, const char *id, int *out, bool notfound,
                            mpr_error *err, const char *file, unsigned line, unsigned col)
{
	char imps[256];
	*out = mpr_index_find(&rs->implementer_index, id);
	if (*out >= 0)
		return MPR_OK;
	ids_of(rs, true, imps, sizeof imps);
	if (mpr_index_find(&rs->beneficiary_index, id) >= 0)
		return mpr_fail(err, MPR_EREF, file, line, col,
		                "'%s' receives support, it does not carry an activity out: write "
		                "'beneficiary: %s' and, as 'implementer', who carries it out (%s)",
		                id, id, imps);
	return mpr_fail(err, notfound ? MPR_ENOTFOUND : MPR_EREF, file, line, col,
	                "unknown implementer '%s': name who carries the activity out (%s)", id, imps);
}

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
	                                   "implementer", "nationals_only", "evacuated_from",
	                                   "attributes", "safeguards", "description", NULL};
	int rc;
	if ((rc = sc_map(c, root, "an activity", keys)) ||
	    (rc = sc_str(c, root, "id", false, &q->id)) ||
	    (rc = sc_str(c, root, "country", true, &q->country)) ||
	    (rc = sc_str(c, root, "measure", true, &q->measure)) ||
	    (rc = sc_str(c, root, "beneficiary", false, &q->beneficiary)) ||
	    (rc = sc_str(c, root, "implementer", false, &q->implementer)) ||
	    (rc = nationals_only(c, root, &q->nationals_only)) ||
	    (rc = sc_str(c, root, "evacuated_from", false, &q->evacuated_from)) ||
	    (rc = id_list(c, root, "attributes", attrs, &q->n_attributes)) ||
	    (rc = id_list(c, root, "safeguards", sgs, &q->n_safeguards)))
		return rc;
	q->attributes = attrs;
	q->safeguards = sgs;
	return MPR_OK;
}
