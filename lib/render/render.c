/*
 * render.c - the entry points of the render stage: each checks its
 * arguments, asks the decide stage for the values its view prints (a
 * result's remedies and monitoring plan, the grid of best decisions, one
 * decision to explain), hands them to the printer of the format asked for
 * (text.c, json.c, markdown.c, html.c) and gives the caller the text, which
 * is malloc'd and freed with mpr_free or free (include/mprisk.h). Also the
 * JSON-in, JSON-out calls for bindings and streams, which read first.
 */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "load/load.h"
#include "input/activity.h"
#include "input/tree.h"
#include "util/error.h"

/* Hand the text to the caller, or report that memory ran out. */
static int finish(mpr_buf *b, char **out, size_t *len, mpr_error *err)
{
	int rc = mpr_buf_finish(b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering") : MPR_OK;
}

/* The language code names for rs, into *how; MPR_ENOTFOUND for one it
 * cannot be written in. */
static int language(const mpr_ruleset *rs, const char *code, mpr_how *how, mpr_error *err)
{
	const char *name = code ? code : "en";
	how->lang = mpr_ruleset_lang(rs, name);
	if (!how->lang)
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0,
		                "the texts of ruleset %s cannot be written in '%s'", rs->id, name);
	return MPR_OK;
}

/* One result: its plan, and its remedies when they are printed (JSON
 * always, text with suggest); or in brief, neither. JSON with w, text
 * into b. */
static int render_one(mpr_buf *b, mpr_jw *w, const mpr_result *r, const mpr_render_options *o,
                      mpr_how *how, mpr_error *err)
{
	int rc = language(r->rules, o->lang, how, err);
	if (rc)
		return rc;
	if (o->brief) {
		mpr_text_brief(b, how, r);
		return MPR_OK;
	}
	mpr_remedies rem;
	mpr_plan plan;
	bool with_remedies = o->format == MPR_FORMAT_JSON || o->suggest;
	if ((rc = mpr_plan_init(&plan, r, err)))
		return rc;
	if (with_remedies && (rc = mpr_remedies_init(&rem, r, err))) {
		mpr_plan_free(&plan);
		return rc;
	}
	if (o->format == MPR_FORMAT_JSON)
		mpr_json_result(w, how, r, &rem, &plan);
	else
		mpr_text_result(b, how, r, with_remedies ? &rem : NULL, &plan);
	if (with_remedies)
		mpr_remedies_free(&rem);
	mpr_plan_free(&plan);
	return MPR_OK;
}

/* The caller's options, checked: NULL for the defaults. */
static int check_options(const mpr_render_options *opts, mpr_render_options *o, mpr_how *how,
                         mpr_error *err)
{
	static const mpr_render_options defaults = MPR_RENDER_OPTIONS_INIT;
	*o = opts ? *opts : defaults;
	if (o->version != MPR_RENDER_OPTIONS_VERSION ||
	    (o->format != MPR_FORMAT_TEXT && o->format != MPR_FORMAT_JSON) ||
	    (unsigned)o->explain > MPR_EXPLAIN_FULL ||
	    (o->brief && (o->format != MPR_FORMAT_TEXT || o->suggest)))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_results: invalid options");
	how->lang = NULL;
	how->explain = o->explain;
	how->suggest = o->suggest != 0;
	return MPR_OK;
}

int mpr_render_result_json(mpr_jw *w, const mpr_result *r, mpr_error *err)
{
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.format = MPR_FORMAT_JSON;
	mpr_how how = {.explain = MPR_EXPLAIN_FULL};
	return render_one(w->b, w, r, &o, &how, err);
}

/* as_array: JSON of any number of results is an array (mpr_render_results,
 * format_version 2); mpr_render_result renders its one result as an object */
static int render_results(const mpr_result *const *results, size_t count,
                          const mpr_render_options *opts, int as_array, char **out, size_t *len,
                          mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	mpr_render_options o;
	mpr_how how;
	if (!out || (count && !results))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_results: invalid arguments");
	*out = NULL;
	int rc = check_options(opts, &o, &how, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < count; i++)
		if (!results[i])
			return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_results: result %zu is NULL", i);
	bool json = o.format == MPR_FORMAT_JSON;
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, true);
	if (json && as_array)
		mpr_jw_array(&w, MPR_JW_BLOCK);
	for (size_t i = 0; rc == MPR_OK && i < count; i++) {
		if (!json && i && o.brief)
			mpr_buf_puts(&b, "\n");
		else if (!json && i)
			mpr_buf_puts(&b, "\n----------------------------------------------------------------\n\n");
		rc = render_one(&b, &w, results[i], &o, &how, err);
	}
	if (json) {
		mpr_jw_end(&w);
		mpr_buf_append(&b, "\n", 1);
	}
	if (rc) {
		free(b.data);
		return rc;
	}
	return finish(&b, out, len, err);
}

