/*
 * ruletest_monitor.c - rule tests of monitoring (docs/auditing.md,
 * "Monitoring cases"): a case gives a proposal, what its monitoring rounds
 * found and a date, and says what the status must be: the partnership's
 * status, each activity's status, consequences (the exact set) and next
 * round, the partnership's consequences, where the agreements stand, and
 * which measure types the observations escalate for new proposals (R9).
 * And the experience a proposal case decides with (R9). Cases are data an
 * auditor reads and writes, like the decision cases of ruletest.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/ruletest.h"

#include "audit/audit.h"
#include "decide/decide.h"
#include "input/observations.h"
#include "util/date.h"
#include "util/error.h"

/* An id of the list at n (absent: true) names the rule of an item, the
 * items being those of one activity or of the partnership. */
static bool fired(const mpr_monitoring *m, size_t first, size_t n, const char *id)
{
	for (size_t i = first; i < first + n; i++)
		if (strcmp(m->items[i].rule->id, id) == 0)
			return true;
	return false;
}

/* The exact set of consequences at list (ids), against items first .. + n. */
static int check_set(runner *R, sc_ctx *c, const yt_node *list, const mpr_monitoring *m,
                     size_t first, size_t n, const char *head, int *bad)
{
	int rc = sc_seq(c, list, "'consequences'", 0);
	for (size_t k = 0; rc == MPR_OK && k < list->n; k++) {
		const char *id;
		if ((rc = sc_scalar_str(c, list->items[k], "a consequence id", &id)))
			break;
		bool known = false;
		for (size_t q = 0; q < R->rs->n_consequences; q++)
			known |= strcmp(R->rs->consequences[q].id, id) == 0;
		if (!known)
			return sc_fail(c, MPR_EREF, list->items[k], "unknown consequence '%s'", id);
		if (!fired(m, first, n, id)) {
			mpr_buf_printf(R->report, "%sexpected consequence %s, it did not follow\n", head, id);
			(*bad)++;
		}
	}
	for (size_t i = first; rc == MPR_OK && i < first + n; i++) {
		bool expected = false;
		for (size_t k = 0; k < list->n; k++)
			expected |= strcmp(list->items[k]->value, m->items[i].rule->id) == 0;
		if (!expected) {
			mpr_buf_printf(R->report, "%sconsequence %s followed, not expected\n", head,
			               m->items[i].rule->id);
			(*bad)++;
		}
	}
	return rc;
}

static int check_word(runner *R, const char *head, const char *what, const char *want,
                      const char *got, int *bad)
{
	if (strcmp(want, got) != 0) {
		mpr_buf_printf(R->report, "%sexpected %s %s, got %s\n", head, what, want, got);
		(*bad)++;
	}
	return MPR_OK;
}

/* What a case expects of one activity. */
static int check_activity(runner *R, sc_ctx *c, const yt_node *e, const mpr_monitoring *m,
                          size_t a, const char *head, int *bad)
{
	static const char *const keys[] = {"status", "consequences", "next_round_due",
	                                   "open_findings", NULL};
	static const char *const statuses[] = {"active", "overdue", "suspension-required", "stop"};
	const mpr_mon_activity *ma = &m->activities[a];
	int st, rc;
	const char *due;
	long n;
	bool has_n = false;
	if ((rc = sc_map(c, e, "what an activity's monitoring must be", keys)) ||
	    (rc = sc_int(c, e, "open_findings", false, 0, 100000, &n, &has_n)))
		return rc;
	/* an empty map would check nothing and still count as a passing case */
	if (e->n == 0)
		return sc_fail(c, MPR_ESCHEMA, e,
		               "an activity must expect a status, consequences, next_round_due or "
		               "open_findings");
	if (yt_get(e, "status") && !(rc = sc_enum(c, e, "status", true, statuses, 4, &st)))
		check_word(R, head, "status", statuses[st], mpr_mon_activity_word(ma->status), bad);
	if (rc == MPR_OK && yt_get(e, "next_round_due") &&
	    !(rc = sc_date(c, e, "next_round_due", true, &due))) {
		char got[11];
		mpr_date_format(ma->next_due, got);
		check_word(R, head, "next round due", due, got, bad);
	}
	if (rc == MPR_OK && has_n && (size_t)n != ma->n_open) {
		mpr_buf_printf(R->report, "%sexpected %ld open findings, got %zu\n", head, n, ma->n_open);
		(*bad)++;
	}
	if (rc == MPR_OK && yt_get(e, "consequences"))
		rc = check_set(R, c, yt_get(e, "consequences"), m, ma->first_item, ma->n_items, head, bad);
	return rc;
}

