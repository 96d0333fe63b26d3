/*
 * diff.c - the impact of a rule change (mpr_diff): structural changes
 * (entries added, removed or changed, by content hash) and every decision
 * of the shared decision space that changes, labelled tightening or
 * loosening, with the changed entries that took part in it. A loosening is
 * justified when such an entry carries a justification.
 *
 * All of it rests on the entry registry built at load: every rule entry has
 * a kind, an id whose pointer the trace steps carry, its place in the YAML
 * and a hash of its content. The diff compares hashes to find the entries
 * that changed and looks for them in the traces of the decisions that
 * changed, which is how a loosening is tied to the entry that must justify
 * it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "load/load.h"
#include "render/render.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"

/* An attribute scenario: none (-1) or one attribute present in both. */
/* A scenario of the decision space: no attribute and no beneficiary, one
 * attribute, or one declared beneficiary. */
typedef struct scenario {
	int old_attr, new_attr;
	int old_ben, new_ben;
	const char *name;  /* the attribute's or beneficiary's id; NULL for neither */
	bool beneficiary;
} scenario;

typedef struct change {
	int nc, nm;           /* indices in the new ruleset */
	const char *scenario; /* attribute or beneficiary, or NULL */
	bool scenario_beneficiary;
	int declared;         /* 0 nothing declared, 1 the required safeguards */
	mpr_verdict ov, nv;
	unsigned omonths, nmonths;
	int olevel, nlevel, osusp, nsusp;
	int octier, nctier, omtier, nmtier;
	char added[512], removed[512];
	mpr_set added_set, removed_set; /* the same in the new and the old ruleset */
	int loosening, tightening;
	const mpr_entry *why_new[8]; /* changed entries in the new decision */
	size_t n_why_new;
	const mpr_entry *why_old[8]; /* removed entries in the old decision */
	size_t n_why_old;
	const mpr_entry *justified_by;
} change;

typedef mpr_array(change) changes;

static int entry_changed(const mpr_ruleset *old, const mpr_entry *e)
{
	const mpr_entry *o = mpr_entry_find(old, e->kind, e->id);
	return !o || memcmp(o->hash, e->hash, 32) != 0;
}

static void add_why(const mpr_entry **list, size_t *n, const mpr_entry *e)
{
	for (size_t i = 0; i < *n; i++)
		if (list[i] == e)
			return;
	if (*n < 8)
		list[(*n)++] = e;
}

/* Safeguards of s (in rs) that are not in t (in other): returned as a set
 * of rs, and their ids comma-joined into out. */
