/* store_copy.c — store_copy.h over the statements of store_q.h. A table's
 * columns come from each database's catalog (SQLite's pragma_table_info,
 * PostgreSQL's information_schema), so a column added by a migration on both
 * backends is copied without touching this file; a table added is refused by
 * store_copy_check until it is listed here. Tables with an id are read in
 * pages by id (PostgreSQL's driver holds a whole result in memory), the
 * others whole. Each row is loaded as it is read (q_bulk: PostgreSQL's COPY,
 * SQLite's insert): source and destination are two connections, so the
 * load does not re-enter the scan's store.
 * Statements are built from the table and column names here and in the
 * catalog, never from user input. */
#include "store/store_copy.h"
#include "store/store_copy_priv.h"
#include "store/store_q.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"

/* In the order references need them (a row only refers to rows of tables
 * above it, or to its own table: units.parent_id, set in a second pass). */
const char *const store_copy_tables[] = {"units", "lineage", "fields", "staff", "instruments",
	"batches", "users", "kiosks", "responses", "targets", "audit_log", "tally_cells",
	"sessions", "receipts", "paper_batches", "paper_entries", "rate_counters", "counters",
	"published_reports", "report_schedules", "comment_approvals", "report_quotes",
	"rollup_state", "rollup_keys", "rollup_fields", "rollup_staff", "rollup_insts",
	"rollup_answers", "rollup_examples", "plan_std", "plan_tasks", "plan_notes",
	"cal_decisions", "cal_settings", "cal_hours", "dossiers", "dossier_sum", "dossier_sum_proc",
	"fb_offices", "fb_items", "fb_contacts", "fb_steps", "fb_deadlines", "fb_idem",
	"fb_letters", "import_runs", "import_undo_dossiers", "followups", "followup_days",
	"unit_contacts", "score766_points", "copy_ranges"};
const int store_copy_ntables = (int)(sizeof(store_copy_tables) / sizeof(store_copy_tables[0]));

static const struct q_stmt tables_q = Q_STMT2(QS_COPY + 0,
	"SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
	"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
	" AND table_type = 'BASE TABLE'");
static const struct q_stmt columns_q = Q_STMT2(QS_COPY + 1,
	"SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
	"SELECT column_name, data_type FROM information_schema.columns"
	" WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position");
static const struct q_stmt sums_q = Q_STMT(QS_COPY + 2,
	"SELECT grain, count(*), sum(n), sum(s) FROM tally_cells GROUP BY grain ORDER BY grain");

static enum col_kind kind_of(const char *type)
{
	char low[64];
	size_t n = 0;

	for (; type[n] != '\0' && n + 1 < sizeof(low); n++)
		low[n] = (char)tolower((unsigned char)type[n]);
	low[n] = '\0';
	if (strstr(low, "int") != NULL)
		return C_INT;
	if (strstr(low, "real") != NULL || strstr(low, "double") != NULL)
		return C_REAL;
	if (strstr(low, "blob") != NULL || strstr(low, "bytea") != NULL)
		return C_BLOB;
	return C_TEXT;
}

int copy_table_index(const char *name)
{
	for (int i = 0; i < store_copy_ntables; i++)
		if (strcmp(store_copy_tables[i], name) == 0)
			return i;
	/* each database's own, never copied */
	if (strcmp(name, "copy_identity") == 0)
		return store_copy_ntables + 1;
	return strcmp(name, "schema_version") == 0 ? store_copy_ntables : -1;
}

struct seen {
	bool have[66];
	char stranger[64];
};

static int seen_row(void *ctx, const struct q_cur *c)
{
	struct seen *s = ctx;
	size_t len;
	const char *name = q_col_text(c, 0, &len);
	int i = copy_table_index(name);

	if (i < 0)
		snprintf(s->stranger, sizeof(s->stranger), "%s", name);
	else
		s->have[i] = true;
	return HL_OK;
}

int store_copy_check(struct store *st, struct hl_err *err)
{
	struct seen s = {{false}, ""};
	int rc = q_each(st, &tables_q, NULL, seen_row, &s, "liệt kê các bảng", err);

	if (rc != HL_OK)
		return rc;
	if (s.stranger[0] != '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lỗi lập trình: bảng '%s' chưa có trong danh sách sao chép (store_copy.c)",
			s.stranger);
	for (int i = 0; i <= store_copy_ntables + 1; i++)
		if (!s.have[i])
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"cơ sở dữ liệu thiếu bảng '%s': hãy cập nhật nó bằng phiên bản hailong "
				"này (hailong --db … init)",
				i < store_copy_ntables          ? store_copy_tables[i] :
					i == store_copy_ntables ? "schema_version" :
								  "copy_identity");
	return HL_OK;
}

