/*
 * activity.h - one activity written alone (activity.c), for the single
 * decisions of mpr_decide_json.
 */
#ifndef MPR_INPUT_ACTIVITY_H
#define MPR_INPUT_ACTIVITY_H

#include "input/schema.h"
#include "model.h"

/* Read the activity at root into q: the strings are copied into c's arena,
 * the attribute and safeguard ids into attrs and sgs (room for MPR_MAX_SET
 * each), which q then points to. Unknown keys, wrong types and more than
 * MPR_MAX_SET ids are errors at their place. */
int mpr_query_read(sc_ctx *c, const yt_node *root, mpr_query *q, const char **attrs,
                   const char **sgs);

/* The beneficiary a proposal or a query declares, id -> *out. Only a
 * recipient may be declared: an implementer's id, the beneficiary the rules
 * assume when none is declared and an unknown id are MPR_EREF (unknown:
 * MPR_ENOTFOUND when notfound) at file:line:col, each saying what to write.
 * The same for an implementer. */
int mpr_beneficiary_resolve(const mpr_ruleset *rs, const char *id, int *out, bool notfound,
                            mpr_error *err, const char *file, unsigned line, unsigned col);
int mpr_implementer_resolve(const mpr_ruleset *rs, const char *id, int *out, bool notfound,
                            mpr_error *err, const char *file, unsigned line, unsigned col);

#endif
