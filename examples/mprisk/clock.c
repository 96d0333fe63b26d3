/*
 * clock.c - the dates the driver stamps: today for lint, report and
 * indicators import (each overridable with --today where it matters, so
 * that tests are repeatable), and the time of a decision record.
 *
 * The library never reads the clock; the driver does it here only.
 */
#include <stdio.h>
#include <time.h>

#include "cli.h"

/* with_time: 0 for the date, 1 for the date and time */
static void utc(char *buf, size_t size, int with_time)
{
	time_t now = time(NULL);
	struct tm tm;
	size_t n = 0;
	if (gmtime_r(&now, &tm))
		n = with_time ? strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm)
		              : strftime(buf, size, "%Y-%m-%d", &tm);
	if (n == 0)
		snprintf(buf, size, "unknown");
}

const char *cli_today(const char *option, char *buf, size_t size)
{
	if (option)
		return option;
	utc(buf, size, 0);
	return buf;
}

void cli_now(char *buf, size_t size)
{
	utc(buf, size, 1);
}
