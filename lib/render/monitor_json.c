/*
 * monitor_json.c - the monitoring status as JSON (`mprisk monitor --format
 * json`; docs/json-output.md, "Monitoring"; docs/schema/monitoring.schema.json).
 * Every key is always present (null or [] for what does not apply), so
 * that another tool reads one shape: as_of, partnership, status,
 * activities[] (id, status, next_round_due, open_findings[],
 * consequences[] of rule, source, action, due, ...), findings[] (the
 * partnership's consequences), agreements[], experience. Prints what
 * decide/monitor.c computed, with the writer of util/json.h; the rules'
 * messages and sources in the view's language, everything else as it is.
 */
#include <string.h>

#include "render/render.h"
#include "util/date.h"
#include "util/number.h"

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define UINT(name, value) MPR_JW_UINT(w, name, value)
#define BOOL(name, value) MPR_JW_BOOL(w, name, value)

/* A number as the agreements' targets and results are written. */
static void number(mpr_jw *w, double v)
{
	char num[32];
	mpr_number_text(v, num);
	mpr_jw_raw(w, num, strlen(num));
}

static void round_obj(mpr_jw *w, const mpr_round *r)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("date", r->date);
	STR("body", r->body.name);
	BOOL("independent", r->body.independent);
	BOOL("local_access", r->body.local_access);
	mpr_jw_end(w);
}

/* Why a proposal no longer passes: the activities and findings in the way. */
static void reasons(mpr_jw *w, const mpr_monitoring *m, const mpr_mon_item *it)
{
	KEY("reasons");
	mpr_jw_array(w, MPR_JW_INLINE);
	if (it->rule->trigger == MPR_ON_NO_LONGER_PASSES) {
		const mpr_result *r = m->result;
		for (size_t a = 0; a < r->n_activities; a++)
			if (!mpr_decision_passes(&r->activities[a].d)) {
				mpr_jw_object(w, MPR_JW_INLINE);
				STR("activity", r->activities[a].id);
				STR("verdict", mpr_verdict_word(r->activities[a].d.verdict));
				UINT("missing_safeguards", mpr_set_count(r->activities[a].d.missing));
				mpr_jw_end(w);
			}
		for (size_t f = 0; f < r->n_findings; f++) {
			mpr_jw_object(w, MPR_JW_INLINE);
			STR("finding", r->findings[f]->id);
			STR("severity", mpr_verdict_word(r->findings[f]->severity));
			mpr_jw_end(w);
		}
	}
	mpr_jw_end(w);
}

/* One consequence: the same keys for an activity's and the partnership's. */
static void item(mpr_jw *w, const mpr_how *how, const mpr_monitoring *m, const mpr_mon_item *it)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("rule", it->rule->id);
	STR("source", rt(how, it->rule->source));
	STR("action", mpr_action_words()[it->rule->action]);
	STR("due", it->has_due ? it->due_text : NULL);
	STR("activity", it->activity >= 0 ? m->proposal->activities[it->activity].id : NULL);
	STR("message", rt(how, it->rule->message));
	KEY("observations");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t k = 0; k < it->n_ev; k++)
		mpr_jw_string(w, m->obs[m->ev[it->first_ev + k]].o.id);
	mpr_jw_end(w);
	KEY("round");
	if (it->round >= 0)
		round_obj(w, &m->rounds[it->round].r);
	else
		mpr_jw_null(w);
	STR("agreement", it->agreement >= 0 ? m->proposal->agreements[it->agreement].id : NULL);
	reasons(w, m, it);
	mpr_jw_end(w);
}

/* The items first .. first + n, one a line. */
static void items(mpr_jw *w, const mpr_how *how, const mpr_monitoring *m, size_t first, size_t n)
{
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < n; i++)
		item(w, how, m, &m->items[first + i]);
	mpr_jw_end(w);
}

