/*
 * cmd_sign.c - `mprisk sign --key KEY RULES`: the owner of a ruleset
 * approves it by signing its fingerprint (RULES/ruleset.sig), and `mprisk
 * sign --key KEY --log LOGFILE` signs the head of a decision log's chain
 * (LOGFILE.sig), so that rewriting the log up to there is detected too.
 * docs/auditing.md, "Approved rulesets", says who holds the key.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct sign_opts {
	const char *key, *log, *output;
} sign_opts;

static const cli_opt options[] = {
	{CLI_VALUE, "key", 0, "KEY", offsetof(sign_opts, key),
	 N_("the Ed25519 private key (PEM, unencrypted: openssl genpkey -algorithm ed25519); "
	 "- for standard input (required)")},
	{CLI_VALUE, "log", 0, "LOGFILE", offsetof(sign_opts, log),
	 N_("sign the head of this decision log's chain instead of a ruleset (after checking "
	 "the chain); written to LOGFILE.sig")},
	{CLI_VALUE, "output", 'o', "FILE", offsetof(sign_opts, output),
	 N_("write the signature to FILE instead (- : standard output); default RULES/ruleset.sig, "
	 "where loading finds it, or LOGFILE.sig")},
	CLI_OPT_END,
};

/* The signature file's text for the ruleset in dir, into t, and what was
 * signed, in words; the library's status. */
static int sign_rules(const char *dir, const char *pem, size_t len, const char *when, cli_text *t,
                      char *what, size_t what_size)
{
	mpr_ruleset *rules = NULL;
	int rc = mpr_ruleset_load(&rules, dir, NULL, &t->err);
	if (rc == MPR_OK)
		rc = mpr_ruleset_sign(rules, pem, len, when, &t->data, &t->len, &t->err);
	if (rc == MPR_OK)
		snprintf(what, what_size, "%s (%s)", mpr_ruleset_id(rules), mpr_ruleset_fingerprint(rules));
	mpr_ruleset_free(rules);
	return rc;
}

/* The signed head of the log's chain, after the chain is checked, the same
 * way. */
static int sign_log(const char *log, const char *pem, size_t len, const char *when, cli_text *t,
                    char *what, size_t what_size)
{
	size_t records = 0;
	int rc = mpr_log_sign_head(log, pem, len, when, &t->data, &t->len, &records, &t->err);
	if (rc == MPR_OK && records == 1)
		snprintf(what, what_size, cli_tr("the chain of %s (1 record)"), log);
	else if (rc == MPR_OK)
		snprintf(what, what_size, cli_tr("the chain of %s (%zu records)"), log, records);
	return rc;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const sign_opts *o = opts;
	if (!o->key)
		return cli_usage(cmd, "needs --key KEY (the Ed25519 private key, PEM)");
	if (o->log ? n != 0 : n != 1)
		return cli_usage(cmd, o->log ? "--log signs a log and takes no RULES"
		                             : "needs one RULES directory");
	char target[PATH_MAX + 32];
	const char *what_path = o->log ? o->log : args[0];
	size_t tn = strlen(what_path);
	while (!o->log && tn > 1 && what_path[tn - 1] == '/')
		tn--;
	snprintf(target, sizeof target, "%.*s%s", (int)tn, what_path, o->log ? ".sig" : "/ruleset.sig");
	const char *path = o->output ? o->output : target;
	int st = cli_out_check(path);
	if (st)
		return st;
	char *pem, when[32], what[PATH_MAX + 120];
	size_t len;
	if (cli_read(o->key, CLI_KEY_MAX, &pem, &len))
		return CLI_USAGE;
	cli_now(when, sizeof when);
	cli_text t;
	int rc = o->log ? sign_log(o->log, pem, len, when, &t, what, sizeof what)
	                : sign_rules(args[0], pem, len, when, &t, what, sizeof what);
	/* the private key leaves memory as soon as it has signed */
	memset(pem, 0, len);
	free(pem);
	if ((st = cli_out_text(rc, &t, path, 0)) != 0)
		return st;
	if (path && strcmp(path, "-") != 0)
		printf(cli_tr("signed %s: %s\n"), what, path);
	return fflush(stdout) == 0 ? CLI_PASS : cli_error("mprisk", "cannot write to standard output");
}

const cli_cmd cmd_sign = {"sign", run,
	N_("approve a ruleset (or a log's head) with an Ed25519 signature"), options,
	sizeof(sign_opts), "--key KEY RULES\n--key KEY --log LOGFILE",
	N_("Writes RULES/ruleset.sig, which every output then names (signed by key ...), or "
	   "LOGFILE.sig, the signed head of the log's chain (docs/auditing.md)."),
	CLI_EXIT_0_2};
