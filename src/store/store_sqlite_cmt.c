/* store_sqlite_cmt.c — the SQLite backend's part for citizens' comments
 * approved for publication (issue 10, store.h "comments approved for
 * publication"): who approved which response's comment and when, which
 * comments each published report quotes, and the migration that makes their
 * tables and marks the reports published before the rule. Statements are
 * cached in q->area[SQ_CMT].
 *
 * What each operation does (every backend must behave the same; the
 * conformance suite tests/unit/store/test_store_report.c checks it):
 *  - comment_approve: records (response_id, who, at); HL_EEXIST when that
 *    response's comment is approved already; at <= 0 or empty who:
 *    HL_EINVAL. comment_withdraw: deletes it; HL_ENOTFOUND when it was not
 *    approved.
 *  - comment_approval_list: the approvals of the responses of unit_id (0 =
 *    every unit) with day in [first, last] (HL_DAY_NONE = open), by response
 *    id, each with the response's unit and day.
 *  - report_quotes_put: records that the report quotes each of ids[0..n)
 *    (twice is harmless). report_list and report_get then say doc_public
 *    false as soon as one of them is no longer approved.
 *  Lists come back in the caller's arena; running out of it is HL_ENOMEM.
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <stdio.h>

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

enum { M_APPROVE, M_WITHDRAW, M_LIST, M_QUOTE, M_COUNT };

static const char *const cmt_sql[M_COUNT] = {
	[M_APPROVE] = "INSERT INTO comment_approvals (response_id, approved_by, approved_at)"
		      " VALUES (?1, ?2, ?3) ON CONFLICT (response_id) DO NOTHING",
	[M_WITHDRAW] = "DELETE FROM comment_approvals WHERE response_id = ?1",
	[M_LIST] = "SELECT a.response_id, r.unit_id, r.day, a.approved_by, a.approved_at"
		   " FROM comment_approvals a JOIN responses r ON r.id = a.response_id"
		   " WHERE (?1 = 0 OR r.unit_id = ?1) AND r.day BETWEEN ?2 AND ?3"
		   " ORDER BY a.response_id",
	[M_QUOTE] = "INSERT INTO report_quotes (report_id, response_id) VALUES (?1, ?2)"
		    " ON CONFLICT DO NOTHING",
};

_Static_assert(M_COUNT <= SQ_AREA_STMTS, "the comments' statements fit their area row");

static sqlite3_stmt *mprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_CMT][id], cmt_sql[id], op, err);
}

/* Run the bound s; *changed = the rows it changed. */
static int step_count(struct sq *q, sqlite3_stmt *s, const char *op, int *changed,
	struct hl_err *err)
{
	int rc = sq_step_done(q, s, op, err);

	*changed = rc == HL_OK ? sqlite3_changes(q->db) : 0;
	return rc;
}

int sq_comment_approve(struct store *st, int64_t response_id, const char *who, int64_t at,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "duyệt công khai góp ý";
	sqlite3_stmt *s;
	int rc, changed;

	if (who == NULL || who[0] == '\0' || at <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"duyệt góp ý thiếu người duyệt hoặc thời điểm");
	if ((s = mprep(q, M_APPROVE, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, response_id) != SQLITE_OK ||
		bind_str(s, 2, who, STORE_CODE_MAX + 32) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, at) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = step_count(q, s, op, &changed, err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE,
			"góp ý của phiếu số %lld đã được duyệt công "
			"khai",
			(long long)response_id);
	return rc;
}

int sq_comment_withdraw(struct store *st, int64_t response_id, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "thôi công khai góp ý";
	sqlite3_stmt *s;
	int rc, changed;

	if ((s = mprep(q, M_WITHDRAW, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, response_id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = step_count(q, s, op, &changed, err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE,
			"góp ý của phiếu số %lld chưa được duyệt "
			"công khai",
			(long long)response_id);
	return rc;
}

static const struct sq_col approval_cols[] = {
	SQ_I64(struct store_approval, response_id),
	SQ_I64(struct store_approval, unit_id),
	SQ_DAY(struct store_approval, day),
	SQ_TEXT(struct store_approval, by),
	SQ_I64(struct store_approval, at),
};

int sq_comment_approval_list(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	struct hl_arena *a, struct store_approval **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc các góp ý được duyệt công khai";
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = mprep(q, M_LIST, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, day_lo(first)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, day_hi(last)) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return SQ_LIST(q, s, op, a, approval_cols, out, n, err);
}

int sq_report_quotes_put(struct store *st, int64_t report_id, const int64_t *ids, size_t n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "ghi các góp ý báo cáo trích dẫn";
	sqlite3_stmt *s;
	int rc = HL_OK;

	for (size_t i = 0; i < n && rc == HL_OK; i++) {
		if ((s = mprep(q, M_QUOTE, op, err)) == NULL)
			return HL_EIO;
		if (sqlite3_bind_int64(s, 1, report_id) != SQLITE_OK ||
			sqlite3_bind_int64(s, 2, ids[i]) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
		rc = sq_step_done(q, s, op, err);
	}
	return rc;
}
