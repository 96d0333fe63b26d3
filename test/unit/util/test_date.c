/* test_date.c - calendar dates as day numbers (util/date.h): every day of
 * four centuries converts there and back; parsing refuses what is not a
 * date; "N months later" clamps to the end of a shorter month and never
 * drifts (§4.2.3 M3: a round due every N months). */
#include "helpers.h"
#include "util/date.h"

static void round_trip_four_centuries(void **state)
{
	(void)state;
	long first = mpr_date_days(1900, 1, 1), last = mpr_date_days(2299, 12, 31);
	assert_int_equal(mpr_date_days(1970, 1, 1), 0);
	assert_int_equal(last - first + 1, 146097); /* 400 Gregorian years */
	int py = 1899, pm = 12, pd = 31;
	for (long d = first; d <= last; d++) {
		int y, m, dd;
		mpr_date_civil(d, &y, &m, &dd);
		assert_int_equal(mpr_date_days(y, m, dd), d);
		/* the next day of the one before */
		bool next = (y == py && m == pm && dd == pd + 1) || (y == py && m == pm + 1 && dd == 1) ||
		            (y == py + 1 && m == 1 && dd == 1 && pm == 12);
		assert_true(next);
		py = y, pm = m, pd = dd;
	}
}

static void parse_and_format(void **state)
{
	(void)state;
	long d;
	char out[11];
	assert_true(mpr_date_parse("2028-02-29", &d));
	mpr_date_format(d, out);
	assert_string_equal(out, "2028-02-29");
	const char *bad[] = {"2027-02-29", "1900-02-29", "2027-13-01", "2027-00-10", "2027-04-31",
	                     "2027-4-01",  "2027-04-01 ", " 2027-04-01", "27-04-01", "1899-12-31",
	                     "2027/04/01", "",          "2027-04-0x"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(mpr_date_parse(bad[i], &d));
	assert_false(mpr_date_parse(NULL, &d));
	assert_true(mpr_date_parse("2000-02-29", &d)); /* divisible by 400: a leap year */
}

static void months_clamp_and_do_not_drift(void **state)
{
	(void)state;
	static const struct {
		const char *from;
		unsigned n;
		const char *to;
	} cases[] = {
		{"2027-01-31", 1, "2027-02-28"},  {"2028-01-31", 1, "2028-02-29"},
		{"2027-01-31", 3, "2027-04-30"},  {"2027-01-31", 6, "2027-07-31"},
		{"2027-01-31", 9, "2027-10-31"},  {"2027-11-30", 3, "2028-02-29"},
		{"2027-03-15", 12, "2028-03-15"}, {"2027-12-31", 24, "2029-12-31"},
		{"2027-08-31", 0, "2027-08-31"},  {"2027-10-15", 120, "2037-10-15"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long d;
		char out[11];
		assert_true(mpr_date_parse(cases[i].from, &d));
		mpr_date_format(mpr_date_add_months(d, cases[i].n), out);
		assert_string_equal(out, cases[i].to);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_four_centuries),
		cmocka_unit_test(parse_and_format),
		cmocka_unit_test(months_clamp_and_do_not_drift),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
