/*
 * diff_findings.c - the partnership findings in the impact diff: every
 * partnership rule (P1-P8, M1-M5, F2 and the other rules of the ruleset's
 * partnership_rules) decided with both rulesets under each combination of
 * the declarations it reads, and every finding that changes labelled
 * tightening or loosening with the justification rule of the activity
 * decisions (diff.c). A rule change such as M1 from prohibited to
 * conditional changes real decisions; so does a measure that loses a tag
 * or a country that changes tier, and each shows here.
 *
 * The scenarios of a rule (docs/auditing.md lists them): its activities are
 * one, or two, of the kinds of activity the decision space has (each
 * country x measure x scenario, read as the rule reads an activity: tags,
 * country tier, excluded country, humanitarian support, monitoring
 * frequency; two kinds because each "some activity" condition may be met
 * by a different activity); its declaration is every element declared,
 * none of those the rule names (lacks_any, declares), or all but one of
 * them; the EU a party or not, and an excluded country among the parties
 * or not, when the rule reads it; and, when it reads monitoring, no
 * arrangement, one without an independent body, an independent body
 * without or with local access, with the frequency not stated, as frequent
 * as the old or the new rules require, or less frequent than both. A kind
 * of activity is projected on what the two versions of the rule read, so
 * that the scenarios are as few as the rule can tell apart.
 */
#include <stdlib.h>
#include <string.h>

#include "audit/diff.h"
#include "decide/decide.h"
#include "load/load.h"
#include "util/error.h"

static bool same_pact(const mpr_pact *a, const mpr_pact *b)
{
	return a->tags == b->tags && a->country_tier == b->country_tier &&
	       a->excluded == b->excluded && a->humanitarian == b->humanitarian &&
	       a->months == b->months;
}

bool diff_kind_known(const rule_diff *d, const mpr_decision *a, const mpr_decision *b)
{
	mpr_pact o = mpr_pact_of(d->old, a), n = mpr_pact_of(d->new, b);
	for (size_t i = 0; i < d->kinds.n; i++)
		if (same_pact(&d->kinds.v[i].o, &o) && same_pact(&d->kinds.v[i].n, &n))
			return true;
	return false;
}

int diff_note_kind(rule_diff *d, const mpr_decision *a, const mpr_decision *b, int nc, int nm,
                   const char *scenario, bool scenario_beneficiary, const char *implementer)
{
	if (diff_kind_known(d, a, b))
		return MPR_OK;
	mpr_pact o = mpr_pact_of(d->old, a), n = mpr_pact_of(d->new, b);
	diff_kind *k = mpr_array_push(d->kinds);
	if (!k)
		return MPR_ENOMEM;
	memset(k, 0, sizeof *k);
	k->o = o;
	k->n = n;
	k->nc = nc;
	k->nm = nm;
	k->scenario = scenario;
	k->scenario_beneficiary = scenario_beneficiary;
	k->scenario_implementer = implementer;
	const mpr_ruleset *new = d->new;
	const char *ids[3] = {new->countries[b->country].n.id, new->measures[b->measure].n.id,
	                      b->beneficiary >= 0 ? new->beneficiaries[b->beneficiary].n.id : NULL};
	for (int i = 0; i < 3; i++) {
		const mpr_entry *e = ids[i] ? mpr_entry_by_pointer(new, ids[i]) : NULL;
		if (e && diff_entry_changed(d->old, e))
			diff_add_why(k->changed, &k->n_changed, e);
	}
	for (size_t i = 0; i < b->n_trace; i++) {
		const mpr_entry *e = mpr_entry_by_pointer(new, b->trace[i].rule);
		if (e && diff_entry_changed(d->old, e))
			diff_add_why(k->changed, &k->n_changed, e);
	}
	return MPR_OK;
}

/* ---- one rule, both versions --------------------------------------------- */

/* A rule's two versions and what they read. */
typedef struct rule_pair {
	const char *id;
	const mpr_prule *o, *n;
	const char *elements[2 * MPR_MAX_SET]; /* the element ids either version names */
	size_t n_elements;
	bool eu, excluded_party, monitoring, frequency, agreements;
} rule_pair;

