/*
 * replay_print.c - what replay reports, as text: the differences between a
 * recorded decision and the decision made again (summary.c computes them),
 * a record whose input would now be refused, and the summary at the end.
 * replay.c decides what to report; this file only words it.
 *
 * Everything printed from a record (ids, file names, times) may have been
 * written by whoever tampered with it: control characters are shown as
 * \xNN, never written to a terminal as they are.
 */
#include <stdio.h>
#include <string.h>

#include "audit/replay.h"
#include "render/render.h"

/* Text from a record, with its control characters made visible. */
static void put(mpr_buf *b, const char *s)
{
	if (!s) {
		mpr_buf_puts(b, "(none)");
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != 0x7f)
			p++;
		mpr_buf_append(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		mpr_buf_printf(b, "\\x%02x", *p);
	}
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
		if (k == no) {
			mpr_buf_printf(b, " %s", sign);
			put(b, a[i]);
		}
	}
}

static void activity_fields(mpr_buf *b, const sum_activity *w, const sum_activity *n, unsigned f)
{
	const char *sep = "";
	if (f & RF_SUBJECT) {
		mpr_buf_puts(b, "subject ");
		put(b, w->country);
		mpr_buf_puts(b, " x ");
		put(b, w->measure);
		mpr_buf_puts(b, " for ");
		put(b, w->beneficiary);
		mpr_buf_puts(b, " by ");
		put(b, w->implementer);
		mpr_buf_puts(b, " -> ");
		put(b, n->country);
		mpr_buf_puts(b, " x ");
		put(b, n->measure);
		mpr_buf_puts(b, " for ");
		put(b, n->beneficiary);
		mpr_buf_puts(b, " by ");
		put(b, n->implementer);
		sep = "; ";
	}
	if (f & RF_TIERS) {
		mpr_buf_printf(b, "%stiers: country ", sep);
		put(b, w->country_tier);
		mpr_buf_puts(b, ", measure ");
		put(b, w->measure_tier);
		mpr_buf_printf(b, " -> country %s, measure %s", n->country_tier, n->measure_tier);
		sep = "; ";
	}
	if (f & RF_VERDICT) {
		mpr_buf_printf(b, "%sverdict ", sep);
		put(b, w->verdict);
		mpr_buf_printf(b, " -> %s", n->verdict);
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
		mpr_buf_printf(b, "%smonitoring ", sep);
		put(b, w->level);
		mpr_buf_printf(b, " every %ld -> %s every %ld months", w->months, n->level, n->months);
		sep = "; ";
	}
	if (f & RF_SUSPENSION) {
		mpr_buf_printf(b, "%ssuspension ", sep);
		put(b, w->suspension);
		mpr_buf_printf(b, " -> %s", n->suspension);
	}
}

static void plan_words(mpr_buf *b, const decision_sum *s)
{
	mpr_buf_printf(b, "every %ld months, ", s->plan_months);
	put(b, s->plan_level);
	mpr_buf_puts(b, ", suspension ");
	put(b, s->plan_suspension);
	mpr_buf_printf(b, ", a local independent body %srequired", s->plan_local ? "" : "not ");
}

/* "a, b" or "none". */
static void id_words(mpr_buf *b, const char *const *ids, size_t n)
{
	if (!n)
		mpr_buf_puts(b, "none");
	for (size_t i = 0; i < n; i++) {
		mpr_buf_puts(b, i ? ", " : "");
		put(b, ids[i]);
	}
}

static void one_activity_diff(mpr_buf *b, const decision_sum *was, const decision_sum *now,
                              const rec_diff *d)
{
	const sum_activity *a = d->kind == RD_ACTIVITY_ADDED ? &now->activities[d->now]
	                                                     : &was->activities[d->was];
	mpr_buf_puts(b, "activity ");
	put(b, a->id);
	mpr_buf_puts(b, ": ");
	if (d->kind == RD_ACTIVITY) {
		activity_fields(b, a, &now->activities[d->now], d->fields);
	} else if (d->kind == RD_ACTIVITY_ADDED) {
		mpr_buf_printf(b, "not in the record; decided now: %s", a->verdict);
	} else {
		mpr_buf_puts(b, "in the record (");
		put(b, a->verdict);
		mpr_buf_puts(b, "), not decided now");
	}
}

static void one_finding_diff(mpr_buf *b, const decision_sum *was, const decision_sum *now,
                             const rec_diff *d)
{
	const sum_finding *f = d->kind == RD_FINDING_ADDED ? &now->findings[d->now]
	                                                   : &was->findings[d->was];
	mpr_buf_puts(b, "finding ");
	put(b, f->rule);
	mpr_buf_puts(b, ": ");
	if (d->kind == RD_FINDING) {
		put(b, f->severity);
		mpr_buf_printf(b, " -> %s", now->findings[d->now].severity);
	} else if (d->kind == RD_FINDING_ADDED) {
		mpr_buf_printf(b, "not in the record; raised now (%s)", f->severity);
	} else {
		mpr_buf_puts(b, "in the record (");
		put(b, f->severity);
		mpr_buf_puts(b, "), not raised now");
	}
}

static void one_diff(mpr_buf *b, const decision_sum *was, const decision_sum *now,
                     const rec_diff *d)
{
	switch (d->kind) {
	case RD_VERDICT:
		mpr_buf_puts(b, "verdict: ");
		put(b, was->verdict);
		mpr_buf_printf(b, " (%s) -> %s (%s)", yes(was->passes), now->verdict, yes(now->passes));
		break;
	case RD_PARTNERSHIP:
		mpr_buf_puts(b, "partnership: ");
		put(b, was->partnership);
		mpr_buf_puts(b, " -> ");
		put(b, now->partnership);
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
	mpr_buf_printf(b, "%s:%lu: ", log, r->line);
	put(b, r->file);
	mpr_buf_puts(b, " (decided ");
	put(b, r->time ? r->time : "at an unrecorded time");
	if (r->ruleset) {
		mpr_buf_puts(b, " with ");
		put(b, r->ruleset);
	}
	if (r->fingerprint) {
		mpr_buf_puts(b, " ");
		mpr_buf_printf(b, "%.23s", r->fingerprint);
	}
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
	mpr_buf_printf(b, ": %s\n    ", tampered ? "its input is refused by the rules it names"
	                                        : "its input would now be refused");
	put(b, msg);
	mpr_buf_puts(b, "\n");
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
