/* store_q_tally.c — the tallies' counters (store.h struct
 * store_tallies_ops: tally_merge, tally_scan, tally_clear), written once for
 * every backend (store_q.h): one row of additive counters per (grain, unit,
 * start, field, criterion), so that a merge is an upsert adding to the
 * counters (n = n + excluded.n, ...) and two writers, or two server
 * processes, can never lose each other's update. Checked by
 * tests/unit/store/test_store.c:
 *  - tally_merge: adds each criterion of row->set to its counters under
 *    (grain, unit_id, start, field_id), creating them if absent. HL_ELIMIT,
 *    and nothing written, if the key would then hold more criteria than a
 *    tallyset can.
 *  - tally_merge_many: tally_merge of each row, all or none.
 *  - tally_scan: the keys of the grain with start in [first, last]
 *    (HL_DAY_NONE = open), only field_id = 0 when per_field is false, only
 *    field_id != 0 when true; ordered by field_id, start, unit_id; each
 *    key's criteria in the order they were first stored (id). The callback
 *    may not call the store.
 *  - tally_clear: deletes every tally. */
#include "store/store_q.h"

#include <string.h>

#include "core/tally.h"

#define CELL_COLS "unit_id, start, field_id, crit, n, s, v, ss, vv, sv"
#define STAGE_COLS CELL_COLS

#include "store/sql/tally.h" /* its statements: sql/tally.sql */

static int check_grain(enum store_grain g, struct hl_err *err)
{
	if (g != GRAIN_DAY && g != GRAIN_MONTH && g != GRAIN_YEAR)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "loại bảng tổng hợp không hợp lệ: %d",
			(int)g);
	return HL_OK;
}

static void key_args(struct q_args *a, enum store_grain g, const struct store_tally_row *row)
{
	q_i64(a, g);
	q_i64(a, row->unit_id);
	q_i64(a, row->start);
	q_i64(a, row->field_id);
}

/* Criterion i of row: its code and counters, appended to a. */
static void cell_args(struct q_args *a, const struct store_tally_row *row, int i)
{
	const struct hl_tally *t = &row->set.t[i];

	q_text(a, row->set.code[i], HL_CODE_MAX);
	q_i64(a, t->n);
	q_f64(a, t->s);
	q_f64(a, t->v);
	q_f64(a, t->ss);
	q_f64(a, t->vv);
	q_f64(a, t->sv);
}

/* The stored criteria of a key gathered into a tallyset: HL_ELIMIT past
 * what a tallyset holds. */
static int gather(void *ctx, const struct q_cur *c)
{
	size_t len;

	return hl_tallyset_get(ctx, q_col_text(c, 0, &len)) != NULL ? HL_OK : HL_ELIMIT;
}

/* HL_ELIMIT when the stored criteria of row's key and row's own would be
 * more than a tallyset holds: the set as it would be after the merge. */
static int check_room(struct store *st, enum store_grain g, const struct store_tally_row *row,
	const char *op, struct hl_err *err)
{
	struct hl_tallyset all;
	struct q_args a = {0};
	int rc;

	all.n = 0;
	key_args(&a, g, row);
	rc = q_each(st, &crits, &a, gather, &all, op, err);
	if (rc == HL_ELIMIT)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "quá %d tiêu chí", HL_MAX_CRITERIA + 1);
	if (rc == HL_OK)
		rc = hl_tallyset_merge(&all, &row->set, err);
	return rc;
}

int q_tally_add(struct store *st, enum store_grain g, const struct store_tally_row *row,
	struct hl_err *err)
{
	const char *op = "cộng dồn bảng tổng hợp";
	int rc = check_grain(g, err);

	if (rc == HL_OK)
		rc = check_room(st, g, row, op, err);
	for (int i = 0; rc == HL_OK && i < row->set.n; i++) {
		struct q_args a = {0};

		key_args(&a, g, row);
		cell_args(&a, row, i);
		rc = q_exec_later(st, &add, &a, op, err);
	}
	return rc;
}

static int q_tally_merge(struct store *st, enum store_grain g, const struct store_tally_row *row,
	struct hl_err *err)
{
	const char *op = "cộng dồn bảng tổng hợp";
	int rc = q_op_begin(st, op, err);

	return rc == HL_OK ? q_op_end(st, q_tally_add(st, g, row, err), op, err) : rc;
}

