/*
 * test_locale.c - the library inside a host program that has called
 * setlocale(LC_ALL, "nl_NL.UTF-8"), where the C library reads "0.452" as 0
 * and writes 0.452 as "0,452".
 *
 * Every view is rendered once in the C locale and once in the decimal-comma
 * locale, from a ruleset loaded in that locale, and the two must be the same
 * byte for byte: loading, every example proposal (text with remedies, JSON,
 * its decision record), the matrix in every format, every country explained
 * with a decision, the summary, the HTML report, lint, coverage, the diff,
 * replay of the records and the rule tests. docs/security.md, "Locale".
 */
#include <dirent.h>
#include <locale.h>

#include "helpers.h"
#include "util/buf.h"

#define MAX_PROPOSALS 64

static void take(mpr_buf *all, const char *what, int rc, char *text, const mpr_error *err)
{
	mpr_buf_printf(all, "== %s (%d)\n", what, rc);
	if (rc != MPR_OK) {
		char msg[1200];
		mpr_error_format(err, msg, sizeof msg);
		mpr_buf_printf(all, "%s\n", msg);
	} else {
		mpr_buf_puts(all, text ? text : "");
	}
	free(text);
}

static size_t proposal_files(char paths[][512], size_t max)
{
	static const char *const dirs[] = {"/examples/proposals", "/examples/proposals/table6"};
	size_t n = 0;
	for (size_t k = 0; k < 2; k++) {
		char dir[200];
		snprintf(dir, sizeof dir, "%s%s", MPR_SOURCE_DIR, dirs[k]);
		DIR *d = opendir(dir);
		assert_non_null(d);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL && n < max)
			if (strstr(e->d_name, ".yaml"))
				snprintf(paths[n++], 512, "%s/%s", dir, e->d_name);
		if (d)
			closedir(d);
	}
	/* readdir's order is the file system's: sort for a stable text */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(paths[j - 1], paths[j]) > 0; j--) {
			char t[512];
			memcpy(t, paths[j], 512);
			memcpy(paths[j], paths[j - 1], 512);
			memcpy(paths[j - 1], t, 512);
		}
	return n;
}

/* Each proposal's views, its record in log, and its result in results. */
static void proposal_views(mpr_buf *all, const mpr_ruleset *rs, mpr_coverage *cov,
                           mpr_buf *log, mpr_proposal **props, mpr_result **results, size_t *n)
{
	static char paths[MAX_PROPOSALS][512];
	size_t count = proposal_files(paths, MAX_PROPOSALS);
	assert_true(count >= 10);
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		mpr_error err;
		char *out = NULL;
		mpr_proposal *p = NULL;
		mpr_result *r = NULL;
		int rc = mpr_proposal_parse_file(&p, rs, paths[i], NULL, &err);
		if (rc == MPR_OK)
			rc = mpr_evaluate(&r, rs, p, &err);
		assert_int_equal(rc, MPR_OK);
		mpr_coverage_add_result(cov, r);
		rc = mpr_render_result(r, MPR_FORMAT_TEXT | MPR_RENDER_SUGGEST, &out, NULL, &err);
		take(all, paths[i], rc, out, &err);
		rc = mpr_render_result(r, MPR_FORMAT_JSON, &out, NULL, &err);
		take(all, "json", rc, out, &err);
		rc = mpr_render_record(r, "2026-11-30T00:00:00Z", &out, NULL, &err);
		if (rc == MPR_OK)
			mpr_buf_puts(log, out);
		take(all, "record", rc, out, &err);
		props[*n] = p;
		results[(*n)++] = r;
	}
}

