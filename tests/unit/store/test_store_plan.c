/* test_store_plan.c — the conformance suite of the improvement plan's
 * operations (store.h "plan"), written only against store/store.h, on a
 * fresh migrated store (a temporary file, or a PostgreSQL database as
 * store_plan_pg): standard tasks replaced and
 * cleared, a plan replaced per (unit, year) with its notes, statuses set
 * with dated notes, and the refusals. */
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

static struct store_plan_task task(int no, const char *crit, const char *text, const char *status)
{
	struct store_plan_task t = {0};

	t.no = no;
	snprintf(t.criterion, sizeof(t.criterion), "%s", crit);
	snprintf(t.task, sizeof(t.task), "%s", text);
	snprintf(t.responsible, sizeof(t.responsible), "Trung tâm phục vụ hành chính công");
	snprintf(t.schedule, sizeof(t.schedule), "thuong-xuyen");
	snprintf(t.expected, sizeof(t.expected), "Kết quả %d", no);
	snprintf(t.status, sizeof(t.status), "%s", status);
	return t;
}

static void test_std(void **state)
{
	struct fx *f = *state;
	struct store_plan_std in[2] = {0}, *out = NULL;
	size_t n = 9;

	OK(f, STORE(f->st, plans, plan_std_list, f->a, &out, &n, &f->err));
	assert_int_equal(n, 0);
	assert_null(out);
	snprintf(in[0].criterion, sizeof(in[0].criterion), "TC");
	snprintf(in[0].task, sizeof(in[0].task), "Niêm yết thủ tục");
	snprintf(in[1].criterion, sizeof(in[1].criterion), "TT");
	snprintf(in[1].task, sizeof(in[1].task), "Trả lời phản ánh");
	snprintf(in[1].schedule, sizeof(in[1].schedule), "khi-tiep-nhan");
	OK(f, STORE(f->st, plans, plan_std_replace, in, 2, &f->err));
	OK(f, STORE(f->st, plans, plan_std_list, f->a, &out, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(out[0].seq, 1);
	assert_string_equal(out[1].task, "Trả lời phản ánh");
	assert_string_equal(out[1].schedule, "khi-tiep-nhan");
	/* An empty task is refused; what was there stays (the caller's transaction
	 * would roll back, and the check comes before any write). */
	in[1].task[0] = '\0';
	assert_int_equal(STORE(f->st, plans, plan_std_replace, in, 2, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, plans, plan_std_list, f->a, &out, &n, &f->err));
	assert_int_equal(n, 2);
	OK(f, STORE(f->st, plans, plan_std_replace, NULL, 0, &f->err));
	OK(f, STORE(f->st, plans, plan_std_list, f->a, &out, &n, &f->err));
	assert_int_equal(n, 0);
}

static void test_plan(void **state)
{
	struct fx *f = *state;
	struct store_plan_task t[3], *out = NULL;
	struct store_plan_note note = {0}, *notes = NULL;
	size_t n = 0;

	t[0] = task(1, "TC", "Việc một", "chua-bat-dau");
	t[1] = task(2, "HC", "Việc hai", "chua-bat-dau");
	t[2] = task(3, "KQ", "Việc ba", "qua-han");
	t[0].has_value = t[0].has_target = true;
	t[0].value = 82.58;
	t[0].target = 90;
	OK(f, STORE(f->st, plans, plan_replace, f->unit, 2025, t, 3, &f->err));
	assert_true(t[0].id > 0 && t[2].id > t[0].id);
	assert_int_equal(t[1].unit_id, f->unit);
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(out[0].no, 1);
	assert_true(out[0].has_value && out[0].value == 82.58 && out[0].target == 90);
	assert_false(out[1].has_value || out[1].has_target);
	assert_string_equal(out[2].status, "qua-han");
	/* Another year, another unit: empty. */
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2026, f->a, &out, &n, &f->err));
	assert_int_equal(n, 0);
	OK(f, STORE(f->st, plans, plan_task_list, f->unit2, 2025, f->a, &out, &n, &f->err));
	assert_int_equal(n, 0);

	/* Status with dated notes, listed by task number then day. */
	note.day = 20000;
	snprintf(note.status, sizeof(note.status), "dang-thuc-hien");
	snprintf(note.text, sizeof(note.text), "Bắt đầu");
	snprintf(note.who, sizeof(note.who), "cli:lan");
	OK(f, STORE(f->st, plans, plan_task_status, t[1].id, 1, &note, &f->err));
	note.day = 19990;
	snprintf(note.text, sizeof(note.text), "Chuẩn bị");
	OK(f, STORE(f->st, plans, plan_task_status, t[1].id, 2, &note, &f->err));
	note.day = 20010;
	snprintf(note.status, sizeof(note.status), "hoan-thanh");
	note.text[0] = '\0';
	OK(f, STORE(f->st, plans, plan_task_status, t[0].id, 1, &note, &f->err));
	OK(f, STORE(f->st, plans, plan_note_list, f->unit, 2025, f->a, &notes, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(notes[0].no, 1);
	assert_string_equal(notes[0].status, "hoan-thanh");
	assert_int_equal(notes[1].no, 2);
	assert_string_equal(notes[1].text, "Chuẩn bị");
	assert_int_equal(notes[2].day, 20000);
	assert_string_equal(notes[2].who, "cli:lan");
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_string_equal(out[0].status, "hoan-thanh");
	assert_string_equal(out[1].status, "dang-thuc-hien");
	assert_int_equal(STORE(f->st, plans, plan_task_status, 999999, 1, &note, &f->err),
		HL_ENOTFOUND);
	note.day = HL_DAY_NONE;
	assert_int_equal(STORE(f->st, plans, plan_task_status, t[0].id, 2, &note, &f->err),
		HL_EINVAL);

	/* Replacing drops the old tasks and their notes. */
	t[0] = task(1, "PV", "Việc mới", "chua-bat-dau");
	OK(f, STORE(f->st, plans, plan_replace, f->unit, 2025, t, 1, &f->err));
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(out[0].criterion, "PV");
	OK(f, STORE(f->st, plans, plan_note_list, f->unit, 2025, f->a, &notes, &n, &f->err));
	assert_int_equal(n, 0);

	/* Refusals. */
	t[0].no = 0;
	assert_int_equal(STORE(f->st, plans, plan_replace, f->unit, 2025, t, 1, &f->err),
		HL_EINVAL);
	t[0] = task(1, "PV", "", "chua-bat-dau");
	assert_int_equal(STORE(f->st, plans, plan_replace, f->unit, 2025, t, 1, &f->err),
		HL_EINVAL);
	assert_int_equal(STORE(f->st, plans, plan_replace, 0, 2025, t, 0, &f->err), HL_EINVAL);
}

/* One task added after the others and one edited, the edit keeping its
 * number, status and notes. */
static void test_task_put(void **state)
{
	struct fx *f = *state;
	struct store_plan_task t[2], add, *out = NULL;
	struct store_plan_note note = {0}, *notes = NULL;
	size_t n = 0;

	t[0] = task(1, "TC", "Việc một", "chua-bat-dau");
	t[1] = task(2, "HC", "Việc hai", "chua-bat-dau");
	OK(f, STORE(f->st, plans, plan_replace, f->unit, 2025, t, 2, &f->err));
	note.day = 20000;
	snprintf(note.status, sizeof(note.status), "dang-thuc-hien");
	snprintf(note.who, sizeof(note.who), "web:lan");
	OK(f, STORE(f->st, plans, plan_task_status, t[1].id, 1, &note, &f->err));

	add = task(3, "TT", "Việc ba", "chua-bat-dau");
	add.unit_id = f->unit;
	add.year = 2025;
	OK(f, STORE(f->st, plans, plan_task_put, &add, &f->err));
	assert_true(add.id > t[1].id);
	add.id = 0; /* number 3 is taken */
	assert_int_equal(STORE(f->st, plans, plan_task_put, &add, &f->err), HL_EEXIST);

	t[1] = task(99, "PV", "Việc hai, sửa lại", "hoan-thanh");
	t[1].id = t[0].id + 1;
	t[1].version = 2; /* added, then its status set */
	snprintf(t[1].schedule, sizeof(t[1].schedule), "quy-2");
	OK(f, STORE(f->st, plans, plan_task_put, &t[1], &f->err));
	assert_int_equal(t[1].version, 3);
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(out[1].version, 3);
	assert_int_equal(out[1].no, 2);
	assert_string_equal(out[1].criterion, "PV");
	assert_string_equal(out[1].task, "Việc hai, sửa lại");
	assert_string_equal(out[1].schedule, "quy-2");
	assert_string_equal(out[1].status, "dang-thuc-hien");
	assert_string_equal(out[2].task, "Việc ba");
	OK(f, STORE(f->st, plans, plan_note_list, f->unit, 2025, f->a, &notes, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(notes[0].no, 2);

	t[1].id = 999999;
	assert_int_equal(STORE(f->st, plans, plan_task_put, &t[1], &f->err), HL_ENOTFOUND);
	t[1].id = t[0].id;
	t[1].task[0] = '\0';
	assert_int_equal(STORE(f->st, plans, plan_task_put, &t[1], &f->err), HL_EINVAL);
}

/* Two changes made from the same read of a task (two clerks at once): the
 * first wins, the second is HL_ECONFLICT and changes nothing, for the
 * content and for the status. */
static void test_task_cas(void **state)
{
	struct fx *f = *state;
	struct store_plan_task t[1], a, b, *out = NULL;
	struct store_plan_note note = {0}, *notes = NULL;
	size_t n = 0;

	t[0] = task(1, "TC", "Việc một", "chua-bat-dau");
	OK(f, STORE(f->st, plans, plan_replace, f->unit, 2025, t, 1, &f->err));
	assert_int_equal(t[0].version, 1);
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	a = b = out[0];
	snprintf(a.task, sizeof(a.task), "Việc một, bản của Lan");
	snprintf(b.task, sizeof(b.task), "Việc một, bản của Minh");
	OK(f, STORE(f->st, plans, plan_task_put, &a, &f->err));
	assert_int_equal(STORE(f->st, plans, plan_task_put, &b, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.where, "version");
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_string_equal(out[0].task, "Việc một, bản của Lan");
	assert_int_equal(out[0].version, 2);

	/* The status, from the version both read (2). */
	note.day = 20000;
	snprintf(note.status, sizeof(note.status), "dang-thuc-hien");
	snprintf(note.who, sizeof(note.who), "web:lan");
	OK(f, STORE(f->st, plans, plan_task_status, out[0].id, 2, &note, &f->err));
	snprintf(note.status, sizeof(note.status), "hoan-thanh");
	snprintf(note.who, sizeof(note.who), "web:minh");
	assert_int_equal(STORE(f->st, plans, plan_task_status, out[0].id, 2, &note, &f->err),
		HL_ECONFLICT);
	OK(f, STORE(f->st, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_string_equal(out[0].status, "dang-thuc-hien");
	assert_int_equal(out[0].version, 3);
	OK(f, STORE(f->st, plans, plan_note_list, f->unit, 2025, f->a, &notes, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(notes[0].who, "web:lan");
}

/* Inside a transaction a number already taken is HL_EEXIST and the
 * transaction goes on (on PostgreSQL a failed statement would abort it);
 * two connections changing the same read of a task (two server processes):
 * the second is HL_ECONFLICT and changes nothing. */
static void test_two_writers(void **state)
{
	struct fx *f = *state;
	struct store *other = NULL;
	struct store_plan_task t[1], add, a, b, *out = NULL;
	size_t n = 0;

	t[0] = task(1, "TC", "Việc một", "chua-bat-dau");
	OK(f, STORE(f->st, plans, plan_replace, f->unit, 2025, t, 1, &f->err));
	add = task(1, "HC", "Việc hai", "chua-bat-dau");
	add.unit_id = f->unit;
	add.year = 2025;
	OK(f, store_begin(f->st, &f->err));
	assert_int_equal(STORE(f->st, plans, plan_task_put, &add, &f->err), HL_EEXIST);
	add.id = 0;
	add.no = 2;
	OK(f, STORE(f->st, plans, plan_task_put, &add, &f->err));
	OK(f, store_commit(f->st, &f->err));

	OK(f, store_open(f->path, &other, &f->err));
	OK(f, STORE(other, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_int_equal(n, 2);
	a = b = out[1];
	snprintf(a.task, sizeof(a.task), "Việc hai, bản của Lan");
	snprintf(b.task, sizeof(b.task), "Việc hai, bản của Minh");
	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, plans, plan_task_put, &a, &f->err));
	OK(f, store_commit(f->st, &f->err));
	OK(f, store_begin(other, &f->err));
	assert_int_equal(STORE(other, plans, plan_task_put, &b, &f->err), HL_ECONFLICT);
	OK(f, store_rollback(other, &f->err));
	OK(f, STORE(other, plans, plan_task_list, f->unit, 2025, f->a, &out, &n, &f->err));
	assert_string_equal(out[1].task, "Việc hai, bản của Lan");
	assert_int_equal(out[1].version, 2);
	store_close(other);
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_std, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_plan, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_task_put, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_task_cas, fx_setup_units, fx_teardown),
		cmocka_unit_test_setup_teardown(test_two_writers, fx_setup_units, fx_teardown),
	};

	return FX_RUN(tests);
}
