/* fuzz_evaluate.c - parse, evaluate, render (text, JSON, records), then
 * replay the records, the unsealed one and the sealed one: each must
 * reproduce the same decisions, and the sealed one must not look tampered
 * with, whatever the input was. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const mpr_ruleset *rules = default_rules();
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	mpr_error err;
	if (mpr_proposal_parse_buffer(&p, rules, (const char *)data, size, "fuzz.yaml", NULL, &err))
		return 0;
	if (mpr_evaluate(&r, rules, p, &err) != MPR_OK)
		abort();
	char *text = NULL, *json = NULL, *rec = NULL, *report = NULL;
	size_t replayed = 0, differ = 0;
	if (mpr_render_result(r, MPR_FORMAT_TEXT, &text, NULL, &err) ||
	    mpr_render_result(r, MPR_FORMAT_JSON, &json, NULL, &err) ||
	    mpr_render_record(r, "2026-11-23T00:00:00Z", &rec, NULL, &err) ||
	    mpr_replay(rules, rec, strlen(rec), "fuzz.log", &report, NULL, &replayed, &differ, &err) ||
	    replayed != 1 || differ != 0)
		abort();
	free(rec);
	free(report);
	rec = report = NULL;
	if (mpr_render_record_v2(r, "2026-11-23T00:00:00Z", NULL, &rec, NULL, &err) ||
	    mpr_replay(rules, rec, strlen(rec), "fuzz.log", &report, NULL, &replayed, &differ, &err) ||
	    replayed != 1 || differ != 0)
		abort();
	free(text);
	free(json);
	free(rec);
	free(report);
	mpr_result_free(r);
	mpr_proposal_free(p);
	return 0;
}
