/*
 * record.h - decision records as values, private to the audit stage.
 *
 * A record is what was decided, sealed: the input text exactly as decided,
 * the ruleset (id, fingerprint, signature), the time, the engine, the
 * record before it in the log (its seal), and a summary of the decision
 * that names every outcome an official acts on. record.c writes it as one
 * line of JSON (docs/json-output.md, "Decision records"); summary.c makes
 * the summary of a result, reads one back from a record, and compares two;
 * log.c appends records to a log under a lock; replay.c decides them again.
 *
 * The summary is the one value both sides share: the writer writes it, the
 * reader reads it into the same struct, and replay compares the recorded
 * summary with the summary of the decision made again, field by field.
 */
#ifndef MPR_AUDIT_RECORD_H
#define MPR_AUDIT_RECORD_H

#include "input/schema.h"
#include "model.h"
#include "util/array.h"
#include "util/buf.h"

/* The format of the records record.c writes (MPR_RECORD_FORMAT_VERSION in
 * the public header says the same); 2 and older are the unsealed records of
 * mpr_render_record, which replay reads as "legacy". */
#define RECORD_FORMAT 3
/* The seal ends the line: `, "seal": "sha256:<64 hex>"}` and a newline. */
#define SEAL_PREFIX ", \"seal\": \""
#define SEAL_TAIL (sizeof SEAL_PREFIX - 1 + 71 + 2) /* without the newline */

/* One activity as decided. */
typedef struct sum_activity {
	const char *id, *country, *country_tier, *measure, *measure_tier;
	const char *beneficiary; /* NULL: none */
	const char *implementer; /* NULL: none declared (or a record written without the key) */
	const char *verdict;
	int passes;              /* 0 or 1; -1 not recorded (legacy) */
	const char *level;       /* monitoring level */
	long months;             /* monitoring frequency; -1 not recorded */
	const char *suspension;  /* NULL: not recorded (legacy) */
	const char **required, **missing; /* safeguard ids */
	size_t n_required, n_missing;
	bool has_safeguards;     /* false: not recorded (legacy) */
} sum_activity;

typedef struct sum_finding {
	const char *rule, *severity;
} sum_finding;

/* A decision as a record holds it: every outcome an official acts on. */
typedef struct decision_sum {
	mpr_arena arena; /* the arrays below */
	const char *partnership; /* its id; NULL when the proposal has none */
	const char *verdict;
	int passes;
	sum_activity *activities;
	size_t n_activities;
	sum_finding *findings;
	size_t n_findings;
	const char **lifted;         /* rules a declaration lifted (lifted_by), by id */
	size_t n_lifted;
	bool has_lifted;             /* false: not recorded (a record written before the key) */
	bool legacy;                 /* read from an unsealed format 2 record */
	bool has_findings, has_plan; /* false: not recorded (legacy) */
	long plan_months;
	const char *plan_level, *plan_suspension;
	int plan_local; /* an independent body with local access is required */
} decision_sum;

/* The summary of a result and its monitoring plan; strings are the
 * ruleset's and the proposal's. MPR_ENOMEM. sum_free always. */
int sum_of_result(decision_sum *s, const mpr_result *r, const mpr_plan *plan);
/* Read a recorded decision (a format 3 record's "decision", or legacy's
 * "result", where what was not recorded stays unknown); strings are the
 * tree's. A wrong type or a missing key is MPR_ESCHEMA at its place. */
int sum_of_tree(decision_sum *s, const yt_node *decision, bool legacy, sc_ctx *c);
void sum_free(decision_sum *s);

/* One difference between a recorded and a recomputed decision. */
enum {
	RD_VERDICT,         /* the top-level verdict or passes */
	RD_PARTNERSHIP,     /* the partnership id */
	RD_ACTIVITY,        /* an activity in both: fields says what differs */
	RD_ACTIVITY_ADDED,  /* decided now, not recorded */
	RD_ACTIVITY_MISSING,/* recorded, not decided now */
	RD_FINDING,         /* a finding in both with another severity */
	RD_FINDING_ADDED,
	RD_FINDING_REMOVED,
	RD_PLAN,            /* the combined monitoring plan */
	RD_LIFTED           /* the rules lifted by a declaration */
};
/* The fields of an activity (RD_ACTIVITY). */
enum {
	RF_VERDICT = 1, RF_PASSES = 2, RF_REQUIRED = 4, RF_MISSING = 8, RF_MONITORING = 16,
	RF_SUSPENSION = 32, RF_TIERS = 64,
	RF_SUBJECT = 128 /* country, measure, beneficiary, implementer */
};

typedef struct rec_diff {
	int kind;
	size_t was, now; /* activity or finding indices in the two summaries */
	unsigned fields;
} rec_diff;

typedef mpr_array(rec_diff) rec_diffs;

/* Every difference between was (recorded) and now (decided again); the
 * safeguard lists compared as sets, activities and findings by id. */
int sum_compare(const decision_sum *was, const decision_sum *now, rec_diffs *out);
/* The differences as lines under indent: "verdict: a -> b", "activity X:
 * ...". */
void sum_print(mpr_buf *b, const decision_sum *was, const decision_sum *now,
               const rec_diffs *d, const char *indent);

/* ---- record.c ----------------------------------------------------------- */

/* The input a record holds: the text as decided and the sha256 of that
 * text, both UTF-8 (a UTF-16 input is the UTF-8 it was decoded to, as the
 * proposal holds it); encoding is "utf-8", the one this version writes. */
typedef struct rec_input {
	const char *file, *sha256, *encoding;
	const char *text;
	size_t len;
} rec_input;

/* A record to write. */
typedef struct record {
	const char *time;
	const char *prev; /* the seal of the record before it in the log; NULL: the first */
	const mpr_ruleset *rules;
	rec_input input;
	const rec_input *experience; /* the experience the decisions used (R9): none, */
	size_t n_experience;         /* or one, its canonical text (decide/experience.c) */
	const decision_sum *decision;
} record;

/* Append the record as one line (its seal last, then a newline) and put
 * the seal in seal. */
void record_write(mpr_buf *b, const record *rec, char seal[72]);
/* The seal a line of a log ends with (the line without its newline), into
 * seal; false when the line does not end in one. */
bool record_seal_of(const char *line, size_t len, char seal[72]);
/* Whether a line's seal is the digest of what comes before it. */
bool record_seal_holds(const char *line, size_t len, const char seal[72]);

/* A result's record, as mpr_log_append and mpr_render_record_v2 write it. */
int record_of_result(mpr_buf *b, const mpr_result *r, const char *time, const char *prev,
                     char seal[72], mpr_error *err);

#endif
