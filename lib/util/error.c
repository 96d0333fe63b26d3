/* error.c - error codes and messages (mpr_fail fills them in, always one
 * line of visible text: util/text.h), and the version string: what a
 * caller may ask before anything is loaded. */
#include "util/error.h"

#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "util/format.h"
#include "util/text.h"

const char *mpr_version(void)
{
	return MPR_VERSION_STRING;
}

const char *mpr_strerror(int code)
{
	switch (code) {
	case MPR_OK: return "success";
	case MPR_ENOMEM: return "out of memory";
	case MPR_EIO: return "cannot read input";
	case MPR_ESYNTAX: return "malformed YAML or JSON";
	case MPR_ESCHEMA: return "invalid structure";
	case MPR_EREF: return "unknown or duplicate id";
	case MPR_EINVARIANT: return "framework invariant violated";
	case MPR_ELIMIT: return "input limit exceeded";
	case MPR_EINVAL: return "invalid argument";
	case MPR_ENOTFOUND: return "not found";
	case MPR_ESIGNATURE: return "signature missing, invalid or by another key";
	default: return "unknown error";
	}
}

int mpr_vfail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
              const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	mpr_sink at = mpr_sink_fixed(err->file, sizeof err->file);
	mpr_visible(&at, file ? file : "", file ? strlen(file) : 0);
	err->line = line;
	err->column = column;
	mpr_sink msg = mpr_sink_fixed(err->message, sizeof err->message);
	mpr_sink_vprintf(&msg, true, fmt, ap);
	return code;
}

int mpr_fail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
             const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mpr_vfail(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

int mpr_error_format(const mpr_error *err, char *buf, size_t size)
{
	/* file and message are visible already when the library filled them
	 * in (mpr_fail); showing them visibly again changes nothing, and keeps
	 * the line one line whoever filled err */
	char none[1];
	mpr_sink out = size ? mpr_sink_fixed(buf, size) : mpr_sink_fixed(none, 1);
	if (!err) {
		mpr_sink_put(&out, "no error information", 20);
	} else {
		const char *file = err->file, *message = err->message;
		size_t fl = strnlen(file, sizeof err->file), ml = strnlen(message, sizeof err->message);
		if (fl) {
			mpr_visible(&out, file, fl);
			if (err->line)
				mpr_sink_printf(&out, false, ":%u:%u", err->line, err->column);
			mpr_sink_put(&out, ": ", 2);
		}
		mpr_visible(&out, message, ml);
	}
	return out.need > (size_t)INT_MAX ? INT_MAX : (int)out.need;
}
