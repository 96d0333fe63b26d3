/*
 * replay_print.c - what replay reports, as text: the differences between a
 * recorded decision and the decision made again (summary.c computes them),
 * a record whose input would now be refused, and the summary at the end.
 * replay.c decides what to report; this file only words it.
 *
 * Everything printed from a record (ids, file names, times) may have been
 * written by whoever tampered with it: it goes through mpr_buf_printf's %s,
 * which shows every hidden character (util/text.h: controls, separators,
 * bidi overrides, invalid bytes) as an escape, never raw.
 */
#include <stdio.h>
#include <string.h>

#include "audit/replay.h"
#include "render/render.h"

/* A text of a record, "(none)" where it has none. Every text is printed
 * through mpr_buf_printf's %s, which shows hidden characters visibly. */
static const char *shown(const char *s)
{
	return s ? s : "(none)";
}

static const char *yes(int v)
{
	return v ? "passes" : "does not pass";
}

/* The ids of a that are not in b, each after sign. */
static void ids_minus(mpr_buf *b, const char *const *a, size_t na, const char *const *o, size_t no,
                      const char *sign)
{
	for (size_t i = 0; i < na; i++) {
		size_t k = 0;
		while (k < no && strcmp(a[i], o[k]) != 0)
			k++;
		if (k == no)
			mpr_buf_printf(b, " %s%s", sign, a[i]);
	}
}

static void activity_fields(mpr_buf *b, const sum_activity *w, const sum_activity *n, unsigned f)
{
	const char *sep = "";
	if (f & RF_SUBJECT) {
		mpr_buf_printf(b, "subject %s x %s for %s by %s -> %s x %s for %s by %s",
		               shown(w->country), shown(w->measure), shown(w->beneficiary),
		               shown(w->implementer), shown(n->country), shown(n->measure),
		               shown(n->beneficiary), shown(n->implementer));
		sep = "; ";
	}
	if (f & RF_TIERS) {
		mpr_buf_printf(b, "%stiers: country %s, measure %s -> country %s, measure %s", sep,
		               shown(w->country_tier), shown(w->measure_tier), n->country_tier,
		               n->measure_tier);
		sep = "; ";
	}
	if (f & RF_VERDICT) {
		mpr_buf_printf(b, "%sverdict %s -> %s", sep, shown(w->verdict), n->verdict);
		sep = "; ";
	}
	if (f & RF_PASSES) {
		mpr_buf_printf(b, "%s%s -> %s", sep, yes(w->passes), yes(n->passes));
		sep = "; ";
	}
	if (f & RF_REQUIRED) {
		mpr_buf_printf(b, "%srequired safeguards:", sep);
		ids_minus(b, n->required, n->n_required, w->required, w->n_required, "+");
		ids_minus(b, w->required, w->n_required, n->required, n->n_required, "-");
		sep = "; ";
	}
	if (f & RF_MISSING) {
		mpr_buf_printf(b, "%smissing safeguards:", sep);
		ids_minus(b, n->missing, n->n_missing, w->missing, w->n_missing, "+");
		ids_minus(b, w->missing, w->n_missing, n->missing, n->n_missing, "-");
		sep = "; ";
	}
	if (f & RF_MONITORING) {
		mpr_buf_printf(b, "%smonitoring %s every %ld -> %s every %ld months", sep, shown(w->level),
		               w->months, n->level, n->months);
		sep = "; ";
	}
	if (f & RF_SUSPENSION) {
		mpr_buf_printf(b, "%ssuspension %s -> %s", sep, shown(w->suspension), n->suspension);
	}
}

static void plan_words(mpr_buf *b, const decision_sum *s)
{
	mpr_buf_printf(b, "every %ld months, %s, suspension %s, a local independent body %srequired",
	               s->plan_months, shown(s->plan_level), shown(s->plan_suspension),
	               s->plan_local ? "" : "not ");
}

/* "a, b" or "none". */
static void id_words(mpr_buf *b, const char *const *ids, size_t n)
{
	if (!n)
		mpr_buf_puts(b, "none");
	for (size_t i = 0; i < n; i++)
		mpr_buf_printf(b, "%s%s", i ? ", " : "", ids[i]);
}

static void one_activity_diff(mpr_buf *b, const decision_sum *was, const decision_sum *now,
                              const rec_diff *d)
{
	const sum_activity *a = d->kind == RD_ACTIVITY_ADDED ? &now->activities[d->now]
	                                                     : &was->activities[d->was];
	mpr_buf_printf(b, "activity %s: ", shown(a->id));
	if (d->kind == RD_ACTIVITY)
		activity_fields(b, a, &now->activities[d->now], d->fields);
	else if (d->kind == RD_ACTIVITY_ADDED)
		mpr_buf_printf(b, "not in the record; decided now: %s", a->verdict);
	else
		mpr_buf_printf(b, "in the record (%s), not decided now", shown(a->verdict));
}

static void one_finding_diff(mpr_buf *b, const decision_sum *was, const decision_sum *now,
                             const rec_diff *d)
{
	const sum_finding *f = d->kind == RD_FINDING_ADDED ? &now->findings[d->now]
	                                                   : &was->findings[d->was];
	mpr_buf_printf(b, "finding %s: ", shown(f->rule));
	if (d->kind == RD_FINDING)
		mpr_buf_printf(b, "%s -> %s", shown(f->severity), now->findings[d->now].severity);
	else if (d->kind == RD_FINDING_ADDED)
		mpr_buf_printf(b, "not in the record; raised now (%s)", f->severity);
	else
		mpr_buf_printf(b, "in the record (%s), not raised now", shown(f->severity));
}

