/*
 * sha256.h - the SHA-256 digests the library hands out as text: a
 * proposal's exact input, a ruleset's fingerprint, a rule entry's content.
 * OpenSSL's libcrypto computes them (docs/architecture.md says why).
 */
#ifndef MPR_UTIL_SHA256_H
#define MPR_UTIL_SHA256_H

#include <stddef.h>

/* The 32-byte digest of len bytes into out; MPR_ENOMEM when OpenSSL fails. */
int mpr_sha256(const void *data, size_t len, unsigned char out[32]);
/* "sha256:<64 hex>" of len bytes into out (72 bytes with the NUL). */
int mpr_sha256_hex(const void *data, size_t len, char out[72]);
/* A digest of 32 bytes as "sha256:<64 hex>". */
void mpr_digest_text(const unsigned char md[32], char out[72]);

#endif
