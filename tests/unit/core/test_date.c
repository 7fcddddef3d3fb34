/* test_date.c — day numbers, parsing and formatting of civil dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/date.h"

static void test_roundtrip(void **state)
{
	(void)state;
	for (hl_day d = -700000; d < 2900000; d += 97) {
		int y, m, dd;
		hl_day back;

		hl_day_to_ymd(d, &y, &m, &dd);
		assert_true(hl_day_from_ymd(y, m, dd, &back));
		assert_int_equal(back, d);
	}
}

static void test_parse(void **state)
{
	hl_day d;
	char buf[16];

	(void)state;
	assert_true(hl_day_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(hl_day_parse("2024-02-29", &d));
	assert_string_equal(hl_day_vn(d, buf, sizeof(buf)), "29/02/2024");
	assert_false(hl_day_parse("2023-02-29", &d));
	assert_false(hl_day_parse("2024-13-01", &d));
	assert_false(hl_day_parse("2024-1-01", &d));
	assert_false(hl_day_parse("2024-01-01x", &d));
	assert_false(hl_day_parse("", &d));
	assert_true(hl_day_parse("2025-07-01", &d));
	assert_int_equal(hl_day_weekday(d), 1); /* a Tuesday */
	assert_string_equal(hl_day_iso(hl_day_minus_year(d), buf, sizeof(buf)), "2024-07-01");
	assert_true(hl_day_parse("2024-02-29", &d));
	assert_string_equal(hl_day_iso(hl_day_minus_year(d), buf, sizeof(buf)), "2023-02-28");
	assert_string_equal(hl_day_iso(hl_day_month_start(d), buf, sizeof(buf)), "2024-02-01");
}

static void test_minutes(void **state)
{
	int64_t m;

	(void)state;
	assert_true(hl_minute_parse("1970-01-02 07:30", &m));
	assert_int_equal(m, 1440 + 450);
	assert_false(hl_minute_parse("1970-01-02 24:00", &m));
	assert_false(hl_minute_parse("1970-01-02", &m));
}

/* tests/data/core/dates_vn.txt: "INPUT | YYYY-MM-DD" or "INPUT | ERR". */
static void test_parse_vn(void **state)
{
	FILE *f = fopen("tests/data/core/dates_vn.txt", "r");
	char line[256], buf[16];
	int cases = 0;
	hl_day d;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *bar;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		bar = strstr(line, " | ");
		assert_non_null(bar);
		while (strstr(bar + 1, " | ") != NULL)
			bar = strstr(bar + 1, " | ");
		*bar = '\0';
		if (strcmp(bar + 3, "ERR") == 0) {
			if (hl_day_parse_vn(line, &d))
				fail_msg("'%s' was accepted as %s", line,
					hl_day_iso(d, buf, sizeof(buf)));
		} else {
			if (!hl_day_parse_vn(line, &d))
				fail_msg("'%s' refused", line);
			assert_string_equal(hl_day_iso(d, buf, sizeof(buf)), bar + 3);
		}
		cases++;
	}
	fclose(f);
	assert_true(cases >= 25);
	assert_false(hl_day_parse_vn(NULL, &d));
	assert_false(hl_day_parse_vn("", &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_vn),
		cmocka_unit_test(test_minutes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
