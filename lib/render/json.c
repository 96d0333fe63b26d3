/*
 * json.c - every JSON document of the library but the diff's and the
 * decision record's: results (with remedies and the monitoring plan), one
 * decision (a --jsonl line), the matrix and an explanation. The keys are a
 * stable interface (docs/json-output.md, docs/schema/), marked by
 * format_version. What is printed was computed before (decide/): the
 * result, its remedies and plan, the grid of best decisions.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/text.h"

static const char *const remedy_kinds[] = {"impossible", "add-safeguard", "drop-attribute",
                                           "add-element", "set-frequency", "add-body",
                                           "add-local-body", "add-eu-party", "add-activity",
                                           "country-tier", "declare-beneficiary",
                                           "declare-nationals-only", "separate-humanitarian"};

static void json_str_field(mpr_buf *b, const char *key, const char *value, int comma)
{
	mpr_buf_printf(b, "%s\"%s\": ", comma ? ", " : "", key);
	if (value)
		mpr_buf_json_string(b, value);
	else
		mpr_buf_puts(b, "null");
}

void mpr_json_ruleset_members(mpr_buf *b, const mpr_ruleset *rs)
{
	json_str_field(b, "id", rs->id, 0);
	json_str_field(b, "fingerprint", rs->fingerprint, 1);
	mpr_json_ruleset_signature(b, rs);
}

void mpr_json_ruleset_signature(mpr_buf *b, const mpr_ruleset *rs)
{
	static const char *const status[] = {"unsigned", "signed", "invalid"};
	const mpr_rules_signature *sig = &rs->signature;
	mpr_buf_puts(b, ", \"signature\": {");
	json_str_field(b, "status", status[sig->status], 0);
	if (sig->status != MPR_SIGNATURE_NONE) {
		json_str_field(b, "key_id", sig->key_id, 1);
		json_str_field(b, "signed_at", sig->signed_at, 1);
	}
	if (sig->status == MPR_SIGNATURE_INVALID)
		json_str_field(b, "problem", sig->problem, 1);
	mpr_buf_puts(b, "}");
}

/* A set of safeguards as [{"id", "source"}, ...], the one representation
 * of a safeguard list in every JSON output (format_version 2): one object a
 * line under indent, or all on one line when indent is NULL. */
void mpr_json_safeguards(mpr_buf *b, const mpr_ruleset *rs, mpr_set set, const char *indent)
{
	mpr_buf_puts(b, "[");
	int first = 1;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			if (indent)
				mpr_buf_printf(b, "%s\n%s    {", first ? "" : ",", indent);
			else
				mpr_buf_puts(b, first ? "{" : ", {");
			json_str_field(b, "id", rs->safeguards[s].n.id, 0);
			json_str_field(b, "source", rs->safeguards[s].n.source, 1);
			mpr_buf_puts(b, "}");
			first = 0;
		}
	if (indent && !first) /* the closing line exactly as format_version 1 wrote it */
		mpr_buf_printf(b, "\n%s]  ", indent);
	else
		mpr_buf_puts(b, "]");
}

static void json_trace(mpr_buf *b, const mpr_step *steps, size_t n, const char *indent)
{
	mpr_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		mpr_buf_printf(b, "%s\n%s  {", i ? "," : "", indent);
		json_str_field(b, "rule", steps[i].rule, 0);
		json_str_field(b, "source", steps[i].source, 1);
		json_str_field(b, "effect", steps[i].effect, 1);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, n ? "\n]" : "]");
	if (n)
		mpr_buf_puts(b, indent);
}

static void remedy_json(mpr_buf *b, const mpr_result *r, const mpr_remedy *m, size_t i_activity)
{
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "{\"kind\": \"%s\"", remedy_kinds[m->kind]);
	const char *id = NULL;
	if (m->kind == MPR_REMEDY_ADD_SAFEGUARD)
		id = rs->safeguards[m->index].n.id;
	else if (m->kind == MPR_REMEDY_DROP_ATTRIBUTE)
		id = rs->attributes[m->index].n.id;
	else if (m->kind == MPR_REMEDY_ADD_ELEMENT)
		id = rs->elements[m->index].n.id;
	else if (m->kind == MPR_REMEDY_COUNTRY_TIER)
		id = rs->tiers[m->index];
	if (id) {
		mpr_buf_puts(b, ", \"id\": ");
		mpr_buf_json_string(b, id);
	}
	if (m->kind == MPR_REMEDY_SET_FREQUENCY)
		mpr_buf_printf(b, ", \"frequency_months\": %u", m->months);
	{
		mpr_buf text = {0};
		mpr_text_remedy(&text, r, m, i_activity);
		mpr_buf_puts(b, ", \"text\": ");
		mpr_buf_json_string(b, text.data ? text.data : "");
		if (text.failed)
			b->failed = 1;
		free(text.data);
	}
	mpr_buf_puts(b, "}");
}

