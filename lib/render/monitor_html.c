/*
 * monitor_html.c - the monitoring status as one self-contained HTML page
 * (`mprisk monitor --format html`): for the responsible desk, and for the
 * yearly letter to parliament (P7: "informatie ... over de doelen,
 * afspraken, middelen, voortgang en neveneffecten van elk partnerschap").
 * What to do comes first (every consequence, strictest first, with its
 * section of the report, its due date and evidence), then a timeline per
 * activity (rounds, observations, due dates, drawn and listed), then the
 * concrete agreements. No script, font, image or link outside the page;
 * every colour comes with a word; free text is escaped. Prints what
 * decide/monitor.c computed.
 */
#include "render/render.h"
#include "util/date.h"
#include "util/number.h"

static void esc(mpr_buf *b, const char *s)
{
	mpr_html_text(b, s);
}

static const char style[] =
	"<style>\n"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;"
	"margin:1.5rem;color:#1a1a1a;line-height:1.4;max-width:70rem}\n"
	"h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:1.6rem;"
	"border-bottom:2px solid #444}h3{font-size:1.05rem;margin-bottom:.3rem}\n"
	".meta{color:#444;font-size:.85rem}.meta code{font-size:.78rem}\n"
	"table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.2rem .4rem;"
	"vertical-align:top;text-align:left}th{background:#eee}\n"
	".status{display:inline-block;padding:.2rem .6rem;font-weight:700;border:2px solid #333}\n"
	".on-track,.active,.met{background:#d4edda;color:#155724}\n"
	".action-required,.overdue,.on-schedule{background:#fff3b0;color:#6b5200}\n"
	".suspension-required,.behind-schedule,.incomplete{background:#f5b7b1;color:#7b1010}\n"
	".stop{background:#2b2b2b;color:#fff}\n"
	".src{color:#555;font-size:.8rem}.ev{font-size:.85rem}\n"
	"svg.tl{width:100%;height:3.2rem;display:block;margin:.3rem 0}\n"
	"ol.tl{font-size:.85rem;padding-left:1.2rem}\n"
	"@media print{body{margin:0;font-size:9pt}h2{break-after:avoid}tr,li,section{break-inside:avoid}"
	".stop,.status,td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
	"</style>\n";

static void consequence_row(mpr_buf *b, const mpr_monitoring *m, const mpr_mon_item *it)
{
	const char *action = mpr_action_words()[it->rule->action];
	const char *cls = it->rule->action >= MPR_ACTION_SCALE_DOWN_OR_STOP      ? "stop"
	                  : it->rule->action >= MPR_ACTION_APPLY_CRITERIA ? "suspension-required"
	                                                                    : "overdue";
	mpr_buf_printf(b, "<tr><td class=\"%s\">%s</td><td>", cls, action);
	if (it->activity >= 0) {
		mpr_buf_puts(b, "activity <a href=\"#a-");
		esc(b, m->proposal->activities[it->activity].id);
		mpr_buf_puts(b, "\">");
		esc(b, m->proposal->activities[it->activity].id);
		mpr_buf_puts(b, "</a>");
	} else {
		mpr_buf_puts(b, "the partnership");
	}
	mpr_buf_puts(b, "</td><td><strong>");
	esc(b, it->rule->id);
	mpr_buf_printf(b, "</strong></td><td>%s</td><td>", it->has_due ? it->due_text : "");
	esc(b, it->rule->message);
	mpr_buf_puts(b, "<div class=\"ev\">");
	for (size_t k = 0; k < it->n_ev; k++) {
		const mpr_mon_obs *x = &m->obs[m->ev[it->first_ev + k]];
		mpr_buf_puts(b, k ? "<br>" : "");
		esc(b, x->o.id);
		mpr_buf_printf(b, " (%s, %s, %s): ", x->round->date,
		               m->rules->violation_kinds[x->o.kind].n.id,
		               mpr_severity_words()[x->o.severity]);
		esc(b, x->o.evidence);
	}
	if (it->round >= 0) {
		mpr_buf_printf(b, "the round of %s by ", m->rounds[it->round].r.date);
		esc(b, m->rounds[it->round].r.body.name);
		mpr_buf_puts(b, " does not count");
	}
	if (it->agreement >= 0) {
		const mpr_agreement *ag = &m->proposal->agreements[it->agreement];
		mpr_buf_puts(b, "agreement <a href=\"#g-");
		esc(b, ag->id);
		mpr_buf_puts(b, "\">");
		esc(b, ag->id);
		mpr_buf_puts(b, "</a>");
		if (ag->consequence) {
			mpr_buf_puts(b, "; the consequence it names: ");
			esc(b, ag->consequence);
		}
	}
	if (it->rule->trigger == MPR_ON_NO_LONGER_PASSES) {
		const mpr_result *r = m->result;
		mpr_buf_puts(b, "not passing:");
		for (size_t a = 0; a < r->n_activities; a++)
			if (!mpr_decision_passes(&r->activities[a].d)) {
				mpr_buf_puts(b, " ");
				esc(b, r->activities[a].id);
				mpr_buf_printf(b, " (%s);", mpr_verdict_word(r->activities[a].d.verdict));
			}
		mpr_buf_printf(b, " %zu partnership findings", r->n_findings);
	}
	mpr_buf_puts(b, "</div></td><td class=\"src\">");
	esc(b, it->rule->source);
	mpr_buf_puts(b, "</td></tr>\n");
}

