/*
 * monitor_text.c - the monitoring status as text (`mprisk monitor`): what
 * to do first (every consequence, strictest first, with the report's
 * section, its due date and its evidence), then each activity's rounds,
 * next round and open findings, then the concrete agreements. Prints what
 * decide/monitor.c computed; decides nothing. Every sentence is written
 * whole (a translation replaces whole lines); rule texts come from the
 * rule files.
 */
#include "render/render.h"
#include "util/text.h"
#include "util/date.h"
#include "util/number.h"

/* Free text as the views show it (util/text.h): a character that could
 * forge or hide a line is shown as an escape. */
static void line(mpr_buf *b, const char *s)
{
	mpr_buf_visible(b, s);
}

static void evidence(mpr_buf *b, const mpr_monitoring *m, const mpr_mon_item *it)
{
	const mpr_ruleset *rs = m->rules;
	for (size_t k = 0; k < it->n_ev; k++) {
		const mpr_mon_obs *x = &m->obs[m->ev[it->first_ev + k]];
		mpr_buf_printf(b, "      observed: %s on %s under %s: %s, %s; evidence: ", x->o.id,
		               x->round->date, m->proposal->activities[x->o.activity].id,
		               rs->violation_kinds[x->o.kind].n.id, mpr_severity_words()[x->o.severity]);
		line(b, x->o.evidence);
		mpr_buf_puts(b, "\n");
	}
	if (it->round >= 0) {
		const mpr_round *r = &m->rounds[it->round].r;
		mpr_buf_printf(b, "      the round of %s by ", r->date);
		line(b, r->body.name);
		mpr_buf_printf(b, " (independent: %s, local access: %s) does not count\n",
		               r->body.independent ? "yes" : "no", r->body.local_access ? "yes" : "no");
	}
	if (it->agreement >= 0) {
		const mpr_agreement *ag = &m->proposal->agreements[it->agreement];
		const mpr_mon_agreement *s = &m->agreements[it->agreement];
		char target[32];
		mpr_number_text(ag->target, target);
		mpr_buf_printf(b, "      agreement %s, owner %s, due %s, target %s: ", ag->id,
		               ag->owner ? ag->owner : "not named", ag->due, target);
		if (s->latest >= 0) {
			char value[32];
			mpr_number_text(m->results[s->latest].m.value, value);
			mpr_buf_printf(b, "latest result %s on %s\n", value, m->results[s->latest].round->date);
		} else {
			mpr_buf_puts(b, "no result recorded\n");
		}
		if (ag->consequence) {
			mpr_buf_puts(b, "      the consequence it names: ");
			line(b, ag->consequence);
			mpr_buf_puts(b, "\n");
		}
		if (ag->incentive) {
			mpr_buf_puts(b, "      the incentive it names, not earned: ");
			line(b, ag->incentive);
			mpr_buf_puts(b, "\n");
		}
		if (!ag->consequence && !ag->incentive)
			mpr_buf_puts(b, "      it names no consequence and no incentive (P1)\n");
	}
	if (it->rule->trigger == MPR_ON_NO_LONGER_PASSES) {
		const mpr_result *r = m->result;
		for (size_t a = 0; a < r->n_activities; a++)
			if (!mpr_decision_passes(&r->activities[a].d))
				mpr_buf_printf(b, "      activity %s: %s, %zu required safeguards missing\n",
				               r->activities[a].id, mpr_verdict_word(r->activities[a].d.verdict),
				               mpr_set_count(r->activities[a].d.missing));
		for (size_t f = 0; f < r->n_findings; f++)
			mpr_buf_printf(b, "      finding %s: %s\n", r->findings[f]->id,
			               mpr_verdict_word(r->findings[f]->severity));
	}
}

static void consequences(mpr_buf *b, const mpr_monitoring *m)
{
	mpr_buf_printf(b, "\nconsequences (%zu):\n", m->n_items);
	if (!m->n_items) {
		mpr_buf_puts(b, "  none: no consequence follows from the rounds as of this date\n");
		return;
	}
	for (size_t k = 0; k < m->n_items; k++) {
		const mpr_mon_item *it = &m->items[m->urgent[k]];
		const char *action = mpr_action_words()[it->rule->action];
		if (it->activity >= 0)
			mpr_buf_printf(b, "  - %s, activity %s: %s", action,
			               m->proposal->activities[it->activity].id, it->rule->id);
		else
			mpr_buf_printf(b, "  - %s, the partnership: %s", action, it->rule->id);
		if (it->has_due)
			mpr_buf_printf(b, ", due %s%s", it->due_text, it->due < m->as_of ? " (past)" : "");
		mpr_buf_printf(b, "\n      %s\n", it->rule->message);
		evidence(b, m, it);
		mpr_buf_printf(b, "      [%s]\n", it->rule->source);
	}
}

static void open_findings(mpr_buf *b, const mpr_monitoring *m, const mpr_mon_activity *ma)
{
	if (!ma->n_open) {
		mpr_buf_puts(b, "  open findings: none\n");
		return;
	}
	mpr_buf_printf(b, "  open findings (%zu):\n", ma->n_open);
	for (size_t k = 0; k < ma->n_open; k++) {
		const mpr_mon_obs *x = &m->obs[m->open[ma->first_open + k]];
		const mpr_observation *o = &x->o;
		mpr_buf_printf(b, "    - %s (%s): %s, %s; ", o->id, x->round->date,
		               m->rules->violation_kinds[o->kind].n.id, mpr_severity_words()[o->severity]);
		if (o->has_follow_up)
			mpr_buf_printf(b, "follow-up %s, due %s%s\n", mpr_follow_words()[o->status], o->due,
			               x->overdue ? " (overdue)" : "");
		else
			mpr_buf_puts(b, "no follow-up agreed\n");
	}
}

