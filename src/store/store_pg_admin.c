/* store_pg_admin.c — the PostgreSQL backend's integrity check and backup
 * (issue 13, store.h struct store_admin_ops); the audit log and the import
 * journal are store_q_audit.c's and store_q_imp.c's.
 *
 *  - integrity: the problems found, one line each (at most 100, in the
 *    caller's arena; none: *lines NULL and *n 0), as `hailong check` prints
 *    SQLite's: the schema version against this binary's, every table a copy
 *    moves (store_copy.h) and schema_version present, every constraint
 *    validated (none left NOT VALID), no foreign key switched off (ALTER
 *    TABLE ... DISABLE TRIGGER ALL) and no index left invalid by a failed
 *    build. The full check also counts, per foreign key, the rows pointing at
 *    a row that is not there (a response whose unit is gone...). The server
 *    checks its own pages (a damaged one is HL_ECORRUPT, by SQLSTATE).
 *  - backup: refused (HL_EINVAL): a cluster is copied with PostgreSQL's own
 *    pg_dump, which the message names, with docs/deploy.md. */
#include "store/store_pg_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/store_copy.h"

#define MAX_PROBLEMS 100

/* The problems found so far. */
struct found {
	struct hl_arena *a;
	char **lines;
	size_t n;
};

static int note(struct found *f, struct hl_err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int note(struct found *f, struct hl_err *err, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (f->n == MAX_PROBLEMS)
		return HL_OK;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if ((f->lines[f->n] = hl_arena_strdup(f->a, buf)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi kiểm tra cơ sở dữ liệu");
	f->n++;
	return HL_OK;
}

/* Run sql (no parameters) for op: the result, or NULL with *rc set. */
static PGresult *ask(struct pg *p, const char *sql, const char *op, int *rc, struct hl_err *err)
{
	PGresult *r = PQexec(p->c, sql);

	if (r != NULL && PQresultStatus(r) == PGRES_TUPLES_OK)
		return r;
	*rc = pg_err(p, r, err, HL_HERE, op);
	PQclear(r);
	return NULL;
}

/* Whether the result r (one column) has a row name. */
static bool listed(const PGresult *r, const char *name)
{
	for (int i = 0; i < PQntuples(r); i++)
		if (strcmp(PQgetvalue(r, i, 0), name) == 0)
			return true;
	return false;
}

/* Every table a copy moves and schema_version; *versioned when the latter
 * is there. */
static int check_tables(struct pg *p, struct found *f, bool *versioned, struct hl_err *err)
{
	int rc = HL_OK;
	PGresult *r = ask(p,
		"SELECT table_name FROM information_schema.tables"
		" WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
		"liệt kê các bảng", &rc, err);

	if (r == NULL)
		return rc;
	for (int t = 0; rc == HL_OK && t < store_copy_ntables; t++)
		if (!listed(r, store_copy_tables[t]))
			rc = note(f, err, "thiếu bảng %s", store_copy_tables[t]);
	*versioned = listed(r, "schema_version");
	if (rc == HL_OK && !*versioned)
		rc = note(f, err, "thiếu bảng schema_version (phiên bản lược đồ)");
	PQclear(r);
	return rc;
}

static int check_version(struct pg *p, struct found *f, struct hl_err *err)
{
	int rc = HL_OK;
	long long v;
	PGresult *r = ask(p, "SELECT coalesce(max(version), 0) FROM schema_version",
		"đọc phiên bản lược đồ", &rc, err);

	if (r == NULL)
		return rc;
	v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	if (v < pg_nmigrations)
		return note(f, err,
			"lược đồ ở phiên bản %lld, bản hailong này cần phiên bản %d: hãy cập nhật "
			"bằng hailong --db … init",
			v, pg_nmigrations);
	if (v > pg_nmigrations)
		return note(f, err,
			"lược đồ ở phiên bản %lld, mới hơn bản hailong này (phiên bản %d): hãy dùng "
			"bản hailong mới hơn",
			v, pg_nmigrations);
	return HL_OK;
}

/* Run sql, whose rows are (table, name): a line "bảng TABLE: what NAME why" each. */
static int check_rows(struct pg *p, struct found *f, const char *sql, const char *what,
	const char *why, struct hl_err *err)
{
	int rc = HL_OK;
	PGresult *r = ask(p, sql, "kiểm tra ràng buộc và chỉ mục", &rc, err);

	for (int i = 0; r != NULL && rc == HL_OK && i < PQntuples(r); i++)
		rc = note(f, err, "bảng %s: %s %s %s", PQgetvalue(r, i, 0), what,
			PQgetvalue(r, i, 1), why);
	PQclear(r);
	return rc;
}

/* What the catalog must not hold: a constraint left NOT VALID, a foreign
 * key switched off, an index a failed CREATE INDEX CONCURRENTLY left invalid;
 * each query's rows are (table, name). */
static const struct {
	const char *sql, *what, *problem;
} catalog[] = {
	{"SELECT conrelid::regclass::text, conname FROM pg_constraint"
	 " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated"
	 " ORDER BY 1, 2",
		"ràng buộc", "chưa được kiểm với dữ liệu (NOT VALID)"},
	{"SELECT DISTINCT c.conrelid::regclass::text, c.conname FROM pg_trigger t"
	 " JOIN pg_constraint c ON c.oid = t.tgconstraint"
	 " WHERE c.connamespace = current_schema()::regnamespace AND c.contype = 'f'"
	 " AND t.tgenabled = 'D' ORDER BY 1, 2",
		"khóa ngoài", "đang bị tắt (DISABLE TRIGGER)"},
	{"SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text FROM pg_index i"
	 " JOIN pg_class c ON c.oid = i.indexrelid"
	 " WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid"
	 " ORDER BY 1, 2",
		"chỉ mục", "không dùng được (INVALID): hãy tạo lại bằng REINDEX"},
};

/* The foreign keys of the schema (one column each, as hailong's are), as
 * names ready for SQL: child table, column, parent table, column, key. */
static const char fkeys_sql[] =
	"SELECT c.conrelid::regclass::text, quote_ident(a.attname), c.confrelid::regclass::text,"
	" quote_ident(b.attname), c.conname FROM pg_constraint c"
	" JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
	" JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]"
	" WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace"
	" AND cardinality(c.conkey) = 1 ORDER BY 1, 5";

/* Per foreign key, the rows pointing at a row that is not there. The
 * statements are built from the catalog's names, quoted by the server. */
static int check_orphans(struct pg *p, struct found *f, struct hl_err *err)
{
	int rc = HL_OK;
	PGresult *keys = ask(p, fkeys_sql, "liệt kê khóa ngoài", &rc, err);

	for (int i = 0; keys != NULL && rc == HL_OK && i < PQntuples(keys); i++) {
		const char *child = PQgetvalue(keys, i, 0), *col = PQgetvalue(keys, i, 1);
		const char *parent = PQgetvalue(keys, i, 2), *pcol = PQgetvalue(keys, i, 3);
		char sql[1024];
		PGresult *r;
		long long n;

		snprintf(sql, sizeof(sql),
			"SELECT count(*) FROM %s c WHERE c.%s IS NOT NULL AND NOT EXISTS"
			" (SELECT 1 FROM %s p WHERE p.%s = c.%s)",
			child, col, parent, pcol, col);
		if ((r = ask(p, sql, "tìm dòng trỏ tới dòng không có", &rc, err)) == NULL)
			break;
		n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
		if (n > 0)
			rc = note(f, err,
				"bảng %s: %lld dòng có %s trỏ tới %s không có (khóa ngoài %s)",
				child, n, col, parent, PQgetvalue(keys, i, 4));
	}
	PQclear(keys);
	return rc;
}

int pg_integrity(struct store *st, bool quick, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err)
{
	struct pg *p = st->priv;
	struct found f = {a, NULL, 0};
	bool versioned = false;
	int rc;

	*lines = NULL;
	*n = 0;
	if ((f.lines = hl_arena_alloc(a, MAX_PROBLEMS * sizeof(*f.lines))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi kiểm tra cơ sở dữ liệu");
	rc = check_tables(p, &f, &versioned, err);
	if (rc == HL_OK && versioned)
		rc = check_version(p, &f, err);
	for (size_t i = 0; rc == HL_OK && i < sizeof(catalog) / sizeof(catalog[0]); i++)
		rc = check_rows(p, &f, catalog[i].sql, catalog[i].what, catalog[i].problem, err);
	if (rc == HL_OK && !quick)
		rc = check_orphans(p, &f, err);
	if (rc != HL_OK)
		return rc;
	*lines = f.n > 0 ? f.lines : NULL;
	*n = f.n;
	return HL_OK;
}

int pg_backup(struct store *st, const char *path, store_progress_fn progress, void *pctx,
	struct hl_err *err)
{
	struct pg *p = st->priv;

	(void)progress;
	(void)pctx;
	return hl_err_set(err, HL_EINVAL, HL_HERE,
		"hailong backup chỉ chép được tệp SQLite; cơ sở dữ liệu PostgreSQL %s hãy sao lưu "
		"bằng pg_dump của PostgreSQL (ví dụ: pg_dump --format=custom --file=%s '%s') và "
		"khôi phục bằng pg_restore — xem docs/deploy.md, mục «Backing up PostgreSQL»",
		p->where, path, p->where);
}
