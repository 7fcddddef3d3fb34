/* store_copy_merge.c — store_copy_merge.h over the statements of
 * store_q.h and the columns store_copy.c reads (store_copy_priv.h). The
 * maps live in dst's copy_ranges, keyed by src's copy_identity: a run of
 * ids shifted by one delta, or a single id matched to a row of dst's by its
 * natural key. Statements are built from the table and column names here
 * and in the catalog, never from user input. */
#include "store/store_copy_merge.h"
#include "store/store_copy_priv.h"
#include "store/store_q.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"

/* ---- copy_ranges: what a source's ids became here ---- */

static const struct q_stmt identity_q = Q_STMT(QS_COPY + 3,
	"SELECT origin FROM copy_identity WHERE id = 1");
static const struct q_stmt ranges_get = Q_STMT(QS_COPY + 4,
	"SELECT lo, hi, delta, matched FROM copy_ranges WHERE origin = $1 AND tbl = $2"
	" ORDER BY lo, hi");
static const struct q_stmt ranges_put = Q_STMT(QS_COPY + 5,
	"INSERT INTO copy_ranges (origin, tbl, lo, hi, delta, matched)"
	" VALUES ($1, $2, $3, $4, $5, $6)");
static const struct q_stmt ranges_top = Q_STMT(QS_COPY + 6,
	"SELECT coalesce(max(hi + delta), 0) FROM copy_ranges WHERE tbl = $1");

#define ORIGIN_MAX 64

static int origin_row(void *ctx, const struct q_cur *c)
{
	q_col_copy(c, 0, ctx, ORIGIN_MAX);
	return HL_OK;
}

/* st's own name (copy_identity), which no other database has. */
static int read_origin(struct store *st, char origin[ORIGIN_MAX], struct hl_err *err)
{
	int rc;

	origin[0] = '\0';
	rc = q_each(st, &identity_q, NULL, origin_row, origin, "đọc mã nhận diện cơ sở dữ liệu",
		err);
	if (rc == HL_OK && origin[0] == '\0')
		rc = hl_err_set(err, HL_ECORRUPT, HL_HERE,
			"cơ sở dữ liệu không có mã nhận diện (bảng copy_identity trống)");
	return rc;
}

/* src's ids lo..hi of table i are id + delta in dst; matched: a row of
 * dst's own with the same natural key (lo = hi). */
static int range_put(struct store *dst, const char *origin, int i, int64_t lo, int64_t hi,
	int64_t delta, bool matched, struct hl_err *err)
{
	struct q_args a = {0};

	q_text(&a, origin, ORIGIN_MAX);
	q_text(&a, store_copy_tables[i], 64);
	q_i64(&a, lo);
	q_i64(&a, hi);
	q_i64(&a, delta);
	q_i64(&a, matched);
	return q_exec(dst, &ranges_put, &a, NULL, "ghi số thứ tự đã chép", err);
}

static int pair_row(void *ctx, const struct q_cur *c)
{
	int64_t *v = ctx;

	v[0] = q_col_i64(c, 0);
	v[1] = q_col_i64(c, 1);
	return HL_OK;
}

/* Table i's smallest and largest id in st (v[0] > v[1] when it is empty). */
static int id_bounds(struct store *st, int i, int64_t v[2], struct hl_err *err)
{
	char sql[160];
	struct q_stmt s;

	snprintf(sql, sizeof(sql), "SELECT coalesce(min(id), 1), coalesce(max(id), 0) FROM %s",
		store_copy_tables[i]);
	s = copy_stmt(i, K_MINMAX, sql, NULL);
	v[0] = 1;
	v[1] = 0;
	return q_each(st, &s, NULL, pair_row, v, "đọc số thứ tự", err);
}

/* How a merge treats a table: its rows not merged (sums recomputed, or
 * what one server alone needs), added with new ids, added as they are
 * (references rewritten; dst's row kept on a clash), or the counters
 * (the greater kept). */
