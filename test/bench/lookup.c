/*
 * lookup.c - the two plain-C baselines mprisk's figures are divided by.
 *
 * flat: every (country, measure, attribute set) decided in advance into
 * flat arrays, reached after one hash lookup per id of a query: the limit
 * for the mixed queries (5.5 ids each), what `make bench` compared with
 * first. Its ratio flatters the library, since most of either side is
 * hashing the same ids.
 *
 * plain: the lookup a caller could write who wants the decision of a
 * country and a measure and nothing else: one open-addressing hash table on
 * the pair of string ids, each slot pointing at the decision computed in
 * advance. No trace, no rules, no JSON: the cost of reaching an answer by
 * two strings, which every target of docs/performance.md is a multiple of.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "decide/decide.h"

static size_t fnv(size_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

#define FNV_START ((size_t)14695981039346656037ULL)

/* ---- flat arrays --------------------------------------------------------- */

typedef struct id_table {
	const char *ids[256];
	int slots[512];
} id_table;

static void table_build(id_table *t, const char *const *ids, size_t n)
{
	memset(t->slots, 0, sizeof t->slots);
	for (size_t i = 0; i < n && i < 256; i++) {
		t->ids[i] = ids[i];
		size_t h = fnv(FNV_START, ids[i]) & 511;
		while (t->slots[h])
			h = (h + 1) & 511;
		t->slots[h] = (int)i + 1;
	}
}

static int table_find(const id_table *t, const char *id)
{
	for (size_t h = fnv(FNV_START, id) & 511; t->slots[h]; h = (h + 1) & 511)
		if (strcmp(t->ids[t->slots[h] - 1], id) == 0)
			return t->slots[h] - 1;
	return -1;
}

struct flat_baseline {
	id_table countries, measures, attributes, safeguards;
	size_t nm, na;
	unsigned char *verdict; /* [c][m][attribute mask] */
	uint64_t *required;
	unsigned char *months;
};

static void ids_of(id_table *t, const void *first, size_t stride, size_t n)
{
	const char *ids[256];
	for (size_t i = 0; i < n && i < 256; i++)
		ids[i] = *(const char *const *)((const char *)first + i * stride);
	table_build(t, ids, n);
}

flat_baseline *flat_build(const mpr_ruleset *rs)
{
	flat_baseline *b = calloc(1, sizeof *b);
	if (!b || rs->n_countries > 256 || rs->n_measures > 256 || rs->n_attributes > 16)
		bench_die("flat baseline: too large", NULL);
	ids_of(&b->countries, &rs->countries[0].n.id, sizeof *rs->countries, rs->n_countries);
	ids_of(&b->measures, &rs->measures[0].n.id, sizeof *rs->measures, rs->n_measures);
	ids_of(&b->attributes, &rs->attributes[0].n.id, sizeof *rs->attributes, rs->n_attributes);
	ids_of(&b->safeguards, &rs->safeguards[0].n.id, sizeof *rs->safeguards, rs->n_safeguards);
	b->nm = rs->n_measures;
	b->na = rs->n_attributes;
	size_t masks = (size_t)1 << b->na, cells = rs->n_countries * b->nm * masks;
	b->verdict = malloc(cells);
	b->required = malloc(cells * sizeof *b->required);
	b->months = malloc(cells);
	if (!b->verdict || !b->required || !b->months)
		bench_die("flat baseline", NULL);
	mpr_decision d = {0};
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < b->nm; m++)
			for (size_t a = 0; a < masks; a++) {
				mpr_substance s = mpr_substance_of((int)c, (int)m, a);
				mpr_decide_at(rs, &s, 0, &d);
				size_t k = (c * b->nm + m) * masks + a;
				b->verdict[k] = (unsigned char)d.verdict;
				b->required[k] = d.required;
				b->months[k] = (unsigned char)d.cell->months;
			}
	return b;
}

void flat_free(flat_baseline *b)
{
	if (!b)
		return;
	free(b->verdict);
	free(b->required);
	free(b->months);
	free(b);
}

/* The same answer as mpr_decide for everything but the floor rule F5, whose
 * outcome depends on the declared safeguards: the baseline is the limit, not
 * a second implementation. */
unsigned flat_decide(const flat_baseline *b, const mpr_query *q)
{
	int c = table_find(&b->countries, q->country), m = table_find(&b->measures, q->measure);
	size_t mask = 0;
	uint64_t declared = 0;
	for (size_t i = 0; i < q->n_attributes; i++)
		mask |= (size_t)1 << table_find(&b->attributes, q->attributes[i]);
	for (size_t i = 0; i < q->n_safeguards; i++)
		declared |= (uint64_t)1 << table_find(&b->safeguards, q->safeguards[i]);
	size_t k = ((size_t)c * b->nm + (size_t)m) * ((size_t)1 << b->na) + mask;
	return b->verdict[k] + b->months[k] + (unsigned)__builtin_popcountll(b->required[k] & ~declared);
}

/* ---- the plain two-id lookup --------------------------------------------- */

struct plain_lookup {
	plain_decision *decisions;
	const plain_decision **slots;
	size_t mask;
};

static size_t pair_hash(const char *country, const char *measure)
{
	size_t h = fnv(FNV_START, country);
	h = (h ^ 0xff) * (size_t)1099511628211ULL; /* a separator no id holds */
	return fnv(h, measure);
}

plain_lookup *plain_build(const mpr_ruleset *rs)
{
	size_t n = rs->n_countries * rs->n_measures, size = 16;
	while (size < 2 * n)
		size *= 2;
	plain_lookup *p = calloc(1, sizeof *p);
	if (p) {
		p->decisions = calloc(n, sizeof *p->decisions);
		p->slots = calloc(size, sizeof *p->slots);
	}
	if (!p || !p->decisions || !p->slots)
		bench_die("plain lookup", NULL);
	p->mask = size - 1;
	mpr_decision d = {0};
	for (size_t c = 0; c < rs->n_countries; c++)
		for (size_t m = 0; m < rs->n_measures; m++) {
			mpr_substance s = mpr_substance_of((int)c, (int)m, 0);
			mpr_decide_at(rs, &s, 0, &d);
			plain_decision *x = &p->decisions[c * rs->n_measures + m];
			*x = (plain_decision){rs->countries[c].n.id, rs->measures[m].n.id, (int)d.verdict,
			                      d.country_tier, d.measure_tier, d.cell->months, d.required};
			size_t h = pair_hash(x->country, x->measure) & p->mask;
			while (p->slots[h])
				h = (h + 1) & p->mask;
			p->slots[h] = x;
		}
	return p;
}

void plain_free(plain_lookup *p)
{
	if (!p)
		return;
	free(p->decisions);
	free(p->slots);
	free(p);
}

const plain_decision *plain_find(const plain_lookup *p, const char *country, const char *measure)
{
	for (size_t h = pair_hash(country, measure) & p->mask; p->slots[h]; h = (h + 1) & p->mask) {
		const plain_decision *x = p->slots[h];
		if (strcmp(x->country, country) == 0 && strcmp(x->measure, measure) == 0)
			return x;
	}
	return NULL;
}
