/* store_q_dos.c — the dossiers area (store.h struct store_dossiers_ops):
 * dossiers, their timeliness sums and the undo of an unfinished import's
 * dossiers, written once for every backend (store_q.h). Checked by
 * tests/unit/store/test_store.c (test_dossiers, test_dossier_sums) and
 * test_store_imp.c.
 *
 * A finished dossier's class does not depend on when one asks, so it is
 * summed once: svc computes it (svc/dossq.c dq_save, core/timeliness.c
 * tl_finished_class), the store keeps it as a plain column, class, and the
 * sums per month (year * 12 + month - 1 of received_at, UTC) by field and
 * channel (dossier_sum) and by procedure (dossier_sum_proc) are counters
 * this file moves in the same operation as the row: a write takes the
 * row's class out of the sums, writes it, and adds its new class; an undo
 * the same for every dossier of the run. Until SQLite's migration 22 its
 * triggers did it; no rule is in SQL either way.
 *
 * What each operation does (every backend must behave the same):
 *  - dossier_put: insert, or update every column of the row with the same
 *    code but submitted_at; dossier_save: the same with submitted_at. Both
 *    set d->id and refuse (HL_EINVAL) an empty code, or a class that is not
 *    1..3 for a dossier received, due and finished, or one given for any
 *    other. Field 0 and minutes -1 are stored as NULL and read back so.
 *  - dossier_get: by code; HL_ENOTFOUND when absent.
 *  - dossier_count_by_field: dossiers of the unit received (minutes / 1440)
 *    on a day in [first, last] (HL_DAY_NONE = open), counted per field_id
 *    (no field = key 0), ordered by key.
 *  - dossier_sum_scan: the sums of months m0..m1 of unit_id (0 = every
 *    unit): per (unit, month, field, channel), or per (unit, month,
 *    procedure); ordered by month, unit.
 *  - dossier_open_scan: dossiers of unit_id (0 = all) received in [r0, r1]
 *    whose finished_at is none or after at: first the unfinished ones, then
 *    those finished after at.
 *  - dossier_scan: dossiers of unit_id (0 = all) received in [r0, r1], by
 *    received_at. dossier_scan_finished: finished in [f0, f1], by finished_at.
 *  - dossier_undo_note: notes the dossier with that code as it is now (or
 *    that there is none), once per run: the first note of a code wins.
 *  - dossier_undo: puts every noted dossier of the run back as noted
 *    (deleting those that were not there), the sums with them; the notes
 *    are left for import_notes_drop.
 *  A nonzero return of a scan's callback stops it and is returned as is.
 *
 * Several writers: on PostgreSQL (READ COMMITTED) two writers of one code
 * could each take out the class the other had not yet replaced, so a write
 * first takes a lock on its code (pg_advisory_xact_lock, held to the end of
 * the transaction); SQLite has one writer at a time and runs a no-op. */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>

#define DOS_COLS \
	"id, code, unit_id, field_id, procedure, channel, received_at, due_at," \
	" finished_at, returned_at, supplements, reschedules, apology, submitted_at, class"
/* The same with finished_at NULL, for the dossiers_open index (covering:
 * the open dossiers never touch the table). */
#define OPEN_COLS \
	"id, code, unit_id, field_id, procedure, channel, received_at, due_at," \
	" NULL, returned_at, supplements, reschedules, apology, submitted_at, class"
/* The columns an undo note keeps. */
#define UNDO_COLS \
	"unit_id, field_id, procedure, channel, received_at, due_at, finished_at," \
	" returned_at, supplements, reschedules, apology, submitted_at, class"

/* The month of d.received_at (minutes), UTC, in each dialect. */
#define MONTH_SQLITE \
	"(CAST(strftime('%Y', d.received_at * 60, 'unixepoch') AS INTEGER) * 12" \
	" + CAST(strftime('%m', d.received_at * 60, 'unixepoch') AS INTEGER) - 1)"
