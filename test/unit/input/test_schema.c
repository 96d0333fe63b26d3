/* test_schema.c - typed reading of what real tools write: whole numbers
 * written as 6.0 or 1e1, null for "not set", leading zeros; through
 * proposals (YAML and JSON), mpr_evaluate_json and mpr_decide_json. */
#include <locale.h>

#include "helpers.h"
#include "model.h"

static int parse(const mpr_ruleset *rules, const char *text, mpr_proposal **p, mpr_error *err)
{
	return mpr_proposal_parse_buffer(p, rules, text, strlen(text), "t", NULL, err);
}

/* frequency_months as a JSON serializer or a person writes it. */
static void whole_numbers(void **state)
{
	static const struct {
		bool yaml;         /* in a YAML proposal, or in a JSON one */
		const char *value; /* as written */
		long months;       /* 0: refused */
		int code;
		const char *says;
	} cases[] = {
		{false, "6", 6, 0, NULL},
		{false, "6.0", 6, 0, NULL},
		{false, "12.0", 12, 0, NULL},
		{false, "1e1", 10, 0, NULL},
		{false, "1E1", 10, 0, NULL},
		{false, "0.6e1", 6, 0, NULL},
		{false, "600e-2", 6, 0, NULL},
		{false, "1.20e+2", 120, 0, NULL},
		{false, "6.000000000000000000000000", 6, 0, NULL},
		{true, "6.0", 6, 0, NULL},
		{true, "1e1", 10, 0, NULL},
		{true, "+6", 6, 0, NULL},
		{false, "6.5", 0, MPR_ESCHEMA,
		 "'frequency_months' must be a whole number of months, found 6.5"},
		{true, "6.5", 0, MPR_ESCHEMA,
		 "'frequency_months' must be a whole number of months, found 6.5"},
		{false, "6.0000000000000000001", 0, MPR_ESCHEMA, "must be a whole number of months"},
		{false, "1e-400", 0, MPR_ESCHEMA, "must be a whole number of months, found 1e-400"},
		{false, "0", 0, MPR_ESCHEMA, "'frequency_months' must be between 1 and 120, found 0"},
		{false, "-0.0", 0, MPR_ESCHEMA, "must be between 1 and 120, found 0"},
		{false, "121", 0, MPR_ESCHEMA, "must be between 1 and 120, found 121"},
		{false, "1e400", 0, MPR_ESCHEMA, "must be between 1 and 120, found 1e400"},
		{false, "99999999999999999999", 0, MPR_ESCHEMA, "found 99999999999999999999"},
		{false, "\"6\"", 0, MPR_ESCHEMA, "must be a whole number, found a quoted text"},
		{false, "010", 0, MPR_ESYNTAX,
		 "JSON syntax: a number with a leading zero (010), which JSON does not allow and YAML "
		 "1.1 reads as octal: write it without the leading zero"},
		{true, "010", 0, MPR_ESCHEMA,
		 "'frequency_months' is written with a leading zero (010), which YAML 1.1 reads as an "
		 "octal number and other readers as decimal: write it without the leading zero"},
		{true, "-06", 0, MPR_ESCHEMA, "leading zero (-06)"},
		{true, "06.0", 0, MPR_ESCHEMA, "leading zero (06.0)"},
		{true, "0x6", 0, MPR_ESCHEMA, "must be a whole number, found '0x6'"},
		{true, "6.", 0, MPR_ESCHEMA, "must be a whole number, found '6.'"},
		{true, ".inf", 0, MPR_ESCHEMA, "must be a whole number, found '.inf'"},
		{true, "1_2", 0, MPR_ESCHEMA, "must be a whole number, found '1_2'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *v = cases[i].value;
		char text[512];
		if (cases[i].yaml)
			snprintf(text, sizeof text,
			         "partnership: {id: p, country: MA, monitoring: {frequency_months: %s}}\n"
			         "activities: [{id: a, measure: trade-mission}]\n",
			         v);
		else
			snprintf(text, sizeof text,
			         "{\"partnership\": {\"id\": \"p\", \"country\": \"MA\", \"monitoring\": "
			         "{\"frequency_months\": %s}},\n \"activities\": [{\"id\": \"a\", "
			         "\"measure\": \"trade-mission\"}]}",
			         v);
		mpr_proposal *p = NULL;
		mpr_error err;
		int rc = parse(*state, text, &p, &err);
		const char *how = cases[i].yaml ? "YAML" : "JSON";
		if (cases[i].months) {
			if (rc != MPR_OK)
				fail_msg("%s %s: %s", how, v, err.message);
			assert_int_equal(p->monitoring_months, cases[i].months);
		} else {
			if (rc != cases[i].code || !strstr(err.message, cases[i].says))
				fail_msg("%s %s: expected %d '%s', got %d '%s'", how, v, cases[i].code,
				         cases[i].says, rc, err.message);
			/* at the value: line 1, after "frequency_months": */
			assert_int_equal(err.line, 1);
			assert_int_equal(err.column, cases[i].yaml ? 66 : 81);
			assert_null(p);
		}
		mpr_proposal_free(p);
	}
}

/* Numbers are read without the C library: a host's locale changes nothing. */
static void numbers_ignore_the_locale(void **state)
{
	const char *locales[] = {"nl_NL.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8"};
	const char *set = NULL;
	for (size_t i = 0; i < 3 && !set; i++)
		set = setlocale(LC_ALL, locales[i]);
	const char *text = "{\"partnership\": {\"id\": \"p\", \"country\": \"MA\", \"monitoring\": "
	                   "{\"frequency_months\": 6.0}}, \"activities\": [{\"id\": \"a\", "
	                   "\"measure\": \"trade-mission\"}]}";
	mpr_proposal *p = NULL;
	mpr_error err;
	int rc = parse(*state, text, &p, &err);
	setlocale(LC_ALL, "C");
	if (!set)
		printf("  (no decimal-comma locale installed: checked in the C locale only)\n");
	assert_int_equal(rc, MPR_OK);
	assert_int_equal(p->monitoring_months, 6);
	mpr_proposal_free(p);
}

/* null for an optional field means absent; for a required one it is an
 * error at its place. */
static void null_is_absent(void **state)
{
	const char *json =
		"{\"partnership\": {\"id\": \"p\", \"title\": null, \"country\": \"MA\", "
		"\"description\": null, \"parties\": null, \"elements\": null,\n"
		"  \"monitoring\": {\"frequency_months\": null, \"bodies\": null}},\n"
		" \"activities\": [{\"id\": \"a\", \"measure\": \"trade-mission\", \"country\": null, "
		"\"attributes\": null, \"safeguards\": null, \"description\": null}]}";
	const char *yaml = "partnership:\n  id: p\n  title: ~\n  country: MA\n  description:\n"
	                   "  parties: null\n  elements: Null\n"
	                   "  monitoring: {frequency_months: ~, bodies: ~}\n"
	                   "activities: [{id: a, measure: trade-mission, country: ~, attributes: ~,\n"
	                   "  safeguards: null, description: ~}]\n";
	const char *texts[] = {json, yaml};
	for (int i = 0; i < 2; i++) {
		mpr_proposal *p = NULL;
		mpr_error err;
		if (parse(*state, texts[i], &p, &err) != MPR_OK)
			fail_msg("%s: %u:%u: %s", i ? "YAML" : "JSON", err.line, err.column, err.message);
		assert_null(p->title);
		assert_int_equal(p->n_parties, 0);
		assert_int_equal(p->elements, 0);
		assert_true(p->has_monitoring);
		assert_int_equal(p->monitoring_months, 0);
		assert_int_equal(p->n_bodies, 0);
		assert_int_equal(p->activities[0].s.country, p->country);
		assert_int_equal(p->activities[0].s.attributes, 0);
		mpr_proposal_free(p);
	}
	/* required: measure, id */
	mpr_proposal *p = NULL;
	mpr_error err;
	assert_int_equal(parse(*state,
	                       "{\"partnership\": {\"id\": \"p\", \"country\": \"MA\"},\n"
	                       " \"activities\": [{\"id\": \"a\", \"measure\": null}]}",
	                       &p, &err),
	                 MPR_ESCHEMA);
	assert_string_equal(err.message, "'measure' must be a text, found null");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 40);
	assert_int_equal(parse(*state,
	                       "{\"partnership\": {\"id\": null, \"country\": \"MA\"},\n"
	                       " \"activities\": [{\"id\": \"a\", \"measure\": \"trade-mission\"}]}",
	                       &p, &err),
	                 MPR_ESCHEMA);
	assert_string_equal(err.message, "'id' must be a text, found null");
	/* null is not "null" */
	assert_int_equal(parse(*state,
	                       "{\"partnership\": {\"id\": \"p\", \"country\": \"null\"},\n"
	                       " \"activities\": [{\"id\": \"a\", \"measure\": \"trade-mission\"}]}",
	                       &p, &err),
	                 MPR_EREF);
	assert_int_equal(err.column, 40);
}

