/* test_index.c — estimates, overall index, changes and ranks; reproduces the
 * table of seed 003 from tallies (tests/data/core/seed003.txt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "core/index.h"

/* A tally of n responses, each with `per` valid answers of which the first
 * `sat` responses have all satisfied, the rest none. */
static struct hl_tally tally_of(int64_t n, int per, int64_t sat)
{
	struct hl_tally t = {0};

	for (int64_t i = 0; i < n; i++)
		hl_tally_add(&t, i < sat ? per : 0, per);
	return t;
}

static void test_wilson(void **state)
{
	double lo, hi;

	(void)state;
	/* 8 of 10: Wilson 95 % is 0.4902 .. 0.9433 */
	hl_wilson(0.8, 10, HL_Z95, &lo, &hi);
	assert_true(fabs(lo - 0.4902) < 1e-4);
	assert_true(fabs(hi - 0.9433) < 1e-4);
	hl_wilson(1.0, 5, HL_Z95, &lo, &hi);
	assert_true(hi == 1.0 && lo > 0.5 && lo < 0.6);
}

static void test_cluster_interval(void **state)
{
	struct hl_tally one = tally_of(100, 1, 80), four = tally_of(100, 4, 80);
	struct hl_est a, b;

	(void)state;
	hl_est_from_tally(&one, &a);
	hl_est_from_tally(&four, &b);
	assert_true(a.valid && b.valid);
	assert_true(fabs(a.value - 80) < 1e-9 && fabs(b.value - 80) < 1e-9);
	/* Four answers from the same person tell no more than one: same width,
	 * not half of it as if the 400 answers were independent. */
	assert_true(fabs((a.hi - a.lo) - (b.hi - b.lo)) < 1e-6);
	assert_int_equal(b.n, 100);
	/* Answers that vary within a response do carry more information. */
	struct hl_tally mixed = {0};

	for (int i = 0; i < 100; i++)
		hl_tally_add(&mixed, i % 5 == 0 ? 2 : 3 + (i % 2), 4);
	hl_est_from_tally(&mixed, &b);
	assert_true(b.n_eff > 100 && b.n_eff <= 400);
	/* Nothing valid: invalid estimate. */
	struct hl_tally none = {0};

	hl_est_from_tally(&none, &a);
	assert_false(a.valid);
}

static void test_weighted(void **state)
{
	struct hl_tally st[2] = {tally_of(100, 1, 90), tally_of(300, 1, 180)};
	double w[2] = {3, 1};
	struct hl_est e;

	(void)state;
	hl_est_weighted(st, w, 2, &e);
	assert_true(fabs(e.value - (0.75 * 90 + 0.25 * 60)) < 1e-9);
	assert_int_equal(e.n, 400);
}

/* Seed 003: 10 000 answers per criterion give each published value exactly. */
static void test_seed003(void **state)
{
	FILE *f = fopen("tests/data/core/seed003.txt", "r");
	char line[256];
	int rows = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char code[32], buf[32];
		double v[5], sipas, change;
		struct hl_idx_unit u;

		if (line[0] == '#')
			continue;
		assert_int_equal(sscanf(line, "%31s %lf %lf %lf %lf %lf %lf %lf", code, &v[0],
					 &v[1], &v[2], &v[3], &v[4], &sipas, &change),
			8);
		memset(&u, 0, sizeof(u));
		u.ranked = true;
		u.type = "ubnd-xa";
		for (int k = 0; k < 5; k++) {
			struct hl_tally cur = tally_of(10000, 1, llround(v[k] * 100));
			/* 2023: every criterion lower by the published change. */
			struct hl_tally prev = tally_of(10000, 1, llround((v[k] - change) * 100));

			hl_est_from_tally(&cur, &u.cell[k].cur);
			hl_est_from_tally(&prev, &u.cell[k].prev);
			assert_string_equal(hl_fmt_dec(buf, sizeof(buf), u.cell[k].cur.value, 2),
				hl_fmt_dec(line, sizeof(line), v[k], 2));
		}
		hl_index_overall(&u, 5, 10000, 10000);
		assert_int_equal(hl_index_compare(&u, 1, 6, NULL), HL_OK);
		assert_int_equal(hl_index_hundredths(u.cell[5].cur.value), llround(sipas * 100));
		assert_int_equal(llround(u.cell[5].change * 100), llround(change * 100));
		assert_true(u.cell[5].change_supported);
		assert_int_equal(u.cell[5].rank, 1);
		assert_int_equal(u.cell[5].of, 1);
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, 6);
	{
		char buf[32];

		assert_string_equal(hl_fmt_dec(buf, sizeof(buf), 88.9, 2), "88,90");
		assert_string_equal(hl_fmt_signed(buf, sizeof(buf), 3.28, 2), "+3,28");
		assert_string_equal(hl_fmt_signed(buf, sizeof(buf), -0.004, 2), "0,00");
	}
}

