/*
 * monitor_json.c - the monitoring status as JSON (`mprisk monitor --format
 * json`; docs/json-output.md, "Monitoring"; docs/schema/monitoring.schema.json).
 * Every key is always present (null or [] for what does not apply), so
 * that another tool reads one shape: as_of, partnership, status,
 * activities[] (id, status, next_round_due, open_findings[],
 * consequences[] of rule, source, action, due, ...), findings[] (the
 * partnership's consequences), agreements[]. Prints what decide/monitor.c
 * computed.
 */
#include "render/render.h"
#include "util/date.h"
#include "util/number.h"

static void key(mpr_buf *b, const char *k, const char *v, const char *sep)
{
	mpr_buf_printf(b, "%s\"%s\": ", sep, k);
	if (v)
		mpr_json_string(b, v);
	else
		mpr_buf_puts(b, "null");
}

static void round_obj(mpr_buf *b, const mpr_round *r)
{
	key(b, "date", r->date, "{");
	key(b, "body", r->body.name, ", ");
	mpr_buf_printf(b, ", \"independent\": %s, \"local_access\": %s}",
	               r->body.independent ? "true" : "false", r->body.local_access ? "true" : "false");
}

static void reasons(mpr_buf *b, const mpr_monitoring *m, const mpr_mon_item *it)
{
	mpr_buf_puts(b, ", \"reasons\": [");
	if (it->rule->trigger != MPR_ON_NO_LONGER_PASSES) {
		mpr_buf_puts(b, "]");
		return;
	}
	const mpr_result *r = m->result;
	const char *sep = "";
	for (size_t a = 0; a < r->n_activities; a++)
		if (!mpr_decision_passes(&r->activities[a].d)) {
			key(b, "activity", r->activities[a].id, sep[0] ? ", {" : "{");
			mpr_buf_printf(b, ", \"verdict\": \"%s\", \"missing_safeguards\": %zu}",
			               mpr_verdict_word(r->activities[a].d.verdict),
			               mpr_set_count(r->activities[a].d.missing));
			sep = ",";
		}
	for (size_t f = 0; f < r->n_findings; f++) {
		key(b, "finding", r->findings[f]->id, sep[0] ? ", {" : "{");
		mpr_buf_printf(b, ", \"severity\": \"%s\"}", mpr_verdict_word(r->findings[f]->severity));
		sep = ",";
	}
	mpr_buf_puts(b, "]");
}

/* One consequence: the same keys for an activity's and the partnership's. */
static void item(mpr_buf *b, const mpr_monitoring *m, const mpr_mon_item *it, const char *indent)
{
	mpr_buf_printf(b, "%s", indent);
	key(b, "rule", it->rule->id, "{");
	key(b, "source", it->rule->source, ", ");
	key(b, "action", mpr_action_words()[it->rule->action], ", ");
	key(b, "due", it->has_due ? it->due_text : NULL, ", ");
	key(b, "activity", it->activity >= 0 ? m->proposal->activities[it->activity].id : NULL, ", ");
	key(b, "message", it->rule->message, ", ");
	mpr_buf_puts(b, ", \"observations\": [");
	for (size_t k = 0; k < it->n_ev; k++) {
		if (k)
			mpr_buf_puts(b, ", ");
		mpr_json_string(b, m->obs[m->ev[it->first_ev + k]].o.id);
	}
	mpr_buf_puts(b, "], \"round\": ");
	if (it->round >= 0)
		round_obj(b, &m->rounds[it->round].r);
	else
		mpr_buf_puts(b, "null");
	key(b, "agreement", it->agreement >= 0 ? m->proposal->agreements[it->agreement].id : NULL,
	    ", ");
	reasons(b, m, it);
	mpr_buf_puts(b, "}");
}

/* The items first .. first + n, one a line under indent; the closing
 * bracket under outer. */
static void items(mpr_buf *b, const mpr_monitoring *m, size_t first, size_t n, const char *indent,
                  const char *outer)
{
	mpr_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		mpr_buf_puts(b, i ? ",\n" : "\n");
		item(b, m, &m->items[first + i], indent);
	}
	if (n)
		mpr_buf_printf(b, "\n%s", outer);
	mpr_buf_puts(b, "]");
}

static void open_findings(mpr_buf *b, const mpr_monitoring *m, const mpr_mon_activity *ma)
{
	mpr_buf_puts(b, "      \"open_findings\": [");
	for (size_t k = 0; k < ma->n_open; k++) {
		const mpr_mon_obs *x = &m->obs[m->open[ma->first_open + k]];
		const mpr_observation *o = &x->o;
		mpr_buf_puts(b, k ? ",\n        " : "\n        ");
		key(b, "id", o->id, "{");
		key(b, "date", x->round->date, ", ");
		key(b, "kind", m->rules->violation_kinds[o->kind].n.id, ", ");
		key(b, "severity", mpr_severity_words()[o->severity], ", ");
		key(b, "evidence", o->evidence, ", ");
		mpr_buf_puts(b, ", \"follow_up\": ");
		if (o->has_follow_up) {
			key(b, "due", o->due, "{");
			key(b, "status", mpr_follow_words()[o->status], ", ");
			mpr_buf_printf(b, ", \"overdue\": %s}", x->overdue ? "true" : "false");
		} else {
			mpr_buf_puts(b, "null");
		}
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, ma->n_open ? "\n      ],\n" : "],\n");
}

