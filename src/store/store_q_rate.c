/* store_q_rate.c — rate-limit counters (store.h "rate limits", in the
 * accounts area), written once for every backend (store_q.h): one counter
 * row per key with the time it expires. The rules (which keys, how many,
 * how long) are svc/ratelimit.c's. The conformance suite
 * tests/unit/store/test_store_rate.c checks each backend:
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
 *  - rate_purge: deletes every row with expires_at <= now. */
#include "store/store_q.h"

#include <stdint.h>

/* The update's WHERE refuses a live counter at max: then no row comes back.
 * Right-hand sides read the row as it was. CASTs: PostgreSQL must know the
 * parameters' types to add them. */
static const struct q_stmt take = Q_STMT(QS_RATE + 0,
	"INSERT INTO rate_counters (key, count, expires_at)"
	" VALUES ($1, 1, CAST($2 AS BIGINT) + CAST($3 AS BIGINT))"
	" ON CONFLICT (key) DO UPDATE SET"
	" count = CASE WHEN rate_counters.expires_at <= $2 THEN 1 ELSE rate_counters.count + 1 END,"
	" expires_at = CASE WHEN rate_counters.expires_at <= $2"
	" THEN CAST($2 AS BIGINT) + CAST($3 AS BIGINT) ELSE rate_counters.expires_at END"
	" WHERE rate_counters.expires_at <= $2 OR rate_counters.count < $4 RETURNING count");
static const struct q_stmt get = Q_STMT(QS_RATE + 1,
	"SELECT count FROM rate_counters WHERE key = $1 AND expires_at > $2");
static const struct q_stmt give = Q_STMT(QS_RATE + 2,
	"UPDATE rate_counters SET count = count - 1 WHERE key = $1 AND expires_at > $2 AND count > 0");
static const struct q_stmt clear = Q_STMT(QS_RATE + 3, "DELETE FROM rate_counters WHERE key = $1");
static const struct q_stmt purge = Q_STMT(QS_RATE + 4,
	"DELETE FROM rate_counters WHERE expires_at <= $1");

int q_rate_take(struct store *st, const char *key, int64_t now, int window, int max, bool *taken,
	struct hl_err *err)
{
	struct q_args a = {0};
	int64_t count = 0;
	int rc;

	*taken = false;
	if (key == NULL || key[0] == '\0' || window < 1 || max < 1)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giới hạn tần suất không hợp lệ");
	q_text(&a, key, SIZE_MAX);
	q_i64(&a, now);
	q_i64(&a, window);
	q_i64(&a, max);
	rc = q_int(st, &take, &a, &count, "đếm lượt cho giới hạn tần suất", err);
	if (rc == HL_ENOTFOUND)
		return HL_OK; /* at max: nothing counted */
	*taken = rc == HL_OK;
	return rc;
}

int q_rate_count(struct store *st, const char *key, int64_t now, int *count, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t n = 0;
	int rc;

	q_text(&a, key, SIZE_MAX);
	q_i64(&a, now);
	rc = q_int(st, &get, &a, &n, "đọc bộ đếm giới hạn tần suất", err);
	*count = rc == HL_OK ? (int)n : 0;
	return rc == HL_ENOTFOUND ? HL_OK : rc;
}

int q_rate_give(struct store *st, const char *key, int64_t now, struct hl_err *err)
{
	struct q_args a = {0};

	q_text(&a, key, SIZE_MAX);
	q_i64(&a, now);
	return q_exec(st, &give, &a, NULL, "trả lại một lượt cho giới hạn tần suất", err);
}

int q_rate_clear(struct store *st, const char *key, struct hl_err *err)
{
	struct q_args a = {0};

	q_text(&a, key, SIZE_MAX);
	return q_exec(st, &clear, &a, NULL, "xóa bộ đếm giới hạn tần suất", err);
}

int q_rate_purge(struct store *st, int64_t now, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, now);
	return q_exec(st, &purge, &a, NULL, "xóa các bộ đếm giới hạn tần suất đã hết hạn", err);
}
