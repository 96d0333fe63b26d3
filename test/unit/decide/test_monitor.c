/* test_monitor.c - the monitoring status (decide/monitor.c) and experience
 * (decide/experience.c) through the public API: arguments refused, the
 * consequences listed with their due dates, a ruleset without monitoring
 * rules refused, and experience read back from its own text (R9). The
 * consequences themselves are pinned by rules/tests/monitoring.yaml. */
#include <uchar.h>

#include "helpers.h"
#include "load/load.h"
#include "util/sha256.h"

static const char ma[] = MPR_SOURCE_DIR "/examples/proposals/ma-action-plan.yaml";
static const char followup[] = MPR_SOURCE_DIR "/examples/monitoring/ma-follow-up-overdue.yaml";

static void status_and_consequences(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_observations *o;
	mpr_monitoring *m;
	mpr_error err;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	assert_int_equal(mpr_observations_parse_file(&o, p, followup, NULL, &err), MPR_OK);
	assert_non_null(mpr_observations_sha256(o));
	const mpr_observations *files[] = {o};
	assert_int_equal(mpr_monitor(&m, rules, p, files, 1, "2028-01-15", &err), MPR_OK);
	assert_string_equal(mpr_monitoring_status(m), "action-required");
	assert_int_equal(mpr_monitoring_consequence_count(m), 3);
	const char *source, *action, *due, *activity;
	/* activities' first, in proposal order: asylum-strategy, then border-training */
	assert_string_equal(mpr_monitoring_consequence(m, 0, &source, &action, &due, &activity),
	                    "M5-follow-up-missing");
	assert_string_equal(action, "follow-up");
	assert_string_equal(due, "2028-01-11");
	assert_string_equal(activity, "asylum-strategy");
	assert_string_equal(mpr_monitoring_consequence(m, 2, NULL, &action, &due, &activity),
	                    "Rec1-agreement-behind-schedule");
	assert_null(activity);
	assert_string_equal(due, "2027-12-31");
	assert_null(mpr_monitoring_consequence(m, 3, NULL, NULL, NULL, NULL));
	/* the same rounds as of an earlier date: the follow-up was not due yet */
	mpr_monitoring *earlier;
	assert_int_equal(mpr_monitor(&earlier, rules, p, files, 1, "2027-10-01", &err), MPR_OK);
	assert_string_equal(mpr_monitoring_status(earlier), "on-track");
	mpr_monitoring_free(earlier);
	mpr_monitoring_free(m);
	mpr_observations_free(o);
	mpr_proposal_free(p);
}

static void arguments_refused(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p, *other;
	mpr_observations *o = (mpr_observations *)&o;
	mpr_monitoring *m = NULL;
	mpr_error err;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	assert_int_equal(mpr_proposal_parse_file(&other, rules, ma, NULL, &err), MPR_OK);
	assert_int_equal(mpr_observations_parse_buffer(&o, NULL, "x", 1, "x", NULL, &err), MPR_EINVAL);
	assert_int_equal(mpr_observations_parse_file(&o, p, "/nonexistent.yaml", NULL, &err), MPR_EIO);
	assert_null(o);
	assert_int_equal(mpr_observations_parse_file(&o, p, followup, NULL, &err), MPR_OK);
	const mpr_observations *files[] = {o};
	/* observations read against another proposal (even an equal one) */
	assert_int_equal(mpr_monitor(&m, rules, other, files, 1, "2028-01-15", &err), MPR_EINVAL);
	assert_int_equal(mpr_monitor(&m, rules, p, files, 1, "2028-1-15", &err), MPR_EINVAL);
	assert_int_equal(mpr_monitor(&m, rules, p, files, 0, "2028-01-15", &err), MPR_EINVAL);
	assert_int_equal(mpr_monitor(&m, rules, p, NULL, 1, "2028-01-15", &err), MPR_EINVAL);
	assert_null(m);
	char *out = (char *)&out;
	assert_int_equal(mpr_render_monitoring(NULL, NULL, &out, NULL, &err), MPR_EINVAL);
	assert_null(mpr_monitoring_status(NULL));
	assert_int_equal(mpr_monitoring_consequence_count(NULL), 0);
	mpr_observations_free(o);
	mpr_proposal_free(other);
	mpr_proposal_free(p);
}

/* A monitoring file written as UTF-16 (what Windows PowerShell writes) is
 * read as the UTF-8 text it stands for, and digested as that text, the one
 * way a proposal is (input/document.c); a broken one is an error at its
 * place, never observations. */
