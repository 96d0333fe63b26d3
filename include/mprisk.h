/*
 * mprisk.h - the one public header of libmprisk.
 *
 * libmprisk turns the risk-steered framework for migration partnerships of the
 * Dutch advisory councils AM and AIV ("Migratie in Partnerschap: Sturen op Recht
 * en Resultaat", 2026) into executable, auditable rules. A ruleset (YAML files)
 * is loaded once, validated against the framework's own invariants and then
 * frozen; proposals (YAML or JSON) are evaluated against it, activity by
 * activity, and every decision carries the trace of the rules that made it.
 *
 * Conventions (see docs/api.md for the full reference):
 *  - Functions return 0 (MPR_OK) or a negative MPR_E* code. Details go into the
 *    mpr_error the caller passes (may be NULL): message, file, line, column.
 *  - Objects are opaque; every *_load / *_parse / mpr_evaluate has a *_free, and
 *    every *_free accepts NULL.
 *  - Strings returned by accessors are owned by the object they came from and
 *    live as long as it does, unless a function says otherwise.
 *  - Text returned through a `char **out` parameter (every mpr_render_*,
 *    mpr_decide_json, mpr_evaluate_json, mpr_coverage_render_*,
 *    mpr_test_file, mpr_diff, mpr_lint, mpr_lint_v2, mpr_lint_v3, mpr_replay,
 *    mpr_render_record_v2, mpr_ruleset_sign, mpr_log_sign_head,
 *    mpr_indicators_import, mpr_input_read) is one NUL-terminated buffer from malloc that
 *    the caller owns and frees with mpr_free() or free(3); its length, the
 *    NUL not counted, goes to the size_t * beside it unless that is NULL.
 *    On failure *out is NULL and there is nothing to free. The functions
 *    below refer to this as "text (see Conventions)".
 *  - Each function says which section of the report it serves (§ and the
 *    rule ids of docs/framework.md: R, C, F, M, P).
 *  - No global mutable state. A loaded mpr_ruleset is immutable: any number of
 *    threads may use one ruleset at the same time. A proposal or result may be
 *    read by several threads but must not be freed while in use.
 *  - The library never prints, never calls exit(), never reads the environment.
 */
#ifndef MPRISK_H
#define MPRISK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MPR_VERSION_MAJOR 0
#define MPR_VERSION_MINOR 1
#define MPR_VERSION_PATCH 0
#define MPR_VERSION_STRING "0.1.0"

#if defined(__GNUC__) && defined(MPR_BUILDING_LIBRARY)
#define MPR_API __attribute__((visibility("default")))
#else
#define MPR_API
#endif

/* Version of the library actually linked, e.g. "0.1.0". */
MPR_API const char *mpr_version(void);

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

enum {
	MPR_OK = 0,
	MPR_ENOMEM = -1,     /* an allocation failed */
	MPR_EIO = -2,        /* a file or directory could not be read */
	MPR_ESYNTAX = -3,    /* not well-formed YAML/JSON */
	MPR_ESCHEMA = -4,    /* unknown key, wrong type, missing or duplicate field */
	MPR_EREF = -5,       /* an id that is not defined (or defined twice) */
	MPR_EINVARIANT = -6, /* the rules break an invariant of the framework */
	MPR_ELIMIT = -7,     /* input exceeds a limit of mpr_load_options */
	MPR_EINVAL = -8,     /* invalid argument passed by the caller */
	MPR_ENOTFOUND = -9,  /* asked for a country or measure the rules lack */
	MPR_ESIGNATURE = -10 /* a signature is missing, invalid, or by another key */
};

/* Filled by every function that can fail. file is "" and line/column are 0
 * when the error is not about a place in an input file. */
typedef struct mpr_error {
	int code;
	char file[512];
	unsigned line;   /* 1-based */
	unsigned column; /* 1-based */
	char message[512];
} mpr_error;

/* A static English name for an MPR_E* code ("out of memory", ...). */
MPR_API const char *mpr_strerror(int code);

/* Write "FILE:LINE:COL: message" (or just "message" when no place is known)
 * into buf (always NUL-terminated when size > 0). Returns the length the
 * full text needs, like snprintf. Always one line: file and message are
 * shown as mpr_text_visible shows text (the library fills them in so). */
