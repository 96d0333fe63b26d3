/*
 * experience.c - R9 from experience: "als bij bepaalde typen afspraken
 * herhaaldelijk mensenrechtenschendingen optreden, dan gaat een hoger
 * risicoprofiel gelden" (§4.2.1).
 *
 * An experience is the observations of monitored partnerships up to a
 * date, each with the country and measure type of the activity it was
 * made under. From them, once per change, come (1) the entries: every
 * measure type in a country that saw, within the ruleset's window, enough
 * observations of one kind or one of the given severities, with the
 * attribute experience gives it and a trace step per observation; and (2)
 * the canonical JSON text and its sha256, which a decision record keeps so
 * that replay decides again with the same experience. Deciding then only
 * reads an entry (decide.c): no allocation there.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "input/schema.h"
#include "input/tree.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "util/json.h"
#include "util/sha256.h"

static int oom(mpr_error *err)
{
	return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
}

int mpr_experience_new(mpr_experience **out, const mpr_ruleset *rs, const char *as_of,
                       mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || !rs || !as_of)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_experience_new: invalid arguments");
	*out = NULL;
	if (!rs->mon.defined)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "the ruleset has no monitoring_parameters: it says nothing of "
		                "experience (R9; docs/rules-format.md)");
	long day;
	if (!mpr_date_parse(as_of, &day))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "the date of the experience must be YYYY-MM-DD, found '%s'", as_of);
	mpr_experience *e = calloc(1, sizeof *e);
	if (!e)
		return oom(err);
	e->rules = rs;
	e->as_of = day;
	mpr_date_format(day, e->as_of_text);
	int rc = mpr_experience_refresh(e, err);
	if (rc) {
		mpr_experience_free(e);
		return rc;
	}
	*out = e;
	return MPR_OK;
}

void mpr_experience_free(mpr_experience *e)
{
	if (!e)
		return;
	mpr_arena_free(&e->arena);
	free(e->obs);
	free(e->entries);
	free(e->text);
	free(e);
}

/* ---- adding observations ----------------------------------------------- */

int mpr_experience_push(mpr_experience *e, const mpr_experienced_obs *o, mpr_error *err)
{
	if (e->n_obs == e->cap_obs) {
		size_t cap = e->cap_obs ? e->cap_obs * 2 : 16;
		mpr_experienced_obs *v = realloc(e->obs, cap * sizeof *v);
		if (!v)
			return oom(err);
		e->obs = v;
		e->cap_obs = cap;
	}
	mpr_experienced_obs *x = &e->obs[e->n_obs];
	*x = *o;
	x->country_id = e->rules->countries[o->country].n.id;
	x->measure_id = e->rules->measures[o->measure].n.id;
	if (!(x->partnership = mpr_arena_strdup(&e->arena, o->partnership)) ||
	    !(x->activity = mpr_arena_strdup(&e->arena, o->activity)) ||
	    !(x->id = mpr_arena_strdup(&e->arena, o->id)))
		return oom(err);
	e->n_obs++;
	return MPR_OK;
}

/* An observation of the experience by its partnership and id. */
typedef struct obs_key {
	const char *partnership, *id;
} obs_key;

static int cmp_key(const void *pa, const void *pb)
{
	const obs_key *a = pa, *b = pb;
	int c = strcmp(a->partnership, b->partnership);
	return c ? c : strcmp(a->id, b->id);
}

/* MPR_EREF at the first observation of obs (on or before the date) that
 * the experience holds already: one observation counted twice would
 * escalate a measure on the strength of one finding (a file given twice,
 * or two files of one partnership that reuse an id, which monitor refuses
 * as well). The keys of e are sorted once, each new id searched: n log n. */
static int not_yet_in(const mpr_experience *e, const mpr_observations *obs, mpr_error *err)
{
	if (!e->n_obs)
		return MPR_OK;
	obs_key *keys = malloc(e->n_obs * sizeof *keys);
	if (!keys)
		return oom(err);
	for (size_t i = 0; i < e->n_obs; i++)
		keys[i] = (obs_key){e->obs[i].partnership, e->obs[i].id};
	qsort(keys, e->n_obs, sizeof *keys, cmp_key);
	int rc = MPR_OK;
	for (size_t i = 0; i < obs->n_obs && rc == MPR_OK; i++) {
		const mpr_observation *o = &obs->obs[i];
		obs_key k = {obs->proposal->id, o->id};
		if (obs->rounds[o->round].day <= e->as_of &&
		    bsearch(&k, keys, e->n_obs, sizeof *keys, cmp_key))
			rc = mpr_fail(err, MPR_EREF, o->id_at.file, o->id_at.line, o->id_at.column,
			              "duplicate observation id '%s' of partnership '%s': the experience "
			              "has it already (a file given twice?)",
			              o->id, k.partnership);
	}
	free(keys);
	return rc;
}

