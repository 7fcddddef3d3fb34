/* store_sqlite_dos.c — the SQLite backend's part for dossier timeliness
 * (issue 6, store.h "dossier timeliness"): the submitted_at column, the
 * sums of finished dossiers by class that make `dossiers stats` read
 * thousands of rows instead of millions, and the indexes that find the
 * dossiers still open. Statements are cached in q->area[SQ_DOS].
 *
 * A finished dossier's class does not depend on when one asks, so it can be
 * summed once. svc computes it (svc/dossq.c dq_save, core/timeliness.c
 * tl_finished_class) and the store keeps it as a plain column, class; the
 * sums are counters kept by triggers on dossiers that add up that column,
 * so every write (an import, a re-import that changes a dossier, an undo)
 * moves them in the same transaction and they cannot drift. No rule is in
 * SQL (until migration 21 the triggers computed the class themselves, with
 * integer division where the core floors: see sq_dos_class_schema). Months
 * are year * 12 + month - 1 of received_at.
 *
 * What each operation does (every backend must behave the same):
 *  - dossier_save: insert, or update every column of the row with the same
 *    code (as dossier_put), submitted_at too; sets d->id. Both refuse
 *    (HL_EINVAL) a class that is not 1..3 for a dossier received, due and
 *    finished, or one given for any other.
 *  - dossier_sum_scan: the sums of months m0..m1 of unit_id (0 = every
 *    unit): per (unit, month, field, channel), or per (unit, month,
 *    procedure); ordered by month, unit.
 *  - dossier_open_scan: dossiers of unit_id (0 = all) received in [r0, r1]
 *    whose finished_at is none or after at: first the unfinished ones (by
 *    received_at), then those finished after at.
 *  - dossier_scan: dossiers of unit_id (0 = all) received in [r0, r1], by
 *    received_at. dossier_scan_finished: finished in [f0, f1], by finished_at.
 *  Minutes stored as NULL read back as -1. A nonzero return of a callback
 *  stops the scan and is returned as is. Every SQLite failure is HL_EIO. */
#include "store/store_sqlite_priv.h"

/* The month of a row's received_at, and (migrations 8 and 21 only) the class
 * the triggers computed before svc stored it. */
#define MONTH(r) \
	"(CAST(strftime('%Y', " r ".received_at * 60, 'unixepoch') AS INTEGER) * 12" \
	" + CAST(strftime('%m', " r ".received_at * 60, 'unixepoch') AS INTEGER) - 1)"
#define CLASS(r) \
	"(CASE WHEN " r ".finished_at > " r ".due_at THEN 3" \
	" WHEN " r ".finished_at / 1440 < " r ".due_at / 1440 THEN 1 ELSE 2 END)"
#define COUNTED(r) \
	r ".finished_at IS NOT NULL AND " r ".due_at IS NOT NULL" \
	  " AND " r ".received_at IS NOT NULL"

/* Add sign (1 or -1) times row r's class (the SQL expression cls) to both
 * sums: SUM_ADD the class CLASS computes, SUM_CLASS the stored one. */
#define SUM_BY(r, cls, sign) \
	"INSERT INTO dossier_sum (month, unit_id, field_id, channel, early, on_time, late)" \
	" VALUES (" MONTH( \
		r) ", " r ".unit_id, coalesce(" r ".field_id, 0), " r ".channel," \
		   " " sign " * (" cls " = 1), " sign " * (" cls " = 2), " sign " * (" cls \
		   " = 3))" \
		   " ON CONFLICT (month, unit_id, field_id, channel) DO UPDATE SET" \
		   " early = early + excluded.early, on_time = on_time + excluded.on_time," \
		   " late = late + excluded.late;" \
		   "INSERT INTO dossier_sum_proc (month, unit_id, procedure, early, on_time, late)" \
		   " VALUES (" MONTH( \
			   r) ", " r ".unit_id, " r ".procedure," \
			      " " sign " * (" cls " = 1), " sign " * (" cls " = 2), " sign \
			      " * (" cls " = 3))" \
			      " ON CONFLICT (month, unit_id, procedure) DO UPDATE SET" \
			      " early = early + excluded.early, on_time = on_time + excluded.on_time," \
			      " late = late + excluded.late;"
#define SUM_ADD(r, sign) SUM_BY(r, CLASS(r), sign)
#define SUM_CLASS(r, sign) SUM_BY(r, r ".class", sign)

