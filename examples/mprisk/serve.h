/*
 * serve.h - what the files of `mprisk serve` share.
 *
 * The service is the driver's, not the library's: libmprisk gains no network
 * I/O. libmicrohttpd (docs/architecture.md says why) reads requests on a pool
 * of threads; each request is routed (serve_route.c), checked against the
 * limits and the token (serve_http.c), decided by a handler on the ruleset
 * it started with (serve_handlers.c), and counted (serve_metrics.c). The
 * ruleset is reference-counted and swapped on SIGHUP (serve_rules.c); the
 * web page is embedded in the binary (serve_page.c and the generated
 * serve_assets.c). cmd_serve.c reads the options, starts the daemon and
 * waits for signals with sigwait(), so there is no signal handler and no
 * global mutable state: everything lives in one srv on its serve()'s stack.
 */
#ifndef MPRISK_SERVE_H
#define MPRISK_SERVE_H

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#include <microhttpd.h>

#include "cli.h"

/* ---- configuration (cmd_serve.c) ---------------------------------------- */

typedef struct srv_config {
	const char *rules_dir;
	const char *log;         /* decision records, or NULL */
	const char *cors_origin; /* NULL: no CORS headers */
	const char *listen_text; /* as given, for messages */
	size_t max_body;         /* bytes */
	unsigned max_connections;
	unsigned timeout;        /* seconds a connection may be idle */
	unsigned threads;
	int tls;                 /* served over TLS */
	const char *token;       /* the bearer token (NULL: none required) */
	size_t token_len;
	const char *require_key; /* --require-signature: the public key (PEM), or NULL */
	size_t require_key_len;
} srv_config;

/* ---- the loaded ruleset (serve_rules.c) ---------------------------------- */

/* A ruleset and what is computed once from it. Every request holds a
 * reference from its start to its end, so a reload never changes the rules
 * under a request; the last reference frees it. */
enum { SRV_MAX_LANGS = 8 };

typedef struct srv_rules {
	mpr_ruleset *rules;
	/* JSON, rendered at load in each language of the rules (mpr_ruleset_language) */
	char *catalogue[SRV_MAX_LANGS], *matrix[SRV_MAX_LANGS];
	size_t catalogue_len[SRV_MAX_LANGS], matrix_len[SRV_MAX_LANGS];
	size_t n_langs;
	unsigned refs; /* guarded by srv.lock */
} srv_rules;

/* ---- metrics (serve_metrics.c) ------------------------------------------- */

enum srv_route_id {
	SRV_R_PAGE, SRV_R_HEALTH, SRV_R_METRICS, SRV_R_EVALUATE, SRV_R_PROPOSAL, SRV_R_DECIDE,
	SRV_R_CATALOGUE, SRV_R_EXPLAIN, SRV_R_MATRIX, SRV_R_OTHER, SRV_N_ROUTES
};
enum { SRV_N_STATUS = 13, SRV_N_BUCKETS = 12 };

typedef struct srv_metrics {
	atomic_ullong requests[SRV_N_ROUTES][SRV_N_STATUS];
	atomic_ullong latency_bucket[SRV_N_BUCKETS]; /* cumulative at render time */
	atomic_ullong latency_count, latency_ns;
	atomic_ullong verdicts[2][4]; /* [0 proposals, 1 single decisions][mpr_verdict] */
	atomic_ullong reloads[2];     /* [0 swapped, 1 refused] */
	atomic_ullong record_failures;
} srv_metrics;

/* ---- the server ---------------------------------------------------------- */

typedef struct srv {
	const srv_config *cfg;
	pthread_mutex_t lock; /* guards current and every srv_rules.refs */
	srv_rules *current;
	pthread_mutex_t log_lock; /* one record at a time, in the order decided */
	srv_metrics metrics;
	atomic_uint in_flight; /* requests begun and not completed */
} srv;

/* A request being read: MHD's per-request pointer. */
typedef struct srv_req {
	int route;               /* enum srv_route_id */
	const struct srv_route *r;
	char *url;               /* the path, unescaped by libmicrohttpd */
	srv_rules *rules;        /* held from the request's start to its end */
	char *body;
	size_t len, cap;
	size_t dropped;          /* bytes read past --max-body */
	unsigned status;         /* the status queued, for the metrics */
	struct timespec start;
	const char *lang;        /* the request's language (Accept-Language), one of the
	                            ruleset's; "en" before the ruleset is known */
	size_t lang_index;       /* its place in mpr_ruleset_language */
} srv_req;

/* What a handler answers: a status, a body it owns (malloc'd) or a static
 * one, and its content type. A response decided on a ruleset carries its
 * fingerprint in the header Mprisk-Ruleset. */
