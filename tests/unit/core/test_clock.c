/* test_clock.c — base/clock: Vietnam's time (UTC+7) whatever the machine's
 * zone, HAILONG_NOW, and the one time formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "base/clock.h"
#include "core/date.h"

/* 2024-02-29 17:30 UTC: already 1 March 00:30 in Vietnam. */
#define LATE_FEB (19782LL * 86400 + 17 * 3600 + 1800)

static void test_vietnam_whatever_the_zone(void **state)
{
	char buf[HL_CLOCK_FMT_SIZE];
	hl_day d;

	(void)state;
	assert_true(hl_day_parse("2024-02-29", &d));
	assert_int_equal(d, 19782);
	/* The machine's zone must not matter: try one west and one east of Vietnam. */
	for (int i = 0; i < 2; i++) {
		setenv("TZ", i == 0 ? "America/New_York" : "Pacific/Kiritimati", 1);
		tzset();
		assert_int_equal(hl_clock_day_of(LATE_FEB), d + 1);
		assert_string_equal(hl_clock_fmt(LATE_FEB, buf, sizeof(buf)), "01/03/2024 00:30");
		assert_int_equal(hl_clock_minute_of(LATE_FEB), (int64_t)(d + 1) * 1440 + 30);
	}
	/* 16:59 UTC is still the 29th; 17:00 is the 1st. */
	assert_int_equal(hl_clock_day_of(19782LL * 86400 + 16 * 3600 + 59 * 60), d);
	assert_int_equal(hl_clock_day_of(19782LL * 86400 + 17 * 3600), d + 1);
	/* Before 1970 too (a day is floored, not truncated). */
	assert_string_equal(hl_clock_fmt(-8 * 3600, buf, sizeof(buf)), "31/12/1969 23:00");
	assert_int_equal(hl_clock_day_of(-8 * 3600), -1);
	unsetenv("TZ");
	tzset();
}

static void test_now_from_env(void **state)
{
	char buf[HL_CLOCK_FMT_SIZE];

	(void)state;
	setenv("HAILONG_NOW", "1709227800", 1); /* 2024-02-29 17:30 UTC */
	assert_int_equal(hl_clock_now(), LATE_FEB);
	assert_int_equal(hl_clock_today(), 19783);
	assert_int_equal(hl_clock_minute(), 19783LL * 1440 + 30);
	/* Vietnam's wall clock, as an end-to-end script writes it. */
	setenv("HAILONG_NOW", "2024-03-01T00:30", 1);
	assert_int_equal(hl_clock_now(), LATE_FEB);
	assert_string_equal(hl_clock_fmt(hl_clock_now(), buf, sizeof(buf)), "01/03/2024 00:30");
	/* Not a time: the system's clock. */
	setenv("HAILONG_NOW", "tomorrow", 1);
	assert_true(hl_clock_now() > LATE_FEB);
	setenv("HAILONG_NOW", "2024-13-01T00:30", 1);
	assert_true(hl_clock_now() > LATE_FEB);
	unsetenv("HAILONG_NOW");
	assert_true(llabs((long long)(hl_clock_now() - (int64_t)time(NULL))) <= 1);
}

static void test_minutes(void **state)
{
	char buf[HL_CLOCK_FMT_SIZE];
	int64_t m = 20507LL * 1440 + 16 * 60 + 30; /* 23/02/2026 16:30, local */

	(void)state;
	assert_string_equal(hl_clock_fmt_minute(m, buf, sizeof(buf)), "23/02/2026 16:30");
	assert_string_equal(hl_clock_iso_minute(m, buf, sizeof(buf)), "2026-02-23 16:30");
	assert_string_equal(hl_clock_fmt_minute(-1, buf, sizeof(buf)), "");
	assert_string_equal(hl_clock_iso_minute(-1, buf, sizeof(buf)), "");
}

static void test_ymd(void **state)
{
	int y, m, d;

	(void)state;
	hl_clock_ymd(0, &y, &m, &d);
	assert_true(y == 1970 && m == 1 && d == 1);
	hl_clock_ymd(-1, &y, &m, &d);
	assert_true(y == 1969 && m == 12 && d == 31);
	hl_clock_ymd(19782, &y, &m, &d);
	assert_true(y == 2024 && m == 2 && d == 29);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vietnam_whatever_the_zone),
		cmocka_unit_test(test_now_from_env),
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_ymd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