/* A list of remedies; activity names the activity they are of (0 for a
 * finding's), which some sentences cite. */
static void json_remedies(mpr_buf *b, const mpr_result *r, const mpr_remedy *v, size_t n,
                          size_t activity)
{
	mpr_buf_puts(b, "[");
	for (size_t k = 0; k < n; k++) {
		if (k)
			mpr_buf_puts(b, ", ");
		remedy_json(b, r, &v[k], activity);
	}
	mpr_buf_puts(b, "]");
}

static void json_plan(mpr_buf *b, const mpr_result *r, const mpr_plan *p, const char *indent)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	mpr_buf_printf(b, "{\"frequency_months\": %u, \"level\": ", p->months);
	mpr_buf_json_string(b, rs->monitoring[p->level]);
	mpr_buf_puts(b, ", \"set_by\": ");
	mpr_buf_json_string(b, r->n_activities ? r->activities[p->pace_activity].id : "");
	if (pr->monitoring_months)
		mpr_buf_printf(b, ", \"declared_frequency_months\": %u", pr->monitoring_months);
	else
		mpr_buf_puts(b, ", \"declared_frequency_months\": null");
	mpr_buf_printf(b, ", \"independent_local_access_required\": %s,\n%s  \"bodies\": [",
	               p->local_needed ? "true" : "false", indent);
	for (size_t i = 0; i < pr->n_bodies; i++) {
		mpr_buf_printf(b, "%s{\"name\": ", i ? ", " : "");
		mpr_buf_json_string(b, pr->bodies[i].name);
		mpr_buf_printf(b, ", \"independent\": %s, \"local_access\": %s}",
		               pr->bodies[i].independent ? "true" : "false",
		               pr->bodies[i].local_access ? "true" : "false");
	}
	mpr_buf_puts(b, "],\n");
	mpr_buf_printf(b, "%s  \"suspension\": ", indent);
	mpr_buf_json_string(b, r->n_activities ? rs->suspension[p->suspension].id : "");
	mpr_buf_printf(b, ",\n%s  \"activities\": [", indent);
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		mpr_buf_printf(b, "%s\n%s    {\"id\": ", i ? "," : "", indent);
		mpr_buf_json_string(b, r->activities[i].id);
		mpr_buf_printf(b, ", \"frequency_months\": %u, \"monitor\": [", d->cell->months);
		for (size_t k = p->start[i]; k < p->start[i + 1]; k++) {
			const mpr_monitor_item *m = &rs->monitor_items[p->items[k]];
			mpr_buf_puts(b, k == p->start[i] ? "{" : ", {");
			json_str_field(b, "id", m->id, 0);
			json_str_field(b, "what", m->what, 1);
			json_str_field(b, "source", m->source, 1);
			mpr_buf_puts(b, "}");
		}
		mpr_buf_puts(b, "]}");
	}
	mpr_buf_puts(b, r->n_activities ? "\n  ]}" : "]}");
	if (r->n_activities)
		mpr_buf_puts(b, indent);
}

