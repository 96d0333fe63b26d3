/*
 * monitor_text.c - the monitoring status as text (`mprisk monitor`): what
 * to do first (every consequence, strictest first, with the report's
 * section, its due date and its evidence), then each activity's rounds,
 * next round and open findings, then the concrete agreements. Prints what
 * decide/monitor.c computed; decides nothing. Every sentence is one
 * program string in the view's language (tr, a whole sentence with its
 * conversions, docs/translating.md); rule texts come from the rule files
 * and their translations (rt). Also the words of monitoring's
 * vocabularies for people (mpr_mon_text), which the HTML page shares.
 */
#include "render/render.h"
#include "util/text.h"
#include "util/date.h"
#include "util/number.h"

const char *mpr_mon_text(const mpr_how *how, mpr_mon_vocab vocab, int value)
{
	/* the same words as the ids in English; in other languages the
	 * catalogue's (JSON and the files keep the ids) */
	static const char *const severity_w[] = {N_("isolated"), N_("recurring"),
	                                         N_("structural"), N_("grave")};
	static const char *const follow_w[] = {N_("open"), N_("addressed"), N_("verified")};
	static const char *const action_w[] = {
		N_("follow-up"), N_("hold-round"), N_("review-agreement"),
		N_("apply-suspension-criteria"), N_("suspension-decision"), N_("reassess"),
		N_("scale-down-or-stop"), N_("stop")};
	static const char *const activity_w[] = {N_("active"), N_("overdue"),
	                                         N_("suspension-required"), N_("stop")};
	static const char *const status_w[] = {N_("on-track"), N_("action-required"), N_("stop")};
	static const char *const agreement_w[] = {N_("on-schedule"), N_("met"),
	                                          N_("behind-schedule"), N_("incomplete")};
	static const struct {
		const char *const *words;
		int n;
	} vocabs[] = {
		[MPR_MV_SEVERITY] = {severity_w, MPR_SEVERITY_COUNT},
		[MPR_MV_FOLLOW] = {follow_w, MPR_FOLLOW_COUNT},
		[MPR_MV_ACTION] = {action_w, MPR_ACTION_COUNT},
		[MPR_MV_ACTIVITY] = {activity_w, MPR_MS_STOP + 1},
		[MPR_MV_STATUS] = {status_w, MPR_PS_STOP + 1},
		[MPR_MV_AGREEMENT] = {agreement_w, MPR_AGR_INCOMPLETE + 1},
	};
	if ((unsigned)vocab > MPR_MV_AGREEMENT || value < 0 || value >= vocabs[vocab].n)
		return "?";
	return tr(how, vocabs[vocab].words[value]);
}

/* Free text as the views show it (util/text.h): a character that could
 * forge or hide a line is shown as an escape. */
static void line(mpr_buf *b, const char *s)
{
	mpr_buf_visible(b, s);
}

static const char *yes_no(const mpr_how *how, bool v)
{
	return v ? tr(how, "yes") : tr(how, "no");
}

static void agreement_evidence(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m,
                               const mpr_mon_item *it)
{
	const mpr_agreement *ag = &m->proposal->agreements[it->agreement];
	const mpr_mon_agreement *s = &m->agreements[it->agreement];
	char target[32];
	mpr_number_text(ag->target, target);
	mpr_buf_puts(b, "      ");
	mpr_buf_printf(b, tr(how, "agreement %s, owner %s, due %s, target %s:"), ag->id,
	               ag->owner ? ag->owner : tr(how, "not named"), ag->due, target);
	mpr_buf_puts(b, " ");
	if (s->latest >= 0) {
		char value[32];
		mpr_number_text(m->results[s->latest].m.value, value);
		mpr_buf_printf(b, tr(how, "latest result %s on %s"), value,
		               m->results[s->latest].round->date);
	} else {
		mpr_buf_puts(b, tr(how, "no result recorded"));
	}
	mpr_buf_puts(b, "\n");
	if (ag->consequence)
		mpr_buf_printf(b, "      %s %s\n", tr(how, "the consequence it names:"), ag->consequence);
	if (ag->incentive)
		mpr_buf_printf(b, "      %s %s\n", tr(how, "the incentive it names, not earned:"),
		               ag->incentive);
	if (!ag->consequence && !ag->incentive)
		mpr_buf_printf(b, "      %s\n", tr(how, "it names no consequence and no incentive (P1)"));
}

