/* test_store_later.c — writes sent later (store_q.h q_exec_later): what a
 * backend keeps for its next round trip is seen by the transaction's reads,
 * made durable by its commit and dropped by its rollback; a kept write's
 * failure is reported before the commit succeeds, and on PostgreSQL (where
 * it is reported by a later statement) no savepoint can undo it alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "store/store_q.h"
#include "store_fixture.h"

/* Slots no area uses in this test's connections (store_copy's last). */
static const struct q_stmt make = Q_STMT(Q_SLOTS - 1,
	"CREATE TABLE later_t (k INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
static const struct q_stmt put = Q_STMT(Q_SLOTS - 2, "INSERT INTO later_t (k, n) VALUES ($1, $2)");
static const struct q_stmt count = Q_STMT(Q_SLOTS - 3, "SELECT count(*) FROM later_t");

#define MANY 1500 /* more than a backend keeps before it sends them anyway */

static bool on_pg(const struct fx *f)
{
	return strncmp(f->path, "postgres", 8) == 0;
}

static int later_put(struct fx *f, int64_t k)
{
	struct q_args a = {0};

	q_i64(&a, k);
	q_i64(&a, 2 * k);
	return q_exec_later(f->st, &put, &a, "ghi thử", &f->err);
}

static int64_t rows(struct fx *f)
{
	int64_t n = -1;

	OK(f, q_int(f->st, &count, NULL, &n, "đếm", &f->err));
	return n;
}

static int setup(void **state)
{
	int rc = fx_setup(state);
	struct fx *f = *state;

	if (rc == 0 && q_exec(f->st, &make, NULL, NULL, "tạo bảng", &f->err) != HL_OK) {
		print_error("%s\n", f->err.msg);
		return -1;
	}
	return rc;
}

static void test_kept_seen_committed(void **state)
{
	struct fx *f = *state;

	OK(f, store_begin(f->st, &f->err));
	for (int64_t k = 1; k <= MANY; k++)
		OK(f, later_put(f, k));
	/* the transaction's own read sees them */
	assert_int_equal(rows(f), MANY);
	OK(f, later_put(f, MANY + 1));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(rows(f), MANY + 1);
	/* outside a transaction a write is not kept */
	OK(f, later_put(f, MANY + 2));
	assert_int_equal(rows(f), MANY + 2);
}

static void test_kept_rolled_back(void **state)
{
	struct fx *f = *state;

	OK(f, store_begin(f->st, &f->err));
	OK(f, later_put(f, 1));
	OK(f, store_savepoint(f->st, &f->err));
	OK(f, later_put(f, 2));
	/* undone to the savepoint: the write kept after it goes, not the first */
	OK(f, store_rollback_to(f->st, &f->err));
	assert_int_equal(rows(f), 1);
	OK(f, later_put(f, 3));
	OK(f, store_rollback(f->st, &f->err));
	assert_int_equal(rows(f), 0);
}

static void test_kept_failure(void **state)
{
	struct fx *f = *state;
	int rc;

	OK(f, store_begin(f->st, &f->err));
	OK(f, later_put(f, 1));
	OK(f, store_savepoint(f->st, &f->err));
	rc = later_put(f, 1); /* the same key: refused, now or at the next statement */
	if (rc == HL_OK) {
		int64_t n;

		assert_true(on_pg(f));
		rc = q_int(f->st, &count, NULL, &n, "đếm", &f->err);
	}
	/* the same status on both backends */
	assert_int_equal(rc, HL_EEXIST);
	/* the failed write's own operation is named */
	assert_non_null(strstr(f->err.msg, "ghi thử"));
	if (on_pg(f)) {
		/* which savepoint the failure belongs to is unknown: neither undoing
		 * to one nor committing is allowed */
		assert_int_equal(store_rollback_to(f->st, &f->err), HL_EIO);
		assert_int_equal(store_commit(f->st, &f->err), HL_EIO);
	} else {
		OK(f, store_rollback(f->st, &f->err));
	}
	assert_int_equal(rows(f), 0);
	/* the connection serves the next transaction */
	OK(f, store_begin(f->st, &f->err));
	OK(f, later_put(f, 5));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(rows(f), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kept_seen_committed, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_kept_rolled_back, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_kept_failure, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
