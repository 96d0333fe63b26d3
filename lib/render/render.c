/*
 * render.c - decisions as text for people and JSON for programs.
 *
 * Both formats are built from the same decision objects, so they cannot
 * disagree. JSON keys are a stable interface (docs/json-output.md); text is
 * for reading and is pinned by the golden tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model.h"
#include "decide/plan.h"
#include "input/activity.h"
#include "input/tree.h"
#include "util/error.h"

/* ------------------------------------------------------------------------ */
/* Shared pieces                                                             */

static void json_str_field(mpr_buf *b, const char *key, const char *value, int comma)
{
	mpr_buf_printf(b, "%s\"%s\": ", comma ? ", " : "", key);
	if (value)
		mpr_buf_json_string(b, value);
	else
		mpr_buf_puts(b, "null");
}

/* A set of safeguards as [{"id", "source"}, ...], the one representation
 * of a safeguard list in every JSON output (format_version 2): one object a
 * line under indent, or all on one line when indent is NULL. */
void mpr_json_safeguards(mpr_buf *b, const mpr_ruleset *rs, mpr_set set, const char *indent)
{
	mpr_buf_puts(b, "[");
	int first = 1;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			if (indent)
				mpr_buf_printf(b, "%s\n%s    {", first ? "" : ",", indent);
			else
				mpr_buf_puts(b, first ? "{" : ", {");
			json_str_field(b, "id", rs->safeguards[s].n.id, 0);
			json_str_field(b, "source", rs->safeguards[s].n.source, 1);
			mpr_buf_puts(b, "}");
			first = 0;
		}
	if (indent && !first) /* the closing line exactly as format_version 1 wrote it */
		mpr_buf_printf(b, "\n%s]  ", indent);
	else
		mpr_buf_puts(b, "]");
}

static void json_trace(mpr_buf *b, const mpr_step *steps, size_t n, const char *indent)
{
	mpr_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		mpr_buf_printf(b, "%s\n%s  {", i ? "," : "", indent);
		json_str_field(b, "rule", steps[i].rule, 0);
		json_str_field(b, "source", steps[i].source, 1);
		json_str_field(b, "effect", steps[i].effect, 1);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_printf(b, "%s]", n ? "\n" : "");
	if (n)
		mpr_buf_puts(b, indent);
}

/* One decision as the JSON object of docs/json-output.md (activities[]);
 * with a result, the activity's remedies too (activity index i). */
void mpr_json_decision(mpr_buf *b, const mpr_ruleset *rs, const char *id,
                       const mpr_decision *d, const char *indent, const mpr_result *r, size_t i,
                       mpr_step *scratch, int top)
{
	mpr_buf_printf(b, "{\n%s  ", indent);
	int comma = 0;
	if (top) {
		mpr_buf_printf(b, "\"format_version\": %d", MPR_JSON_FORMAT_VERSION);
		comma = 1;
	}
	if (id) {
		json_str_field(b, "id", id, comma);
		comma = 1;
	}
	json_str_field(b, "country", rs->countries[d->country].n.id, comma);
	json_str_field(b, "country_tier", rs->tiers[d->country_tier], 1);
	mpr_buf_printf(b, ",\n%s  ", indent);
	json_str_field(b, "measure", rs->measures[d->measure].n.id, 0);
	json_str_field(b, "measure_tier", rs->tiers[d->measure_tier], 1);
	json_str_field(b, "beneficiary",
	               d->beneficiary >= 0 ? rs->beneficiaries[d->beneficiary].n.id : NULL, 1);
	mpr_buf_printf(b, ",\n%s  ", indent);
	json_str_field(b, "verdict", mpr_verdict_name(d->verdict), 0);
	mpr_buf_printf(b, ", \"passes\": %s", mpr_decision_passes(d) ? "true" : "false");
	mpr_buf_printf(b, ",\n%s  \"monitoring\": {", indent);
	json_str_field(b, "level", rs->monitoring[d->cell->monitoring], 0);
	mpr_buf_printf(b, ", \"frequency_months\": %u}, ", d->cell->months);
	json_str_field(b, "suspension", rs->suspension[d->cell->suspension].id, 0);
	mpr_buf_printf(b, ",\n%s  \"required_safeguards\": ", indent);
	mpr_json_safeguards(b, rs, d->required, indent);
	mpr_buf_printf(b, ",\n%s  \"missing_safeguards\": ", indent);
	mpr_json_safeguards(b, rs, d->missing, indent);
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s  ", indent);
	if (r) {
		mpr_buf_printf(b, ",\n%s  \"remedies\": ", indent);
		mpr_render_remedies_json(b, r, 0, i, scratch);
	}
	mpr_buf_printf(b, ",\n%s  \"trace\": ", indent);
	json_trace(b, d->trace, d->n_trace, deeper);
	mpr_buf_printf(b, "\n%s}", indent);
}

