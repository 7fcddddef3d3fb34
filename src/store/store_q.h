/* store_q.h — private to src/store: an area's statements written once for
 * every backend. SQL names its parameters $1, $2... (SQLite reads them as
 * named parameters, PostgreSQL as positional ones; both in order of first
 * appearance), a statement carries PostgreSQL's text only where the
 * dialects differ, and rows are bound and read through the column specs of
 * store_row.h. Each backend supplies a driver (struct q_driver) as the first
 * member of its connection (st->priv). An area's statements are written in
 * src/store/sql/AREA.sql, made into its header by scripts/sqlgen.py
 * (docs/internals/store.md); Q_STMT is for the few outside the areas.
 *
 *   #include "store/sql/instruments.h"   -- static const struct q_stmt get...
 *   struct q_args a = {0};
 *   q_text(&a, code, STORE_CODE_MAX);
 *   rc = Q_GET(st, &get, &a, cols, &out, "đọc bộ câu hỏi", "không có bộ câu hỏi này", err);
 */
#ifndef HL_STORE_Q_H
#define HL_STORE_Q_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_row.h"

struct hl_arena;

/* A statement: its SQL for every backend (pg: PostgreSQL's own, or NULL),
 * and its slot in a connection's cache of prepared statements. */
struct q_stmt {
	int slot;
	const char *sql;
	const char *pg;
};
#define Q_STMT(slot, sql) \
	{ \
		(slot), (sql), NULL \
	}
#define Q_STMT2(slot, sql, pg) \
	{ \
		(slot), (sql), (pg) \
	}

/* Slots, a range per area file (each at most Q_AREA statements). */
#define Q_AREA 32
enum {
	QS_INSTR = 0 * Q_AREA,
	QS_UNITS = 1 * Q_AREA,
	QS_AUDIT = 2 * Q_AREA,
	QS_RATE = 3 * Q_AREA,
	QS_CAL = 4 * Q_AREA,
	QS_NUM = 5 * Q_AREA,
	QS_CMT = 6 * Q_AREA,
	QS_ACCT = 7 * Q_AREA,
	QS_INTAKE = 8 * Q_AREA,
	QS_REPORTS = 9 * Q_AREA,
	QS_RESP = 10 * Q_AREA,
	QS_TALLY = 11 * Q_AREA,
	QS_ROLLUP = 12 * Q_AREA,
	QS_SCHEMA = 13 * Q_AREA,
	QS_FB = 14 * Q_AREA,
	QS_DOS = 15 * Q_AREA,
	QS_PLAN = 16 * Q_AREA,
	QS_IMP = 17 * Q_AREA,
	QS_COPY = 18 * Q_AREA,
	QS_FOLLOW = 19 * Q_AREA,
	/* store_copy.c: COPY_PER statements for each table it copies */
	QS_COPY_T = 20 * Q_AREA,
	COPY_PER = 14,
	Q_SLOTS = QS_COPY_T + COPY_PER * 64 /* one more than the last */
};

/* A statement's parameters, in order. */
#define Q_MAXARGS 32
enum q_kind { QV_NULL, QV_I64, QV_F64, QV_TEXT, QV_BLOB };
struct q_val {
	enum q_kind kind;
	int64_t i;
	double d;
	const void *p; /* text (NUL-terminated) or blob */
	size_t len;    /* its length in bytes */
};
struct q_args {
	int n;
	bool bad; /* too many, or a text not terminated: the statement is refused */
	struct q_val v[Q_MAXARGS];
};

/* The statement of one unit, its id appended to a, or of every unit (all,
 * nothing appended) when unit_id is 0. */
const struct q_stmt *q_unit(struct q_args *a, int64_t unit_id, const struct q_stmt *one,
	const struct q_stmt *all);

/* Append one parameter. Text: at most cap bytes, NUL-terminated within them. */
void q_i64(struct q_args *a, int64_t v);
void q_f64(struct q_args *a, double v);
void q_text(struct q_args *a, const char *s, size_t cap);
void q_null(struct q_args *a);
void q_blob(struct q_args *a, const void *p, size_t len);
/* Append the fields cols[0..n) of row (an absent id, day or minute as NULL,
 * "" as NULL for SQ_TEXT_NULL, hashes as blobs). */
void q_row(struct q_args *a, const struct sq_col *cols, size_t n, const void *row);

