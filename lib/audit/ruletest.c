/*
 * ruletest.c - table-driven rule tests (mpr_test_file; docs/auditing.md):
 * each case of a test file gives a country and a measure (with attributes,
 * beneficiary, implementer and safeguards), or a whole proposal, and what the decision
 * must be: verdict, passing, tiers, required and missing safeguards,
 * monitoring, suspension, rules that must fire, findings. A case that does
 * not match prints what was expected, what came, and the trace. The cases
 * are data a domain expert can read and write (jq and OpenFisca tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/ruletest.h"

#include "audit/audit.h"
#include "decide/decide.h"
#include "input/observations.h"
#include "input/proposal.h"
#include "input/schema.h"
#include "util/buf.h"
#include "util/error.h"

/* What a case expects of one decision; absent expectations are not checked. */
typedef struct expect {
	int verdict;  /* -1: not checked */
	int passes;   /* -1: not checked */
	int country_tier, measure_tier;
	int has_required, has_missing;
	mpr_set required, missing;
	int level;
	long months;
	int suspension;
	const yt_node *trace;    /* rule ids that must appear */
	const yt_node *not_trace; /* rule ids that must not appear */
	const yt_node *findings; /* the exact set of partnership findings */
	const yt_node *lifted;   /* the exact set of rules a declaration lifted */
} expect;

static const char *const verdict_names[] = {"permitted", "conditional", "no-go", "prohibited"};


/* A list of partnership rules at n[key] (absent: *out NULL), each a rule
 * of the ruleset. */
static int prule_list(sc_ctx *c, const mpr_ruleset *rs, const yt_node *n, const char *key,
                      const yt_node **out)
{
	int rc;
	if ((rc = sc_list(c, n, key, false, 0, out)) || !*out)
		return rc;
	for (size_t i = 0; i < (*out)->n; i++) {
		const char *s;
		if ((rc = sc_scalar_str(c, (*out)->items[i], "a partnership rule id", &s)))
			return rc;
		bool known = false;
		for (size_t k = 0; k < rs->n_prules; k++)
			known |= strcmp(rs->prules[k].id, s) == 0;
		if (!known)
			return sc_fail(c, MPR_EREF, (*out)->items[i], "unknown partnership rule '%s'", s);
	}
	return MPR_OK;
}

/* What a case expects of its proposal beyond verdict and passing: the
 * exact set of partnership findings, and of the rules a declaration lifted
 * (lifted_by), each a rule of the ruleset. */
static int expect_findings(sc_ctx *c, const mpr_ruleset *rs, const yt_node *n, expect *e)
{
	int rc = prule_list(c, rs, n, "findings", &e->findings);
	return rc ? rc : prule_list(c, rs, n, "lifted", &e->lifted);
}

/* What a case expects of one decision beyond verdict and passing. */
static int expect_decision(sc_ctx *c, const mpr_ruleset *rs, const yt_node *n, expect *e)
{
	int rc;
	if ((yt_get(n, "country_tier") &&
	     (rc = sc_enum(c, n, "country_tier", true, rs->tiers, rs->n_tiers, &e->country_tier))) ||
	    (yt_get(n, "measure_tier") &&
	     (rc = sc_enum(c, n, "measure_tier", true, rs->tiers, rs->n_tiers, &e->measure_tier))))
		return rc;
	if (yt_get(n, "required")) {
		e->has_required = 1;
		if ((rc = sc_id_set(c, n, "required", 0, &rs->safeguard_index, "safeguard", false,
		                    &e->required)))
			return rc;
	}
	if (yt_get(n, "missing")) {
		e->has_missing = 1;
		if ((rc = sc_id_set(c, n, "missing", 0, &rs->safeguard_index, "safeguard", false,
		                    &e->missing)))
			return rc;
	}
	const yt_node *m = yt_get(n, "monitoring");
	if (m) {
		static const char *const mkeys[] = {"level", "frequency_months", NULL};
		if ((rc = sc_map(c, m, "'monitoring'", mkeys)))
			return rc;
		/* an empty map would check nothing and still count as a passing case */
		if (m->n == 0)
			return sc_fail(c, MPR_ESCHEMA, m,
			               "'monitoring' must expect a level or frequency_months");
		if ((yt_get(m, "level") &&
		     (rc = sc_enum(c, m, "level", true, rs->monitoring, rs->n_monitoring, &e->level))) ||
		    (rc = sc_int(c, m, "frequency_months", false, 1, 120, &e->months, NULL)))
			return rc;
	}
	if (yt_get(n, "suspension")) {
		const char *ids[MPR_MAX_TIERS];
		for (size_t i = 0; i < rs->n_suspension; i++)
			ids[i] = rs->suspension[i].id;
		if ((rc = sc_enum(c, n, "suspension", true, ids, rs->n_suspension, &e->suspension)))
			return rc;
	}
	if ((rc = sc_list(c, n, "trace", false, 1, &e->trace)) ||
	    (rc = sc_list(c, n, "not_trace", false, 1, &e->not_trace)))
		return rc;
	for (size_t i = 0; e->trace && i < e->trace->n; i++) {
		const char *s;
		if ((rc = sc_scalar_str(c, e->trace->items[i], "a rule id", &s)))
			return rc;
	}
	for (size_t i = 0; e->not_trace && i < e->not_trace->n; i++) {
		const char *s;
		if ((rc = sc_scalar_str(c, e->not_trace->items[i], "a rule id", &s)))
			return rc;
	}
	return MPR_OK;
}

