/*
 * html_summary.c - the report's first page (html.c writes the rest): one
 * row per proposal (its verdict, whether it passes, the decisive reasons,
 * its findings) and one per country its activities are decided in, with
 * what decides that country's tier (R2-R5, F2), so that a reader who stops
 * after one page knows which proposals pass and why not.
 */
#include <stdbool.h>

#include "decide/decide.h"
#include "render/render.h"

/* The summary row of one proposal: its letter, verdict, whether it passes,
 * its decisive reasons (the first one, then the rule of every other
 * activity that does not pass) and its findings. */
static void summary_row(mpr_buf *b, const mpr_how *how, const mpr_result *r, size_t index)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_proposal *p = r->proposal;
	mpr_buf_puts(b, "<tr><th scope=\"row\">");
	mpr_html_letter(b, index);
	mpr_buf_printf(b, "</th><td><a href=\"#p-%zu\"><strong>", index + 1);
	mpr_html_printf(b, "%s</strong></a><br><code>%s</code></td><td>",
	                p->title ? p->title : p->id, p->id);
	mpr_html_badge(b, how, r->verdict);
	mpr_buf_printf(b, "</td><td class=\"pass\"><strong>%s</strong></td><td class=\"why\">",
	               r->passes ? tr(how, "passes") : tr(how, "does not pass"));
	mpr_first_reason f = mpr_result_first_reason(r);
	mpr_buf_puts(b, "<ul>");
	if (f.finding >= 0) {
		const mpr_prule *pr = r->findings[f.finding];
		mpr_buf_printf(b, "<li>%s <code>", tr(how, "finding"));
		mpr_html_printf(b, "%s</code>: %s</li>", pr->id, rt(how, pr->message));
	}
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_decision *d = &r->activities[i].d;
		const mpr_step *s = mpr_decisive_step(rs, d);
		if (!s)
			continue;
		mpr_buf_printf(b, "<li>%s <strong>", tr(how, "activity"));
		mpr_html_printf(b, "%s</strong>: ", r->activities[i].id);
		if ((int)i == f.activity || d->verdict >= MPR_NO_GO)
			mpr_html_step_reason(b, how, d, s);
		else
			mpr_buf_printf(b, tr(how, "%zu required safeguards not declared"),
			               mpr_set_count(d->missing));
		mpr_buf_puts(b, "</li>");
	}
	if (r->passes)
		mpr_buf_printf(b, "<li>%s</li>", tr(how, "every activity passes, no partnership finding"));
	mpr_buf_printf(b, "</ul></td><td>%zu</td></tr>\n", r->n_findings);
}

/* What makes a country's tier: the indices' base tier, the migrant-specific
 * context that raised it, an exclusion or a review (R2-R5, F2). */
void mpr_html_tier_drivers(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                           const mpr_country *c)
{
	if (c->excluded) {
		mpr_buf_printf(b, "<strong>%s</strong> ", tr(how, "excluded beforehand (F2):"));
		mpr_html_text(b, rt(how, c->excluded));
		return;
	}
	mpr_html_printf(b, tr(how, "base %s from the indices"), rt(how, rs->tiers[c->base_tier]));
	mpr_buf_puts(b, " (Freedom House ");
	if (c->fh_status >= 0)
		mpr_html_text(b, rt(how, rs->classification.fh_status_names[c->fh_status]));
	if (c->fh_score >= 0)
		mpr_buf_printf(b, " %d/100", c->fh_score);
	if (c->hri >= 0)
		mpr_buf_printf(b, tr(how, "; V-Dem human rights index %.3f"), c->hri);
	mpr_buf_puts(b, ")");
	if (c->tier > c->base_tier) {
		mpr_buf_puts(b, "; ");
		mpr_html_printf(b, tr(how, "raised to %s by migrant-specific context (R4):"),
		                rt(how, rs->tiers[c->tier]));
		for (size_t k = 0, first = 1; k < rs->n_context_kinds; k++)
			if (c->context_kinds & ((mpr_set)1 << k)) {
				mpr_buf_puts(b, first ? " " : ", ");
				mpr_html_text(b, rt(how, rs->context_kinds[k].name));
				first = 0;
			}
	}
	if (c->under_review)
		mpr_buf_printf(b, "; <strong>%s</strong>", tr(how, "state authority under review (F2)"));
}

/* One row per country the proposals' activities are decided in, in the
 * heatmap's order. */
static void summary_countries(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                              const mpr_result *const *results, size_t count)
{
	const mpr_ruleset *rs = g->rules;
	bool table_open = false;
	for (size_t i = 0; i < rs->n_countries; i++) {
		int c = g->by_tier[i];
		bool used = false;
		for (size_t p = 0; p < count && !used; p++)
			for (size_t k = 0; k < results[p]->n_activities && !used; k++)
				used = results[p]->activities[k].d.country == c;
		if (!used)
			continue;
		if (!table_open)
			mpr_buf_printf(b, "<h3>%s</h3>\n<table class=\"summary\">\n<thead><tr>"
			                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			                  "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			               tr(how, "The countries of these proposals (appendix B: every country)"),
			               tr(how, "country"), tr(how, "tier"), tr(how, "what decides the tier"));
		table_open = true;
		const mpr_country *co = &rs->countries[c];
		mpr_html_printf(b,
		                "<tr><td><a href=\"#c-%s\">%s</a> %s</td><td class=\"t-%s\"><strong>%s"
		                "</strong></td><td>",
		                co->n.id, co->n.id, rt(how, co->n.name), rs->tiers[co->tier],
		                rt(how, rs->tiers[co->tier]));
		mpr_html_tier_drivers(b, how, rs, co);
		mpr_buf_puts(b, "</td></tr>\n");
	}
	if (table_open)
		mpr_buf_puts(b, "</tbody>\n</table>\n");
}

void mpr_html_summary(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                    const mpr_result *const *results, size_t count)
{
	mpr_buf_printf(b, "<section id=\"summary\">\n<h2>%s</h2>\n", tr(how, "Summary"));
	if (!count) {
		mpr_buf_printf(b, "<p>%s</p>\n", tr(how, "No proposal was given: the heatmap and the "
		                                         "country tiers of the rules follow."));
	} else {
		mpr_buf_printf(b, "<table class=\"summary\">\n<thead><tr><th scope=\"col\"></th>"
		                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		                  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		                  "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		               tr(how, "proposal"), tr(how, "verdict"), tr(how, "passes?"),
		               tr(how, "why not: the decisive reasons"), tr(how, "partnership findings"));
		for (size_t i = 0; i < count; i++)
			summary_row(b, how, results[i], i);
		mpr_buf_puts(b, "</tbody>\n</table>\n");
	}
	summary_countries(b, how, g, results, count);
	mpr_buf_puts(b, "</section>\n");
}
