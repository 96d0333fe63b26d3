/*
 * classification.c - the `classification` section: how a country's
 * indicators give its tier (R2-R5, F1, F2). A Freedom House status maps to
 * a tier; the V-Dem human rights index falls in a band; treaty rules set a
 * lowest tier for a country that is not a party; restricted freedoms (the
 * condition of R8's escalations) and the functioning-state threshold (F2)
 * are read here too. classify.c applies all of it to each country.
 */
#include <stdio.h>
#include <string.h>

#include "load/loader.h"

/* A rule of the classification that reads one indicator: the mapping at
 * n[key], with keys, and its source. */
static int indicator_rule(sc_ctx *c, const yt_node *n, const char *key, const char *const *keys,
                          const yt_node **rule, const char **source)
{
	char what[64];
	snprintf(what, sizeof what, "'%s'", key);
	if (!(*rule = yt_get(n, key)))
		return sc_fail(c, MPR_ESCHEMA, n, "missing required key '%s'", key);
	int rc = sc_map(c, *rule, what, keys);
	return rc ? rc : sc_str(c, *rule, "source", true, source);
}

/* Freedom House status -> tier. */
static int freedom_house(loader *L, sc_ctx *c, const yt_node *n, mpr_classification *cl)
{
	static const char *const fkeys[] = {"source", "status_tiers", NULL};
	const yt_node *fh;
	int rc = indicator_rule(c, n, "freedom_house", fkeys, &fh, &cl->fh_rule_source);
	if (rc)
		return rc;
	const yt_node *st = yt_get(fh, "status_tiers");
	if (!st)
		return sc_fail(c, MPR_ESCHEMA, fh, "missing required key 'status_tiers'");
	if ((rc = sc_map(c, st, "'status_tiers'", NULL)))
		return rc;
	if (st->n == 0 || st->n > MPR_MAX_TIERS)
		return sc_fail(c, MPR_ESCHEMA, st, "'status_tiers' needs 1 to %d statuses",
		               MPR_MAX_TIERS);
	for (size_t i = 0; i < st->n; i++) {
		cl->fh_status_names[i] = mpr_arena_strdup(&L->rs->arena, st->items[2 * i]->value);
		if (!cl->fh_status_names[i])
			return ld_oom(L, c->file, st);
		if ((rc = ld_tier(L, c, st, st->items[2 * i]->value, true, &cl->fh_status_tier[i])))
			return rc;
	}
	cl->n_fh_status = st->n;
	return MPR_OK;
}

/* V-Dem human rights index bands, from the highest down to 0. */
static int human_rights_index(loader *L, sc_ctx *c, const yt_node *n, mpr_classification *cl)
{
	static const char *const hkeys[] = {"source", "bands", NULL};
	static const char *const bkeys[] = {"at_least", "tier", NULL};
	const yt_node *hri, *bands;
	int rc;
	if ((rc = indicator_rule(c, n, "human_rights_index", hkeys, &hri, &cl->hri_rule_source)) ||
	    (rc = sc_list(c, hri, "bands", true, 1, &bands)))
		return rc;
	if (bands->n > MPR_MAX_TIERS)
		return sc_fail(c, MPR_ELIMIT, bands, "at most %d bands", MPR_MAX_TIERS);
	for (size_t i = 0; i < bands->n; i++) {
		const yt_node *b = bands->items[i];
		mpr_band *band = &cl->bands[i];
		if ((rc = sc_map(c, b, "a band", bkeys)) ||
		    (rc = sc_num(c, b, "at_least", true, 0.0, 1.0, &band->at_least, NULL)) ||
		    (rc = ld_tier(L, c, b, "tier", true, &band->tier)))
			return rc;
		if (i && band->at_least >= cl->bands[i - 1].at_least)
			return sc_fail(c, MPR_EINVARIANT, b,
			               "bands must be listed from the highest 'at_least' down");
		if (i && band->tier < cl->bands[i - 1].tier)
			return sc_fail(c, MPR_EINVARIANT, b,
			               "a lower index cannot give a lower-risk tier than a higher one");
	}
	if (cl->bands[bands->n - 1].at_least != 0.0)
		return sc_fail(c, MPR_EINVARIANT, bands->items[bands->n - 1],
		               "the last band must start at 0 so that every index value has a tier");
	cl->n_bands = bands->n;
	return MPR_OK;
}

static const char *const treaty_keys[] = {"refugee_convention", "refugee_protocol", "cat",
                                          "iccpr"};

const char *ld_treaty_key(int treaty)
{
	return treaty >= 0 && treaty < MPR_TREATY_COUNT ? treaty_keys[treaty] : "?";
}

