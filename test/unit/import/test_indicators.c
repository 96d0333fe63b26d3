/* test_indicators.c - the CSV reader, the published tables and the in-place
 * edits of mpr_indicators_import (the end-to-end runs on the fixture tables
 * are test/import.sh). */
#include <locale.h>
#include <unistd.h>

#include "import/csv.h"
#include "helpers.h"
#include "import/tables.h"

static int parse(const char *text, char delim, csv *c, mpr_error *err)
{
	return csv_parse(c, "t.csv", text, strlen(text), delim, err);
}

static void csv_quoting_and_delimiters(void **state)
{
	(void)state;
	csv c;
	mpr_error err;
	assert_int_equal(parse("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\", z \r\n\n1,,\n", ',',
	                       &c, &err),
	                 MPR_OK);
	assert_int_equal(c.n_rows, 3); /* the blank line is dropped */
	assert_int_equal(c.rows[0].n, 3);
	assert_string_equal(c.rows[0].fields[0].text, "a"); /* no BOM */
	assert_string_equal(c.rows[1].fields[0].text, "x, y");
	assert_string_equal(c.rows[1].fields[1].text, "say \"hi\"");
	assert_string_equal(c.rows[1].fields[2].text, "z");
	assert_int_equal(c.rows[1].fields[2].line, 2);
	assert_int_equal(c.rows[1].fields[2].column, 22);
	assert_int_equal(c.rows[1].end_line, 2); /* the row ends before its CR LF */
	assert_int_equal(c.rows[1].end_column, 24);
	assert_int_equal(c.rows[2].n, 3); /* trailing delimiter: an empty last field */
	assert_string_equal(c.rows[2].fields[2].text, "");
	assert_int_equal(csv_column(&c.rows[0], "c"), 2);
	assert_int_equal(csv_column(&c.rows[0], "d"), -1);
	csv_free(&c);

	/* rows of empty fields only (a spreadsheet's padding) are dropped */
	assert_int_equal(parse("A;B\n;;;\n1,5;2", ';', &c, &err), MPR_OK);
	assert_int_equal(c.n_rows, 2);
	assert_string_equal(c.rows[1].fields[0].text, "1,5");
	assert_int_equal(c.rows[1].end_column, 6); /* no line break at the end of the file */
	csv_free(&c);
	assert_int_equal(parse("A\tB\tC\n1\t\t2", '\t', &c, &err), MPR_OK);
	assert_int_equal(c.rows[1].n, 3);
	assert_string_equal(c.rows[1].fields[1].text, "");
	assert_string_equal(c.rows[1].fields[2].text, "2");
	csv_free(&c);
	assert_int_equal(parse("", ',', &c, &err), MPR_OK);
	assert_int_equal(c.n_rows, 0);
	csv_free(&c);

	/* columns count characters, as editors do */
	assert_int_equal(parse("C\xC3\xB4te d\xE2\x80\x99Ivoire,x\n", ',', &c, &err), MPR_OK);
	assert_int_equal(c.rows[0].fields[1].column, 15);
	csv_free(&c);
}

static bool header_a(const csv_row *row, void *ctx)
{
	(void)ctx;
	return row->n >= 2 && strcmp(row->fields[0].text, "A") == 0 &&
	       strcmp(row->fields[1].text, "B") == 0;
}

/* The delimiter is the one under which the header row reads as a header,
 * whatever the title rows above it hold. */
static void csv_header_decides_the_delimiter(void **state)
{
	(void)state;
	const char *tables[][3] = {
	    {"\"Title; with; semicolons\nand a line break\"\n;;;;\nA,B\n1;5,2\n", ",", "1;5"},
	    {"Title, with, commas,,,,\nA;B\n1,5;2\n", ";", "1,5"},
	    {"A\tB\n1,5\t2\n", "\t", "1,5"},
	    {"x\n\"A\";\"B\"\n1,5;2\n", ";", "1,5"},
	};
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		csv c;
		size_t h;
		mpr_error err;
		const char *t = tables[i][0];
		assert_int_equal(csv_read_table(&c, &h, "t.csv", t, strlen(t), header_a, NULL, &err),
		                 MPR_OK);
		assert_int_equal(c.delimiter, tables[i][1][0]);
		assert_true(h + 1 < c.n_rows);
		assert_string_equal(c.rows[h + 1].fields[0].text, tables[i][2]);
		assert_int_equal(c.rows[h + 1].n, 2);
		csv_free(&c);
	}
	/* no header under any delimiter: the caller says what it expected */
	csv c;
	size_t h;
	mpr_error err;
	assert_int_equal(csv_read_table(&c, &h, "t.csv", "x\ny\n", 4, header_a, NULL, &err), MPR_OK);
	assert_int_equal(h, (size_t)-1);
	csv_free(&c);
	/* a syntax error after the header is the error of the header's delimiter */
	const char *bad = "A;B\n\"1;2\n";
	assert_int_equal(csv_read_table(&c, &h, "t.csv", bad, strlen(bad), header_a, NULL, &err),
	                 MPR_ESYNTAX);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 1);
	assert_non_null(strstr(err.message, "not closed"));
	csv_free(&c);
}

