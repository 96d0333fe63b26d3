/*
 * catalogue.c - the ruleset's catalogue as one JSON document: everything a
 * form or another tool needs to build a valid proposal (mpr_render_catalogue).
 *
 * Countries with their tiers, measures with their tiers and what applies to
 * them (nationals_only, the default beneficiary), attributes, beneficiaries,
 * safeguards and partnership elements, each with its label (the ruleset's
 * `name`) and its source in the report. Everything is read from the loaded
 * ruleset; nothing is decided here (render stage). The web page of
 * `mprisk serve` builds its choices from it, so a label shown to an official
 * is the ruleset's own text.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "model.h"
#include "render/render.h"

static void str_field(mpr_buf *b, const char *key, const char *value, int comma)
{
	mpr_buf_printf(b, "%s\"%s\": ", comma ? ", " : "", key);
	if (value)
		mpr_buf_json_string(b, value);
	else
		mpr_buf_puts(b, "null");
}

static void bool_field(mpr_buf *b, const char *key, int value)
{
	mpr_buf_printf(b, ", \"%s\": %s", key, value ? "true" : "false");
}

/* id, name (the label) and source of a catalogue entry */
static void named(mpr_buf *b, const mpr_named *n)
{
	str_field(b, "id", n->id, 0);
	str_field(b, "name", n->name, 1);
	str_field(b, "source", n->source, 1);
}

static void open_list(mpr_buf *b, const char *key, size_t i)
{
	if (i == 0)
		mpr_buf_printf(b, ",\n  \"%s\": [\n    {", key);
	else
		mpr_buf_puts(b, ",\n    {");
}

static void close_list(mpr_buf *b, const char *key, size_t n)
{
	if (n == 0)
		mpr_buf_printf(b, ",\n  \"%s\": []", key);
	else
		mpr_buf_puts(b, "\n  ]");
}

static void countries(mpr_buf *b, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[i];
		open_list(b, "countries", i);
		str_field(b, "code", c->n.id, 0);
		str_field(b, "name", c->n.name, 1);
		str_field(b, "tier", rs->tiers[c->tier], 1);
		str_field(b, "base_tier", rs->tiers[c->base_tier], 1);
		bool_field(b, "excluded", c->excluded != NULL);
		bool_field(b, "under_review", c->under_review);
		bool_field(b, "eu_member", c->eu_member);
		str_field(b, "assessed", c->assessed, 1);
		mpr_buf_puts(b, "}");
	}
	close_list(b, "countries", rs->n_countries);
}

static const char *transfers_name(int transfers)
{
	switch (transfers) {
	case MPR_TRANSFERS_ALWAYS: return "always";
	case MPR_TRANSFERS_UNLESS_NATIONALS: return "unless-nationals-only";
	default: return "none";
	}
}

static void measures(mpr_buf *b, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_measures; i++) {
		const mpr_measure *m = &rs->measures[i];
		open_list(b, "measures", i);
		named(b, &m->n);
		str_field(b, "tier", rs->tiers[m->tier], 1);
		mpr_buf_printf(b, ", \"goal\": %d", m->goal);
		bool_field(b, "humanitarian", m->humanitarian);
		str_field(b, "transfers", transfers_name(m->transfers), 1);
		bool_field(b, "nationals_only_applies", m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS);
		bool_field(b, "evacuated_from_applies", m->evacuation_tier >= 0);
		str_field(b, "default_beneficiary",
		          m->default_beneficiary >= 0 ? rs->beneficiaries[m->default_beneficiary].n.id
		                                      : NULL,
		          1);
		mpr_buf_puts(b, ", \"requires\": ");
		mpr_json_safeguards(b, rs, m->requires, NULL);
		mpr_buf_puts(b, "}");
	}
	close_list(b, "measures", rs->n_measures);
}

static void attributes(mpr_buf *b, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_attributes; i++) {
		open_list(b, "attributes", i);
		named(b, &rs->attributes[i].n);
		mpr_buf_puts(b, "}");
	}
	close_list(b, "attributes", rs->n_attributes);
}

static void beneficiaries(mpr_buf *b, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_beneficiaries; i++) {
		const mpr_beneficiary *be = &rs->beneficiaries[i];
		open_list(b, "beneficiaries", i);
		named(b, &be->n);
		bool_field(b, "delivers_to_migrants", be->delivers_to_migrants);
		str_field(b, "carries", be->carries >= 0 ? rs->measures[be->carries].n.id : NULL, 1);
		mpr_buf_puts(b, "}");
	}
	close_list(b, "beneficiaries", rs->n_beneficiaries);
}

static void safeguards(mpr_buf *b, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_safeguards; i++) {
		open_list(b, "safeguards", i);
		named(b, &rs->safeguards[i].n);
		str_field(b, "elements", rs->safeguards[i].elements, 1);
		mpr_buf_puts(b, "}");
	}
	close_list(b, "safeguards", rs->n_safeguards);
}

static void elements(mpr_buf *b, const mpr_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_elements; i++) {
		open_list(b, "partnership_elements", i);
		named(b, &rs->elements[i].n);
		str_field(b, "detail", rs->elements[i].detail, 1);
		mpr_buf_puts(b, "}");
	}
	close_list(b, "partnership_elements", rs->n_elements);
}

int mpr_render_catalogue(const mpr_ruleset *rules, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rules || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_catalogue: invalid arguments");
	*out = NULL;
	mpr_buf b = {0};
	mpr_buf_printf(&b, "{\n  \"format_version\": %d,\n  \"engine\": {\"name\": \"mprisk\", ",
	               MPR_JSON_FORMAT_VERSION);
	str_field(&b, "version", mpr_version(), 0);
	mpr_buf_puts(&b, "},\n  \"ruleset\": {");
	str_field(&b, "id", rules->id, 0);
	str_field(&b, "title", rules->title, 1);
	str_field(&b, "fingerprint", rules->fingerprint, 1);
	mpr_json_ruleset_signature(&b, rules);
	mpr_buf_puts(&b, "},\n  \"tiers\": [");
	for (size_t t = 0; t < rules->n_tiers; t++) {
		mpr_buf_puts(&b, t ? ", " : "");
		mpr_buf_json_string(&b, rules->tiers[t]);
	}
	mpr_buf_puts(&b, "],\n  \"verdicts\": [");
	for (int v = MPR_PERMITTED; v <= MPR_PROHIBITED; v++) {
		mpr_buf_puts(&b, v ? ", " : "");
		mpr_buf_json_string(&b, mpr_verdict_name((mpr_verdict)v));
	}
	mpr_buf_puts(&b, "],\n  \"monitoring_frequency_months\": {\"min\": 1, \"max\": 120}");
	countries(&b, rules);
	measures(&b, rules);
	attributes(&b, rules);
	beneficiaries(&b, rules);
	safeguards(&b, rules);
	elements(&b, rules);
	mpr_buf_puts(&b, "\n}\n");
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering the catalogue") : MPR_OK;
}
