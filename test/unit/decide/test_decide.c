/* test_decide.c - the framework's core cases, decided by the default rules.
 * Each test names the rule of docs/framework.md it pins. */
#include "helpers.h"

/* Every safeguard of the catalogue, to show that no declaration lifts a
 * no-go or a floor verdict (F6). */
#define ALL_SAFEGUARDS                                                                       \
	"reporting-obligations, defined-monitoring-content, suspension-clause, "                 \
	"human-rights-impact-assessment, independent-monitoring, findings-follow-up, "           \
	"complaints-mechanism, on-the-ground-access, verifiable-commitments, end-use-monitoring, " \
	"individual-risk-assessment, access-to-legal-protection, post-return-monitoring"

/* C1: high-risk measure in a high-risk country is no-go, whatever is declared. */
static void c1_high_high_is_no_go(void **state)
{
	one o = decide(*state, "EG", "forced-return", NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_country_tier(o.a), "high");
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_NO_GO);
	assert_false(mpr_activity_passes(o.a));
	assert_true(traced(o.a, "cell.high.high"));
	one_free(&o);
}

/* F2: an excluded country allows only humanitarian measures. */
static void f2_excluded_country_only_humanitarian(void **state)
{
	one o = decide(*state, "LY", "trade-mission", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "F2-excluded-country"));
	one_free(&o);
	o = decide_as(*state, "LY", "humanitarian-assistance",
	              "beneficiary: migrants, implementer: un-agency", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	assert_true(mpr_activity_passes(o.a));
	assert_false(traced(o.a, "F2-excluded-country"));
	assert_string_equal(mpr_activity_beneficiary(o.a), "migrants");
	assert_string_equal(mpr_activity_implementer(o.a), "un-agency");
	one_free(&o);
	/* a humanitarian label is not enough: who receives it decides, and with
	 * no one named in a high-risk country it is judged as a security force's
	 * (fail closed) */
	o = decide(*state, "LY", "humanitarian-assistance", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "undeclared"));
	assert_string_equal(mpr_activity_beneficiary(o.a), "undeclared");
	assert_null(mpr_activity_implementer(o.a));
	one_free(&o);
	/* migrants as beneficiary, but no independent organisation delivers it */
	o = decide_as(*state, "LY", "humanitarian-assistance", "beneficiary: migrants", NULL,
	              ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "implementer"));
	one_free(&o);
	o = decide_as(*state, "LY", "humanitarian-assistance",
	              "beneficiary: migrants, implementer: government", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "government"));
	one_free(&o);
	o = decide_as(*state, "LY", "humanitarian-assistance", "beneficiary: coast-guard", NULL,
	              ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	one_free(&o);
}

/* F2, §4.1.4: support to a security force carries the coast-guard risk,
 * whatever measure it is filed under; search and rescue goes to the coast
 * guard unless an NGO delivers it; a beneficiary the measure does not name
 * adds to its default and never lowers it. */
