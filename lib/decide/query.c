/*
 * query.c - single decisions for embedders: a reusable, caller-owned
 * decision object, deciding by ids without allocating, and a one-line JSON
 * entry point for streaming and language bindings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model.h"
#include "input/schema.h"
#include "input/tree.h"
#include "decide/plan.h"
#include "util/error.h"

int mpr_activity_new(mpr_activity **out, const mpr_ruleset *rs, mpr_error *err)
{
	if (!out || !rs)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_activity_new: invalid arguments");
	*out = NULL;
	mpr_activity *a = calloc(1, sizeof *a);
	mpr_step *trace = calloc(rs->max_trace ? rs->max_trace : 1, sizeof *trace);
	if (!a || !trace) {
		free(a);
		free(trace);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	a->rules = rs;
	a->d.trace = trace;
	a->storage = trace;
	/* a valid decision before the first mpr_decide: the first cell */
	a->d.cell = &rs->cells[0][0];
	*out = a;
	return MPR_OK;
}

void mpr_activity_free(mpr_activity *a)
{
	if (!a)
		return;
	free(a->storage);
	free(a);
}

static int not_found(mpr_error *err, const char *kind, const char *id)
{
	return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0, "unknown %s '%s'", kind, id ? id : "(null)");
}

static int resolve_set(const mpr_ruleset *rs, const char *const *ids, size_t n,
                       int (*find)(const mpr_ruleset *, const char *), const char *kind,
                       mpr_set *out, mpr_error *err)
{
	mpr_set s = 0;
	for (size_t i = 0; i < n; i++) {
		int k = ids[i] ? find(rs, ids[i]) : -1;
		if (k < 0)
			return not_found(err, kind, ids[i]);
		s |= (mpr_set)1 << k;
	}
	*out = s;
	return MPR_OK;
}

int mpr_decide(mpr_activity *a, const mpr_query *q, mpr_error *err)
{
	if (!a || !q || !q->country || !q->measure || (q->n_attributes && !q->attributes) ||
	    (q->n_safeguards && !q->safeguards))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_decide: invalid arguments");
	const mpr_ruleset *rs = a->rules;
	int c = mpr_find_country(rs, q->country);
	if (c < 0)
		return not_found(err, "country", q->country);
	int m = mpr_find_measure(rs, q->measure);
	if (m < 0)
		return not_found(err, "measure", q->measure);
	mpr_set attrs = 0, declared = 0;
	int rc;
	if ((rc = resolve_set(rs, q->attributes, q->n_attributes, mpr_find_attribute, "attribute",
	                      &attrs, err)) ||
	    (rc = resolve_set(rs, q->safeguards, q->n_safeguards, mpr_find_safeguard, "safeguard",
	                      &declared, err)))
		return rc;
	mpr_substance s = mpr_substance_of(c, m, attrs);
	if (q->beneficiary && (s.beneficiary = mpr_find_beneficiary(rs, q->beneficiary)) < 0)
		return not_found(err, "beneficiary", q->beneficiary);
	s.nationals_only = q->nationals_only != 0;
	if (s.nationals_only && rs->measures[m].transfers != MPR_TRANSFERS_UNLESS_NATIONALS)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "'nationals_only' applies to return and readmission measures only; %s "
		                "does not return people",
		                rs->measures[m].n.id);
	a->id = q->id;
	a->d.trace = q->no_trace ? NULL : a->storage;
	mpr_decide_at(rs, &s, declared, &a->d);
	return MPR_OK;
}