static int read_expect(sc_ctx *c, const mpr_ruleset *rs, const yt_node *n, bool single,
                       expect *e)
{
	static const char *const single_keys[] = {"verdict", "passes", "country_tier", "measure_tier",
	                                          "required", "missing", "monitoring", "suspension",
	                                          "trace", "not_trace", NULL};
	static const char *const proposal_keys[] = {"verdict", "passes", "activities", "findings",
	                                            "lifted", NULL};
	memset(e, 0, sizeof *e);
	e->verdict = e->passes = e->country_tier = e->measure_tier = e->level = e->suspension = -1;
	e->months = -1;
	int rc = sc_map(c, n, "'expect'", single ? single_keys : proposal_keys);
	if (rc)
		return rc;
	if (n->n == 0)
		return sc_fail(c, MPR_ESCHEMA, n, "'expect' must expect something");
	if (yt_get(n, "verdict") && (rc = sc_enum(c, n, "verdict", true, verdict_names, 4, &e->verdict)))
		return rc;
	if (yt_get(n, "passes")) {
		bool b;
		if ((rc = sc_bool(c, n, "passes", true, &b)))
			return rc;
		e->passes = b;
	}
	return single ? expect_decision(c, rs, n, e) : expect_findings(c, rs, n, e);
}

static void set_names(mpr_buf *b, const mpr_ruleset *rs, mpr_set s)
{
	mpr_buf_puts(b, "[");
	int first = 1;
	for (size_t i = 0; i < rs->n_safeguards; i++)
		if (s & ((mpr_set)1 << i)) {
			mpr_buf_printf(b, "%s%s", first ? "" : ", ", rs->safeguards[i].n.id);
			first = 0;
		}
	mpr_buf_puts(b, "]");
}

/* "expected WHAT safeguards [...], got [...]"; one mismatch. */
static int set_mismatch(mpr_buf *b, const char *head, const mpr_ruleset *rs, const char *what,
                        mpr_set want, mpr_set got)
{
	mpr_buf_printf(b, "%sexpected %s safeguards ", head, what);
	set_names(b, rs, want);
	mpr_buf_puts(b, ", got ");
	set_names(b, rs, got);
	mpr_buf_puts(b, "\n");
	return 1;
}

static bool in_trace(const mpr_decision *d, const char *rule)
{
	for (size_t k = 0; k < d->n_trace; k++)
		if (strcmp(d->trace[k].rule, rule) == 0)
			return true;
	return false;
}

/* Check one decision; write a line per mismatch prefixed by head. Returns
 * the number of mismatches. */
