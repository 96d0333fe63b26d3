/*
 * cmd_serve.c - `mprisk serve`: the decision service and the web page.
 *
 * Reads the options' values, refuses an unsafe set-up before it listens
 * (anything but loopback needs TLS and a bearer token, or an explicit
 * --insecure), loads the rules, starts libmicrohttpd on its own pool of threads and then
 * waits for signals with sigwait(): SIGHUP reloads the rules, SIGTERM and
 * SIGINT stop accepting, let the requests in flight finish (up to
 * STOP_GRACE_MS) and stop. The signals are blocked in every thread before
 * the daemon starts (its threads inherit the mask), so no signal handler
 * runs and nothing is shared with one: the server's state is the srv on
 * serve()'s stack. docs/api-http.md is the manual of the routes.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve.h"

enum { STOP_GRACE_MS = 10000, MIN_TOKEN = 16 };
/* a token, certificate or key file is small: a device named by mistake is
 * not read on and on */
#define CONFIG_MAX ((size_t)1 << 20)

typedef struct serve_opts {
	const char *rules, *listen, *threads, *log, *max_body, *max_connections, *timeout;
	const char *tls_cert, *tls_key, *token_file, *cors_origin, *require_signature;
	int insecure;
} serve_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(serve_opts),
	CLI_OPT_REQUIRE_SIGNATURE(serve_opts),
	{CLI_VALUE, "listen", 0, "ADDR:PORT", offsetof(serve_opts, listen),
	 N_("the address to listen on: 127.0.0.1:8181 (default), [::1]:8181, or "
	 "PORT 0 for any free port (the start line says which)")},
	{CLI_VALUE, "threads", 0, "N", offsetof(serve_opts, threads),
	 N_("threads answering requests (default 4)")},
	{CLI_VALUE, "log", 0, "FILE", offsetof(serve_opts, log),
	 N_("append the decision record of every /v1/evaluate to FILE, as "
	 "evaluate --log does (for replay)")},
	{CLI_VALUE, "max-body", 0, "BYTES", offsetof(serve_opts, max_body),
	 N_("the largest request body, else 413 (default 4194304, the proposal "
	 "file limit)")},
	{CLI_VALUE, "max-connections", 0, "N", offsetof(serve_opts, max_connections),
	 N_("connections open at once; more wait to be accepted (default 256)")},
	{CLI_VALUE, "timeout", 0, "SECONDS", offsetof(serve_opts, timeout),
	 N_("close a connection idle this long (default 10)")},
	{CLI_VALUE, "tls-cert", 0, "FILE", offsetof(serve_opts, tls_cert),
	 N_("serve HTTPS with this PEM certificate (chain); needs --tls-key")},
	{CLI_VALUE, "tls-key", 0, "FILE", offsetof(serve_opts, tls_key),
	 N_("the PEM private key of --tls-cert")},
	{CLI_VALUE, "token-file", 0, "FILE", offsetof(serve_opts, token_file),
	 N_("require 'Authorization: Bearer TOKEN' on /v1/ and /metrics, TOKEN "
	 "being the file's first line (at least 16 characters)")},
	{CLI_SWITCH, "insecure", 0, NULL, offsetof(serve_opts, insecure),
	 N_("allow an address other than loopback without TLS and a token")},
	{CLI_VALUE, "cors-origin", 0, "ORIGIN", offsetof(serve_opts, cors_origin),
	 N_("answer cross-origin requests from ORIGIN (https://host:port); "
	 "default: no CORS headers")},
	CLI_OPT_END,
};

/* One line on stderr, what it quotes (a file name, a message) shown as the
 * CLI shows it (diag.c): nothing a request, file name or rule file says can
 * add a line to the service's log or forge one. */
static void log_line(const char *prefix, const char *msg)
{
	char line[8192];
	mpr_text_visible(line, sizeof line, msg);
	fprintf(stderr, "mprisk serve: %s%s\n", prefix, line);
}

void srv_log(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_line("", msg);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap) CLI_PRINTF(2, 0);

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
	char msg[1024];
	(void)cls;
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0'; /* its own line end; any other break is shown */
	log_line("libmicrohttpd: ", msg);
}

