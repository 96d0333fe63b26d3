/* sign.c - see sign.h: Ed25519 through OpenSSL's EVP interface, keys read
 * from PEM in memory, strict base64 for the texts that carry keys and
 * signatures. Nothing here prompts, reads a file or keeps state. */
#include "util/sign.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>

#include "util/sha256.h"

/* An encrypted private key would make OpenSSL ask for a passphrase on the
 * terminal: refuse instead (the caller decrypts it in a pipe). */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static int fail(char *why, size_t size, const char *msg)
{
	snprintf(why, size, "%s", msg);
	return -1;
}

/* The public half of an Ed25519 key as raw bytes and id. */
static int public_of(EVP_PKEY *k, mpr_pubkey *out)
{
	size_t n = sizeof out->raw;
	if (EVP_PKEY_get_raw_public_key(k, out->raw, &n) != 1 || n != sizeof out->raw)
		return -1;
	return mpr_sha256_hex(NULL, out->raw, sizeof out->raw, out->id) == 0 ? 0 : -1;
}

static int has(const char *text, size_t len, const char *what)
{
	size_t m = strlen(what);
	for (size_t i = 0; i + m <= len; i++)
		if (memcmp(text + i, what, m) == 0)
			return 1;
	return 0;
}

int mpr_pubkey_from_pem(const char *pem, size_t len, mpr_pubkey *out, char *why, size_t why_size)
{
	if (has(pem, len, "PRIVATE KEY-----"))
		return fail(why, why_size,
		            "is a private key: give the public key (openssl pkey -in KEY -pubout)");
	if (len > 1u << 16)
		return fail(why, why_size, "is not a PEM public key (too long)");
	BIO *bio = BIO_new_mem_buf(pem, (int)len);
	EVP_PKEY *k = bio ? PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL) : NULL;
	BIO_free(bio);
	int rc;
	if (!k)
		rc = fail(why, why_size, "is not a PEM public key (BEGIN PUBLIC KEY)");
	else if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519)
		rc = fail(why, why_size, "is not an Ed25519 key (openssl genpkey -algorithm ed25519)");
	else if (public_of(k, out))
		rc = fail(why, why_size, "cannot read the public key");
	else
		rc = 0;
	EVP_PKEY_free(k);
	return rc;
}

/* Strict base64 of exactly n bytes: the alphabet, '=' padding at the end
 * only, no blanks; decoded into out. */
static int b64_decode(const char *b64, unsigned char *out, size_t n)
{
	size_t len = strlen(b64), want = (n + 2) / 3 * 4, pad = (3 - n % 3) % 3;
	if (len != want)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = b64[i];
		int alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		            c == '+' || c == '/';
		if (!alpha && !(c == '=' && i >= len - pad))
			return -1;
	}
	unsigned char buf[96];
	if (want / 4 * 3 > sizeof buf)
		return -1;
	int got = EVP_DecodeBlock(buf, (const unsigned char *)b64, (int)len);
	if (got < 0 || (size_t)got != n + pad)
		return -1;
	memcpy(out, buf, n);
	return 0;
}

int mpr_pubkey_from_b64(const char *b64, mpr_pubkey *out)
{
	if (b64_decode(b64, out->raw, sizeof out->raw))
		return -1;
	return mpr_sha256_hex(NULL, out->raw, sizeof out->raw, out->id) == 0 ? 0 : -1;
}

void mpr_pubkey_b64(const mpr_pubkey *key, char out[MPR_KEY_B64])
{
	EVP_EncodeBlock((unsigned char *)out, key->raw, (int)sizeof key->raw);
}

int mpr_sign_pem(const char *private_pem, size_t len, const void *msg, size_t msg_len,
                 char sig[MPR_SIG_B64], mpr_pubkey *pub, char *why, size_t why_size)
{
	if (len > 1u << 16)
		return fail(why, why_size, "is not a PEM private key (too long)");
	BIO *bio = BIO_new_mem_buf(private_pem, (int)len);
	EVP_PKEY *k = bio ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL) : NULL;
	BIO_free(bio);
	if (!k)
		return fail(why, why_size,
		            has(private_pem, len, "ENCRYPTED")
		                ? "is an encrypted private key: decrypt it into a pipe "
		                  "(openssl pkey -in KEY | mprisk sign --key - ...)"
		                : "is not a PEM private key (BEGIN PRIVATE KEY)");
	int rc = 0;
	unsigned char raw[64];
	size_t n = sizeof raw;
	EVP_MD_CTX *ctx = NULL;
	if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519)
		rc = fail(why, why_size, "is not an Ed25519 key (openssl genpkey -algorithm ed25519)");
	else if (public_of(k, pub) || !(ctx = EVP_MD_CTX_new()) ||
	         EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) != 1 ||
	         EVP_DigestSign(ctx, raw, &n, msg, msg_len) != 1 || n != sizeof raw)
		rc = fail(why, why_size, "cannot sign with this key");
	else
		EVP_EncodeBlock((unsigned char *)sig, raw, (int)sizeof raw);
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return rc;
}

int mpr_verify(const mpr_pubkey *pub, const void *msg, size_t msg_len, const char *sig)
{
	unsigned char raw[64];
	if (b64_decode(sig, raw, sizeof raw))
		return 0;
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub->raw, sizeof pub->raw);
	EVP_MD_CTX *ctx = k ? EVP_MD_CTX_new() : NULL;
	int ok = ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k) == 1 &&
	         EVP_DigestVerify(ctx, raw, sizeof raw, msg, msg_len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return ok;
}
