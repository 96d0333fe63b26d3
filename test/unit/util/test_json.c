/* test_json.c - the JSON writer (util/json.h): escapes written in runs are
 * the escapes written a byte at a time, whatever the offset of the byte to
 * escape; one pass gives the compact and the pretty layout of the same
 * document; text printed in place is escaped in place; numbers by hand are
 * printf's; a buffer that ran out of memory stays failed. */
#include <locale.h>
#include <limits.h>

#include "helpers.h"
#include "util/json.h"

/* The escape of one byte, as every earlier version wrote it. */
static void escape_byte(char *out, unsigned char c)
{
	if (c == '"')
		strcpy(out, "\\\"");
	else if (c == '\\')
		strcpy(out, "\\\\");
	else if (c == '\n')
		strcpy(out, "\\n");
	else if (c == '\t')
		strcpy(out, "\\t");
	else if (c == '\r')
		strcpy(out, "\\r");
	else if (c < 0x20)
		snprintf(out, 8, "\\u%04x", c);
	else
		snprintf(out, 8, "%c", c);
}

/* s escaped one byte at a time, in quotes. */
static char *slow_escape(const char *s)
{
	char *out = malloc(strlen(s) * 6 + 3), esc[8];
	assert_non_null(out);
	strcpy(out, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		escape_byte(esc, *p);
		strcat(out, esc);
	}
	strcat(out, "\"");
	return out;
}

static void check_string(const char *s)
{
	mpr_buf b = {0};
	mpr_json_string(&b, s);
	char *want = slow_escape(s);
	assert_false(b.failed);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	free(want);
	free(b.data);
}

static void escapes_in_runs(void **state)
{
	(void)state;
	check_string("");
	check_string("plain text with nothing to escape, longer than eight bytes");
	check_string("café 😀 — § 4.2.1, UTF-8 as it is");
	/* every byte that needs an escape, at every offset of a 32-byte run */
	for (int c = 1; c < 0x80; c++) {
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		for (int at = 0; at < 32; at++) {
			char s[40];
			memset(s, 'x', 32);
			s[32] = '\0';
			s[at] = (char)c;
			check_string(s);
		}
	}
	/* bytes that are close to the escaped ones in value but need none */
	check_string("!#[]^_`{|}~ \x7f\x80\xa2\xdc\xff 0123456789");
	check_string("\"\"\\\\\n\n\t\r\x01\x1f\x1f\"");
}

/* A small document written by w: a block object with an inline object, a
 * block array of inline objects, an empty block array and an inline array
 * holding a block array (written inline). */
static void document(mpr_jw *w)
{
	mpr_jw_object(w, MPR_JW_BLOCK);
	MPR_JW_KEY(w, "format_version");
	mpr_jw_uint(w, 2);
	MPR_JW_KEY(w, "engine");
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_KEY(w, "name");
	mpr_jw_string(w, "mprisk");
	MPR_JW_KEY(w, "n");
	mpr_jw_null(w);
	mpr_jw_end(w);
	MPR_JW_KEY(w, "steps");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (int i = 0; i < 2; i++) {
		mpr_jw_object(w, MPR_JW_INLINE);
		MPR_JW_KEY(w, "i");
		mpr_jw_int(w, -i);
		mpr_jw_key(w, "a \"key\"");
		mpr_jw_bool(w, i == 0);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
	MPR_JW_KEY(w, "none");
	mpr_jw_array(w, MPR_JW_BLOCK);
	mpr_jw_end(w);
	MPR_JW_KEY(w, "flat");
	mpr_jw_array(w, MPR_JW_INLINE);
	mpr_jw_array(w, MPR_JW_BLOCK);
	mpr_jw_raw(w, "{\"pre\": 1}", 10);
	mpr_jw_uint(w, 18446744073709551615ULL);
	mpr_jw_end(w);
	mpr_jw_end(w);
	mpr_jw_end(w);
}

static void one_pass_two_layouts(void **state)
{
	(void)state;
	mpr_buf b = {0}, c = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, true);
	document(&w);
	assert_int_equal(w.depth, 0);
	assert_string_equal(b.data, "{\n"
	                            "  \"format_version\": 2,\n"
	                            "  \"engine\": {\"name\": \"mprisk\", \"n\": null},\n"
	                            "  \"steps\": [\n"
	                            "    {\"i\": 0, \"a \\\"key\\\"\": true},\n"
	                            "    {\"i\": -1, \"a \\\"key\\\"\": false}\n"
	                            "  ],\n"
	                            "  \"none\": [],\n"
	                            "  \"flat\": [[{\"pre\": 1}, 18446744073709551615]]\n"
	                            "}");
	mpr_jw_init(&w, &c, false);
	document(&w);
	assert_string_equal(c.data, "{\"format_version\": 2, \"engine\": {\"name\": \"mprisk\", "
	                            "\"n\": null}, \"steps\": [{\"i\": 0, \"a \\\"key\\\"\": true}, "
	                            "{\"i\": -1, \"a \\\"key\\\"\": false}], \"none\": [], "
	                            "\"flat\": [[{\"pre\": 1}, 18446744073709551615]]}");
	free(b.data);
	free(c.data);
}