/* The library's JSON entry points get the same JSON. */
static void evaluate_json_as_python_writes_it(void **state)
{
	/* json.dumps(..., indent=1) of a title with an emoji and an accent, a
	 * whole number written as a float, and nulls */
	const char *text = "{\n \"partnership\": {\n  \"id\": \"p-\\u00e9\",\n  \"title\": "
	                   "\"Caf\\u00e9 \\ud83d\\ude00\",\n  \"country\": \"MA\",\n  \"description\": "
	                   "null,\n  \"monitoring\": {\"frequency_months\": 6.0}\n },\n "
	                   "\"activities\": [\n  {\"id\": \"a\", \"measure\": \"trade-mission\"}\n ]\n}\n";
	char *out = NULL;
	size_t len;
	mpr_error err;
	int rc = mpr_evaluate_json(*state, text, strlen(text), "py.json", &out, &len, &err);
	/* p-é is no id (ASCII letters, digits, - . _): refused at its place */
	assert_int_equal(rc, MPR_ESCHEMA);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 9);
	assert_non_null(strstr(err.message, "'p-\xc3\xa9' is not a valid id"));
	const char *ok = "{\"partnership\": {\"id\": \"p\", \"title\": \"Caf\\u00e9 \\ud83d\\ude00\", "
	                 "\"country\": \"MA\", \"description\": null,\n"
	                 "  \"monitoring\": {\"frequency_months\": 12.0}},\r\n"
	                 " \"activities\": [{\"id\": \"a\", \"measure\": \"trade-mission\", "
	                 "\"safeguards\": [\"reporting-obligations\", \"defined-monitoring-content\", "
	                 "\"suspension-clause\"]}]}";
	assert_int_equal(mpr_evaluate_json(*state, ok, strlen(ok), "py.json", &out, &len, &err),
	                 MPR_OK);
	assert_non_null(strstr(out, "\"title\": \"Caf\xc3\xa9 \xf0\x9f\x98\x80\""));
	assert_non_null(strstr(out, "\"verdict\": \"conditional\""));
	mpr_free(out);
}

