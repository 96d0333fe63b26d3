/*
 * test_json_suite.c - JSONTestSuite (test/fixtures/JSONTestSuite, nst's
 * test_parsing) through the proposal reader's syntax layer only.
 *
 * Every n_ file must fail there with a located syntax error (MPR_ESYNTAX,
 * never later at the schema); every y_ file must pass, except the ones that
 * hit the two refusals mprisk keeps on purpose (duplicate keys, NUL), listed
 * below; each i_ file's outcome is pinned below and printed, as documented in
 * docs/proposal-format.md. Prints
 *   JSONTestSuite: y N/N passed, n N/N refused, i: N accepted, N refused
 */
#include <dirent.h>

#include "helpers.h"
#include "input/tree.h"
#include "util/file.h"

#define SUITE MPR_SOURCE_DIR "/test/fixtures/JSONTestSuite"

/* The y_ files refused on purpose (docs/proposal-format.md, "Exceptions"). */
static const struct {
	const char *file, *says;
} refused_on_purpose[] = {
	{"y_object_duplicated_key.json", "duplicate key 'a' (first at line 1)"},
	{"y_object_duplicated_key_and_value.json", "duplicate key 'a' (first at line 1)"},
	{"y_object_escaped_null_in_key.json", "a NUL character inside a value"},
	{"y_string_null_escape.json", "a NUL character inside a value"},
};

/* Nested deeper than the default max_depth=32: refused by that limit
 * (MPR_ELIMIT) under the default options, whatever the grammar says. */
static const char *const too_deep[] = {
	"i_structure_500_nested_arrays.json",
	"n_structure_100000_opening_arrays.json",
	"n_structure_open_array_object.json",
};

/* What mprisk does with each i_ file under the default options, and why
 * (the same list as docs/proposal-format.md). */
static const struct {
	const char *file;
	bool accepted;
} i_outcomes[] = {
	/* numbers are kept as written; a field that needs a number reads it */
	{"i_number_double_huge_neg_exp.json", true},
	{"i_number_huge_exp.json", true},
	{"i_number_neg_int_huge_exp.json", true},
	{"i_number_pos_double_huge_exp.json", true},
	{"i_number_real_neg_overflow.json", true},
	{"i_number_real_pos_overflow.json", true},
	{"i_number_real_underflow.json", true},
	{"i_number_too_big_neg_int.json", true},
	{"i_number_too_big_pos_int.json", true},
	{"i_number_very_big_negative_int.json", true},
	/* half a UTF-16 surrogate pair in a \u escape is no character */
	{"i_object_key_lone_2nd_surrogate.json", false},
	{"i_string_1st_surrogate_but_2nd_missing.json", false},
	{"i_string_1st_valid_surrogate_2nd_invalid.json", false},
	{"i_string_incomplete_surrogate_and_escape_valid.json", false},
	{"i_string_incomplete_surrogate_pair.json", false},
	{"i_string_incomplete_surrogates_escape_valid.json", false},
	{"i_string_invalid_lonely_surrogate.json", false},
	{"i_string_invalid_surrogate.json", false},
	{"i_string_inverted_surrogates_U+1D11E.json", false},
	{"i_string_lone_second_surrogate.json", false},
	/* UTF-16 with a byte order mark is converted; a UTF-8 one is skipped */
	{"i_string_UTF-16LE_with_BOM.json", true},
	{"i_structure_UTF-8_BOM_empty_object.json", true},
	/* not UTF-8: refused, never guessed */
	{"i_string_UTF-8_invalid_sequence.json", false},
	{"i_string_UTF8_surrogate_U+D800.json", false},
	{"i_string_invalid_utf-8.json", false},
	{"i_string_iso_latin_1.json", false},
	{"i_string_lone_utf8_continuation_byte.json", false},
	{"i_string_not_in_unicode_range.json", false},
	{"i_string_overlong_sequence_2_bytes.json", false},
	{"i_string_overlong_sequence_6_bytes.json", false},
	{"i_string_overlong_sequence_6_bytes_null.json", false},
	{"i_string_truncated-utf-8.json", false},
	/* UTF-16 without a byte order mark: NUL bytes, not UTF-8 */
	{"i_string_utf16BE_no_BOM.json", false},
	{"i_string_utf16LE_no_BOM.json", false},
	/* deeper than max_depth=32 */
	{"i_structure_500_nested_arrays.json", false},
};

