/*
 * html.c - one self-contained HTML page for people (mprisk report), written
 * for a parliament staffer who prints it on A4: the first page says which
 * proposals pass and why not (html_summary.c: one row per proposal, one
 * per country of the proposals with what drives its tier); then the heatmap
 * (heatmap.c) with the proposals' activities marked; then each proposal's
 * decisions, findings, monitoring plan and what would change its verdict;
 * then the appendices: A the rule deciding each heatmap cell, B why each
 * country has its tier (in the heatmap's column order: by tier, then by
 * code), C every rule that fired for each activity. Nothing needs a hover.
 *
 * No script, no font, no image, no link outside the page: it opens offline,
 * can be attached to a letter and prints (A4 landscape). Every colour comes
 * with a symbol or a number, so it reads in greyscale. Everything printed
 * was computed before (decide/): the grid, the plans, the remedies, the
 * deciding steps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "render/render.h"
#include "util/text.h"


static const char style[] =
	"<style>\n"
	"@page{size:A4 landscape;margin:10mm}\n"
	"html{font-size:14px}\n"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;"
	"margin:1rem auto;padding:0 .8rem;max-width:1240px;color:#1a1a1a;line-height:1.35}\n"
	"h1{font-size:1.45rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem;"
	"border-bottom:2px solid #444}h3{font-size:1.05rem;margin-bottom:.3rem}\n"
	".meta{color:#444;font-size:.9rem}code{font-size:.85em}\n"
	"table{border-collapse:collapse}th,td{border:1px solid #aaa;padding:.15rem .35rem;"
	"vertical-align:top;text-align:left}\n"
	"table.summary{width:100%}table.summary td.why{font-size:.9rem}td.pass{white-space:nowrap}\n"
	"table.summary ul,table.acts ul{margin:0;padding-left:1rem}\n"
	"table.heat{table-layout:fixed;margin:.5rem 0 1.1rem}\n"
	"table.heat caption{text-align:left;font-weight:700;padding:.2rem 0}\n"
	"table.heat th,table.heat td{padding:.05rem .2rem;line-height:1.15}\n"
	"table.heat th.m{width:22rem;font-weight:400;font-size:.8rem;white-space:nowrap;"
	"overflow:hidden;text-overflow:ellipsis}\n"
	"table.heat th.c{width:2rem;text-align:center;font-size:.8rem;padding:.1rem 0}\n"
	"table.heat td.t{width:3.6rem;font-size:.72rem}\n"
	"td.v,span.v{text-align:center;font-weight:700;font-size:.8rem;padding:.05rem 0;"
	"white-space:nowrap}\n"
	"span.v{display:inline-block;min-width:1.8rem;border:1px solid #888}\n"
	"ul.legend{list-style:none;padding:0;margin:.3rem 0;font-size:.85rem}"
	"ul.legend li{display:inline-block;margin:.1rem 1.2rem .1rem 0}\n"
".permitted{background:#e3f4e4;color:#14532d}.conditional{background:#fff6c2;color:#3d2e00}\n"
	".s1{background:#fff6c2}.s2{background:#ffdd7a}.s3{background:#f2a94a}"
	".s4{background:#c8742a;color:#000}\n"
	".no-go{background:#a4161a;color:#fff}.prohibited{background:#111;color:#fff}\n"
	".mark{outline:2px solid #000;outline-offset:-3px}sup{font-size:.7em;line-height:0}\n"
	".t-low{background:#e3f4e4}.t-medium{background:#fff1c7}.t-high{background:#f6cfcb}\n"
	"ol.notes,ol.rules,ol.trace{font-size:.88rem}ol.notes li,ol.rules li{margin-bottom:.25rem}\n"
	"@media print{html{font-size:8.5pt}body{max-width:none;margin:0;padding:0}"
	"section.proposal,section.appendix,#heatmap{break-before:page}"
	"table.heat,tr,li{break-inside:avoid}h2,h3{break-after:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;"
	"text-decoration:none}}\n"
	"</style>\n";

void mpr_html_letter(mpr_buf *b, size_t index)
{
	char s[16];
	size_t n = 0;
	index++;
	while (index && n < sizeof s) {
		s[n++] = (char)('A' + (index - 1) % 26);
		index = (index - 1) / 26;
	}
	while (n)
		mpr_buf_append(b, &s[--n], 1);
}

/* Whether the rules are signed, and by which key (load/signature.c): an
 * unsigned or changed ruleset must not pass for the approved one. */
