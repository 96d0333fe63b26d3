/*
 * decide.c - one activity's decision, the unit of evaluation (evaluate.c
 * decides a proposal's activities one by one; query.c one by ids).
 *
 * Order of a decision (each step appends to the trace):
 *   1. the country's tier and its reasons (precomputed at load);
 *   2. the measure's base tier; the beneficiary (declared, else the
 *      measure's default, which a declared one replaces only in the own work
 *      of an implementer the measure names, else in a medium- or high-risk
 *      country the one assumed when none is declared): a security force
 *      carries the risk of the measure it names, and is judged in the
 *      riskiest partner country; only support an independent implementer
 *      delivers to migrants is humanitarian; a return that may cover
 *      third-country nationals carries the risk of transferring them, an
 *      evacuation that does not come from a place of danger (or that the
 *      proposal does not carry out) that of a return hub; the attributes
 *      the measure implies are added, and those experience gives the
 *      measure type in the country (R9); then every escalation whose
 *      attribute the activity has (and whose country condition holds)
 *      raises the tier, R6-R9, citing the observations where experience
 *      gave the attribute;
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

/* Record a step made at load (model.h: every step a decision emits is). */
static void step(mpr_decision *d, const mpr_step *s)
{
	if (d->trace) /* NULL: deciding without recording the trace */
		d->trace[d->n_trace++] = *s;
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
	if (f->security_force == 1 && !d->security_force)
		return false;
	if (f->moves_people == 1 && !d->moves_people)
		return false;
	if (f->eu_member == 1 && !c->eu_member)
		return false;
	return true;
}

/* An escalation that fires raises the tier, adds its safeguards and says
 * so; when experience gave the attribute it reads (R9), the observations
 * it stands on follow in the trace. */
static void escalate(const mpr_ruleset *rs, const mpr_escalation *e, const mpr_country *c,
                     mpr_set attributes, const mpr_experienced *x, int *tier, mpr_decision *d)
{
	if (e->attribute >= 0 && !(attributes & ((mpr_set)1 << e->attribute)))
		return;
	if (e->condition == MPR_COND_RESTRICTED_FREEDOMS && !c->restricted_freedoms)
		return;
	if (e->country_context && !(e->country_context & c->context_kinds))
		return;
	int top = (int)rs->n_tiers - 1;
	*tier = *tier + e->raise > top ? top : *tier + e->raise;
	d->required |= e->requires;
	step(d, &e->step);
	if (x && e->attribute >= 0 && (x->attributes & ((mpr_set)1 << e->attribute)))
		for (size_t i = 0; i < x->n_steps; i++)
			step(d, &x->steps[i]);
}

/* Who receives the support: the declared beneficiary, else the measure's
 * default. A declared beneficiary replaces the default only in the own work
 * of an implementer the measure names (an NGO's own rescue ship); any other
 * one adds to the default and never lowers its risk (equipment for the
 * interior ministry still goes to the border guard, §4.1.4). With neither,
 * in a country of the tiers it is assumed for (or placed in an EU member
 * state for such a partner), the beneficiary assumed when none is declared:
 * an unnamed recipient may be a security force (fail closed). Measures that
 * move third-country nationals are judged by where they move them instead. */
typedef struct receiver {
	int who;   /* the beneficiary that decides; -1 none */
	int also;  /* a declared one kept beside the default; -1 none */
	bool assumed; /* who is the one assumed when none is declared */
} receiver;

static bool assumed_here(const mpr_ruleset *rs, const mpr_substance *s, unsigned tiers)
{
	const mpr_country *k = rs->countries, *c = &k[s->country];
	if (c->excluded || (tiers & (1u << c->tier)))
		return true;
	return c->eu_member && s->partner >= 0 &&
	       (k[s->partner].excluded || (tiers & (1u << k[s->partner].tier)));
}

/* Whether the beneficiary assumed when none is declared applies: to an
 * activity that moves no third-country nationals (those are judged by where
 * they are moved), whose measure's own risk is below what the assumption
 * carries (a forced return of nationals is already high: a paid voluntary
 * one is not), in a country of the tiers it is assumed for. */
static bool assumed_for(const mpr_ruleset *rs, const mpr_measure *m, const mpr_substance *s,
                        const mpr_beneficiary *u)
{
	bool moves_others = m->transfers == MPR_TRANSFERS_ALWAYS ||
	                    (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && !s->nationals_only);
	if (moves_others || (u->carries >= 0 && m->tier >= rs->measures[u->carries].tier))
		return false;
	return assumed_here(rs, s, u->assumed_tiers);
}