MPR_API int mpr_error_format(const mpr_error *err, char *buf, size_t size);

/* The same in a language (as for mpr_render_options.lang: NULL or "en" is
 * English, "nl", "nl-NL", "nl_NL.UTF-8" Dutch): err->message stays English,
 * and the library notes after its NUL which message it is, so that it can
 * be written again in another language, per call; what the input said
 * (ids, names, paths) is shown as it was. A message the library has no
 * translation of, a language it does not have, or a message the caller
 * wrote into err itself is written in English, as mpr_error_format writes
 * it. */
MPR_API int mpr_error_format_lang(const mpr_error *err, const char *lang, char *buf, size_t size);

/* Text as the library shows what an input says in every text output and
 * error message (docs/security.md): each control character (C0 with tab
 * and newline, DEL, C1), line or paragraph separator (U+2028, U+2029),
 * bidi control (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and
 * byte that is not UTF-8 becomes a visible escape (\n, \r, \t, \x1b,
 * \u202e), everything else stays as it is; escaping twice changes nothing.
 * So a title or a file name cannot start a line, forge a "FILE:LINE:COL"
 * or hide the verdict on a terminal (the red team's F9). For callers that
 * print input next to the library's output (mprisk's usage errors). Writes
 * at most size bytes into buf, NUL-terminated when size > 0 and cut only
 * between whole characters or escapes; returns the length the whole text
 * needs, like snprintf. text NULL is "". */
MPR_API size_t mpr_text_visible(char *buf, size_t size, const char *text);

/* ------------------------------------------------------------------------ */
/* Limits                                                                    */

/* Limits applied to every input file (rules and proposals). Initialise with
 * MPR_LOAD_OPTIONS_INIT and change what you need; the version field lets the
 * struct grow without breaking callers. Passing NULL means the defaults. */
typedef struct mpr_load_options {
	unsigned version;        /* MPR_LOAD_OPTIONS_VERSION */
	size_t max_file_bytes;   /* largest input file (default 4 MiB) */
	unsigned max_depth;      /* deepest nesting of collections (default 32) */
	size_t max_nodes;        /* YAML nodes per file (default 200000) */
	size_t max_string;       /* longest scalar in bytes (default 8192) */
	size_t max_activities;   /* activities in one proposal (default 10000) */
} mpr_load_options;

#define MPR_LOAD_OPTIONS_VERSION 1
#define MPR_LOAD_OPTIONS_INIT { MPR_LOAD_OPTIONS_VERSION, 4u << 20, 32u, 200000u, 8192u, 10000u }

/* Read a whole input the way the library reads its own (docs/security.md,
 * "Files that are not files"), for callers that read proposals or logs
 * themselves: path names a regular file, opened without waiting (a FIFO,
 * device, directory or socket is refused at once, naming its kind; a
 * symbolic link is not followed), or is NULL for standard input, read to
 * its end whatever it is, as "<stdin>" in messages. Never more than max
 * bytes: pass the max_file_bytes of mpr_load_options for a proposal (so
 * standard input has the files' limit), SIZE_MAX for no limit (a decision
 * log). *data is text (see Conventions), *len its length (may be NULL).
 * Errors: MPR_EIO (cannot open or read, including a read error on standard
 * input, which is never an empty text; not a regular file), MPR_ELIMIT,
 * MPR_ENOMEM, MPR_EINVAL (data NULL). */
MPR_API int mpr_input_read(const char *path, size_t max, char **data, size_t *len,
                           mpr_error *err);

/* ------------------------------------------------------------------------ */
/* Ruleset                                                                   */

typedef struct mpr_ruleset mpr_ruleset;