void mpr_html_signature(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs)
{
	const mpr_rules_signature *sig = &rs->signature;
	if (sig->status == MPR_SIGNATURE_VALID)
		mpr_html_printf(b, tr(how, "signed by key <code>%s</code> (%s)"), sig->key_id,
		                sig->signed_at);
	else if (sig->status == MPR_SIGNATURE_INVALID)
		mpr_html_printf(b, tr(how, "<strong>not signed: the signature is invalid: %s</strong>"),
		                sig->problem);
	else
		mpr_buf_puts(b, tr(how, "<strong>unsigned</strong>"));
}

void mpr_html_badge(mpr_buf *b, const mpr_how *how, mpr_verdict v)
{
	mpr_buf_printf(b, "<span class=\"v %s\">%s</span> ", mpr_html_verdict_class[v],
	               mpr_html_verdict_mark[v]);
	mpr_html_text(b, mpr_verdict_text(how, v));
}

/* "rule: what it says" of a decisive step: for a cell, what the report
 * says of it (its source), else its effect or message. */
void mpr_html_step_reason(mpr_buf *b, const mpr_how *how, const mpr_decision *d, const mpr_step *s)
{
	mpr_html_printf(b, "<code>%s</code>: %s", s->rule,
	                rt(how, s->rule == d->cell->id ? s->source : s->effect));
}

/* The safeguards of set, by id, or "none". */
static void safeguard_list(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs, mpr_set set)
{
	bool first = true;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			mpr_buf_puts(b, first ? "" : ", ");
			mpr_html_text(b, rs->safeguards[s].n.id);
			first = false;
		}
	if (first)
		mpr_buf_puts(b, tr(how, "none"));
}

static void activity_table(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "<table class=\"acts summary\">\n<thead><tr><th scope=\"col\">%s</th>"
	                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	                  "</tr></thead>\n<tbody>\n",
	               tr(how, "activity"), tr(how, "country"), tr(how, "measure"), tr(how, "verdict"),
	               tr(how, "the rule that decides"), tr(how, "monitoring"),
	               tr(how, "missing safeguards"));
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		const char *ct = rs->tiers[d->country_tier];
		mpr_html_printf(b, "<tr><td>%s", r->activities[i].id);
		mpr_buf_printf(b, "</td><td class=\"t-%s\">%s (", ct, rs->countries[d->country].n.id);
		mpr_html_printf(b, "%s)</td><td>%s (%s)</td><td>", rt(how, ct),
		                rt(how, rs->measures[d->measure].n.name),
		                rt(how, rs->tiers[d->measure_tier]));
		mpr_html_badge(b, how, d->verdict);
		mpr_buf_puts(b, "</td><td>");
		const mpr_step *s = mpr_deciding_step(rs, d);
		if (s)
			mpr_html_step_reason(b, how, d, s);
		mpr_html_printf(b, "</td><td>%s", rt(how, rs->monitoring[d->cell->monitoring]));
		mpr_buf_printf(b, tr(how, ", every %u months"), d->cell->months);
		mpr_buf_puts(b, "</td><td>");
		safeguard_list(b, how, rs, d->missing);
		mpr_buf_puts(b, "</td></tr>\n");
	}
	mpr_buf_puts(b, "</tbody>\n</table>\n");
}

static void findings(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	mpr_buf_printf(b, "<h3>");
	mpr_buf_printf(b, tr(how, "Partnership findings (%zu)"), r->n_findings);
	mpr_buf_puts(b, "</h3>\n");
	if (!r->n_findings) {
		mpr_buf_printf(b, "<p>%s</p>\n", tr(how, "None: the partnership declaration meets every "
		                                         "partnership rule."));
		return;
	}
	mpr_buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < r->n_findings; i++) {
		const mpr_prule *pr = r->findings[i];
		mpr_buf_puts(b, "<li>");
		mpr_html_badge(b, how, pr->severity);
		mpr_html_printf(b, " <code>%s</code>: %s <small>[%s]</small></li>\n", pr->id,
		                rt(how, pr->message), rt(how, pr->source));
	}
	mpr_buf_puts(b, "</ul>\n");
}

