/* test_records.c - approved rulesets (signatures), sealed and chained
 * decision records, and replay as an auditor who suspects the log would
 * try it: every kind of tampering the issue names, unreadable and
 * oversized records, a log cut by a killed writer, a UTF-16 input, a
 * signed head, and replay fed in pieces of any size. */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/record.h"
#include "helpers.h"
#include "util/sha256.h"

static char tmpdir[64];

static int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mprisk-records-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	return load_default(state);
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return -1;
	return free_default(state);
}

/* ---- helpers -------------------------------------------------------------- */

static void write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *read_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 22);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 22) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* An Ed25519 key pair as PEM texts (malloc'd). */
static void keypair(char **priv, char **pub)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	assert_non_null(k);
	BIO *a = BIO_new(BIO_s_mem()), *b = BIO_new(BIO_s_mem());
	assert_int_equal(PEM_write_bio_PrivateKey(a, k, NULL, NULL, 0, NULL, NULL), 1);
	assert_int_equal(PEM_write_bio_PUBKEY(b, k), 1);
	char *p;
	long n = BIO_get_mem_data(a, &p);
	*priv = strndup(p, (size_t)n);
	n = BIO_get_mem_data(b, &p);
	*pub = strndup(p, (size_t)n);
	BIO_free(a);
	BIO_free(b);
	EVP_PKEY_free(k);
}

/* A copy of the default rules at tmpdir/name. */
static const char *rules_copy(const char *name, char *dir, size_t size)
{
	char cmd[512];
	snprintf(dir, size, "%s/%s", tmpdir, name);
	snprintf(cmd, sizeof cmd, "rm -rf %s && cp -r %s %s", dir, RULES_DIR, dir);
	assert_int_equal(system(cmd), 0);
	return dir;
}

static mpr_ruleset *load(const char *dir)
{
	mpr_ruleset *r = NULL;
	mpr_error err;
	if (mpr_ruleset_load(&r, dir, NULL, &err) != MPR_OK)
		fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
	return r;
}

/* What a replay found: its counts, its report and its unreadable lines. */
typedef struct found {
	size_t c[MPR_REPLAY_HEAD + 1];
	char report[1 << 16];
	size_t len;
	char bad[4096];
	size_t bad_len;
} found;

static int to_report(void *ctx, const char *text, size_t len)
{
	found *f = ctx;
	size_t n = len < sizeof f->report - 1 - f->len ? len : sizeof f->report - 1 - f->len;
	memcpy(f->report + f->len, text, n);
	f->len += n;
	f->report[f->len] = '\0';
	return 0;
}

static void to_bad(void *ctx, const mpr_error *err)
{
	found *f = ctx;
	char msg[1200];
	mpr_error_format(err, msg, sizeof msg);
	int n = snprintf(f->bad + f->bad_len, sizeof f->bad - f->bad_len, "%s\n", msg);
	if (n > 0 && f->bad_len + (size_t)n < sizeof f->bad)
		f->bad_len += (size_t)n;
}

/* Replay log under rules, fed in pieces of chunk bytes. */
static found *replay(const mpr_ruleset *rules, const char *log, size_t len, size_t chunk,
                     const mpr_replay_options *o)
{
	found *f = calloc(1, sizeof *f);
	assert_non_null(f);
	mpr_replay_sink sink = {f, to_report, to_bad};
	mpr_replay_state *rp;
	mpr_error err;
	assert_int_equal(mpr_replay_begin(&rp, rules, "t.log", o, &sink, &err), MPR_OK);
	for (size_t at = 0; at < len; at += chunk)
		assert_int_equal(mpr_replay_feed(rp, log + at, len - at < chunk ? len - at : chunk, &err),
		                 MPR_OK);
	assert_int_equal(mpr_replay_finish(rp, &err), MPR_OK);
	for (int i = 0; i <= MPR_REPLAY_HEAD; i++)
		f->c[i] = mpr_replay_count(rp, i);
	mpr_replay_free(rp);
	return f;
}

