/*
 * date.c - calendar dates as day numbers (date.h). The conversions are
 * Howard Hinnant's days_from_civil and civil_from_days, exact for the
 * proleptic Gregorian calendar without tables or floating point; adding
 * months clamps to the end of a shorter month.
 */
#include "util/date.h"

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

long mpr_date_days(int year, int month, int day)
{
	long y = (long)year - (month <= 2); /* years from 1: y and the era are never negative */
	long era = y / 400;
	long yoe = y - era * 400;                                          /* [0, 399] */
	long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; /* [0, 365] */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                  /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

void mpr_date_civil(long days, int *year, int *month, int *day_of_month)
{
	long z = days + 719468; /* from 0000-03-01: never negative for the years dates have */
	long era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day_of_month = (int)d;
}

bool mpr_date_parse(const char *s, long *out)
{
	if (!s)
		return false;
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (!s[i] || (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')))
			return false;
	}
	if (s[10])
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*out = mpr_date_days(y, m, d);
	return true;
}

long mpr_date_add_months(long day, unsigned n)
{
	int y, m, d;
	mpr_date_civil(day, &y, &m, &d);
	long months = (long)y * 12 + (m - 1) + (long)n;
	long ny = months / 12;
	int nm = (int)(months % 12) + 1;
	int last = month_days(ny, nm);
	return mpr_date_days((int)ny, nm, d > last ? last : d);
}

void mpr_date_format(long day, char out[11])
{
	int y, m, d;
	mpr_date_civil(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999; /* outside what a parsed date plus months can reach */
	const int digits[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1,
	                      m / 10,   m % 10,       -1,          d / 10, d % 10};
	for (int i = 0; i < 10; i++)
		out[i] = digits[i] < 0 ? '-' : (char)('0' + digits[i]);
	out[10] = '\0';
}