enum merge_kind { M_SKIP, M_IDS, M_ROWS, M_MAX };

static enum merge_kind merge_kind(int i, bool has_id)
{
	static const char *const skip[] = {"tally_cells", "rollup_state", "rollup_keys",
		"rollup_fields", "rollup_staff", "rollup_insts", "rollup_answers",
		"rollup_examples", "dossier_sum", "dossier_sum_proc", "sessions", "rate_counters",
		"import_runs", "import_undo_dossiers", "copy_ranges"};
	const char *name = store_copy_tables[i];

	for (size_t k = 0; k < sizeof(skip) / sizeof(skip[0]); k++)
		if (strcmp(skip[k], name) == 0)
			return M_SKIP;
	if (strcmp(name, "counters") == 0)
		return M_MAX;
	/* the singletons' id is always 1 */
	if (strcmp(name, "cal_settings") == 0 || strcmp(name, "score766_points") == 0)
		return M_ROWS;
	return has_id ? M_IDS : M_ROWS;
}

/* The table a column of table `in` refers to (index in store_copy_tables),
 * or -1. Names are the schema's own: one name, one table, but for batch_id. */
static int refers_to(const char *in, const char *col)
{
	static const struct {
		const char *col, *table;
	} refs[] = {{"unit_id", "units"}, {"parent_id", "units"}, {"new_id", "units"},
		{"old_id", "units"}, {"field_id", "fields"}, {"staff_id", "staff"},
		{"instrument_id", "instruments"}, {"response_id", "responses"},
		{"user_id", "users"}, {"created_by", "users"}, {"entered_by", "users"},
		{"task_id", "plan_tasks"}, {"item_id", "fb_items"}, {"office_id", "fb_offices"},
		{"report_id", "published_reports"}, {"batch_id", "batches"},
		{"kiosk_id", "kiosks"}};

	for (size_t k = 0; k < sizeof(refs) / sizeof(refs[0]); k++) {
		if (strcmp(refs[k].col, col) != 0)
			continue;
		if (strcmp(col, "batch_id") == 0 && strcmp(in, "paper_entries") == 0)
			return copy_table_index("paper_batches");
		return copy_table_index(refs[k].table);
	}
	return -1;
}

/* What says that a row of dst is the row src is adding (the unique key
 * that is not the id), for the tables that have one. */
static const struct natural {
	const char *table, *cols[4];
} naturals[] = {{"units", {"code"}}, {"fields", {"code"}}, {"staff", {"code"}},
	{"instruments", {"code", "version"}}, {"users", {"name"}}, {"kiosks", {"name"}},
	{"dossiers", {"code"}}, {"fb_items", {"code"}}, {"followups", {"code"}},
	{"fb_offices", {"unit_id", "code"}}, {"plan_tasks", {"unit_id", "year", "no"}},
	{"published_reports", {"unit_id", "period", "version"}},
	{"responses", {"unit_id", "ext_id"}}};

static const struct natural *natural_of(int i)
{
	for (size_t k = 0; k < sizeof(naturals) / sizeof(naturals[0]); k++)
		if (strcmp(naturals[k].table, store_copy_tables[i]) == 0)
			return &naturals[k];
	return NULL;
}

/* src ids lo..hi are id + delta in dst; old: given by an earlier copy;
 * matched: one row of dst's own, found by its natural key. */
struct id_map {
	int64_t lo, hi, delta;
	bool old, matched;
};
/* One table's maps: its natural matches (ranges of one, by lo once the
 * table is done) looked up before its runs. */
struct tmap {
	struct id_map *one, *run;
	size_t none, cone, nrun, crun;
};

struct store_copy_merge {
	struct store *src, *dst;
	char origin[ORIGIN_MAX];
	struct tmap map[64];
	struct store_copy_run *runs;
	size_t nruns, cruns;
	unsigned char *buf; /* a row's text and blobs */
	size_t cap;
};