/* Nested blocks as deep as 12: the indentation of each line is two spaces
 * a level, whether the separator is copied as 16 bytes (up to 7 levels) or
 * by its length. */
static void deep_blocks(void **state)
{
	(void)state;
	mpr_buf b = {0}, want = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, true);
	for (int d = 0; d < 12; d++) {
		mpr_jw_array(&w, MPR_JW_BLOCK);
		mpr_jw_uint(&w, (unsigned)d);
	}
	for (int d = 0; d < 12; d++)
		mpr_jw_end(&w);
	for (int d = 0; d < 12; d++) /* the array on its line, then its number */
		mpr_buf_printf(&want, "%s%*s[\n%*s%d", d ? ",\n" : "", 2 * d, "", 2 * (d + 1), "", d);
	for (int d = 11; d >= 0; d--)
		mpr_buf_printf(&want, "\n%*s]", 2 * d, "");
	assert_string_equal(b.data, want.data);
	free(b.data);
	free(want.data);
}

static void numbers(void **state)
{
	(void)state;
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, false);
	mpr_jw_array(&w, MPR_JW_INLINE);
	mpr_jw_int(&w, LLONG_MIN);
	mpr_jw_int(&w, 0);
	mpr_jw_uint(&w, 10);
	mpr_jw_fixed(&w, 0.4165, 3);
	mpr_jw_fixed(&w, 91.8, 3);
	mpr_jw_fixed(&w, 44, 0);
	mpr_jw_end(&w);
	assert_string_equal(b.data, "[-9223372036854775808, 0, 10, 0.416, 91.800, 44]");
	/* a host program's locale with a decimal comma does not reach the JSON */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "nl_NL.UTF-8")) {
		b.len = 0;
		mpr_jw_init(&w, &b, false);
		mpr_jw_fixed(&w, 0.624, 3);
		setlocale(LC_NUMERIC, "C");
		assert_string_equal(b.data, "0.624");
	}
	free(b.data);
}

static void check_text_in_place(const char *text)
{
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, false);
	mpr_jw_array(&w, MPR_JW_INLINE);
	mpr_jw_uint(&w, 1);
	size_t start = mpr_jw_text_begin(&w);
	mpr_buf_puts(&b, text);
	mpr_jw_text_end(&w, start);
	mpr_jw_end(&w);
	char *quoted = slow_escape(text), *want = malloc(strlen(quoted) + 8);
	assert_non_null(want);
	snprintf(want, strlen(quoted) + 8, "[1, %s]", quoted);
	assert_string_equal(b.data, want);
	free(quoted);
	free(want);
	free(b.data);
}

static void text_escaped_in_place(void **state)
{
	(void)state;
	static const char *const texts[] = {"", "no escape", "one \" quote",
	                                    "\"at\tboth\nends\\", "\x01\x02\x03"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		check_text_in_place(texts[i]);
	/* escapes that make the buffer grow while the text is moved */
	char long_text[1601];
	for (int i = 0; i < 1600; i++)
		long_text[i] = i % 7 == 0 ? '"' : i % 11 == 0 ? '\x02' : 'a';
	long_text[1600] = '\0';
	check_text_in_place(long_text);
}

static void failure_is_sticky(void **state)
{
	(void)state;
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, true);
	mpr_jw_object(&w, MPR_JW_BLOCK);
	mpr_buf_fail(&b); /* as when memory runs out */
	MPR_JW_KEY(&w, "k");
	mpr_jw_string(&w, "a long value that would need the buffer to grow............");
	size_t start = mpr_jw_text_begin(&w);
	mpr_buf_puts(&b, "\"text\"");
	mpr_jw_text_end(&w, start);
	mpr_jw_end(&w);
	assert_true(b.failed);
	assert_int_equal(b.len, 0);
	char *out = (char *)1;
	size_t len;
	assert_int_equal(mpr_buf_finish(&b, &out, &len), MPR_ENOMEM);
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_in_runs),
		cmocka_unit_test(one_pass_two_layouts),
		cmocka_unit_test(deep_blocks),
		cmocka_unit_test(numbers),
		cmocka_unit_test(text_escaped_in_place),
		cmocka_unit_test(failure_is_sticky),
	};
	return cmocka_run_group_tests_name("json writer", tests, NULL, NULL);
}
