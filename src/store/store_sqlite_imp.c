/* store_sqlite_imp.c — the SQLite migration of the journal of imports that
 * commit in chunks (issue 10), so that a long import never holds the write
 * lock for more than a chunk. The journal's operations are store_q_imp.c's
 * and the dossiers' undo notes store_q_dos.c's, shared by every backend. */
#include "store/store_sqlite_priv.h"

/* The migration (store_sqlite.c's list points here). */
const char sq_imp_schema[] =
	"CREATE TABLE import_runs ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" batch_id INTEGER,"
	" owner INTEGER NOT NULL,"
	" started_at INTEGER NOT NULL);"
	"CREATE TABLE import_undo_dossiers ("
	" run_id INTEGER NOT NULL,"
	" code TEXT NOT NULL,"
	" existed INTEGER NOT NULL,"
	" unit_id INTEGER, field_id INTEGER, procedure TEXT, channel TEXT,"
	" received_at INTEGER, due_at INTEGER, finished_at INTEGER, returned_at INTEGER,"
	" supplements INTEGER, reschedules INTEGER, apology INTEGER, submitted_at INTEGER,"
	" PRIMARY KEY (run_id, code)) WITHOUT ROWID;"
	/* for deleting a failed import's responses without reading the whole table */
	"CREATE INDEX responses_batch ON responses (batch_id) WHERE batch_id IS NOT NULL;";
