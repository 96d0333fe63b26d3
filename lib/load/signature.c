/*
 * signature.c - approved rulesets: the owner's Ed25519 signature of a
 * ruleset's id and fingerprint, kept beside the rule files in
 * DIR/ruleset.sig (docs/auditing.md, "Approved rulesets").
 *
 * The fingerprint says which rules decided; the signature says that the
 * holder of a key approved exactly those rules. Loading reads the file and
 * records what it proves (mpr_rules_signature in the model), so that every
 * output naming the ruleset can say whether it is signed and by which key;
 * a caller that trusts a key checks it with mpr_ruleset_check_signature.
 * The file is not a rule file (the loader reads *.yaml only), so it does
 * not sign itself; the fingerprint it signs covers every rule file,
 * including any file a later change adds to the directory.
 *
 * The file, and the message signed (the same lines, in this order, each
 * ending in a newline, without quotes):
 *   format: mprisk-ruleset-signature/1      signed
 *   ruleset: ID                             signed
 *   fingerprint: sha256:HEX                 signed
 *   signed_at: TIME                         signed
 *   key_id: sha256:HEX                      the digest of the key's raw bytes
 *   key: BASE64                             the 32 raw bytes of the public key
 *   signature: BASE64                       the 64-byte Ed25519 signature
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/schema.h"
#include "input/tree.h"
#include "load/loader.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/sign.h"

#define SIG_FORMAT "mprisk-ruleset-signature/1"
#define SIG_FILE "ruleset.sig"

/* What the signature file says. */
typedef struct sig_file {
	const char *ruleset, *fingerprint, *signed_at, *key_id, *signature;
	mpr_pubkey key;
} sig_file;

/* The message the signature covers. */
static int message(mpr_buf *b, const char *ruleset, const char *fingerprint, const char *time)
{
	mpr_buf_printf(b, "format: " SIG_FORMAT "\nruleset: %s\nfingerprint: %s\nsigned_at: %s\n",
	               ruleset, fingerprint, time);
	return b->failed ? MPR_ENOMEM : MPR_OK;
}

/* A time as the file may carry it: printable ASCII, nothing to quote. */
static int plain_text(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

static int read_fields(sc_ctx *c, const yt_node *root, sig_file *f)
{
	static const char *const keys[] = {"format", "ruleset", "fingerprint", "signed_at",
	                                   "key_id", "key", "signature", NULL};
	const char *format = NULL, *key = NULL;
	int rc;
	if ((rc = sc_map(c, root, "a ruleset signature", keys)) ||
	    (rc = sc_str(c, root, "format", true, &format)) ||
	    (rc = sc_str(c, root, "ruleset", true, &f->ruleset)) ||
	    (rc = sc_str(c, root, "fingerprint", true, &f->fingerprint)) ||
	    (rc = sc_str(c, root, "signed_at", true, &f->signed_at)) ||
	    (rc = sc_str(c, root, "key_id", true, &f->key_id)) ||
	    (rc = sc_str(c, root, "key", true, &key)) ||
	    (rc = sc_str(c, root, "signature", true, &f->signature)))
		return rc;
	if (strcmp(format, SIG_FORMAT) != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "format"),
		               "not a signature this version reads (format: %s)", SIG_FORMAT);
	if (!plain_text(f->signed_at) || !plain_text(f->ruleset) || !plain_text(f->fingerprint))
		return sc_fail(c, MPR_ESCHEMA, root,
		               "ruleset, fingerprint and signed_at must be printable ASCII");
	if (mpr_pubkey_from_b64(key, &f->key))
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "key"),
		               "'key' is not an Ed25519 public key (32 bytes in base64)");
	if (strcmp(f->key_id, f->key.id) != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "key_id"),
		               "'key_id' is not the digest of 'key' (%s)", f->key.id);
	if (strlen(f->signature) != MPR_SIG_B64 - 1)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "signature"),
		               "'signature' is not an Ed25519 signature (64 bytes in base64)");
	return MPR_OK;
}

/* What a well-formed signature file proves about rs. */
static int judge(mpr_ruleset *rs, const sig_file *f, mpr_error *err)
{
	mpr_rules_signature *s = &rs->signature;
	snprintf(s->key_id, sizeof s->key_id, "%s", f->key.id);
	s->signed_at = f->signed_at;
	s->status = MPR_SIGNATURE_INVALID;
	mpr_buf m = {0};
	if (message(&m, f->ruleset, f->fingerprint, f->signed_at)) {
		free(m.data);
		return mpr_fail(err, MPR_ENOMEM, s->file, 0, 0, "out of memory");
	}
	int good = mpr_verify(&f->key, m.data, m.len, f->signature);
	free(m.data);
	if (!good)
		s->problem = "the signature does not verify with the key it names (the signature file "
		             "was altered)";
	else if (strcmp(f->fingerprint, rs->fingerprint) != 0)
		s->problem = mpr_arena_printf(&rs->arena,
		                              "the rules changed after signing (signed %s, these rules "
		                              "are %s)",
		                              f->fingerprint, rs->fingerprint);
	else if (strcmp(f->ruleset, rs->id) != 0)
		s->problem = mpr_arena_printf(&rs->arena, "signed for ruleset %s, these rules are %s",
		                              f->ruleset, rs->id);
	else
		s->status = MPR_SIGNATURE_VALID;
	if (s->status == MPR_SIGNATURE_INVALID && !s->problem)
		return mpr_fail(err, MPR_ENOMEM, s->file, 0, 0, "out of memory");
	return MPR_OK;
}

