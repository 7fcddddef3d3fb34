/* store_sqlite_rollup.c — the SQLite backend's part for report rollups
 * (issue 4, store.h "rollups"): one encoded struct hl_rollup (core/rollup.h)
 * per (unit, month), which svc/tallyacc.c keeps next to the tallies so that
 * a report reads a few thousand small rows instead of every response, and
 * the migration that makes their table. Statements are cached in
 * q->area[SQ_ROLLUP].
 *
 * What each operation does (every backend must behave the same):
 *  - rollup_merge: adds the encoded rollup to the stored one of (unit_id,
 *    month), or stores it as given when there is none. A stored or given
 *    encoding that does not decode: HL_EIO naming the unit and month, and
 *    nothing is written.
 *  - rollup_scan: for each unit of units[0..n) in that order, its rows with
 *    month in [first, last] by month; a nonzero return of the callback stops
 *    the scan and is returned as is.
 *  - rollup_clear: deletes every rollup and sets the ready mark.
 *  - rollup_ready: the ready mark. The migration sets it when the database
 *    has no response yet (every later response is rolled up as it is
 *    counted) and clears it otherwise: the rollups of older responses cannot
 *    be computed in SQL, so they are missing until `hailong tallies rebuild`
 *    (which calls rollup_clear, then adds every response).
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <stdbool.h>

#include "base/mem.h"
#include "core/rollup.h"

/* The rollups' migration (store_sqlite.c's list points here). */
const char sq_rollup_schema[] =
	"CREATE TABLE rollups ("
	" unit_id INTEGER NOT NULL,"
	" month INTEGER NOT NULL,"
	" data BLOB NOT NULL,"
	" PRIMARY KEY (unit_id, month)) WITHOUT ROWID;"
	"CREATE TABLE rollup_state (ready INTEGER NOT NULL);"
	"INSERT INTO rollup_state (ready) SELECT NOT EXISTS (SELECT 1 FROM responses);";

enum {
	R_GET, R_PUT, R_SCAN, R_CLEAR, R_SET_READY, R_READY,
	R_COUNT
};

static const char *const rollup_sql[R_COUNT] = {
	[R_GET] = "SELECT data FROM rollups WHERE unit_id = ?1 AND month = ?2",
	[R_PUT] = "INSERT INTO rollups (unit_id, month, data) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (unit_id, month) DO UPDATE SET data = excluded.data",
	[R_SCAN] = "SELECT month, data FROM rollups WHERE unit_id = ?1 AND month BETWEEN ?2 AND ?3"
		" ORDER BY month",
	[R_CLEAR] = "DELETE FROM rollups",
	[R_SET_READY] = "UPDATE rollup_state SET ready = 1",
	[R_READY] = "SELECT ready FROM rollup_state",
};

static sqlite3_stmt *rprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_ROLLUP][id], rollup_sql[id], op, err);
}

static int corrupt(struct hl_err *err, int64_t unit_id, hl_day month, const char *why)
{
	return hl_err_set(err, HL_EIO, HL_HERE, "số liệu báo cáo của đơn vị %lld, tháng bắt đầu "
		"ngày %d không đọc được (%s): chạy hailong tallies rebuild", (long long)unit_id,
		(int)month, why);
}

int sq_rollup_merge(struct store *st, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "cộng dồn số liệu báo cáo";
	struct hl_rollup sum;
	struct hl_err e;
	unsigned char *merged = NULL;
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	hl_rollup_init(&sum);
	if (len == 0 || len > INT32_MAX)
		return corrupt(err, unit_id, month, "độ dài");
	if ((s = rprep(q, R_GET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
	    sqlite3_bind_int(s, 2, month) != SQLITE_OK) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	/* Decoded even when nothing is stored yet, so that nothing bad is. */
	if (hl_rollup_add_encoded(&sum, data, len, &e) != HL_OK) {
		rc = e.code == HL_ENOMEM ? hl_err_set(err, HL_ENOMEM, HL_HERE, "%s", e.msg) :
			corrupt(err, unit_id, month, e.msg);
		goto cleanup;
	}
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		const unsigned char *old = sqlite3_column_blob(s, 0);
		int olen = sqlite3_column_bytes(s, 0);

		if (hl_rollup_add_encoded(&sum, old, olen > 0 ? (size_t)olen : 0, &e) != HL_OK) {
			rc = e.code == HL_ENOMEM ? hl_err_set(err, HL_ENOMEM, HL_HERE, "%s", e.msg) :
				corrupt(err, unit_id, month, e.msg);
			goto cleanup;
		}
		len = hl_rollup_encoded_size(&sum);
		if ((merged = hl_malloc(len)) == NULL) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
			goto cleanup;
		}
		hl_rollup_encode(&sum, merged);
		data = merged;
	} else if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	sqlite3_reset(s);
	if ((s = rprep(q, R_PUT, op, err)) == NULL) {
		rc = HL_EIO;
		goto cleanup;
	}
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
	    sqlite3_bind_int(s, 2, month) != SQLITE_OK ||
	    sqlite3_bind_blob(s, 3, data, (int)len, SQLITE_STATIC) != SQLITE_OK) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	rc = sq_step_done(q, s, op, err);
	s = NULL;
cleanup:
	if (s != NULL)
		sqlite3_reset(s);
	hl_free(merged);
	hl_rollup_clear(&sum);
	return rc;
}

int sq_rollup_scan(struct store *st, const int64_t *units, size_t n, hl_day first, hl_day last,
	store_rollup_cb cb, void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc số liệu báo cáo";
	sqlite3_stmt *s;
	int rc = HL_OK, step = SQLITE_DONE;

	if ((s = rprep(q, R_SCAN, op, err)) == NULL)
		return HL_EIO;
	for (size_t i = 0; i < n && rc == HL_OK; i++) {
		if (sqlite3_bind_int64(s, 1, units[i]) != SQLITE_OK ||
		    sqlite3_bind_int64(s, 2, day_lo(first)) != SQLITE_OK ||
		    sqlite3_bind_int64(s, 3, day_hi(last)) != SQLITE_OK) {
			rc = sq_err(q, err, HL_HERE, op);
			break;
		}
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			const unsigned char *data = sqlite3_column_blob(s, 1);
			int len = sqlite3_column_bytes(s, 1);

			rc = cb(ctx, units[i], col_day(s, 0), data, len > 0 ? (size_t)len : 0);
			if (rc != 0)
				break;
		}
		if (rc == HL_OK && step != SQLITE_DONE)
			rc = sq_err(q, err, HL_HERE, op);
		sqlite3_reset(s);
	}
	return rc;
}

int sq_rollup_clear(struct store *st, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa số liệu báo cáo";
	sqlite3_stmt *s;
	int rc;

	if ((s = rprep(q, R_CLEAR, op, err)) == NULL)
		return HL_EIO;
	rc = sq_step_done(q, s, op, err);
	if (rc == HL_OK && (s = rprep(q, R_SET_READY, op, err)) == NULL)
		return HL_EIO;
	return rc == HL_OK ? sq_step_done(q, s, op, err) : rc;
}

int sq_rollup_ready(struct store *st, bool *ready, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc trạng thái số liệu báo cáo";
	sqlite3_stmt *s;
	int64_t v = 0;
	int rc;

	*ready = false;
	if ((s = rprep(q, R_READY, op, err)) == NULL)
		return HL_EIO;
	rc = sq_step_id(q, s, op, &v, err);
	*ready = rc == HL_OK && v != 0;
	return rc;
}
