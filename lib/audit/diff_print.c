/*
 * diff_print.c - the impact diff (diff.c computes it) as text for the
 * reviewer of a rule change, one line per affected country x measure with
 * its most telling scenario and whether a loosening is justified, and as
 * JSON listing every changed decision (docs/json-output.md). mpr_diff, the
 * entry point, computes and then prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/diff.h"
#include "load/load.h"
#include "render/render.h"
#include "util/error.h"

/* Safeguard ids of a set, comma-separated. */
static void safeguard_ids(mpr_buf *b, const mpr_ruleset *rs, mpr_set set)
{
	const char *sep = "";
	for (size_t i = 0; i < rs->n_safeguards; i++)
		if (set & ((mpr_set)1 << i)) {
			mpr_buf_printf(b, "%s%s", sep, rs->safeguards[i].n.id);
			sep = ", ";
		}
}

/* One line per affected country x measure: the change in its most telling
 * scenario (no attribute, required safeguards declared, when it changed),
 * and in how many of the scenarios compared a change occurred. */
static void text_group(mpr_buf *b, const mpr_ruleset *old, const mpr_ruleset *new,
                       const diff_change *g, size_t n, size_t n_scenarios)
{
	const diff_change *ch = &g[0];
	int loose = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].declared && !g[i].scenario)
			ch = &g[i];
		loose |= g[i].loosening;
	}
	const diff_change *why = ch;
	for (size_t i = 0; loose && !why->loosening && i < n; i++)
		if (g[i].loosening)
			why = &g[i];
	mpr_buf_printf(b, "  %-10s %s x %s:", loose ? "LOOSENING" : "tightening",
	               new->countries[ch->nc].n.id, new->measures[ch->nm].n.id);
	const char *sep = " ";
	if (ch->ov != ch->nv) {
		mpr_buf_printf(b, "%s%s -> %s", sep, mpr_verdict_word(ch->ov), mpr_verdict_word(ch->nv));
		sep = "; ";
	}
	if (ch->octier != ch->nctier) {
		mpr_buf_printf(b, "%scountry tier %s -> %s", sep, old->tiers[ch->octier],
		               new->tiers[ch->nctier]);
		sep = "; ";
	}
	if (ch->omtier != ch->nmtier) {
		mpr_buf_printf(b, "%smeasure tier %s -> %s", sep, old->tiers[ch->omtier],
		               new->tiers[ch->nmtier]);
		sep = "; ";
	}
	if (ch->omonths != ch->nmonths ||
	    strcmp(old->monitoring[ch->olevel], new->monitoring[ch->nlevel]) != 0) {
		mpr_buf_printf(b, "%smonitoring %s every %u -> %s every %u months", sep,
		               old->monitoring[ch->olevel], ch->omonths, new->monitoring[ch->nlevel],
		               ch->nmonths);
		sep = "; ";
	}
	if (strcmp(old->suspension[ch->osusp].id, new->suspension[ch->nsusp].id) != 0) {
		mpr_buf_printf(b, "%ssuspension %s -> %s", sep, old->suspension[ch->osusp].id,
		               new->suspension[ch->nsusp].id);
		sep = "; ";
	}
	if (ch->added) {
		mpr_buf_printf(b, "%s+ ", sep);
		safeguard_ids(b, new, ch->added);
		sep = "; ";
	}
	if (ch->removed) {
		mpr_buf_printf(b, "%s- ", sep);
		safeguard_ids(b, old, ch->removed);
	}
	mpr_buf_printf(b, " (%s%s%s%s, %s; changed in %zu of %zu scenarios)\n",
	               ch->scenario ? (ch->scenario_beneficiary ? "beneficiary " : "") : "",
	               ch->scenario ? ch->scenario : "no attribute",
	               ch->scenario_implementer ? " by " : "",
	               ch->scenario_implementer ? ch->scenario_implementer : "",
	               ch->declared ? "required safeguards declared" : "nothing declared", n,
	               n_scenarios);
	if (!loose)
		return;
	diff_print_why(b, "decision", why->justified_by, why->why_new, why->n_why_new, why->why_old,
	               why->n_why_old);
}

