/* test_emit.c - what mprisk serve's forms read and write: the catalogue
 * (mpr_render_catalogue) and a proposal written back as normalised JSON and
 * as YAML (mpr_render_proposal_json, mpr_render_proposal_yaml), each read
 * back as the proposal it came from. */
#include "helpers.h"
#include "input/tree.h"

static const char proposal[] =
	"# a comment the output does not keep\n"
	"partnership:\n"
	"  id: nl-x\n"
	"  title: \"yes\"\n"
	"  country: MA\n"
	"  description: \"Two lines:\\nthe second \\\"quoted\\\", caf\\u00e9\"\n"
	"  parties: [NL, ES, MA]\n"
	"  elements: [eu-coordination, {id: broader-partnership, framework: \"NL-Morocco: 2021\"}]\n"
	"  monitoring: {frequency_months: 6.0, bodies: [{name: UNHCR, independent: true, local_access: false}]}\n"
	"activities:\n"
	"  - {id: a, measure: border-equipment-training, safeguards: [suspension-clause, reporting-obligations],\n"
	"     attributes: [dual-use-equipment], description: null}\n"
	"  - {id: b, measure: forced-return, country: EG, nationals_only: true, beneficiary: police,\n"
	"     description: 'x: y'}\n"
	"  - {id: c, measure: evacuation-hub, beneficiary: migrants, implementer: un-agency,\n"
	"     evacuated_from: LY}\n";

static yt_doc parse(const char *text)
{
	yt_doc doc;
	mpr_error err;
	if (yt_parse(&doc, "out", (const unsigned char *)text, strlen(text), NULL, NULL, &err))
		fail_msg("output does not parse: %u:%u %s\n%s", err.line, err.column, err.message, text);
	return doc;
}

/* the result JSON of a proposal text, without its input object */
static char *decided(const mpr_ruleset *rules, const char *text)
{
	mpr_proposal *p;
	mpr_result *r;
	mpr_error err;
	char *out;
	if (mpr_proposal_parse_buffer(&p, rules, text, strlen(text), "t", NULL, &err))
		fail_msg("does not read back: %u:%u %s\n%s", err.line, err.column, err.message, text);
	assert_int_equal(mpr_evaluate(&r, rules, p, &err), MPR_OK);
	assert_int_equal(mpr_render_result(r, MPR_FORMAT_JSON, &out, NULL, &err), MPR_OK);
	char *input = strstr(out, "\"input\"");
	char *end = input ? strstr(input, "},") : NULL;
	assert_non_null(end);
	memmove(input, end + 2, strlen(end + 2) + 1);
	mpr_result_free(r);
	mpr_proposal_free(p);
	return out;
}

static void catalogue(void **state)
{
	const mpr_ruleset *rules = *state;
	char *out;
	size_t len;
	mpr_error err;
	assert_int_equal(mpr_render_catalogue(rules, &out, &len, &err), MPR_OK);
	assert_int_equal(strlen(out), len);
	yt_doc doc = parse(out);
	assert_true(yt_is(yt_get(doc.root, "format_version"), "2"));
	assert_true(yt_is(yt_get(yt_get(doc.root, "ruleset"), "fingerprint"), mpr_ruleset_fingerprint(rules)));
	assert_int_equal(yt_get(doc.root, "countries")->n, mpr_ruleset_country_count(rules));
	assert_int_equal(yt_get(doc.root, "measures")->n, mpr_ruleset_measure_count(rules));
	const yt_node *ma = NULL, *els = yt_get(doc.root, "partnership_elements");
	for (size_t i = 0; i < yt_get(doc.root, "countries")->n; i++)
		if (yt_is(yt_get(yt_get(doc.root, "countries")->items[i], "code"), "MA"))
			ma = yt_get(doc.root, "countries")->items[i];
	assert_non_null(ma);
	assert_true(yt_is(yt_get(ma, "tier"), mpr_ruleset_country_tier(rules, "MA")));
	int detail = 0;
	for (size_t i = 0; i < els->n; i++)
		if (yt_is(yt_get(els->items[i], "id"), "broader-partnership"))
			detail = yt_is(yt_get(els->items[i], "detail"), "framework");
	assert_true(detail);
	static const char *const kinds[] = {"measures", "attributes", "beneficiaries", "safeguards",
	                                    "partnership_elements"};
	for (size_t k = 0; k < 5; k++) {
		const yt_node *list = yt_get(doc.root, kinds[k]);
		assert_true(list && list->n > 0);
		for (size_t i = 0; i < list->n; i++)
			if (!yt_get(list->items[i], "name") || !yt_get(list->items[i], "source"))
				fail_msg("%s[%zu] lacks its label or source", kinds[k], i);
	}
	yt_doc_free(&doc);
	free(out);
	assert_int_equal(mpr_render_catalogue(NULL, &out, NULL, &err), MPR_EINVAL);
}