void mpr_json_decision(mpr_buf *b, const mpr_ruleset *rs, const char *id, const mpr_decision *d,
                       const char *indent, const mpr_result *r, const mpr_remedies *rem, size_t i,
                       int top)
{
	mpr_buf_printf(b, "{\n%s  ", indent);
	int comma = 0;
	if (top) {
		mpr_buf_printf(b, "\"format_version\": %d", MPR_JSON_FORMAT_VERSION);
		comma = 1;
	}
	if (id) {
		json_str_field(b, "id", id, comma);
		comma = 1;
	}
	json_str_field(b, "country", rs->countries[d->country].n.id, comma);
	json_str_field(b, "country_tier", rs->tiers[d->country_tier], 1);
	mpr_buf_printf(b, ",\n%s  ", indent);
	json_str_field(b, "measure", rs->measures[d->measure].n.id, 0);
	json_str_field(b, "measure_tier", rs->tiers[d->measure_tier], 1);
	json_str_field(b, "beneficiary",
	               d->beneficiary >= 0 ? rs->beneficiaries[d->beneficiary].n.id : NULL, 1);
	mpr_buf_printf(b, ",\n%s  ", indent);
	json_str_field(b, "verdict", mpr_verdict_word(d->verdict), 0);
	mpr_buf_printf(b, ", \"passes\": %s", mpr_decision_passes(d) ? "true" : "false");
	mpr_buf_printf(b, ",\n%s  \"monitoring\": {", indent);
	json_str_field(b, "level", rs->monitoring[d->cell->monitoring], 0);
	mpr_buf_printf(b, ", \"frequency_months\": %u}, ", d->cell->months);
	json_str_field(b, "suspension", rs->suspension[d->cell->suspension].id, 0);
	mpr_buf_printf(b, ",\n%s  \"required_safeguards\": ", indent);
	mpr_json_safeguards(b, rs, d->required, indent);
	mpr_buf_printf(b, ",\n%s  \"missing_safeguards\": ", indent);
	mpr_json_safeguards(b, rs, d->missing, indent);
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s  ", indent);
	if (rem) {
		size_t n;
		const mpr_remedy *list = mpr_remedies_span(rem, rem->activity, i, &n);
		mpr_buf_printf(b, ",\n%s  \"remedies\": ", indent);
		json_remedies(b, r, list, n, i);
	}
	mpr_buf_printf(b, ",\n%s  \"trace\": ", indent);
	json_trace(b, d->trace, d->n_trace, deeper);
	mpr_buf_printf(b, "\n%s}", indent);
}


/* A file name that is not UTF-8 (a file system takes any bytes): "file"
 * has U+FFFD for each byte that is not (mpr_buf_json_string), and
 * "file_bytes" the exact bytes, every one but A-Z a-z 0-9 - . _ ~ / as %HH
 * (RFC 3986's percent-encoding), so the name is kept whole in valid JSON. */
void mpr_json_file_bytes(mpr_buf *b, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	if (mpr_text_is_utf8(name, strlen(name)))
		return;
	mpr_buf_puts(b, ", \"file_bytes\": \"");
	for (const unsigned char *u = (const unsigned char *)name; *u; u++) {
		bool plain = (*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		             (*u >= '0' && *u <= '9') || strchr("-._~/", *u);
		char e[3] = {'%', hex[*u >> 4], hex[*u & 0xF]};
		mpr_buf_append(b, plain ? (const char *)u : e, plain ? 1 : 3);
	}
	mpr_buf_puts(b, "\"");
}

void mpr_json_result(mpr_buf *b, const mpr_result *r, const mpr_remedies *rem,
                     const mpr_plan *plan, const char *indent)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "{\n%s  \"format_version\": %d,\n%s  \"engine\": {\"name\": \"mprisk\", ",
	               indent, MPR_JSON_FORMAT_VERSION, indent);
	json_str_field(b, "version", mpr_version(), 0);
	mpr_buf_printf(b, "},\n%s  \"ruleset\": {", indent);
	mpr_json_ruleset_members(b, rs);
	mpr_buf_printf(b, "},\n%s  \"input\": {", indent);
	json_str_field(b, "file", p->name, 0);
	mpr_json_file_bytes(b, p->name);
	json_str_field(b, "sha256", p->sha256, 1);
	mpr_buf_printf(b, "},\n%s  \"partnership\": {", indent);
	json_str_field(b, "id", p->id, 0);
	json_str_field(b, "title", p->title, 1);
	json_str_field(b, "country", p->country >= 0 ? rs->countries[p->country].n.id : NULL, 1);
	mpr_buf_puts(b, ", \"elements\": [");
	for (size_t e = 0, first = 1; e < rs->n_elements; e++) {
		if (!(p->elements & ((mpr_set)1 << e)))
			continue;
		mpr_buf_printf(b, "%s{", first ? "" : ", ");
		json_str_field(b, "id", rs->elements[e].n.id, 0);
		if (rs->elements[e].detail)
			json_str_field(b, rs->elements[e].detail, p->element_detail[e], 1);
		mpr_buf_puts(b, "}");
		first = 0;
	}
	mpr_buf_printf(b, "]},\n%s  ", indent);
	json_str_field(b, "verdict", mpr_verdict_word(r->verdict), 0);
	mpr_buf_printf(b, ", \"passes\": %s,\n%s  \"activities\": [", r->passes ? "true" : "false",
	               indent);
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s    ", indent);
	for (size_t i = 0; i < r->n_activities; i++) {
		mpr_buf_printf(b, "%s\n%s", i ? "," : "", deeper);
		mpr_json_decision(b, rs, r->activities[i].id, &r->activities[i].d, deeper, r, rem, i, 0);
	}
	mpr_buf_printf(b, "\n%s  ],\n%s  \"findings\": [", indent, indent);
	for (size_t i = 0; i < r->n_findings; i++) {
		const mpr_prule *pr = r->findings[i];
		mpr_buf_printf(b, "%s\n%s    {", i ? "," : "", indent);
		json_str_field(b, "rule", pr->id, 0);
		json_str_field(b, "source", pr->source, 1);
		json_str_field(b, "message", pr->message, 1);
		json_str_field(b, "severity", mpr_verdict_word(pr->severity), 1);
		size_t n;
		const mpr_remedy *list = mpr_remedies_span(rem, rem->finding, i, &n);
		mpr_buf_puts(b, ", \"remedies\": ");
		json_remedies(b, r, list, n, 0);
		mpr_buf_puts(b, "}");
	}
	if (r->n_findings)
		mpr_buf_printf(b, "\n  %s", indent);
	mpr_buf_printf(b, "],\n%s  \"monitoring_plan\": ", indent);
	json_plan(b, r, plan, indent);
	mpr_buf_printf(b, "\n%s}", indent);
}

