/* store_sqlite.c — the SQLite backend of store.h: one database file in WAL
 * mode, versioned migrations, and prepared statements cached per connection
 * so the import's hot path (response_insert) neither re-parses
 * SQL nor allocates.
 *
 * What each operation does (every backend must behave the same; the
 * conformance suite tests/unit/store/test_store.c checks it):
 *  - migrate: applies, in order and inside one transaction, the migrations not
 *    yet recorded in schema_version; running it again changes nothing. *version
 *    = the schema version after. A database newer than this program: HL_EINVAL.
 *  - tx: STORE_TX_BEGIN = BEGIN IMMEDIATE (take the write lock now, so a
 *    transaction never fails half-way on a busy upgrade), COMMIT, ROLLBACK,
 *    SAVEPOINT = SAVEPOINT w, RELEASE = RELEASE w, ROLLBACK_TO = ROLLBACK TO
 *    w then RELEASE w (so the savepoint is gone either way; the transaction
 *    goes on). The last three outside a transaction (none was begun, or
 *    SQLite rolled it back after an error) are HL_EIO.
 *  - unit_put, field_put, staff_put: insert, or update every column
 *    of the row with the same code; the struct's id is set either way. Empty
 *    code: HL_EINVAL. Ids 0 and days HL_DAY_NONE are stored as NULL; they
 *    read back as 0 and HL_DAY_NONE.
 *  - unit_get: HL_ENOTFOUND naming the code if absent. unit_list, field_list,
 *    staff_list: all rows ordered by code.
 *  - lineage_add: records NEW replaced OLD on day; adding the same pair again
 *    updates its day (so re-running a merge command is harmless). lineage_list:
 *    all rows by new_id, old_id.
 *  - instrument_put: inserts (code, version, name, json). If that code and
 *    version exist with the identical definition: HL_OK with its id; with a
 *    different definition: HL_EEXIST. instrument_get: version 0 = the highest
 *    version; HL_ENOTFOUND if none; *json (when json is not NULL) is copied
 *    into the arena. instrument_get_id: the same by row id. instrument_list:
 *    all, by code then version.
 *  - batch_new: inserts a batch with the current UTC time, returns its id.
 *  - response_insert: with a non-empty ext_id already stored for the same
 *    unit, HL_EEXIST and *existing_batch (if not NULL) = that response's
 *    batch_id; otherwise inserts, sets r->id and *existing_batch = 0 (the same
 *    ext_id in another unit is another response). ext_id, dossier and comment
 *    "" are stored as NULL; field_id, staff_id, batch_id, kiosk_id and
 *    received_at 0 as NULL (read back as 0); content_hash only when has_hash
 *    (else NULL, read back as has_hash false). nanswers outside
 *    0..STORE_ANSWERS_MAX or a status not in enum store_resp_status: HL_EINVAL.
 *  - response_scan: responses of unit_id (0 = every unit) with day in
 *    [first, last] (HL_DAY_NONE = open end), ordered by id. A nonzero return of
 *    the callback stops the scan and is returned as is. The callback may not
 *    call the store (store.h: PostgreSQL could not), though SQLite would let it.
 *  - response_scan_ids: responses with id in [min_id, max_id], in id order,
 *    only the columns tallies and rollups need (with status: the caller skips
 *    responses not counted); answers and comment valid during the callback.
 *  - response_count_after: responses of the unit with day >= day.
 *  - tally_merge, tally_scan, tally_clear: in store_sqlite_tally.c.
 *  Targets and reports are store_q_reports.c's, the audit log
 *  store_q_audit.c's, dossiers store_q_dos.c's; migration 2 is in
 *  store_sqlite_srv.c.
 *  Lists come back in the caller's arena (NULL and 0 when empty); running out
 *  of it is HL_ENOMEM. Every SQLite failure is HL_EIO with SQLite's own message
 *  and the operation that failed. */
#include "store/store_sqlite.h"
#include "store/store_sqlite_priv.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/text.h"

#define BUSY_TRIES 5000

/* ---- schema ---- */

/* Migration i takes the schema from version i to i + 1. Append only: never
 * edit a migration that has shipped. Plain SQL types, so PostgreSQL's own list
 * can mirror it. */
