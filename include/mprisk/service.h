/*
 * mprisk/service.h - part of the public header <mprisk.h>:
 * for forms and services (mprisk serve).
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_SERVICE_H
#define MPRISK_SERVICE_H

#include "core.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- For forms and services (mprisk serve, docs/api-http.md) ---------- */

/* The ruleset's catalogue as one JSON document (docs/json-output.md,
 * "catalogue"): format_version, engine, language ("en"), ruleset (id, title,
 * fingerprint), the tiers (and their names), the monitoring and suspension
 * levels, the verdict names, then every entry a proposal may name, in
 * catalogue order, each with its label (the ruleset's `name`) and its
 * source in the report: countries (code, name, tier, base_tier, excluded,
 * assessed), measures (id, name, source, tier, goal, humanitarian,
 * transfers, nationals_only_applies, default_beneficiary, requires[]),
 * attributes, beneficiaries (delivers_to_migrants, carries), safeguards
 * (elements) and partnership_elements (detail: the key a declaration of the
 * element must state, e.g. "framework" for broader-partnership, or null).
 * What a form or another tool needs to build a valid proposal (§4.2: the
 * ids a proposal may cite are the ruleset's). Text (see Conventions).
 * MPR_EINVAL for a NULL rules or out, MPR_ENOMEM. Reads the ruleset only:
 * thread-safe. */
MPR_API int mpr_render_catalogue(const mpr_ruleset *rules, char **out, size_t *len,
                                 mpr_error *err);
/* The same with options, of which it reads lang: the labels and sources in
 * that language (ids, tiers and verdicts never change), and "language" says
 * which. MPR_ENOTFOUND for a language the ruleset cannot be written in. */
MPR_API int mpr_render_catalogue_v2(const mpr_ruleset *rules, const mpr_render_options *opts,
                                    char **out, size_t *len, mpr_error *err);

/* A parsed proposal written back in the input format
 * (docs/proposal-format.md), so that a form can edit it and evaluating the
 * output gives the decisions the original gives.
 *
 * mpr_render_proposal_json: normalised JSON, every key present: partnership
 * {id, title, country, description, parties[] (null when none is
 * declared: the input format refuses an empty list), elements[] (an id, or
 * {"id", DETAIL} for an element with a detail, in catalogue order),
 * monitoring ({frequency_months, bodies[{name, independent, local_access}]}
 * or null), agreements ([{id, owner, what, due, indicator, target (a number,
 * at most six decimals), activities[] or null, incentive, consequence}] or
 * null: the concrete agreements of Rec. 1)}, activities[{id, measure,
 * country (null when it takes the partnership's), beneficiary (declared, or null), nationals_only (a boolean
 * for return and readmission measures, else null), attributes[],
 * safeguards[] (in catalogue order), description}]; null for what is not
 * given.
 *
 * mpr_render_proposal_yaml: the same as a YAML document written by libyaml's
 * emitter, without the keys that are null or empty; ids plain unless a YAML
 * reader could take them for a boolean or null (NO, yes), free text
 * double-quoted, UTF-8 as it is.
 *
 * The descriptions are read again from the exact input text the proposal
 * keeps. Serves the drafting of a partnership: the declaration the
 * partnership rules read (P1-P8, M1-M5; §4.1.5, §4.2.3). Text (see
 * Conventions). MPR_EINVAL for a NULL proposal or out, MPR_ENOMEM. The
 * proposal's ruleset must still be alive. Reads the proposal only:
 * thread-safe. */
MPR_API int mpr_render_proposal_json(const mpr_proposal *proposal, char **out, size_t *len,
                                     mpr_error *err);
MPR_API int mpr_render_proposal_yaml(const mpr_proposal *proposal, char **out, size_t *len,
                                     mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_SERVICE_H */
