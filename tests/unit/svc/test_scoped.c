/* test_scoped.c — the writes behind the settings pages and the plan page,
 * each for an actor (svc/units.h): offices (fb_office_put_in), office hours
 * and the culture day (cal_set_hours_by, cal_set_culture_day_by), reporting
 * schedules (pub_sched_set_by) and plan tasks (plan_task_put_in, a unit's
 * plan being the clerk's): what each role may do, a unit out of scope
 * refused as if it did not exist, and each done audited by the actor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "store/store.h"
#include "svc/calendar.h"
#include "svc/feedback.h"
#include "svc/plan.h"
#include "svc/publish.h"
#include "svc/units.h"
#include "../store/store_fixture.h"

/* Units KH > (VT, VH). */
static int setup(void **state)
{
	struct fx *f;
	int64_t kh;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	kh = fx_unit(f, "KH", "Tỉnh Khánh Hòa", 0);
	f->unit = fx_unit(f, "VT", "Phường Vĩnh Thọ", kh);
	f->unit2 = fx_unit(f, "VH", "Phường Vĩnh Hải", kh);
	return 0;
}

static int64_t id_of(struct fx *f, const char *code)
{
	struct store_unit u;

	OK(f, STORE(f->st, units, unit_get, code, &u, &f->err));
	return u.id;
}