static const char *const migrations[] = {
	/* 1: the measurement core */
	"CREATE TABLE units ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" type TEXT NOT NULL,"
	" parent_id INTEGER REFERENCES units(id),"
	" valid_from INTEGER,"
	" valid_to INTEGER);"
	"CREATE TABLE lineage ("
	" new_id INTEGER NOT NULL REFERENCES units(id),"
	" old_id INTEGER NOT NULL REFERENCES units(id),"
	" day INTEGER NOT NULL,"
	" PRIMARY KEY (new_id, old_id));"
	"CREATE TABLE fields ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL);"
	"CREATE TABLE staff ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" unit_id INTEGER REFERENCES units(id),"
	" position TEXT NOT NULL);"
	"CREATE TABLE instruments ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL,"
	" version INTEGER NOT NULL,"
	" name TEXT NOT NULL,"
	" definition TEXT NOT NULL,"
	" UNIQUE (code, version));"
	"CREATE TABLE batches ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" source TEXT NOT NULL,"
	" created_at TEXT NOT NULL);"
	"CREATE TABLE responses ("
	" id INTEGER PRIMARY KEY,"
	" ext_id TEXT UNIQUE,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" day INTEGER NOT NULL,"
	" instrument_id INTEGER NOT NULL REFERENCES instruments(id),"
	" channel INTEGER NOT NULL,"
	" field_id INTEGER REFERENCES fields(id),"
	" staff_id INTEGER REFERENCES staff(id),"
	" dossier TEXT,"
	" comment TEXT,"
	" answers BLOB NOT NULL,"
	" batch_id INTEGER REFERENCES batches(id));"
	/* No index on (unit_id, day): inserting into it at random places made
	 * bulk imports several times slower, and every index query reads tallies. */
	/* field_id 0 = all fields, so no foreign key on it */
	"CREATE TABLE tallies ("
	" grain INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" start INTEGER NOT NULL,"
	" field_id INTEGER NOT NULL,"
	" data BLOB NOT NULL,"
	/* Clustered so that an index query reads one contiguous range: the
	 * all-fields rows (field_id 0) of a grain, by time. */
	" PRIMARY KEY (grain, field_id, start, unit_id)) WITHOUT ROWID;"
	/* unit_id 0 = a target for a type, type '' = for a unit */
	"CREATE TABLE targets ("
	" year INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" type TEXT NOT NULL,"
	" criterion TEXT NOT NULL,"
	" value REAL NOT NULL,"
	" PRIMARY KEY (year, unit_id, type, criterion));"
	"CREATE TABLE dossiers ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" field_id INTEGER REFERENCES fields(id),"
	" procedure TEXT NOT NULL,"
	" channel TEXT NOT NULL,"
	" received_at INTEGER,"
	" due_at INTEGER,"
	" finished_at INTEGER,"
	" returned_at INTEGER,"
	" supplements INTEGER NOT NULL,"
	" reschedules INTEGER NOT NULL,"
	" apology INTEGER NOT NULL);"
	"CREATE INDEX dossiers_unit_received ON dossiers (unit_id, received_at);"
	"CREATE TABLE audit_log ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" who TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" detail TEXT NOT NULL);",
	/* 2: the server (store_sqlite_srv.c) */
	sq_srv_schema,
	/* 3: published reports (store_sqlite_srv.c) */
	sq_rpt_schema,
	/* 4: per-unit reporting schedules (store_sqlite_srv.c) */
	sq_rsched_schema,
	/* 5: the improvement plan (store_sqlite_plan.c) */
	sq_plan_schema,
	/* 6: report rollups (store_sqlite_rollup.c) */
	sq_rollup_schema,
	/* 7: the working calendar (store_sqlite_cal.c) */
	sq_cal_schema,
	/* 8: dossier timeliness (store_sqlite_dos.c) */
	sq_dos_schema,
	/* 9: feedback (store_sqlite_fb.c) */
	sq_fb_schema,
	/* 10: response ids unique within their unit, not across units, and the
	 * hash of each response's content, so that a resend with the same id
	 * can be told from other answers under that id (svc/intake.c). SQLite
	 * cannot drop the old column's UNIQUE constraint without rebuilding the
	 * table (which would drop whatever other migrations add to it), so the
	 * old column stays, renamed and emptied, and the id moves to a new one. */
	"ALTER TABLE responses RENAME COLUMN ext_id TO ext_id_global;"
	"ALTER TABLE responses ADD COLUMN ext_id TEXT;"
	"UPDATE responses SET ext_id = ext_id_global, ext_id_global = NULL"
	" WHERE ext_id_global IS NOT NULL;"
	"CREATE UNIQUE INDEX responses_unit_ext ON responses (unit_id, ext_id)"
	" WHERE ext_id IS NOT NULL;"
	"ALTER TABLE responses ADD COLUMN content_hash BLOB;",
	/* 11: feedback idempotency keys (store_sqlite_fb.c) */
	sq_fb_idem_schema,
	/* 12: comments approved for publication, reports' quotes (store_sqlite_cmt.c) */
	sq_cmt_schema,
	/* 13: rate-limit counters (store_sqlite_rate.c) */
	sq_rate_schema,
	/* 14: imports that commit in chunks (store_sqlite_imp.c) */
	sq_imp_schema,
	/* 15: a dossier's survey link replaced by a newer one (store_sqlite_srv.c) */
	sq_receipt_replace_schema,
	/* 16: spoiled paper ballots (phiếu không hợp lệ), typed and counted apart */
	"ALTER TABLE paper_entries ADD COLUMN spoiled INTEGER NOT NULL DEFAULT 0;",
	/* 17: tallies as additive counters, one row per criterion (store_sqlite_tally.c) */
	sq_tally_schema,
	/* 18: report rollups as additive counters (store_sqlite_rollup.c) */
	sq_rollup_rows_schema,
	/* 19: numbering by counters: report versions, answer letters (store_sqlite_num.c) */
	sq_num_schema,
	/* 20: a version per feedback item and plan task, for their compare-and-set
	 * updates (store_sqlite_fb.c, store_sqlite_plan.c) */
	"ALTER TABLE fb_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE plan_tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",
	/* 21: the dossier class computed by svc, stored; the sums' triggers add it
	 * up instead of computing it (store_sqlite_dos.c) */
	sq_dos_class_schema,
	/* 22: the dossier sums kept by the store code, not triggers (store_sqlite_dos.c) */
	sq_dos_sums_schema,
	/* 23: follow-up cases and each unit's deadline for them (store_q_follow.c) */
	"CREATE TABLE followups (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" response_id INTEGER NOT NULL UNIQUE REFERENCES responses(id) ON DELETE CASCADE,"
	" day INTEGER NOT NULL, channel INTEGER NOT NULL, dossier TEXT,"
	" staff_id INTEGER REFERENCES staff(id), criteria TEXT NOT NULL,"
	" complaint INTEGER NOT NULL, opened_at INTEGER NOT NULL, due_at INTEGER NOT NULL,"
	" state INTEGER NOT NULL, cause TEXT, fix TEXT, callback INTEGER NOT NULL,"
	" closed_at INTEGER, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX followups_unit ON followups (unit_id, opened_at);"
	"CREATE TABLE followup_days (unit_id INTEGER PRIMARY KEY REFERENCES units(id),"
	" days INTEGER NOT NULL);",
	/* 24: a closed case's fix shown on the public page (store_q_follow.c) */
	"ALTER TABLE followups ADD COLUMN published_at INTEGER;",
	/* 25: where citizens reach a unit: hotline, address, e-mail (store_q_units.c) */
	"CREATE TABLE unit_contacts (unit_id INTEGER PRIMARY KEY REFERENCES units(id),"
	" hotline TEXT NOT NULL, address TEXT NOT NULL, email TEXT NOT NULL);",
	/* 26: the points table of Decision 766's scorecard, in the database rather
	 * than a file beside it (store_q_reports.c) */
	"CREATE TABLE score766_points (id INTEGER PRIMARY KEY CHECK (id = 1), csv TEXT NOT NULL);",
	/* 27: this database's own name for `copy --merge`, and the ids an office's
	 * rows were given here by its copies (store_copy.c) */
	"CREATE TABLE copy_identity (id INTEGER PRIMARY KEY CHECK (id = 1), origin TEXT NOT NULL);"
	"INSERT INTO copy_identity VALUES (1, lower(hex(randomblob(16))));"
	"CREATE TABLE copy_ranges (origin TEXT NOT NULL, tbl TEXT NOT NULL, lo INTEGER NOT NULL,"
	" hi INTEGER NOT NULL, delta INTEGER NOT NULL, matched INTEGER NOT NULL,"
	" PRIMARY KEY (origin, tbl, lo, hi, matched));",
	/* 28: yearly tallies over all fields (store.h GRAIN_YEAR), from the
	 * monthly ones; criteria in the order the months first stored them */
	"INSERT INTO tally_cells (grain, unit_id, start, field_id, crit, n, s, v, ss, vv, sv)"
	" SELECT 3, unit_id, y, 0, crit, sum(n), sum(s), sum(v), sum(ss), sum(vv), sum(sv)"
	" FROM (SELECT *, CAST(julianday(date(start * 86400, 'unixepoch', 'start of year'))"
	" - 2440587.5 AS INTEGER) AS y FROM tally_cells WHERE grain = 2 AND field_id = 0)"
	" GROUP BY unit_id, y, crit ORDER BY unit_id, y, min(id);",
	/* 29: the report rollups' year keys from their months (store_q.h) */
	ROLLUP_YEARS_SQL("CAST(strftime('%Y', month * 86400, 'unixepoch') AS INTEGER)"),
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* ---- cached statements ---- */

static const char *const stmt_sql[Q_COUNT] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_SAVEPOINT] = "SAVEPOINT w",
	[Q_RELEASE] = "RELEASE w",
	[Q_ROLLBACK_TO] = "ROLLBACK TO w",
	[Q_OP_SAVE] = "SAVEPOINT op",
	[Q_OP_RELEASE] = "RELEASE op",
	[Q_OP_UNDO] = "ROLLBACK TO op",
};

