/* helpers.h - shared by the unit tests: cmocka, the default ruleset, and
 * proposals from strings. */
#ifndef MPR_TEST_HELPERS_H
#define MPR_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mprisk.h"

#define RULES_DIR MPR_SOURCE_DIR "/rules/default"

static inline int load_default(void **state)
{
	mpr_ruleset *rules = NULL;
	mpr_error err;
	int rc = mpr_ruleset_load(&rules, RULES_DIR, NULL, &err);
	if (rc != MPR_OK) {
		char msg[1200];
		mpr_error_format(&err, msg, sizeof msg);
		fprintf(stderr, "cannot load %s: %s\n", RULES_DIR, msg);
		return -1;
	}
	*state = rules;
	return 0;
}

static inline int free_default(void **state)
{
	mpr_ruleset_free(*state);
	return 0;
}

/* Evaluate a proposal given as YAML text; fails the test on any error. */
static inline mpr_result *eval_text(const mpr_ruleset *rules, const char *yaml,
                                    mpr_proposal **proposal)
{
	mpr_error err;
	int rc = mpr_proposal_parse_buffer(proposal, rules, yaml, strlen(yaml), "test", NULL, &err);
	if (rc != MPR_OK)
		fail_msg("parse: %s:%u:%u: %s", err.file, err.line, err.column, err.message);
	mpr_result *r = NULL;
	rc = mpr_evaluate(&r, rules, *proposal, &err);
	if (rc != MPR_OK)
		fail_msg("evaluate: %s", err.message);
	return r;
}

/* One activity: country, measure, attributes and safeguards as YAML lists. */
typedef struct one {
	mpr_proposal *p;
	mpr_result *r;
	const mpr_activity *a;
} one;

/* One activity; substance is more keys of the activity (e.g. "beneficiary:
 * coast-guard, nationals_only: true"), or NULL. */
static inline one decide_as(const mpr_ruleset *rules, const char *country, const char *measure,
                            const char *substance, const char *attributes,
                            const char *safeguards)
{
	char yaml[4096];
	snprintf(yaml, sizeof yaml,
	         "partnership: {id: t, country: %s}\n"
	         "activities:\n"
	         "  - {id: a, measure: %s, %s%sattributes: [%s], safeguards: [%s]}\n",
	         country, measure, substance ? substance : "", substance ? ", " : "",
	         attributes ? attributes : "", safeguards ? safeguards : "");
	one o;
	o.r = eval_text(rules, yaml, &o.p);
	o.a = mpr_result_activity(o.r, 0);
	return o;
}

static inline one decide(const mpr_ruleset *rules, const char *country, const char *measure,
                         const char *attributes, const char *safeguards)
{
	return decide_as(rules, country, measure, NULL, attributes, safeguards);
}

static inline void one_free(one *o)
{
	mpr_result_free(o->r);
	mpr_proposal_free(o->p);
}

/* Does the trace of a contain a step for rule? */
static inline int traced(const mpr_activity *a, const char *rule)
{
	for (size_t i = 0; i < mpr_activity_trace_count(a); i++)
		if (strcmp(mpr_activity_trace(a, i, NULL, NULL), rule) == 0)
			return 1;
	return 0;
}

static inline int requires_safeguard(const mpr_activity *a, const char *id)
{
	for (size_t i = 0; i < mpr_activity_required_count(a); i++)
		if (strcmp(mpr_activity_required(a, i, NULL), id) == 0)
			return 1;
	return 0;
}

static inline int tier_rank(const char *tier)
{
	return strcmp(tier, "low") == 0 ? 0 : strcmp(tier, "medium") == 0 ? 1 : 2;
}

#endif
