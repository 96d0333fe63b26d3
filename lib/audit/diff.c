/*
 * audit.c - what an auditor needs to trust a rule change: rule coverage,
 * table-driven rule tests, the impact diff of two rulesets, lint warnings,
 * decision records and their replay.
 *
 * All of it rests on the entry registry built at load (internal.h): every
 * rule entry has a kind, an id whose pointer the trace steps carry, its
 * place in the YAML and a hash of its content. Coverage counts entries seen
 * in traces; the diff compares hashes to find the entries that changed and
 * looks for them in the traces of the decisions that changed, which is how a
 * loosening is tied to the entry that must justify it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model.h"
#include "util/array.h"
#include "input/schema.h"
#include "input/tree.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/file.h"
#include "load/load.h"
#include "input/proposal.h"
#include "decide/decide.h"
#include "render/render.h"

/* ------------------------------------------------------------------------ */
/* Coverage                                                                  */

struct mpr_coverage {
	const mpr_ruleset *rules;
	unsigned long *hits; /* per entry */
};

int mpr_coverage_new(mpr_coverage **out, const mpr_ruleset *rs, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || !rs)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_coverage_new: invalid arguments");
	*out = NULL;
	mpr_coverage *c = calloc(1, sizeof *c);
	if (c)
		c->hits = calloc(rs->n_entries ? rs->n_entries : 1, sizeof *c->hits);
	if (!c || !c->hits) {
		mpr_coverage_free(c);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	c->rules = rs;
	*out = c;
	return MPR_OK;
}

void mpr_coverage_free(mpr_coverage *c)
{
	if (!c)
		return;
	free(c->hits);
	free(c);
}

static void hit(mpr_coverage *c, const char *id)
{
	const mpr_entry *e = mpr_entry_by_pointer(c->rules, id);
	if (e)
		c->hits[e - c->rules->entries]++;
}

static void cover_decision(mpr_coverage *c, const mpr_decision *d, mpr_set attributes)
{
	const mpr_ruleset *rs = c->rules;
	const mpr_country *co = &rs->countries[d->country];
	hit(c, co->n.id);
	/* a context kind takes part through the country's factors of that kind */
	for (size_t i = 0; i < co->n_context; i++)
		hit(c, rs->context_kinds[co->context[i].kind_index].id);
	for (size_t i = 0; i < d->n_trace; i++)
		hit(c, d->trace[i].rule);
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (d->required & ((mpr_set)1 << s))
			hit(c, rs->safeguards[s].n.id);
	for (size_t a = 0; a < rs->n_attributes; a++)
		if (attributes & ((mpr_set)1 << a))
			hit(c, rs->attributes[a].n.id);
}

void mpr_coverage_add_result(mpr_coverage *c, const mpr_result *r)
{
	if (!c || !r || r->rules != c->rules)
		return;
	for (size_t i = 0; i < r->n_activities; i++)
		cover_decision(c, &r->activities[i].d, r->proposal->activities[i].s.attributes);
	/* partnership rules count when they fire, elements when declared */
	for (size_t i = 0; i < r->n_findings; i++)
		hit(c, r->findings[i]->id);
	for (size_t e = 0; e < c->rules->n_elements; e++)
		if (r->proposal->elements & ((mpr_set)1 << e))
			hit(c, c->rules->elements[e].n.id);
}

size_t mpr_coverage_total(const mpr_coverage *c)
{
	return c ? c->rules->n_entries : 0;
}

size_t mpr_coverage_hit(const mpr_coverage *c)
{
	size_t n = 0;
	for (size_t i = 0; c && i < c->rules->n_entries; i++)
		n += c->hits[i] > 0;
	return n;
}

static int cmp_place(const void *a, const void *b)
{
	const mpr_entry *x = *(const mpr_entry *const *)a, *y = *(const mpr_entry *const *)b;
	int f = strcmp(x->at.file, y->at.file);
	if (f)
		return f;
	return x->at.line < y->at.line ? -1 : x->at.line > y->at.line;
}

int mpr_coverage_render_lcov(const mpr_coverage *c, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!c || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_coverage_render_lcov: invalid arguments");
	*out = NULL;
	const mpr_ruleset *rs = c->rules;
	const mpr_entry **order = calloc(rs->n_entries ? rs->n_entries : 1, sizeof *order);
	if (!order)
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < rs->n_entries; i++)
		order[i] = &rs->entries[i];
	if (rs->n_entries)
		qsort(order, rs->n_entries, sizeof *order, cmp_place);
	mpr_buf b = {0};
	/* lcov test names are letters, digits and underscores */
	mpr_buf_puts(&b, "TN:");
	for (const char *p = rs->id; *p; p++) {
		char ch = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		              ? *p
		              : '_';
		mpr_buf_append(&b, &ch, 1);
	}
	mpr_buf_puts(&b, "\n");
	for (size_t i = 0; i < rs->n_entries;) {
		const char *file = order[i]->at.file;
		size_t lines = 0, lines_hit = 0;
		mpr_buf_printf(&b, "SF:%s\n", file);
		while (i < rs->n_entries && strcmp(order[i]->at.file, file) == 0) {
			/* entries on one line share it: sum their hits */
			unsigned line = order[i]->at.line;
			unsigned long sum = 0;
			while (i < rs->n_entries && strcmp(order[i]->at.file, file) == 0 &&
			       order[i]->at.line == line) {
				sum += c->hits[order[i] - rs->entries];
				i++;
			}
			mpr_buf_printf(&b, "DA:%u,%lu\n", line, sum);
			lines++;
			lines_hit += sum > 0;
		}
		mpr_buf_printf(&b, "LF:%zu\nLH:%zu\nend_of_record\n", lines, lines_hit);
	}
	free(order);
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

int mpr_coverage_render_text(const mpr_coverage *c, char **out, size_t *len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!c || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_coverage_render_text: invalid arguments");
	*out = NULL;
	const mpr_ruleset *rs = c->rules;
	size_t total = mpr_coverage_total(c), n_hit = mpr_coverage_hit(c);
	mpr_buf b = {0};
	mpr_buf_printf(&b, "rule coverage: %zu of %zu rule entries exercised (%.1f%%)\n", n_hit, total,
	               total ? 100.0 * (double)n_hit / (double)total : 100.0);
	for (int k = 0; k < MPR_ENTRY_KINDS; k++) {
		size_t kt = 0, kh = 0;
		for (size_t i = 0; i < rs->n_entries; i++)
			if (rs->entries[i].kind == k) {
				kt++;
				kh += c->hits[i] > 0;
			}
		if (kt)
			mpr_buf_printf(&b, "  %-20s %3zu of %3zu\n", mpr_entry_kind_name(k), kh, kt);
	}
	for (size_t i = 0; i < rs->n_entries; i++)
		if (!c->hits[i]) {
			const mpr_entry *e = &rs->entries[i];
			mpr_buf_printf(&b, "  not exercised: %s %s (%s:%u)\n", mpr_entry_kind_name(e->kind),
			               e->id, e->at.file, e->at.line);
		}
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Rule tests                                                                */

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
	const yt_node *findings; /* the exact set of partnership findings */
} expect;

