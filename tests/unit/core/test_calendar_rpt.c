/* test_calendar_rpt.c — the reporting calendar, data-driven from
 * tests/data/calendar/ (due.txt: what `reports due --date D` lists; due_of.txt:
 * the due day of a period), and schedules other than the default. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/calendar_rpt.h"

/* "PERIOD dd/mm/yyyy; ..." of list[0..n), or "-". */
static void describe(const struct calrpt_due *list, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (n == 0)
		snprintf(buf, size, "-");
	for (size_t i = 0; i < n && len < size; i++) {
		char code[64], day[16];

		len += (size_t)snprintf(buf + len, size - len, "%s%s %s", i > 0 ? "; " : "",
			hl_period_code(&list[i].period, code, sizeof(code)),
			hl_day_vn(list[i].due, day, sizeof(day)));
	}
}

static void test_due_data(void **state)
{
	FILE *f = fopen("tests/data/calendar/due.txt", "r");
	char line[512];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char date[16], want[400], got[400];
		struct calrpt_due list[16];
		struct hl_err err;
		size_t n;
		hl_day d;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		assert_int_equal(sscanf(line, "%15s => %399[^\n]", date, want), 2);
		assert_true(hl_day_parse(date, &d));
		assert_int_equal(calrpt_due(calrpt_default(), d - (CALRPT_WINDOW_DAYS - 1), d, list,
					 16, &n, &err),
			HL_OK);
		describe(list, n, got, sizeof(got));
		if (strcmp(got, want) != 0)
			fail_msg("%s: want \"%s\", got \"%s\"", date, want, got);
		cases++;
	}
	fclose(f);
	assert_true(cases >= 15);
}

static void test_due_of_data(void **state)
{
	FILE *f = fopen("tests/data/calendar/due_of.txt", "r");
	char line[256];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char code[64], want[32], buf[32];
		struct hl_period p;
		struct hl_err err;
		hl_day due = 0;
		bool has;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_int_equal(sscanf(line, "%63s %31s", code, want), 2);
		assert_int_equal(hl_period_parse(code, &p, &err), HL_OK);
		has = calrpt_due_of(calrpt_default(), &p, &due);
		if (strcmp(want, "-") == 0) {
			if (has)
				fail_msg("%s: no report expected, got %s", code,
					hl_day_vn(due, buf, sizeof(buf)));
		} else {
			assert_true(has);
			assert_string_equal(hl_day_vn(due, buf, sizeof(buf)), want);
		}
		cases++;
	}
	fclose(f);
	assert_true(cases >= 10);
}

/* Every due day listed by calrpt_due is the one calrpt_due_of gives, for
 * every day of two years. */
static void test_consistent(void **state)
{
	hl_day first, d;

	(void)state;
	assert_true(hl_day_from_ymd(2024, 1, 1, &first));
	for (d = first; d < first + 731; d++) {
		struct calrpt_due list[8];
		size_t n;
		hl_day due;

		assert_int_equal(calrpt_due(calrpt_default(), d, d, list, 8, &n, NULL), HL_OK);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(list[i].due, d);
			assert_true(calrpt_due_of(calrpt_default(), &list[i].period, &due));
			assert_int_equal(due, d);
		}
	}
}

/* A schedule of another office: the month's report on the 31st (the last
 * day in short months) and every quarter's on the 5th of the next month. */
