/* store_sqlite_plan.c — the SQLite backend's part for the improvement plan
 * (issue 6, store.h "plan"): the administrator's copy of the standard tasks,
 * each unit's plan per year and the dated progress notes on its tasks, and
 * the migration that makes their tables. Statements are cached in
 * q->area[SQ_PLAN].
 *
 * What each operation does (every backend must behave the same):
 *  - plan_std_list: the stored standard tasks by seq (NULL and 0 when none).
 *    plan_std_replace: deletes them all and inserts t[0..n); an empty
 *    criterion or task: HL_EINVAL. Callers wrap it in a transaction.
 *  - plan_task_list: the tasks of (unit_id, year) by number.
 *    plan_replace: deletes the tasks of (unit_id, year) with their notes and
 *    inserts t[0..n), setting each id, unit_id and year; unit_id <= 0, a
 *    number < 1 or an empty criterion, task or status: HL_EINVAL.
 *  - plan_task_put: inserts a task as P_TASK_INSERT does (a number taken
 *    is HL_EEXIST; version 1), or updates the content of task id when its
 *    version is still t->version (compare-and-set: version + 1, else
 *    HL_ECONFLICT; HL_ENOTFOUND when the task is gone), leaving its
 *    number, status and notes.
 *  - plan_task_status: sets the task's status to note->status and stores
 *    the note, by id and version as plan_task_put.
 *  - plan_note_list: the notes of the tasks of (unit_id, year), by task
 *    number, day and entry order, each with its task's number.
 *  Lists come back in the caller's arena; running out of it is HL_ENOMEM.
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"

/* The plan's migration (store_sqlite.c's list points here). */
const char sq_plan_schema[] =
	"CREATE TABLE plan_std ("
	" seq INTEGER PRIMARY KEY,"
	" criterion TEXT NOT NULL,"
	" task TEXT NOT NULL,"
	" responsible TEXT NOT NULL,"
	" schedule TEXT NOT NULL,"
	" expected TEXT NOT NULL);"
	"CREATE TABLE plan_tasks ("
	" id INTEGER PRIMARY KEY,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" year INTEGER NOT NULL,"
	" no INTEGER NOT NULL,"
	" criterion TEXT NOT NULL,"
	" value REAL,"
	" target REAL,"
	" task TEXT NOT NULL,"
	" responsible TEXT NOT NULL,"
	" schedule TEXT NOT NULL,"
	" expected TEXT NOT NULL,"
	" status TEXT NOT NULL,"
	" UNIQUE (unit_id, year, no));"
	"CREATE TABLE plan_notes ("
	" id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,"
	" day INTEGER NOT NULL,"
	" status TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" who TEXT NOT NULL);"
	"CREATE INDEX plan_notes_task ON plan_notes (task_id, day);";

enum {
	P_STD_LIST,
	P_STD_CLEAR,
	P_STD_INSERT,
	P_TASK_LIST,
	P_NOTES_CLEAR,
	P_TASKS_CLEAR,
	P_TASK_INSERT,
	P_TASK_SET_STATUS,
	P_NOTE_INSERT,
	P_NOTE_LIST,
	P_TASK_UPDATE,
	P_TASK_EXISTS,
	P_COUNT
};

#define TASK_COLS \
	"id, unit_id, year, no, criterion, value, target, task, responsible," \
	" schedule, expected, status, version"

