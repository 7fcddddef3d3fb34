/* store_sqlite_srv.c — the SQLite backend's part for the server (store.h,
 * "the server's records"; accounts are store_q_accounts.c's): held responses, one-time
 * survey links, paper ballot batches, the audit log's reading, and migration 2
 * that makes their tables. Statements are cached per connection in q->srv like
 * store_sqlite.c's own, finalized by sq_srv_close.
 *
 * What each operation does (every backend must behave the same; the
 * conformance suite tests/unit/store/test_store_srv.c checks it):
 *  - response_list_status: responses with that status of unit_id (0 = every
 *    unit), newest first (by id, descending), at most limit (limit <= 0: all).
 *    response_get: by id, HL_ENOTFOUND when absent; response_get_ext: by
 *    (unit_id, ext_id) the same way. response_set_status:
 *    HL_EINVAL for a status not in enum store_resp_status, HL_ENOTFOUND when
 *    no such response. response_count_kiosk_since: responses with that
 *    kiosk_id and received_at >= t, at most limit of them (limit <= 0: 0).
 *  - receipt_put: inserts; HL_EEXIST when the token hash exists; empty dossier:
 *    HL_EINVAL; used_at and response_id 0 are stored as NULL. receipt_get:
 *    HL_ENOTFOUND when absent. receipt_use: sets used_at = now and response_id
 *    (0 = NULL) only if it was neither used nor replaced: HL_ECONFLICT if
 *    it was, HL_ENOTFOUND if absent, HL_EINVAL for now <= 0. receipt_replace:
 *    when a link of (unit_id, dossier) was used, *used_at = the latest
 *    used_at and nothing changes; else every link of (unit_id, dossier)
 *    neither used nor replaced gets replaced_at = now, *replaced = how many.
 *  - paper_batch_put: id 0 inserts and sets b->id; otherwise updates every
 *    column of that batch (HL_ENOTFOUND if none). opened_on HL_DAY_NONE or
 *    counted < 0: HL_EINVAL. created_by and closed_at 0 are stored as NULL.
 *    paper_batch_get: HL_ENOTFOUND when absent. paper_batch_list: the batches
 *    of unit_id (0 = every unit), newest first (by id, descending).
 *  - paper_entry_put: insert, or update the entry with the same (batch_id,
 *    pass, seq). pass not 1 or 2, seq < 1 or nanswers outside
 *    0..STORE_ANSWERS_MAX: HL_EINVAL. field_id, staff_id, entered_by 0 and
 *    comment "" are stored as NULL; spoiled as 0 or 1. paper_entry_delete: HL_OK even when
 *    absent. paper_entry_list: the entries of the batch and pass (0 = both),
 *    by pass then seq.
 *  - audit_list: the newest limit entries (limit <= 0: all), newest first, as
 *    "at\twho\taction\tdetail", tabs and line breaks inside a field made spaces.
 *  Lists come back in the caller's arena (NULL and 0 when empty); running out
 *  of it is HL_ENOMEM. Every SQLite failure is HL_EIO with SQLite's own message
 *  and the operation that failed. */
#include "store/store_sqlite_priv.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"

/* Migration 2 (store_sqlite.c's list points here): the server's tables.
 * Append only once shipped, as every migration. */
const char sq_srv_schema[] =
	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" role INTEGER NOT NULL,"
	" unit_id INTEGER REFERENCES units(id),"
	" pwhash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE sessions ("
	" token_hash BLOB PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" csrf TEXT NOT NULL,"
	" expires_at INTEGER NOT NULL);"
	"CREATE TABLE kiosks ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" token_hash BLOB NOT NULL UNIQUE,"
	" revoked INTEGER NOT NULL DEFAULT 0);"
	"ALTER TABLE responses ADD COLUMN status INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE responses ADD COLUMN kiosk_id INTEGER REFERENCES kiosks(id);"
	"ALTER TABLE responses ADD COLUMN received_at INTEGER;"
	"CREATE INDEX responses_held ON responses (status) WHERE status <> 0;"
	"CREATE INDEX responses_kiosk ON responses (kiosk_id, received_at) WHERE kiosk_id IS NOT NULL;"
	"CREATE TABLE receipts ("
	" token_hash BLOB PRIMARY KEY,"
	" dossier TEXT NOT NULL,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" created_at INTEGER NOT NULL,"
	" used_at INTEGER,"
	" response_id INTEGER REFERENCES responses(id));"
	"CREATE TABLE paper_batches ("
	" id INTEGER PRIMARY KEY,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" opened_on INTEGER NOT NULL,"
	" opened_by TEXT NOT NULL,"
	" witness TEXT NOT NULL,"
	" counted INTEGER NOT NULL,"
	" double_entry INTEGER NOT NULL,"
	" instrument_id INTEGER NOT NULL REFERENCES instruments(id),"
	" closed INTEGER NOT NULL DEFAULT 0,"
	" created_by INTEGER REFERENCES users(id),"
	" closed_at INTEGER);"
	"CREATE TABLE paper_entries ("
	" batch_id INTEGER NOT NULL REFERENCES paper_batches(id),"
	" pass INTEGER NOT NULL,"
	" seq INTEGER NOT NULL,"
	" field_id INTEGER REFERENCES fields(id),"
	" staff_id INTEGER REFERENCES staff(id),"
	" answers BLOB NOT NULL,"
	" comment TEXT,"
	" entered_by INTEGER REFERENCES users(id),"
	" PRIMARY KEY (batch_id, pass, seq));";

