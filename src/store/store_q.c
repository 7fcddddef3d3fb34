/* store_q.c — the backend-neutral half of store_q.h: parameters, the row
 * reader over a driver's columns, and the run shapes (exec, int, one,
 * list, each) over its one run function. */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/text.h"

static struct q_val *next(struct q_args *a)
{
	if (a->n >= Q_MAXARGS) {
		a->bad = true;
		return NULL;
	}
	a->v[a->n] = (struct q_val){QV_NULL, 0, 0, NULL, 0};
	return &a->v[a->n++];
}

void q_i64(struct q_args *a, int64_t v)
{
	struct q_val *x = next(a);

	if (x != NULL)
		*x = (struct q_val){QV_I64, v, 0, NULL, 0};
}

const struct q_stmt *q_unit(struct q_args *a, int64_t unit_id, const struct q_stmt *one,
	const struct q_stmt *all)
{
	if (unit_id == 0)
		return all;
	q_i64(a, unit_id);
	return one;
}

void q_f64(struct q_args *a, double v)
{
	struct q_val *x = next(a);

	if (x != NULL)
		*x = (struct q_val){QV_F64, 0, v, NULL, 0};
}

void q_text(struct q_args *a, const char *s, size_t cap)
{
	struct q_val *x = next(a);
	const char *end = s != NULL ? memchr(s, '\0', cap) : NULL;

	if (x == NULL)
		return;
	if (end == NULL) {
		a->bad = true;
		return;
	}
	*x = (struct q_val){QV_TEXT, 0, 0, s, (size_t)(end - s)};
}

void q_null(struct q_args *a)
{
	next(a);
}

void q_blob(struct q_args *a, const void *p, size_t len)
{
	struct q_val *x = next(a);

	if (x != NULL)
		*x = (struct q_val){QV_BLOB, 0, 0, p, len};
}

void q_row(struct q_args *a, const struct sq_col *cols, size_t n, const void *row)
{
	const unsigned char *base = row;

	for (size_t i = 0; i < n; i++) {
		const void *f = base + cols[i].off;
		int64_t v64;
		int v;
		hl_day d;

		switch (cols[i].kind) {
		case SQK_I64:
		case SQK_ID:
		case SQK_MINUTE:
			memcpy(&v64, f, sizeof(v64));
			if ((cols[i].kind == SQK_ID && v64 == 0) ||
				(cols[i].kind == SQK_MINUTE && v64 == -1))
				q_null(a);
			else
				q_i64(a, v64);
			break;
		case SQK_INT:
			memcpy(&v, f, sizeof(v));
			q_i64(a, v);
			break;
		case SQK_BOOL: q_i64(a, *(const bool *)f ? 1 : 0); break;
		case SQK_DAY:
			memcpy(&d, f, sizeof(d));
			if (d == HL_DAY_NONE)
				q_null(a);
			else
				q_i64(a, d);
			break;
		case SQK_TEXT: q_text(a, f, cols[i].size); break;
		case SQK_TEXT_NULL:
			if (((const char *)f)[0] == '\0')
				q_null(a);
			else
				q_text(a, f, cols[i].size);
			break;
		case SQK_HASH: q_blob(a, f, STORE_HASH_LEN); break;
		}
	}
}

bool q_col_null(const struct q_cur *c, int i)
{
	return c->ops->null(c, i);
}

int64_t q_col_i64(const struct q_cur *c, int i)
{
	return c->ops->null(c, i) ? 0 : c->ops->i64(c, i);
}

double q_col_f64(const struct q_cur *c, int i)
{
	return c->ops->null(c, i) ? 0 : c->ops->f64(c, i);
}

const char *q_col_text(const struct q_cur *c, int i, size_t *len)
{
	return c->ops->bytes(c, i, len);
}

