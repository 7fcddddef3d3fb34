/* store_sqlite_cal.c — the SQLite backend's part for the working calendar
 * (issue 6, store.h "calendar"): the imported lines of the government's
 * yearly decisions, the 24/11 setting and each unit's office hours, and the
 * migration that makes their tables. Statements are cached in
 * q->area[SQ_CAL].
 *
 * What each operation does (every backend must behave the same):
 *  - cal_day_put: stores (day, kind, name), replacing the line of that day;
 *    a kind that is not 1, 3 or 4 (holiday, day off, working day) or an
 *    empty day: HL_EINVAL. cal_day_list: every line by day.
 *  - cal_culture_get: the stored first year of 24/11, 0 when never set.
 *    cal_culture_set: stores it (0 = not in force).
 *  - cal_hours_put: stores (unit_id, from, spec), replacing the rule of the
 *    same unit and from; an empty spec: HL_EINVAL. cal_hours_list: every rule
 *    by unit id then from (HL_DAY_NONE first).
 *  Lists come back in the caller's arena; running out of it is HL_ENOMEM.
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <limits.h>

/* The calendar's migration (store_sqlite.c's list points here). from_day
 * holds INT32_MIN for "since always", so that it can be in the key. */
const char sq_cal_schema[] = "CREATE TABLE cal_decisions ("
			     " day INTEGER PRIMARY KEY,"
			     " kind INTEGER NOT NULL,"
			     " name TEXT NOT NULL);"
			     "CREATE TABLE cal_settings ("
			     " id INTEGER PRIMARY KEY CHECK (id = 1),"
			     " culture_day_from INTEGER NOT NULL);"
			     "CREATE TABLE cal_hours ("
			     " unit_id INTEGER NOT NULL,"
			     " from_day INTEGER NOT NULL,"
			     " spec TEXT NOT NULL,"
			     " PRIMARY KEY (unit_id, from_day));";

enum { C_DAY_PUT, C_DAY_LIST, C_CULTURE_GET, C_CULTURE_SET, C_HOURS_PUT, C_HOURS_LIST, C_COUNT };

static const char *const cal_sql[C_COUNT] = {
	[C_DAY_PUT] = "INSERT INTO cal_decisions (day, kind, name) VALUES (?1, ?2, ?3)"
		      " ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
	[C_DAY_LIST] = "SELECT day, kind, name FROM cal_decisions ORDER BY day",
	[C_CULTURE_GET] = "SELECT culture_day_from FROM cal_settings WHERE id = 1",
	[C_CULTURE_SET] =
		"INSERT INTO cal_settings (id, culture_day_from) VALUES (1, ?1)"
		" ON CONFLICT (id) DO UPDATE SET culture_day_from = excluded.culture_day_from",
	[C_HOURS_PUT] = "INSERT INTO cal_hours (unit_id, from_day, spec) VALUES (?1, ?2, ?3)"
			" ON CONFLICT (unit_id, from_day) DO UPDATE SET spec = excluded.spec",
	[C_HOURS_LIST] = "SELECT unit_id, from_day, spec FROM cal_hours ORDER BY unit_id, from_day",
};

_Static_assert(C_COUNT <= SQ_AREA_STMTS, "the calendar's statements fit its area row");

static sqlite3_stmt *cprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_CAL][id], cal_sql[id], op, err);
}

static const struct sq_col day_cols[] = {
	SQ_DAY(struct store_cal_day, day),
	SQ_INT(struct store_cal_day, kind),
	SQ_TEXT(struct store_cal_day, name),
};

int sq_cal_day_put(struct store *st, const struct store_cal_day *d, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu ngày theo quyết định";

	/* 1 holiday, 3 day off, 4 working day: enum wc_kind. */
	if (d->day == HL_DAY_NONE || (d->kind != 1 && d->kind != 3 && d->kind != 4))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "dòng quyết định không hợp lệ (loại %d)",
			d->kind);
	return SQ_PUT(q, cprep(q, C_DAY_PUT, op, err), op, day_cols, d, err);
}

int sq_cal_day_list(struct store *st, struct hl_arena *a, struct store_cal_day **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc các ngày theo quyết định";

	return SQ_LIST(q, cprep(q, C_DAY_LIST, op, err), op, a, day_cols, out, n, err);
}

int sq_cal_culture_get(struct store *st, int *from_year, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc cài đặt Ngày Văn hóa Việt Nam";
	int64_t v = 0;
	int rc = sq_exec(q, cprep(q, C_CULTURE_GET, op, err), op, NULL, 0, &v, err);

	*from_year = (int)v;
	return rc;
}

int sq_cal_culture_set(struct store *st, int from_year, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu cài đặt Ngày Văn hóa Việt Nam";

	return SQ_EXEC(q, cprep(q, C_CULTURE_SET, op, err), op, NULL, err,
		SQ_ARG(SQK_INT, from_year));
}

/* Bound as they are: the hours' first day is never NULL. */
static const struct sq_col hours_put_cols[] = {
	SQ_I64(struct store_cal_hours, unit_id),
	SQ_INT(struct store_cal_hours, from),
	SQ_TEXT(struct store_cal_hours, spec),
};

int sq_cal_hours_put(struct store *st, const struct store_cal_hours *h, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu giờ làm việc";

	if (h->spec[0] == '\0' || h->unit_id < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giờ làm việc trống");
	return SQ_PUT(q, cprep(q, C_HOURS_PUT, op, err), op, hours_put_cols, h, err);
}

static void read_hours(sqlite3_stmt *s, void *elem)
{
	struct store_cal_hours *h = elem;
	int64_t from = sqlite3_column_int64(s, 1);

	h->unit_id = sqlite3_column_int64(s, 0);
	h->from = from < INT32_MIN || from > INT32_MAX ? HL_DAY_NONE : (hl_day)from;
	sq_col_text(s, 2, h->spec, sizeof(h->spec));
}

int sq_cal_hours_list(struct store *st, struct hl_arena *a, struct store_cal_hours **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc giờ làm việc";

	return sq_list_rows(q, cprep(q, C_HOURS_LIST, op, err), op, a, sizeof(**out), read_hours,
		out, n, err);
}