/* elem appended to the malloc'd array *arr of *n elements (base/mem.h's
 * hl_grow makes the room). */
static int push(void *arr, size_t *n, size_t *cap, size_t size, const void *elem,
	struct hl_err *err)
{
	if (!hl_grow(arr, cap, *n + 1, size))
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	memcpy(*(char **)arr + *n * size, elem, size);
	(*n)++;
	return HL_OK;
}

static int map_add(struct tmap *tm, struct id_map e, struct hl_err *err)
{
	return e.matched ? push(&tm->one, &tm->none, &tm->cone, sizeof(e), &e, err) :
			   push(&tm->run, &tm->nrun, &tm->crun, sizeof(e), &e, err);
}

static int by_lo(const void *a, const void *b)
{
	const struct id_map *x = a, *y = b;

	return (x->lo > y->lo) - (x->lo < y->lo);
}

/* The map of src id v in tm, or NULL. */
static const struct id_map *map_find(const struct tmap *tm, int64_t v)
{
	struct id_map key = {v, v, 0, false, true};
	const struct id_map *e = tm->none > 0 ?
		bsearch(&key, tm->one, tm->none, sizeof(key), by_lo) :
		NULL;

	if (e != NULL)
		return e;
	for (size_t k = 0; k < tm->nrun; k++)
		if (tm->run[k].lo <= v && v <= tm->run[k].hi)
			return &tm->run[k];
	return NULL;
}

static int map_row(void *ctx, const struct q_cur *c)
{
	struct tmap *tm = ((void **)ctx)[0];
	struct hl_err *err = ((void **)ctx)[1];

	return map_add(tm,
		(struct id_map){q_col_i64(c, 0), q_col_i64(c, 1), q_col_i64(c, 2), true,
			q_col_i64(c, 3) != 0},
		err);
}

/* Table i's maps from earlier copies of m's source. */
static int map_load(struct store_copy_merge *m, int i, struct hl_err *err)
{
	struct tmap *tm = &m->map[i];
	struct q_args a = {0};
	int rc;

	q_text(&a, m->origin, ORIGIN_MAX);
	q_text(&a, store_copy_tables[i], 64);
	rc = q_each(m->dst, &ranges_get, &a, map_row, (void *[]){tm, err}, "đọc số thứ tự đã chép",
		err);
	if (rc == HL_OK && tm->none > 1)
		qsort(tm->one, tm->none, sizeof(*tm->one), by_lo);
	return rc;
}

/* New runs for the ids of src's table i that no earlier copy gave dst
 * (within src's bounds b), above everything dst holds or has promised. */
