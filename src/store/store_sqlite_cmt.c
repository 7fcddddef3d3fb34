/* store_sqlite_cmt.c — the SQLite migration of comments approved for
 * publication (issue 10); the operations are store_q_cmt.c's, shared by
 * every backend. */
#include "store/store_sqlite_priv.h"

/* The migration (store_sqlite.c's list points here). Reports published
 * before it may quote any comment: vetted 0 keeps their documents from the
 * public (their figures stay). */
const char sq_cmt_schema[] =
	"CREATE TABLE comment_approvals ("
	" response_id INTEGER PRIMARY KEY REFERENCES responses(id),"
	" approved_by TEXT NOT NULL,"
	" approved_at INTEGER NOT NULL);"
	"CREATE TABLE report_quotes ("
	" report_id INTEGER NOT NULL REFERENCES published_reports(id),"
	" response_id INTEGER NOT NULL REFERENCES responses(id),"
	" PRIMARY KEY (report_id, response_id)) WITHOUT ROWID;"
	"ALTER TABLE published_reports ADD COLUMN vetted INTEGER NOT NULL DEFAULT 0;";
