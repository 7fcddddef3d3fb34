/* store_sqlite_srv.c — the SQLite backend's part for the server (store.h,
 * "the server's records"): held responses, published reports and their
 * schedules, and migration 2 that makes the server's tables (accounts,
 * survey links and paper ballots are store_q_accounts.c's and
 * store_q_intake.c's, the audit log store_q_audit.c's). Statements are
 * cached per connection in q->srv like store_sqlite.c's own, finalized by
 * sq_srv_close.
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

static const char *const srv_sql[S_COUNT] = {
	[S_DOSSIER_GET] = "SELECT " SQ_DOSSIER_COLS " FROM dossiers WHERE code = ?1",
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

/* The rows of the server's tables, in their columns' order (USER_COLS, ...);
 * the puts bind the same specs from the second column on. */
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

/* ---- published reports and their schedules (issue 4; store_q_reports.c) ---- */

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

const char sq_rsched_schema[] = "CREATE TABLE report_schedules ("
				" unit_id INTEGER PRIMARY KEY REFERENCES units(id),"
				" spec TEXT NOT NULL);";
