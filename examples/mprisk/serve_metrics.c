/*
 * serve_metrics.c - what the service counts, and GET /metrics.
 *
 * Counters are atomics in the server's own struct (no global state), added
 * to by every request thread without a lock, and written out in the
 * Prometheus text exposition format 0.0.4: requests by route and status, a
 * histogram of decision latency (parse, decide and render of /v1/evaluate
 * and /v1/decide), verdict counts, reloads, and the ruleset serving, whose
 * id and fingerprint are labels of mprisk_ruleset_info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static const unsigned statuses[SRV_N_STATUS] = {200, 204, 400, 401, 403, 404, 405,
                                                408, 413, 415, 500, 503, 0 /* other */};

/* upper bounds of the latency buckets, in nanoseconds (and as written) */
static const unsigned long long bucket_ns[SRV_N_BUCKETS] = {
	50000ULL,    100000ULL,   250000ULL,    500000ULL,    1000000ULL,    2500000ULL,
	5000000ULL,  10000000ULL, 25000000ULL,  50000000ULL,  100000000ULL,  1000000000ULL};
static const char *const bucket_text[SRV_N_BUCKETS] = {
	"5e-05", "0.0001", "0.00025", "0.0005", "0.001", "0.0025",
	"0.005", "0.01",   "0.025",   "0.05",   "0.1",   "1"};

static size_t status_index(unsigned status)
{
	for (size_t i = 0; i + 1 < SRV_N_STATUS; i++)
		if (statuses[i] == status)
			return i;
	return SRV_N_STATUS - 1;
}

void srv_metrics_request(srv_metrics *m, int route, unsigned status)
{
	if (route < 0 || route >= SRV_N_ROUTES)
		route = SRV_R_OTHER;
	atomic_fetch_add(&m->requests[route][status_index(status)], 1);
}

void srv_metrics_decision(srv_metrics *m, const struct timespec *start, int single,
                          mpr_verdict verdict)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ns = (long long)(now.tv_sec - start->tv_sec) * 1000000000LL +
	               (now.tv_nsec - start->tv_nsec);
	if (ns < 0)
		ns = 0;
	for (size_t i = 0; i < SRV_N_BUCKETS; i++)
		if ((unsigned long long)ns <= bucket_ns[i]) {
			atomic_fetch_add(&m->latency_bucket[i], 1);
			break;
		}
	atomic_fetch_add(&m->latency_count, 1);
	atomic_fetch_add(&m->latency_ns, (unsigned long long)ns);
	if (verdict >= MPR_PERMITTED && verdict <= MPR_PROHIBITED)
		atomic_fetch_add(&m->verdicts[single ? 1 : 0][verdict], 1);
}

/* A label value: backslash, double quote and newline escaped. */
static void label(cli_out *o, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			cli_out_printf(o, "\\%c", *v);
		else if (*v == '\n')
			cli_out_append(o, "\\n", 2);
		else
			cli_out_append(o, v, 1);
	}
}

static void requests(cli_out *o, srv_metrics *m)
{
	cli_out_printf(o, "# HELP mprisk_http_requests_total HTTP requests answered, by route and "
	                  "status.\n# TYPE mprisk_http_requests_total counter\n");
	for (int r = 0; r < SRV_N_ROUTES; r++)
		for (size_t st = 0; st < SRV_N_STATUS; st++) {
			unsigned long long n = atomic_load(&m->requests[r][st]);
			if (!n)
				continue;
			cli_out_printf(o, "mprisk_http_requests_total{route=\"%s\",status=\"", srv_route_label(r));
			if (statuses[st])
				cli_out_printf(o, "%u", statuses[st]);
			else
				cli_out_printf(o, "other");
			cli_out_printf(o, "\"} %llu\n", n);
		}
}

static void latency(cli_out *o, srv_metrics *m)
{
	cli_out_printf(o, "# HELP mprisk_decision_seconds Time to parse, decide and render one "
	                  "/v1/evaluate or /v1/decide request.\n"
	                  "# TYPE mprisk_decision_seconds histogram\n");
	unsigned long long cumulative = 0;
	for (size_t i = 0; i < SRV_N_BUCKETS; i++) {
		cumulative += atomic_load(&m->latency_bucket[i]);
		cli_out_printf(o, "mprisk_decision_seconds_bucket{le=\"%s\"} %llu\n", bucket_text[i],
		               cumulative);
	}
	unsigned long long count = atomic_load(&m->latency_count);
	unsigned long long ns = atomic_load(&m->latency_ns);
	cli_out_printf(o, "mprisk_decision_seconds_bucket{le=\"+Inf\"} %llu\n", count);
	cli_out_printf(o, "mprisk_decision_seconds_sum %llu.%09llu\n", ns / 1000000000ULL,
	               ns % 1000000000ULL);
	cli_out_printf(o, "mprisk_decision_seconds_count %llu\n", count);
}

static void verdicts(cli_out *o, srv_metrics *m)
{
	cli_out_printf(o, "# HELP mprisk_verdicts_total Verdicts given: of whole proposals "
	                  "(/v1/evaluate) and of single activities (/v1/decide).\n"
	                  "# TYPE mprisk_verdicts_total counter\n");
	for (int k = 0; k < 2; k++)
		for (int v = MPR_PERMITTED; v <= MPR_PROHIBITED; v++)
			cli_out_printf(o, "mprisk_verdicts_total{kind=\"%s\",verdict=\"%s\"} %llu\n",
			               k ? "activity" : "proposal", mpr_verdict_name((mpr_verdict)v),
			               atomic_load(&m->verdicts[k][v]));
}

char *srv_metrics_render(srv_metrics *m, const srv_rules *r, size_t *len)
{
	cli_out o = {0};
	requests(&o, m);
	latency(&o, m);
	verdicts(&o, m);
	cli_out_printf(&o, "# HELP mprisk_ruleset_info The ruleset serving (1), by id and "
	                   "fingerprint.\n# TYPE mprisk_ruleset_info gauge\n"
	                   "mprisk_ruleset_info{id=\"");
	label(&o, mpr_ruleset_id(r->rules));
	cli_out_printf(&o, "\",fingerprint=\"");
	label(&o, mpr_ruleset_fingerprint(r->rules));
	const char *key;
	int sig = mpr_ruleset_signature(r->rules, &key, NULL);
	cli_out_printf(&o, "\",signature=\"%s\",key_id=\"",
	               sig == MPR_SIGNATURE_VALID ? "signed" : sig ? "invalid" : "unsigned");
	label(&o, key);
	cli_out_printf(&o, "\",version=\"%s\"} 1\n", mpr_version());
	cli_out_printf(&o, "# HELP mprisk_reloads_total Reloads on SIGHUP, by result.\n"
	                   "# TYPE mprisk_reloads_total counter\n"
	                   "mprisk_reloads_total{result=\"swapped\"} %llu\n"
	                   "mprisk_reloads_total{result=\"refused\"} %llu\n",
	               atomic_load(&m->reloads[0]), atomic_load(&m->reloads[1]));
	cli_out_printf(&o, "# HELP mprisk_record_failures_total Decision records that could not "
	                   "be appended to --log (answered 500).\n"
	                   "# TYPE mprisk_record_failures_total counter\n"
	                   "mprisk_record_failures_total %llu\n",
	               atomic_load(&m->record_failures));
	if (o.failed) {
		cli_out_free(&o);
		return NULL;
	}
	char *text = o.data;
	*len = o.len;
	return text;
}