/* A log of the example proposals at path (two appends), as text. */
static char *example_log(const mpr_ruleset *rules, const char *path, size_t *len)
{
	static const char *const files[] = {"draft-high-risk.yaml", "eg-strategic-partnership.yaml",
	                                    "tn-mou.yaml", "ma-action-plan.yaml"};
	mpr_proposal *p[4];
	mpr_result *r[4];
	mpr_error err;
	for (int i = 0; i < 4; i++) {
		char f[512];
		snprintf(f, sizeof f, "%s/examples/proposals/%s", MPR_SOURCE_DIR, files[i]);
		assert_int_equal(mpr_proposal_parse_file(&p[i], rules, f, NULL, &err), MPR_OK);
		assert_int_equal(mpr_evaluate(&r[i], rules, p[i], &err), MPR_OK);
	}
	unlink(path);
	assert_int_equal(mpr_log_append(path, (const mpr_result *const *)r, 3, "2026-11-30T12:00:00Z",
	                                &err),
	                 MPR_OK);
	assert_int_equal(mpr_log_append(path, (const mpr_result *const *)&r[3], 1,
	                                "2026-11-30T12:00:01Z", &err),
	                 MPR_OK);
	for (int i = 0; i < 4; i++) {
		mpr_result_free(r[i]);
		mpr_proposal_free(p[i]);
	}
	return read_text(path, len);
}

/* ---- editing a log as someone tampering with it would ------------------- */

typedef struct lines {
	char *v[16];
	size_t n;
} lines;

static lines split(const char *text)
{
	lines l = {{NULL}, 0};
	for (const char *p = text; *p && l.n < 16;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		l.v[l.n++] = strndup(p, n);
		p += n + (nl != NULL);
	}
	return l;
}

static char *join(const lines *l, size_t *len)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->v[i]) + 1;
	char *t = malloc(n + 1), *o = t;
	assert_non_null(t);
	for (size_t i = 0; i < l->n; i++) {
		size_t k = strlen(l->v[i]);
		memcpy(o, l->v[i], k);
		o[k] = '\n';
		o += k + 1;
	}
	*o = '\0';
	*len = n;
	return t;
}

