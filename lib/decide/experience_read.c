/*
 * experience_read.c - where an experience comes from: an observations file
 * that names the proposal it monitors (mpr_experience_add_file; both are
 * read, the proposal relative to the file), or the canonical JSON a
 * decision record kept (mpr_experience_parse), read back against the
 * rules with every id resolved, so that replay decides with exactly the
 * experience that was used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "input/document.h"
#include "input/schema.h"
#include "input/tree.h"
#include "util/date.h"
#include "util/error.h"

int mpr_experience_add_file(mpr_experience *e, const char *path, const mpr_load_options *opts,
                            mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!e || !path)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_experience_add_file: invalid arguments");
	/* the file is read once, the one way every monitoring file is
	 * (input/document.c); the proposal it names first, since the
	 * observations are read against it */
	mpr_load_options o_ = yt_options(opts);
	yt_document d;
	int rc = yt_document_read(&d, e->rules->sha256, path, path, NULL, 0, &o_, err);
	const yt_node *root = d.tree.root;
	const yt_node *pv = rc == MPR_OK && root && root->kind == YT_MAP ? sc_get(root, "proposal")
	                                                                : NULL;
	const yt_node *at = pv ? pv : root;
	if (rc == MPR_OK && (!pv || pv->kind != YT_SCALAR))
		rc = mpr_fail(err, MPR_ESCHEMA, path, at ? at->line : 1, at ? at->column : 1,
		              "experience needs the proposal these observations monitor: "
		              "'proposal: PATH', relative to this file");
	char proposal_path[4096] = "";
	if (rc == MPR_OK && pv) {
		const char *slash = strrchr(path, '/');
		int n = pv->value[0] == '/' || !slash
		                ? snprintf(proposal_path, sizeof proposal_path, "%s", pv->value)
		                : snprintf(proposal_path, sizeof proposal_path, "%.*s/%s",
		                           (int)(slash - path), path, pv->value);
		if (n < 0 || (size_t)n >= sizeof proposal_path)
			rc = mpr_fail(err, MPR_ELIMIT, path, pv->line, pv->column,
			              "the proposal's path is longer than %zu bytes",
			              sizeof proposal_path - 1);
	}
	mpr_proposal *p = NULL;
	mpr_observations *o = NULL;
	if (rc == MPR_OK && (rc = mpr_proposal_parse_file(&p, e->rules, proposal_path, opts, err)) ==
	                        MPR_EIO) {
		char why[512];
		snprintf(why, sizeof why, "%s", err ? err->message : "cannot read");
		rc = mpr_fail(err, MPR_EIO, path, pv ? pv->line : 0, pv ? pv->column : 0,
		              "cannot read the proposal %s: %s", proposal_path, why);
	}
	if (rc == MPR_OK)
		rc = mpr_observations_parse_buffer(&o, p, d.text, d.len, path, opts, err);
	if (rc == MPR_OK)
		rc = mpr_experience_add(e, o, err);
	mpr_observations_free(o);
	mpr_proposal_free(p);
	yt_document_free(&d);
	return rc;
}

/* An id at map[key] in a catalogue of the rules, or MPR_EREF at its place. */
static int id_in(sc_ctx *c, const yt_node *map, const char *key, const mpr_index *index,
                 const char *what, int *out)
{
	const char *id;
	int rc = sc_str(c, map, key, true, &id);
	if (rc)
		return rc;
	if ((*out = mpr_index_find(index, id)) < 0)
		return sc_fail(c, MPR_EREF, yt_get(map, key), "unknown %s '%s'", what, id);
	return MPR_OK;
}

static int one(sc_ctx *c, mpr_experience *e, const yt_node *it, mpr_error *err)
{
	static const char *const keys[] = {"country", "measure", "partnership", "activity", "id",
	                                   "kind", "severity", "date", NULL};
	const mpr_ruleset *rs = e->rules;
	mpr_experienced_obs x;
	memset(&x, 0, sizeof x);
	const char *date;
	int rc;
	if ((rc = sc_map(c, it, "an observation of the experience", keys)) ||
	    (rc = id_in(c, it, "country", &rs->country_index, "country", &x.country)) ||
	    (rc = id_in(c, it, "measure", &rs->measure_index, "measure", &x.measure)) ||
	    (rc = id_in(c, it, "kind", &rs->violation_kind_index, "violation kind", &x.kind)) ||
	    (rc = sc_id(c, it, "partnership", &x.partnership)) ||
	    (rc = sc_id(c, it, "activity", &x.activity)) || (rc = sc_id(c, it, "id", &x.id)) ||
	    (rc = sc_enum(c, it, "severity", true, mpr_severity_words(), MPR_SEVERITY_COUNT,
	                  &x.severity)) ||
	    (rc = sc_date(c, it, "date", true, &date)))
		return rc;
	if (!mpr_date_parse(date, &x.day) || x.day > e->as_of)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "date"),
		               "an observation of %s is not experience as of %s", date, e->as_of_text);
	memcpy(x.date, date, sizeof x.date);
	return mpr_experience_push(e, &x, err);
}

int mpr_experience_parse(mpr_experience **out, const mpr_ruleset *rs, const char *text,
                         size_t len, const char *name, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || !rs || (!text && len))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_experience_parse: invalid arguments");
	*out = NULL;
	if (!name)
		name = "<experience>";
	yt_doc doc = {0};
	mpr_arena arena = {0};
	sc_ctx c = {name, err, &arena};
	static const char *const top[] = {"as_of", "observations", NULL};
	const char *as_of = NULL;
	const yt_node *list = NULL;
	/* the caller holds the whole text already (a record's, read under the
	 * log's limits): the limits are its own size, so that an experience of
	 * any number of observations a record could hold reads back */
	mpr_load_options lim = yt_options(NULL);
	lim.max_file_bytes = len + 1;
	lim.max_string = len + 1;
	lim.max_nodes = len / 2 + 16;
	lim.max_depth = 16;
	int rc = yt_parse(&doc, name, (const unsigned char *)(text ? text : ""), len, &lim, NULL, err);
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, name, 1, 1, "an empty experience");
	if (rc == MPR_OK && !(rc = sc_map(&c, doc.root, "an experience", top)) &&
	    !(rc = sc_date(&c, doc.root, "as_of", true, &as_of)))
		rc = sc_list(&c, doc.root, "observations", true, 0, &list);
	mpr_experience *e = NULL;
	if (rc == MPR_OK)
		rc = mpr_experience_new(&e, rs, as_of, err);
	for (size_t i = 0; rc == MPR_OK && i < list->n; i++)
		rc = one(&c, e, list->items[i], err);
	if (rc == MPR_OK)
		rc = mpr_experience_refresh(e, err);
	yt_doc_free(&doc);
	mpr_arena_free(&arena);
	if (rc) {
		mpr_experience_free(e);
		return rc;
	}
	*out = e;
	return MPR_OK;
}
