/* store_sqlite_row.c — the SQLite backend's one binder and one reader of
 * rows (store_sqlite_priv.h: struct sq_col), so that each struct's columns
 * are written once, as a table, instead of a bind and a read function. */
#include "store/store_sqlite_priv.h"

int sq_bind_row(sqlite3_stmt *s, int first, const struct sq_col *cols, size_t n, const void *row)
{
	const unsigned char *base = row;
	int rc = SQLITE_OK;

	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		const void *f = base + cols[i].off;
		int p = first + (int)i;
		int64_t v64;
		int v;
		hl_day d;

		switch (cols[i].kind) {
		case SQK_I64:
		case SQK_ID:
		case SQK_MINUTE:
			memcpy(&v64, f, sizeof(v64));
			rc = cols[i].kind == SQK_I64   ? sqlite3_bind_int64(s, p, v64) :
				cols[i].kind == SQK_ID ? bind_id(s, p, v64) :
							 bind_minute(s, p, v64);
			break;
		case SQK_INT:
			memcpy(&v, f, sizeof(v));
			rc = sqlite3_bind_int(s, p, v);
			break;
		case SQK_BOOL: rc = sqlite3_bind_int(s, p, *(const bool *)f ? 1 : 0); break;
		case SQK_DAY:
			memcpy(&d, f, sizeof(d));
			rc = bind_day(s, p, d);
			break;
		case SQK_TEXT: rc = bind_str(s, p, f, cols[i].size); break;
		case SQK_TEXT_NULL: rc = bind_str_null(s, p, f, cols[i].size); break;
		case SQK_HASH:
			rc = sqlite3_bind_blob(s, p, f, STORE_HASH_LEN, SQLITE_STATIC);
			break;
		}
	}
	return rc;
}

void sq_read_row(sqlite3_stmt *s, int first, const struct sq_col *cols, size_t n, void *row)
{
	unsigned char *base = row;

	for (size_t i = 0; i < n; i++) {
		void *f = base + cols[i].off;
		int c = first + (int)i;
		int64_t v64;
		int v;
		bool b;
		hl_day d;
		const void *blob;

		switch (cols[i].kind) {
		case SQK_I64:
		case SQK_ID:
		case SQK_MINUTE:
			v64 = cols[i].kind == SQK_MINUTE ? col_minute(s, c) :
							   sqlite3_column_int64(s, c);
			memcpy(f, &v64, sizeof(v64));
			break;
		case SQK_INT:
			v = sqlite3_column_int(s, c);
			memcpy(f, &v, sizeof(v));
			break;
		case SQK_BOOL:
			b = sqlite3_column_int(s, c) != 0;
			memcpy(f, &b, sizeof(b));
			break;
		case SQK_DAY:
			d = col_day(s, c);
			memcpy(f, &d, sizeof(d));
			break;
		case SQK_TEXT:
		case SQK_TEXT_NULL: sq_col_text(s, c, f, cols[i].size); break;
		case SQK_HASH:
			blob = sqlite3_column_blob(s, c);
			if (blob != NULL && sqlite3_column_bytes(s, c) == STORE_HASH_LEN)
				memcpy(f, blob, STORE_HASH_LEN);
			else
				memset(f, 0, STORE_HASH_LEN);
			break;
		}
	}
}

/* sq_list_rows and sq_list_cols: each row read by fn, or else by cols. */
static int list_rows(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_arena *a, size_t elem,
	row_fn fn, const struct sq_col *cols, size_t ncols, void *out, size_t *n,
	struct hl_err *err)
{
	void *arr = NULL;
	size_t count = 0, cap = 0;
	int rc = HL_OK, step;

	*(void **)out = NULL;
	*n = 0;
	if (s == NULL)
		return HL_EIO;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (sq_grow(a, &arr, count, &cap, elem) != HL_OK) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi %s (đã đọc %zu dòng)", op, count);
			goto cleanup;
		}
		if (fn != NULL)
			fn(s, (char *)arr + count * elem);
		else
			sq_read_row(s, 0, cols, ncols, (char *)arr + count * elem);
		count++;
	}
	if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	*(void **)out = arr;
	*n = count;
cleanup:
	sqlite3_reset(s);
	return rc;
}

int sq_list_rows(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_arena *a, size_t elem,
	row_fn fn, void *out, size_t *n, struct hl_err *err)
{
	return list_rows(q, s, op, a, elem, fn, NULL, 0, out, n, err);
}

int sq_list_cols(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_arena *a, size_t elem,
	const struct sq_col *cols, size_t ncols, void *out, size_t *n, struct hl_err *err)
{
	return list_rows(q, s, op, a, elem, NULL, cols, ncols, out, n, err);
}

int sq_scan(struct sq *q, sqlite3_stmt *s, const char *op, scan_fn fn, void *ctx,
	struct hl_err *err)
{
	int rc = HL_OK, step;

	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		SQ_CALLBACK(q, rc, fn(s, ctx));
		if (rc != 0)
			goto cleanup;
	}
	if (step != SQLITE_DONE)
		rc = sq_err(q, err, HL_HERE, op);
cleanup:
	sqlite3_reset(s);
	return rc;
}

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

static int bind_arg(sqlite3_stmt *s, int p, const struct sq_arg *a)
{
	switch (a->kind) {
	case SQK_I64: return sqlite3_bind_int64(s, p, a->v);
	case SQK_INT: return sqlite3_bind_int(s, p, (int)a->v);
	case SQK_BOOL: return sqlite3_bind_int(s, p, a->v != 0 ? 1 : 0);
	case SQK_ID: return bind_id(s, p, a->v);
	case SQK_DAY: return bind_day(s, p, (hl_day)a->v);
	case SQK_MINUTE: return bind_minute(s, p, a->v);
	case SQK_TEXT: return bind_str(s, p, a->p, a->cap);
	case SQK_TEXT_NULL: return bind_str_null(s, p, a->p, a->cap);
	case SQK_HASH: return sqlite3_bind_blob(s, p, a->p, STORE_HASH_LEN, SQLITE_STATIC);
	}
	return SQLITE_MISUSE;
}

int sq_bind_args(struct sq *q, sqlite3_stmt *s, const char *op, const struct sq_arg *args, size_t n,
	struct hl_err *err)
{
	if (s == NULL)
		return HL_EIO;
	for (size_t i = 0; i < n; i++)
		if (bind_arg(s, (int)i + 1, &args[i]) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
	return HL_OK;
}

int sq_exec(struct sq *q, sqlite3_stmt *s, const char *op, const struct sq_arg *args, size_t n,
	int64_t *out, struct hl_err *err)
{
	int rc = sq_bind_args(q, s, op, args, n, err), step;

	if (rc != HL_OK)
		return rc;
	if (out == NULL)
		return sq_step_done(q, s, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	else if (step != SQLITE_DONE)
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	return rc;
}

int sq_put_row(struct sq *q, sqlite3_stmt *s, const char *op, const struct sq_col *cols, size_t n,
	const void *row, int64_t *id, struct hl_err *err)
{
	if (s == NULL)
		return HL_EIO;
	if (sq_bind_row(s, 1, cols, n, row) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return id != NULL ? sq_step_id(q, s, op, id, err) : sq_step_done(q, s, op, err);
}
