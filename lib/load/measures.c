/*
 * measures.c - the `measures` section, the catalogue of the report's 37
 * measure types with their base tier and what a measure itself requires,
 * and the escalations that raise a measure's tier when an activity
 * declares an attribute (R6-R9): the global `escalations` section and each
 * measure's own. All escalations share one array, global ones first, so
 * that a decision walks them without allocating.
 */
#include <stdio.h>

#include "load/loader.h"

static int escalation(loader *L, sc_ctx *c, const yt_node *it, mpr_escalation *e)
{
	static const char *const keys[] = {"id", "attribute", "when_country", "when_country_context",
	                                   "raise", "requires", "source", "justification", NULL};
	static const char *const conds[] = {"restricted-freedoms"};
	mpr_ruleset *rs = L->rs;
	int rc;
	const char *attr = NULL;
	long raise = 0;
	bool has_raise = false;
	if ((rc = sc_map(c, it, "an escalation", keys)) || (rc = sc_id(c, it, "id", &e->id)) ||
	    (rc = ld_rule_id(L, c, e->id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "source", true, &e->source)) ||
	    (rc = sc_id_set(c, it, "when_country_context", 1, &rs->context_kind_index, "context kind",
	                    true, &e->country_context)) ||
	    (rc = sc_str(c, it, "attribute", !yt_get(it, "when_country_context"), &attr)) ||
	    (rc = sc_int(c, it, "raise", false, 0, MPR_MAX_TIERS, &raise, &has_raise)) ||
	    (rc = sc_id_set(c, it, "requires", 0, &rs->safeguard_index, "safeguard", true,
	                    &e->requires)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_ESCALATION, e->id, it)))
		return rc;
	e->attribute = attr ? mpr_index_find(&rs->attribute_index, attr) : -1;
	if (attr && e->attribute < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "attribute"), "unknown attribute '%s'", attr);
	e->condition = MPR_COND_NONE;
	if (yt_get(it, "when_country")) {
		int k;
		if ((rc = sc_enum(c, it, "when_country", true, conds, 1, &k)))
			return rc;
		e->condition = MPR_COND_RESTRICTED_FREEDOMS;
	}
	if (raise == 0 && e->requires == 0)
		return sc_fail(c, MPR_ESCHEMA, it,
		               "escalation '%s' neither raises the tier nor requires a safeguard", e->id);
	e->raise = (int)raise;
	e->at = ld_place(c->file, it);
	if (!(e->effect = ld_escalation_effect(&rs->arena, NULL, rs, e)))
		return ld_oom(L, c->file, it);
	return MPR_OK;
}

/* Every escalation, global and per measure, counted to be allocated once. */
static int count_escalations(loader *L, sc_ctx *c, const part *global, const yt_node *measures,
                             size_t *total)
{
	int rc;
	*total = 0;
	if (global) {
		sc_ctx gc = ld_ctx(L, global->file);
		if ((rc = sc_seq(&gc, global->node, "'escalations'", 0)))
			return rc;
		*total += global->node->n;
	}
	for (size_t i = 0; i < measures->n; i++) {
		const yt_node *esc = yt_get(measures->items[i], "escalations");
		if (esc) {
			if ((rc = sc_seq(c, esc, "'escalations'", 1)))
				return rc;
			*total += esc->n;
		}
	}
	return MPR_OK;
}

/* The escalations of a list, appended to the ruleset's; *out their indices. */
static int escalation_list(loader *L, sc_ctx *c, const yt_node *list, const int **out)
{
	mpr_ruleset *rs = L->rs;
	int *idx = ld_alloc(L, list->n, sizeof *idx);
	if (!idx)
		return ld_oom(L, c->file, list);
	for (size_t k = 0; k < list->n; k++) {
		int rc = escalation(L, c, list->items[k], &rs->escalations[rs->n_escalations]);
		if (rc)
			return rc;
		idx[k] = (int)rs->n_escalations++;
	}
	*out = idx;
	return MPR_OK;
}

/* What a measure does to people beyond its label: whether it moves them
 * to the country (F3), who receives it when no beneficiary is declared and
 * in whose own work a declared one replaces that default, the attributes it always has,
 * and for an evacuation where people must come from. The measures it
 * carries the risk of are resolved once every measure is known. */