static void lines_free(lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

/* Replace the first old in *s by new. */
static void replace(char **s, const char *old, const char *new)
{
	char *at = strstr(*s, old);
	assert_non_null(at);
	size_t pre = (size_t)(at - *s), ol = strlen(old), nl = strlen(new), rest = strlen(at + ol);
	char *t = malloc(pre + nl + rest + 1);
	assert_non_null(t);
	memcpy(t, *s, pre);
	memcpy(t + pre, new, nl);
	memcpy(t + pre + nl, at + ol, rest + 1);
	free(*s);
	*s = t;
}

/* The seal a record line ends with, made again for its content: what
 * someone who rewrites a record and knows the format does. */
static void reseal(char **line)
{
	size_t n = strlen(*line);
	assert_true(n > SEAL_TAIL);
	char seal[72];
	assert_int_equal(mpr_sha256_hex(NULL, *line, n - SEAL_TAIL, seal), MPR_OK);
	memcpy(*line + n - SEAL_TAIL + sizeof SEAL_PREFIX - 1, seal, 71);
}

/* Every record from the i-th on chained again to the one before it. */
static void rechain(lines *l, size_t from)
{
	for (size_t i = from; i < l->n; i++) {
		char prev[96], *at = strstr(l->v[i], "\"prev\": ");
		assert_non_null(at);
		const char *end = at[8] == 'n' ? at + 12 : at + 8 + 73; /* null, or "sha256:..." */
		char old[96];
		snprintf(old, sizeof old, "%.*s", (int)(end - at), at);
		if (i == 0) {
			snprintf(prev, sizeof prev, "\"prev\": null");
		} else {
			size_t n = strlen(l->v[i - 1]);
			snprintf(prev, sizeof prev, "\"prev\": \"%.71s\"",
			         l->v[i - 1] + n - SEAL_TAIL + sizeof SEAL_PREFIX - 1);
		}
		replace(&l->v[i], old, prev);
		reseal(&l->v[i]);
	}
}

/* Replay the edited lines; free them. */
static found *replay_lines(const mpr_ruleset *rules, lines *l, const mpr_replay_options *o)
{
	size_t len;
	char *t = join(l, &len);
	found *f = replay(rules, t, len, 4096, o);
	free(t);
	lines_free(l);
	return f;
}

/* ---- approved rulesets ---------------------------------------------------- */

static void signature_states(void **state)
{
	(void)state;
	char dir[256], path[300], *priv, *pub, *priv2, *pub2;
	keypair(&priv, &pub);
	keypair(&priv2, &pub2);
	rules_copy("signed", dir, sizeof dir);
	mpr_ruleset *r = load(dir);
	const char *key, *note;
	mpr_error err;
	assert_int_equal(mpr_ruleset_signature(r, &key, &note), MPR_SIGNATURE_NONE);
	assert_string_equal(key, "");
	assert_int_equal(mpr_ruleset_check_signature(r, pub, strlen(pub), &err), MPR_ESIGNATURE);
	assert_non_null(strstr(err.message, "the rules are not signed"));
	assert_non_null(strstr(err.file, "/signed/ruleset.sig"));
	/* signing: a private key is needed, a time without quotes */
	char *sig;
	size_t len;
	assert_int_equal(mpr_ruleset_sign(r, pub, strlen(pub), "t", &sig, &len, &err), MPR_ESIGNATURE);
	assert_int_equal(mpr_ruleset_sign(r, priv, strlen(priv), "a\"b", &sig, &len, &err), MPR_EINVAL);
	assert_int_equal(mpr_ruleset_sign(r, priv, strlen(priv), "2026-11-30T12:00:00Z", &sig, &len,
	                                  &err),
	                 MPR_OK);
	mpr_ruleset_free(r);
	snprintf(path, sizeof path, "%s/ruleset.sig", dir);
	write_text(path, sig, len);
	r = load(dir);
	assert_int_equal(mpr_ruleset_signature(r, &key, &note), MPR_SIGNATURE_VALID);
	assert_string_equal(note, "2026-11-30T12:00:00Z");
	assert_non_null(strstr(sig, key));
	assert_int_equal(mpr_ruleset_check_signature(r, pub, strlen(pub), &err), MPR_OK);
	assert_int_equal(mpr_ruleset_check_signature(r, pub2, strlen(pub2), &err), MPR_ESIGNATURE);
	assert_non_null(strstr(err.message, "not by the required key"));
	/* a private key where the public one belongs is refused, not used */
	assert_int_equal(mpr_ruleset_check_signature(r, priv, strlen(priv), &err), MPR_EINVAL);
	assert_non_null(strstr(err.message, "is a private key"));
	assert_int_equal(mpr_ruleset_check_signature(r, "junk", 4, &err), MPR_EINVAL);
	mpr_ruleset_free(r);
	/* the rules changed after signing: a value, and a file added later */
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "sed -i 's/every_months: 12/every_months: 11/' %s/matrix.yaml", dir);
	assert_int_equal(system(cmd), 0);
	r = load(dir);
	assert_int_equal(mpr_ruleset_signature(r, &key, &note), MPR_SIGNATURE_INVALID);
	assert_non_null(strstr(note, "the rules changed after signing"));
	assert_int_equal(mpr_ruleset_check_signature(r, pub, strlen(pub), &err), MPR_ESIGNATURE);
	assert_non_null(strstr(err.message, "changed after signing"));
	mpr_ruleset_free(r);
	snprintf(cmd, sizeof cmd, "cp %s/matrix.yaml %s/matrix.yaml && printf 'sources:\\n  - id: x-added\\n"
	                          "    name: \"a file added after signing\"\\n' > %s/added.yaml",
	         RULES_DIR, dir, dir);
	assert_int_equal(system(cmd), 0);
	r = load(dir);
	assert_int_equal(mpr_ruleset_signature(r, NULL, &note), MPR_SIGNATURE_INVALID);
	mpr_ruleset_free(r);
	snprintf(cmd, sizeof cmd, "rm %s/added.yaml", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(mpr_ruleset_signature((r = load(dir)), NULL, NULL), MPR_SIGNATURE_VALID);
	mpr_ruleset_free(r);
	/* an altered signature: invalid; a file that is no signature: an error at its place */
	char *bad = strdup(sig);
	char *s = strstr(bad, "signature: \"") + 12;
	*s = *s == 'A' ? 'B' : 'A';
	write_text(path, bad, strlen(bad));
	r = load(dir);
	assert_int_equal(mpr_ruleset_signature(r, NULL, &note), MPR_SIGNATURE_INVALID);
	assert_non_null(strstr(note, "does not verify"));
	mpr_ruleset_free(r);
	write_text(path, "format: \"mprisk-ruleset-signature/1\"\nbogus: 1\n", 46);
	mpr_ruleset *none = (mpr_ruleset *)1;
	assert_int_equal(mpr_ruleset_load(&none, dir, NULL, &err), MPR_ESCHEMA);
	assert_null(none);
	assert_int_equal(err.line, 2);
	free(bad);
	free(sig);
	free(priv);
	free(pub);
	free(priv2);
	free(pub2);
}

/* ---- records ----------------------------------------------------------- */

static void records_sealed_and_chained(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/chain.log", tmpdir);
	size_t len;
	char *log = example_log(rules, path, &len);
	lines l = split(log);
	assert_int_equal(l.n, 4);
	char seal[72], prev[72] = "";
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i]);
		assert_true(record_seal_of(l.v[i], n, seal));
		assert_true(record_seal_holds(l.v[i], n, seal));
		assert_non_null(strstr(l.v[i], "\"format_version\": 3, \"record\": \"mprisk decision\""));
		if (i == 0) {
			assert_non_null(strstr(l.v[i], "\"prev\": null"));
		} else {
			char want[96];
			snprintf(want, sizeof want, "\"prev\": \"%s\"", prev);
			assert_non_null(strstr(l.v[i], want));
		}
		memcpy(prev, seal, 72);
	}
	lines_free(&l);
	/* fed whole, byte by byte and in odd pieces: the same */
	size_t chunks[] = {len, 1, 7, 4093};
	for (size_t k = 0; k < 4; k++) {
		found *f = replay(rules, log, len, chunks[k], NULL);
		assert_int_equal(f->c[MPR_REPLAY_RECORDS], 4);
		assert_int_equal(f->c[MPR_REPLAY_REPLAYED], 4);
		assert_int_equal(f->c[MPR_REPLAY_SEALED], 4);
		assert_int_equal(f->c[MPR_REPLAY_DIFFER], 0);
		assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
		assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 0);
		assert_non_null(strstr(f->report, "4 records replayed against am-aiv-2026 (sha256:"));
		free(f);
	}
	/* the 0.1 call reads them too */
	char *report;
	size_t replayed, differ;
	mpr_error err;
	assert_int_equal(mpr_replay(rules, log, len, "t.log", &report, NULL, &replayed, &differ, &err),
	                 MPR_OK);
	assert_int_equal(replayed, 4);
	assert_int_equal(differ, 0);
	free(report);
	free(log);
}

