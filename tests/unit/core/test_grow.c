/* test_grow.c — base/mem.c hl_grow and base/arena.c hl_arena_grow: an
 * array keeps its elements as it grows, an overflowing size is refused, and
 * a failed growth leaves the array as it was; an arena reset gives its
 * memory again, zeroed, without growing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/mem.h"

static void test_cap(void **state)
{
	(void)state;
	assert_int_equal(hl_grow_cap(0, 1, 8), 16);
	assert_int_equal(hl_grow_cap(16, 17, 8), 32);
	assert_int_equal(hl_grow_cap(16, 100, 8), 100);
	assert_int_equal(hl_grow_cap(4, SIZE_MAX / 2, 4), 0);
}

static void test_realloc_keeps(void **state)
{
	int *arr = NULL;
	size_t cap = 0;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		assert_true(hl_grow(&arr, &cap, (size_t)i + 1, sizeof(*arr)));
		arr[i] = i * 3;
	}
	assert_true(cap >= 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(arr[i], i * 3);
	/* no growth when it fits */
	assert_true(hl_grow(&arr, &cap, 10, sizeof(*arr)));
	assert_true(cap >= 1000);
	hl_free(arr);
}

static void test_realloc_fails_clean(void **state)
{
	int *arr = NULL, *was;
	size_t cap = 0;

	(void)state;
	assert_true(hl_grow(&arr, &cap, 16, sizeof(*arr)));
	arr[15] = 7;
	was = arr;
	hl_mem_fail_after(1);
	assert_false(hl_grow(&arr, &cap, 17, sizeof(*arr)));
	hl_mem_fail_after(0);
	assert_ptr_equal(arr, was);
	assert_int_equal(cap, 16);
	assert_int_equal(arr[15], 7);
	hl_free(arr);
}

static void test_arena_keeps_and_caps(void **state)
{
	struct hl_arena *a = hl_arena_new(64 * 1024);
	int64_t *arr = NULL;
	size_t cap = 0, n = 0;

	(void)state;
	assert_non_null(a);
	for (; n < 1000; n++) {
		assert_int_equal(hl_arena_grow(a, &arr, n, &cap, n + 1, sizeof(*arr)), HL_OK);
		arr[n] = (int64_t)n * 5;
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(arr[i], (int64_t)i * 5);
	/* past the arena's cap: refused, the array as it was */
	assert_int_equal(hl_arena_grow(a, &arr, n, &cap, 1 << 20, sizeof(*arr)), HL_ENOMEM);
	assert_true(cap >= 1000 && cap < (1 << 20));
	assert_int_equal(arr[999], 999 * 5);
	hl_arena_free(a);
}

static void test_arena_reset_reuses(void **state)
{
	/* room for one round (two large blocks and small ones), not for two */
	struct hl_arena *a = hl_arena_new(600 * 1024);
	unsigned char *big[2], *small;

	(void)state;
	assert_non_null(a);
	for (int round = 0; round < 3; round++) {
		unsigned char *b0 = hl_arena_alloc(a, 200 * 1024);
		unsigned char *b1 = hl_arena_alloc(a, 100 * 1024);

		small = hl_arena_alloc(a, 100);
		assert_non_null(b0);
		assert_non_null(b1);
		assert_non_null(small);
		/* zeroed although the round before wrote there */
		assert_int_equal(b0[0] | b0[200 * 1024 - 1] | b1[100 * 1024 - 1] | small[99], 0);
		if (round > 0) { /* the same blocks, each where it fits best */
			assert_ptr_equal(b0, big[0]);
			assert_ptr_equal(b1, big[1]);
		}
		big[0] = b0;
		big[1] = b1;
		b0[0] = b0[200 * 1024 - 1] = b1[100 * 1024 - 1] = small[99] = 0xAB;
		hl_arena_reset(a);
	}
	/* the cap still counts what is kept */
	assert_null(hl_arena_alloc(a, 400 * 1024));
	hl_arena_reset(NULL);
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_realloc_keeps),
		cmocka_unit_test(test_realloc_fails_clean),
		cmocka_unit_test(test_arena_keeps_and_caps),
		cmocka_unit_test(test_arena_reset_reuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
