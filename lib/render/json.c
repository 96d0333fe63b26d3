/*
 * json.c - the JSON of a proposal's evaluation: results (with remedies and
 * the monitoring plan) and one decision (a --jsonl line), and the members
 * every JSON document shares (engine, ruleset, safeguards, trace). The
 * matrix and an explanation are in json_rules.c, monitoring in
 * monitor_json.c, the diff and the decision record in audit/. The keys are a
 * stable interface (docs/json-output.md, docs/schema/), marked by
 * format_version; the whitespace is not. What is printed was computed
 * before (decide/): the result, its remedies and plan, the grid of best
 * decisions. Everything is written with the writer of util/json.h, in one
 * pass whether the output is pretty or one line; trace steps and safeguards
 * were rendered at load (load/steps.c) and are copied whole.
 */
#include "render/render.h"

#include <stdbool.h>
#include <string.h>

#include "load/load.h"
#include "util/text.h"

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define UINT(name, value) MPR_JW_UINT(w, name, value)
#define BOOL(name, value) MPR_JW_BOOL(w, name, value)

/* Whether how asks for a language other than the rules' English: then the
 * texts made at load (in English) are not copied, and each text is written
 * in that language (rt for the rules' texts, tr for the library's). Keys,
 * ids, tiers and verdicts are the same in every language. */
static bool in_other_language(const mpr_how *how)
{
	return how && how->lang && (how->lang->rules || how->lang->program);
}

/* A set of safeguards as [{"id", "source"}, ...], the one representation
 * of a safeguard list in every JSON output (format_version 2), in
 * catalogue order. */
void mpr_json_safeguards(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs, mpr_set set,
                         int layout)
{
	mpr_jw_array(w, set ? layout : MPR_JW_INLINE);
	for (mpr_set s = set; s; s &= s - 1) {
		const mpr_safeguard *sg = &rs->safeguards[mpr_set_first(s)];
		if (in_other_language(how)) /* the text made at load is English */
			mpr_json_id_source(w, sg->n.id, rt(how, sg->n.source));
		else if (sg->json)
			mpr_jw_raw(w, sg->json, sg->json_len);
		else
			mpr_json_id_source(w, sg->n.id, sg->n.source);
	}
	mpr_jw_end(w);
}

/* Steps as [{"rule", "source", "effect"}, ...], one a line. */
void mpr_json_trace(mpr_jw *w, const mpr_how *how, const mpr_step *steps, size_t n)
{
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < n; i++) {
		const mpr_step *s = &steps[i];
		if (in_other_language(how))
			mpr_json_step(w, s->rule, rt(how, s->source), rt(how, s->effect));
		else if (s->json)
			mpr_jw_raw(w, s->json, s->json_len);
		else
			mpr_json_step(w, s->rule, s->source, s->effect);
	}
	mpr_jw_end(w);
}

/* A remedy: copied whole when it depends only on the rules (made at load,
 * load/remedy_texts.c), else written here with the same keys. */
static void remedy_json(mpr_jw *w, const mpr_how *how, const mpr_result *r, const mpr_remedy *m,
                        size_t i_activity)
{
	const mpr_ruleset *rs = r->rules;
	size_t len;
	const char *made = in_other_language(how) ? NULL : mpr_remedy_json(rs, m->kind, m->index, &len);
	if (made) {
		mpr_jw_raw(w, made, len);
		return;
	}
	if (mpr_json_remedy_of_rules(w, how ? how->lang : NULL, rs, m->kind, m->index))
		return;
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("kind", mpr_remedy_kind_name(m->kind));
	if (m->kind == MPR_REMEDY_COUNTRY_TIER) {
		STR("id", rs->tiers[m->index]);
	}
	if (m->kind == MPR_REMEDY_COMPLETE_AGREEMENT) {
		STR("id", r->proposal->agreements[m->index].id);
	}
	if (m->kind == MPR_REMEDY_SET_FREQUENCY) {
		UINT("frequency_months", m->months);
	}
	KEY("text"); /* the sentence of the text output, printed in place */
	size_t start = mpr_jw_text_begin(w);
	mpr_text_remedy(w->b, how, r, m, i_activity);
	mpr_jw_text_end(w, start);
	mpr_jw_end(w);
}

/* A list of remedies; activity names the activity they are of (0 for a
 * finding's), which some sentences cite. */
static void json_remedies(mpr_jw *w, const mpr_how *how, const mpr_result *r, const mpr_remedy *v,
                          size_t n, size_t activity, int layout)
{
	mpr_jw_array(w, layout);
	for (size_t k = 0; k < n; k++)
		remedy_json(w, how, r, &v[k], activity);
	mpr_jw_end(w);
}