/* A row being read: the driver's columns behind one interface. */
struct q_cur {
	const struct q_curops *ops;
	void *h;
	int row;
};
struct q_curops {
	bool (*null)(const struct q_cur *c, int i);
	int64_t (*i64)(const struct q_cur *c, int i);
	double (*f64)(const struct q_cur *c, int i);
	/* text or blob bytes and their length; never NULL */
	const void *(*bytes)(const struct q_cur *c, int i, size_t *len);
};

/* Read the columns first, first + 1, ... of c into the fields cols[0..n) of
 * row (NULL as 0, HL_DAY_NONE, -1 or "" by kind). */
void q_read(const struct q_cur *c, int first, const struct sq_col *cols, size_t n, void *row);
/* One column. */
int64_t q_col_i64(const struct q_cur *c, int i);
double q_col_f64(const struct q_cur *c, int i); /* NULL reads as 0 */
bool q_col_null(const struct q_cur *c, int i);
const char *q_col_text(const struct q_cur *c, int i, size_t *len);

/* Copy column i's bytes (at most cap) into dst, zero the rest of it;
 * returns how many were copied (a NULL: 0). */
int q_col_copy(const struct q_cur *c, int i, void *dst, size_t cap);

/* Reads one row into elem where a column spec cannot (a blob with its length). */
typedef void (*q_read_fn)(const struct q_cur *c, void *elem);

/* Called per row; a status other than HL_OK stops the rows and is returned. */
typedef int (*q_row_fn)(void *ctx, const struct q_cur *c);

/* A backend's driver: run s with a, calling fn (may be NULL) per row; the
 * number of rows changed in *changed (may be NULL). fn must not call the
 * store (a scan's rules: docs/internals/store.md). */
struct q_driver {
	int (*run)(struct store *st, const struct q_stmt *s, const struct q_args *a, q_row_fn fn,
		void *ctx, int64_t *changed, const char *op, struct hl_err *err);
	/* One operation of several statements made all-or-nothing on its own,
	 * inside the caller's transaction or not: begin (rc unused), then end
	 * with the operation's status rc (kept on HL_OK, else undone); returns
	 * rc or the ending's failure. */
	int (*op_begin)(struct store *st, const char *op, struct hl_err *err);
	int (*op_end)(struct store *st, int rc, const char *op, struct hl_err *err);
	/* Run sql, a script of statements without parameters (a migration). */
	int (*script)(struct store *st, const char *sql, const char *op, struct hl_err *err);
	/* run without rows, now or later in the caller's transaction (NULL:
	 * always now); see q_exec_later. */
	int (*later)(struct store *st, const struct q_stmt *s, const struct q_args *a,
		const char *op, struct hl_err *err);
	/* One row of a bulk load and the load's end (NULL: each row run now
	 * with s; nothing to end); see q_bulk. */
	int (*bulk)(struct store *st, const struct q_stmt *s, const struct q_args *a,
		const char *op, struct hl_err *err);
	int (*bulk_end)(struct store *st, const char *op, struct hl_err *err);
	/* An id for a row that a statement kept for later inserts: the next of
	 * those that s's rows gave, run again once they are used up (NULL:
	 * the driver keeps no statement for later). */
	int (*take_id)(struct store *st, const struct q_stmt *s, int64_t *id, const char *op,
		struct hl_err *err);
};

/* A backend's migrations and the statements that make them one
 * transaction: its own (begin: BEGIN..., commit, undo: ROLLBACK) or, inside
 * the caller's, a savepoint. */
struct q_migrations {
	const char *const *steps;
	int n;
	const char *where; /* the database, for messages */
	const char *begin, *commit, *undo;
};
/* Bring the schema to m->n steps, recording each in schema_version; none
 * applied when one fails; a database newer than m: HL_EINVAL. *version = m->n. */
int q_migrate(struct store *st, const struct q_migrations *m, int *version, struct hl_err *err);

/* The driver's op_begin and op_end (struct q_driver). */
int q_op_begin(struct store *st, const char *op, struct hl_err *err);
int q_op_end(struct store *st, int rc, const char *op, struct hl_err *err);

/* Run s: no rows wanted; *changed (may be NULL) = rows changed. */
int q_exec(struct store *st, const struct q_stmt *s, const struct q_args *a, int64_t *changed,
	const char *op, struct hl_err *err);
