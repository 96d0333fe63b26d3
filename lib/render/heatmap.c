/*
 * heatmap.c - the report's country x measure heatmap, from the grid of best
 * decisions, and its appendix naming the rule that decides each cell.
 *
 * It must read on a 1280-pixel screen and on A4 landscape, in colour and in
 * greyscale: so one table per tier, split into tables of at most
 * MPR_HEATMAP_COLUMNS countries (balanced), and every cell says what it is
 * in a symbol as well as a shade: a check for permitted, X for no-go, P for
 * prohibited, and for conditional the months between monitoring rounds on
 * a shade that darkens with the number of safeguards required (C3, C4: the
 * gradient within "conditional"). The cells where the proposals' activities
 * sit carry their proposal's letter. Nothing is decided here.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

/* Shades of conditional: bands of the number of required safeguards. */
#define SHADES 4

typedef struct heat {
	const mpr_grid *g;
	const mpr_how *how;
	const mpr_result *const *results;
	size_t count;
	size_t least, most; /* safeguards of the conditional cells */
} heat;

static size_t shade_of(const heat *h, size_t safeguards)
{
	if (h->most <= h->least)
		return 1;
	size_t band = (safeguards - h->least) * SHADES / (h->most - h->least + 1);
	return band + 1;
}

/* The first and last safeguard count of each shade, for the legend. */
static void shade_range(const heat *h, size_t shade, size_t *from, size_t *to)
{
	*from = h->most + 1;
	*to = 0;
	for (size_t n = h->least; n <= h->most; n++)
		if (shade_of(h, n) == shade) {
			*from = n < *from ? n : *from;
			*to = n;
		}
}

static void legend(mpr_buf *b, const heat *h)
{
	const mpr_how *how = h->how;
	mpr_buf_printf(b, "<ul class=\"legend\">\n<li><span class=\"v permitted\">%s</span> %s</li>\n",
	               mpr_html_verdict_mark[MPR_PERMITTED], mpr_verdict_text(how, MPR_PERMITTED));
	mpr_buf_printf(b, "<li>%s ", mpr_verdict_text(how, MPR_CONDITIONAL));
	mpr_buf_puts(b, tr(how, "(the number: months between two monitoring rounds; the shade: "
	                        "safeguards required):"));
	for (size_t s = 1; s <= SHADES; s++) {
		size_t from, to;
		shade_range(h, s, &from, &to);
		if (from > to)
			continue;
		mpr_buf_printf(b, " <span class=\"v conditional s%zu\">6</span> ", s);
		if (from == to)
			mpr_buf_printf(b, tr(how, "%zu safeguards"), from);
		else
			mpr_buf_printf(b, tr(how, "%zu to %zu safeguards"), from, to);
	}
	mpr_buf_puts(b, "</li>\n");
	for (int v = MPR_NO_GO; v <= MPR_PROHIBITED; v++)
		mpr_buf_printf(b, "<li><span class=\"v %s\">%s</span> %s</li>\n", mpr_html_verdict_class[v],
		               mpr_html_verdict_mark[v], mpr_verdict_text(how, (mpr_verdict)v));
	mpr_buf_printf(b, "<li><span class=\"v conditional s1 mark\">12<sup>A</sup></span> %s</li>\n",
	               tr(how, "an activity of proposal A (its letter in the summary) is of this "
	                       "measure in this country"));
	mpr_buf_puts(b, "</ul>\n");
}

/* The letters of the proposals with an activity decided in country c of
 * measure m. */
static void marks(mpr_buf *b, const heat *h, int c, int m)
{
	bool any = false;
	for (size_t p = 0; p < h->count; p++) {
		const mpr_result *r = h->results[p];
		for (size_t i = 0; i < r->n_activities; i++) {
			const mpr_decision *d = &r->activities[i].d;
			if (d->country != c || d->measure != m)
				continue;
			mpr_buf_puts(b, any ? "" : "<sup>");
			mpr_html_letter(b, p);
			any = true;
			break;
		}
	}
	if (any)
		mpr_buf_puts(b, "</sup>");
}

static bool marked(const heat *h, int c, int m)
{
	for (size_t p = 0; p < h->count; p++)
		for (size_t i = 0; i < h->results[p]->n_activities; i++)
			if (h->results[p]->activities[i].d.country == c &&
			    h->results[p]->activities[i].d.measure == m)
				return true;
	return false;
}