/* Treaty rules (F1): the lowest tier of a country that is not a party. */
static int treaties(loader *L, sc_ctx *c, const yt_node *n, mpr_classification *cl)
{
	static const char *const tkeys[] = {"id", "treaty", "not_party_at_least", "source",
	                                    "justification", NULL};
	const char *const *names = treaty_keys;
	mpr_ruleset *rs = L->rs;
	const yt_node *tr;
	int rc = sc_list(c, n, "treaties", false, 0, &tr);
	if (rc || !tr)
		return rc;
	cl->treaty_rules = ld_alloc(L, tr->n, sizeof *cl->treaty_rules);
	if (!cl->treaty_rules)
		return ld_oom(L, c->file, tr);
	for (size_t i = 0; i < tr->n; i++) {
		const yt_node *t = tr->items[i];
		mpr_treaty_rule *r = &cl->treaty_rules[i];
		if ((rc = sc_map(c, t, "a treaty rule", tkeys)) || (rc = sc_id(c, t, "id", &r->id)) ||
		    (rc = ld_rule_id(L, c, r->id, yt_get(t, "id"))) ||
		    (rc = sc_enum(c, t, "treaty", true, names, 4, &r->treaty)) ||
		    (rc = ld_tier(L, c, t, "not_party_at_least", true, &r->at_least)) ||
		    (rc = sc_str(c, t, "source", true, &r->source)) ||
		    (rc = ld_entry(L, c, MPR_ENTRY_TREATY_RULE, r->id, t)))
			return rc;
		r->effect = ld_treaty_effect(&rs->arena, NULL, rs, r, names[r->treaty]);
		if (!r->effect)
			return ld_oom(L, c->file, t);
	}
	cl->n_treaty_rules = tr->n;
	return MPR_OK;
}

/* Restricted fundamental freedoms, the condition of R8's escalations. */
static int restricted_freedoms(sc_ctx *c, const yt_node *n, mpr_classification *cl)
{
	static const char *const rkeys[] = {"source", "freedom_house_status",
	                                    "human_rights_index_below", NULL};
	const yt_node *rf = yt_get(n, "restricted_freedoms");
	int rc;
	if (!rf)
		return sc_fail(c, MPR_ESCHEMA, n, "missing required key 'restricted_freedoms'");
	if ((rc = sc_map(c, rf, "'restricted_freedoms'", rkeys)) ||
	    (rc = sc_str(c, rf, "source", true, &cl->restricted_source)) ||
	    (rc = sc_num(c, rf, "human_rights_index_below", true, 0.0, 1.0,
	                 &cl->restricted_hri_below, NULL)))
		return rc;
	const yt_node *rs_st;
	if ((rc = sc_list(c, rf, "freedom_house_status", true, 0, &rs_st)))
		return rc;
	if (rs_st->n > MPR_MAX_TIERS)
		return sc_fail(c, MPR_ELIMIT, rs_st, "too many statuses");
	for (size_t i = 0; i < rs_st->n; i++) {
		const char *s;
		if ((rc = sc_scalar_str(c, rs_st->items[i], "a Freedom House status", &s)))
			return rc;
		if (ld_find_in(cl->fh_status_names, cl->n_fh_status, s) < 0)
			return sc_fail(c, MPR_EREF, rs_st->items[i],
			               "'%s' is not a status of freedom_house.status_tiers", s);
		cl->restricted_statuses[i] = s;
	}
	cl->n_restricted_statuses = rs_st->n;
	return MPR_OK;
}

int ld_classification(loader *L, const part *parts, size_t n_parts)
{
	const part *p = &parts[0]; /* required, defined once: n_parts is 1 */
	(void)n_parts;
	sc_ctx c = ld_ctx(L, p->file);
	mpr_classification *cl = &L->rs->classification;
	const yt_node *n = p->node;
	static const char *const keys[] = {"id", "source", "freedom_house", "human_rights_index",
	                                   "missing_indicator_tier", "treaties",
	                                   "restricted_freedoms", "functioning_state",
	                                   "justification", NULL};
	static const char *const skeys[] = {"source", "state_authority_below",
	                                    "review_below", NULL};
	int rc;
	if ((rc = sc_map(&c, n, "'classification'", keys)) || (rc = sc_id(&c, n, "id", &cl->id)) ||
	    (rc = sc_str(&c, n, "source", true, &cl->source)) ||
	    (rc = ld_rule_id(L, &c, cl->id, yt_get(n, "id"))) ||
	    (rc = ld_entry(L, &c, MPR_ENTRY_CLASSIFICATION, cl->id, n)) ||
	    (rc = ld_tier(L, &c, n, "missing_indicator_tier", true, &cl->missing_tier)) ||
	    (rc = freedom_house(L, &c, n, cl)) || (rc = human_rights_index(L, &c, n, cl)) ||
	    (rc = treaties(L, &c, n, cl)) || (rc = restricted_freedoms(&c, n, cl)))
		return rc;
	/* limited presence of a functioning state (F2) */
	const yt_node *fs = yt_get(n, "functioning_state");
	if (fs && ((rc = sc_map(&c, fs, "'functioning_state'", skeys)) ||
	           (rc = sc_str(&c, fs, "source", true, &cl->functioning_state_source)) ||
	           (rc = sc_num(&c, fs, "state_authority_below", true, 0.0, 100.0,
	                        &cl->state_authority_below, NULL)) ||
	           (rc = sc_num(&c, fs, "review_below", false, 0.0, 100.0,
	                        &cl->state_authority_review_below, NULL))))
		return rc;
	if (fs && cl->state_authority_review_below > 0 &&
	    cl->state_authority_review_below < cl->state_authority_below)
		return sc_fail(&c, MPR_ESCHEMA, yt_get(fs, "review_below"),
		               "'review_below' (%.1f) is below 'state_authority_below' (%.1f): the "
		               "review band would be empty",
		               cl->state_authority_review_below, cl->state_authority_below);
	return MPR_OK;
}
