/*
 * observations.c - what monitoring found, YAML/JSON -> mpr_observations,
 * read against the proposal it monitors (docs/monitoring.md):
 *
 *   partnership: ID                 the proposal's partnership id
 *   proposal: PATH                   optional: the proposal, relative to this file
 *                                    (evaluate --experience reads it)
 *   start: YYYY-MM-DD                when the activities began
 *   rounds:                          in date order, none before start
 *     - date: YYYY-MM-DD
 *       body: {name, independent, local_access}
 *       activities: [ids]            what the round covered
 *       report: "..."                optional: where its report is
 *       observations:
 *         - {id, activity, kind, severity, evidence,
 *            follow_up?: {due, status}}
 *       results:
 *         - {agreement, value, note?}
 *
 * Every id is resolved (activities and agreements against the proposal,
 * kinds against the ruleset's violation_kinds) and every violation is an
 * error at its place, never a quiet default: monitoring that cannot be read
 * must not read as a partnership on track.
 */
#include <stdlib.h>
#include <string.h>

#include "input/observations.h"

#include "input/document.h"
#include "input/schema.h"
#include "input/tree.h"
#include "model.h"
#include "util/date.h"
#include "util/error.h"

/* An activity of the proposal by id, or -1: one probe of the index the
 * reader builds over them (a file can name thousands). */
static int activity_of(const mpr_observations *o, const char *id)
{
	return mpr_index_find(&o->activity_index, id);
}

/* A date at map[key] (required) and its day number. */
static int date_at(sc_ctx *c, const yt_node *map, const char *key, const char **text, long *day)
{
	int rc = sc_date(c, map, key, true, text);
	if (rc == MPR_OK && !mpr_date_parse(*text, day))
		rc = sc_fail(c, MPR_ESCHEMA, yt_get(map, key), "'%s' must be a date YYYY-MM-DD", key);
	return rc;
}

/* The activities a round covered: ids of the proposal, each once. */
static int round_activities(sc_ctx *c, mpr_observations *o, const yt_node *it, mpr_round *r)
{
	const yt_node *v;
	int rc = sc_list(c, it, "activities", true, 0, &v);
	if (rc)
		return rc;
	int *idx = mpr_arena_alloc(&o->arena, (v->n ? v->n : 1) * sizeof *idx);
	if (!idx)
		return sc_fail(c, MPR_ENOMEM, v, "out of memory");
	for (size_t k = 0; k < v->n; k++) {
		const char *id;
		if ((rc = sc_scalar_str(c, v->items[k], "an activity", &id)))
			return rc;
		if ((idx[k] = activity_of(o, id)) < 0)
			return sc_fail(c, MPR_EREF, v->items[k],
			               "the proposal has no activity '%s': a round covers the proposal's "
			               "activities only",
			               id);
		for (size_t j = 0; j < k; j++)
			if (idx[j] == idx[k])
				return sc_fail(c, MPR_ESCHEMA, v->items[k], "activity '%s' listed twice", id);
	}
	r->activities = idx;
	r->n_activities = v->n;
	return MPR_OK;
}

/* A finding's follow-up (M5): its due date, not before the round, and
 * where it stands. */
static int follow_up(sc_ctx *c, const yt_node *v, const mpr_round *r, mpr_observation *ob)
{
	static const char *const keys[] = {"due", "status", NULL};
	int rc;
	if ((rc = sc_map(c, v, "'follow_up'", keys)) ||
	    (rc = date_at(c, v, "due", &ob->due, &ob->due_day)) ||
	    (rc = sc_enum(c, v, "status", true, mpr_follow_words(), MPR_FOLLOW_COUNT, &ob->status)))
		return rc;
	if (ob->due_day < r->day)
		return sc_fail(c, MPR_ESCHEMA, yt_get(v, "due"),
		               "the follow-up is due on %s, before the round of %s that found it", ob->due,
		               r->date);
	ob->has_follow_up = true;
	return MPR_OK;
}

/* One observation of round r (index ri): of an activity the round covered,
 * of a kind of the ruleset, with its severity and evidence. */
