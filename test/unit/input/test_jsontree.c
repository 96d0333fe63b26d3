/* test_jsontree.c - the JSON syntax layer: places, Unicode, refusals, limits,
 * encodings, and the same tree and fingerprint as YAML. */
#include <openssl/evp.h>

#include "helpers.h"
#include "input/tree.h"

static int parse_n(const char *text, size_t len, const mpr_load_options *o, yt_doc *doc,
                   mpr_error *err)
{
	return yt_parse(doc, "t.json", (const unsigned char *)text, len, o, NULL, err);
}

static int parse(const char *text, const mpr_load_options *o, yt_doc *doc, mpr_error *err)
{
	return parse_n(text, strlen(text), o, doc, err);
}

static void at(const yt_node *n, unsigned line, unsigned column)
{
	assert_non_null(n);
	if (n->line != line || n->column != column)
		fail_msg("expected %u:%u, found %u:%u ('%s')", line, column, n->line, n->column,
		         n->kind == YT_SCALAR ? n->value : "collection");
}

/* Every key and value has its line and column, counted in characters. */
static const char positions_text[] = "{\"a\": \"\xc3\xbc\xe2\x82\xac\xf0\x9f\x98\x80\", "
                                     "\"b\": [1, 2.5e1, true, null],\r\n"
                                     "  \"c\": {\"d\": \"\\ud83d\\ude00\"}}";

static void places(void **state)
{
	(void)state;
	yt_doc doc;
	mpr_error err;
	assert_int_equal(parse(positions_text, NULL, &doc, &err), MPR_OK);
	const yt_node *r = doc.root;
	assert_int_equal(r->kind, YT_MAP);
	assert_true(r->flow);
	at(r, 1, 1);
	assert_int_equal(r->n, 3);
	at(r->items[0], 1, 2); /* "a" */
	at(r->items[1], 1, 7); /* "üÇ😀" */
	assert_int_equal(r->items[1]->start, 6);
	assert_int_equal(r->items[1]->end, 11);
	at(r->items[2], 1, 14); /* "b" */
	const yt_node *b = r->items[3];
	at(b, 1, 19);
	assert_int_equal(b->start, 18);
	assert_int_equal(b->end, 40); /* after the ] */
	assert_int_equal(b->n, 4);
	at(b->items[0], 1, 20);
	at(b->items[1], 1, 23);
	at(b->items[2], 1, 30);
	at(b->items[3], 1, 36);
	at(r->items[4], 2, 3); /* "c", after CRLF */
	assert_int_equal(r->items[4]->start, 45);
	const yt_node *c = r->items[5];
	at(c, 2, 8);
	at(c->items[0], 2, 9);
	at(c->items[1], 2, 14);
	/* scalars: strings quoted, the rest plain and as written */
	assert_false(r->items[1]->plain);
	assert_true(b->items[1]->plain);
	assert_string_equal(b->items[1]->value, "2.5e1");
	assert_true(yt_is(b->items[2], "true"));
	assert_true(yt_is_null(b->items[3]));
	assert_false(yt_is_null(r->items[1]));
	yt_doc_free(&doc);
}

