/*
 * html.c - one self-contained HTML page for people (mprisk report): the
 * country x measure heatmap of the loaded rules (from the grid of best
 * decisions) and, for each proposal, its decisions, findings, monitoring
 * plan and remedies, as decide/ computed them.
 *
 * Every text of an input or of the rules goes through html() (docs/security.md).
 * No script, no font, no image, no link outside the page: it opens offline,
 * can be attached to a letter and prints. Every colour comes with a symbol
 * and a text, so it reads without colour; hover titles and the footnotes
 * give the reasons and sources of each country's tier.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/text.h"

/* n bytes of text as HTML text or attribute value: & < > " ' as
 * references, and the characters no output writes raw (util/text.h) shown
 * as the text views show them (\n, \x1b, \u202e), so that a name can
 * neither close an attribute nor reorder or hide the page's text. lines:
 * the text is a text view (<pre>), whose own line breaks stay. */
static void html_text(mpr_buf *b, const char *s, size_t n, bool lines)
{
	const unsigned char *u = (const unsigned char *)s;
	mpr_sink out = {.buf = b};
	for (size_t i = 0; i < n;) {
		size_t end = i + mpr_text_plain_run(u + i, n - i);
		while (i < end) {
			size_t k = i;
			while (k < end && !strchr("&<>\"'", s[k]))
				k++;
			mpr_buf_append(b, s + i, k - i);
			if (k < end) {
				static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
				mpr_buf_puts(b, refs[strchr("&<>\"'", s[k]) - "&<>\"'"]);
				k++;
			}
			i = k;
		}
		if (i >= n)
			break;
		uint32_t cp;
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		if (lines && s[i] == '\n')
			mpr_buf_append(b, "\n", 1);
		else
			mpr_visible(&out, s + i, len ? len : 1);
		i += len ? len : 1;
	}
}

static void html(mpr_buf *b, const char *s)
{
	if (s)
		html_text(b, s, strlen(s), false);
}

/* Whether the rules are signed, and by which key (load/signature.c): an
 * unsigned or changed ruleset must not pass for the approved one. */
static void html_signature(mpr_buf *b, const mpr_ruleset *rs)
{
	const mpr_rules_signature *sig = &rs->signature;
	if (sig->status == MPR_SIGNATURE_VALID) {
		mpr_buf_puts(b, "signed by key <code>");
		html(b, sig->key_id);
		mpr_buf_puts(b, "</code> (");
		html(b, sig->signed_at);
		mpr_buf_puts(b, ")");
	} else if (sig->status == MPR_SIGNATURE_INVALID) {
		mpr_buf_puts(b, "<strong>not signed: the signature is invalid: ");
		html(b, sig->problem);
		mpr_buf_puts(b, "</strong>");
	} else {
		mpr_buf_puts(b, "<strong>unsigned</strong>");
	}
}

static const char *const verdict_class[] = {"permitted", "conditional", "no-go", "prohibited"};
static const char *const verdict_mark[] = {"&#10003;", "C", "&#10007;", "P"}; /* check, C, X, P */

static const char style[] =
	"<style>\n"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;"
	"margin:1.5rem;color:#1a1a1a;line-height:1.4;max-width:110rem}\n"
	"h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;"
	"border-bottom:2px solid #444}h3{font-size:1.05rem}\n"
	".meta{color:#444;font-size:.9rem}.meta code{font-size:.8rem}\n"
	"table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.15rem .35rem}\n"
	"table.heat th.c{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:600;"
	"padding:.3rem .1rem;font-size:.8rem}\n"
	"table.heat td.v{width:1.4rem;text-align:center;font-weight:700;font-size:.85rem;padding:0}\n"
	"table.heat th.m{text-align:left;font-weight:400;white-space:nowrap;font-size:.85rem}\n"
	".permitted{background:#d4edda;color:#155724}.conditional{background:#fff3b0;color:#6b5200}\n"
	".no-go{background:#f5b7b1;color:#7b1010}.prohibited{background:#2b2b2b;color:#fff}\n"
	".t-low{background:#e3f2e3}.t-medium{background:#fff1c7}.t-high{background:#f9d3d0}\n"
	".tier{font-weight:700;text-transform:uppercase;font-size:.75rem}\n"
	".legend span{display:inline-block;margin-right:1rem;padding:.1rem .4rem;border:1px solid #999}\n"
	".sep{border-left:3px solid #333}\n"
	"pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:.78rem;white-space:pre-wrap}\n"
	"ol.notes{font-size:.85rem}ol.notes li{margin-bottom:.3rem}\n"
	"@media print{body{margin:0;font-size:9pt}h2{break-after:avoid}tr,li{break-inside:avoid}"
	"details>summary{display:none}.prohibited{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
	"</style>\n";

