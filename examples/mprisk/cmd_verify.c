/*
 * cmd_verify.c - `mprisk verify --pubkey PUB RULES`: did the holder of the
 * key approve exactly these rules? And `mprisk verify --pubkey PUB --log
 * LOGFILE`: is the log's chain whole, and does its signed head (LOGFILE.sig)
 * still stand? What a verifier needs is the public key, from its owner by a
 * channel the verifier trusts (docs/auditing.md, "Approved rulesets").
 */
#define _DEFAULT_SOURCE /* struct dirent's d_type is not needed; lstat */
#include <dirent.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct verify_opts {
	const char *pubkey, *log, *head, *output;
	const char *max_record_bytes;
} verify_opts;

static const cli_opt options[] = {
	{CLI_VALUE, "pubkey", 0, "PUB", offsetof(verify_opts, pubkey),
	 N_("the Ed25519 public key the signature must be by (PEM: openssl pkey -in KEY -pubout); "
	 "- for standard input (required)")},
	{CLI_VALUE, "log", 0, "LOGFILE", offsetof(verify_opts, log),
	 N_("verify a decision log instead of a ruleset: every record's seal, the chain, and "
	 "the signed head (without deciding again: that is replay)")},
	{CLI_VALUE, "head", 0, "FILE", offsetof(verify_opts, head),
	 N_("with --log: the signed head to check (default LOGFILE.sig)")},
	{CLI_VALUE, "max-record-bytes", 0, "N", offsetof(verify_opts, max_record_bytes),
	 N_("with --log: the largest record read (default 64 MiB); a longer one is reported")},
	CLI_OPT_OUTPUT(verify_opts),
	CLI_OPT_END,
};

/* Files in dir (recursively) that no signature covers: anything but the
 * *.yaml rule files, the signature itself and hidden entries, which the
 * loader skips. They decide nothing, but a reviewer should know. */
static void uncovered(cli_out *out, const char *dir, unsigned depth)
{
	DIR *d = depth < 16 ? opendir(dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
			continue;
		struct stat st;
		size_t n = strlen(e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			uncovered(out, path, depth + 1);
		else if ((n < 5 || strcmp(e->d_name + n - 5, ".yaml") != 0) &&
		         !(depth == 0 && strcmp(e->d_name, "ruleset.sig") == 0))
			cli_out_printf(out, cli_tr("  note: %s is not a rule file: the signature does not "
			                           "cover it (and the loader does not read it)\n"),
			               path);
	}
	if (d)
		closedir(d);
}

static int verify_rules(const char *dir, const char *pem, size_t len, cli_out *out, int *fails)
{
	mpr_ruleset *rules = NULL;
	int st = cli_rules_load(dir, &rules);
	if (st)
		return st;
	mpr_error err;
	int rc = mpr_ruleset_check_signature(rules, pem, len, &err);
	const char *key = NULL, *note = NULL;
	mpr_ruleset_signature(rules, &key, &note);
	if (rc == MPR_OK) {
		cli_out_printf(out, cli_tr("%s: ruleset %s (%s) is signed by key %s (%s): verified\n"),
		               dir, mpr_ruleset_id(rules), mpr_ruleset_fingerprint(rules), key, note);
	} else if (rc == MPR_ESIGNATURE) {
		char msg[1200];
		mpr_error_format_lang(&err, cli_lang(), msg, sizeof msg);
		cli_out_printf(out, cli_tr("%s: ruleset %s (%s): NOT VERIFIED\n  %s\n"), dir,
		               mpr_ruleset_id(rules), mpr_ruleset_fingerprint(rules), msg);
		*fails = 1;
	} else {
		st = cli_fail_as("--pubkey", &err);
	}
	if (!st)
		uncovered(out, dir, 0);
	mpr_ruleset_free(rules);
	return st;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const verify_opts *o = opts;
	if (!o->pubkey)
		return cli_usage(cmd, "needs --pubkey PUB (the Ed25519 public key, PEM)");
	if (o->log ? n != 0 : n != 1)
		return cli_usage(cmd, o->log ? "--log verifies a log and takes no RULES"
		                            : "needs one RULES directory");
	if (!o->log && (o->head || o->max_record_bytes))
		return cli_usage(cmd, "--head and --max-record-bytes go with --log");
	char *pem;
	size_t len;
	if (cli_read(o->pubkey, CLI_KEY_MAX, &pem, &len))
		return CLI_USAGE;
	cli_out out = {0};
	int fails = 0;
	int st = o->log ? cli_verify_log(o->log, o->head, o->max_record_bytes, pem, len, &out, &fails)
	                : verify_rules(args[0], pem, len, &out, &fails);
	free(pem);
	st = cli_out_write(&out, st, o->output, 0);
	return st ? st : fails ? CLI_FAILS : CLI_PASS;
}

const cli_cmd cmd_verify = {"verify", run, N_("check that rules (or a log) are signed by a key"),
	options, sizeof(verify_opts), "--pubkey PUB RULES\n--pubkey PUB --log LOGFILE",
	N_("RULES: signed by PUB and unchanged since. LOGFILE: every seal and link holds and "
	   "its signed head (LOGFILE.sig) is by PUB and matches."),
	N_("0 verified; 1 not verified (unsigned, changed, another key, a broken chain); 2 usage "
	   "or input error")};
