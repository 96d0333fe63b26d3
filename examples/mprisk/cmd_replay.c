/*
 * cmd_replay.c - `mprisk replay LOGFILE`: decide every record of a
 * decision log again under the rules and report what would now differ,
 * what was tampered with and what cannot be read; and `mprisk verify
 * --log`, which checks the seals and the chain without deciding again.
 *
 * The log is streamed (mpr_replay_feed): memory does not grow with it. A
 * log file is read up to the size it had when no append was under way (a
 * shared lock taken for the moment of reading the size), so that records
 * appended meanwhile are neither half read nor waited for. An unreadable
 * record is one line on stderr and replay goes on; the report of the rest
 * is still written, and the exit status says the worst that was found
 * (docs/cli.md): 3 tampered, 2 unreadable (or usage and input errors), 1
 * differs, 0 every decision stands.
 */
#define _DEFAULT_SOURCE /* flock */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { CLI_TAMPERED = 3 };

typedef struct replay_opts {
	const char *rules, *output, *require_signature, *head, *max_record_bytes;
} replay_opts;

static const cli_opt options[] = {
	CLI_OPT_RULES(replay_opts),
	CLI_OPT_REQUIRE_SIGNATURE(replay_opts),
	{CLI_VALUE, "head", 0, "FILE", offsetof(replay_opts, head),
	 N_("the signed head of the log to check, as mprisk sign writes it; default "
	 "LOGFILE.sig when it exists")},
	{CLI_VALUE, "max-record-bytes", 0, "N", offsetof(replay_opts, max_record_bytes),
	 N_("the longest record read, in bytes (default 67108864, 64 MiB); a longer one is "
	 "reported and passed over")},
	CLI_OPT_OUTPUT(replay_opts),
	CLI_OPT_END,
};

/* The replay's report goes into the command's output; unreadable records
 * to stderr, one line each, as they are met. */
static int to_out(void *ctx, const char *text, size_t len)
{
	cli_out *out = ctx;
	cli_out_append(out, text, len);
	return out->failed;
}

static void to_stderr(void *ctx, const mpr_error *err)
{
	(void)ctx;
	cli_fail(err);
}

/* A log file, as every input is read (util/file.c): a symbolic link, a FIFO,
 * a device, a directory refused at once, never waited on. */
static int open_log(const char *path, int *fd, struct stat *st)
{
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (*fd < 0) {
		int e = errno;
		if (e == ELOOP && lstat(path, st) == 0 && S_ISLNK(st->st_mode))
			return cli_error(path, "is a symbolic link; inputs are read from regular files only");
		return cli_error(path, "cannot open: %s", strerror(e));
	}
	if (fstat(*fd, st) != 0) {
		int e = errno;
		close(*fd);
		return cli_error(path, "cannot stat: %s", strerror(e));
	}
	if (!S_ISREG(st->st_mode)) {
		close(*fd);
		return cli_error(path, "not a regular file (%s): inputs are read from regular files, or "
		                       "from standard input as -",
		                 S_ISDIR(st->st_mode)    ? "a directory"
		                 : S_ISFIFO(st->st_mode) ? "a FIFO"
		                 : S_ISCHR(st->st_mode)  ? "a character device"
		                 : S_ISBLK(st->st_mode)  ? "a block device"
		                 : S_ISSOCK(st->st_mode) ? "a socket"
		                                         : "of an unknown kind");
	}
	return 0;
}

/* Feed the log: a file up to the size it had with no append under way,
 * or standard input to its end. */
static int feed_log(mpr_replay_state *rp, const char *path)
{
	int stdin_ = strcmp(path, "-") == 0;
	int fd = 0;
	struct stat st;
	memset(&st, 0, sizeof st);
	if (!stdin_ && open_log(path, &fd, &st))
		return CLI_USAGE;
	off_t left = -1; /* -1: to the end */
	if (!stdin_ && flock(fd, LOCK_SH) == 0) {
		left = lseek(fd, 0, SEEK_END);
		lseek(fd, 0, SEEK_SET);
		flock(fd, LOCK_UN);
	}
	enum { CHUNK = 1 << 16 };
	char *buf = malloc(CHUNK);
	mpr_error err;
	int st_ = buf ? 0 : cli_error("mprisk", "out of memory");
	while (!st_ && left != 0) {
		size_t want = left < 0 || left > CHUNK ? CHUNK : (size_t)left;
		ssize_t got = read(fd, buf, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			st_ = cli_error(stdin_ ? "<stdin>" : path, "cannot read: %s", strerror(errno));
			break;
		}
		if (got == 0)
			break;
		if (mpr_replay_feed(rp, buf, (size_t)got, &err) != MPR_OK)
			st_ = cli_fail(&err);
		if (left > 0)
			left -= got;
	}
	free(buf);
	if (!stdin_)
		close(fd);
	return st_;
}

/* The signed head to check: --head FILE, else LOGFILE.sig if it exists. */
static int head_option(const char *log, const char *head, const char *pem, size_t plen,
                       size_t *records, char seal[72], char key[72], char *path, size_t size)
{
	*records = 0;
	if (!head) {
		struct stat st;
		snprintf(path, size, "%s.sig", log);
		if (strcmp(log, "-") == 0 || stat(path, &st) != 0)
			return 0;
		head = path;
	} else {
		snprintf(path, size, "%s", head);
	}
	char *text;
	size_t len;
	if (cli_read(head, CLI_KEY_MAX, &text, &len))
		return CLI_USAGE;
	mpr_error err;
	int rc = mpr_log_head_check(text, len, head, pem, plen, records, seal, key, &err);
	free(text);
	if (rc == MPR_EINVAL)
		return cli_fail_as(cli_tr("the public key"), &err);
	return rc == MPR_OK ? 0 : cli_fail(&err);
}

