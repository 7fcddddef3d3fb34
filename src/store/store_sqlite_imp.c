/* store_sqlite_imp.c — the SQLite backend's part for imports that commit in
 * chunks (issue 10), so that a long import never holds the write lock for
 * more than a chunk: the journal's migration and the dossiers' undo. The
 * journal's runs are store_q_imp.c's, shared by every backend.
 *
 * What each operation does (every backend must behave the same):
 *  - dossier_undo_note: notes the dossier with that code as it is now (or that
 *    there is none), once per run: the first note of a code wins.
 *  - dossier_undo: puts every noted dossier of the run back as noted (deleting
 *    those that were not there), through the same triggers that keep the
 *    monthly sums; the notes are left for import_notes_drop.
 *  Every SQLite failure is sq_status's status with SQLite's message. */
#include "store/store_sqlite_priv.h"

#define UNDO_COLS \
	"unit_id, field_id, procedure, channel, received_at, due_at, finished_at," \
	" returned_at, supplements, reschedules, apology, submitted_at, class"

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

enum { I_UNDO_NOTE, I_UNDO_RESTORE, I_UNDO_DELETE, I_COUNT };

static const char *const imp_sql[I_COUNT] = {
	[I_UNDO_NOTE] =
		"INSERT INTO import_undo_dossiers (run_id, code, existed, " UNDO_COLS ")"
		" SELECT ?1, c.code, d.id IS NOT NULL, d.unit_id, d.field_id, d.procedure, d.channel,"
		" d.received_at, d.due_at, d.finished_at, d.returned_at, d.supplements,"
		" d.reschedules, d.apology, d.submitted_at, d.class"
		" FROM (SELECT ?2 AS code) c LEFT JOIN dossiers d ON d.code = c.code"
		" WHERE true ON CONFLICT (run_id, code) DO NOTHING",
	[I_UNDO_RESTORE] =
		"UPDATE dossiers SET (" UNDO_COLS ") = (SELECT " UNDO_COLS
		" FROM import_undo_dossiers u WHERE u.run_id = ?1 AND u.code = dossiers.code)"
		" WHERE code IN (SELECT code FROM import_undo_dossiers WHERE run_id = ?1 AND existed)",
	[I_UNDO_DELETE] =
		"DELETE FROM dossiers WHERE code IN"
		" (SELECT code FROM import_undo_dossiers WHERE run_id = ?1 AND NOT existed)",
};

static sqlite3_stmt *iprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_IMP][id], imp_sql[id], op, err);
}

/* Run statement id with ?1 = v. */
static int run_id(struct sq *q, int id, int64_t v, const char *op, struct hl_err *err)
{
	sqlite3_stmt *s = iprep(q, id, op, err);

	if (s == NULL)
		return err != NULL && err->code != HL_OK ? err->code : HL_EIO;
	if (sqlite3_bind_int64(s, 1, v) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

int sq_dossier_undo_note(struct store *st, int64_t run_id_, const char *code, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "ghi hồ sơ để hoàn tác";

	return SQ_EXEC(q, iprep(q, I_UNDO_NOTE, op, err), op, NULL, err, SQ_ARG(SQK_I64, run_id_),
		SQ_ARG_TEXTN(code, STORE_CODE_MAX));
}

int sq_dossier_undo(struct store *st, int64_t run, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "hoàn tác hồ sơ của lần nhập dở";
	int rc = run_id(q, I_UNDO_RESTORE, run, op, err);

	if (rc == HL_OK)
		rc = run_id(q, I_UNDO_DELETE, run, op, err);
	return rc;
}