static void test_other_schedule(void **state)
{
	static const struct calrpt_rule rules[] = {
		{HL_P_MONTH, 0, 0, 31},
		{HL_P_QUARTER, 0, 3, 5},
	};
	const struct calrpt_schedule s = {rules, 2};
	struct calrpt_due list[8];
	struct hl_period p;
	struct hl_err err;
	char buf[400];
	hl_day a, b, due;
	size_t n;

	(void)state;
	assert_true(hl_day_from_ymd(2024, 2, 1, &a));
	assert_true(hl_day_from_ymd(2024, 4, 30, &b));
	assert_int_equal(calrpt_due(&s, a, b, list, 8, &n, &err), HL_OK);
	describe(list, n, buf, sizeof(buf));
	assert_string_equal(buf,
		"2024-02 29/02/2024; 2024-03 31/03/2024; 2024-Q1 05/04/2024; "
		"2024-04 30/04/2024");
	/* the fourth quarter's report falls in the next year */
	assert_int_equal(hl_period_parse("2024-Q4", &p, &err), HL_OK);
	assert_true(calrpt_due_of(&s, &p, &due));
	assert_string_equal(hl_day_vn(due, buf, sizeof(buf)), "05/01/2025");
	assert_true(hl_day_from_ymd(2025, 1, 1, &a));
	assert_true(hl_day_from_ymd(2025, 1, 10, &b));
	assert_int_equal(calrpt_due(&s, a, b, list, 8, &n, &err), HL_OK);
	describe(list, n, buf, sizeof(buf));
	assert_string_equal(buf, "2024-Q4 05/01/2025");
	/* too many for the room given */
	assert_true(hl_day_from_ymd(2024, 1, 1, &a));
	assert_true(hl_day_from_ymd(2024, 12, 31, &b));
	assert_int_equal(calrpt_due(&s, a, b, list, 8, &n, &err), HL_ELIMIT);
	assert_non_null(strstr(err.msg, "quá nhiều"));
}

static void test_bad(void **state)
{
	static const struct calrpt_rule bad_kind[] = {{HL_P_RANGE, 0, 0, 1}};
	static const struct calrpt_rule bad_num[] = {{HL_P_QUARTER, 5, 0, 1}};
	static const struct calrpt_rule bad_day[] = {{HL_P_MONTH, 0, 0, 32}};
	const struct calrpt_schedule s1 = {bad_kind, 1}, s2 = {bad_num, 1}, s3 = {bad_day, 1};
	const struct calrpt_schedule none = {NULL, 0};
	struct calrpt_due list[4];
	struct hl_period p;
	struct hl_err err;
	size_t n = 99;
	hl_day d, due;

	(void)state;
	assert_true(hl_day_from_ymd(2024, 3, 25, &d));
	assert_int_equal(calrpt_due(&s1, d, d, list, 4, &n, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "dòng 1"));
	assert_int_equal(n, 0);
	assert_int_equal(calrpt_due(&s2, d, d, list, 4, &n, &err), HL_EINVAL);
	assert_int_equal(calrpt_due(&s3, d, d, list, 4, &n, &err), HL_EINVAL);
	assert_int_equal(calrpt_due(calrpt_default(), d, d - 1, list, 4, &n, &err), HL_EINVAL);
	assert_int_equal(calrpt_due(calrpt_default(), d, d + 1000, list, 4, &n, &err), HL_EINVAL);
	assert_int_equal(calrpt_due(calrpt_default(), HL_DAY_NONE, d, list, 4, &n, &err),
		HL_EINVAL);
	assert_int_equal(calrpt_due(&none, d - 400, d, list, 4, &n, &err), HL_OK);
	assert_int_equal(n, 0);
	assert_int_equal(hl_period_parse("2024-Q1", &p, &err), HL_OK);
	assert_false(calrpt_due_of(&none, &p, &due));
	assert_false(calrpt_due_of(&s2, &p, &due));
}

