/*
 * mprisk/proposal.h - part of the public header <mprisk.h>:
 * reading proposals and evaluating them (§4.2, Rec. 1-6).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_PROPOSAL_H
#define MPRISK_PROPOSAL_H

#include "core.h"
#include "ruleset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Proposals                                                                 */

typedef struct mpr_proposal mpr_proposal;

/* Parse a proposal (YAML, or JSON: a text whose first non-blank character
 * is { or [ is read under RFC 8259, docs/proposal-format.md) and resolve
 * every id against rules: an unknown country, measure, attribute or
 * safeguard is an error with its place, never a quiet default. name is used
 * in messages (e.g. the file name; may be NULL for "<buffer>"). rules must
 * outlive the proposal, which *out owns (free with mpr_proposal_free; NULL
 * on failure).
 * Errors: MPR_EIO (parse_file: cannot read), MPR_ESYNTAX, MPR_ESCHEMA,
 * MPR_EREF, MPR_ELIMIT (opts: bytes, depth, nodes, string length,
 * activities), MPR_ENOMEM, MPR_EINVAL. The partnership declaration it reads
 * is what P1-P8 and M1-M5 judge. */
MPR_API int mpr_proposal_parse_file(mpr_proposal **out, const mpr_ruleset *rules,
                                    const char *path, const mpr_load_options *opts,
                                    mpr_error *err);
MPR_API int mpr_proposal_parse_buffer(mpr_proposal **out, const mpr_ruleset *rules,
                                      const char *data, size_t len, const char *name,
                                      const mpr_load_options *opts, mpr_error *err);
MPR_API void mpr_proposal_free(mpr_proposal *proposal);

/* "sha256:<64 hex>" of the exact input bytes, so that a decision can be
 * reproduced from the archived input and mpr_ruleset_fingerprint() (R5); a
 * UTF-16 input (with a byte order mark) is read as the UTF-8 text it stands
 * for, and the digest, like the text of mpr_render_record, is that text's.
 * And the partnership's id. Owned by the proposal. */
MPR_API const char *mpr_proposal_sha256(const mpr_proposal *proposal);
MPR_API const char *mpr_proposal_id(const mpr_proposal *proposal);

/* ------------------------------------------------------------------------ */
/* Evaluation                                                                */

/* Ordered from mildest to strictest. */
typedef enum mpr_verdict {
	MPR_PERMITTED = 0,   /* may proceed with standard practice */
	MPR_CONDITIONAL = 1, /* may proceed only with the required safeguards */
	MPR_NO_GO = 2,       /* the framework says avoid (C1) */
	MPR_PROHIBITED = 3   /* below the absolute floor (F1-F6) */
} mpr_verdict;

/* "permitted", "conditional", "no-go", "prohibited". */
MPR_API const char *mpr_verdict_name(mpr_verdict verdict);

typedef struct mpr_result mpr_result;
typedef struct mpr_activity mpr_activity;
/* Recorded experience for R9 (below, "Monitoring during the partnership"). */
typedef struct mpr_experience mpr_experience;

/* Evaluate every activity of proposal (the decision of §4.2: country tier,
 * measure tier with escalations R6-R9, the floor F1-F6, the matrix cell
 * C1-C4, required and missing safeguards M1-M5), then the partnership rules
 * (P1-P8, M1-M5). Never touches the file system; allocates only the
 * result. On success *out owns the result (free with mpr_result_free); it
 * refers to the ruleset and proposal, which must outlive it. Errors:
 * MPR_ENOMEM, MPR_EINVAL (NULL argument, or a proposal parsed against
 * another ruleset). */
MPR_API int mpr_evaluate(mpr_result **out, const mpr_ruleset *rules,
                         const mpr_proposal *proposal, mpr_error *err);
MPR_API void mpr_result_free(mpr_result *result);

/* The worst verdict of all activities and partnership findings. */
MPR_API mpr_verdict mpr_result_verdict(const mpr_result *result);
/* 1 when every activity passes (permitted, or conditional with every
 * required safeguard declared) and there is no partnership finding. */
MPR_API int mpr_result_passes(const mpr_result *result);
MPR_API size_t mpr_result_activity_count(const mpr_result *result);
/* Partnership-level findings (P1-P8, M1-M5): rules of the ruleset that the
 * proposal's partnership declaration does not meet. Each has the id of the
 * rule (returned), its source, a message and a severity; any finding means
 * the proposal does not pass. */
MPR_API size_t mpr_result_finding_count(const mpr_result *result);
MPR_API const char *mpr_result_finding(const mpr_result *result, size_t i, const char **source,
                                       const char **message, mpr_verdict *severity);

/* The i-th activity in proposal order, NULL when out of range. */
MPR_API const mpr_activity *mpr_result_activity(const mpr_result *result, size_t i);

/* What an activity is and how it was decided. The strings are the ruleset's
 * or the proposal's, owned by them; tiers and levels are the ruleset's names
 * (R2, C4); monitoring months is the time between two monitoring rounds. */
MPR_API const char *mpr_activity_id(const mpr_activity *a);
MPR_API const char *mpr_activity_country(const mpr_activity *a);      /* "TN" */
MPR_API const char *mpr_activity_country_tier(const mpr_activity *a); /* "high" */
MPR_API const char *mpr_activity_measure(const mpr_activity *a);
MPR_API const char *mpr_activity_measure_tier(const mpr_activity *a); /* after escalations */
/* The beneficiary the decision used (declared, else the measure's default,
 * else in a medium- or high-risk country the one the rules assume when none is
 * declared), NULL when none: support to a security force carries the risk of
 * the measure the beneficiary names (§4.1.4); only support an independent
 * implementer delivers to migrants is humanitarian (F2). */
MPR_API const char *mpr_activity_beneficiary(const mpr_activity *a);
/* 0.2: the implementer the activity declares (who carries it out: an id of
 * the ruleset's implementers), NULL when none. */
MPR_API const char *mpr_activity_implementer(const mpr_activity *a);
MPR_API mpr_verdict mpr_activity_verdict(const mpr_activity *a);
MPR_API int mpr_activity_passes(const mpr_activity *a);
MPR_API const char *mpr_activity_monitoring_level(const mpr_activity *a);
MPR_API unsigned mpr_activity_monitoring_months(const mpr_activity *a);
MPR_API const char *mpr_activity_suspension(const mpr_activity *a);

/* Required safeguards (from the matrix cell, the measure and its escalations;
 * C2, C3, M1-M5) and the subset the activity does not declare: the count,
 * then the i-th id in the ruleset's catalogue order (NULL when out of
 * range) with its report source in *source (if not NULL). */
MPR_API size_t mpr_activity_required_count(const mpr_activity *a);
MPR_API const char *mpr_activity_required(const mpr_activity *a, size_t i, const char **source);
MPR_API size_t mpr_activity_missing_count(const mpr_activity *a);
MPR_API const char *mpr_activity_missing(const mpr_activity *a, size_t i, const char **source);

/* The trace: every rule that took part in the decision, in order, with the
 * report section it cites and what it did: the i-th rule id (NULL when out
 * of range), its source and effect in *source and *effect (if not NULL). */
MPR_API size_t mpr_activity_trace_count(const mpr_activity *a);
MPR_API const char *mpr_activity_trace(const mpr_activity *a, size_t i,
                                       const char **source, const char **effect);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_PROPOSAL_H */
