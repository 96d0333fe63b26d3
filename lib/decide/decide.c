/*
 * decide.c - one activity's decision, the unit of evaluation (evaluate.c
 * decides a proposal's activities one by one; query.c one by ids).
 *
 * Order of a decision (each step appends to the trace):
 *   1. the country's tier and its reasons (precomputed at load);
 *   2. the measure's base tier; the beneficiary (declared, else the
 *      measure's default): a security force carries the risk of the measure
 *      it names, and only support delivered to migrants is humanitarian;
 *      then every escalation whose attribute the activity declares (and
 *      whose country condition holds) raises the tier, R6-R9;
 *   3. the floor rules: any that fires makes the activity prohibited
 *      (F1-F6), citing the country evidence it reads (chain refoulement);
 *   4. the matrix cell for (country tier, measure tier): verdict, monitoring,
 *      suspension and safeguards (C1-C4);
 *   5. required safeguards = cell + measure + escalations; a decision that
 *      requires safeguards is at least conditional;
 *   6. missing = required minus declared.
 * Nothing here allocates: the trace goes into the caller's array.
 */
#include "decide/decide.h"

static void step(mpr_decision *d, const char *rule, const char *source, const char *effect)
{
	if (!d->trace)
		return; /* deciding without recording the trace */
	mpr_step *s = &d->trace[d->n_trace++];
	s->rule = rule;
	s->source = source;
	s->effect = effect;
}

static bool floor_fires(const mpr_floor *f, const mpr_country *c, const mpr_decision *d,
                        mpr_set attributes, mpr_set declared)
{
	if (f->any_attribute && !(f->any_attribute & attributes))
		return false;
	if (f->excluded >= 0 && f->excluded != (c->excluded != NULL))
		return false;
	if (f->humanitarian >= 0 && f->humanitarian != d->humanitarian)
		return false;
	if (f->tier_mask && !(f->tier_mask & (1u << c->tier)))
		return false;
	if (f->lacks_any && (f->lacks_any & ~declared) == 0)
		return false;
	if (f->transfers == 1 && !d->transfers)
		return false;
	if (f->country_context && !(f->country_context & c->context_kinds))
		return false;
	return true;
}

static void escalate(const mpr_ruleset *rs, const mpr_escalation *e, const mpr_country *c,
                     mpr_set attributes, int *tier, mpr_decision *d)
{
	if (!(attributes & ((mpr_set)1 << e->attribute)))
		return;
	if (e->condition == MPR_COND_RESTRICTED_FREEDOMS && !c->restricted_freedoms)
		return;
	int top = (int)rs->n_tiers - 1;
	*tier = *tier + e->raise > top ? top : *tier + e->raise;
	d->required |= e->requires;
	step(d, e->id, e->source, e->effect);
}

/* Who receives the support decides what it is (§4.1.4, F2): a security
 * force carries the risk of the measure it names, and only support a
 * beneficiary delivers to migrants is humanitarian. No beneficiary declared:
 * the measure's default, else humanitarian status is not granted. */
static int beneficiary(const mpr_ruleset *rs, const mpr_substance *s, const mpr_measure *m,
                       mpr_set *requires, mpr_decision *d)
{
	int b = s->beneficiary >= 0 ? s->beneficiary : m->default_beneficiary;
	int tier = m->tier;
	d->beneficiary = b;
	d->tags = m->tags;
	d->humanitarian = false;
	if (b < 0) {
		if (m->humanitarian)
			step(d, "beneficiary", "§4.2 (F2); §4.1.4", rs->effect_no_beneficiary);
		return tier;
	}
	const mpr_beneficiary *ben = &rs->beneficiaries[b];
	step(d, ben->n.id, ben->n.source,
	     s->beneficiary >= 0 ? ben->effect_declared : ben->effect_default);
	if (ben->carries >= 0) {
		const mpr_measure *cm = &rs->measures[ben->carries];
		if (cm->tier > tier)
			tier = cm->tier;
		d->tags |= cm->tags;
		*requires |= cm->requires;
	}
	d->humanitarian = m->humanitarian && ben->delivers_to_migrants;
	return tier;
}

/* F3: a floor rule that reads the country's evidence cites it. */
static void cite_country_evidence(const mpr_floor *f, const mpr_country *c, mpr_decision *d)
{
	if (!f->country_context)
		return;
	for (size_t i = 0; i < c->n_context; i++) {
		const mpr_context *x = &c->context[i];
		if (f->country_context & ((mpr_set)1 << x->kind_index))
			step(d, x->id, x->source, x->floor_effect);
	}
}

void mpr_decide_at(const mpr_ruleset *rs, const mpr_substance *s, mpr_set declared,
                   mpr_decision *d)
{
	const mpr_country *c = &rs->countries[s->country];
	const mpr_measure *m = &rs->measures[s->measure];
	d->country = s->country;
	d->measure = s->measure;
	d->n_trace = 0;
	d->required = 0;
	for (size_t i = 0; d->trace && i < c->n_reasons; i++)
		d->trace[d->n_trace++] = c->reasons[i];
	d->country_tier = c->tier;

	step(d, m->n.id, m->n.source, m->effect);
	mpr_set requires = m->requires;
	int tier = beneficiary(rs, s, m, &requires, d);
	d->transfers = m->transfers == MPR_TRANSFERS_ALWAYS ||
	               (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && !s->nationals_only);
	for (size_t i = 0; i < rs->n_global_escalations; i++)
		escalate(rs, &rs->escalations[rs->global_escalations[i]], c, s->attributes, &tier, d);
	for (size_t i = 0; i < m->n_escalations; i++)
		escalate(rs, &rs->escalations[m->escalations[i]], c, s->attributes, &tier, d);
	d->measure_tier = tier;

	mpr_verdict v = MPR_PERMITTED;
	for (size_t i = 0; i < rs->n_floor; i++) {
		const mpr_floor *f = &rs->floor[i];
		if (floor_fires(f, c, d, s->attributes, declared)) {
			v = MPR_PROHIBITED;
			step(d, f->id, f->source, f->message);
			cite_country_evidence(f, c, d);
		}
	}

	const mpr_cell *cell = &rs->cells[c->tier][tier];
	d->cell = cell;
	step(d, cell->id, cell->source, cell->effect);
	if (cell->verdict > v)
		v = cell->verdict;
	if (requires) {
		d->required |= requires;
		step(d, m->n.id, m->n.source, rs->effect_required_by_measure);
	}
	d->required |= cell->safeguards;
	if (v == MPR_PERMITTED && d->required) {
		v = MPR_CONDITIONAL;
		step(d, "conditional", rs->source, rs->effect_conditional);
	}
	d->verdict = v;
	d->missing = d->required & ~declared;
	for (size_t i = 0; i < rs->n_safeguards; i++)
		if (d->missing & ((mpr_set)1 << i))
			step(d, rs->safeguards[i].n.id, rs->safeguards[i].n.source, rs->effect_missing);
}

void mpr_decide_best(const mpr_ruleset *rs, const mpr_substance *s, mpr_decision *d)
{
	mpr_decide_at(rs, s, 0, d);
	mpr_decide_at(rs, s, d->required, d);
}
