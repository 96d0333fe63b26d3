/* error.c - error codes and messages (mpr_fail fills them in), and the
 * version string: what a caller may ask before anything is loaded. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
	default: return "unknown error";
	}
}

int mpr_fail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
             const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return code;
}

int mpr_error_format(const mpr_error *err, char *buf, size_t size)
{
	if (!err)
		return snprintf(buf, size, "no error information");
	if (err->file[0] && err->line)
		return snprintf(buf, size, "%s:%u:%u: %s", err->file, err->line, err->column,
		                err->message);
	if (err->file[0])
		return snprintf(buf, size, "%s: %s", err->file, err->message);
	return snprintf(buf, size, "%s", err->message);
}
