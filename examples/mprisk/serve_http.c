/*
 * serve_http.c - one HTTP request from its headers to its response: the
 * route, the token, the limits, the body, the reply and its headers.
 *
 * libmicrohttpd calls the access handler once when the headers are in, once
 * per piece of body, and once at the end. Everything that can be refused
 * without the body (unknown path 404, method 405, token 401, a declared
 * Content-Length over --max-body 413) is answered at the first call, so an
 * unwanted body is never read; the connection is then closed. A body that
 * grows past the limit without declaring its length (chunked) is dropped
 * from there on and answered 413 when it ends; libmicrohttpd cannot answer
 * in the middle of a body, so one that runs on past twice the limit has its
 * connection closed instead. The request takes its reference on the ruleset at the first
 * call and gives it back when libmicrohttpd reports the request complete,
 * after its response went out: a reload in between changes nothing for it.
 *
 * The request's language is the one its Accept-Language prefers among the
 * ruleset's (serve_lang.c): every text of the answer, and its errors, are in
 * it; Content-Language says which and Vary: Accept-Language keeps caches
 * from mixing them.
 *
 * Every response: a content type, X-Content-Type-Options: nosniff,
 * Cache-Control: no-store (the page's files: no-cache), the fingerprint of
 * the ruleset it was decided with (Mprisk-Ruleset), a Content-Security-Policy
 * that lets the page load nothing from elsewhere, and CORS headers only when
 * --cors-origin is given.
 */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static const char *const csp = "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'";

/* ---- replies -------------------------------------------------------------- */

/* A message as a JSON string: first shown as the CLI shows it
 * (mpr_text_visible: no control character, line or paragraph separator,
 * bidi control or invalid UTF-8 is left, so a page that puts it into a
 * script or a terminal that prints it sees one plain line), then quoted. */
static void json_text(cli_out *o, const char *s)
{
	size_t need = mpr_text_visible(NULL, 0, s) + 1;
	char *v = malloc(need);
	if (!v) {
		o->failed = 1;
		return;
	}
	mpr_text_visible(v, need, s);
	cli_out_append(o, "\"", 1);
	for (const char *p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			cli_out_append(o, "\\", 1);
		cli_out_append(o, p, 1);
	}
	cli_out_append(o, "\"", 1);
	free(v);
}

static void reply_static(srv_reply *out, unsigned status, const char *text)
{
	out->status = status;
	out->body = NULL;
	out->static_body = text;
	out->len = strlen(text);
	out->type = "application/json";
}

/* An error answer with the message as it is written (already translated). */
static void reply_error_text(srv_reply *out, unsigned status, const char *message, unsigned line,
                             unsigned column)
{
	cli_out o = {0};
	cli_out_printf(&o, "{\"error\": {\"message\": ");
	json_text(&o, message);
	if (line)
		cli_out_printf(&o, ", \"line\": %u, \"column\": %u}}\n", line, column);
	else
		cli_out_printf(&o, ", \"line\": null, \"column\": null}}\n");
	if (o.failed) {
		cli_out_free(&o);
		reply_static(out, 500, "{\"error\": {\"message\": \"out of memory\", \"line\": null, "
		                       "\"column\": null}}\n");
		return;
	}
	out->status = status;
	out->body = o.data;
	out->len = o.len;
	out->type = "application/json";
}

void srv_reply_error(srv_reply *out, unsigned status, const char *message, unsigned line,
                     unsigned column)
{
	reply_error_text(out, status, cli_tr_in(out->lang, message), line, column);
}

void srv_reply_mpr_error(srv_reply *out, unsigned status, const mpr_error *err)
{
	/* the message alone (the place is line and column), in the request's
	 * language: the library writes its own messages in it */
	mpr_error e = *err;
	e.file[0] = 0;
	char msg[2400];
	mpr_error_format_lang(&e, out->lang, msg, sizeof msg);
	reply_error_text(out, err->code == MPR_ENOMEM ? 500 : status, msg, err->line, err->column);
}

void srv_reply_take(srv_reply *out, char *body, size_t len, const char *type)
{
	out->status = 200;
	out->body = body;
	out->len = len;
	out->type = type;
}

/* ---- the response --------------------------------------------------------- */

static void free_body(void *cls)
{
	free(cls);
}

typedef struct shared_body {
	srv *s;
	srv_rules *rules;
} shared_body;

/* a body that points into a ruleset's cache holds its own reference */
static void release_shared(void *cls)
{
	shared_body *sb = cls;
	srv_rules_release(sb->s, sb->rules);
	free(sb);
}