/* SPEC round trips, the default among them, and what each item means. */
static void test_spec(void **state)
{
	static const struct {
		const char *spec, *canon;
	} ok[] = {
		{"month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12",
			"month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12"},
		{" month:5+1 , Q:20+2,H:1+6 ", "month:5+1,Q:20+2,H:1+6"},
		{"Q4:15/01,year:15+12,year:31/12", "Q4:15/01,year:15+12,year:31/12"},
	};
	static const char *const bad[] = {
		"",
		" , ",
		"week:1",
		"month:0",
		"month:32",
		"month:28/03",
		"Q5:25/03",
		"Q1:25",
		"Q1:25/13",
		"year:25",
		"year:25/12x",
		"H3:1/1",
		"month:1+24",
	};
	struct calrpt_rule rules[CALRPT_MAX_RULES];
	struct calrpt_schedule s;
	struct hl_period p;
	struct hl_err err;
	char buf[256];
	hl_day due, want;
	int n;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(calrpt_parse(ok[i].spec, rules, &n, &err), HL_OK);
		s = (struct calrpt_schedule){rules, n};
		assert_string_equal(calrpt_format(&s, buf, sizeof(buf)), ok[i].canon);
	}
	assert_string_equal(calrpt_format(calrpt_default(), buf, sizeof(buf)), ok[0].canon);
	/* Q4:15/01 is January of the next year; year:15+12 too */
	assert_int_equal(calrpt_parse(ok[2].spec, rules, &n, &err), HL_OK);
	s = (struct calrpt_schedule){rules, n};
	assert_int_equal(hl_period_parse("2024-Q4", &p, &err), HL_OK);
	assert_true(calrpt_due_of(&s, &p, &due));
	assert_true(hl_day_from_ymd(2025, 1, 15, &want));
	assert_int_equal(due, want);
	assert_int_equal(hl_period_parse("2024", &p, &err), HL_OK);
	assert_true(calrpt_due_of(&s, &p, &due));
	assert_int_equal(due, want);
	/* month:5+1: the 5th of the next month */
	assert_int_equal(calrpt_parse("month:5+1", rules, &n, &err), HL_OK);
	s = (struct calrpt_schedule){rules, n};
	assert_int_equal(hl_period_parse("2024-12", &p, &err), HL_OK);
	assert_true(calrpt_due_of(&s, &p, &due));
	assert_true(hl_day_from_ymd(2025, 1, 5, &want));
	assert_int_equal(due, want);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err.msg[0] = '\0';
		assert_int_not_equal(calrpt_parse(bad[i], rules, &n, &err), HL_OK);
		assert_int_equal(n, 0);
		assert_true(err.msg[0] != '\0');
	}
}

/* Schedules as people read them. */
static void test_describe(void **state)
{
	static const char *const cases[][2] = {
		{"month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12",
			"Hằng tháng: ngày 28 của tháng; Quý I: ngày 25/03; Quý III: ngày 25/09; "
			"6 tháng đầu năm: ngày 25/06; Cả năm: ngày 25/12"},
		{"month:5+1,Q:20+2,H:1+6",
			"Hằng tháng: ngày 5 tháng sau; Mỗi quý: ngày 20 tháng "
			"thứ 3 của kỳ; Mỗi 6 tháng: ngày 1 tháng thứ 7 của kỳ"},
		{"Q4:15/01,year:15+12,H2:20/12,month:3+2",
			"Quý IV: ngày 15/01 năm sau; Cả năm: "
			"ngày 15/01 năm sau; 6 tháng cuối năm: ngày 20/12; Hằng tháng: ngày 3, 2 tháng sau"},
	};
	struct calrpt_rule rules[CALRPT_MAX_RULES];
	struct calrpt_schedule s;
	struct hl_err err;
	char buf[512];
	int n;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(calrpt_parse(cases[i][0], rules, &n, &err), HL_OK);
		s = (struct calrpt_schedule){rules, n};
		assert_string_equal(calrpt_describe(&s, buf, sizeof(buf)), cases[i][1]);
	}
}

/* The day/month boxes of the schedules page, filled from a schedule. */
static void test_day_month(void **state)
{
	struct calrpt_rule rules[CALRPT_MAX_RULES];
	struct calrpt_schedule s;
	struct hl_err err;
	int n, d = 0, m = 0;

	(void)state;
	assert_int_equal(calrpt_parse("Q:20+2,Q4:15/01,year:15+12,H1:25/06", rules, &n, &err),
		HL_OK);
	s = (struct calrpt_schedule){rules, n};
	assert_true(calrpt_day_month(&s, HL_P_QUARTER, 2, &d, &m));
	assert_true(d == 20 && m == 6);
	/* the first rule for a report wins, as calrpt_due_of does */
	assert_true(calrpt_day_month(&s, HL_P_QUARTER, 4, &d, &m));
	assert_true(d == 20 && m == 12);
	assert_true(calrpt_day_month(&s, HL_P_HALF, 1, &d, &m));
	assert_true(d == 25 && m == 6);
	assert_false(calrpt_day_month(&s, HL_P_HALF, 2, &d, &m));
	/* 15/01 of the next year is not a day/month within the year */
	assert_false(calrpt_day_month(&s, HL_P_YEAR, 1, &d, &m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_data),
		cmocka_unit_test(test_due_of_data),
		cmocka_unit_test(test_consistent),
		cmocka_unit_test(test_other_schedule),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_day_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
