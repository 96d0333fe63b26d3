/*
 * floor.c - the `floor` section: the absolute floor (F1-F6). A floor rule
 * fires when every condition it states holds (an attribute, an excluded
 * country, humanitarian support, the country's tier, a safeguard not
 * declared, a transfer of third-country nationals, evidence of a context
 * kind), and any rule that fires makes the activity prohibited.
 */
#include "load/loader.h"

int ld_floor(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	const part *p = &parts[0]; /* required, defined once: n_parts is 1 */
	(void)n_parts;
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'floor'", 1);
	if (rc)
		return rc;
	rs->floor = ld_alloc(L, p->node->n, sizeof *rs->floor);
	if (!rs->floor)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "when", "message", "source", "justification", NULL};
	static const char *const wkeys[] = {"attribute", "country_excluded", "humanitarian",
	                                    "country_tier", "lacks_any",
	                                    "transfers_third_country_nationals", "country_context",
	                                    NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_floor *f = &rs->floor[i];
		const yt_node *w;
		if ((rc = sc_map(&c, it, "a floor rule", keys)) || (rc = sc_id(&c, it, "id", &f->id)) ||
		    (rc = ld_rule_id(L, &c, f->id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "message", true, &f->message)) ||
		    (rc = sc_str(&c, it, "source", true, &f->source)) ||
		    (rc = ld_entry(L, &c, MPR_ENTRY_FLOOR, f->id, it)))
			return rc;
		if (!(w = yt_get(it, "when")))
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'when'");
		if ((rc = sc_map(&c, w, "'when'", wkeys)) ||
		    (rc = sc_id_set(&c, w, "attribute", 1, mpr_find_attribute, rs, "attribute", false,
		                    &f->any_attribute)) ||
		    (rc = ld_tri_bool(&c, w, "country_excluded", &f->excluded)) ||
		    (rc = ld_tri_bool(&c, w, "humanitarian", &f->humanitarian)) ||
		    (rc = ld_tri_bool(&c, w, "transfers_third_country_nationals", &f->transfers)) ||
		    (rc = sc_id_set(&c, w, "country_context", 1, mpr_find_context_kind, rs,
		                    "context kind", true, &f->country_context)) ||
		    (rc = sc_id_set(&c, w, "lacks_any", 0, mpr_find_safeguard, rs, "safeguard", true,
		                    &f->lacks_any)))
			return rc;
		if (f->transfers == 0)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(w, "transfers_third_country_nationals"),
			               "'transfers_third_country_nationals' can only be true (leave it out "
			               "otherwise)");
		if (w->n == 0)
			return sc_fail(&c, MPR_ESCHEMA, w, "a floor rule needs at least one condition");
		if ((rc = ld_tier_mask(L, &c, w, "country_tier", &f->tier_mask)))
			return rc;
		if (yt_get(w, "lacks_any") && !f->lacks_any)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(w, "lacks_any"),
			               "'lacks_any' must list at least one safeguard");
		f->at = ld_place(p->file, it);
		rs->n_floor++;
	}
	return MPR_OK;
}