/* The migration (store_sqlite.c's list points here). */
const char sq_dos_schema[] =
	"ALTER TABLE dossiers ADD COLUMN submitted_at INTEGER;"
	"CREATE TABLE dossier_sum ("
	" month INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" field_id INTEGER NOT NULL,"
	" channel TEXT NOT NULL,"
	" early INTEGER NOT NULL,"
	" on_time INTEGER NOT NULL,"
	" late INTEGER NOT NULL,"
	" PRIMARY KEY (month, unit_id, field_id, channel)) WITHOUT ROWID;"
	"CREATE TABLE dossier_sum_proc ("
	" month INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" procedure TEXT NOT NULL,"
	" early INTEGER NOT NULL,"
	" on_time INTEGER NOT NULL,"
	" late INTEGER NOT NULL,"
	" PRIMARY KEY (month, unit_id, procedure)) WITHOUT ROWID;"
	/* The dossiers already there. */
	"INSERT INTO dossier_sum SELECT " MONTH(
		"d") ", d.unit_id, coalesce(d.field_id, 0),"
		     " d.channel, sum(" CLASS("d") " = 1), sum(" CLASS("d") " = 2), sum(" CLASS(
			     "d") " = 3)"
				  " FROM dossiers d WHERE " COUNTED(
					  "d") " GROUP BY 1, 2, 3, 4;"
					       "INSERT INTO dossier_sum_proc SELECT " MONTH(
						       "d") ", d.unit_id, d.procedure,"
							    " sum(" CLASS("d") " = 1), sum(" CLASS("d") " = 2), sum(" CLASS(
								    "d") " = 3)"
									 " FROM dossiers d WHERE " COUNTED(
										 "d") " GROUP BY 1, 2, 3;"
										      "CREATE TRIGGER dossiers_sum_insert AFTER INSERT ON dossiers WHEN " COUNTED(
											      "new") " BEGIN " SUM_ADD("new",
											      "1") " END;"
												   "CREATE TRIGGER dossiers_sum_delete AFTER DELETE ON dossiers WHEN " COUNTED(
													   "old") " BEGIN " SUM_ADD("old",
													   "-1") " END;"
														 "CREATE TRIGGER dossiers_sum_update_old AFTER UPDATE ON dossiers WHEN " COUNTED(
															 "old") " BEGIN " SUM_ADD("old",
															 "-1") " END;"
															       "CREATE TRIGGER dossiers_sum_update_new AFTER UPDATE ON dossiers WHEN " COUNTED(
																       "new") " BEGIN " SUM_ADD("new",
																       "1") " END;"
																	    /* The open dossiers, every column (covering: a stats query or the Friday
	 * list never touches the table for them); they are a few per cent. */
																	    "CREATE INDEX dossiers_open ON dossiers (received_at, unit_id, field_id, channel, due_at,"
																	    " procedure, code, returned_at, supplements, reschedules, apology, submitted_at)"
																	    " WHERE finished_at IS NULL;"
																	    /* received_at too, so the dossiers finished after a moment but received
	 * after the period are passed over inside the index. */
																	    "CREATE INDEX dossiers_finished ON dossiers (finished_at, received_at);";

/* Migration 21: the class as a plain column that svc fills, and the sums'
 * triggers adding it up rather than computing it. The rows already stored
 * keep the class the old triggers summed for them (computed once more here
 * by the same SQL), so the stored sums and the column agree and every
 * figure stays as it was; the old SQL and the core differ only for times
 * before 1970 (SQL's integer division truncates toward zero, the core
 * floors), which no real dossier has. The undo notes of an unfinished
 * import keep the class too. */
const char sq_dos_class_schema[] =
	"ALTER TABLE dossiers ADD COLUMN class INTEGER;"
	"UPDATE dossiers SET class = " CLASS("dossiers") " WHERE " COUNTED(
		"dossiers") ";"
			    "ALTER TABLE import_undo_dossiers ADD COLUMN class INTEGER;"
			    "UPDATE import_undo_dossiers SET class = " CLASS("import_undo_dossiers") " WHERE " COUNTED(
				    "import_undo_dossiers") ";"
							    "DROP TRIGGER dossiers_sum_insert;"
							    "DROP TRIGGER dossiers_sum_delete;"
							    "DROP TRIGGER dossiers_sum_update_old;"
							    "DROP TRIGGER dossiers_sum_update_new;"
							    "CREATE TRIGGER dossiers_class_insert AFTER INSERT ON dossiers WHEN new.class IS NOT NULL"
							    " BEGIN " SUM_CLASS("new",
								    "1") " END;"
									 "CREATE TRIGGER dossiers_class_delete AFTER DELETE ON dossiers WHEN old.class IS NOT NULL"
									 " BEGIN " SUM_CLASS("old",
										 "-1") " END;"
										       "CREATE TRIGGER dossiers_class_update_old AFTER UPDATE ON dossiers"
										       " WHEN old.class IS NOT NULL BEGIN " SUM_CLASS(
											       "old",
											       "-1") " END;"
												     "CREATE TRIGGER dossiers_class_update_new AFTER UPDATE ON dossiers"
												     " WHEN new.class IS NOT NULL BEGIN " SUM_CLASS(
													     "new",
													     "1") " END;";

