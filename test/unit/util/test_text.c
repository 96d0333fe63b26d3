/* test_text.c - what no printer writes raw (util/text.h), the library's
 * one printf (util/format.h) and numbers without a locale (util/number.h):
 * every hidden character is escaped the one way, escaping twice changes
 * nothing, a fixed buffer is cut between whole characters, JSON stays
 * valid for any bytes, and printf's numbers are C's whatever the locale. */
#include <locale.h>

#include "helpers.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/format.h"
#include "util/json.h"
#include "util/number.h"
#include "util/text.h"

static char *visible(const char *s, size_t n)
{
	mpr_buf b = {0};
	mpr_sink out = {.buf = &b};
	mpr_visible(&out, s, n);
	mpr_buf_puts(&b, "");
	return b.data;
}

static void hidden_characters_are_escaped(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain text, §4.2.3, Côte d’Ivoire", "plain text, §4.2.3, Côte d’Ivoire"},
		{"a\nb\rc\td", "a\\nb\\rc\\td"},
		{"\x1b[8mhidden\x1b[0m", "\\x1b[8mhidden\\x1b[0m"},
		{"del\x7f", "del\\x7f"},
		{"c1 \xc2\x85 \xc2\x9b", "c1 \\u0085 \\u009b"},
		{"rlo \xe2\x80\xae lri \xe2\x81\xa7 alm \xd8\x9c lrm \xe2\x80\x8e", "rlo \\u202e lri \\u2067 alm \\u061c lrm \\u200e"},
		{"ls \xe2\x80\xa8 ps \xe2\x80\xa9", "ls \\u2028 ps \\u2029"},
		{"latin-1 caf\xe9, overlong \xc0\xaf, surrogate \xed\xa0\x80",
		 "latin-1 caf\\xe9, overlong \\xc0\\xaf, surrogate \\xed\\xa0\\x80"},
		{"cut \xe2\x82", "cut \\xe2\\x82"},
		{"back\\slash \\n stays", "back\\slash \\n stays"},
		{"<script>&\"'", "<script>&\"'"},
		{"emoji \xf0\x9f\x98\x80 and nbsp \xc2\xa0", "emoji \xf0\x9f\x98\x80 and nbsp \xc2\xa0"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = visible(cases[i].in, strlen(cases[i].in));
		assert_string_equal(got, cases[i].out);
		char *again = visible(got, strlen(got)); /* idempotent */
		assert_string_equal(again, got);
		free(again);
		free(got);
	}
	char *nul = visible("a\0b", 3);
	assert_string_equal(nul, "a\\x00b");
	free(nul);
}

static void fixed_buffers_cut_whole_characters(void **state)
{
	(void)state;
	char buf[8];
	/* "é" is two bytes: 3 x 2 = 6 fit with the NUL, the fourth does not */
	size_t need = mpr_text_visible(buf, sizeof buf, "éééé");
	assert_string_equal(buf, "ééé");
	assert_int_equal(need, 8);
	/* an escape is not cut in half either */
	need = mpr_text_visible(buf, sizeof buf, "abcd\x1b");
	assert_string_equal(buf, "abcd");
	assert_int_equal(need, 8);
	assert_int_equal(mpr_text_visible(NULL, 0, "\n"), 2);
	assert_int_equal(mpr_text_visible(buf, sizeof buf, NULL), 0);
	assert_string_equal(buf, "");
}

static char *json(const char *s, size_t n)
{
	mpr_buf b = {0};
	mpr_json_text(&b, s, n);
	mpr_buf_puts(&b, "");
	return b.data;
}

