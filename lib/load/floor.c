/*
 * floor.c - the `floor` section: the absolute floor (F1-F6). A floor rule
 * fires when every condition it states holds (an attribute, an excluded
 * country, humanitarian support, the country's tier, a safeguard not
 * declared, a transfer of third-country nationals, evidence of a context
 * kind, support going to a security force), and any rule that fires makes
 * the activity prohibited.
 */
#include "load/loader.h"

/* One floor rule: its id, message and source, and its conditions. */
static int floor_rule(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "when", "message", "source", "justification", NULL};
	static const char *const wkeys[] = {"attribute", "country_excluded", "humanitarian",
	                                    "country_tier", "lacks_any",
	                                    "transfers_third_country_nationals", "country_context",
	                                    "security_force", "moves_people", "country_eu_member",
	                                    NULL};
	const mpr_ruleset *rs = L->rs;
	mpr_floor *f = (mpr_floor *)items + i;
	const yt_node *w;
	int rc;
	if ((rc = sc_map(c, it, "a floor rule", keys)) || (rc = sc_id(c, it, "id", &f->id)) ||
	    (rc = ld_rule_id(L, c, f->id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "message", true, &f->message)) ||
	    (rc = sc_str(c, it, "source", true, &f->source)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_FLOOR, f->id, it)))
		return rc;
	if ((rc = ld_when(c, it, wkeys, &w)) ||
	    (rc = sc_id_set(c, w, "attribute", 1, &rs->attribute_index, "attribute", false,
	                    &f->any_attribute)) ||
	    (rc = ld_tri_bool(c, w, "country_excluded", &f->excluded)) ||
	    (rc = ld_tri_bool(c, w, "humanitarian", &f->humanitarian)) ||
	    (rc = ld_tri_bool(c, w, "transfers_third_country_nationals", &f->transfers)) ||
	    (rc = ld_tri_bool(c, w, "security_force", &f->security_force)) ||
	    (rc = ld_tri_bool(c, w, "moves_people", &f->moves_people)) ||
	    (rc = ld_tri_bool(c, w, "country_eu_member", &f->eu_member)) ||
	    (rc = sc_id_set(c, w, "country_context", 1, &rs->context_kind_index, "context kind",
	                    true, &f->country_context)) ||
	    (rc = sc_id_set(c, w, "lacks_any", 0, &rs->safeguard_index, "safeguard", true,
	                    &f->lacks_any)))
		return rc;
	if (f->transfers == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(w, "transfers_third_country_nationals"),
		               "'transfers_third_country_nationals' can only be true (leave it out "
		               "otherwise)");
	static const char *const only_true[] = {"security_force", "moves_people",
	                                        "country_eu_member"};
	const int values[] = {f->security_force, f->moves_people, f->eu_member};
	for (size_t k = 0; k < sizeof values / sizeof *values; k++)
		if (values[k] == 0)
			return sc_fail(c, MPR_ESCHEMA, yt_get(w, only_true[k]),
			               "'%s' can only be true (leave it out otherwise)", only_true[k]);
	if (w->n == 0)
		return sc_fail(c, MPR_ESCHEMA, w, "a floor rule needs at least one condition");
	if ((rc = ld_tier_mask(L, c, w, "country_tier", &f->tier_mask)))
		return rc;
	if (yt_get(w, "lacks_any") && !f->lacks_any)
		return sc_fail(c, MPR_ESCHEMA, yt_get(w, "lacks_any"),
		               "'lacks_any' must list at least one safeguard");
	f->at = ld_place(c->file, it);
	return MPR_OK;
}

const ld_items ld_floor_items = {.min_items = 1, .size = sizeof(mpr_floor), .item = floor_rule};