static void text_safeguards(mpr_buf *b, const mpr_ruleset *rs, mpr_set set)
{
	int first = 1;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (set & ((mpr_set)1 << s)) {
			mpr_buf_printf(b, "%s%s", first ? "" : ", ", rs->safeguards[s].n.id);
			first = 0;
		}
	if (first)
		mpr_buf_puts(b, "none");
}

static void text_trace(mpr_buf *b, const mpr_step *steps, size_t n, const char *indent)
{
	for (size_t i = 0; i < n; i++)
		mpr_buf_printf(b, "%s- %s: %s\n%s    [%s]\n", indent, steps[i].rule, steps[i].effect,
		               indent, steps[i].source);
}

static void text_decision(mpr_buf *b, const mpr_ruleset *rs, const mpr_decision *d,
                          const char *indent)
{
	const mpr_country *c = &rs->countries[d->country];
	mpr_buf_printf(b, "%scountry %s (%s): tier %s; measure %s: tier %s", indent, c->n.id,
	               c->n.name, rs->tiers[d->country_tier], rs->measures[d->measure].n.id,
	               rs->tiers[d->measure_tier]);
	if (d->beneficiary >= 0)
		mpr_buf_printf(b, "; beneficiary %s", rs->beneficiaries[d->beneficiary].n.id);
	mpr_buf_puts(b, "\n");
	mpr_buf_printf(b, "%sverdict: %s%s\n", indent, mpr_verdict_name(d->verdict),
	               mpr_decision_passes(d) ? " (passes)" : " (does not pass)");
	mpr_buf_printf(b, "%smonitoring: %s, every %u months; suspension: %s\n", indent,
	               rs->monitoring[d->cell->monitoring], d->cell->months,
	               rs->suspension[d->cell->suspension].id);
	mpr_buf_printf(b, "%srequired safeguards: ", indent);
	text_safeguards(b, rs, d->required);
	mpr_buf_printf(b, "\n%smissing safeguards: ", indent);
	text_safeguards(b, rs, d->missing);
	mpr_buf_printf(b, "\n%swhy:\n", indent);
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s  ", indent);
	text_trace(b, d->trace, d->n_trace, deeper);
}

/* ------------------------------------------------------------------------ */
/* Results                                                                   */

static void text_result(mpr_buf *b, const mpr_result *r, int suggest, mpr_step *scratch)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "proposal %s", p->id);
	if (p->title)
		mpr_buf_printf(b, ": %s", p->title);
	mpr_buf_printf(b, "\n  file: %s (%s)\n  rules: %s (%s)\n", p->name, p->sha256, rs->id,
	               rs->fingerprint);
	for (size_t e = 0; e < rs->n_elements; e++)
		if (p->element_detail[e])
			mpr_buf_printf(b, "  %s: %s %s\n", rs->elements[e].n.id, rs->elements[e].detail,
			               p->element_detail[e]);
	mpr_buf_printf(b, "  verdict: %s%s\n", mpr_verdict_name(r->verdict),
	               r->passes ? " (every activity passes, no partnership finding)" : " (does not pass)");
	if (r->n_findings) {
		mpr_buf_printf(b, "\npartnership findings (%zu):\n", r->n_findings);
		for (size_t i = 0; i < r->n_findings; i++) {
			const mpr_prule *pr = r->findings[i];
			mpr_buf_printf(b, "  - %s %s: %s\n      [%s]\n", mpr_verdict_name(pr->severity), pr->id,
			               pr->message, pr->source);
		}
	}
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_activity *a = &r->activities[i];
		mpr_buf_printf(b, "\nactivity %s: %s\n", a->id, mpr_verdict_name(a->d.verdict));
		text_decision(b, rs, &a->d, "  ");
	}
	mpr_render_plan_text(b, r);
	if (suggest)
		mpr_render_remedies_text(b, r, scratch);
}

/* scratch: a trace of rules->max_trace steps for computing remedies; it
 * belongs to the render call, so a result can be rendered by several threads */
