/* sha256.c - see sha256.h: one-shot digests through OpenSSL, and their
 * text form. */
#include "util/sha256.h"

#include <openssl/evp.h>

#include "mprisk.h"

int mpr_sha256(const void *data, size_t len, unsigned char out[32])
{
	unsigned int mdlen = 0;
	if (!EVP_Digest(data, len, out, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		return MPR_ENOMEM;
	return MPR_OK;
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
	int rc = mpr_sha256(data, len, md);
	if (rc == MPR_OK)
		mpr_digest_text(md, out);
	return rc;
}
