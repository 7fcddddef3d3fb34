/* test_store_rate.c — the conformance suite of the rate-limit counters
 * (rate_take, rate_count, rate_give, rate_clear, rate_purge), written only against
 * store/store.h, on a fresh migrated store in a temporary file: a counter
 * per key, never another key's; the window opened by the first event;
 * refusals that change nothing; two connections sharing one count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store_fixture.h"

static bool take(struct fx *f, const char *key, int64_t now, int window, int max)
{
	bool taken = true;

	OK(f, STORE(f->st, accounts, rate_take, key, now, window, max, &taken, &f->err));
	return taken;
}

static int count(struct fx *f, const char *key, int64_t now)
{
	int n = -1;

	OK(f, STORE(f->st, accounts, rate_count, key, now, &n, &f->err));
	return n;
}

/* max events in the window, then refusals that change nothing; the window
 * runs from the first event, and a new one opens when it has passed. */
static void test_window(void **state)
{
	struct fx *f = *state;

	assert_int_equal(count(f, "k", 1000), 0);
	for (int i = 0; i < 3; i++)
		assert_true(take(f, "k", 1000 + i * 10, 300, 3));
	assert_int_equal(count(f, "k", 1050), 3);
	assert_false(take(f, "k", 1100, 300, 3));
	assert_false(take(f, "k", 1299, 300, 3));
	assert_int_equal(count(f, "k", 1299), 3);
	/* expires at 1000 + 300, whatever came later */
	assert_int_equal(count(f, "k", 1300), 0);
	assert_true(take(f, "k", 1300, 300, 3));
	assert_int_equal(count(f, "k", 1300), 1);
	assert_int_equal(count(f, "k", 1599), 1);
	assert_int_equal(count(f, "k", 1600), 0);
}

/* Thousands of keys: each keeps its own count (nothing hashed, nothing
 * evicted). */
static void test_keys_apart(void **state)
{
	struct fx *f = *state;
	char key[64];

	assert_true(take(f, "login-addr:10.0.0.1", 1000, 300, 5));
	assert_true(take(f, "login-addr:10.0.0.1", 1000, 300, 5));
	OK(f, store_begin(f->st, &f->err));
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "login-name:ke-%d", i);
		assert_true(take(f, key, 1001, 300, 5));
	}
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(count(f, "login-addr:10.0.0.1", 1002), 2);
	assert_int_equal(count(f, "login-name:ke-4999", 1002), 1);
	assert_int_equal(count(f, "login-addr:10.0.0.2", 1002), 0);
}

static void test_clear_purge(void **state)
{
	struct fx *f = *state;

	assert_true(take(f, "a", 1000, 100, 2));
	assert_true(take(f, "a", 1000, 100, 2));
	assert_true(take(f, "b", 1050, 100, 2));
	OK(f, STORE(f->st, accounts, rate_clear, "a", &f->err));
	OK(f, STORE(f->st, accounts, rate_clear, "khong-co", &f->err));
	assert_int_equal(count(f, "a", 1060), 0);
	assert_true(take(f, "a", 1060, 100, 2));
	/* purge takes the expired ones only: b expires at 1150, a at 1160 */
	OK(f, STORE(f->st, accounts, rate_purge, 1150, &f->err));
	assert_int_equal(count(f, "a", 1150), 1);
	assert_int_equal(count(f, "b", 1100), 0);
	OK(f, STORE(f->st, accounts, rate_purge, 2000, &f->err));
	assert_int_equal(count(f, "a", 1100), 0);
}

/* A given-back event frees its place in the window, never below none and
 * never in an expired or absent counter. */
static void test_give(void **state)
{
	struct fx *f = *state;

	assert_true(take(f, "g", 1000, 100, 2));
	assert_true(take(f, "g", 1000, 100, 2));
	assert_false(take(f, "g", 1010, 100, 2));
	OK(f, STORE(f->st, accounts, rate_give, "g", 1020, &f->err));
	assert_int_equal(count(f, "g", 1020), 1);
	assert_true(take(f, "g", 1030, 100, 2));
	assert_false(take(f, "g", 1030, 100, 2));
	for (int i = 0; i < 3; i++)
		OK(f, STORE(f->st, accounts, rate_give, "g", 1040, &f->err));
	assert_int_equal(count(f, "g", 1040), 0);
	/* the window still runs from the first event */
	assert_true(take(f, "g", 1050, 100, 1));
	assert_int_equal(count(f, "g", 1099), 1);
	assert_int_equal(count(f, "g", 1100), 0);
	OK(f, STORE(f->st, accounts, rate_give, "g", 1200, &f->err));
	OK(f, STORE(f->st, accounts, rate_give, "khong-co", 1200, &f->err));
	assert_int_equal(count(f, "khong-co", 1200), 0);
	assert_true(take(f, "g", 1200, 100, 2));
	assert_int_equal(count(f, "g", 1200), 1);
}

static void test_invalid(void **state)
{
	struct fx *f = *state;
	bool taken = true;

	assert_int_equal(STORE(f->st, accounts, rate_take, "", 1, 10, 1, &taken, &f->err),
		HL_EINVAL);
	assert_false(taken);
	assert_int_equal(STORE(f->st, accounts, rate_take, "k", 1, 0, 1, &taken, &f->err),
		HL_EINVAL);
	assert_int_equal(STORE(f->st, accounts, rate_take, "k", 1, 10, 0, &taken, &f->err),
		HL_EINVAL);
}

/* Two connections to one database count against one limit (several server
 * processes sharing it), and a rolled-back count is not counted. */
static void test_shared(void **state)
{
	struct fx *f = *state;
	struct store *other = NULL;
	bool taken;

	OK(f, store_open(f->path, &other, &f->err));
	assert_true(take(f, "fb:1.2.3.4", 1000, 3600, 2));
	OK(f, STORE(other, accounts, rate_take, "fb:1.2.3.4", 1001, 3600, 2, &taken, &f->err));
	assert_true(taken);
	OK(f, STORE(other, accounts, rate_take, "fb:1.2.3.4", 1002, 3600, 2, &taken, &f->err));
	assert_false(taken);
	assert_false(take(f, "fb:1.2.3.4", 1003, 3600, 2));
	store_close(other);

	OK(f, store_begin(f->st, &f->err));
	assert_true(take(f, "r", 1000, 10, 1));
	OK(f, store_rollback(f->st, &f->err));
	assert_int_equal(count(f, "r", 1001), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_window, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_keys_apart, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_clear_purge, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_give, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_invalid, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_shared, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