/* Load every *.yaml file under dir (recursively, in byte order of their
 * paths, symlinks not followed), validate it and compute every country tier
 * (R2-R5, F1, F2: docs/rules-format.md). Fails closed: any unknown key,
 * unknown or duplicate id, missing source, missing or non-monotone matrix
 * cell (C1, C3) is an error naming file:line:column. On success *out owns the
 * ruleset (free with mpr_ruleset_free). On failure *out is NULL and the code
 * is MPR_EIO (a directory or file that cannot be read, a symbolic link, a
 * *.yml file), MPR_ESYNTAX, MPR_ESCHEMA, MPR_EREF, MPR_EINVARIANT, MPR_ELIMIT
 * (opts), MPR_ENOMEM or MPR_EINVAL (out or dir NULL). opts may be NULL. */
MPR_API int mpr_ruleset_load(mpr_ruleset **out, const char *dir,
                             const mpr_load_options *opts, mpr_error *err);
MPR_API void mpr_ruleset_free(mpr_ruleset *rules);

/* "sha256:<64 hex>" of the canonical content of the ruleset: every file's
 * path relative to the rules directory and its YAML content as a tree, so
 * comments and layout do not change it but any value, key or order does
 * (R5: a classification is dated and revisable). Owned by rules; NULL for
 * a NULL ruleset, as for every accessor below. */
MPR_API const char *mpr_ruleset_fingerprint(const mpr_ruleset *rules);
/* Whether the ruleset's owner approved exactly these rules (docs/auditing.md,
 * "Approved rulesets"). mpr_ruleset_load reads the signature file
 * DIR/ruleset.sig when there is one (it is not a rule file: the loader
 * reads only *.yaml, and the fingerprint covers all of those) and checks
 * it: MPR_SIGNATURE_VALID when its Ed25519 signature by the key it names
 * covers this ruleset's id and fingerprint, MPR_SIGNATURE_INVALID when it
 * does not (the rules changed after signing, or the file was altered),
 * MPR_SIGNATURE_NONE without one. A signature file that cannot be read as
 * one is a load error (MPR_ESCHEMA with its place). Only a check against a
 * key the caller trusts says who approved the rules: see
 * mpr_ruleset_check_signature. */
enum { MPR_SIGNATURE_NONE = 0, MPR_SIGNATURE_VALID = 1, MPR_SIGNATURE_INVALID = 2 };
/* The status; *key_id (may be NULL) the signing key's id, "sha256:<64 hex>"
 * of its 32 raw bytes ("" without a signature file); *note (may be NULL)
 * when it was signed for VALID, why it is invalid for INVALID, NULL for
 * NONE. Strings owned by rules. MPR_SIGNATURE_NONE for a NULL ruleset. */
MPR_API int mpr_ruleset_signature(const mpr_ruleset *rules, const char **key_id,
                                  const char **note);
/* MPR_OK when the rules carry a valid signature by the Ed25519 public key
 * in public_pem (PEM text, "BEGIN PUBLIC KEY", as `openssl pkey -pubout`
 * writes it); else MPR_ESIGNATURE naming the signature file and why: not
 * signed, changed after signing, an altered signature, or signed by
 * another key (both key ids given). MPR_EINVAL for a NULL argument or a
 * public_pem that is not an Ed25519 public key (a private key included).
 * What `--require-signature PUB` checks (evaluate, replay, serve). */
MPR_API int mpr_ruleset_check_signature(const mpr_ruleset *rules, const char *public_pem,
                                        size_t len, mpr_error *err);
