/* store_sqlite_priv.h — private to the SQLite backend (store_sqlite*.c):
 * the connection state, its few cached statements of its own (transactions,
 * savepoints) and the migrations' helpers; the areas' statements run through
 * store_q.h's driver (store_sqlite_q.c). Nothing outside src/store includes
 * it. */
#ifndef HL_STORE_SQLITE_PRIV_H
#define HL_STORE_SQLITE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_q.h"
#include "store/store_row.h"

/* The measurement core's cached statements (SQL in store_sqlite.c). */
enum stmt_id {
	Q_BEGIN,
	Q_COMMIT,
	Q_ROLLBACK,
	Q_SAVEPOINT,
	Q_RELEASE,
	Q_ROLLBACK_TO,
	Q_OP_SAVE,
	Q_OP_RELEASE,
	Q_OP_UNDO,
	Q_COUNT
};

/* One connection; st->priv. Statements are prepared on first use, reset
 * after each, and finalized by close. */
struct sq {
	const struct q_driver *drv; /* first: store_q.c finds it through st->priv */
	sqlite3 *db;
	char path[1024];
	sqlite3_stmt *stmt[Q_COUNT];
	sqlite3_stmt *qs[Q_SLOTS]; /* store_q.h statements, by slot */
	int scanning;              /* > 0 while a scan's callback runs (SQ_CALLBACK): no
	                      * statement may start then, as libpq could not run one */
};

/* Call a scan's callback (the expression call) with the connection marked
 * as scanning, into rc: a store call from inside it is refused by
 * sq_prepare with HL_EIO, in every build, rather than working here and
 * failing on PostgreSQL. */
#define SQ_CALLBACK(q, rc, call) \
	do { \
		(q)->scanning++; \
		(rc) = (call); \
		(q)->scanning--; \
	} while (0)

/* The status of SQLite result code rc (extended): a stale snapshot
 * (SQLITE_BUSY_SNAPSHOT: the transaction read before another committed, and
 * cannot write) is HL_ERETRY, so the caller runs the transaction again;
 * another connection holding the lock (after the busy timeout) is HL_EBUSY,
 * so a caller can say "try again" rather than fail; out of memory is
 * HL_ENOMEM; a damaged file HL_ECORRUPT; a unique or primary key that is
 * there already HL_EEXIST (as on PostgreSQL); anything else HL_EIO. */
int sq_status(int rc);

/* The status of the last failure (sq_status) naming the operation, with
 * SQLite's message. */
static inline int sq_err(struct sq *q, struct hl_err *err, const char *where, const char *op)
{
	return hl_err_set(err, sq_status(sqlite3_extended_errcode(q->db)), where,
		"lỗi SQLite khi %s (%s): %s", op, q->path, sqlite3_errmsg(q->db));
}

static inline hl_day col_day(sqlite3_stmt *s, int i)
{
	int64_t v;

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return HL_DAY_NONE;
	v = sqlite3_column_int64(s, i);
	return v < INT32_MIN || v > INT32_MAX ? HL_DAY_NONE : (hl_day)v;
}

/* *slot, prepared from sql on first use (persistent); NULL with err set. */
sqlite3_stmt *sq_prepare(struct sq *q, sqlite3_stmt **slot, const char *sql, const char *op,
	struct hl_err *err);

/* Adds one row of an old encoded table to its counters rows. */
typedef int (*carry_fn)(struct sq *q, sqlite3_stmt *s, struct hl_err *err);

/* The body of a migration's SQL function (user data: the struct sq) that
 * runs sql once and carries each row with row, failing the function (and so
 * the migration) with the first error. */
void sq_carry(sqlite3_context *fn, const char *sql, carry_fn row);

/* One operation of several statements made all-or-nothing on its own: a
 * savepoint (outside a transaction it is one, so also one sync), then
 * sq_op_end with the operation's status: released on HL_OK, else rolled
 * back to and released; returns rc or the release's failure. */
int sq_op_begin(struct sq *q, const char *op, struct hl_err *err);
int sq_op_end(struct sq *q, int rc, const char *op, struct hl_err *err);

/* Run a statement returning no row; resets s. */
int sq_step_done(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_err *err);

/* Migration 2, the server's tables (store_sqlite_srv.c). */
extern const char sq_srv_schema[];

/* One link per dossier (issue 12): a later migration, in store_sqlite_srv.c. */
extern const char sq_receipt_replace_schema[];

/* Published reports (issue 4): migration 3 and its operations, in
 * store_sqlite_srv.c. */
extern const char sq_rpt_schema[];

/* Per-unit reporting schedules (issue 4): migration 4 and its operations, in
 * store_sqlite_srv.c. */
extern const char sq_rsched_schema[];

/* The improvement plan (issue 6): its migration, in store_sqlite_plan.c. */
extern const char sq_plan_schema[];

/* Report rollups (issue 4): migration and operations, in store_sqlite_rollup.c. */
extern const char sq_rollup_schema[];
/* The rollups as counters (a later migration); register its step's SQL
 * function on q's connection (SQLITE_OK or SQLite's error). */
extern const char sq_rollup_rows_schema[];
int sq_rollup_register(struct sq *q);

/* The working calendar (issue 6): migration and operations, in
 * store_sqlite_cal.c. */
extern const char sq_cal_schema[];

/* Dossier timeliness (issue 6): its migrations, in store_sqlite_dos.c. */
extern const char sq_dos_schema[];
/* The class svc computes, stored (migration 21). */
extern const char sq_dos_class_schema[];
/* The sums' triggers dropped (migration 22). */
extern const char sq_dos_sums_schema[];

/* Feedback (issue 6): its migrations, in store_sqlite_fb.c (the
 * operations are store_q_fb.c's); the idempotency keys came later. */
extern const char sq_fb_schema[];
extern const char sq_fb_idem_schema[];

/* Comments approved for publication (issue 10): migration and operations,
 * in store_sqlite_cmt.c. */
extern const char sq_cmt_schema[];

/* Rate-limit counters (issue 10): migration and operations, in
 * store_sqlite_rate.c. */
extern const char sq_rate_schema[];
/* Imports in chunks (issue 10): migration and operations, in
 * store_sqlite_imp.c. */
extern const char sq_imp_schema[];

/* Tallies as additive counters: migration and operations, in
 * store_sqlite_tally.c; register its migration step's SQL function on q's
 * connection (SQLITE_OK or SQLite's error). */
extern const char sq_tally_schema[];
int sq_tally_register(struct sq *q);

/* Numbering by counters (store_sqlite_num.c): its migration, the letters'
 * operation, and the next number of (kind, unit_id, scope) into *n (given >
 * 0: *n = given, the counter at least that far), in the caller's
 * transaction. */
extern const char sq_num_schema[];

/* Route SQLite's allocations through base/mem.h; once, before the first
 * connection (store_sqlite_mem.c). */
void sq_mem_route(void);

/* The integrity check (issue 10), in store_sqlite_check.c. */
int sq_integrity(struct store *st, bool quick, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err);

/* The driver of store_q.h (store_sqlite_q.c). */
int sq_q_run(struct store *st, const struct q_stmt *stmt, const struct q_args *a, q_row_fn fn,
	void *ctx, int64_t *changed, const char *op, struct hl_err *err);

/* The online backup (issue 13), in store_sqlite_backup.c. */
int sq_backup(struct store *st, const char *path, store_progress_fn progress, void *pctx,
	struct hl_err *err);

#endif