/* The options of the first renderers: a format or'ed with
 * MPR_RENDER_SUGGEST, and every trace in full. */
static int legacy_options(int format_flags, mpr_render_options *o, mpr_error *err)
{
	static const mpr_render_options defaults = MPR_RENDER_OPTIONS_INIT;
	*o = defaults;
	o->suggest = (format_flags & MPR_RENDER_SUGGEST) != 0;
	o->format = (mpr_format)(format_flags & ~MPR_RENDER_SUGGEST);
	o->explain = MPR_EXPLAIN_FULL;
	if (err)
		memset(err, 0, sizeof *err);
	if (o->format != MPR_FORMAT_TEXT && o->format != MPR_FORMAT_JSON)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_results: invalid arguments");
	return MPR_OK;
}

int mpr_render_results_v2(const mpr_result *const *results, size_t count,
                          const mpr_render_options *opts, char **out, size_t *len, mpr_error *err)
{
	return render_results(results, count, opts, 1, out, len, err);
}

int mpr_render_results(const mpr_result *const *results, size_t count, int format_flags,
                       char **out, size_t *len, mpr_error *err)
{
	mpr_render_options o;
	if (out)
		*out = NULL;
	int rc = legacy_options(format_flags, &o, err);
	return rc ? rc : render_results(results, count, &o, 1, out, len, err);
}

int mpr_render_result(const mpr_result *result, int format, char **out, size_t *len,
                      mpr_error *err)
{
	mpr_render_options o;
	if (out)
		*out = NULL;
	int rc = legacy_options(format, &o, err);
	return rc ? rc : render_results(&result, 1, &o, 0, out, len, err);
}

static int render_matrix(const mpr_ruleset *rs, mpr_format format, const char *lang, char **out,
                         size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !out || (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON &&
	                    format != MPR_FORMAT_MARKDOWN))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_matrix: invalid arguments");
	*out = NULL;
	mpr_how how = {NULL, MPR_EXPLAIN_FULL, false};
	mpr_grid g;
	int rc = language(rs, lang, &how, err);
	if (rc || (rc = mpr_grid_init(&g, rs, err)))
		return rc;
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, true);
	if (format == MPR_FORMAT_JSON) {
		mpr_json_matrix(&w, &how, &g);
		mpr_buf_append(&b, "\n", 1);
	} else if (format == MPR_FORMAT_MARKDOWN) {
		mpr_markdown_countries(&b, &how, &g);
	} else {
		mpr_text_matrix(&b, &how, &g);
	}
	mpr_grid_free(&g);
	return finish(&b, out, len, err);
}

int mpr_render_matrix(const mpr_ruleset *rs, mpr_format format, char **out, size_t *len,
                      mpr_error *err)
{
	return render_matrix(rs, format, NULL, out, len, err);
}

/* The options of a call that takes only some of them: the defaults for NULL;
 * a version this library does not know is MPR_EINVAL. */
static int some_options(const mpr_render_options *opts, mpr_render_options *o, char **out,
                        mpr_error *err)
{
	static const mpr_render_options defaults = MPR_RENDER_OPTIONS_INIT;
	*o = opts ? *opts : defaults;
	if (out)
		*out = NULL;
	if (err)
		memset(err, 0, sizeof *err);
	if (o->version != MPR_RENDER_OPTIONS_VERSION)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "invalid render options (version %u)", o->version);
	return MPR_OK;
}

int mpr_render_matrix_v2(const mpr_ruleset *rs, const mpr_render_options *opts, char **out,
                         size_t *len, mpr_error *err)
{
	mpr_render_options o;
	int rc = some_options(opts, &o, out, err);
	return rc ? rc : render_matrix(rs, o.format, o.lang, out, len, err);
}