/* Every view of the library, concatenated. */
static char *all_views(void)
{
	mpr_buf all = {0}, log = {0};
	mpr_ruleset *rs = NULL;
	mpr_error err;
	int rc = mpr_ruleset_load(&rs, RULES_DIR, NULL, &err);
	take(&all, "load", rc, NULL, &err);
	assert_int_equal(rc, MPR_OK);
	mpr_buf_printf(&all, "fingerprint %s\n", mpr_ruleset_fingerprint(rs));
	mpr_coverage *cov = NULL;
	assert_int_equal(mpr_coverage_new(&cov, rs, &err), MPR_OK);
	static mpr_proposal *props[MAX_PROPOSALS];
	static mpr_result *results[MAX_PROPOSALS];
	size_t n = 0;
	proposal_views(&all, rs, cov, &log, props, results, &n);
	char *out = NULL;
	static const mpr_format formats[] = {MPR_FORMAT_TEXT, MPR_FORMAT_JSON, MPR_FORMAT_MARKDOWN};
	for (size_t f = 0; f < 3; f++) {
		rc = mpr_render_matrix(rs, formats[f], &out, NULL, &err);
		take(&all, "matrix", rc, out, &err);
	}
	for (size_t c = 0; c < mpr_ruleset_country_count(rs); c++)
		for (size_t f = 0; f < 2; f++) {
			rc = mpr_render_explain(rs, mpr_ruleset_country_code(rs, c), "forced-return",
			                        formats[f], &out, NULL, &err);
			take(&all, "explain", rc, out, &err);
		}
	rc = mpr_render_summary(rs, &out, NULL, &err);
	take(&all, "summary", rc, out, &err);
	rc = mpr_render_report(rs, (const mpr_result *const *)results, n, "2026-11-30", &out, NULL,
	                       &err);
	take(&all, "report", rc, out, &err);
	rc = mpr_lint_v2(rs, "2026-11-30", cov, &out, NULL, NULL, &err);
	take(&all, "lint", rc, out, &err);
	rc = mpr_coverage_render_text(cov, &out, NULL, &err);
	take(&all, "coverage", rc, out, &err);
	rc = mpr_coverage_render_lcov(cov, &out, NULL, &err);
	take(&all, "lcov", rc, out, &err);
	for (size_t f = 0; f < 2; f++) {
		rc = mpr_diff(rs, rs, formats[f], &out, NULL, NULL, &err);
		take(&all, "diff", rc, out, &err);
	}
	size_t replayed = 0, differ = 0, passed = 0, failed = 0;
	rc = mpr_replay(rs, log.data, log.len, "log", &out, NULL, &replayed, &differ, &err);
	take(&all, "replay", rc, out, &err);
	rc = mpr_test_file(rs, MPR_SOURCE_DIR "/rules/tests/fidelity.yaml", NULL, NULL, &out, NULL,
	                   &passed, &failed, &err);
	mpr_buf_printf(&all, "rule tests: %zu passed, %zu failed\n", passed, failed);
	take(&all, "rule tests", rc, out, &err);
	for (size_t i = 0; i < n; i++) {
		mpr_result_free(results[i]);
		mpr_proposal_free(props[i]);
	}
	mpr_coverage_free(cov);
	mpr_ruleset_free(rs);
	free(log.data);
	mpr_buf_puts(&all, "");
	assert_false(all.failed);
	return all.data;
}

static void every_view_is_the_same_in_a_decimal_comma_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	char *c = all_views();
	const char *names[] = {"nl_NL.UTF-8", "nl_NL.utf8"};
	const char *set = NULL;
	for (size_t i = 0; i < 2 && !set; i++)
		set = setlocale(LC_ALL, names[i]);
	if (!set)
		fail_msg("the locale nl_NL.UTF-8 is not installed: run test/deps.sh (as root it "
		         "generates it)");
	char probe[16];
	snprintf(probe, sizeof probe, "%.1f", 0.5);
	assert_string_equal(probe, "0,5"); /* the C library does follow this locale */
	char *nl = all_views();
	setlocale(LC_ALL, "C");
	size_t at = 0;
	while (c[at] && c[at] == nl[at])
		at++;
	if (c[at] != nl[at])
		fail_msg("differs at byte %zu: C locale \"%.60s\", nl_NL \"%.60s\"", at,
		         c + (at > 20 ? at - 20 : 0), nl + (at > 20 ? at - 20 : 0));
	assert_true(strlen(c) > 100000);
	free(c);
	free(nl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_view_is_the_same_in_a_decimal_comma_locale),
	};
	return cmocka_run_group_tests_name("locale", tests, NULL, NULL);
}
