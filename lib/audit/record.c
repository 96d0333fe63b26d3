/*
 * record.c - a decision record written from its value (record.h): one line
 * of JSON in a fixed order of keys, sealed with the SHA-256 of everything
 * before the seal and chained to the record before it (its seal in
 * "prev"). docs/json-output.md, "Decision records", has the keys.
 *
 * The record is written from values (the summary of the decision, the
 * input, the ruleset), never by rendering the result's JSON and parsing
 * it back: replay reads exactly these keys and compares what they say.
 * mpr_render_record, the unsealed record of format 2, stays as it was for
 * callers of 0.1 (docs/api.md); replay reads its records as "legacy".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/record.h"
#include "decide/decide.h"
#include "render/render.h"
#include "util/error.h"
#include "util/json.h"
#include "util/sha256.h"

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define UINT(name, value) MPR_JW_UINT(w, name, value)
#define BOOL(name, value) MPR_JW_BOOL(w, name, value)

static void id_list(mpr_jw *w, const char *const *ids, size_t n)
{
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < n; i++)
		mpr_jw_string(w, ids[i]);
	mpr_jw_end(w);
}

static void write_activity(mpr_jw *w, const sum_activity *a)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("id", a->id);
	STR("country", a->country);
	STR("country_tier", a->country_tier);
	STR("measure", a->measure);
	STR("measure_tier", a->measure_tier);
	STR("beneficiary", a->beneficiary);
	STR("implementer", a->implementer);
	STR("verdict", a->verdict);
	BOOL("passes", a->passes);
	KEY("monitoring");
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("level", a->level);
	KEY("frequency_months");
	mpr_jw_int(w, a->months);
	mpr_jw_end(w);
	STR("suspension", a->suspension);
	KEY("required_safeguards");
	id_list(w, a->required, a->n_required);
	KEY("missing_safeguards");
	id_list(w, a->missing, a->n_missing);
	mpr_jw_end(w);
}

static void write_decision(mpr_jw *w, const decision_sum *s)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("partnership", s->partnership);
	STR("verdict", s->verdict);
	BOOL("passes", s->passes);
	KEY("activities");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < s->n_activities; i++)
		write_activity(w, &s->activities[i]);
	mpr_jw_end(w);
	KEY("findings");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < s->n_findings; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("rule", s->findings[i].rule);
		STR("severity", s->findings[i].severity);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	KEY("lifted");
	id_list(w, s->lifted, s->n_lifted);
	KEY("monitoring_plan");
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("frequency_months");
	mpr_jw_int(w, s->plan_months);
	STR("level", s->plan_level);
	STR("suspension", s->plan_suspension);
	BOOL("independent_local_access_required", s->plan_local);
	mpr_jw_end(w);
	mpr_jw_end(w);
}

/* An input as a JSON object: its file name (and the exact bytes of one that
 * is not UTF-8, as results have them), digest, encoding and text. */
static void write_input(mpr_jw *w, const rec_input *in)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("file", in->file);
	mpr_json_file_bytes(w, in->file);
	STR("sha256", in->sha256);
	STR("encoding", in->encoding);
	KEY("text");
	mpr_jw_string_len(w, in->text, in->len);
	mpr_jw_end(w);
}

void record_write(mpr_buf *b, const record *rec, char seal[72])
{
	size_t start = b->len;
	mpr_jw writer, *w = &writer;
	mpr_jw_init(w, b, false); /* one line */
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("format_version");
	mpr_jw_int(w, RECORD_FORMAT);
	STR("record", "mprisk decision");
	STR("time", rec->time);
	STR("prev", rec->prev);
	mpr_json_engine(w);
	KEY("ruleset");
	mpr_jw_object(w, MPR_JW_INLINE);
	mpr_json_ruleset_members(w, rec->rules);
	mpr_jw_end(w);
	KEY("input");
	write_input(w, &rec->input);
	KEY("experience");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < rec->n_experience; i++)
		write_input(w, &rec->experience[i]);
	mpr_jw_end(w);
	KEY("decision");
	write_decision(w, rec->decision);
	/* the seal: the digest of every byte of the record before it; the
	 * object stays open, its last member written by hand */
	seal[0] = '\0';
	if (!b->failed &&
	    mpr_sha256_hex(rec->rules->sha256, b->data + start, b->len - start, seal) != MPR_OK)
		mpr_buf_fail(b);
	mpr_buf_printf(b, SEAL_PREFIX "%s\"}\n", seal);
}