/* A later migration (store_sqlite.c's list points here): a survey link
 * replaced by a newer one for its dossier (issue 12), and the dossier's
 * links found fast. */
const char sq_receipt_replace_schema[] =
	"ALTER TABLE receipts ADD COLUMN replaced_at INTEGER;"
	"CREATE INDEX receipts_dossier ON receipts (unit_id, dossier);";

#define RECEIPT_COLS "token_hash, dossier, unit_id, created_at, used_at, response_id, replaced_at"
#define PBATCH_COLS \
	"id, unit_id, opened_on, opened_by, witness, counted, double_entry," \
	" instrument_id, closed, created_by, closed_at"
#define PBATCH_SET \
	"unit_id = ?1, opened_on = ?2, opened_by = ?3, witness = ?4," \
	" counted = ?5, double_entry = ?6, instrument_id = ?7, closed = ?8," \
	" created_by = ?9, closed_at = ?10"
/* doc_public last: vetted, and no quoted comment whose approval was withdrawn */
#define REPORT_COLS \
	"id, unit_id, period, version, format, published_by, published_at, due," \
	" vetted AND NOT EXISTS (SELECT 1 FROM report_quotes q WHERE q.report_id =" \
	" published_reports.id AND q.response_id NOT IN (SELECT response_id FROM comment_approvals))"
#define PENTRY_COLS \
	"batch_id, pass, seq, field_id, staff_id, answers, comment, entered_by," \
	" spoiled"

