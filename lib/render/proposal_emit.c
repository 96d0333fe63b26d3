/*
 * proposal_emit.c - a parsed proposal written back: as normalised JSON
 * (mpr_render_proposal_json) and as YAML through libyaml's emitter
 * (mpr_render_proposal_yaml).
 *
 * A form that edits a proposal (the web page of `mprisk serve`) needs one
 * shape whatever the official loaded: every key present, ids checked against
 * the ruleset, sets in catalogue order. It also needs to hand the draft back
 * as a YAML file that `mprisk evaluate` reads and a person can read. Both
 * outputs are proposals in the input format (docs/proposal-format.md), so
 * evaluating either gives the decisions the original gives.
 *
 * What the parsed proposal does not keep (the descriptions, and whether an
 * activity named its country or took the partnership's) is read again from
 * the proposal's exact input text, which the proposal keeps for decision
 * records. Scalars are emitted plain only when no YAML reader can take them
 * for anything but text (an id such as NO, yes or null is quoted: YAML 1.1
 * reads those as booleans or null); free text is always double-quoted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/json.h"
#include "util/number.h"
#include "model.h"
#include "input/tree.h"

/* What the proposal struct does not hold, per activity. */
typedef struct extra {
	const char *description;
	bool country_written;
} extra;

typedef struct norm {
	const mpr_proposal *p;
	const char *description; /* the partnership's */
	extra *acts;
	yt_doc doc;
	bool have_doc;
} norm;

static void norm_free(norm *n)
{
	free(n->acts);
	if (n->have_doc)
		yt_doc_free(&n->doc);
}

static const char *text_of(const yt_node *map, const char *key)
{
	const yt_node *v = map && map->kind == YT_MAP ? yt_get(map, key) : NULL;
	return v && v->kind == YT_SCALAR && !yt_is_null(v) ? v->value : NULL;
}

/* Read the proposal's text again for what the struct does not keep; a
 * proposal built from a subtree (no text) keeps no descriptions and names
 * every activity's country that differs from the partnership's. */
static int norm_init(norm *n, const mpr_proposal *p, mpr_error *err)
{
	memset(n, 0, sizeof *n);
	n->p = p;
	n->acts = calloc(p->n_activities ? p->n_activities : 1, sizeof *n->acts);
	if (!n->acts)
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < p->n_activities; i++)
		n->acts[i].country_written = p->activities[i].s.country != p->country;
	if (!p->text || !p->text_len)
		return MPR_OK;
	/* the text passed the caller's limits once; these only guard the reread */
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_file_bytes = SIZE_MAX;
	o.max_nodes = SIZE_MAX;
	o.max_string = SIZE_MAX;
	o.max_depth = 1024;
	o.max_activities = SIZE_MAX;
	mpr_error ignored;
	n->have_doc = true;
	if (yt_parse(&n->doc, p->name, (const unsigned char *)p->text, p->text_len, &o, NULL,
	             &ignored) != MPR_OK || !n->doc.root) {
		if (ignored.code == MPR_ENOMEM)
			return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
		return MPR_OK; /* parsed once, so this cannot happen; keep the struct's view */
	}
	const yt_node *pn = yt_get(n->doc.root, "partnership");
	const yt_node *an = yt_get(n->doc.root, "activities");
	n->description = text_of(pn, "description");
	for (size_t i = 0; an && an->kind == YT_SEQ && i < an->n && i < p->n_activities; i++) {
		n->acts[i].description = text_of(an->items[i], "description");
		n->acts[i].country_written = text_of(an->items[i], "country") != NULL;
	}
	return MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                      */

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define BOOL(name, value) MPR_JW_BOOL(w, name, value)

/* The i-th id of a catalogue, for the sets of an activity. */
typedef const char *(*id_at_fn)(const mpr_ruleset *rs, size_t i);

static const char *attribute_id(const mpr_ruleset *rs, size_t i)
{
	return rs->attributes[i].n.id;
}

static const char *safeguard_id(const mpr_ruleset *rs, size_t i)
{
	return rs->safeguards[i].n.id;
}

/* [ids of the set], in catalogue order */
static void jset(mpr_jw *w, mpr_set set, const mpr_ruleset *rs, id_at_fn id_at, size_t n)
{
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < n; i++)
		if (set & ((mpr_set)1 << i))
			mpr_jw_string(w, id_at(rs, i));
	mpr_jw_end(w);
}

static void json_elements(mpr_jw *w, const mpr_proposal *p)
{
	const mpr_ruleset *rs = p->rules;
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t e = 0; e < rs->n_elements; e++) {
		if (!(p->elements & ((mpr_set)1 << e)))
			continue;
		if (rs->elements[e].detail) {
			mpr_jw_object(w, MPR_JW_INLINE);
			STR("id", rs->elements[e].n.id);
			mpr_jw_key(w, rs->elements[e].detail);
			mpr_jw_string(w, p->element_detail[e]);
			mpr_jw_end(w);
		} else {
			mpr_jw_string(w, rs->elements[e].n.id);
		}
	}
	mpr_jw_end(w);
}

