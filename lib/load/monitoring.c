/*
 * monitoring.c - the sections on steering a partnership while it runs
 * (§4.2.3: "Ook betekent dit dat er consequenties worden verbonden aan de
 * observaties die voortkomen uit de monitoring"):
 *
 *   violation_kinds        what monitoring can observe (floor kinds: F3)
 *   consequences           what follows, each on conditions the loader
 *                          checks against a closed set, with an action of
 *                          a closed vocabulary, its scope and due period
 *   monitoring_parameters  which rounds count (M1, F5) and when experience
 *                          raises a measure type's risk (R9)
 *
 * Every number the report leaves open (the days a suspension decision may
 * take, how many observations within how many months make experience) is
 * here, in the rule files, never in C. Format: docs/rules-format.md.
 */
#include <string.h>

#include "load/loader.h"

/* One violation kind: whether it is a floor kind (F3). */
static int violation_kind(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	(void)L;
	mpr_violation_kind *k = (mpr_violation_kind *)items + i;
	return sc_bool(c, it, "floor", false, &k->floor);
}

static const char *const kind_keys[] = {"id", "name", "floor", "source", "justification", NULL};

const ld_items ld_violation_kind_items = {0, sizeof(mpr_violation_kind), violation_kind,
                                          "a violation kind", "violation kind",
                                          MPR_ENTRY_VIOLATION_KIND, kind_keys, MPR_MAX_SET,
                                          "violation kinds", NULL};

/* A list of names at w[key] -> a bit per name (0 when absent). */
static int name_mask(sc_ctx *c, const yt_node *w, const char *key, const char *const *names,
                     size_t n, const char *what, unsigned *out)
{
	*out = 0;
	const yt_node *list;
	int rc = sc_list(c, w, key, false, 1, &list);
	if (rc || !list)
		return rc;
	for (size_t k = 0; k < list->n; k++) {
		const char *s;
		if ((rc = sc_scalar_str(c, list->items[k], what, &s)))
			return rc;
		int found = ld_find_in(names, n, s);
		if (found < 0)
			return sc_fail(c, MPR_EREF, list->items[k], "unknown %s '%s'", what, s);
		if (*out & (1u << found))
			return sc_fail(c, MPR_ESCHEMA, list->items[k], "%s '%s' listed twice", what, s);
		*out |= 1u << found;
	}
	return MPR_OK;
}

/* The conditions on one observation. */
static int observation_conditions(loader *L, sc_ctx *c, const yt_node *w, mpr_consequence *q)
{
	static const char *const fu[] = {"overdue", "none"};
	const mpr_ruleset *rs = L->rs;
	const char *susp[MPR_MAX_TIERS];
	for (size_t i = 0; i < rs->n_suspension; i++)
		susp[i] = rs->suspension[i].id;
	int rc;
	if ((rc = ld_tri_bool(c, w, "kind_floor", &q->kind_floor)) ||
	    (rc = sc_id_set(c, w, "kinds", 1, &rs->violation_kind_index, "violation kind", true,
	                    &q->kinds)) ||
	    (rc = name_mask(c, w, "severity", mpr_severity_words(), MPR_SEVERITY_COUNT, "severity",
	                    &q->severities)) ||
	    (rc = name_mask(c, w, "suspension", susp, rs->n_suspension, "suspension level",
	                    &q->suspensions)) ||
	    (rc = name_mask(c, w, "status", mpr_follow_words(), MPR_FOLLOW_COUNT, "follow-up status",
	                    &q->statuses)) ||
	    (rc = ld_tier_mask(L, c, w, "country_tier", &q->tier_mask)))
		return rc;
	if (q->kind_floor == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(w, "kind_floor"),
		               "'kind_floor' can only be true (name the kinds with 'kinds' otherwise)");
	if (yt_get(w, "follow_up")) {
		int f;
		if ((rc = sc_enum(c, w, "follow_up", true, fu, 2, &f)))
			return rc;
		q->follow_up = f == 0 ? MPR_FU_OVERDUE : MPR_FU_NONE;
	}
	return MPR_OK;
}

/* The one condition of a consequence that is not about an observation:
 * `round`, `decision` or `agreements`, alone. */