typedef struct suite {
	char **names;
	size_t n;
} suite;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_suite(void **state)
{
	suite *s = calloc(1, sizeof *s);
	DIR *d = opendir(SUITE);
	if (!s || !d) {
		free(s);
		if (d)
			closedir(d);
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 7 || strcmp(e->d_name + l - 5, ".json") != 0 || e->d_name[1] != '_')
			continue;
		char **v = realloc(s->names, (s->n + 1) * sizeof *v);
		if (!v)
			break;
		s->names = v;
		s->names[s->n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(s->names, s->n, sizeof *s->names, by_name);
	*state = s;
	return s->n > 300 ? 0 : -1; /* 318 files at the pinned commit */
}

static int free_suite(void **state)
{
	suite *s = *state;
	for (size_t i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	free(s);
	return 0;
}

typedef struct outcome {
	int rc;
	mpr_error err;
	bool root_is_map;
} outcome;

/* One file through the syntax layer: forced JSON, or the reader's dispatch. */
static outcome run(const char *name, bool dispatch, const mpr_load_options *o)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", SUITE, name);
	unsigned char *data;
	size_t len;
	outcome r;
	memset(&r, 0, sizeof r);
	if (mpr_file_read(path, 1 << 22, &data, &len, &r.err) != MPR_OK)
		fail_msg("%s: %s", name, r.err.message);
	yt_doc doc;
	r.rc = dispatch ? yt_parse(&doc, name, data, len, o, NULL, &r.err)
	                : yt_parse_json(&doc, name, data, len, o, NULL, &r.err);
	r.root_is_map = r.rc == MPR_OK && doc.root && doc.root->kind == YT_MAP;
	yt_doc_free(&doc);
	free(data);
	return r;
}

static bool listed(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

static const char *on_purpose(const char *name)
{
	for (size_t i = 0; i < sizeof refused_on_purpose / sizeof *refused_on_purpose; i++)
		if (strcmp(name, refused_on_purpose[i].file) == 0)
			return refused_on_purpose[i].says;
	return NULL;
}

/* The grammar: limits out of the way, so that only RFC 8259 decides. */
static void grammar(void **state)
{
	const suite *s = *state;
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	o.max_depth = 1000000;
	size_t y = 0, y_ok = 0, n = 0, n_ok = 0;
	for (size_t i = 0; i < s->n; i++) {
		const char *name = s->names[i];
		outcome r = run(name, false, &o);
		if (name[0] == 'y') {
			y++;
			const char *says = on_purpose(name);
			if (says) {
				if (r.rc != MPR_ESCHEMA || strcmp(r.err.message, says) != 0)
					fail_msg("%s: expected the documented refusal '%s', got %d '%s'", name,
					         says, r.rc, r.err.message);
			} else if (r.rc != MPR_OK) {
				fail_msg("%s: valid JSON refused: %s:%u:%u: %s", name, r.err.file, r.err.line,
				         r.err.column, r.err.message);
			} else {
				y_ok++;
			}
		} else if (name[0] == 'n') {
			n++;
			if (r.rc != MPR_ESYNTAX || r.err.line < 1 || r.err.column < 1 ||
			    strcmp(r.err.file, name) != 0 || strncmp(r.err.message, "JSON syntax: ", 13) != 0)
				fail_msg("%s: invalid JSON not refused as a located syntax error: %d %u:%u %s",
				         name, r.rc, r.err.line, r.err.column, r.err.message);
			n_ok++;
		}
	}
	printf("JSONTestSuite: y %zu/%zu passed, n %zu/%zu refused (grammar; the other %zu y_ files "
	       "are the documented refusals of duplicate keys and NUL)\n",
	       y_ok, y, n_ok, n, y - y_ok);
	assert_int_equal(y_ok + sizeof refused_on_purpose / sizeof *refused_on_purpose, y);
	assert_int_equal(n_ok, n);
}

/* The default options, as a proposal is read: the same, but for what is
 * nested deeper than max_depth; and each i_ file as documented. */
static void default_limits(void **state)
{
	const suite *s = *state;
	mpr_load_options big = MPR_LOAD_OPTIONS_INIT;
	big.max_depth = 1000000;
	size_t y = 0, y_ok = 0, n = 0, n_ok = 0, i_acc = 0, i_ref = 0, i_seen = 0;
	for (size_t i = 0; i < s->n; i++) {
		const char *name = s->names[i];
		outcome r = run(name, false, NULL);
		if (listed(name, too_deep, sizeof too_deep / sizeof *too_deep)) {
			if (r.rc != MPR_ELIMIT || !strstr(r.err.message, "max_depth=32"))
				fail_msg("%s: expected the max_depth limit, got %d %s", name, r.rc,
				         r.err.message);
		} else if (name[0] != 'i') {
			outcome g = run(name, false, &big);
			if (g.rc != r.rc || g.err.line != r.err.line || g.err.column != r.err.column)
				fail_msg("%s: the default limits changed the outcome: %d %s", name, r.rc,
				         r.err.message);
		}
		if (name[0] == 'y') {
			y++;
			y_ok += r.rc == MPR_OK;
		} else if (name[0] == 'n') {
			n++;
			n_ok += r.rc != MPR_OK;
		} else if (name[0] == 'i') {
			bool found = false;
			for (size_t k = 0; k < sizeof i_outcomes / sizeof *i_outcomes; k++) {
				if (strcmp(i_outcomes[k].file, name) != 0)
					continue;
				found = true;
				if (i_outcomes[k].accepted != (r.rc == MPR_OK))
					fail_msg("%s: documented as %s, but %s: %s", name,
					         i_outcomes[k].accepted ? "accepted" : "refused",
					         r.rc == MPR_OK ? "accepted" : "refused", r.err.message);
			}
			if (!found)
				fail_msg("%s: an i_ file with no documented outcome", name);
			i_seen++;
			if (r.rc == MPR_OK) {
				i_acc++;
				printf("  %s: accepted\n", name);
			} else {
				i_ref++;
				printf("  %s: refused: %u:%u: %s\n", name, r.err.line, r.err.column,
				       r.err.message);
			}
		}
	}
	printf("JSONTestSuite: y %zu/%zu passed, n %zu/%zu refused, i: %zu accepted, %zu refused\n",
	       y_ok, y, n_ok, n, i_acc, i_ref);
	assert_int_equal(i_seen, sizeof i_outcomes / sizeof *i_outcomes);
	assert_int_equal(n_ok, n);
}

/* Through the reader's dispatch (yt_parse): a file whose first non-blank
 * character is { or [ is JSON and gets exactly the JSON layer's outcome; any
 * other is read as YAML, and none of the n_ ones can become a proposal (a
 * proposal is a mapping). */
static void dispatch(void **state)
{
	const suite *s = *state;
	size_t json = 0, yaml = 0;
	for (size_t i = 0; i < s->n; i++) {
		const char *name = s->names[i];
		outcome d = run(name, true, NULL);
		char path[512];
		snprintf(path, sizeof path, "%s/%s", SUITE, name);
		unsigned char *data;
		size_t len;
		mpr_error err;
		assert_int_equal(mpr_file_read(path, 1 << 22, &data, &len, &err), MPR_OK);
		bool is_json = yt_is_json(data, len);
		free(data);
		if (is_json) {
			json++;
			outcome j = run(name, false, NULL);
			if (j.rc != d.rc || j.err.line != d.err.line || j.err.column != d.err.column ||
			    strcmp(j.err.message, d.err.message) != 0)
				fail_msg("%s: the reader and the JSON layer differ: %s / %s", name,
				         d.err.message, j.err.message);
		} else {
			yaml++;
			if (name[0] == 'n' && d.root_is_map)
				fail_msg("%s: invalid JSON read as a YAML mapping", name);
			if (d.rc != MPR_OK && (d.err.line < 1 || d.err.column < 1))
				fail_msg("%s: an error without its place: %s", name, d.err.message);
		}
	}
	printf("JSONTestSuite: %zu files start with { or [ and are read as JSON; %zu do not and are "
	       "read as YAML (none of them a mapping)\n",
	       json, yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grammar),
		cmocka_unit_test(default_limits),
		cmocka_unit_test(dispatch),
	};
	return cmocka_run_group_tests(tests, load_suite, free_suite);
}
