/*
 * catalogue.c - the ruleset's catalogue as one JSON document: everything a
 * form or another tool needs to build a valid proposal (mpr_render_catalogue).
 *
 * Countries with their tiers, measures with their tiers and what applies to
 * them (nationals_only, the default beneficiary), attributes, beneficiaries,
 * implementers, safeguards and partnership elements, each with its label (the ruleset's
 * `name`) and its source in the report. Everything is read from the loaded
 * ruleset; nothing is decided here (render stage). The web page of
 * `mprisk serve` builds its choices from it, so a label shown to an official
 * is the ruleset's own text.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/json.h"
#include "load/load.h"
#include "model.h"
#include "render/render.h"

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define BOOL(name, value) MPR_JW_BOOL(w, name, value)

/* id, name (the label) and source of a catalogue entry */
static void named(mpr_jw *w, const mpr_how *how, const mpr_named *n)
{
	STR("id", n->id);
	STR("name", rt(how, n->name));
	STR("source", rt(how, n->source));
}

static void countries(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	KEY("countries");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		mpr_json_country_members(w, how, rs, c);
		BOOL("eu_member", c->eu_member);
		STR("assessed", c->assessed);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static const char *transfers_name(int transfers)
{
	switch (transfers) {
	case MPR_TRANSFERS_ALWAYS: return "always";
	case MPR_TRANSFERS_UNLESS_NATIONALS: return "unless-nationals-only";
	default: return "none";
	}
}

static void measures(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	KEY("measures");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_measures; i++) {
		const mpr_measure *m = &rs->measures[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &m->n);
		STR("tier", rs->tiers[m->tier]);
		KEY("goal");
		mpr_jw_int(w, m->goal);
		BOOL("humanitarian", m->humanitarian);
		STR("transfers", transfers_name(m->transfers));
		BOOL("nationals_only_applies", m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS);
		BOOL("evacuated_from_applies", m->evacuation_tier >= 0);
		STR("default_beneficiary", m->default_beneficiary >= 0
		                               ? rs->beneficiaries[m->default_beneficiary].n.id
		                               : NULL);
		KEY("requires");
		mpr_json_safeguards(w, how, rs, m->requires, MPR_JW_INLINE);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void attributes(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	KEY("attributes");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_attributes; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &rs->attributes[i].n);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void beneficiaries(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	KEY("beneficiaries");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_beneficiaries; i++) {
		const mpr_beneficiary *be = &rs->beneficiaries[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &be->n);
		BOOL("delivers_to_migrants", be->delivers_to_migrants);
		STR("carries", be->carries >= 0 ? rs->measures[be->carries].n.id : NULL);
		/* the one a proposal cannot declare: what is assumed without one */
		BOOL("assumed_when_undeclared", be->assumed_tiers != 0);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	KEY("implementers");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_implementers; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &rs->implementers[i].n);
		BOOL("independent", rs->implementers[i].independent);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void safeguards(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	KEY("safeguards");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_safeguards; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &rs->safeguards[i].n);
		STR("elements", rs->safeguards[i].elements);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void elements(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rs)
{
	KEY("partnership_elements");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < rs->n_elements; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &rs->elements[i].n);
		STR("detail", rs->elements[i].detail);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

/* format_version, engine, ruleset, tiers, verdicts and the frequency's bounds */
static void head(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rules)
{
	KEY("format_version");
	mpr_jw_int(w, MPR_JSON_FORMAT_VERSION);
	mpr_json_engine(w);
	STR("language", how->lang ? how->lang->code : "en");
	KEY("ruleset");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("id", rules->id);
	STR("title", rt(how, rules->title));
	STR("fingerprint", rules->fingerprint);
	mpr_json_ruleset_signature(w, rules);
	mpr_jw_end(w);
	KEY("tiers");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t t = 0; t < rules->n_tiers; t++)
		mpr_jw_string(w, rules->tiers[t]);
	mpr_jw_end(w);
	KEY("tier_names"); /* the tiers' names in the language; the ids above never change */
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t t = 0; t < rules->n_tiers; t++)
		mpr_jw_string(w, rt(how, rules->tiers[t]));
	mpr_jw_end(w);
	KEY("monitoring_levels");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t l = 0; l < rules->n_monitoring; l++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("id", rules->monitoring[l]);
		STR("name", rt(how, rules->monitoring[l]));
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	KEY("suspension_levels");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t l = 0; l < rules->n_suspension; l++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		named(w, how, &rules->suspension[l]);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	KEY("verdicts");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (int v = MPR_PERMITTED; v <= MPR_PROHIBITED; v++)
		mpr_jw_string(w, mpr_verdict_name((mpr_verdict)v));
	mpr_jw_end(w);
	KEY("monitoring_frequency_months");
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("min");
	mpr_jw_int(w, 1);
	KEY("max");
	mpr_jw_int(w, 120);
	mpr_jw_end(w);
}

int mpr_render_catalogue(const mpr_ruleset *rules, char **out, size_t *len, mpr_error *err)
{
	return mpr_render_catalogue_v2(rules, NULL, out, len, err);
}

int mpr_render_catalogue_v2(const mpr_ruleset *rules, const mpr_render_options *opts, char **out,
                            size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rules || !out || (opts && opts->version != MPR_RENDER_OPTIONS_VERSION))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_catalogue: invalid arguments");
	*out = NULL;
	mpr_how how_ = {.explain = MPR_EXPLAIN_FULL};
	const mpr_how *how = &how_;
	const char *code = opts && opts->lang ? opts->lang : "en";
	if (!(how_.lang = mpr_ruleset_lang(rules, code)))
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
		                "the texts of ruleset %s cannot be written in '%s'", rules->id, code);
	mpr_buf b = {0};
	mpr_jw jw;
	mpr_jw *w = &jw;
	mpr_jw_init(w, &b, true);
	mpr_jw_object(w, MPR_JW_BLOCK);
	head(w, how, rules);
	countries(w, how, rules);
	measures(w, how, rules);
	attributes(w, how, rules);
	beneficiaries(w, how, rules);
	safeguards(w, how, rules);
	elements(w, how, rules);
	mpr_jw_end(w);
	mpr_buf_append(&b, "\n", 1);
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering the catalogue") : MPR_OK;
}
