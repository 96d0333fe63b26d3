/* test_index.c - the id index (util/index.h): every id is found at its
 * position, an absent id is not, and a near miss ('tn', 'forced_return')
 * finds the id it most likely means, for the "did you mean" of an error. */
#include "helpers.h"
#include "util/index.h"

typedef struct entry {
	const char *id;
	int payload;
} entry;

static const entry entries[] = {
	{"TN", 1}, {"MA", 2}, {"forced-return", 3}, {"return-hub", 4}, {"LY", 5},
};
enum { N = sizeof entries / sizeof *entries };

static void finds_every_id_and_nothing_else(void **state)
{
	(void)state;
	mpr_arena arena = {0};
	mpr_index ix = {0};
	assert_int_equal(mpr_index_find(&ix, "TN"), -1); /* never built */
	assert_int_equal(mpr_index_build(&ix, &arena, &entries[0].id, sizeof(entry), N), 0);
	for (int i = 0; i < N; i++)
		assert_int_equal(mpr_index_find(&ix, entries[i].id), i);
	assert_int_equal(mpr_index_find(&ix, "tn"), -1);
	assert_int_equal(mpr_index_find(&ix, ""), -1);
	mpr_arena_free(&arena);
}

static void a_near_miss_finds_what_it_means(void **state)
{
	(void)state;
	mpr_arena arena = {0};
	mpr_index ix = {0};
	assert_int_equal(mpr_index_build(&ix, &arena, &entries[0].id, sizeof(entry), N), 0);
	assert_int_equal(mpr_index_find_near(&ix, "tn"), 0);
	assert_int_equal(mpr_index_find_near(&ix, "Ly"), 4);
	assert_int_equal(mpr_index_find_near(&ix, "forced_return"), 2);
	assert_int_equal(mpr_index_find_near(&ix, "Return Hub"), 3);
	assert_int_equal(mpr_index_find_near(&ix, "Tunisia"), -1);
	assert_int_equal(mpr_index_find_near(&ix, "border-wall"), -1);
	assert_int_equal(mpr_index_find_near(&ix, ""), -1);
	char long_id[200];
	memset(long_id, 'a', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	assert_int_equal(mpr_index_find_near(&ix, long_id), -1);
	mpr_arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_every_id_and_nothing_else),
		cmocka_unit_test(a_near_miss_finds_what_it_means),
	};
	return cmocka_run_group_tests_name("index", tests, NULL, NULL);
}
