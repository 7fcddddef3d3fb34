/* test_lunar.c — the Vietnamese lunar calendar against the dates of
 * RULES.md §3 and more, data-driven from tests/data/calendar/lunar.csv
 * (date,lunar_day,lunar_month,lunar_year,leap): Tết, Giỗ Tổ, the leap sixth
 * month of 2025, years where Vietnam (UTC+7) and China (UTC+8) differ (Tết
 * 1968, 1985, 2007, 2030), then a round trip over every day of 1901–2199. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lunar.h"
#include "io/csvread.h"

static int num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	assert_true(end != s && *end == '\0');
	return (int)v;
}

static void test_known_dates(void **state)
{
	FILE *f = fopen("tests/data/calendar/lunar.csv", "rb");
	struct csvr *r = NULL;
	struct csvr_record rec;
	struct hl_err err;
	int cases = 0;

	(void)state;
	assert_non_null(f);
	assert_int_equal(csvr_open(f, "lunar.csv", &r, &err), HL_OK);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_string_equal(rec.cells[0], "date");
	while (csvr_next(r, &rec, &err) == 1) {
		struct hl_lunar want, got;
		hl_day day, back;

		assert_int_equal(rec.ncells, 5);
		assert_true(hl_day_parse(rec.cells[0], &day));
		want.day = num(rec.cells[1]);
		want.month = num(rec.cells[2]);
		want.year = num(rec.cells[3]);
		want.leap = num(rec.cells[4]) != 0;
		assert_true(hl_lunar_from_day(day, &got));
		if (got.day != want.day || got.month != want.month || got.year != want.year ||
			got.leap != want.leap)
			fail_msg("%s: want %d/%d%s/%d, got %d/%d%s/%d", rec.cells[0], want.day,
				want.month, want.leap ? "n" : "", want.year, got.day, got.month,
				got.leap ? "n" : "", got.year);
		assert_true(hl_lunar_to_day(&want, &back));
		assert_int_equal(back, day);
		if (want.day == 1 && want.month == 1) {
			assert_true(hl_lunar_new_year(want.year, &back));
			assert_int_equal(back, day);
		}
		cases++;
	}
	csvr_free(r);
	fclose(f);
	assert_true(cases >= 30);
}

/* Every day maps to a lunar date and back; consecutive days are the next
 * lunar day or day 1 of the next month; months have 29 or 30 days; a year
 * has 12 or 13 months with at most one leap month. */
static void test_round_trip(void **state)
{
	hl_day first, last;
	struct hl_lunar prev = {0};
	int months_in_year = 0, leaps_in_year = 0, month_len = 0, years = 0;

	(void)state;
	assert_true(hl_day_from_ymd(1901, 1, 1, &first));
	assert_true(hl_day_from_ymd(2199, 12, 31, &last));
	for (hl_day d = first; d <= last; d++) {
		struct hl_lunar l;
		hl_day back;

		assert_true(hl_lunar_from_day(d, &l));
		assert_true(l.day >= 1 && l.day <= 30 && l.month >= 1 && l.month <= 12);
		assert_true(hl_lunar_to_day(&l, &back));
		if (back != d)
			fail_msg("day %d: lunar %d/%d/%d leap %d goes back to %d", (int)d, l.day,
				l.month, l.year, l.leap, (int)back);
		if (d > first) {
			if (l.day == 1) {
				/* 0: the month the loop started in, not seen whole */
				assert_true(month_len == 0 || month_len == 29 || month_len == 30);
				assert_true(l.leap ? l.month == prev.month :
						     l.month == prev.month % 12 + 1);
				if (l.month == 1 && !l.leap) {
					assert_int_equal(l.year, prev.year + 1);
					if (years++ > 0)
						assert_true((months_in_year == 12 &&
								    leaps_in_year == 0) ||
							(months_in_year == 13 &&
								leaps_in_year == 1));
					months_in_year = 0;
					leaps_in_year = 0;
				}
				months_in_year++;
				leaps_in_year += l.leap;
				month_len = 1;
			} else {
				assert_int_equal(l.day, prev.day + 1);
				assert_int_equal(l.month, prev.month);
				assert_int_equal(l.leap, prev.leap);
				month_len += month_len > 0;
			}
		}
		prev = l;
	}
	assert_true(years > 290);
}

static void test_invalid(void **state)
{
	/* 2025's leap sixth month has 29 days (25/07–22/08). */
	const struct hl_lunar bad[] = {
		{30, 6, 2025, true},
		{1, 5, 2025, true},
		{1, 6, 2024, true},
		{0, 1, 2025, false},
		{31, 1, 2025, false},
		{1, 13, 2025, false},
		{1, 0, 2025, false},
		{1, 1, 1899, false},
		{1, 1, 2200, false},
	};
	struct hl_lunar l = {29, 6, 2025, true};
	hl_day d;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (hl_lunar_to_day(&bad[i], &d))
			fail_msg("case %zu: %d/%d/%d leap %d should not exist", i, bad[i].day,
				bad[i].month, bad[i].year, bad[i].leap);
	assert_true(hl_lunar_to_day(&l, &d));
	assert_true(hl_day_from_ymd(1899, 12, 31, &d));
	assert_false(hl_lunar_from_day(d, &l));
	assert_true(hl_day_from_ymd(2200, 1, 1, &d));
	assert_false(hl_lunar_from_day(d, &l));
	assert_false(hl_lunar_new_year(1899, &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