/* ---- helpers ---- */

sqlite3_stmt *sq_prepare(struct sq *q, sqlite3_stmt **slot, const char *sql, const char *op,
	struct hl_err *err)
{
	if (q->scanning > 0) {
		hl_err_set(err, HL_EIO, HL_HERE,
			"lỗi lập trình: %s trong khi đang đọc các dòng của một "
			"lượt quét (scan) — hàm nhận dòng không được gọi kho dữ liệu: hãy gom các dòng rồi "
			"mới gọi (docs/internals/store.md)",
			op);
		return NULL;
	}
	if (*slot == NULL &&
		sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) !=
			SQLITE_OK) {
		sq_err(q, err, HL_HERE, op);
		return NULL;
	}
	return *slot;
}

/* The cached statement id, prepared on first use; NULL with err set. */
static sqlite3_stmt *prep(struct sq *q, enum stmt_id id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->stmt[id], stmt_sql[id], op, err);
}

int sq_op_begin(struct sq *q, const char *op, struct hl_err *err)
{
	sqlite3_stmt *s = prep(q, Q_OP_SAVE, op, err);

	return s == NULL ? HL_EIO : sq_step_done(q, s, op, err);
}

int sq_op_end(struct sq *q, int rc, const char *op, struct hl_err *err)
{
	sqlite3_stmt *s;

	if (rc != HL_OK && (s = prep(q, Q_OP_UNDO, op, NULL)) != NULL)
		sq_step_done(q, s, op, NULL); /* the first error is the one to report */
	if ((s = prep(q, Q_OP_RELEASE, op, rc == HL_OK ? err : NULL)) == NULL)
		return rc == HL_OK ? HL_EIO : rc;
	if (rc != HL_OK) {
		sq_step_done(q, s, op, NULL);
		return rc;
	}
	return sq_step_done(q, s, op, err);
}

