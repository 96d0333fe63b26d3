/*
 * render.h - the printers of the render stage: each appends one view of
 * values already computed (a result with its remedies and monitoring plan,
 * the grid of best decisions, a country and a decision) to a buffer, in one
 * format per file: text.c, json.c, markdown.c, html.c. They never decide:
 * the entry points of render.c compute the values (decide/) and hand them
 * over. The audit stage prints safeguard lists with mpr_json_safeguards.
 */
#ifndef MPR_RENDER_RENDER_H
#define MPR_RENDER_RENDER_H

#include "model.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/json.h"

/* How a view is written: the caller's render options, checked by the entry
 * points of render.c. */
typedef struct mpr_how {
	const mpr_lang *lang; /* the language of every text (NULL: English) */
	mpr_explain explain;  /* which decisions' traces a text shows */
	bool suggest;         /* text: what would change each verdict */
} mpr_how;

/* A program string in the view's language (a gettext msgid: xgettext reads
 * the calls of tr as keyword tr:2). */
static inline const char *tr(const mpr_how *how, const char *msgid) MPR_FORMAT_ARG(2);
static inline const char *tr(const mpr_how *how, const char *msgid)
{
	return mpr_tr(how ? how->lang : NULL, msgid);
}

/* A rule text (a name, message, effect or source the ruleset holds) in the
 * view's language. */
static inline const char *rt(const mpr_how *how, const char *text)
{
	return mpr_rule_text(how ? how->lang : NULL, text);
}

/* A verdict's word for people, in the view's language ("verboden"); the
 * rules, the JSON and the rule tests keep mpr_verdict_word. */
const char *mpr_verdict_text(const mpr_how *how, mpr_verdict v);

/* ---- json.c ------------------------------------------------------------ */

/* The members naming a ruleset inside its JSON object: "id",
 * "fingerprint" and "signature" ({"status": "unsigned" | "signed" |
 * "invalid", and "key_id", "signed_at", "problem" as they apply), so that a
 * changed or unapproved ruleset never passes for the approved one. */
void mpr_json_ruleset_members(mpr_jw *w, const mpr_ruleset *rules);
/* The "signature" member alone. */
void mpr_json_ruleset_signature(mpr_jw *w, const mpr_ruleset *rules);
/* After a "file" member: "file_bytes", the exact bytes of a file name that
 * is not UTF-8, percent-encoded; nothing for a UTF-8 name. */
void mpr_json_file_bytes(mpr_jw *w, const char *name);

/* The members naming a country and its tier inside its JSON object: "code",
 * "name", "tier", "base_tier", "excluded" and "under_review" (the catalogue
 * and explain; the matrix has its own, shorter ones). */
void mpr_json_country_members(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rules,
                              const mpr_country *c);
/* The member "engine": {"name": "mprisk", "version": ...} of a document. */
void mpr_json_engine(mpr_jw *w);
/* The member "ruleset": {mpr_json_ruleset_members} of a document. */
void mpr_json_ruleset(mpr_jw *w, const mpr_ruleset *rules);
/* A trace (a decision's or a country's reasons) as [{"rule", "source",
 * "effect"}, ...]: the steps rendered at load copied whole, or in how's
 * language when it asks for another. */
void mpr_json_trace(mpr_jw *w, const mpr_how *how, const mpr_step *steps, size_t n);
/* The member "monitoring": {"level", "frequency_months"} of a cell. */
void mpr_json_cell_monitoring(mpr_jw *w, const mpr_ruleset *rules, const mpr_cell *cell);
/* A set of safeguards as [{"id", "source"}, ...] (the sources in how's
 * language; how NULL: English), the one representation of
 * a safeguard list in every JSON output, one a line (MPR_JW_BLOCK) or all
 * on one line (MPR_JW_INLINE). */
void mpr_json_safeguards(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rules, mpr_set set,
                         int layout);
/* One decision as the object of activities[] (docs/json-output.md); id may
 * be NULL. With rem, the remedies of activity i of r too; top: the object
 * is a document of its own (a --jsonl line) and carries format_version. */
void mpr_json_decision(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rules, const char *id,
                       const mpr_decision *d, const mpr_result *r, const mpr_remedies *rem,
                       size_t i, int top);
/* A result, as `mprisk evaluate --format json` prints each. Every text for
 * people (a step's source and effect, a finding's message, a remedy, a
 * safeguard's or monitoring item's source) in how's language (how NULL:
 * English, the texts made at load copied whole). */
void mpr_json_result(mpr_jw *w, const mpr_how *how, const mpr_result *r, const mpr_remedies *rem,
                     const mpr_plan *plan);

/* ---- json_rules.c ------------------------------------------------------ */

/* The grid of best decisions, as `mprisk matrix --format json` prints it. */
void mpr_json_matrix(mpr_jw *w, const mpr_how *how, const mpr_grid *g);
/* A country and, when a measure was asked for, the activity explained,
 * its decision there and what declaring one more field would make of it. */
void mpr_json_explain(mpr_jw *w, const mpr_how *how, const mpr_ruleset *rules,
                      const mpr_explanation *e);

/* ---- render.c ----------------------------------------------------------- */

/* A result as JSON with w (pretty or one line), with the remedies and the
 * monitoring plan it computes first: what mpr_render_result prints, for a
 * caller that writes more around it (a decision record). MPR_ENOMEM. */
int mpr_render_result_json(mpr_jw *w, const mpr_result *r, mpr_error *err);

/* ---- text.c, ruletext.c, brief.c --------------------------------------- */