static const char *const plan_sql[P_COUNT] = {
	[P_STD_LIST] = "SELECT seq, criterion, task, responsible, schedule, expected FROM plan_std"
		       " ORDER BY seq",
	[P_STD_CLEAR] = "DELETE FROM plan_std",
	[P_STD_INSERT] = "INSERT INTO plan_std (seq, criterion, task, responsible, schedule,"
			 " expected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[P_TASK_LIST] = "SELECT " TASK_COLS " FROM plan_tasks WHERE unit_id = ?1 AND year = ?2"
			" ORDER BY no",
	[P_NOTES_CLEAR] = "DELETE FROM plan_notes WHERE task_id IN"
			  " (SELECT id FROM plan_tasks WHERE unit_id = ?1 AND year = ?2)",
	[P_TASKS_CLEAR] = "DELETE FROM plan_tasks WHERE unit_id = ?1 AND year = ?2",
	[P_TASK_INSERT] = "INSERT INTO plan_tasks (unit_id, year, no, criterion, value, target,"
			  " task, responsible, schedule, expected, status)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
	[P_TASK_SET_STATUS] = "UPDATE plan_tasks SET status = ?2, version = version + 1"
			      " WHERE id = ?1 AND version = ?3",
	[P_TASK_EXISTS] = "SELECT 1 FROM plan_tasks WHERE id = ?1",
	[P_NOTE_INSERT] = "INSERT INTO plan_notes (task_id, day, status, text, who)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)",
	[P_TASK_UPDATE] =
		"UPDATE plan_tasks SET criterion = ?2, task = ?3, responsible = ?4,"
		" schedule = ?5, expected = ?6, version = version + 1 WHERE id = ?1 AND version = ?7",
	[P_NOTE_LIST] = "SELECT n.task_id, t.no, n.day, n.status, n.text, n.who"
			" FROM plan_notes n JOIN plan_tasks t ON t.id = n.task_id"
			" WHERE t.unit_id = ?1 AND t.year = ?2 ORDER BY t.no, n.day, n.id",
};

static sqlite3_stmt *pprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_PLAN][id], plan_sql[id], op, err);
}

static void read_std(sqlite3_stmt *s, void *elem)
{
	struct store_plan_std *t = elem;

	t->seq = sqlite3_column_int(s, 0);
	sq_col_text(s, 1, t->criterion, sizeof(t->criterion));
	sq_col_text(s, 2, t->task, sizeof(t->task));
	sq_col_text(s, 3, t->responsible, sizeof(t->responsible));
	sq_col_text(s, 4, t->schedule, sizeof(t->schedule));
	sq_col_text(s, 5, t->expected, sizeof(t->expected));
}

int sq_plan_std_list(struct store *st, struct hl_arena *a, struct store_plan_std **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc nhiệm vụ mẫu của kế hoạch";
	sqlite3_stmt *s;
	void *arr = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = pprep(q, P_STD_LIST, op, err)) == NULL)
		return HL_EIO;
	rc = sq_list_rows(q, s, op, a, sizeof(**out), read_std, &arr, n, err);
	*out = arr;
	return rc;
}

int sq_plan_std_replace(struct store *st, const struct store_plan_std *t, size_t n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu nhiệm vụ mẫu của kế hoạch";
	sqlite3_stmt *s;
	int rc;

	for (size_t i = 0; i < n; i++)
		if (t[i].criterion[0] == '\0' || t[i].task[0] == '\0')
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhiệm vụ mẫu thứ %zu thiếu tiêu chí "
				"hoặc nội dung",
				i + 1);
	if ((s = pprep(q, P_STD_CLEAR, op, err)) == NULL)
		return HL_EIO;
	rc = sq_step_done(q, s, op, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		if ((s = pprep(q, P_STD_INSERT, op, err)) == NULL)
			return HL_EIO;
		if (sqlite3_bind_int64(s, 1, (int64_t)i + 1) != SQLITE_OK ||
			bind_str(s, 2, t[i].criterion, sizeof(t[i].criterion)) != SQLITE_OK ||
			bind_str(s, 3, t[i].task, sizeof(t[i].task)) != SQLITE_OK ||
			bind_str(s, 4, t[i].responsible, sizeof(t[i].responsible)) != SQLITE_OK ||
			bind_str(s, 5, t[i].schedule, sizeof(t[i].schedule)) != SQLITE_OK ||
			bind_str(s, 6, t[i].expected, sizeof(t[i].expected)) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
		rc = sq_step_done(q, s, op, err);
	}
	return rc;
}

static void read_task(sqlite3_stmt *s, void *elem)
{
	struct store_plan_task *t = elem;

	t->id = sqlite3_column_int64(s, 0);
	t->unit_id = sqlite3_column_int64(s, 1);
	t->year = sqlite3_column_int(s, 2);
	t->no = sqlite3_column_int(s, 3);
	sq_col_text(s, 4, t->criterion, sizeof(t->criterion));
	t->has_value = sqlite3_column_type(s, 5) != SQLITE_NULL;
	t->value = t->has_value ? sqlite3_column_double(s, 5) : 0;
	t->has_target = sqlite3_column_type(s, 6) != SQLITE_NULL;
	t->target = t->has_target ? sqlite3_column_double(s, 6) : 0;
	sq_col_text(s, 7, t->task, sizeof(t->task));
	sq_col_text(s, 8, t->responsible, sizeof(t->responsible));
	sq_col_text(s, 9, t->schedule, sizeof(t->schedule));
	sq_col_text(s, 10, t->expected, sizeof(t->expected));
	sq_col_text(s, 11, t->status, sizeof(t->status));
	t->version = sqlite3_column_int64(s, 12);
}