static receiver receiver_of(const mpr_ruleset *rs, const mpr_measure *m, const mpr_substance *s)
{
	receiver r = {s->beneficiary, -1, false};
	int dflt = m->default_beneficiary;
	if (s->beneficiary < 0 || dflt < 0 || s->beneficiary == dflt)
		r.who = s->beneficiary >= 0 ? s->beneficiary : dflt;
	else if (s->implementer < 0 || !(m->default_unless & ((mpr_set)1 << s->implementer)))
		r = (receiver){dflt, s->beneficiary, false};
	int u = rs->undeclared_beneficiary;
	if (r.who < 0 && u >= 0 && assumed_for(rs, m, s, &rs->beneficiaries[u]))
		r = (receiver){u, -1, true};
	return r;
}

static bool carries(const mpr_ruleset *rs, int b)
{
	return b >= 0 && rs->beneficiaries[b].carries >= 0;
}

/* At least the risk of measure `cm`: its tier, its tags, what it requires. */
static void carry(const mpr_ruleset *rs, int cm, int *tier, mpr_set *requires, mpr_decision *d)
{
	const mpr_measure *x = &rs->measures[cm];
	if (x->tier > *tier)
		*tier = x->tier;
	d->tags |= x->tags;
	*requires |= x->requires;
}

/* The beneficiary's part of a decision (§4.1.4, F2): a security force
 * carries the risk of the measure it names, and only support a beneficiary
 * receives from an independent implementer that delivers to migrants is
 * humanitarian (no beneficiary or no such implementer: not humanitarian). */
static void beneficiary(const mpr_ruleset *rs, const mpr_substance *s, const mpr_measure *m,
                        receiver r, int *tier, mpr_set *requires, mpr_decision *d)
{
	d->beneficiary = r.who;
	d->implementer = s->implementer;
	d->humanitarian = false;
	if (s->implementer >= 0)
		step(d, &rs->implementers[s->implementer].step);
	if (r.who < 0) {
		if (m->humanitarian)
			step(d, &rs->no_beneficiary_step);
		return;
	}
	if (r.also >= 0)
		step(d, &m->default_kept_step);
	const int who[2] = {r.who, r.also};
	for (int i = 0; i < 2 && who[i] >= 0; i++) {
		const mpr_beneficiary *ben = &rs->beneficiaries[who[i]];
		bool declared = who[i] == s->beneficiary && !r.assumed;
		step(d, declared ? &ben->declared_step : &ben->default_step);
		if (ben->carries >= 0)
			carry(rs, ben->carries, tier, requires, d);
	}
	if (!m->humanitarian || !rs->beneficiaries[r.who].delivers_to_migrants)
		return;
	d->humanitarian = s->implementer >= 0 && rs->implementers[s->implementer].independent;
	if (!d->humanitarian)
		step(d, &rs->no_implementer_step);
}

/* What the label cannot hide about moving people (F3, Rec. 6): a return
 * that may cover third-country nationals carries the risk of transferring
 * them; an evacuation that does not come from a place of danger, or whose
 * evacuation from there the proposal does not carry out (the ETM's shape,
 * §6.2: UNHCR evacuates from Libya, the hub receives), is a return hub by
 * another name (the NL-Uganda hub, §4.1.1). */
static void transfers(const mpr_ruleset *rs, const mpr_substance *s, const mpr_measure *m,
                      int *tier, mpr_set *requires, mpr_decision *d)
{
	d->transfers = m->transfers == MPR_TRANSFERS_ALWAYS ||
	               (m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && !s->nationals_only);
	if (d->transfers && m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS &&
	    m->transfer_carries >= 0) {
		carry(rs, m->transfer_carries, tier, requires, d);
		step(d, &m->transfer_step);
	}
	if (m->evacuation_tier < 0)
		return;
	const mpr_country *from = s->evacuated_from >= 0 ? &rs->countries[s->evacuated_from] : NULL;
	const mpr_country *hub = &rs->countries[s->country];
	bool danger = from && s->evacuated_from != s->country && !hub->excluded &&
	              (from->excluded || from->tier >= m->evacuation_tier) &&
	              mpr_country_riskier(rs->countries, s->evacuated_from, s->country);
	if (danger && s->evacuation_shown) {
		step(d, &m->evacuation_step);
		return;
	}
	carry(rs, m->evacuation_otherwise, tier, requires, d);
	d->humanitarian = false;
	step(d, danger ? &m->no_evacuation_step : &m->not_evacuation_step);
}

