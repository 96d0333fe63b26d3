/* test_array.c - the one growable array (util/array.h): items keep their
 * values and order as it grows, and a size that would overflow is refused
 * with the old block kept. */
#include <stdint.h>

#include "helpers.h"
#include "util/array.h"

static void pushes_keep_order(void **state)
{
	(void)state;
	mpr_array(int) a = MPR_ARRAY_INIT;
	for (int i = 0; i < 1000; i++) {
		int *slot = mpr_array_push(a);
		assert_non_null(slot);
		if (slot) /* cmocka's assertions are not noreturn to gcc */
			*slot = i * 3;
	}
	assert_int_equal(a.n, 1000);
	assert_true(a.cap >= a.n);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(a.v[i], i * 3);
	mpr_array_free(a);
}

static void overflow_is_refused(void **state)
{
	(void)state;
	char *block = malloc(16);
	assert_non_null(block);
	size_t cap = 16;
	/* room for SIZE_MAX / 2 + 1 items of 4 bytes does not fit in a size_t */
	assert_ptr_equal(mpr_array_grow(block, SIZE_MAX / 2 + 1, &cap, 4), block);
	assert_int_equal(cap, 16);
	void *grown = mpr_array_grow(block, 17, &cap, 1);
	assert_non_null(grown);
	assert_int_equal(cap, 32);
	free(grown);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pushes_keep_order),
		cmocka_unit_test(overflow_is_refused),
	};
	return cmocka_run_group_tests_name("array", tests, NULL, NULL);
}
