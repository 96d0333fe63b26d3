/*
 * plan.h - the monitoring plan and remedies of a result (plan.c).
 */
#ifndef MPR_PLAN_H
#define MPR_PLAN_H

#include "util/buf.h"
#include "model.h"

/* One change that would make an activity or a finding pass. */
enum { MPR_REMEDY_IMPOSSIBLE, MPR_REMEDY_ADD_SAFEGUARD, MPR_REMEDY_DROP_ATTRIBUTE,
       MPR_REMEDY_ADD_ELEMENT, MPR_REMEDY_SET_FREQUENCY, MPR_REMEDY_ADD_BODY,
       MPR_REMEDY_ADD_LOCAL_BODY, MPR_REMEDY_ADD_EU_PARTY, MPR_REMEDY_ADD_ACTIVITY,
       MPR_REMEDY_COUNTRY_TIER, MPR_REMEDY_DECLARE_BENEFICIARY, MPR_REMEDY_DECLARE_NATIONALS_ONLY,
       MPR_REMEDY_SEPARATE_HUMANITARIAN };

typedef struct mpr_remedy {
	int kind;        /* MPR_REMEDY_* */
	int index;       /* safeguard, attribute, element or tier index; -1 none */
	unsigned months; /* for SET_FREQUENCY */
} mpr_remedy;

/* Remedies of activity i (none when it passes) and of finding f; trace is a
 * scratch trace of rules->max_trace steps. Return how many were written. */
size_t mpr_activity_remedies(const mpr_result *r, size_t i, mpr_remedy *out, size_t cap,
                             mpr_step *trace);
size_t mpr_finding_remedies(const mpr_result *r, size_t f, mpr_remedy *out, size_t cap);

void mpr_render_remedies_json(mpr_buf *b, const mpr_result *r, int finding, size_t i,
                              mpr_step *trace);
void mpr_render_remedies_text(mpr_buf *b, const mpr_result *r, mpr_step *trace);
void mpr_render_plan_text(mpr_buf *b, const mpr_result *r);
void mpr_render_plan_json(mpr_buf *b, const mpr_result *r, const char *indent);

#endif