/* Each kind of tampering, as replay under the same rules finds it. */
static void replay_finds_tampering(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/tamper.log", tmpdir);
	size_t len;
	char *log = example_log(rules, path, &len);
	lines l;
	found *f;
	/* the top-level verdict rewritten to permitted, the seal left: two reasons */
	l = split(log);
	replace(&l.v[0], "\"verdict\": \"prohibited\", \"passes\": false, \"activities\"",
	        "\"verdict\": \"permitted\", \"passes\": true, \"activities\"");
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_non_null(strstr(f->report, "t.log:1: TAMPERED: its seal does not match its content"));
	assert_non_null(strstr(f->report, "    verdict: permitted (passes) -> prohibited (does not pass)\n"));
	free(f);
	/* the same, resealed and every record after it chained again: the
	 * decision made again still gives it away */
	l = split(log);
	replace(&l.v[0], "\"verdict\": \"prohibited\", \"passes\": false, \"activities\"",
	        "\"verdict\": \"permitted\", \"passes\": true, \"activities\"");
	rechain(&l, 0);
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_null(strstr(f->report, "seal does not match"));
	assert_non_null(strstr(f->report, "t.log:1: TAMPERED: it does not match its own input"));
	free(f);
	/* findings emptied, resealed, rechained */
	l = split(log);
	char *fs = strstr(l.v[1], "\"findings\": [") + 13, *fe = strstr(fs, "], \"monitoring_plan\"");
	memmove(fs, fe, strlen(fe) + 1);
	rechain(&l, 1);
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_non_null(strstr(f->report, ": not in the record; raised now (conditional)"));
	free(f);
	/* the prohibited activity deleted from the record, resealed, rechained */
	l = split(log);
	char *a0 = strstr(l.v[0], "\"activities\": [{") + 15, *a1 = strstr(a0, "}, {\"id\": ");
	memmove(a0, a1 + 3, strlen(a1 + 3) + 1);
	rechain(&l, 0);
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_non_null(strstr(f->report, "activity border-equipment: not in the record; decided now: "
	                                  "prohibited"));
	free(f);
	/* a record deleted; two swapped; the first one deleted */
	l = split(log);
	free(l.v[1]);
	memmove(&l.v[1], &l.v[2], 2 * sizeof l.v[0]);
	l.n--;
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_non_null(strstr(f->report, "t.log:2: TAMPERED: the chain is broken: it follows sha256:"));
	free(f);
	l = split(log);
	char *t = l.v[1];
	l.v[1] = l.v[2];
	l.v[2] = t;
	f = replay_lines(rules, &l, NULL);
	assert_true(f->c[MPR_REPLAY_TAMPERED] >= 2);
	free(f);
	l = split(log);
	free(l.v[0]);
	memmove(&l.v[0], &l.v[1], 3 * sizeof l.v[0]);
	l.n--;
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_non_null(strstr(f->report, "this is the first record of the log, but it follows"));
	free(f);
	/* the input edited but its sha256 left */
	l = split(log);
	replace(&l.v[2], "coast-guard", "coast-guarx");
	rechain(&l, 2);
	f = replay_lines(rules, &l, NULL);
	assert_non_null(strstr(f->report, "t.log:3: TAMPERED: its input text does not match"));
	free(f);
	free(log);
}

