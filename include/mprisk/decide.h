/*
 * mprisk/decide.h - part of the public header <mprisk.h>:
 * one decision at a time, for embedders deciding at high rates (C1).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_DECIDE_H
#define MPRISK_DECIDE_H

#include "core.h"
#include "proposal.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Single decisions, for embedders deciding at high rates                    */

/* One activity to decide, by ids. The strings are the caller's; id (may be
 * NULL) is returned by mpr_activity_id and must outlive its use there. */
typedef struct mpr_query {
	const char *id;
	const char *country;
	const char *measure;
	const char *const *attributes;
	size_t n_attributes;
	const char *const *safeguards;
	size_t n_safeguards;
	int no_trace; /* 1: do not record the trace (mpr_activity_trace_count is 0) */
	/* Added in 0.2 (at the end, as docs/api.md promises; zero them when the
	 * struct is not initialised by designated initialisers): */
	const char *beneficiary; /* who ends up with the support (an id of the ruleset's
	                            beneficiaries: recipients only, never who carries it
	                            out), NULL when not declared: the measure's default then
	                            applies, else in a medium- or high-risk country the one
	                            the rules assume (fail closed), and humanitarian support
	                            counts as delivered to migrants only when declared (F2) */
	int nationals_only;      /* 1: a return or readmission activity that returns only the
	                            country's own nationals (F3 chain refoulement) */
	const char *evacuated_from; /* 0.2: evacuation measures: the country where the people
	                            are when they are evacuated (a country code, not their
	                            nationality), NULL when not said. One activity decided
	                            alone carries no evacuation out of that country, so an
	                            evacuation hub carries the risk of a return hub here
	                            (Rec. 6; decide it in its proposal) */
	const char *implementer; /* 0.2: who carries the activity out (an id of the ruleset's
	                            implementers), NULL when not declared: humanitarian support
	                            counts as delivered to migrants only when an independent
	                            one is declared (F2) */
} mpr_query;

/* A reusable decision object for mpr_decide, owned by the caller (free with
 * mpr_activity_free). It has room for any decision of rules, which must
 * outlive it. MPR_ENOMEM, MPR_EINVAL. */
MPR_API int mpr_activity_new(mpr_activity **out, const mpr_ruleset *rules, mpr_error *err);
MPR_API void mpr_activity_free(mpr_activity *activity);

/* Decide one activity into a (from mpr_activity_new), as mpr_evaluate
 * decides each activity (§4.2): no allocation, no I/O. Unknown ids are
 * MPR_ENOTFOUND naming the id; nationals_only for a measure that returns no
 * one, or a NULL argument, MPR_EINVAL. err (may be NULL) is written only on
 * failure. Thread-safe for distinct a on one ruleset. All mpr_activity_*
 * accessors read the result. */
MPR_API int mpr_decide(mpr_activity *a, const mpr_query *query, mpr_error *err);

/* The same from one JSON (or YAML) object
 *   {"id": ..., "country": ..., "measure": ..., "attributes": [...], "safeguards": [...],
 *    "beneficiary": ..., "nationals_only": ..., "evacuated_from": ...}
 * (the activity keys of docs/proposal-format.md; a missing beneficiary takes
 * the measure's default, fail-closed), rendering the decision as one line of JSON ending in a newline (the keys
 * of activities[] in docs/json-output.md) as text (see Conventions). name and
 * line place errors (e.g. "<stdin>", the line number). null for an optional
 * key means absent; a line of blanks only is MPR_ESCHEMA ("an empty line is
 * not an activity"). Errors as mpr_decide, and MPR_ESYNTAX, MPR_ESCHEMA.
 * For streaming (`mprisk evaluate --jsonl`) and for bindings that want one
 * call. One activity alone: no partnership rule (P1-P7, F2's partnership
 * half, the partner country of a multi-party activity) applies here; a
 * verdict on a partnership needs mpr_evaluate. */
MPR_API int mpr_decide_json(mpr_activity *a, const char *json, size_t len, const char *name,
                            unsigned line, char **out, size_t *out_len, mpr_error *err);

/* JSON in, JSON out, for bindings (examples/python/): parse a whole proposal
 * (JSON or YAML text; name places errors), evaluate it and render the result
 * as the JSON of `mprisk evaluate --format json` (docs/json-output.md, with
 * remedies and the monitoring plan) as text (see Conventions). Errors as
 * mpr_proposal_parse_buffer and mpr_evaluate. */
MPR_API int mpr_evaluate_json(const mpr_ruleset *rules, const char *proposal, size_t len,
                              const char *name, char **out, size_t *out_len, mpr_error *err);

/* Free a buffer the library returned through a char **out parameter (see
 * Conventions). The same as free(3); for callers that cannot reach the C
 * library's free. NULL is a no-op. */
MPR_API void mpr_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_DECIDE_H */