static int check_decision(mpr_buf *b, const char *head, const mpr_ruleset *rs, const expect *e,
                          const mpr_decision *d)
{
	int bad = 0;
	if (e->verdict >= 0 && e->verdict != (int)d->verdict) {
		mpr_buf_printf(b, "%sexpected %s, got %s\n", head, verdict_names[e->verdict],
		               verdict_names[d->verdict]);
		bad++;
	}
	if (e->passes >= 0 && e->passes != mpr_decision_passes(d)) {
		mpr_buf_printf(b, "%sexpected it %s, it %s\n", head, e->passes ? "to pass" : "not to pass",
		               e->passes ? "does not" : "passes");
		bad++;
	}
	if (e->country_tier >= 0 && e->country_tier != d->country_tier) {
		mpr_buf_printf(b, "%sexpected country tier %s, got %s\n", head, rs->tiers[e->country_tier],
		               rs->tiers[d->country_tier]);
		bad++;
	}
	if (e->measure_tier >= 0 && e->measure_tier != d->measure_tier) {
		mpr_buf_printf(b, "%sexpected measure tier %s, got %s\n", head, rs->tiers[e->measure_tier],
		               rs->tiers[d->measure_tier]);
		bad++;
	}
	if (e->has_required && e->required != d->required)
		bad += set_mismatch(b, head, rs, "required", e->required, d->required);
	if (e->has_missing && e->missing != d->missing)
		bad += set_mismatch(b, head, rs, "missing", e->missing, d->missing);
	if (e->level >= 0 && e->level != d->cell->monitoring) {
		mpr_buf_printf(b, "%sexpected monitoring %s, got %s\n", head, rs->monitoring[e->level],
		               rs->monitoring[d->cell->monitoring]);
		bad++;
	}
	if (e->months >= 0 && (unsigned)e->months != d->cell->months) {
		mpr_buf_printf(b, "%sexpected monitoring every %ld months, got every %u\n", head,
		               e->months, d->cell->months);
		bad++;
	}
	if (e->suspension >= 0 && e->suspension != d->cell->suspension) {
		mpr_buf_printf(b, "%sexpected suspension %s, got %s\n", head,
		               rs->suspension[e->suspension].id, rs->suspension[d->cell->suspension].id);
		bad++;
	}
	for (size_t i = 0; e->trace && i < e->trace->n; i++) {
		const char *want = e->trace->items[i]->value;
		if (!in_trace(d, want)) {
			mpr_buf_printf(b, "%sexpected rule %s in the trace, it did not fire\n", head, want);
			bad++;
		}
	}
	for (size_t i = 0; e->not_trace && i < e->not_trace->n; i++) {
		const char *unwanted = e->not_trace->items[i]->value;
		if (in_trace(d, unwanted)) {
			mpr_buf_printf(b, "%sexpected rule %s not to fire, it is in the trace\n", head,
			               unwanted);
			bad++;
		}
	}
	return bad;
}

static void append_trace(mpr_buf *b, const mpr_decision *d)
{
	mpr_buf_puts(b, "    trace:\n");
	for (size_t i = 0; i < d->n_trace; i++)
		mpr_buf_printf(b, "      - %s: %s [%s]\n", d->trace[i].rule, d->trace[i].effect,
		               d->trace[i].source);
}

static int single_case(runner *R, sc_ctx *c, const yt_node *it, const char *name)
{
	const mpr_ruleset *rs = R->rs;
	const char *code, *measure;
	int rc;
	if ((rc = sc_str(c, it, "country", true, &code)) ||
	    (rc = sc_str(c, it, "measure", true, &measure)))
		return rc;
	int ci = mpr_index_find(&rs->country_index, code);
	int mi = mpr_index_find(&rs->measure_index, measure);
	if (ci < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "country"), "unknown country '%s'", code);
	if (mi < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "measure"), "unknown measure '%s'", measure);
	mpr_set attrs = 0, declared = 0;
	bool declare_required = false;
	mpr_substance s = mpr_substance_of(ci, mi, 0);
	if (yt_get(it, "attributes") &&
	    (rc = sc_id_set(c, it, "attributes", 0, &rs->attribute_index, "attribute", false, &attrs)))
		return rc;
	s.attributes = attrs;
	if ((rc = mpr_substance_read(c, rs, it, &s)))
		return rc;
	const yt_node *sg = yt_get(it, "safeguards");
	if (sg && sg->kind == YT_SCALAR && yt_is(sg, "required"))
		declare_required = true;
	else if (sg && (rc = sc_id_set(c, it, "safeguards", 0, &rs->safeguard_index, "safeguard",
	                               false, &declared)))
		return rc;
	expect e;
	if ((rc = read_expect(c, rs, yt_get(it, "expect"), true, &e)))
		return rc;
	mpr_decision d = {.trace = R->trace};
	mpr_decide_at(rs, &s, declared, &d);
	if (declare_required)
		mpr_decide_at(rs, &s, d.required, &d);
	if (R->cov)
		mpr_cover_decision(R->cov, &d, attrs);
	char head[RT_HEAD];
	ruletest_head(R, it, name, head);
	int bad = check_decision(R->report, head, rs, &e, &d);
	if (bad)
		append_trace(R->report, &d);
	return ruletest_count(R, MPR_OK, bad);
}

