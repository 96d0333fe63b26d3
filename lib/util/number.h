/*
 * number.h - numbers read and written the same in every locale. A host
 * program that has called setlocale(LC_ALL, "nl_NL.UTF-8") makes the C
 * library read "0.452" as 0 and write 0.452 as "0,452"; the library's rule
 * files and outputs are written with a decimal point whatever the host
 * does. Both directions run the C library's own conversions (correctly
 * rounded) with the calling thread switched to the C locale for the call
 * (uselocale, POSIX 2008: per thread, so other threads of the host are not
 * touched).
 */
#ifndef MPR_UTIL_NUMBER_H
#define MPR_UTIL_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* A decimal number written [-]DIGITS[.DIGITS] (ASCII digits, at least one;
 * no exponent, no spaces, no sign +, no inf or nan) as the nearest double.
 * false when s is not written so. */
bool mpr_decimal_parse(const char *s, double *out);

/* x as printf's %.*f (conv 'f'), %.*e ('e') or %.*g ('g') in the C locale
 * into buf[size]; returns the length of the whole text as snprintf does,
 * or -1 when the C locale cannot be had. */
int mpr_double_format(char *buf, size_t size, char conv, int precision, double x);

/* v as decimal text into out: whole numbers as integers (500), others with
 * up to six decimals, trailing zeros dropped (0.125, 72.5); from 1e12 on
 * rounded to a whole number. For the targets and results of concrete
 * agreements (Rec. 1), in every output and in a proposal written back.
 * Integer arithmetic only: no locale, no allocation. Finite v only (the
 * readers refuse others). */
void mpr_number_text(double v, char out[32]);

#endif
