/* test_json_escape.c - the JSON string escaper every JSON output goes through
 * (util/json.h), against fixed expectations and the JSON reader, beside
 * test_json.c's comparison with an escaper written a character at a time:
 * each character JSON requires escaped is escaped (quote, backslash, every
 * control character), and so is every character no output writes raw
 * (util/text.h: DEL, C1 controls, the line and paragraph separators, bidi
 * controls; a byte that is not UTF-8 becomes U+FFFD); everything else is
 * written as it is, and the JSON reader gives back exactly the text. */
#include "helpers.h"
#include "input/tree.h"
#include "util/buf.h"
#include "util/json.h"

static char *json_string(const char *s)
{
	mpr_buf b = {0};
	mpr_json_string(&b, s);
	char *out = NULL;
	assert_int_equal(mpr_buf_finish(&b, &out, NULL), MPR_OK);
	return out;
}

static void escapes_what_json_requires(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", "\"\""},
		{"plain text / slash", "\"plain text / slash\""},
		{"q\"uote back\\slash", "\"q\\\"uote back\\\\slash\""},
		{"line\nbreak\ttab\rreturn", "\"line\\nbreak\\ttab\\rreturn\""},
		{"\x01 \x08 \x0b \x0c \x1b[31m \x1f \x7f", "\"\\u0001 \\u0008 \\u000b \\u000c \\u001b[31m \\u001f \\u007f\""},
		{"caf\xc3\xa9 \xe2\x82\xac", "\"caf\xc3\xa9 \xe2\x82\xac\""}, /* UTF-8 as it is */
		{"c1 \xc2\x85 ls \xe2\x80\xa8 rlo \xe2\x80\xae lri \xe2\x81\xa6 alm \xd8\x9c",
		 "\"c1 \\u0085 ls \\u2028 rlo \\u202e lri \\u2066 alm \\u061c\""},
		{"not utf-8 \xff \xc3", "\"not utf-8 \\ufffd \\ufffd\""},
		{"</script>", "\"</script>\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = json_string(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

/* Every byte from 1 to 127, escaped and read back by the JSON reader. */
static void reads_back_as_written(void **state)
{
	(void)state;
	char text[128];
	for (int c = 1; c < 128; c++)
		text[c - 1] = (char)c;
	text[127] = '\0';
	mpr_buf b = {0};
	mpr_buf_puts(&b, "[");
	mpr_json_string(&b, text);
	mpr_buf_puts(&b, "]");
	char *json = NULL;
	size_t len = 0;
	assert_int_equal(mpr_buf_finish(&b, &json, &len), MPR_OK);
	yt_doc doc;
	mpr_error err;
	int rc = yt_parse_json(&doc, "t.json", (const unsigned char *)json, len, NULL, NULL, &err);
	if (rc != MPR_OK)
		fail_msg("%u:%u: %s", err.line, err.column, err.message);
	assert_non_null(doc.root);
	assert_int_equal(doc.root->n, 1);
	assert_int_equal(doc.root->items[0]->len, 127);
	assert_memory_equal(doc.root->items[0]->value, text, 127);
	yt_doc_free(&doc);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_what_json_requires),
		cmocka_unit_test(reads_back_as_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