static mpr_set set_minus(char *out, size_t size, const mpr_ruleset *rs, mpr_set s,
                         const mpr_ruleset *other, mpr_set t)
{
	size_t used = 0;
	mpr_set minus = 0;
	out[0] = '\0';
	for (size_t i = 0; i < rs->n_safeguards; i++) {
		if (!(s & ((mpr_set)1 << i)))
			continue;
		int k = mpr_find_safeguard(other, rs->safeguards[i].n.id);
		if (k >= 0 && (t & ((mpr_set)1 << k)))
			continue;
		minus |= (mpr_set)1 << i;
		int w = snprintf(out + used, size - used, "%s%s", used ? ", " : "", rs->safeguards[i].n.id);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
	return minus;
}

static int level_rank(const mpr_ruleset *rs, int level)
{
	/* compare monitoring levels by position, as fractions of the scale */
	return rs->n_monitoring > 1 ? level * 1000 / (int)(rs->n_monitoring - 1) : 0;
}

static int compare(const mpr_ruleset *old, const mpr_ruleset *new, const mpr_decision *a,
                   const mpr_decision *b, change *ch)
{
	memset(ch, 0, sizeof *ch);
	ch->ov = a->verdict;
	ch->nv = b->verdict;
	ch->omonths = a->cell->months;
	ch->nmonths = b->cell->months;
	ch->olevel = a->cell->monitoring;
	ch->nlevel = b->cell->monitoring;
	ch->osusp = a->cell->suspension;
	ch->nsusp = b->cell->suspension;
	ch->octier = a->country_tier;
	ch->nctier = b->country_tier;
	ch->omtier = a->measure_tier;
	ch->nmtier = b->measure_tier;
	ch->added_set = set_minus(ch->added, sizeof ch->added, new, b->required, old, a->required);
	ch->removed_set = set_minus(ch->removed, sizeof ch->removed, old, a->required, new, b->required);
	int lo = 0, ti = 0;
	if (b->verdict > a->verdict)
		ti = 1;
	if (b->verdict < a->verdict)
		lo = 1;
	if (ch->added[0])
		ti = 1;
	if (ch->removed[0])
		lo = 1;
	if (b->cell->months < a->cell->months)
		ti = 1;
	if (b->cell->months > a->cell->months)
		lo = 1;
	if (level_rank(new, b->cell->monitoring) > level_rank(old, a->cell->monitoring))
		ti = 1;
	if (level_rank(new, b->cell->monitoring) < level_rank(old, a->cell->monitoring))
		lo = 1;
	if (strcmp(new->suspension[b->cell->suspension].id, old->suspension[a->cell->suspension].id) != 0) {
		int on = (int)old->n_suspension, nn = (int)new->n_suspension;
		int orank = on > 1 ? a->cell->suspension * 1000 / (on - 1) : 0;
		int nrank = nn > 1 ? b->cell->suspension * 1000 / (nn - 1) : 0;
		if (nrank > orank)
			ti = 1;
		else if (nrank < orank)
			lo = 1;
	}
	ch->tightening = ti;
	ch->loosening = lo;
	return lo || ti;
}

static void explain_change(const mpr_ruleset *old, const mpr_ruleset *new, const mpr_decision *a,
                           const mpr_decision *b, change *ch)
{
	const mpr_entry *e = mpr_entry_by_pointer(new, new->countries[b->country].n.id);
	if (e && entry_changed(old, e))
		add_why(ch->why_new, &ch->n_why_new, e);
	e = mpr_entry_by_pointer(new, new->measures[b->measure].n.id);
	if (e && entry_changed(old, e))
		add_why(ch->why_new, &ch->n_why_new, e);
	for (size_t i = 0; i < b->n_trace; i++)
		if ((e = mpr_entry_by_pointer(new, b->trace[i].rule)) && entry_changed(old, e))
			add_why(ch->why_new, &ch->n_why_new, e);
	for (size_t i = 0; i < a->n_trace; i++)
		if ((e = mpr_entry_by_pointer(old, a->trace[i].rule)) && !mpr_entry_find(new, e->kind, e->id))
			add_why(ch->why_old, &ch->n_why_old, e);
	for (size_t i = 0; i < ch->n_why_new && !ch->justified_by; i++)
		if (ch->why_new[i]->justification)
			ch->justified_by = ch->why_new[i];
}

static int push(changes *cs, const change *ch)
{
	change *slot = mpr_array_push(*cs);
	if (!slot)
		return -1;
	*slot = *ch;
	return 0;
}

/* One line per affected country x measure: the change in its most telling
 * scenario (no attribute, required safeguards declared, when it changed),
 * and in how many of the scenarios compared a change occurred. */
static void text_group(mpr_buf *b, const mpr_ruleset *old, const mpr_ruleset *new,
                       const change *g, size_t n, size_t n_scenarios)
{
	const change *ch = &g[0];
	int loose = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].declared && !g[i].scenario)
			ch = &g[i];
		loose |= g[i].loosening;
	}
	const change *why = ch;
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
		mpr_buf_printf(b, "%scountry tier %s -> %s", sep, old->tiers[ch->octier], new->tiers[ch->nctier]);
		sep = "; ";
	}
	if (ch->omtier != ch->nmtier) {
		mpr_buf_printf(b, "%smeasure tier %s -> %s", sep, old->tiers[ch->omtier], new->tiers[ch->nmtier]);
		sep = "; ";
	}
	if (ch->omonths != ch->nmonths || strcmp(old->monitoring[ch->olevel], new->monitoring[ch->nlevel]) != 0) {
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
	if (ch->added[0]) {
		mpr_buf_printf(b, "%s+ %s", sep, ch->added);
		sep = "; ";
	}
	if (ch->removed[0])
		mpr_buf_printf(b, "%s- %s", sep, ch->removed);
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

static void json_change(mpr_buf *b, const mpr_ruleset *old, const mpr_ruleset *new,
                        const change *ch, int first)
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
	mpr_json_safeguards(b, new, ch->added_set, NULL);
	mpr_buf_puts(b, ", \"safeguards_removed\": ");
	mpr_json_safeguards(b, old, ch->removed_set, NULL);
	mpr_buf_puts(b, ",\n     \"changed_entries\": [");
	for (size_t i = 0; i < ch->n_why_new; i++) {
		mpr_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
		               mpr_entry_kind_name(ch->why_new[i]->kind));
		mpr_buf_json_string(b, ch->why_new[i]->id);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "], \"removed_entries\": [");
	for (size_t i = 0; i < ch->n_why_old; i++) {
		mpr_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
		               mpr_entry_kind_name(ch->why_old[i]->kind));
		mpr_buf_json_string(b, ch->why_old[i]->id);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "], \"justified_by\": ");
	if (ch->loosening && ch->justified_by) {
		mpr_buf_puts(b, "{\"id\": ");
		mpr_buf_json_string(b, ch->justified_by->id);
		mpr_buf_puts(b, ", \"text\": ");
		mpr_buf_json_string(b, ch->justified_by->justification);
		mpr_buf_puts(b, ", \"source\": ");
		mpr_buf_json_string(b, ch->justified_by->justification_source);
		mpr_buf_puts(b, "}");
	} else {
		mpr_buf_puts(b, "null");
	}
	mpr_buf_puts(b, "}");
}

