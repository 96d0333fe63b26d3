/*
 * replay.c - a decision log decided again, record by record, in memory
 * bounded by the longest record rather than by the log (mpr_replay_begin,
 * _feed, _finish; mpr_replay, the 0.1 call, runs on top of them).
 *
 * Each record is checked as far as it can be (include/mprisk.h and
 * docs/auditing.md say exactly what this detects): its seal, its place in
 * the chain, its input against the recorded sha256, then the whole decision
 * made again and compared with the recorded one (summary.c). Under the
 * ruleset and engine it records, any difference means the record does not
 * match its own input, which is tampering; under other rules, it is what
 * the rule change changes. A line that cannot be read as a record is
 * reported at its line through the sink and replay goes on: one bad or
 * oversized record never makes the rest of a log unreplayable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/replay.h"
#include "decide/decide.h"
#include "input/tree.h"
#include "util/error.h"
#include "util/sha256.h"

enum { N_COUNTS = MPR_REPLAY_HEAD + 1 };

struct mpr_replay_state {
	const mpr_ruleset *rules;
	char *name;
	mpr_replay_options o;
	mpr_load_options limits, record_limits;
	mpr_replay_sink sink;
	char *line; /* the line being gathered */
	size_t len, cap;
	bool skipping; /* it is longer than max_record_bytes */
	unsigned long lineno;
	char last_seal[72]; /* the chain: the last sealed record read */
	bool has_seal;
	unsigned long seal_line;
	unsigned long gap_line; /* an unreadable line since then, 0 for none */
	bool head_found, head_ok;
	size_t counts[N_COUNTS];
	mpr_error first_unreadable, first_tampered;
	bool stopped;
};

static void emit(mpr_replay_state *st, mpr_buf *b)
{
	if (b->len && !st->stopped && st->sink.report &&
	    st->sink.report(st->sink.ctx, b->data, b->len) != 0)
		st->stopped = true;
	free(b->data);
	*b = (mpr_buf){0};
}

/* A line that is not a readable record: err placed at its line. Unless its
 * seal was read (chained), the chain cannot be checked across it. */
static void unreadable(mpr_replay_state *st, mpr_error *err, unsigned long no, bool chained)
{
	if (err->line <= 1) /* the record's JSON is one line: keep its column */
		err->line = (unsigned)no;
	if (!err->column)
		err->column = 1;
	snprintf(err->file, sizeof err->file, "%s", st->name);
	st->counts[MPR_REPLAY_UNREADABLE]++;
	if (!st->first_unreadable.code)
		st->first_unreadable = *err;
	if (!chained)
		st->gap_line = no;
	if (st->sink.unreadable)
		st->sink.unreadable(st->sink.ctx, err);
}

/* One reason a record was tampered with, as a line of the report. */
static void tamper(mpr_replay_state *st, mpr_buf *b, const read_record *r, bool *tampered,
                   const char *why)
{
	mpr_buf_printf(b, "%s:%lu: TAMPERED: %s\n", st->name, r->line, why);
	if (!st->first_tampered.code)
		mpr_fail(&st->first_tampered, MPR_ESCHEMA, st->name, (unsigned)r->line, 1,
		         "the record was tampered with: %s", why);
	*tampered = true;
}

/* ---- the checks --------------------------------------------------------- */

/* The seal, and the record's place in the chain. */
static void check_chain(mpr_replay_state *st, const read_record *r, const char *line, size_t len,
                        mpr_buf *b, bool *tampered)
{
	char why[512];
	char seal[72] = "";
	st->counts[MPR_REPLAY_SEALED]++;
	if (!record_seal_of(line, len, seal))
		tamper(st, b, r, tampered, "its seal is missing or not where it is written: the record was "
		                           "changed after it was written");
	else if (!record_seal_holds(line, len, seal))
		tamper(st, b, r, tampered, "its seal does not match its content: the record was changed "
		                           "after it was written");
	const char *want = st->has_seal ? st->last_seal : NULL;
	if (r->prev ? (want && strcmp(r->prev, want) == 0) : !want) {
		/* in its place */
	} else if (st->gap_line) {
		mpr_buf_printf(b, "%s:%lu: note: the chain cannot be checked across line %lu, which is "
		                  "not a readable record\n",
		               st->name, r->line, st->gap_line);
	} else if (!want) {
		snprintf(why, sizeof why, "the chain is broken: this is the first record of the log, but "
		                          "it follows a record %.20s...: the records before it were "
		                          "deleted",
		         r->prev);
		tamper(st, b, r, tampered, why);
	} else {
		snprintf(why, sizeof why, "the chain is broken: it follows %s, but the record before it "
		                          "(line %lu) is %s: a record was deleted, inserted or reordered",
		         r->prev ? r->prev : "no record (it claims to be the first)", st->seal_line, want);
		tamper(st, b, r, tampered, why);
	}
	/* the chain goes on from this record, whatever it is */
	snprintf(st->last_seal, sizeof st->last_seal, "%s", seal[0] ? seal : "sha256:?");
	st->has_seal = true;
	st->seal_line = r->line;
	st->gap_line = 0;
	if (st->o.head_records && st->counts[MPR_REPLAY_SEALED] == st->o.head_records) {
		st->head_found = true;
		st->head_ok = strcmp(seal, st->o.head_seal) == 0;
		if (!st->head_ok) {
			snprintf(why, sizeof why, "the signed head names %s as record %zu, but this record "
			                          "is %s: the log was rewritten up to here",
			         st->o.head_seal, st->o.head_records, seal[0] ? seal : "unsealed");
			tamper(st, b, r, tampered, why);
		}
	}
}