static int observation(sc_ctx *c, mpr_observations *o, const yt_node *it, size_t ri,
                       mpr_observation *ob)
{
	static const char *const keys[] = {"id", "activity", "kind", "severity", "evidence",
	                                   "follow_up", NULL};
	const mpr_ruleset *rs = o->proposal->rules;
	const mpr_round *r = &o->rounds[ri];
	const char *act, *kind;
	int rc;
	if ((rc = sc_map(c, it, "an observation", keys)) || (rc = sc_id(c, it, "id", &ob->id)) ||
	    (rc = sc_str(c, it, "activity", true, &act)) || (rc = sc_str(c, it, "kind", true, &kind)) ||
	    (rc = sc_enum(c, it, "severity", true, mpr_severity_words(), MPR_SEVERITY_COUNT,
	                  &ob->severity)) ||
	    (rc = sc_text(c, it, "evidence", true, false, &ob->evidence)))
		return rc;
	if ((ob->activity = activity_of(o, act)) < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "activity"), "the proposal has no activity '%s'",
		               act);
	bool covered = false;
	for (size_t k = 0; k < r->n_activities; k++)
		covered |= r->activities[k] == ob->activity;
	if (!covered)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "activity"),
		               "activity '%s' is not among the activities this round covered", act);
	if ((ob->kind = mpr_index_find(&rs->violation_kind_index, kind)) < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "kind"),
		               "unknown violation kind '%s' (the ruleset's violation_kinds name the "
		               "kinds monitoring can observe)",
		               kind);
	ob->round = ri;
	ob->status = MPR_FOLLOW_OPEN;
	const yt_node *fu = sc_get(it, "follow_up");
	if (fu && (rc = follow_up(c, fu, r, ob)))
		return rc;
	ob->at = (mpr_place){o->name, it->line, it->column};
	const yt_node *idn = yt_get(it, "id");
	ob->id_at = (mpr_place){o->name, idn->line, idn->column};
	return MPR_OK;
}

/* One result measured against an agreement of the proposal. */
static int measured(sc_ctx *c, mpr_observations *o, const yt_node *it, size_t ri, size_t first,
                    mpr_measured *m)
{
	static const char *const keys[] = {"agreement", "value", "note", NULL};
	const mpr_proposal *p = o->proposal;
	const char *id;
	int rc;
	if ((rc = sc_map(c, it, "a result", keys)) || (rc = sc_str(c, it, "agreement", true, &id)) ||
	    (rc = sc_num(c, it, "value", true, 0, 1e15, &m->value, NULL)) ||
	    (rc = sc_text(c, it, "note", false, false, &m->note)))
		return rc;
	m->agreement = -1;
	for (size_t k = 0; k < p->n_agreements; k++)
		if (strcmp(p->agreements[k].id, id) == 0)
			m->agreement = (int)k;
	if (m->agreement < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "agreement"),
		               "the proposal has no agreement '%s' (partnership.agreements)", id);
	for (size_t k = first; k < o->n_results; k++)
		if (o->results[k].agreement == m->agreement)
			return sc_fail(c, MPR_ESCHEMA, yt_get(it, "agreement"),
			               "agreement '%s' has two results in one round", id);
	m->round = ri;
	m->at = (mpr_place){o->name, it->line, it->column};
	return MPR_OK;
}

/* The observations and results of round ri, appended to o's arrays. */
static int round_findings(sc_ctx *c, mpr_observations *o, const yt_node *it, size_t ri)
{
	const yt_node *obs, *res;
	int rc;
	if ((rc = sc_list(c, it, "observations", false, 0, &obs)) ||
	    (rc = sc_list(c, it, "results", false, 0, &res)))
		return rc;
	for (size_t k = 0; obs && k < obs->n; k++) {
		if ((rc = observation(c, o, obs->items[k], ri, &o->obs[o->n_obs])))
			return rc;
		o->n_obs++;
	}
	size_t first = o->n_results;
	for (size_t k = 0; res && k < res->n; k++) {
		if ((rc = measured(c, o, res->items[k], ri, first, &o->results[o->n_results])))
			return rc;
		o->n_results++;
	}
	return MPR_OK;
}