/* The rules a declaration lifted: shown, since no rule can check it. */
static void lifted(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	if (!r->n_lifted)
		return;
	mpr_buf_printf(b, "<h3>");
	mpr_buf_printf(b, tr(how, "Lifted by a declaration (%zu)"), r->n_lifted);
	mpr_buf_puts(b, "</h3>\n<ul>\n");
	for (size_t i = 0; i < r->n_lifted; i++) {
		const mpr_prule *pr = r->lifted[i];
		mpr_html_printf(b, "<li><code>%s", pr->id);
		mpr_buf_printf(b, "</code>, %s", tr(how, "lifted by"));
		for (size_t e = 0; e < r->rules->n_elements; e++)
			if (pr->lift_declares & ((mpr_set)1 << e)) {
				mpr_html_printf(b, " <code>%s</code>", r->rules->elements[e].n.id);
			}
		mpr_buf_printf(b, ": %s <small>[", tr(how, "a claim the rules cannot check"));
		mpr_html_printf(b, "%s]</small></li>\n", rt(how, pr->source));
	}
	mpr_buf_puts(b, "</ul>\n");
}

/* The combined monitoring plan (§4.2.3). */
static void plan(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_plan *p)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *pr = r->proposal;
	if (!r->n_activities)
		return;
	mpr_buf_printf(b, "<h3>%s</h3>\n<ul>\n<li>", tr(how, "Monitoring plan (§4.2.3)"));
	mpr_html_printf(b, tr(how, "pace: every %u months, %s (set by activity %s)"), p->months,
	                rt(how, rs->monitoring[p->level]), r->activities[p->pace_activity].id);
	mpr_buf_puts(b, "</li>\n<li>");
	if (pr->monitoring_months)
		mpr_buf_printf(b, tr(how, "declared: every %u months"), pr->monitoring_months);
	else
		mpr_buf_puts(b, tr(how, "declared: no frequency (M3)"));
	if (pr->monitoring_months > p->months)
		mpr_buf_printf(b, " &#8212; <strong>%s</strong>", tr(how, "too rare (M3)"));
	mpr_buf_printf(b, "</li>\n<li>%s ", tr(how, "bodies:"));
	if (!pr->n_bodies)
		mpr_buf_puts(b, tr(how, "none declared"));
	for (size_t i = 0; i < pr->n_bodies; i++) {
		mpr_buf_puts(b, i ? "; " : "");
		mpr_html_text(b, pr->bodies[i].name);
		mpr_buf_printf(b, " (%s, %s)",
		               pr->bodies[i].independent ? tr(how, "independent") : tr(how, "not independent"),
		               pr->bodies[i].local_access ? tr(how, "local access") : tr(how, "no local access"));
	}
	mpr_buf_puts(b, "</li>\n");
	if (p->local_needed)
		mpr_buf_printf(b, "<li>%s</li>\n", tr(how, "required: an independent body with local access "
		                                           "(an activity is in a high-risk country; M1, F5)"));
	mpr_buf_printf(b, "<li>%s ", tr(how, "findings lead to:"));
	mpr_html_printf(b, "%s</li>\n</ul>\n", rt(how, rs->suspension[p->suspension].name));
}

