/*
 * coverage.c - which rule entries a set of decisions exercised: every entry
 * a decision's trace names (found by the id pointer the step carries), the
 * country and its context kinds, the safeguards it requires, the
 * attributes it declares, the partnership rules that fired and the
 * elements declared. Rule tests fill it (ruletest.c), lint reads it
 * (lint.c), and it prints as text or as an lcov tracefile whose lines are
 * the rule files' own, for genhtml.
 */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "decide/decide.h"
#include "load/load.h"
#include "util/buf.h"
#include "util/error.h"

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
	if (c)
		free(c->hits);
	free(c);
}

static void hit(mpr_coverage *c, const char *id)
{
	const mpr_entry *e = mpr_entry_by_pointer(c->rules, id);
	if (e)
		c->hits[e - c->rules->entries]++;
}

void mpr_cover_decision(mpr_coverage *c, const mpr_decision *d, mpr_set attributes)
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
	for (size_t i = 0; i < r->n_activities; i++) {
		const mpr_substance *s = &r->proposal->activities[i].s;
		/* the attributes declared, and those experience gave (R9) */
		const mpr_experienced *x = mpr_experience_find(r->experience, s->country, s->measure);
		mpr_cover_decision(c, &r->activities[i].d, s->attributes | (x ? x->attributes : 0));
	}
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

/* What both renderings check first: err cleared, *out NULL. */
static int render_args(const mpr_coverage *c, char **out, const char *fn, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!c || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "%s: invalid arguments", fn);
	*out = NULL;
	return MPR_OK;
}

int mpr_coverage_render_lcov(const mpr_coverage *c, char **out, size_t *len, mpr_error *err)
{
	int rc = render_args(c, out, "mpr_coverage_render_lcov", err);
	if (rc)
		return rc;
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
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

void mpr_cover_monitoring(mpr_coverage *c, const mpr_monitoring *m)
{
	if (!c || !m || m->rules != c->rules)
		return;
	const mpr_ruleset *rs = c->rules;
	mpr_coverage_add_result(c, m->result);
	for (size_t i = 0; i < m->n_items; i++)
		hit(c, m->items[i].rule->id);
	for (size_t k = 0; k < m->n_obs; k++)
		hit(c, rs->violation_kinds[m->obs[k].o.kind].n.id);
	if (rs->mon.defined)
		hit(c, rs->mon.round_id);
	if (m->experience && m->experience->n_entries)
		hit(c, rs->mon.experience_id);
}

int mpr_coverage_render_text(const mpr_coverage *c, char **out, size_t *len, mpr_error *err)
{
	int rc = render_args(c, out, "mpr_coverage_render_text", err);
	if (rc)
		return rc;
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
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