static void json_strings_are_valid_for_any_bytes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"\"quoted\" \\ back", "\"\\\"quoted\\\" \\\\ back\""},
		{"nl\n cr\r tab\t esc\x1b del\x7f", "\"nl\\n cr\\r tab\\t esc\\u001b del\\u007f\""},
		{"ls \xe2\x80\xa8 ps \xe2\x80\xa9 rlo \xe2\x80\xae c1 \xc2\x85",
		 "\"ls \\u2028 ps \\u2029 rlo \\u202e c1 \\u0085\""},
		{"caf\xe9.yaml", "\"caf\\ufffd.yaml\""},
		{"<script>alert(1)</script>", "\"<script>alert(1)</script>\""},
		{"Côte d’Ivoire \xf0\x9f\x98\x80", "\"Côte d’Ivoire \xf0\x9f\x98\x80\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = json(cases[i].in, strlen(cases[i].in));
		assert_string_equal(got, cases[i].out);
		free(got);
	}
	char *nul = json("a\0b", 3);
	assert_string_equal(nul, "\"a\\u0000b\"");
	free(nul);
}

static void blank_texts(void **state)
{
	(void)state;
	assert_true(mpr_text_blank("", 0));
	assert_true(mpr_text_blank(" \t\n", 3));
	assert_true(mpr_text_blank("\xc2\xa0\xe2\x80\x8b\xe3\x80\x80\xef\xbb\xbf", 11));
	assert_false(mpr_text_blank(" x ", 3));
	assert_false(mpr_text_blank("\xe9", 1)); /* not UTF-8 is not blank */
}