/* What YAML 1.1 read differently: surrogate pairs, U+0085, U+2028, U+00A0. */
static void unicode_as_json_says(void **state)
{
	(void)state;
	yt_doc doc;
	mpr_error err;
	const char *text = "[\"\\ud83d\\ude00\", \"\\uD83D\\uDE00\", \"a\\u0085b\", \"a\xc2\x85"
	                   "b\", \" \\u2028 \", \" \xe2\x80\xa8 \", \"\\u00a0\", \"\\/\\b\\f\\n\\r\\t\","
	                   " \"caf\\u00e9\", \"\\ud834\\udd1e\"]";
	assert_int_equal(parse(text, NULL, &doc, &err), MPR_OK);
	const yt_node *r = doc.root;
	assert_int_equal(r->n, 10);
	assert_string_equal(r->items[0]->value, "\xf0\x9f\x98\x80");
	assert_string_equal(r->items[1]->value, "\xf0\x9f\x98\x80");
	assert_string_equal(r->items[2]->value, "a\xc2\x85"
	                                         "b");
	assert_string_equal(r->items[3]->value, "a\xc2\x85"
	                                         "b");
	assert_string_equal(r->items[4]->value, " \xe2\x80\xa8 ");
	assert_string_equal(r->items[5]->value, " \xe2\x80\xa8 ");
	assert_string_equal(r->items[6]->value, "\xc2\xa0");
	assert_string_equal(r->items[7]->value, "/\b\f\n\r\t");
	assert_string_equal(r->items[8]->value, "caf\xc3\xa9");
	assert_string_equal(r->items[9]->value, "\xf0\x9d\x84\x9e");
	yt_doc_free(&doc);
}

/* A UTF-8 byte order mark is skipped; UTF-16 with one is converted. */
static void encodings(void **state)
{
	(void)state;
	yt_doc doc;
	mpr_error err;
	const char bom8[] = "\xef\xbb\xbf {\"a\": \"\xc3\xa9\"}";
	assert_int_equal(parse(bom8, NULL, &doc, &err), MPR_OK);
	at(doc.root, 1, 2);
	at(doc.root->items[0], 1, 3);
	assert_string_equal(doc.root->items[1]->value, "\xc3\xa9");
	yt_doc_free(&doc);

	/* {"a":\n "é😀"} in UTF-16, both byte orders */
	static const unsigned units[] = {'{', '"', 'a', '"', ':', '\n', ' ', '"', 0xE9, 0xD83D, 0xDE00,
	                                 '"', '}'};
	for (int be = 0; be < 2; be++) {
		unsigned char b[64];
		size_t n = 0;
		b[n++] = be ? 0xFE : 0xFF;
		b[n++] = be ? 0xFF : 0xFE;
		for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
			b[n++] = (unsigned char)(be ? units[i] >> 8 : units[i] & 0xFF);
			b[n++] = (unsigned char)(be ? units[i] & 0xFF : units[i] >> 8);
		}
		assert_true(yt_is_json(b, n));
		assert_int_equal(parse_n((const char *)b, n, NULL, &doc, &err), MPR_OK);
		at(doc.root->items[1], 2, 2);
		assert_string_equal(doc.root->items[1]->value, "\xc3\xa9\xf0\x9f\x98\x80");
		yt_doc_free(&doc);
		/* an unpaired surrogate, and an odd byte at the end */
		unsigned char bad[16] = {b[0], b[1]};
		size_t k = 2;
		bad[k++] = be ? '[' >> 8 : '[';
		bad[k++] = be ? '[' : 0;
		bad[k++] = be ? 0xD8 : 0x3D;
		bad[k++] = be ? 0x3D : 0xD8;
		assert_int_equal(parse_n((const char *)bad, k, NULL, &doc, &err), MPR_ESYNTAX);
		assert_non_null(strstr(err.message, "surrogate pair without its second"));
		assert_int_equal(err.line, 1);
		assert_int_equal(err.column, 2);
		yt_doc_free(&doc);
		assert_int_equal(parse_n((const char *)bad, 5, NULL, &doc, &err), MPR_ESYNTAX);
		assert_non_null(strstr(err.message, "middle of a character"));
		yt_doc_free(&doc);
	}
}

