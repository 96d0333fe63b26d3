/*
 * error.h - how every function of the library reports a failure: it fills
 * the caller's mpr_error (which may be NULL) and returns the code, so that
 * "return mpr_fail(err, ...)" is the one way out of a failing call.
 */
#ifndef MPR_UTIL_ERROR_H
#define MPR_UTIL_ERROR_H

#include "mprisk.h"

/* Fill err (when not NULL) with code, the place (file may be NULL; line and
 * column 0 when the error has no place) and the message; returns code. */
int mpr_fail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
             const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

#endif
