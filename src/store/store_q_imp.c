/* store_q_imp.c — the import journal (issue 10, store.h struct
 * store_admin_ops): the runs of imports that commit in chunks, so that what
 * an unfinished one wrote can be undone, written once for every backend
 * (store_q.h); the dossiers' undo notes are the dossiers area's. Checked by
 * tests/unit/store/test_store_imp.c. What each operation does:
 *  - import_run_put: records an import about to write its first chunk (kind,
 *    the batch of its responses or 0, the owning process, now in seconds),
 *    sets *id.
 *  - import_run_done: forgets the run (the import is whole); its undo notes
 *    are left for import_notes_drop, so this stays short.
 *  - import_run_list: every recorded run, by id.
 *  - import_notes_drop: deletes at most 20 000 undo notes of runs no longer
 *    recorded, *dropped = how many. */
#include "store/store_q.h"

#include <time.h>

#include "store/sql/imp.h" /* its statements: sql/imp.sql */

int q_import_run_put(struct store *st, const char *kind, int64_t batch_id, int64_t owner,
	int64_t *id, struct hl_err *err)
{
	struct store_import_run r = {.batch_id = batch_id, .owner = owner};
	struct q_args a = {0};

	q_text(&a, kind, sizeof(r.kind));
	q_row(&a, run_cols + 2, 2, &r);
	q_i64(&a, (int64_t)time(NULL));
	return q_int(st, &run_put, &a, id, "ghi lần nhập đang chạy", err);
}

int q_import_run_done(struct store *st, int64_t id, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, id);
	return q_exec(st, &run_done, &a, NULL, "xóa lần nhập đã xong", err);
}

int q_import_notes_drop(struct store *st, int64_t *dropped, struct hl_err *err)
{
	*dropped = 0;
	return q_exec(st, &notes_drop, NULL, dropped, "xóa ghi chú hoàn tác đã dùng xong", err);
}

int q_import_run_list(struct store *st, struct hl_arena *ar, struct store_import_run **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &run_list, NULL, ar, run_cols, out, n, "đọc các lần nhập chưa xong", err);
}
