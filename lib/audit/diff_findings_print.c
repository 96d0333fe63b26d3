/*
 * diff_findings_print.c - the partnership findings of the impact diff
 * (diff_findings.c computes them) as text, one line per rule whose
 * findings change with its most telling scenario and whether a loosening
 * is justified, and as JSON listing every changed scenario
 * (docs/json-output.md).
 */
#include <stdio.h>
#include <string.h>

#include "audit/diff.h"
#include "load/load.h"

static const char *const bodies_text[] = {
	"no monitoring declared", "monitoring without an independent body", "",
	"an independent body without local access", "an independent body with local access"};
static const char *const bodies_json[] = {"none", "no-independent-body", "",
                                          "independent-body", "independent-local-body"};

static const char *outcome(bool fires, const mpr_prule *pr)
{
	return fires ? mpr_verdict_word(pr->severity) : "not raised";
}

static void kind_text(mpr_buf *b, const rule_diff *d, size_t k)
{
	const diff_kind *kind = &d->kinds.v[k];
	mpr_buf_printf(b, "%s x %s", d->new->countries[kind->nc].n.id,
	               d->new->measures[kind->nm].n.id);
	if (kind->scenario)
		mpr_buf_printf(b, " (%s %s)", kind->scenario_beneficiary ? "beneficiary" : "attribute",
		               kind->scenario);
}

static void scenario_text(mpr_buf *b, const rule_diff *d, const diff_pscenario *sc)
{
	mpr_buf_puts(b, sc->n_kinds == 1 ? "one activity " : "two activities ");
	kind_text(b, d, sc->kinds[0]);
	if (sc->n_kinds == 2) {
		mpr_buf_puts(b, " and ");
		kind_text(b, d, sc->kinds[1]);
	}
	if (sc->element == -1)
		mpr_buf_puts(b, "; none of the elements it names declared");
	else if (sc->element >= 0)
		mpr_buf_printf(b, "; every element declared but %s", sc->element_id);
	if (sc->eu >= 0)
		mpr_buf_puts(b, sc->eu ? "; the EU a party" : "; bilateral (the EU not a party)");
	if (sc->excluded_party >= 0)
		mpr_buf_puts(b, sc->excluded_party ? "; an excluded country a party"
		                                   : "; no excluded country a party");
	if (sc->bodies >= 0)
		mpr_buf_printf(b, "; %s", bodies_text[sc->bodies]);
	if (sc->frequency >= 0 && sc->months_old)
		mpr_buf_printf(b, " every %u months", sc->months_old);
	else if (sc->frequency >= 0)
		mpr_buf_puts(b, ", its frequency not stated");
}

static void why_text(mpr_buf *b, const diff_finding *f)
{
	if (f->justified_by) {
		mpr_buf_printf(b, "      justified by %s %s: %s [%s]\n",
		               mpr_entry_kind_name(f->justified_by->kind), f->justified_by->id,
		               f->justified_by->justification, f->justified_by->justification_source);
		return;
	}
	mpr_buf_puts(b, "      NOT JUSTIFIED; changed entries in this finding:");
	for (size_t i = 0; i < f->n_why_new; i++)
		mpr_buf_printf(b, " %s %s (%s:%u)", mpr_entry_kind_name(f->why_new[i]->kind),
		               f->why_new[i]->id, f->why_new[i]->at.file, f->why_new[i]->at.line);
	for (size_t i = 0; i < f->n_why_old; i++)
		mpr_buf_printf(b, " removed %s %s", mpr_entry_kind_name(f->why_old[i]->kind),
		               f->why_old[i]->id);
	if (!f->n_why_new && !f->n_why_old)
		mpr_buf_puts(b, " none found");
	mpr_buf_puts(b, "\n");
}

/* One line for the changes of one rule: its first loosening, else its
 * first change. */
static void rule_text(mpr_buf *b, const rule_diff *d, const diff_finding *g, size_t n)
{
	const diff_finding *f = &g[0];
	for (size_t i = 0; i < n && !f->loosening; i++)
		if (g[i].loosening)
			f = &g[i];
	mpr_buf_printf(b, "  %-10s finding %s: %s -> %s (e.g. ", f->loosening ? "LOOSENING" : "tightening",
	               f->rule, outcome(f->ofires, f->o), outcome(f->nfires, f->n));
	scenario_text(b, d, &f->sc);
	mpr_buf_printf(b, "; changed in %zu scenario%s)\n", n, n == 1 ? "" : "s");
	if (f->loosening)
		why_text(b, f);
}

void diff_findings_text(mpr_buf *b, const rule_diff *d)
{
	const diff_finding *fs = d->findings.v;
	size_t n = d->findings.n;
	mpr_buf_printf(b,
	               "\npartnership scenarios compared: %zu (each partnership rule with one or two "
	               "kinds of activity and every declaration of elements, parties and monitoring "
	               "it reads)\nfindings changed: %zu (%zu tightening, %zu loosening, %zu of them "
	               "unjustified)\n",
	               d->f_compared, n, d->f_tightening, d->f_loosening, d->f_unjustified);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && strcmp(fs[j].rule, fs[i].rule) == 0)
			j++;
		rule_text(b, d, &fs[i], j - i);
		i = j;
	}
}

