/*
 * observations.h - what monitoring found (observations.c). The public
 * mpr_observations_parse_* take a text; the rule tests also read
 * observations written inline, as a subtree of their own file.
 */
#ifndef MPR_INPUT_OBSERVATIONS_H
#define MPR_INPUT_OBSERVATIONS_H

#include "input/tree.h"
#include "model.h"

/* Observations from a subtree of another file (inline in a rule test),
 * read against p; their sha256 is that of the subtree's canonical
 * encoding. As mpr_observations_parse_buffer otherwise. */
int mpr_observations_from_node(mpr_observations **out, const mpr_proposal *p, const yt_node *root,
                               const char *file, mpr_error *err);

#endif
