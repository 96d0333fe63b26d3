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
	mpr_buf_printf(b, " (%s%s, %s; changed in %zu of %zu scenarios)\n",
	               ch->scenario ? (ch->scenario_beneficiary ? "beneficiary " : "") : "",
	               ch->scenario ? ch->scenario : "no attribute",
	               ch->declared ? "required safeguards declared" : "nothing declared", n,
	               n_scenarios);
	if (!loose)
		return;
	if (why->justified_by) {
		mpr_buf_printf(b, "      justified by %s %s: %s [%s]\n",
		               mpr_entry_kind_name(why->justified_by->kind), why->justified_by->id,
		               why->justified_by->justification, why->justified_by->justification_source);
		return;
	}
	mpr_buf_puts(b, "      NOT JUSTIFIED; changed entries in this decision:");
	for (size_t i = 0; i < why->n_why_new; i++)
		mpr_buf_printf(b, " %s %s (%s:%u)", mpr_entry_kind_name(why->why_new[i]->kind),
		               why->why_new[i]->id, why->why_new[i]->at.file, why->why_new[i]->at.line);
	for (size_t i = 0; i < why->n_why_old; i++)
		mpr_buf_printf(b, " removed %s %s", mpr_entry_kind_name(why->why_old[i]->kind),
		               why->why_old[i]->id);
	if (!why->n_why_new && !why->n_why_old)
		mpr_buf_puts(b, " none found");
	mpr_buf_puts(b, "\n");
}

/* An entry's justification as {"id" (with_id), "text", "source"}. */
static void json_justification(mpr_buf *b, const mpr_entry *e, bool with_id)
{
	mpr_buf_puts(b, "{");
	if (with_id) {
		mpr_buf_puts(b, "\"id\": ");
		mpr_buf_json_string(b, e->id);
		mpr_buf_puts(b, ", ");
	}
	mpr_buf_puts(b, "\"text\": ");
	mpr_buf_json_string(b, e->justification);
	mpr_buf_puts(b, ", \"source\": ");
	mpr_buf_json_string(b, e->justification_source);
	mpr_buf_puts(b, "}");
}

/* Entries as [{"kind", "id"}, ...]. */
static void json_entries_named(mpr_buf *b, const mpr_entry *const *v, size_t n)
{
	mpr_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		mpr_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
		               mpr_entry_kind_name(v[i]->kind));
		mpr_buf_json_string(b, v[i]->id);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "]");
}

static void json_change(mpr_buf *b, const mpr_ruleset *old, const mpr_ruleset *new,
                        const diff_change *ch, int first)
{
	mpr_buf_printf(b, "%s\n    {\"country\": ", first ? "" : ",");
	mpr_buf_json_string(b, new->countries[ch->nc].n.id);
	mpr_buf_puts(b, ", \"measure\": ");
	mpr_buf_json_string(b, new->measures[ch->nm].n.id);
	/* the scenario: one attribute, one declared beneficiary, or neither */
	mpr_buf_puts(b, ", \"attribute\": ");
	if (ch->scenario && !ch->scenario_beneficiary)
		mpr_buf_json_string(b, ch->scenario);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_puts(b, ", \"beneficiary\": ");
	if (ch->scenario && ch->scenario_beneficiary)
		mpr_buf_json_string(b, ch->scenario);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_printf(b, ", \"declared\": \"%s\", \"label\": \"%s\",\n     ",
	               ch->declared ? "required" : "none", ch->loosening ? "loosening" : "tightening");
	mpr_buf_printf(b, "\"verdict\": {\"old\": \"%s\", \"new\": \"%s\"}, ", mpr_verdict_word(ch->ov),
	               mpr_verdict_word(ch->nv));
	mpr_buf_printf(b, "\"country_tier\": {\"old\": \"%s\", \"new\": \"%s\"}, ", old->tiers[ch->octier],
	               new->tiers[ch->nctier]);
	mpr_buf_printf(b, "\"measure_tier\": {\"old\": \"%s\", \"new\": \"%s\"},\n     ",
	               old->tiers[ch->omtier], new->tiers[ch->nmtier]);
	mpr_buf_printf(b, "\"frequency_months\": {\"old\": %u, \"new\": %u}, ", ch->omonths, ch->nmonths);
	mpr_buf_puts(b, "\"safeguards_added\": ");
	mpr_json_safeguards(b, new, ch->added, NULL);
	mpr_buf_puts(b, ", \"safeguards_removed\": ");
	mpr_json_safeguards(b, old, ch->removed, NULL);
	mpr_buf_puts(b, ",\n     \"changed_entries\": ");
	json_entries_named(b, ch->why_new, ch->n_why_new);
	mpr_buf_puts(b, ", \"removed_entries\": ");
	json_entries_named(b, ch->why_old, ch->n_why_old);
	mpr_buf_puts(b, ", \"justified_by\": ");
	if (ch->loosening && ch->justified_by) {
		json_justification(b, ch->justified_by, true);
	} else {
		mpr_buf_puts(b, "null");
	}
	mpr_buf_puts(b, "}");
}

static void json_entries(mpr_buf *b, const rule_diff *d)
{
	for (size_t i = 0; i < d->entries.n; i++) {
		const diff_entry *st = &d->entries.v[i];
		mpr_buf_printf(b, "%s\n    {\"change\": \"%s\", \"kind\": \"%s\", \"id\": ", i ? "," : "",
		               st->what, mpr_entry_kind_name(st->e->kind));
		mpr_buf_json_string(b, st->e->id);
		mpr_buf_puts(b, ", \"file\": ");
		mpr_buf_json_string(b, st->e->at.file);
		mpr_buf_printf(b, ", \"line\": %u, \"justification\": ", st->e->at.line);
		if (st->in == d->new && st->e->justification) {
			json_justification(b, st->e, false);
			mpr_buf_puts(b, "}");
		} else {
			mpr_buf_puts(b, "null}");
		}
	}
}

void rule_diff_json(mpr_buf *b, const rule_diff *d)
{
	const mpr_ruleset *old = d->old, *new = d->new;
	mpr_buf_printf(b, "{\n  \"format_version\": %d,\n  \"old\": {", MPR_JSON_FORMAT_VERSION);
	mpr_json_ruleset_members(b, old);
	mpr_buf_puts(b, "},\n  \"new\": {");
	mpr_json_ruleset_members(b, new);
	mpr_buf_puts(b, "},\n  \"structural\": [");
	json_entries(b, d);
	mpr_buf_puts(b, d->entries.n ? "\n  ]" : "]");
	mpr_buf_printf(b, ",\n  \"compared\": %zu, \"tightening\": %zu, \"loosening\": %zu, "
	                  "\"unjustified\": %zu,\n  \"decisions\": [",
	               d->compared, d->tightening, d->loosening, d->unjustified);
	for (size_t i = 0; i < d->changes.n; i++)
		json_change(b, old, new, &d->changes.v[i], i == 0);
	mpr_buf_puts(b, d->changes.n ? "\n  ],\n" : "],\n");
	diff_findings_json(b, d);
	mpr_buf_puts(b, "}\n");
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
	mpr_text_ruleset(b, d->old);
	mpr_buf_puts(b, "\nnew: ");
	mpr_text_ruleset(b, d->new);
	mpr_buf_puts(b, "\n");
	text_entries(b, d);
	mpr_buf_printf(b,
	               "\ndecisions compared: %zu (countries x measures in both, with no attribute "
	               "and each attribute, with nothing and with the required safeguards "
	               "declared)\ndecisions changed: %zu (%zu tightening, %zu loosening, %zu of "
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
