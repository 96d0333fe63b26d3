/*
 * input.c - what the driver reads: proposals (files, standard input, whole
 * directories), the observations of monitoring, and the listing of a
 * directory.
 *
 * A directory argument stands for its proposal files (*.yaml, *.yml,
 * *.json), in byte order of their names, not recursively and without
 * hidden files, so that `mprisk evaluate proposals/` is repeatable. Every
 * proposal is parsed and evaluated before anything is printed. Files and
 * standard input are read by the library (mpr_input_read), so that a FIFO
 * or device named as an input is refused and standard input has a limit.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static int list_push(cli_list *l, char *s)
{
	if (!s)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			free(s);
			return -1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return 0;
}

int cli_list_add(cli_list *l, const char *s)
{
	return list_push(l, strdup(s));
}

void cli_list_free(cli_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (cli_list){0};
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t need = n + strlen(name) + 2;
	char *path = malloc(need);
	if (path)
		snprintf(path, need, "%.*s/%s", (int)n, dir, name);
	return path;
}

/* Is the entry at path a regular file (following symbolic links)? */
static int is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int cli_list_dir(const char *dir, const char *const *suffixes, cli_list *l)
{
	DIR *d = opendir(dir);
	if (!d)
		return cli_error(dir, "cannot read directory: %s", strerror(errno));
	size_t first = l->n;
	int rc = 0;
	struct dirent *e;
	errno = 0;
	while (!rc && (e = readdir(d)) != NULL) {
		int match = 0;
		for (size_t s = 0; suffixes[s]; s++)
			match |= has_suffix(e->d_name, suffixes[s]);
		if (e->d_name[0] == '.' || !match)
			continue;
		char *path = join(dir, e->d_name);
		if (path && !is_regular(path))
			free(path);
		else if (list_push(l, path))
			rc = cli_error(dir, "out of memory");
	}
	if (!rc && errno)
		rc = cli_error(dir, "cannot read directory: %s", strerror(errno));
	closedir(d);
	if (!rc && l->n > first)
		qsort(l->v + first, l->n - first, sizeof *l->v, cmp_names);
	return rc;
}

int cli_read(const char *path, size_t max, char **data, size_t *len)
{
	/* the library's one way to read: a named file must be a regular one (a
	 * FIFO or device is refused, never waited on), "-" is standard input,
	 * read to its end with the limit, and a read error is an error */
	mpr_error err;
	if (mpr_input_read(strcmp(path, "-") == 0 ? NULL : path, max, data, len, &err) != MPR_OK)
		return cli_fail(&err);
	return 0;
}

/* Each argument as proposal files: a directory's proposals, or itself. */
static int expand(char *const *args, int n_args, cli_list *files)
{
	static const char *const proposal_suffixes[] = {".yaml", ".yml", ".json", NULL};
	for (int i = 0; i < n_args; i++) {
		struct stat st;
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t before = files->n;
			int rc = cli_list_dir(args[i], proposal_suffixes, files);
			if (rc)
				return rc;
			if (files->n == before)
				return cli_error(args[i], "no *.yaml, *.yml or *.json proposal in this directory");
		} else if (cli_list_add(files, args[i])) {
			return cli_error(args[i], "out of memory");
		}
	}
	return 0;
}

/* One input named on the command line, parsed: a proposal against rules,
 * or (monitored not NULL) observations of the monitored proposal. Either is
 * read the same way: "-" is standard input, named "<stdin>", anything else
 * a regular file, with the limit of a proposal file. 0, or CLI_USAGE
 * reported. */
static int parse_input(const char *path, const mpr_ruleset *rules, const mpr_proposal *monitored,
                       mpr_proposal **proposal, mpr_observations **observations)
{
	mpr_load_options limits = MPR_LOAD_OPTIONS_INIT;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	char *data;
	size_t len;
	if (cli_read(path, limits.max_file_bytes, &data, &len))
		return CLI_USAGE;
	mpr_error err;
	int rc = monitored ? mpr_observations_parse_buffer(observations, monitored, data, len, name,
	                                                   NULL, &err)
	                   : mpr_proposal_parse_buffer(proposal, rules, data, len, name, NULL, &err);
	free(data);
	return rc == MPR_OK ? 0 : cli_fail(&err);
}

int cli_proposal_read(const mpr_ruleset *rules, const char *path, mpr_proposal **out)
{
	*out = NULL;
	return parse_input(path, rules, NULL, out, NULL);
}

int cli_observations_read(const mpr_proposal *monitored, const char *path, mpr_observations **out)
{
	*out = NULL;
	return parse_input(path, NULL, monitored, NULL, out);
}

int cli_proposals_evaluate(const mpr_ruleset *rules, char *const *args, int n_args,
                           cli_proposals *out)
{
	return cli_proposals_evaluate_with(rules, NULL, args, n_args, out);
}

int cli_proposals_evaluate_with(const mpr_ruleset *rules, const mpr_experience *experience,
                                char *const *args, int n_args, cli_proposals *out)
{
	*out = (cli_proposals){0};
	cli_list files = {0};
	int rc = expand(args, n_args, &files);
	if (!rc) {
		out->proposals = calloc(files.n + 1, sizeof *out->proposals);
		out->results = calloc(files.n + 1, sizeof *out->results);
	}
	if (!rc && (!out->proposals || !out->results)) {
		cli_list_free(&files);
		return cli_error("mprisk", "out of memory");
	}
	for (size_t i = 0; !rc && i < files.n; i++) {
		mpr_error err;
		out->n = i + 1;
		rc = cli_proposal_read(rules, files.v[i], &out->proposals[i]);
		if (!rc && mpr_evaluate_experience(&out->results[i], rules, out->proposals[i], experience,
		                                   &err) != MPR_OK)
			rc = cli_fail(&err);
	}
	cli_list_free(&files);
	return rc;
}

int cli_proposals_pass(const cli_proposals *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (!p->results[i] || !mpr_result_passes(p->results[i]))
			return 0;
	return 1;
}

void cli_proposals_free(cli_proposals *p)
{
	for (size_t i = 0; p->proposals && p->results && i < p->n; i++) {
		mpr_result_free(p->results[i]);
		mpr_proposal_free(p->proposals[i]);
	}
	free(p->proposals);
	free(p->results);
	*p = (cli_proposals){0};
}