static void json_side(mpr_buf *b, bool fires, const mpr_prule *pr)
{
	mpr_buf_printf(b, "{\"fires\": %s, \"severity\": ", fires ? "true" : "false");
	if (fires)
		mpr_buf_printf(b, "\"%s\"}", mpr_verdict_word(pr->severity));
	else
		mpr_buf_puts(b, "null}");
}

static void json_kind(mpr_buf *b, const rule_diff *d, size_t k)
{
	const diff_kind *kind = &d->kinds.v[k];
	mpr_buf_puts(b, "{\"country\": ");
	mpr_buf_json_string(b, d->new->countries[kind->nc].n.id);
	mpr_buf_puts(b, ", \"measure\": ");
	mpr_buf_json_string(b, d->new->measures[kind->nm].n.id);
	mpr_buf_puts(b, ", \"attribute\": ");
	if (kind->scenario && !kind->scenario_beneficiary)
		mpr_buf_json_string(b, kind->scenario);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_puts(b, ", \"beneficiary\": ");
	if (kind->scenario && kind->scenario_beneficiary)
		mpr_buf_json_string(b, kind->scenario);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_puts(b, "}");
}

static void json_entry_list(mpr_buf *b, const mpr_entry *const *v, size_t n)
{
	mpr_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		mpr_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
		               mpr_entry_kind_name(v[i]->kind));
		mpr_buf_json_string(b, v[i]->id);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "]");
}

static void json_scenario(mpr_buf *b, const rule_diff *d, const diff_pscenario *sc)
{
	mpr_buf_puts(b, "{\"activities\": [");
	for (size_t i = 0; i < sc->n_kinds; i++) {
		if (i)
			mpr_buf_puts(b, ", ");
		json_kind(b, d, sc->kinds[i]);
	}
	mpr_buf_printf(b, "], \"elements\": \"%s\", \"element_left_out\": ",
	               sc->element == -2 ? "all" : sc->element == -1 ? "none-of-the-rule's"
	                                                             : "all-but-one");
	if (sc->element_id)
		mpr_buf_json_string(b, sc->element_id);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_printf(b, ", \"eu_party\": %s, \"excluded_party\": %s, \"monitoring\": ",
	               sc->eu < 0 ? "null" : sc->eu ? "true" : "false",
	               sc->excluded_party < 0 ? "null" : sc->excluded_party ? "true" : "false");
	if (sc->bodies >= 0)
		mpr_buf_printf(b, "\"%s\"", bodies_json[sc->bodies]);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_puts(b, ", \"frequency_months\": ");
	if (sc->frequency >= 0)
		mpr_buf_printf(b, "%u}", sc->months_old);
	else
		mpr_buf_puts(b, "null}");
}

void diff_findings_json(mpr_buf *b, const rule_diff *d)
{
	mpr_buf_printf(b, "  \"findings_compared\": %zu, \"findings_tightening\": %zu, "
	                  "\"findings_loosening\": %zu, \"findings_unjustified\": %zu,\n"
	                  "  \"findings\": [",
	               d->f_compared, d->f_tightening, d->f_loosening, d->f_unjustified);
	for (size_t i = 0; i < d->findings.n; i++) {
		const diff_finding *f = &d->findings.v[i];
		mpr_buf_printf(b, "%s\n    {\"rule\": ", i ? "," : "");
		mpr_buf_json_string(b, f->rule);
		mpr_buf_printf(b, ", \"label\": \"%s\", \"old\": ", f->loosening ? "loosening" : "tightening");
		json_side(b, f->ofires, f->o);
		mpr_buf_puts(b, ", \"new\": ");
		json_side(b, f->nfires, f->n);
		mpr_buf_puts(b, ",\n     \"scenario\": ");
		json_scenario(b, d, &f->sc);
		mpr_buf_puts(b, ",\n     \"changed_entries\": ");
		json_entry_list(b, f->why_new, f->n_why_new);
		mpr_buf_puts(b, ", \"removed_entries\": ");
		json_entry_list(b, f->why_old, f->n_why_old);
		mpr_buf_puts(b, ", \"justified_by\": ");
		if (f->loosening && f->justified_by) {
			mpr_buf_puts(b, "{\"id\": ");
			mpr_buf_json_string(b, f->justified_by->id);
			mpr_buf_puts(b, ", \"text\": ");
			mpr_buf_json_string(b, f->justified_by->justification);
			mpr_buf_puts(b, ", \"source\": ");
			mpr_buf_json_string(b, f->justified_by->justification_source);
			mpr_buf_puts(b, "}}");
		} else {
			mpr_buf_puts(b, "null}");
		}
	}
	mpr_buf_puts(b, d->findings.n ? "\n  ]\n" : "]\n");
}