/* Run a statement that returns no row; resets s. */
int sq_step_done(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_err *err)
{
	int rc = HL_OK;

	if (sqlite3_step(s) != SQLITE_DONE)
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	return rc;
}

int sq_status(int rc)
{
	/* a read transaction's snapshot went stale before it could write: the
	 * whole transaction must run again */
	if (rc == SQLITE_BUSY_SNAPSHOT)
		return HL_ERETRY;
	/* a key that is there already: what PostgreSQL's 23505 gives too */
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return HL_EEXIST;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return HL_EBUSY;
	case SQLITE_NOMEM: return HL_ENOMEM;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return HL_ECORRUPT;
	default: return HL_EIO;
	}
}

/* sqlite3_exec for the few uncached statements (open, migrate). */
static int exec_sql(struct sq *q, const char *sql, const char *op, struct hl_err *err)
{
	char *msg = NULL;
	int rc = HL_OK, src;

	if ((src = sqlite3_exec(q->db, sql, NULL, NULL, &msg)) != SQLITE_OK) {
		rc = hl_err_set(err, sq_status(src), HL_HERE, "lỗi SQLite khi %s (%s): %s", op,
			q->path, msg != NULL ? msg : sqlite3_errmsg(q->db));
	}
	sqlite3_free(msg);
	return rc;
}

