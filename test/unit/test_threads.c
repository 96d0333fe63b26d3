/*
 * test_threads.c - one ruleset shared by several threads.
 *
 * The reference decisions are rendered single-threaded first; then threads
 * evaluate the example proposals in different orders on the one shared
 * ruleset, and render the matrix and explanations, and every output must be
 * byte for byte the reference. Threads also append decision records to one
 * log at once, as the service's do: the log must hold every record, in one
 * unbroken chain. Then two threads write one result at the same time, one in
 * English and one in Dutch: the language is an argument of each call, never
 * the process's, so each must get its own text every time. Built with
 * -fsanitize=thread by make check, so a data race is a failure even when the
 * outputs happen to agree.
 */
#include <dirent.h>
#include <pthread.h>
#include <unistd.h>

#include "helpers.h"

#define THREADS 4
#define ROUNDS 20
#define MAX_PROPOSALS 32

static const mpr_ruleset *shared;
static mpr_proposal *proposals[MAX_PROPOSALS];
static char *reference[MAX_PROPOSALS];
static char *reference_matrix;
static size_t n_proposals;

static char *render(const mpr_proposal *p)
{
	mpr_result *r = NULL;
	char *out = NULL;
	mpr_error err;
	if (mpr_evaluate(&r, shared, p, &err) == MPR_OK)
		mpr_render_result(r, MPR_FORMAT_JSON, &out, NULL, &err);
	mpr_result_free(r);
	return out;
}

static void *worker(void *arg)
{
	size_t id = (size_t)arg, mismatches = 0;
	for (size_t round = 0; round < ROUNDS; round++) {
		for (size_t k = 0; k < n_proposals; k++) {
			size_t i = (k * (id + 1) + round) % n_proposals; /* a different order per thread */
			char *out = render(proposals[i]);
			mismatches += !out || strcmp(out, reference[i]) != 0;
			free(out);
		}
		if (round % 5 == id % 5) {
			char *m = NULL;
			mpr_error err;
			mpr_render_matrix(shared, MPR_FORMAT_TEXT, &m, NULL, &err);
			mismatches += !m || strcmp(m, reference_matrix) != 0;
			free(m);
		}
	}
	return (void *)mismatches;
}

static void threads_agree_with_one_thread(void **state)
{
	shared = *state;
	DIR *d = opendir(MPR_SOURCE_DIR "/examples/proposals");
	assert_non_null(d);
	struct dirent *e;
	mpr_error err;
	while ((e = readdir(d)) != NULL && n_proposals < MAX_PROPOSALS) {
		if (!strstr(e->d_name, ".yaml"))
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/examples/proposals/%s", MPR_SOURCE_DIR, e->d_name);
		assert_int_equal(mpr_proposal_parse_file(&proposals[n_proposals], shared, path, NULL, &err),
		                 MPR_OK);
		reference[n_proposals] = render(proposals[n_proposals]);
		assert_non_null(reference[n_proposals]);
		n_proposals++;
	}
	closedir(d);
	assert_true(n_proposals >= 6);
	assert_int_equal(mpr_render_matrix(shared, MPR_FORMAT_TEXT, &reference_matrix, NULL, &err),
	                 MPR_OK);

	pthread_t t[THREADS];
	for (size_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)i), 0);
	size_t mismatches = 0;
	for (size_t i = 0; i < THREADS; i++) {
		void *ret;
		assert_int_equal(pthread_join(t[i], &ret), 0);
		mismatches += (size_t)ret;
	}
	assert_int_equal(mismatches, 0);
	for (size_t i = 0; i < n_proposals; i++) {
		free(reference[i]);
		mpr_proposal_free(proposals[i]);
	}
	free(reference_matrix);
}

static char log_path[64];

static int count_report(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	(void)text;
	(void)len;
	return 0;
}

static void *appender(void *arg)
{
	size_t failures = 0;
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	mpr_error err;
	const char *yaml = "partnership: {id: t, country: MA}\nactivities:\n"
	                   "  - {id: a, measure: trade-mission}\n";
	if (mpr_proposal_parse_buffer(&p, shared, yaml, strlen(yaml), "t", NULL, &err) != MPR_OK ||
	    mpr_evaluate(&r, shared, p, &err) != MPR_OK)
		failures++;
	for (size_t i = 0; r && i < ROUNDS; i++)
		failures += mpr_log_append(log_path, (const mpr_result *const *)&r, 1, (const char *)arg,
		                           &err) != MPR_OK;
	mpr_result_free(r);
	mpr_proposal_free(p);
	return (void *)failures;
}

