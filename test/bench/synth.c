/*
 * synth.c - the synthetic workloads of `make bench`, made on the spot and
 * never shipped: proposals of 100 to 10,000 activities (is parsing linear
 * in them?), a one-activity JSON proposal (what mpr_evaluate_json costs),
 * rulesets of 195 countries (is the diff linear in the decision space?),
 * and libyaml alone parsing the rule files (the yardstick of loading).
 *
 * The synthetic countries are copies of the ruleset's own assessments under
 * unused two-letter codes, named as copies: no value is made up, only
 * repeated, and the copies live in a temporary directory.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "bench.h"

char *synth_proposal(const mpr_ruleset *rs, size_t n, size_t *len)
{
	size_t cap = 256 + n * 128, w = 0;
	char *s = malloc(cap);
	if (!s)
		bench_die("synthetic proposal", NULL);
	w += (size_t)snprintf(s, cap, "partnership:\n  id: bench-%zu\n  title: \"synthetic\"\n"
	                              "activities:\n", n);
	for (size_t i = 0; i < n && w < cap; i++)
		w += (size_t)snprintf(s + w, cap - w, "  - id: activity-%zu\n    measure: %s\n"
		                                     "    country: %s\n",
		                      i, rs->measures[i % rs->n_measures].n.id,
		                      rs->countries[(i * 7) % rs->n_countries].n.id);
	if (w >= cap)
		bench_die("synthetic proposal: too long", NULL);
	*len = w;
	return s;
}

int synth_one_activity(char *buf, size_t size, const char *country, const char *measure)
{
	int n = snprintf(buf, size,
	                 "{\"partnership\": {\"id\": \"bench\", \"title\": \"one activity\", "
	                 "\"country\": \"%s\", \"parties\": [\"NL\", \"%s\"]}, "
	                 "\"activities\": [{\"id\": \"a1\", \"measure\": \"%s\"}]}",
	                 country, country, measure);
	return n > 0 && (size_t)n < size ? n : -1;
}

/* ---- files ---------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = NULL;
	long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) &&
	    fread(s, 1, (size_t)n, f) == (size_t)n) {
		s[n] = '\0';
		*len = (size_t)n;
	} else {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

static int spill(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(s, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* ---- 195 countries -------------------------------------------------------- */

typedef struct text {
	char *s;
	size_t n, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			bench_die("synthetic rules", NULL);
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static void puts_text(text *t, const char *s)
{
	put(t, s, strlen(s));
}

/* One copy of a country block under code: code, iso3, name and context ids
 * renamed, everything else as assessed. */
static void copy_block(text *t, const char *block, size_t len, const char *code)
{
	char line[512], lower[3] = {(char)(code[0] | 0x20), (char)(code[1] | 0x20), 0};
	const char *from = strstr(block, "code: ") + 6;
	for (const char *p = block, *end = block + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (strncmp(p, "  - code: ", 10) == 0)
			snprintf(line, sizeof line, "  - code: %s\n", code);
		else if (strncmp(p, "    iso3: ", 10) == 0)
			snprintf(line, sizeof line, "    iso3: X%s\n", code);
		else if (strncmp(p, "    name: ", 10) == 0)
			snprintf(line, sizeof line, "    name: \"Synthetic %s (copy of %.2s)\"\n", code, from);
		else if (strncmp(p, "      - id: ", 12) == 0)
			snprintf(line, sizeof line, "      - id: %s-%.*s", lower, (int)(n - 12), p + 12);
		else
			snprintf(line, sizeof line, "%.*s", (int)n, p);
		puts_text(t, line);
		p += n;
	}
}

static char *more_countries(const char *yaml, size_t n_countries, size_t *len)
{
	static const char mark[] = "\n  - code: ";
	const char *starts[256];
	size_t n = 0;
	for (const char *p = strstr(yaml, mark); p && n < 256; p = strstr(p + 1, mark))
		starts[n++] = p + 1;
	if (!n)
		bench_die("synthetic rules: no country in countries.yaml", NULL);
	text t = {0};
	put(&t, yaml, strlen(yaml));
	if (t.n && t.s[t.n - 1] != '\n')
		put(&t, "\n", 1);
	size_t made = n;
	for (char a = 'A'; a <= 'Z' && made < n_countries; a++)
		for (char b = 'A'; b <= 'Z' && made < n_countries; b++) {
			char code[3] = {a, b, 0}, probe[16];
			snprintf(probe, sizeof probe, "- code: %s\n", code);
			if (strstr(yaml, probe))
				continue; /* a code the rules use */
			size_t j = (made - n) % n;
			const char *end = j + 1 < n ? starts[j + 1] : yaml + strlen(yaml);
			copy_block(&t, starts[j], (size_t)(end - starts[j]), code);
			made++;
		}
	*len = t.n;
	return t.s;
}

/* The monitoring of the cell high country x low measure made more frequent
 * (examples/rule-changes/tighten-high-low-monitoring.patch). */
static void tighten_cell(char *matrix)
{
	char *cell = strstr(matrix, "country: high\n    measure: low\n");
	char *every = cell ? strstr(cell, "every_months: 6}") : NULL;
	if (!every)
		bench_die("synthetic rules: matrix.yaml has no high x low cell every 6 months", NULL);
	every[14] = '4';
}

int synth_rules(const char *from_dir, const char *to_dir, size_t n_countries, int tighten)
{
	DIR *d = opendir(from_dir);
	if (!d || mkdir(to_dir, 0700) != 0)
		return -1;
	int rc = 0;
	for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
		if (!is_yaml(e->d_name))
			continue;
		char path[4096];
		size_t len;
		snprintf(path, sizeof path, "%s/%s", from_dir, e->d_name);
		char *s = slurp(path, &len);
		if (!s) {
			rc = -1;
			break;
		}
		if (strcmp(e->d_name, "countries.yaml") == 0) {
			char *more = more_countries(s, n_countries, &len);
			free(s);
			s = more;
		} else if (tighten && strcmp(e->d_name, "matrix.yaml") == 0) {
			tighten_cell(s);
		}
		snprintf(path, sizeof path, "%s/%s", to_dir, e->d_name);
		rc = spill(path, s, len);
		free(s);
	}
	closedir(d);
	return rc;
}

void synth_rules_remove(const char *dir)
{
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (is_yaml(e->d_name))
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* ---- libyaml alone --------------------------------------------------------- */

static size_t libyaml_events(const char *s, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t n = 0;
	if (!yaml_parser_initialize(&p))
		bench_die("libyaml", NULL);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	for (int done = 0; !done; n++) {
		if (!yaml_parser_parse(&p, &ev))
			bench_die("libyaml: a rule file does not parse", NULL);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return n;
}

double libyaml_parse_ms(const char *dir, int repeats, size_t *events, double *median)
{
	char *files[64];
	size_t lens[64], n = 0;
	DIR *d = opendir(dir);
	for (struct dirent *e; d && n < 64 && (e = readdir(d)) != NULL;) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (is_yaml(e->d_name) && (files[n] = slurp(path, &lens[n])) != NULL)
			n++;
	}
	if (d)
		closedir(d);
	double *t = calloc((size_t)repeats, sizeof *t);
	if (!t)
		bench_die("libyaml", NULL);
	for (int r = 0; r < repeats; r++) {
		double t0 = bench_now();
		*events = 0;
		for (size_t i = 0; i < n; i++)
			*events += libyaml_events(files[i], lens[i]);
		t[r] = (bench_now() - t0) * 1e3;
	}
	*median = bench_median(t, (size_t)repeats);
	double best = t[0]; /* sorted by bench_median */
	free(t);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	return best;
}
