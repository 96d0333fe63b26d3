/*
 * load.c - a small load generator for `mprisk serve`, on loopback only.
 *
 *   serve_load --port P [--path /v1/evaluate] [--body FILE] [--type CT]
 *              [--requests N] [--clients M] [--seconds S]
 *              [--expect FILE]...            each 200 body must be one of these
 *   serve_load --port P --slow SECONDS      one client sending a byte a second
 *
 * M clients, each a thread with one keep-alive connection to 127.0.0.1:P,
 * send N requests in all (POST with the body, or GET without one) and time
 * each. It prints requests/s, the 50th and 99th percentile and the longest
 * latency, and the errors: a failed connection, a status other than 200, a
 * body that is none of the --expect files, or a Mprisk-Ruleset header that is
 * not the fingerprint in the body (a response that mixes two rulesets).
 * Bounded in count and in time (--seconds, default 60): it never runs on, and
 * it connects to no address but 127.0.0.1. Exit 0 when there was no error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_EXPECT = 8, MAX_CLIENTS = 256 };

typedef struct config {
	int port;
	const char *path, *type;
	char *body;
	size_t body_len;
	long requests, clients;
	double seconds;
	char *expect[MAX_EXPECT];
	size_t expect_len[MAX_EXPECT];
	char expect_fp[MAX_EXPECT][80];
	int n_expect;
	double start;
} config;

typedef struct client {
	const config *cfg;
	long todo;
	double *lat; /* seconds, one per request done */
	long done, errors, mixed;
	long matched[MAX_EXPECT];
	char first_error[256];
	pthread_t thread;
} client;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *d = malloc(cap + 1);
	size_t got;
	while (d && (got = fread(d + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *more = realloc(d, cap * 2 + 1);
			if (!more) {
				free(d);
				d = NULL;
				break;
			}
			d = more;
			cap *= 2;
		}
	}
	fclose(f);
	if (d)
		d[n] = '\0';
	*len = n;
	return d;
}

