/*
 * mprisk/render.h - part of the public header <mprisk.h>:
 * text, JSON, HTML and markdown of what was decided.
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_RENDER_H
#define MPRISK_RENDER_H

#include "core.h"
#include "decide.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Rendering                                                                 */

/* MPR_FORMAT_MARKDOWN: mpr_render_matrix only (the country table of
 * docs/countries.md); MPR_FORMAT_HTML: mpr_render_monitoring only (the
 * report page has its own call, mpr_render_report); the other renderers
 * refuse them with MPR_EINVAL. */
typedef enum mpr_format {
	MPR_FORMAT_TEXT = 0,
	MPR_FORMAT_JSON = 1,
	MPR_FORMAT_MARKDOWN = 2,
	MPR_FORMAT_HTML = 3
} mpr_format;

/* The shape of every JSON document the library writes (results, decision
 * lines, explain, matrix, diff, decision records), given in each as the
 * top-level key "format_version". Version 2: safeguard lists are always
 * arrays of {"id", "source"} objects, and mpr_render_results gives an array
 * for any number of results. docs/json-output.md: what changed, and the
 * promise for keys. */
#define MPR_JSON_FORMAT_VERSION 2

/* Or'ed into the format of mpr_render_result(s): in text, also print what
 * would change the verdict (remedies). JSON always carries remedies. */
#define MPR_RENDER_SUGGEST 0x100

/* Render a result: the decisions, partnership findings, the monitoring plan
 * (§4.2.3, M1-M5) and (JSON, or text with MPR_RENDER_SUGGEST) remedies, what
 * would change each verdict. format is MPR_FORMAT_TEXT or MPR_FORMAT_JSON,
 * optionally or'ed with MPR_RENDER_SUGGEST; *out is text (see Conventions).
 * The JSON keys are documented in docs/json-output.md and are stable.
 * Errors: MPR_EINVAL (a NULL result or out, another format), MPR_ENOMEM. */
MPR_API int mpr_render_result(const mpr_result *result, int format,
                              char **out, size_t *len, mpr_error *err);

/* Render several results as one document: text blocks one after another, or
 * for JSON an array of the objects mpr_render_result produces, whatever
 * count is (also for one result, and [] for none). As mpr_render_result. */
MPR_API int mpr_render_results(const mpr_result *const *results, size_t count,
                               int format, char **out, size_t *len,
                               mpr_error *err);

/* How much of each decision's trace a text shows (after OPA's --explain). In
 * every text a country's classification (R2-R5) is shown once per proposal,
 * before the activities decided there. */
typedef enum mpr_explain {
	MPR_EXPLAIN_FAILS = 0, /* the trace of each activity that does not pass */
	MPR_EXPLAIN_NONE = 1,  /* no trace: each decision, its monitoring and safeguards */
	MPR_EXPLAIN_FULL = 2   /* every activity's whole trace */
} mpr_explain;

/* Options of mpr_render_results_v2. Initialise with MPR_RENDER_OPTIONS_INIT
 * and change what you need; the version field lets the struct grow. NULL
 * means the defaults. */
typedef struct mpr_render_options {
	unsigned version;    /* MPR_RENDER_OPTIONS_VERSION */
	mpr_format format;   /* MPR_FORMAT_TEXT (default) or MPR_FORMAT_JSON */
	mpr_explain explain; /* text: MPR_EXPLAIN_FAILS (default), NONE or FULL */
	int brief;           /* text: 1 for the short answer: per proposal its verdict
	                        with the first reason it does not pass, then one line per
	                        activity, no line longer than 100 characters */
	int suggest;         /* text: 1 to print what would change each verdict too */
	const char *lang;    /* the language of every text for people: NULL or "en" for
	                        English, or one of mpr_ruleset_language ("nl"); a tag
	                        such as "nl-NL" or "nl_NL.UTF-8" names its language. JSON
	                        keys, ids and verdict names in JSON never change */
} mpr_render_options;

#define MPR_RENDER_OPTIONS_VERSION 1
#define MPR_RENDER_OPTIONS_INIT { MPR_RENDER_OPTIONS_VERSION, MPR_FORMAT_TEXT, MPR_EXPLAIN_FAILS, 0, 0, NULL }

/* The languages the library can write this ruleset's texts in: "en" first
 * (the rules as written), then every language for which the library has a
 * catalogue of its own texts (lib/po) and the ruleset a translation file
 * (LANG.yaml beside its rules, part of its fingerprint). The count, and the
 * i-th code (NULL when out of range). Asking a renderer for another language
 * is MPR_ENOTFOUND. */