static int other_condition(sc_ctx *c, const yt_node *w, mpr_consequence *q)
{
	static const char *const round[] = {"overdue", "not-counted"};
	static const char *const decision[] = {"no-longer-passes"};
	static const char *const agreements[] = {"behind-schedule"};
	int v, rc;
	if (yt_get(w, "round")) {
		if ((rc = sc_enum(c, w, "round", true, round, 2, &v)))
			return rc;
		q->trigger = v == 0 ? MPR_ON_ROUND_OVERDUE : MPR_ON_ROUND_NOT_COUNTED;
	} else if (yt_get(w, "decision")) {
		if ((rc = sc_enum(c, w, "decision", true, decision, 1, &v)))
			return rc;
		q->trigger = MPR_ON_NO_LONGER_PASSES;
	} else {
		if ((rc = sc_enum(c, w, "agreements", true, agreements, 1, &v)))
			return rc;
		q->trigger = MPR_ON_AGREEMENT_BEHIND;
	}
	if (w->n != 1)
		return sc_fail(c, MPR_ESCHEMA, w,
		               "'round', 'decision' and 'agreements' are conditions of their own: "
		               "a consequence states one of them alone");
	bool partnership = q->trigger == MPR_ON_NO_LONGER_PASSES || q->trigger == MPR_ON_AGREEMENT_BEHIND;
	if (partnership != (q->scope == MPR_SCOPE_PARTNERSHIP))
		return sc_fail(c, MPR_ESCHEMA, w, "this condition concerns %s: its scope is '%s'",
		               partnership ? "the partnership" : "an activity",
		               partnership ? "partnership" : "activity");
	return MPR_OK;
}

/* The conditions ('when') of a consequence: at least one. */
static int conditions(loader *L, sc_ctx *c, const yt_node *it, mpr_consequence *q)
{
	static const char *const wkeys[] = {"kind_floor", "kinds", "severity", "suspension", "status",
	                                    "country_tier", "follow_up", "round", "decision",
	                                    "agreements", NULL};
	const yt_node *w;
	int rc = ld_when(c, it, wkeys, &w);
	if (rc)
		return rc;
	if (w->n == 0)
		return sc_fail(c, MPR_ESCHEMA, w, "a consequence needs at least one condition");
	if (yt_get(w, "round") || yt_get(w, "decision") || yt_get(w, "agreements"))
		return other_condition(c, w, q);
	q->trigger = MPR_ON_OBSERVATION;
	return observation_conditions(L, c, w, q);
}

/* One consequence: id, what fires it, what it asks, of whom, by when. */
static int consequence(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "when", "action", "scope", "due_days", "message",
	                                   "source", "justification", NULL};
	static const char *const scopes[] = {"activity", "partnership"};
	mpr_consequence *q = (mpr_consequence *)items + i;
	long due = 0;
	int rc;
	if ((rc = sc_map(c, it, "a consequence", keys)) || (rc = sc_id(c, it, "id", &q->id)) ||
	    (rc = ld_rule_id(L, c, q->id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "message", true, &q->message)) ||
	    (rc = sc_str(c, it, "source", true, &q->source)) ||
	    (rc = sc_enum(c, it, "action", true, mpr_action_words(), MPR_ACTION_COUNT, &q->action)) ||
	    (rc = sc_enum(c, it, "scope", true, scopes, 2, &q->scope)) ||
	    (rc = sc_int(c, it, "due_days", false, 0, 3650, &due, NULL)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_CONSEQUENCE, q->id, it)))
		return rc;
	q->due_days = (unsigned)due;
	q->kind_floor = -1;
	if ((rc = conditions(L, c, it, q)))
		return rc;
	if (q->trigger == MPR_ON_OBSERVATION && q->scope == MPR_SCOPE_PARTNERSHIP && q->suspensions)
		return sc_fail(c, MPR_ESCHEMA, yt_get(yt_get(it, "when"), "suspension"),
		               "'suspension' reads an activity's cell: the scope is 'activity'");
	q->at = ld_place(c->file, it);
	return MPR_OK;
}

const ld_items ld_consequence_items = {.size = sizeof(mpr_consequence), .item = consequence};