static struct MHD_Response *make_response(srv *s, srv_req *req, srv_reply *rep)
{
	if (rep->shared) {
		shared_body *sb = malloc(sizeof *sb);
		srv_rules *held = sb ? srv_rules_acquire_same(s, req->rules) : NULL;
		if (!held) {
			free(sb);
			return NULL;
		}
		*sb = (shared_body){s, held};
		struct MHD_Response *r = MHD_create_response_from_buffer_with_free_callback_cls(
			rep->len, (void *)(uintptr_t)rep->static_body, release_shared, sb);
		if (!r)
			release_shared(sb);
		return r;
	}
	if (rep->body) {
		struct MHD_Response *r = MHD_create_response_from_buffer_with_free_callback_cls(
			rep->len, rep->body, free_body, rep->body);
		if (r)
			rep->body = NULL; /* now the response's */
		return r;
	}
	return MHD_create_response_from_buffer(rep->len, (void *)(uintptr_t)rep->static_body,
	                                       MHD_RESPMEM_PERSISTENT);
}

static enum MHD_Result queue(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *rep)
{
	struct MHD_Response *r = make_response(s, req, rep);
	free(rep->body);
	rep->body = NULL;
	if (!r)
		return MHD_NO; /* out of memory: libmicrohttpd closes the connection */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rep->type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
	                        req->route == SRV_R_PAGE && rep->status == 200 ? "no-cache"
	                                                                        : "no-store");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	if (req->rules) {
		const char *key;
		int sig = mpr_ruleset_signature(req->rules->rules, &key, NULL);
		MHD_add_response_header(r, "Mprisk-Ruleset", mpr_ruleset_fingerprint(req->rules->rules));
		MHD_add_response_header(r, "Mprisk-Ruleset-Signature",
		                        sig == MPR_SIGNATURE_VALID ? key : sig ? "invalid" : "unsigned");
	}
	/* every answer is in the request's language: a cache must keep them apart */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_LANGUAGE, req->lang);
	if (rep->allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, rep->allow);
	if (rep->status == 401)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"mprisk\"");
	const char *origin = s->cfg->cors_origin;
	if (origin) {
		MHD_add_response_header(r, "Access-Control-Allow-Origin", origin);
		MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
		MHD_add_response_header(r, "Access-Control-Allow-Headers", "Authorization, Content-Type");
		MHD_add_response_header(r, "Access-Control-Expose-Headers", "Mprisk-Ruleset");
		MHD_add_response_header(r, "Access-Control-Max-Age", "600");
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, origin ? "Origin, Accept-Language" : "Accept-Language");
	req->status = rep->status;
	enum MHD_Result ok = MHD_queue_response(c, rep->status, r);
	MHD_destroy_response(r);
	return ok;
}

/* ---- checks before the body ------------------------------------------------ */

/* Compare without leaking where the first difference is: the time depends
 * on the length of the expected token only. */
static int token_matches(const char *given, size_t given_len, const char *want, size_t want_len)
{
	volatile unsigned char diff = (unsigned char)(given_len != want_len);
	for (size_t i = 0; i < want_len; i++) {
		unsigned char g = i < given_len ? (unsigned char)given[i] : 0;
		diff |= (unsigned char)(g ^ (unsigned char)want[i]);
	}
	return diff == 0;
}

static int authorised(srv *s, struct MHD_Connection *c)
{
	if (!s->cfg->token)
		return 1;
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	if (!h || strncmp(h, "Bearer ", 7) != 0)
		return 0;
	h += 7;
	return token_matches(h, strlen(h), s->cfg->token, s->cfg->token_len);
}

/* The first query key the route does not read, for the 400 that names it. */
typedef struct unread {
	const srv_route *r;
	const char *key;
} unread;

static enum MHD_Result first_unread(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
	(void)kind;
	(void)value;
	unread *u = cls;
	if (srv_route_reads(u->r, key))
		return MHD_YES;
	u->key = key;
	return MHD_NO;
}

