/*
 * mprisk/record.h - part of the public header <mprisk.h>:
 * sealed decision records, signing and replay (P7).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_RECORD_H
#define MPRISK_RECORD_H

#include "core.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Decision records and replay (docs/auditing.md) -------------------- */

/* The format of the decision records mpr_log_append and
 * mpr_render_record_v2 write: one line of JSON each, sealed and chained
 * (docs/json-output.md, "Decision records"). */
#define MPR_RECORD_FORMAT_VERSION 3

/* Append one decision record per result to the log at path (created 0644
 * if missing), all in one write(2) under an exclusive flock(2), so that
 * processes and threads appending to one log keep one chain (R5: a
 * decision can be reproduced and revisited). Each record holds the input
 * exactly as decided (a UTF-16 input as the UTF-8 text it was decoded to),
 * the ruleset's id, fingerprint and signature (mpr_ruleset_signature), the
 * engine, time (the caller's clock, e.g. ISO 8601 UTC), the decision
 * (verdict, passes, every activity with its tiers, verdict, required and
 * missing safeguards, monitoring and suspension, the findings, the
 * monitoring plan), the seal of the record before it ("prev") and its own
 * seal (SHA-256 of the record before the seal). On a short or failed write
 * or fdatasync the log is truncated back to where it ended: it holds all
 * of the new records or none. Refuses a symbolic link or a file that is not
 * regular. MPR_EIO (with path and the system's reason), MPR_EINVAL,
 * MPR_ENOMEM. Thread-safe (each call opens the log itself). */
MPR_API int mpr_log_append(const char *path, const mpr_result *const *results, size_t count,
                           const char *time, mpr_error *err);

/* One record as mpr_log_append writes it (one line ending in a newline),
 * chained after the record whose seal is prev ("sha256:<64 hex>"; NULL for
 * the first of a log), for callers that keep records elsewhere. *out is
 * text (see Conventions); its seal is the last 71 characters before `"}`
 * and the newline. MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_render_record_v2(const mpr_result *result, const char *time, const char *prev,
                                 char **out, size_t *len, mpr_error *err);

/* Deprecated (0.1): the unsealed record of format 2 (time, the input
 * text, the result as mpr_render_result renders it), kept as it was for
 * callers of 0.1. Replay reads such records as "legacy": nothing protects
 * them but their input's sha256, and a decision recomputed under the same
 * rules. Use mpr_log_append or mpr_render_record_v2. A result decided
 * with experience (mpr_evaluate_experience) is MPR_EINVAL: format 2 cannot
 * hold the experience, and replay would decide without it. */
MPR_API int mpr_render_record(const mpr_result *result, const char *time, char **out,
                              size_t *len, mpr_error *err);

/* Replay decides every record of a log again and compares ALL of the
 * decision (above) with what was recorded; a streaming replay reads the
 * log in pieces of any size, in memory bounded by the largest record
 * (max_record_bytes), not by the log. For each record it checks:
 *  - its seal (the record is what was written) and the chain (its "prev"
 *    is the seal of the record before it: none was deleted, inserted or
 *    reordered; an unkeyed chain cannot stop a rewrite of a record and of
 *    every record after it, which a signed head does: head_records);
 *  - its input against the recorded sha256;
 *  - the decision made again: under the recorded ruleset (same
 *    fingerprint) and engine version, any difference means the record does
 *    not match its own input: TAMPERED; under other rules, a difference is
 *    what the rule change changes for that decision.
 * A line that is not a readable record (cut short, not JSON, not a record,
 * over max_record_bytes) goes to the sink's unreadable() with its line and
 * column, and replay goes on with the next. docs/auditing.md lists
 * exactly what is and is not detected. Options: initialise with
 * MPR_REPLAY_OPTIONS_INIT. */
typedef struct mpr_replay_options {
	unsigned version;           /* MPR_REPLAY_OPTIONS_VERSION */
	size_t max_record_bytes;    /* the longest record line read (default 64 MiB) */
	const mpr_load_options *limits; /* for the recorded inputs (NULL: the defaults) */
	size_t head_records;        /* a signed head (mpr_log_head_check): the number of */
	const char *head_seal;      /* sealed records it covers and the last one's seal; 0/NULL: none */
	int chain_only;             /* 1: check seals, inputs' sha256 and the chain only */
} mpr_replay_options;

#define MPR_REPLAY_OPTIONS_VERSION 1
#define MPR_REPLAY_OPTIONS_INIT { MPR_REPLAY_OPTIONS_VERSION, 64u << 20, NULL, 0, NULL, 0 }

