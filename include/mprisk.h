/*
 * mprisk.h - the public header of libmprisk: include this one. Its parts,
 * one subject each, are in include/mprisk/:
 * core, ruleset, proposal, decide, render, monitor, audit, record, indicators, service.
 *
 * libmprisk turns the risk-steered framework for migration partnerships of the
 * Dutch advisory councils AM and AIV ("Migratie in Partnerschap: Sturen op Recht
 * en Resultaat", 2026) into executable, auditable rules. A ruleset (YAML files)
 * is loaded once, validated against the framework's own invariants and then
 * frozen; proposals (YAML or JSON) are evaluated against it, activity by
 * activity, and every decision carries the trace of the rules that made it.
 *
 * Conventions (see docs/api.md for the full reference):
 *  - Functions return 0 (MPR_OK) or a negative MPR_E* code. Details go into the
 *    mpr_error the caller passes (may be NULL): message, file, line, column.
 *  - Objects are opaque; every *_load / *_parse / mpr_evaluate has a *_free, and
 *    every *_free accepts NULL.
 *  - Strings returned by accessors are owned by the object they came from and
 *    live as long as it does, unless a function says otherwise.
 *  - Text returned through a `char **out` parameter (every mpr_render_*,
 *    mpr_decide_json, mpr_evaluate_json, mpr_coverage_render_*,
 *    mpr_test_file, mpr_diff, mpr_lint, mpr_lint_v2, mpr_lint_v3, mpr_replay,
 *    mpr_render_record_v2, mpr_ruleset_sign, mpr_log_sign_head,
 *    mpr_indicators_import, mpr_input_read) is one NUL-terminated buffer from malloc that
 *    the caller owns and frees with mpr_free() or free(3); its length, the
 *    NUL not counted, goes to the size_t * beside it unless that is NULL.
 *    On failure *out is NULL and there is nothing to free. The functions
 *    below refer to this as "text (see Conventions)".
 *  - Each function says which section of the report it serves (§ and the
 *    rule ids of docs/framework.md: R, C, F, M, P).
 *  - No global mutable state. A loaded mpr_ruleset is immutable: any number of
 *    threads may use one ruleset at the same time. A proposal or result may be
 *    read by several threads but must not be freed while in use.
 *  - The library never prints, never calls exit(), never reads the environment.
 */
#ifndef MPRISK_H
#define MPRISK_H

#include "mprisk/core.h"
#include "mprisk/ruleset.h"
#include "mprisk/proposal.h"
#include "mprisk/decide.h"
#include "mprisk/render.h"
#include "mprisk/monitor.h"
#include "mprisk/audit.h"
#include "mprisk/record.h"
#include "mprisk/indicators.h"
#include "mprisk/service.h"

#endif /* MPRISK_H */