/* A line that is not a readable record is reported at its line, and the
 * rest of the log is replayed. */
static void replay_reports_unreadable_lines(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/bad.log", tmpdir);
	size_t len;
	char *log = example_log(rules, path, &len);
	static const char *const ids[] = {"[\"x\"]", "{\"x\": 1}", "7", "null", "true"};
	for (size_t i = 0; i < 5; i++) {
		lines l = split(log);
		char with[64];
		snprintf(with, sizeof with, "\"activities\": [{\"id\": %s", ids[i]);
		replace(&l.v[1], "\"activities\": [{\"id\": \"border-equipment\"", with);
		rechain(&l, 1);
		found *f = replay_lines(rules, &l, NULL);
		assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 1);
		assert_int_equal(f->c[MPR_REPLAY_REPLAYED], 3);
		assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
		assert_non_null(strstr(f->bad, "t.log:2:"));
		assert_non_null(strstr(f->bad, "'id' must be a text"));
		free(f);
	}
	/* cut short (a full disk under an older writer), garbage, not a record,
	 * a format this version does not read */
	static const char *const lines_in[] = {NULL, "not json at all", "{\"x\": 1}",
	                                       "{\"format_version\": 4}", "[1, 2]"};
	static const char *const says[] = {"JSON syntax", "JSON syntax", "not a decision record",
	                                   "format_version 4", "not a decision record"};
	for (size_t i = 0; i < 5; i++) {
		lines l = split(log);
		if (lines_in[i]) {
			free(l.v[1]);
			l.v[1] = strdup(lines_in[i]);
		} else {
			l.v[1][strlen(l.v[1]) / 2] = '\0';
		}
		found *f = replay_lines(rules, &l, NULL);
		assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 1);
		assert_int_equal(f->c[MPR_REPLAY_REPLAYED], 3);
		assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
		assert_non_null(strstr(f->bad, "t.log:2:"));
		assert_non_null(strstr(f->bad, says[i]));
		/* the chain cannot be checked across it, which is no tampering */
		assert_non_null(strstr(f->report, "t.log:3: note: the chain cannot be checked across line 2"));
		free(f);
	}
	/* an input in an encoding this version does not write (records hold
	 * UTF-8) is not read as if it were UTF-8 */
	{
		lines l = split(log);
		replace(&l.v[1], "\"encoding\": \"utf-8\"", "\"encoding\": \"utf-16le\"");
		rechain(&l, 1);
		found *f = replay_lines(rules, &l, NULL);
		assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 1);
		assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
		assert_non_null(strstr(f->bad, "an input encoding 'utf-16le', which mprisk"));
		free(f);
	}
	/* an oversized record: reported with its line, passed over in bounded
	 * memory, and the records after it replayed */
	mpr_replay_options o = MPR_REPLAY_OPTIONS_INIT;
	lines l = split(log);
	size_t biggest = 0, at = 0;
	for (size_t i = 0; i < l.n; i++)
		if (strlen(l.v[i]) > biggest) {
			biggest = strlen(l.v[i]);
			at = i;
		}
	lines_free(&l);
	o.max_record_bytes = biggest - 1;
	found *f = replay(rules, log, len, 1000, &o);
	assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 1);
	assert_int_equal(f->c[MPR_REPLAY_REPLAYED], 3);
	char where[64];
	snprintf(where, sizeof where, "t.log:%zu:1: a record longer than max_record_bytes=%zu", at + 1,
	         biggest - 1);
	assert_non_null(strstr(f->bad, where));
	free(f);
	free(log);
}

