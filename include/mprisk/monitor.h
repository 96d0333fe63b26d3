/*
 * mprisk/monitor.h - part of the public header <mprisk.h>:
 * monitoring rounds, findings and their consequences (§4.2.3).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_MONITOR_H
#define MPRISK_MONITOR_H

#include "core.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Monitoring during the partnership (§4.2.3; docs/monitoring.md)            */

/* What the monitoring rounds of one partnership found: rounds (date, body,
 * the activities covered), their observations (an activity, a kind of
 * violation from the ruleset's catalogue, a severity, evidence, the
 * agreed follow-up) and the results measured against the partnership's
 * concrete agreements. Read against the proposal it monitors, so that
 * every activity and agreement id is resolved. */
typedef struct mpr_observations mpr_observations;

/* Parse an observations file (YAML, or JSON as for proposals;
 * docs/monitoring.md) against proposal, whose ruleset's violation kinds it
 * uses: its partnership id must be the proposal's; rounds in date order,
 * none before `start`; every activity, agreement and kind known;
 * observation ids unique; a follow-up not due before its round. Each
 * violation is an error at its FILE:LINE:COL: MPR_ESYNTAX, MPR_ESCHEMA,
 * MPR_EREF, MPR_ELIMIT (opts), MPR_EIO (parse_file), MPR_ENOMEM,
 * MPR_EINVAL. name is used in messages (NULL: "<buffer>"). The proposal
 * (and its ruleset) must outlive *out, which the caller owns (free with
 * mpr_observations_free; NULL on failure). */
MPR_API int mpr_observations_parse_file(mpr_observations **out, const mpr_proposal *proposal,
                                        const char *path, const mpr_load_options *opts,
                                        mpr_error *err);
MPR_API int mpr_observations_parse_buffer(mpr_observations **out, const mpr_proposal *proposal,
                                          const char *data, size_t len, const char *name,
                                          const mpr_load_options *opts, mpr_error *err);
MPR_API void mpr_observations_free(mpr_observations *observations);
/* "sha256:<64 hex>" of the exact input bytes (of a UTF-16 input with a
 * byte order mark: of the UTF-8 text it was decoded to, as for a
 * proposal); owned by observations. */
MPR_API const char *mpr_observations_sha256(const mpr_observations *observations);

/* The monitoring status of a partnership as of a date (§4.2.3: "er
 * consequenties worden verbonden aan de observaties"): per activity the
 * next round due (M3, C4: N months after the last round that counts, M1
 * and F5 saying which count; end of month clamped), the open findings and
 * every consequence the ruleset's `consequences` attach to them (F3, C3,
 * M5, P1, ...) with its source and due date; for the partnership, the
 * consequences of its own scope (P1 structural violations; R5 when the
 * proposal no longer passes under these rules; Rec. 1 agreements behind
 * schedule) and where each concrete agreement stands. */
typedef struct mpr_monitoring mpr_monitoring;

/* Compute the status of proposal under rules as of as_of ("YYYY-MM-DD";
 * the library never reads the clock) from the observations of n files
 * (each parsed against proposal; their rounds are taken together in date
 * order, those after as_of not at all). The proposal is evaluated again
 * under rules. *out is owned by the caller (free with
 * mpr_monitoring_free); rules, proposal and the observations must outlive
 * it. Errors: MPR_EINVAL (a NULL argument, a bad date, observations of
 * another proposal, a ruleset without monitoring rules), MPR_EREF (an
 * observation id found in two files, at the second), MPR_ENOMEM. */
MPR_API int mpr_monitor(mpr_monitoring **out, const mpr_ruleset *rules,
                        const mpr_proposal *proposal, const mpr_observations *const *observations,
                        size_t n, const char *as_of, mpr_error *err);
MPR_API void mpr_monitoring_free(mpr_monitoring *monitoring);

/* The partnership's status: "on-track" (no consequence), "action-required"
 * or "stop" (an activity must stop, or the broad cooperation be scaled
 * down or stopped: P1). Static strings; NULL for NULL. */
MPR_API const char *mpr_monitoring_status(const mpr_monitoring *monitoring);
/* Every consequence, activities' in proposal order first, then the
 * partnership's: the count, then the i-th rule id (NULL when out of
 * range) with its source, action ("stop", "suspension-decision", ...; the
 * order of docs/monitoring.md), due date ("YYYY-MM-DD", or NULL when it
 * has none) and the activity it concerns (NULL for the partnership), each
 * written when not NULL. Strings owned by the monitoring or its rules. */
