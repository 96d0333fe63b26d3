/* test_render.c - JSON keys are the documented interface; text reads right;
 * the JSON of every trace step, safeguard and remedy made once at load is
 * what the renderer writes for one it escapes itself. */
#include "decide/decide.h"
#include "helpers.h"
#include "input/tree.h"
#include "load/load.h"

static const char proposal[] =
	"partnership: {id: t, title: \"A \\\"quoted\\\" title\", country: EG}\n"
	"activities:\n"
	"  - {id: a, measure: border-surveillance, safeguards: [independent-monitoring, reporting-obligations]}\n"
	"  - {id: b, measure: trade-mission, country: NL, beneficiary: companies}\n";

/* JSON is YAML: read our own output back with the library's parser. */
static yt_doc parse_json(const char *json)
{
	yt_doc doc;
	mpr_error err;
	if (yt_parse(&doc, "out.json", (const unsigned char *)json, strlen(json), NULL, NULL, &err))
		fail_msg("output is not valid JSON: %u:%u %s", err.line, err.column, err.message);
	return doc;
}

static const yt_node *path(const yt_node *n, const char *a, const char *b)
{
	n = yt_get(n, a);
	return b ? yt_get(n, b) : n;
}

static void json_result_keys(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state, proposal, &p);
	char *out;
	size_t len;
	mpr_error err;
	assert_int_equal(mpr_render_result(r, MPR_FORMAT_JSON, &out, &len, &err), MPR_OK);
	assert_int_equal(strlen(out), len);
	yt_doc doc = parse_json(out);
	const yt_node *root = doc.root;
	assert_true(yt_is(yt_get(root, "format_version"), "2"));
	assert_true(yt_is(path(root, "engine", "version"), MPR_VERSION_STRING));
	assert_true(yt_is(path(root, "ruleset", "fingerprint"), mpr_ruleset_fingerprint(*state)));
	assert_true(yt_is(path(root, "input", "sha256"), mpr_proposal_sha256(p)));
	assert_true(yt_is(path(root, "partnership", "title"), "A \"quoted\" title"));
	/* the activity is no-go; the partnership finding M1 (no independent
	 * monitor with local access in a high-risk country) is below the floor */
	assert_true(yt_is(yt_get(root, "verdict"), "prohibited"));
	assert_true(yt_is(yt_get(root, "passes"), "false"));
	const yt_node *findings = yt_get(root, "findings");
	assert_int_equal(findings->kind, YT_SEQ);
	assert_true(findings->n > 0);
	for (size_t i = 0; i < findings->n; i++) {
		static const char *const fkeys[] = {"rule", "source", "message", "severity"};
		for (size_t k = 0; k < 4; k++)
			if (!yt_get(findings->items[i], fkeys[k]))
				fail_msg("findings[%zu] lacks '%s'", i, fkeys[k]);
	}
	const yt_node *acts = yt_get(root, "activities");
	assert_int_equal(acts->n, 2);
	const yt_node *a = acts->items[0];
	static const char *const keys[] = {"id", "country", "country_tier", "measure",
	                                   "measure_tier", "verdict", "passes", "monitoring",
	                                   "suspension", "required_safeguards",
	                                   "missing_safeguards", "trace"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!yt_get(a, keys[i]))
			fail_msg("activities[0] lacks '%s'", keys[i]);
	assert_true(yt_is(path(a, "monitoring", "frequency_months"), "3"));
	assert_true(yt_is(yt_get(a, "country_tier"), "high"));
	const yt_node *req = yt_get(a, "required_safeguards");
	assert_true(req->n >= 9);
	assert_non_null(yt_get(req->items[0], "source"));
	const yt_node *tr = yt_get(a, "trace");
	assert_true(tr->n > 3);
	assert_non_null(yt_get(tr->items[0], "rule"));
	assert_non_null(yt_get(tr->items[0], "effect"));
	assert_true(yt_is(yt_get(acts->items[1], "verdict"), "permitted"));
	assert_int_equal(yt_get(acts->items[1], "missing_safeguards")->n, 0);
	const yt_node *miss = yt_get(a, "missing_safeguards");
	assert_true(miss->n > 0);
	assert_non_null(yt_get(miss->items[0], "id"));
	assert_non_null(yt_get(miss->items[0], "source"));
	yt_doc_free(&doc);
	free(out);

	/* one result through mpr_render_results: an array all the same */
	const mpr_result *single[] = {r};
	assert_int_equal(mpr_render_results(single, 1, MPR_FORMAT_JSON, &out, NULL, &err), MPR_OK);
	doc = parse_json(out);
	assert_int_equal(doc.root->kind, YT_SEQ);
	assert_int_equal(doc.root->n, 1);
	assert_true(yt_is(yt_get(doc.root->items[0], "format_version"), "2"));
	yt_doc_free(&doc);
	free(out);

	/* several results: an array of the same objects */
	const mpr_result *two[] = {r, r};
	assert_int_equal(mpr_render_results(two, 2, MPR_FORMAT_JSON, &out, NULL, &err), MPR_OK);
	doc = parse_json(out);
	assert_int_equal(doc.root->kind, YT_SEQ);
	assert_int_equal(doc.root->n, 2);
	yt_doc_free(&doc);
	free(out);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

