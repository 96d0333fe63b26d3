/*
 * monitor_html.c - the monitoring status as one self-contained HTML page
 * (`mprisk monitor --format html`): for the responsible desk, and for the
 * yearly letter to parliament (P7: "informatie ... over de doelen,
 * afspraken, middelen, voortgang en neveneffecten van elk partnerschap").
 * What to do comes first (every consequence, strictest first, with its
 * section of the report, its due date and evidence), then a timeline per
 * activity (rounds, observations, due dates, drawn and listed), then the
 * concrete agreements. No script, font, image or link outside the page;
 * every colour comes with a word; free text is escaped. Every sentence is
 * one program string in the page's language (tr), with what the files
 * say escaped into it; rule texts in their translation (rt). Prints what
 * decide/monitor.c computed.
 */
#include <stdlib.h>

#include "render/render.h"
#include "util/date.h"
#include "util/number.h"

/* The page being written: its buffer, language and status. */
typedef struct page {
	mpr_buf *b;
	const mpr_how *how;
	const mpr_monitoring *m;
} page;

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

/* The class of an action's row: the activity status it leads to. */
static const char *action_class(int action)
{
	return action >= MPR_ACTION_SCALE_DOWN_OR_STOP ? "stop"
	       : action >= MPR_ACTION_APPLY_CRITERIA   ? "suspension-required"
	                                               : "overdue";
}

/* What fired a consequence: observations, a round, an agreement, or why
 * the proposal no longer passes. */
static void consequence_evidence(page *pg, const mpr_mon_item *it)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	for (size_t k = 0; k < it->n_ev; k++) {
		const mpr_mon_obs *x = &m->obs[m->ev[it->first_ev + k]];
		mpr_buf_puts(b, k ? "<br>" : "");
		mpr_html_printf(b, "%s (%s, %s, %s): %s", x->o.id, x->round->date,
		               m->rules->violation_kinds[x->o.kind].n.id,
		               mpr_mon_text(how, MPR_MV_SEVERITY, x->o.severity), x->o.evidence);
	}
	if (it->round >= 0)
		mpr_html_printf(b, tr(how, "the round of %s by %s does not count"),
		               m->rounds[it->round].r.date, m->rounds[it->round].r.body.name);
	if (it->agreement >= 0) {
		const mpr_agreement *ag = &m->proposal->agreements[it->agreement];
		mpr_html_printf(b, "<a href=\"#g-%s\">", ag->id);
		mpr_html_printf(b, tr(how, "agreement %s"), ag->id);
		mpr_buf_puts(b, "</a>");
		if (ag->consequence)
			mpr_html_printf(b, tr(how, "; the consequence it names: %s"),
			                ag->consequence);
	}
	if (it->rule->trigger == MPR_ON_NO_LONGER_PASSES) {
		const mpr_result *r = m->result;
		mpr_buf_puts(b, tr(how, "not passing:"));
		for (size_t a = 0; a < r->n_activities; a++)
			if (!mpr_decision_passes(&r->activities[a].d))
				mpr_html_printf(b, " %s (%s);", r->activities[a].id,
				               mpr_verdict_text(how, r->activities[a].d.verdict));
		mpr_buf_puts(b, " ");
		mpr_buf_printf(b,
		               r->n_findings == 1 ? tr(how, "%zu partnership finding")
		                                  : tr(how, "%zu partnership findings"),
		               r->n_findings);
	}
}

static void consequence_row(page *pg, const mpr_mon_item *it)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	mpr_buf_printf(b, "<tr><td class=\"%s\">%s</td><td>", action_class(it->rule->action),
	               mpr_mon_text(how, MPR_MV_ACTION, it->rule->action));
	if (it->activity >= 0) {
		mpr_html_printf(b, "<a href=\"#a-%s\">", m->proposal->activities[it->activity].id);
		mpr_html_printf(b, tr(how, "activity %s"),
		                m->proposal->activities[it->activity].id);
		mpr_buf_puts(b, "</a>");
	} else {
		mpr_buf_puts(b, tr(how, "the partnership"));
	}
	mpr_html_printf(b, "</td><td><strong>%s", it->rule->id);
	mpr_buf_printf(b, "</strong></td><td>%s</td><td>", it->has_due ? it->due_text : "");
	mpr_html_printf(b, "%s<div class=\"ev\">", rt(how, it->rule->message));
	consequence_evidence(pg, it);
	mpr_html_printf(b, "</div></td><td class=\"src\">%s</td></tr>\n",
	                rt(how, it->rule->source));
}

