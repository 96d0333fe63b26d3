/* error.c - error codes, messages and the version string. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>

#include "model.h"

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

const char *mpr_verdict_name(mpr_verdict v)
{
	switch (v) {
	case MPR_PERMITTED: return "permitted";
	case MPR_CONDITIONAL: return "conditional";
	case MPR_NO_GO: return "no-go";
	case MPR_PROHIBITED: return "prohibited";
	}
	return "?";
}

void mpr_digest_text(const unsigned char md[32], char out[72])
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (const char *p = "sha256:"; *p; p++)
		out[o++] = *p;
	for (size_t i = 0; i < 32; i++) {
		out[o++] = hex[md[i] >> 4];
		out[o++] = hex[md[i] & 15];
	}
	out[o] = '\0';
}

int mpr_sha256_hex(const void *data, size_t len, char out[72])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		return MPR_ENOMEM;
	mpr_digest_text(md, out);
	return MPR_OK;
}
