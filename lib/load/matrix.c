/*
 * matrix.c - the `matrix` section: one cell per (country tier, measure
 * tier) with its verdict, monitoring, suspension mechanism and required
 * safeguards (C1-C4), and the framework's own invariants, checked here so
 * that a ruleset that breaks them cannot be loaded at all: every tier pair
 * has a cell, the top pair is no-go (C1), no cell is lighter than one of
 * lower risk (C3), no cell is prohibited (the floor decides that) and a
 * permitted cell requires no safeguard.
 */
#include <stdio.h>
#include <string.h>

#include "load/loader.h"
#include "util/error.h"

static const char *const verdicts[] = {"permitted", "conditional", "no-go", "prohibited"};

/* C3: a cell of higher risk must not be lighter in any respect. */
static int check_not_lighter(loader *L, const mpr_cell *lower, const mpr_cell *higher)
{
	mpr_ruleset *rs = L->rs;
	const char *why = NULL;
	char detail[256] = "";
	if (higher->verdict < lower->verdict) {
		why = "a milder verdict";
		snprintf(detail, sizeof detail, "%s < %s", mpr_verdict_word(higher->verdict),
		         mpr_verdict_word(lower->verdict));
	} else if (higher->monitoring < lower->monitoring) {
		why = "a lighter monitoring level";
		snprintf(detail, sizeof detail, "%s < %s", rs->monitoring[higher->monitoring],
		         rs->monitoring[lower->monitoring]);
	} else if (higher->months > lower->months) {
		why = "less frequent monitoring";
		snprintf(detail, sizeof detail, "every %u months > every %u months", higher->months,
		         lower->months);
	} else if (higher->suspension < lower->suspension) {
		why = "a lighter suspension mechanism";
		snprintf(detail, sizeof detail, "%s < %s", rs->suspension[higher->suspension].id,
		         rs->suspension[lower->suspension].id);
	} else if ((lower->safeguards & ~higher->safeguards) != 0) {
		why = "fewer safeguards";
		mpr_set gone = lower->safeguards & ~higher->safeguards;
		for (size_t s = 0; s < rs->n_safeguards; s++)
			if (gone & ((mpr_set)1 << s)) {
				snprintf(detail, sizeof detail, "lacks %s", rs->safeguards[s].n.id);
				break;
			}
	}
	if (!why)
		return MPR_OK;
	return mpr_fail(L->err, MPR_EINVARIANT, higher->at.file, higher->at.line, higher->at.column,
	                "cell '%s' has %s than '%s', a cell of lower risk (%s); C3 requires "
	                "safeguards and monitoring never to lighten as risk rises",
	                higher->id, why, lower->id, detail);
}

