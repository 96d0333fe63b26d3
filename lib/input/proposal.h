/*
 * proposal.h - proposals read against a loaded ruleset (proposal.c). The
 * public mpr_proposal_parse_* take a text; the rule tests also read
 * proposals written inline, as a subtree of their own file.
 */
#ifndef MPR_INPUT_PROPOSAL_H
#define MPR_INPUT_PROPOSAL_H

#include "input/schema.h"
#include "input/tree.h"
#include "model.h"

/* What the label alone does not say, read from an activity or a single
 * rule-test case into s (whose country and measure are set): who receives
 * the support, whether a return covers the country's own nationals only,
 * and where an evacuation brings people from (F2, F3, Rec. 6). A key that
 * does not apply to the measure is an error at its place. */
int mpr_substance_read(sc_ctx *c, const mpr_ruleset *rs, const yt_node *it, mpr_substance *s);

/* A proposal from a subtree of another file (inline proposals of rule
 * tests); its sha256 is that of the subtree's canonical encoding and its
 * text is empty. As mpr_proposal_parse_buffer otherwise. */
int mpr_proposal_from_node(mpr_proposal **out, const mpr_ruleset *rules, const yt_node *root,
                           const char *file, mpr_error *err);

#endif