static const char *const verdict_names[] = {"permitted", "conditional", "no-go", "prohibited"};

static int read_expect(sc_ctx *c, const mpr_ruleset *rs, const yt_node *n, bool single,
                       expect *e)
{
	static const char *const single_keys[] = {"verdict", "passes", "country_tier", "measure_tier",
	                                          "required", "missing", "monitoring", "suspension",
	                                          "trace", NULL};
	static const char *const proposal_keys[] = {"verdict", "passes", "activities", "findings", NULL};
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
	if (!single) {
		if ((e->findings = yt_get(n, "findings"))) {
			if ((rc = sc_seq(c, e->findings, "'findings'", 0)))
				return rc;
			for (size_t i = 0; i < e->findings->n; i++) {
				const char *s;
				if ((rc = sc_scalar_str(c, e->findings->items[i], "a partnership rule id", &s)))
					return rc;
				bool known = false;
				for (size_t k = 0; k < rs->n_prules; k++)
					known |= strcmp(rs->prules[k].id, s) == 0;
				if (!known)
					return sc_fail(c, MPR_EREF, e->findings->items[i],
					               "unknown partnership rule '%s'", s);
			}
		}
		return MPR_OK;
	}
	if ((yt_get(n, "country_tier") &&
	     (rc = sc_enum(c, n, "country_tier", true, rs->tiers, rs->n_tiers, &e->country_tier))) ||
	    (yt_get(n, "measure_tier") &&
	     (rc = sc_enum(c, n, "measure_tier", true, rs->tiers, rs->n_tiers, &e->measure_tier))))
		return rc;
	if (yt_get(n, "required")) {
		e->has_required = 1;
		if ((rc = sc_id_set(c, n, "required", 0, mpr_find_safeguard, rs, "safeguard", false, &e->required)))
			return rc;
	}
	if (yt_get(n, "missing")) {
		e->has_missing = 1;
		if ((rc = sc_id_set(c, n, "missing", 0, mpr_find_safeguard, rs, "safeguard", false, &e->missing)))
			return rc;
	}
	const yt_node *m = yt_get(n, "monitoring");
	if (m) {
		static const char *const mkeys[] = {"level", "frequency_months", NULL};
		if ((rc = sc_map(c, m, "'monitoring'", mkeys)) ||
		    (yt_get(m, "level") &&
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
	if ((e->trace = yt_get(n, "trace"))) {
		if ((rc = sc_seq(c, e->trace, "'trace'", 1)))
			return rc;
		for (size_t i = 0; i < e->trace->n; i++) {
			const char *s;
			if ((rc = sc_scalar_str(c, e->trace->items[i], "a rule id", &s)))
				return rc;
		}
	}
	return MPR_OK;
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
	if (e->has_required && e->required != d->required) {
		mpr_buf_printf(b, "%sexpected required safeguards ", head);
		set_names(b, rs, e->required);
		mpr_buf_puts(b, ", got ");
		set_names(b, rs, d->required);
		mpr_buf_puts(b, "\n");
		bad++;
	}
	if (e->has_missing && e->missing != d->missing) {
		mpr_buf_printf(b, "%sexpected missing safeguards ", head);
		set_names(b, rs, e->missing);
		mpr_buf_puts(b, ", got ");
		set_names(b, rs, d->missing);
		mpr_buf_puts(b, "\n");
		bad++;
	}
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
		int found = 0;
		for (size_t k = 0; k < d->n_trace && !found; k++)
			found = strcmp(d->trace[k].rule, want) == 0;
		if (!found) {
			mpr_buf_printf(b, "%sexpected rule %s in the trace, it did not fire\n", head, want);
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

typedef struct runner {
	const mpr_ruleset *rs;
	const mpr_load_options *opts;
	mpr_coverage *cov;
	mpr_error *err;
	mpr_buf *report;
	const char *file;
	mpr_arena arena;
	mpr_step *trace;
	size_t passed, failed;
} runner;

static int single_case(runner *R, sc_ctx *c, const yt_node *it, const char *name)
{
	const mpr_ruleset *rs = R->rs;
	const char *code, *measure;
	int rc;
	if ((rc = sc_str(c, it, "country", true, &code)) ||
	    (rc = sc_str(c, it, "measure", true, &measure)))
		return rc;
	int ci = mpr_find_country(rs, code), mi = mpr_find_measure(rs, measure);
	if (ci < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "country"), "unknown country '%s'", code);
	if (mi < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "measure"), "unknown measure '%s'", measure);
	mpr_set attrs = 0, declared = 0;
	bool declare_required = false;
	mpr_substance s = mpr_substance_of(ci, mi, 0);
	if (yt_get(it, "attributes") &&
	    (rc = sc_id_set(c, it, "attributes", 0, mpr_find_attribute, rs, "attribute", false, &attrs)))
		return rc;
	s.attributes = attrs;
	if (yt_get(it, "beneficiary")) {
		const char *b;
		if ((rc = sc_str(c, it, "beneficiary", true, &b)))
			return rc;
		if ((s.beneficiary = mpr_find_beneficiary(rs, b)) < 0)
			return sc_fail(c, MPR_EREF, yt_get(it, "beneficiary"), "unknown beneficiary '%s'", b);
	}
	if ((rc = sc_bool(c, it, "nationals_only", false, &s.nationals_only)))
		return rc;
	const yt_node *sg = yt_get(it, "safeguards");
	if (sg && sg->kind == YT_SCALAR && yt_is(sg, "required"))
		declare_required = true;
	else if (sg && (rc = sc_id_set(c, it, "safeguards", 0, mpr_find_safeguard, rs, "safeguard", false, &declared)))
		return rc;
	expect e;
	if ((rc = read_expect(c, rs, yt_get(it, "expect"), true, &e)))
		return rc;
	mpr_decision d = {.trace = R->trace};
	mpr_decide_at(rs, &s, declared, &d);
	if (declare_required)
		mpr_decide_at(rs, &s, d.required, &d);
	if (R->cov)
		cover_decision(R->cov, &d, attrs);
	char head[600];
	snprintf(head, sizeof head, "%s:%u: case %s: ", R->file, it->line, name);
	if (check_decision(R->report, head, rs, &e, &d)) {
		append_trace(R->report, &d);
		R->failed++;
	} else {
		R->passed++;
	}
	return MPR_OK;
}

static int proposal_case(runner *R, sc_ctx *c, const yt_node *it, const char *name)
{
	const mpr_ruleset *rs = R->rs;
	const yt_node *pn = yt_get(it, "proposal");
	mpr_proposal *p = NULL;
	int rc;
	if (pn->kind == YT_SCALAR) {
		const char *rel;
		if ((rc = sc_scalar_str(c, pn, "'proposal'", &rel)))
			return rc;
		char path[4096];
		const char *slash = strrchr(R->file, '/');
		if (rel[0] == '/' || !slash)
			snprintf(path, sizeof path, "%s", rel);
		else
			snprintf(path, sizeof path, "%.*s/%s", (int)(slash - R->file), R->file, rel);
		rc = mpr_proposal_parse_file(&p, rs, path, R->opts, R->err);
		if (rc == MPR_EIO) {
			/* name the case that refers to the file, not only the file */
			char why[512];
			snprintf(why, sizeof why, "%s", R->err ? R->err->message : "cannot read");
			return sc_fail(c, MPR_EIO, pn, "cannot read the proposal %s: %s", path, why);
		}
	} else {
		rc = mpr_proposal_from_node(&p, rs, pn, R->file, R->err);
	}
	if (rc)
		return rc;
	expect e;
	const yt_node *en = yt_get(it, "expect");
	mpr_result *r = NULL;
	if ((rc = read_expect(c, rs, en, false, &e)) || (rc = mpr_evaluate(&r, rs, p, R->err))) {
		mpr_proposal_free(p);
		return rc;
	}
	if (R->cov)
		mpr_coverage_add_result(R->cov, r);
	char head[600];
	snprintf(head, sizeof head, "%s:%u: case %s: ", R->file, it->line, name);
	int bad = 0;
	if (e.verdict >= 0 && e.verdict != (int)r->verdict) {
		mpr_buf_printf(R->report, "%sexpected %s, got %s\n", head, verdict_names[e.verdict],
		               verdict_names[r->verdict]);
		bad++;
	}
	if (e.passes >= 0 && e.passes != r->passes) {
		mpr_buf_printf(R->report, "%sexpected the proposal %s, it %s\n", head,
		               e.passes ? "to pass" : "not to pass", e.passes ? "does not" : "passes");
		bad++;
	}
	if (e.findings) {
		/* the exact set: every expected finding fired, and no other */
		for (size_t k = 0; k < e.findings->n; k++) {
			const char *want = e.findings->items[k]->value;
			bool fired = false;
			for (size_t f = 0; f < r->n_findings; f++)
				fired |= strcmp(r->findings[f]->id, want) == 0;
			if (!fired) {
				mpr_buf_printf(R->report, "%sexpected finding %s, it did not fire\n", head, want);
				bad++;
			}
		}
		for (size_t f = 0; f < r->n_findings; f++) {
			bool expected = false;
			for (size_t k = 0; k < e.findings->n; k++)
				expected |= strcmp(r->findings[f]->id, e.findings->items[k]->value) == 0;
			if (!expected) {
				mpr_buf_printf(R->report, "%sfinding %s fired, not expected\n", head,
				               r->findings[f]->id);
				bad++;
			}
		}
	}
	const yt_node *acts = yt_get(en, "activities");
	if (acts && (rc = sc_map(c, acts, "'activities'", NULL)) == MPR_OK) {
		for (size_t i = 0; i < acts->n && rc == MPR_OK; i++) {
			const char *aid = acts->items[2 * i]->value;
			const mpr_activity *a = NULL;
			for (size_t k = 0; k < r->n_activities; k++)
				if (strcmp(r->activities[k].id, aid) == 0)
					a = &r->activities[k];
			if (!a) {
				rc = sc_fail(c, MPR_EREF, acts->items[2 * i], "the proposal has no activity '%s'",
				             aid);
				break;
			}
			expect ae;
			if ((rc = read_expect(c, rs, acts->items[2 * i + 1], true, &ae)))
				break;
			char ahead[700];
			snprintf(ahead, sizeof ahead, "%sactivity %s: ", head, aid);
			int n = check_decision(R->report, ahead, rs, &ae, &a->d);
			if (n)
				append_trace(R->report, &a->d);
			bad += n;
		}
	}
	mpr_result_free(r);
	mpr_proposal_free(p);
	if (rc)
		return rc;
	if (bad)
		R->failed++;
	else
		R->passed++;
	return MPR_OK;
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
	mpr_load_options o = yt_options(opts);
	unsigned char *data;
	size_t dlen;
	int rc = mpr_file_read(path, o.max_file_bytes, &data, &dlen, err);
	if (rc)
		return rc;
	yt_doc doc;
	rc = yt_parse(&doc, path, data, dlen, &o, NULL, err);
	free(data);
	mpr_buf b = {0};
	runner R = {.rs = rs, .opts = opts, .cov = cov, .err = err, .report = &b, .file = doc.file};
	R.trace = calloc(rs->max_trace, sizeof *R.trace);
	if (!R.trace && rc == MPR_OK)
		rc = mpr_fail(err, MPR_ENOMEM, path, 0, 0, "out of memory");
	sc_ctx c = {doc.file, err, &R.arena};
	static const char *const top[] = {"description", "tests", NULL};
	static const char *const keys[] = {"name", "rule", "description", "country", "measure",
	                                   "beneficiary", "nationals_only", "attributes",
	                                   "safeguards", "proposal", "expect", NULL};
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
	for (size_t i = 0; rc == MPR_OK && tests && i < tests->n; i++) {
		const yt_node *it = tests->items[i];
		const char *name;
		if ((rc = sc_map(&c, it, "a test case", keys)) || (rc = sc_str(&c, it, "name", true, &name)))
			break;
		const yt_node *rule = yt_get(it, "rule");
		if (!rule) {
			rc = sc_fail(&c, MPR_ESCHEMA, it,
			             "missing required key 'rule' (the framework rule the case pins, e.g. C1)");
			break;
		}
		if (rule->kind == YT_SEQ && rule->n == 0) {
			rc = sc_fail(&c, MPR_ESCHEMA, rule, "'rule' must name at least one rule");
			break;
		}
		if (!yt_get(it, "expect")) {
			rc = sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'expect'");
			break;
		}
		bool is_proposal = yt_get(it, "proposal") != NULL;
		if (is_proposal && (yt_get(it, "country") || yt_get(it, "measure") ||
		                    yt_get(it, "beneficiary") || yt_get(it, "nationals_only") ||
		                    yt_get(it, "attributes") || yt_get(it, "safeguards"))) {
			rc = sc_fail(&c, MPR_ESCHEMA, it,
			             "a case gives either a 'proposal' or a country and a measure, not both");
			break;
		}
		rc = is_proposal ? proposal_case(&R, &c, it, name) : single_case(&R, &c, it, name);
	}
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

/* ------------------------------------------------------------------------ */
/* Diff                                                                      */

/* An attribute scenario: none (-1) or one attribute present in both. */
/* A scenario of the decision space: no attribute and no beneficiary, one
 * attribute, or one declared beneficiary. */
typedef struct scenario {
	int old_attr, new_attr;
	int old_ben, new_ben;
	const char *name;  /* the attribute's or beneficiary's id; NULL for neither */
	bool beneficiary;
} scenario;

typedef struct change {
	int nc, nm;           /* indices in the new ruleset */
	const char *scenario; /* attribute or beneficiary, or NULL */
	bool scenario_beneficiary;
	int declared;         /* 0 nothing declared, 1 the required safeguards */
	mpr_verdict ov, nv;
	unsigned omonths, nmonths;
	int olevel, nlevel, osusp, nsusp;
	int octier, nctier, omtier, nmtier;
	char added[512], removed[512];
	mpr_set added_set, removed_set; /* the same in the new and the old ruleset */
	int loosening, tightening;
	const mpr_entry *why_new[8]; /* changed entries in the new decision */
	size_t n_why_new;
	const mpr_entry *why_old[8]; /* removed entries in the old decision */
	size_t n_why_old;
	const mpr_entry *justified_by;
} change;

typedef mpr_array(change) changes;

static int entry_changed(const mpr_ruleset *old, const mpr_entry *e)
{
	const mpr_entry *o = mpr_entry_find(old, e->kind, e->id);
	return !o || memcmp(o->hash, e->hash, 32) != 0;
}

static void add_why(const mpr_entry **list, size_t *n, const mpr_entry *e)
{
	for (size_t i = 0; i < *n; i++)
		if (list[i] == e)
			return;
	if (*n < 8)
		list[(*n)++] = e;
}

/* Safeguards of s (in rs) that are not in t (in other): returned as a set
 * of rs, and their ids comma-joined into out. */
static mpr_set set_minus(char *out, size_t size, const mpr_ruleset *rs, mpr_set s,
                         const mpr_ruleset *other, mpr_set t)
{
	size_t used = 0;
	mpr_set minus = 0;
	out[0] = '\0';
	for (size_t i = 0; i < rs->n_safeguards; i++) {
		if (!(s & ((mpr_set)1 << i)))
			continue;
		int k = mpr_find_safeguard(other, rs->safeguards[i].n.id);
		if (k >= 0 && (t & ((mpr_set)1 << k)))
			continue;
		minus |= (mpr_set)1 << i;
		int w = snprintf(out + used, size - used, "%s%s", used ? ", " : "", rs->safeguards[i].n.id);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
	return minus;
}

static int level_rank(const mpr_ruleset *rs, int level)
{
	/* compare monitoring levels by position, as fractions of the scale */
	return rs->n_monitoring > 1 ? level * 1000 / (int)(rs->n_monitoring - 1) : 0;
}

static int compare(const mpr_ruleset *old, const mpr_ruleset *new, const mpr_decision *a,
                   const mpr_decision *b, change *ch)
{
	memset(ch, 0, sizeof *ch);
	ch->ov = a->verdict;
	ch->nv = b->verdict;
	ch->omonths = a->cell->months;
	ch->nmonths = b->cell->months;
	ch->olevel = a->cell->monitoring;
	ch->nlevel = b->cell->monitoring;
	ch->osusp = a->cell->suspension;
	ch->nsusp = b->cell->suspension;
	ch->octier = a->country_tier;
	ch->nctier = b->country_tier;
	ch->omtier = a->measure_tier;
	ch->nmtier = b->measure_tier;
	ch->added_set = set_minus(ch->added, sizeof ch->added, new, b->required, old, a->required);
	ch->removed_set = set_minus(ch->removed, sizeof ch->removed, old, a->required, new, b->required);
	int lo = 0, ti = 0;
	if (b->verdict > a->verdict)
		ti = 1;
	if (b->verdict < a->verdict)
		lo = 1;
	if (ch->added[0])
		ti = 1;
	if (ch->removed[0])
		lo = 1;
	if (b->cell->months < a->cell->months)
		ti = 1;
	if (b->cell->months > a->cell->months)
		lo = 1;
	if (level_rank(new, b->cell->monitoring) > level_rank(old, a->cell->monitoring))
		ti = 1;
	if (level_rank(new, b->cell->monitoring) < level_rank(old, a->cell->monitoring))
		lo = 1;
	if (strcmp(new->suspension[b->cell->suspension].id, old->suspension[a->cell->suspension].id) != 0) {
		int on = (int)old->n_suspension, nn = (int)new->n_suspension;
		int orank = on > 1 ? a->cell->suspension * 1000 / (on - 1) : 0;
		int nrank = nn > 1 ? b->cell->suspension * 1000 / (nn - 1) : 0;
		if (nrank > orank)
			ti = 1;
		else if (nrank < orank)
			lo = 1;
	}
	ch->tightening = ti;
	ch->loosening = lo;
	return lo || ti;
}

static void explain_change(const mpr_ruleset *old, const mpr_ruleset *new, const mpr_decision *a,
                           const mpr_decision *b, change *ch)
{
	const mpr_entry *e = mpr_entry_by_pointer(new, new->countries[b->country].n.id);
	if (e && entry_changed(old, e))
		add_why(ch->why_new, &ch->n_why_new, e);
	e = mpr_entry_by_pointer(new, new->measures[b->measure].n.id);
	if (e && entry_changed(old, e))
		add_why(ch->why_new, &ch->n_why_new, e);
	for (size_t i = 0; i < b->n_trace; i++)
		if ((e = mpr_entry_by_pointer(new, b->trace[i].rule)) && entry_changed(old, e))
			add_why(ch->why_new, &ch->n_why_new, e);
	for (size_t i = 0; i < a->n_trace; i++)
		if ((e = mpr_entry_by_pointer(old, a->trace[i].rule)) && !mpr_entry_find(new, e->kind, e->id))
			add_why(ch->why_old, &ch->n_why_old, e);
	for (size_t i = 0; i < ch->n_why_new && !ch->justified_by; i++)
		if (ch->why_new[i]->justification)
			ch->justified_by = ch->why_new[i];
}

static int push(changes *cs, const change *ch)
{
	change *slot = mpr_array_push(*cs);
	if (!slot)
		return -1;
	*slot = *ch;
	return 0;
}

/* One line per affected country x measure: the change in its most telling
 * scenario (no attribute, required safeguards declared, when it changed),
 * and in how many of the scenarios compared a change occurred. */
static void text_group(mpr_buf *b, const mpr_ruleset *old, const mpr_ruleset *new,
                       const change *g, size_t n, size_t n_scenarios)
{
	const change *ch = &g[0];
	int loose = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].declared && !g[i].scenario)
			ch = &g[i];
		loose |= g[i].loosening;
	}
	const change *why = ch;
	for (size_t i = 0; loose && !why->loosening && i < n; i++)
		if (g[i].loosening)
			why = &g[i];
	mpr_buf_printf(b, "  %-10s %s x %s:", loose ? "LOOSENING" : "tightening",
	               new->countries[ch->nc].n.id, new->measures[ch->nm].n.id);
	const char *sep = " ";
	if (ch->ov != ch->nv) {
		mpr_buf_printf(b, "%s%s -> %s", sep, mpr_verdict_word(ch->ov), mpr_verdict_word(ch->nv));
		sep = "; ";
	}
	if (ch->octier != ch->nctier) {
		mpr_buf_printf(b, "%scountry tier %s -> %s", sep, old->tiers[ch->octier], new->tiers[ch->nctier]);
		sep = "; ";
	}
	if (ch->omtier != ch->nmtier) {
		mpr_buf_printf(b, "%smeasure tier %s -> %s", sep, old->tiers[ch->omtier], new->tiers[ch->nmtier]);
		sep = "; ";
	}
	if (ch->omonths != ch->nmonths || strcmp(old->monitoring[ch->olevel], new->monitoring[ch->nlevel]) != 0) {
		mpr_buf_printf(b, "%smonitoring %s every %u -> %s every %u months", sep,
		               old->monitoring[ch->olevel], ch->omonths, new->monitoring[ch->nlevel],
		               ch->nmonths);
		sep = "; ";
	}
	if (strcmp(old->suspension[ch->osusp].id, new->suspension[ch->nsusp].id) != 0) {
		mpr_buf_printf(b, "%ssuspension %s -> %s", sep, old->suspension[ch->osusp].id,
		               new->suspension[ch->nsusp].id);
		sep = "; ";
	}
	if (ch->added[0]) {
		mpr_buf_printf(b, "%s+ %s", sep, ch->added);
		sep = "; ";
	}
	if (ch->removed[0])
		mpr_buf_printf(b, "%s- %s", sep, ch->removed);
	mpr_buf_printf(b, " (%s%s, %s; changed in %zu of %zu scenarios)\n",
	               ch->scenario ? (ch->scenario_beneficiary ? "beneficiary " : "") : "",
	               ch->scenario ? ch->scenario : "no attribute",
	               ch->declared ? "required safeguards declared" : "nothing declared", n,
	               n_scenarios);
	if (!loose)
		return;
	if (why->justified_by) {
		mpr_buf_printf(b, "      justified by %s %s: %s [%s]\n",
		               mpr_entry_kind_name(why->justified_by->kind), why->justified_by->id,
		               why->justified_by->justification, why->justified_by->justification_source);
		return;
	}
	mpr_buf_puts(b, "      NOT JUSTIFIED; changed entries in this decision:");
	for (size_t i = 0; i < why->n_why_new; i++)
		mpr_buf_printf(b, " %s %s (%s:%u)", mpr_entry_kind_name(why->why_new[i]->kind),
		               why->why_new[i]->id, why->why_new[i]->at.file, why->why_new[i]->at.line);
	for (size_t i = 0; i < why->n_why_old; i++)
		mpr_buf_printf(b, " removed %s %s", mpr_entry_kind_name(why->why_old[i]->kind),
		               why->why_old[i]->id);
	if (!why->n_why_new && !why->n_why_old)
		mpr_buf_puts(b, " none found");
	mpr_buf_puts(b, "\n");
}

static void json_change(mpr_buf *b, const mpr_ruleset *old, const mpr_ruleset *new,
                        const change *ch, int first)
{
	mpr_buf_printf(b, "%s\n    {\"country\": ", first ? "" : ",");
	mpr_buf_json_string(b, new->countries[ch->nc].n.id);
	mpr_buf_puts(b, ", \"measure\": ");
	mpr_buf_json_string(b, new->measures[ch->nm].n.id);
	/* the scenario: one attribute, one declared beneficiary, or neither */
	mpr_buf_puts(b, ", \"attribute\": ");
	if (ch->scenario && !ch->scenario_beneficiary)
		mpr_buf_json_string(b, ch->scenario);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_puts(b, ", \"beneficiary\": ");
	if (ch->scenario && ch->scenario_beneficiary)
		mpr_buf_json_string(b, ch->scenario);
	else
		mpr_buf_puts(b, "null");
	mpr_buf_printf(b, ", \"declared\": \"%s\", \"label\": \"%s\",\n     ",
	               ch->declared ? "required" : "none", ch->loosening ? "loosening" : "tightening");
	mpr_buf_printf(b, "\"verdict\": {\"old\": \"%s\", \"new\": \"%s\"}, ", mpr_verdict_word(ch->ov),
	               mpr_verdict_word(ch->nv));
	mpr_buf_printf(b, "\"country_tier\": {\"old\": \"%s\", \"new\": \"%s\"}, ", old->tiers[ch->octier],
	               new->tiers[ch->nctier]);
	mpr_buf_printf(b, "\"measure_tier\": {\"old\": \"%s\", \"new\": \"%s\"},\n     ",
	               old->tiers[ch->omtier], new->tiers[ch->nmtier]);
	mpr_buf_printf(b, "\"frequency_months\": {\"old\": %u, \"new\": %u}, ", ch->omonths, ch->nmonths);
	mpr_buf_puts(b, "\"safeguards_added\": ");
	mpr_json_safeguards(b, new, ch->added_set, NULL);
	mpr_buf_puts(b, ", \"safeguards_removed\": ");
	mpr_json_safeguards(b, old, ch->removed_set, NULL);
	mpr_buf_puts(b, ",\n     \"changed_entries\": [");
	for (size_t i = 0; i < ch->n_why_new; i++) {
		mpr_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
		               mpr_entry_kind_name(ch->why_new[i]->kind));
		mpr_buf_json_string(b, ch->why_new[i]->id);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "], \"removed_entries\": [");
	for (size_t i = 0; i < ch->n_why_old; i++) {
		mpr_buf_printf(b, "%s{\"kind\": \"%s\", \"id\": ", i ? ", " : "",
		               mpr_entry_kind_name(ch->why_old[i]->kind));
		mpr_buf_json_string(b, ch->why_old[i]->id);
		mpr_buf_puts(b, "}");
	}
	mpr_buf_puts(b, "], \"justified_by\": ");
	if (ch->loosening && ch->justified_by) {
		mpr_buf_puts(b, "{\"id\": ");
		mpr_buf_json_string(b, ch->justified_by->id);
		mpr_buf_puts(b, ", \"text\": ");
		mpr_buf_json_string(b, ch->justified_by->justification);
		mpr_buf_puts(b, ", \"source\": ");
		mpr_buf_json_string(b, ch->justified_by->justification_source);
		mpr_buf_puts(b, "}");
	} else {
		mpr_buf_puts(b, "null");
	}
	mpr_buf_puts(b, "}");
}

/* Structural changes: entries added, removed or changed, by kind and id. */
typedef struct structural {
	const mpr_entry *e;
	const char *what; /* "added", "removed", "changed" */
	const mpr_ruleset *in;
} structural;

int mpr_diff(const mpr_ruleset *old, const mpr_ruleset *new, mpr_format format, char **out,
             size_t *len, size_t *unjustified, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!old || !new || !out || (format != MPR_FORMAT_TEXT && format != MPR_FORMAT_JSON))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_diff: invalid arguments");
	*out = NULL;
	if (unjustified)
		*unjustified = 0;

	structural *st = calloc(old->n_entries + new->n_entries + 1, sizeof *st);
	size_t n_st = 0;
	mpr_step *ta = calloc(old->max_trace, sizeof *ta), *tb = calloc(new->max_trace, sizeof *tb);
	mpr_step *tc = calloc(old->max_trace, sizeof *tc), *td = calloc(new->max_trace, sizeof *td);
	scenario *sc = calloc(old->n_attributes + old->n_beneficiaries + 1, sizeof *sc);
	changes cs = MPR_ARRAY_INIT;
	int rc = MPR_OK;
	if (!st || !ta || !tb || !tc || !td || !sc) {
		free(st);
		free(ta);
		free(tb);
		free(tc);
		free(td);
		free(sc);
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	}
	for (size_t i = 0; i < new->n_entries; i++) {
		const mpr_entry *e = &new->entries[i];
		const mpr_entry *o = mpr_entry_find(old, e->kind, e->id);
		if (!o)
			st[n_st++] = (structural){e, "added", new};
		else if (memcmp(o->hash, e->hash, 32) != 0)
			st[n_st++] = (structural){e, "changed", new};
	}
	for (size_t i = 0; i < old->n_entries; i++)
		if (!mpr_entry_find(new, old->entries[i].kind, old->entries[i].id))
			st[n_st++] = (structural){&old->entries[i], "removed", old};

	/* attribute scenarios: none, then each attribute both rulesets know */
	size_t n_sc = 0;
	sc[n_sc++] = (scenario){-1, -1, -1, -1, NULL, false};
	for (size_t a = 0; a < old->n_attributes; a++) {
		int k = mpr_find_attribute(new, old->attributes[a].n.id);
		if (k >= 0)
			sc[n_sc++] = (scenario){(int)a, k, -1, -1, old->attributes[a].n.id, false};
	}
	for (size_t i = 0; i < old->n_beneficiaries; i++) {
		int k = mpr_find_beneficiary(new, old->beneficiaries[i].n.id);
		if (k >= 0)
			sc[n_sc++] = (scenario){-1, -1, (int)i, k, old->beneficiaries[i].n.id, true};
	}
	size_t compared = 0, n_loose = 0, n_tight = 0, n_unjust = 0;
	for (size_t nc = 0; rc == MPR_OK && nc < new->n_countries; nc++) {
		int oc = mpr_find_country(old, new->countries[nc].n.id);
		if (oc < 0)
			continue;
		for (size_t nm = 0; rc == MPR_OK && nm < new->n_measures; nm++) {
			int om = mpr_find_measure(old, new->measures[nm].n.id);
			if (om < 0)
				continue;
			for (size_t s = 0; rc == MPR_OK && s < n_sc; s++) {
				mpr_set oa = sc[s].old_attr < 0 ? 0 : (mpr_set)1 << sc[s].old_attr;
				mpr_set na = sc[s].new_attr < 0 ? 0 : (mpr_set)1 << sc[s].new_attr;
				mpr_decision a = {.trace = ta}, b = {.trace = tb};
				mpr_decision a2 = {.trace = tc}, b2 = {.trace = td};
				mpr_substance os = mpr_substance_of(oc, om, oa);
				mpr_substance ns = mpr_substance_of((int)nc, (int)nm, na);
				os.beneficiary = sc[s].old_ben;
				ns.beneficiary = sc[s].new_ben;
				mpr_decide_at(old, &os, 0, &a);
				mpr_decide_at(new, &ns, 0, &b);
				mpr_decide_at(old, &os, a.required, &a2);
				mpr_decide_at(new, &ns, b.required, &b2);
				const mpr_decision *pairs[2][2] = {{&a, &b}, {&a2, &b2}};
				for (int dcl = 0; dcl < 2; dcl++) {
					compared++;
					change ch;
					if (!compare(old, new, pairs[dcl][0], pairs[dcl][1], &ch))
						continue;
					ch.nc = (int)nc;
					ch.nm = (int)nm;
					ch.scenario = sc[s].name;
					ch.scenario_beneficiary = sc[s].beneficiary;
					ch.declared = dcl;
					explain_change(old, new, pairs[dcl][0], pairs[dcl][1], &ch);
					if (ch.loosening) {
						n_loose++;
						n_unjust += !ch.justified_by;
					} else {
						n_tight++;
					}
					if (push(&cs, &ch)) {
						rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
						break;
					}
				}
			}
		}
	}

	mpr_buf b = {0};
	if (rc == MPR_OK && format == MPR_FORMAT_JSON) {
		mpr_buf_printf(&b, "{\n  \"format_version\": %d,\n  \"old\": {\"id\": ",
		               MPR_JSON_FORMAT_VERSION);
		mpr_buf_json_string(&b, old->id);
		mpr_buf_printf(&b, ", \"fingerprint\": \"%s\"},\n  \"new\": {\"id\": ", old->fingerprint);
		mpr_buf_json_string(&b, new->id);
		mpr_buf_printf(&b, ", \"fingerprint\": \"%s\"},\n  \"structural\": [", new->fingerprint);
		for (size_t i = 0; i < n_st; i++) {
			mpr_buf_printf(&b, "%s\n    {\"change\": \"%s\", \"kind\": \"%s\", \"id\": ", i ? "," : "",
			               st[i].what, mpr_entry_kind_name(st[i].e->kind));
			mpr_buf_json_string(&b, st[i].e->id);
			mpr_buf_puts(&b, ", \"file\": ");
			mpr_buf_json_string(&b, st[i].e->at.file);
			mpr_buf_printf(&b, ", \"line\": %u, \"justification\": ", st[i].e->at.line);
			if (st[i].in == new && st[i].e->justification) {
				mpr_buf_puts(&b, "{\"text\": ");
				mpr_buf_json_string(&b, st[i].e->justification);
				mpr_buf_puts(&b, ", \"source\": ");
				mpr_buf_json_string(&b, st[i].e->justification_source);
				mpr_buf_puts(&b, "}}");
			} else {
				mpr_buf_puts(&b, "null}");
			}
		}
		mpr_buf_printf(&b, "%s],\n  \"compared\": %zu, \"tightening\": %zu, \"loosening\": %zu, "
		                   "\"unjustified\": %zu,\n  \"decisions\": [",
		               n_st ? "\n  " : "", compared, n_tight, n_loose, n_unjust);
		for (size_t i = 0; i < cs.n; i++)
			json_change(&b, old, new, &cs.v[i], i == 0);
		mpr_buf_printf(&b, "%s]\n}\n", cs.n ? "\n  " : "");
	} else if (rc == MPR_OK) {
		mpr_buf_printf(&b, "old: %s (%s)\nnew: %s (%s)\n", old->id, old->fingerprint, new->id,
		               new->fingerprint);
		mpr_buf_printf(&b, "\nstructural changes: %zu\n", n_st);
		for (size_t i = 0; i < n_st; i++) {
			const mpr_entry *e = st[i].e;
			mpr_buf_printf(&b, "  %-8s %s %s (%s:%u)", st[i].what, mpr_entry_kind_name(e->kind),
			               e->id, e->at.file, e->at.line);
			if (e->kind == MPR_ENTRY_COUNTRY && st[i].in == new) {
				int oc = mpr_find_country(old, e->id), ncn = mpr_find_country(new, e->id);
				if (oc >= 0 && ncn >= 0)
					mpr_buf_printf(&b, " tier %s -> %s", old->tiers[old->countries[oc].tier],
					               new->tiers[new->countries[ncn].tier]);
			}
			if (st[i].in == new && e->justification)
				mpr_buf_printf(&b, "\n           justification: %s [%s]", e->justification,
				               e->justification_source);
			mpr_buf_puts(&b, "\n");
		}
		mpr_buf_printf(&b,
		               "\ndecisions compared: %zu (countries x measures in both, with no attribute "
		               "and each attribute, with nothing and with the required safeguards "
		               "declared)\ndecisions changed: %zu (%zu tightening, %zu loosening, %zu of "
		               "them unjustified)\n",
		               compared, cs.n, n_tight, n_loose, n_unjust);
		size_t pairs = 0;
		for (size_t i = 0; i < cs.n;) {
			size_t j = i;
			while (j < cs.n && cs.v[j].nc == cs.v[i].nc && cs.v[j].nm == cs.v[i].nm)
				j++;
			text_group(&b, old, new, &cs.v[i], j - i, 2 * n_sc);
			pairs++;
			i = j;
		}
		if (pairs)
			mpr_buf_printf(&b, "(%zu country x measure pairs affected; --format json lists every "
			                   "changed decision)\n",
			               pairs);
		if (n_unjust)
			mpr_buf_printf(&b, "\n%zu unjustified loosening%s: add a justification (text and "
			                   "source) to the changed entry, or undo the change\n",
			               n_unjust, n_unjust == 1 ? "" : "s");
	}
	free(st);
	free(sc);
	free(ta);
	free(tb);
	free(tc);
	free(td);
	mpr_array_free(cs);
	if (rc) {
		free(b.data);
		return rc;
	}
	if (unjustified)
		*unjustified = n_unjust;
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Lint                                                                      */

static long months_between(const char *from, const char *to)
{
	int y1, m1, d1, y2, m2, d2;
	if (!sc_parse_date(from, &y1, &m1, &d1) || !sc_parse_date(to, &y2, &m2, &d2))
		return 0;
	long months = (long)(y2 - y1) * 12 + (m2 - m1);
	if (d2 < d1)
		months--;
	return months;
}

int mpr_lint(const mpr_ruleset *rs, const char *today, const mpr_coverage *tested, char **out,
             size_t *len, size_t *warnings, mpr_error *err)
{
	mpr_lint_counts k = {0, 0, 0};
	int rc = mpr_lint_v2(rs, today, tested, out, len, &k, err);
	if (rc == MPR_OK && warnings)
		*warnings = k.errors + k.warnings;
	return rc;
}

int mpr_lint_v2(const mpr_ruleset *rs, const char *today, const mpr_coverage *tested, char **out,
                size_t *len, mpr_lint_counts *counts, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || !today || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_lint: invalid arguments");
	*out = NULL;
	int y, m, d;
	if (!sc_parse_date(today, &y, &m, &d))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "today must be a date YYYY-MM-DD, got '%s'", today);
	if (tested && tested->rules != rs)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "coverage belongs to another ruleset");
	mpr_buf b = {0};
	size_t n = 0, n_errors = 0, n_notes = 0;
	for (size_t i = 0; i < rs->n_countries; i++) {
		const mpr_country *c = &rs->countries[i];
		long age = months_between(c->assessed, today);
		if (age > (long)rs->staleness_months) {
			mpr_buf_printf(&b, "%s:%u:%u: warning: the assessment of %s is dated %s, %ld months "
			                   "before %s (staleness_months: %u)\n",
			               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id, c->assessed, age,
			               today, rs->staleness_months);
			n++;
		}
		/* unknown values are reported, not warned about: they are a state of
		 * the data, counted as the classification says (docs/countries.md) */
		const mpr_classification *cl = &rs->classification;
		if (c->fh_status < 0 && ++n_notes)
			mpr_buf_printf(&b, "%s:%u:%u: note: %s: Freedom House status unknown, counts as %s\n",
			               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id,
			               rs->tiers[cl->missing_tier]);
		if (c->hri < 0 && ++n_notes)
			mpr_buf_printf(&b, "%s:%u:%u: note: %s: V-Dem human rights index unknown, counts as %s\n",
			               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id,
			               rs->tiers[cl->missing_tier]);
		if (cl->functioning_state_source && c->state_authority < 0 && !c->excluded && ++n_notes)
			mpr_buf_printf(&b, "%s:%u:%u: note: %s: state authority over territory unknown: the "
			                   "country is not excluded on it (F2)\n",
			               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id);
		for (size_t t = 0; t < cl->n_treaty_rules; t++)
			if (c->treaty[cl->treaty_rules[t].treaty] == MPR_TREATY_UNKNOWN && ++n_errors)
				mpr_buf_printf(&b, "%s:%u:%u: error: %s: status under %s unknown: it counts as "
				                   "not a party until it is sourced (F1)\n",
				               c->n.at.file, c->n.at.line, c->n.at.column, c->n.id,
				               cl->treaty_rules[t].id);
		for (size_t k = 0; k < c->n_context; k++) {
			const mpr_context *f = &c->context[k];
			age = months_between(f->date, today);
			if (age > (long)f->max_age_months) {
				mpr_buf_printf(&b, "%s:%u:%u: warning: the evidence of context factor %s of %s is "
				                   "dated %s, %ld months before %s (max_age_months: %u)\n",
				               f->at.file, f->at.line, f->at.column, f->id, c->n.id, f->date, age,
				               today, f->max_age_months);
				n++;
			}
		}
	}
	mpr_set required = 0, attrs_used = 0;
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++)
			required |= rs->cells[ct][mt].safeguards;
	for (size_t i = 0; i < rs->n_measures; i++)
		required |= rs->measures[i].requires;
	for (size_t i = 0; i < rs->n_escalations; i++) {
		required |= rs->escalations[i].requires;
		attrs_used |= (mpr_set)1 << rs->escalations[i].attribute;
	}
	for (size_t i = 0; i < rs->n_floor; i++) {
		required |= rs->floor[i].lacks_any;
		attrs_used |= rs->floor[i].any_attribute;
	}
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (!(required & ((mpr_set)1 << s))) {
			const mpr_safeguard *g = &rs->safeguards[s];
			mpr_buf_printf(&b, "%s:%u:%u: warning: safeguard %s is required by no cell, measure, "
			                   "escalation or floor rule\n",
			               g->n.at.file, g->n.at.line, g->n.at.column, g->n.id);
			n++;
		}
	for (size_t a = 0; a < rs->n_attributes; a++)
		if (!(attrs_used & ((mpr_set)1 << a))) {
			const mpr_attribute *g = &rs->attributes[a];
			mpr_buf_printf(&b, "%s:%u:%u: warning: attribute %s is used by no escalation or floor "
			                   "rule, so declaring it changes nothing\n",
			               g->n.at.file, g->n.at.line, g->n.at.column, g->n.id);
			n++;
		}
	for (size_t i = 0; tested && i < rs->n_entries; i++) {
		const mpr_entry *e = &rs->entries[i];
		if (tested->hits[i] || (e->kind != MPR_ENTRY_MEASURE && e->kind != MPR_ENTRY_COUNTRY))
			continue;
		mpr_buf_printf(&b, "%s:%u:%u: warning: no rule test exercises %s %s\n", e->at.file,
		               e->at.line, e->at.column, mpr_entry_kind_name(e->kind), e->id);
		n++;
	}
	if (counts) {
		counts->errors = n_errors;
		counts->warnings = n;
		counts->notes = n_notes;
	}
	int rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Decision records                                                          */