static void consequences(mpr_buf *b, const mpr_monitoring *m)
{
	mpr_buf_printf(b, "<h2 id=\"todo\">What to do (%zu)</h2>\n", m->n_items);
	if (!m->n_items) {
		mpr_buf_puts(b, "<p>Nothing: no consequence follows from the rounds as of this date.</p>\n");
		return;
	}
	mpr_buf_puts(b, "<table><thead><tr><th scope=\"col\">action</th><th scope=\"col\">concerns</th>"
	                "<th scope=\"col\">rule</th><th scope=\"col\">due</th><th scope=\"col\">what, "
	                "and why</th><th scope=\"col\">source</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < m->n_items; k++)
		consequence_row(b, m, &m->items[m->urgent[k]]);
	mpr_buf_puts(b, "</tbody></table>\n");
}

/* A mark on the timeline at day d of [from, to]: x in per mille of the width. */
static long at(long d, long from, long to)
{
	return to > from ? (d - from) * 1000 / (to - from) : 0;
}

/* The activity's timeline drawn: its rounds (filled when they count),
 * observations (red), follow-ups due (open squares), the date and the
 * next round due. */
static void timeline_svg(mpr_buf *b, const mpr_monitoring *m, size_t a, long from, long to)
{
	const mpr_mon_activity *ma = &m->activities[a];
	mpr_buf_puts(b, "<svg class=\"tl\" viewBox=\"-20 0 1040 60\" role=\"img\" aria-label=\"timeline\">"
	                "<line x1=\"0\" y1=\"30\" x2=\"1000\" y2=\"30\" stroke=\"#888\" stroke-width=\"2\"/>");
	for (size_t j = 0; j < ma->n_rounds; j++) {
		size_t k = m->act_rounds[ma->first_round + j];
		const mpr_round *r = &m->rounds[k].r;
		mpr_buf_printf(b, "<circle cx=\"%ld\" cy=\"30\" r=\"7\" fill=\"%s\" stroke=\"#1f4e79\" "
		                  "stroke-width=\"2\"><title>round %s</title></circle>",
		               at(r->day, from, to), (int)k == ma->last_round ? "#1f4e79" : "#fff", r->date);
	}
	for (size_t i = 0; i < ma->n_obs; i++) {
		const mpr_mon_obs *x = &m->obs[m->act_obs[ma->first_obs + i]];
		mpr_buf_printf(b, "<path d=\"M%ld 6 l7 9 l-7 9 l-7 -9 z\" fill=\"#c0392b\"><title>%s</title></path>",
		               at(x->day, from, to), x->round->date);
		if (x->o.has_follow_up)
			mpr_buf_printf(b, "<rect x=\"%ld\" y=\"42\" width=\"10\" height=\"10\" fill=\"none\" "
			                  "stroke=\"#c0392b\" stroke-width=\"2\"><title>follow-up due %s</title></rect>",
			               at(x->o.due_day, from, to) - 5, x->o.due);
	}
	long due = at(ma->next_due, from, to), now = at(m->as_of, from, to);
	char f[11], t[11];
	mpr_date_format(from, f);
	mpr_date_format(to, t);
	mpr_buf_printf(b, "<text x=\"0\" y=\"58\" font-size=\"10\">%s</text><text x=\"1000\" y=\"58\" "
	                  "font-size=\"10\" text-anchor=\"end\">%s</text>", f, t);
	mpr_buf_printf(b, "<line x1=\"%ld\" y1=\"4\" x2=\"%ld\" y2=\"56\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
	                  "<path d=\"M%ld 44 l8 12 h-16 z\" fill=\"%s\"><title>next round due</title></path>"
	                  "</svg>\n",
	               now, now, due, ma->next_due < m->as_of ? "#c0392b" : "#1f4e79");
}

/* The same events as a list, in date order: what the drawing shows, for
 * reading and for screen readers. */
static void timeline_list(mpr_buf *b, const mpr_monitoring *m, size_t a)
{
	const mpr_mon_activity *ma = &m->activities[a];
	char due[11];
	mpr_buf_puts(b, "<ol class=\"tl\">\n");
	/* rounds and observations are both in date order: each round, then what
	 * it observed of this activity */
	size_t i = 0;
	for (size_t j = 0; j < ma->n_rounds; j++) {
		size_t k = m->act_rounds[ma->first_round + j];
		const mpr_round *r = &m->rounds[k].r;
		mpr_buf_printf(b, "<li>%s: round by ", r->date);
		esc(b, r->body.name);
		mpr_buf_printf(b, "%s</li>\n", (int)k == ma->last_round ? " (the last that counts)" : "");
		const mpr_round *in_file = &m->rounds[k].file->rounds[m->rounds[k].index];
		for (; i < ma->n_obs && m->obs[m->act_obs[ma->first_obs + i]].round == in_file; i++) {
			const mpr_mon_obs *x = &m->obs[m->act_obs[ma->first_obs + i]];
			mpr_buf_printf(b, "<li>%s: observation ", x->round->date);
			esc(b, x->o.id);
			mpr_buf_printf(b, ", %s, %s", m->rules->violation_kinds[x->o.kind].n.id,
			               mpr_severity_words()[x->o.severity]);
			if (x->o.has_follow_up)
				mpr_buf_printf(b, "; follow-up due %s, %s%s", x->o.due,
				               mpr_follow_words()[x->o.status], x->overdue ? " (overdue)" : "");
			else
				mpr_buf_puts(b, "; no follow-up agreed");
			mpr_buf_puts(b, "</li>\n");
		}
	}
	mpr_date_format(ma->next_due, due);
	mpr_buf_printf(b, "<li>%s: next round due%s</li>\n</ol>\n", due,
	               ma->next_due < m->as_of ? " (overdue)" : "");
}

static void activity(mpr_buf *b, const mpr_monitoring *m, size_t a, long from, long to)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_mon_activity *ma = &m->activities[a];
	const mpr_decision *d = &m->result->activities[a].d;
	const char *st = mpr_mon_activity_word(ma->status);
	mpr_buf_puts(b, "<section id=\"a-");
	esc(b, m->proposal->activities[a].id);
	mpr_buf_puts(b, "\">\n<h3>");
	esc(b, m->proposal->activities[a].id);
	mpr_buf_printf(b, " <span class=\"status %s\">%s</span></h3>\n<p class=\"meta\">%s, %s: %s "
	                  "under these rules; monitoring %s every %u months; suspension %s; %zu open "
	                  "finding%s</p>\n",
	               st, st, rs->countries[d->country].n.id, rs->measures[d->measure].n.id,
	               mpr_verdict_word(d->verdict), rs->monitoring[d->cell->monitoring],
	               d->cell->months, rs->suspension[d->cell->suspension].id, ma->n_open,
	               ma->n_open == 1 ? "" : "s");
	timeline_svg(b, m, a, from, to);
	timeline_list(b, m, a);
	mpr_buf_puts(b, "</section>\n");
}