static void written_back(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p;
	mpr_error err;
	char *json, *yaml;
	assert_int_equal(mpr_proposal_parse_buffer(&p, rules, proposal, strlen(proposal), "t", NULL, &err),
	                 MPR_OK);
	assert_int_equal(mpr_render_proposal_json(p, &json, NULL, &err), MPR_OK);
	assert_int_equal(mpr_render_proposal_yaml(p, &yaml, NULL, &err), MPR_OK);
	/* every key present in the JSON, null where nothing is given */
	yt_doc doc = parse(json);
	const yt_node *pn = yt_get(doc.root, "partnership");
	const yt_node *a = yt_get(doc.root, "activities")->items[0];
	const yt_node *b = yt_get(doc.root, "activities")->items[1];
	assert_true(yt_is(yt_get(pn, "description"), "Two lines:\nthe second \"quoted\", caf\xc3\xa9"));
	assert_true(yt_is(yt_get(yt_get(pn, "monitoring"), "frequency_months"), "6"));
	assert_true(yt_is_null(yt_get(a, "country")) && yt_is_null(yt_get(a, "beneficiary")));
	assert_true(yt_is_null(yt_get(a, "nationals_only")) && yt_is_null(yt_get(a, "description")));
	assert_true(yt_is(yt_get(b, "country"), "EG") && yt_is(yt_get(b, "nationals_only"), "true"));
	assert_true(yt_is_null(yt_get(a, "evacuated_from")));
	assert_true(yt_is(yt_get(yt_get(doc.root, "activities")->items[2], "evacuated_from"), "LY"));
	assert_true(yt_is(yt_get(yt_get(doc.root, "activities")->items[2], "implementer"), "un-agency"));
	assert_true(yt_is_null(yt_get(a, "implementer")));
	/* sets in catalogue order */
	assert_true(yt_is(yt_get(a, "safeguards")->items[0], "reporting-obligations"));
	yt_doc_free(&doc);
	/* YAML: quoted where a reader could take a word for a boolean */
	assert_non_null(strstr(yaml, "title: \"yes\""));
	assert_non_null(strstr(yaml, "parties: [NL, ES, MA]"));
	assert_non_null(strstr(yaml, "evacuated_from: LY"));
	assert_non_null(strstr(yaml, "implementer: un-agency"));
	assert_non_null(strstr(yaml, "{id: broader-partnership, framework: \"NL-Morocco: 2021\"}"));
	assert_null(strstr(yaml, "comment"));
	/* both decide as the original */
	char *want = decided(rules, proposal), *from_json = decided(rules, json),
	     *from_yaml = decided(rules, yaml);
	assert_string_equal(from_json, want);
	assert_string_equal(from_yaml, want);
	free(want);
	free(from_json);
	free(from_yaml);
	free(json);
	free(yaml);
	mpr_proposal_free(p);
	assert_int_equal(mpr_render_proposal_json(NULL, &json, NULL, &err), MPR_EINVAL);
	assert_int_equal(mpr_render_proposal_yaml(NULL, &yaml, NULL, &err), MPR_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalogue),
		cmocka_unit_test(written_back),
	};
	return cmocka_run_group_tests_name("emit", tests, load_default, free_default);
}
