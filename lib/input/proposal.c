/*
 * proposal.c - proposal YAML/JSON -> mpr_proposal, every id resolved.
 *
 *   partnership: {id, title?, country?, description?, parties?, elements?,
 *                 monitoring?, agreements?: [{id, owner?, what, due?, indicator?,
 *                 target?, activities?, incentive?, consequence?}]}
 *   activities:
 *     - {id, measure, country?, beneficiary?, implementer?, nationals_only?,
 *        evacuated_from?, attributes?: [..], safeguards?: [..], description?}
 *
 * What an activity is may depend on the others: an evacuation hub is one
 * only when the proposal also carries the evacuation from the country it
 * names (evacuation_shown, the ETM's shape, §6.2).
 *
 * An unknown country, measure, attribute or safeguard is an error with its
 * place: the library fails closed, an unknown id is never quietly permitted.
 * Format reference: docs/proposal-format.md.
 */
#include "input/proposal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/activity.h"
#include "input/document.h"
#include "input/schema.h"
#include "input/tree.h"
#include "model.h"
#include "util/date.h"
#include "util/error.h"

/* A country code at node v (a country, a party, where people come from). */
static int country_at(sc_ctx *c, const mpr_ruleset *rs, const yt_node *v, const char *what,
                      int *out)
{
	const char *code;
	int rc = sc_scalar_str(c, v, what, &code);
	if (rc)
		return rc;
	*out = mpr_index_find(&rs->country_index, code);
	if (*out >= 0)
		return MPR_OK;
	int near = mpr_index_find_near(&rs->country_index, code);
	if (near >= 0)
		return sc_fail(c, MPR_EREF, v,
		               "unknown country '%s': codes are ISO 3166-1 alpha-2 in capitals, did you mean '%s'?",
		               code, rs->countries[near].n.id);
	return sc_fail(c, MPR_EREF, v,
	               "unknown country '%s': the ruleset has no assessment for it, so no decision can be made",
	               code);
}

static int country_ref(sc_ctx *c, const mpr_ruleset *rs, const yt_node *map, int *out)
{
	return country_at(c, rs, yt_get(map, "country"), "'country'", out);
}

/* The partner country (decide.c decides support to a security force and a
 * return or transfer for it): the riskiest country named outside the EU, or,
 * when only EU member states are named, the riskiest of them. */
static void consider_partner(const mpr_ruleset *rs, int k, int *outside, int *member)
{
	int *best = rs->countries[k].eu_member ? member : outside;
	if (mpr_country_riskier(rs->countries, k, *best))
		*best = k;
}

/* The parties: EU, or countries the ruleset assesses (a partner's risk is
 * judged, so an unknown code is an error, never an unassessed partner). */
static int parties(sc_ctx *c, mpr_proposal *p, const yt_node *v, int *outside, int *member)
{
	const mpr_ruleset *rs = p->rules;
	int rc = sc_seq(c, v, "'parties'", 1);
	if (rc)
		return rc;
	const char **list = mpr_arena_alloc(&p->arena, v->n * sizeof *list);
	if (!list)
		return sc_fail(c, MPR_ENOMEM, v, "out of memory");
	for (size_t i = 0; i < v->n; i++) {
		if ((rc = sc_scalar_str(c, v->items[i], "a party", &list[i])))
			return rc;
		if (strcmp(list[i], "EU") == 0) {
			p->eu_party = true;
			continue;
		}
		int k;
		if (country_at(c, rs, v->items[i], "a party", &k))
			return sc_fail(c, MPR_EREF, v->items[i],
			               "unknown party '%s': a party is EU or a country the ruleset "
			               "assesses, in capitals (every partner's risk is judged)",
			               list[i]);
		p->excluded_party |= rs->countries[k].excluded != NULL;
		consider_partner(rs, k, outside, member);
	}
	p->parties = list;
	p->n_parties = v->n;
	return MPR_OK;
}

/* One declared element: its id, or {id: ..., DETAIL: "..."} where the
 * ruleset asks the element to state something (the framework a broader
 * partnership belongs to, §4.1.5). An element whose detail is missing is an
 * error: a bare claim cannot meet the rule that asks for the substance. */
