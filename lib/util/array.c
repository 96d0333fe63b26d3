/* array.c - the growth of util/array.h, out of line: one place that checks
 * the size for overflow and keeps the old block when realloc fails. */
#include "util/array.h"

#include <stdint.h>

void *mpr_array_grow(void *v, size_t need, size_t *cap, size_t item)
{
	size_t want = *cap ? *cap : 16;
	while (want < need) {
		if (want > SIZE_MAX / 2)
			return v;
		want *= 2;
	}
	if (!item || want > SIZE_MAX / item)
		return v;
	void *grown = realloc(v, want * item);
	if (!grown)
		return v;
	*cap = want;
	return grown;
}