static void beneficiary_carries_the_risk(void **state)
{
	one o = decide(*state, "EG", "search-and-rescue", NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_beneficiary(o.a), "coast-guard");
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_NO_GO);
	one_free(&o);
	o = decide_as(*state, "TN", "search-and-rescue", "beneficiary: migrants, implementer: ngo",
	              NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "low");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	one_free(&o);
	o = decide_as(*state, "EG", "search-and-rescue",
	              "beneficiary: migrants, implementer: un-agency", NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	assert_true(traced(o.a, "search-and-rescue.default-beneficiary"));
	assert_true(traced(o.a, "coast-guard"));
	one_free(&o);
	o = decide_as(*state, "MA", "border-equipment-training", "beneficiary: civilian-authority",
	              NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	assert_true(traced(o.a, "border-authority"));
	one_free(&o);
	/* a ministry of the interior commands the forces; a civilian one does not */
	o = decide_as(*state, "MA", "budget-support", "beneficiary: interior-ministry", NULL,
	              ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	one_free(&o);
	o = decide_as(*state, "MA", "budget-support", "beneficiary: civilian-authority", NULL,
	              ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "low");
	one_free(&o);
	/* who carries it out is not who receives it: named alone, the support
	 * in a medium-risk country is judged as a security force's */
	o = decide_as(*state, "MA", "development-programme", "implementer: un-agency", NULL,
	              ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	assert_string_equal(mpr_activity_beneficiary(o.a), "undeclared");
	one_free(&o);
	o = decide(*state, "SN", "development-programme", NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_measure_tier(o.a), "low"); /* low risk: no assumption */
	assert_null(mpr_activity_beneficiary(o.a));
	one_free(&o);
	o = decide_as(*state, "NL", "trade-mission", "beneficiary: police", NULL, NULL);
	assert_string_equal(mpr_activity_measure_tier(o.a), "high");
	assert_true(traced(o.a, "police"));
	one_free(&o);
}

/* F3: support to any security force of a country whose evidence documents
 * pushbacks or collective expulsions is prohibited, under every measure it
 * can be filed under and with every safeguard declared. */
static void f3_security_force_of_an_expelling_country(void **state)
{
	const mpr_ruleset *rules = *state;
	static const char *const forces[] = {"police", "border-authority", "coast-guard",
	                                     "military"};
	for (size_t m = 0; m < mpr_ruleset_measure_count(rules); m++)
		for (size_t f = 0; f < sizeof forces / sizeof *forces; f++) {
			const char *measure = mpr_ruleset_measure_id(rules, m);
			char who[64];
			snprintf(who, sizeof who, "beneficiary: %s", forces[f]);
			one o = decide_as(rules, "TN", measure, who, NULL, ALL_SAFEGUARDS);
			if (mpr_activity_verdict(o.a) != MPR_PROHIBITED ||
			    !traced(o.a, "F3-border-cooperation-evidence"))
				fail_msg("%s for %s in TN is not prohibited on F3", measure, forces[f]);
			one_free(&o);
		}
}

/* F2: in an excluded country every measure is prohibited unless it is
 * humanitarian support a beneficiary delivers to migrants. */
static void f2_excluded_country_every_measure(void **state)
{
	const mpr_ruleset *rules = *state;
	for (size_t m = 0; m < mpr_ruleset_measure_count(rules); m++) {
		const char *measure = mpr_ruleset_measure_id(rules, m);
		one o = decide(rules, "LY", measure, NULL, ALL_SAFEGUARDS);
		if (mpr_activity_verdict(o.a) != MPR_PROHIBITED)
			fail_msg("%s without a beneficiary in LY is not prohibited", measure);
		one_free(&o);
	}
}

/* F3: every return that may cover third-country nationals is prohibited
 * in a country with a documented chain-refoulement risk, and none is when
 * it covers nationals only (§4.1.1, fn. 137). */
static void f3_transfers_to_a_chain_refoulement_country(void **state)
{
	static const char *const returns[] = {"readmission-agreement", "forced-return",
	                                      "voluntary-return-financial-support"};
	for (size_t i = 0; i < sizeof returns / sizeof *returns; i++) {
		one o = decide(*state, "UG", returns[i], NULL, ALL_SAFEGUARDS);
		assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
		assert_true(traced(o.a, "F3-chain-refoulement-risk"));
		one_free(&o);
		o = decide_as(*state, "UG", returns[i], "nationals_only: true", NULL, ALL_SAFEGUARDS);
		assert_false(traced(o.a, "F3-chain-refoulement-risk"));
		one_free(&o);
	}
}

/* Rec. 6: an evacuation brings people from danger, and the proposal carries
 * the evacuation itself (the ETM's shape, §6.2); a hub that names no such
 * country, or no activity evacuates people from, is a return hub by
 * another name. */
static void rec6_evacuation_from_danger(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership: {id: t, country: MA}\n"
	                          "activities:\n"
	                          "  - {id: evac, country: LY, measure: humanitarian-assistance,"
	                          " beneficiary: migrants, implementer: un-agency}\n"
	                          "  - {id: hub, measure: evacuation-hub, beneficiary: migrants,"
	                          " implementer: un-agency, evacuated_from: LY}\n",
	                          &p);
	const mpr_activity *hub = mpr_result_activity(r, 1);
	assert_string_equal(mpr_activity_measure_tier(hub), "medium");
	assert_true(traced(hub, "evacuation-hub.evacuation"));
	mpr_result_free(r);
	mpr_proposal_free(p);
	static const char *const not_danger[] = {"", "evacuated_from: MA", "evacuated_from: NL",
	                                         "evacuated_from: LY"}; /* LY: no evacuation */
	for (size_t i = 0; i < 4; i++) {
		char sub[128];
		snprintf(sub, sizeof sub, "beneficiary: migrants, implementer: un-agency%s%s",
		         *not_danger[i] ? ", " : "", not_danger[i]);
		one o = decide_as(*state, "MA", "evacuation-hub", sub, NULL, ALL_SAFEGUARDS);
		assert_string_equal(mpr_activity_measure_tier(o.a), "high");
		one_free(&o);
	}
}

/* §4.1.4: support to a security force, handed over in a partner's riskier
 * neighbour, is decided for the riskiest party; other support stays where
 * it takes place. */
static void security_support_decided_for_the_riskiest_party(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership: {id: t, country: IT, parties: [IT, LY]}\n"
	                          "activities:\n"
	                          "  - {id: boats, measure: coast-guard-support}\n"
	                          "  - {id: trade, measure: trade-mission, beneficiary: companies}\n"
	                          "  - {id: grant, measure: trade-mission}\n",
	                          &p);
	const mpr_activity *boats = mpr_result_activity(r, 0), *trade = mpr_result_activity(r, 1);
	assert_string_equal(mpr_activity_country(boats), "LY");
	assert_true(traced(boats, "partner-country"));
	assert_int_equal(mpr_activity_verdict(boats), MPR_PROHIBITED);
	assert_string_equal(mpr_activity_country(trade), "IT");
	assert_false(traced(trade, "partner-country"));
	/* with no beneficiary named, placed in an EU member state for a partner
	 * outside it, the support is assumed to go to a security force: Libya */
	const mpr_activity *grant = mpr_result_activity(r, 2);
	assert_string_equal(mpr_activity_country(grant), "LY");
	assert_true(traced(grant, "undeclared"));
	mpr_result_free(r);
	mpr_proposal_free(p);
}

/* F3: a transfer of third-country nationals to a country whose evidence
 * documents collective or onward expulsions is prohibited, citing the
 * evidence; returning nationals only is not a transfer of that kind. */
static void f3_chain_refoulement_on_country_evidence(void **state)
{
	one o = decide(*state, "TN", "readmission-agreement", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "F3-chain-refoulement"));
	assert_true(traced(o.a, "tn-collective-expulsions"));
	one_free(&o);
	o = decide_as(*state, "TN", "readmission-agreement", "nationals_only: true", NULL,
	              ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_NO_GO); /* C1, not F3 */
	assert_false(traced(o.a, "F3-chain-refoulement"));
	one_free(&o);
	/* pushbacks at a country's own border are not onward expulsion */
	o = decide(*state, "GR", "safe-third-country", NULL, ALL_SAFEGUARDS);
	assert_false(traced(o.a, "F3-chain-refoulement"));
	one_free(&o);
}

