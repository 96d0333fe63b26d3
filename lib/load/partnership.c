/*
 * partnership.c - the sections on the partnership as a whole:
 * `partnership_rules` (P1-P8, M1-M5, and the concrete agreements of the
 * Samenvatting and Rec. 1), each a finding with a severity when every
 * condition it states holds of the proposal's declaration and its
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
	                                    "any_activity_humanitarian", "any_party_excluded",
	                                    "declares", "agreements", NULL};
	static const char *const monitoring[] = {"(any)", "none", "no-independent-body",
	                                         "no-independent-local-body",
	                                         "less-frequent-than-required"};
	static const char *const agreements[] = {"(any)", "none", "incomplete"};
	const mpr_ruleset *rs = L->rs;
	const yt_node *w;
	int rc;
	if ((rc = ld_when(c, it, wkeys, &w)) ||
	    (rc = sc_id_set(c, w, "lacks_any", 1, &rs->element_index, "partnership element", false,
	                    &pr->lacks_any)) ||
	    (rc = sc_id_set(c, w, "any_activity_tagged", 1, &rs->tag_index, "measure tag", false,
	                    &pr->any_tagged)) ||
	    (rc = sc_id_set(c, w, "all_activities_tagged", 1, &rs->tag_index, "measure tag", false,
	                    &pr->all_tagged)) ||
	    (rc = sc_id_set(c, w, "declares", 1, &rs->element_index, "partnership element", true,
	                    &pr->declares)))
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
	if (yt_get(w, "agreements") &&
	    (rc = sc_enum(c, w, "agreements", true, agreements + 1, 2, &pr->agreements)))
		return rc;
	if (yt_get(w, "agreements"))
		pr->agreements++;
	if ((rc = ld_tier_mask(L, c, w, "any_activity_country_tier", &pr->tier_mask)) ||
	    (rc = ld_tri_bool(c, w, "any_activity_in_excluded_country", &pr->any_excluded)) ||
	    (rc = ld_tri_bool(c, w, "any_activity_humanitarian", &pr->any_humanitarian)) ||
	    (rc = ld_tri_bool(c, w, "any_party_excluded", &pr->any_party_excluded)))
		return rc;
	if (pr->any_excluded == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(w, "any_activity_in_excluded_country"),
		               "'any_activity_in_excluded_country' can only be true (leave it out "
		               "otherwise)");
	if (pr->any_party_excluded == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(w, "any_party_excluded"),
		               "'any_party_excluded' can only be true (leave it out otherwise)");
	return MPR_OK;
}

/* What lifts a rule whose conditions hold ('lifted_by'): elements the
 * proposal declares, all of them (a claim no rule can check: every output
 * and the record name the lift), and optionally that every activity in an
 * excluded country is an evacuation a hub of the proposal names. */
static int lifted_by(loader *L, sc_ctx *c, const yt_node *it, mpr_prule *pr)
{
	static const char *const keys[] = {"declares", "only_evacuations_in_excluded_countries",
	                                   NULL};
	const yt_node *v = yt_get(it, "lifted_by");
	pr->lift_evacuations_only = -1;
	if (!v)
		return MPR_OK;
	int rc;
	if ((rc = sc_map(c, v, "'lifted_by'", keys)) ||
	    (rc = sc_id_set(c, v, "declares", 1, &L->rs->element_index, "partnership element", true,
	                    &pr->lift_declares)) ||
	    (rc = ld_tri_bool(c, v, "only_evacuations_in_excluded_countries",
	                      &pr->lift_evacuations_only)))
		return rc;
	if (!pr->lift_declares)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "'lifted_by' needs 'declares': a rule is lifted only by what the "
		               "proposal declares, which outputs and records then show");
	if (pr->lift_evacuations_only == 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(v, "only_evacuations_in_excluded_countries"),
		               "'only_evacuations_in_excluded_countries' can only be true (leave it "
		               "out otherwise)");
	if (pr->lift_declares & pr->lacks_any)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "an element that lifts the rule cannot also be one it lacks");
	return MPR_OK;
}

/* One partnership rule: its id, severity, message and source, and its
 * conditions. */
static int prule(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "when", "lifted_by", "severity", "message", "source",
	                                   "justification", NULL};
	static const char *const severities[] = {"permitted", "conditional", "no-go", "prohibited"};
	mpr_prule *pr = (mpr_prule *)items + i;
	int sev;
	int rc;
	if ((rc = sc_map(c, it, "a partnership rule", keys)) || (rc = sc_id(c, it, "id", &pr->id)) ||
	    (rc = ld_rule_id(L, c, pr->id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "message", true, &pr->message)) ||
	    (rc = sc_str(c, it, "source", true, &pr->source)) ||
	    (rc = sc_enum(c, it, "severity", true, severities, 4, &sev)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_PARTNERSHIP_RULE, pr->id, it)))
		return rc;
	if (sev == MPR_PERMITTED)
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "severity"),
		               "a finding's severity is conditional, no-go or prohibited");
	pr->severity = (mpr_verdict)sev;
	if ((rc = conditions(L, c, it, pr)) || (rc = lifted_by(L, c, it, pr)))
		return rc;
	pr->at = ld_place(c->file, it);
	return MPR_OK;
}

const ld_items ld_prule_items = {.size = sizeof(mpr_prule), .item = prule};

/* One item of monitoring content: what is monitored, for which tags and
 * safeguards. */
static int monitor_item(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	static const char *const keys[] = {"id", "what", "for_tags", "for_safeguards", "source",
	                                   "justification", NULL};
	const mpr_ruleset *rs = L->rs;
	mpr_monitor_item *m = (mpr_monitor_item *)items + i;
	int rc;
	if ((rc = sc_map(c, it, "a monitoring content item", keys)) ||
	    (rc = sc_id(c, it, "id", &m->id)) || (rc = ld_rule_id(L, c, m->id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "what", true, &m->what)) ||
	    (rc = sc_str(c, it, "source", true, &m->source)) ||
	    (rc = sc_id_set(c, it, "for_tags", 1, &rs->tag_index, "measure tag", false,
	                    &m->for_tags)) ||
	    (rc = sc_id_set(c, it, "for_safeguards", 0, &rs->safeguard_index, "safeguard", true,
	                    &m->for_safeguards)))
		return rc;
	return MPR_OK;
}

const ld_items ld_monitor_items = {.size = sizeof(mpr_monitor_item), .item = monitor_item};