static void test_ranks(void **state)
{
	struct hl_idx_unit u[5];
	/* value per unit; unit 4 is a different type, so ranked alone */
	int64_t sat[5] = {900, 800, 800, 500, 100};

	(void)state;
	memset(u, 0, sizeof(u));
	for (int i = 0; i < 5; i++) {
		struct hl_tally t = tally_of(1000, 1, sat[i]);

		u[i].id = i + 1;
		u[i].parent_id = 99;
		u[i].type = i == 4 ? "tram-y-te" : "ubnd-xa";
		u[i].ranked = true;
		hl_est_from_tally(&t, &u[i].cell[0].cur);
	}
	u[3].ranked = false; /* did not exist in the period */
	u[0].cell[0].has_target = true;
	u[0].cell[0].target = 90;
	u[1].cell[0].has_target = true;
	u[1].cell[0].target = 85;
	assert_int_equal(hl_index_compare(u, 5, 1, NULL), HL_OK);
	assert_int_equal(u[0].cell[0].rank, 1);
	assert_int_equal(u[1].cell[0].rank, 2);
	assert_int_equal(u[2].cell[0].rank, 2); /* tie shares the best rank */
	assert_int_equal(u[0].cell[0].of, 3);
	assert_int_equal(u[3].cell[0].rank, 0);
	assert_int_equal(u[4].cell[0].rank, 1);
	assert_int_equal(u[4].cell[0].of, 1);
	assert_true(u[0].cell[0].met);            /* 90,00 >= 90 */
	assert_false(u[1].cell[0].met);           /* 80,00 < 85 */
	assert_true(u[0].cell[0].rank_supported); /* 90 vs 80 on 1 000 each */
	assert_false(u[1].cell[0].has_change);

	/* Two close units on few responses: the rank is not supported. */
	struct hl_idx_unit v[2];

	memset(v, 0, sizeof(v));
	for (int i = 0; i < 2; i++) {
		struct hl_tally t = tally_of(20, 1, 15 + i);

		v[i].type = "ubnd-xa";
		v[i].ranked = true;
		hl_est_from_tally(&t, &v[i].cell[0].cur);
	}
	assert_int_equal(hl_index_compare(v, 2, 1, NULL), HL_OK);
	assert_int_equal(v[1].cell[0].rank, 1);
	assert_false(v[1].cell[0].rank_supported);
}

/* The change and rank as the table and the reports print them. */
static void test_texts(void **state)
{
	struct hl_idx_cell c = {0};
	char buf[32];

	(void)state;
	assert_string_equal(hl_index_change_text(&c, buf, sizeof(buf)), "–");
	assert_string_equal(hl_index_rank_text(&c, buf, sizeof(buf)), "–");
	c.has_change = true;
	c.change = 1.254;
	c.change_supported = true;
	assert_string_equal(hl_index_change_text(&c, buf, sizeof(buf)), "+1,25");
	c.change = -0.5;
	c.change_supported = false;
	assert_string_equal(hl_index_change_text(&c, buf, sizeof(buf)), "-0,50*");
	c.rank = 3;
	c.of = 12;
	c.rank_supported = true;
	assert_string_equal(hl_index_rank_text(&c, buf, sizeof(buf)), "3/12");
	c.rank_supported = false;
	assert_string_equal(hl_index_rank_text(&c, buf, sizeof(buf)), "3/12*");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wilson),
		cmocka_unit_test(test_cluster_interval),
		cmocka_unit_test(test_weighted),
		cmocka_unit_test(test_seed003),
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
