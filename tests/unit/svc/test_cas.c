/* test_cas.c — two clerks act on one feedback item, or one plan task, from
 * the same read (svc/feedback.h, svc/plan.h: compare-and-set on the row's
 * version): the first wins, the second is refused with HL_ECONFLICT naming
 * "version" and a Vietnamese message, and nothing of it is stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../store/store_fixture.h"
#include "svc/feedback.h"
#include "svc/plan.h"

#define AT 29000000 /* minutes: 2025-02-18 */

static int setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	*state = f;
	f->unit = fx_unit(f, "VT", "Phường Vĩnh Thọ", 0);
	return 0;
}

/* The refusal of the second clerk: a conflict on the version, said in words. */
static void refused(struct fx *f, int rc)
{
	assert_int_equal(rc, HL_ECONFLICT);
	assert_string_equal(f->err.where, "version");
	assert_non_null(strstr(f->err.msg, "vừa được người khác cập nhật"));
}

static void test_feedback(void **state)
{
	struct fx *f = *state;
	struct fb_new in = {.unit = "VT",
		.channel = FB_COUNTER,
		.received_at = AT,
		.text = "Phòng chờ thiếu ghế"};
	char code[STORE_CODE_MAX];
	struct fb_item seen, now;
	int64_t v;

	OK(f, fb_add(f->st, &in, "cli:test", code, NULL, &f->err));
	OK(f, fb_get(f->st, NULL, code, AT + 100, f->a, &seen, &f->err));
	v = seen.it.version;
	assert_true(v >= 1);
	/* both pages showed version v: Lan classifies first, then Minh */
	OK(f, fb_classify(f->st, code, v, FB_RULE_IN, "PV", 0, AT + 1, "web:lan", &f->err));
	refused(f, fb_classify(f->st, code, v, FB_CONDUCT, "TC", 0, AT + 2, "web:minh", &f->err));
	OK(f, fb_get(f->st, NULL, code, AT + 100, f->a, &now, &f->err));
	assert_int_equal(now.it.cls, FB_RULE_IN);
	assert_string_equal(now.it.criterion, "PV");
	assert_int_equal(now.it.version, v + 1);
	/* the same for a step the state machine would take from either */
	OK(f, fb_forward(f->st, code, v + 1, "VP", AT + 3, "web:lan", &f->err));
	refused(f, fb_forward(f->st, code, v + 1, "TTPVHCC", AT + 4, "web:minh", &f->err));
	OK(f, fb_get(f->st, NULL, code, AT + 100, f->a, &now, &f->err));
	assert_string_equal(now.office_code, "VP");
	/* without a version (the command line's default) the step acts on what it reads */
	OK(f, fb_answer(f->st, code, 0, "Đã bổ sung ghế.", 0, AT + 5, "cli:test", &f->err));
}

static void test_plan(void **state)
{
	struct fx *f = *state;
	struct plan_task_in in = {.criterion = "TC",
		.task = "Bổ sung ghế phòng chờ",
		.schedule = "quy-2"};
	struct plan_doc *p = NULL;
	int64_t v;
	int no = 0;

	OK(f, plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", &no, &f->err));
	OK(f, plan_load(f->st, f->a, "VT", 2026, &p, &f->err));
	v = p->tasks[0].version;
	/* the status, twice from version v */
	OK(f,
		plan_set_status_in(f->st, "VT", 2026, no, v, "dang-thuc-hien", "Lan", 20500,
			"web:lan", &f->err));
	refused(f,
		plan_set_status_in(f->st, "VT", 2026, no, v, "hoan-thanh", "Minh", 20501,
			"web:minh", &f->err));
	/* the content, twice from version v + 1 */
	in.no = no;
	in.version = v + 1;
	in.task = "Bổ sung 20 ghế phòng chờ";
	OK(f, plan_task_put_in(f->st, "VT", 2026, &in, "web:lan", NULL, &f->err));
	in.task = "Thay ghế phòng chờ";
	refused(f, plan_task_put_in(f->st, "VT", 2026, &in, "web:minh", NULL, &f->err));
	OK(f, plan_load(f->st, f->a, "VT", 2026, &p, &f->err));
	assert_string_equal(p->tasks[0].status, "dang-thuc-hien");
	assert_string_equal(p->tasks[0].task, "Bổ sung 20 ghế phòng chờ");
	assert_int_equal(p->tasks[0].version, v + 2);
	assert_int_equal(p->nnotes, 1);
	assert_string_equal(p->notes[0].text, "Lan");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_feedback, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_plan, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