static void consequences(page *pg)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	mpr_buf_puts(b, "<h2 id=\"todo\">");
	mpr_buf_printf(b, tr(how, "What to do (%zu)"), m->n_items);
	mpr_buf_puts(b, "</h2>\n");
	if (!m->n_items) {
		mpr_buf_printf(b, "<p>%s</p>\n",
		               tr(how, "Nothing: no consequence follows from the rounds as of this date."));
		return;
	}
	mpr_buf_printf(b,
	               "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	               tr(how, "action"), tr(how, "concerns"), tr(how, "rule"), tr(how, "due"),
	               tr(how, "what, and why"), tr(how, "source"));
	for (size_t k = 0; k < m->n_items; k++)
		consequence_row(pg, &m->items[m->urgent[k]]);
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
static void timeline_svg(page *pg, size_t a, long from, long to)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	const mpr_mon_activity *ma = &m->activities[a];
	mpr_buf_printf(b, "<svg class=\"tl\" viewBox=\"-20 0 1040 60\" role=\"img\" aria-label=\"%s\">"
	                  "<line x1=\"0\" y1=\"30\" x2=\"1000\" y2=\"30\" stroke=\"#888\" stroke-width=\"2\"/>",
	               tr(how, "timeline"));
	for (size_t j = 0; j < ma->n_rounds; j++) {
		size_t k = m->act_rounds[ma->first_round + j];
		const mpr_round *r = &m->rounds[k].r;
		mpr_buf_printf(b, "<circle cx=\"%ld\" cy=\"30\" r=\"7\" fill=\"%s\" stroke=\"#1f4e79\" "
		                  "stroke-width=\"2\"><title>",
		               at(r->day, from, to), (int)k == ma->last_round ? "#1f4e79" : "#fff");
		mpr_buf_printf(b, tr(how, "round %s"), r->date);
		mpr_buf_puts(b, "</title></circle>");
	}
	for (size_t i = 0; i < ma->n_obs; i++) {
		const mpr_mon_obs *x = &m->obs[m->act_obs[ma->first_obs + i]];
		mpr_buf_printf(b, "<path d=\"M%ld 6 l7 9 l-7 9 l-7 -9 z\" fill=\"#c0392b\"><title>%s</title></path>",
		               at(x->day, from, to), x->round->date);
		if (x->o.has_follow_up) {
			mpr_buf_printf(b, "<rect x=\"%ld\" y=\"42\" width=\"10\" height=\"10\" fill=\"none\" "
			                  "stroke=\"#c0392b\" stroke-width=\"2\"><title>",
			               at(x->o.due_day, from, to) - 5);
			mpr_buf_printf(b, tr(how, "follow-up due %s"), x->o.due);
			mpr_buf_puts(b, "</title></rect>");
		}
	}
	long due = at(ma->next_due, from, to), now = at(m->as_of, from, to);
	char f[11], t[11];
	mpr_date_format(from, f);
	mpr_date_format(to, t);
	mpr_buf_printf(b, "<text x=\"0\" y=\"58\" font-size=\"10\">%s</text><text x=\"1000\" y=\"58\" "
	                  "font-size=\"10\" text-anchor=\"end\">%s</text>", f, t);
	mpr_buf_printf(b, "<line x1=\"%ld\" y1=\"4\" x2=\"%ld\" y2=\"56\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
	                  "<path d=\"M%ld 44 l8 12 h-16 z\" fill=\"%s\"><title>%s</title></path>"
	                  "</svg>\n",
	               now, now, due, ma->next_due < m->as_of ? "#c0392b" : "#1f4e79",
	               tr(how, "next round due"));
}