static int element(sc_ctx *c, mpr_proposal *p, const yt_node *it)
{
	const mpr_ruleset *rs = p->rules;
	const yt_node *idn = it->kind == YT_MAP ? yt_get(it, "id") : it;
	const char *id;
	int rc;
	if (it->kind == YT_MAP && !idn)
		return sc_fail(c, MPR_ESCHEMA, it, "a declared element needs an 'id'");
	if ((rc = sc_scalar_str(c, idn, "a partnership element", &id)))
		return rc;
	int e = mpr_index_find(&rs->element_index, id);
	if (e < 0)
		return sc_fail(c, MPR_EREF, idn, "unknown partnership element '%s'", id);
	if (p->elements & ((mpr_set)1 << e))
		return sc_fail(c, MPR_ESCHEMA, idn, "partnership element '%s' listed twice", id);
	const char *detail = rs->elements[e].detail;
	if (it->kind == YT_MAP) {
		const char *keys[] = {"id", detail, NULL};
		if (!detail)
			return sc_fail(c, MPR_ESCHEMA, it,
			               "partnership element '%s' takes no details: write just its id", id);
		if ((rc = sc_map(c, it, "a declared element", keys)) ||
		    (rc = sc_text(c, it, detail, true, false, &p->element_detail[e])))
			return rc;
	} else if (detail) {
		return sc_fail(c, MPR_ESCHEMA, it,
		               "partnership element '%s' must state its %s: {id: %s, %s: \"...\"}", id,
		               detail, id, detail);
	}
	p->elements |= (mpr_set)1 << e;
	return MPR_OK;
}

static int elements(sc_ctx *c, mpr_proposal *p, const yt_node *pn)
{
	const yt_node *v = sc_get(pn, "elements");
	if (!v)
		return MPR_OK;
	int rc = sc_seq(c, v, "'elements'", 0);
	for (size_t i = 0; rc == MPR_OK && i < v->n; i++)
		rc = element(c, p, v->items[i]);
	return rc;
}

/* The partnership declaration: parties, elements of the agreement, and the
 * monitoring arrangement, read by the partnership rules. */
static int declaration(sc_ctx *c, mpr_proposal *p, const yt_node *pn)
{
	int rc;
	const yt_node *v;
	int outside = -1, member = -1;
	if (p->country >= 0)
		consider_partner(p->rules, p->country, &outside, &member);
	if ((v = sc_get(pn, "parties")) && (rc = parties(c, p, v, &outside, &member)))
		return rc;
	p->partner = outside >= 0 ? outside : member;
	if ((rc = elements(c, p, pn)))
		return rc;
	if ((v = sc_get(pn, "monitoring"))) {
		static const char *const mkeys[] = {"frequency_months", "bodies", NULL};
		static const char *const bkeys[] = {"name", "independent", "local_access", NULL};
		long months = 0;
		if ((rc = sc_map(c, v, "'monitoring'", mkeys)) ||
		    (rc = sc_int(c, v, "frequency_months", false, 1, 120, &months, NULL)))
			return rc;
		p->has_monitoring = true;
		p->monitoring_months = (unsigned)months;
		const yt_node *b = sc_get(v, "bodies");
		if (b) {
			if ((rc = sc_seq(c, b, "'bodies'", 0)))
				return rc;
			mpr_body *bodies = mpr_arena_alloc(&p->arena, (b->n ? b->n : 1) * sizeof *bodies);
			if (!bodies)
				return sc_fail(c, MPR_ENOMEM, b, "out of memory");
			for (size_t i = 0; i < b->n; i++) {
				const yt_node *it = b->items[i];
				if ((rc = sc_map(c, it, "a monitoring body", bkeys)) ||
				    (rc = sc_text(c, it, "name", true, false, &bodies[i].name)) ||
				    (rc = sc_bool(c, it, "independent", true, &bodies[i].independent)) ||
				    (rc = sc_bool(c, it, "local_access", true, &bodies[i].local_access)))
					return rc;
			}
			p->bodies = bodies;
			p->n_bodies = b->n;
		}
	}
	return MPR_OK;
}