/* ---- open, close, migrate, transactions ---- */

/* The directory part of path must exist: SQLite's own message for that case
 * ("unable to open database file") does not say why. */
static int check_dir(const char *path, struct hl_err *err)
{
	const char *slash = strrchr(path, '/');
	char dir[1024];
	struct stat sb;
	size_t len;

	if (slash == NULL || slash == path)
		return HL_OK;
	len = (size_t)(slash - path);
	if (len >= sizeof(dir))
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"đường dẫn cơ sở dữ liệu quá dài (%zu byte)", strlen(path));
	memcpy(dir, path, len);
	dir[len] = '\0';
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return hl_err_set(err, HL_EIO, HL_HERE,
			"không mở được cơ sở dữ liệu %s: thư mục %s không tồn tại", path, dir);
	return HL_OK;
}

static void sq_close(struct store *st)
{
	struct sq *q = st->priv;

	if (q == NULL)
		return;
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(q->stmt[i]);
	for (int i = 0; i < Q_SLOTS; i++)
		sqlite3_finalize(q->qs[i]);
	sqlite3_close_v2(q->db);
	hl_free(q);
	st->priv = NULL;
}

/* store_q.h's op_begin and op_end are sq_op_begin and sq_op_end. */
static int q_op_save(struct store *st, const char *op, struct hl_err *err)
{
	return sq_op_begin(st->priv, op, err);
}

static int q_op_done(struct store *st, int rc, const char *op, struct hl_err *err)
{
	return sq_op_end(st->priv, rc, op, err);
}

static int sq_script(struct store *st, const char *sql, const char *op, struct hl_err *err);
static const struct q_driver sq_driver = {sq_q_run, q_op_save, q_op_done, sq_script, NULL, NULL,
	NULL, NULL};

static pthread_once_t mem_once = PTHREAD_ONCE_INIT;

/* Another connection holds the write lock: try again every millisecond for
 * BUSY_TRIES tries (about 5 s), then give up with SQLITE_BUSY (HL_EBUSY).
 * SQLite's own busy timeout sleeps up to 100 ms between tries, and would
 * miss the short gaps a chunked import leaves between its transactions. */
static int busy_wait(void *ctx, int tries)
{
	(void)ctx;
	if (tries >= BUSY_TRIES)
		return 0;
	usleep(1000);
	return 1;
}