static void text_result_reads(void **state)
{
	mpr_proposal *p;
	mpr_result *r = eval_text(*state, proposal, &p);
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_result(r, MPR_FORMAT_TEXT, &out, NULL, &err), MPR_OK);
	assert_non_null(strstr(out, "activity a: no-go"));
	assert_non_null(strstr(out, "activity b: permitted"));
	assert_non_null(strstr(out, "missing safeguards: defined-monitoring-content"));
	assert_non_null(strstr(out, "cell.high.high"));
	free(out);
	mpr_result_free(r);
	mpr_proposal_free(p);
}

static void matrix_covers_every_pair(void **state)
{
	const mpr_ruleset *rules = *state;
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_matrix(rules, MPR_FORMAT_JSON, &out, NULL, &err), MPR_OK);
	yt_doc doc = parse_json(out);
	size_t nc = mpr_ruleset_country_count(rules), nm = mpr_ruleset_measure_count(rules);
	assert_int_equal(yt_get(doc.root, "decisions")->n, nc * nm);
	assert_int_equal(yt_get(doc.root, "countries")->n, nc);
	assert_int_equal(yt_get(doc.root, "measures")->n, nm);
	assert_int_equal(yt_get(doc.root, "tiers")->n, 3);
	yt_doc_free(&doc);
	free(out);
	assert_int_equal(mpr_render_matrix(rules, MPR_FORMAT_TEXT, &out, NULL, &err), MPR_OK);
	assert_non_null(strstr(out, "LY high   Libya (excluded, F2)"));
	free(out);
}

static void explain(void **state)
{
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_explain(*state, "TN", "forced-return", MPR_FORMAT_TEXT, &out,
	                                    NULL, &err),
	                 MPR_OK);
	assert_non_null(strstr(out, "TN Tunisia: tier high (base medium)"));
	assert_non_null(strstr(out, "fn. 149"));
	/* forced return may cover third-country nationals: chain refoulement */
	assert_non_null(strstr(out, "verdict: prohibited"));
	assert_non_null(strstr(out, "F3-chain-refoulement"));
	free(out);
	assert_int_equal(mpr_render_explain(*state, "TN", NULL, MPR_FORMAT_JSON, &out, NULL, &err),
	                 MPR_OK);
	yt_doc doc = parse_json(out);
	assert_true(yt_is(path(doc.root, "country", "tier"), "high"));
	assert_true(yt_is(path(doc.root, "country", "base_tier"), "medium"));
	assert_null(yt_get(doc.root, "decision"));
	yt_doc_free(&doc);
	free(out);
	assert_int_equal(mpr_render_explain(*state, "XX", NULL, MPR_FORMAT_TEXT, &out, NULL, &err),
	                 MPR_ENOTFOUND);
	assert_null(out);
	assert_int_equal(mpr_render_explain(*state, "TN", "wall", MPR_FORMAT_TEXT, &out, NULL, &err),
	                 MPR_ENOTFOUND);
	assert_non_null(strstr(err.message, "'wall'"));
}