/* Run s for its effect alone, perhaps later: inside a transaction a backend
 * may keep it and send it with the next statement that is waited for (one
 * round trip for many). Its failure is then reported by that statement, or
 * by the commit, and undoes the whole transaction. For writes whose failure
 * nothing decides on (counters added to); s's string must be static. */
int q_exec_later(struct store *st, const struct q_stmt *s, const struct q_args *a, const char *op,
	struct hl_err *err);
/* Whether q_exec_later may keep statements (the driver has a later and a
 * take_id): else they run at once. */
bool q_keeps_later(struct store *st);
/* An id for a row inserted by a statement kept for later: the driver's
 * take_id with s, a statement whose rows are ids (PostgreSQL: nextval of the
 * table's sequence, many at a time). */
int q_take_id(struct store *st, const struct q_stmt *s, int64_t *id, const char *op,
	struct hl_err *err);
/* Load one row a with s, an INSERT of one row whose PostgreSQL text is
 * the matching "COPY table (columns) FROM STDIN": a backend may stream the
 * rows (PostgreSQL's COPY, many times faster than a statement per row)
 * until q_bulk_end, which ends the load and reports its failure. Any other
 * statement ends it too. */
int q_bulk(struct store *st, const struct q_stmt *s, const struct q_args *a, const char *op,
	struct hl_err *err);
int q_bulk_end(struct store *st, const char *op, struct hl_err *err);
/* Run s: the first column of its first row in *v; HL_ENOTFOUND without a row. */
int q_int(struct store *st, const struct q_stmt *s, const struct q_args *a, int64_t *v,
	const char *op, struct hl_err *err);
/* Run s: its first row read by cols into out (zeroed first); no row: HL_ENOTFOUND with the message
 * missing, a sentence the user reads. */
int q_get(struct store *st, const struct q_stmt *s, const struct q_args *a,
	const struct sq_col *cols, size_t ncols, void *out, size_t size, const char *op,
	const char *missing, struct hl_err *err);
#define Q_GET(st, s, a, cols, out, op, missing, err) \
	q_get(st, s, a, cols, SQ_NCOLS(cols), out, sizeof(*(out)), op, missing, err)
/* Run s: every row read by cols into an array of elem-sized structs in a;
 * *out and *n (NULL and 0 for none). */
int q_list(struct store *st, const struct q_stmt *s, const struct q_args *a, struct hl_arena *ar,
	size_t elem, const struct sq_col *cols, size_t ncols, void *out, size_t *n, const char *op,
	struct hl_err *err);
#define Q_LIST(st, s, a, ar, cols, out, n, op, err) \
	q_list(st, s, a, ar, sizeof(**(out)), cols, SQ_NCOLS(cols), out, n, op, err)
/* q_list with each row read by fn. */
int q_list_fn(struct store *st, const struct q_stmt *s, const struct q_args *a, struct hl_arena *ar,
	size_t elem, q_read_fn fn, void *out, size_t *n, const char *op, struct hl_err *err);
/* q_get with the row read by fn. */
int q_get_fn(struct store *st, const struct q_stmt *s, const struct q_args *a, q_read_fn fn,
	void *out, size_t size, const char *op, const char *missing, struct hl_err *err);
/* Run s, calling fn per row. */
int q_each(struct store *st, const struct q_stmt *s, const struct q_args *a, q_row_fn fn, void *ctx,
	const char *op, struct hl_err *err);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (the form of the audit
 * log, batches and schema versions) into buf. */
void q_utc_now(char *buf, size_t size);

/* What a transaction step does, in words for an error message. */
const char *q_tx_name(enum store_tx what);

/* A backend's struct store_ops entries for the areas, named PREFIX##area:
 * the areas written once (q_) or the fault store's wrappers (fault_). */
#define Q_AREA_TABLES(prefix) \
	.units = &prefix##units, .instruments = &prefix##instruments, \
	.responses = &prefix##responses, .intake = &prefix##intake, .tallies = &prefix##tallies, \
	.accounts = &prefix##accounts, .feedback = &prefix##feedback, \
	.dossiers = &prefix##dossiers, .plans = &prefix##plans, .calendar = &prefix##calendar, \
	.reports = &prefix##reports, .follow = &prefix##follow
/* An area's table entry: operation NAME is the function q_NAME. */
#define Q_OP(name) .name = q_##name

/* A backend's struct store_ops: its name, its functions fn##open, close,
 * migrate and tx, the areas' tables areas##units... and its admin table. */