static void json_monitoring(mpr_jw *w, const mpr_proposal *p)
{
	if (!p->has_monitoring) {
		mpr_jw_null(w);
		return;
	}
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("frequency_months");
	if (p->monitoring_months)
		mpr_jw_uint(w, p->monitoring_months);
	else
		mpr_jw_null(w);
	KEY("bodies");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < p->n_bodies; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("name", p->bodies[i].name);
		BOOL("independent", p->bodies[i].independent);
		BOOL("local_access", p->bodies[i].local_access);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	mpr_jw_end(w);
}

static void json_agreements(mpr_jw *w, const mpr_proposal *p)
{
	if (!p->n_agreements) {
		mpr_jw_null(w);
		return;
	}
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < p->n_agreements; i++) {
		const mpr_agreement *a = &p->agreements[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("id", a->id);
		STR("owner", a->owner);
		STR("what", a->what);
		STR("due", a->due);
		STR("indicator", a->indicator);
		KEY("target");
		if (a->has_target) {
			char num[32];
			mpr_number_text(a->target, num);
			mpr_jw_raw(w, num, strlen(num));
		} else {
			mpr_jw_null(w);
		}
		KEY("activities");
		if (a->n_activities) {
			mpr_jw_array(w, MPR_JW_INLINE);
			for (size_t k = 0; k < a->n_activities; k++)
				mpr_jw_string(w, p->activities[a->activities[k]].id);
			mpr_jw_end(w);
		} else {
			mpr_jw_null(w);
		}
		STR("incentive", a->incentive);
		STR("consequence", a->consequence);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void json_partnership(mpr_jw *w, const norm *n)
{
	const mpr_proposal *p = n->p;
	const mpr_ruleset *rs = p->rules;
	KEY("partnership");
	mpr_jw_object(w, MPR_JW_BLOCK);
	STR("id", p->id);
	STR("title", p->title);
	STR("country", p->country >= 0 ? rs->countries[p->country].n.id : NULL);
	STR("description", n->description);
	/* a declared list of parties is never empty (the input format), so none
	 * declared is null: the output must read back as the proposal it is */
	KEY("parties");
	if (p->n_parties) {
		mpr_jw_array(w, MPR_JW_INLINE);
		for (size_t i = 0; i < p->n_parties; i++)
			mpr_jw_string(w, p->parties[i]);
		mpr_jw_end(w);
	} else {
		mpr_jw_null(w);
	}
	KEY("elements");
	json_elements(w, p);
	KEY("monitoring");
	json_monitoring(w, p);
	KEY("agreements");
	json_agreements(w, p);
	mpr_jw_end(w);
}

static void json_activity(mpr_jw *w, const norm *n, size_t i)
{
	const mpr_proposal_activity *a = &n->p->activities[i];
	const mpr_ruleset *rs = n->p->rules;
	const mpr_measure *m = &rs->measures[a->s.measure];
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("id", a->id);
	STR("measure", m->n.id);
	STR("country", n->acts[i].country_written ? rs->countries[a->s.country].n.id : NULL);
	STR("beneficiary", a->s.beneficiary >= 0 ? rs->beneficiaries[a->s.beneficiary].n.id : NULL);
	STR("implementer", a->s.implementer >= 0 ? rs->implementers[a->s.implementer].n.id : NULL);
	KEY("nationals_only");
	if (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS)
		mpr_jw_bool(w, a->s.nationals_only);
	else
		mpr_jw_null(w);
	STR("evacuated_from",
	    a->s.evacuated_from >= 0 ? rs->countries[a->s.evacuated_from].n.id : NULL);
	KEY("attributes");
	jset(w, a->s.attributes, rs, attribute_id, rs->n_attributes);
	KEY("safeguards");
	jset(w, a->safeguards, rs, safeguard_id, rs->n_safeguards);
	STR("description", n->acts[i].description);
	mpr_jw_end(w);
}

int mpr_render_proposal_json(const mpr_proposal *proposal, char **out, size_t *len,
                             mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!proposal || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_proposal_json: invalid arguments");
	*out = NULL;
	norm n;
	int rc = norm_init(&n, proposal, err);
	if (rc) {
		norm_free(&n);
		return rc;
	}
	mpr_buf b = {0};
	mpr_jw jw;
	mpr_jw *w = &jw;
	mpr_jw_init(w, &b, true);
	mpr_jw_object(w, MPR_JW_BLOCK);
	json_partnership(w, &n);
	KEY("activities");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < proposal->n_activities; i++)
		json_activity(w, &n, i);
	mpr_jw_end(w);
	mpr_jw_end(w);
	mpr_buf_append(&b, "\n", 1);
	norm_free(&n);
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering the proposal") : MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* YAML, through libyaml's emitter                                           */

typedef struct emit {
	yaml_emitter_t e;
	mpr_buf out;
	int failed;
} emit;

static int write_out(void *data, unsigned char *buffer, size_t size)
{
	mpr_buf *b = data;
	mpr_buf_append(b, (const char *)buffer, size);
	return !b->failed;
}

static void put(emit *em, yaml_event_t *ev, int initialised)
{
	if (!initialised) { /* the event could not be made: out of memory */
		em->failed = 1;
		return;
	}
	if (em->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&em->e, ev)) /* takes the event, also on failure */
		em->failed = 1;
}

/* A scalar that every YAML reader takes as this text when written plain: an
 * id-like word that YAML 1.1 does not read as a boolean or null. */
static int safe_plain(const char *s)
{
	static const char *const special[] = {"y", "yes", "n", "no", "true", "false", "on", "off",
	                                      "null", NULL};
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '-' || *c == '_' || *c == '.'))
			return 0;
	for (size_t i = 0; special[i]; i++) {
		size_t k = 0;
		while (s[k] && special[i][k] && (s[k] | 0x20) == special[i][k])
			k++;
		if (!s[k] && !special[i][k])
			return 0;
	}
	return 1;
}

