/* test_api.c - the contract of the header: versions, errors, NULL safety,
 * proposal parsing errors through the API. */
#include "helpers.h"

static void version(void **state)
{
	(void)state;
	char want[32];
	snprintf(want, sizeof want, "%d.%d.%d", MPR_VERSION_MAJOR, MPR_VERSION_MINOR,
	         MPR_VERSION_PATCH);
	assert_string_equal(mpr_version(), want);
	assert_string_equal(MPR_VERSION_STRING, want);
}

static void errors(void **state)
{
	(void)state;
	for (int code = MPR_ENOTFOUND; code <= MPR_OK; code++)
		assert_string_not_equal(mpr_strerror(code), "unknown error");
	assert_string_equal(mpr_strerror(-100), "unknown error");
	mpr_error e = {0};
	e.code = MPR_ESCHEMA;
	snprintf(e.file, sizeof e.file, "x.yaml");
	e.line = 3;
	e.column = 7;
	snprintf(e.message, sizeof e.message, "bad");
	char buf[64];
	assert_int_equal(mpr_error_format(&e, buf, sizeof buf), 15);
	assert_string_equal(buf, "x.yaml:3:7: bad");
	e.line = 0;
	mpr_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "x.yaml: bad");
	e.file[0] = '\0';
	mpr_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "bad");
	char tiny[4];
	mpr_error_format(&e, tiny, sizeof tiny);
	assert_string_equal(tiny, "bad");
	assert_string_equal(mpr_verdict_name(MPR_NO_GO), "no-go");
	assert_string_equal(mpr_verdict_name(MPR_PROHIBITED), "prohibited");
}

/* The library's messages in another language, per call: err->message
 * stays English, the words it put in are translated, what the input said
 * stays as it was (shown visibly), and a message the caller wrote itself
 * is written in English. */
static void errors_in_a_language(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p = NULL;
	mpr_error err;
	char buf[512];
	const char bad[] = "partnership: {id: x, country: MA}\nactivities: {}\n";
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, bad, strlen(bad), "m\n.yaml", NULL, &err),
	                 MPR_ESCHEMA);
	assert_string_equal(err.message, "'activities' must be a list, found a mapping");
	int n = mpr_error_format_lang(&err, "nl", buf, sizeof buf);
	assert_string_equal(buf, "m\\n.yaml:2:13: 'activities' moet een lijst zijn, gevonden: een mapping");
	assert_int_equal(n, (int)strlen(buf));
	mpr_error_format_lang(&err, "nl_NL.UTF-8", buf, sizeof buf);
	assert_non_null(strstr(buf, "moet een lijst zijn"));
	mpr_error_format_lang(&err, "en", buf, sizeof buf);
	assert_string_equal(buf, "m\\n.yaml:2:13: 'activities' must be a list, found a mapping");
	mpr_error_format_lang(&err, NULL, buf, sizeof buf);
	assert_non_null(strstr(buf, "must be a list"));
	mpr_error_format_lang(&err, "de", buf, sizeof buf); /* no German: English */
	assert_non_null(strstr(buf, "must be a list"));
	/* an argument from the input: as it was, visibly */
	const char xx[] = "partnership: {id: x, country: \"Q\\u001bQ\"}\nactivities: []\n";
	mpr_proposal_parse_buffer(&p, rules, xx, strlen(xx), "m.yaml", NULL, &err);
	mpr_error_format_lang(&err, "nl", buf, sizeof buf);
	assert_non_null(strstr(buf, "onbekend land 'Q\\x1bQ'"));
	assert_null(strchr(buf, '\033'));
	/* the caller's own message: English, whatever the library noted */
	snprintf(err.message, sizeof err.message, "%s", "mine");
	mpr_error_format_lang(&err, "nl", buf, sizeof buf);
	assert_string_equal(buf, "m.yaml:1:31: mine");
	/* cut like snprintf, the length it needs returned */
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, bad, strlen(bad), "m.yaml", NULL, &err),
	                 MPR_ESCHEMA);
	char tiny[12];
	n = mpr_error_format_lang(&err, "nl", tiny, sizeof tiny);
	assert_true(n > (int)sizeof tiny);
	assert_int_equal(strlen(tiny), sizeof tiny - 1);
	assert_int_equal(mpr_error_format_lang(&err, "nl", NULL, 0), n);
	assert_int_equal(mpr_error_format_lang(NULL, "nl", buf, sizeof buf),
	                 mpr_error_format(NULL, buf, sizeof buf));
}