/* One observation of the list: kind, severity, follow-up. */
static void observation_item(page *pg, const mpr_mon_obs *x)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	mpr_buf_printf(b, "<li>%s: ", x->round->date);
	mpr_html_printf(b, tr(how, "observation %s, %s, %s"), x->o.id,
	               pg->m->rules->violation_kinds[x->o.kind].n.id,
	               mpr_mon_text(how, MPR_MV_SEVERITY, x->o.severity));
	if (x->o.has_follow_up)
		mpr_buf_printf(b, x->overdue ? tr(how, "; follow-up due %s, %s (overdue)")
		                             : tr(how, "; follow-up due %s, %s"),
		               x->o.due, mpr_mon_text(how, MPR_MV_FOLLOW, x->o.status));
	else
		mpr_buf_puts(b, tr(how, "; no follow-up agreed"));
	mpr_buf_puts(b, "</li>\n");
}

/* The same events as a list, in date order: what the drawing shows, for
 * reading and for screen readers. */
static void timeline_list(page *pg, size_t a)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	const mpr_mon_activity *ma = &m->activities[a];
	char due[11];
	mpr_buf_puts(b, "<ol class=\"tl\">\n");
	/* rounds and observations are both in date order: each round, then what
	 * it observed of this activity */
	size_t i = 0;
	for (size_t j = 0; j < ma->n_rounds; j++) {
		size_t k = m->act_rounds[ma->first_round + j];
		const mpr_round *r = &m->rounds[k].r;
		mpr_buf_printf(b, "<li>%s: ", r->date);
		mpr_html_printf(b,
		               (int)k == ma->last_round ? tr(how, "round by %s (the last that counts)")
		                                        : tr(how, "round by %s"),
		               r->body.name);
		mpr_buf_puts(b, "</li>\n");
		const mpr_round *in_file = &m->rounds[k].file->rounds[m->rounds[k].index];
		for (; i < ma->n_obs && m->obs[m->act_obs[ma->first_obs + i]].round == in_file; i++)
			observation_item(pg, &m->obs[m->act_obs[ma->first_obs + i]]);
	}
	mpr_date_format(ma->next_due, due);
	mpr_buf_printf(b, "<li>%s: %s</li>\n</ol>\n", due,
	               ma->next_due < m->as_of ? tr(how, "next round due (overdue)")
	                                       : tr(how, "next round due"));
}

static void activity(page *pg, size_t a, long from, long to)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	const mpr_ruleset *rs = m->rules;
	const mpr_mon_activity *ma = &m->activities[a];
	const mpr_decision *d = &m->result->activities[a].d;
	mpr_html_printf(b, "<section id=\"a-%s\">\n<h3>%s", m->proposal->activities[a].id,
	                m->proposal->activities[a].id);
	mpr_buf_printf(b, " <span class=\"status %s\">%s</span></h3>\n<p class=\"meta\">",
	               mpr_mon_activity_word(ma->status), mpr_mon_text(how, MPR_MV_ACTIVITY, ma->status));
	mpr_html_printf(b,
	                ma->n_open == 1
	                    ? tr(how, "%s, %s: %s under these rules; monitoring %s every %u months; "
	                              "suspension %s; %zu open finding")
	                    : tr(how, "%s, %s: %s under these rules; monitoring %s every %u months; "
	                              "suspension %s; %zu open findings"),
	                rs->countries[d->country].n.id, rs->measures[d->measure].n.id,
	                mpr_verdict_text(how, d->verdict), rt(how, rs->monitoring[d->cell->monitoring]),
	                d->cell->months, rs->suspension[d->cell->suspension].id, ma->n_open);
	mpr_buf_puts(b, "</p>\n");
	timeline_svg(pg, a, from, to);
	timeline_list(pg, a);
	mpr_buf_puts(b, "</section>\n");
}