int q_col_copy(const struct q_cur *c, int i, void *dst, size_t cap)
{
	size_t len = 0;
	const void *p = c->ops->null(c, i) ? NULL : c->ops->bytes(c, i, &len);

	if (p == NULL || len > cap)
		len = p == NULL ? 0 : cap;
	if (len > 0)
		memcpy(dst, p, len);
	memset((unsigned char *)dst + len, 0, cap - len);
	return (int)len;
}

void q_read(const struct q_cur *c, int first, const struct sq_col *cols, size_t n, void *row)
{
	unsigned char *base = row;

	for (size_t k = 0; k < n; k++) {
		void *f = base + cols[k].off;
		int i = first + (int)k;
		bool null = c->ops->null(c, i);
		int64_t v64 = null ? 0 : c->ops->i64(c, i);
		int v = (int)v64;
		bool b = v64 != 0;
		hl_day d = null || v64 < INT32_MIN || v64 > INT32_MAX ? HL_DAY_NONE : (hl_day)v64;
		const void *p;
		size_t len;

		switch (cols[k].kind) {
		case SQK_I64:
		case SQK_ID: memcpy(f, &v64, sizeof(v64)); break;
		case SQK_MINUTE:
			v64 = null ? -1 : v64;
			memcpy(f, &v64, sizeof(v64));
			break;
		case SQK_INT: memcpy(f, &v, sizeof(v)); break;
		case SQK_BOOL: memcpy(f, &b, sizeof(b)); break;
		case SQK_DAY: memcpy(f, &d, sizeof(d)); break;
		case SQK_TEXT:
		case SQK_TEXT_NULL:
			p = c->ops->bytes(c, i, &len);
			hl_copy_text(f, cols[k].size, p, null ? 0 : len);
			break;
		case SQK_HASH:
			p = c->ops->bytes(c, i, &len);
			if (!null && len == STORE_HASH_LEN)
				memcpy(f, p, STORE_HASH_LEN);
			else
				memset(f, 0, STORE_HASH_LEN);
			break;
		}
	}
}

static const struct q_driver *driver(struct store *st)
{
	return *(const struct q_driver *const *)st->priv;
}

static int run(struct store *st, const struct q_stmt *s, const struct q_args *a, q_row_fn fn,
	void *ctx, int64_t *changed, const char *op, struct hl_err *err)
{
	if (a != NULL && a->bad)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lỗi lập trình khi %s: quá %d tham số hoặc một chuỗi không kết thúc", op,
			Q_MAXARGS);
	return driver(st)->run(st, s, a, fn, ctx, changed, op, err);
}

int q_op_begin(struct store *st, const char *op, struct hl_err *err)
{
	return driver(st)->op_begin(st, op, err);
}

int q_op_end(struct store *st, int rc, const char *op, struct hl_err *err)
{
	return driver(st)->op_end(st, rc, op, err);
}

int q_exec(struct store *st, const struct q_stmt *s, const struct q_args *a, int64_t *changed,
	const char *op, struct hl_err *err)
{
	return run(st, s, a, NULL, NULL, changed, op, err);
}

int q_exec_later(struct store *st, const struct q_stmt *s, const struct q_args *a, const char *op,
	struct hl_err *err)
{
	const struct q_driver *d = driver(st);

	if (d->later == NULL || (a != NULL && a->bad))
		return run(st, s, a, NULL, NULL, NULL, op, err);
	return d->later(st, s, a, op, err);
}

bool q_keeps_later(struct store *st)
{
	const struct q_driver *d = driver(st);

	return d->later != NULL && d->take_id != NULL;
}

int q_take_id(struct store *st, const struct q_stmt *s, int64_t *id, const char *op,
	struct hl_err *err)
{
	const struct q_driver *d = driver(st);

	if (d->take_id == NULL)
		return hl_err_set(err, HL_EIO, HL_HERE, "%s: kho này không cấp mã trước", op);
	return d->take_id(st, s, id, op, err);
}

