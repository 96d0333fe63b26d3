/*
 * embed.c - the smallest program that uses libmprisk: load the rules,
 * evaluate one proposal, print one line per activity. Documentation by
 * example (docs/api.md); built against the shared library.
 *
 *   build/embed PROPOSAL [RULES_DIR]      (RULES_DIR defaults to rules/default)
 */
#include <stdio.h>
#include <stdlib.h>

#include "mprisk.h"

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: embed PROPOSAL [RULES_DIR]\n");
		return 2;
	}
	mpr_ruleset *rules = NULL;
	mpr_proposal *proposal = NULL;
	mpr_result *result = NULL;
	mpr_error err;
	if (mpr_ruleset_load(&rules, argc == 3 ? argv[2] : "rules/default", NULL, &err) ||
	    mpr_proposal_parse_file(&proposal, rules, argv[1], NULL, &err) ||
	    mpr_evaluate(&result, rules, proposal, &err)) {
		char msg[1200];
		mpr_error_format(&err, msg, sizeof msg);
		fprintf(stderr, "%s\n", msg);
		mpr_proposal_free(proposal);
		mpr_ruleset_free(rules);
		return 2;
	}
	printf("libmprisk %s, rules %s\n", mpr_version(), mpr_ruleset_fingerprint(rules));
	for (size_t i = 0; i < mpr_result_activity_count(result); i++) {
		const mpr_activity *a = mpr_result_activity(result, i);
		printf("%-20s %s/%s x %s/%s: %s, %zu of %zu required safeguards missing\n",
		       mpr_activity_id(a), mpr_activity_country(a), mpr_activity_country_tier(a),
		       mpr_activity_measure(a), mpr_activity_measure_tier(a),
		       mpr_verdict_name(mpr_activity_verdict(a)), mpr_activity_missing_count(a),
		       mpr_activity_required_count(a));
	}
	int status = mpr_result_passes(result) ? 0 : 1;
	mpr_result_free(result);
	mpr_proposal_free(proposal);
	mpr_ruleset_free(rules);
	return status;
}