static int q_tally_merge_many(struct store *st, enum store_grain g,
	const struct store_tally_row *rows, size_t n, struct hl_err *err)
{
	const char *op = "cộng dồn bảng tổng hợp";
	struct q_args a = {0};
	int64_t seq = 0, full = 0;
	int rc = check_grain(g, err);

	if (rc != HL_OK || n == 0)
		return rc;
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	rc = q_exec(st, &stage_make, NULL, NULL, op, err);
	if (rc == HL_OK)
		rc = q_exec(st, &stage_clear, NULL, NULL, op, err);
	for (size_t k = 0; rc == HL_OK && k < n; k++) {
		const struct store_tally_row *row = &rows[k];

		for (int i = 0; rc == HL_OK && i < row->set.n; i++) {
			struct q_args c = {0};

			q_i64(&c, seq++);
			q_i64(&c, row->unit_id);
			q_i64(&c, row->start);
			q_i64(&c, row->field_id);
			cell_args(&c, row, i);
			rc = q_bulk(st, &stage_put, &c, op, err);
		}
	}
	if (rc == HL_OK)
		rc = q_bulk_end(st, op, err);
	q_i64(&a, g);
	if (rc == HL_OK)
		rc = q_exec(st, &stage_add, &a, NULL, op, err);
	q_i64(&a, HL_MAX_CRITERIA + 1);
	if (rc == HL_OK && (rc = q_int(st, &stage_full, &a, &full, op, err)) == HL_OK)
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "quá %d tiêu chí", HL_MAX_CRITERIA + 1);
	else if (rc == HL_ENOTFOUND)
		rc = q_exec(st, &stage_clear, NULL, NULL, op, err);
	return q_op_end(st, rc, op, err);
}

/* A scan in progress: the key being gathered, handed on when the next
 * row's key differs (and after the last row). */
struct scan {
	store_tally_cb cb;
	void *ctx;
	struct store_tally_row row;
	int64_t ids[HL_MAX_CRITERIA + 1]; /* of row.set's cells */
	bool have;
	struct hl_err *err;
};

/* The key gathered, its criteria in the order they were first stored. */
static int hand_on(struct scan *x)
{
	struct hl_tallyset *set = &x->row.set;

	for (int i = 1; i < set->n; i++)
		for (int j = i; j > 0 && x->ids[j - 1] > x->ids[j]; j--) {
			int64_t id = x->ids[j];
			struct hl_tally t = set->t[j];
			char code[HL_CODE_MAX];

			memcpy(code, set->code[j], sizeof(code));
			x->ids[j] = x->ids[j - 1];
			set->t[j] = set->t[j - 1];
			memcpy(set->code[j], set->code[j - 1], sizeof(code));
			x->ids[j - 1] = id;
			set->t[j - 1] = t;
			memcpy(set->code[j - 1], code, sizeof(code));
		}
	x->have = false;
	return x->cb(x->ctx, &x->row);
}

static int cell(void *ctx, const struct q_cur *c)
{
	struct scan *x = ctx;
	int64_t unit_id = q_col_i64(c, 0), field_id = q_col_i64(c, 2);
	hl_day start = (hl_day)q_col_i64(c, 1);
	struct hl_tally *t;
	size_t len;
	int rc;

	if (x->have &&
		(x->row.unit_id != unit_id || x->row.start != start ||
			x->row.field_id != field_id)) {
		if ((rc = hand_on(x)) != 0)
			return rc;
	}
	if (!x->have) {
		x->row.unit_id = unit_id;
		x->row.start = start;
		x->row.field_id = field_id;
		x->row.set.n = 0;
		x->have = true;
	}
	t = hl_tallyset_get(&x->row.set, q_col_text(c, 3, &len));
	if (t == NULL)
		return hl_err_set(x->err, HL_EIO, HL_HERE,
			"bảng tổng hợp đã lưu của đơn vị %lld, ngày %d có quá nhiều tiêu chí",
			(long long)unit_id, (int)start);
	t->n = q_col_i64(c, 4);
	t->s = q_col_f64(c, 5);
	t->v = q_col_f64(c, 6);
	t->ss = q_col_f64(c, 7);
	t->vv = q_col_f64(c, 8);
	t->sv = q_col_f64(c, 9);
	x->ids[t - x->row.set.t] = q_col_i64(c, 10);
	return HL_OK;
}

static int q_tally_scan(struct store *st, enum store_grain g, bool per_field, hl_day first,
	hl_day last, store_tally_cb cb, void *ctx, struct hl_err *err)
{
	struct scan x = {.cb = cb, .ctx = ctx, .err = err};
	struct q_args a = {0};
	int rc = check_grain(g, err);

	if (rc != HL_OK)
		return rc;
	q_i64(&a, g);
	q_i64(&a, day_lo(first));
	q_i64(&a, day_hi(last));
	rc = q_each(st, per_field ? &scan_field : &scan_all, &a, cell, &x, "đọc bảng tổng hợp",
		err);
	if (rc == HL_OK && x.have)
		rc = hand_on(&x);
	return rc;
}

static int q_tally_clear(struct store *st, struct hl_err *err)
{
	return q_exec(st, &clear, NULL, NULL, "xóa bảng tổng hợp", err);
}

const struct store_tallies_ops q_tallies = {Q_OP(tally_merge), Q_OP(tally_merge_many),
	Q_OP(tally_scan), Q_OP(tally_clear), Q_OP(rollup_merge), Q_OP(rollup_scan),
	Q_OP(rollup_sum), Q_OP(rollup_clear), Q_OP(rollup_ready)};