int q_bulk(struct store *st, const struct q_stmt *s, const struct q_args *a, const char *op,
	struct hl_err *err)
{
	const struct q_driver *d = driver(st);

	if (d->bulk == NULL || (a != NULL && a->bad))
		return run(st, s, a, NULL, NULL, NULL, op, err);
	return d->bulk(st, s, a, op, err);
}

int q_bulk_end(struct store *st, const char *op, struct hl_err *err)
{
	const struct q_driver *d = driver(st);

	return d->bulk_end != NULL ? d->bulk_end(st, op, err) : HL_OK;
}

struct first {
	bool got;
	int64_t v;
	const struct sq_col *cols;
	size_t ncols;
	q_read_fn fn;
	void *out;
};

static int take_first(void *ctx, const struct q_cur *c)
{
	struct first *f = ctx;

	if (f->got)
		return HL_OK;
	f->got = true;
	if (f->fn != NULL)
		f->fn(c, f->out);
	else if (f->cols != NULL)
		q_read(c, 0, f->cols, f->ncols, f->out);
	else
		f->v = q_col_i64(c, 0);
	return HL_OK;
}

int q_int(struct store *st, const struct q_stmt *s, const struct q_args *a, int64_t *v,
	const char *op, struct hl_err *err)
{
	struct first f = {0};
	int rc = run(st, s, a, take_first, &f, NULL, op, err);

	if (rc == HL_OK && !f.got)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có dòng nào khi %s", op);
	if (rc == HL_OK)
		*v = f.v;
	return rc;
}

static int get(struct store *st, const struct q_stmt *s, const struct q_args *a, struct first *f,
	size_t size, const char *op, const char *missing, struct hl_err *err)
{
	int rc;

	memset(f->out, 0, size);
	rc = run(st, s, a, take_first, f, NULL, op, err);
	if (rc == HL_OK && !f->got)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "%s", missing);
	return rc;
}

int q_get(struct store *st, const struct q_stmt *s, const struct q_args *a,
	const struct sq_col *cols, size_t ncols, void *out, size_t size, const char *op,
	const char *missing, struct hl_err *err)
{
	struct first f = {.cols = cols, .ncols = ncols, .out = out};

	return get(st, s, a, &f, size, op, missing, err);
}

int q_get_fn(struct store *st, const struct q_stmt *s, const struct q_args *a, q_read_fn fn,
	void *out, size_t size, const char *op, const char *missing, struct hl_err *err)
{
	struct first f = {.fn = fn, .out = out};

	return get(st, s, a, &f, size, op, missing, err);
}

struct listing {
	struct hl_arena *a;
	size_t elem, count, cap;
	const struct sq_col *cols;
	size_t ncols;
	q_read_fn fn;
	unsigned char *arr;
	const char *op;
	struct hl_err *err;
};