/* A whole number in [min, max]; 0, or a usage error. */
static int number(const cli_cmd *cmd, const char *name, const char *text, unsigned long long min,
                  unsigned long long max, unsigned long long *out)
{
	*out = 0;
	if (!(text[0] >= '0' && text[0] <= '9'))
		return cli_usage(cmd, "--%s must be a whole number from %llu to %llu, not '%s'", name, min,
		                 max, text);
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (*end || errno || v < min || v > max)
		return cli_usage(cmd, "--%s must be a whole number from %llu to %llu, not '%s'", name, min,
		                 max, text);
	*out = v;
	return 0;
}

/* ---- the address --------------------------------------------------------- */

typedef struct listen_addr {
	struct sockaddr_storage ss;
	int ipv6, loopback;
} listen_addr;

static int parse_listen(const cli_cmd *cmd, const char *text, listen_addr *a)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(text, ':');
	memset(a, 0, sizeof *a);
	if (!colon || (size_t)(colon - text) >= sizeof host)
		return cli_usage(cmd, "--listen takes ADDR:PORT, e.g. 127.0.0.1:8181 or [::1]:8181, not '%s'",
		                 text);
	memcpy(host, text, (size_t)(colon - text));
	host[colon - text] = '\0';
	unsigned long long port;
	if (number(cmd, "listen PORT", colon + 1, 0, 65535, &port))
		return CLI_USAGE;
	size_t hl = strlen(host);
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a->ss;
		host[hl - 1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
			return cli_usage(cmd, "--listen: '%s' is not an IPv6 address", host + 1);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		a->ipv6 = 1;
		a->loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
		              (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && in6->sin6_addr.s6_addr[12] == 127);
		return 0;
	}
	struct sockaddr_in *in4 = (struct sockaddr_in *)&a->ss;
	if (strcmp(host, "localhost") == 0)
		memcpy(host, "127.0.0.1", sizeof "127.0.0.1");
	if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
		return cli_usage(cmd, "--listen: '%s' is not an IPv4 address (write IPv6 as [::1]:PORT)",
		                 host);
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	a->loopback = (ntohl(in4->sin_addr.s_addr) >> 24) == 127;
	return 0;
}

/* ---- files: token, certificate, key, log ---------------------------------- */

/* The operator's files are read as every input is (cli_read: a regular file,
 * a FIFO or device refused at once, never waited on; at most CONFIG_MAX
 * bytes), but a symbolic link is resolved first: certbot's live/ directory
 * holds nothing else. */
static int read_config(const char *path, char **data, size_t *n)
{
	if (strcmp(path, "-") == 0)
		return cli_read(path, CONFIG_MAX, data, n);
	char *real = realpath(path, NULL);
	if (!real)
		return cli_error(path, "cannot open: %s", strerror(errno));
	int rc = cli_read(real, CONFIG_MAX, data, n);
	free(real);
	return rc;
}

static int read_token(const char *path, char **token, size_t *len)
{
	char *data = NULL;
	size_t n = 0, end = 0;
	if (read_config(path, &data, &n))
		return CLI_USAGE;
	while (end < n && data[end] != '\r' && data[end] != '\n')
		end++;
	for (size_t i = 0; i < end; i++)
		if ((unsigned char)data[i] <= 0x20 || (unsigned char)data[i] >= 0x7f) {
			free(data);
			return cli_error(path, "the token must be printable ASCII without spaces");
		}
	if (end < MIN_TOKEN) {
		free(data);
		return cli_error(path, "the token (the file's first line) must have at least %d characters",
		                 MIN_TOKEN);
	}
	*token = malloc(end + 1);
	if (*token) {
		memcpy(*token, data, end);
		(*token)[end] = '\0';
	}
	free(data);
	if (!*token)
		return cli_error(path, "out of memory");
	*len = end;
	return 0;
}

/* The whole file as a NUL-terminated string (PEM for GnuTLS): what
 * cli_read returns is text, NUL-terminated (mprisk.h, Conventions). */
static int read_text(const char *path, char **text)
{
	size_t n = 0;
	*text = NULL;
	return read_config(path, text, &n) ? CLI_USAGE : 0;
}