/* The last audit entry ("at\twho\taction\tdetail") is by who, of action. */
static void last_audit(struct fx *f, const char *who, const char *action)
{
	char **lines = NULL, want[128];
	size_t n = 0;

	OK(f, STORE(f->st, admin, audit_list, 1, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 1);
	snprintf(want, sizeof(want), "\t%s\t%s\t", who, action);
	if (strstr(lines[0], want) == NULL)
		fail_msg("last audit entry '%s', expected who %s, action %s", lines[0], who,
			action);
}

static void test_offices(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk = {ROLE_CLERK, f->unit, "web:lan"};
	struct store_fb_office *o = NULL;
	size_t n = 0;

	OK(f, fb_office_put_in(f->st, &clerk, "VT", "TP", "Tổ tiếp nhận", &f->err));
	last_audit(f, "web:lan", "offices.put");
	/* renaming a built-in code gives the unit its own office first */
	OK(f, fb_office_put_in(f->st, &clerk, "VT", "VP", "Văn phòng phường", &f->err));
	OK(f, fb_offices(f->st, f->unit, f->a, &o, &n, &f->err));
	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].code, "VP") == 0) {
			assert_string_equal(o[i].name, "Văn phòng phường");
			break;
		}
	assert_int_equal(fb_office_put_in(f->st, &clerk, "VH", "TP", "Tổ", &f->err), HL_ENOTFOUND);
	assert_string_equal(f->err.where, "unit");
	assert_int_equal(fb_office_put_in(f->st, &clerk, "VT", "tổ", "Tổ", &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "code");
	assert_int_equal(fb_office_put_in(f->st, &clerk, "VT", "TP", "", &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "name");
}

static void test_hours(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk = {ROLE_CLERK, f->unit, "web:lan"};
	struct scope_actor sup = {ROLE_SUPERVISOR, id_of(f, "KH"), "web:giamsat"};
	struct scope_actor admin = {ROLE_ADMIN, 0, "web:admin"};
	hl_day from;

	assert_true(hl_day_from_ymd(2026, 1, 1, &from));
	OK(f, cal_set_hours_by(f->st, &clerk, "VT", from, "07:00-11:00,13:00-17:00", &f->err));
	last_audit(f, "web:lan", "calendar.hours");
	assert_int_equal(cal_set_hours_by(f->st, &clerk, "VH", from, "07:00-11:00", &f->err),
		HL_ENOTFOUND);
	OK(f, cal_set_hours_by(f->st, &sup, "VH", HL_DAY_NONE, "07:00-11:00", &f->err));
	/* every unit's hours and the culture day: an administrator of everything */
	assert_int_equal(cal_set_hours_by(f->st, &sup, "", from, "07:00-11:00", &f->err), HL_EPERM);
	assert_int_equal(cal_set_culture_day_by(f->st, &sup, 2026, &f->err), HL_EPERM);
	OK(f, cal_set_hours_by(f->st, &admin, NULL, from, "07:30-11:30,13:30-17:00", &f->err));
	OK(f, cal_set_culture_day_by(f->st, &admin, 2026, &f->err));
	last_audit(f, "web:admin", "calendar.culture-day");
	assert_int_equal(cal_set_hours_by(f->st, &admin, "VT", from, "25:00-26:00", &f->err),
		HL_EINVAL);
}

static void test_schedules(void **state)
{
	struct fx *f = *state;
	struct scope_actor clerk = {ROLE_CLERK, f->unit, "web:lan"};
	struct scope_actor sup = {ROLE_SUPERVISOR, id_of(f, "KH"), "web:giamsat"};
	struct scope_actor other = {ROLE_SUPERVISOR, f->unit2, "web:vh"};

	assert_int_equal(pub_sched_set_by(f->st, &clerk, "VT", "month:28", &f->err), HL_EPERM);
	OK(f, pub_sched_set_by(f->st, &sup, "VT", "month:20,year:20/12", &f->err));
	last_audit(f, "web:giamsat", "reports.schedule");
	assert_int_equal(pub_sched_set_by(f->st, &other, "VT", "month:28", &f->err), HL_ENOTFOUND);
	assert_int_equal(pub_sched_set_by(f->st, &sup, "VT", "month:40", &f->err), HL_EINVAL);
	OK(f, pub_sched_set_by(f->st, &sup, "VT", NULL, &f->err));
}

static void test_plan_tasks(void **state)
{
	struct fx *f = *state;
	struct plan_task_in in = {.criterion = "TT",
		.task = "Niêm yết số điện thoại đường dây nóng",
		.responsible = "Văn phòng",
		.expected = "Có số điện thoại",
		.schedule = "quy-2"};
	struct plan_doc *p = NULL;
	int no = 0;

	/* into an empty plan, then after the last task */
	OK(f, plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", &no, &f->err));
	assert_int_equal(no, 1);
	last_audit(f, "web:lan", "plan.add");
	in.criterion = "PV";
	OK(f, plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", &no, &f->err));
	assert_int_equal(no, 2);
	OK(f,
		plan_set_status_in(f->st, "VT", 2026, 1, 0, "dang-thuc-hien", "Đã làm", 20500,
			"web:lan", &f->err));
	/* an edit keeps the status and the notes */
	in.no = 1;
	in.task = "Niêm yết số điện thoại ở cửa";
	in.schedule = "2026-03-31";
	OK(f, plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", &no, &f->err));
	last_audit(f, "web:lan", "plan.edit");
	OK(f, plan_load(f->st, f->a, "VT", 2026, &p, &f->err));
	assert_int_equal(p->ntasks, 2);
	assert_string_equal(p->tasks[0].task, "Niêm yết số điện thoại ở cửa");
	assert_string_equal(p->tasks[0].criterion, "PV");
	assert_string_equal(p->tasks[0].status, "dang-thuc-hien");
	assert_int_equal(p->nnotes, 1);
	/* refusals, naming the field */
	in.no = 9;
	assert_int_equal(plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", NULL, &f->err),
		HL_ENOTFOUND);
	in.no = 0;
	in.criterion = "XX";
	assert_int_equal(plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", NULL, &f->err),
		HL_EINVAL);
	assert_string_equal(f->err.where, "criterion");
	in.criterion = "TC";
	in.schedule = "sometime";
	assert_int_equal(plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", NULL, &f->err),
		HL_EINVAL);
	assert_string_equal(f->err.where, "schedule");
	in.schedule = "thuong-xuyen";
	in.task = "  ";
	assert_int_equal(plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", NULL, &f->err),
		HL_EINVAL);
	assert_string_equal(f->err.where, "task");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_offices, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hours, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_schedules, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_plan_tasks, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