static int check_activities(runner *R, sc_ctx *c, const yt_node *acts, const mpr_monitoring *m,
                            const char *head, int *bad)
{
	int rc = sc_map(c, acts, "'activities'", NULL);
	if (rc == MPR_OK && acts->n == 0)
		return sc_fail(c, MPR_ESCHEMA, acts, "'activities' must name at least one activity");
	for (size_t i = 0; rc == MPR_OK && i < acts->n; i++) {
		const char *id = acts->items[2 * i]->value;
		size_t a = 0;
		while (a < m->proposal->n_activities && strcmp(m->proposal->activities[a].id, id) != 0)
			a++;
		if (a == m->proposal->n_activities)
			return sc_fail(c, MPR_EREF, acts->items[2 * i], "the proposal has no activity '%s'", id);
		char ahead[700];
		snprintf(ahead, sizeof ahead, "%sactivity %s: ", head, id);
		rc = check_activity(R, c, acts->items[2 * i + 1], m, a, ahead, bad);
	}
	return rc;
}

static int check_agreements(runner *R, sc_ctx *c, const yt_node *g, const mpr_monitoring *m,
                            const char *head, int *bad)
{
	static const char *const statuses[] = {"on-schedule", "met", "behind-schedule", "incomplete"};
	int rc = sc_map(c, g, "'agreements'", NULL);
	if (rc == MPR_OK && g->n == 0)
		return sc_fail(c, MPR_ESCHEMA, g, "'agreements' must name at least one agreement");
	for (size_t i = 0; rc == MPR_OK && i < g->n; i++) {
		const char *id = g->items[2 * i]->value;
		size_t k = 0;
		while (k < m->proposal->n_agreements && strcmp(m->proposal->agreements[k].id, id) != 0)
			k++;
		if (k == m->proposal->n_agreements)
			return sc_fail(c, MPR_EREF, g->items[2 * i], "the proposal has no agreement '%s'", id);
		int st;
		if (!(rc = sc_enum(c, g, id, true, statuses, 4, &st))) {
			char what[300];
			snprintf(what, sizeof what, "agreement %s", id);
			check_word(R, head, what, statuses[st], mpr_agreement_word(m->agreements[k].status), bad);
		}
	}
	return rc;
}

/* The exact set of measure types in countries the observations escalate. */
static int check_escalates(runner *R, sc_ctx *c, const yt_node *list, const mpr_monitoring *m,
                           const char *head, int *bad)
{
	static const char *const keys[] = {"country", "measure", NULL};
	const mpr_experience *e = m->experience;
	int rc = sc_seq(c, list, "'escalates'", 0);
	bool seen[256] = {false};
	for (size_t k = 0; rc == MPR_OK && k < list->n; k++) {
		const char *cc, *me;
		const yt_node *it = list->items[k];
		if ((rc = sc_map(c, it, "an escalation by experience", keys)) ||
		    (rc = sc_str(c, it, "country", true, &cc)) || (rc = sc_str(c, it, "measure", true, &me)))
			break;
		int ci = mpr_index_find(&R->rs->country_index, cc), mi = mpr_index_find(&R->rs->measure_index, me);
		const mpr_experienced *x = ci < 0 || mi < 0 ? NULL : mpr_experience_find(e, ci, mi);
		if (!x) {
			mpr_buf_printf(R->report, "%sexpected experience to escalate %s in %s, it does not\n",
			               head, me, cc);
			(*bad)++;
		} else if ((size_t)(x - e->entries) < sizeof seen) {
			seen[x - e->entries] = true;
		}
	}
	for (size_t i = 0; rc == MPR_OK && i < e->n_entries && i < sizeof seen; i++)
		if (!seen[i]) {
			mpr_buf_printf(R->report, "%sexperience escalates %s in %s, not expected\n", head,
			               R->rs->measures[e->entries[i].measure].n.id,
			               R->rs->countries[e->entries[i].country].n.id);
			(*bad)++;
		}
	return rc;
}

static int check(runner *R, sc_ctx *c, const yt_node *en, const mpr_monitoring *m,
                 const char *head, int *bad)
{
	static const char *const keys[] = {"status", "activities", "findings", "agreements",
	                                   "escalates", NULL};
	static const char *const statuses[] = {"on-track", "action-required", "stop"};
	int rc = sc_map(c, en, "'expect'", keys), st;
	if (rc == MPR_OK && en->n == 0)
		return sc_fail(c, MPR_ESCHEMA, en, "'expect' must expect something");
	if (rc == MPR_OK && yt_get(en, "status") && !(rc = sc_enum(c, en, "status", true, statuses, 3, &st)))
		check_word(R, head, "status", statuses[st], mpr_mon_status_word(m->status), bad);
	if (rc == MPR_OK && yt_get(en, "activities"))
		rc = check_activities(R, c, yt_get(en, "activities"), m, head, bad);
	if (rc == MPR_OK && yt_get(en, "findings"))
		rc = check_set(R, c, yt_get(en, "findings"), m, m->first_partnership,
		               m->n_items - m->first_partnership, head, bad);
	if (rc == MPR_OK && yt_get(en, "agreements"))
		rc = check_agreements(R, c, yt_get(en, "agreements"), m, head, bad);
	if (rc == MPR_OK && yt_get(en, "escalates"))
		rc = check_escalates(R, c, yt_get(en, "escalates"), m, head, bad);
	return rc;
}