/* An activity kind as a rule pair reads it, with the kind it stands for. */
typedef struct proj {
	mpr_pact o, n;
	size_t kind;
} proj;

/* What pr reads of an activity; the rest is zeroed. */
static mpr_pact project(const mpr_prule *pr, const mpr_pact *a)
{
	mpr_pact p = {0, -1, false, false, 0, false};
	if (!pr)
		return p;
	p.tags = a->tags & (pr->any_tagged | pr->all_tagged);
	if (pr->tier_mask)
		p.country_tier = a->country_tier;
	if (pr->any_excluded >= 0)
		p.excluded = a->excluded;
	if (pr->any_humanitarian >= 0)
		p.humanitarian = a->humanitarian;
	if (pr->monitoring == MPR_MON_LESS_FREQUENT)
		p.months = a->months;
	return p;
}

static void add_elements(rule_pair *rp, const mpr_ruleset *rs, const mpr_prule *pr)
{
	for (size_t e = 0; pr && e < rs->n_elements; e++) {
		if (!((pr->lacks_any | pr->declares | pr->lift_declares) & ((mpr_set)1 << e)))
			continue;
		size_t k = 0;
		while (k < rp->n_elements && strcmp(rp->elements[k], rs->elements[e].n.id) != 0)
			k++;
		if (k == rp->n_elements)
			rp->elements[rp->n_elements++] = rs->elements[e].n.id;
	}
}

static const mpr_prule *prule_named(const mpr_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_prules; i++)
		if (strcmp(rs->prules[i].id, id) == 0)
			return &rs->prules[i];
	return NULL;
}

/* The elements a side declares in scenario sc: all of its catalogue, but
 * the ones the scenario leaves out. */
static mpr_set elements_of(const rule_pair *rp, const mpr_ruleset *rs, const diff_pscenario *sc)
{
	mpr_set all = rs->n_elements >= 64 ? ~(mpr_set)0 : (((mpr_set)1 << rs->n_elements) - 1);
	for (size_t k = 0; k < rp->n_elements && sc->element != -2; k++) {
		if (sc->element >= 0 && (size_t)sc->element != k)
			continue;
		int e = mpr_index_find(&rs->element_index, rp->elements[k]);
		if (e >= 0)
			all &= ~((mpr_set)1 << e);
	}
	return all;
}

static mpr_pdecl decl_of(const rule_pair *rp, const mpr_ruleset *rs, const diff_pscenario *sc,
                         unsigned months)
{
	mpr_pdecl p = {elements_of(rp, rs, sc), sc->eu != 0, sc->excluded_party == 1, true, true,
	               true, months, sc->agreements < 0 ? MPR_AGREEMENTS_ANY : sc->agreements};
	if (sc->bodies >= 0) {
		p.has_monitoring = sc->bodies != DM_NONE;
		p.independent = sc->bodies >= DM_INDEPENDENT;
		p.independent_local = sc->bodies == DM_LOCAL;
	}
	return p;
}

/* The activities of a scenario, for mpr_prule_fires. */
typedef struct acts {
	const diff_kind *kinds;
	const size_t *which;
	bool new_side;
} acts;

static mpr_pact act_at(const void *ctx, size_t i)
{
	const acts *a = ctx;
	const diff_kind *k = &a->kinds[a->which[i]];
	return a->new_side ? k->n : k->o;
}

/* Why a changed finding changed: the rule, the elements it reads, the
 * activities' country, measure and beneficiary, when they changed. */
