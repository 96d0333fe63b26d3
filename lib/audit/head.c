/*
 * head.c - the signed head of a decision log (mpr_log_sign_head,
 * mpr_log_head_check).
 *
 * The chain makes a deleted, inserted or reordered record visible, but
 * not a rewrite of a record together with every record after it: whoever
 * can write the log can compute the hashes again. A head signed with the
 * owner's key (the key of the approved rulesets, docs/auditing.md) fixes
 * the first N sealed records: replay with the head finds any rewrite of
 * them, and a log cut shorter than N. Records after N are protected by the
 * chain only, until the next head is signed.
 *
 * The head file, and the message signed (its first four lines):
 *   format: mprisk-log-head/1
 *   records: N                 the number of sealed records it covers
 *   head: sha256:HEX           the seal of the N-th
 *   signed_at: TIME
 *   key_id, key, signature     as in a ruleset's signature (load/signature.c)
 */
#define _DEFAULT_SOURCE /* flock */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/replay.h"
#include "input/schema.h"
#include "input/tree.h"
#include "util/error.h"
#include "util/sign.h"

#define HEAD_FORMAT "mprisk-log-head/1"

static int message(mpr_buf *b, size_t records, const char *seal, const char *time)
{
	mpr_buf_printf(b, "format: " HEAD_FORMAT "\nrecords: %zu\nhead: %s\nsigned_at: %s\n", records,
	               seal, time);
	return b->failed ? MPR_ENOMEM : MPR_OK;
}

static bool printable(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return false;
	return true;
}

/* Check the chain of the open log, under a shared lock: the number of
 * sealed records and the last seal, or the first problem. */
static int check_log(int fd, const char *path, size_t *records, char seal[72], mpr_error *err)
{
	mpr_replay_options o = MPR_REPLAY_OPTIONS_INIT;
	o.chain_only = 1;
	mpr_replay_state *st;
	int rc = mpr_replay_begin(&st, NULL, path, &o, NULL, err);
	if (rc)
		return rc;
	char buf[1 << 16];
	ssize_t got;
	while (rc == MPR_OK && (got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			rc = mpr_fail(err, MPR_EIO, path, 0, 0, "cannot read the log: %s", strerror(errno));
		else
			rc = mpr_replay_feed(st, buf, (size_t)got, err);
	}
	if (rc == MPR_OK)
		rc = mpr_replay_finish(st, err);
	const mpr_error *problem = replay_first_problem(st);
	const char *last = replay_last_seal(st);
	*records = mpr_replay_count(st, MPR_REPLAY_SEALED);
	if (rc == MPR_OK && problem) {
		char msg[1200];
		mpr_error_format(problem, msg, sizeof msg);
		rc = mpr_fail(err, MPR_ESIGNATURE, path, 0, 0,
		              "not signed: the log does not pass its check (mprisk verify --log): %s", msg);
	} else if (rc == MPR_OK && !last) {
		rc = mpr_fail(err, MPR_ESIGNATURE, path, 0, 0, "not signed: the log has no sealed record");
	} else if (rc == MPR_OK) {
		memcpy(seal, last, 72);
	}
	mpr_replay_free(st);
	return rc;
}

int mpr_log_sign_head(const char *path, const char *private_pem, size_t len, const char *time,
                      char **out, size_t *out_len, size_t *records, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!path || !private_pem || !time || !out || !records)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_log_sign_head: invalid arguments");
	*out = NULL;
	*records = 0;
	if (!printable(time))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "mpr_log_sign_head: the time must be printable ASCII without quotes");
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0)
		return mpr_fail(err, MPR_EIO, path, 0, 0, "cannot open the log: %s", strerror(errno));
	struct stat st;
	int rc = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
	             ? MPR_OK
	             : mpr_fail(err, MPR_EIO, path, 0, 0, "the log is not a regular file");
	while (rc == MPR_OK && flock(fd, LOCK_SH) != 0)
		if (errno != EINTR)
			rc = mpr_fail(err, MPR_EIO, path, 0, 0, "cannot lock the log: %s", strerror(errno));
	char seal[72];
	if (rc == MPR_OK)
		rc = check_log(fd, path, records, seal, err);
	close(fd);
	mpr_buf m = {0};
	char sig[MPR_SIG_B64], key[MPR_KEY_B64], why[200];
	mpr_pubkey pub;
	if (rc == MPR_OK && message(&m, *records, seal, time) != MPR_OK)
		rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	if (rc == MPR_OK && mpr_sign_pem(private_pem, len, m.data, m.len, sig, &pub, why, sizeof why))
		rc = mpr_fail(err, MPR_ESIGNATURE, "", 0, 0, "the signing key %s", why);
	free(m.data);
	if (rc)
		return rc;
	mpr_pubkey_b64(&pub, key);
	mpr_buf b = {0};
	mpr_buf_printf(&b,
	               "# The signed head of a decision log (mprisk sign --log; docs/auditing.md):\n"
	               "# replay and verify --log find any rewrite of the first %zu sealed records.\n"
	               "format: \"" HEAD_FORMAT "\"\nrecords: %zu\nhead: \"%s\"\nsigned_at: \"%s\"\n"
	               "key_id: \"%s\"\nkey: \"%s\"\nsignature: \"%s\"\n",
	               *records, *records, seal, time, pub.id, key, sig);
	rc = mpr_buf_finish(&b, out, out_len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

/* What a head file says. */
typedef struct head_file {
	const char *head, *signed_at, *key_id, *signature;
	long records;
	mpr_pubkey key;
} head_file;

static int read_head(sc_ctx *c, const yt_node *root, head_file *h)
{
	static const char *const keys[] = {"format", "records", "head", "signed_at", "key_id", "key",
	                                   "signature", NULL};
	const char *format = NULL, *key = NULL;
	int rc;
	if ((rc = sc_map(c, root, "a signed log head", keys)) ||
	    (rc = sc_str(c, root, "format", true, &format)) ||
	    (rc = sc_int(c, root, "records", true, 1, 0x7fffffffL, &h->records, NULL)) ||
	    (rc = sc_str(c, root, "head", true, &h->head)) ||
	    (rc = sc_str(c, root, "signed_at", true, &h->signed_at)) ||
	    (rc = sc_str(c, root, "key_id", true, &h->key_id)) ||
	    (rc = sc_str(c, root, "key", true, &key)) ||
	    (rc = sc_str(c, root, "signature", true, &h->signature)))
		return rc;
	if (strcmp(format, HEAD_FORMAT) != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "format"),
		               "not a log head this version reads (format: %s)", HEAD_FORMAT);
	if (strlen(h->head) != 71 || strncmp(h->head, "sha256:", 7) != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "head"), "'head' is not a seal (sha256:...)");
	if (!printable(h->signed_at))
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "signed_at"),
		               "'signed_at' must be printable ASCII");
	if (mpr_pubkey_from_b64(key, &h->key))
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "key"),
		               "'key' is not an Ed25519 public key (32 bytes in base64)");
	if (strcmp(h->key_id, h->key.id) != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "key_id"),
		               "'key_id' is not the digest of 'key' (%s)", h->key.id);
	return MPR_OK;
}