int ld_signature_read(mpr_ruleset *rs, const char *dir, mpr_error *err)
{
	mpr_rules_signature *s = &rs->signature;
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (!(s->file = mpr_arena_printf(&rs->arena, "%.*s/" SIG_FILE, (int)n, dir)))
		return mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	struct stat st;
	if (lstat(s->file, &st) != 0) {
		if (errno == ENOENT)
			return MPR_OK; /* not signed */
		return mpr_fail(err, MPR_EIO, s->file, 0, 0, "cannot stat: %s", strerror(errno));
	}
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = mpr_file_read(s->file, 1u << 16, &data, &len, err);
	yt_doc doc = {0};
	if (rc == MPR_OK)
		rc = yt_parse(&doc, s->file, data, len, NULL, NULL, err);
	sig_file f;
	memset(&f, 0, sizeof f);
	sc_ctx c = {s->file, err, &rs->arena};
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, s->file, 1, 1, "empty signature file");
	if (rc == MPR_OK)
		rc = read_fields(&c, doc.root, &f);
	if (rc == MPR_OK)
		rc = judge(rs, &f, err);
	yt_doc_free(&doc);
	free(data);
	return rc;
}

int mpr_ruleset_signature(const mpr_ruleset *rs, const char **key_id, const char **note)
{
	if (key_id)
		*key_id = rs ? rs->signature.key_id : "";
	if (note)
		*note = !rs                                           ? NULL
		        : rs->signature.status == MPR_SIGNATURE_VALID ? rs->signature.signed_at
		                                                      : rs->signature.problem;
	return rs ? rs->signature.status : MPR_SIGNATURE_NONE;
}

int mpr_ruleset_check_signature(const mpr_ruleset *rs, const char *public_pem, size_t len,
                                mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !public_pem)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "mpr_ruleset_check_signature: rules and the public key are required");
	mpr_pubkey want;
	char why[160];
	if (mpr_pubkey_from_pem(public_pem, len, &want, why, sizeof why))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "the required key %s", why);
	const mpr_rules_signature *s = &rs->signature;
	const char *file = s->file ? s->file : "<rules in memory>";
	if (s->status == MPR_SIGNATURE_NONE)
		return mpr_fail(err, MPR_ESIGNATURE, file, 0, 0,
		                "the rules are not signed, and a signature by key %s is required "
		                "(mprisk sign)",
		                want.id);
	if (s->status == MPR_SIGNATURE_INVALID)
		return mpr_fail(err, MPR_ESIGNATURE, file, 0, 0, "the signature is invalid: %s",
		                s->problem);
	if (strcmp(s->key_id, want.id) != 0)
		return mpr_fail(err, MPR_ESIGNATURE, file, 0, 0,
		                "the rules are signed by key %s, not by the required key %s", s->key_id,
		                want.id);
	return MPR_OK;
}

int mpr_ruleset_sign(const mpr_ruleset *rs, const char *private_pem, size_t len,
                     const char *time, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !private_pem || !time || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_ruleset_sign: invalid arguments");
	*out = NULL;
	if (!plain_text(time))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "mpr_ruleset_sign: the time must be printable ASCII without quotes");
	mpr_buf m = {0};
	int rc = message(&m, rs->id, rs->fingerprint, time);
	char sig[MPR_SIG_B64], why[200], key[MPR_KEY_B64];
	mpr_pubkey pub;
	if (rc == MPR_OK && mpr_sign_pem(private_pem, len, m.data, m.len, sig, &pub, why, sizeof why))
		rc = mpr_fail(err, MPR_ESIGNATURE, "", 0, 0, "the signing key %s", why);
	free(m.data);
	if (rc)
		return rc == MPR_ENOMEM ? mpr_fail(err, rc, "", 0, 0, "out of memory") : rc;
	mpr_pubkey_b64(&pub, key);
	mpr_buf b = {0};
	mpr_buf_printf(&b,
	               "# The owner's signature of this ruleset (mprisk sign; docs/auditing.md).\n"
	               "# It covers the fingerprint, which covers every *.yaml rule file here:\n"
	               "# change any of them and the rules are no longer signed.\n"
	               "format: \"" SIG_FORMAT "\"\nruleset: \"%s\"\nfingerprint: \"%s\"\n"
	               "signed_at: \"%s\"\nkey_id: \"%s\"\nkey: \"%s\"\nsignature: \"%s\"\n",
	               rs->id, rs->fingerprint, time, pub.id, key, sig);
	rc = mpr_buf_finish(&b, out, out_len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