static int substance(loader *L, sc_ctx *c, const mpr_ruleset *rs, const yt_node *it,
                     mpr_measure *m)
{
	static const char *const transfers[] = {"always", "unless-nationals-only"};
	static const char *const ekeys[] = {"tier", "else_carries", NULL};
	int rc;
	m->default_beneficiary = -1;
	m->transfer_carries = -1;
	m->evacuation_tier = -1;
	m->evacuation_otherwise = -1;
	const yt_node *ev = yt_get(it, "evacuates_from");
	if ((rc = sc_id_set(c, it, "default_beneficiary_unless_implementer", 1,
	                    &rs->implementer_index, "implementer", true, &m->default_unless)) ||
	    (rc = sc_id_set(c, it, "implies", 1, &rs->attribute_index, "attribute", true,
	                    &m->implies)) ||
	    (ev && ((rc = sc_map(c, ev, "'evacuates_from'", ekeys)) ||
	            (rc = ld_tier(L, c, ev, "tier", true, &m->evacuation_tier)) ||
	            (rc = sc_str(c, ev, "else_carries", true, &(const char *){NULL})))))
		return rc;
	if (yt_get(it, "transfer_carries") &&
	    (rc = sc_str(c, it, "transfer_carries", true, &(const char *){NULL})))
		return rc;
	if (yt_get(it, "transfers_third_country_nationals")) {
		int t;
		if ((rc = sc_enum(c, it, "transfers_third_country_nationals", true, transfers, 2, &t)))
			return rc;
		m->transfers = t == 0 ? MPR_TRANSFERS_ALWAYS : MPR_TRANSFERS_UNLESS_NATIONALS;
	}
	if (yt_get(it, "default_beneficiary")) {
		const char *b;
		if ((rc = sc_str(c, it, "default_beneficiary", true, &b)))
			return rc;
		m->default_beneficiary = mpr_index_find(&rs->beneficiary_index, b);
		if (m->default_beneficiary < 0)
			return sc_fail(c, MPR_EREF, yt_get(it, "default_beneficiary"),
			               "unknown beneficiary '%s'", b);
	}
	if (m->default_unless && m->default_beneficiary < 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "default_beneficiary_unless_implementer"),
		               "'default_beneficiary_unless_implementer' needs a 'default_beneficiary'");
	if (yt_get(it, "transfer_carries") && m->transfers != MPR_TRANSFERS_UNLESS_NATIONALS)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "transfer_carries"),
		               "'transfer_carries' needs transfers_third_country_nationals: "
		               "unless-nationals-only");
	return MPR_OK;
}

/* A measure named by another (transfer_carries, evacuates_from.else_carries). */
static int measure_ref(sc_ctx *c, const mpr_ruleset *rs, const yt_node *map, const char *key,
                       int *out)
{
	const yt_node *v = yt_get(map, key);
	*out = mpr_index_find(&rs->measure_index, v->value);
	if (*out < 0)
		return sc_fail(c, MPR_EREF, v, "unknown measure '%s'", v->value);
	return MPR_OK;
}

/* A trace step of what a measure's substance adds: rule "<measure>.<clause>",
 * the measure's source, the effect text. False when out of memory. */
static bool substance_step(mpr_arena *A, const mpr_measure *m, const char *clause,
                           const char *effect, mpr_step *out)
{
	out->rule = mpr_arena_printf(A, "%s.%s", m->n.id, clause);
	out->source = m->n.source;
	out->effect = effect;
	return out->rule && out->effect;
}

/* The second pass: the measures whose risk a measure's substance carries,
 * and the trace steps that say so. */
static int resolve_substance(loader *L, sc_ctx *c, const yt_node *it, mpr_measure *m)
{
	mpr_ruleset *rs = L->rs;
	mpr_arena *A = &rs->arena;
	const yt_node *ev = yt_get(it, "evacuates_from");
	bool ok = true;
	int rc;
	if ((yt_get(it, "transfer_carries") &&
	     (rc = measure_ref(c, rs, it, "transfer_carries", &m->transfer_carries))) ||
	    (ev && (rc = measure_ref(c, rs, ev, "else_carries", &m->evacuation_otherwise))))
		return rc;
	if (m->transfer_carries >= 0)
		ok &= substance_step(A, m, "transfers",
		                     ld_transfer_effect(A, NULL, rs, &rs->measures[m->transfer_carries]),
		                     &m->transfer_step);
	if (ev) {
		ok &= substance_step(A, m, "evacuation",
		                     ld_evacuation_effect(A, NULL, rs, m, LD_EVACUATION),
		                     &m->evacuation_step);
		ok &= substance_step(A, m, "evacuation",
		                     ld_evacuation_effect(A, NULL, rs, m, LD_NOT_FROM_DANGER),
		                     &m->not_evacuation_step);
		ok &= substance_step(A, m, "evacuation",
		                     ld_evacuation_effect(A, NULL, rs, m, LD_NO_EVACUATION),
		                     &m->no_evacuation_step);
	}
	if (m->implies)
		ok &= substance_step(A, m, "implies", ld_implies_effect(A, NULL, rs, m->implies),
		                     &m->implies_step);
	if (m->default_beneficiary >= 0)
		ok &= substance_step(A, m, "default-beneficiary",
		                     ld_default_kept_effect(A, NULL, &rs->beneficiaries[m->default_beneficiary]),
		                     &m->default_kept_step);
	return ok ? MPR_OK : ld_oom(L, c->file, it);
}