static void heatmap(mpr_buf *b, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	const int *order = g->by_tier;
	size_t n = rs->n_countries;
	mpr_buf_puts(b, "<h2 id=\"heatmap\">Country &times; measure decisions</h2>\n"
	                "<p>Each cell is the decision for the measure (row) in the country (column) "
	                "when the activity declares exactly the safeguards it is required to. Countries "
	                "are grouped by risk tier (low to high, separated by a bar); measures by their "
	                "base tier. Hover a cell or a country for the reasons; the footnotes list each "
	                "country's tier with its sources.</p>\n<p class=\"legend\">");
	for (int v = 0; v < 4; v++) {
		mpr_buf_printf(b, "<span class=\"%s\">%s %s</span>", verdict_class[v], verdict_mark[v],
		               verdict_class[v]);
	}
	mpr_buf_puts(b, "</p>\n<table class=\"heat\">\n<caption>Decisions of ruleset ");
	html(b, rs->id);
	mpr_buf_puts(b, "</caption>\n<thead><tr><th scope=\"col\">measure</th>"
	                "<th scope=\"col\">tier</th>");
	for (size_t i = 0; i < n; i++) {
		const mpr_country *c = &rs->countries[order[i]];
		bool first = i == 0 || rs->countries[order[i - 1]].tier != c->tier;
		mpr_buf_printf(b, "<th scope=\"col\" class=\"c t-%s%s\" title=\"", rs->tiers[c->tier],
		               first && i ? " sep" : "");
		html(b, c->n.name);
		mpr_buf_printf(b, ": %s risk%s\"><a href=\"#c-%s\">%s</a> %s</th>", rs->tiers[c->tier],
		               c->excluded       ? ", excluded (F2)"
		               : c->under_review ? ", state authority under review (F2)"
		                                 : "",
		               c->n.id, c->n.id,
		               rs->tiers[c->tier]);
	}
	mpr_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t t = 0; t < rs->n_tiers; t++)
		for (size_t m = 0; m < rs->n_measures; m++) {
			const mpr_measure *me = &rs->measures[m];
			if ((size_t)me->tier != t)
				continue;
			mpr_buf_puts(b, "<tr><th scope=\"row\" class=\"m\">");
			html(b, me->n.name ? me->n.name : me->n.id);
			mpr_buf_printf(b, " <small>(%s)</small></th><td class=\"t-%s tier\">%s</td>", me->n.id,
			               rs->tiers[me->tier], rs->tiers[me->tier]);
			for (size_t i = 0; i < n; i++) {
				const mpr_country *c = &rs->countries[order[i]];
				bool first = i && rs->countries[order[i - 1]].tier != c->tier;
				const mpr_best *d = mpr_grid_at(g, (size_t)order[i], m);
				mpr_buf_printf(b, "<td class=\"v %s%s\" title=\"%s &#215; %s: %s",
				               verdict_class[d->verdict], first ? " sep" : "", c->n.id, me->n.id,
				               verdict_class[d->verdict]);
				/* the step that decided: the last of the trace */
				if (d->last.rule) {
					mpr_buf_puts(b, " &#8212; ");
					html(b, d->last.rule);
					mpr_buf_puts(b, ": ");
					html(b, d->last.effect);
				}
				mpr_buf_printf(b, "\">%s</td>", verdict_mark[d->verdict]);
			}
			mpr_buf_puts(b, "</tr>\n");
		}
	mpr_buf_puts(b, "</tbody>\n</table>\n");
}