static void utf16_observations(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_observations *o;
	mpr_error err;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
#define U16_ROUNDS "partnership: nl-ma-2027\nstart: 2027-01-01\nrounds:\n" \
	"  - {date: 2027-02-10, body: {name: \"Caf\u00e9\", independent: true," \
	" local_access: true}, activities: [avrr], observations: []}\n"
	const char *text = U16_ROUNDS;
	const char16_t *units = u"" U16_ROUNDS;
	unsigned char buf[1024];
	size_t n = 0;
	buf[n++] = 0xFF;
	buf[n++] = 0xFE;
	for (const char16_t *c = units; *c; c++) {
		buf[n++] = (unsigned char)(*c & 0xFF);
		buf[n++] = (unsigned char)(*c >> 8);
	}
#undef U16_ROUNDS
	assert_int_equal(mpr_observations_parse_buffer(&o, p, (const char *)buf, n, "u16.yaml", NULL,
	                                               &err),
	                 MPR_OK);
	char utf8[72];
	assert_int_equal(mpr_sha256_hex(NULL, text, strlen(text), utf8), MPR_OK);
	assert_string_equal(mpr_observations_sha256(o), utf8);
	assert_string_equal(o->rounds[0].body.name, "Caf\u00e9");
	mpr_observations_free(o);
	/* an odd last byte: the text is not UTF-16, and nothing is read */
	o = (mpr_observations *)&o;
	assert_int_equal(mpr_observations_parse_buffer(&o, p, (const char *)buf, n - 1, "u16.yaml",
	                                               NULL, &err),
	                 MPR_ESYNTAX);
	assert_null(o);
	assert_string_equal(err.file, "u16.yaml");
	mpr_proposal_free(p);
}

/* One observation given twice (the same file twice) is one finding, not
 * two: the experience refuses it at its id's place, as monitor does, and
 * keeps what it had. */