/* Structural changes: entries added, removed or changed, by kind and id. */
typedef struct structural {
	const mpr_entry *e;
	const char *what; /* "added", "removed", "changed" */
	const mpr_ruleset *in;
} structural;

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

	structural *st = calloc(old->n_entries + new->n_entries + 1, sizeof *st);
	size_t n_st = 0;
	mpr_step *ta = calloc(old->max_trace, sizeof *ta), *tb = calloc(new->max_trace, sizeof *tb);
	mpr_step *tc = calloc(old->max_trace, sizeof *tc), *td = calloc(new->max_trace, sizeof *td);
	scenario *sc = calloc(old->n_attributes + old->n_beneficiaries + 1, sizeof *sc);
	changes cs = MPR_ARRAY_INIT;
	int rc = MPR_OK;
	if (!st || !ta || !tb || !tc || !td || !sc) {
		free(st);
		free(ta);
		free(tb);
		free(tc);
		free(td);
		free(sc);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	for (size_t i = 0; i < new->n_entries; i++) {
		const mpr_entry *e = &new->entries[i];
		const mpr_entry *o = mpr_entry_find(old, e->kind, e->id);
		if (!o)
			st[n_st++] = (structural){e, "added", new};
		else if (memcmp(o->hash, e->hash, 32) != 0)
			st[n_st++] = (structural){e, "changed", new};
	}
	for (size_t i = 0; i < old->n_entries; i++)
		if (!mpr_entry_find(new, old->entries[i].kind, old->entries[i].id))
			st[n_st++] = (structural){&old->entries[i], "removed", old};

	/* attribute scenarios: none, then each attribute both rulesets know */
	size_t n_sc = 0;
	sc[n_sc++] = (scenario){-1, -1, -1, -1, NULL, false};
	for (size_t a = 0; a < old->n_attributes; a++) {
		int k = mpr_find_attribute(new, old->attributes[a].n.id);
		if (k >= 0)
			sc[n_sc++] = (scenario){(int)a, k, -1, -1, old->attributes[a].n.id, false};
	}
	for (size_t i = 0; i < old->n_beneficiaries; i++) {
		int k = mpr_find_beneficiary(new, old->beneficiaries[i].n.id);
		if (k >= 0)
			sc[n_sc++] = (scenario){-1, -1, (int)i, k, old->beneficiaries[i].n.id, true};
	}
	size_t compared = 0, n_loose = 0, n_tight = 0, n_unjust = 0;
	for (size_t nc = 0; rc == MPR_OK && nc < new->n_countries; nc++) {
		int oc = mpr_find_country(old, new->countries[nc].n.id);
		if (oc < 0)
			continue;
		for (size_t nm = 0; rc == MPR_OK && nm < new->n_measures; nm++) {
			int om = mpr_find_measure(old, new->measures[nm].n.id);
			if (om < 0)
				continue;
			for (size_t s = 0; rc == MPR_OK && s < n_sc; s++) {
				mpr_set oa = sc[s].old_attr < 0 ? 0 : (mpr_set)1 << sc[s].old_attr;
				mpr_set na = sc[s].new_attr < 0 ? 0 : (mpr_set)1 << sc[s].new_attr;
				mpr_decision a = {.trace = ta}, b = {.trace = tb};
				mpr_decision a2 = {.trace = tc}, b2 = {.trace = td};
				mpr_substance os = mpr_substance_of(oc, om, oa);
				mpr_substance ns = mpr_substance_of((int)nc, (int)nm, na);
				os.beneficiary = sc[s].old_ben;
				ns.beneficiary = sc[s].new_ben;
				mpr_decide_at(old, &os, 0, &a);
				mpr_decide_at(new, &ns, 0, &b);
				mpr_decide_at(old, &os, a.required, &a2);
				mpr_decide_at(new, &ns, b.required, &b2);
				const mpr_decision *pairs[2][2] = {{&a, &b}, {&a2, &b2}};
				for (int dcl = 0; dcl < 2; dcl++) {
					compared++;
					change ch;
					if (!compare(old, new, pairs[dcl][0], pairs[dcl][1], &ch))
						continue;
					ch.nc = (int)nc;
					ch.nm = (int)nm;
					ch.scenario = sc[s].name;
					ch.scenario_beneficiary = sc[s].beneficiary;
					ch.declared = dcl;
					explain_change(old, new, pairs[dcl][0], pairs[dcl][1], &ch);
					if (ch.loosening) {
						n_loose++;
						n_unjust += !ch.justified_by;
					} else {
						n_tight++;
					}
					if (push(&cs, &ch)) {
						rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
						break;
					}
				}
			}
		}
	}

	mpr_buf b = {0};
	if (rc == MPR_OK && format == MPR_FORMAT_JSON) {
		mpr_buf_printf(&b, "{\n  \"format_version\": %d,\n  \"old\": {\"id\": ",
		               MPR_JSON_FORMAT_VERSION);
		mpr_buf_json_string(&b, old->id);
		mpr_buf_printf(&b, ", \"fingerprint\": \"%s\"},\n  \"new\": {\"id\": ", old->fingerprint);
		mpr_buf_json_string(&b, new->id);
		mpr_buf_printf(&b, ", \"fingerprint\": \"%s\"},\n  \"structural\": [", new->fingerprint);
		for (size_t i = 0; i < n_st; i++) {
			mpr_buf_printf(&b, "%s\n    {\"change\": \"%s\", \"kind\": \"%s\", \"id\": ", i ? "," : "",
			               st[i].what, mpr_entry_kind_name(st[i].e->kind));
			mpr_buf_json_string(&b, st[i].e->id);
			mpr_buf_puts(&b, ", \"file\": ");
			mpr_buf_json_string(&b, st[i].e->at.file);
			mpr_buf_printf(&b, ", \"line\": %u, \"justification\": ", st[i].e->at.line);
			if (st[i].in == new && st[i].e->justification) {
				mpr_buf_puts(&b, "{\"text\": ");
				mpr_buf_json_string(&b, st[i].e->justification);
				mpr_buf_puts(&b, ", \"source\": ");
				mpr_buf_json_string(&b, st[i].e->justification_source);
				mpr_buf_puts(&b, "}}");
			} else {
				mpr_buf_puts(&b, "null}");
			}
		}
		mpr_buf_printf(&b, "%s],\n  \"compared\": %zu, \"tightening\": %zu, \"loosening\": %zu, "
		                   "\"unjustified\": %zu,\n  \"decisions\": [",
		               n_st ? "\n  " : "", compared, n_tight, n_loose, n_unjust);
		for (size_t i = 0; i < cs.n; i++)
			json_change(&b, old, new, &cs.v[i], i == 0);
		mpr_buf_printf(&b, "%s]\n}\n", cs.n ? "\n  " : "");
	} else if (rc == MPR_OK) {
		mpr_buf_printf(&b, "old: %s (%s)\nnew: %s (%s)\n", old->id, old->fingerprint, new->id,
		               new->fingerprint);
		mpr_buf_printf(&b, "\nstructural changes: %zu\n", n_st);
		for (size_t i = 0; i < n_st; i++) {
			const mpr_entry *e = st[i].e;
			mpr_buf_printf(&b, "  %-8s %s %s (%s:%u)", st[i].what, mpr_entry_kind_name(e->kind),
			               e->id, e->at.file, e->at.line);
			if (e->kind == MPR_ENTRY_COUNTRY && st[i].in == new) {
				int oc = mpr_find_country(old, e->id), ncn = mpr_find_country(new, e->id);
				if (oc >= 0 && ncn >= 0)
					mpr_buf_printf(&b, " tier %s -> %s", old->tiers[old->countries[oc].tier],
					               new->tiers[new->countries[ncn].tier]);
			}
			if (st[i].in == new && e->justification)
				mpr_buf_printf(&b, "\n           justification: %s [%s]", e->justification,
				               e->justification_source);
			mpr_buf_puts(&b, "\n");
		}
		mpr_buf_printf(&b,
		               "\ndecisions compared: %zu (countries x measures in both, with no attribute "
		               "and each attribute, with nothing and with the required safeguards "
		               "declared)\ndecisions changed: %zu (%zu tightening, %zu loosening, %zu of "
		               "them unjustified)\n",
		               compared, cs.n, n_tight, n_loose, n_unjust);
		size_t pairs = 0;
		for (size_t i = 0; i < cs.n;) {
			size_t j = i;
			while (j < cs.n && cs.v[j].nc == cs.v[i].nc && cs.v[j].nm == cs.v[i].nm)
				j++;
			text_group(&b, old, new, &cs.v[i], j - i, 2 * n_sc);
			pairs++;
			i = j;
		}
		if (pairs)
			mpr_buf_printf(&b, "(%zu country x measure pairs affected; --format json lists every "
			                   "changed decision)\n",
			               pairs);
		if (n_unjust)
			mpr_buf_printf(&b, "\n%zu unjustified loosening%s: add a justification (text and "
			                   "source) to the changed entry, or undo the change\n",
			               n_unjust, n_unjust == 1 ? "" : "s");
	}
	free(st);
	free(sc);
	free(ta);
	free(tb);
	free(tc);
	free(td);
	mpr_array_free(cs);
	if (rc) {
		free(b.data);
		return rc;
	}
	if (unjustified)
		*unjustified = n_unjust;
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
