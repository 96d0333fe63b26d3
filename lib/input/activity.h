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

#endif
