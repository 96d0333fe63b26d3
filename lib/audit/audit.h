/*
 * audit.h - what the files of the audit stage share: the coverage of rule
 * entries (coverage.c), which the rule tests fill (ruletest.c) and lint
 * reads (lint.c). The public side of all of it is in include/mprisk.h.
 */
#ifndef MPR_AUDIT_AUDIT_H
#define MPR_AUDIT_AUDIT_H

#include "model.h"

/* Hits per rule entry: hits[i] counts decisions that exercised
 * rules->entries[i]. */
struct mpr_coverage {
	const mpr_ruleset *rules;
	unsigned long *hits;
};

/* Record every entry one decision exercised: its country and the country's
 * context kinds, every rule of its trace, the safeguards it requires and
 * the attributes declared. */
void mpr_cover_decision(mpr_coverage *c, const mpr_decision *d, mpr_set attributes);

/* Record every entry a monitoring status exercised: the decisions of the
 * proposal decided again, the consequences that followed, the kinds
 * observed, which rounds count (always computed), and experience when it
 * escalated something. */
void mpr_cover_monitoring(mpr_coverage *c, const mpr_monitoring *m);

#endif