/* The effect of rule's first step in a's trace; NULL when it is absent. */
static const char *effect_of(const mpr_activity *a, const char *rule)
{
	const char *effect = NULL;
	for (size_t i = 0; i < mpr_activity_trace_count(a); i++)
		if (strcmp(mpr_activity_trace(a, i, NULL, &effect), rule) == 0)
			return effect;
	return NULL;
}

/* F2: limited presence of a functioning state excludes a country on its
 * indicator (Sudan, 57.4%); in the review band (Somalia, 73.2%) it is
 * placed in the top tier and not excluded; each with its value traced. */
static void f2_functioning_state(void **state)
{
	one o = decide(*state, "SD", "trade-mission", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "F2-excluded-country"));
	const char *effect = effect_of(o.a, "country-classification.functioning-state");
	assert_non_null(effect);
	assert_non_null(strstr(effect, "57.4%"));
	one_free(&o);
	o = decide_as(*state, "SO", "trade-mission", "beneficiary: companies", NULL, ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_country_tier(o.a), "high");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	assert_false(traced(o.a, "F2-excluded-country"));
	effect = effect_of(o.a, "country-classification.functioning-state");
	assert_non_null(effect);
	assert_non_null(strstr(effect, "73.2%"));
	assert_non_null(strstr(effect, "review"));
	one_free(&o);
}

/* F3: a pushback is prohibited even in a low-risk country with every safeguard. */
static void f3_pushback_prohibited_in_low_risk_country(void **state)
{
	one o = decide(*state, "GH", "joint-patrols", "pushback", ALL_SAFEGUARDS);
	assert_string_equal(mpr_activity_country_tier(o.a), "low");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "F3-push-pullback"));
	one_free(&o);
	o = decide(*state, "GH", "joint-patrols", NULL, ALL_SAFEGUARDS);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	one_free(&o);
}