static int render_explain(const mpr_ruleset *rs, const mpr_query *q, mpr_format format,
                          const char *lang, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !q || !q->country || !out || (q->n_attributes && !q->attributes) ||
	    (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_explain: invalid arguments");
	*out = NULL;
	mpr_how how = {NULL, MPR_EXPLAIN_FULL, false};
	int rc = language(rs, lang, &how, err);
	if (rc)
		return rc;
	mpr_explanation e;
	if ((rc = mpr_explanation_init(&e, rs, q, err)))
		return rc;
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, true);
	if (format == MPR_FORMAT_JSON) {
		mpr_json_explain(&w, &how, rs, &e);
		mpr_buf_append(&b, "\n", 1);
	} else {
		mpr_text_explain(&b, &how, rs, &e);
	}
	mpr_explanation_free(&e);
	return finish(&b, out, len, err);
}

int mpr_render_explain(const mpr_ruleset *rs, const char *country, const char *measure,
                       mpr_format format, char **out, size_t *len, mpr_error *err)
{
	mpr_query q = {.country = country, .measure = measure};
	return render_explain(rs, &q, format, NULL, out, len, err);
}

int mpr_render_explain_v2(const mpr_ruleset *rs, const char *country, const char *measure,
                          const mpr_render_options *opts, char **out, size_t *len, mpr_error *err)
{
	mpr_render_options o;
	mpr_query q = {.country = country, .measure = measure};
	int rc = some_options(opts, &o, out, err);
	return rc ? rc : render_explain(rs, &q, o.format, o.lang, out, len, err);
}

int mpr_render_explain_query(const mpr_ruleset *rs, const mpr_query *query,
                             const mpr_render_options *opts, char **out, size_t *len,
                             mpr_error *err)
{
	mpr_render_options o;
	int rc = some_options(opts, &o, out, err);
	return rc ? rc : render_explain(rs, query, o.format, o.lang, out, len, err);
}

int mpr_render_summary_v2(const mpr_ruleset *rs, const mpr_render_options *opts, char **out,
                          size_t *len, mpr_error *err)
{
	mpr_render_options o;
	int rc = some_options(opts, &o, out, err);
	if (rc)
		return rc;
	if (!rs || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_summary: invalid arguments");
	mpr_how how = {NULL, MPR_EXPLAIN_FULL, false};
	if ((rc = language(rs, o.lang, &how, err)))
		return rc;
	mpr_buf b = {0};
	mpr_text_summary(&b, &how, rs);
	return finish(&b, out, len, err);
}

int mpr_render_summary(const mpr_ruleset *rs, char **out, size_t *len, mpr_error *err)
{
	return mpr_render_summary_v2(rs, NULL, out, len, err);
}

/* What the report prints of each result: its remedies and plan. */
typedef struct report_values {
	mpr_grid grid;
	mpr_remedies *rem;
	mpr_plan *plans;
	size_t n; /* results whose values are made */
} report_values;

static void report_values_free(report_values *v)
{
	for (size_t i = 0; i < v->n; i++) {
		mpr_remedies_free(&v->rem[i]);
		mpr_plan_free(&v->plans[i]);
	}
	free(v->rem);
	free(v->plans);
	mpr_grid_free(&v->grid);
}

static int report_values_init(report_values *v, const mpr_ruleset *rs,
                              const mpr_result *const *results, size_t count, mpr_error *err)
{
	memset(v, 0, sizeof *v);
	int rc = mpr_grid_init(&v->grid, rs, err);
	if (rc)
		return rc;
	v->rem = calloc(count + 1, sizeof *v->rem);
	v->plans = calloc(count + 1, sizeof *v->plans);
	if (!v->rem || !v->plans)
		rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory rendering");
	for (size_t i = 0; rc == MPR_OK && i < count; i++) {
		if ((rc = mpr_plan_init(&v->plans[i], results[i], err)))
			break;
		if ((rc = mpr_remedies_init(&v->rem[i], results[i], err))) {
			mpr_plan_free(&v->plans[i]);
			break;
		}
		v->n = i + 1;
	}
	if (rc)
		report_values_free(v);
	return rc;
}

static int render_report(const mpr_ruleset *rs, const mpr_result *const *results, size_t count,
                         const char *date, const char *lang, char **out, size_t *len,
                         mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !out || !date || (count && !results))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_report: invalid arguments");
	*out = NULL;
	for (size_t i = 0; i < count; i++)
		if (!results[i] || results[i]->rules != rs)
			return mpr_fail(err, MPR_EINVAL, "", 0, 0,
			                "mpr_render_report: result %zu was not evaluated with these rules", i);
	mpr_how how = {NULL, MPR_EXPLAIN_FULL, false};
	report_values v;
	int rc = language(rs, lang, &how, err);
	if (rc || (rc = report_values_init(&v, rs, results, count, err)))
		return rc;
	mpr_buf b = {0};
	mpr_html_report(&b, &how, &v.grid, results, v.rem, v.plans, count, date);
	report_values_free(&v);
	return finish(&b, out, len, err);
}