static void csv_errors_have_places(void **state)
{
	(void)state;
	csv c;
	mpr_error err;
	assert_int_equal(parse("a,b\n1,\"open\n", ',', &c, &err), MPR_ESYNTAX);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.message, "not closed"));
	assert_int_equal(c.n_rows, 1); /* the rows before the error */
	csv_free(&c);
	assert_int_equal(parse("a,b\n\"x\"y,2\n", ',', &c, &err), MPR_ESYNTAX);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 4);
	csv_free(&c);
	assert_int_equal(csv_parse(&c, "t.csv", "a\0b", 3, ',', &err), MPR_ESYNTAX);
	assert_non_null(strstr(err.message, "NUL"));
	csv_free(&c);
	/* Windows-1252 "Côte", an overlong '/', a surrogate: not UTF-8, at their place */
	const char *latin = "A,B\nC\xF4te,1\n";
	assert_int_equal(csv_parse(&c, "t.csv", latin, strlen(latin), ',', &err), MPR_ESYNTAX);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 2);
	assert_non_null(strstr(err.message, "CSV UTF-8"));
	csv_free(&c);
	assert_int_equal(parse("\xC0\xAF", ',', &c, &err), MPR_ESYNTAX);
	csv_free(&c);
	assert_int_equal(parse("\xED\xA0\x80", ',', &c, &err), MPR_ESYNTAX);
	csv_free(&c);
	assert_int_equal(csv_parse(&c, "t.csv", "\xFF\xFE" "A\0,\0", 6, ',', &err), MPR_ESYNTAX);
	assert_non_null(strstr(err.message, "UTF-16"));
	csv_free(&c);
}

static void numbers_are_read_exactly(void)
{
	static const char *const ok[][2] = {
	    {"0.45", "0.45"},       {"+0.45", "0.45"},     {"4e-05", "0.00004"},
	    {"+4.5E-1", "0.45"},    {"0.70700", "0.707"},  {"27.0", "27"},
	    {"2099", "2099"},       {"1.5e2", "150"},      {"-0", "0"},
	    {"-0.25", "-0.25"},     {".5", "0.5"},         {"5.", "5"},
	    {"007.50", "7.5"},      {"95.833336", "95.833336"},
	    {"4e39", "4000000000000000000000000000000000000000"},
	    {"5e-39", "0.000000000000000000000000000000000000005"},
	};
	char out[48];
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		const char *why = csv_decimal(ok[i][0], out, sizeof out);
		if (why)
			fail_msg("%s: %s", ok[i][0], why);
		assert_string_equal(out, ok[i][1]);
	}
	static const char *const refused[] = {"0,45", "1,234.5", "", "-", ".", "e5", "1e", "nan",
	                                      "inf", "0x1p-3", "1 000", "0.45 %", "1e-300",
	                                      "1.2.3", "\xC2\xA0\x31",
	                                      /* 41 digits by its exponent: it would not read back */
	                                      "8e40", "0.5e-40"};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		if (!csv_decimal(refused[i], out, sizeof out))
			fail_msg("'%s' was read as %s", refused[i], out);
	assert_non_null(strstr(csv_decimal("0,45", out, sizeof out), "decimal comma"));
	assert_true(csv_decimal_cmp("0.45", "0.450") == 0);
	assert_true(csv_decimal_cmp("0.00004", "0") > 0);
	assert_true(csv_decimal_cmp("1", "0.99999") > 0);
	assert_true(csv_decimal_cmp("-0.5", "0") < 0);
	assert_true(csv_decimal_cmp("-0.5", "-0.25") < 0);
	assert_true(csv_decimal_cmp("100", "99.9") > 0);
	long v;
	assert_true(csv_decimal_whole("2099", &v) && v == 2099);
	assert_false(csv_decimal_whole("0.5", &v));
}

/* Numbers do not depend on the C locale: the library may run in a host that
 * set a decimal comma. */
