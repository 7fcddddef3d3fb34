/* store_q_plan.c — the improvement plan (issue 6, store.h struct
 * store_plans_ops), written once for every backend (store_q.h): the
 * administrator's copy of the standard tasks, each unit's plan per year and
 * the dated progress notes on its tasks. Checked by
 * tests/unit/store/test_store_plan.c. What each operation does:
 *  - plan_std_list: the stored standard tasks by seq (NULL and 0 when none).
 *    plan_std_replace: deletes them all and inserts t[0..n) as seq 1..n; an
 *    empty criterion or task: HL_EINVAL, before anything is written.
 *  - plan_task_list: the tasks of (unit_id, year) by number.
 *    plan_replace: deletes the tasks of (unit_id, year) with their notes and
 *    inserts t[0..n), setting each id, unit_id, year and version (1);
 *    unit_id <= 0, a number < 1 or an empty criterion, task or status:
 *    HL_EINVAL; a number twice: HL_EEXIST.
 *  - plan_task_put: t->id 0 inserts a task (a number taken: HL_EEXIST;
 *    version 1); else updates the content of task id when its version is
 *    still t->version (compare-and-set: version + 1, else HL_ECONFLICT;
 *    HL_ENOTFOUND when the task is gone), leaving its number, status and
 *    notes.
 *  - plan_task_status: sets the task's status to note->status and stores
 *    the note, by id and version as plan_task_put.
 *  - plan_note_list: the notes of the tasks of (unit_id, year), by task
 *    number, day and entry order, each with its task's number.
 *  The operations of several statements are all-or-nothing on their own
 *  (q_op_begin). A taken number is an insert that does nothing (ON
 *  CONFLICT DO NOTHING), not a failed one, so that a PostgreSQL transaction
 *  around it stays usable. */
#include "store/store_q.h"

#include <string.h>

#define TASK_COLS \
	"id, unit_id, year, no, criterion, value, target, task, responsible," \
	" schedule, expected, status, version"

#include "store/sql/plan.h" /* its statements: sql/plan.sql */

static void read_task(const struct q_cur *c, void *elem)
{
	struct store_plan_task *t = elem;

	q_read(c, 0, task_head, SQ_NCOLS(task_head), t);
	t->has_value = !q_col_null(c, 5);
	t->value = q_col_f64(c, 5);
	t->has_target = !q_col_null(c, 6);
	t->target = q_col_f64(c, 6);
	q_read(c, 7, task_tail, SQ_NCOLS(task_tail), t);
}

static void plan_key(struct q_args *a, int64_t unit_id, int year)
{
	q_i64(a, unit_id);
	q_i64(a, year);
}

static void double_or_null(struct q_args *a, bool have, double v)
{
	if (have)
		q_f64(a, v);
	else
		q_null(a);
}

static int q_plan_std_list(struct store *st, struct hl_arena *ar, struct store_plan_std **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &std_list, NULL, ar, std_cols, out, n, "đọc nhiệm vụ mẫu của kế hoạch",
		err);
}

static int q_plan_std_replace(struct store *st, const struct store_plan_std *t, size_t n,
	struct hl_err *err)
{
	const char *op = "lưu nhiệm vụ mẫu của kế hoạch";
	int rc;

	for (size_t i = 0; i < n; i++)
		if (t[i].criterion[0] == '\0' || t[i].task[0] == '\0')
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhiệm vụ mẫu thứ %zu thiếu tiêu chí hoặc nội dung", i + 1);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	rc = q_exec(st, &std_clear, NULL, NULL, op, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		struct q_args a = {0};

		q_i64(&a, (int64_t)i + 1);
		q_row(&a, std_cols + 1, SQ_NCOLS(std_cols) - 1, &t[i]);
		rc = q_exec(st, &std_insert, &a, NULL, op, err);
	}
	return q_op_end(st, rc, op, err);
}

static int q_plan_task_list(struct store *st, int64_t unit_id, int year, struct hl_arena *ar,
	struct store_plan_task **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	plan_key(&a, unit_id, year);
	return q_list_fn(st, &task_list, &a, ar, sizeof(**out), read_task, out, n,
		"đọc kế hoạch nâng cao mức độ hài lòng", err);
}

/* Insert t as a task of (t->unit_id, t->year); sets t->id and t->version. */
static int insert_task(struct store *st, struct store_plan_task *t, const char *op,
	struct hl_err *err)
{
	struct q_args a = {0};
	int rc;

	q_row(&a, task_head + 1, SQ_NCOLS(task_head) - 1, t);
	double_or_null(&a, t->has_value, t->value);
	double_or_null(&a, t->has_target, t->target);
	q_row(&a, task_tail, SQ_NCOLS(task_tail) - 1, t);
	rc = q_int(st, &task_insert, &a, &t->id, op, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_EEXIST, HL_HERE, "kế hoạch đã có nhiệm vụ số %d", t->no);
	if (rc == HL_OK)
		t->version = 1;
	return rc;
}

