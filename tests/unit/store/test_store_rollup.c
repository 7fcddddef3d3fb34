/* test_store_rollup.c — the conformance suite of the report rollups'
 * operations (rollup_merge, rollup_scan, rollup_clear, rollup_ready),
 * written only against store/store.h and core/rollup.h, on a fresh migrated
 * store in a temporary file: a fresh database's rollups are ready; merging
 * adds to what is stored; a scan takes the units in the order given and
 * only the months asked; an encoding that does not decode is refused,
 * naming the unit, and nothing is stored; clearing empties, and a rollback
 * undoes it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/rollup.h"
#include "store/store.h"
#include "store_fixture.h"

/* Store a rollup of n kiosk responses in field field for (unit, month). */
static void merge(struct fx *f, int64_t unit, hl_day month, int n, int64_t field)
{
	struct hl_rollup r;
	unsigned char buf[256];

	hl_rollup_init(&r);
	r.chan[1] = n;
	r.field = calloc(1, sizeof(*r.field));
	assert_non_null(r.field);
	r.field[0].id = field;
	r.field[0].n = n;
	r.nfield = r.capfield = 1;
	assert_true(hl_rollup_encoded_size(&r) <= sizeof(buf));
	hl_rollup_encode(&r, buf);
	OK(f,
		STORE(f->st, tallies, rollup_merge, unit, month, buf, hl_rollup_encoded_size(&r),
			&f->err));
	free(r.field);
}

struct seen {
	int n;
	int64_t unit[8];
	hl_day month[8];
	struct hl_rollup sum;
};

static int on_row(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data, size_t len)
{
	struct seen *s = ctx;
	struct hl_err err;

	if (s->n < 8) {
		s->unit[s->n] = unit_id;
		s->month[s->n] = month;
	}
	s->n++;
	return hl_rollup_add_encoded(&s->sum, data, len, &err);
}

static void test_merge_scan(void **state)
{
	struct fx *f = *state;
	const int64_t units[] = {7, 3, 99};
	struct seen s;
	bool ready = false;

	OK(f, STORE(f->st, tallies, rollup_ready, &ready, &f->err));
	assert_true(ready); /* no response before the migration */
	merge(f, 3, 100, 2, 0);
	merge(f, 3, 131, 1, 5);
	merge(f, 3, 100, 4, 5); /* adds to the stored one */
	merge(f, 7, 100, 1, 0);
	merge(f, 7, 200, 1, 0); /* outside the months asked */
	merge(f, 8, 100, 9, 0); /* not asked for */

	memset(&s, 0, sizeof(s));
	hl_rollup_init(&s.sum);
	OK(f, STORE(f->st, tallies, rollup_scan, units, 3, 100, 131, on_row, &s, &f->err));
	assert_int_equal(s.n, 3);
	assert_int_equal(s.unit[0], 7);
	assert_int_equal(s.unit[1], 3);
	assert_int_equal(s.month[1], 100);
	assert_int_equal(s.month[2], 131);
	assert_int_equal(hl_rollup_responses(&s.sum), 1 + 6 + 1);
	assert_int_equal(s.sum.nfield, 2);
	assert_int_equal(s.sum.field[0].n, 3); /* field 0: 2 + 1 */
	assert_int_equal(s.sum.field[1].n, 5); /* field 5: 1 + 4 */
	hl_rollup_clear(&s.sum);

	/* Open ends. */
	memset(&s, 0, sizeof(s));
	hl_rollup_init(&s.sum);
	OK(f,
		STORE(f->st, tallies, rollup_scan, units, 1, HL_DAY_NONE, HL_DAY_NONE, on_row, &s,
			&f->err));
	assert_int_equal(s.n, 2);
	hl_rollup_clear(&s.sum);
}

static int stop(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data, size_t len)
{
	(void)ctx;
	(void)unit_id;
	(void)month;
	(void)data;
	(void)len;
	return 42;
}

static void test_errors_clear(void **state)
{
	struct fx *f = *state;
	const unsigned char junk[] = {1, 200};
	const int64_t unit = 3;
	struct seen s;
	bool ready = false;

	merge(f, 3, 100, 2, 0);
	assert_int_equal(STORE(f->st, tallies, rollup_scan, &unit, 1, HL_DAY_NONE, HL_DAY_NONE,
				 stop, NULL, &f->err),
		42);
	/* Junk given: refused, the stored one kept. */
	assert_int_equal(STORE(f->st, tallies, rollup_merge, 3, 100, junk, sizeof(junk), &f->err),
		HL_EIO);
	assert_non_null(strstr(f->err.msg, "đơn vị 3"));
	assert_int_equal(STORE(f->st, tallies, rollup_merge, 3, 100, junk, 0, &f->err), HL_EIO);
	/* Nor stored as the first of its key. */
	assert_int_equal(STORE(f->st, tallies, rollup_merge, 4, 100, junk, sizeof(junk), &f->err),
		HL_EIO);
	memset(&s, 0, sizeof(s));
	hl_rollup_init(&s.sum);
	OK(f,
		STORE(f->st, tallies, rollup_scan, (const int64_t[]){4}, 1, HL_DAY_NONE,
			HL_DAY_NONE, on_row, &s, &f->err));
	assert_int_equal(s.n, 0);

	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, tallies, rollup_clear, &f->err));
	memset(&s, 0, sizeof(s));
	hl_rollup_init(&s.sum);
	OK(f,
		STORE(f->st, tallies, rollup_scan, &unit, 1, HL_DAY_NONE, HL_DAY_NONE, on_row, &s,
			&f->err));
	assert_int_equal(s.n, 0);
	OK(f, store_rollback(f->st, &f->err));
	OK(f,
		STORE(f->st, tallies, rollup_scan, &unit, 1, HL_DAY_NONE, HL_DAY_NONE, on_row, &s,
			&f->err));
	assert_int_equal(s.n, 1);
	hl_rollup_clear(&s.sum);
	OK(f, STORE(f->st, tallies, rollup_ready, &ready, &f->err));
	assert_true(ready);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_merge_scan, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_errors_clear, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
