/*
 * replay.c - re-evaluate every decision record of a log (record.c writes
 * them) under the rules loaded now and report each activity whose verdict,
 * required or missing safeguards or monitoring frequency would differ
 * (mpr_replay): what changes for the decisions already taken when the rules
 * change. A record's input text must still match its sha256.
 */
#include <stdlib.h>
#include <string.h>

#include "input/tree.h"
#include "model.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sha256.h"

/* Where a record is and what it names, for the report. */
typedef struct record_place {
	const char *log;
	unsigned line;
	const char *file; /* the proposal's file, as recorded */
	const char *time; /* when it was decided, as recorded */
} record_place;

/* What an official acts on, as logged: verdict, required and missing
 * safeguards, monitoring frequency. */
static void logged_text(mpr_buf *was, const yt_node *a)
{
	const yt_node *v = yt_get(a, "verdict"), *miss = yt_get(a, "missing_safeguards");
	const yt_node *req = yt_get(a, "required_safeguards");
	const yt_node *mon = yt_get(yt_get(a, "monitoring"), "frequency_months");
	mpr_buf_printf(was, "%s; required [", v->value);
	for (size_t k = 0; req && req->kind == YT_SEQ && k < req->n; k++) {
		const yt_node *rid = yt_get(req->items[k], "id");
		mpr_buf_printf(was, "%s%s", k ? ", " : "", rid && rid->kind == YT_SCALAR ? rid->value : "?");
	}
	mpr_buf_puts(was, "]; missing [");
	for (size_t k = 0; miss && miss->kind == YT_SEQ && k < miss->n; k++) {
		/* format_version 2 logs {"id", "source"} objects, version 1 ids */
		const yt_node *mid = miss->items[k]->kind == YT_MAP ? yt_get(miss->items[k], "id")
		                                                    : miss->items[k];
		mpr_buf_printf(was, "%s%s", k ? ", " : "", mid && mid->kind == YT_SCALAR ? mid->value : "?");
	}
	mpr_buf_printf(was, "]; monitoring every %s months",
	               mon && mon->kind == YT_SCALAR ? mon->value : "?");
}

static void safeguard_ids(mpr_buf *b, const mpr_ruleset *rs, mpr_set set)
{
	size_t k = 0;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s))
			mpr_buf_printf(b, "%s%s", k++ ? ", " : "", rs->safeguards[s].n.id);
}

/* The same, as decided now. */
static void now_text(mpr_buf *is, const mpr_ruleset *rs, const mpr_decision *d)
{
	mpr_buf_printf(is, "%s; required [", mpr_verdict_word(d->verdict));
	safeguard_ids(is, rs, d->required);
	mpr_buf_puts(is, "]; missing [");
	safeguard_ids(is, rs, d->missing);
	mpr_buf_printf(is, "]; monitoring every %u months", d->cell->months);
}

/* One logged activity against its decision now: a report entry when they
 * differ. An activity the log or the result lacks is passed over. */
static int replay_activity(const mpr_ruleset *rs, const record_place *at, const yt_node *a,
                           const mpr_result *r, mpr_buf *b, size_t *differ, mpr_error *err)
{
	const yt_node *id = yt_get(a, "id");
	if (!id || !yt_get(a, "verdict"))
		return MPR_OK;
	const mpr_activity *now = NULL;
	for (size_t k = 0; k < r->n_activities; k++)
		if (strcmp(r->activities[k].id, id->value) == 0)
			now = &r->activities[k];
	if (!now)
		return MPR_OK;
	mpr_buf was = {0}, is = {0};
	logged_text(&was, a);
	now_text(&is, rs, &now->d);
	int rc = MPR_OK;
	if (was.failed || is.failed || !was.data || !is.data)
		rc = mpr_fail(err, MPR_ENOMEM, at->log, at->line, 1, "out of memory");
	else if (strcmp(was.data, is.data) != 0) {
		mpr_buf_printf(b, "%s:%u: %s (logged %s) activity %s:\n    logged: %s\n    now:    %s\n",
		               at->log, at->line, at->file, at->time, id->value, was.data, is.data);
		(*differ)++;
	}
	free(was.data);
	free(is.data);
	return rc;
}

static int replay_line(const mpr_ruleset *rs, const char *name, unsigned lineno,
                       const char *line, size_t n, mpr_buf *b, size_t *differ, mpr_error *err)
{
	yt_doc doc;
	int rc = yt_parse(&doc, name, (const unsigned char *)line, n, NULL, NULL, err);
	const yt_node *root = doc.root, *res = NULL, *text = NULL, *acts = NULL;
	if (rc == MPR_OK) {
		text = yt_get(root, "input_text");
		res = yt_get(root, "result");
		acts = yt_get(res, "activities");
		if (!text || text->kind != YT_SCALAR || !acts || acts->kind != YT_SEQ)
			rc = mpr_fail(err, MPR_ESCHEMA, name, lineno, 1,
			              "not a decision record (needs input_text and result.activities)");
	}
	/* the parser numbers lines of the record from 1; report the log's line */
	if (rc && err && err->line)
		err->line = lineno;
	const yt_node *file = yt_get(yt_get(res, "input"), "file");
	const yt_node *sha = yt_get(yt_get(res, "input"), "sha256");
	const char *fname = file && file->kind == YT_SCALAR ? file->value : "<unknown>";
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	if (rc == MPR_OK && text) {
		char hex[72];
		rc = mpr_sha256_hex(text->value, text->len, hex);
		if (rc == MPR_OK && sha && sha->kind == YT_SCALAR && strcmp(hex, sha->value) != 0)
			rc = mpr_fail(err, MPR_ESCHEMA, name, lineno, 1,
			              "the input text does not match its recorded sha256 %s", sha->value);
	}
	if (rc == MPR_OK && text)
		rc = mpr_proposal_parse_buffer(&p, rs, text->value, text->len, fname, NULL, err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rs, p, err);
	const yt_node *when = yt_get(root, "time");
	record_place where = {name, lineno, fname, when && when->kind == YT_SCALAR ? when->value : "?"};
	for (size_t i = 0; rc == MPR_OK && acts && r && i < acts->n; i++)
		rc = replay_activity(rs, &where, acts->items[i], r, b, differ, err);
	mpr_result_free(r);
	mpr_proposal_free(p);
	yt_doc_free(&doc);
	return rc;
}

int mpr_replay(const mpr_ruleset *rs, const char *log, size_t log_len, const char *name,
               char **report, size_t *len, size_t *replayed, size_t *differ, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || (!log && log_len) || !report || !replayed || !differ)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_replay: invalid arguments");
	*report = NULL;
	*replayed = *differ = 0;
	if (!name)
		name = "<log>";
	mpr_buf b = {0};
	int rc = MPR_OK;
	unsigned lineno = 0;
	for (size_t pos = 0; rc == MPR_OK && pos < log_len;) {
		const char *nl = memchr(log + pos, '\n', log_len - pos);
		size_t end = nl ? (size_t)(nl - log) : log_len;
		lineno++;
		size_t n = end - pos;
		if (n) {
			rc = replay_line(rs, name, lineno, log + pos, n, &b, differ, err);
			(*replayed)++;
		}
		pos = end + 1;
	}
	if (rc) {
		free(b.data);
		return rc;
	}
	mpr_buf_printf(&b, "%zu record%s replayed against %s (%s): %zu activit%s would now be "
	                   "decided differently\n",
	               *replayed, *replayed == 1 ? "" : "s", rs->id, rs->fingerprint, *differ,
	               *differ == 1 ? "y" : "ies");
	rc = mpr_buf_finish(&b, report, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
