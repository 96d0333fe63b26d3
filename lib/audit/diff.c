/*
 * diff.c - the impact of a rule change as a value (mpr_diff prints it with
 * diff_print.c): structural changes
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
 * it. What it looks up by id, it looks up once (diff_maps.c), so that the
 * cost is the decisions themselves: linear in the decision space.
 */
#include "audit/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "load/load.h"
#include "util/error.h"

/* A scenario of the decision space: no attribute and no beneficiary, one
 * attribute, one declared beneficiary, or one that delivers to migrants with
 * one declared implementer, present in both rulesets. */
typedef struct scenario {
	int old_attr, new_attr;
	int old_ben, new_ben;
	const char *name;  /* the attribute's or beneficiary's id; NULL for neither */
	bool beneficiary;
	int old_imp, new_imp;
	const char *implementer; /* the implementer's id; NULL for none */
} scenario;

int diff_entry_changed(const mpr_ruleset *old, const mpr_entry *e)
{
	const mpr_entry *o = mpr_entry_find(old, e->kind, e->id);
	return !o || memcmp(o->hash, e->hash, 32) != 0;
}

void diff_add_why(const mpr_entry **list, size_t *n, const mpr_entry *e)
{
	for (size_t i = 0; i < *n; i++)
		if (list[i] == e)
			return;
	if (*n < DIFF_WHY)
		list[(*n)++] = e;
}

/* A set in the other ruleset's bit positions (a safeguard it lacks drops
 * out): one table lookup per byte of the set. */
static mpr_set translate(const mpr_set table[8][256], mpr_set s)
{
	mpr_set t = 0;
	for (int byte = 0; s; byte++, s >>= 8)
		t |= table[byte][s & 0xff];
	return t;
}

static int level_rank(const mpr_ruleset *rs, int level)
{
	/* compare monitoring levels by position, as fractions of the scale */
	return rs->n_monitoring > 1 ? level * 1000 / (int)(rs->n_monitoring - 1) : 0;
}