static void refusals(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int code;
		unsigned line, column;
		const char *says;
	} cases[] = {
		{"{\"a\": \"\\ud83d\"}", MPR_ESYNTAX, 1, 8, "\\ud83d is the first half"},
		{"{\"a\": \"x\\ud83dy\"}", MPR_ESYNTAX, 1, 9, "first half of a UTF-16 surrogate pair"},
		{"{\"a\": \"\\ud83d\\u0041\"}", MPR_ESYNTAX, 1, 8, "first half"},
		{"{\"a\": \"\\ude00\"}", MPR_ESYNTAX, 1, 8, "\\ude00 is the second half"},
		{"{\"\\ude00\": 1}", MPR_ESYNTAX, 1, 3, "second half"},
		{"{\"a\": 1,}", MPR_ESYNTAX, 1, 9, "expected a key (a string in double quotes)"},
		{"[1,]", MPR_ESYNTAX, 1, 4, "expected a value"},
		{"[1 2]", MPR_ESYNTAX, 1, 4, "expected ',' or ']'"},
		{"{\"a\" 1}", MPR_ESYNTAX, 1, 6, "expected ':'"},
		{"{\"a\": 1} x", MPR_ESYNTAX, 1, 10, "more text after the end"},
		{"{\"a\": 1}\n{}", MPR_ESYNTAX, 2, 1, "more text after the end"},
		{"{\"a\": 1 // c\n}", MPR_ESYNTAX, 1, 9, "comments are not allowed"},
		{"{'a': 1}", MPR_ESYNTAX, 1, 2, "unexpected character"},
		{"[NaN]", MPR_ESYNTAX, 1, 2, "unexpected character"},
		{"{\"a\": tru}", MPR_ESYNTAX, 1, 7, "unknown word"},
		{"{\"a\": 010}", MPR_ESYNTAX, 1, 7, "leading zero (010)"},
		{"{\"a\": -01}", MPR_ESYNTAX, 1, 7, "leading zero (-01)"},
		{"[0123456789012345678901234567.5]", MPR_ESYNTAX, 1, 2,
		 "leading zero (012345678901234567890123...)"},
		{"{\"a\": -}", MPR_ESYNTAX, 1, 8, "after the minus sign"},
		{"{\"a\": 1.}", MPR_ESYNTAX, 1, 9, "after the decimal point"},
		{"{\"a\": \"\\x\"}", MPR_ESYNTAX, 1, 9, "invalid escape"},
		{"{\"a\": \"\\u12\"}", MPR_ESYNTAX, 1, 12, "four hexadecimal digits"},
		{"{\"a\": \"x\ty\"}", MPR_ESYNTAX, 1, 9, "control character inside a string"},
		{"{\"a\":\f1}", MPR_ESYNTAX, 1, 6, "control character U+000C"},
		{"{\"a\":\v1}", MPR_ESYNTAX, 1, 6, "control character U+000B"},
		{"{\"a\": \"\xe9\"}", MPR_ESYNTAX, 1, 8, "invalid UTF-8"},
		{"{\"a\": \"\xc0\xaf\"}", MPR_ESYNTAX, 1, 8, "invalid UTF-8"},       /* overlong */
		{"{\"a\": \"\xed\xa0\x80\"}", MPR_ESYNTAX, 1, 8, "invalid UTF-8"},   /* U+D800 */
		{"{\"a\": \"\xf4\x90\x80\x80\"}", MPR_ESYNTAX, 1, 8, "invalid UTF-8"}, /* > U+10FFFF */
		{"{\"a\": [1, 2", MPR_ESYNTAX, 1, 12, "ends before the document does"},
		{"{\"a\": \"x", MPR_ESYNTAX, 1, 9, "ends before the document does"},
		{"{\"a\": 1, \"a\": 2}", MPR_ESCHEMA, 1, 10, "duplicate key 'a' (first at line 1)"},
		{"{\"a\": \"\\u0000\"}", MPR_ESCHEMA, 1, 7, "a NUL character inside a value"},
		{"{\"\\u0000\": 1}", MPR_ESCHEMA, 1, 2, "a NUL character inside a value"},
		{"[{\"a\": 1}: 2]", MPR_ESYNTAX, 1, 10, "expected ',' or ']'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		yt_doc doc;
		mpr_error err;
		int rc = parse(cases[i].text, NULL, &doc, &err);
		if (rc != cases[i].code || err.line != cases[i].line || err.column != cases[i].column ||
		    !strstr(err.message, cases[i].says))
			fail_msg("case %zu (%s): rc %d %u:%u %s", i, cases[i].text, rc, err.line, err.column,
			         err.message);
		assert_string_equal(err.file, "t.json");
		if (rc == MPR_ESYNTAX)
			assert_memory_equal(err.message, "JSON syntax: ", 13);
		yt_doc_free(&doc);
	}
	/* a raw NUL, which a C string cannot hold */
	yt_doc doc;
	mpr_error err;
	assert_int_equal(parse_n("{\"a\": \"x\0\"}", 11, NULL, &doc, &err), MPR_ESYNTAX);
	assert_int_equal(err.column, 9);
	assert_non_null(strstr(err.message, "a NUL character (U+0000) is not allowed"));
	yt_doc_free(&doc);
}

