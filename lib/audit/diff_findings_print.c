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
		mpr_buf_printf(b, " (%s %s%s%s)", kind->scenario_beneficiary ? "beneficiary" : "attribute",
		               kind->scenario, kind->scenario_implementer ? " by " : "",
		               kind->scenario_implementer ? kind->scenario_implementer : "");
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
	if (sc->agreements >= 0)
		mpr_buf_puts(b, sc->agreements == MPR_AGREEMENTS_NONE ? "; no concrete agreement declared"
		                : sc->agreements == MPR_AGREEMENTS_INCOMPLETE
		                    ? "; a concrete agreement incomplete"
		                    : "; every concrete agreement complete");
	if (sc->bodies >= 0)
		mpr_buf_printf(b, "; %s", bodies_text[sc->bodies]);
	if (sc->frequency >= 0 && sc->months_old)
		mpr_buf_printf(b, " every %u months", sc->months_old);
	else if (sc->frequency >= 0)
		mpr_buf_puts(b, ", its frequency not stated");
}

static void why_text(mpr_buf *b, const diff_finding *f)
{
	diff_print_why(b, "finding", f->justified_by, f->why_new, f->n_why_new, f->why_old,
	               f->n_why_old);
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

#define KEY(name) MPR_JW_KEY(w, name)
#define STR(name, value) MPR_JW_STR(w, name, value)
#define UINT(name, value) MPR_JW_UINT(w, name, value)
#define BOOL(name, value) MPR_JW_BOOL(w, name, value)

static void json_side(mpr_jw *w, bool fires, const mpr_prule *pr)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	BOOL("fires", fires);
	STR("severity", fires ? mpr_verdict_word(pr->severity) : NULL);
	mpr_jw_end(w);
}

static void json_kind(mpr_jw *w, const rule_diff *d, size_t k)
{
	const diff_kind *kind = &d->kinds.v[k];
	mpr_jw_object(w, MPR_JW_INLINE);
	STR("country", d->new->countries[kind->nc].n.id);
	STR("measure", d->new->measures[kind->nm].n.id);
	STR("attribute", kind->scenario && !kind->scenario_beneficiary ? kind->scenario : NULL);
	STR("beneficiary", kind->scenario && kind->scenario_beneficiary ? kind->scenario : NULL);
	STR("implementer", kind->scenario_implementer);
	mpr_jw_end(w);
}

/* true, false or null for a reading that is set (1, 0) or not (-1) */
static void tri(mpr_jw *w, int v)
{
	if (v < 0)
		mpr_jw_null(w);
	else
		mpr_jw_bool(w, v);
}

static void json_scenario(mpr_jw *w, const rule_diff *d, const diff_pscenario *sc)
{
	mpr_jw_object(w, MPR_JW_INLINE);
	KEY("activities");
	mpr_jw_array(w, MPR_JW_INLINE);
	for (size_t i = 0; i < sc->n_kinds; i++)
		json_kind(w, d, sc->kinds[i]);
	mpr_jw_end(w);
	STR("elements", sc->element == -2   ? "all"
	                 : sc->element == -1 ? "none-of-the-rule's"
	                                     : "all-but-one");
	STR("element_left_out", sc->element_id);
	KEY("eu_party");
	tri(w, sc->eu);
	KEY("excluded_party");
	tri(w, sc->excluded_party);
	STR("agreements", sc->agreements < 0                          ? NULL
	                  : sc->agreements == MPR_AGREEMENTS_NONE       ? "none"
	                  : sc->agreements == MPR_AGREEMENTS_INCOMPLETE ? "incomplete"
	                                                                : "complete");
	STR("monitoring", sc->bodies >= 0 ? bodies_json[sc->bodies] : NULL);
	KEY("frequency_months");
	if (sc->frequency >= 0)
		mpr_jw_uint(w, sc->months_old);
	else
		mpr_jw_null(w);
	mpr_jw_end(w);
}

void diff_findings_json(mpr_jw *w, const rule_diff *d)
{
	UINT("findings_compared", d->f_compared);
	UINT("findings_tightening", d->f_tightening);
	UINT("findings_loosening", d->f_loosening);
	UINT("findings_unjustified", d->f_unjustified);
	KEY("findings");
	mpr_jw_array(w, MPR_JW_BLOCK);
	for (size_t i = 0; i < d->findings.n; i++) {
		const diff_finding *f = &d->findings.v[i];
		mpr_jw_object(w, MPR_JW_INLINE);
		STR("rule", f->rule);
		STR("label", f->loosening ? "loosening" : "tightening");
		KEY("old");
		json_side(w, f->ofires, f->o);
		KEY("new");
		json_side(w, f->nfires, f->n);
		KEY("scenario");
		json_scenario(w, d, &f->sc);
		diff_json_why(w, f->why_new, f->n_why_new, f->why_old, f->n_why_old, f->loosening,
		              f->justified_by);
		mpr_jw_end(w);
	}
	mpr_jw_end(w);
}