static void explain(const rule_diff *d, const rule_pair *rp, diff_finding *f)
{
	const mpr_ruleset *old = d->old, *new = d->new;
	const mpr_entry *e;
	if (rp->n && (e = mpr_entry_find(new, MPR_ENTRY_PARTNERSHIP_RULE, rp->id)) &&
	    diff_entry_changed(old, e))
		diff_add_why(f->why_new, &f->n_why_new, e);
	if (!rp->n && (e = mpr_entry_find(old, MPR_ENTRY_PARTNERSHIP_RULE, rp->id)))
		diff_add_why(f->why_old, &f->n_why_old, e);
	for (size_t k = 0; k < rp->n_elements; k++)
		if ((e = mpr_entry_find(new, MPR_ENTRY_ELEMENT, rp->elements[k])) &&
		    diff_entry_changed(old, e))
			diff_add_why(f->why_new, &f->n_why_new, e);
	for (size_t i = 0; i < f->sc.n_kinds; i++) {
		const diff_kind *k = &d->kinds.v[f->sc.kinds[i]];
		for (size_t c = 0; c < k->n_changed; c++)
			diff_add_why(f->why_new, &f->n_why_new, k->changed[c]);
	}
	for (size_t i = 0; i < f->n_why_new && !f->justified_by; i++)
		if (f->why_new[i]->justification)
			f->justified_by = f->why_new[i];
}

/* One scenario: decided with both versions; a change is kept. */
static int compare_one(rule_diff *d, const rule_pair *rp, const diff_pscenario *sc)
{
	acts ao = {d->kinds.v, sc->kinds, false}, an = {d->kinds.v, sc->kinds, true};
	mpr_pdecl po = decl_of(rp, d->old, sc, sc->months_old);
	mpr_pdecl pn = decl_of(rp, d->new, sc, sc->months_new);
	/* a lifted rule is no finding; a kind of the decision space is no one's
	 * evacuation, so a lift that asks for one never holds here */
	bool fo = rp->o && mpr_prule_fires(rp->o, &po, sc->n_kinds, act_at, &ao) &&
	          !mpr_prule_lifted(rp->o, &po, sc->n_kinds, act_at, &ao);
	bool fn = rp->n && mpr_prule_fires(rp->n, &pn, sc->n_kinds, act_at, &an) &&
	          !mpr_prule_lifted(rp->n, &pn, sc->n_kinds, act_at, &an);
	int so = fo ? (int)rp->o->severity : -1, sn = fn ? (int)rp->n->severity : -1;
	d->f_compared++;
	if (so == sn)
		return MPR_OK;
	diff_finding *f = mpr_array_push(d->findings);
	if (!f)
		return MPR_ENOMEM;
	memset(f, 0, sizeof *f);
	f->rule = rp->id;
	f->o = rp->o;
	f->n = rp->n;
	f->ofires = fo;
	f->nfires = fn;
	f->sc = *sc;
	f->tightening = sn > so;
	f->loosening = sn < so;
	explain(d, rp, f);
	if (f->loosening) {
		d->f_loosening++;
		d->f_unjustified += !f->justified_by;
	} else {
		d->f_tightening++;
	}
	return MPR_OK;
}

/* Every declaration of elements and parties the rule reads. */
static int declarations(rule_diff *d, const rule_pair *rp, diff_pscenario *sc)
{
	int rc = MPR_OK;
	int last = rp->n_elements >= 2 ? (int)rp->n_elements - 1 : rp->n_elements ? -1 : -2;
	for (int e = -2; rc == MPR_OK && e <= last; e++) {
		sc->element = e;
		sc->element_id = e >= 0 ? rp->elements[e] : NULL;
		for (int eu = 1; rc == MPR_OK && eu >= (rp->eu ? 0 : 1); eu--) {
			sc->eu = rp->eu ? eu : -1;
			for (int x = 0; rc == MPR_OK && x <= (rp->excluded_party ? 1 : 0); x++) {
				sc->excluded_party = rp->excluded_party ? x : -1;
				/* the concrete agreements (Rec. 1): all complete, none, one incomplete */
				for (int g = rp->agreements ? MPR_AGREEMENTS_ANY : -1;
				     rc == MPR_OK && g <= (rp->agreements ? MPR_AGREEMENTS_INCOMPLETE : -1); g++) {
					sc->agreements = g;
					rc = compare_one(d, rp, sc);
				}
			}
		}
	}
	return rc;
}