/* F3, F4: refoulement, detention without rights, missing legal protection. */
static void f3_f4_floor_attributes(void **state)
{
	static const char *const cases[][2] = {
		{"refoulement-risk", "F3-refoulement"},
		{"pullback", "F3-push-pullback"},
		{"detention-without-rights", "F3-detention"},
		{"no-effective-legal-protection", "F4-legal-protection"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		one o = decide(*state, "ES", "readmission-agreement", cases[i][0], ALL_SAFEGUARDS);
		assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
		assert_true(traced(o.a, cases[i][1]));
		one_free(&o);
	}
}

/* R7: forced return is riskier than voluntary return, in tier and decision. */
static void r7_forced_return_riskier_than_voluntary(void **state)
{
	static const char *const countries[] = {"SN", "MA", "TN"};
	for (size_t i = 0; i < 3; i++) {
		one f = decide_as(*state, countries[i], "forced-return", "nationals_only: true", NULL,
		                  NULL);
		one v = decide_as(*state, countries[i], "voluntary-return-financial-support",
		                  "nationals_only: true, beneficiary: migrants", NULL, NULL);
		assert_true(tier_rank(mpr_activity_measure_tier(f.a)) >
		            tier_rank(mpr_activity_measure_tier(v.a)));
		assert_true(mpr_activity_verdict(f.a) >= mpr_activity_verdict(v.a));
		assert_true(mpr_activity_monitoring_months(f.a) < mpr_activity_monitoring_months(v.a));
		assert_true(mpr_activity_required_count(f.a) > mpr_activity_required_count(v.a));
		one_free(&f);
		one_free(&v);
	}
}

/* R7: the line is not binary: coercion raises "voluntary" return. */
static void r7_coercion_raises_voluntary_return(void **state)
{
	one o = decide_as(*state, "MA", "voluntary-return-financial-support",
	                  "nationals_only: true, beneficiary: migrants", "coercion", NULL);
	assert_string_equal(mpr_activity_measure_tier(o.a), "medium");
	assert_true(traced(o.a, "R7-coerced-return-support"));
	one_free(&o);
}

/* R4: Tunisia above Morocco, though their indices give the same base tier. */
static void r4_tunisia_above_morocco(void **state)
{
	const mpr_ruleset *rules = *state;
	assert_string_equal(mpr_ruleset_country_tier(rules, "MA"), "medium");
	assert_string_equal(mpr_ruleset_country_tier(rules, "TN"), "high");
	one o = decide(rules, "TN", "trade-mission", NULL, NULL);
	assert_true(traced(o.a, "tn-collective-expulsions"));
	one_free(&o);
	/* and it matters: border equipment is conditional in MA, while in TN the
	 * floor F5 applies without independent monitoring */
	one ma = decide(rules, "MA", "border-surveillance", NULL, NULL);
	one tn = decide(rules, "TN", "border-surveillance", NULL, NULL);
	assert_int_equal(mpr_activity_verdict(ma.a), MPR_CONDITIONAL);
	assert_true(mpr_activity_verdict(tn.a) > mpr_activity_verdict(ma.a));
	one_free(&ma);
	one_free(&tn);
}

/* F5: a measure in a high-risk country without oversight is below the floor. */
static void f5_high_risk_without_oversight(void **state)
{
	one o = decide_as(*state, "EG", "voluntary-return-system-support", "beneficiary: migrants",
	                  NULL, "reporting-obligations");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PROHIBITED);
	assert_true(traced(o.a, "F5-oversight"));
	one_free(&o);
	o = decide_as(*state, "EG", "voluntary-return-system-support", "beneficiary: migrants", NULL,
	           "reporting-obligations, defined-monitoring-content, suspension-clause, "
	           "human-rights-impact-assessment, independent-monitoring, findings-follow-up, "
	           "complaints-mechanism, on-the-ground-access, verifiable-commitments");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	assert_true(mpr_activity_passes(o.a));
	one_free(&o);
	/* humanitarian support delivered to migrants is not caught by F5 ... */
	o = decide_as(*state, "EG", "humanitarian-assistance",
	              "beneficiary: migrants, implementer: un-agency", NULL, NULL);
	assert_false(traced(o.a, "F5-oversight"));
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	one_free(&o);
	/* ... a humanitarian label without a beneficiary is */
	o = decide(*state, "EG", "humanitarian-assistance", NULL, NULL);
	assert_true(traced(o.a, "F5-oversight"));
	one_free(&o);
}

