/* store_sqlite_num.c — the SQLite backend's numbering (issue 11): report
 * versions and the numbers of feedback answer letters come from a counter
 * row incremented by one upsert in the caller's transaction, never from
 * max + 1 over the numbered rows, and the numbered rows carry a UNIQUE
 * constraint, so two writers can neither take the same number nor store it.
 *
 * What each operation does (every backend must behave the same; the
 * conformance suite tests/unit/store/test_store_fb.c and test_store_report.c
 * check it):
 *  - fb_answer_number: *no 0 takes the next number of (unit_id, year), 1
 *    for the first; *no > 0 is a number given by hand, and later ones
 *    continue after it when it is larger. Either way the letter (unit_id,
 *    year, *no) is recorded as item_id's; a number another item has:
 *    HL_EEXIST (the same item again: HL_OK).
 *  - report_put's version: the next of (unit_id, period) (store_sqlite_srv.c
 *    calls sq_number_take).
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <stdio.h>

/* The migration (store_sqlite.c's list points here): the counters start at
 * the largest number stored; letters already numbered twice keep their
 * numbers on the items, only the first is recorded. */
const char sq_num_schema[] =
	"CREATE TABLE counters ("
	" kind TEXT NOT NULL, unit_id INTEGER NOT NULL, scope TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (kind, unit_id, scope)) WITHOUT ROWID;"
	"INSERT INTO counters (kind, unit_id, scope, n) SELECT 'report', unit_id, period,"
	" max(version) FROM published_reports GROUP BY unit_id, period;"
	"CREATE TABLE fb_letters ("
	" unit_id INTEGER NOT NULL, year INTEGER NOT NULL, no INTEGER NOT NULL,"
	" item_id INTEGER NOT NULL REFERENCES fb_items(id),"
	" PRIMARY KEY (unit_id, year, no)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO fb_letters (unit_id, year, no, item_id) SELECT unit_id,"
	" CAST(strftime('%Y', (answered_at / 1440) * 86400, 'unixepoch') AS INTEGER),"
	" answer_no, id FROM fb_items WHERE answer_no > 0 AND answered_at IS NOT NULL ORDER BY id;"
	"INSERT INTO counters (kind, unit_id, scope, n) SELECT 'fb-answer', unit_id,"
	" CAST(year AS TEXT), max(no) FROM fb_letters GROUP BY unit_id, year;";

enum { N_TAKE, N_LETTER, N_NSTMT };

static const char *const num_sql[N_NSTMT] = {
	/* ?4: a number given (the counter goes at least that far), 0 = the next */
	[N_TAKE] = "INSERT INTO counters (kind, unit_id, scope, n)"
		   " VALUES (?1, ?2, ?3, CASE WHEN ?4 > 0 THEN ?4 ELSE 1 END)"
		   " ON CONFLICT (kind, unit_id, scope) DO UPDATE SET"
		   " n = CASE WHEN ?4 > 0 THEN max(n, ?4) ELSE n + 1 END RETURNING n",
	/* a conflict with another item returns no row */
	[N_LETTER] = "INSERT INTO fb_letters (unit_id, year, no, item_id) VALUES (?1, ?2, ?3, ?4)"
		     " ON CONFLICT (unit_id, year, no) DO UPDATE SET item_id = item_id"
		     " WHERE item_id = excluded.item_id RETURNING item_id",
};

_Static_assert(N_NSTMT <= SQ_AREA_STMTS, "the numbering's statements fit their area row");

static sqlite3_stmt *nprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_NUM][id], num_sql[id], op, err);
}

int sq_number_take(struct sq *q, const char *kind, int64_t unit_id, const char *scope, int given,
	int *n, struct hl_err *err)
{
	const char *op = "lấy số thứ tự";
	sqlite3_stmt *s = nprep(q, N_TAKE, op, err);
	int64_t v = 0;
	int rc;

	if (s == NULL)
		return HL_EIO;
	if (sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, unit_id) != SQLITE_OK ||
		sqlite3_bind_text(s, 3, scope, -1, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_int(s, 4, given) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = sq_step_id(q, s, op, &v, err);
	if (rc == HL_OK && (v < 1 || v > INT32_MAX))
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "hết số thứ tự cho %s", kind);
	if (rc == HL_OK)
		*n = given > 0 ? given : (int)v;
	return rc;
}

int sq_fb_answer_number(struct store *st, int64_t unit_id, int year, int64_t item_id, int *no,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "ghi số văn bản trả lời";
	char scope[16];
	sqlite3_stmt *s;
	int rc, step;

	if (*no < 0 || year < 1 || year > 9999)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "số văn bản %d năm %d không hợp lệ", *no,
			year);
	snprintf(scope, sizeof(scope), "%d", year);
	if ((rc = sq_op_begin(q, op, err)) != HL_OK)
		return rc;
	rc = sq_number_take(q, "fb-answer", unit_id, scope, *no, no, err);
	if (rc == HL_OK && (s = nprep(q, N_LETTER, op, err)) == NULL)
		rc = HL_EIO;
	if (rc == HL_OK) {
		if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
			sqlite3_bind_int(s, 2, year) != SQLITE_OK ||
			sqlite3_bind_int(s, 3, *no) != SQLITE_OK ||
			sqlite3_bind_int64(s, 4, item_id) != SQLITE_OK) {
			rc = bind_failed(q, s, HL_HERE, op, err);
		} else {
			step = sqlite3_step(s);
			if (step == SQLITE_DONE)
				rc = hl_err_set(err, HL_EEXIST, HL_HERE,
					"số văn bản %d năm %d đã dùng "
					"cho một phản ánh khác",
					*no, year);
			else if (step != SQLITE_ROW)
				rc = sq_err(q, err, HL_HERE, op);
			sqlite3_reset(s);
		}
	}
	return sq_op_end(q, rc, op, err);
}