static void cell(mpr_buf *b, const heat *h, int c, int m)
{
	const mpr_ruleset *rs = h->g->rules;
	const mpr_best *d = mpr_grid_at(h->g, (size_t)c, (size_t)m);
	bool mark = marked(h, c, m);
	if (d->verdict == MPR_CONDITIONAL)
		mpr_buf_printf(b, "<td class=\"v conditional s%zu%s\"", shade_of(h, mpr_set_count(d->required)),
		               mark ? " mark" : "");
	else
		mpr_buf_printf(b, "<td class=\"v %s%s\"", mpr_html_verdict_class[d->verdict],
		               mark ? " mark" : "");
	mpr_buf_printf(b, " title=\"%s &#215; %s: ", rs->countries[c].n.id, rs->measures[m].n.id);
	mpr_html_text(b, mpr_verdict_text(h->how, d->verdict));
	if (d->decided.rule) {
		mpr_html_printf(b, " (%s)", d->decided.rule);
	}
	mpr_buf_puts(b, "\">");
	if (d->verdict == MPR_CONDITIONAL)
		mpr_buf_printf(b, "%u", d->cell->months);
	else
		mpr_buf_puts(b, mpr_html_verdict_mark[d->verdict]);
	marks(b, h, c, m);
	mpr_buf_puts(b, "</td>");
}

/* One table: the measures, by base tier, against countries
 * order[from .. to). */
static void table(mpr_buf *b, const heat *h, size_t tier, size_t part, size_t parts, size_t from,
                  size_t to)
{
	const mpr_ruleset *rs = h->g->rules;
	const int *order = h->g->by_tier;
	const mpr_how *how = h->how;
	mpr_buf_puts(b, "<table class=\"heat\">\n<caption>");
	mpr_html_printf(b, tr(how, "Countries of tier %s"), rt(how, rs->tiers[tier]));
	if (parts > 1)
		mpr_buf_printf(b, tr(how, " (part %zu of %zu)"), part, parts);
	mpr_buf_printf(b, "</caption>\n<thead><tr><th scope=\"col\" class=\"m\">%s</th>"
	                  "<th scope=\"col\">%s</th>",
	               tr(how, "measure"), tr(how, "tier"));
	for (size_t i = from; i < to; i++) {
		const mpr_country *c = &rs->countries[order[i]];
		mpr_buf_printf(b, "<th scope=\"col\" class=\"c\" title=\"");
		mpr_html_text(b, rt(how, c->n.name));
		mpr_buf_printf(b, "\"><a href=\"#c-%s\">%s</a></th>", c->n.id, c->n.id);
	}
	mpr_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t t = 0; t < rs->n_tiers; t++)
		for (size_t m = 0; m < rs->n_measures; m++) {
			const mpr_measure *me = &rs->measures[m];
			if ((size_t)me->tier != t)
				continue;
			mpr_html_printf(b, "<tr><th scope=\"row\" class=\"m\">%s",
			                rt(how, me->n.name ? me->n.name : me->n.id));
			mpr_buf_printf(b, "</th><td class=\"t t-%s\">", rs->tiers[me->tier]);
			mpr_html_printf(b, "%s</td>", rt(how, rs->tiers[me->tier]));
			for (size_t i = from; i < to; i++)
				cell(b, h, order[i], (int)m);
			mpr_buf_puts(b, "</tr>\n");
		}
	mpr_buf_puts(b, "</tbody>\n</table>\n");
}

/* The safeguard counts of the conditional cells: the shades' range. */
static void safeguard_range(heat *h)
{
	const mpr_ruleset *rs = h->g->rules;
	h->least = (size_t)-1;
	h->most = 0;
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++) {
			const mpr_best *d = mpr_grid_at(h->g, c, m);
			size_t n = mpr_set_count(d->required);
			if (d->verdict != MPR_CONDITIONAL)
				continue;
			h->least = n < h->least ? n : h->least;
			h->most = n > h->most ? n : h->most;
		}
	if (h->least > h->most)
		h->least = h->most = 0;
}