static void decide_json_as_tools_write_it(void **state)
{
	mpr_activity *a;
	mpr_error err;
	assert_int_equal(mpr_activity_new(&a, *state, &err), MPR_OK);
	const char *line = "{\"id\": \"caf\\u00e9 \\ud83d\\ude00\", \"country\": \"MA\", "
	                   "\"measure\": \"trade-mission\", \"attributes\": null, \"description\": "
	                   "null}\r\n";
	char *out = NULL;
	size_t len;
	assert_int_equal(mpr_decide_json(a, line, strlen(line), "<stdin>", 7, &out, &len, &err),
	                 MPR_OK);
	assert_non_null(strstr(out, "\"id\": \"caf\xc3\xa9 \xf0\x9f\x98\x80\", \"country\": \"MA\""));
	mpr_free(out);
	/* an error keeps the stream's line and the JSON column */
	const char *bad = "{\"country\": \"MA\", \"measure\": \"trade-mission\", \"id\": \"\\udc00\"}\n";
	assert_int_equal(mpr_decide_json(a, bad, strlen(bad), "<stdin>", 7, &out, &len, &err),
	                 MPR_ESYNTAX);
	assert_int_equal(err.line, 7);
	assert_int_equal(err.column, 54);
	assert_non_null(strstr(err.message, "second half of a UTF-16 surrogate pair"));
	/* the library refuses a blank line; the driver skips it (--jsonl) */
	assert_int_equal(mpr_decide_json(a, " \t\r\n", 4, "<stdin>", 8, &out, &len, &err),
	                 MPR_ESCHEMA);
	assert_string_equal(err.message, "an empty line is not an activity");
	mpr_activity_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_numbers),
		cmocka_unit_test(numbers_ignore_the_locale),
		cmocka_unit_test(null_is_absent),
		cmocka_unit_test(evaluate_json_as_python_writes_it),
		cmocka_unit_test(decide_json_as_tools_write_it),
	};
	return cmocka_run_group_tests_name("schema", tests, load_default, free_default);
}
