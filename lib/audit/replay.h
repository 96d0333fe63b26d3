/*
 * replay.h - what the files of replay share (private to the audit stage):
 * a record as replay reads it (replay_read.c), the report lines it prints
 * (replay_print.c), and the chain-only replay a head signature rests on
 * (head.c).
 */
#ifndef MPR_AUDIT_REPLAY_H
#define MPR_AUDIT_REPLAY_H

#include "audit/record.h"

/* What a record says, as replay reads it: only what it compares. */
typedef struct read_record {
	unsigned long line;
	bool legacy;
	const char *time, *file, *sha256, *encoding, *fingerprint, *ruleset, *engine, *prev;
	const char *text;
	size_t text_len;
	const yt_node *decision;
	/* the experience its decisions used (R9): its canonical text, sha256
	 * and name as the record holds them; exp_text NULL for none */
	const char *exp_file, *exp_sha256, *exp_text;
	size_t exp_len;
} read_record;

/* ---- replay_read.c ------------------------------------------------------ */

/* The record whose tree is root (of the line r->line), its strings pointing
 * into the tree; an error at its place through c when a key it must have
 * is missing or of the wrong type. */
int rp_read_record(sc_ctx *c, const yt_node *root, read_record *r);

/* ---- replay.c: what head.c needs ----------------------------------------- */

/* The seal of the last sealed record read, NULL when none. */
const char *replay_last_seal(const mpr_replay_state *st);
/* The first record that was tampered with, else the first unreadable one,
 * as an error at its line; NULL when there is none. */
const mpr_error *replay_first_problem(const mpr_replay_state *st);

/* ---- replay_print.c ----------------------------------------------------- */

/* "LOG:LINE: FILE (decided TIME with RULESET sha256:...)" */
void rp_record_head(mpr_buf *b, const char *log, const read_record *r);
/* The differences of a record that would now be decided differently, or
 * that does not match its own input (tampered: decided again under the
 * rules and engine it records). */
void rp_differs(mpr_buf *b, const char *log, const read_record *r, const decision_sum *was,
                const decision_sum *now, const rec_diffs *d, bool tampered);
/* The input would now be refused (under other rules), with the reason. */
void rp_refused(mpr_buf *b, const char *log, const read_record *r, const mpr_error *why,
                bool tampered);
/* The summary line at the end. */
void rp_summary(mpr_buf *b, const mpr_ruleset *rules, const size_t *counts, bool chain_only,
                size_t head_records, bool head_found);

#endif