/* An agreement's owner: a party of the partnership when it names its
 * parties, else EU or a country the ruleset assesses. */
static int owner(sc_ctx *c, const mpr_proposal *p, const yt_node *v, const char **out)
{
	int rc = sc_scalar_str(c, v, "'owner'", out);
	if (rc)
		return rc;
	for (size_t i = 0; i < p->n_parties; i++)
		if (strcmp(p->parties[i], *out) == 0)
			return MPR_OK;
	if (p->n_parties)
		return sc_fail(c, MPR_EREF, v, "the owner '%s' is not a party of the partnership", *out);
	int k;
	if (strcmp(*out, "EU") != 0 && country_at(c, p->rules, v, "'owner'", &k))
		return sc_fail(c, MPR_EREF, v,
		               "unknown owner '%s': an owner is EU or a country the ruleset assesses, "
		               "in capitals",
		               *out);
	return MPR_OK;
}

/* The activities (projects) an agreement works through. */
static int agreement_activities(sc_ctx *c, mpr_proposal *p, const yt_node *it, mpr_agreement *a)
{
	const yt_node *v = sc_get(it, "activities"); /* null: none named, as the emitter writes it */
	if (!v)
		return MPR_OK;
	int rc = sc_seq(c, v, "'activities'", 1);
	if (rc)
		return rc;
	int *idx = mpr_arena_alloc(&p->arena, v->n * sizeof *idx);
	if (!idx)
		return sc_fail(c, MPR_ENOMEM, v, "out of memory");
	for (size_t k = 0; k < v->n; k++) {
		const char *id;
		if ((rc = sc_scalar_str(c, v->items[k], "an activity", &id)))
			return rc;
		idx[k] = -1;
		for (size_t j = 0; j < p->n_activities; j++)
			if (strcmp(p->activities[j].id, id) == 0)
				idx[k] = (int)j;
		if (idx[k] < 0)
			return sc_fail(c, MPR_EREF, v->items[k], "the proposal has no activity '%s'", id);
		for (size_t j = 0; j < k; j++)
			if (idx[j] == idx[k])
				return sc_fail(c, MPR_ESCHEMA, v->items[k], "activity '%s' listed twice", id);
	}
	a->activities = idx;
	a->n_activities = v->n;
	return MPR_OK;
}

/* One concrete agreement (Samenvatting "Concrete afspraken"): what is not
 * said makes it incomplete, a partnership finding; what is said wrongly is
 * an error. */
static int agreement(sc_ctx *c, mpr_proposal *p, const yt_node *it, mpr_agreement *a)
{
	static const char *const keys[] = {"id", "owner", "what", "due", "indicator", "target",
	                                   "activities", "incentive", "consequence", NULL};
	const yt_node *v;
	int rc;
	if ((rc = sc_map(c, it, "an agreement", keys)) || (rc = sc_id(c, it, "id", &a->id)) ||
	    (rc = sc_text(c, it, "what", true, false, &a->what)) ||
	    (rc = sc_date(c, it, "due", false, &a->due)) ||
	    (rc = sc_text(c, it, "indicator", false, false, &a->indicator)) ||
	    (rc = sc_num(c, it, "target", false, 0, 1e15, &a->target, &a->has_target)) ||
	    (rc = sc_text(c, it, "incentive", false, false, &a->incentive)) ||
	    (rc = sc_text(c, it, "consequence", false, false, &a->consequence)) ||
	    ((v = sc_get(it, "owner")) && (rc = owner(c, p, v, &a->owner))) ||
	    (rc = agreement_activities(c, p, it, a)))
		return rc;
	if (a->due && !mpr_date_parse(a->due, &a->due_day))
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "due"), "'due' must be a date YYYY-MM-DD");
	a->complete = a->owner && a->due && a->indicator && a->has_target;
	return MPR_OK;
}