void ruletest_head(const runner *R, const yt_node *it, const char *name, char head[RT_HEAD])
{
	snprintf(head, RT_HEAD, "%s:%u: case %s: ", R->file, it->line, name);
}

int ruletest_count(runner *R, int rc, int bad)
{
	if (rc == MPR_OK && bad)
		R->failed++;
	else if (rc == MPR_OK)
		R->passed++;
	return rc;
}

void ruletest_path(const runner *R, const char *rel, char *out, size_t size)
{
	const char *slash = strrchr(R->file, '/');
	if (rel[0] == '/' || !slash)
		snprintf(out, size, "%s", rel);
	else
		snprintf(out, size, "%.*s/%s", (int)(slash - R->file), R->file, rel);
}

/* An input file of a case that cannot be read: named at the case's place. */
static int unreadable(runner *R, sc_ctx *c, const yt_node *at, const char *what, const char *path)
{
	char why[512];
	snprintf(why, sizeof why, "%s", R->err ? R->err->message : "cannot read");
	return sc_fail(c, MPR_EIO, at, "cannot read the %s %s: %s", what, path, why);
}

int ruletest_proposal(runner *R, sc_ctx *c, const yt_node *pn, mpr_proposal **p)
{
	int rc;
	if (pn->kind != YT_SCALAR)
		return mpr_proposal_from_node(p, R->rs, pn, R->file, R->err);
	const char *rel;
	if ((rc = sc_scalar_str(c, pn, "'proposal'", &rel)))
		return rc;
	char path[4096];
	ruletest_path(R, rel, path, sizeof path);
	rc = mpr_proposal_parse_file(p, R->rs, path, R->opts, R->err);
	/* name the case that refers to the file, not only the file */
	return rc == MPR_EIO ? unreadable(R, c, pn, "proposal", path) : rc;
}

int ruletest_observations(runner *R, sc_ctx *c, const yt_node *n, const mpr_proposal *p,
                          mpr_observations **out)
{
	if (n->kind != YT_SCALAR)
		return mpr_observations_from_node(out, p, n, R->file, R->err);
	const char *rel;
	int rc = sc_scalar_str(c, n, "observations", &rel);
	if (rc)
		return rc;
	char path[4096];
	ruletest_path(R, rel, path, sizeof path);
	rc = mpr_observations_parse_file(out, p, path, R->opts, R->err);
	return rc == MPR_EIO ? unreadable(R, c, n, "observations", path) : rc;
}

/* The exact set of rules want lists: every one of them in got, and no
 * other (a NULL want: anything), as findings that fire or as rules a
 * declaration lifts. The number of mismatches. */
static int check_rules(mpr_buf *report, const char *head, const yt_node *want,
                       const mpr_prule *const *got, size_t n, bool lifted)
{
	int bad = 0;
	for (size_t k = 0; want && k < want->n; k++) {
		bool found = false;
		for (size_t f = 0; f < n; f++)
			found |= strcmp(got[f]->id, want->items[k]->value) == 0;
		if (!found && ++bad)
			mpr_buf_printf(report, lifted ? "%sexpected rule %s lifted by a declaration, it was not\n"
			                              : "%sexpected finding %s, it did not fire\n",
			               head, want->items[k]->value);
	}
	for (size_t f = 0; want && f < n; f++) {
		bool expected = false;
		for (size_t k = 0; k < want->n; k++)
			expected |= strcmp(got[f]->id, want->items[k]->value) == 0;
		if (!expected && ++bad)
			mpr_buf_printf(report, lifted ? "%srule %s lifted by a declaration, not expected\n"
			                              : "%sfinding %s fired, not expected\n",
			               head, got[f]->id);
	}
	return bad;
}

