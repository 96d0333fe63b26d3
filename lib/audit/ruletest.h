/*
 * ruletest.h - what the files of the rule tests share, and nothing else
 * includes: the runner of one test file (ruletest.c), the reading of a
 * case's proposal and of the experience it decides with, and the cases on
 * monitoring (ruletest_monitor.c; docs/auditing.md, "Monitoring cases").
 */
#ifndef MPR_AUDIT_RULETEST_H
#define MPR_AUDIT_RULETEST_H

#include "input/schema.h"
#include "model.h"
#include "util/buf.h"

typedef struct runner {
	const mpr_ruleset *rs;
	const mpr_load_options *opts;
	mpr_coverage *cov;
	mpr_error *err;
	mpr_buf *report;
	const char *file;
	mpr_arena arena;
	mpr_step *trace;
	size_t passed, failed;
} runner;

/* The head of a case's report lines, "FILE:LINE: case NAME: ", into head
 * (RT_HEAD bytes). */
enum { RT_HEAD = 600 };
void ruletest_head(const runner *R, const yt_node *it, const char *name, char head[RT_HEAD]);
/* A case's outcome counted: rc, an error, stops the file; else the case
 * passed when it found nothing bad. Returns rc. */
int ruletest_count(runner *R, int rc, int bad);

/* A path a case names, relative to the test file (as written when it is
 * absolute), into out. */
void ruletest_path(const runner *R, const char *rel, char *out, size_t size);
/* The proposal of a case: a file beside the test file, or written inline. */
int ruletest_proposal(runner *R, sc_ctx *c, const yt_node *pn, mpr_proposal **p);
/* The observations at node n against p: a file beside the test file, or
 * written inline. */
int ruletest_observations(runner *R, sc_ctx *c, const yt_node *n, const mpr_proposal *p,
                          mpr_observations **out);
/* A case with `monitoring:` (ruletest_monitor.c): the status of a proposal
 * as of a date, against what the case expects of it. */
int ruletest_monitoring_case(runner *R, sc_ctx *c, const yt_node *it, const char *name);
/* The experience of a case's `experience: {as_of, observations: [...]}`,
 * each observations file naming its proposal, or {proposal, observations}
 * written inline; *out NULL when the case has none. */
int ruletest_experience(runner *R, sc_ctx *c, const yt_node *n, mpr_experience **out);

#endif