static char *printed(bool visible_args, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static char *printed(bool visible_args, const char *fmt, ...)
{
	mpr_buf b = {0};
	mpr_sink out = {.buf = &b};
	va_list ap;
	va_start(ap, fmt);
	mpr_sink_vprintf(&out, visible_args, fmt, ap);
	va_end(ap);
	mpr_buf_puts(&b, "");
	return b.data;
}

#define SAME_AS_LIBC(fmt, ...)                                                                 \
	do {                                                                                   \
		char want[128];                                                                \
		snprintf(want, sizeof want, fmt, __VA_ARGS__);                                 \
		char *got = printed(true, fmt, __VA_ARGS__);                                   \
		assert_string_equal(got, want);                                                \
		free(got);                                                                     \
	} while (0)

static void printf_is_libc_printf_for_what_it_takes(void **state)
{
	(void)state;
	SAME_AS_LIBC("%d %i %u %ld %lu %lld %zu %3zu", -42, 7, 42u, -9000000000L, 9000000000UL,
	             -1LL, (size_t)0, (size_t)5);
	SAME_AS_LIBC("[%5d|%-5d|%05d|%+d|% d|%.3d|%x|%X|%02X|%04x|%#x|%o|%#o]", -3, 3, -3, 3, 3, 7,
	             255u, 255u, 10u, 10u, 255u, 8u, 8u);
	SAME_AS_LIBC("[%s|%-6s|%6s|%.*s|%*s|%-*s|%c|%%]", "ab", "ab", "ab", 3, "abcdef", 4, "x", 4,
	             "y", 'z');
	SAME_AS_LIBC("[%.1f|%.3f|%.2f|%.*f|%g|%e|%8.2f|%-8.1f|%08.2f|%+.1f|%.0f]", 73.75, 0.4525,
	             1.005, 2, 3.14159, 1e-5, -1.5, 2.25, -1.5, 2.0, 0.5, 2.5);
	SAME_AS_LIBC("[%F|%E|%G]", 1.5, 12345.678, 0.0001);
	const char *volatile none = NULL; /* a NULL the compiler does not see to warn of */
	char *s = printed(true, "[%s]", none);
	assert_string_equal(s, "[]"); /* unlike glibc's "(null)": left out (format.h) */
	free(s);
}

static void string_arguments_are_shown_visibly(void **state)
{
	(void)state;
	char *s = printed(true, "title: %s\n  verdict: %s\n", "T\n  verdict: permitted\x1b[8m",
	                  "prohibited");
	assert_string_equal(s, "title: T\\n  verdict: permitted\\x1b[8m\n  verdict: prohibited\n");
	free(s);
	s = printed(true, "[%-8s|%c]", "a\tb", '\n'); /* the width counts what is shown */
	assert_string_equal(s, "[a\\tb    |\\n]");
	free(s);
	s = printed(false, "%s", "raw\n"); /* stored text: as it is */
	assert_string_equal(s, "raw\n");
	free(s);
	/* a conversion the formatter does not know stops it reading arguments */
	s = printed(true, "a %d %p b %hd %s", 1, (void *)0, (short)2, "x");
	assert_string_equal(s, "a 1 %p b %hd %s");
	free(s);
}

static void errors_are_one_line(void **state)
{
	(void)state;
	mpr_error err;
	mpr_fail(&err, MPR_EREF, "dir/\nevil.yaml", 3, 22, "unknown measure '%s'",
	         "x\n/etc/f.yaml:1:1: forged");
	char line[1200];
	int n = mpr_error_format(&err, line, sizeof line);
	assert_string_equal(line,
	                    "dir/\\nevil.yaml:3:22: unknown measure 'x\\n/etc/f.yaml:1:1: forged'");
	assert_int_equal(n, (int)strlen(line));
	/* whoever fills an mpr_error, its formatted line is one line */
	mpr_error raw = {.code = MPR_EIO, .line = 0};
	snprintf(raw.file, sizeof raw.file, "a\nb");
	snprintf(raw.message, sizeof raw.message, "c\rd");
	mpr_error_format(&raw, line, sizeof line);
	assert_string_equal(line, "a\\nb: c\\rd");
	/* a long message is cut between whole characters */
	char big[2000];
	memset(big, 0, sizeof big);
	for (size_t i = 0; i + 2 < sizeof big; i += 2)
		memcpy(big + i, "é", 2);
	mpr_fail(&err, MPR_ESCHEMA, "f", 1, 1, "x%s", big);
	assert_true(strlen(err.message) < sizeof err.message);
	assert_int_equal(strlen(err.message) % 2, 1); /* "x" and whole "é"s */
}

/* A host program that set a decimal-comma locale changes no number. */
static void numbers_ignore_the_host_locale(void **state)
{
	(void)state;
	const char *locales[] = {"nl_NL.UTF-8", "nl_NL.utf8", "de_DE.UTF-8"};
	const char *set = NULL;
	for (size_t i = 0; i < 3 && !set; i++)
		set = setlocale(LC_ALL, locales[i]);
	if (!set)
		fail_msg("no decimal-comma locale is installed (test/deps.sh generates nl_NL.UTF-8)");
	char libc[32];
	snprintf(libc, sizeof libc, "%.1f", 0.5);
	assert_string_equal(libc, "0,5"); /* the C library follows the locale... */
	char *s = printed(true, "%.3f %.1f%% %g", 0.4525, 73.75, 1.5);
	assert_string_equal(s, "0.453 73.8% 1.5"); /* ...the library does not */
	free(s);
	double x = 0;
	assert_true(mpr_decimal_parse("0.452", &x));
	assert_true(x == 0.452);
	assert_true(mpr_decimal_parse("-12", &x));
	assert_true(x == -12.0);
	assert_false(mpr_decimal_parse("0,452", &x));
	assert_false(mpr_decimal_parse("1e3", &x));
	assert_false(mpr_decimal_parse("", &x));
	assert_false(mpr_decimal_parse(".", &x));
	assert_false(mpr_decimal_parse("nan", &x));
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hidden_characters_are_escaped),
		cmocka_unit_test(fixed_buffers_cut_whole_characters),
		cmocka_unit_test(json_strings_are_valid_for_any_bytes),
		cmocka_unit_test(blank_texts),
		cmocka_unit_test(printf_is_libc_printf_for_what_it_takes),
		cmocka_unit_test(string_arguments_are_shown_visibly),
		cmocka_unit_test(errors_are_one_line),
		cmocka_unit_test(numbers_ignore_the_host_locale),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