static void activity(mpr_buf *b, const mpr_monitoring *m, size_t a)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_mon_activity *ma = &m->activities[a];
	const mpr_decision *d = &m->result->activities[a].d;
	char due[11];
	mpr_date_format(ma->next_due, due);
	mpr_buf_puts(b, "    {\n      ");
	key(b, "id", m->proposal->activities[a].id, "");
	key(b, "status", mpr_mon_activity_word(ma->status), ", ");
	key(b, "country", rs->countries[d->country].n.id, ", ");
	key(b, "measure", rs->measures[d->measure].n.id, ", ");
	key(b, "verdict", mpr_verdict_word(d->verdict), ", ");
	mpr_buf_printf(b, ",\n      \"monitoring\": {\"level\": \"%s\", \"frequency_months\": %u}",
	               rs->monitoring[d->cell->monitoring], d->cell->months);
	key(b, "suspension", rs->suspension[d->cell->suspension].id, ", ");
	mpr_buf_printf(b, ",\n      \"rounds\": %zu, \"last_round\": ", ma->n_rounds);
	if (ma->last_round >= 0)
		round_obj(b, &m->rounds[ma->last_round].r);
	else
		mpr_buf_puts(b, "null");
	key(b, "next_round_due", due, ", ");
	mpr_buf_puts(b, ",\n");
	open_findings(b, m, ma);
	mpr_buf_puts(b, "      \"consequences\": ");
	items(b, m, ma->first_item, ma->n_items, "        ", "      ");
	mpr_buf_puts(b, "\n    }");
}

static void agreement(mpr_buf *b, const mpr_monitoring *m, size_t g)
{
	const mpr_agreement *ag = &m->proposal->agreements[g];
	const mpr_mon_agreement *s = &m->agreements[g];
	char num[32];
	mpr_buf_puts(b, "    ");
	key(b, "id", ag->id, "{");
	key(b, "status", mpr_agreement_word(s->status), ", ");
	key(b, "owner", ag->owner, ", ");
	key(b, "what", ag->what, ", ");
	key(b, "due", ag->due, ", ");
	key(b, "indicator", ag->indicator, ", ");
	mpr_number_text(ag->target, num);
	mpr_buf_printf(b, ", \"target\": %s, \"latest\": ", ag->has_target ? num : "null");
	if (s->latest >= 0) {
		const mpr_mon_result *r = &m->results[s->latest];
		mpr_number_text(r->m.value, num);
		mpr_buf_printf(b, "{\"value\": %s", num);
		key(b, "date", r->round->date, ", ");
		key(b, "note", r->m.note, ", ");
		mpr_buf_puts(b, "}");
	} else {
		mpr_buf_puts(b, "null");
	}
	key(b, "incentive", ag->incentive, ", ");
	key(b, "consequence", ag->consequence, ", ");
	mpr_buf_puts(b, "}");
}

static void experience(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_experience *e = m->experience;
	mpr_buf_printf(b, ",\n  \"experience\": {\"sha256\": \"%s\", \"escalates\": [", e->sha256);
	for (size_t i = 0; i < e->n_entries; i++) {
		const mpr_experienced *x = &e->entries[i];
		mpr_buf_puts(b, i ? ",\n    " : "\n    ");
		key(b, "country", rs->countries[x->country].n.id, "{");
		key(b, "measure", rs->measures[x->measure].n.id, ", ");
		key(b, "attribute", rs->attributes[rs->mon.experience_attribute].n.id, ", ");
		key(b, "rule", rs->mon.experience_id, ", ");
		mpr_buf_puts(b, ", \"observations\": [");
		for (size_t k = 0; k < x->n_ids; k++) {
			mpr_buf_puts(b, k ? ", " : "");
			mpr_json_string(b, x->ids[k]);
		}
		mpr_buf_puts(b, "]}");
	}
	mpr_buf_puts(b, e->n_entries ? "\n  ]}" : "]}");
}

void mpr_json_monitoring(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	const mpr_ruleset *rs = m->rules;
	mpr_buf_printf(b, "{\n  \"format_version\": %d,\n  \"engine\": {\"name\": \"mprisk\", "
	                  "\"version\": \"%s\"},\n  ",
	               MPR_JSON_FORMAT_VERSION, mpr_version());
	mpr_buf_puts(b, "\"ruleset\": {");
	mpr_json_ruleset_members(b, rs); /* id, fingerprint, signature */
	mpr_buf_puts(b, "},\n  \"input\": ");
	key(b, "file", p->name, "{");
	key(b, "sha256", p->sha256, ", ");
	mpr_buf_puts(b, "},\n  \"observations\": [");
	for (size_t f = 0; f < m->n_files; f++) {
		key(b, "file", m->files[f]->name, f ? ", {" : "{");
		key(b, "sha256", m->files[f]->sha256, ", ");
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "],\n  ");
	key(b, "as_of", m->as_of_text, "");
	key(b, "partnership", p->id, ", ");
	key(b, "title", p->title, ", ");
	key(b, "status", mpr_mon_status_word(m->status), ", ");
	mpr_buf_printf(b, ",\n  \"rounds\": %zu, \"rounds_after_as_of\": %zu,\n  \"activities\": [",
	               m->n_rounds, m->n_later);
	for (size_t a = 0; a < p->n_activities; a++) {
		mpr_buf_puts(b, a ? ",\n" : "\n");
		activity(b, m, a);
	}
	mpr_buf_puts(b, p->n_activities ? "\n  ],\n  \"findings\": " : "],\n  \"findings\": ");
	items(b, m, m->first_partnership, m->n_items - m->first_partnership, "    ", "  ");
	mpr_buf_puts(b, ",\n  \"agreements\": [");
	for (size_t g = 0; g < p->n_agreements; g++) {
		mpr_buf_puts(b, g ? ",\n" : "\n");
		agreement(b, m, g);
	}
	mpr_buf_puts(b, p->n_agreements ? "\n  ]" : "]");
	experience(b, m);
	mpr_buf_puts(b, "\n}\n");
}