static void threads_keep_one_chain(void **state)
{
	shared = *state;
	snprintf(log_path, sizeof log_path, "/tmp/mprisk-threads-%ld.log", (long)getpid());
	unlink(log_path);
	pthread_t t[THREADS];
	static char times[THREADS][4] = {"t0", "t1", "t2", "t3"};
	for (size_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, appender, times[i]), 0);
	size_t failures = 0;
	for (size_t i = 0; i < THREADS; i++) {
		void *ret;
		assert_int_equal(pthread_join(t[i], &ret), 0);
		failures += (size_t)ret;
	}
	assert_int_equal(failures, 0);
	FILE *f = fopen(log_path, "rb");
	assert_non_null(f);
	mpr_replay_sink sink = {NULL, count_report, NULL};
	mpr_replay_state *rp;
	mpr_error err;
	assert_int_equal(mpr_replay_begin(&rp, shared, log_path, NULL, &sink, &err), MPR_OK);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		assert_int_equal(mpr_replay_feed(rp, buf, n, &err), MPR_OK);
	fclose(f);
	assert_int_equal(mpr_replay_finish(rp, &err), MPR_OK);
	assert_int_equal(mpr_replay_count(rp, MPR_REPLAY_SEALED), THREADS * ROUNDS);
	assert_int_equal(mpr_replay_count(rp, MPR_REPLAY_TAMPERED), 0);
	assert_int_equal(mpr_replay_count(rp, MPR_REPLAY_UNREADABLE), 0);
	mpr_replay_free(rp);
	unlink(log_path);
}

/* One result, written in one language: its text (every trace), its short
 * answer, its report and its JSON, in one buffer. */
static const mpr_result *shared_result;
static char *reference_lang[2];
static const char *const langs[2] = {"en", "nl"};

static char *render_in(const char *lang)
{
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.lang = lang;
	o.explain = MPR_EXPLAIN_FULL;
	char *text = NULL, *brief = NULL, *page = NULL, *all = NULL;
	mpr_error err;
	const mpr_result *result_list[] = {shared_result};
	int rc = mpr_render_results_v2(result_list, 1, &o, &text, NULL, &err);
	o.explain = MPR_EXPLAIN_FAILS;
	o.brief = 1;
	if (rc == MPR_OK)
		rc = mpr_render_results_v2(result_list, 1, &o, &brief, NULL, &err);
	if (rc == MPR_OK)
		rc = mpr_render_report_v2(shared, result_list, 1, "2026-11-30", &o, &page, NULL, &err);
	o.brief = 0;
	o.format = MPR_FORMAT_JSON;
	char *json = NULL;
	if (rc == MPR_OK)
		rc = mpr_render_results_v2(result_list, 1, &o, &json, NULL, &err);
	if (rc == MPR_OK &&
	    (all = malloc(strlen(text) + strlen(brief) + strlen(page) + strlen(json) + 1)) != NULL)
		strcat(strcat(strcat(strcpy(all, text), brief), page), json);
	free(text);
	free(brief);
	free(page);
	free(json);
	return all;
}

static void *speaker(void *arg)
{
	size_t which = (size_t)arg, mismatches = 0;
	for (size_t round = 0; round < ROUNDS; round++) {
		char *out = render_in(langs[which]);
		mismatches += !out || strcmp(out, reference_lang[which]) != 0;
		free(out);
	}
	return (void *)mismatches;
}

static void two_languages_at_once(void **state)
{
	shared = *state;
	mpr_proposal *p;
	mpr_result *r = NULL;
	mpr_error err;
	assert_int_equal(mpr_proposal_parse_file(&p, shared, MPR_SOURCE_DIR "/examples/proposals/tn-mou.yaml",
	                                         NULL, &err),
	                 MPR_OK);
	assert_int_equal(mpr_evaluate(&r, shared, p, &err), MPR_OK);
	shared_result = r;
	for (size_t i = 0; i < 2; i++)
		assert_non_null(reference_lang[i] = render_in(langs[i]));
	/* two different texts, each in its language */
	assert_non_null(strstr(reference_lang[0], "prohibited, does not pass"));
	assert_non_null(strstr(reference_lang[1], "verboden, voldoet niet"));
	assert_null(strstr(reference_lang[1], "does not pass"));
	assert_non_null(strstr(reference_lang[1], "<html lang=\"nl\">"));
	assert_non_null(strstr(reference_lang[1], "\"message\": \"de overeenkomst verbindt geen"));
	assert_non_null(strstr(reference_lang[0], "\"message\": \"the agreement has no binding"));
	pthread_t t[2 * 2];
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, speaker, (void *)(i % 2)), 0);
	size_t mismatches = 0;
	for (size_t i = 0; i < 4; i++) {
		void *ret;
		assert_int_equal(pthread_join(t[i], &ret), 0);
		mismatches += (size_t)ret;
	}
	assert_int_equal(mismatches, 0);
	for (size_t i = 0; i < 2; i++)
		free(reference_lang[i]);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(threads_agree_with_one_thread),
		cmocka_unit_test(threads_keep_one_chain),
		cmocka_unit_test(two_languages_at_once),
	};
	return cmocka_run_group_tests_name("threads", tests, load_default, free_default);
}