void mpr_json_matrix(mpr_buf *b, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	mpr_buf_printf(b, "{\n  \"format_version\": %d,\n  \"engine\": {\"name\": \"mprisk\", ",
	               MPR_JSON_FORMAT_VERSION);
	json_str_field(b, "version", mpr_version(), 0);
	mpr_buf_puts(b, "},\n  \"ruleset\": {");
	mpr_json_ruleset_members(b, rs);
	mpr_buf_puts(b, "},\n  \"tiers\": [");
	for (size_t t = 0; t < rs->n_tiers; t++) {
		if (t)
			mpr_buf_puts(b, ", ");
		mpr_buf_json_string(b, rs->tiers[t]);
	}
	mpr_buf_puts(b, "],\n  \"countries\": [");
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[i];
		mpr_buf_printf(b, "%s\n    {", i ? "," : "");
		json_str_field(b, "code", c->n.id, 0);
		json_str_field(b, "name", c->n.name, 1);
		json_str_field(b, "tier", rs->tiers[c->tier], 1);
		mpr_buf_printf(b, ", \"excluded\": %s, \"under_review\": %s, \"reasons\": ",
		               c->excluded ? "true" : "false", c->under_review ? "true" : "false");
		json_trace(b, c->reasons, c->n_reasons, "    ");
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "\n  ],\n  \"measures\": [");
	for (size_t i = 0; i < rs->n_measures; i++) {
		const mpr_measure *m = &rs->measures[i];
		mpr_buf_printf(b, "%s\n    {", i ? "," : "");
		json_str_field(b, "id", m->n.id, 0);
		json_str_field(b, "tier", rs->tiers[m->tier], 1);
		mpr_buf_printf(b, ", \"humanitarian\": %s}", m->humanitarian ? "true" : "false");
	}
	mpr_buf_puts(b, "\n  ],\n  \"decisions\": [");
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++) {
			const mpr_best *d = mpr_grid_at(g, c, m);
			mpr_buf_printf(b, "%s\n    {", c || m ? "," : "");
			json_str_field(b, "country", rs->countries[c].n.id, 0);
			json_str_field(b, "measure", rs->measures[m].n.id, 1);
			json_str_field(b, "verdict", mpr_verdict_word(d->verdict), 1);
			mpr_buf_puts(b, ", \"monitoring\": {");
			json_str_field(b, "level", rs->monitoring[d->cell->monitoring], 0);
			mpr_buf_printf(b, ", \"frequency_months\": %u}, \"required_safeguards\": ",
			               d->cell->months);
			mpr_json_safeguards(b, rs, d->required, NULL);
			mpr_buf_puts(b, "}");
		}
	mpr_buf_puts(b, "\n  ]\n}\n");
}