static void open_findings(mpr_jw *w, const mpr_monitoring *m, const mpr_mon_activity *ma)
{
	KEY("open_findings");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t k = 0; k < ma->n_open; k++) {
		const mpr_mon_obs *x = &m->obs[m->open[ma->first_open + k]];
		const mpr_observation *o = &x->o;
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("id", o->id);
		STR("date", x->round->date);
		STR("kind", m->rules->violation_kinds[o->kind].n.id);
		STR("severity", mpr_severity_words()[o->severity]);
		STR("evidence", o->evidence);
		KEY("follow_up");
		if (o->has_follow_up) {
			mpr_jw_object(w, MPR_JW_INLINE);
			STR("due", o->due);
			STR("status", mpr_follow_words()[o->status]);
			BOOL("overdue", x->overdue);
			mpr_jw_end(w);
		} else {
			mpr_jw_null(w);
		}
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void activity(mpr_jw *w, const mpr_how *how, const mpr_monitoring *m, size_t a)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_mon_activity *ma = &m->activities[a];
	const mpr_decision *d = &m->result->activities[a].d;
	char due[11];
	mpr_date_format(ma->next_due, due);
	mpr_jw_object(w, MPR_JW_BLOCK);
	STR("id", m->proposal->activities[a].id);
	STR("status", mpr_mon_activity_word(ma->status));
	STR("country", rs->countries[d->country].n.id);
	STR("measure", rs->measures[d->measure].n.id);
	STR("verdict", mpr_verdict_word(d->verdict));
	KEY("monitoring");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("level", rs->monitoring[d->cell->monitoring]);
	UINT("frequency_months", d->cell->months);
	mpr_jw_end(w);
	STR("suspension", rs->suspension[d->cell->suspension].id);
	UINT("rounds", ma->n_rounds);
	KEY("last_round");
	if (ma->last_round >= 0)
		round_obj(w, &m->rounds[ma->last_round].r);
	else
		mpr_jw_null(w);
	STR("next_round_due", due);
	open_findings(w, m, ma);
	KEY("consequences");
	items(w, how, m, ma->first_item, ma->n_items);
	mpr_jw_end(w);
}

static void agreement(mpr_jw *w, const mpr_monitoring *m, size_t g)
{
	const mpr_agreement *ag = &m->proposal->agreements[g];
	const mpr_mon_agreement *s = &m->agreements[g];
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("id", ag->id);
	STR("status", mpr_agreement_word(s->status));
	STR("owner", ag->owner);
	STR("what", ag->what);
	STR("due", ag->due);
	STR("indicator", ag->indicator);
	KEY("target");
	if (ag->has_target)
		number(w, ag->target);
	else
		mpr_jw_null(w);
	KEY("latest");
	if (s->latest >= 0) {
		const mpr_mon_result *r = &m->results[s->latest];
		mpr_jw_object(w, MPR_JW_INLINE);
		KEY("value");
		number(w, r->m.value);
		STR("date", r->round->date);
		STR("note", r->m.note);
		mpr_jw_end(w);
	} else {
		mpr_jw_null(w);
	}
	STR("incentive", ag->incentive);
	STR("consequence", ag->consequence);
	mpr_jw_end(w);
}

/* R9: what these observations give new proposals. */
static void experience(mpr_jw *w, const mpr_monitoring *m)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_experience *e = m->experience;
	KEY("experience");
	mpr_jw_object(w, MPR_JW_BLOCK);
	STR("sha256", e->sha256);
	KEY("escalates");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < e->n_entries; i++) {
		const mpr_experienced *x = &e->entries[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("country", rs->countries[x->country].n.id);
		STR("measure", rs->measures[x->measure].n.id);
		STR("attribute", rs->attributes[rs->mon.experience_attribute].n.id);
		STR("rule", rs->mon.experience_id);
		KEY("observations");
		mpr_jw_array(w, MPR_JW_INLINE);
		for (size_t k = 0; k < x->n_ids; k++)
			mpr_jw_string(w, x->ids[k]);
		mpr_jw_end(w);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	mpr_jw_end(w);
}

void mpr_json_monitoring(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	mpr_jw writer, *w = &writer;
	mpr_jw_init(w, b, true);
	mpr_jw_object(w, MPR_JW_BLOCK);
	UINT("format_version", MPR_JSON_FORMAT_VERSION);
	mpr_json_engine(w);
	KEY("ruleset");
	mpr_jw_object(w, MPR_JW_INLINE);
	mpr_json_ruleset_members(w, m->rules); /* id, fingerprint, signature */
	mpr_jw_end(w);
	KEY("input");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("file", p->name);
	mpr_json_file_bytes(w, p->name); /* a name that is not UTF-8, byte for byte */
	STR("sha256", p->sha256);
	mpr_jw_end(w);
	KEY("observations");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t f = 0; f < m->n_files; f++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("file", m->files[f]->name);
		mpr_json_file_bytes(w, m->files[f]->name);
		STR("sha256", m->files[f]->sha256);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	STR("as_of", m->as_of_text);
	STR("partnership", p->id);
	STR("title", p->title);
	STR("status", mpr_mon_status_word(m->status));
	UINT("rounds", m->n_rounds);
	UINT("rounds_after_as_of", m->n_later);
	KEY("activities");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t a = 0; a < p->n_activities; a++)
		activity(w, how, m, a);
	mpr_jw_end(w);
	KEY("findings");
	items(w, how, m, m->first_partnership, m->n_items - m->first_partnership);
	KEY("agreements");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t g = 0; g < p->n_agreements; g++)
		agreement(w, m, g);
	mpr_jw_end(w);
	experience(w, m);
	mpr_jw_end(w);
	mpr_buf_append(b, "\n", 1);
}