/* The text of a signature file for rules, signed with the Ed25519 private
 * key in private_pem (PEM, unencrypted PKCS#8 as `openssl genpkey
 * -algorithm ed25519` writes it), dated time (the caller's clock, e.g.
 * ISO 8601 UTC; printable ASCII without quotes or backslashes). Written to
 * DIR/ruleset.sig (`mprisk sign`), it makes the rules MPR_SIGNATURE_VALID
 * until any rule file changes. *out is text (see Conventions).
 * MPR_ESIGNATURE for a key that cannot sign (not PEM, not Ed25519,
 * encrypted), MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_ruleset_sign(const mpr_ruleset *rules, const char *private_pem, size_t len,
                             const char *time, char **out, size_t *out_len, mpr_error *err);

/* The id and title declared in the ruleset file. */
MPR_API const char *mpr_ruleset_id(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_title(const mpr_ruleset *rules);

/* Catalogue lookups, for embedders building their own input: the number of
 * countries (ISO 3166-1 alpha-2 codes) and of measures (the report's
 * measure types, tables 1-4), and the i-th code or id in ruleset order
 * (NULL when out of range). */
MPR_API size_t mpr_ruleset_country_count(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_country_code(const mpr_ruleset *rules, size_t i);
MPR_API size_t mpr_ruleset_measure_count(const mpr_ruleset *rules);
MPR_API const char *mpr_ruleset_measure_id(const mpr_ruleset *rules, size_t i);

/* The tier name of a country ("high"; R2), or NULL for an unknown code. */
MPR_API const char *mpr_ruleset_country_tier(const mpr_ruleset *rules, const char *code);

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
/* "sha256:<64 hex>" of the exact input bytes; owned by observations. */
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
 * experience's rules) made on or before its date. MPR_EINVAL, MPR_ENOMEM. */
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

/* ------------------------------------------------------------------------ */
/* Auditing: rule coverage, rule tests, impact diff, lint, decision records  */

/* Which rule entries (countries, context factors, classification, treaty
 * rules, measures, escalations, attributes, safeguards, matrix cells, floor
 * rules) a set of decisions exercised. Owned by the caller, not shared:
 * adding to it is not thread-safe, the ruleset stays untouched. */
typedef struct mpr_coverage mpr_coverage;

/* A coverage of rules, empty; *out owned by the caller (free with
 * mpr_coverage_free). MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_coverage_new(mpr_coverage **out, const mpr_ruleset *rules, mpr_error *err);
MPR_API void mpr_coverage_free(mpr_coverage *coverage);
/* Record every entry that took part in the decisions of result (which must
 * have been evaluated with the coverage's rules; otherwise nothing). */
MPR_API void mpr_coverage_add_result(mpr_coverage *coverage, const mpr_result *result);
/* Entries in all, and how many were exercised at least once. */
MPR_API size_t mpr_coverage_total(const mpr_coverage *coverage);
MPR_API size_t mpr_coverage_hit(const mpr_coverage *coverage);
/* An lcov tracefile whose "lines" are the YAML lines where the entries are
 * defined (SF: the rule file paths as loaded), so that genhtml renders the
 * coverage of the rules themselves. *out is text (see Conventions);
 * MPR_EINVAL, MPR_ENOMEM. */
MPR_API int mpr_coverage_render_lcov(const mpr_coverage *coverage, char **out, size_t *len,
                                     mpr_error *err);
/* Text: the figure, then every entry never exercised with its place. As
 * mpr_coverage_render_lcov. */
MPR_API int mpr_coverage_render_text(const mpr_coverage *coverage, char **out, size_t *len,
                                     mpr_error *err);

/* Run the rule tests of one file (docs/auditing.md: format; each case pins a
 * rule of the report). *report is text (see Conventions): one block per
 * failed case, "FILE:LINE: case NAME: expected X, got Y" and the trace;
 * *passed and *failed count cases. coverage may be NULL. An error in the
 * test file itself returns an MPR_E* code with its place (MPR_EIO,
 * MPR_ESYNTAX, MPR_ESCHEMA, MPR_EREF, MPR_ELIMIT), nothing in *report; a
 * case that asserts nothing concrete (an empty expect, monitoring or
 * activities map) is such an error (MPR_ESCHEMA), never a passing case. */
MPR_API int mpr_test_file(const mpr_ruleset *rules, const char *path,
                          const mpr_load_options *opts, mpr_coverage *coverage,
                          char **report, size_t *len, size_t *passed, size_t *failed,
                          mpr_error *err);

/* Compare two rulesets: structural changes (entries added, removed,
 * changed) and every decision of the shared decision space that changes
 * (every country x measure, with no attribute and with each attribute, with
 * no safeguard and with the required ones declared), each labelled
 * tightening or loosening. A loosening is justified when an entry that
 * changed and took part in the new decision carries a `justification`
 * (R5: revisable, but every loosening of C3's safeguards and monitoring is
 * accounted for). *out is text (see Conventions), text or JSON;
 * *unjustified counts the unjustified loosenings (may be NULL). MPR_EINVAL,
 * MPR_ENOMEM. */
MPR_API int mpr_diff(const mpr_ruleset *old_rules, const mpr_ruleset *new_rules,
                     mpr_format format, char **out, size_t *len, size_t *unjustified,
                     mpr_error *err);

/* Warnings on a loaded ruleset: assessments older than the ruleset's
 * staleness_months (in months) before today ("YYYY-MM-DD"; R5), safeguards
 * no cell, measure or escalation requires, attributes no rule uses, and,
 * when tested is not NULL, measures and countries the rule tests never
 * exercised. *out is text (see Conventions); *warnings (may be NULL) counts
 * errors and warnings (see mpr_lint_v2). MPR_EINVAL (a bad date, coverage
 * of other rules), MPR_ENOMEM. */
MPR_API int mpr_lint(const mpr_ruleset *rules, const char *today, const mpr_coverage *tested,
                     char **out, size_t *len, size_t *warnings, mpr_error *err);

/* Lint with its findings counted by class: errors are data the rules cannot
 * decide on as written (a treaty status that is unknown, which counts as not
 * a party, §4.2 F1) and make `mprisk lint` fail; warnings are stale or unused
 * entries (fail with --strict); notes report unknown values that the
 * classification already counts towards higher risk. The text has one line
 * per finding, "FILE:LINE:COL: error|warning|note: ...". mpr_lint counts
 * errors and warnings together in *warnings. As mpr_lint otherwise; counts
 * may be NULL. */
typedef struct mpr_lint_counts {
	size_t errors, warnings, notes;
} mpr_lint_counts;
MPR_API int mpr_lint_v2(const mpr_ruleset *rules, const char *today, const mpr_coverage *tested,
                        char **out, size_t *len, mpr_lint_counts *counts, mpr_error *err);
/* mpr_lint_v2 in a language: lang as mpr_render_options.lang (NULL or "en"
 * English, or one of mpr_ruleset_language; MPR_ENOTFOUND for another). The
 * sentences and the rules' texts they quote (a tier's name) are translated;
 * places, the class words error, warning and note, ids and the keys of the
 * rule files are the format's and never change. */
MPR_API int mpr_lint_v3(const mpr_ruleset *rules, const char *today, const mpr_coverage *tested,
                        const char *lang, char **out, size_t *len, mpr_lint_counts *counts,
                        mpr_error *err);

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

/* ---- Refreshing country indicators (docs/countries.md) ----------------- */

/* The published tables to import; NULL for a table not given. Fields are
 * only ever added at the end: initialise with designated initialisers or
 * zero the struct. docs/countries.md says exactly what each table may look
 * like (title rows, delimiters, quoting, numbers, names). */
typedef struct mpr_import_sources {
	const char *freedom_house; /* Freedom House "All data" CSV (Country/Territory, Edition,
	                              Status, Total) */
	const char *human_rights;  /* OWID human-rights-index-vdem CSV (Entity, Code, Year, value) */
	const char *regime;        /* OWID political-regime CSV, with human_rights only */
	const char *vdem_version;  /* the V-Dem version of the OWID tables, e.g. "v16"; required
	                              with human_rights or territory */
	const char *today;         /* YYYY-MM-DD: the new 'assessed' date */
	const char *territory;     /* OWID percentage-of-territory-controlled-by-government CSV
	                              (V-Dem v2svstterr: Entity, Code, Year, the estimate) for
	                              state_authority (F2) */
} mpr_import_sources;

/* Update the indicator values of the ruleset in dir from the tables, in the
 * rule files' text (comments and layout kept), and write every rule file to
 * out_dir (dir itself to update in place). Countries are matched by
 * fh_name (else name) in the Freedom House table and by iso3 in the OWID
 * tables (by name in rows without a code), names compared after Unicode
 * normalisation; each country's latest edition or year is taken, never one
 * older than the rules hold. A country is refreshed, and its 'assessed' date
 * set to today, only when every table given has it in its newest edition or
 * year; the report lists the others as not refreshed. Every source id the
 * new values cite (fh-EDITION, vdem-VERSION-owid, vdem-VERSION-owid-territory)
 * is declared. A table that is not valid (a short row, two different rows
 * for one country and edition, a bad value, no header) is refused with
 * MPR_ESYNTAX or MPR_ESCHEMA and its FILE:LINE:COL in err, and nothing is
 * written; nothing is written either unless the updated ruleset loads.
 * *report is text (see Conventions): each country's change, the tier and
 * exclusion changes (R2-R5, F2) and the decisions that change (as mpr_diff).
 * Reads and writes files; no global state: safe from any thread for
 * different out_dirs. */
MPR_API int mpr_indicators_import(const char *dir, const mpr_import_sources *sources,
                                  const char *out_dir, char **report, size_t *report_len,
                                  mpr_error *err);

/* ---- For forms and services (mprisk serve, docs/api-http.md) ---------- */

/* The ruleset's catalogue as one JSON document (docs/json-output.md,
 * "catalogue"): format_version, engine, language ("en"), ruleset (id, title,
 * fingerprint), the tiers (and their names), the monitoring and suspension
 * levels, the verdict names, then every entry a proposal may name, in
 * catalogue order, each with its label (the ruleset's `name`) and its
 * source in the report: countries (code, name, tier, base_tier, excluded,
 * assessed), measures (id, name, source, tier, goal, humanitarian,
 * transfers, nationals_only_applies, default_beneficiary, requires[]),
 * attributes, beneficiaries (delivers_to_migrants, carries), safeguards
 * (elements) and partnership_elements (detail: the key a declaration of the
 * element must state, e.g. "framework" for broader-partnership, or null).
 * What a form or another tool needs to build a valid proposal (§4.2: the
 * ids a proposal may cite are the ruleset's). Text (see Conventions).
 * MPR_EINVAL for a NULL rules or out, MPR_ENOMEM. Reads the ruleset only:
 * thread-safe. */
MPR_API int mpr_render_catalogue(const mpr_ruleset *rules, char **out, size_t *len,
                                 mpr_error *err);
/* The same with options, of which it reads lang: the labels and sources in
 * that language (ids, tiers and verdicts never change), and "language" says
 * which. MPR_ENOTFOUND for a language the ruleset cannot be written in. */
MPR_API int mpr_render_catalogue_v2(const mpr_ruleset *rules, const mpr_render_options *opts,
                                    char **out, size_t *len, mpr_error *err);

/* A parsed proposal written back in the input format
 * (docs/proposal-format.md), so that a form can edit it and evaluating the
 * output gives the decisions the original gives.
 *
 * mpr_render_proposal_json: normalised JSON, every key present: partnership
 * {id, title, country, description, parties[] (null when none is
 * declared: the input format refuses an empty list), elements[] (an id, or
 * {"id", DETAIL} for an element with a detail, in catalogue order),
 * monitoring ({frequency_months, bodies[{name, independent, local_access}]}
 * or null), agreements ([{id, owner, what, due, indicator, target (a number,
 * at most six decimals), activities[] or null, incentive, consequence}] or
 * null: the concrete agreements of Rec. 1)}, activities[{id, measure,
 * country (null when it takes the partnership's), beneficiary (declared, or null), nationals_only (a boolean
 * for return and readmission measures, else null), attributes[],
 * safeguards[] (in catalogue order), description}]; null for what is not
 * given.
 *
 * mpr_render_proposal_yaml: the same as a YAML document written by libyaml's
 * emitter, without the keys that are null or empty; ids plain unless a YAML
 * reader could take them for a boolean or null (NO, yes), free text
 * double-quoted, UTF-8 as it is.
 *
 * The descriptions are read again from the exact input text the proposal
 * keeps. Serves the drafting of a partnership: the declaration the
 * partnership rules read (P1-P8, M1-M5; §4.1.5, §4.2.3). Text (see
 * Conventions). MPR_EINVAL for a NULL proposal or out, MPR_ENOMEM. The
 * proposal's ruleset must still be alive. Reads the proposal only:
 * thread-safe. */
MPR_API int mpr_render_proposal_json(const mpr_proposal *proposal, char **out, size_t *len,
                                     mpr_error *err);
MPR_API int mpr_render_proposal_yaml(const mpr_proposal *proposal, char **out, size_t *len,
                                     mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_H */
