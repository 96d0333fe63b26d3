/* test_audit.c - coverage, rule tests, diff, lint, records and replay
 * through the public API, and the diff as the value diff.c computes. */
#include <unistd.h>

#include "audit/diff.h"
#include "helpers.h"
#include "model.h"

static char tmpdir[64];

static int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mprisk-audit-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	return load_default(state);
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return -1;
	return free_default(state);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* A copy of the default rules with one sed edit applied to one file. */
static mpr_ruleset *edited(const char *name, const char *file, const char *sed)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "rm -rf %s/%s && cp -r %s %s/%s && sed -i '%s' %s/%s/%s", tmpdir,
	         name, RULES_DIR, tmpdir, name, sed, tmpdir, name, file);
	assert_int_equal(system(cmd), 0);
	char dir[256];
	snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
	mpr_ruleset *r = NULL;
	mpr_error err;
	if (mpr_ruleset_load(&r, dir, NULL, &err))
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	return r;
}

static void coverage_counts_and_lcov(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_coverage *cov;
	mpr_error err;
	assert_int_equal(mpr_coverage_new(&cov, rules, &err), MPR_OK);
	assert_true(mpr_coverage_total(cov) > 100);
	assert_int_equal(mpr_coverage_hit(cov), 0);
	mpr_proposal *p;
	mpr_result *r = eval_text(rules,
	                          "partnership: {id: t, country: TN}\n"
	                          "activities:\n  - {id: a, measure: coast-guard-support, attributes: [pullback]}\n",
	                          &p);
	mpr_coverage_add_result(cov, r);
	size_t hit = mpr_coverage_hit(cov);
	/* TN, its 4 context factors, classification, the measure, the floor
	 * rules F3 and F5, the cell, the safeguards and the attribute */
	assert_true(hit >= 10);
	char *lcov;
	assert_int_equal(mpr_coverage_render_lcov(cov, &lcov, NULL, &err), MPR_OK);
	assert_non_null(strstr(lcov, "TN:am_aiv_2026\n"));
	assert_non_null(strstr(lcov, "/floor.yaml\n"));
	assert_non_null(strstr(lcov, "end_of_record\n"));
	/* the cell.high.high entry is at line 81 of matrix.yaml and was hit once */
	assert_non_null(strstr(lcov, "DA:81,1\n"));
	free(lcov);
	char *text;
	assert_int_equal(mpr_coverage_render_text(cov, &text, NULL, &err), MPR_OK);
	assert_non_null(strstr(text, "not exercised: measure trade-mission"));
	free(text);
	mpr_result_free(r);
	mpr_proposal_free(p);
	mpr_coverage_free(cov);
}

static void rule_tests_pass_fail_and_errors(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/t.yaml", tmpdir);
	write_text(path, "tests:\n"
	                 "  - name: right\n    rule: C1\n    country: EG\n    measure: forced-return\n"
	                 "    safeguards: required\n    expect: {verdict: no-go}\n"
	                 "  - name: wrong\n    rule: C1\n    country: EG\n    measure: forced-return\n"
	                 "    expect: {verdict: conditional, measure_tier: low}\n"
	                 "  - name: inline\n    rule: F3\n"
	                 "    proposal:\n      partnership: {id: x, country: NL}\n"
	                 "      activities: [{id: a, measure: joint-patrols, attributes: [pushback]}]\n"
	                 "    expect: {verdict: prohibited, activities: {a: {trace: [F3-push-pullback]}}}\n");
	char *report;
	size_t passed, failed;
	mpr_error err;
	assert_int_equal(mpr_test_file(rules, path, NULL, NULL, &report, NULL, &passed, &failed, &err),
	                 MPR_OK);
	assert_int_equal(passed, 2);
	assert_int_equal(failed, 1);
	char want[400];
	snprintf(want, sizeof want, "%s:8: case wrong: expected conditional, got prohibited\n", path);
	assert_non_null(strstr(report, want));
	assert_non_null(strstr(report, "expected measure tier low, got high"));
	assert_non_null(strstr(report, "    trace:\n"));
	free(report);

	/* an unknown safeguard in an expectation is an error, not a failed case */
	write_text(path, "tests:\n  - name: typo\n    rule: C2\n    country: NL\n"
	                 "    measure: joint-patrols\n    expect: {missing: [on-the-ground]}\n");
	assert_int_equal(mpr_test_file(rules, path, NULL, NULL, &report, NULL, &passed, &failed, &err),
	                 MPR_EREF);
	assert_int_equal(err.line, 6);
	assert_int_equal(err.column, 24);
	assert_null(report);
	write_text(path, "tests:\n  - name: no rule cited\n    country: NL\n    measure: joint-patrols\n"
	                 "    expect: {verdict: conditional}\n");
	assert_int_equal(mpr_test_file(rules, path, NULL, NULL, &report, NULL, &passed, &failed, &err),
	                 MPR_ESCHEMA);
	assert_non_null(strstr(err.message, "'rule'"));
}