/* A value the rules may not know (below 0: null) after its key. */
static void json_number(mpr_buf *b, const char *key, double value, int decimals)
{
	mpr_buf_puts(b, key);
	if (value >= 0)
		mpr_buf_printf(b, "%.*f", decimals, value);
	else
		mpr_buf_puts(b, "null");
}

static void json_country(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *c)
{
	mpr_buf_puts(b, "{");
	json_str_field(b, "code", c->n.id, 0);
	json_str_field(b, "name", c->n.name, 1);
	json_str_field(b, "tier", rs->tiers[c->tier], 1);
	json_str_field(b, "base_tier", rs->tiers[c->base_tier], 1);
	mpr_buf_printf(b, ", \"excluded\": %s, \"under_review\": %s",
	               c->excluded ? "true" : "false", c->under_review ? "true" : "false");
	json_str_field(b, "assessed", c->assessed, 1);
	mpr_buf_printf(b, ", \"restricted_freedoms\": %s,\n    \"indicators\": {\"freedom_house\": {",
	               c->restricted_freedoms ? "true" : "false");
	json_str_field(b, "status",
	               c->fh_status >= 0 ? rs->classification.fh_status_names[c->fh_status] : NULL, 0);
	json_number(b, ", \"score\": ", c->fh_score, 0);
	mpr_buf_printf(b, ", \"edition\": %d", c->fh_edition);
	json_str_field(b, "source", c->fh_source, 1);
	mpr_buf_puts(b, "}, \"vdem\": {");
	json_number(b, "\"human_rights_index\": ", c->hri, 3);
	json_number(b, ", \"regime\": ", c->vdem_regime, 0);
	mpr_buf_printf(b, ", \"year\": %d", c->vdem_year);
	json_str_field(b, "version", c->vdem_version, 1);
	json_str_field(b, "source", c->vdem_source, 1);
	mpr_buf_puts(b, "}, \"treaties\": {");
	static const char *const keys[] = {"refugee_convention", "refugee_protocol", "cat", "iccpr"};
	for (int i = 0; i < MPR_TREATY_COUNT; i++) {
		mpr_buf_printf(b, "%s\"%s\": ", i ? ", " : "", keys[i]);
		if (c->treaty[i] == MPR_TREATY_UNKNOWN)
			mpr_buf_puts(b, "null");
		else if (c->treaty[i] == MPR_TREATY_NOT_PARTY)
			mpr_buf_puts(b, "false");
		else
			mpr_buf_printf(b, "%d", c->treaty[i]);
	}
	json_str_field(b, "source", c->treaty_source, 1);
	json_str_field(b, "refugee_source", c->refugee_source, 1);
	mpr_buf_puts(b, "}, \"state_authority\": ");
	if (c->state_authority_source) {
		json_number(b, "{\"percent\": ", c->state_authority, 3);
		mpr_buf_printf(b, ", \"year\": %d", c->state_authority_year);
		json_str_field(b, "version", c->state_authority_version, 1);
		json_str_field(b, "source", c->state_authority_source, 1);
		mpr_buf_puts(b, "}");
	} else {
		mpr_buf_puts(b, "null");
	}
	mpr_buf_puts(b, "},\n    \"reasons\": ");
	json_trace(b, c->reasons, c->n_reasons, "    ");
	mpr_buf_puts(b, "}");
}

void mpr_json_explain(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *co,
                      const mpr_decision *d)
{
	mpr_buf_printf(b, "{\n  \"format_version\": %d,\n  \"ruleset\": {", MPR_JSON_FORMAT_VERSION);
	mpr_json_ruleset_members(b, rs);
	mpr_buf_puts(b, "},\n  \"country\": ");
	json_country(b, rs, co);
	if (d) {
		mpr_buf_puts(b, ",\n  \"decision\": ");
		mpr_json_decision(b, rs, NULL, d, "  ", NULL, NULL, 0, 0);
	}
	mpr_buf_puts(b, "\n}\n");
}