static void agreements(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	mpr_buf_printf(b, "<h2 id=\"agreements\">Concrete agreements (%zu)</h2>\n", p->n_agreements);
	if (!p->n_agreements) {
		mpr_buf_puts(b, "<p>None declared: who does what, by when, and how the result is "
		                "measured is not agreed (Rec1-concrete-agreements).</p>\n");
		return;
	}
	mpr_buf_puts(b, "<table><thead><tr><th scope=\"col\">agreement</th><th scope=\"col\">owner"
	                "</th><th scope=\"col\">due</th><th scope=\"col\">indicator and target</th>"
	                "<th scope=\"col\">latest result</th><th scope=\"col\">status</th>"
	                "<th scope=\"col\">incentive, consequence</th></tr></thead>\n<tbody>\n");
	for (size_t g = 0; g < p->n_agreements; g++) {
		const mpr_agreement *ag = &p->agreements[g];
		const mpr_mon_agreement *s = &m->agreements[g];
		char num[32];
		mpr_buf_puts(b, "<tr id=\"g-");
		esc(b, ag->id);
		mpr_buf_puts(b, "\"><td><strong>");
		esc(b, ag->id);
		mpr_buf_puts(b, "</strong>: ");
		esc(b, ag->what);
		mpr_buf_printf(b, "</td><td>%s</td><td>%s</td><td>", ag->owner ? ag->owner : "",
		               ag->due ? ag->due : "");
		esc(b, ag->indicator);
		mpr_number_text(ag->target, num);
		mpr_buf_printf(b, "%s%s</td><td>", ag->has_target ? ": " : "", ag->has_target ? num : "");
		if (s->latest >= 0) {
			mpr_number_text(m->results[s->latest].m.value, num);
			mpr_buf_printf(b, "%s (%s)", num, m->results[s->latest].round->date);
		}
		mpr_buf_printf(b, "</td><td class=\"%s\">%s</td><td>", mpr_agreement_word(s->status),
		               mpr_agreement_word(s->status));
		if (ag->incentive) {
			mpr_buf_puts(b, "kept: ");
			esc(b, ag->incentive);
			mpr_buf_puts(b, "<br>");
		}
		if (ag->consequence) {
			mpr_buf_puts(b, "not kept: ");
			esc(b, ag->consequence);
		}
		mpr_buf_puts(b, "</td></tr>\n");
	}
	mpr_buf_puts(b, "</tbody></table>\n");
}

