/*
 * model.h - the model every stage of the library shares, and nothing else,
 * in parts of one subject each (lib/model/:
 * entries, ruleset, decision, proposal, monitoring, views):
 * the loaded ruleset (built by load/), a proposal (input/proposal.c), a
 * decision and a result (decide/), and the values the decide stage computes
 * for the renderers (a grid of best decisions, remedies, a monitoring plan).
 * Each stage's functions are declared in its own header (load/load.h,
 * decide/decide.h, render/render.h, ...), included only where used; what is
 * here besides types are one-line readings of the model (a set's size, a
 * verdict's word, whether a decision passes, a grid's cell). An id is looked
 * up with the ruleset's index of its catalogue:
 * mpr_index_find(&rules->measure_index, id).
 *
 * Ids are resolved to indices at load, safeguard and attribute sets are
 * 64-bit sets, and every text a decision can emit (trace effects, reasons)
 * is built at load into the ruleset's arena. A decision therefore only reads
 * the ruleset and writes into the caller's decision object: no allocation, no
 * I/O, no string formatting on the evaluation path.
 */
#ifndef MPR_MODEL_H
#define MPR_MODEL_H

#include "model/entries.h"
#include "model/ruleset.h"
#include "model/decision.h"
#include "model/proposal.h"
#include "model/monitoring.h"
#include "model/views.h"

#endif