static void evidence(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m,
                     const mpr_mon_item *it)
{
	const mpr_ruleset *rs = m->rules;
	for (size_t k = 0; k < it->n_ev; k++) {
		const mpr_mon_obs *x = &m->obs[m->ev[it->first_ev + k]];
		mpr_buf_puts(b, "      ");
		mpr_buf_printf(b, tr(how, "observed: %s on %s under %s: %s, %s; evidence: %s"), x->o.id,
		               x->round->date, m->proposal->activities[x->o.activity].id,
		               rs->violation_kinds[x->o.kind].n.id,
		               mpr_mon_text(how, MPR_MV_SEVERITY, x->o.severity), x->o.evidence);
		mpr_buf_puts(b, "\n");
	}
	if (it->round >= 0) {
		const mpr_round *r = &m->rounds[it->round].r;
		mpr_buf_puts(b, "      ");
		mpr_buf_printf(b,
		               tr(how, "the round of %s by %s (independent: %s, local access: %s) does "
		                       "not count"),
		               r->date, r->body.name, yes_no(how, r->body.independent),
		               yes_no(how, r->body.local_access));
		mpr_buf_puts(b, "\n");
	}
	if (it->agreement >= 0)
		agreement_evidence(b, how, m, it);
	if (it->rule->trigger == MPR_ON_NO_LONGER_PASSES) {
		const mpr_result *r = m->result;
		for (size_t a = 0; a < r->n_activities; a++)
			if (!mpr_decision_passes(&r->activities[a].d)) {
				mpr_buf_puts(b, "      ");
				mpr_buf_printf(b, tr(how, "activity %s: %s, %zu required safeguards missing"),
				               r->activities[a].id,
				               mpr_verdict_text(how, r->activities[a].d.verdict),
				               mpr_set_count(r->activities[a].d.missing));
				mpr_buf_puts(b, "\n");
			}
		for (size_t f = 0; f < r->n_findings; f++) {
			mpr_buf_puts(b, "      ");
			mpr_buf_printf(b, tr(how, "finding %s: %s"), r->findings[f]->id,
			               mpr_verdict_text(how, r->findings[f]->severity));
			mpr_buf_puts(b, "\n");
		}
	}
}

static void consequences(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, tr(how, "consequences (%zu):"), m->n_items);
	mpr_buf_puts(b, "\n");
	if (!m->n_items) {
		mpr_buf_printf(b, "  %s\n",
		               tr(how, "none: no consequence follows from the rounds as of this date"));
		return;
	}
	for (size_t k = 0; k < m->n_items; k++) {
		const mpr_mon_item *it = &m->items[m->urgent[k]];
		const char *action = mpr_mon_text(how, MPR_MV_ACTION, it->rule->action);
		mpr_buf_puts(b, "  - ");
		if (it->activity >= 0)
			mpr_buf_printf(b, tr(how, "%s, activity %s: %s"), action,
			               m->proposal->activities[it->activity].id, it->rule->id);
		else
			mpr_buf_printf(b, tr(how, "%s, the partnership: %s"), action, it->rule->id);
		if (it->has_due)
			mpr_buf_printf(b, it->due < m->as_of ? tr(how, ", due %s (past)") : tr(how, ", due %s"),
			               it->due_text);
		mpr_buf_printf(b, "\n      %s\n", rt(how, it->rule->message));
		evidence(b, how, m, it);
		mpr_buf_printf(b, "      [%s]\n", rt(how, it->rule->source));
	}
}

