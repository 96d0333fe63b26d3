/*
 * serve_route.c - the service's routes: one table of path, methods, whether
 * the bearer token is needed, the handler and the query keys it reads.
 *
 * Like the driver's command table (main.c), the table is the one place a
 * route is declared: the dispatcher, the 404/405 answers with their Allow
 * header and the route labels of /metrics all read it. docs/api-http.md
 * lists the same routes. The page and its files, /health and the CORS
 * preflight are answered without the token (they carry no decision and no
 * data); every /v1/ route and /metrics need it when one is configured.
 */
#include <string.h>

#include "serve.h"

static const char *const none[] = {NULL};
static const char *const suggest[] = {"suggest", NULL};
static const char *const format[] = {"format", NULL};
static const char *const activity[] = {"beneficiary", "implementer", "nationals_only",
                                       "evacuated_from", NULL};

static const srv_route routes[] = {
	{"/health", SRV_R_HEALTH, "GET", 0, srv_handle_health, none},
	{"/metrics", SRV_R_METRICS, "GET", 1, srv_handle_metrics, none},
	{"/v1/evaluate", SRV_R_EVALUATE, "POST", 1, srv_handle_evaluate, suggest},
	{"/v1/proposal", SRV_R_PROPOSAL, "POST", 1, srv_handle_proposal, format},
	{"/v1/decide", SRV_R_DECIDE, "POST", 1, srv_handle_decide, none},
	{"/v1/catalogue", SRV_R_CATALOGUE, "GET", 1, srv_handle_catalogue, none},
	{"/v1/explain/", SRV_R_EXPLAIN, "GET", 1, srv_handle_explain, activity},
	{"/v1/matrix", SRV_R_MATRIX, "GET", 1, srv_handle_matrix, none},
};

/* the page: "/" and the files beside it, found in the embedded assets; a
 * browser may add any query (a cache buster) */
static const srv_route page = {"/", SRV_R_PAGE, "GET", 0, srv_handle_page, NULL};

static const char *const labels[SRV_N_ROUTES] = {
	[SRV_R_PAGE] = "/",
	[SRV_R_HEALTH] = "/health",
	[SRV_R_METRICS] = "/metrics",
	[SRV_R_EVALUATE] = "/v1/evaluate",
	[SRV_R_PROPOSAL] = "/v1/proposal",
	[SRV_R_DECIDE] = "/v1/decide",
	[SRV_R_CATALOGUE] = "/v1/catalogue",
	[SRV_R_EXPLAIN] = "/v1/explain",
	[SRV_R_MATRIX] = "/v1/matrix",
	[SRV_R_OTHER] = "other",
};

const srv_route *srv_route_find(const char *url)
{
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
		size_t n = strlen(routes[i].path);
		if (routes[i].path[n - 1] == '/' ? strncmp(url, routes[i].path, n) == 0 && url[n]
		                                 : strcmp(url, routes[i].path) == 0)
			return &routes[i];
	}
	return srv_asset_find(url) ? &page : NULL;
}

int srv_route_allows(const srv_route *r, const char *method)
{
	if (strcmp(method, r->methods) == 0)
		return 1;
	return strcmp(method, "HEAD") == 0 && strcmp(r->methods, "GET") == 0;
}

int srv_route_reads(const srv_route *r, const char *key)
{
	if (!r->query)
		return 1;
	for (const char *const *k = r->query; *k; k++)
		if (strcmp(*k, key) == 0)
			return 1;
	return 0;
}

const char *srv_route_label(int id)
{
	return id >= 0 && id < SRV_N_ROUTES ? labels[id] : "other";
}
