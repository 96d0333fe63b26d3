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
#include "util/sha256.h"

static void key_str(mpr_buf *b, const char *key, const char *value)
{
	mpr_buf_printf(b, "\"%s\": ", key);
	if (value)
		mpr_buf_json_string(b, value);
	else
		mpr_buf_puts(b, "null");
}

static void id_list(mpr_buf *b, const char *key, const char *const *ids, size_t n)
{
	mpr_buf_printf(b, ", \"%s\": [", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			mpr_buf_puts(b, ", ");
		mpr_buf_json_string(b, ids[i]);
	}
	mpr_buf_puts(b, "]");
}

static void write_activity(mpr_buf *b, const sum_activity *a)
{
	mpr_buf_puts(b, "{");
	key_str(b, "id", a->id);
	mpr_buf_puts(b, ", ");
	key_str(b, "country", a->country);
	mpr_buf_puts(b, ", ");
	key_str(b, "country_tier", a->country_tier);
	mpr_buf_puts(b, ", ");
	key_str(b, "measure", a->measure);
	mpr_buf_puts(b, ", ");
	key_str(b, "measure_tier", a->measure_tier);
	mpr_buf_puts(b, ", ");
	key_str(b, "beneficiary", a->beneficiary);
	mpr_buf_puts(b, ", ");
	key_str(b, "verdict", a->verdict);
	mpr_buf_printf(b, ", \"passes\": %s, \"monitoring\": {", a->passes ? "true" : "false");
	key_str(b, "level", a->level);
	mpr_buf_printf(b, ", \"frequency_months\": %ld}, ", a->months);
	key_str(b, "suspension", a->suspension);
	id_list(b, "required_safeguards", a->required, a->n_required);
	id_list(b, "missing_safeguards", a->missing, a->n_missing);
	mpr_buf_puts(b, "}");
}

static void write_decision(mpr_buf *b, const decision_sum *s)
{
	mpr_buf_puts(b, "{");
	key_str(b, "partnership", s->partnership);
	mpr_buf_puts(b, ", ");
	key_str(b, "verdict", s->verdict);
	mpr_buf_printf(b, ", \"passes\": %s, \"activities\": [", s->passes ? "true" : "false");
	for (size_t i = 0; i < s->n_activities; i++) {
		if (i)
			mpr_buf_puts(b, ", ");
		write_activity(b, &s->activities[i]);
	}
	mpr_buf_puts(b, "], \"findings\": [");
	for (size_t i = 0; i < s->n_findings; i++) {
		mpr_buf_puts(b, i ? ", {" : "{");
		key_str(b, "rule", s->findings[i].rule);
		mpr_buf_puts(b, ", ");
		key_str(b, "severity", s->findings[i].severity);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_printf(b, "], \"monitoring_plan\": {\"frequency_months\": %ld, ", s->plan_months);
	key_str(b, "level", s->plan_level);
	mpr_buf_puts(b, ", ");
	key_str(b, "suspension", s->plan_suspension);
	mpr_buf_printf(b, ", \"independent_local_access_required\": %s}}",
	               s->plan_local ? "true" : "false");
}

/* An input as a JSON object: its file name (and the exact bytes of one that
 * is not UTF-8, as results have them), digest, encoding and text. */
static void write_input(mpr_buf *b, const rec_input *in)
{
	mpr_buf_puts(b, "{");
	key_str(b, "file", in->file);
	mpr_json_file_bytes(b, in->file);
	mpr_buf_puts(b, ", ");
	key_str(b, "sha256", in->sha256);
	mpr_buf_puts(b, ", ");
	key_str(b, "encoding", in->encoding);
	mpr_buf_puts(b, ", \"text\": ");
	mpr_buf_json_text(b, in->text, in->len);
	mpr_buf_puts(b, "}");
}

void record_write(mpr_buf *b, const record *rec, char seal[72])
{
	size_t start = b->len;
	mpr_buf_printf(b, "{\"format_version\": %d, \"record\": \"mprisk decision\", ", RECORD_FORMAT);
	key_str(b, "time", rec->time);
	mpr_buf_puts(b, ", ");
	key_str(b, "prev", rec->prev);
	mpr_buf_printf(b, ", \"engine\": {\"name\": \"mprisk\", \"version\": \"%s\"}, \"ruleset\": {",
	               mpr_version());
	mpr_json_ruleset_members(b, rec->rules);
	mpr_buf_puts(b, "}, ");
	mpr_buf_puts(b, "\"input\": ");
	write_input(b, &rec->input);
	mpr_buf_puts(b, ", \"experience\": [");
	for (size_t i = 0; i < rec->n_experience; i++) {
		if (i)
			mpr_buf_puts(b, ", ");
		write_input(b, &rec->experience[i]);
	}
	mpr_buf_puts(b, "], \"decision\": ");
	write_decision(b, rec->decision);
	/* the seal: the digest of every byte of the record before it */
	seal[0] = '\0';
	if (!b->failed && mpr_sha256_hex(b->data + start, b->len - start, seal) != MPR_OK)
		b->failed = 1;
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
	return len >= SEAL_TAIL && mpr_sha256_hex(line, len - SEAL_TAIL, digest) == MPR_OK &&
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

/* The unsealed record of format 2, kept as 0.1 wrote it (docs/api.md). */
int mpr_render_record(const mpr_result *r, const char *time, char **out, size_t *len,
                      mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!r || !time || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_record: invalid arguments");
	*out = NULL;
	char *json;
	size_t jlen;
	int rc = mpr_render_result(r, MPR_FORMAT_JSON, &json, &jlen, err);
	if (rc)
		return rc;
	mpr_buf b = {0};
	mpr_buf_printf(&b, "{\"format_version\": %d, \"time\": ", MPR_JSON_FORMAT_VERSION);
	mpr_buf_json_string(&b, time);
	mpr_buf_puts(&b, ", \"input_text\": ");
	mpr_buf_json_text(&b, r->proposal->text, r->proposal->text_len);
	mpr_buf_puts(&b, ", \"result\": ");
	mpr_buf_append_one_line(&b, json, jlen);
	free(json);
	mpr_buf_puts(&b, "}\n");
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