/* Read a list of ids from a JSON array into a bounded array of pointers. */
static int id_list(sc_ctx *c, const yt_node *map, const char *key, const char **ids,
                   size_t *n)
{
	*n = 0;
	const yt_node *v = sc_get(map, key);
	if (!v)
		return MPR_OK;
	char what[64];
	snprintf(what, sizeof what, "'%s'", key);
	int rc = sc_seq(c, v, what, 0);
	if (rc)
		return rc;
	if (v->n > MPR_MAX_SET)
		return sc_fail(c, MPR_ELIMIT, v, "more than %d %s", MPR_MAX_SET, key);
	for (size_t i = 0; i < v->n; i++)
		if ((rc = sc_scalar_str(c, v->items[i], what, &ids[i])))
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

int mpr_decide_json(mpr_activity *a, const char *json, size_t len, const char *name,
                    unsigned line, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!a || (!json && len) || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_decide_json: invalid arguments");
	*out = NULL;
	if (!name)
		name = "<json>";
	yt_doc doc;
	mpr_arena arena = {0};
	/* a blank line (spaces, tabs, CR, LF only) is an empty document, whatever
	 * YAML makes of a tab */
	bool blank = !json || strspn(json, " \t\r\n") >= len;
	int rc = yt_parse(&doc, name, (const unsigned char *)(blank ? "" : json), blank ? 0 : len, NULL,
	                  NULL, err);
	if (rc && err && err->line && line)
		err->line = line; /* the line of the stream, not of the one-line document */
	static const char *const keys[] = {"id", "country", "measure", "beneficiary",
	                                   "nationals_only", "attributes", "safeguards",
	                                   "description", NULL};
	sc_ctx c = {name, err, &arena};
	const char *attrs[MPR_MAX_SET] = {0}, *sgs[MPR_MAX_SET] = {0};
	mpr_query q;
	memset(&q, 0, sizeof q);
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, name, line, 1, "an empty line is not an activity");
	if (rc == MPR_OK && ((rc = sc_map(&c, doc.root, "an activity", keys)) ||
	                     (rc = sc_str(&c, doc.root, "id", false, &q.id)) ||
	                     (rc = sc_str(&c, doc.root, "country", true, &q.country)) ||
	                     (rc = sc_str(&c, doc.root, "measure", true, &q.measure)) ||
	                     (rc = sc_str(&c, doc.root, "beneficiary", false, &q.beneficiary)) ||
	                     (rc = nationals_only(&c, doc.root, &q.nationals_only)) ||
	                     (rc = id_list(&c, doc.root, "attributes", attrs, &q.n_attributes)) ||
	                     (rc = id_list(&c, doc.root, "safeguards", sgs, &q.n_safeguards)))) {
		if (err && err->line && line)
			err->line = line;
	}
	if (rc == MPR_OK) {
		q.attributes = attrs;
		q.safeguards = sgs;
		rc = mpr_decide(a, &q, err);
		if (rc && err) { /* name the place of the unknown id */
			snprintf(err->file, sizeof err->file, "%s", name);
			err->line = line;
			err->column = 1;
		}
	}
	if (rc == MPR_OK) {
		mpr_buf b = {0}, line_buf = {0};
		mpr_json_decision(&b, a->rules, q.id, &a->d, "", NULL, 0, NULL, 1);
		mpr_buf_append_one_line(&line_buf, b.data ? b.data : "", b.len);
		if (b.failed)
			line_buf.failed = 1;
		free(b.data);
		mpr_buf_puts(&line_buf, "\n");
		rc = mpr_buf_finish(&line_buf, out, out_len);
		if (rc)
			mpr_fail(err, rc, name, line, 1, "out of memory");
	}
	/* the ids pointed into the tree: the decision keeps no pointer to them,
	 * except the id, which the caller has in the output */
	a->id = NULL;
	yt_doc_free(&doc);
	mpr_arena_free(&arena);
	return rc;
}

int mpr_evaluate_json(const mpr_ruleset *rules, const char *proposal, size_t len,
                      const char *name, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rules || !proposal || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_evaluate_json: invalid arguments");
	*out = NULL;
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	int rc = mpr_proposal_parse_buffer(&p, rules, proposal, len, name ? name : "<json>", NULL, err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rules, p, err);
	if (rc == MPR_OK)
		rc = mpr_render_result(r, MPR_FORMAT_JSON, out, out_len, err);
	mpr_result_free(r);
	mpr_proposal_free(p);
	return rc;
}

void mpr_free(void *buffer)
{
	free(buffer);
}