static void country_notes(mpr_buf *b, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	const int *order = g->by_tier;
	size_t n = rs->n_countries;
	mpr_buf_puts(b, "<h2 id=\"countries\">Why each country has its tier</h2>\n<ol class=\"notes\">\n");
	for (size_t i = n; i-- > 0;) {
		const mpr_country *c = &rs->countries[order[i]];
		mpr_buf_printf(b, "<li id=\"c-%s\"><strong>%s ", c->n.id, c->n.id);
		html(b, c->n.name);
		mpr_buf_printf(b, "</strong>: <span class=\"t-%s tier\">%s</span>%s (assessed %s)<ul>",
		               rs->tiers[c->tier], rs->tiers[c->tier],
		               c->excluded       ? " <strong>excluded (F2)</strong>"
		               : c->under_review ? " <strong>state authority under review (F2)</strong>"
		                                 : "",
		               c->assessed);
		for (size_t k = 0; k < c->n_reasons; k++) {
			mpr_buf_puts(b, "<li>");
			html(b, c->reasons[k].effect);
			mpr_buf_puts(b, " <small>[");
			html(b, c->reasons[k].source);
			mpr_buf_puts(b, "]</small></li>");
		}
		mpr_buf_puts(b, "</ul></li>\n");
	}
	mpr_buf_puts(b, "</ol>\n");
}

/* The activities of a result, one table row each. */
static void activity_table(mpr_buf *b, const mpr_result *r)
{
	const mpr_ruleset *rs = r->rules;
	mpr_buf_puts(b, "<table>\n<thead><tr><th scope=\"col\">activity</th><th scope=\"col\">country"
	                "</th><th scope=\"col\">measure</th><th scope=\"col\">verdict</th>"
	                "<th scope=\"col\">monitoring</th><th scope=\"col\">missing safeguards</th>"
	                "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_activity *a = &r->activities[i];
		const mpr_decision *d = &a->d;
		const char *country_tier = rs->tiers[d->country_tier];
		mpr_buf_puts(b, "<tr><td>");
		html(b, a->id);
		mpr_buf_printf(b, "</td><td class=\"t-%s\">%s (%s)</td><td>", country_tier,
		               rs->countries[d->country].n.id, country_tier);
		html(b, rs->measures[d->measure].n.id);
		mpr_buf_printf(b, " (%s)</td><td class=\"%s\">%s %s</td><td>%s, every %u months</td><td>",
		               rs->tiers[d->measure_tier], verdict_class[d->verdict],
		               verdict_mark[d->verdict], verdict_class[d->verdict],
		               rs->monitoring[d->cell->monitoring], d->cell->months);
		int first = 1;
		for (size_t s = 0; s < rs->n_safeguards; s++)
			if (d->missing & ((mpr_set)1 << s)) {
				if (!first)
					mpr_buf_puts(b, ", ");
				html(b, rs->safeguards[s].n.id);
				first = 0;
			}
		mpr_buf_puts(b, first ? "none</td></tr>\n" : "</td></tr>\n");
	}
	mpr_buf_puts(b, "</tbody>\n</table>\n");
}

static void findings(mpr_buf *b, const mpr_result *r)
{
	mpr_buf_printf(b, "<h3>Partnership findings (%zu)</h3>\n", r->n_findings);
	if (!r->n_findings) {
		mpr_buf_puts(b, "<p>None: the partnership declaration meets every partnership rule.</p>\n");
		return;
	}
	mpr_buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < r->n_findings; i++) {
		const mpr_prule *pr = r->findings[i];
		mpr_buf_printf(b, "<li><span class=\"%s\">%s</span> <strong>", verdict_class[pr->severity],
		               verdict_mark[pr->severity]);
		html(b, pr->id);
		mpr_buf_puts(b, "</strong>: ");
		html(b, pr->message);
		mpr_buf_puts(b, " <small>[");
		html(b, pr->source);
		mpr_buf_puts(b, "]</small></li>\n");
	}
	mpr_buf_puts(b, "</ul>\n");
}

/* The monitoring plan as the text renderer writes it, then the whole
 * decision: traces and what would change it. */
