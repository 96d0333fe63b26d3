/* number.c - see number.h: strtod and snprintf of a double, with the
 * calling thread in the C locale for the call. */
#include "util/number.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

/* The calling thread in the C locale until leave(); *old is what to go back
 * to. glibc hands out one static C locale object (no allocation); another
 * C library may allocate, and newlocale may then fail. */
static locale_t enter(locale_t *old)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (c)
		*old = uselocale(c);
	return c;
}

static void leave(locale_t c, locale_t old)
{
	uselocale(old);
	freelocale(c);
}

bool mpr_decimal_parse(const char *s, double *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	size_t digits = 0, points = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !points)
			points++;
		else
			return false;
	}
	locale_t old = (locale_t)0, c = digits ? enter(&old) : (locale_t)0;
	if (!c)
		return false;
	*out = strtod(s, NULL);
	leave(c, old);
	return true;
}

int mpr_double_format(char *buf, size_t size, char conv, int precision, double x)
{
	locale_t old = (locale_t)0, c = enter(&old);
	if (!c)
		return -1;
	int n = conv == 'e'   ? snprintf(buf, size, "%.*e", precision, x)
	        : conv == 'g' ? snprintf(buf, size, "%.*g", precision, x)
	                      : snprintf(buf, size, "%.*f", precision, x);
	leave(c, old);
	return n;
}