static int log_writable(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return cli_error(path, "cannot open log: %s", strerror(errno));
	close(fd);
	return 0;
}

/* ---- options into a configuration ---------------------------------------- */

typedef struct setup {
	srv_config cfg;
	listen_addr addr;
	char *token, *cert, *key, *require_key;
} setup;

static int configure(const cli_cmd *cmd, const serve_opts *o, setup *su, char *rules_buf,
                     size_t rules_size)
{
	srv_config *c = &su->cfg;
	unsigned long long v;
	c->rules_dir = cli_rules_dir(o->rules, rules_buf, rules_size);
	c->listen_text = o->listen ? o->listen : "127.0.0.1:8181";
	c->log = o->log;
	c->cors_origin = o->cors_origin;
	c->max_body = 4u << 20;
	c->max_connections = 256;
	c->timeout = 10;
	c->threads = 4;
	if (parse_listen(cmd, c->listen_text, &su->addr))
		return CLI_USAGE;
	if (o->threads && number(cmd, "threads", o->threads, 1, 256, &v) == 0)
		c->threads = (unsigned)v;
	else if (o->threads)
		return CLI_USAGE;
	if (o->max_body && number(cmd, "max-body", o->max_body, 1, 1ULL << 30, &v) == 0)
		c->max_body = (size_t)v;
	else if (o->max_body)
		return CLI_USAGE;
	if (o->max_connections && number(cmd, "max-connections", o->max_connections, 1, 65536, &v) == 0)
		c->max_connections = (unsigned)v;
	else if (o->max_connections)
		return CLI_USAGE;
	if (o->timeout && number(cmd, "timeout", o->timeout, 1, 3600, &v) == 0)
		c->timeout = (unsigned)v;
	else if (o->timeout)
		return CLI_USAGE;
	if (!o->tls_cert != !o->tls_key)
		return cli_usage(cmd, "--tls-cert and --tls-key go together");
	if (!su->addr.loopback && !o->insecure && (!o->tls_cert || !o->token_file))
		return cli_usage(cmd, "listening on %s (not loopback) needs --tls-cert, --tls-key and "
		                      "--token-file, or --insecure",
		                 c->listen_text);
	if (o->cors_origin && (strchr(o->cors_origin, '\r') || strchr(o->cors_origin, '\n') ||
	                       strcmp(o->cors_origin, "*") == 0 || !strstr(o->cors_origin, "://")))
		return cli_usage(cmd, "--cors-origin takes one origin, scheme://host[:port], not '%s'",
		                 o->cors_origin);
	if (o->token_file && read_token(o->token_file, &su->token, &c->token_len))
		return CLI_USAGE;
	c->token = su->token;
	if (o->tls_cert && (read_text(o->tls_cert, &su->cert) || read_text(o->tls_key, &su->key)))
		return CLI_USAGE;
	c->tls = o->tls_cert != NULL;
	if (c->log && log_writable(c->log))
		return CLI_USAGE;
	/* read once: every reload checks the rules against this key */
	if (o->require_signature &&
	    read_config(o->require_signature, &su->require_key, &c->require_key_len))
		return CLI_USAGE;
	c->require_key = su->require_key;
	return 0;
}

/* ---- running -------------------------------------------------------------- */

static struct MHD_Daemon *start(srv *s, setup *su)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	                 MHD_USE_ERROR_LOG | (su->addr.ipv6 ? MHD_USE_IPv6 : 0) |
	                 (su->cfg.tls ? MHD_USE_TLS : 0);
	struct MHD_OptionItem opts[] = {
		{MHD_OPTION_SOCK_ADDR, 0, &su->addr.ss},
		{MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)su->cfg.threads, NULL},
		{MHD_OPTION_CONNECTION_LIMIT, (intptr_t)su->cfg.max_connections, NULL},
		{MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)su->cfg.timeout, NULL},
		{MHD_OPTION_HTTPS_MEM_CERT, 0, su->cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, su->key},
		{MHD_OPTION_END, 0, NULL},
	};
	if (!su->cfg.tls)
		opts[4].option = MHD_OPTION_END;
	return MHD_start_daemon(flags, 0, NULL, NULL, srv_http_access, s, MHD_OPTION_EXTERNAL_LOGGER,
	                        mhd_logger, NULL, MHD_OPTION_NOTIFY_COMPLETED, srv_http_completed, s,
	                        MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
}