typedef struct srv_reply {
	unsigned status;
	char *body;               /* malloc'd, freed by the HTTP layer */
	const char *static_body;  /* or this, which outlives the daemon */
	size_t len;
	const char *type;
	const char *allow;        /* the Allow header of a 405 */
	int shared;               /* body points into req->rules: keep a reference */
	const char *lang;         /* the language of an error's message (the request's) */
} srv_reply;

typedef void (*srv_handler)(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);

/* ---- routing (serve_route.c) --------------------------------------------- */

typedef struct srv_route {
	const char *path;   /* exact, or a prefix when it ends in '/' */
	int id;             /* enum srv_route_id: the label of its metrics */
	const char *methods; /* "GET", "POST" (GET also answers HEAD) */
	int needs_token;    /* refused without the bearer token when one is set */
	srv_handler handler;
	const char *const *query; /* the query keys it reads (NULL-terminated); NULL: any */
} srv_route;

/* The route of a path, or NULL (404). */
const srv_route *srv_route_find(const char *url);
/* 1 when the route answers method. */
int srv_route_allows(const srv_route *r, const char *method);
/* 1 when the route reads the query key (a misspelt ?sugest=1 is refused). */
int srv_route_reads(const srv_route *r, const char *key);
/* The label of a route id in /metrics ("/v1/evaluate"). */
const char *srv_route_label(int id);

/* ---- replies (serve_http.c) ---------------------------------------------- */

/* {"error": {"message", "line", "column"}} (line and column null when the
 * error has no place); never a verdict. message is one of the driver's
 * messages, written in the request's language (out->lang). */
void srv_reply_error(srv_reply *out, unsigned status, const char *message, unsigned line,
                     unsigned column);
/* The same from a library error: its message, line and column; the status
 * is 500 for MPR_ENOMEM, else the one given. */
void srv_reply_mpr_error(srv_reply *out, unsigned status, const mpr_error *err);
/* A malloc'd body of type, 200. */
void srv_reply_take(srv_reply *out, char *body, size_t len, const char *type);

/* The access handler and completion callback given to libmicrohttpd. */
enum MHD_Result srv_http_access(void *cls, struct MHD_Connection *c, const char *url,
                                const char *method, const char *version, const char *upload,
                                size_t *upload_size, void **req_cls);
void srv_http_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                        enum MHD_RequestTerminationCode toe);

/* ---- handlers (serve_handlers.c) ------------------------------------------ */

void srv_handle_evaluate(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_proposal(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_decide(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_catalogue(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_explain(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_matrix(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_health(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_metrics(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);
void srv_handle_page(srv *s, srv_req *req, struct MHD_Connection *c, srv_reply *out);

/* ---- the ruleset (serve_rules.c) ------------------------------------------ */

/* Load and check dir (with --require-signature, its signature by that
 * key), and render what is cached; 0, or -1 with the one-line error in
 * why. The start and every reload go through here. */
int srv_rules_load(const srv_config *cfg, srv_rules **out, char *why, size_t why_size);
/* Take a reference on the current ruleset / give it back (the last one
 * frees it). */
srv_rules *srv_rules_acquire(srv *s);
/* Another reference on r, which the caller holds (a response body that
 * points into r's cache keeps r alive until it is sent). */
srv_rules *srv_rules_acquire_same(srv *s, srv_rules *r);
void srv_rules_release(srv *s, srv_rules *r);
/* SIGHUP: load the rules beside the ones serving; swap when they load, keep
 * the old ones otherwise. Logs one line either way; 0 swapped, -1 refused. */
int srv_rules_reload(srv *s);

/* ---- metrics (serve_metrics.c) -------------------------------------------- */

void srv_metrics_request(srv_metrics *m, int route, unsigned status);
void srv_metrics_decision(srv_metrics *m, const struct timespec *start, int single,
                          mpr_verdict verdict);
/* The Prometheus text exposition of m, with the ruleset's id and fingerprint
 * as labels of mprisk_ruleset_info. malloc'd, or NULL. */
char *srv_metrics_render(srv_metrics *m, const srv_rules *r, size_t *len);

/* ---- languages (serve_lang.c) ------------------------------------------- */

/* The language an Accept-Language header (may be NULL) prefers among those
 * rules can be written in; "en" when none of them. */
const char *srv_pick_language(const mpr_ruleset *rules, const char *header);

/* ---- the embedded page (serve_page.c, the generated serve_assets.c) ------ */

typedef struct srv_asset {
	const char *path; /* "/", "/app.js" */
	const char *type;
	const unsigned char *data;
	size_t len;
} srv_asset;

/* The generated table of the files of examples/mprisk/web/ */
extern const srv_asset srv_assets[];
extern const size_t srv_n_assets;
const srv_asset *srv_asset_find(const char *path);

/* ---- the command (cmd_serve.c) -------------------------------------------- */

/* A line on stderr, "mprisk serve: ...", for the operator (start, reload,
 * refused reload, stop). */
void srv_log(const char *fmt, ...) CLI_PRINTF(1, 2);

#endif /* MPRISK_SERVE_H */