static void activity(mpr_buf *b, const mpr_monitoring *m, size_t a)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_mon_activity *ma = &m->activities[a];
	const mpr_decision *d = &m->result->activities[a].d;
	char due[11];
	mpr_buf_printf(b, "\nactivity %s: %s\n", m->proposal->activities[a].id,
	               mpr_mon_activity_word(ma->status));
	mpr_buf_printf(b, "  country %s, measure %s: %s under these rules; monitoring %s, every %u "
	                  "months; suspension: %s\n",
	               rs->countries[d->country].n.id, rs->measures[d->measure].n.id,
	               mpr_verdict_word(d->verdict), rs->monitoring[d->cell->monitoring],
	               d->cell->months, rs->suspension[d->cell->suspension].id);
	mpr_date_format(ma->next_due, due);
	if (ma->last_round >= 0) {
		const mpr_round *r = &m->rounds[ma->last_round].r;
		mpr_buf_printf(b, "  rounds: %zu; the last that counts: %s by ", ma->n_rounds, r->date);
		line(b, r->body.name);
		mpr_buf_printf(b, "; next round due %s\n", due);
	} else {
		mpr_buf_printf(b, "  rounds: %zu, none that counts; the first round is due %s\n",
		               ma->n_rounds, due);
	}
	open_findings(b, m, ma);
}

static void agreements(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	mpr_buf_printf(b, "\nconcrete agreements (%zu):\n", p->n_agreements);
	if (!p->n_agreements)
		mpr_buf_puts(b, "  none declared (Rec1-concrete-agreements)\n");
	for (size_t g = 0; g < p->n_agreements; g++) {
		const mpr_agreement *ag = &p->agreements[g];
		const mpr_mon_agreement *s = &m->agreements[g];
		mpr_buf_printf(b, "  - %s: %s; owner %s, due %s\n", ag->id, mpr_agreement_word(s->status),
		               ag->owner ? ag->owner : "not named", ag->due ? ag->due : "not set");
		mpr_buf_puts(b, "      what: ");
		line(b, ag->what);
		mpr_buf_puts(b, "\n");
		if (ag->indicator) {
			char target[32];
			mpr_number_text(ag->target, target);
			mpr_buf_puts(b, "      indicator: ");
			line(b, ag->indicator);
			mpr_buf_printf(b, "; target %s\n", ag->has_target ? target : "not set");
		}
		if (s->latest >= 0) {
			const mpr_mon_result *res = &m->results[s->latest];
			char value[32];
			mpr_number_text(res->m.value, value);
			mpr_buf_printf(b, "      latest result: %s on %s", value, res->round->date);
			if (res->m.note) {
				mpr_buf_puts(b, " (");
				line(b, res->m.note);
				mpr_buf_puts(b, ")");
			}
			mpr_buf_puts(b, "\n");
		} else {
			mpr_buf_puts(b, "      no result recorded yet\n");
		}
		if (ag->incentive) {
			mpr_buf_puts(b, "      incentive when kept: ");
			line(b, ag->incentive);
			mpr_buf_puts(b, "\n");
		}
		if (ag->consequence) {
			mpr_buf_puts(b, "      consequence when not kept: ");
			line(b, ag->consequence);
			mpr_buf_puts(b, "\n");
		}
	}
}

/* R9: the measure types in countries these observations escalate for new
 * proposals (mprisk evaluate --experience). */
static void experience(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_experience *e = m->experience;
	mpr_buf_printf(b, "\nexperience for new proposals (R9, %s): %zu measure type%s escalated\n",
	               rs->mon.experience_id, e->n_entries, e->n_entries == 1 ? "" : "s");
	for (size_t i = 0; i < e->n_entries; i++) {
		const mpr_experienced *x = &e->entries[i];
		mpr_buf_printf(b, "  - %s in %s gets %s, from", rs->measures[x->measure].n.id,
		               rs->countries[x->country].n.id,
		               rs->attributes[rs->mon.experience_attribute].n.id);
		for (size_t k = 0; k < x->n_ids; k++)
			mpr_buf_printf(b, "%s %s", k ? "," : "", x->ids[k]);
		mpr_buf_puts(b, "\n");
	}
}

void mpr_text_monitoring(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	const mpr_ruleset *rs = m->rules;
	mpr_buf_printf(b, "monitoring of %s", p->id);
	if (p->title) {
		mpr_buf_puts(b, ": ");
		line(b, p->title);
	}
	mpr_buf_printf(b, ", as of %s\n  proposal: ", m->as_of_text);
	line(b, p->name);
	mpr_buf_printf(b, " (%s)\n  rules: ", p->sha256);
	mpr_text_ruleset(b, NULL, rs); /* and whether they are signed */
	mpr_buf_puts(b, "\n");
	for (size_t f = 0; f < m->n_files; f++) {
		mpr_buf_puts(b, "  observations: ");
		line(b, m->files[f]->name);
		mpr_buf_printf(b, " (%s)\n", m->files[f]->sha256);
	}
	mpr_buf_printf(b, "  rounds taken into account: %zu; after %s, not taken into account: %zu\n",
	               m->n_rounds, m->as_of_text, m->n_later);
	mpr_buf_printf(b, "  status: %s\n", mpr_mon_status_word(m->status));
	consequences(b, m);
	for (size_t a = 0; a < p->n_activities; a++)
		activity(b, m, a);
	agreements(b, m);
	experience(b, m);
}