/* The proposal's verdict, passing, findings and lifted rules; the number
 * of mismatches. */
static int check_proposal(mpr_buf *report, const char *head, const expect *e, const mpr_result *r)
{
	int bad = 0;
	if (e->verdict >= 0 && e->verdict != (int)r->verdict) {
		mpr_buf_printf(report, "%sexpected %s, got %s\n", head, verdict_names[e->verdict],
		               verdict_names[r->verdict]);
		bad++;
	}
	if (e->passes >= 0 && e->passes != r->passes) {
		mpr_buf_printf(report, "%sexpected the proposal %s, it %s\n", head,
		               e->passes ? "to pass" : "not to pass", e->passes ? "does not" : "passes");
		bad++;
	}
	bad += check_rules(report, head, e->findings, r->findings, r->n_findings, false);
	bad += check_rules(report, head, e->lifted, r->lifted, r->n_lifted, true);
	return bad;
}

/* What the case expects of each activity it names; *bad adds the
 * mismatches. */
static int check_activities(runner *R, sc_ctx *c, const yt_node *acts, const char *head,
                            const mpr_result *r, int *bad)
{
	int rc = acts ? sc_map(c, acts, "'activities'", NULL) : MPR_OK;
	if (rc == MPR_OK && acts && acts->n == 0)
		return sc_fail(c, MPR_ESCHEMA, acts, "'activities' must name at least one activity");
	for (size_t i = 0; acts && rc == MPR_OK && i < acts->n; i++) {
		const char *aid = acts->items[2 * i]->value;
		const mpr_activity *a = NULL;
		for (size_t k = 0; k < r->n_activities; k++)
			if (strcmp(r->activities[k].id, aid) == 0)
				a = &r->activities[k];
		if (!a)
			return sc_fail(c, MPR_EREF, acts->items[2 * i], "the proposal has no activity '%s'",
			               aid);
		expect ae;
		if ((rc = read_expect(c, R->rs, acts->items[2 * i + 1], true, &ae)))
			return rc;
		char ahead[700];
		snprintf(ahead, sizeof ahead, "%sactivity %s: ", head, aid);
		int n = check_decision(R->report, ahead, R->rs, &ae, &a->d);
		if (n)
			append_trace(R->report, &a->d);
		*bad += n;
	}
	return rc;
}

static int proposal_case(runner *R, sc_ctx *c, const yt_node *it, const char *name)
{
	mpr_proposal *p = NULL;
	mpr_experience *exp = NULL;
	int rc = ruletest_proposal(R, c, yt_get(it, "proposal"), &p);
	if (rc == MPR_OK)
		rc = ruletest_experience(R, c, yt_get(it, "experience"), &exp);
	expect e;
	const yt_node *en = yt_get(it, "expect");
	mpr_result *r = NULL;
	if (rc || (rc = read_expect(c, R->rs, en, false, &e)) ||
	    (rc = mpr_evaluate_experience(&r, R->rs, p, exp, R->err))) {
		mpr_experience_free(exp);
		mpr_proposal_free(p);
		return rc;
	}
	if (R->cov)
		mpr_coverage_add_result(R->cov, r);
	char head[RT_HEAD];
	ruletest_head(R, it, name, head);
	int bad = check_proposal(R->report, head, &e, r);
	rc = check_activities(R, c, yt_get(en, "activities"), head, r, &bad);
	mpr_result_free(r);
	mpr_experience_free(exp);
	mpr_proposal_free(p);
	return ruletest_count(R, rc, bad);
}

