/*
 * proposal.h - proposals read against a loaded ruleset (proposal.c). The
 * public mpr_proposal_parse_* take a text; the rule tests also read
 * proposals written inline, as a subtree of their own file.
 */
#ifndef MPR_INPUT_PROPOSAL_H
#define MPR_INPUT_PROPOSAL_H

#include "input/tree.h"
#include "model.h"

/* A proposal from a subtree of another file (inline proposals of rule
 * tests); its sha256 is that of the subtree's canonical encoding and its
 * text is empty. As mpr_proposal_parse_buffer otherwise. */
int mpr_proposal_from_node(mpr_proposal **out, const mpr_ruleset *rules, const yt_node *root,
                           const char *file, mpr_error *err);

#endif