/* Explain an activity as a query declares it: the fields that would change
 * its decision are named with what they would make of it (red team 2 #12). */
static void explain_query(void **state)
{
	char *out;
	mpr_error err;
	mpr_render_options text = MPR_RENDER_OPTIONS_INIT, json = MPR_RENDER_OPTIONS_INIT;
	json.format = MPR_FORMAT_JSON;
	mpr_query q = {.country = "TN", .measure = "readmission-agreement"};
	assert_int_equal(mpr_render_explain_query(*state, &q, &text, &out, NULL, &err),
	                 MPR_OK);
	assert_non_null(strstr(out, "fields that would change this decision"));
	assert_non_null(strstr(out, "  - nationals_only: true: no-go, measure tier high\n"));
	free(out);
	q = (mpr_query){.country = "TN", .measure = "budget-support", .beneficiary = "interior-ministry"};
	assert_int_equal(mpr_render_explain_query(*state, &q, &json, &out, NULL, &err),
	                 MPR_OK);
	yt_doc doc = parse_json(out);
	assert_true(yt_is(path(doc.root, "declared", "beneficiary"), "interior-ministry"));
	assert_true(yt_is(path(doc.root, "decision", "verdict"), "prohibited"));
	const yt_node *alts = yt_get(doc.root, "alternatives");
	assert_non_null(alts);
	assert_true(alts->n > 0);
	assert_true(yt_is(yt_get(alts->items[0], "field"), "beneficiary"));
	assert_true(yt_is(yt_get(alts->items[0], "verdict"), "conditional"));
	yt_doc_free(&doc);
	free(out);
	/* an evacuation hub alone is a return hub; beside its evacuation it is not */
	q = (mpr_query){.country = "RW", .measure = "evacuation-hub", .beneficiary = "migrants",
	                .implementer = "un-agency", .evacuated_from = "LY"};
	assert_int_equal(mpr_render_explain_query(*state, &q, &text, &out, NULL, &err),
	                 MPR_OK);
	assert_non_null(strstr(out, "verdict: prohibited"));
	assert_non_null(strstr(out, "  - the evacuation from LY beside it in the same proposal"));
	free(out);
	/* declarations need a measure; an implementer is no beneficiary */
	q = (mpr_query){.country = "TN", .nationals_only = 1};
	assert_int_equal(mpr_render_explain_query(*state, &q, &text, &out, NULL, &err),
	                 MPR_EINVAL);
	q = (mpr_query){.country = "TN", .measure = "trade-mission", .beneficiary = "business"};
	assert_int_equal(mpr_render_explain_query(*state, &q, &text, &out, NULL, &err),
	                 MPR_EREF);
	assert_non_null(strstr(err.message, "write 'implementer: business'"));
	q = (mpr_query){.country = "TN", .measure = "trade-mission", .nationals_only = 1};
	assert_int_equal(mpr_render_explain_query(*state, &q, &text, &out, NULL, &err),
	                 MPR_EINVAL);
}

/* The step's own text, and the text written for its three strings. */
static void same_json(const char *json, size_t len, const char *rule, const char *source,
                      const char *effect)
{
	mpr_buf b = {0};
	mpr_jw w;
	mpr_jw_init(&w, &b, false);
	if (effect)
		mpr_json_step(&w, rule, source, effect);
	else
		mpr_json_id_source(&w, rule, source);
	assert_non_null(json);
	assert_int_equal(len, b.len);
	assert_memory_equal(json, b.data, len);
	free(b.data);
}