static void announce(struct MHD_Daemon *d, const setup *su, const srv_rules *r)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : 0;
	char host[INET6_ADDRSTRLEN] = "?";
	if (su->addr.ipv6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)&su->addr.ss)->sin6_addr, host,
		          sizeof host);
	else
		inet_ntop(AF_INET, &((const struct sockaddr_in *)&su->addr.ss)->sin_addr, host, sizeof host);
	char sig[600];
	srv_log("listening on %s://%s%s%s:%u/ (rules %s %s, %s, %u threads%s)",
	        su->cfg.tls ? "https" : "http", su->addr.ipv6 ? "[" : "", host,
	        su->addr.ipv6 ? "]" : "", port, mpr_ruleset_id(r->rules),
	        mpr_ruleset_fingerprint(r->rules), cli_rules_signature(r->rules, sig, sizeof sig),
	        su->cfg.threads, su->cfg.token ? ", bearer token required" : "");
}

/* SIGTERM/SIGINT: accept nothing new, let what is in flight finish, stop. */
static void stop(srv *s, struct MHD_Daemon *d)
{
	MHD_socket fd = MHD_quiesce_daemon(d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	for (int waited = 0; atomic_load(&s->in_flight) && waited < STOP_GRACE_MS; waited += 10)
		nanosleep(&(struct timespec){0, 10000000L}, NULL);
	MHD_stop_daemon(d);
}

static int serve(setup *su)
{
	srv s;
	memset(&s, 0, sizeof s);
	s.cfg = &su->cfg;
	char why[1300];
	if (srv_rules_load(&su->cfg, &s.current, why, sizeof why)) {
		char line[8192];
		mpr_text_visible(line, sizeof line, why); /* one line, whatever the directory's name */
		fprintf(stderr, "%s\n", line);
		return CLI_USAGE;
	}
	pthread_mutex_init(&s.lock, NULL);
	pthread_mutex_init(&s.log_lock, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* before the daemon's threads exist */
	int status = CLI_PASS;
	struct MHD_Daemon *d = start(&s, su);
	if (!d) {
		status = cli_error("mprisk serve", "cannot listen on %s (in use, or not an address of "
		                                   "this machine?)",
		                   su->cfg.listen_text);
	} else {
		announce(d, su, s.current);
		for (;;) {
			int sig;
			if (sigwait(&set, &sig) != 0)
				continue;
			if (sig == SIGHUP) {
				srv_rules_reload(&s);
				continue;
			}
			srv_log("%s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
			break;
		}
		stop(&s, d);
		srv_log("stopped");
	}
	srv_rules_release(&s, s.current);
	pthread_mutex_destroy(&s.lock);
	pthread_mutex_destroy(&s.log_lock);
	return status;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const serve_opts *o = opts;
	if (n > 0)
		return cli_usage(cmd, "takes no arguments, found '%s'", args[0]);
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES && o->tls_cert)
		return cli_usage(cmd, "this libmicrohttpd has no TLS support");
	setup su;
	memset(&su, 0, sizeof su);
	char rules_buf[PATH_MAX + 32];
	int st = configure(cmd, o, &su, rules_buf, sizeof rules_buf);
	if (!st)
		st = serve(&su);
	free(su.token);
	free(su.cert);
	free(su.key);
	free(su.require_key);
	return st;
}

const cli_cmd cmd_serve = {"serve", run,
	N_("a decision service over HTTP, and a web page for drafting proposals"), options,
	sizeof(serve_opts), "",
	N_("Listens on loopback unless told otherwise; SIGHUP reloads the rules, SIGTERM or "
	   "SIGINT stops it. The routes: docs/api-http.md."),
	N_("0 stopped by SIGTERM or SIGINT; 2 usage or input error (also a ruleset that does "
	   "not load at the start, or an address that cannot be listened on)")};