/* Refused before any of the body is read: 0 to go on, else the reply. */
static int early(srv *s, srv_req *req, struct MHD_Connection *c, const char *method,
                 srv_reply *rep)
{
	if (!req->r) {
		srv_reply_error(rep, 404, "no such path (see docs/api-http.md)", 0, 0);
		return 1;
	}
	if (strcmp(method, "OPTIONS") == 0 && s->cfg->cors_origin) {
		reply_static(rep, 204, "");
		return 1;
	}
	if (!srv_route_allows(req->r, method)) {
		srv_reply_error(rep, 405, "method not allowed here", 0, 0);
		rep->allow = strcmp(req->r->methods, "GET") == 0 ? "GET, HEAD" : req->r->methods;
		return 1;
	}
	if (req->r->needs_token && !authorised(s, c)) {
		srv_reply_error(rep, 401, "a bearer token is required (Authorization: Bearer TOKEN)", 0, 0);
		return 1;
	}
	unread u = {req->r, NULL};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, first_unread, &u);
	if (u.key) {
		char msg[160];
		snprintf(msg, sizeof msg,
		         cli_tr_in(rep->lang, "unknown query parameter '%.40s'%s (docs/api-http.md "
		                              "lists what each path reads)"),
		         u.key, strlen(u.key) > 40 ? "..." : "");
		srv_reply_error(rep, 400, msg, 0, 0);
		return 1;
	}
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl) {
		char *end;
		unsigned long long n = strtoull(cl, &end, 10);
		if (*end == '\0' && n > s->cfg->max_body) {
			char msg[160];
			snprintf(msg, sizeof msg,
			         cli_tr_in(rep->lang, "the body has %llu bytes, more than the limit of %zu (--max-body)"),
			         n, s->cfg->max_body);
			srv_reply_error(rep, 413, msg, 0, 0);
			return 1;
		}
	}
	return 0;
}

/* ---- the access handler ------------------------------------------------------ */

static srv_req *request_start(srv *s, struct MHD_Connection *c, const char *url)
{
	srv_req *req = calloc(1, sizeof *req);
	if (!req)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &req->start);
	if (!(req->url = strdup(url))) {
		free(req);
		return NULL;
	}
	req->r = srv_route_find(url);
	req->route = req->r ? req->r->id : SRV_R_OTHER;
	req->rules = srv_rules_acquire(s);
	req->lang = "en";
	if (req->rules) {
		const char *want = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                               MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
		req->lang = srv_pick_language(req->rules->rules, want);
		for (size_t i = 0; i < mpr_ruleset_language_count(req->rules->rules); i++)
			if (strcmp(mpr_ruleset_language(req->rules->rules, i), req->lang) == 0)
				req->lang_index = i;
	}
	atomic_fetch_add(&s->in_flight, 1);
	return req;
}

/* Keep a piece of the body; 0, or 1 when the body is now over the limit. */
static int take_body(srv *s, srv_req *req, const char *data, size_t n)
{
	if (n > s->cfg->max_body - req->len)
		return 1;
	if (req->len + n + 1 > req->cap) {
		size_t cap = req->cap ? req->cap : 8192;
		while (cap < req->len + n + 1)
			cap *= 2;
		char *more = realloc(req->body, cap);
		if (!more)
			return -1;
		req->body = more;
		req->cap = cap;
	}
	memcpy(req->body + req->len, data, n);
	req->len += n;
	req->body[req->len] = '\0';
	return 0;
}

enum MHD_Result srv_http_access(void *cls, struct MHD_Connection *c, const char *url,
                                const char *method, const char *version, const char *upload,
                                size_t *upload_size, void **req_cls)
{
	srv *s = cls;
	srv_req *req = *req_cls;
	srv_reply rep = {0};
	(void)version;
	if (!req) {
		if (!(req = request_start(s, c, url)))
			return MHD_NO;
		*req_cls = req;
		rep.lang = req->lang;
		if (early(s, req, c, method, &rep))
			return queue(s, req, c, &rep);
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (req->status == 413) {
			/* over the limit without a declared length: libmicrohttpd cannot
			 * answer before the body ends, so read on (and drop) up to the
			 * limit once more to answer 413, and close the connection of a
			 * body longer than that */
			req->dropped += n;
			return req->dropped > s->cfg->max_body ? MHD_NO : MHD_YES;
		}
		int st = req->r->handler == srv_handle_page ? 0 : take_body(s, req, upload, n);
		if (st < 0)
			return MHD_NO;
		if (st > 0)
			req->status = 413;
		return MHD_YES;
	}
	rep.lang = req->lang;
	if (req->status == 413) {
		char msg[160];
		snprintf(msg, sizeof msg,
		         cli_tr_in(rep.lang, "the body is larger than the limit of %zu bytes (--max-body)"),
		         s->cfg->max_body);
		srv_reply_error(&rep, 413, msg, 0, 0);
		return queue(s, req, c, &rep);
	}
	if (!req->rules) {
		srv_reply_error(&rep, 503, "no ruleset is loaded", 0, 0);
		return queue(s, req, c, &rep);
	}
	req->r->handler(s, req, c, &rep);
	return queue(s, req, c, &rep);
}

void srv_http_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                        enum MHD_RequestTerminationCode toe)
{
	srv *s = cls;
	srv_req *req = *req_cls;
	(void)c;
	if (!req)
		return;
	if (req->status)
		srv_metrics_request(&s->metrics, req->route, req->status);
	else if (toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED)
		srv_metrics_request(&s->metrics, req->route, 408);
	srv_rules_release(s, req->rules);
	free(req->body);
	free(req->url);
	free(req);
	*req_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}