static void experience_refuses_an_observation_twice(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_observations *o;
	mpr_experience *e;
	mpr_error err;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	assert_int_equal(mpr_observations_parse_file(&o, p, followup, NULL, &err), MPR_OK);
	assert_int_equal(mpr_experience_new(&e, rules, "2028-06-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add(e, o, &err), MPR_OK);
	size_t n = e->n_obs;
	char *text = strdup(mpr_experience_text(e, NULL));
	assert_non_null(text);
	assert_true(n > 0);
	assert_int_equal(mpr_experience_add(e, o, &err), MPR_EREF);
	assert_non_null(strstr(err.message, "duplicate observation id"));
	assert_string_equal(err.file, followup);
	assert_true(err.line > 0);
	assert_int_equal(e->n_obs, n);
	assert_string_equal(mpr_experience_text(e, NULL), text);
	free(text);
	mpr_experience_free(e);
	mpr_observations_free(o);
	mpr_proposal_free(p);
}

/* evaluate --experience reads a monitoring file as monitor does
 * (input/document.c): a UTF-16 copy gives the same experience, and a broken
 * one the same error as mpr_observations_parse_file. */
static void experience_file_in_utf16(void **state)
{
	const mpr_ruleset *rules = *state;
	char dir[] = "/tmp/mprisk-exp-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128], cmd[512];
	snprintf(path, sizeof path, "%s/obs16.yaml", dir);
	/* the file as UTF-16LE with its mark, its proposal named absolutely */
	snprintf(cmd, sizeof cmd,
	         "sed 's#^proposal: .*#proposal: %s/examples/proposals/ma-action-plan.yaml#' %s | "
	         "iconv -f UTF-8 -t UTF-16 > %s",
	         MPR_SOURCE_DIR, followup, path);
	assert_int_equal(system(cmd), 0);
	mpr_experience *e, *e8;
	mpr_error err;
	assert_int_equal(mpr_experience_new(&e, rules, "2028-06-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(e, path, NULL, &err), MPR_OK);
	assert_int_equal(mpr_experience_new(&e8, rules, "2028-06-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(e8, followup, NULL, &err), MPR_OK);
	assert_string_equal(mpr_experience_text(e, NULL), mpr_experience_text(e8, NULL));
	mpr_experience_free(e8);
	mpr_experience_free(e);
	/* half a surrogate pair in a comment: the error, at its place, of the
	 * one reader of monitoring files, not libyaml's own */
	snprintf(cmd, sizeof cmd, "printf '#\\000 \\000\\000\\330\\n\\000' >> %s", path);
	assert_int_equal(system(cmd), 0);
	mpr_proposal *p;
	mpr_observations *o = NULL;
	mpr_error want;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	assert_int_equal(mpr_observations_parse_file(&o, p, path, NULL, &want), MPR_ESYNTAX);
	assert_non_null(strstr(want.message, "UTF-16"));
	assert_int_equal(mpr_experience_new(&e, rules, "2028-06-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(e, path, NULL, &err), MPR_ESYNTAX);
	assert_string_equal(err.message, want.message);
	assert_int_equal(err.line, want.line);
	assert_int_equal(err.column, want.column);
	mpr_experience_free(e);
	mpr_proposal_free(p);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* The default rules without monitoring.yaml load, and monitoring is refused
 * with the reason, as experience is. */
static void rules_without_monitoring(void **state)
{
	(void)state;
	mpr_rule_file *files;
	size_t n;
	mpr_error err;
	assert_int_equal(mpr_rule_files_read(RULES_DIR, NULL, &files, &n, &err), MPR_OK);
	mpr_rule_file kept[32];
	size_t k = 0;
	/* without monitoring.yaml, and without the translation, which names its
	 * texts (a translation of a text the rules lack fails the load) */
	for (size_t i = 0; i < n && k < 32; i++)
		if (!strstr(files[i].name, "monitoring.yaml") && !strstr(files[i].name, "nl.yaml"))
			kept[k++] = files[i];
	mpr_ruleset *rules;
	assert_int_equal(mpr_ruleset_load_files(&rules, kept, k, NULL, &err), MPR_OK);
	mpr_proposal *p;
	mpr_observations *o = NULL;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	/* no violation kinds: the kinds an observation names are unknown */
	assert_int_equal(mpr_observations_parse_file(&o, p, followup, NULL, &err), MPR_EREF);
	assert_non_null(strstr(err.message, "unknown violation kind"));
	mpr_experience *e = NULL;
	assert_int_equal(mpr_experience_new(&e, rules, "2028-01-15", &err), MPR_EINVAL);
	assert_non_null(strstr(err.message, "monitoring_parameters"));
	mpr_proposal_free(p);
	mpr_ruleset_free(rules);
	mpr_rule_files_free(files, n);
}

static void experience_reads_back(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_experience *e, *back;
	mpr_error err;
	assert_int_equal(mpr_experience_new(&e, rules, "2027-09-30", &err), MPR_OK);
	size_t len;
	assert_string_equal(mpr_experience_text(e, &len), "{\"as_of\": \"2027-09-30\", \"observations\": []}");
	assert_int_equal(mpr_experience_add_file(e, MPR_SOURCE_DIR "/examples/monitoring/eg-structural.yaml",
	                                         NULL, &err),
	                 MPR_OK);
	const char *text = mpr_experience_text(e, &len);
	assert_int_equal(mpr_experience_parse(&back, rules, text, len, "x", &err), MPR_OK);
	assert_string_equal(mpr_experience_sha256(back), mpr_experience_sha256(e));
	mpr_experience_free(back);
	/* a file without 'proposal' cannot be experience; an unknown kind in a
	 * recorded experience is an error at its place */
	assert_int_equal(mpr_experience_add_file(e, MPR_SOURCE_DIR "/test/bad/observations/alias.yaml",
	                                         NULL, &err),
	                 MPR_ESCHEMA);
	static const char bad[] = "{\"as_of\":\"2027-09-30\",\"observations\":[{\"country\":\"EG\","
	                          "\"measure\":\"reception-in-region\",\"partnership\":\"p\",\"activity\":"
	                          "\"a\",\"id\":\"o\",\"kind\":\"desert-dump\",\"severity\":\"grave\","
	                          "\"date\":\"2027-01-01\"}]}";
	back = (mpr_experience *)&back;
	assert_int_equal(mpr_experience_parse(&back, rules, bad, sizeof bad - 1, "x", &err), MPR_EREF);
	assert_null(back);
	assert_int_equal(err.line, 1);
	/* an observation after the date is not experience as of it */
	static const char later[] = "{\"as_of\":\"2026-09-30\",\"observations\":[{\"country\":\"EG\","
	                            "\"measure\":\"reception-in-region\",\"partnership\":\"p\","
	                            "\"activity\":\"a\",\"id\":\"o\",\"kind\":\"violence\",\"severity\":"
	                            "\"grave\",\"date\":\"2027-01-01\"}]}";
	assert_int_equal(mpr_experience_parse(&back, rules, later, sizeof later - 1, "x", &err),
	                 MPR_ESCHEMA);
	/* evaluating with experience of other rules is refused */
	mpr_experience_free(e);
}

/* However many rounds found the same, a trace cites as many observations
 * of each kind as the rule needs (the latest), and counts the others. */
static void experience_cites_what_the_rule_needs(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_observations *o;
	mpr_experience *e;
	mpr_error err;
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	char text[4096];
	int n = snprintf(text, sizeof text, "partnership: nl-ma-2027\nstart: 2027-01-01\nrounds:\n");
	for (int i = 0; i < 5; i++)
		n += snprintf(text + n, sizeof text - (size_t)n,
		              "  - {date: 2027-0%d-10, body: {name: U, independent: true, local_access: true},"
		              " activities: [avrr], observations: [{id: o%d, activity: avrr, kind: violence,"
		              " severity: recurring, evidence: e}]}\n",
		              i + 2, i);
	assert_int_equal(mpr_observations_parse_buffer(&o, p, text, (size_t)n, "five", NULL, &err), MPR_OK);
	assert_int_equal(mpr_experience_new(&e, rules, "2027-12-31", &err), MPR_OK);
	assert_int_equal(mpr_experience_add(e, o, &err), MPR_OK);
	assert_int_equal(e->n_entries, 1);
	assert_int_equal(e->entries[0].n_ids, 2); /* observations: 2 in the default rules */
	assert_string_equal(e->entries[0].ids[0], "o3");
	assert_string_equal(e->entries[0].ids[1], "o4");
	assert_int_equal(e->entries[0].n_steps, 3);
	assert_non_null(strstr(e->entries[0].steps[2].effect, "and 3 more observations"));
	mpr_experience_free(e);
	mpr_observations_free(o);
	mpr_proposal_free(p);
}

/* A decision with experience is recorded with it only by a sealed record,
 * which replays the same; the experience's text does not depend on the
 * order its files were given in. */
static void experience_is_recorded_sealed(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_experience *e, *swapped;
	mpr_result *r;
	mpr_error err;
	const char *first = MPR_SOURCE_DIR "/examples/monitoring/ma-overdue-round.yaml";
	const char *second = MPR_SOURCE_DIR "/examples/monitoring/ma-follow-up-overdue.yaml";
	assert_int_equal(mpr_experience_new(&e, rules, "2028-06-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(e, first, NULL, &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(e, second, NULL, &err), MPR_OK);
	assert_int_equal(mpr_experience_new(&swapped, rules, "2028-06-30", &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(swapped, second, NULL, &err), MPR_OK);
	assert_int_equal(mpr_experience_add_file(swapped, first, NULL, &err), MPR_OK);
	assert_string_equal(mpr_experience_text(swapped, NULL), mpr_experience_text(e, NULL));
	mpr_experience_free(swapped);
	assert_int_equal(mpr_proposal_parse_file(&p, rules, ma, NULL, &err), MPR_OK);
	assert_int_equal(mpr_evaluate_experience(&r, rules, p, e, &err), MPR_OK);
	char *rec = NULL, *report = NULL;
	assert_int_equal(mpr_render_record(r, "2028-06-30T00:00:00Z", &rec, NULL, &err), MPR_EINVAL);
	assert_null(rec);
	assert_non_null(strstr(err.message, "mpr_render_record_v2"));
	assert_int_equal(mpr_render_record_v2(r, "2028-06-30T00:00:00Z", NULL, &rec, NULL, &err),
	                 MPR_OK);
	assert_non_null(strstr(rec, "\"experience\": [{\"file\": \"<experience as of 2028-06-30>\", "
	                            "\"sha256\": \""));
	assert_non_null(strstr(rec, mpr_experience_sha256(e)));
	size_t replayed, differ;
	assert_int_equal(mpr_replay(rules, rec, strlen(rec), "log", &report, NULL, &replayed, &differ,
	                            &err),
	                 MPR_OK);
	assert_int_equal(replayed, 1);
	assert_int_equal(differ, 0);
	free(report);
	free(rec);
	mpr_result_free(r);
	mpr_proposal_free(p);
	mpr_experience_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_and_consequences),
		cmocka_unit_test(arguments_refused),
		cmocka_unit_test(utf16_observations),
		cmocka_unit_test(experience_refuses_an_observation_twice),
		cmocka_unit_test(experience_file_in_utf16),
		cmocka_unit_test(rules_without_monitoring),
		cmocka_unit_test(experience_reads_back),
		cmocka_unit_test(experience_cites_what_the_rule_needs),
		cmocka_unit_test(experience_is_recorded_sealed),
	};
	return cmocka_run_group_tests_name("monitor", tests, load_default, free_default);
}
