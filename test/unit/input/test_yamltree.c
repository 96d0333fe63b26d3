/* test_yamltree.c - the YAML tree builder: places, limits, refusals, hashing. */
#include "helpers.h"
#include "input/tree.h"

static int parse(const char *text, const mpr_load_options *o, yt_doc *doc, mpr_error *err)
{
	return yt_parse(doc, "t.yaml", (const unsigned char *)text, strlen(text), o, NULL, err);
}

static void tree_and_positions(void **state)
{
	(void)state;
	yt_doc doc;
	mpr_error err;
	assert_int_equal(parse("a: 1\nb:\n  - x\n  - 'y'\nc: ~\n", NULL, &doc, &err), MPR_OK);
	assert_int_equal(doc.root->kind, YT_MAP);
	assert_int_equal(doc.root->n, 3);
	const yt_node *b = yt_get(doc.root, "b");
	assert_int_equal(b->kind, YT_SEQ);
	assert_int_equal(b->n, 2);
	assert_int_equal(b->items[1]->line, 4);
	assert_int_equal(b->items[1]->column, 5);
	assert_true(b->items[0]->plain);
	assert_false(b->items[1]->plain);
	assert_true(yt_is_null(yt_get(doc.root, "c")));
	assert_false(yt_is_null(b->items[1]));
	assert_null(yt_get(doc.root, "d"));
	yt_doc_free(&doc);
}

static void json_is_yaml(void **state)
{
	(void)state;
	yt_doc doc;
	mpr_error err;
	assert_int_equal(parse("{\"a\": [1, 2], \"b\": {\"c\": \"d\"}}", NULL, &doc, &err), MPR_OK);
	assert_int_equal(yt_get(doc.root, "a")->n, 2);
	assert_true(yt_is(yt_get(yt_get(doc.root, "b"), "c"), "d"));
	yt_doc_free(&doc);
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
		{"a: 1\na: 2\n", MPR_ESCHEMA, 2, 1, "duplicate key 'a'"},
		{"a: &x 1\nb: *x\n", MPR_ESCHEMA, 1, 4, "anchors"},
		{"a: !!int 1\n", MPR_ESCHEMA, 1, 4, "explicit tags"},
		{"a: 1\n---\nb: 2\n", MPR_ESYNTAX, 2, 1, "more than one"},
		{"a: [1, 2\n", MPR_ESYNTAX, 2, 1, "YAML syntax"},
		{"? [a]\n: 1\n", MPR_ESCHEMA, 1, 3, "mapping key"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		yt_doc doc;
		mpr_error err;
		int rc = parse(cases[i].text, NULL, &doc, &err);
		if (rc != cases[i].code || err.line != cases[i].line || err.column != cases[i].column ||
		    !strstr(err.message, cases[i].says))
			fail_msg("case %zu: rc %d %u:%u %s", i, rc, err.line, err.column, err.message);
		assert_string_equal(err.file, "t.yaml");
		yt_doc_free(&doc);
	}
}

static void limits(void **state)
{
	(void)state;
	mpr_load_options o = MPR_LOAD_OPTIONS_INIT;
	yt_doc doc;
	mpr_error err;
	o.max_depth = 3;
	assert_int_equal(parse("a: {b: {c: {d: 1}}}\n", &o, &doc, &err), MPR_ELIMIT);
	assert_non_null(strstr(err.message, "max_depth=3"));
	yt_doc_free(&doc);
	o = (mpr_load_options)MPR_LOAD_OPTIONS_INIT;
	o.max_nodes = 4;
	assert_int_equal(parse("[1, 2, 3, 4, 5]\n", &o, &doc, &err), MPR_ELIMIT);
	assert_non_null(strstr(err.message, "max_nodes=4"));
	yt_doc_free(&doc);
	o = (mpr_load_options)MPR_LOAD_OPTIONS_INIT;
	o.max_string = 3;
	assert_int_equal(parse("abcd\n", &o, &doc, &err), MPR_ELIMIT);
	yt_doc_free(&doc);
	o = (mpr_load_options)MPR_LOAD_OPTIONS_INIT;
	o.max_file_bytes = 4;
	assert_int_equal(parse("a: 12\n", &o, &doc, &err), MPR_ELIMIT);
	yt_doc_free(&doc);
	/* a deep but legal document passes with the defaults */
	assert_int_equal(parse("a: {b: {c: {d: 1}}}\n", NULL, &doc, &err), MPR_OK);
	yt_doc_free(&doc);
}

static void hash_ignores_layout_not_content(void **state)
{
	(void)state;
	const char *texts[] = {"a: [1, 2]  # comment\n", "a:\n  - 1\n  - 2\n", "a: [1, 3]\n",
	                       "a: [1, '2']\n"};
	unsigned char md[4][32];
	for (int i = 0; i < 4; i++) {
		EVP_MD_CTX *h = EVP_MD_CTX_new();
		assert_non_null(h);
		EVP_DigestInit_ex(h, EVP_sha256(), NULL);
		yt_doc doc;
		mpr_error err;
		assert_int_equal(yt_parse(&doc, "t", (const unsigned char *)texts[i], strlen(texts[i]),
		                          NULL, h, &err),
		                 MPR_OK);
		unsigned n;
		EVP_DigestFinal_ex(h, md[i], &n);
		EVP_MD_CTX_free(h);
		yt_doc_free(&doc);
	}
	assert_memory_equal(md[0], md[1], 32);
	assert_memory_not_equal(md[0], md[2], 32);
	assert_memory_not_equal(md[0], md[3], 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tree_and_positions),
		cmocka_unit_test(json_is_yaml),
		cmocka_unit_test(refusals),
		cmocka_unit_test(limits),
		cmocka_unit_test(hash_ignores_layout_not_content),
	};
	return cmocka_run_group_tests_name("yamltree", tests, NULL, NULL);
}