static int add_row(void *ctx, const struct q_cur *c)
{
	struct listing *l = ctx;

	if (l->count == l->cap) {
		size_t ncap = l->cap != 0 ? l->cap * 2 : 16;
		unsigned char *n = hl_arena_alloc(l->a, ncap * l->elem);

		if (n == NULL)
			return hl_err_set(l->err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi %s (đã đọc %zu dòng)", l->op, l->count);
		if (l->count > 0)
			memcpy(n, l->arr, l->count * l->elem);
		l->arr = n;
		l->cap = ncap;
	}
	memset(l->arr + l->count * l->elem, 0, l->elem);
	if (l->fn != NULL)
		l->fn(c, l->arr + l->count * l->elem);
	else
		q_read(c, 0, l->cols, l->ncols, l->arr + l->count * l->elem);
	l->count++;
	return HL_OK;
}

static int list(struct store *st, const struct q_stmt *s, const struct q_args *a, struct listing *l,
	void *out, size_t *n, struct hl_err *err)
{
	int rc = run(st, s, a, add_row, l, NULL, l->op, err);

	*(void **)out = rc == HL_OK && l->count > 0 ? l->arr : NULL;
	*n = rc == HL_OK ? l->count : 0;
	return rc;
}

int q_list(struct store *st, const struct q_stmt *s, const struct q_args *a, struct hl_arena *ar,
	size_t elem, const struct sq_col *cols, size_t ncols, void *out, size_t *n, const char *op,
	struct hl_err *err)
{
	struct listing l =
		{.a = ar, .elem = elem, .cols = cols, .ncols = ncols, .op = op, .err = err};

	return list(st, s, a, &l, out, n, err);
}

int q_list_fn(struct store *st, const struct q_stmt *s, const struct q_args *a, struct hl_arena *ar,
	size_t elem, q_read_fn fn, void *out, size_t *n, const char *op, struct hl_err *err)
{
	struct listing l = {.a = ar, .elem = elem, .fn = fn, .op = op, .err = err};

	return list(st, s, a, &l, out, n, err);
}

int q_each(struct store *st, const struct q_stmt *s, const struct q_args *a, q_row_fn fn, void *ctx,
	const char *op, struct hl_err *err)
{
	return run(st, s, a, fn, ctx, NULL, op, err);
}

void q_utc_now(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, size, "%lld", (long long)now);
}

static const struct q_stmt version_get = Q_STMT(QS_SCHEMA + 0,
	"SELECT coalesce(max(version), 0) FROM schema_version");
static const struct q_stmt version_put = Q_STMT(QS_SCHEMA + 1,
	"INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)");

/* The steps after the recorded version, each recorded as it is applied. */
static int apply(struct store *st, const struct q_migrations *m, const char *op, struct hl_err *err)
{
	const struct q_driver *d = driver(st);
	int64_t cur = 0;
	int rc = d->script(st,
		"CREATE TABLE IF NOT EXISTS schema_version ("
		" version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
		op, err);

	if (rc == HL_OK)
		rc = q_int(st, &version_get, NULL, &cur, "đọc phiên bản lược đồ", err);
	if (rc == HL_OK && cur > m->n)
		rc = hl_err_set(err, HL_EINVAL, HL_HERE,
			"cơ sở dữ liệu %s có lược đồ phiên bản %lld, mới hơn bản hailong này "
			"(phiên bản %d): hãy dùng bản hailong mới hơn",
			m->where, (long long)cur, m->n);
	for (int i = (int)cur; rc == HL_OK && i < m->n; i++) {
		struct q_args a = {0};
		char what[64], now[32];

		snprintf(what, sizeof(what), "áp dụng bản cập nhật lược đồ %d", i + 1);
		rc = d->script(st, m->steps[i], what, err);
		q_utc_now(now, sizeof(now));
		q_i64(&a, i + 1);
		q_text(&a, now, sizeof(now));
		if (rc == HL_OK)
			rc = q_exec(st, &version_put, &a, NULL, "ghi phiên bản lược đồ", err);
	}
	return rc;
}

int q_migrate(struct store *st, const struct q_migrations *m, int *version, struct hl_err *err)
{
	const struct q_driver *d = driver(st);
	const char *op = "cập nhật lược đồ";
	int rc = d->script(st, m->begin, op, err);

	if (rc != HL_OK)
		return rc;
	rc = apply(st, m, op, err);
	if (rc == HL_OK)
		rc = d->script(st, m->commit, op, err);
	if (rc != HL_OK) {
		/* the first error is the one to report */
		d->script(st, m->undo, op, NULL);
		return rc;
	}
	*version = m->n;
	return HL_OK;
}

const char *q_tx_name(enum store_tx what)
{
#define NAME(step, name) [STORE_TX_##step] = name,
	static const char *const names[STORE_TX_COUNT] = {STORE_TX_STEPS(NAME)};
#undef NAME

	return (int)what >= 0 && what < STORE_TX_COUNT ? names[what] : "giao dịch";
}