/* A case must assert a concrete outcome: an empty expectation checks
 * nothing, so it is an error with its place, never a passing case. */
static void rule_tests_expect_something(void **state)
{
	const mpr_ruleset *rules = *state;
	static const struct {
		const char *expect;
		unsigned column;
		const char *message;
	} vacuous[] = {
		{"{}", 13, "'expect' must expect something"},
		{"{monitoring: {}}", 26, "'monitoring' must expect a level or frequency_months"},
		{"{verdict: no-go, monitoring: {}}", 42, "'monitoring' must expect"},
		{"{trace: []}", 21, "'trace' must have at least 1 entry"},
	};
	char path[256], text[512];
	snprintf(path, sizeof path, "%s/vacuous.yaml", tmpdir);
	for (size_t i = 0; i < sizeof vacuous / sizeof *vacuous; i++) {
		snprintf(text, sizeof text, "tests:\n  - name: x\n    rule: C4\n    country: EG\n"
		                            "    measure: forced-return\n    expect: %s\n",
		         vacuous[i].expect);
		write_text(path, text);
		char *report = NULL;
		size_t passed = 9, failed = 9;
		mpr_error err;
		assert_int_equal(mpr_test_file(rules, path, NULL, NULL, &report, NULL, &passed, &failed,
		                               &err),
		                 MPR_ESCHEMA);
		assert_null(report);
		assert_int_equal(passed + failed, 0);
		assert_int_equal(err.line, 6);
		assert_int_equal(err.column, vacuous[i].column);
		assert_non_null(strstr(err.message, vacuous[i].message));
	}
	/* a proposal case: no activity named, or one expected of nothing */
	static const char *const proposal_expect[] = {"{verdict: no-go, activities: {}}",
	                                              "{activities: {a: {monitoring: {}}}}",
	                                              "{activities: {a: {}}}"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(text, sizeof text, "tests:\n  - name: x\n    rule: C1\n    proposal:\n"
		                            "      partnership: {id: p, country: EG}\n"
		                            "      activities: [{id: a, measure: forced-return}]\n"
		                            "    expect: %s\n",
		         proposal_expect[i]);
		write_text(path, text);
		char *report = NULL;
		size_t passed, failed;
		mpr_error err;
		assert_int_equal(mpr_test_file(rules, path, NULL, NULL, &report, NULL, &passed, &failed,
		                               &err),
		                 MPR_ESCHEMA);
		assert_int_equal(err.line, 7);
	}
}

/* A decision whose verdict alone changes (the floor now reaches it; its
 * safeguards and monitoring stay, and it did not pass before either) is
 * reported, with both verdicts: the activity's, and the proposal's overall
 * verdict (no-go before: the bare declaration has partnership findings),
 * which changes too while whether it passes does not. */