static const char *const srv_sql[S_COUNT] = {
	/* "status <> 0" spelled out so that the partial index responses_held serves it */
	[S_RESP_LIST_HELD] = "SELECT " RESP_COLS " FROM responses"
			     " WHERE status = ?1 AND status <> 0 AND (?2 = 0 OR unit_id = ?2)"
			     " ORDER BY id DESC LIMIT ?3",
	[S_RESP_LIST_ANY] =
		"SELECT " RESP_COLS " FROM responses"
		" WHERE status = ?1 AND (?2 = 0 OR unit_id = ?2) ORDER BY id DESC LIMIT ?3",
	[S_RESP_GET] = "SELECT " RESP_COLS " FROM responses WHERE id = ?1",
	[S_RESP_GET_EXT] = "SELECT " RESP_COLS " FROM responses WHERE unit_id = ?1 AND ext_id = ?2",
	[S_RESP_SET_STATUS] = "UPDATE responses SET status = ?2 WHERE id = ?1",
	/* LIMIT: the index responses_kiosk is read for at most limit rows */
	[S_RESP_COUNT_KIOSK] = "SELECT count(*) FROM (SELECT 1 FROM responses"
			       " WHERE kiosk_id = ?1 AND received_at >= ?2 LIMIT ?3)",
	[S_RECEIPT_PUT] = "INSERT INTO receipts (" RECEIPT_COLS ")"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (token_hash) DO NOTHING",
	[S_RECEIPT_GET] = "SELECT " RECEIPT_COLS " FROM receipts WHERE token_hash = ?1",
	[S_RECEIPT_USE] = "UPDATE receipts SET used_at = ?2, response_id = ?3"
			  " WHERE token_hash = ?1 AND used_at IS NULL AND replaced_at IS NULL",
	[S_RECEIPT_USED_AT] =
		"SELECT max(used_at) FROM receipts WHERE unit_id = ?1 AND dossier = ?2",
	[S_RECEIPT_REPLACE] =
		"UPDATE receipts SET replaced_at = ?3 WHERE unit_id = ?1 AND dossier = ?2"
		" AND used_at IS NULL AND replaced_at IS NULL",
	[S_PBATCH_INSERT] = "INSERT INTO paper_batches (unit_id, opened_on, opened_by, witness,"
			    " counted, double_entry, instrument_id, closed, created_by, closed_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
	[S_PBATCH_UPDATE] = "UPDATE paper_batches SET " PBATCH_SET " WHERE id = ?11",
	[S_PBATCH_GET] = "SELECT " PBATCH_COLS " FROM paper_batches WHERE id = ?1",
	[S_PBATCH_LIST_UNIT] = "SELECT " PBATCH_COLS " FROM paper_batches WHERE unit_id = ?1"
			       " ORDER BY id DESC",
	[S_PBATCH_LIST_ALL] = "SELECT " PBATCH_COLS " FROM paper_batches ORDER BY id DESC",
	[S_PENTRY_PUT] =
		"INSERT INTO paper_entries (" PENTRY_COLS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (batch_id, pass, seq)"
		" DO UPDATE SET field_id = excluded.field_id, staff_id = excluded.staff_id,"
		" answers = excluded.answers, comment = excluded.comment,"
		" entered_by = excluded.entered_by, spoiled = excluded.spoiled",
	[S_PENTRY_DELETE] = "DELETE FROM paper_entries WHERE batch_id = ?1 AND pass = ?2"
			    " AND seq = ?3",
	[S_PENTRY_LIST] = "SELECT " PENTRY_COLS " FROM paper_entries"
			  " WHERE batch_id = ?1 AND (?2 = 0 OR pass = ?2) ORDER BY pass, seq",
	[S_DOSSIER_GET] = "SELECT " SQ_DOSSIER_COLS " FROM dossiers WHERE code = ?1",
	/* published reports (issue 4): the next version in the same statement,
	 * so that two publications never take the same number */
	[S_REPORT_PUT] =
		"INSERT INTO published_reports (unit_id, period, version, format,"
		" published_by, published_at, due, figures, doc, vetted) VALUES (?1, ?2, ?9,"
		" ?3, ?4, ?5, ?6, ?7, ?8, 1) RETURNING id, version",
	[S_REPORT_LIST_UNIT] = "SELECT " REPORT_COLS " FROM published_reports WHERE unit_id = ?1"
			       " ORDER BY published_at DESC, id DESC",
	[S_REPORT_LIST_ALL] = "SELECT " REPORT_COLS " FROM published_reports"
			      " ORDER BY published_at DESC, id DESC",
	[S_REPORT_GET] = "SELECT " REPORT_COLS
			 ", figures, doc FROM published_reports WHERE id = ?1",
	[S_RSCHED_PUT] = "INSERT INTO report_schedules (unit_id, spec) VALUES (?1, ?2)"
			 " ON CONFLICT (unit_id) DO UPDATE SET spec = excluded.spec",
	[S_RSCHED_DELETE] = "DELETE FROM report_schedules WHERE unit_id = ?1",
	[S_RSCHED_LIST] = "SELECT unit_id, spec FROM report_schedules ORDER BY unit_id",
};

/* ---- helpers ---- */

void sq_srv_close(struct sq *q)
{
	for (int i = 0; i < S_COUNT; i++) {
		sqlite3_finalize(q->srv[i]);
		q->srv[i] = NULL;
	}
}

/* The cached server statement id, prepared on first use; NULL with err set. */
static sqlite3_stmt *sprep(struct sq *q, enum srv_stmt_id id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->srv[id], srv_sql[id], op, err);
}

static int bind_hash(sqlite3_stmt *s, int i, const unsigned char *h)
{
	return sqlite3_bind_blob(s, i, h, STORE_HASH_LEN, SQLITE_STATIC);
}

/* Copy the blob column i (at most cap bytes) into dst, zero the rest;
 * returns the bytes copied. */
static int col_answers(sqlite3_stmt *s, int i, unsigned char *dst, size_t cap)
{
	const void *b = sqlite3_column_blob(s, i);
	int len = sqlite3_column_bytes(s, i);

	if (b == NULL || len < 0)
		len = 0;
	if ((size_t)len > cap)
		len = (int)cap;
	if (len > 0)
		memcpy(dst, b, (size_t)len);
	memset(dst + len, 0, cap - (size_t)len);
	return len;
}

/* Step the bound statement s for at most one row, read by fn into out (size
 * bytes, zeroed first); no row: HL_ENOTFOUND with the message missing.
 * Resets s. */
