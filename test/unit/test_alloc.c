/*
 * test_alloc.c - allocation-failure injection (the SQLite/curl way).
 *
 * Linked with -Wl,--wrap for malloc, calloc, realloc, free and strdup, so
 * every allocation the library makes goes through the wrappers below. For
 * each stage (loading the default rules; parsing, evaluating and rendering
 * each example proposal; the matrix, explanations, rule tests, diff, lint,
 * records and replay) the sweep fails the 1st, 2nd, ... allocation of the
 * stage until the stage completes without a failure, and checks each time:
 * the call returns MPR_ENOMEM (never a verdict), its out-pointer is NULL,
 * and after cleanup no allocation is left (nothing leaked).
 * (libyaml and OpenSSL allocate through their own shared objects and are not
 * part of the sweep. yajl allocates through the JSON reader's allocator, so
 * its allocations are: a failure there must unwind out of yajl cleanly.)
 */
#include <dirent.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include "decide/decide.h"
#include "helpers.h"
#include "input/tree.h"

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
void *__wrap_malloc(size_t);
void *__wrap_calloc(size_t, size_t);
void *__wrap_realloc(void *, size_t);
void __wrap_free(void *);
char *__wrap_strdup(const char *);

/* test-only state: the sweep is single-threaded */
static unsigned long calls, fail_at, failed;
static long live;