static void plan_activities(mpr_jw *w, const mpr_how *how, const mpr_result *r, const mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < r->n_activities; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("id", r->activities[i].id);
		UINT("frequency_months", r->activities[i].d.cell->months);
		KEY("monitor");
		mpr_jw_array(w, MPR_JW_INLINE);
		for (size_t k = p->start[i]; k < p->start[i + 1]; k++) {
			const mpr_monitor_item *m = &rs->monitor_items[p->items[k]];
			if (in_other_language(how)) {
				mpr_jw_object(w, MPR_JW_INLINE);
				STR("id", m->id);
				STR("what", rt(how, m->what));
				STR("source", rt(how, m->source));
				mpr_jw_end(w);
			} else if (m->json)
				mpr_jw_raw(w, m->json, m->json_len);
			else
				mpr_json_monitor_item(w, m);
		}
		mpr_jw_end(w);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void json_plan(mpr_jw *w, const mpr_how *how, const mpr_result *r, const mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	mpr_jw_object(w, MPR_JW_BLOCK);
	UINT("frequency_months", p->months);
	STR("level", rs->monitoring[p->level]);
	STR("set_by", r->n_activities ? r->activities[p->pace_activity].id : "");
	KEY("declared_frequency_months");
	if (pr->monitoring_months)
		mpr_jw_uint(w, pr->monitoring_months);
	else
		mpr_jw_null(w);
	BOOL("independent_local_access_required", p->local_needed);
	KEY("bodies");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < pr->n_bodies; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("name", pr->bodies[i].name);
		BOOL("independent", pr->bodies[i].independent);
		BOOL("local_access", pr->bodies[i].local_access);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	STR("suspension", r->n_activities ? rs->suspension[p->suspension].id : "");
	KEY("activities");
	plan_activities(w, how, r, p);
	mpr_jw_end(w);
}

/* "monitoring": {"level", "frequency_months"} of a decision's cell. */
void mpr_json_cell_monitoring(mpr_jw *w, const mpr_ruleset *rs, const mpr_cell *cell)
{
	KEY("monitoring");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("level", rs->monitoring[cell->monitoring]);
	UINT("frequency_months", cell->months);
	mpr_jw_end(w);
}

void mpr_json_decision(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs, const char *id,
                       const mpr_decision *d, const mpr_result *r, const mpr_remedies *rem,
                       size_t i, int top)
{
	mpr_jw_object(w, MPR_JW_BLOCK);
	if (top) {
		UINT("format_version", MPR_JSON_FORMAT_VERSION);
	}
	if (id)
		STR("id", id);
	STR("country", rs->countries[d->country].n.id);
	STR("country_tier", rs->tiers[d->country_tier]);
	STR("measure", rs->measures[d->measure].n.id);
	STR("measure_tier", rs->tiers[d->measure_tier]);
	STR("beneficiary", d->beneficiary >= 0 ? rs->beneficiaries[d->beneficiary].n.id : NULL);
	STR("implementer", d->implementer >= 0 ? rs->implementers[d->implementer].n.id : NULL);
	STR("verdict", mpr_verdict_word(d->verdict));
	BOOL("passes", mpr_decision_passes(d));
	mpr_json_cell_monitoring(w, rs, d->cell);
	STR("suspension", rs->suspension[d->cell->suspension].id);
	KEY("required_safeguards");
	mpr_json_safeguards(w, how, rs, d->required, MPR_JW_BLOCK);
	KEY("missing_safeguards");
	mpr_json_safeguards(w, how, rs, d->missing, MPR_JW_BLOCK);
	if (rem) {
		size_t n;
		const mpr_remedy *list = mpr_remedies_span(rem, rem->activity, i, &n);
		KEY("remedies");
		json_remedies(w, how, r, list, n, i, MPR_JW_BLOCK);
	}
	KEY("trace");
	mpr_json_trace(w, how, d->trace, d->n_trace);
	mpr_jw_end(w);
}

void mpr_json_ruleset_members(mpr_jw *w, const mpr_ruleset *rs)
{
	STR("id", rs->id);
	STR("fingerprint", rs->fingerprint);
	mpr_json_ruleset_signature(w, rs);
}

void mpr_json_ruleset_signature(mpr_jw *w, const mpr_ruleset *rs)
{
	static const char *const status[] = {"unsigned", "signed", "invalid"};
	const mpr_rules_signature *sig = &rs->signature;
	KEY("signature");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("status", status[sig->status]);
	if (sig->status != MPR_SIGNATURE_NONE) {
		STR("key_id", sig->key_id);
		STR("signed_at", sig->signed_at);
	}
	if (sig->status == MPR_SIGNATURE_INVALID)
		STR("problem", sig->problem);
	mpr_jw_end(w);
}

void mpr_json_engine(mpr_jw *w)
{
	KEY("engine");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("name", "mprisk");
	STR("version", mpr_version());
	mpr_jw_end(w);
}

void mpr_json_ruleset(mpr_jw *w, const mpr_ruleset *rs)
{
	KEY("ruleset");
	mpr_jw_object(w, MPR_JW_INLINE);
	mpr_json_ruleset_members(w, rs);
	mpr_jw_end(w);
}

static void json_partnership(mpr_jw *w, const mpr_result *r)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	KEY("input");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("file", p->name);
	mpr_json_file_bytes(w, p->name);
	STR("sha256", p->sha256);
	mpr_jw_end(w);
	if (r->experience) { /* R9: only when the decisions used experience */
		KEY("experience");
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("sha256", r->experience->sha256);
		STR("as_of", r->experience->as_of_text);
		UINT("observations", r->experience->n_obs);
		mpr_jw_end(w);
	}
	KEY("partnership");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("id", p->id);
	STR("title", p->title);
	STR("country", p->country >= 0 ? rs->countries[p->country].n.id : NULL);
	KEY("elements");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (mpr_set set = p->elements; set; set &= set - 1) {
		int e = mpr_set_first(set);
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("id", rs->elements[e].n.id);
		if (rs->elements[e].detail) {
			mpr_jw_key(w, rs->elements[e].detail);
			mpr_jw_string(w, p->element_detail[e]);
		}
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	mpr_jw_end(w);
}

static void json_findings(mpr_jw *w, const mpr_how *how, const mpr_result *r,
                          const mpr_remedies *rem)
{
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < r->n_findings; i++) {
		const mpr_prule *pr = r->findings[i];
		if (in_other_language(how)) {
			mpr_jw_object(w, MPR_JW_INLINE);
			STR("rule", pr->id);
			STR("source", rt(how, pr->source));
			STR("message", rt(how, pr->message));
			STR("severity", mpr_verdict_word(pr->severity));
		} else if (pr->json_head)
			mpr_jw_object_head(w, pr->json_head, pr->json_head_len);
		else
			mpr_json_finding_head(w, pr);
		size_t n;
		const mpr_remedy *list = mpr_remedies_span(rem, rem->finding, i, &n);
		KEY("remedies");
		json_remedies(w, how, r, list, n, 0, MPR_JW_INLINE);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

/* The rules a declaration lifted (lifted_by): their id, source, the
 * severity they would have had and the elements whose declaration lifted
 * them. */
static void json_lifted(mpr_jw *w, const mpr_how *how, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < r->n_lifted; i++) {
		const mpr_prule *pr = r->lifted[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("rule", pr->id);
		STR("source", rt(how, pr->source));
		STR("severity", mpr_verdict_word(pr->severity));
		KEY("declared");
		mpr_jw_array(w, MPR_JW_INLINE);
		for (size_t e = 0; e < rs->n_elements; e++)
			if (pr->lift_declares & ((mpr_set)1 << e))
				mpr_jw_string(w, rs->elements[e].n.id);
		mpr_jw_end(w);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

/* A file name that is not UTF-8 (a file system takes any bytes): "file"
 * has U+FFFD for each byte that is not (util/json.c), and "file_bytes" the
 * exact bytes, every one but A-Z a-z 0-9 - . _ ~ / as %HH (RFC 3986's
 * percent-encoding), so the name is kept whole in valid JSON. */
void mpr_json_country_members(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs,
                              const mpr_country *c)
{
	STR("code", c->n.id);
	STR("name", rt(how, c->n.name));
	STR("tier", rs->tiers[c->tier]);
	STR("base_tier", rs->tiers[c->base_tier]);
	BOOL("excluded", c->excluded != NULL);
	BOOL("under_review", c->under_review);
}

void mpr_json_file_bytes(mpr_jw *w, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	if (mpr_text_is_utf8(name, strlen(name)))
		return;
	KEY("file_bytes");
	size_t start = mpr_jw_text_begin(w); /* nothing in it needs an escape */
	for (const unsigned char *u = (const unsigned char *)name; *u; u++) {
		bool plain = (*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		             (*u >= '0' && *u <= '9') || strchr("-._~/", *u);
		char e[3] = {'%', hex[*u >> 4], hex[*u & 0xF]};
		mpr_buf_append(w->b, plain ? (const char *)u : e, plain ? 1 : 3);
	}
	mpr_jw_text_end(w, start);
}

void mpr_json_result(mpr_jw *w, const mpr_how *how, const mpr_result *r, const mpr_remedies *rem,
                     const mpr_plan *plan)
{
	const mpr_ruleset *rs = r->rules;
	mpr_jw_object(w, MPR_JW_BLOCK);
	UINT("format_version", MPR_JSON_FORMAT_VERSION);
	mpr_json_engine(w);
	mpr_json_ruleset(w, rs);
	json_partnership(w, r);
	STR("verdict", mpr_verdict_word(r->verdict));
	BOOL("passes", r->passes);
	KEY("activities");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < r->n_activities; i++)
		mpr_json_decision(w, how, rs, r->activities[i].id, &r->activities[i].d, r, rem, i, 0);
	mpr_jw_end(w);
	KEY("findings");
	json_findings(w, how, r, rem);
	KEY("lifted");
	json_lifted(w, how, r);
	KEY("monitoring_plan");
	json_plan(w, how, r, plan);
	mpr_jw_end(w);
}