static void replay_reports_a_changed_verdict(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_result *r = eval_text(rules,
	                          "partnership: {id: v, country: MA}\n"
	                          "activities:\n  - {id: a, measure: trade-mission}\n",
	                          &p);
	assert_int_equal(r->activities[0].d.verdict, MPR_CONDITIONAL);
	char *rec;
	size_t len;
	mpr_error err;
	assert_int_equal(mpr_render_record(r, "2026-11-23T00:00:00Z", &rec, &len, &err), MPR_OK);
	/* F5 (oversight and monitoring) for medium-risk countries too */
	mpr_ruleset *floor = edited("floor", "floor.yaml",
	                            "s/country_tier: \\[high\\], humanitarian: false/"
	                            "country_tier: [medium, high], humanitarian: false/");
	char *report;
	size_t replayed, differ;
	assert_int_equal(mpr_replay(floor, rec, len, "v.log", &report, NULL, &replayed, &differ, &err),
	                 MPR_OK);
	assert_int_equal(replayed, 1);
	assert_int_equal(differ, 2); /* two differences: the overall verdict, activity a's */
	assert_non_null(strstr(report, "v.log:1: test (decided 2026-11-23T00:00:00Z "));
	assert_non_null(
		strstr(report, "\n    verdict: no-go (does not pass) -> prohibited (does not pass)\n"));
	assert_non_null(strstr(report, "\n    activity a: verdict conditional -> prohibited\n"));
	free(report);
	mpr_ruleset_free(floor);
	free(rec);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

static void diff_identical_is_empty(void **state)
{
	char *out;
	size_t unjust = 99;
	mpr_error err;
	assert_int_equal(mpr_diff(*state, *state, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_int_equal(unjust, 0);
	assert_non_null(strstr(out, "structural changes: 0"));
	assert_non_null(strstr(out, "decisions changed: 0"));
	free(out);
}

static void diff_labels_and_justification(void **state)
{
	mpr_ruleset *loose = edited("loose", "matrix.yaml",
	                            "/id: cell.high.medium/,/source/s/every_months: 3/every_months: 6/");
	char *out;
	size_t unjust = 0;
	mpr_error err;
	assert_int_equal(mpr_diff(*state, loose, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_true(unjust > 0);
	assert_non_null(strstr(out, "changed  matrix cell cell.high.medium"));
	assert_non_null(strstr(out, "LOOSENING  EG x voluntary-return-system-support"));
	assert_non_null(strstr(out, "NOT JUSTIFIED"));
	free(out);
	/* the reverse direction is a tightening */
	assert_int_equal(mpr_diff(loose, *state, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_int_equal(unjust, 0);
	assert_non_null(strstr(out, "tightening EG x voluntary-return-system-support"));
	free(out);
	mpr_ruleset_free(loose);

	mpr_ruleset *just = edited(
		"just", "matrix.yaml",
		"/id: cell.high.medium/,/source/{s/every_months: 3/every_months: 6/;"
		"s/^    source: \\(.*\\)$/    source: \\1\\n    justification: {text: \"why\", source: \"memo 1\"}/}");
	assert_int_equal(mpr_diff(*state, just, MPR_FORMAT_JSON, &out, NULL, &unjust, &err), MPR_OK);
	assert_int_equal(unjust, 0);
	assert_non_null(strstr(out, "\"justified_by\": {\"id\": \"cell.high.medium\", \"text\": \"why\""));
	free(out);
	mpr_ruleset_free(just);

	/* a country whose data moves it to a lower tier: the country entry must justify it */
	mpr_ruleset *data = edited("data", "countries.yaml",
	                           "s/status: Not Free, score: 18, edition: 2025/status: Partly Free, score: 18, edition: 2025/;"
	                           "s/human_rights_index: 0.266/human_rights_index: 0.666/");
	assert_int_equal(mpr_diff(*state, data, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_true(unjust > 0);
	assert_non_null(strstr(out, "changed  country EG"));
	assert_non_null(strstr(out, "tier high -> medium"));
	assert_non_null(strstr(out, "country EG ("));
	free(out);
	mpr_ruleset_free(data);
}

/* The diff as a value, before any printing: the decision space compared,
 * the changed decisions with their labels, and the entries they name. */
static void diff_value(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_error err;
	rule_diff d;
	assert_int_equal(rule_diff_init(&d, rules, rules, &err), MPR_OK);
	assert_int_equal(d.entries.n, 0);
	assert_int_equal(d.changes.n, 0);
	/* none, each attribute, each beneficiary a proposal may declare, each
	 * implementer beside each beneficiary that delivers to migrants */
	size_t delivering = 0;
	for (size_t i = 0; i < rules->n_beneficiaries; i++)
		delivering += rules->beneficiaries[i].delivers_to_migrants;
	assert_int_equal(d.scenarios, 1 + rules->n_attributes + rules->n_beneficiaries - 1 +
	                                  delivering * rules->n_implementers);
	assert_int_equal(d.compared, rules->n_countries * rules->n_measures * d.scenarios * 2);
	rule_diff_free(&d);

	mpr_ruleset *loose = edited("loose-value", "matrix.yaml",
	                            "/id: cell.high.medium/,/source/s/every_months: 3/every_months: 6/");
	assert_int_equal(rule_diff_init(&d, rules, loose, &err), MPR_OK);
	assert_int_equal(d.entries.n, 1);
	assert_string_equal(d.entries.v[0].what, "changed");
	assert_string_equal(d.entries.v[0].e->id, "cell.high.medium");
	assert_true(d.changes.n > 0);
	assert_int_equal(d.loosening, d.changes.n);
	assert_int_equal(d.unjustified, d.loosening);
	for (size_t i = 0; i < d.changes.n; i++) {
		const diff_change *ch = &d.changes.v[i];
		assert_true(ch->loosening && !ch->tightening);
		assert_int_equal(ch->omonths, 3);
		assert_int_equal(ch->nmonths, 6);
		assert_int_equal(ch->added | ch->removed, 0);
		bool named = false;
		for (size_t k = 0; k < ch->n_why_new; k++)
			named |= strcmp(ch->why_new[k]->id, "cell.high.medium") == 0;
		assert_true(named);
	}
	rule_diff_free(&d);
	mpr_ruleset_free(loose);
}

/* The partnership findings are part of the decision space: a partnership
 * rule made lighter, a measure that loses the tag a rule reads, each a
 * loosening that must be justified; the reverse a tightening. */
static void diff_partnership_findings(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_error err;
	rule_diff d;
	assert_int_equal(rule_diff_init(&d, rules, rules, &err), MPR_OK);
	assert_true(d.f_compared >= rules->n_prules);
	assert_int_equal(d.findings.n, 0);
	rule_diff_free(&d);

	const char *m1 = "/id: M1-independent-local-access/,/severity/s/severity: prohibited/severity: "
	                 "conditional/";
	mpr_ruleset *light = edited("m1", "partnership.yaml", m1);
	assert_int_equal(rule_diff_init(&d, rules, light, &err), MPR_OK);
	assert_int_equal(d.changes.n, 0); /* no activity decision changes ... */
	assert_true(d.findings.n > 0);    /* ... but findings do */
	assert_int_equal(d.f_loosening, d.findings.n);
	assert_int_equal(d.f_unjustified, d.findings.n);
	for (size_t i = 0; i < d.findings.n; i++) {
		const diff_finding *f = &d.findings.v[i];
		assert_string_equal(f->rule, "M1-independent-local-access");
		assert_true(f->ofires && f->nfires);
		assert_int_equal(f->o->severity, MPR_PROHIBITED);
		assert_int_equal(f->n->severity, MPR_CONDITIONAL);
		assert_true(f->sc.bodies >= 0 && f->sc.bodies < DM_LOCAL); /* no local body declared */
		assert_string_equal(f->why_new[0]->id, "M1-independent-local-access");
	}
	rule_diff_free(&d);
	char *out;
	size_t unjust = 0;
	assert_int_equal(mpr_diff(rules, light, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_true(unjust > 0);
	assert_non_null(strstr(out, "LOOSENING  finding M1-independent-local-access: prohibited -> "
	                            "conditional (e.g. one activity "));
	free(out);
	assert_int_equal(mpr_diff(light, rules, MPR_FORMAT_JSON, &out, NULL, &unjust, &err), MPR_OK);
	assert_int_equal(unjust, 0);
	assert_non_null(strstr(out, "\"rule\": \"M1-independent-local-access\", \"label\": \"tightening\""));
	free(out);
	mpr_ruleset_free(light);

	/* justified: the changed rule carries a justification */
	mpr_ruleset *just = edited(
		"m1-just", "partnership.yaml",
		"/id: M1-independent-local-access/,/source/{s/severity: prohibited/severity: conditional/;"
		"s/^    source: \\(.*\\)$/    source: \\1\\n    justification: {text: \"why\", source: \"memo 2\"}/}");
	assert_int_equal(mpr_diff(rules, just, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_int_equal(unjust, 0);
	assert_non_null(strstr(out, "justified by partnership rule M1-independent-local-access: why"));
	free(out);
	mpr_ruleset_free(just);

	/* a measure that loses the hub tag: P4 no longer fires for a return hub */
	mpr_ruleset *untagged = edited("untagged", "measures.yaml",
	                               "s/tags: \\[externalisation, return, hub\\]/tags: [externalisation, return]/");
	assert_int_equal(mpr_diff(rules, untagged, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_true(unjust > 0);
	assert_non_null(strstr(out, "LOOSENING  finding P4-hub-in-broader-partnership: no-go -> not "
	                            "raised (e.g. one activity "));
	assert_non_null(strstr(out, "changed entries in this finding: measure "));
	free(out);
	mpr_ruleset_free(untagged);

	/* the parties and the declared elements are read too: F2-excluded-party
	 * fires only with an excluded country among the parties, and
	 * F2-excluded-in-broader-partnership only with broader-partnership
	 * declared; a lighter version of each is a loosening in exactly those
	 * scenarios */
	static const char *const f2[] = {"F2-excluded-party", "F2-excluded-in-broader-partnership"};
	for (size_t r = 0; r < 2; r++) {
		char sed[160];
		snprintf(sed, sizeof sed,
		         "/id: %s$/,/severity/s/severity: prohibited/severity: conditional/", f2[r]);
		mpr_ruleset *lighter = edited(r ? "f2b" : "f2p", "partnership.yaml", sed);
		assert_int_equal(rule_diff_init(&d, rules, lighter, &err), MPR_OK);
		assert_int_equal(d.changes.n, 0);
		assert_true(d.findings.n > 0);
		assert_int_equal(d.f_loosening, d.findings.n);
		for (size_t i = 0; i < d.findings.n; i++) {
			const diff_finding *f = &d.findings.v[i];
			assert_string_equal(f->rule, f2[r]);
			if (r == 0) {
				assert_int_equal(f->sc.excluded_party, 1);
			} else {
				assert_int_equal(f->sc.excluded_party, -1);
				/* every element declared, or every one but the one that lifts
				 * the rule (the decision space holds no evacuation, so the
				 * lift never holds there) */
				if (f->sc.element != -2) /* [broader-partnership, humanitarian-framework] */
					assert_int_equal(f->sc.element, 1);
			}
		}
		rule_diff_free(&d);
		mpr_ruleset_free(lighter);
	}
	/* the scenarios of a rule that reads the parties name them */
	mpr_ruleset *lighter =
	    edited("f2p-json", "partnership.yaml",
	           "/id: F2-excluded-party$/,/severity/s/severity: prohibited/severity: conditional/");
	assert_int_equal(mpr_diff(rules, lighter, MPR_FORMAT_TEXT, &out, NULL, &unjust, &err), MPR_OK);
	assert_non_null(strstr(out, "LOOSENING  finding F2-excluded-party: prohibited -> conditional"));
	assert_non_null(strstr(out, "; an excluded country a party"));
	free(out);
	assert_int_equal(mpr_diff(rules, lighter, MPR_FORMAT_JSON, &out, NULL, &unjust, &err), MPR_OK);
	assert_non_null(strstr(out, "\"excluded_party\": true"));
	free(out);
	mpr_ruleset_free(lighter);
}

/* Safeguards are compared by id, whatever their positions: a catalogue in
 * another order changes nothing, and a safeguard added to a cell is found
 * in the new ruleset's positions. */
static void diff_safeguards_by_id(void **state)
{
	const mpr_ruleset *rules = *state;
	/* reporting-obligations, the first safeguard, moved to the end */
	mpr_ruleset *moved = edited("moved", "safeguards.yaml",
	                            "/^  - id: reporting-obligations$/,+3{H;d};"
	                            "/^attributes:/{x;s/^\\n//;G}");
	int ro = mpr_index_find(&moved->safeguard_index, "reporting-obligations");
	assert_int_equal(ro, (int)moved->n_safeguards - 1);
	mpr_error err;
	rule_diff d;
	assert_int_equal(rule_diff_init(&d, rules, moved, &err), MPR_OK);
	assert_int_equal(d.entries.n, 0);
	assert_int_equal(d.changes.n, 0);
	rule_diff_free(&d);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	         "sed -i '/id: cell.high.high/,/source/s/verifiable-commitments]/"
	         "verifiable-commitments, post-return-monitoring]/' %s/moved/matrix.yaml",
	         tmpdir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/moved", tmpdir);
	mpr_ruleset *more = NULL;
	assert_int_equal(mpr_ruleset_load(&more, cmd, NULL, &err), MPR_OK);
	mpr_set prm_new = (mpr_set)1 << mpr_index_find(&more->safeguard_index, "post-return-monitoring");
	mpr_set prm_old = (mpr_set)1 << mpr_index_find(&rules->safeguard_index, "post-return-monitoring");
	for (int dir = 0; dir < 2; dir++) {
		assert_int_equal(rule_diff_init(&d, dir ? more : rules, dir ? rules : more, &err), MPR_OK);
		assert_true(d.changes.n > 0);
		for (size_t i = 0; i < d.changes.n; i++) {
			const diff_change *ch = &d.changes.v[i];
			/* forward, added in the new positions; back, removed in the old ones */
			assert_int_equal(ch->added, dir ? 0 : prm_new);
			assert_int_equal(ch->removed, dir ? prm_new : 0);
			assert_true(dir ? ch->loosening : ch->tightening);
		}
		rule_diff_free(&d);
	}
	assert_true(prm_new != prm_old); /* the positions differ: the test is not vacuous */
	mpr_ruleset_free(more);
	mpr_ruleset_free(moved);
}

static void lint_warnings(void **state)
{
	char *out;
	size_t n = 99;
	mpr_error err;
	assert_int_equal(mpr_lint(*state, "2026-12-01", NULL, &out, NULL, &n, &err), MPR_OK);
	assert_int_equal(n, 0);
	/* the review band of F2 is a note per country in it, never silent */
	assert_non_null(strstr(out, "note: SO: state authority over territory 73.2% is below the "
	                            "review threshold 75.0%: it is in the top tier"));
	assert_non_null(strstr(out, "note: ET: state authority over territory"));
	assert_non_null(strstr(out, "note: LB: state authority over territory"));
	free(out);
	/* exactly 12 months is not yet older than staleness_months: 12 */
	assert_int_equal(mpr_lint(*state, "2027-11-30", NULL, &out, NULL, &n, &err), MPR_OK);
	assert_int_equal(n, 0);
	free(out);
	assert_int_equal(mpr_lint(*state, "2027-12-31", NULL, &out, NULL, &n, &err), MPR_OK);
	/* every assessment, and the evidence of every context factor (max_age_months: 12) */
	size_t factors = 0;
	for (size_t i = 0; i < ((const mpr_ruleset *)*state)->n_countries; i++)
		factors += ((const mpr_ruleset *)*state)->countries[i].n_context;
	assert_int_equal(factors, 12);
	assert_int_equal(n, mpr_ruleset_country_count(*state) + factors);
	assert_non_null(strstr(out, "warning: the assessment of TN is dated 2026-11-30, 13 months"
	                            " before 2027-12-31 (staleness_months: 12)"));
	assert_non_null(strstr(out, "warning: the evidence of context factor tn-detention of TN is "
	                            "dated 2026-11-30, 13 months before 2027-12-31 (max_age_months: 12)"));
	free(out);
	/* an unknown treaty status is an error (it counts as not a party); an
	 * unknown state authority a note (it excludes nothing) */
	mpr_ruleset *gaps = edited("gaps", "countries.yaml",
	                           "/code: NL$/,/state_authority/{s/refugee_convention: 1956/refugee_convention: ~/;"
	                           "s/percent: 99,/percent: ~,/}");
	mpr_lint_counts k = {9, 9, 9};
	assert_int_equal(mpr_lint_v2(gaps, "2026-12-01", NULL, &out, NULL, &k, &err), MPR_OK);
	assert_int_equal(k.errors, 1);
	assert_int_equal(k.warnings, 0);
	assert_int_equal(k.notes, 5); /* NL's unknown, ET, LB, SO under review, and the one
	                                 partnership rule a declaration lifts */
	assert_non_null(strstr(out, "error: NL: status under F1-refugee-convention unknown: it counts as "
	                            "not a party until it is sourced (F1)"));
	assert_non_null(strstr(out, "note: NL: state authority over territory unknown"));
	assert_string_equal(mpr_ruleset_country_tier(gaps, "NL"), "medium");
	free(out);
	assert_int_equal(mpr_lint(gaps, "2026-12-01", NULL, &out, NULL, &n, &err), MPR_OK);
	assert_int_equal(n, 1); /* errors count as warnings there */
	free(out);
	mpr_ruleset_free(gaps);
	mpr_coverage *cov;
	assert_int_equal(mpr_coverage_new(&cov, *state, &err), MPR_OK);
	assert_int_equal(mpr_lint(*state, "2026-12-01", cov, &out, NULL, &n, &err), MPR_OK);
	/* nothing was tested: every measure and every country is reported */
	assert_int_equal(n, mpr_ruleset_country_count(*state) + mpr_ruleset_measure_count(*state));
	free(out);
	mpr_coverage_free(cov);
	assert_int_equal(mpr_lint(*state, "yesterday", NULL, &out, NULL, &n, &err), MPR_EINVAL);
}

/* Lint in Dutch (mpr_lint_v3): the same findings and counts, the sentences
 * and the tier's name translated, the places, class words and ids as they
 * are; the summary too (mpr_render_summary_v2); a language the rules cannot
 * be written in is refused. */
static void lint_in_dutch(void **state)
{
	(void)state;
	char *out, *en;
	mpr_error err;
	mpr_ruleset *gaps = edited("gaps-nl", "countries.yaml",
	                           "/code: NL$/,/state_authority/{s/refugee_convention: 1956/refugee_convention: ~/;"
	                           "s/percent: 99,/percent: ~,/}");
	mpr_coverage *cov;
	assert_int_equal(mpr_coverage_new(&cov, gaps, &err), MPR_OK);
	mpr_lint_counts k = {9, 9, 9}, k_en = {9, 9, 9};
	assert_int_equal(mpr_lint_v3(gaps, "2027-12-31", cov, "nl", &out, NULL, &k, &err), MPR_OK);
	assert_int_equal(mpr_lint_v3(gaps, "2027-12-31", cov, NULL, &en, NULL, &k_en, &err), MPR_OK);
	assert_memory_equal(&k, &k_en, sizeof k);
	assert_int_equal(k.errors, 1);
	assert_non_null(strstr(out, ":5: error: NL: status onder F1-refugee-convention onbekend: het "
	                            "land telt als geen partij totdat de status met een bron is "
	                            "vastgelegd (F1)\n"));
	assert_non_null(strstr(out, ":5: note: NL: staatsgezag over het grondgebied onbekend"));
	assert_non_null(strstr(out, ":5: warning: de beoordeling van TN is van 2026-11-30, 13 "
	                            "maanden vóór 2027-12-31 (staleness_months: 12)\n"));
	assert_non_null(strstr(out, ": warning: het bewijs van contextfactor tn-detention van TN"));
	assert_non_null(strstr(out, ": warning: geen regeltest raakt maatregel border-surveillance\n"));
	assert_non_null(strstr(out, ": warning: geen regeltest raakt land TN\n"));
	assert_null(strstr(out, " months before"));
	assert_null(strstr(out, "no rule test"));
	/* one line per finding in both languages */
	size_t lines = 0, lines_en = 0;
	for (const char *c = out; *c; c++)
		lines += *c == '\n';
	for (const char *c = en; *c; c++)
		lines_en += *c == '\n';
	assert_int_equal(lines, lines_en);
	free(out);
	free(en);
	mpr_coverage_free(cov);
	assert_int_equal(mpr_lint_v3(gaps, "2027-12-31", NULL, "fr", &out, NULL, &k, &err),
	                 MPR_ENOTFOUND);
	assert_null(out);
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.lang = "nl-NL";
	assert_int_equal(mpr_render_summary_v2(gaps, &o, &out, NULL, &err), MPR_OK);
	assert_non_null(strstr(out, "  risiconiveaus: laag ("));
	assert_non_null(strstr(out, "  handtekening: niet ondertekend\n"));
	free(out);
	o.lang = "fr";
	assert_int_equal(mpr_render_summary_v2(gaps, &o, &out, NULL, &err), MPR_ENOTFOUND);
	assert_null(out);
	mpr_ruleset_free(gaps);
}

/* The unsealed records of mpr_render_record (format 2, 0.1) are still
 * replayed, as legacy records: decided again and compared. */
static void legacy_record_and_replay(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_result *r = eval_text(rules,
	                          "partnership: {id: t, country: MA, description: \"line\\nbreak\"}\n"
	                          "activities:\n  - {id: a, measure: trade-mission, beneficiary: companies}\n",
	                          &p);
	char *rec;
	size_t len;
	mpr_error err;
	assert_int_equal(mpr_render_record(r, "2026-11-23T00:00:00Z", &rec, &len, &err), MPR_OK);
	/* one line, ending in a newline */
	assert_int_equal(rec[len - 1], '\n');
	assert_null(memchr(rec, '\n', len - 1));
	char *report;
	size_t replayed, differ;
	char log[32768];
	snprintf(log, sizeof log, "%s\n%s", rec, rec); /* with an empty line between */
	assert_int_equal(mpr_replay(rules, log, strlen(log), "t.log", &report, NULL, &replayed,
	                            &differ, &err),
	                 MPR_OK);
	assert_int_equal(replayed, 2);
	assert_int_equal(differ, 0);
	free(report);
	/* under other rules the decision differs and is reported */
	mpr_ruleset *other = edited("other", "matrix.yaml",
	                            "/id: cell.medium.low/,/source/s/every_months: 12/every_months: 6/");
	assert_int_equal(mpr_replay(other, rec, len, "t.log", &report, NULL, &replayed, &differ, &err),
	                 MPR_OK);
	assert_int_equal(differ, 2); /* the activity's monitoring, and the plan's */
	assert_non_null(strstr(report, "t.log:1: test (decided 2026-11-23T00:00:00Z with am-aiv-2026 "));
	assert_non_null(strstr(report, "    activity a: monitoring standard every 12 -> standard every "
	                               "6 months\n"));
	free(report);
	mpr_ruleset_free(other);
	/* a tampered input is detected by its hash */
	char *at = strstr(rec, "trade-mission");
	assert_non_null(at);
	memcpy(at, "trade-misslon", 13);
	assert_int_equal(mpr_replay(rules, rec, len, "t.log", &report, NULL, &replayed, &differ, &err),
	                 MPR_ESCHEMA);
	assert_non_null(strstr(err.message, "does not match the recorded sha256"));
	assert_int_equal(mpr_replay(rules, "{\"x\": 1}\n", 9, "t.log", &report, NULL, &replayed,
	                            &differ, &err),
	                 MPR_ESCHEMA);
	memcpy(at, "trade-mission", 13);
	/* an activity id that is a list, a map, a number or null (0.1 crashed
	 * on the first two and printed NULL for the others): a located error */
	static const char *const ids[] = {"[\"a\"]", "{\"a\": 1}", "7", "null"};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		char *bad = malloc(len + 16);
		assert_non_null(bad);
		char *id = strstr(rec, "\"activities\": [{\"id\": \"a\"");
		assert_non_null(id);
		size_t head = (size_t)(id - rec) + strlen("\"activities\": [{\"id\": ");
		snprintf(bad, len + 16, "%.*s%s%s", (int)head, rec, ids[i], rec + head + 3);
		assert_int_equal(mpr_replay(rules, bad, strlen(bad), "t.log", &report, NULL, &replayed,
		                            &differ, &err),
		                 MPR_ESCHEMA);
		assert_int_equal(err.line, 1);
		assert_true(err.column > 1);
		assert_non_null(strstr(err.message, "'id' must be a text"));
		free(bad);
	}
	free(rec);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

/* A legacy record larger than the proposal file limit, which 0.1's replay
 * applied to the whole log (0.1's record held the rendered result: a valid
 * 1,000-activity proposal made 2.7-4.5 MB, here 2,000 activities), replays:
 * a record has its own limit. */
static void legacy_big_record_replays(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_buf yaml = {0};
	mpr_buf_puts(&yaml, "partnership: {id: big, title: many, country: MA, parties: [NL, MA]}\n"
	                    "activities:\n");
	for (int i = 0; i < 2000; i++)
		mpr_buf_printf(&yaml, "  - {id: a%d, measure: trade-mission, safeguards: "
		                      "[reporting-obligations]}\n",
		               i);
	assert_false(yaml.failed);
	mpr_buf_append(&yaml, "", 1);
	mpr_proposal *p;
	mpr_result *r = eval_text(rules, yaml.data, &p);
	char *rec, *report;
	size_t len, replayed, differ;
	mpr_error err;
	assert_int_equal(mpr_render_record(r, "2026-11-23T00:00:00Z", &rec, &len, &err), MPR_OK);
	mpr_load_options lo = MPR_LOAD_OPTIONS_INIT;
	assert_true(len > lo.max_file_bytes);
	assert_int_equal(mpr_replay(rules, rec, len, "t.log", &report, NULL, &replayed, &differ, &err),
	                 MPR_OK);
	assert_int_equal(replayed, 1);
	assert_int_equal(differ, 0);
	free(report);
	free(rec);
	mpr_result_free(r);
	mpr_proposal_free(p);
	free(yaml.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(coverage_counts_and_lcov),
		cmocka_unit_test(rule_tests_pass_fail_and_errors),
		cmocka_unit_test(rule_tests_expect_something),
		cmocka_unit_test(replay_reports_a_changed_verdict),
		cmocka_unit_test(diff_identical_is_empty),
		cmocka_unit_test(diff_labels_and_justification),
		cmocka_unit_test(diff_value),
		cmocka_unit_test(diff_safeguards_by_id),
		cmocka_unit_test(lint_warnings),
		cmocka_unit_test(lint_in_dutch),
		cmocka_unit_test(legacy_record_and_replay),
		cmocka_unit_test(legacy_big_record_replays),
		cmocka_unit_test(diff_partnership_findings),
	};
	return cmocka_run_group_tests_name("audit", tests, setup, teardown);
}