#define Q_BACKEND(nm, fn, areas, admin_table) \
	.name = nm, .open = fn##open, .close = fn##close, .migrate = fn##migrate, .tx = fn##tx, \
	Q_AREA_TABLES(areas), .admin = admin_table
/* The admin operations written once; integrity and backup are each backend's. */
#define Q_ADMIN_SHARED \
	.audit = q_audit, .audit_list = q_audit_list, .import_run_put = q_import_run_put, \
	.import_run_done = q_import_run_done, .import_notes_drop = q_import_notes_drop, \
	.import_run_list = q_import_run_list

/* The areas written once (store_q_*.c), in every backend's table. */
extern const struct store_instruments_ops q_instruments;
extern const struct store_units_ops q_units;
extern const struct store_calendar_ops q_calendar;
extern const struct store_accounts_ops q_accounts;
extern const struct store_intake_ops q_intake;
extern const struct store_reports_ops q_reports;
extern const struct store_responses_ops q_responses;
extern const struct store_plans_ops q_plans;
/* The dossiers area (store_q_dos.c). */
extern const struct store_dossiers_ops q_dossiers;
extern const struct store_follow_ops q_follow; /* store_q_follow.c */
/* The accounts area's rate limits (store_q_rate.c). */
int q_rate_take(struct store *st, const char *key, int64_t now, int window, int max, bool *taken,
	struct hl_err *err);
int q_rate_count(struct store *st, const char *key, int64_t now, int *count, struct hl_err *err);
int q_rate_give(struct store *st, const char *key, int64_t now, struct hl_err *err);
int q_rate_clear(struct store *st, const char *key, struct hl_err *err);
int q_rate_purge(struct store *st, int64_t now, struct hl_err *err);
/* The tallies area (store_q_tally.c, store_q_rollup.c), and what a
 * migration's carry adds inside the caller's operation. */
extern const struct store_tallies_ops q_tallies;
int q_tally_add(struct store *st, enum store_grain g, const struct store_tally_row *row,
	struct hl_err *err);
struct hl_rollup;
int q_rollup_add(struct store *st, int64_t unit_id, hl_day month, const struct hl_rollup *r,
	struct hl_err *err);
/* The rollups' operations (store_q_rollup.c), in q_tallies. */
int q_rollup_merge(struct store *st, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len, struct hl_err *err);
int q_rollup_scan(struct store *st, const int64_t *units, size_t n, hl_day first, hl_day last,
	store_rollup_cb cb, void *ctx, struct hl_err *err);
int q_rollup_sum(struct store *st, const int64_t *units, size_t n, hl_day first, hl_day last,
	store_rollup_cb cb, void *ctx, struct hl_err *err);
int q_rollup_clear(struct store *st, struct hl_err *err);
int q_rollup_ready(struct store *st, bool *ready, struct hl_err *err);
/* Numbering by counters (store_q_num.c): the next number of (kind,
 * unit_id, scope) in *n, or given (> 0) recorded as taken; in the caller's
 * transaction. The feedback area's fb_answer_number. */
int q_number_take(struct store *st, const char *kind, int64_t unit_id, const char *scope, int given,
	int *n, struct hl_err *err);
int q_fb_answer_number(struct store *st, int64_t unit_id, int year, int64_t item_id, int *no,
	struct hl_err *err);
/* The feedback area (store_q_fb.c); its fb_answer_number is the one above. */
extern const struct store_feedback_ops q_feedback;
/* The built-in offices (unit_id 0: a ward's usual four, for every unit),
 * which each backend's migrations add. */
#define Q_FB_OFFICES_BUILTIN \
	"INSERT INTO fb_offices (code, unit_id, name) VALUES" \
	" ('VP', 0, 'Văn phòng HĐND và UBND')," \
	" ('VHXH', 0, 'Phòng Văn hóa – Xã hội')," \
	" ('KTHTDT', 0, 'Phòng Kinh tế, Hạ tầng và Đô thị')," \
	" ('TTPVHCC', 0, 'Trung tâm phục vụ hành chính công');"
/* The reports area's comment approvals and quotes (store_q_cmt.c). */
int q_comment_approve(struct store *st, int64_t response_id, const char *who, int64_t at,
	struct hl_err *err);