static void plan_and_decision(mpr_buf *b, const mpr_result *r, const mpr_remedies *rem,
                              const mpr_plan *p)
{
	mpr_buf text = {0};
	mpr_text_plan(&text, r, p);
	if (text.len > 2) {
		/* without its leading blank line and final newline */
		mpr_buf_puts(b, "<h3>Monitoring plan</h3>\n<pre>");
		html_text(b, text.data + 1, text.len - 1 - (text.data[text.len - 1] == '\n'), true);
		mpr_buf_puts(b, "</pre>\n");
	}
	text.len = 0;
	mpr_text_result(&text, &(mpr_how){MPR_EXPLAIN_FULL, true}, r, rem, p);
	mpr_buf_puts(b, "<details open><summary>The whole decision: every rule that fired, "
	                "with its source, and what would change the verdict</summary>\n<pre>");
	html_text(b, text.data ? text.data : "", text.len, true);
	mpr_buf_puts(b, "</pre></details>\n");
	b->failed |= text.failed;
	free(text.data);
}

static void proposal_section(mpr_buf *b, const mpr_result *r, const mpr_remedies *rem,
                             const mpr_plan *plan, size_t index)
{
	const mpr_proposal *p = r->proposal;
	mpr_buf_printf(b, "<section id=\"p-%zu\">\n<h2>Proposal: ", index + 1);
	html(b, p->title ? p->title : p->id ? p->id : p->name);
	mpr_buf_printf(b, "</h2>\n<p class=\"meta\">file <code>");
	html(b, p->name);
	mpr_buf_printf(b, "</code>, <code>%s</code>. Verdict: <span class=\"%s\">%s %s</span>; ",
	               p->sha256, verdict_class[r->verdict], verdict_mark[r->verdict],
	               verdict_class[r->verdict]);
	mpr_buf_printf(b, "%s.</p>\n", r->passes ? "<strong>passes</strong>"
	                                           : "<strong>does not pass</strong>");
	activity_table(b, r);
	findings(b, r);
	plan_and_decision(b, r, rem, plan);
	mpr_buf_puts(b, "</section>\n");
}

void mpr_html_report(mpr_buf *b, const mpr_grid *g, const mpr_result *const *results,
                     const mpr_remedies *rem, const mpr_plan *plans, size_t count,
                     const char *date)
{
	const mpr_ruleset *rs = g->rules;
	mpr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<title>mprisk report: ");
	html(b, rs->title);
	mpr_buf_puts(b, "</title>\n");
	mpr_buf_puts(b, style);
	mpr_buf_puts(b, "</head>\n<body>\n<header>\n<h1>");
	html(b, rs->title);
	mpr_buf_puts(b, "</h1>\n<p class=\"meta\">Ruleset <code>");
	html(b, rs->id);
	mpr_buf_printf(b, "</code>, fingerprint <code>%s</code>, ", rs->fingerprint);
	html_signature(b, rs);
	mpr_buf_puts(b, "; report of ");
	html(b, date); /* the caller's text */
	mpr_buf_printf(b, " by mprisk %s. ", mpr_version());
	mpr_buf_puts(b, "Source: ");
	html(b, rs->source);
	mpr_buf_puts(b, ".</p>\n<nav>Contents: <a href=\"#heatmap\">decisions by country and measure</a>");
	for (size_t i = 0; i < count; i++) {
		const mpr_proposal *p = results[i]->proposal;
		mpr_buf_printf(b, " &middot; <a href=\"#p-%zu\">", i + 1);
		html(b, p->id ? p->id : p->name);
		mpr_buf_puts(b, "</a>");
	}
	mpr_buf_puts(b, " &middot; <a href=\"#countries\">Country tiers and sources</a></nav>\n"
	                "</header>\n<main>\n");
	heatmap(b, g);
	for (size_t i = 0; i < count; i++)
		proposal_section(b, results[i], &rem[i], &plans[i], i);
	country_notes(b, g);
	mpr_buf_puts(b, "</main>\n<footer class=\"meta\"><p>Produced by mprisk from the rules named "
	                "above; each decision can be reproduced with <code>mprisk evaluate</code> and "
	                "the same ruleset fingerprint.</p></footer>\n</body>\n</html>\n");
}
