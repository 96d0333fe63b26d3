/*
 * sign.h - Ed25519 signatures for what an owner approves: a ruleset's
 * fingerprint (load/signature.c) and the head of a decision log
 * (audit/head.c). OpenSSL's libcrypto does the cryptography (already the
 * library's SHA-256; docs/architecture.md says why); this file only reads
 * keys from PEM text, names a key by its digest, and moves signatures
 * through base64, so that the callers never see an EVP_PKEY.
 */
#ifndef MPR_UTIL_SIGN_H
#define MPR_UTIL_SIGN_H

#include <stddef.h>

/* A public key: its 32 raw bytes and its id, "sha256:<64 hex>" of them
 * (what every output names as "signed by key ..."). */
typedef struct mpr_pubkey {
	unsigned char raw[32];
	char id[72];
} mpr_pubkey;

/* Text sizes of the base64 of a key (32 bytes) and of a signature (64),
 * with the NUL. */
#define MPR_KEY_B64 45
#define MPR_SIG_B64 89

/* The public key of PEM text: a public key ("BEGIN PUBLIC KEY", as
 * `openssl pkey -pubout` writes it). 0, or -1 with the reason in why (a
 * private key given where the public one belongs, not Ed25519, not PEM). */
int mpr_pubkey_from_pem(const char *pem, size_t len, mpr_pubkey *out, char *why, size_t why_size);

/* Sign msg with the Ed25519 private key of PEM text (PKCS#8, as `openssl
 * genpkey -algorithm ed25519` writes it; an encrypted key is refused, never
 * prompted for): the signature in base64 into sig, the key's public half
 * into pub. 0, or -1 with the reason in why. */
int mpr_sign_pem(const char *private_pem, size_t len, const void *msg, size_t msg_len,
                 char sig[MPR_SIG_B64], mpr_pubkey *pub, char *why, size_t why_size);

/* 1 when sig (base64 text) is pub's Ed25519 signature of msg, else 0. */
int mpr_verify(const mpr_pubkey *pub, const void *msg, size_t msg_len, const char *sig);

/* The public key whose raw bytes are the base64 text b64 (a signature
 * file's "key"). 0, or -1 when it is not 32 bytes of strict base64. */
int mpr_pubkey_from_b64(const char *b64, mpr_pubkey *out);
/* The base64 text of a key's raw bytes. */
void mpr_pubkey_b64(const mpr_pubkey *key, char out[MPR_KEY_B64]);

#endif