static void limits(void **state)
{
	(void)state;
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	yt_doc doc;
	mpr_error err;
	o.max_depth = 3;
	assert_int_equal(parse("[[[[1]]]]", &o, &doc, &err), MPR_ELIMIT);
	assert_string_equal(err.message, "nesting deeper than max_depth=3");
	assert_int_equal(err.column, 4);
	yt_doc_free(&doc);
	assert_int_equal(parse("[[[1]]]", &o, &doc, &err), MPR_OK);
	yt_doc_free(&doc);
	o = (mpr_load_options)MPR_LOAD_OPTIONS_INIT;
	o.max_nodes = 4;
	assert_int_equal(parse("[1, 2, 3, 4, 5]", &o, &doc, &err), MPR_ELIMIT);
	assert_string_equal(err.message, "more than max_nodes=4 JSON values");
	assert_int_equal(err.column, 11);
	yt_doc_free(&doc);
	o = (mpr_load_options)MPR_LOAD_OPTIONS_INIT;
	o.max_string = 3;
	assert_int_equal(parse("[\"abc\", \"abcd\"]", &o, &doc, &err), MPR_ELIMIT);
	assert_string_equal(err.message, "a scalar of 4 bytes, more than max_string=3");
	assert_int_equal(err.column, 9);
	yt_doc_free(&doc);
	o = (mpr_load_options)MPR_LOAD_OPTIONS_INIT;
	o.max_file_bytes = 4;
	assert_int_equal(parse("[12]", &o, &doc, &err), MPR_OK);
	yt_doc_free(&doc);
	assert_int_equal(parse("[123]", &o, &doc, &err), MPR_ELIMIT);
	yt_doc_free(&doc);
}

/* Which documents are JSON: the first non-blank character decides. */
static void dispatch(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool json;
	} cases[] = {
		{"{}", true},           {" \t\r\n[1]", true},    {"\xef\xbb\xbf{}", true},
		{"\xff\xfe \0{\0", true}, {"a: {b: 1}", false},  {"# c\n{}", false},
		{"---\n{}", false},     {"", false},             {"  ", false},
		{"\"x\"", false},       {"- [1]", false},        {"\xef\xbb\xbf", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len = strlen(cases[i].text);
		if (cases[i].text[0] == '\xff')
			len = 6;
		if (yt_is_json((const unsigned char *)cases[i].text, len) != cases[i].json)
			fail_msg("case %zu: '%s' should %sbe JSON", i, cases[i].text,
			         cases[i].json ? "" : "not ");
	}
	assert_false(yt_is_json(NULL, 0));
	/* JSON read as JSON, YAML as YAML: the same words, different rules */
	yt_doc doc;
	mpr_error err;
	assert_int_equal(parse("{\"a\": \"\\ud83d\\ude00\"}", NULL, &doc, &err), MPR_OK);
	yt_doc_free(&doc);
	assert_int_equal(parse("a: \"\\ud83d\\ude00\"", NULL, &doc, &err), MPR_ESYNTAX);
	assert_non_null(strstr(err.message, "YAML syntax"));
	yt_doc_free(&doc);
	/* any JSON value at the top, when the JSON layer is asked directly */
	assert_int_equal(yt_parse_json(&doc, "t", (const unsigned char *)" 42 ", 4, NULL, NULL, &err),
	                 MPR_OK);
	assert_true(doc.root->plain);
	assert_string_equal(doc.root->value, "42");
	at(doc.root, 1, 2);
	yt_doc_free(&doc);
	assert_int_equal(yt_parse_json(&doc, "t", (const unsigned char *)"-1.5", 4, NULL, NULL, &err),
	                 MPR_OK);
	assert_string_equal(doc.root->value, "-1.5");
	yt_doc_free(&doc);
	assert_int_equal(yt_parse_json(&doc, "t", (const unsigned char *)"\"x\"", 3, NULL, NULL, &err),
	                 MPR_OK);
	assert_false(doc.root->plain);
	yt_doc_free(&doc);
	assert_int_equal(yt_parse_json(&doc, "t", (const unsigned char *)"", 0, NULL, NULL, &err),
	                 MPR_ESYNTAX);
	yt_doc_free(&doc);
}

