/* index.c - see index.h. FNV-1a and linear probing in a table at most half
 * full: ids are short and come from the rules, not from an adversary. */
#include "util/index.h"

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

int mpr_index_build(mpr_index *ix, mpr_arena *arena, const void *first_id, size_t stride,
                    size_t n)
{
	size_t size = 8;
	while (size < 2 * n)
		size *= 2;
	ix->ids = first_id;
	ix->stride = stride;
	ix->mask = size - 1;
	ix->slots = mpr_arena_alloc(arena, size * sizeof *ix->slots);
	if (!ix->slots)
		return MPR_ENOMEM;
	for (size_t pos = 0; pos < n; pos++) {
		size_t h = hash_id(id_at(ix, pos)) & ix->mask;
		while (ix->slots[h])
			h = (h + 1) & ix->mask;
		ix->slots[h] = (int)pos + 1;
	}
	return MPR_OK;
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
	return k >= 0 ? k : mpr_index_find(ix, lower);
}