/* The input text against the sha256 recorded for it. */
static int check_input(mpr_replay_state *st, const read_record *r, mpr_buf *b, bool *tampered)
{
	if (!r->sha256)
		return MPR_OK; /* a legacy record without one */
	char hex[72] = "";
	int rc = mpr_sha256_hex(NULL, r->text, r->text_len, hex);
	if (rc == MPR_ENOMEM)
		return rc;
	if (rc || strcmp(hex, r->sha256) != 0)
		tamper(st, b, r, tampered, "its input text does not match the recorded sha256 of the input");
	if (!r->exp_text)
		return MPR_OK;
	hex[0] = '\0';
	rc = mpr_sha256_hex(NULL, r->exp_text, r->exp_len, hex);
	if (rc == MPR_ENOMEM)
		return rc;
	if (rc || strcmp(hex, r->exp_sha256) != 0)
		tamper(st, b, r, tampered, "its experience (R9) does not match the recorded sha256 of the "
		                           "experience");
	return MPR_OK;
}

/* Decide the recorded input again and compare the whole decision. */
static int decide_again(mpr_replay_state *st, const read_record *r, sc_ctx *c, mpr_buf *b,
                        bool *tampered)
{
	decision_sum was, now;
	memset(&now, 0, sizeof now);
	int rc = sum_of_tree(&was, r->decision, r->legacy, c);
	if (rc) {
		sum_free(&was);
		return rc; /* unreadable */
	}
	/* under the rules and engine the record names, the decision must be the same */
	bool same_rules = r->fingerprint && r->engine &&
	                  strcmp(r->fingerprint, st->rules->fingerprint) == 0 &&
	                  strcmp(r->engine, mpr_version()) == 0;
	mpr_proposal *p = NULL;
	mpr_experience *exp = NULL;
	mpr_result *res = NULL;
	mpr_plan plan;
	memset(&plan, 0, sizeof plan);
	mpr_error why;
	int prc = mpr_proposal_parse_buffer(&p, st->rules, r->text, r->text_len, r->file, &st->limits,
	                                    &why);
	/* with the experience it was decided with (R9), read against the rules */
	if (prc == MPR_OK && r->exp_text)
		prc = mpr_experience_parse(&exp, st->rules, r->exp_text, r->exp_len, r->exp_file, &why);
	if (prc == MPR_OK)
		prc = mpr_evaluate_experience(&res, st->rules, p, exp, &why);
	if (prc == MPR_OK)
		prc = mpr_plan_init(&plan, res, &why);
	if (prc == MPR_OK)
		prc = sum_of_result(&now, res, &plan);
	st->counts[MPR_REPLAY_REPLAYED]++;
	rec_diffs d = MPR_ARRAY_INIT;
	if (prc == MPR_ENOMEM) {
		rc = MPR_ENOMEM;
	} else if (prc) { /* the input would now be refused */
		rp_refused(b, st->name, r, &why, same_rules);
		if (same_rules) {
			tamper(st, b, r, tampered, "its input is refused by the rules it was decided with");
		} else {
			st->counts[MPR_REPLAY_DIFFER]++;
			st->counts[MPR_REPLAY_CHANGES]++;
		}
	} else if ((rc = sum_compare(&was, &now, &d)) == MPR_OK && d.n) {
		rp_differs(b, st->name, r, &was, &now, &d, same_rules);
		if (same_rules) {
			tamper(st, b, r, tampered, "it does not match its own input (above)");
		} else {
			st->counts[MPR_REPLAY_DIFFER]++;
			st->counts[MPR_REPLAY_CHANGES] += d.n;
		}
	}
	mpr_array_free(d);
	mpr_plan_free(&plan);
	mpr_result_free(res);
	mpr_experience_free(exp);
	mpr_proposal_free(p);
	sum_free(&now);
	sum_free(&was);
	return rc;
}

