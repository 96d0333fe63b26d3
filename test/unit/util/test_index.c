/* test_index.c - the id index (util/index.h): built at once or added to one
 * by one, every id is found at its position and an absent id is not; adding
 * an id that is there already names the first one (how a proposal finds a
 * duplicate activity id in one probe, whatever the number of activities);
 * and a near miss ('tn', 'forced_return') finds the id it most likely
 * means, for the "did you mean" of an error. */
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
	/* a typo: one or two edits in a longer id, never a guessed country */
	assert_int_equal(mpr_index_find_near(&ix, "forced-retrun"), 2);
	assert_int_equal(mpr_index_find_near(&ix, "returnhub"), 3);
	assert_int_equal(mpr_index_find_near(&ix, "Forced_Retur"), 2);
	assert_int_equal(mpr_index_find_near(&ix, "TX"), -1);
	assert_int_equal(mpr_index_find_near(&ix, "forced-ret"), -1); /* three edits */
	char long_id[200];
	memset(long_id, 'a', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	assert_int_equal(mpr_index_find_near(&ix, long_id), -1);
	mpr_arena_free(&arena);
}

typedef struct item {
	int payload;
	const char *id;
} item;

static void added_one_by_one(void **state)
{
	(void)state;
	enum { MANY = 5000 };
	static item items[MANY];
	static char ids[MANY][16];
	mpr_arena arena = {0};
	mpr_index ix;
	assert_int_equal(mpr_index_init(&ix, &arena, &items[0].id, sizeof *items, MANY), MPR_OK);
	for (int i = 0; i < MANY; i++) {
		snprintf(ids[i], sizeof ids[i], "a-%d", i % 4000); /* 1000 duplicates */
		items[i].id = ids[i];
		int first = mpr_index_add(&ix, (size_t)i);
		assert_int_equal(first, i < 4000 ? -1 : i - 4000);
	}
	for (int i = 0; i < 4000; i++)
		assert_int_equal(mpr_index_find(&ix, ids[i]), i);
	assert_int_equal(mpr_index_find(&ix, "a-4000"), -1);
	assert_int_equal(mpr_index_find(&ix, ""), -1);
	mpr_arena_free(&arena);
}

static void built_at_once(void **state)
{
	(void)state;
	item items[3] = {{1, "x"}, {2, "y"}, {3, "z"}};
	mpr_arena arena = {0};
	mpr_index ix, none = {0};
	assert_int_equal(mpr_index_build(&ix, &arena, &items[0].id, sizeof *items, 3), MPR_OK);
	assert_int_equal(mpr_index_find(&ix, "z"), 2);
	assert_int_equal(mpr_index_find(&ix, "w"), -1);
	assert_int_equal(mpr_index_find(&none, "x"), -1); /* never built */
	mpr_arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_every_id_and_nothing_else),
		cmocka_unit_test(a_near_miss_finds_what_it_means),
		cmocka_unit_test(added_one_by_one),
		cmocka_unit_test(built_at_once),
	};
	return cmocka_run_group_tests_name("index", tests, NULL, NULL);
}