static void null_safety(void **state)
{
	(void)state;
	mpr_ruleset_free(NULL);
	mpr_proposal_free(NULL);
	mpr_result_free(NULL);
	assert_null(mpr_ruleset_fingerprint(NULL));
	assert_int_equal(mpr_result_activity_count(NULL), 0);
	assert_null(mpr_result_activity(NULL, 0));
	mpr_error err;
	char *out = (char *)&err;
	assert_int_equal(mpr_render_result(NULL, MPR_FORMAT_TEXT, &out, NULL, &err), MPR_EINVAL);
	assert_int_equal(mpr_render_matrix(NULL, MPR_FORMAT_TEXT, &out, NULL, &err), MPR_EINVAL);
}

static void proposal_errors(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p = (mpr_proposal *)&p;
	mpr_error err;
	const char bad[] = "partnership: {id: x, country: NL}\nactivities:\n  - {id: a, measure: wall}\n";
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, bad, strlen(bad), "mem.yaml", NULL, &err),
	                 MPR_EREF);
	assert_null(p);
	assert_string_equal(err.file, "mem.yaml");
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 22);
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, NULL, 0, NULL, NULL, &err), MPR_ESCHEMA);
	assert_string_equal(err.file, "<buffer>");
	assert_int_equal(mpr_proposal_parse_file(&p, rules, "/nonexistent.yaml", NULL, &err), MPR_EIO);
	assert_int_equal(mpr_proposal_parse_file(&p, NULL, "x", NULL, &err), MPR_EINVAL);
	/* max_activities */
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_activities = 1;
	const char two[] = "partnership: {id: x, country: NL}\nactivities:\n"
	                   "  - {id: a, measure: trade-mission}\n  - {id: b, measure: trade-mission}\n";
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, two, strlen(two), "m", &o, &err), MPR_ELIMIT);
	assert_non_null(strstr(err.message, "max_activities=1"));
	/* the input hash is of the exact bytes */
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, two, strlen(two), "m", NULL, &err), MPR_OK);
	/* value computed by coreutils sha256sum over the same bytes */
	assert_string_equal(mpr_proposal_sha256(p),
	                    "sha256:be963376548b3ea99d059be980baae6c34d7a10373339688a59df6b1b5645130");
	mpr_proposal_free(p);
}

/* A proposal parsed against one ruleset cannot be evaluated against another. */
static void proposal_belongs_to_its_ruleset(void **state)
{
	mpr_ruleset *other;
	mpr_error err;
	assert_int_equal(mpr_ruleset_load(&other, RULES_DIR, NULL, &err), MPR_OK);
	mpr_proposal *p;
	const char ok[] = "partnership: {id: x, country: NL}\nactivities:\n  - {id: a, measure: trade-mission}\n";
	assert_int_equal(mpr_proposal_parse_buffer(&p, *state, ok, strlen(ok), "m", NULL, &err), MPR_OK);
	mpr_result *r = (mpr_result *)&r;
	assert_int_equal(mpr_evaluate(&r, other, p, &err), MPR_EINVAL);
	assert_null(r);
	mpr_proposal_free(p);
	mpr_ruleset_free(other);
}

/* The accessors the driver does not use: embedders do. */
static void accessors(void **state)
{
	const mpr_ruleset *rules = *state;
	assert_string_equal(mpr_ruleset_title(rules),
	                    "AM/AIV 2026 risk-steered framework for migration partnerships");
	assert_int_equal(mpr_ruleset_country_count(rules), 51);
	for (size_t i = 0; i < mpr_ruleset_country_count(rules); i++)
		assert_non_null(mpr_ruleset_country_tier(rules, mpr_ruleset_country_code(rules, i)));
	assert_null(mpr_ruleset_country_code(rules, 51));
	mpr_proposal *p;
	mpr_result *r = eval_text(rules,
	                          "partnership: {id: acc, country: UG}\n"
	                          "activities:\n  - {id: a, measure: readmission-agreement}\n",
	                          &p);
	assert_string_equal(mpr_proposal_id(p), "acc");
	const mpr_activity *a = mpr_result_activity(r, 0);
	assert_string_equal(mpr_activity_monitoring_level(a), "intensive");
	assert_int_equal(mpr_activity_monitoring_months(a), 3);
	assert_string_equal(mpr_activity_suspension(a), "triggered-by-findings");
	mpr_result_free(r);
	mpr_proposal_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accessors),
		cmocka_unit_test(version),
		cmocka_unit_test(errors),
		cmocka_unit_test(null_safety),
		cmocka_unit_test(errors_in_a_language),
		cmocka_unit_test(proposal_errors),
		cmocka_unit_test(proposal_belongs_to_its_ruleset),
	};
	return cmocka_run_group_tests_name("api", tests, load_default, free_default);
}
