/* test_store_cal.c — the conformance suite of the working calendar's
 * operations (cal_day_put/list, cal_culture_get/set, cal_hours_put/list),
 * written only against store/store.h, on a fresh migrated store in a
 * temporary file. */
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
#include "store/store.h"
#include "store_fixture.h"

static struct store_cal_day line(const char *date, int kind, const char *name)
{
	struct store_cal_day d = {0};

	assert_true(hl_day_parse(date, &d.day));
	d.kind = kind;
	snprintf(d.name, sizeof(d.name), "%s", name);
	return d;
}

/* Lines by day; a line for a day already stored replaces it. */
static void test_days(void **state)
{
	struct fx *f = *state;
	struct store_cal_day d, *list = NULL;
	size_t n = 9;

	OK(f, STORE(f->st, calendar, cal_day_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
	assert_null(list);
	d = line("2026-09-05", 4, "Làm bù");
	OK(f, STORE(f->st, calendar, cal_day_put, &d, &f->err));
	d = line("2026-08-31", 3, "Nghỉ hoán đổi (dự kiến)");
	OK(f, STORE(f->st, calendar, cal_day_put, &d, &f->err));
	d = line("2026-08-31", 3, "Nghỉ hoán đổi (chính thức)");
	OK(f, STORE(f->st, calendar, cal_day_put, &d, &f->err));
	d = line("2027-02-08", 1, "Tết Nguyên đán");
	OK(f, STORE(f->st, calendar, cal_day_put, &d, &f->err));
	OK(f, STORE(f->st, calendar, cal_day_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(list[0].kind, 3);
	assert_string_equal(list[0].name, "Nghỉ hoán đổi (chính thức)");
	assert_int_equal(list[1].kind, 4);
	assert_int_equal(list[2].kind, 1);
	assert_true(list[0].day < list[1].day && list[1].day < list[2].day);
	/* Only holiday, day off and working day are lines of a decision. */
	d = line("2026-09-07", 2, "Nghỉ bù");
	assert_int_equal(STORE(f->st, calendar, cal_day_put, &d, &f->err), HL_EINVAL);
	d = line("2026-09-07", 5, "");
	assert_int_equal(STORE(f->st, calendar, cal_day_put, &d, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, calendar, cal_day_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3);
}

static void test_culture(void **state)
{
	struct fx *f = *state;
	int y = -1;

	OK(f, STORE(f->st, calendar, cal_culture_get, &y, &f->err));
	assert_int_equal(y, 0);
	OK(f, STORE(f->st, calendar, cal_culture_set, 2026, &f->err));
	OK(f, STORE(f->st, calendar, cal_culture_get, &y, &f->err));
	assert_int_equal(y, 2026);
	OK(f, STORE(f->st, calendar, cal_culture_set, 0, &f->err));
	OK(f, STORE(f->st, calendar, cal_culture_get, &y, &f->err));
	assert_int_equal(y, 0);
}

/* Rules by unit then from, "since always" first; same (unit, from) replaces. */
static void test_hours(void **state)
{
	struct fx *f = *state;
	struct store_cal_hours h = {0}, *list = NULL;
	size_t n = 0;

	h.unit_id = 7;
	h.from = 20454;
	snprintf(h.spec, sizeof(h.spec), "07:00-11:30,13:30-17:00");
	OK(f, STORE(f->st, calendar, cal_hours_put, &h, &f->err));
	h.from = HL_DAY_NONE;
	snprintf(h.spec, sizeof(h.spec), "07:30-11:30,13:30-17:30");
	OK(f, STORE(f->st, calendar, cal_hours_put, &h, &f->err));
	snprintf(h.spec, sizeof(h.spec), "07:30-11:30,13:30-17:15");
	OK(f, STORE(f->st, calendar, cal_hours_put, &h, &f->err));
	h.unit_id = 0;
	snprintf(h.spec, sizeof(h.spec), "07:30-11:30,13:00-16:30");
	OK(f, STORE(f->st, calendar, cal_hours_put, &h, &f->err));
	h.spec[0] = '\0';
	assert_int_equal(STORE(f->st, calendar, cal_hours_put, &h, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, calendar, cal_hours_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(list[0].unit_id, 0);
	assert_string_equal(list[0].spec, "07:30-11:30,13:00-16:30");
	assert_int_equal(list[1].unit_id, 7);
	assert_int_equal(list[1].from, HL_DAY_NONE);
	assert_string_equal(list[1].spec, "07:30-11:30,13:30-17:15");
	assert_int_equal(list[2].from, 20454);
	assert_string_equal(list[2].spec, "07:00-11:30,13:30-17:00");
}

/* Writes inside a rolled-back transaction leave nothing. */
static void test_rollback(void **state)
{
	struct fx *f = *state;
	struct store_cal_day d = line("2028-01-03", 3, "Nghỉ"), *list = NULL;
	size_t n = 0;

	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, calendar, cal_day_put, &d, &f->err));
	OK(f, STORE(f->st, calendar, cal_culture_set, 2028, &f->err));
	OK(f, store_rollback(f->st, &f->err));
	OK(f, STORE(f->st, calendar, cal_day_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_days, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_culture, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hours, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rollback, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