int mpr_render_report(const mpr_ruleset *rs, const mpr_result *const *results, size_t count,
                      const char *date, char **out, size_t *len, mpr_error *err)
{
	return render_report(rs, results, count, date, NULL, out, len, err);
}

int mpr_render_report_v2(const mpr_ruleset *rs, const mpr_result *const *results, size_t count,
                         const char *date, const mpr_render_options *opts, char **out,
                         size_t *len, mpr_error *err)
{
	mpr_render_options o;
	int rc = some_options(opts, &o, out, err);
	return rc ? rc : render_report(rs, results, count, date, o.lang, out, len, err);
}

int mpr_render_monitoring(const mpr_monitoring *m, const mpr_render_options *opts, char **out,
                          size_t *len, mpr_error *err)
{
	mpr_render_options o;
	int rc = some_options(opts, &o, out, err);
	if (rc)
		return rc;
	if (!m || !out ||
	    (o.format != MPR_FORMAT_TEXT && o.format != MPR_FORMAT_JSON && o.format != MPR_FORMAT_HTML))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_monitoring: invalid arguments");
	mpr_how how = {NULL, MPR_EXPLAIN_FULL, false};
	if ((rc = language(m->rules, o.lang, &how, err)))
		return rc;
	mpr_buf b = {0};
	if (o.format == MPR_FORMAT_JSON)
		mpr_json_monitoring(&b, &how, m);
	else if (o.format == MPR_FORMAT_HTML)
		mpr_html_monitoring(&b, &how, m);
	else
		mpr_text_monitoring(&b, &how, m);
	return finish(&b, out, len, err);
}

/* ------------------------------------------------------------------------ */
/* JSON in, JSON out                                                         */

int mpr_decide_json(mpr_activity *a, const char *json, size_t len, const char *name,
                    unsigned line, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!a || (!json && len) || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_decide_json: invalid arguments");
	*out = NULL;
	if (!name)
		name = "<json>";
	yt_doc doc;
	mpr_arena arena = {0};
	/* a blank line (spaces, tabs, CR, LF only) is an empty document, whatever
	 * YAML makes of a tab */
	bool blank = !json || strspn(json, " \t\r\n") >= len;
	int rc = yt_parse(&doc, name, (const unsigned char *)(blank ? "" : json), blank ? 0 : len, NULL,
	                  NULL, err);
	if (rc && err && err->line && line)
		err->line = line; /* the line of the stream, not of the one-line document */
	sc_ctx c = {name, err, &arena};
	const char *attrs[MPR_MAX_SET] = {0}, *sgs[MPR_MAX_SET] = {0};
	mpr_query q;
	memset(&q, 0, sizeof q);
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, name, line, 1, "an empty line is not an activity");
	if (rc == MPR_OK && (rc = mpr_query_read(&c, doc.root, &q, attrs, sgs))) {
		if (err && err->line && line)
			err->line = line;
	}
	if (rc == MPR_OK) {
		rc = mpr_decide(a, &q, err);
		if (rc && err) /* name the place of the unknown id */
			mpr_error_place(err, name, line, 1);
	}
	if (rc == MPR_OK) {
		mpr_buf b = {0};
		mpr_jw w;
		mpr_jw_init(&w, &b, false); /* one line */
		mpr_json_decision(&w, NULL, a->rules, q.id, &a->d, NULL, NULL, 0, 1);
		mpr_buf_append(&b, "\n", 1);
		rc = mpr_buf_finish(&b, out, out_len);
		if (rc)
			mpr_fail(err, rc, name, line, 1, "out of memory");
	}
	/* the ids pointed into the tree: the decision keeps no pointer to them,
	 * except the id, which the caller has in the output */
	a->id = NULL;
	yt_doc_free(&doc);
	mpr_arena_free(&arena);
	return rc;
}

int mpr_evaluate_json(const mpr_ruleset *rules, const char *proposal, size_t len,
                      const char *name, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rules || !proposal || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_evaluate_json: invalid arguments");
	*out = NULL;
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	int rc = mpr_proposal_parse_buffer(&p, rules, proposal, len, name ? name : "<json>", NULL, err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rules, p, err);
	if (rc == MPR_OK)
		rc = mpr_render_result(r, MPR_FORMAT_JSON, out, out_len, err);
	mpr_result_free(r);
	mpr_proposal_free(p);
	return rc;
}
