/* store_sqlite_rate.c — the SQLite backend's part for rate limits (issue 10,
 * store.h "rate limits"): one counter row per key with the time it expires,
 * and the migration that makes their table. The rules (which keys, how many,
 * how long) are svc/ratelimit.c's. Statements are cached in
 * q->area[SQ_RATE].
 *
 * What each operation does (every backend must behave the same; the
 * conformance suite tests/unit/store/test_store_rate.c checks it):
 *  - rate_take: one statement (an upsert whose update is conditional), so
 *    the check and the count are one atomic step on any connection: a key
 *    without a row, or whose row expired (expires_at <= now), gets count 1
 *    and expires_at now + window; a live row under max gets count + 1, its
 *    expiry unchanged; a live row at max is left as it is and *taken is
 *    false. An empty key, window < 1 or max < 1: HL_EINVAL.
 *  - rate_count: the live row's count, 0 without a live row.
 *  - rate_give: a live row's count less one, never below 0; an absent or
 *    expired row is left alone.
 *  - rate_clear: deletes the key's row (HL_OK when there is none).
 *  - rate_purge: deletes every row with expires_at <= now.
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

/* The migration (store_sqlite.c's list points here). The index serves
 * rate_purge. */
const char sq_rate_schema[] = "CREATE TABLE rate_counters ("
			      " key TEXT PRIMARY KEY,"
			      " count INTEGER NOT NULL,"
			      " expires_at INTEGER NOT NULL) WITHOUT ROWID;"
			      "CREATE INDEX rate_counters_expiry ON rate_counters (expires_at);";

enum { R_TAKE, R_GET, R_GIVE, R_CLEAR, R_PURGE, R_NSTMT };

static const char *const rate_sql[R_NSTMT] = {
	/* The update's WHERE refuses a live counter at max: then no row comes
	 * back. Right-hand sides read the row as it was. */
	[R_TAKE] = "INSERT INTO rate_counters (key, count, expires_at) VALUES (?1, 1, ?2 + ?3)"
		   " ON CONFLICT (key) DO UPDATE SET"
		   " count = CASE WHEN expires_at <= ?2 THEN 1 ELSE count + 1 END,"
		   " expires_at = CASE WHEN expires_at <= ?2 THEN ?2 + ?3 ELSE expires_at END"
		   " WHERE expires_at <= ?2 OR count < ?4 RETURNING count",
	[R_GET] = "SELECT count FROM rate_counters WHERE key = ?1 AND expires_at > ?2",
	[R_GIVE] = "UPDATE rate_counters SET count = count - 1"
		   " WHERE key = ?1 AND expires_at > ?2 AND count > 0",
	[R_CLEAR] = "DELETE FROM rate_counters WHERE key = ?1",
	[R_PURGE] = "DELETE FROM rate_counters WHERE expires_at <= ?1",
};

_Static_assert(R_NSTMT <= SQ_AREA_STMTS, "the rate limits' statements fit their area row");

static sqlite3_stmt *rprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_RATE][id], rate_sql[id], op, err);
}

int sq_rate_take(struct store *st, const char *key, int64_t now, int window, int max, bool *taken,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đếm lượt cho giới hạn tần suất";
	sqlite3_stmt *s;
	int step, rc = HL_OK;

	*taken = false;
	if (key == NULL || key[0] == '\0' || window < 1 || max < 1)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giới hạn tần suất không hợp lệ");
	if ((s = rprep(q, R_TAKE, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, now) != SQLITE_OK ||
		sqlite3_bind_int(s, 3, window) != SQLITE_OK ||
		sqlite3_bind_int(s, 4, max) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*taken = true;
		step = sqlite3_step(s);
	}
	if (step != SQLITE_DONE)
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	if (rc != HL_OK)
		*taken = false;
	return rc;
}

int sq_rate_count(struct store *st, const char *key, int64_t now, int *count, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc bộ đếm giới hạn tần suất";
	int64_t v = 0;
	int rc = SQ_EXEC(q, rprep(q, R_GET, op, err), op, &v, err, SQ_ARG_TEXT(key),
		SQ_ARG(SQK_I64, now));

	*count = (int)v;
	return rc;
}

int sq_rate_give(struct store *st, const char *key, int64_t now, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "trả lại một lượt cho giới hạn tần suất";
	sqlite3_stmt *s;

	if ((s = rprep(q, R_GIVE, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, now) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

int sq_rate_clear(struct store *st, const char *key, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa bộ đếm giới hạn tần suất";

	return SQ_EXEC(q, rprep(q, R_CLEAR, op, err), op, NULL, err, SQ_ARG_TEXT(key));
}

int sq_rate_purge(struct store *st, int64_t now, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa các bộ đếm giới hạn tần suất đã hết hạn";

	return SQ_EXEC(q, rprep(q, R_PURGE, op, err), op, NULL, err, SQ_ARG(SQK_I64, now));
}
