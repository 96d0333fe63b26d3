/*
 * lint.c - warnings on a loaded ruleset that loads (mpr_lint_v2): country
 * assessments and context evidence older than their limits, safeguards no
 * rule requires, attributes no rule reads, measures and countries the rule
 * tests never exercised; errors for data the rules cannot decide on as
 * written (an unknown treaty status counts as not a party, F1); notes for
 * unknown values the classification already counts towards higher risk,
 * and for every partnership rule a proposer's declaration can lift (a claim
 * no rule can check, which an auditor should know is there); errors for a
 * rule text a translation file of the ruleset leaves out (it would be
 * printed in English in a text of that language).
 * One line per finding, "FILE:LINE:COL: error|warning|note: ...", in the
 * language asked for (mpr_lint_v3); the class words, places, ids and the
 * keys of the rule files are the format's and stay as they are.
 */
#include <string.h>

#include "audit/audit.h"
#include "input/schema.h"
#include "load/load.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "util/i18n.h"

static long months_between(const char *from, const char *to)
{
	long day1, day2;
	int y1, m1, d1, y2, m2, d2;
	if (!mpr_date_parse(from, &day1) || !mpr_date_parse(to, &day2))
		return 0;
	mpr_date_civil(day1, &y1, &m1, &d1);
	mpr_date_civil(day2, &y2, &m2, &d2);
	long months = (long)(y2 - y1) * 12 + (m2 - m1);
	if (d2 < d1)
		months--;
	return months;
}

/* One country: stale assessment and evidence (warnings), a treaty status
 * the classification cannot read (errors) and unknown values (notes). */
static void lint_country(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs,
                         const mpr_country *c, const char *today, mpr_lint_counts *count)
{
	long age = months_between(c->assessed, today);
	if (age > (long)rs->staleness_months) {
		mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: warning: the assessment of %s is dated %s, %ld months "
		                  "before %s (staleness_months: %u)\n"),
		               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id, c->assessed, age,
		               today, rs->staleness_months);
		count->warnings++;
	}
	/* unknown values are reported, not warned about: they are a state of
	 * the data, counted as the classification says (docs/countries.md) */
	const mpr_classification *cl = &rs->classification;
	const char *missing = mpr_rule_text(lang, rs->tiers[cl->missing_tier]);
	if (c->fh_status < 0 && ++count->notes)
		mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: note: %s: Freedom House status unknown, counts as %s\n"),
		               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id, missing);
	if (c->hri < 0 && ++count->notes)
		mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: note: %s: V-Dem human rights index unknown, counts as %s\n"),
		               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id, missing);
	if (c->under_review && ++count->notes)
		mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: note: %s: state authority over territory %.1f%% is below "
		                  "the review threshold %.1f%%: it is in the top tier until a reviewer "
		                  "decides whether migrants' rights can be guaranteed there (F2); an "
		                  "exclusion needs an explicit 'excluded' entry with its evidence\n"),
		               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id, c->state_authority,
		               cl->state_authority_review_below);
	if (cl->functioning_state_source && c->state_authority < 0 && !c->excluded && ++count->notes)
		mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: note: %s: state authority over territory unknown: the "
		                  "country is not excluded on it (F2)\n"),
		               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id);
	for (size_t t = 0; t < cl->n_treaty_rules; t++)
		if (c->treaty[cl->treaty_rules[t].treaty] == MPR_TREATY_UNKNOWN && ++count->errors)
			mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: error: %s: status under %s unknown: it counts as "
			                  "not a party until it is sourced (F1)\n"),
			               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id,
			               cl->treaty_rules[t].id);
	for (size_t k = 0; k < c->n_context; k++) {
		const mpr_context *f = &c->context[k];
		age = months_between(f->date, today);
		if (age > (long)f->max_age_months) {
			mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: warning: the evidence of context factor %s of %s is "
			                  "dated %s, %ld months before %s (max_age_months: %u)\n"),
			               f->at.file, f->at.line, f->at.column, f->id, c->n.id, f->date, age,
			               today, f->max_age_months);
			count->warnings++;
		}
	}
}

/* Safeguards nothing requires, attributes nothing reads. */
static void lint_unused(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs,
                        mpr_lint_counts *count)
{
	mpr_set required = 0, attrs_used = 0;
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++)
			required |= rs->cells[ct][mt].safeguards;
	for (size_t i = 0; i < rs->n_measures; i++)
		required |= rs->measures[i].requires;
	for (size_t i = 0; i < rs->n_escalations; i++) {
		required |= rs->escalations[i].requires;
		if (rs->escalations[i].attribute >= 0) /* -1: a context-only escalation */
			attrs_used |= (mpr_set)1 << rs->escalations[i].attribute;
	}
	for (size_t i = 0; i < rs->n_floor; i++) {
		required |= rs->floor[i].lacks_any;
		attrs_used |= rs->floor[i].any_attribute;
	}
	for (size_t s = 0; s < rs->n_safeguards; s++) {
		const mpr_named *e = &rs->safeguards[s].n;
		if (!(required & ((mpr_set)1 << s)) && ++count->warnings)
			mpr_buf_printf(b,
			               mpr_tr(lang, "%s:%u:%u: warning: safeguard %s is required by no "
			                            "cell, measure, escalation or floor rule\n"),
			               e->at.file, e->at.line, e->at.column, e->id);
	}
	for (size_t a = 0; a < rs->n_attributes; a++) {
		const mpr_named *e = &rs->attributes[a].n;
		if (!(attrs_used & ((mpr_set)1 << a)) && ++count->warnings)
			mpr_buf_printf(b,
			               mpr_tr(lang, "%s:%u:%u: warning: attribute %s is used by no "
			                            "escalation or floor rule, so declaring it changes "
			                            "nothing\n"),
			               e->at.file, e->at.line, e->at.column, e->id);
	}
}

