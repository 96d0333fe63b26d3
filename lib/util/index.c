/* index.c - see index.h. FNV-1a and linear probing in a table at most half
 * full. Ids come from the rules, or from a proposal (mpr_index_add finds its
 * duplicate activity ids): an adversary who picks ids that collide makes a
 * proposal slower to read, bounded by max_activities, never wrong. */
#include "util/index.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "mprisk.h"

static size_t hash_id(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static const char *id_at(const mpr_index *ix, size_t pos)
{
	return *(const char *const *)((const char *)ix->ids + pos * ix->stride);
}

int mpr_index_init(mpr_index *ix, mpr_arena *arena, const void *first_id, size_t stride,
                   size_t n)
{
	size_t size = 8;
	while (size < 2 * n) {
		if (size > SIZE_MAX / 4 / sizeof *ix->slots)
			return MPR_ENOMEM;
		size *= 2;
	}
	ix->ids = first_id;
	ix->stride = stride;
	ix->mask = size - 1;
	ix->slots = mpr_arena_alloc(arena, size * sizeof *ix->slots);
	return ix->slots ? MPR_OK : MPR_ENOMEM;
}

int mpr_index_add(mpr_index *ix, size_t pos)
{
	const char *id = id_at(ix, pos);
	size_t h = hash_id(id) & ix->mask;
	for (; ix->slots[h]; h = (h + 1) & ix->mask) {
		int other = ix->slots[h] - 1;
		if (strcmp(id_at(ix, (size_t)other), id) == 0)
			return other;
	}
	ix->slots[h] = (int)pos + 1;
	return -1;
}

int mpr_index_build(mpr_index *ix, mpr_arena *arena, const void *first_id, size_t stride,
                    size_t n)
{
	int rc = mpr_index_init(ix, arena, first_id, stride, n);
	for (size_t pos = 0; rc == MPR_OK && pos < n; pos++)
		mpr_index_add(ix, pos);
	return rc;
}

int mpr_index_find(const mpr_index *ix, const char *id)
{
	if (!ix->slots)
		return -1;
	for (size_t h = hash_id(id) & ix->mask; ix->slots[h]; h = (h + 1) & ix->mask) {
		int pos = ix->slots[h] - 1;
		if (strcmp(id_at(ix, (size_t)pos), id) == 0)
			return pos;
	}
	return -1;
}

/* The edit distance of a and b (one insertion, deletion or substitution
 * each), for ids shorter than 64 bytes; SIZE_MAX for longer ones. */
static size_t distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), row[64];
	if (n >= 64 || m >= 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diagonal = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t above = row[j];
			size_t best = diagonal + (a[i - 1] != b[j - 1]);
			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[m];
}

/* The one id within a typo of id (one edit for 3 to 5 characters, two from
 * 6 on, none for shorter ones: a country code is never guessed), or -1
 * when there is none or two are as near. */
static int typo_of(const mpr_index *ix, const char *id, size_t n)
{
	size_t allowed = n >= 6 ? 2 : n >= 3 ? 1 : 0, best_d = allowed + 1;
	int best = -1;
	bool tie = false;
	for (size_t slot = 0; ix->slots && slot <= ix->mask; slot++) {
		if (!ix->slots[slot])
			continue;
		int pos = ix->slots[slot] - 1;
		size_t d = distance(id, id_at(ix, (size_t)pos));
		if (d < best_d) {
			best = pos;
			best_d = d;
			tie = false;
		} else if (d == best_d) {
			tie = true;
		}
	}
	return tie ? -1 : best;
}

int mpr_index_find_near(const mpr_index *ix, const char *id)
{
	char upper[64] = "", lower[64] = "";
	size_t n = strlen(id);
	if (n == 0 || n >= sizeof upper)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)id[i];
		upper[i] = (char)(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
		lower[i] = (char)(ch == '_' || ch == ' '    ? '-'
		                  : ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a'
		                                           : ch);
	}
	int k = mpr_index_find(ix, upper);
	if (k < 0)
		k = mpr_index_find(ix, lower);
	return k >= 0 ? k : typo_of(ix, lower, n);
}
