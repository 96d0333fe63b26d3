/*
 * json_rules.c - the JSON of what the rules say, with no proposal: the
 * matrix of best decisions (mprisk matrix --format json) and a country
 * with, when a measure is asked for, its decision and the declarations that
 * would change it (mprisk explain --format json). Keys: docs/json-output.md;
 * schemas: docs/schema/. What is printed was computed before (decide/grid.c,
 * decide/query.c); the members shared with results are json.c's.
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

static void matrix_countries(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[i];
		mpr_jw_object(w, MPR_JW_BLOCK);
		STR("code", c->n.id);
		STR("name", rt(how, c->n.name));
		STR("tier", rs->tiers[c->tier]);
		BOOL("excluded", c->excluded != NULL);
		BOOL("under_review", c->under_review);
		KEY("reasons");
		mpr_json_trace(w, how, c->reasons, c->n_reasons);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void matrix_decisions(mpr_jw *w, const mpr_how *how, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++) {
			const mpr_best *d = mpr_grid_at(g, c, m);
			mpr_jw_object(w, MPR_JW_INLINE);
			STR("country", rs->countries[c].n.id);
			STR("measure", rs->measures[m].n.id);
			STR("verdict", mpr_verdict_word(d->verdict));
			mpr_json_cell_monitoring(w, rs, d->cell);
			KEY("required_safeguards");
			mpr_json_safeguards(w, how, rs, d->required, MPR_JW_INLINE);
			mpr_jw_end(w);
		}
	mpr_jw_end(w);
}

void mpr_json_matrix(mpr_jw *w, const mpr_how *how, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	mpr_jw_object(w, MPR_JW_BLOCK);
	UINT("format_version", MPR_JSON_FORMAT_VERSION);
	mpr_json_engine(w);
	mpr_json_ruleset(w, rs);
	KEY("tiers");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t t = 0; t < rs->n_tiers; t++)
		mpr_jw_string(w, rs->tiers[t]);
	mpr_jw_end(w);
	KEY("countries");
	matrix_countries(w, how, rs);
	KEY("measures");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_measures; i++) {
		const mpr_measure *m = &rs->measures[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("id", m->n.id);
		STR("tier", rs->tiers[m->tier]);
		BOOL("humanitarian", m->humanitarian);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	KEY("decisions");
	matrix_decisions(w, how, g);
	mpr_jw_end(w);
}

/* A value the rules may not know (below 0: null). */
static void json_number(mpr_jw *w, double value, int decimals)
{
	if (value >= 0)
		mpr_jw_fixed(w, value, decimals);
	else
		mpr_jw_null(w);
}

/* The last members of a dataset's values, and its end: year, version, source. */
static void year_version_source(mpr_jw *w, int year, const char *version, const char *source)
{
	KEY("year");
	mpr_jw_int(w, year);
	STR("version", version);
	STR("source", source);
	mpr_jw_end(w);
}

static void json_indices(mpr_jw *w, const mpr_ruleset *rs, const mpr_country *c)
{
	KEY("freedom_house");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("status", c->fh_status >= 0 ? rs->classification.fh_status_names[c->fh_status] : NULL);
	KEY("score");
	json_number(w, c->fh_score, 0);
	KEY("edition");
	mpr_jw_int(w, c->fh_edition);
	STR("source", c->fh_source);
	mpr_jw_end(w);
	KEY("vdem");
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("human_rights_index");
	json_number(w, c->hri, 3);
	KEY("regime");
	json_number(w, c->vdem_regime, 0);
	year_version_source(w, c->vdem_year, c->vdem_version, c->vdem_source);
}

static void json_treaties(mpr_jw *w, const mpr_country *c)
{
	static const char *const keys[] = {"refugee_convention", "refugee_protocol", "cat", "iccpr"};
	KEY("treaties");
	mpr_jw_object(w, MPR_JW_INLINE);
	for (int i = 0; i < MPR_TREATY_COUNT; i++) {
		mpr_jw_key(w, keys[i]);
		if (c->treaty[i] == MPR_TREATY_UNKNOWN)
			mpr_jw_null(w);
		else if (c->treaty[i] == MPR_TREATY_NOT_PARTY)
			mpr_jw_bool(w, false);
		else
			mpr_jw_int(w, c->treaty[i]);
	}
	STR("source", c->treaty_source);
	STR("refugee_source", c->refugee_source);
	mpr_jw_end(w);
	KEY("state_authority");
	if (!c->state_authority_source) {
		mpr_jw_null(w);
		return;
	}
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("percent");
	json_number(w, c->state_authority, 3);
	year_version_source(w, c->state_authority_year, c->state_authority_version,
	                    c->state_authority_source);
}

static void json_country(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs,
                         const mpr_country *c)
{
	mpr_jw_object(w, MPR_JW_BLOCK);
	mpr_json_country_members(w, how, rs, c);
	STR("assessed", c->assessed);
	BOOL("restricted_freedoms", c->restricted_freedoms);
	KEY("indicators");
	mpr_jw_object(w, MPR_JW_BLOCK);
	json_indices(w, rs, c);
	json_treaties(w, c);
	mpr_jw_end(w);
	KEY("reasons");
	mpr_json_trace(w, how, c->reasons, c->n_reasons);
	mpr_jw_end(w);
}

/* What the explained activity declares besides its country and measure. */
static void json_declared(mpr_jw *w, const mpr_ruleset *rs, const mpr_substance *s)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("beneficiary", s->beneficiary >= 0 ? rs->beneficiaries[s->beneficiary].n.id : NULL);
	STR("implementer", s->implementer >= 0 ? rs->implementers[s->implementer].n.id : NULL);
	BOOL("nationals_only", s->nationals_only);
	STR("evacuated_from", s->evacuated_from >= 0 ? rs->countries[s->evacuated_from].n.id : NULL);
	mpr_jw_end(w);
}

/* What declaring one more field would make of the decision. */
static void json_alternatives(mpr_jw *w, const mpr_ruleset *rs, const mpr_explanation *e)
{
	static const char *const fields[] = {"nationals_only", "beneficiary", "implementer",
	                                     "evacuation"};
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < e->n_alternatives; i++) {
		const mpr_alternative *a = &e->alternatives[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("field", fields[a->field]);
		STR("beneficiary", a->beneficiary >= 0 ? rs->beneficiaries[a->beneficiary].n.id : NULL);
		STR("implementer", a->implementer >= 0 ? rs->implementers[a->implementer].n.id : NULL);
		BOOL("nationals_only", a->nationals_only);
		STR("evacuated_from", a->evacuated_from >= 0 ? rs->countries[a->evacuated_from].n.id : NULL);
		STR("verdict", mpr_verdict_word(a->verdict));
		STR("measure_tier", rs->tiers[a->measure_tier]);
		STR("country", rs->countries[a->country].n.id);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

void mpr_json_explain(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs,
                      const mpr_explanation *e)
{
	mpr_jw_object(w, MPR_JW_BLOCK);
	UINT("format_version", MPR_JSON_FORMAT_VERSION);
	mpr_json_ruleset(w, rs);
	KEY("country");
	json_country(w, how, rs, e->country);
	if (e->decided) {
		KEY("declared");
		json_declared(w, rs, &e->activity);
		KEY("decision");
		mpr_json_decision(w, how, rs, NULL, &e->decision, NULL, NULL, 0, 0);
		KEY("alternatives");
		json_alternatives(w, rs, e);
	}
	mpr_jw_end(w);
}