void diff_print_why(mpr_buf *b, const char *what, const mpr_entry *justified_by,
                    const mpr_entry *const *why_new, size_t n_new,
                    const mpr_entry *const *why_old, size_t n_old)
{
	if (justified_by) {
		mpr_buf_printf(b, "      justified by %s %s: %s [%s]\n",
		               mpr_entry_kind_name(justified_by->kind), justified_by->id,
		               justified_by->justification, justified_by->justification_source);
		return;
	}
	mpr_buf_printf(b, "      NOT JUSTIFIED; changed entries in this %s:", what);
	for (size_t i = 0; i < n_new; i++)
		mpr_buf_printf(b, " %s %s (%s:%u)", mpr_entry_kind_name(why_new[i]->kind), why_new[i]->id,
		               why_new[i]->at.file, why_new[i]->at.line);
	for (size_t i = 0; i < n_old; i++)
		mpr_buf_printf(b, " removed %s %s", mpr_entry_kind_name(why_old[i]->kind), why_old[i]->id);
	if (!n_new && !n_old)
		mpr_buf_puts(b, " none found");
	mpr_buf_puts(b, "\n");
}

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define UINT(name, value) MPR_JW_UINT(w, name, value)

/* An entry's justification as {"id" (with_id), "text", "source"}. */
void diff_json_justification(mpr_jw *w, const mpr_entry *e, bool with_id)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	if (with_id) {
		STR("id", e->id);
	}
	STR("text", e->justification);
	STR("source", e->justification_source);
	mpr_jw_end(w);
}

/* Entries as [{"kind", "id"}, ...]. */
void diff_json_entries(mpr_jw *w, const mpr_entry *const *v, size_t n)
{
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < n; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("kind", mpr_entry_kind_name(v[i]->kind));
		STR("id", v[i]->id);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

/* {"old": ..., "new": ...} of two texts. */
static void json_old_new(mpr_jw *w, const char *old, const char *new)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("old", old);
	STR("new", new);
	mpr_jw_end(w);
}

static void json_change(mpr_jw *w, const mpr_ruleset *old, const mpr_ruleset *new,
                        const diff_change *ch)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("country", new->countries[ch->nc].n.id);
	STR("measure", new->measures[ch->nm].n.id);
	/* the scenario: one attribute, one declared beneficiary, or neither */
	STR("attribute", ch->scenario && !ch->scenario_beneficiary ? ch->scenario : NULL);
	STR("beneficiary", ch->scenario && ch->scenario_beneficiary ? ch->scenario : NULL);
	STR("implementer", ch->scenario_implementer);
	STR("declared", ch->declared ? "required" : "none");
	STR("label", ch->loosening ? "loosening" : "tightening");
	KEY("verdict");
	json_old_new(w, mpr_verdict_word(ch->ov), mpr_verdict_word(ch->nv));
	KEY("country_tier");
	json_old_new(w, old->tiers[ch->octier], new->tiers[ch->nctier]);
	KEY("measure_tier");
	json_old_new(w, old->tiers[ch->omtier], new->tiers[ch->nmtier]);
	KEY("frequency_months");
	mpr_jw_object(w, MPR_JW_INLINE);
	UINT("old", ch->omonths);
	UINT("new", ch->nmonths);
	mpr_jw_end(w);
	KEY("safeguards_added");
	mpr_json_safeguards(w, NULL, new, ch->added, MPR_JW_INLINE);
	KEY("safeguards_removed");
	mpr_json_safeguards(w, NULL, old, ch->removed, MPR_JW_INLINE);
	diff_json_why(w, ch->why_new, ch->n_why_new, ch->why_old, ch->n_why_old, ch->loosening,
	              ch->justified_by);
	mpr_jw_end(w);
}

void diff_json_why(mpr_jw *w, const mpr_entry *const *why_new, size_t n_new,
                   const mpr_entry *const *why_old, size_t n_old, bool loosening,
                   const mpr_entry *justified_by)
{
	KEY("changed_entries");
	diff_json_entries(w, why_new, n_new);
	KEY("removed_entries");
	diff_json_entries(w, why_old, n_old);
	KEY("justified_by");
	if (loosening && justified_by)
		diff_json_justification(w, justified_by, true);
	else
		mpr_jw_null(w);
}

static void json_entries(mpr_jw *w, const rule_diff *d)
{
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < d->entries.n; i++) {
		const diff_entry *st = &d->entries.v[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("change", st->what);
		STR("kind", mpr_entry_kind_name(st->e->kind));
		STR("id", st->e->id);
		STR("file", st->e->at.file);
		UINT("line", st->e->at.line);
		KEY("justification");
		if (st->in == d->new && st->e->justification)
			diff_json_justification(w, st->e, false);
		else
			mpr_jw_null(w);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}

static void json_ruleset(mpr_jw *w, const mpr_ruleset *rs)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	mpr_json_ruleset_members(w, rs);
	mpr_jw_end(w);
}