static void experience(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_ruleset *rs = m->rules;
	const mpr_experience *e = m->experience;
	mpr_buf_printf(b, "<h2 id=\"experience\">Experience for new proposals (R9)</h2>\n<p>"
	                  "Measure types under which these rounds saw violations recur get a higher "
	                  "risk profile in that country (%s; <code>mprisk evaluate --experience</code>): "
	                  "%zu.</p>\n",
	               rs->mon.experience_id, e->n_entries);
	if (!e->n_entries)
		return;
	mpr_buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < e->n_entries; i++) {
		const mpr_experienced *x = &e->entries[i];
		mpr_buf_printf(b, "<li>%s in %s: %s, from", rs->measures[x->measure].n.id,
		               rs->countries[x->country].n.id,
		               rs->attributes[rs->mon.experience_attribute].n.id);
		for (size_t k = 0; k < x->n_ids; k++) {
			mpr_buf_puts(b, k ? ", " : " ");
			esc(b, x->ids[k]);
		}
		mpr_buf_puts(b, "</li>\n");
	}
	mpr_buf_puts(b, "</ul>\n");
}

static void header(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	const char *st = mpr_mon_status_word(m->status);
	mpr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<title>Monitoring status: ");
	esc(b, p->title ? p->title : p->id);
	mpr_buf_puts(b, "</title>\n");
	mpr_buf_puts(b, style);
	mpr_buf_puts(b, "</head>\n<body>\n<header>\n<h1>Monitoring status: ");
	esc(b, p->title ? p->title : p->id);
	mpr_buf_printf(b, "</h1>\n<p>As of <strong>%s</strong>: <span class=\"status %s\">%s</span> "
	                  "&middot; %zu consequence%s &middot; %zu round%s taken into account",
	               m->as_of_text, st, st, m->n_items, m->n_items == 1 ? "" : "s", m->n_rounds,
	               m->n_rounds == 1 ? "" : "s");
	if (m->n_later)
		mpr_buf_printf(b, " (%zu after the date, not)", m->n_later);
	mpr_buf_puts(b, ".</p>\n<p class=\"meta\">Partnership <code>");
	esc(b, p->id);
	mpr_buf_puts(b, "</code>, proposal <code>");
	esc(b, p->name);
	mpr_buf_printf(b, "</code> (<code>%s</code>); ruleset <code>", p->sha256);
	esc(b, m->rules->id);
	mpr_buf_printf(b, "</code> (<code>%s</code>), ", m->rules->fingerprint);
	mpr_html_signature(b, NULL, m->rules);
	mpr_buf_puts(b, "; observations");
	for (size_t f = 0; f < m->n_files; f++) {
		mpr_buf_puts(b, f ? ", <code>" : " <code>");
		esc(b, m->files[f]->name);
		mpr_buf_printf(b, "</code> (<code>%s</code>)", m->files[f]->sha256);
	}
	mpr_buf_printf(b, "; mprisk %s. §4.2.3: consequences are attached to what monitoring "
	                  "observes.</p>\n</header>\n<main>\n",
	               mpr_version());
}