/* Under other rules a difference is what the change changes, findings too. */
static void replay_under_changed_rules(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[128], dir[256];
	snprintf(path, sizeof path, "%s/changed.log", tmpdir);
	size_t len;
	char *log = example_log(rules, path, &len);
	rules_copy("m1", dir, sizeof dir);
	char cmd[1200];
	snprintf(cmd, sizeof cmd,
	         "sed -i '/id: M1-independent-local-access/,/severity/s/severity: prohibited/severity: "
	         "conditional/' %s/partnership.yaml",
	         dir);
	assert_int_equal(system(cmd), 0);
	mpr_ruleset *m1 = load(dir);
	found *f = replay(m1, log, len, 4096, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
	assert_true(f->c[MPR_REPLAY_DIFFER] >= 1);
	assert_non_null(strstr(f->report, "would now be decided differently (recorded -> now):"));
	assert_non_null(strstr(f->report, "    finding M1-independent-local-access: prohibited -> conditional\n"));
	free(f);
	/* a rewritten, resealed and rechained record is then only a difference:
	 * the chain alone cannot tell (a signed head can: head_signature) */
	lines l = split(log);
	replace(&l.v[0], "\"verdict\": \"prohibited\", \"passes\": false, \"activities\"",
	        "\"verdict\": \"permitted\", \"passes\": true, \"activities\"");
	rechain(&l, 0);
	f = replay_lines(m1, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
	free(f);
	/* the same rewrite naming another engine: this engine cannot decide as
	 * that one did, so it is a difference, and the line names the engine */
	l = split(log);
	replace(&l.v[0], "\"verdict\": \"prohibited\", \"passes\": false, \"activities\"",
	        "\"verdict\": \"permitted\", \"passes\": true, \"activities\"");
	char engine[64], other[64];
	snprintf(engine, sizeof engine, "\"version\": \"%s\"", mpr_version());
	snprintf(other, sizeof other, "\"version\": \"%s.1\"", mpr_version());
	replace(&l.v[0], engine, other);
	rechain(&l, 0);
	f = replay_lines(rules, &l, NULL);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
	assert_true(f->c[MPR_REPLAY_DIFFER] >= 1);
	char says[96];
	snprintf(says, sizeof says, " by mprisk %s.1, not this %s)", mpr_version(), mpr_version());
	assert_non_null(strstr(f->report, says));
	free(f);
	/* what a record names is shown visibly in the report: a file name with
	 * a bidi override and a newline cannot reorder or forge its lines */
	l = split(log);
	for (size_t i = 0; i < l.n; i++)
		replace(&l.v[i], "/examples/proposals/", "/examples/\xe2\x80\xae\\nforged: ");
	rechain(&l, 0);
	f = replay_lines(m1, &l, NULL);
	assert_true(f->c[MPR_REPLAY_DIFFER] >= 1);
	assert_non_null(strstr(f->report, "/examples/\\u202e\\nforged: "));
	assert_null(strstr(f->report, "\xe2\x80\xae"));
	assert_null(strstr(f->report, "\nforged"));
	free(f);
	mpr_ruleset_free(m1);
	free(log);
}

static void head_signature(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[128], *priv, *pub, *priv2, *pub2;
	keypair(&priv, &pub);
	keypair(&priv2, &pub2);
	snprintf(path, sizeof path, "%s/head.log", tmpdir);
	size_t len, hlen, records;
	char *log = example_log(rules, path, &len), *head, seal[72], key[72];
	mpr_error err;
	assert_int_equal(mpr_log_sign_head(path, priv, strlen(priv), "2026-12-01T00:00:00Z", &head,
	                                   &hlen, &records, &err),
	                 MPR_OK);
	assert_int_equal(records, 4);
	assert_int_equal(mpr_log_head_check(head, hlen, "h", pub, strlen(pub), &records, seal, key,
	                                    &err),
	                 MPR_OK);
	assert_int_equal(mpr_log_head_check(head, hlen, "h", pub2, strlen(pub2), &records, seal, key,
	                                    &err),
	                 MPR_ESIGNATURE);
	assert_int_equal(mpr_log_head_check(head, hlen, "h", NULL, 0, &records, seal, key, &err),
	                 MPR_OK);
	mpr_replay_options o = MPR_REPLAY_OPTIONS_INIT;
	o.head_records = records;
	o.head_seal = seal;
	found *f = replay(rules, log, len, 333, &o);
	assert_int_equal(f->c[MPR_REPLAY_HEAD], 1);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
	assert_non_null(strstr(f->report, "the signed head covers the first 4 and matches"));
	free(f);
	/* a rewrite of a record and of the chain after it: the head catches it */
	lines l = split(log);
	replace(&l.v[0], "\"verdict\": \"prohibited\", \"passes\": false, \"activities\"",
	        "\"verdict\": \"permitted\", \"passes\": true, \"activities\"");
	rechain(&l, 0);
	f = replay_lines(rules, &l, &o);
	assert_int_equal(f->c[MPR_REPLAY_HEAD], 0);
	assert_non_null(strstr(f->report, "the signed head names sha256:"));
	free(f);
	/* the last record deleted: shorter than its head */
	l = split(log);
	free(l.v[3]);
	l.n--;
	f = replay_lines(rules, &l, &o);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 1);
	assert_non_null(strstr(f->report, "records were deleted from its end"));
	free(f);
	/* an altered head file does not verify */
	char *alt = strdup(head);
	replace(&alt, "records: 4", "records: 3");
	assert_int_equal(mpr_log_head_check(alt, strlen(alt), "h", NULL, 0, &records, seal, key, &err),
	                 MPR_ESIGNATURE);
	free(alt);
	/* a log that fails its check is not signed */
	l = split(log);
	free(l.v[1]);
	memmove(&l.v[1], &l.v[2], 2 * sizeof l.v[0]);
	l.n--;
	char *cut = join(&l, &len);
	lines_free(&l);
	write_text(path, cut, len);
	free(cut);
	char *no;
	assert_int_equal(mpr_log_sign_head(path, priv, strlen(priv), "t", &no, NULL, &records, &err),
	                 MPR_ESIGNATURE);
	assert_non_null(strstr(err.message, "the chain is broken"));
	free(head);
	free(log);
	free(priv);
	free(pub);
	free(priv2);
	free(pub2);
}

/* A UTF-16 input is recorded as the UTF-8 it was decoded to, with the
 * digest of that text (the proposal's), and its record replays. */
static void utf16_round_trip(void **state)
{
	const mpr_ruleset *rules = *state;
	const char *json = "{\"partnership\": {\"id\": \"u16\", \"country\": \"MA\", \"title\": "
	                   "\"Caf\\u00e9 \\ud83d\\ude00\"}, \"activities\": [{\"id\": \"a\", "
	                   "\"measure\": \"trade-mission\"}]}";
	for (int be = 0; be < 2; be++) {
		unsigned char buf[1024];
		size_t n = 0;
		buf[n++] = be ? 0xFE : 0xFF;
		buf[n++] = be ? 0xFF : 0xFE;
		for (const char *p = json; *p; p++) {
			buf[n++] = be ? 0 : (unsigned char)*p;
			buf[n++] = be ? (unsigned char)*p : 0;
		}
		mpr_proposal *p;
		mpr_result *r;
		mpr_error err;
		assert_int_equal(mpr_proposal_parse_buffer(&p, rules, (const char *)buf, n, "u16.json",
		                                           NULL, &err),
		                 MPR_OK);
		assert_int_equal(mpr_evaluate(&r, rules, p, &err), MPR_OK);
		char *rec;
		size_t len;
		assert_int_equal(mpr_render_record_v2(r, "2026-11-30T12:00:00Z", NULL, &rec, &len, &err),
		                 MPR_OK);
		assert_non_null(strstr(rec, "\"encoding\": \"utf-8\""));
		assert_non_null(strstr(rec, "\"text\": \"{\\\"partnership\\\""));
		assert_non_null(strstr(rec, mpr_proposal_sha256(p)));
		char utf8[72];
		assert_int_equal(mpr_sha256_hex(NULL, json, strlen(json), utf8), MPR_OK);
		assert_string_equal(mpr_proposal_sha256(p), utf8); /* of the UTF-8 text */
		found *f = replay(rules, rec, len, 64, NULL);
		assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
		assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 0);
		assert_int_equal(f->c[MPR_REPLAY_DIFFER], 0);
		free(f);
		free(rec);
		mpr_result_free(r);
		mpr_proposal_free(p);
	}
}