static int process(mpr_replay_state *st, const char *line, size_t len, unsigned long no)
{
	if (strspn(line, " \t\r") == len)
		return MPR_OK; /* a blank line holds no record */
	st->counts[MPR_REPLAY_RECORDS]++;
	yt_doc doc;
	mpr_error err;
	memset(&err, 0, sizeof err);
	read_record r;
	memset(&r, 0, sizeof r);
	r.line = no;
	sc_ctx c = {st->name, &err, NULL};
	int rc = yt_parse_json(&doc, st->name, (const unsigned char *)line, len, &st->record_limits,
	                       NULL, &err);
	if (rc == MPR_OK)
		rc = rp_read_record(&c, doc.root, &r);
	bool tampered = false, chained = false;
	mpr_buf b = {0};
	if (rc == MPR_OK && r.legacy) {
		st->counts[MPR_REPLAY_LEGACY]++;
	} else if (rc == MPR_OK) {
		check_chain(st, &r, line, len, &b, &tampered);
		chained = true;
	}
	if (rc == MPR_OK)
		rc = check_input(st, &r, &b, &tampered);
	if (rc == MPR_OK && !st->o.chain_only)
		rc = decide_again(st, &r, &c, &b, &tampered);
	if (rc == MPR_ENOMEM || b.failed) {
		free(b.data);
		yt_doc_free(&doc);
		return MPR_ENOMEM;
	}
	if (rc)
		unreadable(st, &err, no, chained);
	if (tampered)
		st->counts[MPR_REPLAY_TAMPERED]++;
	emit(st, &b);
	yt_doc_free(&doc);
	return MPR_OK;
}

/* ---- the stream ---------------------------------------------------------- */

int mpr_replay_begin(mpr_replay_state **out, const mpr_ruleset *rules, const char *name,
                     const mpr_replay_options *opts, const mpr_replay_sink *sink, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || (!rules && !(opts && opts->version >= 1 && opts->chain_only)))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_replay_begin: out and rules are required");
	*out = NULL;
	mpr_replay_options def = MPR_REPLAY_OPTIONS_INIT;
	if (opts && opts->version >= 1)
		def = *opts;
	if (def.head_records && (!def.head_seal || strlen(def.head_seal) != 71))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_replay_begin: a head needs its seal");
	if (!def.max_record_bytes)
		def.max_record_bytes = 64u << 20;
	mpr_replay_state *st = calloc(1, sizeof *st);
	if (!st || !(st->name = strdup(name ? name : "<log>"))) {
		free(st);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	st->rules = rules;
	st->o = def;
	st->o.limits = NULL;
	st->o.head_seal = NULL;
	st->limits = yt_options(def.limits);
	/* a record is one line of JSON: its string may be the whole input */
	st->record_limits = yt_options(NULL);
	st->record_limits.max_file_bytes = def.max_record_bytes;
	st->record_limits.max_string = def.max_record_bytes;
	st->record_limits.max_nodes = def.max_record_bytes / 2 + 16;
	st->record_limits.max_depth = 16;
	if (def.head_records) {
		char *seal = malloc(72);
		if (!seal) {
			mpr_replay_free(st);
			return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
		}
		memcpy(seal, def.head_seal, 72);
		st->o.head_seal = seal;
	}
	if (sink)
		st->sink = *sink;
	*out = st;
	return MPR_OK;
}

/* The line gathered so far is done (its newline seen, or the end). */
static int line_done(mpr_replay_state *st)
{
	int rc = MPR_OK;
	unsigned long no = ++st->lineno;
	if (st->skipping) {
		mpr_error e;
		mpr_fail(&e, MPR_ELIMIT, st->name, (unsigned)no, 1,
		         "a record longer than max_record_bytes=%zu (raise the limit: mprisk replay "
		         "--max-record-bytes)",
		         st->o.max_record_bytes);
		st->counts[MPR_REPLAY_RECORDS]++;
		unreadable(st, &e, no, false);
	} else if (st->len) {
		st->line[st->len] = '\0';
		rc = process(st, st->line, st->len, no);
	}
	st->len = 0;
	st->skipping = false;
	return rc;
}

/* Add n bytes to the line being gathered, unless it grows too long. */
static int gather(mpr_replay_state *st, const char *data, size_t n)
{
	if (st->skipping)
		return MPR_OK;
	if (n > st->o.max_record_bytes - st->len) {
		st->skipping = true; /* the rest of this line is passed over */
		st->len = 0;
		if (st->cap > (1u << 20)) { /* give a huge buffer back */
			free(st->line);
			st->line = NULL;
			st->cap = 0;
		}
		return MPR_OK;
	}
	if (st->len + n + 1 > st->cap) {
		size_t cap = st->cap ? st->cap : 4096;
		while (cap < st->len + n + 1)
			cap *= 2;
		char *more = realloc(st->line, cap);
		if (!more)
			return MPR_ENOMEM;
		st->line = more;
		st->cap = cap;
	}
	memcpy(st->line + st->len, data, n);
	st->len += n;
	return MPR_OK;
}

