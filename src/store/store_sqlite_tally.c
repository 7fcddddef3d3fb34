/* store_sqlite_tally.c — the SQLite backend's part for tallies (store.h
 * "tallies"): one row of additive counters per (grain, unit, start, field,
 * criterion), so that a merge is an upsert adding to the counters
 * (n = n + excluded.n, ...) and two writers can never lose each other's
 * update, as they could by reading and rewriting one encoded tallyset per
 * key. Statements are cached in q->area[SQ_TALLY].
 *
 * What each operation does (every backend must behave the same; the
 * conformance suite tests/unit/store/test_store.c checks it):
 *  - tally_merge: adds each criterion of row->set to its counters under
 *    (grain, unit_id, start, field_id), creating them if absent. HL_ELIMIT,
 *    and nothing written, if the key would then hold more criteria than a
 *    tallyset can.
 *  - tally_scan: the keys of the grain with start in [first, last]
 *    (HL_DAY_NONE = open), only field_id = 0 when per_field is false, only
 *    field_id != 0 when true; ordered by field_id, start, unit_id; each
 *    key's criteria in the order they were first stored (as a merged
 *    tallyset has them). The callback may not call the store.
 *  - tally_clear: deletes every tally.
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include "core/tally.h"

/* The migration (store_sqlite.c's list points here): counters replace the
 * encoded tallysets of migration 1, which hl_carry_tallies() copies over
 * before the old table goes. id keeps each key's criteria in the order they
 * came. */
const char sq_tally_schema[] =
	"CREATE TABLE tally_cells ("
	" id INTEGER PRIMARY KEY,"
	" grain INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" start INTEGER NOT NULL,"
	" field_id INTEGER NOT NULL,"
	" crit TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" s REAL NOT NULL, v REAL NOT NULL, ss REAL NOT NULL, vv REAL NOT NULL, sv REAL NOT NULL,"
	/* an index query reads one contiguous range: a grain's all-fields keys by time */
	" UNIQUE (grain, field_id, start, unit_id, crit));"
	"SELECT hl_carry_tallies();"
	"DROP TABLE tallies;";

enum { T_CRITS, T_ADD, T_SCAN_ALL, T_SCAN_FIELD, T_CLEAR, T_NSTMT };

#define CELL_COLS "unit_id, start, field_id, crit, n, s, v, ss, vv, sv"

static const char *const tally_sql[T_NSTMT] = {
	[T_CRITS] = "SELECT crit FROM tally_cells"
		    " WHERE grain = ?1 AND field_id = ?4 AND start = ?3 AND unit_id = ?2",
	[T_ADD] =
		"INSERT INTO tally_cells (grain, unit_id, start, field_id, crit, n, s, v, ss, vv, sv)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" ON CONFLICT (grain, field_id, start, unit_id, crit) DO UPDATE SET"
		" n = n + excluded.n, s = s + excluded.s, v = v + excluded.v,"
		" ss = ss + excluded.ss, vv = vv + excluded.vv, sv = sv + excluded.sv",
	[T_SCAN_ALL] = "SELECT " CELL_COLS " FROM tally_cells"
		       " WHERE grain = ?1 AND field_id = 0 AND start BETWEEN ?2 AND ?3"
		       " ORDER BY start, unit_id, id",
	[T_SCAN_FIELD] = "SELECT " CELL_COLS " FROM tally_cells"
			 " WHERE grain = ?1 AND field_id <> 0 AND start BETWEEN ?2 AND ?3"
			 " ORDER BY field_id, start, unit_id, id",
	[T_CLEAR] = "DELETE FROM tally_cells",
};

_Static_assert(T_NSTMT <= SQ_AREA_STMTS, "the tallies' statements fit their area row");

static sqlite3_stmt *tprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_TALLY][id], tally_sql[id], op, err);
}

static int check_grain(enum store_grain g, struct hl_err *err)
{
	if (g != GRAIN_DAY && g != GRAIN_MONTH)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "loại bảng tổng hợp không hợp lệ: %d",
			(int)g);
	return HL_OK;
}

static int bind_key(sqlite3_stmt *s, enum store_grain g, const struct store_tally_row *row)
{
	int rc = sqlite3_bind_int(s, 1, (int)g);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 2, row->unit_id);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(s, 3, row->start);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(s, 4, row->field_id);
	return rc;
}

/* HL_ELIMIT when the stored criteria of row's key and row's own would be
 * more than a tallyset holds: the set as it would be after the merge. */
static int check_room(struct sq *q, enum store_grain g, const struct store_tally_row *row,
	const char *op, struct hl_err *err)
{
	struct hl_tallyset all;
	sqlite3_stmt *s;
	int step, rc = HL_OK;

	all.n = 0;
	if ((s = tprep(q, T_CRITS, op, err)) == NULL)
		return HL_EIO;
	if (bind_key(s, g, row) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 0);

		if (code != NULL && hl_tallyset_get(&all, code) == NULL) {
			rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "quá %d tiêu chí",
				HL_MAX_CRITERIA + 1);
			break;
		}
	}
	if (rc == HL_OK && step != SQLITE_DONE)
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	if (rc == HL_OK)
		rc = hl_tallyset_merge(&all, &row->set, err);
	return rc;
}

