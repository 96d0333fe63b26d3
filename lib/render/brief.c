/*
 * brief.c - the short answer (`mprisk evaluate --brief`): per proposal its
 * verdict (with each country's tier) and the first reason it does not pass,
 * then one line per activity (where, what, the verdict and the rule that
 * decided it). Seven proposals
 * fit on one screen, so every line is cut to MPR_BRIEF_COLUMNS characters;
 * the whole decision is `evaluate` without --brief. Which step decides and
 * which reason is first is computed by decide/reasons.c.
 */
#include <stdlib.h>
#include <string.h>

#include "decide/decide.h"
#include "render/render.h"

/* Characters (UTF-8 code points) of s. */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* line, cut to the width with an ellipsis, and a newline. */
static void put_line(mpr_buf *b, const mpr_buf *line)
{
	const char *s = line->data ? line->data : "";
	size_t n = line->len;
	if (columns(s, n) <= MPR_BRIEF_COLUMNS) {
		mpr_buf_append(b, s, n);
	} else {
		size_t keep = 0, cols = 0;
		while (keep < n && cols < MPR_BRIEF_COLUMNS - 1) {
			keep++;
			while (keep < n && ((unsigned char)s[keep] & 0xC0) == 0x80)
				keep++;
			cols++;
		}
		mpr_buf_append(b, s, keep);
		mpr_buf_puts(b, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
	}
	mpr_buf_puts(b, "\n");
	b->failed |= line->failed;
}

/* "RULE: EFFECT" of the decisive step of activity i; for a no-go cell what
 * the report says of it (its source: C1), not its mechanics. */
static void activity_reason(mpr_buf *b, const mpr_how *how, const mpr_result *r, size_t i)
{
	const mpr_decision *d = &r->activities[i].d;
	const mpr_step *s = mpr_decisive_step(r->rules, d);
	if (s)
		mpr_buf_printf(b, "%s: %s", s->rule, rt(how, s->rule == d->cell->id ? s->source : s->effect));
}

/* "ID (TN high, SN low): VERDICT, passes or not; N partnership findings":
 * each country the activities were decided in, once, with its tier. */
static void proposal_line(mpr_buf *line, const mpr_how *how, const mpr_result *r)
{
	const mpr_proposal *p = r->proposal;
	const mpr_ruleset *rs = r->rules;
	mpr_buf_puts(line, p->id ? p->id : p->name);
	for (size_t i = 0; i < r->n_activities; i++) {
		int c = r->activities[i].d.country;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = r->activities[k].d.country == c;
		if (!seen)
			mpr_buf_printf(line, "%s%s %s", i ? ", " : " (", rs->countries[c].n.id,
			               rt(how, rs->tiers[rs->countries[c].tier]));
	}
	mpr_buf_printf(line, "%s: %s, %s", r->n_activities ? ")" : "",
	               mpr_verdict_text(how, r->verdict),
	               r->passes ? tr(how, "passes") : tr(how, "does not pass"));
	if (r->n_findings == 1)
		mpr_buf_puts(line, tr(how, "; 1 partnership finding"));
	else if (r->n_findings)
		mpr_buf_printf(line, tr(how, "; %zu partnership findings"), r->n_findings);
}

static void first_reason_line(mpr_buf *line, const mpr_how *how, const mpr_result *r)
{
	mpr_first_reason f = mpr_result_first_reason(r);
	mpr_buf_puts(line, "  ");
	if (f.activity >= 0) {
		mpr_buf_printf(line, tr(how, "first reason: activity %s: "), r->activities[f.activity].id);
		activity_reason(line, how, r, (size_t)f.activity);
	} else if (f.finding >= 0) {
		const mpr_prule *pr = r->findings[f.finding];
		mpr_buf_printf(line, tr(how, "first reason: finding %s: %s"), pr->id, rt(how, pr->message));
	}
}

/* The widest of the activities' ids and measure ids, at most cap. */
static int width(const mpr_result *r, bool measure, size_t cap)
{
	size_t w = 0;
	for (size_t i = 0; i < r->n_activities; i++) {
		const char *s = measure ? r->rules->measures[r->activities[i].d.measure].n.id
		                        : r->activities[i].id;
		size_t n = columns(s, strlen(s));
		w = n > w ? n : w;
	}
	return (int)(w < cap ? w : cap);
}

static void activity_line(mpr_buf *line, const mpr_how *how, const mpr_result *r, size_t i,
                          int w_id, int w_measure, int w_verdict)
{
	const mpr_ruleset *rs = r->rules;
	const mpr_decision *d = &r->activities[i].d;
	const char *verdict = mpr_verdict_text(how, d->verdict);
	mpr_buf_printf(line, "  %-*s  %s  %-*s  %s%*s  ", w_id, r->activities[i].id,
	               rs->countries[d->country].n.id, w_measure, rs->measures[d->measure].n.id,
	               verdict, w_verdict - (int)columns(verdict, strlen(verdict)), "");
	const mpr_step *s = mpr_decisive_step(rs, d);
	if (!s) {
		mpr_buf_printf(line, tr(how, "passes, every %u months"), d->cell->months);
	} else if (d->verdict <= MPR_CONDITIONAL) {
		mpr_buf_puts(line, tr(how, "missing:"));
		const char *sep = " ";
		for (size_t k = 0; k < rs->n_safeguards; k++)
			if (d->missing & ((mpr_set)1 << k)) {
				mpr_buf_printf(line, "%s%s", sep, rs->safeguards[k].n.id);
				sep = ", ";
			}
	} else {
		mpr_buf_puts(line, s->rule);
	}
}

/* The widest verdict word of the language: the column of the verdicts. */
static int verdict_width(const mpr_how *how)
{
	size_t w = 0;
	for (int v = MPR_PERMITTED; v <= MPR_PROHIBITED; v++) {
		const char *s = mpr_verdict_text(how, (mpr_verdict)v);
		size_t n = columns(s, strlen(s));
		w = n > w ? n : w;
	}
	return (int)w;
}

void mpr_text_brief(mpr_buf *b, const mpr_how *how, const mpr_result *r)
{
	mpr_buf line = {0};
	proposal_line(&line, how, r);
	put_line(b, &line);
	if (!r->passes) {
		line.len = 0;
		first_reason_line(&line, how, r);
		put_line(b, &line);
	}
	int w_id = width(r, false, 24), w_measure = width(r, true, 34), w_verdict = verdict_width(how);
	for (size_t i = 0; i < r->n_activities; i++) {
		line.len = 0;
		activity_line(&line, how, r, i, w_id, w_measure, w_verdict);
		put_line(b, &line);
	}
	free(line.data);
}