static void one_diff(mpr_buf *b, const decision_sum *was, const decision_sum *now,
                     const rec_diff *d)
{
	switch (d->kind) {
	case RD_VERDICT:
		mpr_buf_printf(b, "verdict: %s (%s) -> %s (%s)", shown(was->verdict), yes(was->passes),
		               now->verdict, yes(now->passes));
		break;
	case RD_PARTNERSHIP:
		mpr_buf_printf(b, "partnership: %s -> %s", shown(was->partnership),
		               shown(now->partnership));
		break;
	case RD_ACTIVITY:
	case RD_ACTIVITY_ADDED:
	case RD_ACTIVITY_MISSING:
		one_activity_diff(b, was, now, d);
		break;
	case RD_FINDING:
	case RD_FINDING_ADDED:
	case RD_FINDING_REMOVED:
		one_finding_diff(b, was, now, d);
		break;
	case RD_LIFTED:
		mpr_buf_puts(b, "lifted by a declaration: ");
		id_words(b, was->lifted, was->n_lifted);
		mpr_buf_puts(b, " -> ");
		id_words(b, now->lifted, now->n_lifted);
		break;
	default: /* RD_PLAN */
		mpr_buf_puts(b, "monitoring plan: ");
		plan_words(b, was);
		mpr_buf_puts(b, " -> ");
		plan_words(b, now);
	}
}

void sum_print(mpr_buf *b, const decision_sum *was, const decision_sum *now, const rec_diffs *d,
               const char *indent)
{
	for (size_t i = 0; i < d->n; i++) {
		mpr_buf_puts(b, indent);
		one_diff(b, was, now, &d->v[i]);
		mpr_buf_puts(b, "\n");
	}
}

void rp_record_head(mpr_buf *b, const char *log, const read_record *r)
{
	mpr_buf_printf(b, "%s:%lu: %s (decided %s", log, r->line, shown(r->file),
	               r->time ? r->time : "at an unrecorded time");
	if (r->ruleset)
		mpr_buf_printf(b, " with %s", r->ruleset);
	if (r->fingerprint)
		mpr_buf_printf(b, " %.23s", r->fingerprint);
	/* decided again by this engine, another engine's decision can only
	 * differ, never be TAMPERED: say which engine the record names */
	if (r->engine && strcmp(r->engine, mpr_version()) != 0)
		mpr_buf_printf(b, " by mprisk %s, not this %s", r->engine, mpr_version());
	mpr_buf_puts(b, r->legacy ? "; an unsealed legacy record)" : ")");
}

void rp_differs(mpr_buf *b, const char *log, const read_record *r, const decision_sum *was,
                const decision_sum *now, const rec_diffs *d, bool tampered)
{
	rp_record_head(b, log, r);
	mpr_buf_puts(b, tampered ? ": decided again with the rules and engine it names, the "
	                           "decision is not the recorded one (recorded -> decided again):\n"
	                         : ": would now be decided differently (recorded -> now):\n");
	sum_print(b, was, now, d, "    ");
}

void rp_refused(mpr_buf *b, const char *log, const read_record *r, const mpr_error *why,
                bool tampered)
{
	char msg[1200];
	mpr_error_format(why, msg, sizeof msg);
	rp_record_head(b, log, r);
	mpr_buf_printf(b, ": %s\n    %s\n", tampered ? "its input is refused by the rules it names"
	                                            : "its input would now be refused",
	               msg);
}

void rp_summary(mpr_buf *b, const mpr_ruleset *rules, const size_t *c, bool chain_only,
                size_t head_records, bool head_found)
{
	size_t n = c[MPR_REPLAY_RECORDS];
	if (chain_only)
		mpr_buf_printf(b, "%zu record%s checked (seals, inputs and the chain; not decided "
		                  "again)",
		               n, n == 1 ? "" : "s");
	else
		mpr_buf_printf(b, "%zu record%s replayed against ", n, n == 1 ? "" : "s");
	if (!chain_only) {
		mpr_text_ruleset(b, NULL, rules);
		mpr_buf_printf(b, ": %zu would now be decided differently (%zu change%s)",
		               c[MPR_REPLAY_DIFFER], c[MPR_REPLAY_CHANGES],
		               c[MPR_REPLAY_CHANGES] == 1 ? "" : "s");
	}
	mpr_buf_printf(b, ", %zu tampered with, %zu unreadable\n", c[MPR_REPLAY_TAMPERED],
	               c[MPR_REPLAY_UNREADABLE]);
	mpr_buf_printf(b, "chain: %zu sealed record%s", c[MPR_REPLAY_SEALED],
	               c[MPR_REPLAY_SEALED] == 1 ? "" : "s");
	if (c[MPR_REPLAY_LEGACY])
		mpr_buf_printf(b, ", %zu unsealed legacy record%s (format_version 2: only their input's "
		                  "sha256 protects them)",
		               c[MPR_REPLAY_LEGACY], c[MPR_REPLAY_LEGACY] == 1 ? "" : "s");
	if (!head_records)
		mpr_buf_puts(b, "; no signed head checked: a rewrite of the last records and of the "
		                "chain after them cannot be detected\n");
	else if (head_found && c[MPR_REPLAY_HEAD])
		mpr_buf_printf(b, "; the signed head covers the first %zu and matches\n", head_records);
	else
		mpr_buf_printf(b, "; the signed head covers the first %zu and DOES NOT MATCH\n",
		               head_records);
}