#define MONTH_PG \
	"(CAST(EXTRACT(YEAR FROM to_timestamp(d.received_at * 60) AT TIME ZONE 'UTC') AS bigint)" \
	" * 12 + CAST(EXTRACT(MONTH FROM to_timestamp(d.received_at * 60) AT TIME ZONE 'UTC')" \
	" AS bigint) - 1)"
/* $1 (1 or -1) times the count of each class among the rows d. */
#define CLASSES \
	"sum(CASE WHEN d.class = 1 THEN CAST($1 AS bigint) ELSE 0 END)," \
	" sum(CASE WHEN d.class = 2 THEN CAST($1 AS bigint) ELSE 0 END)," \
	" sum(CASE WHEN d.class = 3 THEN CAST($1 AS bigint) ELSE 0 END)"
#define ADD_COUNTS(t) \
	" DO UPDATE SET early = " t ".early + excluded.early," \
	" on_time = " t ".on_time + excluded.on_time, late = " t ".late + excluded.late"
/* Add $1 times the classes of the dossiers where (SQL on d, naming $2) to
 * the sums, in the dialect's month. */
#define SUM_FIELD(month, where) \
	"INSERT INTO dossier_sum (month, unit_id, field_id, channel, early, on_time, late)" \
	" SELECT " month ", d.unit_id, coalesce(d.field_id, 0), d.channel, " CLASSES \
	" FROM dossiers d WHERE d.class IS NOT NULL AND " where " GROUP BY 1, 2, 3, 4" \
	" ON CONFLICT (month, unit_id, field_id, channel)" ADD_COUNTS("dossier_sum")
#define SUM_PROC(month, where) \
	"INSERT INTO dossier_sum_proc (month, unit_id, procedure, early, on_time, late)" \
	" SELECT " month ", d.unit_id, d.procedure, " CLASSES \
	" FROM dossiers d WHERE d.class IS NOT NULL AND " where " GROUP BY 1, 2, 3" \
	" ON CONFLICT (month, unit_id, procedure)" ADD_COUNTS("dossier_sum_proc")
#define BY_CODE "d.code = $2"
#define BY_RUN "d.code IN (SELECT code FROM import_undo_dossiers WHERE run_id = $2)"
#define BY_IDS "d.id BETWEEN $2 AND $3"

/* pg_advisory_xact_lock's first key for dossier codes ("hlds"); the
 * two-key space is apart from the migration's one-key lock. */
#define LOCK_KEY "1752982643"

#define SUM_SCAN(cols, table, unit) \
	"SELECT unit_id, month, " cols ", early, on_time, late FROM " table \
	" WHERE month BETWEEN $1 AND $2" unit " ORDER BY month, unit_id"
/* $1 the unit when there is one, then the bounds and the moment */
#define OPEN_SQL(unit, r0, r1, at) \
	"SELECT " OPEN_COLS " FROM dossiers WHERE finished_at IS NULL" unit \
	" AND received_at BETWEEN " r0 " AND " r1 " UNION ALL SELECT " DOS_COLS \
	" FROM dossiers WHERE finished_at > " at unit " AND received_at BETWEEN " r0 " AND " r1

#include "store/sql/dos.h" /* its statements: sql/dos.sql */

enum { WRITE_COLS = 12 /* code..apology */, SUBMITTED_COL = 13 };

/* ---- writes ---- */

/* HL_EINVAL unless d has a code, and a class (1..3) exactly when it is
 * received, due and finished. */
