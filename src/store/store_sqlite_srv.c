/* store_sqlite_srv.c — the SQLite migrations of the server (store.h, "the
 * server's records"): migration 2 that makes the server's tables, published
 * reports and their schedules, and a dossier's survey link replaced by a
 * newer one. Their operations are shared by every backend: accounts,
 * survey links and paper ballots are store_q_accounts.c's and
 * store_q_intake.c's, held responses store_q_responses.c's, reports
 * store_q_reports.c's, the dossier a receipt names store_q_dos.c's. */
#include "store/store_sqlite_priv.h"
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