int q_comment_withdraw(struct store *st, int64_t response_id, struct hl_err *err);
int q_comment_approval_list(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	struct hl_arena *ar, struct store_approval **out, size_t *n, struct hl_err *err);
int q_report_quotes_put(struct store *st, int64_t report_id, const int64_t *ids, size_t n,
	struct hl_err *err);
/* The admin area's audit and audit_list (store_q_audit.c). */
int q_audit(struct store *st, const char *who, const char *action, const char *detail,
	struct hl_err *err);
int q_audit_list(struct store *st, int limit, struct hl_arena *ar, char ***lines, size_t *n,
	struct hl_err *err);
/* The admin area's import journal (store_q_imp.c). */
int q_import_run_put(struct store *st, const char *kind, int64_t batch_id, int64_t owner,
	int64_t *id, struct hl_err *err);
int q_import_run_done(struct store *st, int64_t id, struct hl_err *err);
int q_import_notes_drop(struct store *st, int64_t *dropped, struct hl_err *err);
/* Add the classes of the dossiers with ids lo..hi to both sums (store_q_dos.c;
 * a merge's added dossiers, store_copy.c). */
int q_dossier_sums_ids(struct store *st, int64_t lo, int64_t hi, struct hl_err *err);
int q_import_run_list(struct store *st, struct hl_arena *ar, struct store_import_run **out,
	size_t *n, struct hl_err *err);

/* The migration that makes the report rollups' year keys (core/rollup.h:
 * HL_ROLLUP_YEAR_BASE + the year, months from HL_ROLLUP_MONTHS_FROM) of a
 * database that has only its months: SQLite's 29, PostgreSQL's 9, each
 * with its SQL for the year of the day number month (YEAR). Each year key
 * is the sum of its months, as svc/tallyacc.c would have added it: counts
 * summed, shapes the largest, a theme's examples its first distinct ones. */
#define ROLLUP_YEARS_SQL(YEAR) \
	"INSERT INTO rollup_keys (unit_id, month, c0, c1, c2, c3, c4, t0, t1, t2, t3, t4, t5," \
	" t6, t7) SELECT unit_id, y, sum(c0), sum(c1), sum(c2), sum(c3), sum(c4), sum(t0)," \
	" sum(t1), sum(t2), sum(t3), sum(t4), sum(t5), sum(t6), sum(t7) FROM (SELECT *," \
	" -1000000 + " YEAR " AS y FROM rollup_keys WHERE month > -900000) AS m" \
	" GROUP BY unit_id, y;" \
	"INSERT INTO rollup_fields (unit_id, month, field_id, n) SELECT unit_id, y, field_id," \
	" sum(n) FROM (SELECT *, -1000000 + " YEAR " AS y FROM rollup_fields" \
	" WHERE month > -900000) AS m GROUP BY unit_id, y, field_id;" \
	"INSERT INTO rollup_staff (unit_id, month, staff_id, n, s, v) SELECT unit_id, y," \
	" staff_id, sum(n), sum(s), sum(v) FROM (SELECT *, -1000000 + " YEAR " AS y" \
	" FROM rollup_staff WHERE month > -900000) AS m GROUP BY unit_id, y, staff_id;" \
	"INSERT INTO rollup_insts (unit_id, month, instrument_id, nq, nv) SELECT unit_id, y," \
	" instrument_id, max(nq), max(nv) FROM (SELECT *, -1000000 + " YEAR " AS y" \
	" FROM rollup_insts WHERE month > -900000) AS m GROUP BY unit_id, y, instrument_id;" \
	"INSERT INTO rollup_answers (unit_id, month, instrument_id, slot, n) SELECT unit_id," \
	" y, instrument_id, slot, sum(n) FROM (SELECT *, -1000000 + " YEAR " AS y" \
	" FROM rollup_answers WHERE month > -900000) AS m" \
	" GROUP BY unit_id, y, instrument_id, slot;" \
	"INSERT INTO rollup_examples (unit_id, month, theme, hash, response_id) SELECT unit_id," \
	" y, theme, hash, r FROM (SELECT unit_id, y, theme, hash, r, row_number() OVER" \
	" (PARTITION BY unit_id, y, theme ORDER BY r) AS k FROM (SELECT unit_id, y, theme," \
	" hash, min(response_id) AS r FROM (SELECT *, -1000000 + " YEAR " AS y" \
	" FROM rollup_examples WHERE month > -900000) AS m GROUP BY unit_id, y, theme, hash)" \
	" AS d) AS e WHERE k <= 3;"

#endif