static int check(const struct store_dossier *d, struct hl_err *err)
{
	bool counted = d->received_at >= 0 && d->due_at >= 0 && d->finished_at >= 0;

	if (d->code[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mã hồ sơ trống");
	if (counted ? d->cls < 1 || d->cls > 3 : d->cls != 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"hồ sơ %s: loại đúng hạn %d không khớp thời "
			"điểm tiếp nhận, hạn và hoàn thành (svc tính, dossq.h dq_save)",
			d->code, d->cls);
	return HL_OK;
}

/* Add sign times the classes of the dossier with code (or, code NULL, of
 * every dossier noted for run_id) to both sums. */
static int sums_add(struct store *st, int sign, const char *code, int64_t run_id, const char *op,
	struct hl_err *err)
{
	struct q_args a = {0};
	int rc;

	q_i64(&a, sign);
	if (code != NULL)
		q_text(&a, code, STORE_CODE_MAX);
	else
		q_i64(&a, run_id);
	rc = q_exec(st, code != NULL ? &sum_code : &sum_run, &a, NULL, op, err);
	if (rc == HL_OK)
		rc = q_exec(st, code != NULL ? &sum_proc_code : &sum_proc_run, &a, NULL, op, err);
	return rc;
}

int q_dossier_sums_ids(struct store *st, int64_t lo, int64_t hi, struct hl_err *err)
{
	struct q_args a = {0};
	int rc;

	q_i64(&a, 1);
	q_i64(&a, lo);
	q_i64(&a, hi);
	rc = q_exec(st, &sum_ids, &a, NULL, "cộng hồ sơ vào bảng tổng hợp", err);
	if (rc == HL_OK)
		rc = q_exec(st, &sum_proc_ids, &a, NULL, "cộng hồ sơ vào bảng tổng hợp", err);
	return rc;
}

/* Insert or update d by its code (with its submitted_at when submitted),
 * the sums moving from its stored class to its new one. */
static int dossier_write(struct store *st, bool submitted, struct store_dossier *d,
	struct hl_err *err)
{
	const char *op = "lưu hồ sơ";
	struct q_args key = {0}, a = {0};
	int rc = check(d, err);

	if (rc != HL_OK)
		return rc;
	q_text(&key, d->code, sizeof(d->code));
	q_row(&a, dos_cols + 1, WRITE_COLS, d);
	if (d->cls != 0)
		q_i64(&a, d->cls);
	else
		q_null(&a);
	if (submitted)
		q_row(&a, dos_cols + SUBMITTED_COL, 1, d);
	else
		q_null(&a);
	q_i64(&a, submitted);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	rc = q_exec(st, &lock_code, &key, NULL, op, err);
	if (rc == HL_OK)
		rc = sums_add(st, -1, d->code, 0, op, err);
	if (rc == HL_OK)
		rc = q_int(st, &save, &a, &d->id, op, err);
	if (rc == HL_OK)
		rc = sums_add(st, 1, d->code, 0, op, err);
	return q_op_end(st, rc, op, err);
}

static int q_dossier_put(struct store *st, struct store_dossier *d, struct hl_err *err)
{
	return dossier_write(st, false, d, err);
}

static int q_dossier_save(struct store *st, struct store_dossier *d, struct hl_err *err)
{
	return dossier_write(st, true, d, err);
}

/* ---- reads ---- */

static int q_dossier_get(struct store *st, const char *code, struct store_dossier *out,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_text(&a, code, STORE_CODE_MAX);
	return Q_GET(st, &get, &a, dos_cols, out, "đọc hồ sơ", "không có hồ sơ mã này", err);
}

static int q_dossier_count_by_field(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	struct hl_arena *ar, struct store_count **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	/* received_at is in minutes: [first 00:00, last + 1 00:00) */
	q_i64(&a, unit_id);
	q_i64(&a, first == HL_DAY_NONE ? INT64_MIN : (int64_t)first * 1440);
	q_i64(&a, last == HL_DAY_NONE ? INT64_MAX : ((int64_t)last + 1) * 1440);
	return Q_LIST(st, &count_by_field, &a, ar, count_cols, out, n, "đếm hồ sơ theo lĩnh vực",
		err);
}

/* A scan's callback and its context, called with each row read. */
struct scan {
	store_dossier_cb dossier;
	store_dsum_cb sum;
	void *ctx;
};

static int dossier_row(void *ctx, const struct q_cur *c)
{
	struct scan *x = ctx;
	struct store_dossier d = {0};

	q_read(c, 0, dos_cols, SQ_NCOLS(dos_cols), &d);
	return x->dossier(x->ctx, &d);
}

static int sum_row(void *ctx, const struct q_cur *c)
{
	struct scan *x = ctx;
	struct store_dossier_sum r = {0};

	q_read(c, 0, sum_cols, SQ_NCOLS(sum_cols), &r);
	return x->sum(x->ctx, &r);
}

static int q_dossier_sum_scan(struct store *st, int64_t unit_id, bool per_procedure, int m0, int m1,
	store_dsum_cb cb, void *ctx, struct hl_err *err)
{
	struct scan x = {.sum = cb, .ctx = ctx};
	struct q_args a = {0};
	const struct q_stmt *s;

	q_i64(&a, m0);
	q_i64(&a, m1);
	s = per_procedure ? q_unit(&a, unit_id, &sum_proc_unit, &sum_proc_all) :
			    q_unit(&a, unit_id, &sum_unit, &sum_all);
	return q_each(st, s, &a, sum_row, &x, "đọc tổng hợp hồ sơ theo tháng", err);
}

/* Run s with a, handing each dossier to cb. */
static int scan(struct store *st, const struct q_stmt *s, const struct q_args *a,
	store_dossier_cb cb, void *ctx, const char *op, struct hl_err *err)
{
	struct scan x = {.dossier = cb, .ctx = ctx};

	return q_each(st, s, a, dossier_row, &x, op, err);
}

static int q_dossier_open_scan(struct store *st, int64_t unit_id, int64_t r0, int64_t r1,
	int64_t at, store_dossier_cb cb, void *ctx, struct hl_err *err)
{
	struct q_args a = {0};
	const struct q_stmt *s = q_unit(&a, unit_id, &open_unit, &open_all);

	q_i64(&a, r0);
	q_i64(&a, r1);
	q_i64(&a, at);
	return scan(st, s, &a, cb, ctx, "đọc hồ sơ chưa hoàn thành", err);
}

static int q_dossier_scan(struct store *st, int64_t unit_id, int64_t r0, int64_t r1,
	store_dossier_cb cb, void *ctx, struct hl_err *err)
{
	struct q_args a = {0};
	const struct q_stmt *s = q_unit(&a, unit_id, &scan_unit, &scan_all);

	q_i64(&a, r0);
	q_i64(&a, r1);
	return scan(st, s, &a, cb, ctx, "đọc hồ sơ theo ngày tiếp nhận", err);
}

static int q_dossier_scan_finished(struct store *st, int64_t f0, int64_t f1, store_dossier_cb cb,
	void *ctx, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, f0);
	q_i64(&a, f1);
	return scan(st, &scan_finished, &a, cb, ctx, "đọc hồ sơ theo ngày hoàn thành", err);
}

/* ---- the undo of an unfinished import ---- */

static int q_dossier_undo_note(struct store *st, int64_t run_id, const char *code,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, run_id);
	q_text(&a, code, STORE_CODE_MAX);
	return q_exec(st, &undo_note, &a, NULL, "ghi hồ sơ để hoàn tác", err);
}

static int q_dossier_undo(struct store *st, int64_t run_id, struct hl_err *err)
{
	const char *op = "hoàn tác hồ sơ của lần nhập dở";
	struct q_args run = {0};
	int rc;

	q_i64(&run, run_id);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	rc = q_exec(st, &lock_run, &run, NULL, op, err);
	if (rc == HL_OK)
		rc = sums_add(st, -1, NULL, run_id, op, err);
	if (rc == HL_OK)
		rc = q_exec(st, &undo_restore, &run, NULL, op, err);
	if (rc == HL_OK)
		rc = q_exec(st, &undo_delete, &run, NULL, op, err);
	/* the codes whose rows were deleted add nothing */
	if (rc == HL_OK)
		rc = sums_add(st, 1, NULL, run_id, op, err);
	return q_op_end(st, rc, op, err);
}

const struct store_dossiers_ops q_dossiers = {Q_OP(dossier_put), Q_OP(dossier_get),
	Q_OP(dossier_count_by_field), Q_OP(dossier_save), Q_OP(dossier_sum_scan),
	Q_OP(dossier_open_scan), Q_OP(dossier_scan), Q_OP(dossier_scan_finished),
	Q_OP(dossier_undo_note), Q_OP(dossier_undo)};