struct q_stmt copy_stmt(int i, int k, const char *sql, const char *pg)
{
	return (struct q_stmt){QS_COPY_T + COPY_PER * i + k, sql, pg};
}

int store_copy_count(struct store *st, int i, int64_t *n, struct hl_err *err)
{
	char sql[128];
	struct q_stmt s;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", store_copy_tables[i]);
	s = copy_stmt(i, K_COUNT, sql, NULL);
	return q_int(st, &s, NULL, n, "đếm dòng của một bảng", err);
}

int store_copy_clear(struct store *dst, struct hl_err *err)
{
	int rc = HL_OK;

	for (int i = store_copy_ntables - 1; i >= 0 && rc == HL_OK; i--) {
		char sql[128];
		struct q_stmt s;

		snprintf(sql, sizeof(sql), "DELETE FROM %s", store_copy_tables[i]);
		s = copy_stmt(i, K_CLEAR, sql, NULL);
		rc = q_exec(dst, &s, NULL, NULL, "xóa dữ liệu có sẵn ở nơi nhận", err);
	}
	return rc;
}

struct cols_ctx {
	struct table *t;
	bool overflow;
};

static int column_row(void *ctx, const struct q_cur *c)
{
	struct cols_ctx *x = ctx;
	struct table *t = x->t;
	size_t len;
	const char *name = q_col_text(c, 0, &len), *type = q_col_text(c, 1, &len);

	if (t->n >= MAXCOLS || strlen(name) >= sizeof(t->names[0])) {
		x->overflow = true;
		return HL_OK;
	}
	snprintf(t->names[t->n], sizeof(t->names[0]), "%s", name);
	t->kind[t->n++] = kind_of(type);
	return HL_OK;
}

/* The columns of table i in st, into t. */
int copy_columns(struct store *st, int i, struct table *t, struct hl_err *err)
{
	struct cols_ctx x = {t, false};
	struct q_args a = {0};
	int rc;

	memset(t, 0, sizeof(*t));
	t->i = i;
	q_text(&a, store_copy_tables[i], 64);
	rc = q_each(st, &columns_q, &a, column_row, &x, "đọc các cột của một bảng", err);
	if (rc == HL_OK && x.overflow)
		rc = hl_err_set(err, HL_EINVAL, HL_HERE,
			"lỗi lập trình: bảng '%s' có quá %d cột để sao chép", store_copy_tables[i],
			MAXCOLS);
	return rc;
}

/* The columns of dst's table that src has too, in dst's order. */
int copy_common_columns(struct store *src, struct store *dst, int i, struct table *t,
	struct hl_err *err)
{
	struct table s;
	int rc = copy_columns(dst, i, t, err), n = 0;

	if (rc == HL_OK)
		rc = copy_columns(src, i, &s, err);
	if (rc != HL_OK)
		return rc;
	for (int c = 0; c < t->n; c++) {
		bool both = false;

		for (int d = 0; d < s.n && !both; d++)
			both = strcmp(t->names[c], s.names[d]) == 0;
		if (!both)
			continue;
		memmove(t->names[n], t->names[c], sizeof(t->names[0]));
		t->kind[n++] = t->kind[c];
	}
	t->n = n;
	for (int c = 0; c < n; c++) {
		t->has_id |= strcmp(t->names[c], "id") == 0 && t->kind[c] == C_INT;
		t->has_parent |= strcmp(store_copy_tables[i], "units") == 0 &&
			strcmp(t->names[c], "parent_id") == 0;
	}
	if (n == 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"bảng '%s' ở hai nơi không có cột chung nào", store_copy_tables[i]);
	return HL_OK;
}