enum {
	D_PUT,
	D_SAVE,
	D_SUM,
	D_SUM_UNIT,
	D_SUM_PROC,
	D_SUM_PROC_UNIT,
	D_OPEN,
	D_OPEN_UNIT,
	D_SCAN,
	D_SCAN_UNIT,
	D_SCAN_FIN,
	D_COUNT
};

#define DOS_COLS SQ_DOSSIER_COLS
/* The same with finished_at NULL, for the dossiers_open index. */
#define OPEN_COLS \
	"id, code, unit_id, field_id, procedure, channel, received_at, due_at," \
	" NULL, returned_at, supplements, reschedules, apology, submitted_at, class"
#define OPEN_SQL(unit) \
	"SELECT " OPEN_COLS " FROM dossiers WHERE finished_at IS NULL" \
	" AND received_at BETWEEN ?2 AND ?3" unit " UNION ALL SELECT " DOS_COLS \
	" FROM dossiers WHERE finished_at > ?4" \
	" AND received_at BETWEEN ?2 AND ?3" unit

static const char *const dos_sql[D_COUNT] = {
	[D_PUT] =
		"INSERT INTO dossiers (code, unit_id, field_id, procedure, channel,"
		" received_at, due_at, finished_at, returned_at, supplements, reschedules, apology,"
		" class) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
		" ON CONFLICT (code) DO UPDATE SET unit_id = excluded.unit_id,"
		" field_id = excluded.field_id, procedure = excluded.procedure,"
		" channel = excluded.channel, received_at = excluded.received_at,"
		" due_at = excluded.due_at, finished_at = excluded.finished_at,"
		" returned_at = excluded.returned_at, supplements = excluded.supplements,"
		" reschedules = excluded.reschedules, apology = excluded.apology,"
		" class = excluded.class RETURNING id",
	[D_SAVE] =
		"INSERT INTO dossiers (code, unit_id, field_id, procedure, channel,"
		" received_at, due_at, finished_at, returned_at, supplements, reschedules, apology,"
		" class, submitted_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
		" ON CONFLICT (code) DO UPDATE SET unit_id = excluded.unit_id,"
		" field_id = excluded.field_id, procedure = excluded.procedure,"
		" channel = excluded.channel, received_at = excluded.received_at,"
		" due_at = excluded.due_at, finished_at = excluded.finished_at,"
		" returned_at = excluded.returned_at, supplements = excluded.supplements,"
		" reschedules = excluded.reschedules, apology = excluded.apology,"
		" class = excluded.class, submitted_at = excluded.submitted_at RETURNING id",
	[D_SUM] = "SELECT unit_id, month, field_id, channel, '', early, on_time, late"
		  " FROM dossier_sum WHERE month BETWEEN ?1 AND ?2 ORDER BY month, unit_id",
	[D_SUM_UNIT] = "SELECT unit_id, month, field_id, channel, '', early, on_time, late"
		       " FROM dossier_sum WHERE month BETWEEN ?1 AND ?2 AND unit_id = ?3"
		       " ORDER BY month, unit_id",
	[D_SUM_PROC] =
		"SELECT unit_id, month, 0, '', procedure, early, on_time, late"
		" FROM dossier_sum_proc WHERE month BETWEEN ?1 AND ?2 ORDER BY month, unit_id",
	[D_SUM_PROC_UNIT] = "SELECT unit_id, month, 0, '', procedure, early, on_time, late"
			    " FROM dossier_sum_proc WHERE month BETWEEN ?1 AND ?2 AND unit_id = ?3"
			    " ORDER BY month, unit_id",
	[D_OPEN] = OPEN_SQL(" AND ?1 = 0"),
	[D_OPEN_UNIT] = OPEN_SQL(" AND unit_id = ?1"),
	[D_SCAN] = "SELECT " DOS_COLS " FROM dossiers WHERE received_at BETWEEN ?2 AND ?3"
		   " AND ?1 = 0 ORDER BY received_at",
	[D_SCAN_UNIT] = "SELECT " DOS_COLS " FROM dossiers WHERE unit_id = ?1"
			" AND received_at BETWEEN ?2 AND ?3 ORDER BY received_at",
	[D_SCAN_FIN] = "SELECT " DOS_COLS " FROM dossiers WHERE finished_at BETWEEN ?1 AND ?2"
		       " ORDER BY finished_at",
};