/* Line breaks: LF, CRLF and a lone CR, as libyaml counts them. */
static void line_breaks(void **state)
{
	(void)state;
	yt_doc doc;
	mpr_error err;
	assert_int_equal(parse("{\r\"a\":\r\n1,\n\"b\": 2}", NULL, &doc, &err), MPR_OK);
	at(doc.root->items[0], 2, 1);
	at(doc.root->items[1], 3, 1);
	at(doc.root->items[2], 4, 1);
	yt_doc_free(&doc);
}

static void fingerprint(EVP_MD_CTX *h, const char *text, unsigned char md[32])
{
	EVP_DigestInit_ex(h, EVP_sha256(), NULL);
	yt_doc doc;
	mpr_error err;
	assert_int_equal(yt_parse(&doc, "t", (const unsigned char *)text, strlen(text), NULL, h, &err),
	                 MPR_OK);
	unsigned n;
	EVP_DigestFinal_ex(h, md, &n);
	/* the canonical encoding of the tree hashes too (as a load hashes an entry) */
	mpr_hasher hasher;
	mpr_buf scratch = {0};
	unsigned char tree[32];
	assert_int_equal(mpr_hasher_init(&hasher, NULL), MPR_OK);
	assert_int_equal(yt_hash_node(doc.root, &hasher, &scratch, tree), MPR_OK);
	mpr_hasher_free(&hasher);
	free(scratch.data);
	yt_doc_free(&doc);
}

/* The same data as JSON and as YAML (keys quoted, as JSON's are) has the
 * same fingerprint: a JSON rule file hashes as it did when libyaml read it. */
static void same_tree_as_yaml(void **state)
{
	(void)state;
	EVP_MD_CTX *h = EVP_MD_CTX_new();
	assert_non_null(h);
	unsigned char a[32], b[32], c[32];
	fingerprint(h, "{\"a\": [1, \"2\", true, null], \"b\": {\"c\": \"d\"}}", a);
	fingerprint(h, "\"a\": [1, \"2\", true, null]\n'b':\n  \"c\": \"d\"\n", b);
	fingerprint(h, "\"a\": [1, 2, true, null]\n'b':\n  \"c\": \"d\"\n", c);
	EVP_MD_CTX_free(h);
	assert_memory_equal(a, b, 32);
	assert_memory_not_equal(a, c, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places),
		cmocka_unit_test(unicode_as_json_says),
		cmocka_unit_test(encodings),
		cmocka_unit_test(refusals),
		cmocka_unit_test(limits),
		cmocka_unit_test(dispatch),
		cmocka_unit_test(line_breaks),
		cmocka_unit_test(same_tree_as_yaml),
	};
	return cmocka_run_group_tests_name("jsontree", tests, NULL, NULL);
}
