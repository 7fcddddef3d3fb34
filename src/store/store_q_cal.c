/* store_q_cal.c — the working calendar (issue 6, store.h "calendar"),
 * written once for every backend (store_q.h): the imported lines of the
 * government's yearly decisions, the 24/11 setting and each unit's office
 * hours. What each operation does:
 *  - cal_day_put: stores (day, kind, name), replacing the line of that day;
 *    a kind that is not 1, 3 or 4 (holiday, day off, working day) or an
 *    empty day: HL_EINVAL. cal_day_list: every line by day.
 *  - cal_culture_get: the stored first year of 24/11, 0 when never set.
 *    cal_culture_set: stores it (0 = not in force).
 *  - cal_hours_put: stores (unit_id, from, spec), replacing the rule of the
 *    same unit and from (HL_DAY_NONE, "since always", is stored as the
 *    number it is, so that it can be in the key); an empty spec: HL_EINVAL.
 *    cal_hours_list: every rule by unit id then from (HL_DAY_NONE first). */
#include "store/store_q.h"

#include <string.h>

#include "store/sql/cal.h" /* its statements: sql/cal.sql */

static int q_cal_day_put(struct store *st, const struct store_cal_day *d, struct hl_err *err)
{
	struct q_args a = {0};

	/* 1 holiday, 3 day off, 4 working day: enum wc_kind. */
	if (d->day == HL_DAY_NONE || (d->kind != 1 && d->kind != 3 && d->kind != 4))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "dòng quyết định không hợp lệ (loại %d)",
			d->kind);
	q_row(&a, day_cols, SQ_NCOLS(day_cols), d);
	return q_exec(st, &day_put, &a, NULL, "lưu ngày theo quyết định", err);
}

static int q_cal_day_list(struct store *st, struct hl_arena *ar, struct store_cal_day **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &day_list, NULL, ar, day_cols, out, n, "đọc các ngày theo quyết định",
		err);
}

static int q_cal_culture_get(struct store *st, int *from_year, struct hl_err *err)
{
	int64_t v = 0;
	int rc = q_int(st, &culture_get, NULL, &v, "đọc cài đặt Ngày Văn hóa Việt Nam", err);

	*from_year = rc == HL_OK ? (int)v : 0;
	return rc == HL_ENOTFOUND ? HL_OK : rc;
}

static int q_cal_culture_set(struct store *st, int from_year, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, from_year);
	return q_exec(st, &culture_set, &a, NULL, "lưu cài đặt Ngày Văn hóa Việt Nam", err);
}

static int q_cal_hours_put(struct store *st, const struct store_cal_hours *h, struct hl_err *err)
{
	struct q_args a = {0};

	if (h->spec[0] == '\0' || h->unit_id < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giờ làm việc trống");
	q_row(&a, hours_cols, SQ_NCOLS(hours_cols), h);
	return q_exec(st, &hours_put, &a, NULL, "lưu giờ làm việc", err);
}

static int q_cal_hours_list(struct store *st, struct hl_arena *ar, struct store_cal_hours **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &hours_list, NULL, ar, hours_cols, out, n, "đọc giờ làm việc", err);
}

const struct store_calendar_ops q_calendar = {Q_OP(cal_day_put), Q_OP(cal_day_list),
	Q_OP(cal_culture_get), Q_OP(cal_culture_set), Q_OP(cal_hours_put), Q_OP(cal_hours_list)};