MPR_API size_t mpr_monitoring_consequence_count(const mpr_monitoring *monitoring);
MPR_API const char *mpr_monitoring_consequence(const mpr_monitoring *monitoring, size_t i,
                                               const char **source, const char **action,
                                               const char **due, const char **activity);

/* Render a monitoring status in opts->format: MPR_FORMAT_TEXT, MPR_FORMAT_JSON
 * (the keys of docs/json-output.md, "Monitoring";
 * docs/schema/monitoring.schema.json) or MPR_FORMAT_HTML (one self-contained
 * page for the desk and the yearly letter to parliament, P7: consequences
 * first, a timeline per activity), every text for people in opts->lang (as
 * for mpr_render_results_v2: the JSON's keys, ids and words of its
 * vocabularies never change); the other options do not apply. opts NULL:
 * text in English. Each names the ruleset's fingerprint and the proposal's
 * sha256. *out is text (see Conventions). MPR_EINVAL, MPR_ENOTFOUND (a
 * language the rules cannot be written in), MPR_ENOMEM. */
MPR_API int mpr_render_monitoring(const mpr_monitoring *monitoring,
                                  const mpr_render_options *opts, char **out, size_t *len,
                                  mpr_error *err);

/* R9 from experience: "als bij bepaalde typen afspraken herhaaldelijk
 * mensenrechtenschendingen optreden, dan gaat een hoger risicoprofiel
 * gelden" (§4.2.1). An experience gathers the observations of monitored
 * partnerships up to a date, each with the country and measure type of
 * the activity it was made under. Where, in the window of the ruleset's
 * monitoring_parameters, a country and measure type saw at least the
 * given number of observations of one kind, or one of the given
 * severities, decisions on that measure type in that country get the
 * experience attribute (the default rules: recurring-violations, which
 * R9-recurring-violations escalates), with a trace step per observation.
 *
 * An empty experience as of as_of ("YYYY-MM-DD") under rules, which must
 * outlive it; *out owned by the caller (mpr_experience_free). MPR_EINVAL
 * (a bad date, a ruleset without monitoring_parameters), MPR_ENOMEM. */
MPR_API int mpr_experience_new(mpr_experience **out, const mpr_ruleset *rules, const char *as_of,
                               mpr_error *err);
MPR_API void mpr_experience_free(mpr_experience *experience);
/* Add the observations (parsed against their proposal, parsed against the
 * experience's rules) made on or before its date. An observation the
 * experience holds already (the same partnership and id: a file given
 * twice) is MPR_EREF at its id and nothing is added, so that one finding
 * never counts twice. MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_experience_add(mpr_experience *experience, const mpr_observations *observations,
                               mpr_error *err);
/* Add an observations file that names the proposal it monitors
 * (`proposal:`, a path relative to the file; docs/monitoring.md): both are
 * read and parsed, with the errors of mpr_proposal_parse_file and
 * mpr_observations_parse_file; a file without `proposal` is MPR_ESCHEMA. */
MPR_API int mpr_experience_add_file(mpr_experience *experience, const char *path,
                                    const mpr_load_options *opts, mpr_error *err);
/* The experience as its canonical JSON (docs/json-output.md,
 * "Experience"): its date and every observation with country, measure,
 * partnership, activity, id, kind, severity and date, in a fixed order, so
 * that a decision record can hold it and replay decide again with it. The
 * text and its "sha256:<64 hex>" are owned by the experience and change
 * with each mpr_experience_add. NULL for NULL. */
MPR_API const char *mpr_experience_text(const mpr_experience *experience, size_t *len);
MPR_API const char *mpr_experience_sha256(const mpr_experience *experience);
/* An experience from its canonical JSON (as a record holds it), read
 * against rules: unknown countries, measures, kinds or severities are
 * MPR_EREF at their place. As mpr_experience_new otherwise. */
MPR_API int mpr_experience_parse(mpr_experience **out, const mpr_ruleset *rules,
                                 const char *text, size_t len, const char *name,
                                 mpr_error *err);

/* mpr_evaluate with experience (may be NULL: then exactly mpr_evaluate):
 * each activity whose measure type in its country experience escalates is
 * decided with the experience attribute, and its trace cites the
 * observations. Deciding still allocates nothing: the steps were built by
 * the experience. The result refers to experience, which must outlive it,
 * and decision records hold its text and sha256. Errors as mpr_evaluate;
 * MPR_EINVAL for an experience of other rules. */
MPR_API int mpr_evaluate_experience(mpr_result **out, const mpr_ruleset *rules,
                                    const mpr_proposal *proposal,
                                    const mpr_experience *experience, mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_MONITOR_H */
