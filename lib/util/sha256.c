/* sha256.c - see sha256.h: digests through OpenSSL, with the algorithm
 * fetched once and contexts reused where many digests are made, and their
 * text form. */
#include "util/sha256.h"

#include <openssl/evp.h>

#include "mprisk.h"

EVP_MD *mpr_sha256_fetch(void)
{
	return EVP_MD_fetch(NULL, "SHA256", NULL);
}

void mpr_sha256_release(EVP_MD *md)
{
	EVP_MD_free(md);
}

int mpr_sha256(const EVP_MD *md, const void *data, size_t len, unsigned char out[32])
{
	unsigned int mdlen = 0;
	if (!EVP_Digest(data, len, out, &mdlen, md ? md : EVP_sha256(), NULL) || mdlen != 32)
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

int mpr_sha256_hex(const EVP_MD *md, const void *data, size_t len, char out[72])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	int rc = mpr_sha256(md, data, len, digest);
	if (rc == MPR_OK)
		mpr_digest_text(digest, out);
	return rc;
}

int mpr_hasher_init(mpr_hasher *h, const EVP_MD *md)
{
	h->md = md ? md : EVP_sha256();
	h->ctx = EVP_MD_CTX_new();
	return h->ctx ? MPR_OK : MPR_ENOMEM;
}

int mpr_hasher_digest(mpr_hasher *h, const void *data, size_t len, unsigned char out[32])
{
	unsigned int mdlen = 0;
	if (!EVP_DigestInit_ex(h->ctx, h->md, NULL) || !EVP_DigestUpdate(h->ctx, data, len) ||
	    !EVP_DigestFinal_ex(h->ctx, out, &mdlen) || mdlen != 32)
		return MPR_ENOMEM;
	return MPR_OK;
}

void mpr_hasher_free(mpr_hasher *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}