void rule_diff_json(mpr_buf *b, const rule_diff *d)
{
	mpr_jw writer, *w = &writer;
	mpr_jw_init(w, b, true);
	mpr_jw_object(w, MPR_JW_BLOCK);
	UINT("format_version", MPR_JSON_FORMAT_VERSION);
	KEY("old");
	json_ruleset(w, d->old);
	KEY("new");
	json_ruleset(w, d->new);
	KEY("structural");
	json_entries(w, d);
	UINT("compared", d->compared);
	UINT("tightening", d->tightening);
	UINT("loosening", d->loosening);
	UINT("unjustified", d->unjustified);
	KEY("decisions");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < d->changes.n; i++)
		json_change(w, d->old, d->new, &d->changes.v[i]);
	mpr_jw_end(w);
	diff_findings_json(w, d);
	mpr_jw_end(w);
	mpr_buf_append(b, "\n", 1);
}

static void text_entries(mpr_buf *b, const rule_diff *d)
{
	const mpr_ruleset *old = d->old, *new = d->new;
	mpr_buf_printf(b, "\nstructural changes: %zu\n", d->entries.n);
	for (size_t i = 0; i < d->entries.n; i++) {
		const diff_entry *st = &d->entries.v[i];
		const mpr_entry *e = st->e;
		mpr_buf_printf(b, "  %-8s %s %s (%s:%u)", st->what, mpr_entry_kind_name(e->kind), e->id,
		               e->at.file, e->at.line);
		if (e->kind == MPR_ENTRY_COUNTRY && st->in == new) {
			int oc = mpr_index_find(&old->country_index, e->id);
			int ncn = mpr_index_find(&new->country_index, e->id);
			if (oc >= 0 && ncn >= 0)
				mpr_buf_printf(b, " tier %s -> %s", old->tiers[old->countries[oc].tier],
				               new->tiers[new->countries[ncn].tier]);
		}
		if (st->in == new && e->justification)
			mpr_buf_printf(b, "\n           justification: %s [%s]", e->justification,
			               e->justification_source);
		mpr_buf_puts(b, "\n");
	}
}

void rule_diff_text(mpr_buf *b, const rule_diff *d)
{
	const diff_change *cs = d->changes.v;
	size_t n = d->changes.n, pairs = 0;
	mpr_buf_puts(b, "old: ");
	mpr_text_ruleset(b, NULL, d->old);
	mpr_buf_puts(b, "\nnew: ");
	mpr_text_ruleset(b, NULL, d->new);
	mpr_buf_puts(b, "\n");
	text_entries(b, d);
	mpr_buf_printf(b,
	               "\ndecisions compared: %zu (countries x measures in both, with no attribute "
	               "and each attribute, each beneficiary and each implementer, with nothing "
	               "and with the required safeguards declared)\ndecisions changed: %zu (%zu "
	               "tightening, %zu loosening, %zu of "
	               "them unjustified)\n",
	               d->compared, n, d->tightening, d->loosening, d->unjustified);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && cs[j].nc == cs[i].nc && cs[j].nm == cs[i].nm)
			j++;
		text_group(b, d->old, d->new, &cs[i], j - i, 2 * d->scenarios);
		pairs++;
		i = j;
	}
	if (pairs)
		mpr_buf_printf(b, "(%zu country x measure pairs affected; --format json lists every "
		                  "changed decision)\n",
		               pairs);
	diff_findings_text(b, d);
	size_t unjustified = d->unjustified + d->f_unjustified;
	if (unjustified)
		mpr_buf_printf(b, "\n%zu unjustified loosening%s: add a justification (text and "
		                  "source) to the changed entry, or undo the change\n",
		               unjustified, unjustified == 1 ? "" : "s");
}

int mpr_diff(const mpr_ruleset *old, const mpr_ruleset *new, mpr_format format, char **out,
             size_t *len, size_t *unjustified, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!old || !new || !out || (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_diff: invalid arguments");
	*out = NULL;
	if (unjustified)
		*unjustified = 0;
	rule_diff d;
	int rc = rule_diff_init(&d, old, new, err);
	mpr_buf b = {0};
	if (rc == MPR_OK && format == MPR_FORMAT_JSON)
		rule_diff_json(&b, &d);
	else if (rc == MPR_OK)
		rule_diff_text(&b, &d);
	if (rc == MPR_OK && unjustified)
		*unjustified = d.unjustified + d.f_unjustified;
	rule_diff_free(&d);
	if (rc) {
		free(b.data);
		return rc;
	}
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
