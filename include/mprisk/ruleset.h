/*
 * mprisk/ruleset.h - part of the public header <mprisk.h>:
 * loading, verifying and asking a ruleset (R1-R5, C1-C4).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_RULESET_H
#define MPRISK_RULESET_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Ruleset                                                                   */

typedef struct mpr_ruleset mpr_ruleset;

/* Load every *.yaml file under dir (recursively, in byte order of their
 * paths, symlinks not followed), validate it and compute every country tier
 * (R2-R5, F1, F2: docs/rules-format.md). Fails closed: any unknown key,
 * unknown or duplicate id, missing source, missing or non-monotone matrix
 * cell (C1, C3) is an error naming file:line:column. On success *out owns the
 * ruleset (free with mpr_ruleset_free). On failure *out is NULL and the code
 * is MPR_EIO (a directory or file that cannot be read, a symbolic link, a
 * *.yml file), MPR_ESYNTAX, MPR_ESCHEMA, MPR_EREF, MPR_EINVARIANT, MPR_ELIMIT
 * (opts), MPR_ENOMEM or MPR_EINVAL (out or dir NULL). opts may be NULL. */
MPR_API int mpr_ruleset_load(mpr_ruleset **out, const char *dir,
                             const mpr_load_options *opts, mpr_error *err);
MPR_API void mpr_ruleset_free(mpr_ruleset *rules);

/* "sha256:<64 hex>" of the canonical content of the ruleset: every file's
 * path relative to the rules directory and its YAML content as a tree, so
 * comments and layout do not change it but any value, key or order does
 * (R5: a classification is dated and revisable). Owned by rules; NULL for
 * a NULL ruleset, as for every accessor below. */
MPR_API const char *mpr_ruleset_fingerprint(const mpr_ruleset *rules);
/* Whether the ruleset's owner approved exactly these rules (docs/auditing.md,
 * "Approved rulesets"). mpr_ruleset_load reads the signature file
 * DIR/ruleset.sig when there is one (it is not a rule file: the loader
 * reads only *.yaml, and the fingerprint covers all of those) and checks
 * it: MPR_SIGNATURE_VALID when its Ed25519 signature by the key it names
 * covers this ruleset's id and fingerprint, MPR_SIGNATURE_INVALID when it
 * does not (the rules changed after signing, or the file was altered),
 * MPR_SIGNATURE_NONE without one. A signature file that cannot be read as
 * one is a load error (MPR_ESCHEMA with its place). Only a check against a
 * key the caller trusts says who approved the rules: see
 * mpr_ruleset_check_signature. */
enum { MPR_SIGNATURE_NONE = 0, MPR_SIGNATURE_VALID = 1, MPR_SIGNATURE_INVALID = 2 };
/* The status; *key_id (may be NULL) the signing key's id, "sha256:<64 hex>"
 * of its 32 raw bytes ("" without a signature file); *note (may be NULL)
 * when it was signed for VALID, why it is invalid for INVALID, NULL for
 * NONE. Strings owned by rules. MPR_SIGNATURE_NONE for a NULL ruleset. */
MPR_API int mpr_ruleset_signature(const mpr_ruleset *rules, const char **key_id,
                                  const char **note);
/* MPR_OK when the rules carry a valid signature by the Ed25519 public key
 * in public_pem (PEM text, "BEGIN PUBLIC KEY", as `openssl pkey -pubout`
 * writes it); else MPR_ESIGNATURE naming the signature file and why: not
 * signed, changed after signing, an altered signature, or signed by
 * another key (both key ids given). MPR_EINVAL for a NULL argument or a
 * public_pem that is not an Ed25519 public key (a private key included).
 * What `--require-signature PUB` checks (evaluate, replay, serve). */
MPR_API int mpr_ruleset_check_signature(const mpr_ruleset *rules, const char *public_pem,
                                        size_t len, mpr_error *err);
/* The text of a signature file for rules, signed with the Ed25519 private
 * key in private_pem (PEM, unencrypted PKCS#8 as `openssl genpkey
 * -algorithm ed25519` writes it), dated time (the caller's clock, e.g.
 * ISO 8601 UTC; printable ASCII without quotes or backslashes). Written to
 * DIR/ruleset.sig (`mprisk sign`), it makes the rules MPR_SIGNATURE_VALID
 * until any rule file changes. *out is text (see Conventions).
 * MPR_ESIGNATURE for a key that cannot sign (not PEM, not Ed25519,
 * encrypted), MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_ruleset_sign(const mpr_ruleset *rules, const char *private_pem, size_t len,
                             const char *time, char **out, size_t *out_len, mpr_error *err);

/* The id and title declared in the ruleset file. */
MPR_API const char *mpr_ruleset_id(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_title(const mpr_ruleset *rules);

/* Catalogue lookups, for embedders building their own input: the number of
 * countries (ISO 3166-1 alpha-2 codes) and of measures (the report's
 * measure types, tables 1-4), and the i-th code or id in ruleset order
 * (NULL when out of range). */
MPR_API size_t mpr_ruleset_country_count(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_country_code(const mpr_ruleset *rules, size_t i);
MPR_API size_t mpr_ruleset_measure_count(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_measure_id(const mpr_ruleset *rules, size_t i);

/* The tier name of a country ("high"; R2), or NULL for an unknown code. */
MPR_API const char *mpr_ruleset_country_tier(const mpr_ruleset *rules, const char *code);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_RULESET_H */
