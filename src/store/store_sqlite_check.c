/* store_sqlite_check.c — the SQLite backend's integrity check (issue 10):
 * PRAGMA quick_check (the b-trees' structure, in about the time of reading
 * the file once) or PRAGMA integrity_check (also every index against its
 * table).
 *
 *  - integrity: *lines gets the problems found, at most 100, copied into a
 *    (*n 0 when the file is sound). A file too damaged for the check to run
 *    at all is HL_ECORRUPT with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include "base/arena.h"

#define MAX_PROBLEMS 100

int sq_integrity(struct store *st, bool quick, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = quick ? "kiểm tra nhanh tệp cơ sở dữ liệu" :
				 "kiểm tra toàn bộ tệp cơ sở dữ liệu";
	sqlite3_stmt *s = NULL;
	char **out = NULL;
	size_t count = 0;
	int rc = HL_OK, step;

	*lines = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(q->db,
		    quick ? "PRAGMA quick_check(100)" : "PRAGMA integrity_check(100)", -1, &s,
		    NULL) != SQLITE_OK) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	out = hl_arena_alloc(a, MAX_PROBLEMS * sizeof(*out));
	if (out == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
		goto cleanup;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 0);

		if (text == NULL || strcmp(text, "ok") == 0 || count == MAX_PROBLEMS)
			continue;
		if ((out[count] = hl_arena_strdup(a, text)) == NULL) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
			goto cleanup;
		}
		count++;
	}
	if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	*lines = count > 0 ? out : NULL;
	*n = count;
cleanup:
	sqlite3_finalize(s);
	return rc;
}