/* Where a streaming replay's findings go, as they are made. report gets
 * text (borrowed for the call): one block per record that differs or was
 * tampered with, notes, and at the end the summary; a nonzero return stops
 * the replay (mpr_replay_feed and _finish return MPR_EIO). unreadable gets
 * a line that is not a readable record, located at its line of the log
 * (may be NULL: counted only). */
typedef struct mpr_replay_sink {
	void *ctx;
	int (*report)(void *ctx, const char *text, size_t len);
	void (*unreadable)(void *ctx, const mpr_error *err);
} mpr_replay_sink;

typedef struct mpr_replay_state mpr_replay_state;

/* Counts of a replay (mpr_replay_count). */
enum {
	MPR_REPLAY_RECORDS,    /* lines that are not blank */
	MPR_REPLAY_REPLAYED,   /* records decided again (all but unreadable ones) */
	MPR_REPLAY_DIFFER,     /* records that would now be decided differently */
	MPR_REPLAY_CHANGES,    /* their differences: activities, findings, verdicts, plans */
	MPR_REPLAY_TAMPERED,   /* records failing their seal, input sha256, chain or own decision */
	MPR_REPLAY_UNREADABLE, /* lines given to unreadable() */
	MPR_REPLAY_LEGACY,     /* unsealed format 2 records */
	MPR_REPLAY_SEALED,     /* sealed records */
	MPR_REPLAY_HEAD        /* 1: the signed head was found and matches; 0 otherwise */
};

/* Start a replay of a log named name (in messages) under rules, which must
 * outlive it; *out owned by the caller (mpr_replay_free). opts and sink may
 * be NULL. MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_replay_begin(mpr_replay_state **out, const mpr_ruleset *rules, const char *name,
                             const mpr_replay_options *opts, const mpr_replay_sink *sink,
                             mpr_error *err);
/* The next len bytes of the log, split anywhere. Returns MPR_OK, MPR_ENOMEM
 * or MPR_EIO (the sink stopped); bad records do not fail it. */
MPR_API int mpr_replay_feed(mpr_replay_state *replay, const char *data, size_t len,
                            mpr_error *err);
/* The end of the log: its last line (even without a newline), the signed
 * head's check, and the summary line to the sink. As mpr_replay_feed. */
MPR_API int mpr_replay_finish(mpr_replay_state *replay, mpr_error *err);
/* A count (MPR_REPLAY_*), 0 for an unknown one. */
MPR_API size_t mpr_replay_count(const mpr_replay_state *replay, int which);
MPR_API void mpr_replay_free(mpr_replay_state *replay);

/* The whole log in memory, at once (0.1): as a streaming replay with the
 * default options, the report as text (see Conventions), *replayed the
 * records decided again and *differ the differences found (activities,
 * findings, verdicts, plans). The first unreadable record, or else the
 * first one that was tampered with, fails the call: MPR_ESCHEMA (or the
 * parser's code) at its line, and no report. */
MPR_API int mpr_replay(const mpr_ruleset *rules, const char *log, size_t log_len,
                       const char *name, char **report, size_t *len, size_t *replayed,
                       size_t *differ, mpr_error *err);

/* Sign the head of the log at path: check every record's seal and the chain
 * (as a chain_only replay, under an shared flock so that no append is half
 * seen) and sign the number of sealed records and the last one's seal with
 * the Ed25519 private key in private_pem (as mpr_ruleset_sign), dated time.
 * *out is the text of a head file (see Conventions; `mprisk sign --log`
 * writes it to LOG.sig), *records the records it covers. A log that fails
 * the check is not signed: MPR_ESIGNATURE naming the first problem.
 * MPR_EIO, MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_log_sign_head(const char *path, const char *private_pem, size_t len,
                              const char *time, char **out, size_t *out_len, size_t *records,
                              mpr_error *err);

/* Read a head file (its text; name for messages) and check its signature:
 * by the key it names, and when public_pem is not NULL by that key (PEM).
 * On success *records and seal (72 bytes) say what it covers, key_id (72
 * bytes, may be NULL) which key signed, for mpr_replay_options. MPR_ESCHEMA
 * (with its place) for a file that is not a head, MPR_ESIGNATURE for a
 * signature that does not verify or is by another key, MPR_EINVAL. */
MPR_API int mpr_log_head_check(const char *text, size_t len, const char *name,
                               const char *public_pem, size_t pub_len, size_t *records,
                               char *seal, char *key_id, mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_RECORD_H */