bool record_seal_of(const char *line, size_t len, char seal[72])
{
	if (len < SEAL_TAIL + 1)
		return false;
	const char *t = line + len - SEAL_TAIL;
	if (memcmp(t, SEAL_PREFIX "sha256:", sizeof SEAL_PREFIX - 1 + 7) != 0 ||
	    memcmp(line + len - 2, "\"}", 2) != 0)
		return false;
	const char *hex = t + sizeof SEAL_PREFIX - 1 + 7;
	for (size_t i = 0; i < 64; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
			return false;
	memcpy(seal, t + sizeof SEAL_PREFIX - 1, 71);
	seal[71] = '\0';
	return true;
}

bool record_seal_holds(const char *line, size_t len, const char seal[72])
{
	char digest[72];
	return len >= SEAL_TAIL && mpr_sha256_hex(NULL, line, len - SEAL_TAIL, digest) == MPR_OK &&
	       strcmp(digest, seal) == 0;
}

int record_of_result(mpr_buf *b, const mpr_result *r, const char *time, const char *prev,
                     char seal[72], mpr_error *err)
{
	mpr_plan plan;
	decision_sum sum;
	const mpr_proposal *p = r->proposal;
	/* the text as decided: UTF-8 (a UTF-16 input is the UTF-8 it was
	 * decoded to, input/proposal.c), with the digest of that text */
	record rec = {time, prev, r->rules, {p->name, p->sha256, "utf-8", p->text, p->text_len},
	              NULL, 0, &sum};
	/* R9: the experience the decisions used, as one input: its canonical
	 * text (decide/experience.c), which replay decides with again */
	const mpr_experience *x = r->experience;
	char name[40] = "";
	rec_input exp = {name, x ? x->sha256 : NULL, "utf-8", x ? x->text : NULL, x ? x->text_len : 0};
	if (x) {
		snprintf(name, sizeof name, "<experience as of %s>", x->as_of_text);
		rec.experience = &exp;
		rec.n_experience = 1;
	}
	memset(&sum, 0, sizeof sum);
	int rc = mpr_plan_init(&plan, r, err);
	if (rc)
		return rc;
	rc = sum_of_result(&sum, r, &plan);
	if (rc == MPR_OK) {
		record_write(b, &rec, seal);
		rc = b->failed ? MPR_ENOMEM : MPR_OK;
	}
	sum_free(&sum);
	mpr_plan_free(&plan);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

int mpr_render_record_v2(const mpr_result *r, const char *time, const char *prev, char **out,
                         size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!r || !time || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_record_v2: invalid arguments");
	*out = NULL;
	char seal[72];
	mpr_buf b = {0};
	int rc = record_of_result(&b, r, time, prev, seal, err);
	if (rc == MPR_OK && (rc = mpr_buf_finish(&b, out, len)) != MPR_OK)
		return mpr_fail(err, rc, "", 0, 0, "out of memory");
	if (rc)
		free(b.data);
	return rc;
}

/* The unsealed record of format 2 (docs/api.md), as 0.1 wrote it but for
 * its whitespace: written on one line in the same pass as the result, not
 * rendered pretty and squashed. */
int mpr_render_record(const mpr_result *r, const char *time, char **out, size_t *len,
                      mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!r || !time || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_record: invalid arguments");
	*out = NULL;
	if (r->experience) /* format 2 cannot hold it: replay would decide without it */
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "mpr_render_record: a decision made with experience (R9) is recorded "
		                "with it only by a sealed record (mpr_render_record_v2, mpr_log_append)");
	mpr_buf b = {0};
	mpr_jw writer, *w = &writer;
	mpr_jw_init(w, &b, false);
	mpr_jw_object(w, MPR_JW_INLINE);
	UINT("format_version", MPR_JSON_FORMAT_VERSION);
	STR("time", time);
	KEY("input_text");
	mpr_jw_string_len(w, r->proposal->text, r->proposal->text_len);
	KEY("result");
	int rc = mpr_render_result_json(w, r, err);
	mpr_jw_end(w);
	mpr_buf_append(&b, "\n", 1);
	if (rc) {
		free(b.data);
		return rc;
	}
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