/* Monitoring of a cell, and the invariants one cell must meet alone. */
static int cell_terms(loader *L, sc_ctx *c, const yt_node *it, int v, mpr_cell *cell)
{
	static const char *const mkeys[] = {"level", "every_months", NULL};
	mpr_ruleset *rs = L->rs;
	const yt_node *mon;
	long months;
	int rc;
	if (!yt_get(it, "safeguards"))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'safeguards' (use [] for none)");
	if (!(mon = yt_get(it, "monitoring")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'monitoring'");
	if ((rc = sc_map(c, mon, "'monitoring'", mkeys)) ||
	    (rc = sc_enum(c, mon, "level", true, rs->monitoring, rs->n_monitoring, &cell->monitoring)) ||
	    (rc = sc_int(c, mon, "every_months", true, 1, 120, &months, NULL)))
		return rc;
	if (v == MPR_PROHIBITED)
		return sc_fail(c, MPR_EINVARIANT, yt_get(it, "verdict"),
		               "a matrix cell cannot be 'prohibited': the floor rules decide that");
	if (v == MPR_PERMITTED && cell->safeguards)
		return sc_fail(c, MPR_EINVARIANT, yt_get(it, "safeguards"),
		               "a 'permitted' cell cannot require safeguards; make it 'conditional'");
	cell->verdict = (mpr_verdict)v;
	cell->months = (unsigned)months;
	return MPR_OK;
}

/* One cell, into its slot of the matrix. */
static int cell(loader *L, sc_ctx *c, const yt_node *it)
{
	static const char *const keys[] = {"id", "country", "measure", "verdict", "monitoring",
	                                   "suspension", "safeguards", "source", "justification", NULL};
	mpr_ruleset *rs = L->rs;
	const char *susp_ids[MPR_MAX_TIERS];
	for (size_t i = 0; i < rs->n_suspension; i++)
		susp_ids[i] = rs->suspension[i].id;
	int ct, mt, v, rc;
	mpr_cell cl;
	memset(&cl, 0, sizeof cl);
	if ((rc = sc_map(c, it, "a matrix cell", keys)) || (rc = sc_id(c, it, "id", &cl.id)) ||
	    (rc = ld_rule_id(L, c, cl.id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "source", true, &cl.source)) ||
	    (rc = ld_tier(L, c, it, "country", true, &ct)) ||
	    (rc = ld_tier(L, c, it, "measure", true, &mt)) ||
	    (rc = sc_enum(c, it, "verdict", true, verdicts, 4, &v)) ||
	    (rc = sc_enum(c, it, "suspension", true, susp_ids, rs->n_suspension, &cl.suspension)) ||
	    (rc = sc_id_set(c, it, "safeguards", 0, &rs->safeguard_index, "safeguard", true,
	                    &cl.safeguards)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_CELL, cl.id, it)) || (rc = cell_terms(L, c, it, v, &cl)))
		return rc;
	mpr_cell *slot = &rs->cells[ct][mt];
	if (slot->defined)
		return sc_fail(c, MPR_EREF, it, "second cell for country %s x measure %s (first: '%s' at line %u)",
		               rs->tiers[ct], rs->tiers[mt], slot->id, slot->at.line);
	cl.at = ld_place(c->file, it);
	cl.defined = true;
	cl.effect = ld_cell_effect(&rs->arena, NULL, rs, &cl, ct, mt);
	if (!cl.effect)
		return ld_oom(L, c->file, it);
	*slot = cl;
	return MPR_OK;
}

/* Every pair has a cell; C1; C3. */
static int invariants(loader *L, sc_ctx *c, const yt_node *matrix)
{
	mpr_ruleset *rs = L->rs;
	int rc;
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++)
			if (!rs->cells[ct][mt].defined)
				return sc_fail(c, MPR_EINVARIANT, matrix,
				               "no cell for country tier '%s' x measure tier '%s'",
				               rs->tiers[ct], rs->tiers[mt]);
	size_t top = rs->n_tiers - 1;
	const mpr_cell *tt = &rs->cells[top][top];
	if (tt->verdict != MPR_NO_GO)
		return mpr_fail(L->err, MPR_EINVARIANT, tt->at.file, tt->at.line, tt->at.column,
		                "cell '%s' (%s country x %s measure) must be 'no-go' (C1, §4.2.1)", tt->id,
		                rs->tiers[top], rs->tiers[top]);
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++) {
			if (ct + 1 < rs->n_tiers &&
			    (rc = check_not_lighter(L, &rs->cells[ct][mt], &rs->cells[ct + 1][mt])))
				return rc;
			if (mt + 1 < rs->n_tiers &&
			    (rc = check_not_lighter(L, &rs->cells[ct][mt], &rs->cells[ct][mt + 1])))
				return rc;
		}
	return MPR_OK;
}

int ld_matrix(loader *L, const part *parts, size_t n_parts)
{
	const part *p = &parts[0]; /* required, defined once: n_parts is 1 */
	(void)n_parts;
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'matrix'", 1);
	for (size_t i = 0; rc == MPR_OK && i < p->node->n; i++)
		rc = cell(L, &c, p->node->items[i]);
	return rc ? rc : invariants(L, &c, p->node);
}
