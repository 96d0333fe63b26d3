/* test_ruleset.c - loading the default rules: catalogue, countries, fingerprint. */
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "model.h"

/* The ids other tools send (issue 3): all must be in the catalogue. */
static const char *const measure_ids[] = {
	"border-equipment-training", "liaison-officers", "joint-patrols", "information-sharing",
	"pre-clearance", "external-asylum-processing", "safe-third-country", "information-campaign",
	"safe-mobility-office", "border-surveillance", "transit-hub", "readmission-agreement",
	"forced-return", "return-hub", "voluntary-return-system-support",
	"voluntary-return-financial-support", "return-counselling", "reintegration-support",
	"labour-migration", "seasonal-labour-migration", "talent-partnership", "budget-support",
	"nearshoring", "development-programme", "trade-mission", "remittances-facilitation",
	"reception-in-region", "resettlement", "asylum-system-strengthening", "access-to-justice",
	"legislation-support", "search-and-rescue", "coast-guard-support", "anti-trafficking",
	"civil-society-support", "humanitarian-assistance", "evacuation-hub", "counter-smuggling"};

static void measure_catalogue_complete(void **state)
{
	const mpr_ruleset *rules = *state;
	size_t n = sizeof measure_ids / sizeof *measure_ids;
	assert_int_equal(mpr_ruleset_measure_count(rules), n);
	for (size_t i = 0; i < n; i++)
		if (mpr_index_find(&rules->measure_index, measure_ids[i]) < 0)
			fail_msg("measure '%s' missing from the catalogue", measure_ids[i]);
	/* R6: the measures the report names as elevated risk are high */
	static const char *const high[] = {"border-surveillance", "return-hub", "transit-hub",
	                                   "external-asylum-processing", "forced-return"};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(rules->measures[mpr_index_find(&rules->measure_index, high[i])].tier, 2);
	assert_null(mpr_ruleset_measure_id(rules, n));
}

static void countries_and_tiers(void **state)
{
	const mpr_ruleset *rules = *state;
	assert_true(mpr_ruleset_country_count(rules) >= 30);
	static const char *const expect[][2] = {
		{"NL", "low"}, {"SN", "low"}, {"MA", "medium"}, {"TN", "high"}, {"EG", "high"},
		{"LY", "high"}, {"GR", "medium"}, {"NE", "high"}, {"BD", "high"}};
	for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
		const char *t = mpr_ruleset_country_tier(rules, expect[i][0]);
		if (!t || strcmp(t, expect[i][1]) != 0)
			fail_msg("%s: tier %s, expected %s", expect[i][0], t ? t : "(none)", expect[i][1]);
	}
	assert_null(mpr_ruleset_country_tier(rules, "XX"));
	const mpr_country *ly = &rules->countries[mpr_index_find(&rules->country_index, "LY")];
	assert_non_null(ly->excluded);
	for (size_t i = 0; i < rules->n_countries; i++) {
		const mpr_country *c = &rules->countries[i];
		assert_true(c->n_reasons >= 3);
		assert_non_null(c->assessed);
		/* unknown data never lowers a tier: the tier is at least the worst known */
		assert_true(c->tier >= c->base_tier);
	}
}

static void fingerprint_format(void **state)
{
	const char *f = mpr_ruleset_fingerprint(*state);
	assert_int_equal(strlen(f), 7 + 64);
	assert_memory_equal(f, "sha256:", 7);
	assert_string_equal(mpr_ruleset_id(*state), "am-aiv-2026");
}

static int run(const char *cmd)
{
	int rc = system(cmd);
	return rc;
}

/* Comments do not change the fingerprint; a value does. */
static void fingerprint_follows_content(void **state)
{
	char dir[] = "/tmp/mprisk-fp-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char cmd[512];
	snprintf(cmd, sizeof cmd, "cp -r %s/. %s && printf '# a comment\\n' >> %s/matrix.yaml",
	         RULES_DIR, dir, dir);
	assert_int_equal(run(cmd), 0);
	mpr_ruleset *copy = NULL;
	mpr_error err;
	assert_int_equal(mpr_ruleset_load(&copy, dir, NULL, &err), MPR_OK);
	assert_string_equal(mpr_ruleset_fingerprint(copy), mpr_ruleset_fingerprint(*state));
	mpr_ruleset_free(copy);
	snprintf(cmd, sizeof cmd, "sed -i 's/every_months: 24/every_months: 18/' %s/matrix.yaml", dir);
	assert_int_equal(run(cmd), 0);
	assert_int_equal(mpr_ruleset_load(&copy, dir, NULL, &err), MPR_OK);
	assert_string_not_equal(mpr_ruleset_fingerprint(copy), mpr_ruleset_fingerprint(*state));
	mpr_ruleset_free(copy);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	run(cmd);
}

static void load_errors(void **state)
{
	(void)state;
	mpr_ruleset *r = (mpr_ruleset *)&r;
	mpr_error err;
	assert_int_equal(mpr_ruleset_load(&r, "/nonexistent/rules", NULL, &err), MPR_EIO);
	assert_null(r);
	assert_string_equal(err.file, "/nonexistent/rules");
	assert_int_equal(mpr_ruleset_load(NULL, RULES_DIR, NULL, &err), MPR_EINVAL);
	assert_int_equal(mpr_ruleset_load(&r, NULL, NULL, NULL), MPR_EINVAL);
	/* limits apply to rule files too */
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_file_bytes = 1000;
	assert_int_equal(mpr_ruleset_load(&r, RULES_DIR, &o, &err), MPR_ELIMIT);
	assert_non_null(strstr(err.message, "max_file_bytes=1000"));
	assert_null(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(measure_catalogue_complete),
		cmocka_unit_test(countries_and_tiers),
		cmocka_unit_test(fingerprint_format),
		cmocka_unit_test(fingerprint_follows_content),
		cmocka_unit_test(load_errors),
	};
	return cmocka_run_group_tests_name("ruleset", tests, load_default, free_default);
}