int mpr_render_record(const mpr_result *r, const char *time, char **out, size_t *len,
                      mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!r || !time || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_record: invalid arguments");
	*out = NULL;
	char *json;
	size_t jlen;
	int rc = mpr_render_result(r, MPR_FORMAT_JSON, &json, &jlen, err);
	if (rc)
		return rc;
	mpr_buf b = {0};
	mpr_buf_printf(&b, "{\"format_version\": %d, \"time\": ", MPR_JSON_FORMAT_VERSION);
	mpr_buf_json_string(&b, time);
	mpr_buf_puts(&b, ", \"input_text\": ");
	mpr_buf_json_string(&b, r->proposal->text);
	mpr_buf_puts(&b, ", \"result\": ");
	mpr_buf_append_one_line(&b, json, jlen);
	free(json);
	mpr_buf_puts(&b, "}\n");
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

static int replay_line(const mpr_ruleset *rs, const char *name, unsigned lineno,
                       const char *line, size_t n, mpr_buf *b, size_t *differ, mpr_error *err)
{
	yt_doc doc;
	int rc = yt_parse(&doc, name, (const unsigned char *)line, n, NULL, NULL, err);
	const yt_node *root = doc.root, *res = NULL, *text = NULL, *acts = NULL;
	if (rc == MPR_OK) {
		text = yt_get(root, "input_text");
		res = yt_get(root, "result");
		acts = yt_get(res, "activities");
		if (!text || text->kind != YT_SCALAR || !acts || acts->kind != YT_SEQ)
			rc = mpr_fail(err, MPR_ESCHEMA, name, lineno, 1,
			              "not a decision record (needs input_text and result.activities)");
	}
	/* the parser numbers lines of the record from 1; report the log's line */
	if (rc && err && err->line)
		err->line = lineno;
	const yt_node *file = yt_get(yt_get(res, "input"), "file");
	const yt_node *sha = yt_get(yt_get(res, "input"), "sha256");
	const char *fname = file && file->kind == YT_SCALAR ? file->value : "<unknown>";
	mpr_proposal *p = NULL;
	mpr_result *r = NULL;
	if (rc == MPR_OK && text) {
		char hex[72];
		rc = mpr_sha256_hex(text->value, text->len, hex);
		if (rc == MPR_OK && sha && sha->kind == YT_SCALAR && strcmp(hex, sha->value) != 0)
			rc = mpr_fail(err, MPR_ESCHEMA, name, lineno, 1,
			              "the input text does not match its recorded sha256 %s", sha->value);
	}
	if (rc == MPR_OK && text)
		rc = mpr_proposal_parse_buffer(&p, rs, text->value, text->len, fname, NULL, err);
	if (rc == MPR_OK)
		rc = mpr_evaluate(&r, rs, p, err);
	const yt_node *when = yt_get(root, "time");
	for (size_t i = 0; rc == MPR_OK && acts && r && i < acts->n; i++) {
		const yt_node *a = acts->items[i];
		const yt_node *id = yt_get(a, "id"), *v = yt_get(a, "verdict"), *miss = yt_get(a, "missing_safeguards");
		if (!id || !v)
			continue;
		const mpr_activity *now = NULL;
		for (size_t k = 0; k < r->n_activities; k++)
			if (strcmp(r->activities[k].id, id->value) == 0)
				now = &r->activities[k];
		if (!now)
			continue;
		/* compare what an official acts on: verdict, required and missing
		 * safeguards, monitoring frequency */
		mpr_buf was = {0}, is = {0};
		const yt_node *req = yt_get(a, "required_safeguards");
		const yt_node *mon = yt_get(yt_get(a, "monitoring"), "frequency_months");
		mpr_buf_printf(&was, "%s; required [", v->value);
		for (size_t k = 0; req && req->kind == YT_SEQ && k < req->n; k++) {
			const yt_node *rid = yt_get(req->items[k], "id");
			mpr_buf_printf(&was, "%s%s", k ? ", " : "", rid && rid->kind == YT_SCALAR ? rid->value : "?");
		}
		mpr_buf_puts(&was, "]; missing [");
		for (size_t k = 0; miss && miss->kind == YT_SEQ && k < miss->n; k++) {
			/* format_version 2 logs {"id", "source"} objects, version 1 ids */
			const yt_node *mid = miss->items[k]->kind == YT_MAP ? yt_get(miss->items[k], "id")
			                                                    : miss->items[k];
			mpr_buf_printf(&was, "%s%s", k ? ", " : "",
			               mid && mid->kind == YT_SCALAR ? mid->value : "?");
		}
		mpr_buf_printf(&was, "]; monitoring every %s months",
		               mon && mon->kind == YT_SCALAR ? mon->value : "?");
		mpr_buf_printf(&is, "%s; required [", mpr_verdict_word(now->d.verdict));
		size_t k = 0;
		for (size_t sgi = 0; sgi < rs->n_safeguards; sgi++)
			if (now->d.required & ((mpr_set)1 << sgi))
				mpr_buf_printf(&is, "%s%s", k++ ? ", " : "", rs->safeguards[sgi].n.id);
		mpr_buf_puts(&is, "]; missing [");
		k = 0;
		for (size_t sgi = 0; sgi < rs->n_safeguards; sgi++)
			if (now->d.missing & ((mpr_set)1 << sgi))
				mpr_buf_printf(&is, "%s%s", k++ ? ", " : "", rs->safeguards[sgi].n.id);
		mpr_buf_printf(&is, "]; monitoring every %u months", now->d.cell->months);
		if (was.failed || is.failed || !was.data || !is.data)
			rc = mpr_fail(err, MPR_ENOMEM, name, lineno, 1, "out of memory");
		else if (strcmp(was.data, is.data) != 0) {
			mpr_buf_printf(b, "%s:%u: %s (logged %s) activity %s:\n    logged: %s\n    now:    %s\n",
			               name, lineno, fname, when && when->kind == YT_SCALAR ? when->value : "?",
			               id->value, was.data, is.data);
			(*differ)++;
		}
		free(was.data);
		free(is.data);
	}
	mpr_result_free(r);
	mpr_proposal_free(p);
	yt_doc_free(&doc);
	return rc;
}

int mpr_replay(const mpr_ruleset *rs, const char *log, size_t log_len, const char *name,
               char **report, size_t *len, size_t *replayed, size_t *differ, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!rs || (!log && log_len) || !report || !replayed || !differ)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_replay: invalid arguments");
	*report = NULL;
	*replayed = *differ = 0;
	if (!name)
		name = "<log>";
	mpr_buf b = {0};
	int rc = MPR_OK;
	unsigned lineno = 0;
	for (size_t pos = 0; rc == MPR_OK && pos < log_len;) {
		const char *nl = memchr(log + pos, '\n', log_len - pos);
		size_t end = nl ? (size_t)(nl - log) : log_len;
		lineno++;
		size_t n = end - pos;
		if (n) {
			rc = replay_line(rs, name, lineno, log + pos, n, &b, differ, err);
			(*replayed)++;
		}
		pos = end + 1;
	}
	if (rc) {
		free(b.data);
		return rc;
	}
	mpr_buf_printf(&b, "%zu record%s replayed against %s (%s): %zu activit%s would now be "
	                   "decided differently\n",
	               *replayed, *replayed == 1 ? "" : "s", rs->id, rs->fingerprint, *differ,
	               *differ == 1 ? "y" : "ies");
	rc = mpr_buf_finish(&b, report, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}
