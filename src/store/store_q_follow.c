/* store_q_follow.c — follow-up cases (issue 14 §1, store.h "follow"),
 * written once for every backend (store_q.h). What each operation does:
 *  - follow_open: one case per response (a second: HL_EEXIST, nothing
 *    changed, no number taken); the code is the given prefix and the next
 *    number of that prefix from the counters (q_number_take), so two
 *    writers never take the same; the case and its number are one
 *    operation. An empty prefix, no unit or no response: HL_EINVAL.
 *  - follow_get: by code, HL_ENOTFOUND when absent.
 *  - follow_list: by opened_at then id, of one unit or all, open ones only,
 *    published ones only, closed since a moment only, of days in a range
 *    only, when asked.
 *  - follow_update: compare-and-set on version (docs/internals/store.md):
 *    no row matched is HL_ECONFLICT when the case is still there (where
 *    "version"), HL_ENOTFOUND when it is gone.
 *  - follow_days_set / follow_days_list: a unit's own deadline in working
 *    days (1..365), replacing the one stored; units without one: none. */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>

#define FOLLOW_COLS \
	"id, code, unit_id, response_id, day, channel, dossier, staff_id, criteria," \
	" complaint, opened_at, due_at, state, cause, fix, callback, closed_at, published_at," \
	" version"

#include "store/sql/follow.h" /* its statements: sql/follow.sql */

static int q_follow_open(struct store *st, struct store_follow *f, struct hl_err *err)
{
	const char *op = "mở vụ việc theo dõi";
	char prefix[STORE_CODE_MAX];
	struct q_args a = {0};
	int64_t id = 0;
	int no = 0, rc;

	if (f->code[0] == '\0' || f->unit_id <= 0 || f->response_id <= 0 ||
		strnlen(f->code, sizeof(f->code)) > 52)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"vụ việc theo dõi thiếu đơn vị, phiếu hoặc tiền tố mã");
	snprintf(prefix, sizeof(prefix), "%s", f->code);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	q_i64(&a, f->response_id);
	rc = q_int(st, &by_response, &a, &id, op, err);
	if (rc == HL_OK)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE, "phiếu này đã có vụ việc theo dõi");
	else if (rc == HL_ENOTFOUND) {
		hl_err_clear(err);
		rc = q_number_take(st, "followup", f->unit_id, prefix, 0, &no, err);
	}
	if (rc == HL_OK) {
		/* the prefix fits (checked above): the number is never cut */
		snprintf(f->code, sizeof(f->code), "%.52s%04d", prefix, no);
		f->version = 1;
		a = (struct q_args){0};
		q_row(&a, follow_cols + 1, SQ_NCOLS(follow_cols) - 2, f);
		rc = q_int(st, &insert, &a, &f->id, op, err);
	}
	if (rc != HL_OK)
		snprintf(f->code, sizeof(f->code), "%s", prefix);
	return q_op_end(st, rc, op, err);
}

static int q_follow_get(struct store *st, const char *code, struct store_follow *out,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_text(&a, code, STORE_CODE_MAX);
	return Q_GET(st, &get, &a, follow_cols, out, "đọc vụ việc theo dõi",
		"không có vụ việc theo dõi mã này", err);
}

static int q_follow_list(struct store *st, const struct store_follow_filter *f, struct hl_arena *ar,
	struct store_follow **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, f->unit_id);
	q_i64(&a, f->open_only ? 1 : 0);
	q_i64(&a, f->published_only ? 1 : 0);
	q_i64(&a, f->closed_since);
	q_i64(&a, f->first_day);
	q_i64(&a, f->last_day);
	return Q_LIST(st, &list, &a, ar, follow_cols, out, n, "liệt kê vụ việc theo dõi", err);
}

static int q_follow_update(struct store *st, struct store_follow *f, struct hl_err *err)
{
	const char *op = "cập nhật vụ việc theo dõi";
	struct q_args a = {0};
	int64_t changed = 0, id = 0;
	int rc;

	q_row(&a, update_cols, SQ_NCOLS(update_cols), f);
	if ((rc = q_exec(st, &update, &a, &changed, op, err)) != HL_OK)
		return rc;
	if (changed == 1) {
		f->version++;
		return HL_OK;
	}
	a = (struct q_args){0};
	q_i64(&a, f->id);
	rc = q_int(st, &exists, &a, &id, op, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "vụ việc theo dõi %s không còn",
			f->code);
	if (rc != HL_OK)
		return rc;
	return hl_err_set(err, HL_ECONFLICT, "version",
		"vụ việc theo dõi %s vừa được người khác cập nhật: hãy xem lại rồi làm lại",
		f->code);
}

static int q_follow_days_set(struct store *st, const struct store_follow_days *d,
	struct hl_err *err)
{
	struct q_args a = {0};

	if (d->unit_id <= 0 || d->days < 1 || d->days > 365)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"thời hạn xử lý vụ việc phải từ 1 đến 365 ngày làm việc (có %d)", d->days);
	q_row(&a, days_cols, SQ_NCOLS(days_cols), d);
	return q_exec(st, &days_set, &a, NULL, "lưu thời hạn xử lý vụ việc theo dõi", err);
}

static int q_follow_days_list(struct store *st, struct hl_arena *ar, struct store_follow_days **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &days_list, NULL, ar, days_cols, out, n,
		"đọc thời hạn xử lý vụ việc theo dõi", err);
}

const struct store_follow_ops q_follow = {Q_OP(follow_open), Q_OP(follow_get), Q_OP(follow_list),
	Q_OP(follow_update), Q_OP(follow_days_set), Q_OP(follow_days_list)};