static int should_fail(void)
{
	calls++;
	if (fail_at && calls == fail_at) {
		failed++;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	void *p = __real_malloc(n);
	live += p != NULL;
	return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
	if (should_fail())
		return NULL;
	void *p = __real_calloc(n, m);
	live += p != NULL;
	return p;
}

void *__wrap_realloc(void *old, size_t n)
{
	if (should_fail())
		return NULL;
	void *p = __real_realloc(old, n);
	live += p != NULL && old == NULL;
	return p;
}

void __wrap_free(void *p)
{
	live -= p != NULL;
	__real_free(p);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* A stage: runs once; returns the status of the failing call, or MPR_OK,
 * and must free everything it made. */
typedef int (*stage_fn)(const mpr_ruleset *rules, const char *arg);

static unsigned long sweep(const char *name, stage_fn fn, const mpr_ruleset *rules,
                           const char *arg)
{
	for (unsigned long n = 1;; n++) {
		long before = live;
		calls = 0;
		failed = 0;
		fail_at = n;
		int rc = fn(rules, arg);
		fail_at = 0;
		if (live != before)
			fail_msg("%s: %ld allocations leaked when allocation %lu failed", name,
			         live - before, n);
		if (!failed) {
			if (rc != MPR_OK)
				fail_msg("%s: failed with %d without an allocation failure", name, rc);
			return n - 1; /* allocations in the stage */
		}
		if (rc != MPR_ENOMEM)
			fail_msg("%s: allocation %lu failed, but the call returned %d, not MPR_ENOMEM", name,
			         n, rc);
	}
}

static int stage_load(const mpr_ruleset *unused, const char *dir)
{
	(void)unused;
	mpr_ruleset *r = (mpr_ruleset *)&r;
	mpr_error err;
	int rc = mpr_ruleset_load(&r, dir, NULL, &err);
	if (rc != MPR_OK && r != NULL)
		fail_msg("load failed but returned a ruleset");
	mpr_ruleset_free(r);
	return rc;
}

static int stage_proposal(const mpr_ruleset *rules, const char *path)
{
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	mpr_error err;
	char *text = NULL, *json = NULL, *rec = NULL;
	int rc = mpr_proposal_parse_file(&p, rules, path, NULL, &err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rules, p, &err);
	else if (p)
		fail_msg("parse failed but returned a proposal");
	if (rc != MPR_OK && r)
		fail_msg("evaluate failed but returned a result: a verdict without its inputs");
	if (rc == MPR_OK)
		rc = mpr_render_result(r, MPR_FORMAT_TEXT, &text, NULL, &err);
	if (rc == MPR_OK)
		rc = mpr_render_result(r, MPR_FORMAT_JSON, &json, NULL, &err);
	if (rc == MPR_OK) { /* the short answer and the default text */
		mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
		const mpr_result *const one_result[] = {r};
		char *brief = NULL, *fails = NULL;
		rc = mpr_render_results_v2(one_result, 1, &o, &fails, NULL, &err);
		o.brief = 1;
		o.lang = "nl";
		if (rc == MPR_OK)
			rc = mpr_render_results_v2(one_result, 1, &o, &brief, NULL, &err);
		free(brief);
		free(fails);
	}
	if (rc == MPR_OK) { /* the report of one proposal */
		char *page = NULL;
		const mpr_result *const one_result[] = {r};
		mpr_render_options nl = MPR_RENDER_OPTIONS_INIT;
		nl.lang = "nl";
		rc = mpr_render_report_v2(rules, one_result, 1, "2026-11-23", &nl, &page, NULL, &err);
		free(page);
	}
	if (rc == MPR_OK) { /* the proposal written back (mprisk serve's /v1/proposal) */
		char *pj = NULL, *py = NULL;
		rc = mpr_render_proposal_json(p, &pj, NULL, &err);
		if (rc == MPR_OK)
			rc = mpr_render_proposal_yaml(p, &py, NULL, &err);
		free(pj);
		free(py);
	}
	if (rc == MPR_OK)
		rc = mpr_render_record(r, "2026-11-23T00:00:00Z", &rec, NULL, &err);
	if (rc == MPR_OK) {
		char *report = NULL;
		size_t replayed, differ;
		rc = mpr_replay(rules, rec, strlen(rec), "log", &report, NULL, &replayed, &differ, &err);
		if (rc == MPR_OK && differ)
			fail_msg("replay of a fresh record differs");
		free(report);
	}
	if (rc == MPR_OK) { /* the sealed record, and the streaming replay under mpr_replay */
		free(rec);
		rec = NULL;
		rc = mpr_render_record_v2(r, "2026-11-23T00:00:00Z", NULL, &rec, NULL, &err);
	}
	if (rc == MPR_OK) {
		char *report = NULL;
		size_t replayed, differ;
		rc = mpr_replay(rules, rec, strlen(rec), "log", &report, NULL, &replayed, &differ, &err);
		if (rc == MPR_OK && (differ || replayed != 1))
			fail_msg("replay of a fresh sealed record differs");
		free(report);
	}
	free(text);
	free(json);
	free(rec);
	mpr_result_free(r);
	mpr_proposal_free(p);
	return rc;
}

/* Monitoring (§4.2.3): "PROPOSAL|OBSERVATIONS" read, the status as of a
 * date in its three formats, the experience the file makes (R9) and a
 * decision with it, recorded and replayed. */
static int stage_monitoring(const mpr_ruleset *rules, const char *pair)
{
	char proposal[512];
	const char *bar = strchr(pair, '|');
	snprintf(proposal, sizeof proposal, "%.*s", (int)(bar - pair), pair);
	mpr_proposal *p = NULL;
	mpr_observations *o = NULL;
	mpr_monitoring *m = NULL;
	mpr_experience *e = NULL, *back = NULL;
	mpr_result *r = NULL;
	mpr_error err;
	char *out = NULL, *rec = NULL;
	int rc = mpr_proposal_parse_file(&p, rules, proposal, NULL, &err);
	if (rc == MPR_OK)
		rc = mpr_observations_parse_file(&o, p, bar + 1, NULL, &err);
	if (rc != MPR_OK && o)
		fail_msg("observations failed but were returned");
	const mpr_observations *files[] = {o};
	if (rc == MPR_OK)
		rc = mpr_monitor(&m, rules, p, files, 1, "2028-01-15", &err);
	if (rc != MPR_OK && m)
		fail_msg("monitor failed but returned a status: consequences without their inputs");
	/* every format, in English and in Dutch */
	for (int f = MPR_FORMAT_TEXT; rc == MPR_OK && f < 2 * (MPR_FORMAT_HTML + 1); f++) {
		mpr_render_options ro = MPR_RENDER_OPTIONS_INIT;
		ro.format = (mpr_format)(f % (MPR_FORMAT_HTML + 1));
		ro.lang = f > MPR_FORMAT_HTML ? "nl" : NULL;
		if (ro.format == MPR_FORMAT_MARKDOWN)
			continue;
		rc = mpr_render_monitoring(m, &ro, &out, NULL, &err);
		free(out);
		out = NULL;
	}
	if (rc == MPR_OK)
		rc = mpr_experience_new(&e, rules, "2028-01-15", &err);
	if (rc == MPR_OK)
		rc = mpr_experience_add_file(e, bar + 1, NULL, &err);
	if (rc == MPR_OK) {
		size_t len;
		const char *text = mpr_experience_text(e, &len);
		rc = mpr_experience_parse(&back, rules, text, len, "experience", &err);
	}
	if (rc == MPR_OK)
		rc = mpr_evaluate_experience(&r, rules, p, e, &err);
	if (rc == MPR_OK)
		rc = mpr_render_record_v2(r, "2028-01-15T00:00:00Z", NULL, &rec, NULL, &err);
	if (rc == MPR_OK) {
		char *report = NULL;
		size_t replayed, differ;
		rc = mpr_replay(rules, rec, strlen(rec), "log", &report, NULL, &replayed, &differ, &err);
		if (rc == MPR_OK && differ)
			fail_msg("replay of a fresh record with experience differs");
		free(report);
	}
	free(rec);
	mpr_result_free(r);
	mpr_experience_free(back);
	mpr_experience_free(e);
	mpr_monitoring_free(m);
	mpr_observations_free(o);
	mpr_proposal_free(p);
	return rc;
}

static int stage_views(const mpr_ruleset *rules, const char *tests)
{
	char *out = NULL;
	mpr_error err;
	int rc = mpr_render_matrix(rules, MPR_FORMAT_TEXT, &out, NULL, &err);
	free(out);
	out = NULL;
	if (rc == MPR_OK) /* the JSON writer's growth, over a large document */
		rc = mpr_render_matrix(rules, MPR_FORMAT_JSON, &out, NULL, &err);
	free(out);
	out = NULL;
	if (rc == MPR_OK)
		rc = mpr_render_explain(rules, "TN", "forced-return", MPR_FORMAT_JSON, &out, NULL, &err);
	free(out);
	out = NULL;
	if (rc == MPR_OK)
		rc = mpr_render_summary(rules, &out, NULL, &err);
	free(out);
	out = NULL;
	if (rc == MPR_OK)
		rc = mpr_render_catalogue(rules, &out, NULL, &err);
	free(out);
	out = NULL;
	mpr_coverage *cov = NULL;
	if (rc == MPR_OK)
		rc = mpr_coverage_new(&cov, rules, &err);
	if (rc == MPR_OK) {
		size_t p, f;
		rc = mpr_test_file(rules, tests, NULL, cov, &out, NULL, &p, &f, &err);
		free(out);
		out = NULL;
	}
	if (rc == MPR_OK)
		rc = mpr_coverage_render_lcov(cov, &out, NULL, &err);
	free(out);
	out = NULL;
	if (rc == MPR_OK) {
		size_t w;
		rc = mpr_lint(rules, "2026-11-23", cov, &out, NULL, &w, &err);
	}
	free(out);
	mpr_coverage_free(cov);
	return rc;
}

/* test-only state: a changed ruleset and a signing key, made before the sweep */
static mpr_ruleset *changed;
static char *private_pem, *public_pem;

static int stage_diff(const mpr_ruleset *rules, const char *unused)
{
	(void)unused;
	char *out = NULL;
	size_t u;
	mpr_error err;
	int rc = mpr_diff(rules, rules, MPR_FORMAT_JSON, &out, NULL, &u, &err);
	free(out);
	out = NULL;
	/* with changed decisions and changed partnership findings, both ways */
	if (rc == MPR_OK)
		rc = mpr_diff(rules, changed, MPR_FORMAT_TEXT, &out, NULL, &u, &err);
	free(out);
	out = NULL;
	if (rc == MPR_OK)
		rc = mpr_diff(changed, rules, MPR_FORMAT_JSON, &out, NULL, &u, &err);
	free(out);
	return rc;
}

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

/* A sink that keeps nothing: the counts are what the sweep checks. */
static int drop(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	(void)text;
	(void)len;
	return 0;
}

/* Records: appended to a log, its head signed and checked, the log
 * replayed in pieces with the head; the ruleset signed. */
static int stage_records(const mpr_ruleset *rules, const char *path)
{
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	mpr_error err;
	char log[64], *head = NULL, *text = NULL, seal[72];
	snprintf(log, sizeof log, "/tmp/mprisk-alloc-%ld.log", (long)getpid());
	unlink(log);
	int rc = mpr_proposal_parse_file(&p, rules, path, NULL, &err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rules, p, &err);
	const mpr_result *two[2] = {r, r};
	if (rc == MPR_OK)
		rc = mpr_log_append(log, two, 2, "2026-11-23T00:00:00Z", &err);
	size_t hlen = 0, records = 0;
	if (rc == MPR_OK)
		rc = mpr_log_sign_head(log, private_pem, strlen(private_pem), "t", &head, &hlen,
		                       &records, &err);
	if (rc == MPR_OK)
		rc = mpr_log_head_check(head, hlen, "h", public_pem, strlen(public_pem), &records, seal,
		                        NULL, &err);
	FILE *f = rc == MPR_OK ? fopen(log, "rb") : NULL;
	char buf[1 << 16];
	size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
	if (f)
		fclose(f);
	mpr_replay_options o = MPR_REPLAY_OPTIONS_INIT;
	o.head_records = records;
	o.head_seal = seal;
	mpr_replay_sink sink = {NULL, drop, NULL};
	mpr_replay_state *rp = NULL;
	if (rc == MPR_OK)
		rc = mpr_replay_begin(&rp, rules, "log", &o, &sink, &err);
	for (size_t at = 0; rc == MPR_OK && at < n; at += 1000)
		rc = mpr_replay_feed(rp, buf + at, n - at < 1000 ? n - at : 1000, &err);
	if (rc == MPR_OK)
		rc = mpr_replay_finish(rp, &err);
	if (rc == MPR_OK && (mpr_replay_count(rp, MPR_REPLAY_REPLAYED) != 2 ||
	                     mpr_replay_count(rp, MPR_REPLAY_TAMPERED) ||
	                     !mpr_replay_count(rp, MPR_REPLAY_HEAD)))
		fail_msg("a fresh log does not replay whole");
	mpr_replay_free(rp);
	if (rc == MPR_OK)
		rc = mpr_ruleset_sign(rules, private_pem, strlen(private_pem), "t", &text, NULL, &err);
	free(text);
	free(head);
	mpr_result_free(r);
	mpr_proposal_free(p);
	unlink(log);
	return rc;
}

/* The JSON entry points and the JSON layer itself (UTF-16 conversion, yajl,
 * the tree), on text with escapes, surrogate pairs and nulls; a UTF-16
 * proposal. */
static int stage_json(const mpr_ruleset *rules, const char *unused)
{
	(void)unused;
	const char *proposal =
		"{\"partnership\": {\"id\": \"p\", \"title\": \"Caf\\u00e9 \\ud83d\\ude00\", "
		"\"country\": \"MA\", \"description\": null, \"monitoring\": {\"frequency_months\": 6.0}},\n"
		" \"activities\": [{\"id\": \"a\", \"measure\": \"trade-mission\", \"safeguards\": "
		"[\"reporting-obligations\"]}, {\"id\": \"b\", \"measure\": \"forced-return\"}]}";
	const char *line = "{\"id\": \"\\ud83d\\ude00\", \"country\": \"TN\", \"measure\": "
	                   "\"forced-return\", \"attributes\": null}\r\n";
	mpr_error err;
	char *out = NULL;
	int rc = mpr_evaluate_json(rules, proposal, strlen(proposal), "p.json", &out, NULL, &err);
	free(out);
	out = NULL;
	mpr_activity *a = NULL;
	if (rc == MPR_OK)
		rc = mpr_activity_new(&a, rules, &err);
	if (rc == MPR_OK)
		rc = mpr_decide_json(a, line, strlen(line), "<stdin>", 1, &out, NULL, &err);
	free(out);
	mpr_activity_free(a);
	/* UTF-16 with a byte order mark, and a document deep enough for yajl to
	 * grow its stack */
	static const unsigned char utf16[] = {0xFF, 0xFE, '[', 0,    '"', 0,   0x3D,
	                                      0xD8, 0x00, 0xDE, '"', 0, ']', 0};
	yt_doc doc;
	if (rc == MPR_OK) {
		rc = yt_parse(&doc, "u16.json", utf16, sizeof utf16, NULL, NULL, &err);
		yt_doc_free(&doc);
	}
	/* a UTF-16 proposal: converted before it is parsed, digested and kept */
	size_t plen = strlen(proposal);
	unsigned char *u16 = malloc(2 * plen + 2);
	if (!u16 && rc == MPR_OK)
		rc = MPR_ENOMEM;
	if (rc == MPR_OK) {
		u16[0] = 0xFF;
		u16[1] = 0xFE;
		for (size_t i = 0; i < plen; i++) { /* the text is ASCII: one unit per byte */
			u16[2 + 2 * i] = (unsigned char)proposal[i];
			u16[3 + 2 * i] = 0;
		}
		mpr_proposal *p = NULL;
		rc = mpr_proposal_parse_buffer(&p, rules, (const char *)u16, 2 * plen + 2, "u16.json",
		                               NULL, &err);
		mpr_proposal_free(p);
	}
	free(u16);
	char deep[600];
	size_t n = 0;
	for (int i = 0; i < 200; i++)
		deep[n++] = '[';
	for (int i = 0; i < 200; i++)
		deep[n++] = ']';
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_depth = 300;
	if (rc == MPR_OK) {
		rc = yt_parse(&doc, "deep.json", (const unsigned char *)deep, n, &o, NULL, &err);
		yt_doc_free(&doc);
	}
	return rc;
}

static void every_allocation_failure_is_clean(void **state)
{
	(void)state;
	unsigned long total = 0;
	unsigned long n = sweep("load rules/default", stage_load, NULL, RULES_DIR);
	printf("  load rules/default: %lu allocations, each failed once\n", n);
	total += n;
	mpr_ruleset *rules;
	mpr_error err;
	assert_int_equal(mpr_ruleset_load(&rules, RULES_DIR, NULL, &err), MPR_OK);
	DIR *d = opendir(MPR_SOURCE_DIR "/examples/proposals");
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strstr(e->d_name, ".yaml"))
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/examples/proposals/%s", MPR_SOURCE_DIR, e->d_name);
		n = sweep(e->d_name, stage_proposal, rules, path);
		printf("  %s (parse, evaluate, render, record, replay): %lu allocations\n", e->d_name, n);
		total += n;
	}
	closedir(d);
	n = sweep("python-json.json", stage_proposal, rules,
	          MPR_SOURCE_DIR "/test/golden/input/python-json.json");
	printf("  python-json.json (JSON: parse, evaluate, render, record, replay): %lu allocations\n",
	       n);
	total += n;
	keypair(&private_pem, &public_pem);
	n = sweep("records", stage_records, rules, MPR_SOURCE_DIR "/examples/proposals/tn-mou.yaml");
	free(private_pem);
	free(public_pem);
	printf("  records (log append, head signed and checked, streaming replay, ruleset signed): "
	       "%lu allocations\n",
	       n);
	total += n;
	n = sweep("json", stage_json, rules, NULL);
	printf("  mpr_evaluate_json, mpr_decide_json, UTF-16 and deep JSON: %lu allocations\n", n);
	total += n;
	n = sweep("views", stage_views, rules, MPR_SOURCE_DIR "/rules/tests/framework.yaml");
	printf("  matrix, explain, summary, rule tests, coverage, lint: %lu allocations\n", n);
	total += n;
	/* the other side of the diff: a cell and a partnership rule made lighter */
	char dir[64], cmd[512];
	snprintf(dir, sizeof dir, "/tmp/mprisk-alloc-rules-%ld", (long)getpid());
	snprintf(cmd, sizeof cmd,
	         "rm -rf %s && cp -r %s %s && sed -i '/id: M1-independent-local-access/,/severity/"
	         "s/severity: prohibited/severity: conditional/' %s/partnership.yaml && sed -i "
	         "'s/every_months: 12/every_months: 24/' %s/matrix.yaml",
	         dir, RULES_DIR, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(mpr_ruleset_load(&changed, dir, NULL, &err), MPR_OK);
	n = sweep("diff", stage_diff, rules, NULL);
	printf("  diff (with changed decisions and partnership findings): %lu allocations\n", n);
	mpr_ruleset_free(changed);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	total += n;
	static const char *const monitored[] = {
		"ma-action-plan.yaml|ma-follow-up-overdue.yaml", "ma-action-plan.yaml|ma-overdue-round.yaml",
		"table6/eu-tn-2023.yaml|tn-collective-expulsion.yaml",
		"eg-strategic-partnership.yaml|eg-structural.yaml"};
	for (size_t i = 0; i < sizeof monitored / sizeof *monitored; i++) {
		char pair[1024];
		const char *bar = strchr(monitored[i], '|');
		snprintf(pair, sizeof pair, "%s/examples/proposals/%.*s|%s/examples/monitoring/%s",
		         MPR_SOURCE_DIR, (int)(bar - monitored[i]), monitored[i], MPR_SOURCE_DIR, bar + 1);
		n = sweep(bar + 1, stage_monitoring, rules, pair);
		printf("  %s (observations, monitor, 3 formats, experience, record, replay): %lu "
		       "allocations\n",
		       bar + 1, n);
		total += n;
	}
	printf("  allocation sweep: %lu allocation failures injected, all clean\n", total);
	mpr_ruleset_free(rules);
}

/* Deciding with a reused activity allocates nothing (issue 7's target). */
static void deciding_allocates_nothing(void **state)
{
	(void)state;
	mpr_ruleset *rules;
	mpr_error err;
	assert_int_equal(mpr_ruleset_load(&rules, RULES_DIR, NULL, &err), MPR_OK);
	mpr_activity *a;
	assert_int_equal(mpr_activity_new(&a, rules, &err), MPR_OK);
	const char *attrs[] = {"dual-use-equipment", "recurring-violations"};
	const char *sgs[] = {"independent-monitoring", "reporting-obligations", "complaints-mechanism"};
	const char *countries[] = {"TN", "MA", "NL", "LY", "EG"};
	const char *measures[] = {"forced-return", "border-equipment-training", "trade-mission"};
	unsigned long before = calls;
	for (int i = 0; i < 3000; i++) {
		mpr_query q = {.country = countries[i % 5], .measure = measures[i % 3],
		               .attributes = attrs, .n_attributes = (size_t)(i % 3),
		               .safeguards = sgs, .n_safeguards = (size_t)(i % 4), .no_trace = i % 2};
		assert_int_equal(mpr_decide(a, &q, &err), MPR_OK);
	}
	assert_int_equal(calls - before, 0);
	mpr_activity_free(a);
	mpr_ruleset_free(rules);
}

/* Deciding with experience (R9) allocates nothing either: the entries and
 * their trace steps are built before. */
static void deciding_with_experience_allocates_nothing(void **state)
{
	(void)state;
	mpr_ruleset *rules;
	mpr_error err;
	assert_int_equal(mpr_ruleset_load(&rules, RULES_DIR, NULL, &err), MPR_OK);
	mpr_experience *e;
	assert_int_equal(mpr_experience_new(&e, rules, "2027-09-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(e, MPR_SOURCE_DIR "/examples/monitoring/eg-structural.yaml",
	                                         NULL, &err),
	                 MPR_OK);
	assert_true(e->n_entries > 0);
	mpr_step *trace = calloc(rules->max_trace + e->max_steps, sizeof *trace);
	assert_non_null(trace);
	unsigned long before = calls;
	for (size_t i = 0; i < e->n_entries * 1000; i++) {
		const mpr_experienced *x = &e->entries[i % e->n_entries];
		mpr_substance s = mpr_substance_of(x->country, x->measure, 0);
		s.experience = x;
		mpr_decision d = {.trace = i % 2 ? trace : NULL};
		mpr_decide_at(rules, &s, 0, &d);
		assert_true(d.n_trace <= rules->max_trace + e->max_steps);
	}
	assert_int_equal(calls - before, 0);
	free(trace);
	mpr_experience_free(e);
	mpr_ruleset_free(rules);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deciding_allocates_nothing),
		cmocka_unit_test(deciding_with_experience_allocates_nothing),
		cmocka_unit_test(every_allocation_failure_is_clean),
	};
	return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