/* One case: the keys every case has, then a single decision or a proposal. */
static int test_case(runner *R, sc_ctx *c, const yt_node *it)
{
	static const char *const keys[] = {"name", "rule", "description", "country", "measure",
	                                   "beneficiary", "implementer", "nationals_only",
	                                   "evacuated_from", "attributes", "safeguards", "proposal",
	                                   "experience", "monitoring", "expect", NULL};
	const char *name;
	int rc;
	if ((rc = sc_map(c, it, "a test case", keys)) || (rc = sc_str(c, it, "name", true, &name)))
		return rc;
	const yt_node *rule = yt_get(it, "rule");
	if (!rule)
		return sc_fail(c, MPR_ESCHEMA, it,
		               "missing required key 'rule' (the framework rule the case pins, e.g. C1)");
	if (rule->kind == YT_SEQ && rule->n == 0)
		return sc_fail(c, MPR_ESCHEMA, rule, "'rule' must name at least one rule");
	if (!yt_get(it, "expect"))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'expect'");
	if (yt_get(it, "monitoring")) {
		if (yt_get(it, "proposal") || yt_get(it, "country") || yt_get(it, "measure"))
			return sc_fail(c, MPR_ESCHEMA, it,
			               "a monitoring case names its proposal inside 'monitoring'");
		return ruletest_monitoring_case(R, c, it, name);
	}
	if (yt_get(it, "experience") && !yt_get(it, "proposal"))
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "experience"),
		               "'experience' applies to a case with a 'proposal'");
	bool is_proposal = yt_get(it, "proposal") != NULL;
	if (is_proposal && (yt_get(it, "country") || yt_get(it, "measure") ||
	                    yt_get(it, "beneficiary") || yt_get(it, "implementer") ||
	                    yt_get(it, "nationals_only") ||
	                    yt_get(it, "evacuated_from") ||
	                    yt_get(it, "attributes") || yt_get(it, "safeguards")))
		return sc_fail(c, MPR_ESCHEMA, it,
		               "a case gives either a 'proposal' or a country and a measure, not both");
	return is_proposal ? proposal_case(R, c, it, name) : single_case(R, c, it, name);
}

int mpr_test_file(const mpr_ruleset *rs, const char *path, const mpr_load_options *opts,
                  mpr_coverage *cov, char **report, size_t *len, size_t *passed, size_t *failed,
                  mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !path || !report || !passed || !failed)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_test_file: invalid arguments");
	*report = NULL;
	*passed = *failed = 0;
	if (cov && cov->rules != rs)
		return mpr_fail(err, MPR_EINVAL, path, 0, 0, "coverage belongs to another ruleset");
	yt_doc doc;
	int rc = yt_parse_file(&doc, path, opts, err);
	mpr_buf b = {0};
	runner R = {.rs = rs, .opts = opts, .cov = cov, .err = err, .report = &b, .file = doc.file};
	R.trace = calloc(rs->max_trace, sizeof *R.trace);
	if (!R.trace && rc == MPR_OK)
		rc = mpr_fail(err, MPR_ENOMEM, path, 0, 0, "out of memory");
	sc_ctx c = {doc.file, err, &R.arena};
	static const char *const top[] = {"description", "tests", NULL};
	const yt_node *tests = NULL;
	if (rc == MPR_OK && !doc.root)
		rc = mpr_fail(err, MPR_ESCHEMA, path, 1, 1, "empty test file (expected 'tests')");
	if (rc == MPR_OK && !(rc = sc_map(&c, doc.root, "a test file", top))) {
		tests = yt_get(doc.root, "tests");
		if (!tests)
			rc = sc_fail(&c, MPR_ESCHEMA, doc.root, "missing required key 'tests'");
		else
			rc = sc_seq(&c, tests, "'tests'", 1);
	}
	for (size_t i = 0; rc == MPR_OK && tests && i < tests->n; i++)
		rc = test_case(&R, &c, tests->items[i]);
	free(R.trace);
	mpr_arena_free(&R.arena);
	yt_doc_free(&doc);
	if (rc) {
		free(b.data);
		return rc;
	}
	*passed = R.passed;
	*failed = R.failed;
	rc = mpr_buf_finish(&b, report, len);
	return rc ? mpr_fail(err, rc, path, 0, 0, "out of memory") : MPR_OK;
}
