/* test_indicators.c - the CSV reader and the in-place edits of
 * mpr_indicators_import (the end-to-end run is test/import.sh). */
#include <unistd.h>

#include "csv.h"
#include "helpers.h"

static int parse(const char *text, csv *c, mpr_error *err)
{
	return csv_parse(c, "t.csv", text, strlen(text), err);
}

static void csv_quoting_and_delimiters(void **state)
{
	(void)state;
	csv c;
	mpr_error err;
	assert_int_equal(parse("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\", z \r\n\n1,,\n", &c,
	                       &err),
	                 MPR_OK);
	assert_int_equal(c.n_rows, 3); /* the blank line is dropped */
	assert_int_equal(c.rows[0].n, 3);
	assert_string_equal(c.rows[0].fields[0].text, "a"); /* no BOM */
	assert_string_equal(c.rows[1].fields[0].text, "x, y");
	assert_string_equal(c.rows[1].fields[1].text, "say \"hi\"");
	assert_string_equal(c.rows[1].fields[2].text, "z");
	assert_int_equal(c.rows[1].fields[2].line, 2);
	assert_int_equal(c.rows[1].fields[2].column, 22);
	assert_int_equal(c.rows[2].n, 3); /* trailing delimiter: an empty last field */
	assert_string_equal(c.rows[2].fields[2].text, "");
	assert_int_equal(csv_column(&c.rows[0], "c"), 2);
	assert_int_equal(csv_column(&c.rows[0], "d"), -1);
	csv_free(&c);

	/* the delimiter comes from the first line */
	assert_int_equal(parse("title;;;\nA;B\n1,5;2\n", &c, &err), MPR_OK);
	assert_string_equal(c.rows[2].fields[0].text, "1,5");
	csv_free(&c);
	assert_int_equal(parse("A\tB\tC\n1\t\t2", &c, &err), MPR_OK);
	assert_int_equal(c.rows[1].n, 3);
	assert_string_equal(c.rows[1].fields[1].text, "");
	assert_string_equal(c.rows[1].fields[2].text, "2");
	csv_free(&c);
	assert_int_equal(parse("", &c, &err), MPR_OK);
	assert_int_equal(c.n_rows, 0);
	csv_free(&c);
}

static void csv_errors_have_places(void **state)
{
	(void)state;
	csv c;
	mpr_error err;
	assert_int_equal(parse("a,b\n1,\"open\n", &c, &err), MPR_ESYNTAX);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.message, "not closed"));
	csv_free(&c);
	assert_int_equal(parse("a,b\n\"x\"y,2\n", &c, &err), MPR_ESYNTAX);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 4);
	csv_free(&c);
	assert_int_equal(csv_parse(&c, "t.csv", "a\0b", 3, &err), MPR_ESYNTAX);
	csv_free(&c);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* A block mapping that lacks a key gets it on a line of its own, a flow
 * mapping before its '}'; comments stay; new sources are declared. */
static void import_edits_in_place(void **state)
{
	(void)state;
	char dir[64], cmd[2048], path[128];
	snprintf(dir, sizeof dir, "/tmp/mprisk-import-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd,
	         "cp -r %s %s/rules && sed -i "
	         "-e 's/^    freedom_house: {status: Partly Free, score: 37, edition: 2025, source: "
	         "fh-2025}/    freedom_house:\\n      status: Partly Free\\n      edition: 2025\\n"
	         "      source: fh-2025/' "
	         "-e 's/human_rights_index: 0.707, regime: 1, /human_rights_index: 0.707, /' "
	         "%s/rules/countries.yaml",
	         RULES_DIR, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/rules", dir);
	const char *fx = MPR_SOURCE_DIR "/test/fixtures/indicators/";
	char fh[256], hri[256];
	snprintf(fh, sizeof fh, "%sfiw-all-data.csv", fx);
	snprintf(hri, sizeof hri, "%shuman-rights-index-vdem.csv", fx);
	mpr_import_sources src = {fh, hri, NULL, "v99", "2099-01-02"};
	char *report;
	size_t len;
	mpr_error err;
	int rc = mpr_indicators_import(path, &src, path, &report, &len, &err);
	if (rc != MPR_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	assert_non_null(strstr(report, "  MA Morocco: medium -> high"));
	free(report);

	snprintf(path, sizeof path, "%s/rules/countries.yaml", dir);
	const char *text = slurp(path);
	assert_non_null(strstr(text, "    freedom_house:\n      status: Not Free\n      score: 27\n"
	                             "      edition: 2099\n      source: fh-2099\n"));
	assert_non_null(strstr(text, "vdem: {human_rights_index: 0.707, year: 2024, version: v99, "
	                             "source: vdem-v99-owid, regime: ~}"));
	assert_non_null(strstr(text, "# Country entries: indicator values with edition"));
	snprintf(path, sizeof path, "%s/rules/ruleset.yaml", dir);
	text = slurp(path);
	assert_non_null(strstr(text, "\n  - id: fh-2099\n    name: \"Freedom House, Freedom in the "
	                             "World 2099, imported from fiw-all-data.csv on 2099-01-02"));

	/* the result loads and has the new values */
	mpr_ruleset *rules;
	snprintf(path, sizeof path, "%s/rules", dir);
	assert_int_equal(mpr_ruleset_load(&rules, path, NULL, &err), MPR_OK);
	assert_string_equal(mpr_ruleset_country_tier(rules, "MA"), "high");
	mpr_ruleset_free(rules);

	/* bad arguments are refused before anything is read */
	src.today = "2099-13-01";
	assert_int_equal(mpr_indicators_import(path, &src, path, &report, &len, &err), MPR_EINVAL);
	src.today = "2099-01-02";
	src.vdem_version = NULL;
	assert_int_equal(mpr_indicators_import(path, &src, path, &report, &len, &err), MPR_EINVAL);
	mpr_import_sources none = {NULL, NULL, NULL, NULL, "2099-01-02"};
	assert_int_equal(mpr_indicators_import(path, &none, path, &report, &len, &err), MPR_EINVAL);
	assert_null(report);

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(csv_quoting_and_delimiters),
	    cmocka_unit_test(csv_errors_have_places),
	    cmocka_unit_test(import_edits_in_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