static int map_extend(struct store_copy_merge *m, int i, const int64_t b[2], struct hl_err *err)
{
	struct tmap *tm = &m->map[i];
	char sql[160];
	struct q_stmt top;
	struct q_args a = {0};
	int64_t mine = 0, promised = 0, next, at = b[0];
	size_t nold = tm->none + tm->nrun;
	struct id_map *old = hl_malloc((nold + 1) * sizeof(*old));
	int rc;

	if (old == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	if (tm->none > 0)
		memcpy(old, tm->one, tm->none * sizeof(*old));
	if (tm->nrun > 0)
		memcpy(old + tm->none, tm->run, tm->nrun * sizeof(*old));
	qsort(old, nold, sizeof(*old), by_lo);
	snprintf(sql, sizeof(sql), "SELECT coalesce(max(id), 0) FROM %s", store_copy_tables[i]);
	top = copy_stmt(i, K_TOP, sql, NULL);
	rc = q_int(m->dst, &top, NULL, &mine, "đọc số thứ tự", err);
	q_text(&a, store_copy_tables[i], 64);
	if (rc == HL_OK)
		rc = q_int(m->dst, &ranges_top, &a, &promised, "đọc số thứ tự đã chép", err);
	next = (mine > promised ? mine : promised) + 1;
	/* the gaps of b[0]..b[1] between the earlier maps, in order */
	for (size_t k = 0; rc == HL_OK && at <= b[1]; k++) {
		int64_t end = k < nold && old[k].lo - 1 < b[1] ? old[k].lo - 1 : b[1];

		if (end >= at) {
			struct id_map e = {at, end, next - at, false, false};

			next += end - at + 1;
			rc = range_put(m->dst, m->origin, i, e.lo, e.hi, e.delta, false, err);
			if (rc == HL_OK)
				rc = map_add(tm, e, err);
		}
		if (k >= nold)
			break;
		if (old[k].hi + 1 > at)
			at = old[k].hi + 1;
	}
	hl_free(old);
	return rc;
}

static const struct q_stmt foreign_q = Q_STMT2(QS_COPY + 7,
	"SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_schema m,"
	" pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
	"SELECT tc.table_name, k.column_name, u.table_name"
	" FROM information_schema.table_constraints tc"
	" JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name"
	" AND k.table_schema = tc.table_schema"
	" JOIN information_schema.constraint_column_usage u"
	" ON u.constraint_name = tc.constraint_name AND u.table_schema = tc.table_schema"
	" WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()");

static int foreign_row(void *ctx, const struct q_cur *c)
{
	struct hl_err *err = ctx;
	size_t len;
	const char *table = q_col_text(c, 0, &len), *col = q_col_text(c, 1, &len),
		   *to = q_col_text(c, 2, &len);
	int i = copy_table_index(table);

	if (i < 0 || i >= store_copy_ntables || merge_kind(i, true) == M_SKIP ||
		refers_to(table, col) == copy_table_index(to))
		return HL_OK;
	return hl_err_set(err, HL_EINVAL, HL_HERE,
		"lỗi lập trình: cột %s.%s tham chiếu bảng %s mà việc gộp chưa biết cách đổi mã "
		"(store_copy_merge.c, refers_to)",
		table, col, to);
}

/* HL_EINVAL unless every foreign key of the tables merged is one that
 * refers_to rewrites: a migration that adds a reference is caught here,
 * not by ids silently left pointing at another office's rows. */
static int check_references(struct store *st, struct hl_err *err)
{
	return q_each(st, &foreign_q, NULL, foreign_row, err, "đọc các khóa ngoại", err);
}

int store_copy_merge_begin(struct store *src, struct store *dst, struct store_copy_merge **out,
	struct hl_err *err)
{
	struct store_copy_merge *m = hl_calloc(1, sizeof(*m));
	char mine[ORIGIN_MAX];
	int rc;

	*out = NULL;
	if (m == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	m->src = src;
	m->dst = dst;
	rc = check_references(dst, err);
	if (rc == HL_OK)
		rc = read_origin(src, m->origin, err);
	if (rc == HL_OK)
		rc = read_origin(dst, mine, err);
	if (rc == HL_OK && strcmp(mine, m->origin) == 0)
		rc = hl_err_set(err, HL_EINVAL, HL_HERE,
			"nơi gửi và nơi nhận là cùng một cơ sở dữ liệu (hoặc bản sao nguyên tệp "
			"của nhau): không có gì để gộp");
	if (rc != HL_OK) {
		store_copy_merge_end(m);
		return rc;
	}
	*out = m;
	return HL_OK;
}

void store_copy_merge_end(struct store_copy_merge *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < 64; i++) {
		hl_free(m->map[i].one);
		hl_free(m->map[i].run);
	}
	hl_free(m->runs);
	hl_free(m->buf);
	hl_free(m);
}

/* Rows are loaded into a temporary stage (PostgreSQL: COPY) and added from
 * it by one INSERT … SELECT … ON CONFLICT every MERGE_BATCH rows, as an
 * import adds its responses: a statement per row waited for was most of a
 * merge's time. */
#define MERGE_BATCH 4096

/* One row staged: its id in dst and in src, a unit's parent in src (-1:
 * none); skipped: a row before it was there already (its run ends). */
struct staged {
	int64_t dst, src, parent;
	bool skipped;
};

/* One table being merged. */
struct merger {
	struct store_copy_merge *m;
	struct copier cp;
	enum merge_kind kind;
	const struct q_stmt *put, *move, *left, *empty;
	int ref[MAXCOLS]; /* the table each column refers to, or -1 */
	int idcol, parentcol;
	int64_t *parents; /* units: (dst id, src parent) of the rows added */
	size_t nparents, cparents;
	struct staged *batch;
	size_t nbatch;
	bool skipped; /* a row was there already since the last one staged */
	bool broken;  /* a row was not added since the last run began */
	struct store_copy_merged *out;
};

/* a's columns that refer to merged tables rewritten to dst's ids. */
static void rewrite(const struct merger *g, struct q_args *a)
{
	for (int c = 0; c < g->cp.t->n; c++) {
		const struct id_map *e;

		if (g->ref[c] < 0 || a->v[c].kind != QV_I64)
			continue;
		e = map_find(&g->m->map[g->ref[c]], a->v[c].i);
		if (e != NULL)
			a->v[c].i += e->delta;
	}
}

static int note_added(struct merger *g, int64_t id, struct hl_err *err)
{
	struct store_copy_merge *m = g->m;

	g->out->added++;
	if (!g->broken && m->nruns > 0 && m->runs[m->nruns - 1].hi == id - 1) {
		m->runs[m->nruns - 1].hi = id;
		return HL_OK;
	}
	g->broken = false;
	return push(&m->runs, &m->nruns, &m->cruns, sizeof(*m->runs),
		&(struct store_copy_run){id, id}, err);
}

/* A staged row the insert left out (K_LEFT, in id order): dst's row of the
 * same natural key, or a clash that stops the merge. */
struct left {
	int64_t id, found; /* found: 0 when none */
};
struct lefts {
	struct left *v;
	size_t n, cap;
	struct hl_err *err;
};

static int left_row(void *ctx, const struct q_cur *c)
{
	struct lefts *l = ctx;

	return push(&l->v, &l->n, &l->cap, sizeof(*l->v),
		&(struct left){q_col_i64(c, 0), q_col_null(c, 1) ? 0 : q_col_i64(c, 1)}, l->err);
}

/* What became of staged row s: added (its run, its parent), or not (the
 * row of dst's that it is, mapped). l: the rows left out, from *k on. */
static int settle(struct merger *g, const struct staged *s, const struct lefts *l, size_t *k,
	struct hl_err *err)
{
	int rc;

	g->broken |= s->skipped;
	if (*k < l->n && l->v[*k].id == s->dst) {
		const struct left *x = &l->v[(*k)++];

		g->broken = true;
		if (x->found == 0)
			return hl_err_set(err, HL_EEXIST, HL_HERE,
				"bảng %s: dòng số %lld của nơi gửi trùng khóa với một dòng khác đã có "
				"ở nơi nhận; không gộp được hai cơ sở dữ liệu này",
				store_copy_tables[g->cp.t->i], (long long)s->src);
		rc = range_put(g->m->dst, g->m->origin, g->cp.t->i, s->src, s->src,
			x->found - s->src, true, err);
		return rc == HL_OK ?
			map_add(&g->m->map[g->cp.t->i],
				(struct id_map){s->src, s->src, x->found - s->src, false, true},
				err) :
			rc;
	}
	rc = note_added(g, s->dst, err);
	if (rc == HL_OK && s->parent >= 0)
		rc = push(&g->parents, &g->nparents, &g->cparents, sizeof(int64_t[2]),
			(int64_t[2]){s->dst, s->parent}, err);
	return rc;
}

/* The staged rows added to dst and settled; the stage emptied. */
static int flush(struct merger *g, struct hl_err *err)
{
	struct store *dst = g->m->dst;
	struct lefts l = {NULL, 0, 0, err};
	int64_t changed = 0;
	size_t k = 0;
	int rc;

	if (g->nbatch == 0)
		return HL_OK;
	rc = q_bulk_end(dst, "nạp các dòng cần gộp", err);
	if (rc == HL_OK)
		rc = q_exec(dst, g->move, NULL, &changed, "gộp các dòng vào nơi nhận", err);
	if (rc == HL_OK && g->kind == M_IDS && changed < (int64_t)g->nbatch)
		rc = q_each(dst, g->left, NULL, left_row, &l, "tìm dòng trùng ở nơi nhận", err);
	for (size_t b = 0; rc == HL_OK && g->kind == M_IDS && b < g->nbatch; b++)
		rc = settle(g, &g->batch[b], &l, &k, err);
	if (g->kind == M_ROWS)
		g->out->added += changed;
	if (rc == HL_OK)
		rc = q_exec(dst, g->empty, NULL, NULL, "làm trống bảng tạm", err);
	g->nbatch = 0;
	hl_free(l.v);
	return rc;
}

static int merge_row(void *ctx, const struct q_cur *c)
{
	struct merger *g = ctx;
	struct hl_err *err = g->cp.err;
	struct q_args a = {0};
	const struct id_map *e = NULL;
	int64_t src_id = 0;
	int rc = copy_row_args(&g->cp, c, &a);

	if (rc != HL_OK)
		return rc;
	g->out->read++;
	if (g->cp.progress != NULL && ++*g->cp.rows % 1000 == 0)
		g->cp.progress(g->cp.pctx, store_copy_tables[g->cp.t->i], *g->cp.rows);
	if (g->kind == M_IDS) {
		src_id = a.v[g->idcol].i;
		e = map_find(&g->m->map[g->cp.t->i], src_id);
		if (e == NULL || e->old) { /* there since an earlier copy */
			g->skipped = true;
			return HL_OK;
		}
	}
	rewrite(g, &a);
	if (g->kind == M_IDS)
		a.v[g->idcol].i = src_id + e->delta;
	rc = q_bulk(g->m->dst, g->put, &a, "nạp các dòng cần gộp", err);
	if (rc != HL_OK)
		return rc;
	g->batch[g->nbatch++] = (struct staged){src_id + (e != NULL ? e->delta : 0), src_id,
		g->parentcol >= 0 && !q_col_null(c, g->parentcol) ? q_col_i64(c, g->parentcol) : -1,
		g->skipped};
	g->skipped = false;
	return g->nbatch == MERGE_BATCH ? flush(g, err) : HL_OK;
}

/* units.parent_id of the units added, through the map. */
static int merge_parents(struct merger *g, struct hl_err *err)
{
	const struct q_stmt set = copy_stmt(g->cp.t->i, K_PARENT_SET,
		"UPDATE units SET parent_id = $1 WHERE id = $2", NULL);
	int rc = HL_OK;

	for (size_t k = 0; k < g->nparents && rc == HL_OK; k++) {
		struct q_args a = {0};
		int64_t parent = g->parents[2 * k + 1];
		const struct id_map *e = map_find(&g->m->map[g->cp.t->i], parent);

		q_i64(&a, e != NULL ? parent + e->delta : parent);
		q_i64(&a, g->parents[2 * k]);
		rc = q_exec(g->m->dst, &set, &a, NULL, "đặt đơn vị cấp trên", err);
	}
	return rc;
}

/* The stage's statements for table t (columns cols) in sql[K_STAGE..K_EMPTY]
 * (PostgreSQL's own text in pg[], NULL: the same): the stage made, one row
 * loaded, its rows added (dst's row kept on a clash; the counters: the
 * greater), and, with ids, the rows left out with the row of dst's that has
 * their natural key. */
static int stage_statements(struct hl_arena *ar, const struct table *t, enum merge_kind kind,
	const char *cols, const char *sql[], const char *pg[], struct hl_err *err)
{
	const char *name = store_copy_tables[t->i];
	const struct natural *nat = kind == M_IDS ? natural_of(t->i) : NULL;
	char *stage = hl_arena_printf(ar, "merge_%s", name), *join = hl_arena_alloc(ar, 640),
	     *on = hl_arena_printf(ar, " LEFT JOIN %s d ON", name), *read, *ins, *cp;
	size_t n = 0;
	int rc;

	if (stage == NULL || join == NULL || on == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	join[0] = '\0';
	for (int k = 0; nat != NULL && k < 4 && nat->cols[k] != NULL; k++)
		n += (size_t)snprintf(join + n, 640 - n, "%s d.%s = s.%s", k > 0 ? " AND" : on,
			nat->cols[k], nat->cols[k]);
	if ((rc = copy_statements(ar, t, stage, &read, &ins, &cp, NULL, err)) != HL_OK)
		return rc;
	sql[K_PUT] = ins;
	pg[K_PUT] = cp;
	sql[K_STAGE] = hl_arena_printf(ar,
		"CREATE TEMP TABLE IF NOT EXISTS %s AS SELECT %s FROM %s WHERE false", stage, cols,
		name);
	/* "WHERE true": SQLite would read ON CONFLICT as a join's ON without it */
	sql[K_MOVE] = hl_arena_printf(ar,
		"INSERT INTO %s (%s) SELECT %s FROM %s WHERE true ON CONFLICT %s", name, cols, cols,
		stage,
		kind == M_MAX ? "(kind, unit_id, scope) DO UPDATE SET n = CASE WHEN excluded.n > "
				"counters.n THEN excluded.n ELSE counters.n END" :
				"DO NOTHING");
	/* only rows with an id can be left out unexplained */
	sql[K_LEFT] = kind != M_IDS ?
		"" :
		hl_arena_printf(ar,
			"SELECT s.id, %s FROM %s s%s WHERE NOT EXISTS (SELECT 1 "
			"FROM %s x WHERE x.id = s.id) ORDER BY s.id",
			nat != NULL ? "d.id" : "NULL", stage, join, name);
	sql[K_EMPTY] = hl_arena_printf(ar, "DELETE FROM %s", stage);
	/* PostgreSQL never vacuums a temporary table: emptied whole */
	pg[K_EMPTY] = hl_arena_printf(ar, "TRUNCATE %s", stage);
	for (int k = K_STAGE; k <= K_EMPTY; k++)
		if (sql[k] == NULL || (k == K_EMPTY && pg[k] == NULL))
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	return HL_OK;
}

int store_copy_merge_table(struct store_copy_merge *m, int i, store_copy_fn progress, void *pctx,
	int64_t *rows, struct store_copy_merged *out, struct hl_err *err)
{
	struct hl_arena *ar = hl_arena_new((size_t)64 * 1024);
	struct table t;
	struct merger g = {m, {m->dst, &t, NULL, NULL, 0, 0, rows, progress, pctx, err}, M_SKIP,
		NULL, NULL, NULL, NULL, {0}, -1, -1, NULL, 0, 0, NULL, 0, false, false, out};
	struct q_stmt sel, st[K_EMPTY + 1];
	const char *sql[K_EMPTY + 1] = {NULL}, *pg[K_EMPTY + 1] = {NULL};
	char *select = NULL, *insert = NULL, *copy = NULL, *cols = NULL;
	int64_t b[2] = {1, 0};
	int rc;

	*out = (struct store_copy_merged){0, 0, NULL, 0, true};
	m->nruns = 0;
	g.cp.buf = m->buf;
	g.cp.cap = m->cap;
	if (ar == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép");
	rc = copy_common_columns(m->src, m->dst, i, &t, err);
	if (rc != HL_OK || (g.kind = merge_kind(i, t.has_id)) == M_SKIP)
		goto cleanup;
	out->counted = g.kind != M_MAX;
	for (int c = 0; c < t.n; c++) {
		g.ref[c] = refers_to(store_copy_tables[i], t.names[c]);
		if (strcmp(t.names[c], "id") == 0)
			g.idcol = c;
		if (t.has_parent && strcmp(t.names[c], "parent_id") == 0)
			g.parentcol = c;
	}
	g.batch = hl_malloc(MERGE_BATCH * sizeof(*g.batch));
	rc = g.batch == NULL ? hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sao chép") :
			       copy_statements(ar, &t, NULL, &select, &insert, &copy, &cols, err);
	if (rc == HL_OK)
		rc = stage_statements(ar, &t, g.kind, cols, sql, pg, err);
	if (rc == HL_OK && g.kind == M_IDS)
		rc = map_load(m, i, err);
	if (rc == HL_OK && g.kind == M_IDS)
		rc = id_bounds(m->src, i, b, err);
	if (rc == HL_OK && g.kind == M_IDS)
		rc = map_extend(m, i, b, err);
	if (rc != HL_OK)
		goto cleanup;
	sel = copy_stmt(i, K_SELECT, select, NULL);
	for (int k = K_STAGE; k <= K_EMPTY; k++)
		st[k] = copy_stmt(i, k, sql[k], pg[k]);
	g.put = &st[K_PUT];
	g.move = &st[K_MOVE];
	g.left = &st[K_LEFT];
	g.empty = &st[K_EMPTY];
	rc = q_exec(m->dst, &st[K_STAGE], NULL, NULL, "tạo bảng tạm để gộp", err);
	if (rc == HL_OK)
		rc = q_exec(m->dst, g.empty, NULL, NULL, "làm trống bảng tạm", err);
	if (rc == HL_OK && !t.has_id) {
		rc = q_each(m->src, &sel, NULL, merge_row, &g, "đọc một bảng để gộp", err);
	} else if (rc == HL_OK) {
		int64_t before;

		do {
			struct q_args a = {0};

			before = out->read;
			q_i64(&a, g.cp.last_id);
			q_i64(&a, COPY_PAGE);
			rc = q_each(m->src, &sel, &a, merge_row, &g, "đọc một bảng để gộp", err);
		} while (rc == HL_OK && out->read - before == COPY_PAGE);
	}
	if (rc == HL_OK)
		rc = flush(&g, err);
	if (rc == HL_OK && m->map[i].none > 1)
		qsort(m->map[i].one, m->map[i].none, sizeof(*m->map[i].one), by_lo);
	if (rc == HL_OK && g.nparents > 0)
		rc = merge_parents(&g, err);
	out->runs = m->runs;
	out->nruns = m->nruns;
cleanup:
	m->buf = g.cp.buf;
	m->cap = g.cp.cap;
	hl_free(g.parents);
	hl_free(g.batch);
	hl_arena_free(ar);
	return rc;
}

int store_copy_mark(struct store *src, struct store *dst, struct hl_err *err)
{
	char origin[ORIGIN_MAX];
	int rc = read_origin(src, origin, err);

	for (int i = 0; rc == HL_OK && i < store_copy_ntables; i++) {
		struct table t;
		int64_t b[2];

		if ((rc = copy_columns(dst, i, &t, err)) != HL_OK)
			break;
		for (int c = 0; c < t.n; c++)
			t.has_id |= strcmp(t.names[c], "id") == 0 && t.kind[c] == C_INT;
		if (merge_kind(i, t.has_id) != M_IDS)
			continue;
		rc = id_bounds(dst, i, b, err);
		if (rc == HL_OK && b[0] <= b[1])
			rc = range_put(dst, origin, i, b[0], b[1], 0, false, err);
	}
	return rc;
}

int store_copy_dossier_sums(struct store *st, int64_t lo, int64_t hi, struct hl_err *err)
{
	return q_dossier_sums_ids(st, lo, hi, err);
}