/* A writer killed in the middle of a record leaves a partial line: the
 * next append ends it and chains to the last whole record. */
static void append_after_partial_line(void **state)
{
	const mpr_ruleset *rules = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/partial.log", tmpdir);
	size_t len;
	char *log = example_log(rules, path, &len);
	lines l = split(log);
	char *whole = strndup(log, strlen(l.v[0]) + 1);
	size_t cut = strlen(l.v[1]) / 3;
	char *text = malloc(strlen(whole) + cut + 1);
	memcpy(text, whole, strlen(whole));
	memcpy(text + strlen(whole), l.v[1], cut);
	write_text(path, text, strlen(whole) + cut);
	mpr_proposal *p;
	mpr_result *r = eval_text(rules, "partnership: {id: t, country: MA}\nactivities:\n"
	                                 "  - {id: a, measure: trade-mission}\n",
	                          &p);
	mpr_error err;
	assert_int_equal(mpr_log_append(path, (const mpr_result *const *)&r, 1, "t", &err), MPR_OK);
	char *now = read_text(path, &len);
	lines m = split(now);
	assert_int_equal(m.n, 3);
	char want[96];
	snprintf(want, sizeof want, "\"prev\": \"%.71s\"",
	         l.v[0] + strlen(l.v[0]) - SEAL_TAIL + sizeof SEAL_PREFIX - 1);
	assert_non_null(strstr(m.v[2], want));
	found *f = replay(rules, now, len, 4096, NULL);
	assert_int_equal(f->c[MPR_REPLAY_UNREADABLE], 1);
	assert_int_equal(f->c[MPR_REPLAY_TAMPERED], 0);
	assert_non_null(strstr(f->bad, "t.log:2:"));
	free(f);
	/* a log that is a link or a directory is not appended to */
	char link[160];
	snprintf(link, sizeof link, "%s/link.log", tmpdir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(mpr_log_append(link, (const mpr_result *const *)&r, 1, "t", &err), MPR_EIO);
	assert_non_null(strstr(err.message, "symbolic link"));
	assert_int_equal(mpr_log_append(tmpdir, (const mpr_result *const *)&r, 1, "t", &err), MPR_EIO);
	lines_free(&l);
	lines_free(&m);
	mpr_result_free(r);
	mpr_proposal_free(p);
	free(now);
	free(text);
	free(whole);
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signature_states),
		cmocka_unit_test(records_sealed_and_chained),
		cmocka_unit_test(replay_finds_tampering),
		cmocka_unit_test(replay_reports_unreadable_lines),
		cmocka_unit_test(replay_under_changed_rules),
		cmocka_unit_test(head_signature),
		cmocka_unit_test(utf16_round_trip),
		cmocka_unit_test(append_after_partial_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
