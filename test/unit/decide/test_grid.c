/* test_grid.c - the grid of best decisions (decide/grid.c): each cell is the
 * decision an activity gets when it declares exactly the safeguards it is
 * required to (and the civilian recipient the grid names for a measure
 * without a default beneficiary), the countries come by tier, and the views have room for
 * every country of the rules however many there are (650 here; the matrix
 * used to stop at 512 without a word). */
#include "decide/decide.h"
#include "helpers.h"
#include "load/load.h"

static void cells_are_best_decisions(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_error err;
	mpr_grid g;
	assert_int_equal(mpr_grid_init(&g, rules, &err), MPR_OK);
	mpr_activity *a;
	assert_int_equal(mpr_activity_new(&a, rules, &err), MPR_OK);
	for (size_t c = 0; c < rules->n_countries; c++)
		for (size_t m = 0; m < rules->n_measures; m++) {
			const mpr_best *b = mpr_grid_at(&g, c, m);
			const char *sgs[MPR_MAX_SET];
			size_t n = 0;
			for (size_t s = 0; s < rules->n_safeguards; s++)
				if (b->required & ((mpr_set)1 << s))
					sgs[n++] = rules->safeguards[s].n.id;
			mpr_query q = {.country = rules->countries[c].n.id,
			               .measure = rules->measures[m].n.id, .safeguards = sgs,
			               .n_safeguards = n,
			               .beneficiary = b->beneficiary >= 0
			                                  ? rules->beneficiaries[b->beneficiary].n.id
			                                  : NULL};
			assert_int_equal(mpr_decide(a, &q, &err), MPR_OK);
			assert_int_equal(mpr_activity_verdict(a), b->verdict);
			assert_int_equal(mpr_activity_monitoring_months(a), b->cell->months);
			assert_int_equal(mpr_activity_missing_count(a), 0);
			/* the deciding rule is in the trace: the cell, or a floor rule */
			bool traced_it = false;
			for (size_t k = 0; k < mpr_activity_trace_count(a); k++)
				traced_it |= mpr_activity_trace(a, k, NULL, NULL) == b->decided.rule;
			assert_true(traced_it);
			if (b->verdict != MPR_PROHIBITED)
				assert_ptr_equal(b->decided.rule, b->cell->id);
		}
	/* by tier, then by code */
	for (size_t i = 1; i < rules->n_countries; i++) {
		const mpr_country *x = &rules->countries[g.by_tier[i - 1]], *y = &rules->countries[g.by_tier[i]];
		assert_true(x->tier < y->tier || (x->tier == y->tier && strcmp(x->n.id, y->n.id) < 0));
	}
	mpr_activity_free(a);
	mpr_grid_free(&g);
}

/* The default rules with 650 countries instead of their own. */
static mpr_ruleset *many_countries(void)
{
	mpr_rule_file *files;
	size_t n;
	mpr_error err;
	assert_int_equal(mpr_rule_files_read(RULES_DIR, NULL, &files, &n, &err), MPR_OK);
	static char extra[650 * 400];
	size_t used = (size_t)snprintf(extra, sizeof extra, "countries:\n");
	for (int i = 0; i < 650; i++)
		used += (size_t)snprintf(
		    extra + used, sizeof extra - used,
		    "  - {code: %c%c, name: \"Country %d\", assessed: 2026-11-23,\n"
		    "     freedom_house: {status: Free, score: 90, edition: 2025, source: fh-2025},\n"
		    "     vdem: {human_rights_index: 0.9, year: 2024, version: v15, source: vdem-v15-owid},\n"
		    "     treaties: {refugee_convention: 1960, refugee_protocol: 1970, cat: 1990, iccpr: "
		    "1980, source: untc-2022}}\n",
		    'A' + i / 26 % 26, 'A' + i % 26, i);
	mpr_rule_file *all = calloc(n + 1, sizeof *all);
	assert_non_null(all);
	for (size_t i = 0; all && i < n; i++)
		all[i] = files[i];
	mpr_ruleset *rules = NULL;
	if (all) {
		all[n] = (mpr_rule_file){"zz-many.yaml", "zz-many.yaml", (const unsigned char *)extra, used};
		/* the generated codes may clash with real ones: drop those, and the
		 * translation of the texts of those (it would name them) */
		static const char none[] = "countries: []\n", no_texts[] = "translation: {language: nl}\n";
		for (size_t i = 0; i < n; i++)
			if (strcmp(files[i].rel, "countries.yaml") == 0) {
				all[i].data = (const unsigned char *)none;
				all[i].len = sizeof none - 1;
			} else if (strcmp(files[i].rel, "nl.yaml") == 0) {
				all[i].data = (const unsigned char *)no_texts;
				all[i].len = sizeof no_texts - 1;
			}
		int rc = mpr_ruleset_load_files(&rules, all, n + 1, NULL, &err);
		if (rc != MPR_OK)
			fail_msg("%s:%u: %s", err.file, err.line, err.message);
	}
	free(all);
	mpr_rule_files_free(files, n);
	return rules;
}

static void no_cap_on_countries(void **state)
{
	(void)state;
	mpr_ruleset *rules = many_countries();
	assert_int_equal(mpr_ruleset_country_count(rules), 650);
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_matrix(rules, MPR_FORMAT_TEXT, &out, NULL, &err), MPR_OK);
	/* every country is listed under the matrix, the last one too */
	assert_non_null(strstr(out, "  YZ low    Country 649\n"));
	mpr_free(out);
	assert_int_equal(mpr_render_report(rules, NULL, 0, "2026-11-23", &out, NULL, &err), MPR_OK);
	assert_non_null(strstr(out, "<li id=\"c-YZ\">"));
	mpr_free(out);
	mpr_ruleset_free(rules);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cells_are_best_decisions),
		cmocka_unit_test(no_cap_on_countries),
	};
	return cmocka_run_group_tests_name("grid", tests, load_default, free_default);
}