static int measure(loader *L, sc_ctx *c, const yt_node *it, size_t i)
{
	static const char *const keys[] = {"id", "name", "goal", "tier", "direct", "humanitarian",
	                                   "transfers_third_country_nationals", "transfer_carries",
	                                   "default_beneficiary",
	                                   "default_beneficiary_unless_implementer",
	                                   "implies", "evacuates_from", "requires", "escalations",
	                                   "tags", "source", "justification", NULL};
	mpr_ruleset *rs = L->rs;
	mpr_measure *m = &rs->measures[i];
	long goal = 0;
	int rc;
	if ((rc = ld_named(c, it, &m->n, "a measure", keys)) || (rc = substance(L, c, rs, it, m)) ||
	    (rc = ld_unique_named(c, it, &m->n, rs->measures, sizeof *m, i, "measure")) ||
	    (rc = sc_int(c, it, "goal", true, 0, 4, &goal, NULL)) ||
	    (rc = ld_tier(L, c, it, "tier", true, &m->tier)) ||
	    (rc = sc_bool(c, it, "direct", true, &m->direct)) ||
	    (rc = sc_bool(c, it, "humanitarian", false, &m->humanitarian)) ||
	    (rc = sc_id_set(c, it, "requires", 0, &rs->safeguard_index, "safeguard", true,
	                    &m->requires)) ||
	    (rc = sc_id_set(c, it, "tags", 1, &rs->tag_index, "measure tag", false, &m->tags)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_MEASURE, m->n.id, it)))
		return rc;
	m->goal = (int)goal;
	const yt_node *esc = yt_get(it, "escalations");
	if (esc) {
		if ((rc = escalation_list(L, c, esc, &m->escalations)))
			return rc;
		m->n_escalations = esc->n;
	}
	if (!(m->effect = ld_measure_effect(&rs->arena, NULL, rs, m)))
		return ld_oom(L, c->file, it);
	return MPR_OK;
}

/* measures and the global escalations (S_ESCALATIONS, which has no loader
 * of its own); then what the beneficiaries carry, which names measures. */
int ld_measures(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	const part *gp = L->parts[S_ESCALATIONS].n ? &L->parts[S_ESCALATIONS].v[0] : NULL;
	const part *p = &parts[0]; /* required, defined once: n_parts is 1 */
	(void)n_parts;
	sc_ctx c = ld_ctx(L, p->file);
	size_t total;
	int rc = sc_seq(&c, p->node, "'measures'", 1);
	if (rc || (rc = count_escalations(L, &c, gp, p->node, &total)))
		return rc;
	rs->escalations = ld_alloc(L, total, sizeof *rs->escalations);
	rs->measures = ld_alloc(L, p->node->n, sizeof *rs->measures);
	if (!rs->escalations || !rs->measures)
		return ld_oom(L, p->file, p->node);
	if (gp) {
		sc_ctx gc = ld_ctx(L, gp->file);
		if ((rc = escalation_list(L, &gc, gp->node, &rs->global_escalations)))
			return rc;
		rs->n_global_escalations = gp->node->n;
	}
	for (size_t i = 0; i < p->node->n; i++) {
		if ((rc = measure(L, &c, p->node->items[i], i)))
			return rc;
		rs->n_measures++;
	}
	if ((rc = ld_index(L, &rs->measure_index, &rs->measures[0].n.id, sizeof *rs->measures,
	                   rs->n_measures)))
		return rc;
	for (size_t i = 0; i < p->node->n; i++)
		if ((rc = resolve_substance(L, &c, p->node->items[i], &rs->measures[i])))
			return rc;
	return ld_resolve_beneficiaries(L);
}
