/*
 * serve_handlers.c - what each route answers, through the library's own
 * renderers so that the service says what the command line says.
 *
 * POST /v1/evaluate is `mprisk evaluate --format json -` on the body: the
 * same parse, evaluation and renderer (mpr_render_results, an array of one),
 * so the bytes are the CLI's but for input.file ("<request>"). An input error
 * is 400 with the library's message, line and column: the text of the CLI's
 * one-line error; never a verdict. --log appends the record evaluate --log
 * appends, through the same function (record.c), one at a time; a record that
 * cannot be appended fails the request (500): no decision goes unlogged.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve.h"

/* ---- the body's format ----------------------------------------------------- */

enum { BODY_SNIFF, BODY_JSON, BODY_YAML, BODY_UNSUPPORTED };

static int media_is(const char *ct, size_t n, const char *what)
{
	return strlen(what) == n && strncasecmp(ct, what, n) == 0;
}

/* By Content-Type; without one, or for a type that says nothing about the
 * format (text/plain, a form post, octet-stream), the library's own rule
 * decides: { or [ first is JSON, anything else YAML. */
static int body_kind(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct)
		return BODY_SNIFF;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	size_t n = strcspn(ct, "; \t");
	if (n == 0 || media_is(ct, n, "text/plain") || media_is(ct, n, "application/octet-stream") ||
	    media_is(ct, n, "application/x-www-form-urlencoded"))
		return BODY_SNIFF;
	if (media_is(ct, n, "application/json"))
		return BODY_JSON;
	if (media_is(ct, n, "application/yaml") || media_is(ct, n, "application/x-yaml") ||
	    media_is(ct, n, "text/yaml") || media_is(ct, n, "text/x-yaml"))
		return BODY_YAML;
	return BODY_UNSUPPORTED;
}

/* Does the text start like JSON (after a byte order mark and blanks)? */
static int starts_as_json(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return 1; /* UTF-16: the library reads it as JSON or refuses it */
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < n && (p[i] == '{' || p[i] == '[');
}

/* 0 to go on; else the reply is made. */
static int check_body(srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	int kind = body_kind(c);
	if (kind == BODY_UNSUPPORTED) {
		srv_reply_error(out, 415,
		                "Content-Type must be application/json, application/yaml or text/yaml "
		                "(or none: the format is then told from the body)",
		                0, 0);
		return 1;
	}
	if (kind == BODY_JSON && !starts_as_json(req->body ? req->body : "", req->len)) {
		srv_reply_error(out, 400, "Content-Type is application/json, but the body is not a JSON "
		                          "object or array",
		                1, 1);
		return 1;
	}
	return 0;
}

/* A query flag such as ?suggest=1: 0 or 1, or -1 (reply made) for a value
 * that is neither. */
static int flag(struct MHD_Connection *c, const char *name, srv_reply *out)
{
	const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
	if (!v || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return 0;
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || *v == '\0')
		return 1;
	char msg[128];
	snprintf(msg, sizeof msg, cli_tr_in(out->lang, "?%s takes 1 or 0 (true or false)"), name);
	srv_reply_error(out, 400, msg, 0, 0);
	return -1;
}

static int parse(srv *s, srv_req *req, mpr_proposal **p, srv_reply *out)
{
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_file_bytes = s->cfg->max_body;
	mpr_error err;
	if (mpr_proposal_parse_buffer(p, req->rules->rules, req->body ? req->body : "", req->len,
	                              "<request>", &o, &err) != MPR_OK) {
		srv_reply_mpr_error(out, 400, &err);
		return -1;
	}
	return 0;
}

/* ---- POST /v1/evaluate ------------------------------------------------------ */

static int log_record(srv *s, const mpr_result *r, srv_reply *out)
{
	char when[32], why[1300];
	cli_now(when, sizeof when);
	pthread_mutex_lock(&s->log_lock);
	int st = cli_record_append(s->cfg->log, r, when, why, sizeof why);
	pthread_mutex_unlock(&s->log_lock);
	if (st) {
		atomic_fetch_add(&s->metrics.record_failures, 1);
		srv_log("%s: %s", s->cfg->log, why);
		srv_reply_error(out, 500, "the decision record could not be appended to the log", 0, 0);
	}
	return st;
}