/* The partnership rules a declaration lifts (lifted_by): a note each,
 * naming what lifts it, since a reviewer of the rules must know that a
 * proposal's claim, not a fact the rules check, turns them off. */
static void lint_lifts(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs,
                       mpr_lint_counts *count)
{
	for (size_t i = 0; i < rs->n_prules; i++) {
		const mpr_prule *pr = &rs->prules[i];
		if (!pr->lift_declares)
			continue;
		mpr_buf_printf(b,
		               mpr_tr(lang, "%s:%u:%u: note: partnership rule %s (%s) is lifted when a "
		                            "proposal declares"),
		               pr->at.file, pr->at.line, pr->at.column, pr->id,
		               mpr_verdict_word(pr->severity));
		for (size_t e = 0; e < rs->n_elements; e++)
			if (pr->lift_declares & ((mpr_set)1 << e))
				mpr_buf_printf(b, " %s", rs->elements[e].n.id);
		if (pr->lift_evacuations_only == 1)
			mpr_buf_puts(b, mpr_tr(lang, " and every activity in an excluded country is the "
			                             "evacuation a hub of the proposal names"));
		mpr_buf_printf(b, "%s\n", mpr_tr(lang, ": a claim no rule checks; every output and the "
		                                      "decision record show each lift"));
		count->notes++;
	}
}

/* Measures and countries no rule test exercises. */
static void lint_untested(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs,
                          const mpr_coverage *tested, mpr_lint_counts *count)
{
	for (size_t i = 0; tested && i < rs->n_entries; i++) {
		const mpr_entry *e = &rs->entries[i];
		if (tested->hits[i] || (e->kind != MPR_ENTRY_MEASURE && e->kind != MPR_ENTRY_COUNTRY))
			continue;
		if (e->kind == MPR_ENTRY_MEASURE)
			mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: warning: no rule test exercises measure %s\n"),
			               e->at.file, e->at.line, e->at.column, e->id);
		else
			mpr_buf_printf(b, mpr_tr(lang, "%s:%u:%u: warning: no rule test exercises country %s\n"),
			               e->at.file, e->at.line, e->at.column, e->id);
		count->warnings++;
	}
}

typedef struct untranslated {
	mpr_buf *b;
	const mpr_lang *lang; /* the translation checked */
	const mpr_lang *says; /* the language of the lines */
	mpr_lint_counts *count;
} untranslated;

static bool check_text(void *ctx, const mpr_text_ref *t)
{
	untranslated *u = ctx;
	if (mpr_rule_text(u->lang, t->text) != t->text)
		return true;
	const mpr_place *at = t->at.file && *t->at.file ? &t->at : NULL;
	mpr_buf_printf(u->b, "%s:%u:%u: error: %s: %s: %s", at ? at->file : u->lang->file,
	               at ? at->line : 1, at ? at->column : 1, t->section, t->id, t->field);
	if (!strcmp(t->field, "notes"))
		mpr_buf_printf(u->b, "[%zu]", t->index);
	mpr_buf_printf(u->b, mpr_tr(u->says, " has no translation into '%s' in %s\n"), u->lang->code,
	               u->lang->file);
	u->count->errors++;
	return true;
}

/* Every rule text each translation of the ruleset leaves out: an error,
 * since it would be printed in English in that language. */
static void lint_translations(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs,
                              mpr_lint_counts *count)
{
	for (size_t i = 1; i < rs->n_langs; i++) {
		untranslated u = {b, &rs->langs[i], lang, count};
		mpr_rule_texts(rs, check_text, &u);
	}
}

int mpr_lint(const mpr_ruleset *rs, const char *today, const mpr_coverage *tested, char **out,
             size_t *len, size_t *warnings, mpr_error *err)
{
	mpr_lint_counts k = {0, 0, 0};
	int rc = mpr_lint_v2(rs, today, tested, out, len, &k, err);
	if (rc == MPR_OK && warnings)
		*warnings = k.errors + k.warnings;
	return rc;
}

int mpr_lint_v2(const mpr_ruleset *rs, const char *today, const mpr_coverage *tested, char **out,
                size_t *len, mpr_lint_counts *counts, mpr_error *err)
{
	return mpr_lint_v3(rs, today, tested, NULL, out, len, counts, err);
}

int mpr_lint_v3(const mpr_ruleset *rs, const char *today, const mpr_coverage *tested,
                const char *lang_code, char **out, size_t *len, mpr_lint_counts *counts,
                mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !today || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_lint: invalid arguments");
	*out = NULL;
	const mpr_lang *lang = mpr_ruleset_lang(rs, lang_code ? lang_code : "en");
	if (!lang)
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
		                "the texts of ruleset %s cannot be written in '%s'", rs->id, lang_code);
	long day;
	if (!mpr_date_parse(today, &day))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "today must be a date YYYY-MM-DD, got '%s'", today);
	if (tested && tested->rules != rs)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "coverage belongs to another ruleset");
	mpr_buf b = {0};
	mpr_lint_counts k = {0, 0, 0};
	for (size_t i = 0; i < rs->n_countries; i++)
		lint_country(&b, lang, rs, &rs->countries[i], today, &k);
	lint_unused(&b, lang, rs, &k);
	lint_lifts(&b, lang, rs, &k);
	lint_untested(&b, lang, rs, tested, &k);
	lint_translations(&b, lang, rs, &k);
	if (counts)
		*counts = k;
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