static void json_result(mpr_buf *b, const mpr_result *r, const char *indent, mpr_step *scratch)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	mpr_buf_printf(b, "{\n%s  \"format_version\": %d,\n%s  \"engine\": {\"name\": \"mprisk\", ",
	               indent, MPR_JSON_FORMAT_VERSION, indent);
	json_str_field(b, "version", mpr_version(), 0);
	mpr_buf_printf(b, "},\n%s  \"ruleset\": {", indent);
	json_str_field(b, "id", rs->id, 0);
	json_str_field(b, "fingerprint", rs->fingerprint, 1);
	mpr_buf_printf(b, "},\n%s  \"input\": {", indent);
	json_str_field(b, "file", p->name, 0);
	json_str_field(b, "sha256", p->sha256, 1);
	mpr_buf_printf(b, "},\n%s  \"partnership\": {", indent);
	json_str_field(b, "id", p->id, 0);
	json_str_field(b, "title", p->title, 1);
	json_str_field(b, "country", p->country >= 0 ? rs->countries[p->country].n.id : NULL, 1);
	mpr_buf_puts(b, ", \"elements\": [");
	for (size_t e = 0, first = 1; e < rs->n_elements; e++) {
		if (!(p->elements & ((mpr_set)1 << e)))
			continue;
		mpr_buf_printf(b, "%s{", first ? "" : ", ");
		json_str_field(b, "id", rs->elements[e].n.id, 0);
		if (rs->elements[e].detail)
			json_str_field(b, rs->elements[e].detail, p->element_detail[e], 1);
		mpr_buf_puts(b, "}");
		first = 0;
	}
	mpr_buf_printf(b, "]},\n%s  ", indent);
	json_str_field(b, "verdict", mpr_verdict_name(r->verdict), 0);
	mpr_buf_printf(b, ", \"passes\": %s,\n%s  \"activities\": [", r->passes ? "true" : "false",
	               indent);
	char deeper[64];
	snprintf(deeper, sizeof deeper, "%s    ", indent);
	for (size_t i = 0; i < r->n_activities; i++) {
		mpr_buf_printf(b, "%s\n%s", i ? "," : "", deeper);
		mpr_json_decision(b, rs, r->activities[i].id, &r->activities[i].d, deeper, r, i, scratch, 0);
	}
	mpr_buf_printf(b, "\n%s  ],\n%s  \"findings\": [", indent, indent);
	for (size_t i = 0; i < r->n_findings; i++) {
		const mpr_prule *pr = r->findings[i];
		mpr_buf_printf(b, "%s\n%s    {", i ? "," : "", indent);
		json_str_field(b, "rule", pr->id, 0);
		json_str_field(b, "source", pr->source, 1);
		json_str_field(b, "message", pr->message, 1);
		json_str_field(b, "severity", mpr_verdict_name(pr->severity), 1);
		mpr_buf_puts(b, ", \"remedies\": ");
		mpr_render_remedies_json(b, r, 1, i, NULL);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_printf(b, "%s%s],\n%s  \"monitoring_plan\": ", r->n_findings ? "\n  " : "",
	               r->n_findings ? indent : "", indent);
	mpr_render_plan_json(b, r, indent);
	mpr_buf_printf(b, "\n%s}", indent);
}

/* as_array: JSON of any number of results is an array (mpr_render_results,
 * format_version 2); mpr_render_result renders its one result as an object */
