/*
 * partnership.c - the sections on the partnership as a whole:
 * `partnership_rules` (P1-P8, M1-M5), each a finding with a severity when
 * every condition it states holds of the proposal's declaration and its
 * activities, and `monitoring_content`, what monitoring covers per
 * activity in the combined monitoring plan (M4).
 */
#include "load/loader.h"

/* The conditions of a partnership rule ('when'): at least one. */
static int conditions(loader *L, sc_ctx *c, const yt_node *it, mpr_prule *pr)
{
	static const char *const wkeys[] = {"lacks_any", "any_activity_tagged", "all_activities_tagged",
	                                    "bilateral", "any_activity_country_tier", "monitoring",
	                                    "any_activity_in_excluded_country",
	                                    "any_activity_humanitarian", NULL};
	static const char *const monitoring[] = {"(any)", "none", "no-independent-body",
	                                         "no-independent-local-body",
	                                         "less-frequent-than-required"};
	const mpr_ruleset *rs = L->rs;
	const yt_node *w;
	int rc;
	if (!(w = yt_get(it, "when")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'when'");
	if ((rc = sc_map(c, w, "'when'", wkeys)) ||
	    (rc = sc_id_set(c, w, "lacks_any", 1, mpr_find_element, rs, "partnership element", false,
	                    &pr->lacks_any)) ||
	    (rc = sc_id_set(c, w, "any_activity_tagged", 1, mpr_find_tag, rs, "measure tag", false,
	                    &pr->any_tagged)) ||
	    (rc = sc_id_set(c, w, "all_activities_tagged", 1, mpr_find_tag, rs, "measure tag", false,
	                    &pr->all_tagged)))
		return rc;
	if (w->n == 0)
		return sc_fail(c, MPR_ESCHEMA, w, "a partnership rule needs at least one condition");
	pr->bilateral = -1;
	if (yt_get(w, "bilateral")) {
		bool b;
		if ((rc = sc_bool(c, w, "bilateral", true, &b)))
			return rc;
		if (!b)
			return sc_fail(c, MPR_ESCHEMA, yt_get(w, "bilateral"),
			               "'bilateral' can only be true (leave it out for any parties)");
		pr->bilateral = 1;
	}
	if (yt_get(w, "monitoring") &&
	    (rc = sc_enum(c, w, "monitoring", true, monitoring + 1, 4, &pr->monitoring)))
		return rc;
	if (yt_get(w, "monitoring"))
		pr->monitoring++;
	if ((rc = ld_tier_mask(L, c, w, "any_activity_country_tier", &pr->tier_mask)) ||
	    (rc = ld_tri_bool(c, w, "any_activity_in_excluded_country", &pr->any_excluded)) ||
	    (rc = ld_tri_bool(c, w, "any_activity_humanitarian", &pr->any_humanitarian)))
		return rc;
	if (pr->any_excluded == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(w, "any_activity_in_excluded_country"),
		               "'any_activity_in_excluded_country' can only be true (leave it out "
		               "otherwise)");
	return MPR_OK;
}

int ld_partnership_rules(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	if (!n_parts)
		return MPR_OK;
	const part *p = &parts[0];
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'partnership_rules'", 0);
	if (rc)
		return rc;
	rs->prules = ld_alloc(L, p->node->n, sizeof *rs->prules);
	if (!rs->prules)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "when", "severity", "message", "source",
	                                   "justification", NULL};
	static const char *const severities[] = {"permitted", "conditional", "no-go", "prohibited"};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_prule *pr = &rs->prules[i];
		int sev;
		if ((rc = sc_map(&c, it, "a partnership rule", keys)) || (rc = sc_id(&c, it, "id", &pr->id)) ||
		    (rc = ld_rule_id(L, &c, pr->id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "message", true, &pr->message)) ||
		    (rc = sc_str(&c, it, "source", true, &pr->source)) ||
		    (rc = sc_enum(&c, it, "severity", true, severities, 4, &sev)) ||
		    (rc = ld_entry(L, &c, MPR_ENTRY_PARTNERSHIP_RULE, pr->id, it)))
			return rc;
		if (sev == MPR_PERMITTED)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(it, "severity"),
			               "a finding's severity is conditional, no-go or prohibited");
		pr->severity = (mpr_verdict)sev;
		if ((rc = conditions(L, &c, it, pr)))
			return rc;
		pr->at = ld_place(p->file, it);
		rs->n_prules++;
	}
	return MPR_OK;
}

int ld_monitoring_content(loader *L, const part *parts, size_t n_parts)
{
	mpr_ruleset *rs = L->rs;
	if (!n_parts)
		return MPR_OK;
	const part *p = &parts[0];
	sc_ctx c = ld_ctx(L, p->file);
	int rc = sc_seq(&c, p->node, "'monitoring_content'", 0);
	if (rc)
		return rc;
	rs->monitor_items = ld_alloc(L, p->node->n, sizeof *rs->monitor_items);
	if (!rs->monitor_items)
		return ld_oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "what", "for_tags", "for_safeguards", "source",
	                                   "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_monitor_item *m = &rs->monitor_items[i];
		if ((rc = sc_map(&c, it, "a monitoring content item", keys)) ||
		    (rc = sc_id(&c, it, "id", &m->id)) || (rc = ld_rule_id(L, &c, m->id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "what", true, &m->what)) ||
		    (rc = sc_str(&c, it, "source", true, &m->source)) ||
		    (rc = sc_id_set(&c, it, "for_tags", 1, mpr_find_tag, rs, "measure tag", false,
		                    &m->for_tags)) ||
		    (rc = sc_id_set(&c, it, "for_safeguards", 0, mpr_find_safeguard, rs, "safeguard", true,
		                    &m->for_safeguards)))
			return rc;
		rs->n_monitor_items++;
	}
	return MPR_OK;
}