static int get_row(struct sq *q, sqlite3_stmt *s, const char *op, row_fn fn, void *out, size_t size,
	const char *missing, struct hl_err *err)
{
	int rc = HL_OK, step = sqlite3_step(s);

	if (step == SQLITE_ROW) {
		memset(out, 0, size);
		fn(s, out);
	} else if (step == SQLITE_DONE) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "%s", missing);
	} else {
		rc = sq_err(q, err, HL_HERE, op);
	}
	sqlite3_reset(s);
	return rc;
}

/* Run a statement returning no row; *changed = the rows it changed. */
static int step_changes(struct sq *q, sqlite3_stmt *s, const char *op, int *changed,
	struct hl_err *err)
{
	int rc = sq_step_done(q, s, op, err);

	*changed = rc == HL_OK ? sqlite3_changes(q->db) : 0;
	return rc;
}

/* The rows of the server's tables, in their columns' order (USER_COLS, ...);
 * the puts bind the same specs from the second column on. */
static const struct sq_col receipt_cols[] = {
	SQ_HASH(struct store_receipt, token_hash),
	SQ_TEXT(struct store_receipt, dossier),
	SQ_I64(struct store_receipt, unit_id),
	SQ_I64(struct store_receipt, created_at),
	SQ_ID(struct store_receipt, used_at),
	SQ_ID(struct store_receipt, response_id),
	SQ_ID(struct store_receipt, replaced_at),
};
static const struct sq_col pbatch_cols[] = {
	SQ_I64(struct store_paper_batch, id),
	SQ_I64(struct store_paper_batch, unit_id),
	SQ_DAY(struct store_paper_batch, opened_on),
	SQ_TEXT(struct store_paper_batch, opened_by),
	SQ_TEXT(struct store_paper_batch, witness),
	SQ_INT(struct store_paper_batch, counted),
	SQ_BOOL(struct store_paper_batch, double_entry),
	SQ_I64(struct store_paper_batch, instrument_id),
	SQ_BOOL(struct store_paper_batch, closed),
	SQ_ID(struct store_paper_batch, created_by),
	SQ_ID(struct store_paper_batch, closed_at),
};
/* A paper entry's columns before and after its answers (PENTRY_COLS). */
static const struct sq_col pentry_key_cols[] = {
	SQ_I64(struct store_paper_entry, batch_id),
	SQ_INT(struct store_paper_entry, pass),
	SQ_INT(struct store_paper_entry, seq),
	SQ_ID(struct store_paper_entry, field_id),
	SQ_ID(struct store_paper_entry, staff_id),
};
static const struct sq_col pentry_rest_cols[] = {
	SQ_TEXT_NULL(struct store_paper_entry, comment),
	SQ_ID(struct store_paper_entry, entered_by),
	SQ_BOOL(struct store_paper_entry, spoiled),
};

/* ---- dossiers, for the survey link on a receipt ---- */

int sq_dossier_get(struct store *st, const char *code, struct store_dossier *out,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc hồ sơ";
	sqlite3_stmt *s;

	if ((s = sprep(q, S_DOSSIER_GET, op, err)) == NULL)
		return HL_EIO;
	if (bind_str(s, 1, code, STORE_CODE_MAX) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return get_row(q, s, op, sq_read_dossier, out, sizeof(*out), "không có hồ sơ mã này", err);
}

/* ---- responses held for review ---- */

static void read_response_row(sqlite3_stmt *s, void *elem)
{
	sq_read_response(s, elem);
}

static int check_status(int status, struct hl_err *err)
{
	if (status < RS_COUNTED || status > RS_REJECTED)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"trạng thái phiếu khảo sát không hợp lệ: %d", status);
	return HL_OK;
}

int sq_response_list_status(struct store *st, int64_t unit_id, int status, int limit,
	struct hl_arena *a, struct store_response **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê phiếu khảo sát theo trạng thái";
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = sprep(q, status != RS_COUNTED ? S_RESP_LIST_HELD : S_RESP_LIST_ANY, op, err)) ==
		NULL)
		return HL_EIO;
	/* a negative LIMIT is no limit in SQLite */
	if (sqlite3_bind_int(s, 1, status) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, unit_id) != SQLITE_OK ||
		sqlite3_bind_int(s, 3, limit > 0 ? limit : -1) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_list_rows(q, s, op, a, sizeof(**out), read_response_row, out, n, err);
}