static int keep(struct copier *cp, size_t *used, const void *p, size_t len)
{
	if (*used + len + 1 > cp->cap) {
		size_t cap = (*used + len + 1) * 2;
		unsigned char *b = hl_realloc(cp->buf, cap);

		if (b == NULL)
			return hl_err_set(cp->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
		cp->buf = b;
		cp->cap = cap;
	}
	memcpy(cp->buf + *used, p, len);
	cp->buf[*used + len] = '\0';
	*used += len + 1;
	return HL_OK;
}

/* Row c's values into a, in t's columns; its text and blobs copied into
 * cp->buf, units.parent_id left NULL (set once every unit is there). */
int copy_row_args(struct copier *cp, const struct q_cur *c, struct q_args *a)
{
	const struct table *t = cp->t;
	size_t used = 0, at[MAXCOLS] = {0}, len[MAXCOLS] = {0};
	int rc;

	for (int i = 0; i < t->n; i++) {
		const void *p;

		if (q_col_null(c, i) || (t->has_parent && strcmp(t->names[i], "parent_id") == 0)) {
			q_null(a);
			continue;
		}
		switch (t->kind[i]) {
		case C_INT:
			q_i64(a, q_col_i64(c, i));
			if (t->has_id && strcmp(t->names[i], "id") == 0)
				cp->last_id = a->v[i].i;
			break;
		case C_REAL: q_f64(a, q_col_f64(c, i)); break;
		case C_TEXT:
		case C_BLOB:
			p = q_col_text(c, i, &len[i]);
			at[i] = used;
			if ((rc = keep(cp, &used, p, len[i])) != HL_OK)
				return rc;
			q_null(a); /* its pointer set below: buf may still move */
			break;
		}
	}
	for (int i = 0; i < t->n; i++) {
		if (a->v[i].kind != QV_NULL || q_col_null(c, i) ||
			(t->kind[i] != C_TEXT && t->kind[i] != C_BLOB))
			continue;
		a->v[i] = (struct q_val){t->kind[i] == C_TEXT ? QV_TEXT : QV_BLOB, 0, 0,
			cp->buf + at[i], len[i]};
	}
	return HL_OK;
}

static int copy_row(void *ctx, const struct q_cur *c)
{
	struct copier *cp = ctx;
	struct q_args a = {0};
	int rc = copy_row_args(cp, c, &a);

	if (rc == HL_OK)
		rc = q_bulk(cp->dst, cp->ins, &a, "chép một dòng vào nơi nhận", cp->err);
	if (rc == HL_OK && ++*cp->rows % 1000 == 0 && cp->progress != NULL)
		cp->progress(cp->pctx, store_copy_tables[cp->t->i], *cp->rows);
	return rc;
}

/* t's page of rows to read, and the insert of one row into `into` (NULL:
 * t's own; PostgreSQL's COPY: q_bulk), into the arena. */
int copy_statements(struct hl_arena *ar, const struct table *t, const char *into, char **select,
	char **insert, char **copy, char **list, struct hl_err *err)
{
	const char *name = store_copy_tables[t->i];
	size_t cap = (size_t)t->n * 72 + 256;
	char *cols = hl_arena_alloc(ar, cap), *params = hl_arena_alloc(ar, cap);
	size_t cn = 0, pn = 0;

	if (cols == NULL || params == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	cols[0] = params[0] = '\0';
	for (int i = 0; i < t->n; i++) {
		cn += (size_t)snprintf(cols + cn, cap - cn, "%s%s", i > 0 ? ", " : "", t->names[i]);
		pn += (size_t)snprintf(params + pn, cap - pn, "%s$%d", i > 0 ? ", " : "", i + 1);
	}
	if (into == NULL)
		into = name;
	*select = t->has_id ?
		hl_arena_printf(ar, "SELECT %s FROM %s WHERE id > $1 ORDER BY id LIMIT $2", cols,
			name) :
		hl_arena_printf(ar, "SELECT %s FROM %s", cols, name);
	*insert = hl_arena_printf(ar, "INSERT INTO %s (%s) VALUES (%s)", into, cols, params);
	*copy = hl_arena_printf(ar, "COPY %s (%s) FROM STDIN", into, cols);
	if (*select == NULL || *insert == NULL || *copy == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	if (list != NULL)
		*list = cols;
	return HL_OK;
}

struct parents {
	struct store *dst;
	const struct q_stmt *set;
	struct hl_err *err;
};

static int parent_row(void *ctx, const struct q_cur *c)
{
	struct parents *p = ctx;
	struct q_args a = {0};

	q_i64(&a, q_col_i64(c, 0));
	q_i64(&a, q_col_i64(c, 1));
	return q_exec(p->dst, p->set, &a, NULL, "đặt đơn vị cấp trên", p->err);
}

/* units.parent_id after every unit is there (a parent may have the higher id). */
static int copy_parents(struct store *src, struct store *dst, int i, struct hl_err *err)
{
	const struct q_stmt list = copy_stmt(i, K_PARENTS,
		"SELECT parent_id, id FROM units WHERE parent_id IS NOT NULL ORDER BY id", NULL);
	const struct q_stmt set = copy_stmt(i, K_PARENT_SET,
		"UPDATE units SET parent_id = $1 WHERE id = $2", NULL);
	struct parents p = {dst, &set, err};

	return q_each(src, &list, NULL, parent_row, &p, "đọc đơn vị cấp trên", err);
}

int store_copy_table(struct store *src, struct store *dst, int i, store_copy_fn progress,
	void *pctx, int64_t *rows, struct hl_err *err)
{
	struct hl_arena *ar = hl_arena_new((size_t)64 * 1024);
	struct table t;
	struct copier cp = {dst, &t, NULL, NULL, 0, 0, rows, progress, pctx, err};
	struct q_stmt sel, ins;
	char *select = NULL, *insert = NULL, *copy = NULL;
	int rc;

	if (ar == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	rc = copy_common_columns(src, dst, i, &t, err);
	if (rc == HL_OK)
		rc = copy_statements(ar, &t, NULL, &select, &insert, &copy, NULL, err);
	if (rc != HL_OK)
		goto cleanup;
	sel = copy_stmt(i, K_SELECT, select, NULL);
	ins = copy_stmt(i, K_INSERT, insert, copy);
	cp.ins = &ins;
	if (!t.has_id) {
		rc = q_each(src, &sel, NULL, copy_row, &cp, "đọc một bảng để sao chép", err);
	} else {
		int64_t before;

		do {
			struct q_args a = {0};

			before = *rows;
			q_i64(&a, cp.last_id);
			q_i64(&a, COPY_PAGE);
			rc = q_each(src, &sel, &a, copy_row, &cp, "đọc một bảng để sao chép", err);
		} while (rc == HL_OK && *rows - before == COPY_PAGE);
	}
	if (rc == HL_OK)
		rc = q_bulk_end(dst, "chép một bảng vào nơi nhận", err);
	if (rc == HL_OK && t.has_parent)
		rc = copy_parents(src, dst, i, err);
cleanup:
	hl_free(cp.buf);
	hl_arena_free(ar);
	return rc;
}

int store_copy_finish(struct store *dst, struct hl_err *err)
{
	int rc = HL_OK;

	for (int i = 0; i < store_copy_ntables && rc == HL_OK; i++) {
		struct table t;
		char sql[128], pg[256];
		struct q_stmt s;

		if ((rc = copy_columns(dst, i, &t, err)) != HL_OK)
			break;
		for (int c = 0; c < t.n; c++)
			t.has_id |= strcmp(t.names[c], "id") == 0 && t.kind[c] == C_INT;
		if (!t.has_id)
			continue;
		/* SQLite only reads: its next rowid is max(id) + 1 already */
		snprintf(sql, sizeof(sql), "SELECT max(id) FROM %s", store_copy_tables[i]);
		snprintf(pg, sizeof(pg),
			"SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s",
			store_copy_tables[i], store_copy_tables[i]);
		s = copy_stmt(i, K_SEQUENCE, sql, pg);
		rc = q_exec(dst, &s, NULL, NULL, "đặt số thứ tự tiếp theo", err);
	}
	return rc;
}

static int sums_row(void *ctx, const struct q_cur *c)
{
	struct store_copy_sums *sums = ctx;
	int64_t g = q_col_i64(c, 0);

	if (g >= 0 && g < STORE_COPY_GRAINS)
		sums[g] = (struct store_copy_sums){q_col_i64(c, 1), q_col_i64(c, 2),
			q_col_f64(c, 3)};
	return HL_OK;
}

int store_copy_tally_sums(struct store *st, struct store_copy_sums sums[STORE_COPY_GRAINS],
	struct hl_err *err)
{
	memset(sums, 0, sizeof(*sums) * STORE_COPY_GRAINS);
	return q_each(st, &sums_q, NULL, sums_row, sums, "cộng các bộ đếm", err);
}