static int sq_open(struct store *st, const char *path, struct hl_err *err)
{
	struct sq *q = NULL;
	int rc;

	st->priv = NULL;
	if (strlen(path) >= sizeof(q->path))
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"đường dẫn cơ sở dữ liệu quá dài (%zu byte)", strlen(path));
	rc = check_dir(path, err);
	if (rc != HL_OK)
		return rc;
	pthread_once(&mem_once, sq_mem_route);
	q = hl_calloc(1, sizeof(*q));
	if (q == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở cơ sở dữ liệu %s",
			path);
	st->priv = q;
	q->drv = &sq_driver;
	snprintf(q->path, sizeof(q->path), "%s", path);
	/* NOMUTEX: a struct store (its cached statements, its buffer) is used by
	 * one thread at a time anyway, and SQLite's own locking costs ~10 % of
	 * the insert rate. */
	if (sqlite3_open_v2(path, &q->db,
		    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
		    NULL) != SQLITE_OK) {
		rc = q->db == NULL ?
			hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở cơ sở dữ liệu %s",
				path) :
			hl_err_set(err, HL_EIO, HL_HERE, "không mở được cơ sở dữ liệu %s: %s", path,
				sqlite3_errmsg(q->db));
		goto cleanup;
	}
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_handler(q->db, busy_wait, NULL);
	/* the migrations' steps that SQL alone cannot do */
	if (sq_tally_register(q) != SQLITE_OK || sq_rollup_register(q) != SQLITE_OK) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở cơ sở dữ liệu %s",
			path);
		goto cleanup;
	}
	/* WAL with synchronous=FULL: a committed transaction survives power loss;
	 * NORMAL could lose the last commits. cache_size is negative KiB: 32 MB. */
	rc = exec_sql(q,
		"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		" PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;",
		"mở cơ sở dữ liệu", err);
cleanup:
	if (rc != HL_OK)
		sq_close(st);
	return rc;
}

static int sq_script(struct store *st, const char *sql, const char *op, struct hl_err *err)
{
	return exec_sql(st->priv, sql, op, err);
}

static int sq_migrate(struct store *st, int *version, struct hl_err *err)
{
	struct sq *q = st->priv;
	/* Inside a caller's transaction, nest with a savepoint instead. */
	bool own = sqlite3_get_autocommit(q->db) != 0;
	const struct q_migrations m = {migrations, NMIGRATIONS, q->path,
		own ? "BEGIN IMMEDIATE" : "SAVEPOINT hl_migrate",
		own ? "COMMIT" : "RELEASE hl_migrate",
		own ? "ROLLBACK" : "ROLLBACK TO hl_migrate; RELEASE hl_migrate"};

	return q_migrate(st, &m, version, err);
}

static int sq_tx(struct store *st, enum store_tx what, struct hl_err *err)
{
	static const enum stmt_id ids[STORE_TX_COUNT] = {
		[STORE_TX_BEGIN] = Q_BEGIN,
		[STORE_TX_COMMIT] = Q_COMMIT,
		[STORE_TX_ROLLBACK] = Q_ROLLBACK,
		[STORE_TX_SAVEPOINT] = Q_SAVEPOINT,
		[STORE_TX_RELEASE] = Q_RELEASE,
		[STORE_TX_ROLLBACK_TO] = Q_ROLLBACK_TO,
	};
	struct sq *q = st->priv;
	sqlite3_stmt *s;
	int rc;

	if ((int)what < 0 || what >= STORE_TX_COUNT)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thao tác giao dịch không hợp lệ: %d",
			(int)what);
	/* Savepoints only inside a transaction: SQLite would otherwise open one,
	 * and after it rolled a transaction back by itself (out of memory, disk
	 * full) the caller's next writes would each be committed alone. */
	if (what >= STORE_TX_SAVEPOINT && sqlite3_get_autocommit(q->db))
		return hl_err_set(err, HL_EIO, HL_HERE,
			"không %s được: không có giao dịch nào đang mở "
			"(giao dịch đã bị hủy sau một lỗi)",
			q_tx_name(what));
	s = prep(q, ids[what], q_tx_name(what), err);
	if (s == NULL)
		return HL_EIO;
	rc = sq_step_done(q, s, q_tx_name(what), err);
	if (rc != HL_OK || what != STORE_TX_ROLLBACK_TO)
		return rc;
	/* ROLLBACK TO keeps the savepoint open: release it, so it is gone either way */
	if ((s = prep(q, Q_RELEASE, q_tx_name(STORE_TX_RELEASE), err)) == NULL)
		return HL_EIO;
	return sq_step_done(q, s, q_tx_name(STORE_TX_RELEASE), err);
}

static const struct store_admin_ops sq_admin = {
	Q_ADMIN_SHARED,
	.integrity = sq_integrity,
	.backup = sq_backup,
};

const struct store_ops store_sqlite_ops = {Q_BACKEND("sqlite", sq_, q_, &sq_admin)};