static int max_bytes(const char *value, size_t *out)
{
	if (!value)
		return 0;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(value, &end, 10);
	if (errno || *end || end == value || value[0] == '-' || v == 0 || v > SIZE_MAX / 4)
		return cli_error("--max-record-bytes", "needs a number of bytes, not '%s'", value);
	*out = (size_t)v;
	return 0;
}

/* Run a replay (or, without rules, a chain check) of log into out; the
 * signed head, if any, must be by the key in pem when it is not NULL. */
static int run_replay(const mpr_ruleset *rules, const char *log, const replay_opts *o,
                      const char *pem, size_t plen, cli_out *out,
                      size_t counts[MPR_REPLAY_HEAD + 1])
{
	mpr_replay_options ro = MPR_REPLAY_OPTIONS_INIT;
	char seal[72], key[72], hpath[PATH_MAX + 8];
	int st = max_bytes(o->max_record_bytes, &ro.max_record_bytes);
	if (!st)
		st = head_option(log, o->head, pem, plen, &ro.head_records, seal, key, hpath,
		                 sizeof hpath);
	if (st)
		return st;
	ro.head_seal = ro.head_records ? seal : NULL;
	ro.chain_only = rules == NULL;
	if (ro.head_records)
		cli_out_printf(out, cli_tr("signed head: %s, by key %s, covers %zu sealed records\n"),
		               hpath, key, ro.head_records);
	mpr_replay_sink sink = {out, to_out, to_stderr};
	mpr_replay_state *rp;
	mpr_error err;
	if (mpr_replay_begin(&rp, rules, strcmp(log, "-") == 0 ? "<stdin>" : log, &ro, &sink, &err))
		return cli_fail(&err);
	st = feed_log(rp, log);
	if (!st && mpr_replay_finish(rp, &err) != MPR_OK)
		st = cli_fail(&err);
	for (int i = 0; i <= MPR_REPLAY_HEAD; i++)
		counts[i] = mpr_replay_count(rp, i);
	mpr_replay_free(rp);
	return st;
}

static int verdict(const size_t *c)
{
	return c[MPR_REPLAY_TAMPERED]     ? CLI_TAMPERED
	       : c[MPR_REPLAY_UNREADABLE] ? CLI_USAGE
	       : c[MPR_REPLAY_DIFFER]     ? CLI_FAILS
	                                  : CLI_PASS;
}

int cli_verify_log(const char *log, const char *head, const char *max_record_bytes,
                   const char *pem, size_t plen, cli_out *out, int *fails)
{
	replay_opts o = {.head = head, .max_record_bytes = max_record_bytes};
	size_t c[MPR_REPLAY_HEAD + 1] = {0};
	int st = run_replay(NULL, log, &o, pem, plen, out, c);
	if (st)
		return st;
	*fails = c[MPR_REPLAY_TAMPERED] || c[MPR_REPLAY_UNREADABLE] || !c[MPR_REPLAY_HEAD];
	if (*fails)
		cli_out_printf(out, cli_tr("%s: NOT VERIFIED: %s\n"), log,
		               c[MPR_REPLAY_TAMPERED] || c[MPR_REPLAY_UNREADABLE]
		                   ? cli_tr("records were tampered with or cannot be read (above)")
		                   : cli_tr("no signed head by this key covers the log (mprisk sign --log)"));
	else
		cli_out_printf(out, cli_tr("%s: verified: every seal and link holds, and the signed "
		                           "head matches\n"),
		               log);
	return 0;
}

static int run(const cli_cmd *cmd, const void *opts, int n, char **args)
{
	const replay_opts *o = opts;
	if (n != 1)
		return cli_usage(cmd, "needs one LOGFILE (- for standard input)");
	int st = cli_out_check(o->output);
	if (st)
		return st;
	mpr_ruleset *rules = NULL;
	size_t c[MPR_REPLAY_HEAD + 1] = {0};
	cli_out out = {0};
	st = cli_rules_load(o->rules, &rules);
	if (!st)
		st = cli_rules_require(rules, o->require_signature);
	char *pem = NULL;
	size_t plen = 0;
	if (!st && o->require_signature && cli_read(o->require_signature, CLI_KEY_MAX, &pem, &plen))
		st = CLI_USAGE;
	if (!st)
		st = run_replay(rules, args[0], o, pem, plen, &out, c);
	free(pem);
	mpr_ruleset_free(rules);
	st = cli_out_write(&out, st, o->output, 0);
	return cli_rules_note(o->rules, st ? st : verdict(c));
}

const cli_cmd cmd_replay = {"replay", run,
	N_("re-decide a decision log: what would now differ, what was tampered with"), options,
	sizeof(replay_opts), "LOGFILE",
	N_("A log written by evaluate --log; - for standard input. Each record's seal, its place "
	   "in the chain, its input's sha256 and its whole decision are checked; an unreadable "
	   "record is one line on stderr and the rest is still replayed."),
	N_("0 every logged decision stands; 1 a decision would now differ; 2 usage or input "
	   "error, or an unreadable record; 3 a record was tampered with")};