/* Bind (unit_id, year) to ?1 and ?2. */
static int bind_plan(sqlite3_stmt *s, int64_t unit_id, int year)
{
	int rc = sqlite3_bind_int64(s, 1, unit_id);

	return rc != SQLITE_OK ? rc : sqlite3_bind_int(s, 2, year);
}

int sq_plan_task_list(struct store *st, int64_t unit_id, int year, struct hl_arena *a,
	struct store_plan_task **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc kế hoạch nâng cao mức độ hài lòng";
	sqlite3_stmt *s;
	void *arr = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = pprep(q, P_TASK_LIST, op, err)) == NULL)
		return HL_EIO;
	if (bind_plan(s, unit_id, year) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = sq_list_rows(q, s, op, a, sizeof(**out), read_task, &arr, n, err);
	*out = arr;
	return rc;
}

static int bind_double_or_null(sqlite3_stmt *s, int i, bool have, double v)
{
	return have ? sqlite3_bind_double(s, i, v) : sqlite3_bind_null(s, i);
}

/* Insert t as a task of (t->unit_id, t->year); sets t->id and t->version. */
static int insert_task(struct sq *q, struct store_plan_task *t, const char *op, struct hl_err *err)
{
	sqlite3_stmt *s = pprep(q, P_TASK_INSERT, op, err);

	if (s == NULL)
		return HL_EIO;
	if (bind_plan(s, t->unit_id, t->year) != SQLITE_OK ||
		sqlite3_bind_int(s, 3, t->no) != SQLITE_OK ||
		bind_str(s, 4, t->criterion, sizeof(t->criterion)) != SQLITE_OK ||
		bind_double_or_null(s, 5, t->has_value, t->value) != SQLITE_OK ||
		bind_double_or_null(s, 6, t->has_target, t->target) != SQLITE_OK ||
		bind_str(s, 7, t->task, sizeof(t->task)) != SQLITE_OK ||
		bind_str(s, 8, t->responsible, sizeof(t->responsible)) != SQLITE_OK ||
		bind_str(s, 9, t->schedule, sizeof(t->schedule)) != SQLITE_OK ||
		bind_str(s, 10, t->expected, sizeof(t->expected)) != SQLITE_OK ||
		bind_str(s, 11, t->status, sizeof(t->status)) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	t->version = 1;
	return sq_step_id(q, s, op, &t->id, err);
}

int sq_plan_replace(struct store *st, int64_t unit_id, int year, struct store_plan_task *t,
	size_t n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu kế hoạch nâng cao mức độ hài lòng";
	static const int clear[] = {P_NOTES_CLEAR, P_TASKS_CLEAR};
	sqlite3_stmt *s;
	int rc = HL_OK;

	if (unit_id <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "kế hoạch thiếu đơn vị");
	for (size_t i = 0; i < n; i++)
		if (t[i].no < 1 || t[i].criterion[0] == '\0' || t[i].task[0] == '\0' ||
			t[i].status[0] == '\0')
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhiệm vụ thứ %zu của kế hoạch thiếu "
				"số thứ tự, tiêu chí, nội dung hoặc tình trạng",
				i + 1);
	for (size_t k = 0; rc == HL_OK && k < sizeof(clear) / sizeof(clear[0]); k++) {
		if ((s = pprep(q, clear[k], op, err)) == NULL)
			return HL_EIO;
		if (bind_plan(s, unit_id, year) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
		rc = sq_step_done(q, s, op, err);
	}
	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		t[i].unit_id = unit_id;
		t[i].year = year;
		rc = insert_task(q, &t[i], op, err);
	}
	return rc;
}

/* A compare-and-set of task id matched no row: HL_ENOTFOUND when the task
 * is gone, else HL_ECONFLICT (another change came first). */
static int task_changed(struct sq *q, int64_t id, int64_t version, const char *op,
	struct hl_err *err)
{
	sqlite3_stmt *s = pprep(q, P_TASK_EXISTS, op, err);
	int rc, step;

