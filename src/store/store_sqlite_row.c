/* store_sqlite_row.c — the body of the migrations' SQL functions that
 * carry an old encoded table's rows into its counters (store_sqlite_tally.c,
 * store_sqlite_rollup.c). */
#include "store/store_sqlite_priv.h"

void sq_carry(sqlite3_context *fn, const char *sql, carry_fn row)
{
	struct sq *q = sqlite3_user_data(fn);
	struct hl_err err;
	sqlite3_stmt *s = NULL;
	int rc = HL_OK, step = SQLITE_DONE;

	if (sqlite3_prepare_v2(q->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_result_error(fn, sqlite3_errmsg(q->db), -1);
		return;
	}
	while (rc == HL_OK && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = row(q, s, &err);
	if (rc == HL_OK && step != SQLITE_DONE)
		rc = hl_err_set(&err, HL_EIO, HL_HERE, "%s", sqlite3_errmsg(q->db));
	sqlite3_finalize(s);
	if (rc != HL_OK)
		sqlite3_result_error(fn, err.msg, -1);
	else
		sqlite3_result_null(fn);
}