static int agreements(sc_ctx *c, mpr_proposal *p, const yt_node *pn)
{
	const yt_node *v = sc_get(pn, "agreements");
	if (!v)
		return MPR_OK;
	int rc = sc_seq(c, v, "'agreements'", 1);
	if (rc)
		return rc;
	mpr_agreement *list = mpr_arena_alloc(&p->arena, v->n * sizeof *list);
	if (!list)
		return sc_fail(c, MPR_ENOMEM, v, "out of memory");
	for (size_t i = 0; i < v->n; i++) {
		if ((rc = agreement(c, p, v->items[i], &list[i])))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(list[j].id, list[i].id) == 0)
				return sc_fail(c, MPR_EREF, yt_get(v->items[i], "id"),
				               "duplicate agreement id '%s'", list[i].id);
	}
	p->agreements = list;
	p->n_agreements = v->n;
	return MPR_OK;
}

int mpr_substance_read(sc_ctx *c, const mpr_ruleset *rs, const yt_node *it, mpr_substance *s)
{
	const yt_node *v = sc_get(it, "beneficiary");
	const char *id;
	int rc;
	if (v && ((rc = sc_scalar_str(c, v, "'beneficiary'", &id)) ||
	          (rc = mpr_beneficiary_resolve(rs, id, &s->beneficiary, false, c->err, c->file,
	                                        v->line, v->column))))
		return rc;
	if ((v = sc_get(it, "implementer")) &&
	    ((rc = sc_scalar_str(c, v, "'implementer'", &id)) ||
	     (rc = mpr_implementer_resolve(rs, id, &s->implementer, false, c->err, c->file, v->line,
	                                   v->column))))
		return rc;
	if ((rc = sc_bool(c, it, "nationals_only", false, &s->nationals_only)))
		return rc;
	if (sc_get(it, "nationals_only") &&
	    rs->measures[s->measure].transfers != MPR_TRANSFERS_UNLESS_NATIONALS)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "nationals_only"),
		               "'nationals_only' applies to return and readmission measures only; %s "
		               "does not return people",
		               rs->measures[s->measure].n.id);
	if ((v = sc_get(it, "evacuated_from"))) {
		if (rs->measures[s->measure].evacuation_tier < 0)
			return sc_fail(c, MPR_ESCHEMA, v,
			               "'evacuated_from' applies to evacuation measures only; %s does not "
			               "evacuate people", rs->measures[s->measure].n.id);
		if ((rc = country_at(c, rs, v, "'evacuated_from'", &s->evacuated_from)))
			return rc;
	}
	return MPR_OK;
}

/* Whether an activity, as declared, is humanitarian support an independent
 * implementer delivers to migrants (decide.c judges it so): what an
 * evacuation out of a country must be. */
static bool delivers_humanitarian(const mpr_ruleset *rs, const mpr_substance *s)
{
	const mpr_measure *m = &rs->measures[s->measure];
	if (!m->humanitarian || m->evacuation_tier >= 0 || s->beneficiary < 0 || s->implementer < 0)
		return false;
	if (m->default_beneficiary >= 0 && s->beneficiary != m->default_beneficiary &&
	    !(m->default_unless & ((mpr_set)1 << s->implementer)))
		return false;
	return rs->beneficiaries[s->beneficiary].delivers_to_migrants &&
	       rs->implementers[s->implementer].independent;
}

/* The ETM's shape (§6.2): an evacuation hub evacuates people only when the
 * proposal carries the evacuation out of the country it names, humanitarian
 * support delivered to migrants placed there; that activity is then the
 * evacuation the hub receives (which F2's lift may read). */
static void evacuations(mpr_proposal *p)
{
	for (size_t i = 0; i < p->n_activities; i++) {
		mpr_proposal_activity *hub = &p->activities[i];
		if (hub->s.evacuated_from < 0)
			continue;
		for (size_t j = 0; j < p->n_activities; j++) {
			mpr_proposal_activity *a = &p->activities[j];
			if (j != i && a->s.country == hub->s.evacuated_from &&
			    delivers_humanitarian(p->rules, &a->s)) {
				hub->s.evacuation_shown = true;
				a->evacuation = true;
			}
		}
	}
}

/* An activity's measure that the rules do not know, at v: the nearest one
 * the rules know, or where their catalogue is. */