static void remedies(mpr_buf *b, const mpr_how *how, const mpr_result *r, const mpr_remedies *rem)
{
	mpr_buf text = {0};
	bool any = false;
	for (size_t k = 0; k < r->n_activities + r->n_findings; k++) {
		bool act = k < r->n_activities;
		size_t i = act ? k : k - r->n_activities, n;
		const mpr_remedy *v = mpr_remedies_span(rem, act ? rem->activity : rem->finding, i, &n);
		if (!n)
			continue;
		if (!any)
			mpr_buf_printf(b, "<h3>%s</h3>\n<ul>\n", tr(how, "What would change the verdict"));
		any = true;
		mpr_buf_printf(b, "<li>%s <code>", act ? tr(how, "activity") : tr(how, "finding"));
		mpr_html_printf(b, "%s</code><ul>", act ? r->activities[i].id : r->findings[i]->id);
		for (size_t j = 0; j < n; j++) {
			text.len = 0;
			mpr_text_remedy(&text, how, r, &v[j], act ? i : 0);
			mpr_html_printf(b, "<li>%s</li>", text.data ? text.data : "");
		}
		mpr_buf_puts(b, "</ul></li>\n");
	}
	if (any)
		mpr_buf_puts(b, "</ul>\n");
	b->failed |= text.failed;
	free(text.data);
}

static void proposal_section(mpr_buf *b, const mpr_how *how, const mpr_result *r,
                             const mpr_remedies *rem, const mpr_plan *p, size_t index)
{
	const mpr_proposal *pr = r->proposal;
	mpr_buf_printf(b, "<section id=\"p-%zu\" class=\"proposal\">\n<h2>", index + 1);
	mpr_html_letter(b, index);
	mpr_buf_printf(b, ". %s ", tr(how, "Proposal"));
	mpr_html_printf(b, "%s</h2>\n<p class=\"meta\"><code>%s</code>, ",
	                pr->title ? pr->title : pr->id, pr->id);
	mpr_buf_printf(b, tr(how, "file %s"), "<code>");
	mpr_html_text(b, pr->name);
	mpr_buf_printf(b, "</code> (<code>%s</code>). ", pr->sha256);
	mpr_buf_printf(b, "%s ", tr(how, "Verdict:"));
	mpr_html_badge(b, how, r->verdict);
	mpr_buf_printf(b, "; <strong>%s</strong>.</p>\n",
	               r->passes ? tr(how, "passes") : tr(how, "does not pass"));
	activity_table(b, how, r);
	findings(b, how, r);
	lifted(b, how, r);
	plan(b, how, r, p);
	remedies(b, how, r, rem);
	mpr_buf_puts(b, "</section>\n");
}

/* Appendix B: every country, in the heatmap's column order. */
static void country_notes(mpr_buf *b, const mpr_how *how, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	mpr_buf_printf(b, "<section id=\"countries\" class=\"appendix\">\n<h2>%s</h2>\n<p>",
	               tr(how, "Appendix B. Why each country has its tier"));
	mpr_buf_puts(b, tr(how, "In the order of the heatmap's columns: by tier, low to high, then "
	                        "by country code. Each reason with its source."));
	mpr_buf_puts(b, "</p>\n<ol class=\"notes\">\n");
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[g->by_tier[i]];
		mpr_html_printf(b, "<li id=\"c-%s\"><strong>%s %s</strong>: <span class=\"t-%s\">%s</span>; ",
		                c->n.id, c->n.id, rt(how, c->n.name), rs->tiers[c->tier],
		                rt(how, rs->tiers[c->tier]));
		mpr_html_tier_drivers(b, how, rs, c);
		mpr_buf_printf(b, " (");
		mpr_buf_printf(b, tr(how, "assessed %s"), c->assessed);
		mpr_buf_puts(b, ")<ul>");
		for (size_t k = 0; k < c->n_reasons; k++) {
			mpr_html_printf(b, "<li>%s <small>[%s]</small></li>",
			                rt(how, c->reasons[k].effect),
			                rt(how, c->reasons[k].source));
		}
		mpr_buf_puts(b, "</ul></li>\n");
	}
	mpr_buf_puts(b, "</ol>\n</section>\n");
}

/* Appendix C: every rule that fired for each activity, after its country's
 * classification (appendix B). */