	if (s == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		rc = hl_err_set(err, HL_ECONFLICT, "version",
			"nhiệm vụ %lld của kế hoạch đã thay đổi "
			"từ khi được đọc ở phiên bản %lld",
			(long long)id, (long long)version);
	else if (step == SQLITE_DONE)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có nhiệm vụ %lld trong kế hoạch",
			(long long)id);
	else
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	return rc;
}

int sq_plan_task_put(struct store *st, struct store_plan_task *t, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu nhiệm vụ của kế hoạch";
	sqlite3_stmt *s;
	int rc;

	if (t->criterion[0] == '\0' || t->task[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "nhiệm vụ thiếu tiêu chí hoặc nội dung");
	if (t->id == 0) {
		if (t->unit_id <= 0 || t->no < 1 || t->status[0] == '\0')
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhiệm vụ mới thiếu đơn vị, số thứ tự "
				"hoặc tình trạng");
		rc = insert_task(q, t, op, err);
		if (rc != HL_OK && sqlite3_extended_errcode(q->db) == SQLITE_CONSTRAINT_UNIQUE)
			return hl_err_set(err, HL_EEXIST, HL_HERE, "kế hoạch đã có nhiệm vụ số %d",
				t->no);
		return rc;
	}
	if ((s = pprep(q, P_TASK_UPDATE, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, t->id) != SQLITE_OK ||
		bind_str(s, 2, t->criterion, sizeof(t->criterion)) != SQLITE_OK ||
		bind_str(s, 3, t->task, sizeof(t->task)) != SQLITE_OK ||
		bind_str(s, 4, t->responsible, sizeof(t->responsible)) != SQLITE_OK ||
		bind_str(s, 5, t->schedule, sizeof(t->schedule)) != SQLITE_OK ||
		bind_str(s, 6, t->expected, sizeof(t->expected)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 7, t->version) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	if ((rc = sq_step_done(q, s, op, err)) != HL_OK)
		return rc;
	if (sqlite3_changes(q->db) == 0)
		return task_changed(q, t->id, t->version, op, err);
	t->version++;
	return HL_OK;
}

int sq_plan_task_status(struct store *st, int64_t task_id, int64_t version,
	const struct store_plan_note *note, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "cập nhật tình trạng nhiệm vụ của kế hoạch";
	sqlite3_stmt *s;
	int rc;

	if (note->status[0] == '\0' || note->day == HL_DAY_NONE)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"ghi chú tiến độ thiếu tình trạng hoặc ngày");
	if ((s = pprep(q, P_TASK_SET_STATUS, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, task_id) != SQLITE_OK ||
		bind_str(s, 2, note->status, sizeof(note->status)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, version) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = sq_step_done(q, s, op, err);
	if (rc != HL_OK)
		return rc;
	if (sqlite3_changes(q->db) == 0)
		return task_changed(q, task_id, version, op, err);
	if ((s = pprep(q, P_NOTE_INSERT, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, task_id) != SQLITE_OK ||
		sqlite3_bind_int(s, 2, note->day) != SQLITE_OK ||
		bind_str(s, 3, note->status, sizeof(note->status)) != SQLITE_OK ||
		bind_str(s, 4, note->text, sizeof(note->text)) != SQLITE_OK ||
		bind_str(s, 5, note->who, sizeof(note->who)) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

static void read_note(sqlite3_stmt *s, void *elem)
{
	struct store_plan_note *nt = elem;

	nt->task_id = sqlite3_column_int64(s, 0);
	nt->no = sqlite3_column_int(s, 1);
	nt->day = col_day(s, 2);
	sq_col_text(s, 3, nt->status, sizeof(nt->status));
	sq_col_text(s, 4, nt->text, sizeof(nt->text));
	sq_col_text(s, 5, nt->who, sizeof(nt->who));
}

int sq_plan_note_list(struct store *st, int64_t unit_id, int year, struct hl_arena *a,
	struct store_plan_note **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc ghi chú tiến độ của kế hoạch";
	sqlite3_stmt *s;
	void *arr = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = pprep(q, P_NOTE_LIST, op, err)) == NULL)
		return HL_EIO;
	if (bind_plan(s, unit_id, year) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = sq_list_rows(q, s, op, a, sizeof(**out), read_note, &arr, n, err);
	*out = arr;
	return rc;
}