/* The proposal, the observations and the date of a monitoring case. */
typedef struct inputs {
	mpr_proposal *p;
	mpr_observations *obs[16];
	size_t n;
} inputs;

static void inputs_free(inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		mpr_observations_free(in->obs[i]);
	mpr_proposal_free(in->p);
}

static int read_inputs(runner *R, sc_ctx *c, const yt_node *mon, inputs *in, const char **as_of)
{
	static const char *const keys[] = {"proposal", "observations", "as_of", NULL};
	const yt_node *list;
	int rc;
	if ((rc = sc_map(c, mon, "'monitoring'", keys)) || (rc = sc_date(c, mon, "as_of", true, as_of)) ||
	    (rc = sc_list(c, mon, "observations", true, 1, &list)))
		return rc;
	if (!yt_get(mon, "proposal"))
		return sc_fail(c, MPR_ESCHEMA, mon, "missing required key 'proposal'");
	if (list->n > sizeof in->obs / sizeof *in->obs)
		return sc_fail(c, MPR_ELIMIT, list, "%zu observations files, at most %zu in a case", list->n,
		               sizeof in->obs / sizeof *in->obs);
	if ((rc = ruletest_proposal(R, c, yt_get(mon, "proposal"), &in->p)))
		return rc;
	for (size_t k = 0; k < list->n; k++) {
		if ((rc = ruletest_observations(R, c, list->items[k], in->p, &in->obs[k])))
			return rc;
		in->n = k + 1;
	}
	return MPR_OK;
}

int ruletest_monitoring_case(runner *R, sc_ctx *c, const yt_node *it, const char *name)
{
	inputs in = {0};
	const char *as_of;
	mpr_monitoring *m = NULL;
	int rc = read_inputs(R, c, yt_get(it, "monitoring"), &in, &as_of);
	if (rc == MPR_OK)
		rc = mpr_monitor(&m, R->rs, in.p, (const mpr_observations *const *)in.obs, in.n, as_of,
		                 R->err);
	int bad = 0;
	if (rc == MPR_OK) {
		if (R->cov)
			mpr_cover_monitoring(R->cov, m);
		char head[RT_HEAD];
		ruletest_head(R, it, name, head);
		rc = check(R, c, yt_get(it, "expect"), m, head, &bad);
	}
	mpr_monitoring_free(m);
	inputs_free(&in);
	return ruletest_count(R, rc, bad);
}

/* One source of experience: an observations file that names its
 * proposal, or {proposal, observations} written inline. */
static int experience_source(runner *R, sc_ctx *c, const yt_node *n, mpr_experience *e)
{
	static const char *const keys[] = {"proposal", "observations", NULL};
	if (n->kind == YT_SCALAR) {
		const char *rel;
		char path[4096];
		int rc = sc_scalar_str(c, n, "observations", &rel);
		if (rc)
			return rc;
		ruletest_path(R, rel, path, sizeof path);
		return mpr_experience_add_file(e, path, R->opts, R->err);
	}
	mpr_proposal *p = NULL;
	mpr_observations *o = NULL;
	int rc = sc_map(c, n, "a source of experience", keys);
	if (rc == MPR_OK && (!yt_get(n, "proposal") || !yt_get(n, "observations")))
		rc = sc_fail(c, MPR_ESCHEMA, n, "a source of experience needs 'proposal' and 'observations'");
	if (rc == MPR_OK)
		rc = ruletest_proposal(R, c, yt_get(n, "proposal"), &p);
	if (rc == MPR_OK)
		rc = ruletest_observations(R, c, yt_get(n, "observations"), p, &o);
	if (rc == MPR_OK)
		rc = mpr_experience_add(e, o, R->err);
	mpr_observations_free(o);
	mpr_proposal_free(p);
	return rc;
}

int ruletest_experience(runner *R, sc_ctx *c, const yt_node *n, mpr_experience **out)
{
	static const char *const keys[] = {"as_of", "observations", NULL};
	*out = NULL;
	if (!n)
		return MPR_OK;
	const char *as_of;
	const yt_node *list;
	int rc;
	if ((rc = sc_map(c, n, "'experience'", keys)) || (rc = sc_date(c, n, "as_of", true, &as_of)) ||
	    (rc = sc_list(c, n, "observations", true, 1, &list)) ||
	    (rc = mpr_experience_new(out, R->rs, as_of, R->err)))
		return rc;
	for (size_t k = 0; rc == MPR_OK && k < list->n; k++)
		rc = experience_source(R, c, list->items[k], *out);
	if (rc) {
		mpr_experience_free(*out);
		*out = NULL;
	}
	return rc;
}