static void prerendered_steps(void **state)
{
	const mpr_ruleset *rs = *state;
	mpr_step trace[256];
	assert_true(rs->max_trace <= 256);
	mpr_decision d = {.trace = trace};
	size_t steps = 0;
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++)
			for (size_t a = 0; a <= rs->n_attributes + rs->n_beneficiaries; a++) {
				/* nothing, each attribute, each declared beneficiary */
				bool attr = a && a <= rs->n_attributes;
				mpr_substance s = mpr_substance_of((int)c, (int)m, attr ? (mpr_set)1 << (a - 1) : 0);
				if (a > rs->n_attributes)
					s.beneficiary = (int)(a - rs->n_attributes - 1);
				mpr_decide_at(rs, &s, 0, &d);
				for (size_t i = 0; i < d.n_trace; i++, steps++)
					same_json(trace[i].json, trace[i].json_len, trace[i].rule, trace[i].source,
					          trace[i].effect);
			}
	assert_true(steps > 10000);
	for (size_t i = 0; i < rs->n_safeguards; i++)
		same_json(rs->safeguards[i].json, rs->safeguards[i].json_len, rs->safeguards[i].n.id,
		          rs->safeguards[i].n.source, NULL);
	for (size_t i = 0; i < rs->n_prules + rs->n_monitor_items; i++) {
		mpr_buf b = {0};
		mpr_jw w;
		mpr_jw_init(&w, &b, false);
		const char *json;
		size_t len;
		if (i < rs->n_prules) {
			mpr_json_finding_head(&w, &rs->prules[i]);
			json = rs->prules[i].json_head;
			len = rs->prules[i].json_head_len;
		} else {
			mpr_json_monitor_item(&w, &rs->monitor_items[i - rs->n_prules]);
			json = rs->monitor_items[i - rs->n_prules].json;
			len = rs->monitor_items[i - rs->n_prules].json_len;
		}
		assert_non_null(json);
		assert_int_equal(len, b.len);
		assert_memory_equal(json, b.data, len);
		free(b.data);
	}
}

/* A remedy made at load is what the writer makes for it; the kinds whose
 * sentence depends on the proposal have none. */