static int q_plan_replace(struct store *st, int64_t unit_id, int year, struct store_plan_task *t,
	size_t n, struct hl_err *err)
{
	const char *op = "lưu kế hoạch nâng cao mức độ hài lòng";
	struct q_args a = {0};
	int rc;

	if (unit_id <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "kế hoạch thiếu đơn vị");
	for (size_t i = 0; i < n; i++)
		if (t[i].no < 1 || t[i].criterion[0] == '\0' || t[i].task[0] == '\0' ||
			t[i].status[0] == '\0')
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhiệm vụ thứ %zu của kế hoạch thiếu số thứ tự, tiêu chí, nội dung "
				"hoặc tình trạng",
				i + 1);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	plan_key(&a, unit_id, year);
	rc = q_exec(st, &notes_clear, &a, NULL, op, err);
	if (rc == HL_OK)
		rc = q_exec(st, &tasks_clear, &a, NULL, op, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		t[i].unit_id = unit_id;
		t[i].year = year;
		rc = insert_task(st, &t[i], op, err);
	}
	return q_op_end(st, rc, op, err);
}

/* A compare-and-set of task id matched no row: HL_ENOTFOUND when the task
 * is gone, else HL_ECONFLICT (another change came first). */
static int task_changed(struct store *st, int64_t id, int64_t version, const char *op,
	struct hl_err *err)
{
	struct q_args a = {0};
	int64_t found = 0;
	int rc;

	q_i64(&a, id);
	if ((rc = q_int(st, &task_exists, &a, &found, op, err)) != HL_OK)
		return rc;
	if (found == 0)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE,
			"không có nhiệm vụ %lld trong kế hoạch", (long long)id);
	return hl_err_set(err, HL_ECONFLICT, "version",
		"nhiệm vụ %lld của kế hoạch đã thay đổi từ khi được đọc ở phiên bản %lld",
		(long long)id, (long long)version);
}

static int q_plan_task_put(struct store *st, struct store_plan_task *t, struct hl_err *err)
{
	const char *op = "lưu nhiệm vụ của kế hoạch";
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	if (t->criterion[0] == '\0' || t->task[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "nhiệm vụ thiếu tiêu chí hoặc nội dung");
	if (t->id == 0) {
		if (t->unit_id <= 0 || t->no < 1 || t->status[0] == '\0')
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhiệm vụ mới thiếu đơn vị, số thứ tự hoặc tình trạng");
		return insert_task(st, t, op, err);
	}
	q_row(&a, task_head + 4, 1, t);
	q_row(&a, task_tail, 4, t);
	q_i64(&a, t->id);
	q_i64(&a, t->version);
	if ((rc = q_exec(st, &task_update, &a, &changed, op, err)) != HL_OK)
		return rc;
	if (changed == 0)
		return task_changed(st, t->id, t->version, op, err);
	t->version++;
	return HL_OK;
}

static int q_plan_task_status(struct store *st, int64_t task_id, int64_t version,
	const struct store_plan_note *note, struct hl_err *err)
{
	const char *op = "cập nhật tình trạng nhiệm vụ của kế hoạch";
	struct q_args a = {0}, b = {0};
	int64_t changed = 0;
	int rc;

	if (note->status[0] == '\0' || note->day == HL_DAY_NONE)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"ghi chú tiến độ thiếu tình trạng hoặc ngày");
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	q_text(&a, note->status, sizeof(note->status));
	q_i64(&a, task_id);
	q_i64(&a, version);
	rc = q_exec(st, &task_status, &a, &changed, op, err);
	if (rc == HL_OK && changed == 0)
		rc = task_changed(st, task_id, version, op, err);
	if (rc == HL_OK) {
		q_i64(&b, task_id);
		q_row(&b, note_cols + 2, SQ_NCOLS(note_cols) - 2, note);
		rc = q_exec(st, &note_insert, &b, NULL, op, err);
	}
	return q_op_end(st, rc, op, err);
}

static int q_plan_note_list(struct store *st, int64_t unit_id, int year, struct hl_arena *ar,
	struct store_plan_note **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	plan_key(&a, unit_id, year);
	return Q_LIST(st, &note_list, &a, ar, note_cols, out, n, "đọc ghi chú tiến độ của kế hoạch",
		err);
}

const struct store_plans_ops q_plans = {Q_OP(plan_std_list), Q_OP(plan_std_replace),
	Q_OP(plan_task_list), Q_OP(plan_replace), Q_OP(plan_task_put), Q_OP(plan_task_status),
	Q_OP(plan_note_list)};