/* The head's signature, by its own key and by the required one. */
static int check_head(const head_file *h, const char *name, const char *public_pem,
                      size_t pub_len, mpr_error *err)
{
	mpr_buf m = {0};
	if (message(&m, (size_t)h->records, h->head, h->signed_at)) {
		free(m.data);
		return mpr_fail(err, MPR_ENOMEM, name, 0, 0, "out of memory");
	}
	int good = mpr_verify(&h->key, m.data, m.len, h->signature);
	free(m.data);
	if (!good)
		return mpr_fail(err, MPR_ESIGNATURE, name, 0, 0,
		                "the signature of the head does not verify with the key it names (the "
		                "head file was altered)");
	if (!public_pem)
		return MPR_OK;
	mpr_pubkey want;
	char why[160];
	if (mpr_pubkey_from_pem(public_pem, pub_len, &want, why, sizeof why))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "the required key %s", why);
	if (strcmp(want.id, h->key.id) != 0)
		return mpr_fail(err, MPR_ESIGNATURE, name, 0, 0,
		                "the head is signed by key %s, not by the required key %s", h->key.id,
		                want.id);
	return MPR_OK;
}

int mpr_log_head_check(const char *text, size_t len, const char *name, const char *public_pem,
                       size_t pub_len, size_t *records, char *seal, char *key_id, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!text || !records || !seal)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_log_head_check: invalid arguments");
	if (!name)
		name = "<head>";
	yt_doc doc = {0};
	mpr_arena arena = {0};
	sc_ctx c = {name, err, &arena};
	head_file h;
	memset(&h, 0, sizeof h);
	int rc = yt_parse(&doc, name, (const unsigned char *)text, len, NULL, NULL, err);
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, name, 1, 1, "empty head file");
	if (rc == MPR_OK)
		rc = read_head(&c, doc.root, &h);
	if (rc == MPR_OK)
		rc = check_head(&h, name, public_pem, pub_len, err);
	if (rc == MPR_OK) {
		*records = (size_t)h.records;
		memcpy(seal, h.head, 72);
		if (key_id)
			memcpy(key_id, h.key.id, 72);
	}
	yt_doc_free(&doc);
	mpr_arena_free(&arena);
	return rc;
}