/* One round: in date order, not before the start. */
static int round_of(sc_ctx *c, mpr_observations *o, const yt_node *it, size_t ri)
{
	static const char *const keys[] = {"date", "body", "activities", "report", "observations",
	                                   "results", NULL};
	static const char *const bkeys[] = {"name", "independent", "local_access", NULL};
	mpr_round *r = &o->rounds[ri];
	const yt_node *b;
	int rc;
	if ((rc = sc_map(c, it, "a monitoring round", keys)) ||
	    (rc = date_at(c, it, "date", &r->date, &r->day)) ||
	    (rc = sc_text(c, it, "report", false, false, &r->report)))
		return rc;
	if (!(b = yt_get(it, "body")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'body' (who monitored: M1, M2)");
	if ((rc = sc_map(c, b, "a monitoring body", bkeys)) ||
	    (rc = sc_text(c, b, "name", true, false, &r->body.name)) ||
	    (rc = sc_bool(c, b, "independent", true, &r->body.independent)) ||
	    (rc = sc_bool(c, b, "local_access", true, &r->body.local_access)) ||
	    (rc = round_activities(c, o, it, r)))
		return rc;
	if (r->day < o->start_day)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "date"),
		               "a round on %s, before the start (%s)", r->date, o->start);
	if (ri && r->day < o->rounds[ri - 1].day)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "date"),
		               "rounds are listed in date order: %s comes after %s (line %u)", r->date,
		               o->rounds[ri - 1].date, o->rounds[ri - 1].at.line);
	r->at = (mpr_place){o->name, it->line, it->column};
	return round_findings(c, o, it, ri);
}

/* Every observation and result of every round, counted to be allocated once. */
static int count_findings(sc_ctx *c, const yt_node *rounds, size_t *n_obs, size_t *n_res)
{
	*n_obs = *n_res = 0;
	for (size_t i = 0; i < rounds->n; i++) {
		const yt_node *it = rounds->items[i], *v;
		int rc = sc_map(c, it, "a monitoring round", NULL);
		if (rc == MPR_OK && (v = sc_get(it, "observations")) && v->kind == YT_SEQ)
			*n_obs += v->n;
		if (rc == MPR_OK && (v = sc_get(it, "results")) && v->kind == YT_SEQ)
			*n_res += v->n;
		if (rc)
			return rc;
	}
	return MPR_OK;
}

/* Observation ids are unique in a file: sorted by id, then by place, each
 * run of one id has its first and its second; the second a reader meets
 * first is the error. n log n, whatever the file holds. */
static int cmp_obs(const void *a, const void *b)
{
	const mpr_observation *x = *(const mpr_observation *const *)a;
	const mpr_observation *y = *(const mpr_observation *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x < y ? -1 : x > y);
}

static int unique_ids(mpr_observations *o, mpr_error *err)
{
	if (o->n_obs < 2)
		return MPR_OK;
	const mpr_observation **v = calloc(o->n_obs, sizeof *v);
	if (!v)
		return mpr_fail(err, MPR_ENOMEM, o->name, 0, 0, "out of memory");
	for (size_t i = 0; i < o->n_obs; i++)
		v[i] = &o->obs[i];
	qsort(v, o->n_obs, sizeof *v, cmp_obs);
	const mpr_observation *dup = NULL, *first = NULL;
	for (size_t s = 0, e; s < o->n_obs; s = e) {
		for (e = s + 1; e < o->n_obs && strcmp(v[e]->id, v[s]->id) == 0; e++)
			;
		if (e - s > 1 && (!dup || v[s + 1] < dup)) {
			dup = v[s + 1];
			first = v[s];
		}
	}
	int rc = MPR_OK;
	if (dup)
		rc = mpr_fail(err, MPR_EREF, dup->id_at.file, dup->id_at.line, dup->id_at.column,
		              "duplicate observation id '%s' (first at line %u)", dup->id, first->at.line);
	free(v);
	return rc;
}