static void traces(mpr_buf *b, const mpr_how *how, const mpr_result *const *results, size_t count)
{
	if (!count)
		return;
	mpr_buf_printf(b, "<section id=\"traces\" class=\"appendix\">\n<h2>%s</h2>\n",
	               tr(how, "Appendix C. Every rule that fired, per activity"));
	for (size_t p = 0; p < count; p++) {
		const mpr_result *r = results[p];
		const mpr_ruleset *rs = r->rules;
		for (size_t i = 0; i < r->n_activities; i++) {
			const mpr_decision *d = &r->activities[i].d;
			size_t from = rs->countries[d->country].n_reasons;
			mpr_buf_puts(b, "<h3>");
			mpr_html_letter(b, p);
			mpr_html_printf(b, ". %s &#8212; %s: ", r->proposal->id,
			                r->activities[i].id);
			mpr_html_badge(b, how, d->verdict);
			mpr_buf_puts(b, "</h3>\n<ol class=\"trace\">\n");
			for (size_t k = from < d->n_trace ? from : d->n_trace; k < d->n_trace; k++) {
				mpr_html_printf(b,
				                "<li><code>%s</code>: %s <small>[%s]</small></li>\n",
				                d->trace[k].rule, rt(how, d->trace[k].effect),
				                rt(how, d->trace[k].source));
			}
			mpr_buf_puts(b, "</ol>\n");
		}
	}
	mpr_buf_puts(b, "</section>\n");
}

static void header(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs, const char *date,
                   const mpr_result *const *results, size_t count)
{
	mpr_buf id = {0}, day = {0};
	mpr_html_text(&id, rs->id);
	mpr_html_text(&day, date);
	mpr_html_printf(b, "<header>\n<h1>%s</h1>\n<p class=\"meta\">", rt(how, rs->title));
	mpr_buf_printf(b, tr(how, "Ruleset <code>%s</code>, fingerprint <code>%s</code>, "),
	               id.data ? id.data : "", rs->fingerprint);
	mpr_html_signature(b, how, rs);
	mpr_buf_printf(b, tr(how, "; report of %s by mprisk %s."), day.data ? day.data : "",
	               mpr_version());
	b->failed |= id.failed | day.failed;
	free(id.data);
	free(day.data);
	mpr_buf_printf(b, " %s ", tr(how, "Source:"));
	mpr_html_text(b, rt(how, rs->source));
	mpr_buf_printf(b, ".</p>\n<nav>%s <a href=\"#summary\">%s</a> &middot; <a href=\"#heatmap\">%s</a>",
	               tr(how, "Contents:"), tr(how, "summary"), tr(how, "heatmap"));
	for (size_t i = 0; i < count; i++) {
		mpr_buf_printf(b, " &middot; <a href=\"#p-%zu\">", i + 1);
		mpr_html_letter(b, i);
		mpr_html_printf(b, ". %s</a>", results[i]->proposal->id);
	}
	mpr_buf_printf(b, " &middot; <a href=\"#rules\">%s</a> &middot; <a href=\"#countries\">%s</a>",
	               tr(how, "A. deciding rules"), tr(how, "B. country tiers"));
	if (count)
		mpr_buf_printf(b, " &middot; <a href=\"#traces\">%s</a>", tr(how, "C. every rule that fired"));
	mpr_buf_puts(b, "</nav>\n</header>\n");
}

void mpr_html_report(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                     const mpr_result *const *results, const mpr_remedies *rem,
                     const mpr_plan *plans, size_t count, const char *date)
{
	const mpr_ruleset *rs = g->rules;
	mpr_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                  "<title>",
	               how->lang && how->lang->code ? how->lang->code : "en");
	mpr_html_printf(b, "%s %s</title>\n", tr(how, "mprisk report:"), rt(how, rs->title));
	mpr_buf_puts(b, style);
	mpr_buf_puts(b, "</head>\n<body>\n");
	header(b, how, rs, date, results, count);
	mpr_buf_puts(b, "<main>\n");
	mpr_html_summary(b, how, g, results, count);
	mpr_html_heatmap(b, how, g, results, count);
	for (size_t i = 0; i < count; i++)
		proposal_section(b, how, results[i], &rem[i], &plans[i], i);
	mpr_html_heatmap_rules(b, how, g);
	country_notes(b, how, g);
	traces(b, how, results, count);
	mpr_buf_printf(b, "</main>\n<footer class=\"meta\"><p>%s</p></footer>\n</body>\n</html>\n",
	               tr(how, "Produced by mprisk from the rules named above; each decision can be "
	                       "reproduced with mprisk evaluate and the same ruleset fingerprint."));
}
