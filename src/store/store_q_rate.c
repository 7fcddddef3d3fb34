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

#include "store/sql/rate.h" /* its statements: sql/rate.sql */

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