/* Add one criterion's counters under row's key. */
static int add_cell(struct sq *q, enum store_grain g, const struct store_tally_row *row,
	const char *code, const struct hl_tally *t, const char *op, struct hl_err *err)
{
	sqlite3_stmt *s = tprep(q, T_ADD, op, err);

	if (s == NULL)
		return HL_EIO;
	if (bind_key(s, g, row) != SQLITE_OK || bind_str(s, 5, code, HL_CODE_MAX) != SQLITE_OK ||
		sqlite3_bind_int64(s, 6, t->n) != SQLITE_OK ||
		sqlite3_bind_double(s, 7, t->s) != SQLITE_OK ||
		sqlite3_bind_double(s, 8, t->v) != SQLITE_OK ||
		sqlite3_bind_double(s, 9, t->ss) != SQLITE_OK ||
		sqlite3_bind_double(s, 10, t->vv) != SQLITE_OK ||
		sqlite3_bind_double(s, 11, t->sv) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

static int tally_add(struct sq *q, enum store_grain g, const struct store_tally_row *row,
	struct hl_err *err)
{
	const char *op = "cộng dồn bảng tổng hợp";
	int rc = check_grain(g, err);

	if (rc == HL_OK)
		rc = check_room(q, g, row, op, err);
	for (int i = 0; rc == HL_OK && i < row->set.n; i++)
		rc = add_cell(q, g, row, row->set.code[i], &row->set.t[i], op, err);
	return rc;
}

int sq_tally_merge(struct store *st, enum store_grain g, const struct store_tally_row *row,
	struct hl_err *err)
{
	const char *op = "cộng dồn bảng tổng hợp";
	int rc = sq_op_begin(st->priv, op, err);

	return rc == HL_OK ? sq_op_end(st->priv, tally_add(st->priv, g, row, err), op, err) : rc;
}

static bool same_key(const struct store_tally_row *a, sqlite3_stmt *s)
{
	return a->unit_id == sqlite3_column_int64(s, 0) && a->start == col_day(s, 1) &&
		a->field_id == sqlite3_column_int64(s, 2);
}

int sq_tally_scan(struct store *st, enum store_grain g, bool per_field, hl_day first, hl_day last,
	store_tally_cb cb, void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc bảng tổng hợp";
	struct store_tally_row row;
	sqlite3_stmt *s;
	bool have = false;
	int rc = check_grain(g, err), step;

	if (rc != HL_OK)
		return rc;
	if ((s = tprep(q, per_field ? T_SCAN_FIELD : T_SCAN_ALL, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int(s, 1, (int)g) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, day_lo(first)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, day_hi(last)) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(s, 3);
		struct hl_tally *t;

		if (have && !same_key(&row, s)) {
			SQ_CALLBACK(q, rc, cb(ctx, &row));
			if (rc != 0)
				goto cleanup;
			have = false;
		}
		if (!have) {
			row.unit_id = sqlite3_column_int64(s, 0);
			row.start = col_day(s, 1);
			row.field_id = sqlite3_column_int64(s, 2);
			row.set.n = 0;
			have = true;
		}
		t = hl_tallyset_get(&row.set, code != NULL ? code : "");
		if (t == NULL) {
			rc = hl_err_set(err, HL_EIO, HL_HERE,
				"bảng tổng hợp đã lưu của đơn vị %lld, "
				"ngày %d có quá nhiều tiêu chí",
				(long long)row.unit_id, (int)row.start);
			goto cleanup;
		}
		t->n = sqlite3_column_int64(s, 4);
		t->s = sqlite3_column_double(s, 5);
		t->v = sqlite3_column_double(s, 6);
		t->ss = sqlite3_column_double(s, 7);
		t->vv = sqlite3_column_double(s, 8);
		t->sv = sqlite3_column_double(s, 9);
	}
	if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	if (have)
		SQ_CALLBACK(q, rc, cb(ctx, &row));
cleanup:
	sqlite3_reset(s);
	return rc;
}

int sq_tally_clear(struct store *st, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa bảng tổng hợp";

	return sq_exec(q, tprep(q, T_CLEAR, op, err), op, NULL, 0, NULL, err);
}

/* One of migration 1's encoded tallysets copied into counters. */
static int carry_tally(struct sq *q, sqlite3_stmt *s, struct hl_err *err)
{
	const unsigned char *blob = sqlite3_column_blob(s, 4);
	int len = sqlite3_column_bytes(s, 4);
	struct store_tally_row row;
	int rc;

	row.unit_id = sqlite3_column_int64(s, 1);
	row.start = col_day(s, 2);
	row.field_id = sqlite3_column_int64(s, 3);
	rc = hl_tallyset_decode(blob, len > 0 ? (size_t)len : 0, &row.set, err);
	if (rc == HL_OK)
		rc = tally_add(q, (enum store_grain)sqlite3_column_int(s, 0), &row, err);
	return rc;
}

/* hl_carry_tallies(): the migration's step copying migration 1's encoded
 * tallysets into counters, key by key in the old order. */
static void carry_tallies(sqlite3_context *fn, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sq_carry(fn,
		"SELECT grain, unit_id, start, field_id, data FROM tallies"
		" ORDER BY grain, field_id, start, unit_id",
		carry_tally);
}

int sq_tally_register(struct sq *q)
{
	return sqlite3_create_function(q->db, "hl_carry_tallies", 0,
		SQLITE_UTF8 | SQLITE_DIRECTONLY, q, carry_tallies, NULL, NULL);
}
