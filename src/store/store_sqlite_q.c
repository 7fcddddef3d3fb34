/* store_sqlite_q.c — the SQLite driver of store_q.h: statements prepared
 * once per connection in their slot (q->qs), parameters bound by position
 * after checking at prepare time that the SQL names them $1, $2... in that
 * order, rows read through a cursor while the connection is marked as
 * scanning (a callback cannot call the store). */
#include "store/store_q.h"
#include "store/store_sqlite_priv.h"

#include <stdio.h>

static bool cur_null(const struct q_cur *c, int i)
{
	return sqlite3_column_type(c->h, i) == SQLITE_NULL;
}

static int64_t cur_i64(const struct q_cur *c, int i)
{
	return sqlite3_column_int64(c->h, i);
}

static double cur_f64(const struct q_cur *c, int i)
{
	return sqlite3_column_double(c->h, i);
}

static const void *cur_bytes(const struct q_cur *c, int i, size_t *len)
{
	const void *p = sqlite3_column_type(c->h, i) == SQLITE_BLOB ? sqlite3_column_blob(c->h, i) :
								      sqlite3_column_text(c->h, i);

	*len = p != NULL ? (size_t)sqlite3_column_bytes(c->h, i) : 0;
	return p != NULL ? p : "";
}

static const struct q_curops curops = {cur_null, cur_i64, cur_f64, cur_bytes};

/* s's parameters must be $1, $2... in order of first appearance, so that
 * binding by position binds by number. */
static int check_params(sqlite3_stmt *s, const char *op, struct hl_err *err)
{
	int n = sqlite3_bind_parameter_count(s);

	for (int i = 1; i <= n; i++) {
		char want[16];
		const char *name = sqlite3_bind_parameter_name(s, i);

		snprintf(want, sizeof(want), "$%d", i);
		if (name == NULL || strcmp(name, want) != 0)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"lỗi lập trình khi %s: tham số thứ %d của câu lệnh là '%s', phải là "
				"'%s' (đánh số theo thứ tự xuất hiện)",
				op, i, name != NULL ? name : "?", want);
	}
	return HL_OK;
}

static int bind(sqlite3_stmt *s, const struct q_args *a)
{
	int rc = SQLITE_OK;

	for (int i = 0; a != NULL && i < a->n && rc == SQLITE_OK; i++) {
		const struct q_val *v = &a->v[i];

		switch (v->kind) {
		case QV_NULL: rc = sqlite3_bind_null(s, i + 1); break;
		case QV_I64: rc = sqlite3_bind_int64(s, i + 1, v->i); break;
		case QV_F64: rc = sqlite3_bind_double(s, i + 1, v->d); break;
		case QV_TEXT:
			rc = sqlite3_bind_text(s, i + 1, v->p, (int)v->len, SQLITE_STATIC);
			break;
		case QV_BLOB:
			rc = sqlite3_bind_blob(s, i + 1, v->p, (int)v->len, SQLITE_STATIC);
			break;
		}
	}
	return rc;
}

int sq_q_run(struct store *st, const struct q_stmt *stmt, const struct q_args *a, q_row_fn fn,
	void *ctx, int64_t *changed, const char *op, struct hl_err *err)
{
	struct sq *q = st->priv;
	sqlite3_stmt **slot = &q->qs[stmt->slot], *s;
	struct q_cur c = {&curops, NULL, 0};
	int rc = HL_OK, step;

	if (stmt->slot < 0 || stmt->slot >= Q_SLOTS)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "lỗi lập trình khi %s: ô câu lệnh %d",
			op, stmt->slot);
	if (*slot == NULL) {
		if ((s = sq_prepare(q, slot, stmt->sql, op, err)) == NULL)
			return HL_EIO;
		if ((rc = check_params(s, op, err)) != HL_OK) {
			sqlite3_finalize(s);
			*slot = NULL;
			return rc;
		}
	} else if ((s = sq_prepare(q, slot, stmt->sql, op, err)) == NULL) {
		return HL_EIO;
	}
	if (a != NULL && sqlite3_bind_parameter_count(s) != a->n)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lỗi lập trình khi %s: câu lệnh cần %d tham số, có %d", op,
			sqlite3_bind_parameter_count(s), a->n);
	if (bind(s, a) != SQLITE_OK) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	c.h = s;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (fn != NULL)
			SQ_CALLBACK(q, rc, fn(ctx, &c));
		if (rc != HL_OK)
			goto cleanup;
		c.row++;
	}
	if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	if (changed != NULL)
		*changed = sqlite3_changes64(q->db);
cleanup:
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}