/* R8: border equipment is dual-use whether or not the activity says so;
 * what it raises depends on the country's fundamental freedoms. */
static void r8_dual_use_depends_on_country(void **state)
{
	one eg = decide(*state, "EG", "information-sharing", NULL, ALL_SAFEGUARDS);
	one nl = decide(*state, "GH", "information-sharing", NULL, ALL_SAFEGUARDS);
	assert_true(traced(eg.a, "information-sharing.implies"));
	assert_true(traced(nl.a, "information-sharing.implies"));
	assert_true(requires_safeguard(eg.a, "end-use-monitoring"));
	assert_true(requires_safeguard(nl.a, "end-use-monitoring"));
	assert_true(traced(eg.a, "R8-information-systems-restricted"));
	assert_false(traced(nl.a, "R8-information-systems-restricted"));
	one_free(&eg);
	one_free(&nl);
}

/* R9: recurring violations raise any measure type. */
static void r9_recurring_violations(void **state)
{
	one o = decide(*state, "SN", "information-campaign", "recurring-violations", NULL);
	assert_string_equal(mpr_activity_measure_tier(o.a), "medium");
	assert_true(traced(o.a, "R9-recurring-violations"));
	one_free(&o);
}

/* C2: high measures in low/medium countries and medium measures in high
 * countries need verifiability and access on the ground. */
static void c2_verifiability_and_access(void **state)
{
	static const char *const cases[][2] = {
		{"GH", "border-surveillance"}, {"MA", "border-surveillance"},
		{"EG", "voluntary-return-system-support"}};
	for (size_t i = 0; i < 3; i++) {
		one o = decide_as(*state, cases[i][0], cases[i][1], i == 2 ? "beneficiary: migrants" : NULL,
		                  NULL, NULL);
		assert_true(requires_safeguard(o.a, "verifiable-commitments"));
		assert_true(requires_safeguard(o.a, "on-the-ground-access"));
		one_free(&o);
	}
	one o = decide_as(*state, "MA", "voluntary-return-system-support", "beneficiary: migrants",
	                  NULL, NULL);
	assert_false(requires_safeguard(o.a, "on-the-ground-access"));
	one_free(&o);
}

/* C3, C4: monitoring and safeguards grow with either risk dimension. */
static void c3_c4_monotone_in_both_dimensions(void **state)
{
	static const char *const country_by_tier[] = {"GH", "MA", "EG"};
	static const char *const measure_by_tier[] = {"trade-mission", "voluntary-return-system-support",
	                                              "border-surveillance"};
	for (int c = 0; c < 3; c++)
		for (int m = 0; m < 3; m++) {
			one here = decide(*state, country_by_tier[c], measure_by_tier[m], NULL, NULL);
			if (c < 2) {
				one up = decide(*state, country_by_tier[c + 1], measure_by_tier[m], NULL, NULL);
				assert_true(mpr_activity_monitoring_months(up.a) <=
				            mpr_activity_monitoring_months(here.a));
				assert_true(mpr_activity_required_count(up.a) >=
				            mpr_activity_required_count(here.a));
				one_free(&up);
			}
			if (m < 2) {
				one up = decide(*state, country_by_tier[c], measure_by_tier[m + 1], NULL, NULL);
				assert_true(mpr_activity_monitoring_months(up.a) <=
				            mpr_activity_monitoring_months(here.a));
				assert_true(mpr_activity_required_count(up.a) >=
				            mpr_activity_required_count(here.a));
				one_free(&up);
			}
			one_free(&here);
		}
}