void mpr_html_monitoring(mpr_buf *b, const mpr_monitoring *m)
{
	const mpr_proposal *p = m->proposal;
	header(b, m);
	consequences(b, m);
	/* one scale for every timeline: the start to the later of the date and
	 * the last due date, so that the activities line up */
	long from = m->as_of;
	long to = from;
	for (size_t f = 0; f < m->n_files; f++)
		if (m->files[f]->start_day < from)
			from = m->files[f]->start_day;
	for (size_t a = 0; a < p->n_activities; a++)
		if (m->activities[a].next_due > to)
			to = m->activities[a].next_due;
	for (size_t k = 0; k < m->n_obs; k++)
		if (m->obs[k].o.has_follow_up && m->obs[k].o.due_day > to)
			to = m->obs[k].o.due_day;
	char f1[11], f2[11];
	mpr_date_format(from, f1);
	mpr_date_format(to, f2);
	mpr_buf_printf(b, "<h2 id=\"activities\">Activities (%zu)</h2>\n<p class=\"meta\">Each "
	                  "timeline runs from %s to %s: rounds are circles (filled: the last that "
	                  "counts), observations red diamonds, follow-ups due red squares, the next "
	                  "round due a triangle (red when overdue), the date a dashed line.</p>\n",
	               p->n_activities, f1, f2);
	for (size_t a = 0; a < p->n_activities; a++)
		activity(b, m, a, from, to);
	agreements(b, m);
	experience(b, m);
	mpr_buf_puts(b, "</main>\n<footer class=\"meta\"><p>Produced by mprisk monitor from the "
	                "rules and files named above; the same command with the same date gives "
	                "the same page.</p></footer>\n</body>\n</html>\n");
}