static void csv_numbers(void **state)
{
	(void)state;
	numbers_are_read_exactly();
	if (!setlocale(LC_ALL, "nl_NL.UTF-8")) {
		/* the locale is not installed: the functions use no locale at all */
		numbers_are_read_exactly();
		return;
	}
	numbers_are_read_exactly();
	setlocale(LC_ALL, "C");
}

static void names_are_normalised(void **state)
{
	(void)state;
	static const char *const same[][2] = {
	    {"Cote d'Ivoire", "C\xC3\xB4te d\xE2\x80\x99Ivoire"},      /* accent, curly apostrophe */
	    {"Bosnia and Herzegovina", "Bosnia\xC2\xA0" "and Herzegovina"}, /* no-break space */
	    {"The Gambia", "  THE   GAMBIA "},
	    {"Turkiye", "T\xC3\xBCrkiye"},
	    {"Guinea-Bissau", "Guinea\xE2\x80\x90" "Bissau"}, /* U+2010 hyphen */
	    {"Sao Tome", "S\xC3\xA3o Tom\xC3\xA9"},
	    {"Cote d'Ivoire", "Co\xCC\x82te d'Ivoire"}, /* a combining circumflex */
	};
	char a[TBL_NAME_MAX], b[TBL_NAME_MAX];
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		assert_true(tbl_normalise(same[i][0], a, sizeof a));
		assert_true(tbl_normalise(same[i][1], b, sizeof b));
		assert_string_equal(a, b);
	}
	assert_true(tbl_normalise("Turkey", a, sizeof a));
	assert_true(tbl_normalise("T\xC3\xBCrkiye", b, sizeof b));
	assert_string_not_equal(a, b); /* a rename is not a spelling */
	assert_true(tbl_normalise("Niger", a, sizeof a));
	assert_true(tbl_normalise("Nigeria", b, sizeof b));
	assert_string_not_equal(a, b);
	assert_false(tbl_normalise("\xF4", a, sizeof a)); /* not UTF-8 */
	assert_false(tbl_normalise("abcdef", a, 4));      /* does not fit */

	char q[256];
	assert_string_equal(tbl_quote("a\nb\x1B[31m\xE2\x80\xAE" "c", q, sizeof q),
	                    "a\\nb\\x1b[31m\\u202ec");
}

