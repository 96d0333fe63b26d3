/*
 * rules.c - where the ruleset comes from, and loading it.
 *
 * Without --rules, in order: the environment variable MPRISK_RULES;
 * rules/default in the checkout that holds the binary (the first of
 * DIR/../rules/default and DIR/../../rules/default for the binary's
 * directory DIR: build/mprisk, and build/asan/mprisk of any BUILD=); then
 * MPRISK_DATADIR/rules/default, the install location compiled in by
 * `make install`. The rule tests are looked for beside the rules
 * (rules/default -> rules/tests). See docs/cli.md.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef MPRISK_DATADIR
#define MPRISK_DATADIR "/usr/local/share/mprisk"
#endif

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *default_rules(char *buf, size_t size)
{
	const char *env = getenv("MPRISK_RULES");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0'; /* exe: the binary's directory */
		for (int up = 0; up < 2; up++) {
			if (!(slash = strrchr(exe, '/')))
				break;
			*slash = '\0'; /* one directory up */
			snprintf(buf, size, "%s/rules/default", exe);
			if (is_dir(buf))
				return buf;
		}
	}
	snprintf(buf, size, "%s/rules/default", MPRISK_DATADIR);
	return buf;
}

const char *cli_rules_dir(const char *option, char *buf, size_t size)
{
	return option ? option : default_rules(buf, size);
}

int cli_rules_load(const char *dir, mpr_ruleset **out)
{
	char buf[PATH_MAX + 32];
	mpr_error err;
	if (mpr_ruleset_load(out, cli_rules_dir(dir, buf, sizeof buf), NULL, &err) != MPR_OK)
		return cli_fail(&err);
	return 0;
}

int cli_rules_open(const char *option, const char *format, mpr_ruleset **out,
                   mpr_render_options *ro)
{
	int st = cli_rules_load(option, out);
	return st ? st : cli_render_options(*out, format, ro);
}

int cli_rules_require(const mpr_ruleset *rules, const char *pubkey)
{
	if (!pubkey)
		return 0;
	char *pem;
	size_t len;
	if (cli_read(pubkey, CLI_KEY_MAX, &pem, &len))
		return CLI_USAGE;
	mpr_error err;
	int rc = mpr_ruleset_check_signature(rules, pem, len, &err);
	free(pem);
	if (rc == MPR_EINVAL)
		return cli_fail_as(pubkey, &err);
	return rc == MPR_OK ? 0 : cli_fail(&err);
}

const char *cli_rules_signature(const mpr_ruleset *rules, char *buf, size_t size)
{
	const char *key, *note;
	int st = mpr_ruleset_signature(rules, &key, &note);
	if (st == MPR_SIGNATURE_VALID)
		snprintf(buf, size, "signed by key %s", key);
	else if (st == MPR_SIGNATURE_INVALID)
		snprintf(buf, size, "NOT SIGNED: the signature is invalid: %s", note);
	else
		snprintf(buf, size, "unsigned");
	return buf;
}

int cli_rules_note(const char *option, int status)
{
	const char *env = getenv("MPRISK_RULES");
	if (!option && env && *env && status != CLI_USAGE) {
		char shown[2048]; /* a directory's name as one visible line */
		mpr_text_visible(shown, sizeof shown, env);
		fprintf(stderr, cli_tr("mprisk: note: the rules came from $MPRISK_RULES (%s), not from "
		                       "--rules\n"),
		        shown);
	}
	return status;
}

const char *cli_tests_beside(const char *rules_dir, char *buf, size_t size)
{
	size_t n = strlen(rules_dir);
	while (n > 1 && rules_dir[n - 1] == '/')
		n--;
	size_t parent = n;
	while (parent > 0 && rules_dir[parent - 1] != '/')
		parent--;
	if (parent == 0)
		snprintf(buf, size, "tests");
	else
		snprintf(buf, size, "%.*stests", (int)parent, rules_dir);
	return is_dir(buf) ? buf : NULL;
}
