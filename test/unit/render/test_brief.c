/* test_brief.c - the short answers: the decisive step of a decision, the
 * first reason of a proposal, --brief within its width, --explain's three
 * levels, and each country's classification once per proposal. */
#include "helpers.h"
#include "decide/decide.h"

static char *render(const mpr_result *r, mpr_explain explain, int brief)
{
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.explain = explain;
	o.brief = brief;
	char *out = NULL;
	mpr_error err;
	if (mpr_render_results_v2(&r, 1, &o, &out, NULL, &err) != MPR_OK)
		fail_msg("render: %s", err.message);
	return out;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* the floor rule, the no-go cell, the first missing safeguard */
static void decisive_step(void **state)
{
	const mpr_ruleset *rs = *state;
	one o = decide(rs, "MA", "forced-return", "pushback", NULL);
	const mpr_step *s = mpr_decisive_step(rs, &o.r->activities[0].d);
	assert_non_null(s);
	assert_string_equal(s->rule, "F3-push-pullback");
	one_free(&o);
	o = decide(rs, "EG", "border-surveillance", NULL,
	           "reporting-obligations, independent-monitoring, defined-monitoring-content, "
	           "suspension-clause, human-rights-impact-assessment, findings-follow-up, "
	           "complaints-mechanism, on-the-ground-access, verifiable-commitments, "
	           "end-use-monitoring");
	assert_string_equal(mpr_activity_verdict(o.a) == MPR_NO_GO ? "no-go" : "?", "no-go");
	s = mpr_decisive_step(rs, &o.r->activities[0].d);
	assert_string_equal(s->rule, "cell.high.high");
	one_free(&o);
	o = decide(rs, "SN", "anti-trafficking", NULL, NULL);
	s = mpr_decisive_step(rs, &o.r->activities[0].d);
	assert_string_equal(s->rule, "reporting-obligations");
	assert_ptr_equal(s->effect, rs->effect_missing);
	one_free(&o);
	o = decide(rs, "SN", "information-campaign", NULL, NULL);
	assert_null(mpr_decisive_step(rs, &o.r->activities[0].d));
	one_free(&o);
}

/* the worst verdict decides which reason is first */
static void first_reason(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership: {id: t, country: SN}\n"
	                          "activities:\n"
	                          "  - {id: a, measure: anti-trafficking}\n"
	                          "  - {id: b, measure: forced-return, attributes: [pushback]}\n",
	                          &p);
	mpr_first_reason f = mpr_result_first_reason(r);
	assert_int_equal(f.activity, 1);
	assert_int_equal(f.finding, -1);
	char *out = render(r, MPR_EXPLAIN_FAILS, 1);
	assert_non_null(strstr(out, "t (SN low): prohibited, does not pass"));
	assert_non_null(strstr(out, "first reason: activity b: F3-push-pullback: never cooperate"));
	free(out);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

/* every line at most 100 characters, however long the ids and texts */
static void brief_width(void **state)
{
	char yaml[2048];
	snprintf(yaml, sizeof yaml,
	         "partnership: {id: %s, country: EG}\n"
	         "activities:\n"
	         "  - {id: %s, measure: voluntary-return-financial-support}\n"
	         "  - {id: b, measure: return-hub}\n",
	         "a-partnership-id-that-is-far-too-long-for-one-line-of-the-short-answer-and-more-"
	         "and-more-and-more",
	         "an-activity-id-that-is-also-far-too-long-for-a-line-of-the-short-answer-by-itself-"
	         "whatever-the-rest-says");
	mpr_proposal *p;
	mpr_result *r = eval_text(*state, yaml, &p);
	char *out = render(r, MPR_EXPLAIN_FAILS, 1);
	size_t lines = 0;
	for (char *line = out, *end; *line; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		size_t cols = 0;
		for (const char *c = line; c < end; c++)
			cols += ((unsigned char)*c & 0xC0) != 0x80;
		if (cols > 100)
			fail_msg("line %zu has %zu characters: %.*s", lines + 1, cols, (int)(end - line), line);
		lines++;
	}
	/* the proposal, its first reason, one line per activity */
	assert_int_equal(lines, 4);
	/* a cut ends in an ellipsis */
	assert_non_null(strstr(out, "\xE2\x80\xA6\n"));
	free(out);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

/* none: no trace; fails: the trace of what does not pass; full: every
 * trace; in each, the classification once */
static void explain_levels(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership: {id: t, country: TN}\n"
	                          "activities:\n"
	                          "  - {id: a, measure: border-surveillance}\n"
	                          "  - {id: b, measure: trade-mission}\n"
	                          "  - {id: c, measure: trade-mission, country: SN}\n",
	                          &p);
	char *none = render(r, MPR_EXPLAIN_NONE, 0), *fails = render(r, MPR_EXPLAIN_FAILS, 0),
	     *full = render(r, MPR_EXPLAIN_FULL, 0);
	assert_int_equal(count(none, "why"), 0);
	assert_int_equal(count(none, "tn-collective-expulsions"), 0);
	assert_non_null(strstr(none, "TN (Tunisia): tier high (base medium, raised by"));
	/* a is prohibited, b lacks safeguards; c (low x low) passes */
	assert_int_equal(count(fails, "  why (after"), 2);
	assert_int_equal(count(full, "  why (after"), 3);
	/* the classification once, not once per activity */
	assert_int_equal(count(full, "- country-classification.freedom-house"), 2);
	assert_int_equal(count(full, "- tn-violence:"), 1);
	free(none);
	free(fails);
	free(full);
	mpr_result_free(r);
	mpr_proposal_free(p);
	r = eval_text(*state,
	              "partnership: {id: t, country: SN}\n"
	              "activities:\n"
	              "  - {id: a, measure: information-campaign}\n",
	              &p);
	fails = render(r, MPR_EXPLAIN_FAILS, 0);
	full = render(r, MPR_EXPLAIN_FULL, 0);
	assert_int_equal(count(fails, "why"), 0);
	assert_int_equal(count(fails, "country-classification"), 0);
	assert_int_equal(count(full, "  why (after"), 1);
	free(fails);
	free(full);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

static void bad_options(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state,
	                          "partnership: {id: t, country: SN}\n"
	                          "activities: [{id: a, measure: trade-mission}]\n",
	                          &p);
	const mpr_result *const one_result[] = {r};
	char sentinel[] = "not touched";
	char *out = sentinel;
	mpr_error err;
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.brief = 1;
	o.format = MPR_FORMAT_JSON;
	assert_int_equal(mpr_render_results_v2(one_result, 1, &o, &out, NULL, &err), MPR_EINVAL);
	assert_null(out);
	o.format = MPR_FORMAT_TEXT;
	o.suggest = 1;
	assert_int_equal(mpr_render_results_v2(one_result, 1, &o, &out, NULL, &err), MPR_EINVAL);
	o = (mpr_render_options)MPR_RENDER_OPTIONS_INIT;
	o.version = 99;
	assert_int_equal(mpr_render_results_v2(one_result, 1, &o, &out, NULL, &err), MPR_EINVAL);
	o = (mpr_render_options)MPR_RENDER_OPTIONS_INIT;
	o.explain = (mpr_explain)7;
	assert_int_equal(mpr_render_results_v2(one_result, 1, &o, &out, NULL, &err), MPR_EINVAL);
	/* NULL options are the defaults */
	assert_int_equal(mpr_render_results_v2(one_result, 1, NULL, &out, NULL, &err), MPR_OK);
	free(out);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decisive_step),
		cmocka_unit_test(first_reason),
		cmocka_unit_test(brief_width),
		cmocka_unit_test(explain_levels),
		cmocka_unit_test(bad_options),
	};
	return cmocka_run_group_tests_name("brief", tests, load_default, free_default);
}
