/*
 * date.h - calendar dates as day numbers, for monitoring (§4.2.3 M3: a
 * round is due a number of months after the last one that counts) and for
 * the due dates of findings and agreements.
 *
 * A date is the proleptic Gregorian calendar's, written YYYY-MM-DD; as a
 * number it counts days from 1970-01-01 (negative before it), so that
 * dates compare and subtract as integers. No time zone, no clock, no
 * locale: the library never reads the clock (the caller's "today" comes
 * from the command line).
 */
#ifndef MPR_UTIL_DATE_H
#define MPR_UTIL_DATE_H

#include <stdbool.h>

/* The day number of a real calendar date written exactly YYYY-MM-DD with
 * a year from 1900 to 9999; false for anything else (no leading or
 * trailing characters, no 2027-02-30). */
bool mpr_date_parse(const char *text, long *day);

/* The day number of y-m-d, which must be a real date of the years 1 to
 * 9999 (so that no division below meets a negative number). */
long mpr_date_days(int year, int month, int day);

/* The date of a day number of those years. */
void mpr_date_civil(long days, int *year, int *month, int *day_of_month);

/* n months after day (n >= 0): the same day of the month, or the month's
 * last day when it is shorter (2027-01-31 + 1 month = 2027-02-28; +
 * 3 months = 2027-04-30). Each addition starts again from day, so that
 * "every 3 months" from 2027-01-31 is 04-30, 07-31, 10-31, never drifting. */
long mpr_date_add_months(long day, unsigned n);

/* day as YYYY-MM-DD into out (11 bytes with the NUL). */
void mpr_date_format(long day, char out[11]);

#endif