static sqlite3_stmt *dprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_DOS][id], dos_sql[id], op, err);
}

void sq_read_dossier(sqlite3_stmt *s, void *elem)
{
	struct store_dossier *d = elem;

	d->id = sqlite3_column_int64(s, 0);
	sq_col_text(s, 1, d->code, sizeof(d->code));
	d->unit_id = sqlite3_column_int64(s, 2);
	d->field_id = sqlite3_column_int64(s, 3);
	sq_col_text(s, 4, d->procedure, sizeof(d->procedure));
	sq_col_text(s, 5, d->channel, sizeof(d->channel));
	d->received_at = col_minute(s, 6);
	d->due_at = col_minute(s, 7);
	d->finished_at = col_minute(s, 8);
	d->returned_at = col_minute(s, 9);
	d->supplements = sqlite3_column_int(s, 10);
	d->reschedules = sqlite3_column_int(s, 11);
	d->apology = sqlite3_column_int(s, 12) != 0;
	d->submitted_at = col_minute(s, 13);
	d->cls = sqlite3_column_int(s, 14);
}

/* Bind d's code, unit_id, field_id, procedure, channel, received_at, due_at,
 * finished_at, returned_at, supplements, reschedules, apology and class
 * (0 as NULL) to ?1..?13 of s; SQLITE_OK or the first error. */
static int sq_bind_dossier(sqlite3_stmt *s, const struct store_dossier *d)
{
	int rc;

	if ((rc = bind_str(s, 1, d->code, sizeof(d->code))) != SQLITE_OK ||
		(rc = sqlite3_bind_int64(s, 2, d->unit_id)) != SQLITE_OK ||
		(rc = bind_id(s, 3, d->field_id)) != SQLITE_OK ||
		(rc = bind_str(s, 4, d->procedure, sizeof(d->procedure))) != SQLITE_OK ||
		(rc = bind_str(s, 5, d->channel, sizeof(d->channel))) != SQLITE_OK ||
		(rc = bind_minute(s, 6, d->received_at)) != SQLITE_OK ||
		(rc = bind_minute(s, 7, d->due_at)) != SQLITE_OK ||
		(rc = bind_minute(s, 8, d->finished_at)) != SQLITE_OK ||
		(rc = bind_minute(s, 9, d->returned_at)) != SQLITE_OK ||
		(rc = sqlite3_bind_int(s, 10, d->supplements)) != SQLITE_OK ||
		(rc = sqlite3_bind_int(s, 11, d->reschedules)) != SQLITE_OK ||
		(rc = sqlite3_bind_int(s, 12, d->apology ? 1 : 0)) != SQLITE_OK)
		return rc;
	return d->cls != 0 ? sqlite3_bind_int(s, 13, d->cls) : sqlite3_bind_null(s, 13);
}

/* HL_EINVAL unless d has a code, and a class (1..3) exactly when it is
 * received, due and finished. */
static int sq_dossier_check(const struct store_dossier *d, struct hl_err *err)
{
	bool counted = d->received_at >= 0 && d->due_at >= 0 && d->finished_at >= 0;
	int rc = sq_need_code(d->code, "hồ sơ", err);

	if (rc == HL_OK && (counted ? d->cls < 1 || d->cls > 3 : d->cls != 0))
		rc = hl_err_set(err, HL_EINVAL, HL_HERE,
			"hồ sơ %s: loại đúng hạn %d không khớp thời "
			"điểm tiếp nhận, hạn và hoàn thành (svc tính, dossq.h dq_save)",
			d->code, d->cls);
	return rc;
}

/* Insert or update d by its code with statement id: D_PUT keeps a stored
 * submission time, D_SAVE writes d's (?14). */
