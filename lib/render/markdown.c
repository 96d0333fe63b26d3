/*
 * markdown.c - the country table of docs/countries.md (`mprisk matrix
 * --format markdown`): one row per country, highest tier first, with what
 * drives its tier, its assessment date and how many measures get each
 * verdict there, counted from the grid of best decisions.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/text.h"

/* Text of the rules in a table cell: shown visibly first (util/text.h:
 * \n, \x1b, \u202e), then every character markdown would read escaped, so
 * that a name can neither end the cell (|), nor start HTML (< &), a link
 * ([ ]), code (`) or emphasis (* _ ~); a backslash is doubled, so what is
 * rendered is what the text views show. */
static void cell(mpr_buf *b, const char *s)
{
	mpr_buf shown = {0};
	mpr_buf_visible(&shown, s ? s : "");
	for (size_t i = 0; i < shown.len;) {
		size_t k = i;
		while (k < shown.len && !strchr("\\|<>&[]`*_~", shown.data[k]))
			k++;
		mpr_buf_append(b, shown.data + i, k - i);
		if (k < shown.len) {
			char c = shown.data[k++];
			if (c == '<')
				mpr_buf_puts(b, "&lt;");
			else if (c == '>')
				mpr_buf_puts(b, "&gt;");
			else if (c == '&')
				mpr_buf_puts(b, "&amp;");
			else
				mpr_buf_append(b, (const char[]){'\\', c}, 2);
		}
		i = k;
	}
	b->failed |= shown.failed;
	free(shown.data);
}

/* What sets a country's tier, for the table of docs/countries.md: the
 * indicators that reach the base tier, the context factors that raise it,
 * the exclusion. */
static void markdown_drivers(mpr_buf *b, const mpr_how *how, const mpr_ruleset *rs,
                             const mpr_country *c)
{
	const mpr_classification *cl = &rs->classification;
	const char *sep = "";
	if (c->fh_tier == c->base_tier) {
		if (c->fh_status >= 0) {
			mpr_buf_printf(b, "FH %d ", c->fh_edition);
			cell(b, cl->fh_status_names[c->fh_status]);
		} else
			mpr_buf_printf(b, tr(how, "FH %d status unknown"), c->fh_edition);
		sep = "; ";
	}
	if (c->hri_tier == c->base_tier) {
		if (c->hri >= 0) {
			mpr_buf_printf(b, "%sV-Dem ", sep);
			cell(b, c->vdem_version);
			mpr_buf_printf(b, " (%d) %.3f", c->vdem_year, c->hri);
		} else
			mpr_buf_printf(b, "%s%s", sep, tr(how, "V-Dem index unknown"));
		sep = "; ";
	}
	for (size_t t = 0; t < cl->n_treaty_rules; t++)
		if (c->treaty[cl->treaty_rules[t].treaty] == MPR_TREATY_NOT_PARTY &&
		    cl->treaty_rules[t].at_least == c->base_tier) {
			mpr_buf_puts(b, sep);
			cell(b, cl->treaty_rules[t].id);
			sep = "; ";
		}
	int raise = 0;
	for (size_t k = 0; k < c->n_context; k++)
		raise = c->context[k].raise > raise ? c->context[k].raise : raise;
	if (raise > 0 && c->tier > c->base_tier && !c->excluded) {
		mpr_buf_puts(b, sep);
		mpr_buf_printf(b, tr(how, "context +%d:"), raise);
		for (size_t k = 0; k < c->n_context; k++) {
			mpr_buf_puts(b, k ? ", " : " ");
			cell(b, c->context[k].kind);
		}
		sep = "; ";
	}
	if (c->under_review) {
		mpr_buf_puts(b, sep);
		mpr_buf_printf(b, tr(how, "state authority %.1f%% under review (F2)"), c->state_authority);
		sep = "; ";
	}
	if (c->excluded)
		mpr_buf_printf(b, "%s%s", sep, tr(how, "excluded (F2)"));
}

void mpr_markdown_countries(mpr_buf *b, const mpr_how *how, const mpr_grid *g)
{
	const mpr_ruleset *rs = g->rules;
	/* ids (the ruleset's, codes, tiers) are ids: letters, digits, - . _ */
	mpr_buf_printf(b, tr(how, "Ruleset `%s` (`%s`, %s): %zu countries, highest tier first. "
	                          "Decisions count the %zu measures with the required safeguards "
	                          "declared."),
	               rs->id, rs->fingerprint,
	               rs->signature.status == MPR_SIGNATURE_VALID     ? tr(how, "signed")
	               : rs->signature.status == MPR_SIGNATURE_INVALID ? tr(how, "signature invalid")
	                                                               : tr(how, "unsigned"),
	               rs->n_countries, rs->n_measures);
	mpr_buf_printf(b, "\n\n| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
	                  "|---|---|---|---|---|---|--:|--:|--:|--:|\n",
	               tr(how, "Code"), tr(how, "Country"), tr(how, "Tier"), tr(how, "Base"),
	               tr(how, "Drivers"), tr(how, "Assessed"), mpr_verdict_text(how, MPR_NO_GO),
	               mpr_verdict_text(how, MPR_PROHIBITED), mpr_verdict_text(how, MPR_CONDITIONAL),
	               mpr_verdict_text(how, MPR_PERMITTED));
	for (size_t t = rs->n_tiers; t-- > 0;)
		for (size_t i = 0; i < rs->n_countries; i++) {
			const mpr_country *c = &rs->countries[i];
			if ((size_t)c->tier != t)
				continue;
			size_t count[4] = {0};
			for (size_t m = 0; m < rs->n_measures; m++) {
				mpr_verdict v = mpr_grid_at(g, i, m)->verdict;
				count[v == MPR_NO_GO ? 0 : v == MPR_PROHIBITED ? 1 : v == MPR_CONDITIONAL ? 2 : 3]++;
			}
			mpr_buf_printf(b, "| %s | ", c->n.id);
			cell(b, rt(how, c->n.name));
			mpr_buf_puts(b, " | ");
			cell(b, rt(how, rs->tiers[c->tier]));
			mpr_buf_puts(b, " | ");
			cell(b, rt(how, rs->tiers[c->base_tier]));
			mpr_buf_puts(b, " | ");
			markdown_drivers(b, how, rs, c);
			mpr_buf_printf(b, " | %s | %zu | %zu | %zu | %zu |\n", c->assessed, count[0], count[1],
			               count[2], count[3]);
		}
}
