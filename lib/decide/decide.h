/*
 * decide.h - the decide stage as the rest of the library sees it: one
 * decision (decide.c), a proposal's partnership findings (partnership.c),
 * and the values the views print, each computed once: the grid of best
 * decisions (grid.c), what would change a result's verdict (remedies.c) and
 * its combined monitoring plan (plan.c). The values' types are the model's
 * (model.h), so that the printers of render/ read them without this header.
 */
#ifndef MPR_DECIDE_DECIDE_H
#define MPR_DECIDE_DECIDE_H

#include "model.h"

/* Decide the activity s with the safeguards declared into out, whose trace
 * array (rules->max_trace steps, or NULL for no trace) the caller provides:
 * no allocation, no I/O (decide.c). */
void mpr_decide_at(const mpr_ruleset *rules, const mpr_substance *s, mpr_set declared,
                   mpr_decision *out);
/* The decision when exactly the required safeguards are declared. */
void mpr_decide_best(const mpr_ruleset *rules, const mpr_substance *s, mpr_decision *out);

/* A country by its code and, when q->measure is not NULL, the activity q
 * describes (its attributes, beneficiary, implementer, nationals_only,
 * evacuated_from; safeguards, id and no_trace are not read): its best
 * decision there with its whole trace and the alternatives (query.c): what
 * `mprisk explain` prints. An unknown code or id is MPR_ENOTFOUND with the
 * nearest one if any; declarations without a measure, or that the measure
 * does not take, MPR_EINVAL; MPR_ENOMEM. On success free with
 * mpr_explanation_free; on failure there is nothing to free. */
int mpr_explanation_init(mpr_explanation *out, const mpr_ruleset *rules, const mpr_query *q,
                         mpr_error *err);
void mpr_explanation_free(mpr_explanation *e);

/* Whether partnership rule pr fires for a declaration and n activities,
 * act(ctx, i) giving the i-th (partnership.c): the one reading of a rule,
 * for a proposal's findings and for the impact diff's scenarios. */
bool mpr_prule_fires(const mpr_prule *pr, const mpr_pdecl *decl, size_t n,
                     mpr_pact (*act)(const void *ctx, size_t i), const void *ctx);
/* Whether the declarations lift partnership rule pr (lifted_by), when it
 * fires for them: every element it names declared and, where it asks, every
 * activity in an excluded country an evacuation a hub names. A lifted rule
 * is no finding; the result keeps it to show and record. */
bool mpr_prule_lifted(const mpr_prule *pr, const mpr_pdecl *decl, size_t n,
                      mpr_pact (*act)(const void *ctx, size_t i), const void *ctx);
/* What partnership rules read of a decision (evacuation false: a decision
 * alone is no one's evacuation). */
mpr_pact mpr_pact_of(const mpr_ruleset *rules, const mpr_decision *d);

/* The findings of the proposal's partnership rules, into r, whose verdict
 * and passing they may make worse (partnership.c). MPR_ENOMEM only. */
int mpr_partnership_findings(mpr_result *r, mpr_error *err);

/* Every best decision of rules (grid.c), in memory the grid owns until
 * mpr_grid_free; MPR_ENOMEM leaves nothing to free. */
int mpr_grid_init(mpr_grid *g, const mpr_ruleset *rules, mpr_error *err);
void mpr_grid_free(mpr_grid *g);

/* Remedies of every activity and finding of r that does not pass
 * (remedies.c); freed with mpr_remedies_free, MPR_ENOMEM leaves nothing. */
int mpr_remedies_init(mpr_remedies *out, const mpr_result *r, mpr_error *err);
void mpr_remedies_free(mpr_remedies *rem);

/* The rule of d's trace that decides its verdict (reasons.c): the first
 * floor rule that fired (prohibited), else the matrix cell; NULL without a
 * trace. */
const mpr_step *mpr_deciding_step(const mpr_ruleset *rules, const mpr_decision *d);
/* The step of d's trace that decides why it does not pass (reasons.c): the
 * first floor rule that fired (prohibited), the cell (no-go), the first
 * required safeguard not declared; NULL when it passes or has no trace. */
const mpr_step *mpr_decisive_step(const mpr_ruleset *rules, const mpr_decision *d);
/* The first reason r does not pass: its first activity or finding with the
 * result's verdict (both -1 when it passes). */
mpr_first_reason mpr_result_first_reason(const mpr_result *r);
/* What declaring one more field would make of the decision of s, with the
 * required safeguards declared (alternatives.c): at most cap alternatives
 * into out, the number written; mpr_alternatives_room(rules) is always
 * enough. No allocation. */
size_t mpr_alternatives(const mpr_ruleset *rules, const mpr_substance *s, mpr_alternative *out,
                        size_t cap);
size_t mpr_alternatives_room(const mpr_ruleset *rules);

/* The substance of one activity a query describes, beyond its country and
 * measure (s holds those): its beneficiary, implementer, nationals_only and
 * evacuated_from resolved, errors as mpr_decide's (query.c). */
int mpr_query_substance(const mpr_ruleset *rules, const mpr_query *q, mpr_substance *s,
                        mpr_error *err);

/* The combined monitoring plan of r (plan.c); freed with mpr_plan_free,
 * MPR_ENOMEM leaves nothing. */
int mpr_plan_init(mpr_plan *out, const mpr_result *r, mpr_error *err);
void mpr_plan_free(mpr_plan *plan);

/* Whether round r counts for the activity decided d (monitor.c): its body
 * is independent and has local access where the activity needs that (M1,
 * F5). */
bool mpr_round_counts(const mpr_ruleset *rules, const mpr_round *r, const mpr_decision *d);
/* Steps 5 and 6 of mpr_monitor (consequences.c), on m with its rounds,
 * open findings and agreements computed: the consequence items (m->items,
 * ev, open, urgent; MPR_ENOMEM with err) and the statuses of the
 * activities and the partnership. */
int mpr_monitor_consequences(mpr_monitoring *m, mpr_error *err);
void mpr_monitor_statuses(mpr_monitoring *m);

/* Experience (experience.c): one observation more, its strings copied
 * (refresh afterwards); the entries, canonical text and sha256 made again
 * from the observations; the entry of a measure type in a country, or
 * NULL. MPR_ENOMEM. */
int mpr_experience_push(mpr_experience *e, const mpr_experienced_obs *o, mpr_error *err);
int mpr_experience_refresh(mpr_experience *e, mpr_error *err);
const mpr_experienced *mpr_experience_find(const mpr_experience *e, int country, int measure);

#endif