MPR_API size_t mpr_ruleset_language_count(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_language(const mpr_ruleset *rules, size_t i);

/* Render results as mpr_render_results does, with the options (the
 * language of every text: opts->lang, per call, so that threads may write
 * the same result in different languages at once): the text's
 * trace as opts->explain asks (mpr_render_results shows every trace,
 * MPR_EXPLAIN_FULL), or the short answer (opts->brief; suggest, explain and
 * JSON do not go with it). JSON is the same whatever the options. Serves
 * the report's readers (P7: parliament informed) with the reasons first.
 * MPR_EINVAL (a NULL result or out, an unknown format, version or explain,
 * brief with JSON or suggest), MPR_ENOTFOUND (a language the ruleset cannot
 * be written in), MPR_ENOMEM. */
MPR_API int mpr_render_results_v2(const mpr_result *const *results, size_t count,
                                  const mpr_render_options *opts, char **out, size_t *len,
                                  mpr_error *err);

/* Every country x measure decision of the loaded rules (R1, C1-C4), as the
 * decision an activity gets when it declares exactly the safeguards it is
 * required to, for every country and measure however many there are.
 * MPR_FORMAT_MARKDOWN: one table row per country (tier, what drives it,
 * assessment date, how many measures get each verdict). *out is text (see
 * Conventions). MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_render_matrix(const mpr_ruleset *rules, mpr_format format,
                              char **out, size_t *len, mpr_error *err);

/* Why a country has its tier (indicators, context factors, sources: R2-R5,
 * F1, F2) and, if measure is not NULL, the whole decision for that measure
 * there with every rule that fired, and the attributes that would change it
 * (R6-R9, F3, F4). Text or JSON; *out is text (see Conventions).
 * MPR_ENOTFOUND for an unknown country or measure, MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_render_explain(const mpr_ruleset *rules, const char *country,
                               const char *measure, mpr_format format,
                               char **out, size_t *len, mpr_error *err);

/* One self-contained HTML page for people (`mprisk report`): the ruleset's
 * fingerprint and the date given (YYYY-MM-DD or any text), each result's
 * decisions, partnership findings and monitoring plan, and the country x
 * measure heatmap with the reasons and sources of every country's tier. No
 * script, font or link outside the page; symbols with every colour. Each
 * result must have been evaluated with rules (else MPR_EINVAL). *out is text
 * (see Conventions); MPR_ENOMEM. */
MPR_API int mpr_render_report(const mpr_ruleset *rules, const mpr_result *const *results,
                              size_t count, const char *date, char **out, size_t *len,
                              mpr_error *err);

/* mpr_render_matrix, mpr_render_explain and mpr_render_report with
 * options: format (the one of the call it extends; the report's is HTML and
 * its format is ignored) and lang (as for mpr_render_results_v2); the other
 * fields are ignored. NULL options are the defaults. MPR_ENOTFOUND also for
 * a language the ruleset cannot be written in. */
MPR_API int mpr_render_matrix_v2(const mpr_ruleset *rules, const mpr_render_options *opts,
                                 char **out, size_t *len, mpr_error *err);
MPR_API int mpr_render_explain_v2(const mpr_ruleset *rules, const char *country,
                                  const char *measure, const mpr_render_options *opts,
                                  char **out, size_t *len, mpr_error *err);
MPR_API int mpr_render_report_v2(const mpr_ruleset *rules, const mpr_result *const *results,
                                 size_t count, const char *date,
                                 const mpr_render_options *opts, char **out, size_t *len,
                                 mpr_error *err);

/* 0.2: mpr_render_explain_v2 for the activity a query describes (its
 * country, its measure or NULL, and what it declares that the substance
 * rules read: beneficiary, implementer, nationals_only, evacuated_from,
 * attributes; its safeguards are taken to be exactly the required ones, and
 * id and no_trace are not read), with the fields that would change the
 * decision and what they would make of it: nationals_only (F3), a
 * beneficiary or implementer (§4.1.4, F2), the evacuation beside an
 * evacuation hub (Rec. 6). One activity alone: no partnership rule, no
 * partner, no evacuation beside a hub. Errors as mpr_render_explain_v2 and
 * mpr_decide; declarations without a measure are MPR_EINVAL. */
MPR_API int mpr_render_explain_query(const mpr_ruleset *rules, const mpr_query *query,
                                     const mpr_render_options *opts, char **out, size_t *len,
                                     mpr_error *err);

/* A summary of the loaded ruleset for `mprisk lint`: counts of each kind of
 * entry, countries per tier (R2), the fingerprint (R5) and the invariants
 * checked at load (C1, C3). *out is text (see Conventions); MPR_EINVAL,
 * MPR_ENOMEM. */
MPR_API int mpr_render_summary(const mpr_ruleset *rules, char **out, size_t *len,
                               mpr_error *err);
/* The summary in the language opts->lang names (as for the other views; the
 * other options are not read; opts may be NULL). As mpr_render_summary, and
 * MPR_ENOTFOUND for a language the ruleset cannot be written in. */
MPR_API int mpr_render_summary_v2(const mpr_ruleset *rules, const mpr_render_options *opts,
                                  char **out, size_t *len, mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_RENDER_H */