static void prerendered_remedies(void **state)
{
	const mpr_ruleset *rs = *state;
	size_t made = 0;
	for (int k = 0; k < MPR_REMEDY_KINDS; k++) {
		size_t n = k == MPR_REMEDY_ADD_SAFEGUARD    ? rs->n_safeguards
		           : k == MPR_REMEDY_DROP_ATTRIBUTE ? rs->n_attributes
		           : k == MPR_REMEDY_ADD_ELEMENT    ? rs->n_elements
		                                            : 1;
		bool indexed = k == MPR_REMEDY_ADD_SAFEGUARD || k == MPR_REMEDY_DROP_ATTRIBUTE ||
		               k == MPR_REMEDY_ADD_ELEMENT;
		for (size_t i = 0; i < n; i++) {
			int index = indexed ? (int)i : -1;
			mpr_buf b = {0};
			mpr_jw w;
			mpr_jw_init(&w, &b, false);
			bool of_rules = mpr_json_remedy_of_rules(&w, NULL, rs, k, index);
			size_t len;
			const char *json = mpr_remedy_json(rs, k, index, &len);
			if (k == MPR_REMEDY_SET_FREQUENCY || k == MPR_REMEDY_COUNTRY_TIER ||
			    k == MPR_REMEDY_DECLARE_NATIONALS_ONLY ||
			    k == MPR_REMEDY_COMPLETE_AGREEMENT) { /* names the proposal's agreement */
				assert_false(of_rules);
				assert_null(json);
			} else {
				assert_true(of_rules);
				assert_non_null(json);
				assert_int_equal(len, b.len);
				assert_memory_equal(json, b.data, len);
				yt_doc doc = parse_json(json);
				assert_true(yt_is(yt_get(doc.root, "kind"), mpr_remedy_kind_name(k)));
				mpr_buf sentence = {0};
				assert_true(mpr_remedy_sentence(&sentence, NULL, rs, k, index));
				assert_true(yt_is(yt_get(doc.root, "text"), sentence.data));
				free(sentence.data);
				yt_doc_free(&doc);
				made++;
			}
			free(b.data);
		}
	}
	assert_true(made > 20);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* The report: the summary first, then the heatmap split by tier into
 * tables of at most 20 countries, the proposals, the appendices; the
 * proposals' activities marked by their letters; text escaped. */
static void report(void **state)
{
	const mpr_ruleset *rules = *state;
	mpr_proposal *p1, *p2;
	mpr_result *r1 = eval_text(rules, proposal, &p1);
	mpr_result *r2 = eval_text(rules,
	                           "partnership: {id: u, title: \"<b>&'x'</b>\", country: SN}\n"
	                           "activities: [{id: c, measure: information-campaign}]\n",
	                           &p2);
	const mpr_result *const both[] = {r1, r2};
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_report(rules, both, 2, "2026-12-01", &out, NULL, &err), MPR_OK);
	const char *order[] = {"id=\"summary\"", "id=\"heatmap\"", "id=\"p-1\"", "id=\"p-2\"",
	                       "id=\"rules\"", "id=\"countries\"", "id=\"traces\""};
	const char *at = out;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *next = strstr(at, order[i]);
		if (!next)
			fail_msg("%s missing or out of order", order[i]);
		at = next;
	}
	/* every country is a column once, no table has more than 20 */
	size_t tables = count(out, "<table class=\"heat\">");
	assert_int_equal(count(out, "<th scope=\"col\" class=\"c\""), mpr_ruleset_country_count(rules));
	assert_true(tables * 20 >= mpr_ruleset_country_count(rules));
	for (const char *t = strstr(out, "<table class=\"heat\">"); t;
	     t = strstr(t + 1, "<table class=\"heat\">")) {
		const char *end = strstr(t, "</thead>");
		size_t cols = 0;
		for (const char *c = strstr(t, "class=\"c\""); c && c < end; c = strstr(c + 1, "class=\"c\""))
			cols++;
		assert_true(cols <= 20);
	}
	/* A's activity a (EG border surveillance) and B's c (SN) are marked */
	assert_non_null(strstr(out, "title=\"EG &#215; border-surveillance: no-go (cell.high.high)\">"
	                            "&#10007;<sup>A</sup></td>"));
	assert_non_null(strstr(out, "SN &#215; information-campaign: permitted (cell.low.low)\">"
	                            "&#10003;<sup>B</sup></td>"));
	assert_int_equal(count(out, "<sup>A</sup></td>") + count(out, "<sup>B</sup></td>"), 3);
	/* the hostile title only as text */
	assert_null(strstr(out, "<b>&"));
	assert_non_null(strstr(out, "&lt;b&gt;&amp;&#39;x&#39;&lt;/b&gt;"));
	free(out);
	mpr_result_free(r1);
	mpr_result_free(r2);
	mpr_proposal_free(p1);
	mpr_proposal_free(p2);
}

static void summary(void **state)
{
	char *out;
	mpr_error err;
	assert_int_equal(mpr_render_summary(*state, &out, NULL, &err), MPR_OK);
	assert_non_null(strstr(out, "38 measures"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_result_keys),
		cmocka_unit_test(text_result_reads),
		cmocka_unit_test(matrix_covers_every_pair),
		cmocka_unit_test(explain),
		cmocka_unit_test(report),
		cmocka_unit_test(explain_query),
		cmocka_unit_test(summary),
		cmocka_unit_test(prerendered_steps),
		cmocka_unit_test(prerendered_remedies),
	};
	return cmocka_run_group_tests_name("render", tests, load_default, free_default);
}