/* The JSON of evaluate --format json (an array of one), its texts in the
 * request's language. */
static int render_json(const srv_req *req, const mpr_result *r, char **json, size_t *len,
                       mpr_error *err)
{
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.format = MPR_FORMAT_JSON;
	o.lang = req->lang;
	return mpr_render_results_v2(&r, 1, &o, json, len, err);
}

void srv_handle_evaluate(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	/* JSON always carries the remedies (docs/json-output.md): ?suggest=1 is
	 * evaluate --suggest, which changes only the text format */
	if (check_body(req, c, out) || flag(c, "suggest", out) < 0)
		return;
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	mpr_error err;
	char *json;
	size_t len;
	if (parse(s, req, &p, out))
		return;
	if (mpr_evaluate(&r, req->rules->rules, p, &err) != MPR_OK) {
		srv_reply_mpr_error(out, 400, &err);
	} else if (render_json(req, r, &json, &len, &err) != MPR_OK) {
		srv_reply_mpr_error(out, 500, &err);
	} else if (s->cfg->log && log_record(s, r, out)) {
		free(json);
	} else {
		srv_reply_take(out, json, len, "application/json");
		srv_metrics_decision(&s->metrics, &req->start, 0, mpr_result_verdict(r));
	}
	mpr_result_free(r);
	mpr_proposal_free(p);
}

/* ---- POST /v1/proposal ------------------------------------------------------- */

void srv_handle_proposal(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	const char *format = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
	int yaml = format && strcmp(format, "yaml") == 0;
	if (format && !yaml && strcmp(format, "json") != 0) {
		srv_reply_error(out, 400, "?format takes json or yaml", 0, 0);
		return;
	}
	if (check_body(req, c, out))
		return;
	mpr_proposal *p = NULL;
	if (parse(s, req, &p, out))
		return;
	char *text;
	size_t len;
	mpr_error err;
	int rc = yaml ? mpr_render_proposal_yaml(p, &text, &len, &err)
	              : mpr_render_proposal_json(p, &text, &len, &err);
	if (rc != MPR_OK)
		srv_reply_mpr_error(out, 500, &err);
	else
		srv_reply_take(out, text, len, yaml ? "application/yaml; charset=utf-8" : "application/json");
	mpr_proposal_free(p);
}

/* ---- POST /v1/decide ---------------------------------------------------------- */

void srv_handle_decide(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	if (check_body(req, c, out))
		return;
	mpr_activity *a;
	mpr_error err;
	if (mpr_activity_new(&a, req->rules->rules, &err) != MPR_OK) {
		srv_reply_mpr_error(out, 500, &err);
		return;
	}
	char *json;
	size_t len;
	if (mpr_decide_json(a, req->body ? req->body : "", req->len, "<request>", 0, &json, &len,
	                    &err) != MPR_OK) {
		srv_reply_mpr_error(out, 400, &err);
	} else {
		srv_reply_take(out, json, len, "application/json");
		srv_metrics_decision(&s->metrics, &req->start, 1, mpr_activity_verdict(a));
	}
	mpr_activity_free(a);
}

/* ---- GET: catalogue, explain, matrix, health, metrics ------------------------- */

static void shared(srv_reply *out, const char *body, size_t len)
{
	out->status = 200;
	out->static_body = body;
	out->len = len;
	out->type = "application/json";
	out->shared = 1;
}

void srv_handle_catalogue(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	(void)s;
	(void)c;
	size_t i = req->lang_index < req->rules->n_langs ? req->lang_index : 0;
	shared(out, req->rules->catalogue[i], req->rules->catalogue_len[i]);
}

void srv_handle_matrix(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	(void)s;
	(void)c;
	size_t i = req->lang_index < req->rules->n_langs ? req->lang_index : 0;
	shared(out, req->rules->matrix[i], req->rules->matrix_len[i]);
}

