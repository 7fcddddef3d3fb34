/* store_sqlite_priv.h — private to the SQLite backend (store_sqlite.c and
 * store_sqlite_srv.c): the connection state and the small helpers both files
 * use to bind, step and read cached statements. Nothing outside src/store
 * includes it. */
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
 * HL_ENOMEM; a damaged file HL_ECORRUPT; anything else HL_EIO. */
int sq_status(int rc);

/* The status of the last failure (sq_status) naming the operation, with
 * SQLite's message. */
static inline int sq_err(struct sq *q, struct hl_err *err, const char *where, const char *op)
{
	return hl_err_set(err, sq_status(sqlite3_extended_errcode(q->db)), where,
		"lỗi SQLite khi %s (%s): %s", op, q->path, sqlite3_errmsg(q->db));
}

static inline int bind_str(sqlite3_stmt *s, int i, const char *str, size_t cap)
{
	return sqlite3_bind_text(s, i, str, (int)strnlen(str, cap), SQLITE_STATIC);
}

/* "" as NULL. */
static inline int bind_str_null(sqlite3_stmt *s, int i, const char *str, size_t cap)
{
	if (str[0] == '\0')
		return sqlite3_bind_null(s, i);
	return bind_str(s, i, str, cap);
}

/* Id (or any "none" 0) as NULL. */
static inline int bind_id(sqlite3_stmt *s, int i, int64_t id)
{
	return id == 0 ? sqlite3_bind_null(s, i) : sqlite3_bind_int64(s, i, id);
}

static inline int bind_day(sqlite3_stmt *s, int i, hl_day d)
{
	return d == HL_DAY_NONE ? sqlite3_bind_null(s, i) : sqlite3_bind_int(s, i, d);
}

static inline int bind_minute(sqlite3_stmt *s, int i, int64_t m)
{
	return m == -1 ? sqlite3_bind_null(s, i) : sqlite3_bind_int64(s, i, m);
}

static inline hl_day col_day(sqlite3_stmt *s, int i)
{
	int64_t v;

	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return HL_DAY_NONE;
	v = sqlite3_column_int64(s, i);
	return v < INT32_MIN || v > INT32_MAX ? HL_DAY_NONE : (hl_day)v;
}

/* A time in minutes; NULL reads as -1 (none). */
static inline int64_t col_minute(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, i);
}

/* A bind of s failed: reset s and report the error of op. */
static inline int bind_failed(struct sq *q, sqlite3_stmt *s, const char *where, const char *op,
	struct hl_err *err)
{
	sqlite3_reset(s);
	return sq_err(q, err, where, op);
}

/* Bind the fields cols[0..n) of row to the parameters first, first + 1, ...
 * of s; SQLITE_OK or the failing bind's code (then see bind_failed). */
int sq_bind_row(sqlite3_stmt *s, int first, const struct sq_col *cols, size_t n, const void *row);

/* Read the columns first, first + 1, ... of s's current row into the fields
 * cols[0..n) of row. */
void sq_read_row(sqlite3_stmt *s, int first, const struct sq_col *cols, size_t n, void *row);

/* Reads one row of a list into elem. */
typedef void (*row_fn)(sqlite3_stmt *s, void *elem);

/* *slot, prepared from sql on first use (persistent); NULL with err set. */
sqlite3_stmt *sq_prepare(struct sq *q, sqlite3_stmt **slot, const char *sql, const char *op,
	struct hl_err *err);

/* Copy text column i into buf (size bytes), cut at a character boundary. */
void sq_col_text(sqlite3_stmt *s, int i, char *buf, size_t size);

/* Room for n + 1 elements of size elem in *arr (capacity *cap), in arena a;
 * HL_ENOMEM when the arena is full. */
int sq_grow(struct hl_arena *a, void **arr, size_t n, size_t *cap, size_t elem);

/* Step the bound statement s, reading each row with fn into an array in
 * arena a; out is the address of the caller's element pointer (T **), set
 * to the array (NULL and *n 0 when empty or failed); resets s. s NULL (its
 * prepare failed, err is set): HL_EIO. */
int sq_list_rows(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_arena *a, size_t elem,
	row_fn fn, void *out, size_t *n, struct hl_err *err);

/* sq_list_rows with each row read by sq_read_row over cols[0..ncols). */
int sq_list_cols(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_arena *a, size_t elem,
	const struct sq_col *cols, size_t ncols, void *out, size_t *n, struct hl_err *err);
/* The list of T rows, out a T **, read by the spec array cols. */
#define SQ_LIST(q, s, op, a, cols, out, n, err) \
	sq_list_cols(q, s, op, a, sizeof(**(out)), cols, SQ_NCOLS(cols), out, n, err)

/* One parameter of a statement run by sq_exec: an integer v of kind
 * SQK_I64, SQK_INT, SQK_BOOL, SQK_ID, SQK_DAY or SQK_MINUTE (bound as
 * sq_bind_row binds that kind), or the text (or hash) p of kind SQK_TEXT or
 * SQK_TEXT_NULL, read up to cap bytes. */
