/*
 * error.h - how every function of the library reports a failure: it fills
 * the caller's mpr_error (which may be NULL) and returns the code, so that
 * "return mpr_fail(err, ...)" is the one way out of a failing call.
 */
#ifndef MPR_UTIL_ERROR_H
#define MPR_UTIL_ERROR_H

#include <stdarg.h>

#include "mprisk.h"

/* Fill err (when not NULL) with code, the place (file may be NULL; line and
 * column 0 when the error has no place) and the message; returns code. The
 * file name and every %s and %c argument are shown visibly (util/text.h),
 * numbers in the C locale (util/format.h): a message is one line whatever
 * the input said, cut between whole characters when it is too long. */
int mpr_fail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
             const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
/* The same with a va_list (for the located helpers of the readers). */
int mpr_vfail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
              const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 0)))
#endif
	;

/* Give err's message a place (file, line, column), keeping the message. */
void mpr_error_place(mpr_error *err, const char *file, unsigned line, unsigned column);

#endif
