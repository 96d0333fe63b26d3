/*
 * diff_maps.c - what a diff looks up by id, looked up once (diff.h says
 * what): comparing two rulesets of 195 countries is 260,000 decision pairs,
 * and when each pair looked its safeguards up by string, or each changed
 * decision searched every entry for its counterpart, that was two thirds
 * of the diff and grew faster than the decision space.
 */
#include <stdlib.h>
#include <string.h>

#include "audit/diff.h"

/* The tables of a set of from in the bit positions of to, by safeguard id
 * (a safeguard to lacks has no bit there). */
static void safeguard_tables(mpr_set table[8][256], const mpr_ruleset *from,
                             const mpr_ruleset *to)
{
	mpr_set bit_in_to[MPR_MAX_SET] = {0};
	for (size_t i = 0; i < from->n_safeguards && i < MPR_MAX_SET; i++) {
		int k = mpr_index_find(&to->safeguard_index, from->safeguards[i].n.id);
		bit_in_to[i] = k >= 0 ? (mpr_set)1 << k : 0;
	}
	for (int byte = 0; byte < 8; byte++)
		for (unsigned v = 0; v < 256; v++) {
			mpr_set t = 0;
			for (int b = 0; b < 8; b++)
				if (v & (1u << b))
					t |= bit_in_to[byte * 8 + b];
			table[byte][v] = t;
		}
}

/* Entries by kind and id: open addressing over positions + 1 (kinds may
 * share ids: a safeguard and a measure may have the same one). */
typedef struct entry_table {
	const mpr_ruleset *rs;
	int *slots;
	size_t mask;
} entry_table;

static size_t entry_hash(int kind, const char *id)
{
	size_t h = (size_t)14695981039346656037ULL ^ (size_t)kind;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * (size_t)1099511628211ULL;
	return h;
}

static int table_init(entry_table *t, const mpr_ruleset *rs)
{
	size_t size = 16;
	while (size < 2 * rs->n_entries)
		size *= 2;
	t->rs = rs;
	t->mask = size - 1;
	t->slots = calloc(size, sizeof *t->slots);
	if (!t->slots)
		return MPR_ENOMEM;
	for (size_t i = 0; i < rs->n_entries; i++) {
		size_t h = entry_hash(rs->entries[i].kind, rs->entries[i].id) & t->mask;
		while (t->slots[h])
			h = (h + 1) & t->mask;
		t->slots[h] = (int)i + 1;
	}
	return MPR_OK;
}

static const mpr_entry *table_find(const entry_table *t, const mpr_entry *e)
{
	for (size_t h = entry_hash(e->kind, e->id) & t->mask; t->slots[h]; h = (h + 1) & t->mask) {
		const mpr_entry *o = &t->rs->entries[t->slots[h] - 1];
		if (o->kind == e->kind && strcmp(o->id, e->id) == 0)
			return o;
	}
	return NULL;
}

/* Each entry of from's counterpart in to (table), or NULL. */
static void counterparts(const mpr_ruleset *from, const entry_table *to, const mpr_entry **out)
{
	for (size_t i = 0; i < from->n_entries; i++)
		out[i] = table_find(to, &from->entries[i]);
}

diff_maps *diff_maps_new(const mpr_ruleset *old, const mpr_ruleset *new)
{
	diff_maps *m = calloc(1, sizeof *m);
	entry_table in_old = {0}, in_new = {0};
	if (!m || !(m->measure_old = calloc(new->n_measures + 1, sizeof *m->measure_old)) ||
	    !(m->old_of_new = calloc(new->n_entries + 1, sizeof *m->old_of_new)) ||
	    !(m->new_of_old = calloc(old->n_entries + 1, sizeof *m->new_of_old)) ||
	    table_init(&in_old, old) || table_init(&in_new, new)) {
		free(in_old.slots);
		diff_maps_free(m);
		return NULL;
	}
	safeguard_tables(m->to_new, old, new);
	safeguard_tables(m->to_old, new, old);
	for (size_t i = 0; i < new->n_measures; i++)
		m->measure_old[i] = mpr_index_find(&old->measure_index, new->measures[i].n.id);
	counterparts(new, &in_old, m->old_of_new);
	counterparts(old, &in_new, m->new_of_old);
	for (size_t o = 0; o < old->n_suspension; o++)
		for (size_t n = 0; n < new->n_suspension; n++)
			m->same_suspension[o][n] = strcmp(old->suspension[o].id, new->suspension[n].id) == 0;
	free(in_old.slots);
	free(in_new.slots);
	return m;
}

void diff_maps_free(diff_maps *m)
{
	if (!m)
		return;
	free(m->measure_old);
	free(m->old_of_new);
	free(m->new_of_old);
	free(m);
}
