/*
 * format.h - the library's one printf. Every message and every printed
 * view is formatted here, so that two things hold everywhere at once:
 *
 *  - a number is written the same whatever locale the host program has
 *    set (number.h): 0.452, never 0,452;
 *  - with visible, a string (%s) or character (%c) argument is shown as
 *    mpr_visible shows it (text.h): what a proposal, rule file or file name
 *    says cannot put a newline, an escape sequence or a bidi override into
 *    the output. The format's own text is the library's and printed as it
 *    is (a view's newlines are in its formats, never in its arguments).
 *
 * A NULL string argument writes nothing, as mpr_html_text writes nothing
 * for NULL: a text a document does not have is left out, never printed as
 * "(null)".
 *
 * Conversions: d i u x X o c s f F e E g G and %%, with the flags - + space
 * # 0, a width and a precision (digits or *), and the lengths l, ll and z.
 * Anything else is a mistake in the library: the conversion and the
 * rest of the format are written as they stand, and no argument is read.
 */
#ifndef MPR_UTIL_FORMAT_H
#define MPR_UTIL_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/text.h"

void mpr_sink_vprintf(mpr_sink *out, bool visible, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 0)))
#endif
	;
/* Where each conversion of a format was written: bytes [from, to) of the
 * sink's text (of a buffer sink: of its buffer; %% is not a conversion). */
typedef struct mpr_span {
	size_t from, to;
} mpr_span;

/* mpr_sink_vprintf, noting where the first max_spans conversions went;
 * returns how many conversions the format had. */
size_t mpr_sink_vprintf_spans(mpr_sink *out, bool visible, const char *fmt, va_list ap,
                              mpr_span *spans, size_t max_spans)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 0)))
#endif
	;

/* The length of the conversion that starts at the '%' at pct ("%-8s",
 * "%zu", "%%"), 0 when it is not one the formatter knows. */
size_t mpr_format_conversion(const char *pct);

void mpr_sink_printf(mpr_sink *out, bool visible, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

#endif