void mpr_html_heatmap(mpr_buf *b, const mpr_how *how, const mpr_grid *g,
                      const mpr_result *const *results, size_t count)
{
	const mpr_ruleset *rs = g->rules;
	heat h = {g, how, results, count, 0, 0};
	safeguard_range(&h);
	mpr_buf_printf(b, "<section id=\"heatmap\">\n<h2>%s</h2>\n<p>",
	               tr(how, "Decisions by country and measure"));
	mpr_buf_puts(b, tr(how, "Each cell is the decision for the measure (row) in the country "
	                        "(column) when the activity declares exactly the safeguards it is "
	                        "required to (and, where the measure names no default beneficiary, "
	                        "a civilian one: support whose recipient is not named is judged as a "
	                        "security force's in a medium- or high-risk country). One table per "
	                        "country tier; within a tier the "
	                        "countries are in the order of their codes, the measures by their "
	                        "base tier. Appendix A names the rule that decides each cell, "
	                        "appendix B why each country has its tier."));
	mpr_buf_puts(b, "</p>\n");
	legend(b, &h);
	const int *order = g->by_tier;
	size_t start = 0;
	for (size_t t = 0; t < rs->n_tiers; t++) {
		size_t n = 0;
		while (start + n < rs->n_countries && (size_t)rs->countries[order[start + n]].tier == t)
			n++;
		if (!n)
			continue;
		size_t parts = (n + MPR_HEATMAP_COLUMNS - 1) / MPR_HEATMAP_COLUMNS;
		size_t each = (n + parts - 1) / parts;
		for (size_t p = 0; p < parts; p++) {
			size_t from = start + p * each, to = from + each;
			table(b, &h, t, p + 1, parts, from, to < start + n ? to : start + n);
		}
		start += n;
	}
	mpr_buf_puts(b, "</section>\n");
}

/* One measure's cells grouped by the rule that decides them, countries in
 * the heatmap's order. */
static void measure_rules(mpr_buf *b, const mpr_how *how, const mpr_grid *g, size_t m,
                          const char **seen)
{
	const mpr_ruleset *rs = g->rules;
	size_t n_seen = 0;
	mpr_html_printf(b, "<li><strong>%s", rt(how, rs->measures[m].n.name));
	mpr_buf_printf(b, "</strong> <code>%s</code><ul>", rs->measures[m].n.id);
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_best *d = mpr_grid_at(g, (size_t)g->by_tier[i], m);
		const char *rule = d->decided.rule;
		bool done = false;
		for (size_t k = 0; k < n_seen && !done; k++)
			done = seen[k] == rule;
		if (done)
			continue;
		seen[n_seen++] = rule;
		mpr_buf_printf(b, "<li><span class=\"v %s\">%s</span> <code>", mpr_html_verdict_class[d->verdict],
		               mpr_html_verdict_mark[d->verdict]);
		mpr_html_printf(b, "%s</code>: ", rule ? rule : "-");
		for (size_t k = i, first = 1; k < rs->n_countries; k++) {
			const mpr_best *e = mpr_grid_at(g, (size_t)g->by_tier[k], m);
			if (e->decided.rule != rule)
				continue;
			mpr_buf_printf(b, "%s%s", first ? "" : " ", rs->countries[g->by_tier[k]].n.id);
			first = 0;
		}
		if (rule) {
			mpr_buf_puts(b, " &#8212; ");
			mpr_html_text(b, rt(how, d->verdict == MPR_PROHIBITED ? d->decided.effect
			                                                       : d->decided.source));
		}
		mpr_buf_puts(b, "</li>");
	}
	mpr_buf_puts(b, "</ul></li>\n");
}

void mpr_html_heatmap_rules(mpr_buf *b, const mpr_how *how, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	mpr_buf_printf(b, "<section id=\"rules\" class=\"appendix\">\n<h2>%s</h2>\n<p>",
	               tr(how, "Appendix A. The rule that decides each cell of the heatmap"));
	mpr_buf_puts(b, tr(how, "Per measure, in the order of the heatmap's rows: each rule that "
	                        "decides some of its cells (a floor rule that fires, else the "
	                        "matrix cell of the two tiers), the countries whose cells it "
	                        "decides, in the order of the heatmap's columns, and what the "
	                        "report says."));
	mpr_buf_puts(b, "</p>\n<ol class=\"rules\">\n");
	const char **seen = calloc(rs->n_countries + 1, sizeof *seen);
	if (!seen) {
		b->failed = 1;
		return;
	}
	for (size_t t = 0; t < rs->n_tiers; t++)
		for (size_t m = 0; m < rs->n_measures; m++)
			if ((size_t)rs->measures[m].tier == t)
				measure_rules(b, how, g, m, seen);
	free(seen);
	mpr_buf_puts(b, "</ol>\n</section>\n");
}