static char *write_temp(const char *dir, const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* OWID's value column: the estimate, never a bound; refused when unclear. */
static void owid_value_column(void **state)
{
	(void)state;
	char dir[64];
	snprintf(dir, sizeof dir, "/tmp/mprisk-tables-XXXXXX");
	assert_non_null(mkdtemp(dir));
	static const tbl_measure pct = {"state authority", "0", "100", false};
	tbl t;
	mpr_error err;
	const char *p = write_temp(dir, "b.csv",
	                           "Entity,Code,Year,X (lower bound),X (upper bound),X,"
	                           "World region according to OWID\nMorocco,MAR,2023,88,94,91.8,Africa\n");
	assert_int_equal(tbl_read_owid(&t, p, &pct, &err), MPR_OK);
	assert_string_equal(t.value_name, "X");
	tbl_pick k;
	assert_int_equal(tbl_find(&t, "Morocco", "MAR", &k, &err), MPR_OK);
	assert_string_equal(k.value, "91.8");
	assert_int_equal(k.edition, 2023);
	tbl_free(&t);

	p = write_temp(dir, "two.csv", "Entity,Code,Year,X,Y\nMorocco,MAR,2023,1,2\n");
	assert_int_equal(tbl_read_owid(&t, p, &pct, &err), MPR_ESCHEMA);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 20);
	assert_non_null(strstr(err.message, "more than one value column ('X', 'Y')"));
	tbl_free(&t);

	p = write_temp(dir, "none.csv", "Entity,Code,Year,X (lower bound)\nMorocco,MAR,2023,1\n");
	assert_int_equal(tbl_read_owid(&t, p, &pct, &err), MPR_ESCHEMA);
	assert_non_null(strstr(err.message, "no estimate column"));
	tbl_free(&t);

	/* a value beyond the header's columns, a year that is not one */
	p = write_temp(dir, "wide.csv", "Entity,Code,Year,X\nMorocco,MAR,2023,1,,7\n");
	assert_int_equal(tbl_read_owid(&t, p, &pct, &err), MPR_ESCHEMA);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 21);
	tbl_free(&t);
	p = write_temp(dir, "year.csv", "Entity,Code,Year,X\nMorocco,MAR,20x3,1\n");
	assert_int_equal(tbl_read_owid(&t, p, &pct, &err), MPR_ESCHEMA);
	assert_string_equal(err.message, "Year of 'Morocco' must be a year, found '20x3'");
	tbl_free(&t);

	/* the latest year with a value; two rows of one year that agree are one */
	p = write_temp(dir, "latest.csv",
	               "Entity,Code,Year,X\nMorocco,MAR,2022,92.6\nMorocco,MAR,2023,91.80\n"
	               "Maroc,MAR,2023,91.8\nMorocco,MAR,2024,\nAfrica,,2025,80\n");
	assert_int_equal(tbl_read_owid(&t, p, &pct, &err), MPR_OK);
	assert_int_equal(t.newest, 2025);
	assert_int_equal(tbl_find(&t, "Morocco", "MAR", &k, &err), MPR_OK);
	assert_int_equal(k.edition, 2023);
	assert_string_equal(k.value, "91.8");
	assert_int_equal(tbl_find(&t, "Libya", "LBY", &k, &err), MPR_OK);
	assert_null(k.row);
	tbl_free(&t);

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
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
	         "-e '/state_authority: {percent: 85.182,/d' "
	         "%s/rules/countries.yaml",
	         RULES_DIR, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof path, "%s/rules", dir);
	const char *fx = MPR_SOURCE_DIR "/test/fixtures/indicators/";
	char fh[256], hri[256], terr[256];
	snprintf(fh, sizeof fh, "%sfiw-all-data.csv", fx);
	snprintf(hri, sizeof hri, "%shuman-rights-index-vdem.csv", fx);
	snprintf(terr, sizeof terr, "%spercentage-of-territory-controlled-by-government.csv", fx);
	mpr_import_sources src = {.freedom_house = fh, .human_rights = hri, .vdem_version = "v99",
	                          .today = "2099-01-02", .territory = terr};
	char *report;
	size_t len;
	mpr_error err;
	int rc = mpr_indicators_import(path, &src, path, &report, &len, &err);
	if (rc != MPR_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	assert_non_null(strstr(report, "  MA Morocco: medium -> high"));
	assert_non_null(strstr(report, "  NG Nigeria: medium -> high (base medium -> medium), state "
	                               "authority now under review (F2)"));
	free(report);

	snprintf(path, sizeof path, "%s/rules/countries.yaml", dir);
	const char *text = slurp(path);
	assert_non_null(strstr(text, "    freedom_house:\n      status: Not Free\n      score: 27\n"
	                             "      edition: 2099\n      source: fh-2099\n"));
	assert_non_null(strstr(text, "vdem: {human_rights_index: 0.707, year: 2024, version: v99, "
	                             "source: vdem-v99-owid, regime: ~}"));
	/* Nigeria had no state_authority: the whole mapping is added */
	assert_non_null(strstr(text, "  - code: NG\n    state_authority: {percent: 70.4, year: 2099, "
	                             "version: v99, source: vdem-v99-owid-territory}\n"));
	assert_non_null(strstr(text, "# Country entries: indicator values with edition"));
	snprintf(path, sizeof path, "%s/rules/ruleset.yaml", dir);
	text = slurp(path);
	assert_non_null(strstr(text, "\n  - id: fh-2099\n    name: \"Freedom House, Freedom in the "
	                             "World 2099, imported from fiw-all-data.csv on 2099-01-02"));
	assert_non_null(strstr(text, "\n  - id: vdem-v99-owid-territory\n"));

	/* the result loads and has the new values */
	mpr_ruleset *rules;
	snprintf(path, sizeof path, "%s/rules", dir);
	assert_int_equal(mpr_ruleset_load(&rules, path, NULL, &err), MPR_OK);
	assert_string_equal(mpr_ruleset_country_tier(rules, "MA"), "high");
	assert_string_equal(mpr_ruleset_country_tier(rules, "NG"), "high");
	mpr_ruleset_free(rules);

	/* bad arguments are refused before anything is read */
	src.today = "2099-13-01";
	assert_int_equal(mpr_indicators_import(path, &src, path, &report, &len, &err), MPR_EINVAL);
	src.today = "2099-01-02";
	src.vdem_version = NULL;
	assert_int_equal(mpr_indicators_import(path, &src, path, &report, &len, &err), MPR_EINVAL);
	mpr_import_sources territory_only = {.territory = terr, .today = "2099-01-02"};
	assert_int_equal(mpr_indicators_import(path, &territory_only, path, &report, &len, &err),
	                 MPR_EINVAL);
	mpr_import_sources none = {.today = "2099-01-02"};
	assert_int_equal(mpr_indicators_import(path, &none, path, &report, &len, &err), MPR_EINVAL);
	assert_null(report);

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A table never takes the rules back in time: a row older than the value
 * the rules hold is kept out, and the country is not refreshed. */
static void import_never_goes_back(void **state)
{
	(void)state;
	char dir[64], cmd[512], path[128];
	snprintf(dir, sizeof dir, "/tmp/mprisk-import-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cp -r %s %s/rules", RULES_DIR, dir);
	assert_int_equal(system(cmd), 0);
	char fh[256], hri[256];
	snprintf(fh, sizeof fh, "%s",
	         write_temp(dir, "fh.csv",
	                    "Country/Territory;Edition;Status;Total\nMorocco;2024;NF;20\n"
	                    "Tunisia;2025;PF;44\n"));
	snprintf(hri, sizeof hri, "%s",
	         write_temp(dir, "h.csv", "Entity,Code,Year,X\nMorocco,MAR,2023,0.3\n"
	                                  "Tunisia,TUN,2024,0.707\n"));
	snprintf(path, sizeof path, "%s/rules", dir);
	mpr_import_sources src = {.freedom_house = fh, .human_rights = hri, .vdem_version = "v15",
	                          .today = "2099-01-02"};
	char *report;
	size_t len;
	mpr_error err;
	int rc = mpr_indicators_import(path, &src, path, &report, &len, &err);
	if (rc != MPR_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	assert_non_null(strstr(report, "MA Morocco: Freedom House: the latest row for 'Morocco' is "
	                               "of edition 2024, older than the rules' 2025 (kept); V-Dem: "
	                               "the latest value for MAR is v15 (2023), older than the "
	                               "rules' v15 (2024) (kept); not refreshed (assessed stays "
	                               "2026-11-30)\n"));
	assert_non_null(strstr(report, "  TN Tunisia: Freedom House 2025 Partly Free 44 -> 2025 "
	                               "Partly Free 44; V-Dem v15 (2024) 0.707 -> v15 (2024) 0.707, "
	                               "regime 1\n"));
	assert_non_null(strstr(report, "1 country refreshed (assessed 2099-01-02)"));
	assert_non_null(strstr(report, "tier changes: 0\n"));
	free(report);
	/* an older V-Dem version of the same year is not written either */
	src.vdem_version = "v14";
	assert_int_equal(mpr_indicators_import(path, &src, path, &report, &len, &err), MPR_OK);
	assert_non_null(strstr(report, "V-Dem: the latest value for TUN is v14 (2024), older than "
	                               "the rules' v15 (2024) (kept)"));
	free(report);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* The same for state authority over territory. */
static void territory_never_goes_back(void **state)
{
	(void)state;
	char dir[64], cmd[512], path[128];
	snprintf(dir, sizeof dir, "/tmp/mprisk-import-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cp -r %s %s/rules", RULES_DIR, dir);
	assert_int_equal(system(cmd), 0);
	char terr[256];
	snprintf(terr, sizeof terr, "%s",
	         write_temp(dir, "t.csv", "Entity,Code,Year,X\nMorocco,MAR,2022,50\n"
	                                  "Tunisia,TUN,2023,96.125\n"));
	snprintf(path, sizeof path, "%s/rules", dir);
	mpr_import_sources src = {.territory = terr, .vdem_version = "v14", .today = "2099-01-02"};
	char *report;
	size_t len;
	mpr_error err;
	int rc = mpr_indicators_import(path, &src, path, &report, &len, &err);
	if (rc != MPR_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	assert_non_null(strstr(report, "  MA Morocco: state authority: the latest value for MAR is "
	                               "v14 (2022), older than the rules' v14 (2023) (kept); not "
	                               "refreshed (assessed stays 2026-11-30)\n"));
	assert_non_null(strstr(report, "  TN Tunisia: state authority v14 (2023) 96.125 -> v14 "
	                               "(2023) 96.125\n"));
	assert_non_null(strstr(report, "1 country refreshed (assessed 2099-01-02)"));
	free(report);
	src.vdem_version = "v13";
	assert_int_equal(mpr_indicators_import(path, &src, path, &report, &len, &err), MPR_OK);
	assert_non_null(strstr(report, "state authority: the latest value for TUN is v13 (2023), "
	                               "older than the rules' v14 (2023) (kept)"));
	free(report);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(csv_quoting_and_delimiters),
	    cmocka_unit_test(csv_header_decides_the_delimiter),
	    cmocka_unit_test(csv_errors_have_places),
	    cmocka_unit_test(csv_numbers),
	    cmocka_unit_test(names_are_normalised),
	    cmocka_unit_test(owid_value_column),
	    cmocka_unit_test(import_edits_in_place),
	    cmocka_unit_test(import_never_goes_back),
	    cmocka_unit_test(territory_never_goes_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