static void open_findings(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m,
                          const mpr_mon_activity *ma)
{
	if (!ma->n_open) {
		mpr_buf_printf(b, "  %s\n", tr(how, "open findings: none"));
		return;
	}
	mpr_buf_puts(b, "  ");
	mpr_buf_printf(b, tr(how, "open findings (%zu):"), ma->n_open);
	mpr_buf_puts(b, "\n");
	for (size_t k = 0; k < ma->n_open; k++) {
		const mpr_mon_obs *x = &m->obs[m->open[ma->first_open + k]];
		const mpr_observation *o = &x->o;
		mpr_buf_printf(b, "    - %s (%s): %s, %s; ", o->id, x->round->date,
		               m->rules->violation_kinds[o->kind].n.id,
		               mpr_mon_text(how, MPR_MV_SEVERITY, o->severity));
		if (o->has_follow_up)
			mpr_buf_printf(b, x->overdue ? tr(how, "follow-up %s, due %s (overdue)")
			                             : tr(how, "follow-up %s, due %s"),
			               mpr_mon_text(how, MPR_MV_FOLLOW, o->status), o->due);
		else
			mpr_buf_puts(b, tr(how, "no follow-up agreed"));
		mpr_buf_puts(b, "\n");
	}
}

static void activity(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m, size_t a)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_mon_activity *ma = &m->activities[a];
	const mpr_decision *d = &m->result->activities[a].d;
	char due[11];
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, tr(how, "activity %s: %s"), m->proposal->activities[a].id,
	               mpr_mon_text(how, MPR_MV_ACTIVITY, ma->status));
	mpr_buf_puts(b, "\n  ");
	mpr_buf_printf(b,
	               tr(how, "country %s, measure %s: %s under these rules; monitoring %s, every %u "
	                       "months; suspension: %s"),
	               rs->countries[d->country].n.id, rs->measures[d->measure].n.id,
	               mpr_verdict_text(how, d->verdict), rt(how, rs->monitoring[d->cell->monitoring]),
	               d->cell->months, rs->suspension[d->cell->suspension].id);
	mpr_buf_puts(b, "\n  ");
	mpr_date_format(ma->next_due, due);
	if (ma->last_round >= 0) {
		const mpr_round *r = &m->rounds[ma->last_round].r;
		mpr_buf_printf(b, tr(how, "rounds: %zu; the last that counts: %s by %s; next round due %s"),
		               ma->n_rounds, r->date, r->body.name, due);
	} else {
		mpr_buf_printf(b, tr(how, "rounds: %zu, none that counts; the first round is due %s"),
		               ma->n_rounds, due);
	}
	mpr_buf_puts(b, "\n");
	open_findings(b, how, m, ma);
}

/* Where an agreement stands: its result, incentive and consequence. */
static void agreement_state(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m, size_t g)
{
	const mpr_agreement *ag = &m->proposal->agreements[g];
	const mpr_mon_agreement *s = &m->agreements[g];
	if (s->latest >= 0) {
		const mpr_mon_result *res = &m->results[s->latest];
		char value[32];
		mpr_number_text(res->m.value, value);
		mpr_buf_puts(b, "      ");
		if (res->m.note)
			mpr_buf_printf(b, tr(how, "latest result: %s on %s (%s)"), value, res->round->date,
			               res->m.note);
		else
			mpr_buf_printf(b, tr(how, "latest result: %s on %s"), value, res->round->date);
		mpr_buf_puts(b, "\n");
	} else {
		mpr_buf_printf(b, "      %s\n", tr(how, "no result recorded yet"));
	}
	if (ag->incentive)
		mpr_buf_printf(b, "      %s %s\n", tr(how, "incentive when kept:"), ag->incentive);
	if (ag->consequence)
		mpr_buf_printf(b, "      %s %s\n", tr(how, "consequence when not kept:"), ag->consequence);
}