int sq_response_get(struct store *st, int64_t id, struct store_response *out, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc phiếu khảo sát";
	char missing[64];
	sqlite3_stmt *s;

	snprintf(missing, sizeof(missing), "không có phiếu khảo sát số %lld", (long long)id);
	if ((s = sprep(q, S_RESP_GET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return get_row(q, s, op, read_response_row, out, sizeof(*out), missing, err);
}

int sq_response_get_ext(struct store *st, int64_t unit_id, const char *ext_id,
	struct store_response *out, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc phiếu khảo sát theo mã";
	sqlite3_stmt *s;

	if ((s = sprep(q, S_RESP_GET_EXT, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		bind_str(s, 2, ext_id, STORE_CODE_MAX) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return get_row(q, s, op, read_response_row, out, sizeof(*out),
		"đơn vị không có phiếu khảo sát mã này", err);
}

int sq_response_set_status(struct store *st, int64_t id, int status, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đổi trạng thái phiếu khảo sát";
	sqlite3_stmt *s;
	int rc = check_status(status, err), changed;

	if (rc != HL_OK)
		return rc;
	if ((s = sprep(q, S_RESP_SET_STATUS, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK ||
		sqlite3_bind_int(s, 2, status) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = step_changes(q, s, op, &changed, err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phiếu khảo sát số %lld",
			(long long)id);
	return rc;
}

int sq_response_count_kiosk_since(struct store *st, int64_t kiosk_id, int64_t t, int64_t limit,
	int64_t *count, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đếm phiếu khảo sát của máy kiosk";
	sqlite3_stmt *s;

	if ((s = sprep(q, S_RESP_COUNT_KIOSK, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, kiosk_id) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, t) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, limit > 0 ? limit : 0) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_id(q, s, op, count, err);
}

/* ---- one-time survey links ---- */

int sq_receipt_put(struct store *st, const struct store_receipt *r, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu đường dẫn khảo sát";
	sqlite3_stmt *s;
	int rc = sq_need_code(r->dossier, "hồ sơ", err), changed;

	if (rc != HL_OK)
		return rc;
	if ((s = sprep(q, S_RECEIPT_PUT, op, err)) == NULL)
		return HL_EIO;
	if (sq_bind_row(s, 1, receipt_cols, SQ_NCOLS(receipt_cols), r) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = step_changes(q, s, op, &changed, err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE,
			"đường dẫn khảo sát cho hồ sơ %s trùng mã với một đường dẫn đã có",
			r->dossier);
	return rc;
}

static void read_receipt(sqlite3_stmt *s, void *elem)
{
	sq_read_row(s, 0, receipt_cols, SQ_NCOLS(receipt_cols), elem);
}

int sq_receipt_get(struct store *st, const unsigned char *token_hash, struct store_receipt *out,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc đường dẫn khảo sát";
	sqlite3_stmt *s;

	if ((s = sprep(q, S_RECEIPT_GET, op, err)) == NULL)
		return HL_EIO;
	if (bind_hash(s, 1, token_hash) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return get_row(q, s, op, read_receipt, out, sizeof(*out), "không có đường dẫn khảo sát này",
		err);
}

int sq_receipt_use(struct store *st, const unsigned char *token_hash, int64_t response_id,
	int64_t now, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đánh dấu đường dẫn khảo sát đã dùng";
	struct store_receipt r;
	sqlite3_stmt *s;
	int rc, changed;

	if (now <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"thời điểm dùng đường dẫn khảo sát không hợp lệ: %lld", (long long)now);
	if ((s = sprep(q, S_RECEIPT_USE, op, err)) == NULL)
		return HL_EIO;
	if (bind_hash(s, 1, token_hash) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, now) != SQLITE_OK ||
		bind_id(s, 3, response_id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = step_changes(q, s, op, &changed, err);
	if (rc != HL_OK || changed > 0)
		return rc;
	/* nothing changed: absent (HL_ENOTFOUND from the read), used or replaced */
	rc = sq_receipt_get(st, token_hash, &r, err);
	if (rc != HL_OK)
		return rc;
	return hl_err_set(err, HL_ECONFLICT, HL_HERE,
		r.used_at != 0 ? "đường dẫn khảo sát này đã được dùng" :
				 "đường dẫn khảo sát này đã được thay bằng "
				 "đường dẫn mới");
}

int sq_receipt_replace(struct store *st, int64_t unit_id, const char *dossier, int64_t now,
	int64_t *used_at, int *replaced, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "thay đường dẫn khảo sát của hồ sơ";
	sqlite3_stmt *s;
	int rc, step;

	*used_at = 0;
	*replaced = 0;
	if ((s = sprep(q, S_RECEIPT_USED_AT, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		sqlite3_bind_text(s, 2, dossier, -1, SQLITE_STATIC) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*used_at = sqlite3_column_int64(s, 0);
	rc = step == SQLITE_ROW ? HL_OK : sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	if (rc != HL_OK || *used_at != 0)
		return rc;
	if ((s = sprep(q, S_RECEIPT_REPLACE, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		sqlite3_bind_text(s, 2, dossier, -1, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, now) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return step_changes(q, s, op, replaced, err);
}

/* ---- paper ballots ---- */

int sq_paper_batch_put(struct store *st, struct store_paper_batch *b, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu lô phiếu giấy";
	sqlite3_stmt *s;
	int rc, changed;

	if (b->opened_on == HL_DAY_NONE)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lô phiếu giấy chưa có ngày mở hòm phiếu");
	if (b->counted < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"số phiếu đếm được khi mở hòm không hợp lệ: %d", b->counted);
	if ((s = sprep(q, b->id == 0 ? S_PBATCH_INSERT : S_PBATCH_UPDATE, op, err)) == NULL)
		return HL_EIO;
	if (sq_bind_row(s, 1, pbatch_cols + 1, SQ_NCOLS(pbatch_cols) - 1, b) != SQLITE_OK ||
		(b->id != 0 && sqlite3_bind_int64(s, 11, b->id) != SQLITE_OK))
		return bind_failed(q, s, HL_HERE, op, err);
	if (b->id == 0)
		return sq_step_id(q, s, op, &b->id, err);
	rc = step_changes(q, s, op, &changed, err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có lô phiếu giấy số %lld",
			(long long)b->id);
	return rc;
}

static void read_paper_batch(sqlite3_stmt *s, void *elem)
{
	sq_read_row(s, 0, pbatch_cols, SQ_NCOLS(pbatch_cols), elem);
}

int sq_paper_batch_get(struct store *st, int64_t id, struct store_paper_batch *out,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc lô phiếu giấy";
	char missing[64];
	sqlite3_stmt *s;

	snprintf(missing, sizeof(missing), "không có lô phiếu giấy số %lld", (long long)id);
	if ((s = sprep(q, S_PBATCH_GET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return get_row(q, s, op, read_paper_batch, out, sizeof(*out), missing, err);
}

int sq_paper_batch_list(struct store *st, int64_t unit_id, struct hl_arena *a,
	struct store_paper_batch **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê lô phiếu giấy";
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = sprep(q, unit_id != 0 ? S_PBATCH_LIST_UNIT : S_PBATCH_LIST_ALL, op, err)) == NULL)
		return HL_EIO;
	if (unit_id != 0 && sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_list_rows(q, s, op, a, sizeof(**out), read_paper_batch, out, n, err);
}

static int check_entry_key(int pass, int seq, struct hl_err *err)
{
	if (pass != 1 && pass != 2)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lượt nhập phiếu giấy phải là 1 hoặc 2, không phải %d", pass);
	if (seq < 1)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"số thứ tự phiếu giấy phải từ 1 trở lên, không phải %d", seq);
	return HL_OK;
}

int sq_paper_entry_put(struct store *st, const struct store_paper_entry *e, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu phiếu giấy đã nhập";
	sqlite3_stmt *s;
	int rc = check_entry_key(e->pass, e->seq, err);

	if (rc != HL_OK)
		return rc;
	if (e->nanswers < 0 || e->nanswers > STORE_ANSWERS_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"phiếu giấy số %d có %d câu trả lời (tối đa %d)", e->seq, e->nanswers,
			STORE_ANSWERS_MAX);
	if ((s = sprep(q, S_PENTRY_PUT, op, err)) == NULL)
		return HL_EIO;
	if (sq_bind_row(s, 1, pentry_key_cols, SQ_NCOLS(pentry_key_cols), e) != SQLITE_OK ||
		sqlite3_bind_blob(s, 6, e->answers, e->nanswers, SQLITE_STATIC) != SQLITE_OK ||
		sq_bind_row(s, 7, pentry_rest_cols, SQ_NCOLS(pentry_rest_cols), e) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

int sq_paper_entry_delete(struct store *st, int64_t batch_id, int pass, int seq, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa phiếu giấy đã nhập";

	return SQ_EXEC(q, sprep(q, S_PENTRY_DELETE, op, err), op, NULL, err,
		SQ_ARG(SQK_I64, batch_id), SQ_ARG(SQK_INT, pass), SQ_ARG(SQK_INT, seq));
}

static void read_paper_entry(sqlite3_stmt *s, void *elem)
{
	struct store_paper_entry *e = elem;

	sq_read_row(s, 0, pentry_key_cols, SQ_NCOLS(pentry_key_cols), e);
	e->nanswers = col_answers(s, 5, e->answers, sizeof(e->answers));
	sq_read_row(s, 6, pentry_rest_cols, SQ_NCOLS(pentry_rest_cols), e);
}

int sq_paper_entry_list(struct store *st, int64_t batch_id, int pass, struct hl_arena *a,
	struct store_paper_entry **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê phiếu giấy đã nhập";
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = sprep(q, S_PENTRY_LIST, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, batch_id) != SQLITE_OK ||
		sqlite3_bind_int(s, 2, pass) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_list_rows(q, s, op, a, sizeof(**out), read_paper_entry, out, n, err);
}

/* ---- the audit log ---- */

/* ---- published reports (issue 4) ----
 *  - report_put: inserts r as version max + 1 of (unit_id, period) (1 for the
 *    first), sets r->id and r->version. Empty period, unit_id 0, empty figures
 *    or published_at <= 0: HL_EINVAL. due HL_DAY_NONE and an empty doc are
 *    stored as NULL.
 *  - report_list: without figures and doc; unit_id 0 = every unit; newest
 *    first (published_at, then id, descending).
 *  - report_get: HL_ENOTFOUND when absent; figures and doc copied into the
 *    arena when asked for (doc NULL, length 0 when none).
 *  - both set doc_public: the report was stored by report_put after the
 *    comments' migration (store_sqlite_cmt.c) and every comment it quotes
 *    (report_quotes_put) is still approved. */

/* Migration 3 (store_sqlite.c's list points here). Append only once shipped. */
const char sq_rpt_schema[] =
	"CREATE TABLE published_reports ("
	" id INTEGER PRIMARY KEY,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" period TEXT NOT NULL,"
	" version INTEGER NOT NULL,"
	" format TEXT NOT NULL,"
	" published_by TEXT NOT NULL,"
	" published_at INTEGER NOT NULL,"
	" due INTEGER,"
	" figures TEXT NOT NULL,"
	" doc BLOB,"
	" UNIQUE (unit_id, period, version));"
	"CREATE INDEX published_reports_unit ON published_reports (unit_id, published_at);";

int sq_report_put(struct store *st, struct store_report *r, const char *figures, const void *doc,
	size_t doc_len, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu báo cáo đã công bố";
	sqlite3_stmt *s = NULL;
	int rc = HL_OK, bound, version = 0;

	if (r->period[0] == '\0' || r->unit_id <= 0 || figures == NULL || figures[0] == '\0' ||
		r->published_at <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"báo cáo công bố thiếu đơn vị, kỳ, số "
			"liệu hoặc thời điểm công bố");
	if (doc_len > (size_t)1 << 30)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "tệp báo cáo quá lớn (%zu byte)",
			doc_len);
	/* the version from the counter of (unit, period), in the caller's
	 * transaction; UNIQUE (unit_id, period, version) backs it */
	if ((rc = sq_op_begin(q, op, err)) != HL_OK)
		return rc;
	rc = q_number_take(st, "report", r->unit_id, r->period, 0, &version, err);
	if (rc == HL_OK && (s = sprep(q, S_REPORT_PUT, op, err)) == NULL)
		rc = HL_EIO;
	if (rc != HL_OK)
		return sq_op_end(q, rc, op, err);
	bound = sqlite3_bind_int64(s, 9, version) == SQLITE_OK &&
		sqlite3_bind_int64(s, 1, r->unit_id) == SQLITE_OK &&
		bind_str(s, 2, r->period, sizeof(r->period)) == SQLITE_OK &&
		bind_str(s, 3, r->format, sizeof(r->format)) == SQLITE_OK &&
		bind_str(s, 4, r->published_by, sizeof(r->published_by)) == SQLITE_OK &&
		sqlite3_bind_int64(s, 5, r->published_at) == SQLITE_OK &&
		bind_day(s, 6, r->due) == SQLITE_OK &&
		sqlite3_bind_text(s, 7, figures, -1, SQLITE_STATIC) == SQLITE_OK &&
		(doc == NULL || doc_len == 0 ? sqlite3_bind_null(s, 8) :
					       sqlite3_bind_blob64(s, 8, doc, doc_len,
						       SQLITE_STATIC)) == SQLITE_OK;
	if (!bound)
		return sq_op_end(q, bind_failed(q, s, HL_HERE, op, err), op, err);
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = sq_err(q, err, HL_HERE, op);
	} else {
		r->id = sqlite3_column_int64(s, 0);
		r->version = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return sq_op_end(q, rc, op, err);
}

static void read_report(sqlite3_stmt *s, void *elem)
{
	struct store_report *r = elem;

	r->id = sqlite3_column_int64(s, 0);
	r->unit_id = sqlite3_column_int64(s, 1);
	sq_col_text(s, 2, r->period, sizeof(r->period));
	r->version = sqlite3_column_int(s, 3);
	sq_col_text(s, 4, r->format, sizeof(r->format));
	sq_col_text(s, 5, r->published_by, sizeof(r->published_by));
	r->published_at = sqlite3_column_int64(s, 6);
	r->due = col_day(s, 7);
	r->doc_public = sqlite3_column_int(s, 8) != 0;
}

int sq_report_list(struct store *st, int64_t unit_id, struct hl_arena *a, struct store_report **out,
	size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê báo cáo đã công bố";
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = sprep(q, unit_id != 0 ? S_REPORT_LIST_UNIT : S_REPORT_LIST_ALL, op, err)) == NULL)
		return HL_EIO;
	if (unit_id != 0 && sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_list_rows(q, s, op, a, sizeof(**out), read_report, out, n, err);
}

int sq_report_get(struct store *st, int64_t id, struct hl_arena *a, struct store_report *out,
	char **figures, void **doc, size_t *doc_len, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc báo cáo đã công bố";
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	if (figures != NULL)
		*figures = NULL;
	if (doc != NULL)
		*doc = NULL;
	if (doc_len != NULL)
		*doc_len = 0;
	if ((s = sprep(q, S_REPORT_GET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có báo cáo đã công bố số %lld",
			(long long)id);
		goto cleanup;
	}
	if (step != SQLITE_ROW) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	memset(out, 0, sizeof(*out));
	read_report(s, out);
	if (figures != NULL) {
		const char *t = (const char *)sqlite3_column_text(s, 9);

		*figures = hl_arena_strndup(a, t != NULL ? t : "",
			(size_t)sqlite3_column_bytes(s, 9));
		if (*figures == NULL) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
			goto cleanup;
		}
	}
	if (doc != NULL && sqlite3_column_type(s, 10) != SQLITE_NULL) {
		const void *b = sqlite3_column_blob(s, 10);
		int len = sqlite3_column_bytes(s, 10);

		if (b != NULL && len > 0) {
			if ((*doc = hl_arena_alloc(a, (size_t)len)) == NULL) {
				rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
					"hết bộ nhớ khi %s (%d byte)", op, len);
				goto cleanup;
			}
			memcpy(*doc, b, (size_t)len);
			if (doc_len != NULL)
				*doc_len = (size_t)len;
		}
	}
cleanup:
	sqlite3_reset(s);
	return rc;
}

/* ---- per-unit reporting schedules (issue 4) ---- */

const char sq_rsched_schema[] = "CREATE TABLE report_schedules ("
				" unit_id INTEGER PRIMARY KEY REFERENCES units(id),"
				" spec TEXT NOT NULL);";

int sq_rschedule_set(struct store *st, int64_t unit_id, const char *spec, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu lịch báo cáo của đơn vị";
	bool del = spec == NULL || spec[0] == '\0';
	const struct sq_arg args[] = {SQ_ARG(SQK_I64, unit_id), SQ_ARG_TEXT(del ? "" : spec)};

	if (!del && strlen(spec) >= sizeof(((struct store_rschedule *)0)->spec))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "lịch báo cáo quá dài (tối đa %zu byte)",
			sizeof(((struct store_rschedule *)0)->spec) - 1);
	/* deleting binds the unit only */
	return sq_exec(q, sprep(q, del ? S_RSCHED_DELETE : S_RSCHED_PUT, op, err), op, args,
		del ? 1 : 2, NULL, err);
}

static void read_rsched(sqlite3_stmt *s, void *elem)
{
	struct store_rschedule *r = elem;

	r->unit_id = sqlite3_column_int64(s, 0);
	sq_col_text(s, 1, r->spec, sizeof(r->spec));
}

int sq_rschedule_list(struct store *st, struct hl_arena *a, struct store_rschedule **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê lịch báo cáo của các đơn vị";

	return sq_list_rows(q, sprep(q, S_RSCHED_LIST, op, err), op, a, sizeof(**out), read_rsched,
		out, n, err);
}