/* Every monitoring arrangement the rule can tell apart, then the rest. */
static int monitoring(rule_diff *d, const rule_pair *rp, diff_pscenario *sc)
{
	unsigned ro = 0, rn = 0; /* the frequency the activities require */
	for (size_t i = 0; i < sc->n_kinds; i++) {
		const diff_kind *k = &d->kinds.v[sc->kinds[i]];
		ro = !ro || k->o.months < ro ? k->o.months : ro;
		rn = !rn || k->n.months < rn ? k->n.months : rn;
	}
	unsigned adequate = ro < rn ? ro : rn, rarer = (ro > rn ? ro : rn) + 1;
	int rc = MPR_OK;
	for (int bodies = rp->monitoring ? DM_NONE : DM_LOCAL; rc == MPR_OK && bodies <= DM_LOCAL;
	     bodies++) {
		if (bodies == DM_DEPENDENT) /* to a rule, no independent body at all */
			continue;
		sc->bodies = rp->monitoring ? bodies : -1;
		bool frequencies = rp->frequency && bodies != DM_NONE;
		for (int f = frequencies ? DF_UNSTATED : DF_RARER; rc == MPR_OK && f <= DF_RARER; f++) {
			if (f == DF_NEW && rn == ro)
				continue;
			unsigned months = !frequencies ? (bodies == DM_NONE ? 0 : adequate)
			                  : f == DF_UNSTATED ? 0
			                  : f == DF_OLD      ? ro
			                  : f == DF_NEW      ? rn
			                                     : rarer;
			sc->frequency = frequencies ? f : -1;
			sc->months_old = sc->months_new = months;
			rc = declarations(d, rp, sc);
		}
	}
	return rc;
}

/* A rule's versions in every scenario: one activity of each kind the rule
 * can tell apart, and two. */
static int compare_rule(rule_diff *d, rule_pair *rp)
{
	add_elements(rp, d->old, rp->o);
	add_elements(rp, d->new, rp->n);
	rp->eu = (rp->o && rp->o->bilateral == 1) || (rp->n && rp->n->bilateral == 1);
	rp->excluded_party = (rp->o && rp->o->any_party_excluded == 1) ||
	                     (rp->n && rp->n->any_party_excluded == 1);
	rp->monitoring = (rp->o && rp->o->monitoring) || (rp->n && rp->n->monitoring);
	rp->agreements = (rp->o && rp->o->agreements) || (rp->n && rp->n->agreements);
	rp->frequency = (rp->o && rp->o->monitoring == MPR_MON_LESS_FREQUENT) ||
	                (rp->n && rp->n->monitoring == MPR_MON_LESS_FREQUENT);
	proj *pj = malloc((d->kinds.n + 1) * sizeof *pj);
	if (!pj)
		return MPR_ENOMEM;
	size_t np = 0;
	for (size_t i = 0; i < d->kinds.n; i++) {
		proj p = {project(rp->o, &d->kinds.v[i].o), project(rp->n, &d->kinds.v[i].n), i};
		size_t k = 0;
		while (k < np && !(same_pact(&pj[k].o, &p.o) && same_pact(&pj[k].n, &p.n)))
			k++;
		if (k == np)
			pj[np++] = p;
	}
	int rc = MPR_OK;
	diff_pscenario sc;
	memset(&sc, 0, sizeof sc);
	/* one activity of each kind, then two of different kinds */
	for (size_t span = 0; span < 2; span++)
		for (size_t i = 0; rc == MPR_OK && i + span < np; i++)
			for (size_t j = i + span; rc == MPR_OK && j < (span ? np : i + 1); j++) {
				sc.kinds[0] = pj[i].kind;
				sc.kinds[1] = pj[j].kind;
				sc.n_kinds = span + 1;
				rc = monitoring(d, rp, &sc);
			}
	free(pj);
	return rc;
}

int diff_findings(rule_diff *d)
{
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < d->new->n_prules + d->old->n_prules; i++) {
		bool in_new = i < d->new->n_prules;
		const mpr_prule *pr = in_new ? &d->new->prules[i] : &d->old->prules[i - d->new->n_prules];
		if (!in_new && prule_named(d->new, pr->id))
			continue; /* compared with its new version */
		rule_pair rp;
		memset(&rp, 0, sizeof rp);
		rp.id = pr->id;
		rp.o = in_new ? prule_named(d->old, pr->id) : pr;
		rp.n = in_new ? pr : NULL;
		rc = compare_rule(d, &rp);
	}
	return rc;
}