static void agreement_row(page *pg, size_t g)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	const mpr_agreement *ag = &m->proposal->agreements[g];
	const mpr_mon_agreement *s = &m->agreements[g];
	char num[32];
	mpr_html_printf(b, "<tr id=\"g-%s\"><td><strong>%s</strong>: %s", ag->id, ag->id, ag->what);
	mpr_buf_printf(b, "</td><td>%s</td><td>%s</td><td>", ag->owner ? ag->owner : "",
	               ag->due ? ag->due : "");
	mpr_html_text(b, ag->indicator);
	mpr_number_text(ag->target, num);
	mpr_buf_printf(b, "%s%s</td><td>", ag->has_target ? ": " : "", ag->has_target ? num : "");
	if (s->latest >= 0) {
		mpr_number_text(m->results[s->latest].m.value, num);
		mpr_buf_printf(b, "%s (%s)", num, m->results[s->latest].round->date);
	}
	mpr_buf_printf(b, "</td><td class=\"%s\">%s</td><td>", mpr_agreement_word(s->status),
	               mpr_mon_text(how, MPR_MV_AGREEMENT, s->status));
	if (ag->incentive) {
		mpr_html_printf(b, tr(how, "kept: %s"), ag->incentive);
		mpr_buf_puts(b, "<br>");
	}
	if (ag->consequence)
		mpr_html_printf(b, tr(how, "not kept: %s"), ag->consequence);
	mpr_buf_puts(b, "</td></tr>\n");
}

static void agreements(page *pg)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_proposal *p = pg->m->proposal;
	mpr_buf_puts(b, "<h2 id=\"agreements\">");
	mpr_buf_printf(b, tr(how, "Concrete agreements (%zu)"), p->n_agreements);
	mpr_buf_puts(b, "</h2>\n");
	if (!p->n_agreements) {
		mpr_buf_printf(b, "<p>%s</p>\n",
		               tr(how, "None declared: who does what, by when, and how the result is "
		                       "measured is not agreed (Rec1-concrete-agreements)."));
		return;
	}
	mpr_buf_printf(b,
	               "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	               tr(how, "agreement"), tr(how, "owner"), tr(how, "due"),
	               tr(how, "indicator and target"), tr(how, "latest result"), tr(how, "status"),
	               tr(how, "incentive, consequence"));
	for (size_t g = 0; g < p->n_agreements; g++)
		agreement_row(pg, g);
	mpr_buf_puts(b, "</tbody></table>\n");
}

static void experience(page *pg)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_ruleset *rs = pg->m->rules;
	const mpr_experience *e = pg->m->experience;
	mpr_buf_printf(b, "<h2 id=\"experience\">%s</h2>\n<p>", tr(how, "Experience for new proposals (R9)"));
	mpr_buf_printf(b,
	               tr(how, "Measure types under which these rounds saw violations recur get a "
	                       "higher risk profile in that country (%s; <code>mprisk evaluate "
	                       "--experience</code>): %zu."),
	               rs->mon.experience_id, e->n_entries);
	mpr_buf_puts(b, "</p>\n");
	if (!e->n_entries)
		return;
	mpr_buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < e->n_entries; i++) {
		const mpr_experienced *x = &e->entries[i];
		mpr_buf_puts(b, "<li>");
		mpr_buf_printf(b, tr(how, "%s in %s: %s, from"), rs->measures[x->measure].n.id,
		               rs->countries[x->country].n.id,
		               rs->attributes[rs->mon.experience_attribute].n.id);
		for (size_t k = 0; k < x->n_ids; k++) {
			mpr_buf_puts(b, k ? ", " : " ");
			mpr_html_text(b, x->ids[k]);
		}
		mpr_buf_puts(b, "</li>\n");
	}
	mpr_buf_puts(b, "</ul>\n");
}

/* "As of DATE: STATUS · N consequences · N rounds taken into account". */
static void summary(page *pg)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	mpr_buf_puts(b, "<p>");
	mpr_buf_printf(b, tr(how, "As of <strong>%s</strong>:"), m->as_of_text);
	mpr_buf_printf(b, " <span class=\"status %s\">%s</span> &middot; ",
	               mpr_mon_status_word(m->status), mpr_mon_text(how, MPR_MV_STATUS, m->status));
	mpr_buf_printf(b, m->n_items == 1 ? tr(how, "%zu consequence") : tr(how, "%zu consequences"),
	               m->n_items);
	mpr_buf_puts(b, " &middot; ");
	mpr_buf_printf(b,
	               m->n_rounds == 1 ? tr(how, "%zu round taken into account")
	                                : tr(how, "%zu rounds taken into account"),
	               m->n_rounds);
	if (m->n_later) {
		mpr_buf_puts(b, " ");
		mpr_buf_printf(b, tr(how, "(%zu after the date, not)"), m->n_later);
	}
	mpr_buf_puts(b, ".</p>\n");
}

