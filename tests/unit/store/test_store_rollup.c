/* test_store_rollup.c — the conformance suite of the report rollups'
 * operations (rollup_merge, rollup_scan, rollup_sum, rollup_clear,
 * rollup_ready),
 * written only against store/store.h and core/rollup.h, on a fresh migrated
 * store in a temporary file: a fresh database's rollups are ready; merging
 * adds to what is stored; a scan takes the units in the order given and
 * only the months asked; a sum is what merging the scan's rollups gives;
 * an encoding that does not decode is refused,
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

#include "base/arena.h"
#include "core/instrument.h"
#include "core/rollup.h"
#include "store/store.h"
#include "store_fixture.h"

/* The encoding of r (malloc'd), its size in *len. */
static unsigned char *encoded(const struct hl_rollup *r, size_t *len)
{
	unsigned char *buf = malloc(hl_rollup_encoded_size(r));

	assert_non_null(buf);
	hl_rollup_encode(r, buf);
	*len = hl_rollup_encoded_size(r);
	return buf;
}

/* Add r to the stored rollup of (unit, month). */
static void store_rollup(struct fx *f, int64_t unit, hl_day month, const struct hl_rollup *r)
{
	size_t len;
	unsigned char *buf = encoded(r, &len);

	OK(f, STORE(f->st, tallies, rollup_merge, unit, month, buf, len, &f->err));
	free(buf);
}

/* Store a rollup of n kiosk responses in field field for (unit, month). */
static void merge(struct fx *f, int64_t unit, hl_day month, int n, int64_t field)
{
	struct hl_rollup r;

	hl_rollup_init(&r);
	r.chan[1] = n;
	r.field = calloc(1, sizeof(*r.field));
	assert_non_null(r.field);
	r.field[0].id = field;
	r.field[0].n = n;
	r.nfield = r.capfield = 1;
	store_rollup(f, unit, month, &r);
	free(r.field);
}

struct seen {
	int n;
	int64_t unit[8];
	hl_day month[8];
	struct hl_rollup sum;
};

/* s emptied, ready for on_row. */
static void seen_init(struct seen *s)
{
	memset(s, 0, sizeof(*s));
	hl_rollup_init(&s->sum);
}

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

	seen_init(&s);
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
	seen_init(&s);
	OK(f,
		STORE(f->st, tallies, rollup_scan, units, 1, HL_DAY_NONE, HL_DAY_NONE, on_row, &s,
			&f->err));
	assert_int_equal(s.n, 2);
	hl_rollup_clear(&s.sum);
}

/* Store, for (unit, month), a rollup of one response: its id, civil
 * servant, themes and comment hash as given, every answer ans; added to
 * *also too when it is not NULL. */
static void merge_resp(struct fx *f, const struct hl_instrument *in, int64_t unit, hl_day month,
	int64_t id, int64_t staff, unsigned themes, uint64_t hash, int ans, struct hl_rollup *also)
{
	struct hl_rollup_resp x = {.id = id,
		.instrument_id = 4,
		.field_id = id % 3,
		.staff_id = staff,
		.channel = 1 + (int)(id % 4),
		.themes = themes,
		.comment_hash = hash,
		.nanswers = in->nquestions};
	struct hl_crit_score sc[HL_MAX_CRITERIA];
	struct hl_rollup r;

	hl_rollup_init(&r);
	memset(x.answers, ans, (size_t)in->nquestions);
	OK(f, hl_instrument_score(in, x.answers, sc, &f->err));
	OK(f, hl_rollup_add(&r, in, &x, sc, &f->err));
	if (also != NULL)
		OK(f, hl_rollup_add(also, in, &x, sc, &f->err));
	store_rollup(f, unit, month, &r);
	hl_rollup_clear(&r);
}

static void test_sum(void **state)
{
	struct fx *f = *state;
	const int64_t scope[] = {3, 7, 11}; /* 11 has nothing */
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in = NULL;
	struct seen scan, sum;
	struct hl_rollup want; /* what the scope's responses give, made here */
	unsigned char *x, *y;
	size_t nx, ny;

	assert_non_null(a);
	hl_rollup_init(&want);
	OK(f, hl_instrument_builtin(a, "sipas-5", &in, &f->err));
	for (int64_t id = 1; id <= 24; id++) {
		int64_t unit = id % 3 == 0 ? 3 : id % 3 == 1 ? 7 : 8;  /* 8: not in the scope */
		hl_day month = id % 4 == 0 ? 200 : id % 2 ? 100 : 131; /* 200: after the range */

		/* texts shared across units and months: each counted by its first response */
		merge_resp(f, in, unit, month, 100 - id, id % 5, 1u << (id % 2), (uint64_t)(id % 7),
			1 + (int)(id % 5), unit != 8 && month != 200 ? &want : NULL);
	}
	seen_init(&scan);
	OK(f, STORE(f->st, tallies, rollup_scan, scope, 3, 100, 131, on_row, &scan, &f->err));
	seen_init(&sum);
	OK(f, STORE(f->st, tallies, rollup_sum, scope, 3, 100, 131, on_row, &sum, &f->err));
	assert_int_equal(sum.n, 1);
	assert_int_equal(sum.unit[0], 0);
	assert_int_equal(sum.month[0], 100);
	assert_true(scan.n > 1 && hl_rollup_responses(&scan.sum) == 12);
	assert_true(scan.sum.theme[0].nex == HL_ROLLUP_EXAMPLES);
	/* every answer's count as the responses gave it, through the store */
	assert_int_equal(scan.sum.ninst, 1);
	assert_int_equal(want.ninst, 1);
	for (int k = 0; k < want.inst[0].nq * want.inst[0].nv; k++)
		assert_int_equal(scan.sum.inst[0].count[k], want.inst[0].count[k]);
	hl_rollup_clear(&want);
	x = encoded(&scan.sum, &nx);
	y = encoded(&sum.sum, &ny);
	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, nx);
	free(x);
	free(y);
	hl_rollup_clear(&scan.sum);
	hl_rollup_clear(&sum.sum);

	/* No key in the scope, or no unit: nothing handed on. */
	seen_init(&sum);
	OK(f, STORE(f->st, tallies, rollup_sum, scope + 2, 1, 100, 131, on_row, &sum, &f->err));
	OK(f, STORE(f->st, tallies, rollup_sum, scope, 0, 100, 131, on_row, &sum, &f->err));
	assert_int_equal(sum.n, 0);
	hl_arena_free(a);
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
	seen_init(&s);
	OK(f,
		STORE(f->st, tallies, rollup_scan, (const int64_t[]){4}, 1, HL_DAY_NONE,
			HL_DAY_NONE, on_row, &s, &f->err));
	assert_int_equal(s.n, 0);

	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, tallies, rollup_clear, &f->err));
	seen_init(&s);
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
		cmocka_unit_test_setup_teardown(test_sum, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_errors_clear, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