static int dossier_write(struct store *st, int id, struct store_dossier *d, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu hồ sơ";
	sqlite3_stmt *s;
	int rc = sq_dossier_check(d, err);

	if (rc != HL_OK)
		return rc;
	if ((s = dprep(q, id, op, err)) == NULL)
		return HL_EIO;
	if (sq_bind_dossier(s, d) != SQLITE_OK ||
		(id == D_SAVE && bind_minute(s, 14, d->submitted_at) != SQLITE_OK))
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_id(q, s, op, &d->id, err);
}

int sq_dossier_put(struct store *st, struct store_dossier *d, struct hl_err *err)
{
	return dossier_write(st, D_PUT, d, err);
}

int sq_dossier_save(struct store *st, struct store_dossier *d, struct hl_err *err)
{
	return dossier_write(st, D_SAVE, d, err);
}

static const struct sq_col sum_cols[] = {
	SQ_I64(struct store_dossier_sum, unit_id),
	SQ_INT(struct store_dossier_sum, month),
	SQ_I64(struct store_dossier_sum, field_id),
	SQ_TEXT(struct store_dossier_sum, channel),
	SQ_TEXT(struct store_dossier_sum, procedure),
	SQ_I64(struct store_dossier_sum, early),
	SQ_I64(struct store_dossier_sum, on_time),
	SQ_I64(struct store_dossier_sum, late),
};

static void read_sum(sqlite3_stmt *s, struct store_dossier_sum *r)
{
	sq_read_row(s, 0, sum_cols, SQ_NCOLS(sum_cols), r);
}

SQ_SCAN_FN(sum, struct store_dossier_sum, store_dsum_cb, read_sum)
SQ_SCAN_FN(dossier, struct store_dossier, store_dossier_cb, sq_read_dossier)

int sq_dossier_sum_scan(struct store *st, int64_t unit_id, bool per_procedure, int m0, int m1,
	store_dsum_cb cb, void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc tổng hợp hồ sơ theo tháng";
	int id = per_procedure ? (unit_id ? D_SUM_PROC_UNIT : D_SUM_PROC) :
				 (unit_id ? D_SUM_UNIT : D_SUM);
	struct sum_ctx c = {cb, ctx};
	sqlite3_stmt *s;

	if ((s = dprep(q, id, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int(s, 1, m0) != SQLITE_OK || sqlite3_bind_int(s, 2, m1) != SQLITE_OK ||
		(unit_id != 0 && sqlite3_bind_int64(s, 3, unit_id) != SQLITE_OK))
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_scan(q, s, op, sum_row, &c, err);
}

/* Bind the integers of v[0..n) to ?1.. of s, step it and hand each row to cb. */
static int scan_rows(struct sq *q, sqlite3_stmt *s, const int64_t *v, int n, const char *op,
	store_dossier_cb cb, void *ctx, struct hl_err *err)
{
	struct dossier_ctx c = {cb, ctx};

	for (int i = 0; i < n; i++)
		if (sqlite3_bind_int64(s, i + 1, v[i]) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
	return sq_scan(q, s, op, dossier_row, &c, err);
}

int sq_dossier_open_scan(struct store *st, int64_t unit_id, int64_t r0, int64_t r1, int64_t at,
	store_dossier_cb cb, void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc hồ sơ chưa hoàn thành";
	const int64_t v[4] = {unit_id, r0, r1, at};
	sqlite3_stmt *s = dprep(q, unit_id != 0 ? D_OPEN_UNIT : D_OPEN, op, err);

	if (s == NULL)
		return HL_EIO;
	return scan_rows(q, s, v, 4, op, cb, ctx, err);
}

int sq_dossier_scan(struct store *st, int64_t unit_id, int64_t r0, int64_t r1, store_dossier_cb cb,
	void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc hồ sơ theo ngày tiếp nhận";
	const int64_t v[3] = {unit_id, r0, r1};
	sqlite3_stmt *s = dprep(q, unit_id != 0 ? D_SCAN_UNIT : D_SCAN, op, err);

	if (s == NULL)
		return HL_EIO;
	return scan_rows(q, s, v, 3, op, cb, ctx, err);
}

int sq_dossier_scan_finished(struct store *st, int64_t f0, int64_t f1, store_dossier_cb cb,
	void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc hồ sơ theo ngày hoàn thành";
	const int64_t v[2] = {f0, f1};
	sqlite3_stmt *s = dprep(q, D_SCAN_FIN, op, err);

	if (s == NULL)
		return HL_EIO;
	return scan_rows(q, s, v, 2, op, cb, ctx, err);
}
