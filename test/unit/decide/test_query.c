/* test_query.c - single decisions: mpr_activity_new, mpr_decide, mpr_decide_json. */
#include "helpers.h"

static void decide_by_ids(void **state)
{
	mpr_activity *a;
	mpr_error err;
	assert_int_equal(mpr_activity_new(&a, *state, &err), MPR_OK);
	const char *attrs[] = {"dual-use-equipment"};
	const char *sgs[] = {"independent-monitoring", "reporting-obligations"};
	mpr_query q = {.id = "x", .country = "EG", .measure = "border-equipment-training",
	               .attributes = attrs, .n_attributes = 1, .safeguards = sgs, .n_safeguards = 2};
	assert_int_equal(mpr_decide(a, &q, &err), MPR_OK);
	assert_string_equal(mpr_activity_id(a), "x");
	assert_int_equal(mpr_activity_verdict(a), MPR_NO_GO);
	assert_string_equal(mpr_activity_measure_tier(a), "high");
	size_t with_trace = mpr_activity_trace_count(a);
	assert_true(with_trace > 5);
	/* the same object, reused, without the trace: the same decision */
	q.no_trace = 1;
	assert_int_equal(mpr_decide(a, &q, &err), MPR_OK);
	assert_int_equal(mpr_activity_verdict(a), MPR_NO_GO);
	assert_int_equal(mpr_activity_trace_count(a), 0);
	assert_int_equal(mpr_activity_required_count(a), 10);
	/* it must agree with evaluating the same activity from a proposal */
	one o = decide(*state, "EG", "border-equipment-training", "dual-use-equipment",
	               "independent-monitoring, reporting-obligations");
	assert_int_equal(mpr_activity_verdict(o.a), mpr_activity_verdict(a));
	assert_int_equal(mpr_activity_missing_count(o.a), mpr_activity_missing_count(a));
	assert_int_equal(mpr_activity_trace_count(o.a), with_trace);
	one_free(&o);
	mpr_activity_free(a);
	mpr_activity_free(NULL);
}

static void unknown_ids(void **state)
{
	mpr_activity *a;
	mpr_error err;
	assert_int_equal(mpr_activity_new(&a, *state, &err), MPR_OK);
	mpr_query q = {.country = "tn", .measure = "forced-return"};
	assert_int_equal(mpr_decide(a, &q, &err), MPR_ENOTFOUND);
	assert_string_equal(err.message, "unknown country 'tn'");
	q.country = "TN";
	q.measure = "wall";
	assert_int_equal(mpr_decide(a, &q, &err), MPR_ENOTFOUND);
	const char *bad[] = {"best-efforts"};
	q.measure = "forced-return";
	q.safeguards = bad;
	q.n_safeguards = 1;
	assert_int_equal(mpr_decide(a, &q, &err), MPR_ENOTFOUND);
	assert_string_equal(err.message, "unknown safeguard 'best-efforts'");
	q.safeguards = NULL;
	assert_int_equal(mpr_decide(a, &q, &err), MPR_EINVAL);
	assert_int_equal(mpr_decide(a, NULL, NULL), MPR_EINVAL);
	mpr_activity_free(a);
}

static void decide_json_lines(void **state)
{
	mpr_activity *a;
	mpr_error err;
	assert_int_equal(mpr_activity_new(&a, *state, &err), MPR_OK);
	const char line[] = "{\"id\": \"j\", \"country\": \"MA\", \"measure\": \"trade-mission\", "
	                    "\"safeguards\": [\"reporting-obligations\"]}\n";
	char *out;
	size_t len;
	assert_int_equal(mpr_decide_json(a, line, strlen(line), "<stdin>", 7, &out, &len, &err), MPR_OK);
	assert_int_equal(out[len - 1], '\n');
	assert_null(memchr(out, '\n', len - 1));
	assert_non_null(strstr(out, "\"id\": \"j\""));
	assert_non_null(strstr(out, "\"verdict\": \"conditional\""));
	assert_non_null(strstr(out, "\"format_version\": 2, \"id\": \"j\""));
	assert_non_null(strstr(out, "\"missing_safeguards\": [{\"id\": \"defined-monitoring-content\", "));
	assert_non_null(strstr(out, "{\"id\": \"suspension-clause\", \"source\": "));
	assert_false(mpr_activity_passes(a));
	free(out);
	const char bad[] = "{\"country\": \"MA\", \"measure\": \"trade-mission\", \"verdict\": \"permitted\"}";
	assert_int_equal(mpr_decide_json(a, bad, strlen(bad), "<stdin>", 9, &out, &len, &err), MPR_ESCHEMA);
	assert_null(out);
	assert_string_equal(err.file, "<stdin>");
	assert_int_equal(err.line, 9);
	assert_non_null(strstr(err.message, "unknown key 'verdict'"));
	const char unknown[] = "{\"country\": \"ZZ\", \"measure\": \"trade-mission\"}";
	assert_int_equal(mpr_decide_json(a, unknown, strlen(unknown), "<stdin>", 3, &out, &len, &err),
	                 MPR_ENOTFOUND);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.message, "unknown country 'ZZ'");
	mpr_activity_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decide_by_ids),
		cmocka_unit_test(unknown_ids),
		cmocka_unit_test(decide_json_lines),
	};
	return cmocka_run_group_tests_name("query", tests, load_default, free_default);
}