int mpr_experience_add(mpr_experience *e, const mpr_observations *obs, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!e || !obs)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_experience_add: invalid arguments");
	const mpr_proposal *p = obs->proposal;
	if (p->rules != e->rules)
		return mpr_fail(err, MPR_EINVAL, obs->name, 0, 0,
		                "the observations were read against another ruleset");
	int dup = not_yet_in(e, obs, err);
	if (dup)
		return dup;
	for (size_t i = 0; i < obs->n_obs; i++) {
		const mpr_observation *o = &obs->obs[i];
		const mpr_round *r = &obs->rounds[o->round];
		if (r->day > e->as_of)
			continue; /* after the date: not yet experience */
		const mpr_proposal_activity *a = &p->activities[o->activity];
		mpr_experienced_obs x = {a->s.country, a->s.measure, NULL, NULL, p->id, a->id, o->id,
		                         o->kind, o->severity, r->day, ""};
		memcpy(x.date, r->date, sizeof x.date);
		int rc = mpr_experience_push(e, &x, err);
		if (rc)
			return rc;
	}
	return mpr_experience_refresh(e, err);
}

/* ---- what the observations give: entries and the canonical text --------- */

/* The canonical order: country and measure (by id), date, partnership,
 * observation id. The ids are the ruleset's strings, so no context is
 * needed and qsort does it in n log n. */
static int cmp_obs(const void *pa, const void *pb)
{
	const mpr_experienced_obs *a = pa, *b = pb;
	int c;
	if ((c = strcmp(a->country_id, b->country_id)) || (c = strcmp(a->measure_id, b->measure_id)))
		return c;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(a->partnership, b->partnership)) || (c = strcmp(a->activity, b->activity)) ||
	    (c = strcmp(a->id, b->id)))
		return c;
	/* a total order whatever the text read back holds (mpr_experience_add
	 * refuses an id twice), so that the canonical text never depends on the
	 * order the files were given in */
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return (a->severity > b->severity) - (a->severity < b->severity);
}

static void sort_obs(mpr_experience *e)
{
	if (e->n_obs > 1)
		qsort(e->obs, e->n_obs, sizeof *e->obs, cmp_obs);
}

/* Whether observation o is within the window before the date. */
static bool in_window(const mpr_experience *e, const mpr_experienced_obs *o)
{
	return mpr_date_add_months(o->day, e->rules->mon.experience_window_months) >= e->as_of;
}

/* Whether o counts: within the window, and its severity one that counts
 * alone, or its kind seen often enough there (same[kind]: the group's
 * observations of each kind within the window). */
static bool counts(const mpr_experience *e, const unsigned *same, const mpr_experienced_obs *o)
{
	const mpr_monitoring_rules *mon = &e->rules->mon;
	if (!in_window(e, o))
		return false;
	return (mon->experience_severities & (1u << o->severity)) ||
	       same[o->kind] >= mon->experience_observations;
}

/* The trace step that cites observation o. */
static int cite(mpr_experience *e, const mpr_experienced_obs *o, mpr_step *s)
{
	const mpr_ruleset *rs = e->rules;
	*s = (mpr_step){rs->mon.experience_id, rs->mon.experience_source, NULL, NULL, 0};
	s->effect = mpr_arena_printf(
		&e->arena,
		"experience: observation %s of %s (%s, %s) under activity %s of partnership %s, %s in %s",
		o->id, o->date, rs->violation_kinds[o->kind].n.id, mpr_severity_words()[o->severity],
		o->activity, o->partnership, rs->measures[o->measure].n.id, rs->countries[o->country].n.id);
	return s->effect ? MPR_OK : MPR_ENOMEM;
}

/* The observations of obs[g .. end) an entry cites: of each kind, the
 * latest that count, as many as the rule needs (the parameter
 * `observations`), so that a trace shows the evidence and stays short
 * however many rounds found the same; *more counts the others. */
static size_t cited(const mpr_experience *e, size_t g, size_t end, const unsigned *same,
                    bool *cite_it, size_t *more)
{
	unsigned per_kind[MPR_MAX_SET] = {0};
	size_t n = 0;
	*more = 0;
	for (size_t k = end; k-- > g;) {
		const mpr_experienced_obs *o = &e->obs[k];
		cite_it[k - g] = false;
		if (!counts(e, same, o))
			continue;
		if (per_kind[o->kind] < e->rules->mon.experience_observations) {
			per_kind[o->kind]++;
			cite_it[k - g] = true;
			n++;
		} else {
			(*more)++;
		}
	}
	return n;
}

/* One group (a measure type in a country, obs[g .. end)): an entry when
 * some observation counts, citing them in date order. */