static int unknown_measure(sc_ctx *c, const mpr_ruleset *rs, const yt_node *v, const char *measure)
{
	int near = mpr_index_find_near(&rs->measure_index, measure);
	if (near >= 0)
		return sc_fail(c, MPR_EREF, v, "unknown measure '%s': did you mean '%s'?", measure,
		               rs->measures[near].n.id);
	return sc_fail(c, MPR_EREF, v, "unknown measure '%s' (see the measure catalogue: mprisk matrix)",
	               measure);
}

static int build(mpr_proposal *p, const yt_node *root, const char *file,
                 const mpr_load_options *o, mpr_error *err)
{
	const mpr_ruleset *rs = p->rules;
	sc_ctx c = {file, err, &p->arena};
	static const char *const top[] = {"partnership", "activities", NULL};
	static const char *const pkeys[] = {"id", "title", "country", "description", "parties",
	                                    "elements", "monitoring", "agreements", NULL};
	static const char *const akeys[] = {"id", "measure", "country", "beneficiary",
	                                    "implementer", "nationals_only", "evacuated_from",
	                                    "attributes", "safeguards", "description", NULL};
	int rc;
	if (!root)
		return mpr_fail(err, MPR_ESCHEMA, file, 1, 1,
		                "empty proposal (expected 'partnership' and 'activities')");
	if ((rc = sc_map(&c, root, "a proposal", top)))
		return rc;
	const yt_node *pn = yt_get(root, "partnership");
	if (!pn)
		return sc_fail(&c, MPR_ESCHEMA, root, "missing required key 'partnership'");
	if ((rc = sc_map(&c, pn, "'partnership'", pkeys)) || (rc = sc_id(&c, pn, "id", &p->id)) ||
	    (rc = sc_text(&c, pn, "title", false, false, &p->title)) ||
	    (rc = sc_text(&c, pn, "description", false, true, &(const char *){NULL})))
		return rc;
	p->country = -1;
	if (sc_get(pn, "country") && (rc = country_ref(&c, rs, pn, &p->country)))
		return rc;
	if ((rc = declaration(&c, p, pn)))
		return rc;
	const yt_node *an;
	if ((rc = sc_list(&c, root, "activities", true, 1, &an)))
		return rc;
	if (an->n > o->max_activities)
		return sc_fail(&c, MPR_ELIMIT, an, "%zu activities, more than max_activities=%zu", an->n,
		               o->max_activities);
	p->activities = mpr_arena_alloc(&p->arena, an->n * sizeof *p->activities);
	/* activity ids as they are read, to find a duplicate in one probe */
	mpr_index ids;
	if (!p->activities || mpr_index_init(&ids, &p->arena, &p->activities[0].id,
	                                     sizeof *p->activities, an->n))
		return sc_fail(&c, MPR_ENOMEM, an, "out of memory");
	for (size_t i = 0; i < an->n; i++) {
		const yt_node *it = an->items[i];
		mpr_proposal_activity *a = &p->activities[i];
		const char *measure;
		if ((rc = sc_map(&c, it, "an activity", akeys)) || (rc = sc_id(&c, it, "id", &a->id)) ||
		    (rc = sc_str(&c, it, "measure", true, &measure)) ||
		    (rc = sc_text(&c, it, "description", false, true, &(const char *){NULL})))
			return rc;
		if (mpr_index_add(&ids, i) >= 0)
			return sc_fail(&c, MPR_EREF, yt_get(it, "id"), "duplicate activity id '%s'", a->id);
		a->s = mpr_substance_of(-1, mpr_index_find(&rs->measure_index, measure), 0);
		if (a->s.measure < 0)
			return unknown_measure(&c, rs, yt_get(it, "measure"), measure);
		if (sc_get(it, "country")) {
			if ((rc = country_ref(&c, rs, it, &a->s.country)))
				return rc;
		} else if (p->country >= 0) {
			a->s.country = p->country;
		} else {
			return sc_fail(&c, MPR_ESCHEMA, it,
			               "activity '%s' has no 'country' and the partnership names none",
			               a->id);
		}
		a->s.partner = p->partner;
		if ((rc = mpr_substance_read(&c, rs, it, &a->s)) ||
		    (rc = sc_id_set(&c, it, "attributes", 0, &rs->attribute_index, "attribute", true,
		                    &a->s.attributes)) ||
		    (rc = sc_id_set(&c, it, "safeguards", 0, &rs->safeguard_index, "safeguard", true,
		                    &a->safeguards)))
			return rc;
	}
	p->n_activities = an->n;
	evacuations(p);
	/* after the activities, which agreements may name */
	return agreements(&c, p, pn);
}

