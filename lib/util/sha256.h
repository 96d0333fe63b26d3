/*
 * sha256.h - the SHA-256 digests the library hands out as text: a
 * proposal's exact input, a ruleset's fingerprint, a rule entry's content.
 * OpenSSL's libcrypto computes them (docs/architecture.md says why).
 *
 * OpenSSL 3 looks the algorithm up (fetches it) for every digest made from
 * EVP_sha256(), which costs more than hashing a short text: a ruleset
 * fetches it once at load (mpr_sha256_fetch) and everything hashed with
 * that ruleset uses it; a load hashes its hundreds of entries with one
 * context (mpr_hasher).
 */
#ifndef MPR_UTIL_SHA256_H
#define MPR_UTIL_SHA256_H

#include <openssl/types.h>
#include <stddef.h>

/* SHA-256 fetched once, to pass as md below; NULL when OpenSSL cannot
 * (then EVP_sha256() is used). Release with mpr_sha256_release. */
EVP_MD *mpr_sha256_fetch(void);
void mpr_sha256_release(EVP_MD *md);

/* The 32-byte digest of len bytes into out, with md (NULL: look it up);
 * MPR_ENOMEM when OpenSSL fails. */
int mpr_sha256(const EVP_MD *md, const void *data, size_t len, unsigned char out[32]);
/* "sha256:<64 hex>" of len bytes into out (72 bytes with the NUL). */
int mpr_sha256_hex(const EVP_MD *md, const void *data, size_t len, char out[72]);
/* A digest of 32 bytes as "sha256:<64 hex>". */
void mpr_digest_text(const unsigned char md[32], char out[72]);

/* One context for many digests, reset for each. */
typedef struct mpr_hasher {
	EVP_MD_CTX *ctx;
	const EVP_MD *md;
} mpr_hasher;

/* MPR_ENOMEM when OpenSSL cannot make a context; free it also then. */
int mpr_hasher_init(mpr_hasher *h, const EVP_MD *md);
int mpr_hasher_digest(mpr_hasher *h, const void *data, size_t len, unsigned char out[32]);
void mpr_hasher_free(mpr_hasher *h);

#endif