/* The country a decision is made for: the activity's, or the partner's
 * (proposal.c: the riskiest country named outside the EU, else the riskiest
 * EU member state named) when the support goes to a security force or the
 * activity returns or transfers people, and the partner is riskier or the
 * activity is placed in an EU member state. Equipment handed over in Italy
 * to the Libyan coast guard is support in Libya; a deportation flight from
 * Schiphol is a return to the partner country. An evacuation is judged
 * where its hub is. */
static int decided_country(const mpr_ruleset *rs, const mpr_substance *s, bool to_partner)
{
	if (!to_partner || s->partner < 0 || s->partner == s->country)
		return s->country;
	const mpr_country *k = rs->countries;
	if (k[s->country].eu_member && !k[s->partner].eu_member)
		return s->partner;
	return mpr_country_riskier(k, s->partner, s->country) ? s->partner : s->country;
}

/* F3: a floor rule that reads the country's evidence cites it. */
static void cite_country_evidence(const mpr_floor *f, const mpr_country *c, mpr_decision *d)
{
	if (!f->country_context)
		return;
	for (size_t i = 0; i < c->n_context; i++) {
		const mpr_context *x = &c->context[i];
		if (f->country_context & ((mpr_set)1 << x->kind_index))
			step(d, &x->floor_step);
	}
}

void mpr_decide_at(const mpr_ruleset *rs, const mpr_substance *s, mpr_set declared,
                   mpr_decision *d)
{
	const mpr_measure *m = &rs->measures[s->measure];
	receiver r = receiver_of(rs, m, s);
	d->security_force = carries(rs, r.who) || carries(rs, r.also);
	d->moves_people = m->transfers != MPR_TRANSFERS_NONE;
	d->country = decided_country(rs, s,
	                             d->security_force || (d->moves_people && m->evacuation_tier < 0));
	const mpr_country *c = &rs->countries[d->country];
	d->measure = s->measure;
	d->n_trace = 0;
	d->required = 0;
	for (size_t i = 0; d->trace && i < c->n_reasons; i++)
		d->trace[d->n_trace++] = c->reasons[i];
	d->country_tier = c->tier;
	if (d->country != s->country)
		step(d, &rs->partner_country_step);

	step(d, &m->base_step);
	mpr_set requires = m->requires, attributes = s->attributes | m->implies;
	if (s->experience) /* R9: what experience gives the measure type in this country */
		attributes |= s->experience->attributes;
	int tier = m->tier;
	d->tags = m->tags;
	beneficiary(rs, s, m, r, &tier, &requires, d);
	transfers(rs, s, m, &tier, &requires, d);
	if (m->implies)
		step(d, &m->implies_step);
	for (size_t i = 0; i < rs->n_global_escalations; i++)
		escalate(rs, &rs->escalations[rs->global_escalations[i]], c, attributes, s->experience,
		         &tier, d);
	for (size_t i = 0; i < m->n_escalations; i++)
		escalate(rs, &rs->escalations[m->escalations[i]], c, attributes, s->experience, &tier,
		         d);
	d->measure_tier = tier;

	mpr_verdict v = MPR_PERMITTED;
	for (size_t i = 0; i < rs->n_floor; i++) {
		const mpr_floor *f = &rs->floor[i];
		if (floor_fires(f, c, d, attributes, declared)) {
			v = MPR_PROHIBITED;
			step(d, &f->step);
			cite_country_evidence(f, c, d);
		}
	}

	const mpr_cell *cell = &rs->cells[c->tier][tier];
	d->cell = cell;
	step(d, &cell->step);
	if (cell->verdict > v)
		v = cell->verdict;
	if (requires) {
		d->required |= requires;
		step(d, &m->required_step);
	}
	d->required |= cell->safeguards;
	if (v == MPR_PERMITTED && d->required) {
		v = MPR_CONDITIONAL;
		step(d, &rs->conditional_step);
	}
	d->verdict = v;
	d->missing = d->required & ~declared;
	for (mpr_set miss = d->trace ? d->missing : 0; miss; miss &= miss - 1)
		step(d, &rs->safeguards[mpr_set_first(miss)].missing_step);
}

void mpr_decide_best(const mpr_ruleset *rs, const mpr_substance *s, mpr_decision *d)
{
	mpr_decide_at(rs, s, 0, d);
	mpr_decide_at(rs, s, d->required, d);
}