static int render_results(const mpr_result *const *results, size_t count, int format_flags,
                          int as_array, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	int suggest = (format_flags & MPR_RENDER_SUGGEST) != 0;
	mpr_format format = (mpr_format)(format_flags & ~MPR_RENDER_SUGGEST);
	if (!out || (count && !results) || (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_results: invalid arguments");
	*out = NULL;
	for (size_t i = 0; i < count; i++)
		if (!results[i])
			return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_results: result %zu is NULL", i);
	size_t steps = 1;
	for (size_t i = 0; i < count; i++)
		if (results[i]->rules->max_trace > steps)
			steps = results[i]->rules->max_trace;
	mpr_step *scratch = calloc(steps, sizeof *scratch);
	if (!scratch)
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory rendering");
	mpr_buf b = {0};
	if (format == MPR_FORMAT_JSON) {
		if (!as_array) {
			json_result(&b, results[0], "", scratch);
		} else {
			mpr_buf_puts(&b, "[");
			for (size_t i = 0; i < count; i++) {
				mpr_buf_puts(&b, i ? ",\n  " : "\n  ");
				json_result(&b, results[i], "  ", scratch);
			}
			mpr_buf_puts(&b, count ? "\n]" : "]");
		}
		mpr_buf_puts(&b, "\n");
	} else {
		for (size_t i = 0; i < count; i++) {
			if (i)
				mpr_buf_puts(&b, "\n----------------------------------------------------------------\n\n");
			text_result(&b, results[i], suggest, scratch);
		}
	}
	free(scratch);
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering") : MPR_OK;
}

int mpr_render_results(const mpr_result *const *results, size_t count, int format_flags,
                       char **out, size_t *len, mpr_error *err)
{
	return render_results(results, count, format_flags, 1, out, len, err);
}

int mpr_render_result(const mpr_result *result, int format, char **out, size_t *len,
                      mpr_error *err)
{
	return render_results(&result, 1, format, 0, out, len, err);
}

/* ------------------------------------------------------------------------ */
/* Matrix                                                                    */

static const char verdict_symbol[] = {'.', 'c', 'X', 'P'};

/* What sets a country's tier, for the table of docs/countries.md: the
 * indicators that reach the base tier, the context factors that raise it,
 * the exclusion. */
static void markdown_drivers(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *c)
{
	const mpr_classification *cl = &rs->classification;
	const char *sep = "";
	if (c->fh_tier == c->base_tier) {
		if (c->fh_status >= 0)
			mpr_buf_printf(b, "FH %d %s", c->fh_edition, cl->fh_status_names[c->fh_status]);
		else
			mpr_buf_printf(b, "FH %d status unknown", c->fh_edition);
		sep = "; ";
	}
	if (c->hri_tier == c->base_tier) {
		if (c->hri >= 0)
			mpr_buf_printf(b, "%sV-Dem %s (%d) %.3f", sep, c->vdem_version, c->vdem_year, c->hri);
		else
			mpr_buf_printf(b, "%sV-Dem index unknown", sep);
		sep = "; ";
	}
	for (size_t t = 0; t < cl->n_treaty_rules; t++)
		if (c->treaty[cl->treaty_rules[t].treaty] == MPR_TREATY_NOT_PARTY &&
		    cl->treaty_rules[t].at_least == c->base_tier) {
			mpr_buf_printf(b, "%s%s", sep, cl->treaty_rules[t].id);
			sep = "; ";
		}
	if (c->tier > c->base_tier && !c->excluded) {
		mpr_buf_printf(b, "%scontext +%d:", sep, c->tier - c->base_tier);
		for (size_t k = 0; k < c->n_context; k++)
			mpr_buf_printf(b, "%s %s", k ? "," : "", c->context[k].kind);
		sep = "; ";
	}
	if (c->excluded)
		mpr_buf_printf(b, "%sexcluded (F2)", sep);
}

static void markdown_countries(mpr_buf *b, const mpr_ruleset *rs, mpr_decision *d)
{
	mpr_buf_printf(b, "Ruleset `%s` (`%s`): %zu countries, highest tier first. "
	                  "Decisions count the %zu measures with the required safeguards declared.\n\n",
	               rs->id, rs->fingerprint, rs->n_countries, rs->n_measures);
	mpr_buf_puts(b, "| Code | Country | Tier | Base | Drivers | Assessed "
	                "| no-go | prohibited | conditional | permitted |\n"
	                "|---|---|---|---|---|---|--:|--:|--:|--:|\n");
	for (size_t t = rs->n_tiers; t-- > 0;)
		for (size_t i = 0; i < rs->n_countries; i++) {
			const mpr_country *c = &rs->countries[i];
			if ((size_t)c->tier != t)
				continue;
			size_t count[4] = {0};
			for (size_t m = 0; m < rs->n_measures; m++) {
				mpr_decide_best(rs, &(mpr_substance){(int)i, (int)m, -1, false, 0}, d);
				count[d->verdict == MPR_NO_GO        ? 0
				      : d->verdict == MPR_PROHIBITED ? 1
				      : d->verdict == MPR_CONDITIONAL ? 2
				                                      : 3]++;
			}
			mpr_buf_printf(b, "| %s | %s | %s | %s | ", c->n.id, c->n.name, rs->tiers[c->tier],
			               rs->tiers[c->base_tier]);
			markdown_drivers(b, rs, c);
			mpr_buf_printf(b, " | %s | %zu | %zu | %zu | %zu |\n", c->assessed, count[0], count[1],
			               count[2], count[3]);
		}
}

int mpr_render_matrix(const mpr_ruleset *rs, mpr_format format, char **out, size_t *len,
                      mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !out || (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON &&
	                    format != MPR_FORMAT_MARKDOWN))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_matrix: invalid arguments");
	*out = NULL;
	mpr_step trace[256];
	if (rs->max_trace > sizeof trace / sizeof *trace)
		return mpr_fail(err, MPR_ELIMIT, "", 0, 0, "decision trace longer than %zu steps",
		                sizeof trace / sizeof *trace);
	mpr_decision d = {.trace = trace};
	mpr_buf b = {0};
	if (format == MPR_FORMAT_JSON) {
		mpr_buf_printf(&b, "{\n  \"format_version\": %d,\n  \"engine\": {\"name\": \"mprisk\", ",
		               MPR_JSON_FORMAT_VERSION);
		json_str_field(&b, "version", mpr_version(), 0);
		mpr_buf_puts(&b, "},\n  \"ruleset\": {");
		json_str_field(&b, "id", rs->id, 0);
		json_str_field(&b, "fingerprint", rs->fingerprint, 1);
		mpr_buf_puts(&b, "},\n  \"tiers\": [");
		for (size_t t = 0; t < rs->n_tiers; t++) {
			if (t)
				mpr_buf_puts(&b, ", ");
			mpr_buf_json_string(&b, rs->tiers[t]);
		}
		mpr_buf_puts(&b, "],\n  \"countries\": [");
		for (size_t i = 0; i < rs->n_countries; i++) {
			const mpr_country *c = &rs->countries[i];
			mpr_buf_printf(&b, "%s\n    {", i ? "," : "");
			json_str_field(&b, "code", c->n.id, 0);
			json_str_field(&b, "name", c->n.name, 1);
			json_str_field(&b, "tier", rs->tiers[c->tier], 1);
			mpr_buf_printf(&b, ", \"excluded\": %s, \"reasons\": ", c->excluded ? "true" : "false");
			json_trace(&b, c->reasons, c->n_reasons, "    ");
			mpr_buf_puts(&b, "}");
		}
		mpr_buf_puts(&b, "\n  ],\n  \"measures\": [");
		for (size_t i = 0; i < rs->n_measures; i++) {
			const mpr_measure *m = &rs->measures[i];
			mpr_buf_printf(&b, "%s\n    {", i ? "," : "");
			json_str_field(&b, "id", m->n.id, 0);
			json_str_field(&b, "tier", rs->tiers[m->tier], 1);
			mpr_buf_printf(&b, ", \"humanitarian\": %s}", m->humanitarian ? "true" : "false");
		}
		mpr_buf_puts(&b, "\n  ],\n  \"decisions\": [");
		for (size_t c = 0; c < rs->n_countries; c++)
			for (size_t m = 0; m < rs->n_measures; m++) {
				mpr_decide_best(rs, &(mpr_substance){(int)c, (int)m, -1, false, 0}, &d);
				mpr_buf_printf(&b, "%s\n    {", c || m ? "," : "");
				json_str_field(&b, "country", rs->countries[c].n.id, 0);
				json_str_field(&b, "measure", rs->measures[m].n.id, 1);
				json_str_field(&b, "verdict", mpr_verdict_name(d.verdict), 1);
				mpr_buf_puts(&b, ", \"monitoring\": {");
				json_str_field(&b, "level", rs->monitoring[d.cell->monitoring], 0);
				mpr_buf_printf(&b, ", \"frequency_months\": %u}, \"required_safeguards\": ",
				               d.cell->months);
				mpr_json_safeguards(&b, rs, d.required, NULL);
				mpr_buf_puts(&b, "}");
			}
		mpr_buf_puts(&b, "\n  ]\n}\n");
	} else if (format == MPR_FORMAT_MARKDOWN) {
		markdown_countries(&b, rs, &d);
	} else {
		mpr_buf_printf(&b, "rules: %s (%s)\n", rs->id, rs->fingerprint);
		mpr_buf_puts(&b, "Each cell is the verdict when the activity declares the safeguards it is required to:\n"
		                 "  . permitted   c conditional   X no-go   P prohibited (below the floor)\n\n");
		/* countries grouped by tier, lowest first */
		int order[512];
		size_t n = 0;
		for (size_t t = 0; t < rs->n_tiers; t++)
			for (size_t c = 0; c < rs->n_countries && n < 512; c++)
				if ((size_t)rs->countries[c].tier == t)
					order[n++] = (int)c;
		size_t width = 0;
		for (size_t m = 0; m < rs->n_measures; m++)
			if (strlen(rs->measures[m].n.id) > width)
				width = strlen(rs->measures[m].n.id);
		for (int row = 0; row < 2; row++) {
			mpr_buf_printf(&b, "%*s", (int)width + 8, "");
			for (size_t i = 0; i < n; i++)
				mpr_buf_printf(&b, " %c", rs->countries[order[i]].n.id[row]);
			mpr_buf_puts(&b, "\n");
		}
		mpr_buf_printf(&b, "%*s", (int)width + 8, "country tier ");
		for (size_t i = 0; i < n; i++)
			mpr_buf_printf(&b, " %c", rs->tiers[rs->countries[order[i]].tier][0]);
		mpr_buf_puts(&b, "\n");
		for (size_t m = 0; m < rs->n_measures; m++) {
			mpr_buf_printf(&b, "%-*s %-6s ", (int)width, rs->measures[m].n.id,
			               rs->tiers[rs->measures[m].tier]);
			for (size_t i = 0; i < n; i++) {
				mpr_decide_best(rs, &(mpr_substance){order[i], (int)m, -1, false, 0}, &d);
				mpr_buf_printf(&b, " %c", verdict_symbol[d.verdict]);
			}
			mpr_buf_puts(&b, "\n");
		}
		mpr_buf_puts(&b, "\ncountries:\n");
		for (size_t i = 0; i < n; i++) {
			const mpr_country *c = &rs->countries[order[i]];
			mpr_buf_printf(&b, "  %s %-6s %s%s\n", c->n.id, rs->tiers[c->tier], c->n.name,
			               c->excluded ? " (excluded, F2)" : "");
		}
	}
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering") : MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Explain                                                                   */

static const char *treaty_text(int v, char *buf, size_t n)
{
	if (v == MPR_TREATY_UNKNOWN)
		return "unknown";
	if (v == MPR_TREATY_NOT_PARTY)
		return "not a party";
	snprintf(buf, n, "%d", v);
	return buf;
}

static const char *source_name(const mpr_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_sources; i++)
		if (strcmp(rs->sources[i].id, id) == 0)
			return rs->sources[i].name;
	return id;
}

static void text_country(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *c)
{
	mpr_buf_printf(b, "%s %s: tier %s (base %s)%s, assessed %s\n", c->n.id, c->n.name,
	               rs->tiers[c->tier], rs->tiers[c->base_tier],
	               c->excluded ? ", EXCLUDED (F2)" : "", c->assessed);
	mpr_buf_puts(b, "indicators:\n");
	if (c->fh_status >= 0)
		mpr_buf_printf(b, "  Freedom House %d: %s", c->fh_edition,
		               rs->classification.fh_status_names[c->fh_status]);
	else
		mpr_buf_printf(b, "  Freedom House %d: status unknown", c->fh_edition);
	if (c->fh_score >= 0)
		mpr_buf_printf(b, ", %d/100", c->fh_score);
	mpr_buf_printf(b, "\n    source: %s\n", source_name(rs, c->fh_source));
	if (c->hri >= 0)
		mpr_buf_printf(b, "  V-Dem %s (%d): human rights index %.3f", c->vdem_version,
		               c->vdem_year, c->hri);
	else
		mpr_buf_printf(b, "  V-Dem %s (%d): human rights index unknown", c->vdem_version,
		               c->vdem_year);
	if (c->vdem_regime >= 0)
		mpr_buf_printf(b, ", regime %d (0 closed autocracy .. 3 liberal democracy)", c->vdem_regime);
	mpr_buf_printf(b, "\n    source: %s\n", source_name(rs, c->vdem_source));
	char t[4][16];
	mpr_buf_printf(b, "  treaties: Refugee Convention %s, Protocol %s, CAT %s, ICCPR %s\n",
	               treaty_text(c->treaty[0], t[0], 16), treaty_text(c->treaty[1], t[1], 16),
	               treaty_text(c->treaty[2], t[2], 16), treaty_text(c->treaty[3], t[3], 16));
	mpr_buf_printf(b, "    source: %s", source_name(rs, c->treaty_source));
	if (c->refugee_source)
		mpr_buf_printf(b, "; refugee instruments: %s", source_name(rs, c->refugee_source));
	if (c->state_authority_source) {
		if (c->state_authority >= 0)
			mpr_buf_printf(b, "\n  state authority over territory: %.1f%% (V-Dem %s, %d)",
			               c->state_authority, c->state_authority_version, c->state_authority_year);
		else
			mpr_buf_printf(b, "\n  state authority over territory: unknown (V-Dem %s, %d)",
			               c->state_authority_version, c->state_authority_year);
		mpr_buf_printf(b, "\n    source: %s", source_name(rs, c->state_authority_source));
	}
	mpr_buf_printf(b, "\nrestricted fundamental freedoms (R8): %s\n",
	               c->restricted_freedoms ? "yes" : "no");
	mpr_buf_puts(b, "classification:\n");
	text_trace(b, c->reasons, c->n_reasons, "  ");
	if (c->n_notes) {
		mpr_buf_puts(b, "notes on the data:\n");
		for (size_t i = 0; i < c->n_notes; i++)
			mpr_buf_printf(b, "  - %s\n", c->notes[i]);
	}
}

static void json_country(mpr_buf *b, const mpr_ruleset *rs, const mpr_country *c)
{
	mpr_buf_puts(b, "{");
	json_str_field(b, "code", c->n.id, 0);
	json_str_field(b, "name", c->n.name, 1);
	json_str_field(b, "tier", rs->tiers[c->tier], 1);
	json_str_field(b, "base_tier", rs->tiers[c->base_tier], 1);
	mpr_buf_printf(b, ", \"excluded\": %s", c->excluded ? "true" : "false");
	json_str_field(b, "assessed", c->assessed, 1);
	mpr_buf_printf(b, ", \"restricted_freedoms\": %s,\n    \"indicators\": {\"freedom_house\": {",
	               c->restricted_freedoms ? "true" : "false");
	json_str_field(b, "status",
	               c->fh_status >= 0 ? rs->classification.fh_status_names[c->fh_status] : NULL, 0);
	if (c->fh_score >= 0)
		mpr_buf_printf(b, ", \"score\": %d", c->fh_score);
	else
		mpr_buf_puts(b, ", \"score\": null");
	mpr_buf_printf(b, ", \"edition\": %d", c->fh_edition);
	json_str_field(b, "source", c->fh_source, 1);
	mpr_buf_puts(b, "}, \"vdem\": {");
	if (c->hri >= 0)
		mpr_buf_printf(b, "\"human_rights_index\": %.3f", c->hri);
	else
		mpr_buf_puts(b, "\"human_rights_index\": null");
	if (c->vdem_regime >= 0)
		mpr_buf_printf(b, ", \"regime\": %d", c->vdem_regime);
	else
		mpr_buf_puts(b, ", \"regime\": null");
	mpr_buf_printf(b, ", \"year\": %d", c->vdem_year);
	json_str_field(b, "version", c->vdem_version, 1);
	json_str_field(b, "source", c->vdem_source, 1);
	mpr_buf_puts(b, "}, \"treaties\": {");
	static const char *const keys[] = {"refugee_convention", "refugee_protocol", "cat", "iccpr"};
	for (int i = 0; i < MPR_TREATY_COUNT; i++) {
		mpr_buf_printf(b, "%s\"%s\": ", i ? ", " : "", keys[i]);
		if (c->treaty[i] == MPR_TREATY_UNKNOWN)
			mpr_buf_puts(b, "null");
		else if (c->treaty[i] == MPR_TREATY_NOT_PARTY)
			mpr_buf_puts(b, "false");
		else
			mpr_buf_printf(b, "%d", c->treaty[i]);
	}
	json_str_field(b, "source", c->treaty_source, 1);
	json_str_field(b, "refugee_source", c->refugee_source, 1);
	mpr_buf_puts(b, "}, \"state_authority\": ");
	if (c->state_authority_source) {
		mpr_buf_puts(b, "{\"percent\": ");
		if (c->state_authority >= 0)
			mpr_buf_printf(b, "%.3f", c->state_authority);
		else
			mpr_buf_puts(b, "null");
		mpr_buf_printf(b, ", \"year\": %d", c->state_authority_year);
		json_str_field(b, "version", c->state_authority_version, 1);
		json_str_field(b, "source", c->state_authority_source, 1);
		mpr_buf_puts(b, "}");
	} else {
		mpr_buf_puts(b, "null");
	}
	mpr_buf_puts(b, "},\n    \"reasons\": ");
	json_trace(b, c->reasons, c->n_reasons, "    ");
	mpr_buf_puts(b, "}");
}

int mpr_render_explain(const mpr_ruleset *rs, const char *country, const char *measure,
                       mpr_format format, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !country || !out || (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_explain: invalid arguments");
	*out = NULL;
	int c = mpr_find_country(rs, country);
	if (c < 0)
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0, "unknown country '%s'", country);
	int m = -1;
	if (measure && (m = mpr_find_measure(rs, measure)) < 0)
		return mpr_fail(err, MPR_ENOTFOUND, "", 0, 0, "unknown measure '%s'", measure);
	mpr_step trace[256];
	if (rs->max_trace > sizeof trace / sizeof *trace)
		return mpr_fail(err, MPR_ELIMIT, "", 0, 0, "decision trace too long");
	mpr_decision d = {.trace = trace};
	if (m >= 0)
		mpr_decide_best(rs, &(mpr_substance){c, m, -1, false, 0}, &d);
	const mpr_country *co = &rs->countries[c];
	mpr_buf b = {0};
	if (format == MPR_FORMAT_JSON) {
		mpr_buf_printf(&b, "{\n  \"format_version\": %d,\n  \"ruleset\": {",
		               MPR_JSON_FORMAT_VERSION);
		json_str_field(&b, "id", rs->id, 0);
		json_str_field(&b, "fingerprint", rs->fingerprint, 1);
		mpr_buf_puts(&b, "},\n  \"country\": ");
		json_country(&b, rs, co);
		if (m >= 0) {
			mpr_buf_puts(&b, ",\n  \"decision\": ");
			mpr_json_decision(&b, rs, NULL, &d, "  ", NULL, 0, NULL, 0);
		}
		mpr_buf_puts(&b, "\n}\n");
	} else {
		text_country(&b, rs, co);
		if (m >= 0) {
			const mpr_measure *me = &rs->measures[m];
			mpr_buf_printf(&b, "\n%s: %s\n", me->n.id, me->n.name);
			mpr_buf_puts(&b, "decision when the activity declares the safeguards it is required to:\n");
			text_decision(&b, rs, &d, "  ");
			size_t n_esc = rs->n_global_escalations + me->n_escalations;
			if (n_esc) {
				mpr_buf_puts(&b, "attributes that would change this decision:\n");
				for (size_t i = 0; i < n_esc; i++) {
					const mpr_escalation *e =
						&rs->escalations[i < rs->n_global_escalations
						                     ? rs->global_escalations[i]
						                     : me->escalations[i - rs->n_global_escalations]];
					mpr_buf_printf(&b, "  - %s: %s\n      [%s]\n", e->id, e->effect, e->source);
				}
			}
			int first = 1;
			for (size_t i = 0; i < rs->n_floor; i++)
				if (rs->floor[i].any_attribute) {
					if (first)
						mpr_buf_puts(&b, "attributes that put it below the floor anywhere:\n");
					first = 0;
					mpr_buf_printf(&b, "  - %s:", rs->floor[i].id);
					for (size_t a = 0; a < rs->n_attributes; a++)
						if (rs->floor[i].any_attribute & ((mpr_set)1 << a))
							mpr_buf_printf(&b, " %s", rs->attributes[a].n.id);
					mpr_buf_printf(&b, "\n      [%s]\n", rs->floor[i].source);
				}
		}
	}
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering") : MPR_OK;
}

int mpr_render_summary(const mpr_ruleset *rs, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_summary: invalid arguments");
	*out = NULL;
	mpr_buf b = {0};
	mpr_buf_printf(&b, "ruleset %s: %s\n  fingerprint %s\n", rs->id, rs->title, rs->fingerprint);
	mpr_buf_printf(&b, "  tiers: ");
	for (size_t t = 0; t < rs->n_tiers; t++) {
		size_t n = 0, ex = 0;
		for (size_t c = 0; c < rs->n_countries; c++)
			if ((size_t)rs->countries[c].tier == t) {
				n++;
				ex += rs->countries[c].excluded != NULL;
			}
		mpr_buf_printf(&b, "%s%s (%zu countries%s)", t ? ", " : "", rs->tiers[t], n,
		               ex ? ", some excluded" : "");
	}
	size_t cells = rs->n_tiers * rs->n_tiers, ctx = 0;
	for (size_t c = 0; c < rs->n_countries; c++)
		ctx += rs->countries[c].n_context;
	mpr_buf_printf(&b,
	               "\n  %zu countries, %zu context factors, %zu measures, %zu escalations, "
	               "%zu safeguards, %zu attributes, %zu matrix cells, %zu floor rules, %zu sources\n",
	               rs->n_countries, ctx, rs->n_measures, rs->n_escalations, rs->n_safeguards,
	               rs->n_attributes, cells, rs->n_floor, rs->n_sources);
	mpr_buf_puts(&b, "  checks passed: schema, ids and references, sources present, every tier "
	                 "pair has a cell, top x top is no-go (C1), no cell lighter than one of lower "
	                 "risk (C3)\n");
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory rendering") : MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* JSON in, JSON out                                                         */

int mpr_decide_json(mpr_activity *a, const char *json, size_t len, const char *name,
                    unsigned line, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!a || (!json && len) || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_decide_json: invalid arguments");
	*out = NULL;
	if (!name)
		name = "<json>";
	yt_doc doc;
	mpr_arena arena = {0};
	/* a blank line (spaces, tabs, CR, LF only) is an empty document, whatever
	 * YAML makes of a tab */
	bool blank = !json || strspn(json, " \t\r\n") >= len;
	int rc = yt_parse(&doc, name, (const unsigned char *)(blank ? "" : json), blank ? 0 : len, NULL,
	                  NULL, err);
	if (rc && err && err->line && line)
		err->line = line; /* the line of the stream, not of the one-line document */
	sc_ctx c = {name, err, &arena};
	const char *attrs[MPR_MAX_SET] = {0}, *sgs[MPR_MAX_SET] = {0};
	mpr_query q;
	memset(&q, 0, sizeof q);
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, name, line, 1, "an empty line is not an activity");
	if (rc == MPR_OK && (rc = mpr_query_read(&c, doc.root, &q, attrs, sgs))) {
		if (err && err->line && line)
			err->line = line;
	}
	if (rc == MPR_OK) {
		rc = mpr_decide(a, &q, err);
		if (rc && err) { /* name the place of the unknown id */
			snprintf(err->file, sizeof err->file, "%s", name);
			err->line = line;
			err->column = 1;
		}
	}
	if (rc == MPR_OK) {
		mpr_buf b = {0}, line_buf = {0};
		mpr_json_decision(&b, a->rules, q.id, &a->d, "", NULL, 0, NULL, 1);
		mpr_buf_append_one_line(&line_buf, b.data ? b.data : "", b.len);
		if (b.failed)
			line_buf.failed = 1;
		free(b.data);
		mpr_buf_puts(&line_buf, "\n");
		rc = mpr_buf_finish(&line_buf, out, out_len);
		if (rc)
			mpr_fail(err, rc, name, line, 1, "out of memory");
	}
	/* the ids pointed into the tree: the decision keeps no pointer to them,
	 * except the id, which the caller has in the output */
	a->id = NULL;
	yt_doc_free(&doc);
	mpr_arena_free(&arena);
	return rc;
}

int mpr_evaluate_json(const mpr_ruleset *rules, const char *proposal, size_t len,
                      const char *name, char **out, size_t *out_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rules || !proposal || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_evaluate_json: invalid arguments");
	*out = NULL;
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	int rc = mpr_proposal_parse_buffer(&p, rules, proposal, len, name ? name : "<json>", NULL, err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rules, p, err);
	if (rc == MPR_OK)
		rc = mpr_render_result(r, MPR_FORMAT_JSON, out, out_len, err);
	mpr_result_free(r);
	mpr_proposal_free(p);
	return rc;
}