/* `independent` or `local_access` of counting_round: where a body must be so. */
static int body_rule(loader *L, sc_ctx *c, const yt_node *map, const char *key, mpr_body_rule *r)
{
	static const char *const keys[] = {"when_required", "country_tiers", NULL};
	const yt_node *v = yt_get(map, key);
	int rc;
	if (!v)
		return sc_fail(c, MPR_ESCHEMA, map, "missing required key '%s'", key);
	if ((rc = sc_map(c, v, "a body requirement", keys)) ||
	    (rc = sc_id_set(c, v, "when_required", 1, &L->rs->safeguard_index, "safeguard", true,
	                    &r->safeguards)) ||
	    (rc = ld_tier_mask(L, c, v, "country_tiers", &r->tier_mask)))
		return rc;
	if (!r->safeguards && !r->tier_mask)
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' needs 'when_required' or 'country_tiers'", key);
	return MPR_OK;
}

/* counting_round: which rounds count towards the pace (M1, F5). */
static int counting_round(loader *L, sc_ctx *c, const yt_node *v)
{
	static const char *const keys[] = {"id", "independent", "local_access", "source",
	                                   "justification", NULL};
	mpr_monitoring_rules *m = &L->rs->mon;
	int rc;
	if ((rc = sc_map(c, v, "'counting_round'", keys)) || (rc = sc_id(c, v, "id", &m->round_id)) ||
	    (rc = ld_rule_id(L, c, m->round_id, yt_get(v, "id"))) ||
	    (rc = sc_str(c, v, "source", true, &m->round_source)) ||
	    (rc = body_rule(L, c, v, "independent", &m->independent)) ||
	    (rc = body_rule(L, c, v, "local_access", &m->local_access)))
		return rc;
	return ld_entry(L, c, MPR_ENTRY_MONITORING_PARAMETER, m->round_id, v);
}

/* experience: when observations raise a measure type's risk (R9). */
static int experience(loader *L, sc_ctx *c, const yt_node *v)
{
	static const char *const keys[] = {"id", "observations", "window_months", "severities",
	                                   "attribute", "source", "justification", NULL};
	mpr_monitoring_rules *m = &L->rs->mon;
	long n = 0, months = 0;
	const char *attr;
	int rc;
	if ((rc = sc_map(c, v, "'experience'", keys)) ||
	    (rc = sc_id(c, v, "id", &m->experience_id)) ||
	    (rc = ld_rule_id(L, c, m->experience_id, yt_get(v, "id"))) ||
	    (rc = sc_str(c, v, "source", true, &m->experience_source)) ||
	    (rc = sc_int(c, v, "observations", true, 1, 1000, &n, NULL)) ||
	    (rc = sc_int(c, v, "window_months", true, 1, 600, &months, NULL)) ||
	    (rc = name_mask(c, v, "severities", mpr_severity_words(), MPR_SEVERITY_COUNT, "severity",
	                    &m->experience_severities)) ||
	    (rc = sc_str(c, v, "attribute", true, &attr)))
		return rc;
	m->experience_observations = (unsigned)n;
	m->experience_window_months = (unsigned)months;
	m->experience_attribute = mpr_index_find(&L->rs->attribute_index, attr);
	if (m->experience_attribute < 0)
		return sc_fail(c, MPR_EREF, yt_get(v, "attribute"), "unknown attribute '%s'", attr);
	return ld_entry(L, c, MPR_ENTRY_MONITORING_PARAMETER, m->experience_id, v);
}

int ld_monitoring_parameters(loader *L, const part *parts, size_t n_parts)
{
	static const char *const keys[] = {"counting_round", "experience", NULL};
	if (!n_parts)
		return MPR_OK;
	sc_ctx c = ld_ctx(L, parts[0].file);
	const yt_node *v = parts[0].node;
	int rc;
	if ((rc = sc_map(&c, v, "'monitoring_parameters'", keys)))
		return rc;
	if (!yt_get(v, "counting_round") || !yt_get(v, "experience"))
		return sc_fail(&c, MPR_ESCHEMA, v,
		               "'monitoring_parameters' needs 'counting_round' and 'experience'");
	if ((rc = counting_round(L, &c, yt_get(v, "counting_round"))) ||
	    (rc = experience(L, &c, yt_get(v, "experience"))))
		return rc;
	L->rs->mon.defined = true;
	return MPR_OK;
}
