/* number.c - see number.h: strtod and snprintf of a double, with the
 * calling thread in the C locale for the call; and the decimal text of a
 * target or result without any locale at all. */
#include "util/number.h"

#include <locale.h>
#include <stdint.h>
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

/* The digits of u into the text ending at end; returns where they start. */
static char *decimal_digits(uint64_t u, char *end)
{
	do {
		*--end = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	return end;
}

void mpr_number_text(double v, char out[32])
{
	char buf[32], *end = buf + sizeof buf - 1;
	*end = '\0';
	int neg = v < 0;
	double a = neg ? -v : v;
	char *p;
	if (!(a < 1e12)) { /* large (a million times it would not fit), or not finite */
		p = decimal_digits(a < 1.8e19 ? (uint64_t)(a + 0.5) : UINT64_MAX, end);
	} else { /* scaled by a million, rounded half away from zero */
		uint64_t scaled = (uint64_t)(a * 1e6 + 0.5);
		uint64_t whole = scaled / 1000000, frac = scaled % 1000000;
		p = end;
		if (frac) {
			int width = 6;
			while (frac % 10 == 0) {
				frac /= 10;
				width--;
			}
			for (int i = 0; i < width; i++, frac /= 10)
				*--p = (char)('0' + frac % 10);
			*--p = '.';
		}
		p = decimal_digits(whole, p);
	}
	if (neg && !(p[0] == '0' && p[1] == '\0'))
		*--p = '-';
	size_t i = 0;
	while (p[i]) {
		out[i] = p[i];
		i++;
	}
	out[i] = '\0';
}