static int build(mpr_observations *o, const yt_node *root, mpr_error *err)
{
	static const char *const top[] = {"partnership", "proposal", "start", "rounds", NULL};
	sc_ctx c = {o->name, err, &o->arena};
	const yt_node *rounds;
	const char *pid;
	size_t n_obs, n_res;
	int rc;
	if (!root)
		return mpr_fail(err, MPR_ESCHEMA, o->name, 1, 1,
		                "empty observations (expected 'partnership', 'start' and 'rounds')");
	if ((rc = sc_map(&c, root, "observations", top)) || (rc = sc_id(&c, root, "partnership", &pid)) ||
	    (rc = sc_str(&c, root, "proposal", false, &o->proposal_path)) ||
	    (rc = date_at(&c, root, "start", &o->start, &o->start_day)) ||
	    (rc = sc_list(&c, root, "rounds", true, 0, &rounds)) ||
	    (rc = count_findings(&c, rounds, &n_obs, &n_res)))
		return rc;
	if (strcmp(pid, o->proposal->id) != 0)
		return sc_fail(&c, MPR_EREF, yt_get(root, "partnership"),
		               "these observations are of partnership '%s', the proposal is '%s'", pid,
		               o->proposal->id);
	const mpr_proposal *p = o->proposal;
	if (mpr_index_build(&o->activity_index, &o->arena,
	                    p->n_activities ? &p->activities[0].id : NULL, sizeof *p->activities,
	                    p->n_activities))
		return sc_fail(&c, MPR_ENOMEM, root, "out of memory");
	o->rounds = mpr_arena_alloc(&o->arena, (rounds->n ? rounds->n : 1) * sizeof *o->rounds);
	o->obs = mpr_arena_alloc(&o->arena, (n_obs ? n_obs : 1) * sizeof *o->obs);
	o->results = mpr_arena_alloc(&o->arena, (n_res ? n_res : 1) * sizeof *o->results);
	if (!o->rounds || !o->obs || !o->results)
		return sc_fail(&c, MPR_ENOMEM, rounds, "out of memory");
	for (size_t i = 0; i < rounds->n; i++) {
		if ((rc = round_of(&c, o, rounds->items[i], i)))
			return rc;
		o->n_rounds = i + 1;
	}
	return unique_ids(o, err);
}

/* The observations named name, read against p: the file at path, else
 * len bytes of data. */
static int observations_read(mpr_observations **out, const mpr_proposal *p, const char *name,
                             const char *path, const char *data, size_t len,
                             const mpr_load_options *opts, mpr_error *err, const char *api)
{
	if (err)
		memset(err, 0, sizeof *err);
	/* a file is named by its path (name == path); a buffer has data */
	if (!out || !p || !name || (!path && !data && len))
		return mpr_fail(err, MPR_EINVAL, name, 0, 0, "%s: out, proposal and %s are required", api,
		                name == path ? "path" : "data");
	*out = NULL;
	mpr_load_options o = yt_options(opts);
	mpr_observations *ob = calloc(1, sizeof *ob);
	if (!ob)
		return mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	ob->proposal = p;
	ob->name = mpr_arena_strdup(&ob->arena, name);
	yt_document d = {0};
	int rc = ob->name ? yt_document_read(&d, p->rules->sha256, ob->name, path, data, len, &o, err)
	                  : mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	if (rc == MPR_OK) {
		memcpy(ob->sha256, d.sha256, sizeof ob->sha256);
		rc = build(ob, d.tree.root, err);
	}
	yt_document_free(&d);
	if (rc == MPR_OK)
		*out = ob;
	else
		mpr_observations_free(ob);
	return rc;
}

int mpr_observations_parse_buffer(mpr_observations **out, const mpr_proposal *p, const char *data,
                                  size_t len, const char *name, const mpr_load_options *opts,
                                  mpr_error *err)
{
	return observations_read(out, p, name ? name : "<buffer>", NULL, data, len, opts, err,
	                         "mpr_observations_parse_buffer");
}

int mpr_observations_parse_file(mpr_observations **out, const mpr_proposal *p, const char *path,
                                const mpr_load_options *opts, mpr_error *err)
{
	return observations_read(out, p, path, path, NULL, 0, opts, err,
	                         "mpr_observations_parse_file");
}

int mpr_observations_from_node(mpr_observations **out, const mpr_proposal *p, const yt_node *root,
                               const char *file, mpr_error *err)
{
	*out = NULL;
	mpr_observations *ob = calloc(1, sizeof *ob);
	if (!ob)
		return mpr_fail(err, MPR_ENOMEM, file, root->line, root->column, "out of memory");
	ob->proposal = p;
	ob->name = mpr_arena_strdup(&ob->arena, file);
	int rc = ob->name ? yt_node_digest(root, p->rules->sha256, file, ob->sha256, err)
	                  : mpr_fail(err, MPR_ENOMEM, file, root->line, root->column, "out of memory");
	if (rc == MPR_OK)
		rc = build(ob, root, err);
	if (rc == MPR_OK)
		*out = ob;
	else
		mpr_observations_free(ob);
	return rc;
}

void mpr_observations_free(mpr_observations *o)
{
	if (!o)
		return;
	mpr_arena_free(&o->arena);
	free(o);
}

const char *mpr_observations_sha256(const mpr_observations *o)
{
	return o ? o->sha256 : NULL;
}