void srv_handle_explain(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	(void)s;
	/* /v1/explain/CC or /v1/explain/CC/MEASURE (the route matched the prefix) */
	char what[256];
	const char *rest = req->url + strlen("/v1/explain/");
	size_t n = strlen(rest);
	if (n >= sizeof what) {
		srv_reply_error(out, 404, "no such country or measure", 0, 0);
		return;
	}
	memcpy(what, rest, n + 1);
	char *measure = strchr(what, '/');
	if (measure) {
		*measure++ = '\0';
		if (strchr(measure, '/')) {
			srv_reply_error(out, 404, "no such path: /v1/explain/COUNTRY[/MEASURE]", 0, 0);
			return;
		}
		if (!*measure)
			measure = NULL;
	}
	/* what the activity declares: ?beneficiary=ID&implementer=ID&nationals_only=1&
	 * evacuated_from=CC, as mprisk explain's options */
	int nationals = flag(c, "nationals_only", out);
	if (nationals < 0)
		return;
	mpr_query q = {
		.country = what,
		.measure = measure,
		.beneficiary = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "beneficiary"),
		.implementer = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "implementer"),
		.nationals_only = nationals,
		.evacuated_from = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "evacuated_from"),
	};
	char *json;
	size_t len;
	mpr_error err;
	mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
	o.format = MPR_FORMAT_JSON;
	o.lang = req->lang;
	int rc = mpr_render_explain_query(req->rules->rules, &q, &o, &json, &len, &err);
	if (rc == MPR_OK)
		srv_reply_take(out, json, len, "application/json");
	else
		srv_reply_mpr_error(out, rc == MPR_ENOTFOUND ? 404 : 400, &err);
}

static void json_escaped(cli_out *o, const char *s)
{
	/* ids and fingerprints: letters, digits, - . _ : by the ruleset's own checks */
	cli_out_append(o, "\"", 1);
	for (; *s; s++)
		if (*s != '"' && *s != '\\' && (unsigned char)*s >= 0x20)
			cli_out_append(o, s, 1);
	cli_out_append(o, "\"", 1);
}

void srv_handle_health(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	(void)s;
	(void)c;
	cli_out o = {0};
	cli_out_printf(&o, "{\"status\": \"ok\", \"ruleset\": {\"id\": ");
	json_escaped(&o, mpr_ruleset_id(req->rules->rules));
	cli_out_printf(&o, ", \"fingerprint\": ");
	json_escaped(&o, mpr_ruleset_fingerprint(req->rules->rules));
	const char *key;
	int sig = mpr_ruleset_signature(req->rules->rules, &key, NULL);
	cli_out_printf(&o, ", \"signature\": {\"status\": \"%s\"",
	               sig == MPR_SIGNATURE_VALID ? "signed" : sig ? "invalid" : "unsigned");
	if (sig != MPR_SIGNATURE_NONE) {
		cli_out_printf(&o, ", \"key_id\": ");
		json_escaped(&o, key);
	}
	cli_out_printf(&o, "}}, \"version\": \"%s\"}\n", mpr_version());
	if (o.failed) {
		cli_out_free(&o);
		srv_reply_error(out, 500, "out of memory", 0, 0);
		return;
	}
	srv_reply_take(out, o.data, o.len, "application/json");
}

void srv_handle_metrics(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	(void)c;
	size_t len;
	char *text = srv_metrics_render(&s->metrics, req->rules, &len);
	if (!text)
		srv_reply_error(out, 500, "out of memory", 0, 0);
	else
		srv_reply_take(out, text, len, "text/plain; version=0.0.4; charset=utf-8");
}

void srv_handle_page(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out)
{
	(void)s;
	(void)c;
	const srv_asset *a = srv_asset_find(req->url);
	if (!a) {
		srv_reply_error(out, 404, "no such path (see docs/api-http.md)", 0, 0);
		return;
	}
	out->status = 200;
	out->static_body = (const char *)a->data;
	out->len = a->len;
	out->type = a->type;
	/* the page in the request's language: its strings follow <html lang> */
	static const char en[] = "<html lang=\"en\">";
	const char *at = NULL;
	if (strcmp(a->path, "/") == 0 && strcmp(req->lang, "en") != 0)
		for (size_t i = 0; !at && i + sizeof en - 1 <= a->len; i++)
			if (memcmp(a->data + i, en, sizeof en - 1) == 0)
				at = (const char *)a->data + i;
	size_t code = strlen(req->lang);
	char *page = at && code == 2 ? malloc(a->len + 1) : NULL;
	if (page) {
		memcpy(page, a->data, a->len);
		memcpy(page + (at - (const char *)a->data) + 12, req->lang, 2);
		page[a->len] = '\0';
		out->static_body = NULL;
		out->body = page;
	}
}