/* Permitted at the lowest risk; a missing safeguard fails a conditional one. */
static void permitted_and_missing(void **state)
{
	one o = decide(*state, "NL", "information-campaign", NULL, NULL);
	assert_int_equal(mpr_activity_verdict(o.a), MPR_PERMITTED);
	assert_true(mpr_activity_passes(o.a));
	assert_int_equal(mpr_activity_required_count(o.a), 0);
	one_free(&o);
	o = decide_as(*state, "MA", "trade-mission", "beneficiary: companies", NULL,
	              "reporting-obligations");
	assert_int_equal(mpr_activity_verdict(o.a), MPR_CONDITIONAL);
	assert_false(mpr_activity_passes(o.a));
	assert_int_equal(mpr_activity_missing_count(o.a), 2);
	const char *src = NULL;
	assert_string_equal(mpr_activity_missing(o.a, 0, &src), "defined-monitoring-content");
	assert_non_null(strstr(src, "M4"));
	assert_null(mpr_activity_missing(o.a, 2, NULL));
	one_free(&o);
}

/* The proposal verdict is the worst of its activities and its partnership
 * findings; it passes only if all activities pass and nothing is found. */
static void proposal_verdict_is_worst(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership: {id: t, country: NL}\n"
	                          "activities:\n"
	                          "  - {id: a, measure: information-campaign}\n"
	                          "  - {id: b, measure: forced-return, country: EG,\n"
	                          "     safeguards: [independent-monitoring, reporting-obligations]}\n",
	                          &p);
	assert_int_equal(mpr_result_activity_count(r), 2);
	assert_int_equal(mpr_activity_verdict(mpr_result_activity(r, 1)), MPR_NO_GO);
	/* no independent monitor with local access for an activity in a
	 * high-risk country: the partnership finding M1 is below the floor */
	assert_int_equal(mpr_result_verdict(r), MPR_PROHIBITED);
	int m1 = 0;
	for (size_t i = 0; i < mpr_result_finding_count(r); i++)
		m1 |= strcmp(mpr_result_finding(r, i, NULL, NULL, NULL), "M1-independent-local-access") == 0;
	assert_true(m1);
	assert_null(mpr_result_finding(r, mpr_result_finding_count(r), NULL, NULL, NULL));
	assert_false(mpr_result_passes(r));
	assert_string_equal(mpr_activity_country(mpr_result_activity(r, 1)), "EG");
	assert_null(mpr_result_activity(r, 2));
	mpr_result_free(r);
	mpr_proposal_free(p);
}

/* Every trace step names a rule and a source. */
static void trace_cites_sources(void **state)
{
	one o = decide(*state, "TN", "coast-guard-support", "pullback, dual-use-equipment", NULL);
	assert_true(mpr_activity_trace_count(o.a) > 5);
	for (size_t i = 0; i < mpr_activity_trace_count(o.a); i++) {
		const char *src = NULL, *eff = NULL;
		const char *rule = mpr_activity_trace(o.a, i, &src, &eff);
		assert_non_null(rule);
		assert_true(src && *src);
		assert_true(eff && *eff);
	}
	assert_null(mpr_activity_trace(o.a, mpr_activity_trace_count(o.a), NULL, NULL));
	one_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(c1_high_high_is_no_go),
		cmocka_unit_test(f2_excluded_country_only_humanitarian),
		cmocka_unit_test(beneficiary_carries_the_risk),
		cmocka_unit_test(f3_security_force_of_an_expelling_country),
		cmocka_unit_test(f2_excluded_country_every_measure),
		cmocka_unit_test(f3_transfers_to_a_chain_refoulement_country),
		cmocka_unit_test(rec6_evacuation_from_danger),
		cmocka_unit_test(security_support_decided_for_the_riskiest_party),
		cmocka_unit_test(f3_chain_refoulement_on_country_evidence),
		cmocka_unit_test(f2_functioning_state),
		cmocka_unit_test(f3_pushback_prohibited_in_low_risk_country),
		cmocka_unit_test(f3_f4_floor_attributes),
		cmocka_unit_test(r7_forced_return_riskier_than_voluntary),
		cmocka_unit_test(r7_coercion_raises_voluntary_return),
		cmocka_unit_test(r4_tunisia_above_morocco),
		cmocka_unit_test(f5_high_risk_without_oversight),
		cmocka_unit_test(r8_dual_use_depends_on_country),
		cmocka_unit_test(r9_recurring_violations),
		cmocka_unit_test(c2_verifiability_and_access),
		cmocka_unit_test(c3_c4_monotone_in_both_dimensions),
		cmocka_unit_test(permitted_and_missing),
		cmocka_unit_test(proposal_verdict_is_worst),
		cmocka_unit_test(trace_cites_sources),
	};
	return cmocka_run_group_tests_name("decide", tests, load_default, free_default);
}