/* The proposal named name: the file at path, else len bytes of data. */
static int proposal_read(mpr_proposal **out, const mpr_ruleset *rs, const char *name,
                         const char *path, const char *data, size_t len,
                         const mpr_load_options *opts, mpr_error *err, const char *api)
{
	if (err)
		memset(err, 0, sizeof *err);
	/* a file is named by its path (name == path); a buffer has data */
	if (!out || !rs || !name || (!path && !data && len))
		return mpr_fail(err, MPR_EINVAL, name, 0, 0, "%s: out, rules and %s are required", api,
		                name == path ? "path" : "data");
	*out = NULL;
	mpr_load_options o = yt_options(opts);
	mpr_proposal *p = calloc(1, sizeof *p);
	if (!p)
		return mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	p->rules = rs;
	p->name = mpr_arena_strdup(&p->arena, name);
	yt_document d = {0};
	int rc = p->name ? yt_document_read(&d, rs->sha256, p->name, path, data, len, &o, err)
	                 : mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	if (rc == MPR_OK) {
		memcpy(p->sha256, d.sha256, sizeof p->sha256);
		/* kept for decision records, which archive the exact input */
		p->text = mpr_arena_strndup(&p->arena, d.text, d.len);
		p->text_len = d.len;
		rc = p->text ? build(p, d.tree.root, d.tree.file, &o, err)
		             : mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	}
	yt_document_free(&d);
	if (rc == MPR_OK)
		*out = p;
	else
		mpr_proposal_free(p);
	return rc;
}

int mpr_proposal_parse_buffer(mpr_proposal **out, const mpr_ruleset *rs, const char *data,
                              size_t len, const char *name, const mpr_load_options *opts,
                              mpr_error *err)
{
	return proposal_read(out, rs, name ? name : "<buffer>", NULL, data, len, opts, err,
	                     "mpr_proposal_parse_buffer");
}

int mpr_proposal_parse_file(mpr_proposal **out, const mpr_ruleset *rs, const char *path,
                            const mpr_load_options *opts, mpr_error *err)
{
	return proposal_read(out, rs, path, path, NULL, 0, opts, err,
	                     "mpr_proposal_parse_file");
}

int mpr_proposal_from_node(mpr_proposal **out, const mpr_ruleset *rs, const yt_node *root,
                           const char *file, mpr_error *err)
{
	*out = NULL;
	mpr_load_options o = yt_options(NULL);
	mpr_proposal *p = calloc(1, sizeof *p);
	if (!p)
		return mpr_fail(err, MPR_ENOMEM, file, root->line, root->column, "out of memory");
	p->rules = rs;
	p->name = mpr_arena_strdup(&p->arena, file);
	p->text = "";
	int rc = p->name ? yt_node_digest(root, rs->sha256, file, p->sha256, err)
	                 : mpr_fail(err, MPR_ENOMEM, file, root->line, root->column, "out of memory");
	if (rc == MPR_OK)
		rc = build(p, root, p->name, &o, err);
	if (rc == MPR_OK)
		*out = p;
	else
		mpr_proposal_free(p);
	return rc;
}

void mpr_proposal_free(mpr_proposal *p)
{
	if (!p)
		return;
	mpr_arena_free(&p->arena);
	free(p);
}

const char *mpr_proposal_sha256(const mpr_proposal *p) { return p ? p->sha256 : NULL; }
const char *mpr_proposal_id(const mpr_proposal *p) { return p ? p->id : NULL; }
