/* test_score766.c — the scorecard's ratios on plain counts, working days
 * on the built-in calendar, what rates a response unsatisfied, and points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "core/date.h"
#include "core/instrument.h"
#include "core/score766.h"
#include "core/workcal.h"

static hl_day day(int y, int m, int d)
{
	hl_day out;

	assert_true(hl_day_from_ymd(y, m, d, &out));
	return out;
}

static void test_ratios(void **state)
{
	/* 8 dossiers, 6 in time, 20 working days; 1 rated unsatisfied.
	 * 5 feedback items due, 4 on time, 2 late or unsatisfied. */
	struct s766_counts c = {.dossiers = 8,
		.on_time = 6,
		.days = 20,
		.dossiers_bad = 1,
		.feedback = 5,
		.fb_on_time = 4,
		.fb_bad = 2};
	struct s766_ratios r;

	(void)state;
	s766_ratios(&c, &r);
	for (int k = 0; k < S766_NRATIOS; k++)
		assert_true(r.has[k]);
	assert_float_equal(r.v[S766_ON_TIME], 75.0, 1e-9);
	assert_float_equal(r.v[S766_AVG_DAYS], 2.5, 1e-9);
	assert_float_equal(r.v[S766_FB_ON_TIME], 80.0, 1e-9);
	assert_float_equal(r.v[S766_FB_SATISFIED], 60.0, 1e-9);
	assert_float_equal(r.v[S766_DOS_SATISFIED], 87.5, 1e-9);
}

static void test_empty(void **state)
{
	struct s766_counts c = {.feedback = 2, .fb_on_time = 0, .fb_bad = 2};
	struct s766_ratios r;

	(void)state;
	s766_ratios(&c, &r);
	assert_false(r.has[S766_ON_TIME]);
	assert_false(r.has[S766_AVG_DAYS]);
	assert_false(r.has[S766_DOS_SATISFIED]);
	assert_true(r.has[S766_FB_ON_TIME]);
	assert_float_equal(r.v[S766_FB_ON_TIME], 0.0, 1e-9);
	assert_float_equal(r.v[S766_FB_SATISFIED], 0.0, 1e-9);
}

static void test_add_and_codes(void **state)
{
	struct s766_counts a = {.dossiers = 1, .on_time = 1, .days = 3, .feedback = 1};
	const struct s766_counts b = {.dossiers = 2, .days = 4, .dossiers_bad = 1, .fb_bad = 1};

	(void)state;
	s766_add(&a, &b);
	assert_int_equal(a.dossiers, 3);
	assert_int_equal(a.on_time, 1);
	assert_int_equal(a.days, 7);
	assert_int_equal(a.dossiers_bad, 1);
	assert_int_equal(a.feedback, 1);
	assert_int_equal(a.fb_bad, 1);
	assert_string_equal(s766_ratio_code(S766_FB_SATISFIED), "feedback_satisfied_pct");
	assert_int_equal(s766_ratio_parse("avg_days"), S766_AVG_DAYS);
	assert_int_equal(s766_ratio_parse("sipas"), -1);
}

static void test_working_days(void **state)
{
	struct wc_config cfg = {NULL, 0, 0};
	struct wc_cal *c = NULL;
	struct hl_err err = {0};

	(void)state;
	assert_int_equal(wc_build(&cfg, 2024, 2026, &c, &err), HL_OK);
	/* Mon 03/03/2025 → Wed 05/03: Tue and Wed. */
	assert_int_equal(s766_working_days(c, day(2025, 3, 3), day(2025, 3, 5)), 2);
	/* The same day: none. Finished before received (bad data): none. */
	assert_int_equal(s766_working_days(c, day(2025, 3, 3), day(2025, 3, 3)), 0);
	assert_int_equal(s766_working_days(c, day(2025, 3, 5), day(2025, 3, 3)), 0);
	/* Fri 07/03 → Mon 10/03: the weekend is not worked. */
	assert_int_equal(s766_working_days(c, day(2025, 3, 7), day(2025, 3, 10)), 1);
	/* Tue 29/04/2025 → Fri 02/05: 30/4 and 1/5 are holidays. */
	assert_int_equal(s766_working_days(c, day(2025, 4, 29), day(2025, 5, 2)), 1);
	wc_free(c);
}

static void test_unsatisfied(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_instrument *in = NULL;
	struct hl_err err = {0};
	unsigned char ans[HL_MAX_QUESTIONS] = {0};
	int n, sat = 0, unsat = 0;

	(void)state;
	assert_non_null(a);
	assert_int_equal(hl_instrument_builtin(a, "sipas-5", &in, &err), HL_OK);
	n = in->nquestions;
	/* A satisfied and an unsatisfied level of the first question's scale. */
	for (int lv = 1; lv <= in->scales[in->questions[0].scale].nlevels; lv++) {
		if (in->scales[in->questions[0].scale].levels[lv - 1].satisfied)
			sat = lv;
		else if (unsat == 0)
			unsat = lv;
	}
	assert_true(sat > 0 && unsat > 0);
	assert_false(s766_unsatisfied(in, ans, n)); /* no valid answer */
	ans[0] = (unsigned char)unsat;
	assert_true(s766_unsatisfied(in, ans, n)); /* 1 of 1 */
	ans[1] = (unsigned char)sat;
	assert_true(s766_unsatisfied(in, ans, n)); /* 1 of 2: half */
	ans[2] = (unsigned char)sat;
	assert_false(s766_unsatisfied(in, ans, n)); /* 1 of 3 */
	ans[3] = 99;                                /* beyond the scale: not valid */
	assert_false(s766_unsatisfied(in, ans, n));
	hl_arena_free(a);
}

static void test_points(void **state)
{
	const struct s766_band b[] = {
		{S766_ON_TIME, 90, 5},
		{S766_ON_TIME, 70, 2},
		{S766_AVG_DAYS, 3, 1},
		{S766_AVG_DAYS, 2, 2},
	};
	struct s766_counts c = {.dossiers = 8, .on_time = 6, .days = 20};
	struct s766_ratios r;
	bool any;

	(void)state;
	s766_ratios(&c, &r); /* 75 %, 2,5 days */
	assert_float_equal(s766_points(b, 4, &r, &any), 3.0, 1e-9);
	assert_true(any);
	assert_float_equal(s766_points(b, 0, &r, &any), 0.0, 1e-9);
	assert_false(any);
	c.on_time = 8;
	c.days = 40; /* 100 %, 5 days */
	s766_ratios(&c, &r);
	assert_float_equal(s766_points(b, 4, &r, &any), 5.0, 1e-9);
	c = (struct s766_counts){0};
	s766_ratios(&c, &r);
	assert_float_equal(s766_points(b, 4, &r, &any), 0.0, 1e-9);
	assert_false(any);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ratios),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add_and_codes),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_unsatisfied),
		cmocka_unit_test(test_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
