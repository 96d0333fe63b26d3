/* test_json.c - the JSON writer (util/json.h): escapes written in runs are
 * the escapes written a character at a time (util/text.h's classes), whatever
 * the offset of the character to escape; one pass gives the compact and the pretty layout of the same
 * document; text printed in place is escaped in place; numbers by hand are
 * printf's; a buffer that ran out of memory stays failed. */
#include <locale.h>
#include <limits.h>

#include "helpers.h"
#include "util/json.h"
#include "util/text.h"

/* s escaped a character at a time, in quotes: the quote, the backslash,
 * \n \t \r short, every other character util/text.h hides as \uhhhh, a
 * byte that is not UTF-8 as \ufffd, everything else as it is. */
static char *slow_escape(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n * 6 + 3);
	assert_non_null(out);
	size_t o = 0;
	out[o++] = '"';
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		if (!len) {
			o += (size_t)sprintf(out + o, "\\ufffd");
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			o += (size_t)sprintf(out + o, "\\%c", (char)cp);
		else if (cp == '\n' || cp == '\t' || cp == '\r')
			o += (size_t)sprintf(out + o, "\\%c", cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r');
		else if (mpr_char_hidden(cp))
			o += (size_t)sprintf(out + o, "\\u%04x", (unsigned)cp);
		else {
			memcpy(out + o, s + i, len);
			o += len;
		}
		i += len;
	}
	out[o++] = '"';
	out[o] = '\0';
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
	/* every ASCII byte that needs an escape, and characters of several
	 * bytes (hidden, invalid or neither), at every offset of a 32-byte run */
	static const char *const chars[] = {"\xc2\x85",     "\xe2\x80\xa8", "\xe2\x80\xae",
	                                    "\xd8\x9c",     "\xe9",         "\xc3",
	                                    "\xed\xa0\x80", "\xc3\xa9",     "\xf0\x9f\x98\x80"};
	for (int c = 1; c < 0x80 + (int)(sizeof chars / sizeof *chars); c++) {
		if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		for (int at = 0; at < 32; at++) {
			char s[40];
			memset(s, 'x', 32);
			s[32] = '\0';
			if (c < 0x80) {
				s[at] = (char)c;
			} else {
				const char *ch = chars[c - 0x80];
				size_t k = strlen(ch);
				memcpy(s + (at + k > 32 ? 32 - k : (size_t)at), ch, k);
			}
			check_string(s);
		}
	}
	/* bytes close in value to the escaped ones */
	check_string("!#[]^_`{|}~ \x7f\x80\xa2\xdc\xff 0123456789");
	check_string("\"\"\\\\\n\n\t\r\x01\x1f\x1f\"");
	check_string("ls \xe2\x80\xa8 ps \xe2\x80\xa9 rlo \xe2\x80\xae lrm \xe2\x80\x8e c1 \xc2\x9b");
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
	static const char spaces[] = "                                ";
	for (int d = 0; d < 12; d++) { /* the array on its line, then its number */
		mpr_buf_puts(&want, d ? ",\n" : "");
		mpr_buf_append(&want, spaces, 2 * (size_t)d);
		mpr_buf_puts(&want, "[\n");
		mpr_buf_append(&want, spaces, 2 * (size_t)d + 2);
		mpr_buf_printf(&want, "%d", d);
	}
	for (int d = 11; d >= 0; d--) {
		mpr_buf_puts(&want, "\n");
		mpr_buf_append(&want, spaces, 2 * (size_t)d);
		mpr_buf_puts(&want, "]");
	}
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
	static const char *const texts[] = {"",
	                                    "no escape",
	                                    "one \" quote",
	                                    "\"at\tboth\nends\\",
	                                    "\x01\x02\x03",
	                                    "caf\xe9 \xe2\x80\xa8 \xc2\x85 \xe2\x80\xae\xff",
	                                    "C\xc3\xb4te d\xe2\x80\x99Ivoire"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		check_text_in_place(texts[i]);
	/* escapes that make the buffer grow while the text is moved */
	char long_text[1601];
	for (int i = 0; i < 1600; i++)
		long_text[i] = i % 7 == 0 ? '"' : i % 11 == 0 ? '\x02' : i % 13 == 0 ? '\xff' : 'a';
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