/* the "fingerprint" of a result body, or "" */
static void fingerprint_of(const char *body, char *out, size_t size)
{
	const char *p = strstr(body, "\"fingerprint\": \"");
	out[0] = '\0';
	if (!p)
		return;
	p += strlen("\"fingerprint\": \"");
	size_t n = strcspn(p, "\"");
	if (n >= size)
		n = size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

static int connect_loopback(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1, and nothing else */
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	struct timeval tv = {30, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One response: status, the Mprisk-Ruleset header, the body (malloc'd);
 * *close when the server closes the connection after it. */
typedef struct response {
	int status, close;
	char ruleset[80];
	char *body;
	size_t len;
} response;

static int read_response(int fd, char *buf, size_t cap, size_t *have, response *r)
{
	memset(r, 0, sizeof *r);
	char *end;
	buf[*have] = '\0';
	while (!(end = strstr(buf, "\r\n\r\n"))) {
		if (*have >= cap - 1)
			return -1;
		ssize_t got = recv(fd, buf + *have, cap - 1 - *have, 0);
		if (got <= 0)
			return -1;
		*have += (size_t)got;
		buf[*have] = '\0';
	}
	size_t head = (size_t)(end - buf) + 4;
	if (sscanf(buf, "HTTP/1.%*d %d", &r->status) != 1)
		return -1;
	long length = -1;
	for (char *line = strstr(buf, "\r\n"); line && line < end; line = strstr(line + 2, "\r\n")) {
		char *h = line + 2;
		if (strncasecmp(h, "Content-Length:", 15) == 0)
			length = strtol(h + 15, NULL, 10);
		else if (strncasecmp(h, "Mprisk-Ruleset:", 15) == 0)
			sscanf(h + 15, " %79[^\r\n]", r->ruleset);
		else if (strncasecmp(h, "Connection: close", 17) == 0)
			r->close = 1;
	}
	if (length < 0)
		return -1;
	r->body = malloc((size_t)length + 1);
	if (!r->body)
		return -1;
	size_t in_buf = *have - head;
	size_t take = in_buf < (size_t)length ? in_buf : (size_t)length;
	memcpy(r->body, buf + head, take);
	memmove(buf, buf + head + take, *have - head - take);
	*have -= head + take;
	while (take < (size_t)length) {
		ssize_t got = recv(fd, r->body + take, (size_t)length - take, 0);
		if (got <= 0) {
			free(r->body);
			r->body = NULL;
			return -1;
		}
		take += (size_t)got;
	}
	r->body[length] = '\0';
	r->len = (size_t)length;
	return 0;
}

static void error(client *c, const char *what, const char *detail)
{
	c->errors++;
	if (!c->first_error[0])
		snprintf(c->first_error, sizeof c->first_error, "%s %s", what, detail);
}

static void check(client *c, const response *r)
{
	const config *cfg = c->cfg;
	if (r->status != 200) {
		char s[16];
		snprintf(s, sizeof s, "%d", r->status);
		error(c, "status", s);
		return;
	}
	if (!cfg->n_expect)
		return;
	for (int i = 0; i < cfg->n_expect; i++)
		if (r->len == cfg->expect_len[i] && memcmp(r->body, cfg->expect[i], r->len) == 0) {
			if (strcmp(r->ruleset, cfg->expect_fp[i]) != 0) {
				c->mixed++;
				error(c, "Mprisk-Ruleset is not the body's fingerprint:", r->ruleset);
			} else {
				c->matched[i]++;
			}
			return;
		}
	c->mixed++;
	error(c, "a body that is none of the expected ones, ruleset", r->ruleset);
}

static void *run_client(void *arg)
{
	client *c = arg;
	const config *cfg = c->cfg;
	char head[512];
	int hn = cfg->body
	             ? snprintf(head, sizeof head,
	                        "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: %s\r\n"
	                        "Content-Length: %zu\r\n\r\n",
	                        cfg->path, cfg->type, cfg->body_len)
	             : snprintf(head, sizeof head, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", cfg->path);
	size_t cap = 1 << 16, have = 0;
	char *buf = malloc(cap);
	int fd = -1;
	for (long i = 0; buf && i < c->todo; i++) {
		if (now() - cfg->start > cfg->seconds) {
			c->errors += c->todo - i;
			snprintf(c->first_error, sizeof c->first_error, "time is up (--seconds)");
			break;
		}
		if (fd < 0 && (fd = connect_loopback(cfg->port)) < 0) {
			error(c, "cannot connect:", strerror(errno));
			continue;
		}
		double t0 = now();
		response r;
		if (send_all(fd, head, (size_t)hn) || (cfg->body && send_all(fd, cfg->body, cfg->body_len)) ||
		    read_response(fd, buf, cap, &have, &r)) {
			error(c, "the connection failed during a request", "");
			close(fd);
			fd = -1;
			have = 0;
			continue;
		}
		c->lat[c->done++] = now() - t0;
		check(c, &r);
		free(r.body);
		if (r.close) {
			close(fd);
			fd = -1;
			have = 0;
		}
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One client that sends a request a byte a second, for SECONDS, then goes. */
static int slow(int port, long seconds)
{
	int fd = connect_loopback(port);
	if (fd < 0) {
		fprintf(stderr, "slow client: cannot connect\n");
		return 1;
	}
	const char *req = "POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n";
	long sent = 0;
	double t0 = now();
	for (const char *p = req; *p && now() - t0 < (double)seconds; p++) {
		if (send(fd, p, 1, MSG_NOSIGNAL) != 1)
			break;
		sent++;
		sleep(1);
	}
	close(fd);
	printf("slow client: sent %ld bytes in %.0f s\n", sent, now() - t0);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: serve_load --port P [--path PATH] [--body FILE] [--type CT] "
	                "[--requests N] [--clients M] [--seconds S] [--expect FILE]...\n"
	                "       serve_load --port P --slow SECONDS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	config cfg = {0};
	cfg.path = "/v1/evaluate";
	cfg.type = "application/yaml";
	cfg.requests = 1000;
	cfg.clients = 4;
	cfg.seconds = 60;
	long slow_seconds = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			usage();
		i++;
		if (strcmp(a, "--port") == 0)
			cfg.port = atoi(v);
		else if (strcmp(a, "--path") == 0)
			cfg.path = v;
		else if (strcmp(a, "--type") == 0)
			cfg.type = v;
		else if (strcmp(a, "--requests") == 0)
			cfg.requests = atol(v);
		else if (strcmp(a, "--clients") == 0)
			cfg.clients = atol(v);
		else if (strcmp(a, "--seconds") == 0)
			cfg.seconds = atof(v);
		else if (strcmp(a, "--slow") == 0)
			slow_seconds = atol(v);
		else if (strcmp(a, "--body") == 0) {
			if (!(cfg.body = read_file(v, &cfg.body_len))) {
				perror(v);
				return 2;
			}
		} else if (strcmp(a, "--expect") == 0 && cfg.n_expect < MAX_EXPECT) {
			int k = cfg.n_expect++;
			if (!(cfg.expect[k] = read_file(v, &cfg.expect_len[k]))) {
				perror(v);
				return 2;
			}
			fingerprint_of(cfg.expect[k], cfg.expect_fp[k], sizeof cfg.expect_fp[k]);
		} else
			usage();
	}
	if (cfg.port <= 0 || cfg.port > 65535 || cfg.requests < 1 || cfg.clients < 1 ||
	    cfg.clients > MAX_CLIENTS || cfg.seconds <= 0 || cfg.seconds > 600)
		usage();
	if (slow_seconds)
		return slow(cfg.port, slow_seconds > 600 ? 600 : slow_seconds);
	client *cs = calloc((size_t)cfg.clients, sizeof *cs);
	double *lat = calloc((size_t)cfg.requests, sizeof *lat);
	if (!cs || !lat)
		return 2;
	cfg.start = now();
	long given = 0;
	for (long i = 0; i < cfg.clients; i++) {
		cs[i].cfg = &cfg;
		cs[i].todo = cfg.requests / cfg.clients + (i < cfg.requests % cfg.clients);
		cs[i].lat = lat + given;
		given += cs[i].todo;
		pthread_create(&cs[i].thread, NULL, run_client, &cs[i]);
	}
	long done = 0, errors = 0, mixed = 0, matched[MAX_EXPECT] = {0};
	const char *first = NULL;
	for (long i = 0; i < cfg.clients; i++) {
		pthread_join(cs[i].thread, NULL);
		errors += cs[i].errors;
		mixed += cs[i].mixed;
		for (int k = 0; k < cfg.n_expect; k++)
			matched[k] += cs[i].matched[k];
		if (!first && cs[i].first_error[0])
			first = cs[i].first_error;
	}
	double secs = now() - cfg.start;
	/* gather the latencies of the requests done */
	for (long i = 0, at = 0; i < cfg.clients; i++) {
		memmove(lat + done, lat + at, (size_t)cs[i].done * sizeof *lat);
		done += cs[i].done;
		at += cs[i].todo;
	}
	qsort(lat, (size_t)done, sizeof *lat, cmp_double);
	double p50 = done ? lat[(size_t)(0.50 * (double)(done - 1))] : 0;
	double p99 = done ? lat[(size_t)(0.99 * (double)(done - 1))] : 0;
	double max = done ? lat[done - 1] : 0;
	printf("requests %ld, clients %ld, %s %s: %.0f requests/s; latency p50 %.3f ms, p99 %.3f ms, "
	       "max %.3f ms; errors %ld (responses mixing or unexpected: %ld)\n",
	       done, cfg.clients, cfg.body ? "POST" : "GET", cfg.path, secs > 0 ? (double)done / secs : 0,
	       p50 * 1e3, p99 * 1e3, max * 1e3, errors, mixed);
	for (int k = 0; k < cfg.n_expect; k++)
		printf("expected body %d (%s): %ld\n", k + 1, cfg.expect_fp[k], matched[k]);
	if (first)
		printf("first error: %s\n", first);
	free(cs);
	free(lat);
	free(cfg.body);
	for (int k = 0; k < cfg.n_expect; k++)
		free(cfg.expect[k]);
	return errors ? 1 : 0;
}