struct sq_arg {
	enum sq_kind kind;
	int64_t v;
	const void *p;
	size_t cap;
};

#define SQ_ARG(kind, x) ((struct sq_arg){kind, (x), NULL, 0})
#define SQ_ARG_TEXT(x) ((struct sq_arg){SQK_TEXT, 0, (x), SIZE_MAX})
/* Text read no further than cap bytes. */
#define SQ_ARG_TEXTN(x, cap) ((struct sq_arg){SQK_TEXT, 0, (x), (cap)})
/* A hash of STORE_HASH_LEN bytes; NULL binds NULL. */
#define SQ_ARG_HASH(x) ((struct sq_arg){SQK_HASH, 0, (x), 0})
/* A char array's text, read no further than the array. */
#define SQ_ARG_BUF(x) ((struct sq_arg){SQK_TEXT, 0, (x), sizeof(x)})

/* Run s (NULL: its prepare failed, err is set: HL_EIO) with args[0..n) bound
 * to ?1..: with out NULL it must return no row; else a row's first column
 * goes to *out, and no row leaves *out as it was. Resets s. */
int sq_exec(struct sq *q, sqlite3_stmt *s, const char *op, const struct sq_arg *args, size_t n,
	int64_t *out, struct hl_err *err);
/* Bind args[0..n) to ?1.. of s: HL_OK; s NULL (its prepare failed, err is
 * set): HL_EIO; a failed bind resets s and reports it. */
int sq_bind_args(struct sq *q, sqlite3_stmt *s, const char *op, const struct sq_arg *args, size_t n,
	struct hl_err *err);
/* sq_bind_args with the arguments listed after err. */
#define SQ_BIND(q, s, op, err, ...) \
	sq_bind_args(q, s, op, (const struct sq_arg[]){__VA_ARGS__}, \
		sizeof((const struct sq_arg[]){__VA_ARGS__}) / sizeof(struct sq_arg), err)
/* sq_exec with the arguments listed after err. */
#define SQ_EXEC(q, s, op, out, err, ...) \
	sq_exec(q, s, op, (const struct sq_arg[]){__VA_ARGS__}, \
		sizeof((const struct sq_arg[]){__VA_ARGS__}) / sizeof(struct sq_arg), out, err)

/* Run s (NULL: its prepare failed, err is set: HL_EIO) with the fields
 * cols[0..n) of row bound to ?1..: with id NULL it must return no row, else
 * one row whose id goes to *id. Resets s. */
int sq_put_row(struct sq *q, sqlite3_stmt *s, const char *op, const struct sq_col *cols, size_t n,
	const void *row, int64_t *id, struct hl_err *err);
/* sq_put_row over the spec array cols, returning no row. */
#define SQ_PUT(q, s, op, cols, row, err) sq_put_row(q, s, op, cols, SQ_NCOLS(cols), row, NULL, err)

/* Reads the current row of a scan and hands it to the caller's callback;
 * nonzero stops the scan. */
typedef int (*scan_fn)(sqlite3_stmt *s, void *ctx);

/* Step the bound statement s, calling fn on each row with the connection
 * marked as scanning (SQ_CALLBACK); fn's nonzero return stops the scan and is
 * returned as is; resets s. */
int sq_scan(struct sq *q, sqlite3_stmt *s, const char *op, scan_fn fn, void *ctx,
	struct hl_err *err);

/* A scan_fn name##_row for rows of type T read by read(s, T *) and handed to
 * a callback of type cb_t, with its context struct name##_ctx {cb, ctx}. */
#define SQ_SCAN_FN(name, T, cb_t, read) \
	struct name##_ctx { \
		cb_t cb; \
		void *ctx; \
	}; \
	static int name##_row(sqlite3_stmt *s, void *c) \
	{ \
		struct name##_ctx *x = c; \
		T r; \
		read(s, &r); \
		return x->cb(x->ctx, &r); \
	}

/* Adds one row of an old encoded table to its counters rows. */
typedef int (*carry_fn)(struct sq *q, sqlite3_stmt *s, struct hl_err *err);

/* The body of a migration's SQL function (user data: the struct sq) that
 * runs sql once and carries each row with row, failing the function (and so
 * the migration) with the first error. */
void sq_carry(sqlite3_context *fn, const char *sql, carry_fn row);

/* Run a statement returning one id (RETURNING id) into *id; resets s. */
int sq_step_id(struct sq *q, sqlite3_stmt *s, const char *op, int64_t *id, struct hl_err *err);

/* One operation of several statements made all-or-nothing on its own: a
 * savepoint (outside a transaction it is one, so also one sync), then
 * sq_op_end with the operation's status: released on HL_OK, else rolled
 * back to and released; returns rc or the release's failure. */
int sq_op_begin(struct sq *q, const char *op, struct hl_err *err);
int sq_op_end(struct sq *q, int rc, const char *op, struct hl_err *err);

/* Run a statement returning no row; resets s. */
int sq_step_done(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_err *err);

/* HL_EINVAL naming what when code is empty. */
int sq_need_code(const char *code, const char *what, struct hl_err *err);

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

/* Units, lineage, fields and staff (store_sqlite_units.c). */

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