static int compare(const rule_diff *d, const diff_maps *maps, const mpr_decision *a,
                   const mpr_decision *b, diff_change *ch)
{
	const mpr_ruleset *old = d->old, *new = d->new;
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
	ch->added = b->required & ~translate(maps->to_new, a->required);
	ch->removed = a->required & ~translate(maps->to_old, b->required);
	int lo = 0, ti = 0;
	if (b->verdict > a->verdict)
		ti = 1;
	if (b->verdict < a->verdict)
		lo = 1;
	if (ch->added)
		ti = 1;
	if (ch->removed)
		lo = 1;
	if (b->cell->months < a->cell->months)
		ti = 1;
	if (b->cell->months > a->cell->months)
		lo = 1;
	if (level_rank(new, b->cell->monitoring) > level_rank(old, a->cell->monitoring))
		ti = 1;
	if (level_rank(new, b->cell->monitoring) < level_rank(old, a->cell->monitoring))
		lo = 1;
	if (!maps->same_suspension[a->cell->suspension][b->cell->suspension]) {
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

/* Whether an entry of the new ruleset changed or is new. */
static bool changed(const rule_diff *d, const diff_maps *maps, const mpr_entry *e)
{
	if (!e)
		return false;
	const mpr_entry *o = maps->old_of_new[e - d->new->entries];
	return !o || memcmp(o->hash, e->hash, 32) != 0;
}

static void explain_change(const rule_diff *d, const diff_maps *maps, const mpr_decision *a,
                           const mpr_decision *b, diff_change *ch)
{
	const mpr_ruleset *old = d->old, *new = d->new;
	const mpr_entry *e = mpr_entry_by_pointer(new, new->countries[b->country].n.id);
	if (changed(d, maps, e))
		diff_add_why(ch->why_new, &ch->n_why_new, e);
	e = mpr_entry_by_pointer(new, new->measures[b->measure].n.id);
	if (changed(d, maps, e))
		diff_add_why(ch->why_new, &ch->n_why_new, e);
	for (size_t i = 0; i < b->n_trace; i++)
		if (changed(d, maps, e = mpr_entry_by_pointer(new, b->trace[i].rule)))
			diff_add_why(ch->why_new, &ch->n_why_new, e);
	for (size_t i = 0; i < a->n_trace; i++)
		if ((e = mpr_entry_by_pointer(old, a->trace[i].rule)) &&
		    !maps->new_of_old[e - old->entries])
			diff_add_why(ch->why_old, &ch->n_why_old, e);
	for (size_t i = 0; i < ch->n_why_new && !ch->justified_by; i++)
		if (ch->why_new[i]->justification)
			ch->justified_by = ch->why_new[i];
}

/* Entries added, changed and removed, by kind and id. */
static int structural(rule_diff *d, const diff_maps *maps)
{
	const mpr_ruleset *old = d->old, *new = d->new;
	for (size_t i = 0; i < new->n_entries + old->n_entries; i++) {
		bool in_new = i < new->n_entries;
		const mpr_entry *e = in_new ? &new->entries[i] : &old->entries[i - new->n_entries];
		const mpr_entry *o = in_new ? maps->old_of_new[i] : maps->new_of_old[i - new->n_entries];
		const char *what = !o ? (in_new ? "added" : "removed")
		                   : in_new && memcmp(o->hash, e->hash, 32) != 0 ? "changed" : NULL;
		if (!what)
			continue;
		diff_entry *slot = mpr_array_push(d->entries);
		if (!slot)
			return MPR_ENOMEM;
		*slot = (diff_entry){e, what, in_new ? new : old};
	}
	return MPR_OK;
}

/* The scenarios of the decision space: no attribute and no beneficiary,
 * then each attribute, then each beneficiary both rulesets know, then each
 * implementer both know beside each beneficiary that delivers to migrants
 * in either (where who carries it out decides: humanitarian support, F2,
 * and an NGO's own search and rescue). Room for all: scenario_room. */
static size_t scenario_room(const mpr_ruleset *old)
{
	return 1 + old->n_attributes + old->n_beneficiaries * (1 + old->n_implementers);
}

static size_t scenarios(const mpr_ruleset *old, const mpr_ruleset *new, scenario *sc)
{
	size_t n = 0;
	sc[n++] = (scenario){-1, -1, -1, -1, NULL, false, -1, -1, NULL};
	for (size_t a = 0; a < old->n_attributes; a++) {
		int k = mpr_index_find(&new->attribute_index, old->attributes[a].n.id);
		if (k >= 0)
			sc[n++] = (scenario){(int)a, k, -1, -1, old->attributes[a].n.id, false, -1, -1, NULL};
	}
	for (size_t i = 0; i < old->n_beneficiaries; i++) {
		int k = mpr_index_find(&new->beneficiary_index, old->beneficiaries[i].n.id);
		if (k >= 0 && (int)i != old->undeclared_beneficiary && k != new->undeclared_beneficiary)
			sc[n++] = (scenario){-1, -1, (int)i, k, old->beneficiaries[i].n.id, true,
			                     -1, -1, NULL};
	}
	for (size_t i = 0; i < old->n_beneficiaries; i++) {
		int k = mpr_index_find(&new->beneficiary_index, old->beneficiaries[i].n.id);
		if (k < 0 || (!old->beneficiaries[i].delivers_to_migrants &&
		              !new->beneficiaries[k].delivers_to_migrants))
			continue;
		for (size_t m = 0; m < old->n_implementers; m++) {
			int j = mpr_index_find(&new->implementer_index, old->implementers[m].n.id);
			if (j >= 0)
				sc[n++] = (scenario){-1, -1, (int)i, k, old->beneficiaries[i].n.id, true,
				                     (int)m, j, old->implementers[m].n.id};
		}
	}
	return n;
}

/* The traces of a decision pair that changed, old and new. */
typedef struct traces {
	mpr_step *a, *b;
} traces;

/* A change found: the pair decided again with its traces, to tell which
 * entries took part. */
static int record_change(rule_diff *d, const diff_maps *maps, const traces *t,
                         const mpr_substance *os, const mpr_substance *ns, mpr_set odecl,
                         mpr_set ndecl, diff_change *ch)
{
	mpr_decision a = {.trace = t->a}, b = {.trace = t->b};
	mpr_decide_at(d->old, os, odecl, &a);
	mpr_decide_at(d->new, ns, ndecl, &b);
	explain_change(d, maps, &a, &b, ch);
	if (ch->loosening) {
		d->loosening++;
		d->unjustified += !ch->justified_by;
	} else {
		d->tightening++;
	}
	diff_change *slot = mpr_array_push(d->changes);
	if (!slot)
		return MPR_ENOMEM;
	*slot = *ch;
	return MPR_OK;
}

/* One country x measure in one scenario, old and new, with nothing and with
 * the required safeguards declared: each pair that differs is a change.
 * Most pairs do not: they are decided without a trace. */
static int compare_scenario(rule_diff *d, const diff_maps *maps, const traces *t, int oc, int om,
                            size_t nc, size_t nm, const scenario *sc)
{
	mpr_decision a = {.trace = NULL}, b = {.trace = NULL};
	mpr_substance os = mpr_substance_of(oc, om, sc->old_attr < 0 ? 0 : (mpr_set)1 << sc->old_attr);
	mpr_substance ns = mpr_substance_of((int)nc, (int)nm,
	                                    sc->new_attr < 0 ? 0 : (mpr_set)1 << sc->new_attr);
	os.beneficiary = sc->old_ben;
	ns.beneficiary = sc->new_ben;
	os.implementer = sc->old_imp;
	ns.implementer = sc->new_imp;
	mpr_set odecl = 0, ndecl = 0;
	int rc = MPR_OK;
	for (int dcl = 0; rc == MPR_OK && dcl < 2; dcl++) {
		mpr_decide_at(d->old, &os, odecl, &a);
		mpr_decide_at(d->new, &ns, ndecl, &b);
		if (dcl == 0 && !diff_kind_known(d, &a, &b)) {
			/* a kind of activity the partnership rules have not seen: its
			 * new decision with the trace that names its entries */
			mpr_decision bt = {.trace = t->b};
			mpr_decide_at(d->new, &ns, 0, &bt);
			if ((rc = diff_note_kind(d, &a, &bt, (int)nc, (int)nm, sc->name,
			                         sc->beneficiary, sc->implementer)) != MPR_OK)
				break;
		}
		d->compared++;
		diff_change ch;
		if (compare(d, maps, &a, &b, &ch)) {
			ch.nc = (int)nc;
			ch.nm = (int)nm;
			ch.scenario = sc->name;
			ch.scenario_beneficiary = sc->beneficiary;
			ch.scenario_implementer = sc->implementer;
			ch.declared = dcl;
			rc = record_change(d, maps, t, &os, &ns, odecl, ndecl, &ch);
		}
		odecl = a.required; /* then with the required safeguards declared */
		ndecl = b.required;
	}
	return rc;
}

/* Every country x measure both rulesets know, in every scenario. */
static int decisions(rule_diff *d, const diff_maps *maps, const traces *t, const scenario *sc)
{
	const mpr_ruleset *old = d->old, *new = d->new;
	int rc = MPR_OK;
	for (size_t nc = 0; rc == MPR_OK && nc < new->n_countries; nc++) {
		int oc = mpr_index_find(&old->country_index, new->countries[nc].n.id);
		for (size_t nm = 0; oc >= 0 && rc == MPR_OK && nm < new->n_measures; nm++) {
			int om = maps->measure_old[nm];
			for (size_t s = 0; om >= 0 && rc == MPR_OK && s < d->scenarios; s++)
				rc = compare_scenario(d, maps, t, oc, om, nc, nm, &sc[s]);
		}
	}
	return rc;
}

int rule_diff_init(rule_diff *d, const mpr_ruleset *old, const mpr_ruleset *new, mpr_error *err)
{
	memset(d, 0, sizeof *d);
	d->old = old;
	d->new = new;
	traces t = {calloc(old->max_trace + 1, sizeof(mpr_step)),
	            calloc(new->max_trace + 1, sizeof(mpr_step))};
	scenario *sc = calloc(scenario_room(old), sizeof *sc);
	diff_maps *maps = diff_maps_new(old, new);
	int rc = t.a && t.b && sc && maps ? structural(d, maps) : MPR_ENOMEM;
	if (rc == MPR_OK) {
		d->scenarios = scenarios(old, new, sc);
		rc = decisions(d, maps, &t, sc);
	}
	if (rc == MPR_OK)
		rc = diff_findings(d);
	free(t.a);
	free(t.b);
	free(sc);
	diff_maps_free(maps);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

void rule_diff_free(rule_diff *d)
{
	mpr_array_free(d->entries);
	mpr_array_free(d->changes);
	mpr_array_free(d->kinds);
	mpr_array_free(d->findings);
}