/* Which files and rules the page is made of. */
static void provenance(page *pg)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_monitoring *m = pg->m;
	const mpr_proposal *p = m->proposal;
	mpr_buf_puts(b, "<p class=\"meta\">");
	mpr_html_printf(b,
	               tr(how, "Partnership <code>%s</code>, proposal <code>%s</code> (<code>%s</code>); "
	                       "ruleset <code>%s</code> (<code>%s</code>),"),
	               p->id, p->name, p->sha256, m->rules->id, m->rules->fingerprint);
	mpr_buf_puts(b, " ");
	mpr_html_signature(b, how, m->rules);
	mpr_buf_printf(b, "; %s", tr(how, "observations"));
	for (size_t f = 0; f < m->n_files; f++) {
		mpr_buf_puts(b, f ? ", <code>" : " <code>");
		mpr_html_text(b, m->files[f]->name);
		mpr_buf_printf(b, "</code> (<code>%s</code>)", m->files[f]->sha256);
	}
	mpr_buf_puts(b, "; ");
	mpr_buf_printf(b,
	               tr(how, "mprisk %s. §4.2.3: consequences are attached to what monitoring "
	                       "observes."),
	               mpr_version());
	mpr_buf_puts(b, "</p>\n</header>\n<main>\n");
}

static void header(page *pg)
{
	mpr_buf *b = pg->b;
	const mpr_how *how = pg->how;
	const mpr_proposal *p = pg->m->proposal;
	const char *name = p->title ? p->title : p->id;
	mpr_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                  "<title>",
	               how && how->lang && how->lang->code ? how->lang->code : "en");
	mpr_html_printf(b, tr(how, "Monitoring status: %s"), name);
	mpr_buf_puts(b, "</title>\n");
	mpr_buf_puts(b, style);
	mpr_buf_puts(b, "</head>\n<body>\n<header>\n<h1>");
	mpr_html_printf(b, tr(how, "Monitoring status: %s"), name);
	mpr_buf_puts(b, "</h1>\n");
	summary(pg);
	provenance(pg);
}

/* The timelines' one scale: the start to the later of the date and the
 * last due date, so that the activities line up. */
static void scale(const mpr_monitoring *m, long *from, long *to)
{
	*from = *to = m->as_of;
	for (size_t f = 0; f < m->n_files; f++)
		if (m->files[f]->start_day < *from)
			*from = m->files[f]->start_day;
	for (size_t a = 0; a < m->proposal->n_activities; a++)
		if (m->activities[a].next_due > *to)
			*to = m->activities[a].next_due;
	for (size_t k = 0; k < m->n_obs; k++)
		if (m->obs[k].o.has_follow_up && m->obs[k].o.due_day > *to)
			*to = m->obs[k].o.due_day;
}

void mpr_html_monitoring(mpr_buf *b, const mpr_how *how, const mpr_monitoring *m)
{
	page pg = {b, how, m};
	const mpr_proposal *p = m->proposal;
	header(&pg);
	consequences(&pg);
	long from, to;
	scale(m, &from, &to);
	char f1[11], f2[11];
	mpr_date_format(from, f1);
	mpr_date_format(to, f2);
	mpr_buf_puts(b, "<h2 id=\"activities\">");
	mpr_buf_printf(b, tr(how, "Activities (%zu)"), p->n_activities);
	mpr_buf_puts(b, "</h2>\n<p class=\"meta\">");
	mpr_buf_printf(b,
	               tr(how, "Each timeline runs from %s to %s: rounds are circles (filled: the last "
	                       "that counts), observations red diamonds, follow-ups due red squares, the "
	                       "next round due a triangle (red when overdue), the date a dashed line."),
	               f1, f2);
	mpr_buf_puts(b, "</p>\n");
	for (size_t a = 0; a < p->n_activities; a++)
		activity(&pg, a, from, to);
	agreements(&pg);
	experience(&pg);
	mpr_buf_printf(b, "</main>\n<footer class=\"meta\"><p>%s</p></footer>\n</body>\n</html>\n",
	               tr(how, "Produced by mprisk monitor from the rules and files named above; the "
	                       "same command with the same date gives the same page."));
}
