/*
 * grid.c - every country x measure best decision of a ruleset, computed
 * once for a view: the decision an activity gets when it declares exactly
 * the safeguards it is required to (otherwise F5 would make every high-risk
 * cell look prohibited), with no attribute and no beneficiary declared but
 * for a measure without a default beneficiary that moves no one: that one is
 * decided for a civilian recipient (a beneficiary that carries no measure's
 * risk and delivers nothing to migrants, the first such), so that a cell
 * shows the measure's own risk rather than the security-force risk an
 * unnamed recipient carries in a medium- or high-risk country (a proposal
 * that names none gets that; explain shows it). The
 * matrix (text, JSON), the markdown country table and the HTML heatmap
 * print it; they never decide themselves. Its size follows the ruleset:
 * every country and measure, however many there are.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "util/error.h"

/* The countries by tier, lowest first, and by code within a tier: one
 * stable order for the matrix, the heatmap's columns and the report's
 * country notes, whatever order the rule files list them in. */
static void order_by_tier(const mpr_ruleset *rs, int *order)
{
	size_t n = 0;
	for (size_t t = 0; t < rs->n_tiers; t++) {
		size_t first = n;
		for (size_t c = 0; c < rs->n_countries; c++) {
			if ((size_t)rs->countries[c].tier != t)
				continue;
			size_t k = n++;
			for (; k > first && strcmp(rs->countries[order[k - 1]].n.id, rs->countries[c].n.id) > 0; k--)
				order[k] = order[k - 1];
			order[k] = (int)c;
		}
	}
}

/* The rule that decides a best decision: the first floor rule that fired
 * (prohibited), else the matrix cell. */
static mpr_step deciding(const mpr_ruleset *rs, const mpr_decision *d)
{
	const mpr_step *s = mpr_deciding_step(rs, d);
	return s ? *s : (mpr_step){0};
}

/* The civilian recipient the grid names where a measure has no default:
 * neither a security force nor the one assumed when none is declared, and
 * no humanitarian delivery (F2 judges that with its implementer); -1 none. */
static int civilian_recipient(const mpr_ruleset *rs)
{
	int any = -1;
	for (size_t b = 0; b < rs->n_beneficiaries; b++) {
		const mpr_beneficiary *ben = &rs->beneficiaries[b];
		if (ben->carries >= 0 || ben->assumed_tiers)
			continue;
		if (!ben->delivers_to_migrants)
			return (int)b;
		if (any < 0)
			any = (int)b;
	}
	return any;
}

int mpr_grid_init(mpr_grid *g, const mpr_ruleset *rs, mpr_error *err)
{
	size_t nc = rs->n_countries, nm = rs->n_measures;
	g->rules = rs;
	g->best = nm && nc > (size_t)-1 / sizeof *g->best / nm ? NULL
	                                                        : calloc(nc * nm + 1, sizeof *g->best);
	g->by_tier = calloc(nc + 1, sizeof *g->by_tier);
	mpr_step *trace = calloc(rs->max_trace + 1, sizeof *trace);
	if (!g->best || !g->by_tier || !trace) {
		free(trace);
		mpr_grid_free(g);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	order_by_tier(rs, g->by_tier);
	mpr_decision d = {.trace = trace};
	int civilian = civilian_recipient(rs);
	for (size_t c = 0; c < nc; c++)
		for (size_t m = 0; m < nm; m++) {
			mpr_substance s = mpr_substance_of((int)c, (int)m, 0);
			const mpr_measure *me = &rs->measures[m];
			if (me->default_beneficiary < 0 && me->transfers == MPR_TRANSFERS_NONE)
				s.beneficiary = civilian;
			mpr_decide_best(rs, &s, &d);
			mpr_best *b = &g->best[c * nm + m];
			b->verdict = d.verdict;
			b->cell = d.cell;
			b->required = d.required;
			b->decided = deciding(rs, &d);
			b->beneficiary = s.beneficiary;
		}
	free(trace);
	return MPR_OK;
}

void mpr_grid_free(mpr_grid *g)
{
	free(g->best);
	free(g->by_tier);
	g->best = NULL;
	g->by_tier = NULL;
}