static void agreements(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, tr(how, "concrete agreements (%zu):"), p->n_agreements);
	mpr_buf_puts(b, "\n");
	if (!p->n_agreements)
		mpr_buf_printf(b, "  %s\n", tr(how, "none declared (Rec1-concrete-agreements)"));
	for (size_t g = 0; g < p->n_agreements; g++) {
		const mpr_agreement *ag = &p->agreements[g];
		const mpr_mon_agreement *s = &m->agreements[g];
		mpr_buf_puts(b, "  - ");
		mpr_buf_printf(b, tr(how, "%s: %s; owner %s, due %s"), ag->id,
		               mpr_mon_text(how, MPR_MV_AGREEMENT, s->status),
		               ag->owner ? ag->owner : tr(how, "not named"),
		               ag->due ? ag->due : tr(how, "not set"));
		mpr_buf_printf(b, "\n      %s %s\n", tr(how, "what:"), ag->what);
		if (ag->indicator) {
			char target[32];
			mpr_number_text(ag->target, target);
			mpr_buf_puts(b, "      ");
			mpr_buf_printf(b, tr(how, "indicator: %s; target %s"), ag->indicator,
			               ag->has_target ? target : tr(how, "not set"));
			mpr_buf_puts(b, "\n");
		}
		agreement_state(b, how, m, g);
	}
}

/* R9: the measure types in countries these observations escalate for new
 * proposals (mprisk evaluate --experience). */
static void experience(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_experience *e = m->experience;
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b,
	               e->n_entries == 1
	                   ? tr(how, "experience for new proposals (R9, %s): %zu measure type escalated")
	                   : tr(how, "experience for new proposals (R9, %s): %zu measure types escalated"),
	               rs->mon.experience_id, e->n_entries);
	mpr_buf_puts(b, "\n");
	for (size_t i = 0; i < e->n_entries; i++) {
		const mpr_experienced *x = &e->entries[i];
		mpr_buf_puts(b, "  - ");
		mpr_buf_printf(b, tr(how, "%s in %s gets %s, from"), rs->measures[x->measure].n.id,
		               rs->countries[x->country].n.id,
		               rs->attributes[rs->mon.experience_attribute].n.id);
		for (size_t k = 0; k < x->n_ids; k++)
			mpr_buf_printf(b, "%s %s", k ? "," : "", x->ids[k]);
		mpr_buf_puts(b, "\n");
	}
}

static void head(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	if (p->title)
		mpr_buf_printf(b, tr(how, "monitoring of %s: %s, as of %s"), p->id, p->title,
		               m->as_of_text);
	else
		mpr_buf_printf(b, tr(how, "monitoring of %s, as of %s"), p->id, m->as_of_text);
	mpr_buf_printf(b, "\n  %s ", tr(how, "proposal:"));
	line(b, p->name);
	mpr_buf_printf(b, " (%s)\n  %s ", p->sha256, tr(how, "rules:"));
	mpr_text_ruleset(b, how, m->rules); /* and whether they are signed */
	mpr_buf_puts(b, "\n");
	for (size_t f = 0; f < m->n_files; f++) {
		mpr_buf_printf(b, "  %s ", tr(how, "observations:"));
		line(b, m->files[f]->name);
		mpr_buf_printf(b, " (%s)\n", m->files[f]->sha256);
	}
	mpr_buf_puts(b, "  ");
	mpr_buf_printf(b, tr(how, "rounds taken into account: %zu; after %s, not taken into account: %zu"),
	               m->n_rounds, m->as_of_text, m->n_later);
	mpr_buf_puts(b, "\n  ");
	mpr_buf_printf(b, tr(how, "status: %s"), mpr_mon_text(how, MPR_MV_STATUS, m->status));
	mpr_buf_puts(b, "\n");
}

void mpr_text_monitoring(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	head(b, how, m);
	consequences(b, how, m);
	for (size_t a = 0; a < m->proposal->n_activities; a++)
		activity(b, how, m, a);
	agreements(b, how, m);
	experience(b, how, m);
}
