/* store_sqlite_imp.c — the SQLite backend's part for imports that commit in
 * chunks (issue 10), so that a long import never holds the write lock for
 * more than a chunk: what an unfinished import wrote, and how to undo it.
 *
 * What each operation does (every backend must behave the same):
 *  - import_run_put: records an import about to write its first chunk (kind,
 *    the batch of its responses or 0, the owning process), sets *id.
 *  - import_run_done: forgets the run (the import is whole); its undo notes
 *    are left for import_notes_drop, so this stays short.
 *  - import_run_list: every recorded run, by id.
 *  - response_delete_batch: deletes every response of the batch.
 *  - import_notes_drop: deletes at most 20 000 undo notes of runs no longer
 *    recorded, *dropped = how many. The notes are dossier_undo_note's
 *    (store_q_dos.c).
 *  Every SQLite failure is sq_status's status with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include "base/arena.h"

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

enum { I_RUN_PUT, I_RUN_DONE, I_NOTES_DROP, I_RUN_LIST, I_COUNT };

static const char *const imp_sql[I_COUNT] = {
	[I_RUN_PUT] = "INSERT INTO import_runs (kind, batch_id, owner, started_at)"
		      " VALUES (?1, ?2, ?3, strftime('%s', 'now')) RETURNING id",
	[I_RUN_DONE] = "DELETE FROM import_runs WHERE id = ?1",
	[I_NOTES_DROP] = "DELETE FROM import_undo_dossiers WHERE (run_id, code) IN"
			 " (SELECT run_id, code FROM import_undo_dossiers"
			 " WHERE run_id NOT IN (SELECT id FROM import_runs) LIMIT 20000)",
	[I_RUN_LIST] = "SELECT id, kind, coalesce(batch_id, 0), owner, started_at"
		       " FROM import_runs ORDER BY id",
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

int sq_import_run_put(struct store *st, const char *kind, int64_t batch_id, int64_t owner,
	int64_t *id, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "ghi lần nhập đang chạy";
	sqlite3_stmt *s = iprep(q, I_RUN_PUT, op, err);

	if (s == NULL)
		return HL_EIO;
	if (sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC) != SQLITE_OK ||
		bind_id(s, 2, batch_id) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, owner) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_id(q, s, op, id, err);
}

int sq_import_run_done(struct store *st, int64_t id, struct hl_err *err)
{
	return run_id(st->priv, I_RUN_DONE, id, "xóa lần nhập đã xong", err);
}

int sq_import_notes_drop(struct store *st, int64_t *dropped, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa ghi chú hoàn tác đã dùng xong";
	sqlite3_stmt *s = iprep(q, I_NOTES_DROP, op, err);
	int rc;

	*dropped = 0;
	if (s == NULL)
		return HL_EIO;
	rc = sq_step_done(q, s, op, err);
	if (rc == HL_OK)
		*dropped = sqlite3_changes64(q->db);
	return rc;
}

static const struct sq_col run_cols[] = {
	SQ_I64(struct store_import_run, id),
	SQ_TEXT(struct store_import_run, kind),
	SQ_I64(struct store_import_run, batch_id),
	SQ_I64(struct store_import_run, owner),
	SQ_I64(struct store_import_run, started_at),
};

int sq_import_run_list(struct store *st, struct hl_arena *a, struct store_import_run **out,
	size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc các lần nhập chưa xong";

	return SQ_LIST(q, iprep(q, I_RUN_LIST, op, err), op, a, run_cols, out, n, err);
}