/* A ruleset as every text output names it: "ID (sha256:...), unsigned",
 * ", signed by key sha256:... (TIME)" or ", NOT SIGNED: the signature is
 * invalid: why" (how may be NULL: English). */
void mpr_text_ruleset(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules);
/* Its signature alone: "unsigned", "signed by key ... (TIME)", ... */
void mpr_text_signature(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules);

/* A result: its countries' classification once, its findings, each
 * activity's decision with as much of its trace as how->explain asks; with
 * rem, what would change its verdict too. */
void mpr_text_result(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_remedies *rem,
                     const mpr_plan *plan);
/* The monitoring plan section of a result (nothing without activities). */
void mpr_text_plan(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_plan *plan);
/* One remedy as a sentence (activity: the activity it is of, 0 for a
 * finding's), also the "text" of the JSON remedies (how NULL: English). */
void mpr_text_remedy(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_remedy *m,
                     size_t activity);
/* One decision under indent; with why, its trace after the country's
 * classification. */
void mpr_text_decision(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules,
                       const mpr_decision *d, const char *indent, bool why);
/* Trace steps, one "- rule: effect" and "[source]" pair each. */
void mpr_text_trace(mpr_buf *b, const mpr_how *how, const mpr_step *steps, size_t n,
                    const char *indent);
/* The ids of a set of safeguards, or "none". */
void mpr_text_safeguards(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules, mpr_set set);
/* "TN (Tunisia): tier high (base medium, raised by ...)", no newline. */
void mpr_text_tier_line(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules,
                        const mpr_country *c);
void mpr_text_matrix(mpr_buf *b, const mpr_how *how, const mpr_grid *g);
void mpr_text_explain(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules,
                      const mpr_explanation *e);
void mpr_text_summary(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules);
/* A result in short (brief.c): its verdict with the first reason it does not
 * pass, then one line per activity, every line at most MPR_BRIEF_COLUMNS
 * characters. */
#define MPR_BRIEF_COLUMNS 100
void mpr_text_brief(mpr_buf *b, const mpr_how *how, const mpr_result *r);

/* ---- monitor_text.c, monitor_json.c, monitor_html.c ------------------- */

/* A monitoring status (decide/monitor.c computed it), in each format, its
 * texts for people in how's language (JSON: the rules' messages and
 * sources; keys, ids and the vocabularies' words stay). */
void mpr_text_monitoring(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m);
void mpr_json_monitoring(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m);
void mpr_html_monitoring(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m);

/* The vocabularies of monitoring (model.h), and a word of one for people
 * in how's language (monitor_text.c): the id itself in English. */
typedef enum mpr_mon_vocab {
	MPR_MV_SEVERITY, MPR_MV_FOLLOW, MPR_MV_ACTION, MPR_MV_ACTIVITY, MPR_MV_STATUS,
	MPR_MV_AGREEMENT
} mpr_mon_vocab;
const char *mpr_mon_text(const mpr_how *how, mpr_mon_vocab vocab, int value);

/* ---- markdown.c, html.c, heatmap.c --------------------------------------- */

void mpr_markdown_countries(mpr_buf *b, const mpr_how *how, const mpr_grid *g);
/* Whether the rules are signed, and by which key, as HTML ("signed by key
 * ...", or "unsigned" / "not signed: ..." in strong). */
void mpr_html_signature(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules);
/* The whole page; rem[i] and plans[i] are those of results[i]. */
void mpr_html_report(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                     const mpr_result *const *results, const mpr_remedies *rem,
                     const mpr_plan *plans, size_t count, const char *date);
/* Text as HTML text or attribute value (html_text.c): & < > " ' as
 * references, hidden characters shown as the text views show them. */
void mpr_html_text(mpr_buf *b, const char *s);
/* HTML formatted: fmt is the library's HTML, written as it is; every
 * conversion's output (%s text, numbers) is escaped as mpr_html_text
 * escapes it (html_text.c). An argument that is already HTML (an entity, a
 * translated sentence with markup) goes through mpr_buf_printf instead. */
void mpr_html_printf(mpr_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A verdict's class name (CSS) and its symbol, the same in every language. */
extern const char *const mpr_html_verdict_class[4];
extern const char *const mpr_html_verdict_mark[4];
/* The heatmap (heatmap.c): one table per tier, split so that no table has
 * more than MPR_HEATMAP_COLUMNS countries, with the cells of the results'
 * activities marked by their proposal's letter (A, B, ...). */
#define MPR_HEATMAP_COLUMNS 20
void mpr_html_heatmap(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                      const mpr_result *const *results, size_t count);
/* The appendix that names the rule deciding each cell, per measure. */
void mpr_html_heatmap_rules(mpr_buf *b, const mpr_how *how, const mpr_grid *g);
/* A proposal's letter on the heatmap: A..Z, then AA, AB, ... */
void mpr_html_letter(mpr_buf *b, size_t index);
/* A verdict as a badge: its symbol in its colour, then its word (html.c). */
void mpr_html_badge(mpr_buf *b, const mpr_how *how, mpr_verdict v);
/* "rule: what it says" of a decisive step: for a cell, what the report
 * says of it (its source), else its effect or message (html.c). */
void mpr_html_step_reason(mpr_buf *b, const mpr_how *how, const mpr_decision *d,
                          const mpr_step *s);
/* The report's summary section (html_summary.c). */
void mpr_html_summary(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                      const mpr_result *const *results, size_t count);
/* What decides a country's tier: the indices' base tier, the
 * migrant-specific context that raised it, an exclusion or a review (R2-R5,
 * F2) (html_summary.c). */
void mpr_html_tier_drivers(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rules,
                           const mpr_country *c);

#endif
