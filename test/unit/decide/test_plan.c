/* test_plan.c - remedies (decide/remedies.c), applied to the proposal, make
 * every activity and finding that can pass pass; the ones no change can
 * save are named. And the monitoring plan sets the pace. */
#include "decide/decide.h"
#include "helpers.h"
#include "render/render.h"

static mpr_result *evaluate(const mpr_ruleset *rules, const mpr_proposal *p)
{
	mpr_result *r = NULL;
	mpr_error err;
	if (mpr_evaluate(&r, rules, p, &err) != MPR_OK)
		fail_msg("evaluate: %s", err.message);
	return r;
}

static void remedies_applied_make_it_pass(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_error err;
	/* a first draft in a high-risk (not excluded) country: registration
	 * equipment with dual-use parts for the asylum ministry, forced return, a
	 * hub, and reintegration with one safeguard; no declaration, no monitoring */
	static const char draft[] =
		"partnership: {id: draft, country: EG, parties: [NL, EG]}\n"
		"activities:\n"
		"  - {id: equipment, measure: asylum-system-strengthening, beneficiary: civilian-authority,\n"
		"     attributes: [dual-use-equipment]}\n"
		"  - {id: forced-return, measure: forced-return, nationals_only: true}\n"
		"  - {id: hub, measure: return-hub}\n"
		"  - {id: reintegration, measure: reintegration-support, beneficiary: migrants,\n"
		"     safeguards: [reporting-obligations]}\n";
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, draft, sizeof draft - 1, "draft", NULL,
	                                           &err),
	                 MPR_OK);
	mpr_result *r = evaluate(rules, p);
	assert_false(mpr_result_passes(r));
	assert_true(r->n_findings >= 10);

	mpr_remedies rem;
	assert_int_equal(mpr_remedies_init(&rem, r, &err), MPR_OK);
	int impossible[16] = {0};
	size_t n_act = r->n_activities;
	/* apply every remedy to the parsed proposal */
	for (size_t i = 0; i < n_act; i++) {
		mpr_proposal_activity *pa = &p->activities[i];
		for (size_t k = rem.activity[i]; k < rem.activity[i + 1]; k++) {
			if (rem.v[k].kind == MPR_REMEDY_IMPOSSIBLE)
				impossible[i] = 1;
			else if (rem.v[k].kind == MPR_REMEDY_ADD_SAFEGUARD)
				pa->safeguards |= (mpr_set)1 << rem.v[k].index;
			else if (rem.v[k].kind == MPR_REMEDY_DROP_ATTRIBUTE)
				pa->s.attributes &= ~((mpr_set)1 << rem.v[k].index);
		}
	}
	static const mpr_body local = {"UNHCR Egypt", true, true};
	static const mpr_agreement agreed = {"returns",  "EG", "readmit nationals", "2027-12-31",
	                                     "readmission requests answered (per cent)",
	                                     NULL,       NULL, 0, 80, true, true, NULL, 0};
	/* every finding's remedies were computed against the result as decided;
	 * applied now: one remedy (declaring broader-partnership) answers two rules */
	for (size_t f = 0; f < r->n_findings; f++) {
		assert_true(rem.finding[f + 1] > rem.finding[f]);
		for (size_t k = rem.finding[f]; k < rem.finding[f + 1]; k++) {
			const mpr_remedy *m = &rem.v[k];
			switch (m->kind) {
			case MPR_REMEDY_ADD_ELEMENT:
				p->elements |= (mpr_set)1 << m->index;
				break;
			case MPR_REMEDY_SET_FREQUENCY:
				p->has_monitoring = true;
				p->monitoring_months = m->months;
				break;
			case MPR_REMEDY_ADD_EU_PARTY:
				p->eu_party = true;
				break;
			case MPR_REMEDY_ADD_BODY:
			case MPR_REMEDY_ADD_LOCAL_BODY:
				p->has_monitoring = true;
				p->bodies = &local;
				p->n_bodies = 1;
				break;
			case MPR_REMEDY_DECLARE_AGREEMENTS:
				p->agreements = &agreed;
				p->n_agreements = 1;
				break;
			default:
				fail_msg("finding %s has a remedy that cannot be applied: %d",
				         r->findings[f]->id, m->kind);
			}
		}
	}
	mpr_remedies_free(&rem);
	mpr_result_free(r);

	r = evaluate(rules, p);
	/* the forced return and the hub are no-go in a high-risk country: named as such */
	assert_true(impossible[1]);
	assert_true(impossible[2]);
	assert_true(r->activities[1].d.verdict >= MPR_NO_GO);
	assert_true(r->activities[2].d.verdict >= MPR_NO_GO);
	/* everything else passes now: the registration equipment (without the
	 * dual-use part) and the reintegration support, and no finding is left */
	assert_false(impossible[0]);
	assert_false(impossible[3]);
	assert_true(mpr_decision_passes(&r->activities[0].d));
	assert_true(mpr_decision_passes(&r->activities[3].d));
	assert_int_equal(r->n_findings, 0);
	/* and the remedies of what passes are empty */
	assert_int_equal(mpr_remedies_init(&rem, r, &err), MPR_OK);
	assert_int_equal(rem.activity[1] - rem.activity[0], 0);
	mpr_remedies_free(&rem);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

static void plan_sets_the_pace(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership:\n"
	                          "  id: t\n"
	                          "  country: MA\n"
	                          "  monitoring: {frequency_months: 12, bodies: [{name: X, independent: true, local_access: false}]}\n"
	                          "activities:\n"
	                          "  - {id: slow, measure: trade-mission, beneficiary: companies}\n"
	                          "  - {id: fast, measure: joint-patrols}\n",
	                          &p);
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_result(r, MPR_FORMAT_TEXT, &out, NULL, &err), MPR_OK);
	/* joint patrols in a medium-risk country: every 3 months sets the pace */
	assert_non_null(strstr(out, "pace: every 3 months, intensive (set by activity fast)"));
	assert_non_null(strstr(out, "declared: every 12 months - too rare (M3)"));
	assert_non_null(strstr(out, "border and interception practice"));
	assert_null(strstr(out, "what would change the verdict"));
	free(out);
	assert_int_equal(mpr_render_result(r, MPR_FORMAT_TEXT | MPR_RENDER_SUGGEST, &out, NULL, &err),
	                 MPR_OK);
	assert_non_null(strstr(out, "set monitoring.frequency_months to 3 or less"));
	free(out);
	/* the same JSON on one line (whitespace is no part of the JSON contract) */
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, false);
	assert_int_equal(mpr_render_result_json(&w, r, &err), MPR_OK);
	assert_false(b.failed);
	assert_non_null(strstr(b.data, "\"monitoring_plan\": {\"frequency_months\": 3"));
	assert_non_null(
		strstr(b.data, "\"remedies\": [{\"kind\": \"set-frequency\", \"frequency_months\": 3"));
	free(b.data);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(remedies_applied_make_it_pass),
		cmocka_unit_test(plan_sets_the_pace),
	};
	return cmocka_run_group_tests_name("plan", tests, load_default, free_default);
}