/* text: free text, always double-quoted; otherwise plain when safe. */
static void scalar(emit *em, const char *s, int text)
{
	yaml_event_t ev;
	yaml_scalar_style_t style =
		!text && safe_plain(s) ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	put(em, &ev,
	    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)strlen(s),
	                                 1, 1, style));
}

/* A number or boolean, written plain on purpose. */
static void literal(emit *em, const char *s)
{
	yaml_event_t ev;
	put(em, &ev,
	    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)strlen(s),
	                                 1, 0, YAML_PLAIN_SCALAR_STYLE));
}

static void key_text(emit *em, const char *key, const char *value, int text)
{
	if (!value)
		return;
	scalar(em, key, 0);
	scalar(em, value, text);
}

static void map_start(emit *em, int flow)
{
	yaml_event_t ev;
	put(em, &ev,
	    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(emit *em)
{
	yaml_event_t ev;
	put(em, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(emit *em, int flow)
{
	yaml_event_t ev;
	put(em, &ev,
	    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	                                         flow ? YAML_FLOW_SEQUENCE_STYLE
	                                              : YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(emit *em)
{
	yaml_event_t ev;
	put(em, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* key: [ids of the set], in catalogue order; nothing for an empty set */
static void id_set(emit *em, const char *key, mpr_set set, const mpr_ruleset *rs, id_at_fn id_at,
                   size_t n)
{
	if (!set)
		return;
	scalar(em, key, 0);
	seq_start(em, 1);
	for (size_t i = 0; i < n; i++)
		if (set & ((mpr_set)1 << i))
			scalar(em, id_at(rs, i), 0);
	seq_end(em);
}

static void yaml_monitoring(emit *em, const mpr_proposal *p)
{
	if (!p->has_monitoring)
		return;
	scalar(em, "monitoring", 0);
	map_start(em, 0);
	if (p->monitoring_months) {
		char months[16];
		snprintf(months, sizeof months, "%u", p->monitoring_months);
		scalar(em, "frequency_months", 0);
		literal(em, months);
	}
	if (p->n_bodies) {
		scalar(em, "bodies", 0);
		seq_start(em, 0);
		for (size_t i = 0; i < p->n_bodies; i++) {
			map_start(em, 1);
			key_text(em, "name", p->bodies[i].name, 1);
			scalar(em, "independent", 0);
			literal(em, p->bodies[i].independent ? "true" : "false");
			scalar(em, "local_access", 0);
			literal(em, p->bodies[i].local_access ? "true" : "false");
			map_end(em);
		}
		seq_end(em);
	}
	map_end(em);
}

static void yaml_agreements(emit *em, const mpr_proposal *p)
{
	if (!p->n_agreements)
		return;
	scalar(em, "agreements", 0);
	seq_start(em, 0);
	for (size_t i = 0; i < p->n_agreements; i++) {
		const mpr_agreement *a = &p->agreements[i];
		map_start(em, 0);
		key_text(em, "id", a->id, 0);
		key_text(em, "owner", a->owner, 0);
		key_text(em, "what", a->what, 1);
		key_text(em, "due", a->due, 1);
		key_text(em, "indicator", a->indicator, 1);
		if (a->has_target) {
			char num[32];
			mpr_number_text(a->target, num);
			scalar(em, "target", 0);
			literal(em, num);
		}
		if (a->n_activities) {
			scalar(em, "activities", 0);
			seq_start(em, 1);
			for (size_t k = 0; k < a->n_activities; k++)
				scalar(em, p->activities[a->activities[k]].id, 0);
			seq_end(em);
		}
		key_text(em, "incentive", a->incentive, 1);
		key_text(em, "consequence", a->consequence, 1);
		map_end(em);
	}
	seq_end(em);
}

static void yaml_partnership(emit *em, const norm *n)
{
	const mpr_proposal *p = n->p;
	const mpr_ruleset *rs = p->rules;
	scalar(em, "partnership", 0);
	map_start(em, 0);
	key_text(em, "id", p->id, 0);
	key_text(em, "title", p->title, 1);
	key_text(em, "country", p->country >= 0 ? rs->countries[p->country].n.id : NULL, 0);
	key_text(em, "description", n->description, 1);
	if (p->n_parties) {
		scalar(em, "parties", 0);
		seq_start(em, 1);
		for (size_t i = 0; i < p->n_parties; i++)
			scalar(em, p->parties[i], 0);
		seq_end(em);
	}
	if (p->elements) {
		scalar(em, "elements", 0);
		seq_start(em, 0);
		for (size_t e = 0; e < rs->n_elements; e++) {
			if (!(p->elements & ((mpr_set)1 << e)))
				continue;
			if (!rs->elements[e].detail) {
				scalar(em, rs->elements[e].n.id, 0);
				continue;
			}
			map_start(em, 1);
			key_text(em, "id", rs->elements[e].n.id, 0);
			key_text(em, rs->elements[e].detail, p->element_detail[e], 1);
			map_end(em);
		}
		seq_end(em);
	}
	yaml_monitoring(em, p);
	yaml_agreements(em, p);
	map_end(em);
}

static void yaml_activity(emit *em, const norm *n, size_t i)
{
	const mpr_proposal_activity *a = &n->p->activities[i];
	const mpr_ruleset *rs = n->p->rules;
	map_start(em, 0);
	key_text(em, "id", a->id, 0);
	key_text(em, "measure", rs->measures[a->s.measure].n.id, 0);
	if (n->acts[i].country_written)
		key_text(em, "country", rs->countries[a->s.country].n.id, 0);
	if (a->s.beneficiary >= 0)
		key_text(em, "beneficiary", rs->beneficiaries[a->s.beneficiary].n.id, 0);
	if (a->s.implementer >= 0)
		key_text(em, "implementer", rs->implementers[a->s.implementer].n.id, 0);
	if (a->s.nationals_only) {
		scalar(em, "nationals_only", 0);
		literal(em, "true");
	}
	if (a->s.evacuated_from >= 0)
		key_text(em, "evacuated_from", rs->countries[a->s.evacuated_from].n.id, 0);
	id_set(em, "attributes", a->s.attributes, rs, attribute_id, rs->n_attributes);
	id_set(em, "safeguards", a->safeguards, rs, safeguard_id, rs->n_safeguards);
	key_text(em, "description", n->acts[i].description, 1);
	map_end(em);
}

int mpr_render_proposal_yaml(const mpr_proposal *proposal, char **out, size_t *len,
                             mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!proposal || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_proposal_yaml: invalid arguments");
	*out = NULL;
	norm n;
	int rc = norm_init(&n, proposal, err);
	if (rc) {
		norm_free(&n);
		return rc;
	}
	emit em;
	memset(&em, 0, sizeof em);
	if (!yaml_emitter_initialize(&em.e)) {
		norm_free(&n);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory rendering the proposal");
	}
	yaml_emitter_set_output(&em.e, write_out, &em.out);
	yaml_emitter_set_unicode(&em.e, 1); /* UTF-8 as it is, not \u escapes */
	yaml_emitter_set_width(&em.e, -1);  /* no folding of long texts */
	yaml_emitter_set_indent(&em.e, 2);
	yaml_event_t ev;
	put(&em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	put(&em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	map_start(&em, 0);
	yaml_partnership(&em, &n);
	scalar(&em, "activities", 0);
	seq_start(&em, 0);
	for (size_t i = 0; i < proposal->n_activities; i++)
		yaml_activity(&em, &n, i);
	seq_end(&em);
	map_end(&em);
	put(&em, &ev, yaml_document_end_event_initialize(&ev, 1));
	put(&em, &ev, yaml_stream_end_event_initialize(&ev));
	if (!em.failed && !yaml_emitter_flush(&em.e))
		em.failed = 1;
	yaml_emitter_delete(&em.e);
	norm_free(&n);
	if (em.failed)
		em.out.failed = 1;
	rc = mpr_buf_finish(&em.out, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering the proposal") : MPR_OK;
}