int mpr_replay_feed(mpr_replay_state *st, const char *data, size_t len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!st || (!data && len))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_replay_feed: invalid arguments");
	int rc = MPR_OK;
	while (rc == MPR_OK && len && !st->stopped) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;
		rc = gather(st, data, n);
		if (rc == MPR_OK && nl)
			rc = line_done(st);
		n += nl != NULL;
		data += n;
		len -= n;
	}
	if (rc == MPR_ENOMEM)
		return mpr_fail(err, rc, st->name, (unsigned)st->lineno + 1, 1, "out of memory");
	return st->stopped ? mpr_fail(err, MPR_EIO, st->name, 0, 0, "the replay's report was stopped")
	                   : MPR_OK;
}

int mpr_replay_finish(mpr_replay_state *st, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!st)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_replay_finish: invalid arguments");
	int rc = st->len || st->skipping ? line_done(st) : MPR_OK;
	if (rc)
		return mpr_fail(err, rc, st->name, (unsigned)st->lineno, 1, "out of memory");
	st->counts[MPR_REPLAY_HEAD] = st->head_ok;
	mpr_buf b = {0};
	if (st->o.head_records && !st->head_found) {
		mpr_buf_printf(&b, "%s: TAMPERED: the signed head covers %zu sealed records, the log "
		                   "has %zu: records were deleted from its end\n",
		               st->name, st->o.head_records, st->counts[MPR_REPLAY_SEALED]);
		st->counts[MPR_REPLAY_TAMPERED]++;
		if (!st->first_tampered.code)
			mpr_fail(&st->first_tampered, MPR_ESCHEMA, st->name, 0, 0,
			         "the log is shorter than its signed head");
	}
	rp_summary(&b, st->rules, st->counts, st->o.chain_only, st->o.head_records, st->head_found);
	if (b.failed) {
		free(b.data);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	emit(st, &b);
	return st->stopped ? mpr_fail(err, MPR_EIO, st->name, 0, 0, "the replay's report was stopped")
	                   : MPR_OK;
}

const char *replay_last_seal(const mpr_replay_state *st)
{
	return st->has_seal ? st->last_seal : NULL;
}

const mpr_error *replay_first_problem(const mpr_replay_state *st)
{
	return st->first_tampered.code ? &st->first_tampered
	       : st->first_unreadable.code ? &st->first_unreadable
	                                   : NULL;
}

size_t mpr_replay_count(const mpr_replay_state *st, int which)
{
	return st && which >= 0 && which < N_COUNTS ? st->counts[which] : 0;
}

void mpr_replay_free(mpr_replay_state *st)
{
	if (!st)
		return;
	free(st->line);
	free(st->name);
	void *seal;
	memcpy(&seal, &st->o.head_seal, sizeof seal);
	free(seal);
	free(st);
}

/* mpr_replay, the 0.1 call: the report gathered in a buffer. */
static int gather_report(void *ctx, const char *text, size_t len)
{
	mpr_buf *b = ctx;
	mpr_buf_append(b, text, len);
	return b->failed;
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
	mpr_buf b = {0};
	mpr_replay_sink sink = {&b, gather_report, NULL};
	mpr_replay_state *st = NULL;
	int rc = mpr_replay_begin(&st, rs, name, NULL, &sink, err);
	if (rc != MPR_OK || !st) /* st is set whenever it returns MPR_OK */
		return rc != MPR_OK ? rc : MPR_ENOMEM;
	rc = mpr_replay_feed(st, log, log_len, err);
	if (rc == MPR_OK)
		rc = mpr_replay_finish(st, err);
	if (b.failed) /* the report's buffer stopped the replay */
		rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	if (rc == MPR_OK && (st->first_unreadable.code || st->first_tampered.code)) {
		const mpr_error *first =
		    st->first_unreadable.code ? &st->first_unreadable : &st->first_tampered;
		if (err)
			*err = *first;
		rc = first->code;
	}
	*replayed = st->counts[MPR_REPLAY_REPLAYED];
	*differ = st->counts[MPR_REPLAY_CHANGES];
	mpr_replay_free(st);
	if (rc == MPR_OK && (rc = mpr_buf_finish(&b, report, len)) != MPR_OK)
		return mpr_fail(err, rc, "", 0, 0, "out of memory");
	if (rc)
		free(b.data);
	return rc;
}
