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

const cli_opt cmd_sign_opts[] = {
	{CLI_VALUE, "key", 0, "KEY", offsetof(sign_opts, key),
	 N_("the Ed25519 private key (PEM, unencrypted: openssl genpkey -algorithm ed25519); "
	 "- for standard input (required)")},
	{CLI_VALUE, "log", 0, "LOGFILE", offsetof(sign_opts, log),
	 N_("sign the head of this decision log's chain instead of a ruleset (after checking "
	 "the chain); written to LOGFILE.sig")},
	{CLI_VALUE, "output", 'o', "FILE", offsetof(sign_opts, output),
	 N_("write the signature to FILE instead (- : standard output); default RULES/ruleset.sig, "
	 "where loading finds it, or LOGFILE.sig")},
	CLI_OPT_LANG,
	CLI_OPT_HELP,
	CLI_OPT_END,
};

/* The signature file's text for the ruleset in dir. */
static int sign_rules(const char *dir, const char *pem, size_t len, const char *when,
                      char **text, size_t *tlen, char *what, size_t what_size)
{
	mpr_ruleset *rules = NULL;
	int st = cli_rules_load(dir, &rules);
	mpr_error err;
	if (!st && mpr_ruleset_sign(rules, pem, len, when, text, tlen, &err) != MPR_OK)
		st = cli_fail(&err);
	if (!st)
		snprintf(what, what_size, "%s (%s)", mpr_ruleset_id(rules), mpr_ruleset_fingerprint(rules));
	mpr_ruleset_free(rules);
	return st;
}

/* The signed head of the log's chain, after the chain is checked. */
static int sign_log(const char *log, const char *pem, size_t len, const char *when, char **text,
                    size_t *tlen, char *what, size_t what_size)
{
	mpr_error err;
	size_t records = 0;
	if (mpr_log_sign_head(log, pem, len, when, text, tlen, &records, &err) != MPR_OK)
		return cli_fail(&err);
	if (records == 1)
		snprintf(what, what_size, cli_tr("the chain of %s (1 record)"), log);
	else
		snprintf(what, what_size, cli_tr("the chain of %s (%zu records)"), log, records);
	return 0;
}

int cmd_sign(const cli_cmd *cmd, int argc, char **argv)
{
	sign_opts o = {0};
	int n;
	int st = cli_parse(cmd, argc, argv, &o, &n);
	if (st >= 0)
		return st;
	if (!o.key)
		return cli_usage(cmd, "needs --key KEY (the Ed25519 private key, PEM)");
	if (o.log ? n != 0 : n != 1)
		return cli_usage(cmd, o.log ? "--log signs a log and takes no RULES" : "needs one RULES directory");
	char target[PATH_MAX + 32];
	const char *what_path = o.log ? o.log : argv[1];
	size_t tn = strlen(what_path);
	while (!o.log && tn > 1 && what_path[tn - 1] == '/')
		tn--;
	snprintf(target, sizeof target, "%.*s%s", (int)tn, what_path, o.log ? ".sig" : "/ruleset.sig");
	const char *path = o.output ? o.output : target;
	if ((st = cli_out_check(path)) != 0)
		return st;
	char *pem, *text = NULL, when[32], what[PATH_MAX + 120];
	size_t len, tlen = 0;
	if (cli_read(o.key, CLI_KEY_MAX, &pem, &len))
		return CLI_USAGE;
	cli_now(when, sizeof when);
	st = o.log ? sign_log(o.log, pem, len, when, &text, &tlen, what, sizeof what)
	           : sign_rules(argv[1], pem, len, when, &text, &tlen, what, sizeof what);
	/* the private key leaves memory as soon as it has signed */
	memset(pem, 0, len);
	free(pem);
	if (st)
		return st;
	if ((st = cli_out_text(text, tlen, path, 0)) != 0)
		return st;
	if (path && strcmp(path, "-") != 0)
		printf(cli_tr("signed %s: %s\n"), what, path);
	return fflush(stdout) == 0 ? CLI_PASS : cli_error("mprisk", "cannot write to standard output");
}