static int group_entry(mpr_experience *e, size_t g, size_t end, mpr_error *err)
{
	unsigned same[MPR_MAX_SET] = {0};
	for (size_t k = g; k < end; k++)
		same[e->obs[k].kind] += in_window(e, &e->obs[k]);
	bool *cite_it = calloc(end - g, sizeof *cite_it);
	if (!cite_it)
		return oom(err);
	size_t more, n = cited(e, g, end, same, cite_it, &more);
	if (!n) { /* nothing counts: no entry */
		free(cite_it);
		return MPR_OK;
	}
	size_t n_steps = n + (more > 0);
	mpr_step *steps = mpr_arena_alloc(&e->arena, n_steps * sizeof *steps);
	const char **ids = mpr_arena_alloc(&e->arena, n * sizeof *ids);
	if (!steps || !ids) {
		free(cite_it);
		return oom(err);
	}
	size_t i = 0;
	int rc = MPR_OK;
	for (size_t k = g; rc == MPR_OK && k < end && i < n; k++)
		if (cite_it[k - g]) {
			ids[i] = e->obs[k].id;
			if (cite(e, &e->obs[k], &steps[i++]))
				rc = oom(err);
		}
	free(cite_it);
	if (rc)
		return rc;
	if (more) {
		const mpr_ruleset *rs = e->rules;
		steps[n] = (mpr_step){rs->mon.experience_id, rs->mon.experience_source,
		                      mpr_arena_printf(&e->arena,
		                                       "experience: and %zu more observations of the same "
		                                       "kinds count, %s in %s (the experience lists them)",
		                                       more, rs->measures[e->obs[g].measure].n.id,
		                                       rs->countries[e->obs[g].country].n.id),
		                      NULL, 0};
		if (!steps[n].effect)
			return oom(err);
	}
	e->entries[e->n_entries++] = (mpr_experienced){
		e->obs[g].country, e->obs[g].measure,
		(mpr_set)1 << e->rules->mon.experience_attribute, steps, n_steps, ids, n};
	if (n_steps > e->max_steps)
		e->max_steps = n_steps;
	return MPR_OK;
}

/* The canonical text: one line of the writer's compact JSON (util/json.h),
 * the observations in their total order (sort_obs). */
static void text(mpr_buf *b, const mpr_experience *e)
{
	const mpr_ruleset *rs = e->rules;
	mpr_jw writer, *w = &writer;
	mpr_jw_init(w, b, false);
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_STR(w, "as_of", e->as_of_text);
	MPR_JW_KEY(w, "observations");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < e->n_obs; i++) {
		const mpr_experienced_obs *o = &e->obs[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		MPR_JW_STR(w, "country", rs->countries[o->country].n.id);
		MPR_JW_STR(w, "measure", rs->measures[o->measure].n.id);
		MPR_JW_STR(w, "partnership", o->partnership);
		MPR_JW_STR(w, "activity", o->activity);
		MPR_JW_STR(w, "id", o->id);
		MPR_JW_STR(w, "kind", rs->violation_kinds[o->kind].n.id);
		MPR_JW_STR(w, "severity", mpr_severity_words()[o->severity]);
		MPR_JW_STR(w, "date", o->date);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	mpr_jw_end(w);
}

int mpr_experience_refresh(mpr_experience *e, mpr_error *err)
{
	sort_obs(e);
	free(e->entries);
	e->entries = calloc(e->n_obs + 1, sizeof *e->entries);
	e->n_entries = e->max_steps = 0;
	if (!e->entries)
		return oom(err);
	for (size_t g = 0; g < e->n_obs;) {
		size_t end = g + 1;
		while (end < e->n_obs && e->obs[end].country == e->obs[g].country &&
		       e->obs[end].measure == e->obs[g].measure)
			end++;
		int rc = group_entry(e, g, end, err);
		if (rc)
			return rc;
		g = end;
	}
	mpr_buf b = {0};
	text(&b, e);
	free(e->text);
	e->text = NULL;
	if (mpr_buf_finish(&b, &e->text, &e->text_len))
		return oom(err);
	if (mpr_sha256_hex(e->rules->sha256, e->text, e->text_len, e->sha256))
		return oom(err);
	return MPR_OK;
}

const mpr_experienced *mpr_experience_find(const mpr_experience *e, int country, int measure)
{
	for (size_t i = 0; e && i < e->n_entries; i++)
		if (e->entries[i].country == country && e->entries[i].measure == measure)
			return &e->entries[i];
	return NULL;
}

const char *mpr_experience_text(const mpr_experience *e, size_t *len)
{
	if (!e)
		return NULL;
	if (len)
		*len = e->text_len;
	return e->text;
}

const char *mpr_experience_sha256(const mpr_experience *e)
{
	return e ? e->sha256 : NULL;
}
