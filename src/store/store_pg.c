/* store_pg.c — the PostgreSQL backend (issue 13): the connection, its
 * transactions and the migrations; each area's operations are in their own
 * store_pg_*.c, as SQLite's are.
 *
 * Transactions run at READ COMMITTED: the tallies, rollups, sums and rate
 * counters are additive upserts (n = n + excluded.n), which PostgreSQL
 * re-applies to the newest row when two writers meet, and feedback and plan
 * updates are compare-and-set on a version column; where a rule needs more
 * (a kiosk's burst, a number), the area takes an advisory lock inside its
 * transaction. A serialization failure or deadlock is HL_ERETRY: the writer
 * runs the transaction again. */
#include "store/store_pg.h"
#include "store/store_pg_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"

/* pg_advisory_xact_lock's key for migrating: one process at a time. */
#define MIGRATE_LOCK 0x686c6d6967LL /* "hlmig" */

int pg_err(struct pg *p, const PGresult *r, struct hl_err *err, const char *where, const char *op)
{
	const char *state = r != NULL ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r != NULL ? PQresultErrorMessage(r) : PQerrorMessage(p->c);
	char text[512];
	int code = HL_EIO;
	size_t n;

	if (state != NULL) {
		if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
			code = HL_ERETRY;
		else if (strcmp(state, "23505") == 0)
			code = HL_EEXIST;
		else if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0)
			code = HL_ECORRUPT;
		else if (strcmp(state, "53200") == 0)
			code = HL_ENOMEM;
	}
	/* libpq ends its messages with a newline */
	snprintf(text, sizeof(text), "%s", msg != NULL && msg[0] != '\0' ? msg : "không rõ lỗi");
	n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = '\0';
	return hl_err_set(err, code, where, "lỗi PostgreSQL khi %s (%s): %s", op, p->where, text);
}

void store_pg_describe(const char *conninfo, char *buf, size_t size)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
	const char *user = "", *host = "", *port = "", *db = "";

	snprintf(buf, size, "PostgreSQL");
	if (opts == NULL)
		return;
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL)
			continue;
		if (strcmp(o->keyword, "user") == 0)
			user = o->val;
		else if (strcmp(o->keyword, "host") == 0)
			host = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (strcmp(o->keyword, "dbname") == 0)
			db = o->val;
	}
	snprintf(buf, size, "postgresql://%s%s%s%s%s/%s", user, user[0] != '\0' ? "@" : "", host,
		port[0] != '\0' ? ":" : "", port, db);
	PQconninfoFree(opts);
}

/* ---- the driver of store_q.h ---- */

/* A row of a result; bytea columns come as text ("\\x0a1b..."), decoded
 * into tmp for the caller. */
struct pgcur {
	PGresult *r;
	unsigned char *tmp;
};

static bool cur_null(const struct q_cur *c, int i)
{
	return PQgetisnull(((struct pgcur *)c->h)->r, c->row, i) != 0;
}

static int64_t cur_i64(const struct q_cur *c, int i)
{
	const char *v = PQgetvalue(((struct pgcur *)c->h)->r, c->row, i);

	/* a boolean column reads as 1 or 0, as SQLite gives it */
	if (v[0] == 't' || v[0] == 'f')
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

/* hailong never sets a locale: strtod reads PostgreSQL's decimal point */
static double cur_f64(const struct q_cur *c, int i)
{
	return strtod(PQgetvalue(((struct pgcur *)c->h)->r, c->row, i), NULL);
}

#define BYTEAOID 17

static const void *cur_bytes(const struct q_cur *c, int i, size_t *len)
{
	struct pgcur *pc = c->h;
	const char *v = PQgetvalue(pc->r, c->row, i);

	*len = (size_t)PQgetlength(pc->r, c->row, i);
	if (PQftype(pc->r, i) != BYTEAOID)
		return v;
	PQfreemem(pc->tmp);
	pc->tmp = PQunescapeBytea((const unsigned char *)v, len);
	if (pc->tmp == NULL) {
		*len = 0;
		return "";
	}
	return pc->tmp;
}

static const struct q_curops curops = {cur_null, cur_i64, cur_f64, cur_bytes};

/* A statement's parameters as libpq takes them. */
struct pgparams {
	int n;
	const char *values[Q_MAXARGS];
	int lengths[Q_MAXARGS], formats[Q_MAXARGS];
	char num[Q_MAXARGS][32];
};

static void bind(const struct q_args *a, struct pgparams *b)
{
	b->n = a != NULL ? a->n : 0;
	for (int i = 0; i < b->n; i++) {
		const struct q_val *v = &a->v[i];

		b->lengths[i] = (int)v->len;
		b->formats[i] = v->kind == QV_BLOB;
		b->values[i] = v->p;
		if (v->kind == QV_I64) {
			snprintf(b->num[i], sizeof(b->num[i]), "%lld", (long long)v->i);
			b->values[i] = b->num[i];
		} else if (v->kind == QV_F64) {
			snprintf(b->num[i], sizeof(b->num[i]), "%.17g", v->d);
			b->values[i] = b->num[i];
		} else if (v->kind == QV_NULL) {
			b->values[i] = NULL;
		}
	}
}

/* Read one statement's results: rows to fn, the count to *changed; every
 * result is read, also after a failure or fn's stop (the connection is free
 * only then). A statement skipped after an earlier failure in the pipeline
 * (PGRES_PIPELINE_ABORTED) adds no error of its own. */
static int take_results(struct pg *p, q_row_fn fn, void *ctx, int64_t *changed, const char *op,
	int rc, struct hl_err *err)
{
	struct pgcur pc = {0};
	struct q_cur c = {&curops, &pc, 0};

	while ((pc.r = PQgetResult(p->c)) != NULL) {
		ExecStatusType status = PQresultStatus(pc.r);

		if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
			/* in a pipeline, a statement's rows may come as one result */
			for (c.row = 0; fn != NULL && rc == HL_OK && c.row < PQntuples(pc.r);
				c.row++)
				rc = fn(ctx, &c);
			c.row = 0;
		}
		if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
			if (rc == HL_OK && changed != NULL)
				*changed = strtoll(PQcmdTuples(pc.r), NULL, 10);
		} else if (status != PGRES_SINGLE_TUPLE && status != PGRES_PIPELINE_ABORTED &&
			rc == HL_OK) {
			rc = pg_err(p, pc.r, err, HL_HERE, op);
		}
		PQclear(pc.r);
	}
	PQfreemem(pc.tmp);
	return rc;
}

/* The name of slot's prepared statement. */
static void slot_name(int slot, char name[16])
{
	snprintf(name, 16, "q%d", slot);
}

/* Prepare sql as slot's statement on this connection the first time it is
 * run (never in pipeline mode: libpq prepares synchronously); slot -1 is a
 * statement sent unnamed. */
static int prepare(struct pg *p, int slot, const char *sql, const char *op, struct hl_err *err)
{
	char name[16];
	PGresult *r;
	int rc = HL_OK;

	if (slot < 0 || p->prepared[slot])
		return HL_OK;
	slot_name(slot, name);
	r = PQprepare(p->c, name, sql, 0, NULL);
	if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pg_err(p, r, err, HL_HERE, op);
	PQclear(r);
	p->prepared[slot] = rc == HL_OK;
	return rc;
}

/* Send sql (slot's prepared statement, or unnamed for slot -1) with its
 * parameters; 0 when libpq could not. */
static int send(struct pg *p, int slot, const char *sql, int n, const char *const *values,
	const int *lengths, const int *formats)
{
	char name[16];

	if (slot < 0)
		return PQsendQueryParams(p->c, sql, n, NULL, values, lengths, formats, 0);
	slot_name(slot, name);
	return PQsendQueryPrepared(p->c, name, n, values, lengths, formats, 0);
}

static void later_drop(struct pg *p)
{
	p->nlater = 0;
	p->lbuf_len = 0;
}

/* Send the statements kept for later, then sql with b (when sql is not
 * NULL), in one pipeline, and read every answer. A kept statement's failure
 * is the one reported, and loses the transaction (struct pg's tx_lost). */
static int pipe_run(struct pg *p, int slot, const char *sql, const struct pgparams *b, q_row_fn fn,
	void *ctx, int64_t *changed, const char *op, struct hl_err *err)
{
	int rc = HL_OK;
	size_t sent = 0;
	PGresult *r;

	if (!PQenterPipelineMode(p->c))
		return pg_err(p, NULL, err, HL_HERE, op);
	for (; sent < p->nlater; sent++) {
		const struct pg_later *l = &p->later[sent];
		const unsigned char *at = p->lbuf + l->at;
		const char *values[Q_MAXARGS];
		int lengths[Q_MAXARGS], formats[Q_MAXARGS];

		for (int i = 0; i < l->n; i++) {
			memcpy(&lengths[i], at, sizeof(int));
			memcpy(&formats[i], at + sizeof(int), sizeof(int));
			at += 2 * sizeof(int);
			values[i] = lengths[i] < 0 ? NULL : (const char *)at;
			at += lengths[i] < 0 ? 0 : (size_t)lengths[i] + 1;
		}
		if (!send(p, l->slot, l->sql, l->n, values, lengths, formats))
			break;
	}
	if (sent < p->nlater ||
		(sql != NULL &&
			!send(p, slot, sql, b != NULL ? b->n : 0, b != NULL ? b->values : NULL,
				b != NULL ? b->lengths : NULL, b != NULL ? b->formats : NULL)) ||
		!PQpipelineSync(p->c)) {
		/* the connection is gone: nothing more can be read from it */
		rc = pg_err(p, NULL, err, HL_HERE, op);
		p->tx_lost = p->in_tx;
		later_drop(p);
		PQexitPipelineMode(p->c);
		return rc;
	}
	for (size_t i = 0; i < p->nlater; i++) {
		rc = take_results(p, NULL, NULL, NULL, p->later[i].op, rc, err);
		p->tx_lost |= rc != HL_OK;
	}
	if (sql != NULL) {
		/* rows one at a time, as outside a pipeline */
		if (fn != NULL)
			PQsetSingleRowMode(p->c);
		rc = take_results(p, fn, ctx, changed, op, rc, err);
	}
	/* the sync's own result */
	while ((r = PQgetResult(p->c)) != NULL) {
		bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;

		PQclear(r);
		if (sync)
			break;
	}
	later_drop(p);
	if (!PQexitPipelineMode(p->c) && rc == HL_OK)
		rc = pg_err(p, NULL, err, HL_HERE, op);
	return rc;
}

/* s's text for PostgreSQL, and its slot in *slot (-1: none, sent unnamed). */
static const char *stmt_sql(const struct q_stmt *s, int *slot)
{
	*slot = s->slot >= 0 && s->slot < Q_SLOTS ? s->slot : -1;
	return s->pg != NULL ? s->pg : s->sql;
}

/* ---- bulk loads: COPY ... FROM STDIN ---- */

#define COPY_SEND ((size_t)256 << 10) /* bytes of rows handed to libpq at once */

/* Hand the rows gathered to libpq. */
static int copy_send(struct pg *p, const char *op, struct hl_err *err)
{
	if (p->clen > 0 && PQputCopyData(p->c, p->cbuf, (int)p->clen) != 1)
		return pg_err(p, NULL, err, HL_HERE, op);
	p->clen = 0;
	return HL_OK;
}

/* End the COPY in progress, if any: its last rows sent (unless rc tells
 * that the load failed: then it is abandoned) and the server's answer read. */
static int copy_end(struct pg *p, int rc, const char *op, struct hl_err *err)
{
	if (!p->in_copy)
		return rc;
	p->in_copy = false;
	if (rc == HL_OK)
		rc = copy_send(p, op, err);
	p->clen = 0;
	if (PQputCopyEnd(p->c, rc == HL_OK ? NULL : "hủy nạp dữ liệu") != 1 && rc == HL_OK)
		rc = pg_err(p, NULL, err, HL_HERE, op);
	rc = take_results(p, NULL, NULL, NULL, op, rc, err);
	p->tx_lost |= rc != HL_OK && p->in_tx;
	return rc;
}

/* Append n bytes to the rows gathered; false when out of memory. */
static bool copy_put(struct pg *p, const void *s, size_t n)
{
	if (!hl_grow(&p->cbuf, &p->ccap, p->clen + n, 1))
		return false;
	memcpy(p->cbuf + p->clen, s, n);
	p->clen += n;
	return true;
}

/* One value in COPY's text format: \N for NULL, a text with its
 * backslashes, tabs and line ends escaped, a blob as bytea's hex. */
static bool copy_value(struct pg *p, const struct q_val *v)
{
	static const char hex[] = "0123456789abcdef";
	char num[32];
	bool ok = true;

	switch (v->kind) {
	case QV_NULL: return copy_put(p, "\\N", 2);
	case QV_I64:
		snprintf(num, sizeof(num), "%lld", (long long)v->i);
		return copy_put(p, num, strlen(num));
	case QV_F64:
		snprintf(num, sizeof(num), "%.17g", v->d);
		return copy_put(p, num, strlen(num));
	case QV_BLOB:
		ok = copy_put(p, "\\\\x", 3);
		for (size_t i = 0; ok && i < v->len; i++) {
			unsigned char b = ((const unsigned char *)v->p)[i];
			char h[2] = {hex[b >> 4], hex[b & 15]};

			ok = copy_put(p, h, 2);
		}
		return ok;
	case QV_TEXT:
		for (size_t i = 0; ok && i < v->len; i++) {
			char c = ((const char *)v->p)[i];
			const char *esc = c == '\\' ? "\\\\" :
				c == '\t'           ? "\\t" :
				c == '\n'           ? "\\n" :
				c == '\r'           ? "\\r" :
						      NULL;

			ok = esc != NULL ? copy_put(p, esc, 2) : copy_put(p, &c, 1);
		}
		return ok;
	}
	return false;
}

/* q_bulk: s's COPY begun on the first row, each row added to the buffer,
 * sent to the server every COPY_SEND bytes. */
static int pg_bulk(struct store *st, const struct q_stmt *s, const struct q_args *a, const char *op,
	struct hl_err *err)
{
	struct pg *p = st->priv;
	int slot, rc = HL_OK;
	const char *sql = stmt_sql(s, &slot);
	bool ok = true;

	if (!p->in_copy) {
		PGresult *r;

		if (p->nlater > 0 &&
			(rc = pipe_run(p, -1, NULL, NULL, NULL, NULL, NULL, op, err)) != HL_OK)
			return rc;
		r = PQexec(p->c, sql);
		if (r == NULL || PQresultStatus(r) != PGRES_COPY_IN)
			rc = pg_err(p, r, err, HL_HERE, op);
		PQclear(r);
		if (rc != HL_OK)
			return rc;
		p->in_copy = true;
		p->clen = 0;
	}
	for (int i = 0; ok && a != NULL && i < a->n; i++)
		ok = (i == 0 || copy_put(p, "\t", 1)) && copy_value(p, &a->v[i]);
	if (!ok || !copy_put(p, "\n", 1))
		return copy_end(p, hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op), op,
			err);
	if (p->clen >= COPY_SEND && (rc = copy_send(p, op, err)) != HL_OK)
		return copy_end(p, rc, op, err);
	return HL_OK;
}

static int pg_bulk_end(struct store *st, const char *op, struct hl_err *err)
{
	return copy_end(st->priv, HL_OK, op, err);
}

int pg_exec(struct pg *p, const char *sql, const char *op, struct hl_err *err)
{
	PGresult *r;
	int rc = copy_end(p, HL_OK, op, err);

	if (rc != HL_OK)
		return rc;

	/* one statement goes in the pipeline after the kept ones; a script
	 * (simple protocol only) after them */
	if (p->nlater > 0) {
		bool one = strchr(sql, ';') == NULL;

		if ((rc = pipe_run(p, -1, one ? sql : NULL, NULL, NULL, NULL, NULL, op, err)) !=
				HL_OK ||
			one)
			return rc;
	}
	r = PQexec(p->c, sql);
	if (r == NULL ||
		(PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK))
		rc = pg_err(p, r, err, HL_HERE, op);
	PQclear(r);
	return rc;
}

/* The bytes of b's parameter i (not NULL): a text's up to its NUL, as
 * libpq reads it, a blob's by its length. */
static size_t param_len(const struct pgparams *b, int i)
{
	return b->formats[i] != 0 ? (size_t)b->lengths[i] : strlen(b->values[i]);
}

/* Keep sql with its parameters b for the next statement waited for. */
#define LATER_MAX 1024 /* statements kept at most: then they are sent */

static int later_add(struct pg *p, int slot, const char *sql, const struct pgparams *b,
	const char *op, struct hl_err *err)
{
	size_t need = 0;
	unsigned char *at;
	int rc = copy_end(p, HL_OK, op, err);

	if (rc == HL_OK)
		rc = prepare(p, slot, sql, op, err);
	if (rc != HL_OK)
		return rc;
	/* libpq reads a text parameter up to its NUL: one is kept after each */
	for (int i = 0; b != NULL && i < b->n; i++)
		need += 2 * sizeof(int) + (b->values[i] != NULL ? param_len(b, i) + 1 : 0);
	if (!hl_grow(&p->later, &p->caplater, p->nlater + 1, sizeof(*p->later)) ||
		!hl_grow(&p->lbuf, &p->lbuf_cap, p->lbuf_len + need, 1))
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	p->later[p->nlater++] = (struct pg_later){sql, op, slot, b != NULL ? b->n : 0, p->lbuf_len};
	at = p->lbuf + p->lbuf_len;
	for (int i = 0; b != NULL && i < b->n; i++) {
		int len = b->values[i] != NULL ? (int)param_len(b, i) : -1;

		memcpy(at, &len, sizeof(int));
		memcpy(at + sizeof(int), &b->formats[i], sizeof(int));
		at += 2 * sizeof(int);
		if (len >= 0) {
			size_t n = param_len(b, i);

			memcpy(at, b->values[i], n);
			at[n] = '\0';
			at += n + 1;
		}
	}
	p->lbuf_len += need;
	return p->nlater >= LATER_MAX ? pipe_run(p, -1, NULL, NULL, NULL, NULL, NULL, op, err) :
					HL_OK;
}

static int pg_q_run(struct store *st, const struct q_stmt *s, const struct q_args *a, q_row_fn fn,
	void *ctx, int64_t *changed, const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;
	struct pgparams b;
	int slot, rc;
	const char *sql = stmt_sql(s, &slot);

	bind(a, &b);
	if ((rc = copy_end(p, HL_OK, op, err)) != HL_OK ||
		(rc = prepare(p, slot, sql, op, err)) != HL_OK)
		return rc;
	if (p->nlater > 0)
		return pipe_run(p, slot, sql, &b, fn, ctx, changed, op, err);
	if (!send(p, slot, sql, b.n, b.values, b.lengths, b.formats))
		return pg_err(p, NULL, err, HL_HERE, op);
	/* Rows one at a time (single-row mode): a scan over millions of
	 * responses holds one row in memory, not the whole result. */
	if (fn != NULL)
		PQsetSingleRowMode(p->c);
	return take_results(p, fn, ctx, changed, op, HL_OK, err);
}

/* q_exec_later: kept inside a transaction, run now outside one. */
static int pg_later(struct store *st, const struct q_stmt *s, const struct q_args *a,
	const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;
	struct pgparams b;
	int slot;
	const char *sql = stmt_sql(s, &slot);

	if (!p->in_tx)
		return pg_q_run(st, s, a, NULL, NULL, NULL, op, err);
	bind(a, &b);
	return later_add(p, slot, sql, &b, op, err);
}

/* A statement without parameters kept for later, in a transaction. */
static int later_sql(struct pg *p, const char *sql, const char *op, struct hl_err *err)
{
	return later_add(p, -1, sql, NULL, op, err);
}

/* An operation made all-or-nothing on its own: a savepoint inside the
 * caller's transaction (sent with the operation's first statement), else a
 * transaction of its own. */
static int pg_op_begin(struct store *st, const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;

	p->op_own = !p->in_tx;
	return p->op_own ? pg_exec(p, "BEGIN", op, err) : later_sql(p, "SAVEPOINT op", op, err);
}

static int pg_op_end(struct store *st, int rc, const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;

	if (rc != HL_OK) {
		/* the first error is the one to report; after a kept statement's
		 * failure the savepoint is not known to be this one's: the caller's
		 * transaction is lost and will be rolled back whole */
		if (p->op_own || !p->tx_lost)
			pg_exec(p,
				p->op_own ? "ROLLBACK" :
					    "ROLLBACK TO SAVEPOINT op; RELEASE SAVEPOINT op",
				op, NULL);
		return rc;
	}
	return p->op_own ? pg_exec(p, "COMMIT", op, err) :
			   later_sql(p, "RELEASE SAVEPOINT op", op, err);
}

/* A row of take_id's statement: one more id. */
static int id_row(void *ctx, const struct q_cur *c)
{
	struct pg *p = ctx;

	if (p->nids < PG_IDS && !q_col_null(c, 0))
		p->ids[p->nids++] = q_col_i64(c, 0);
	return HL_OK;
}

/* q_take_id: ids are taken from the sequence many at a time, so that a row
 * kept for later costs no round trip of its own. A sequence's values are
 * never given twice, whatever becomes of the transaction that took them. */
static int pg_take_id(struct store *st, const struct q_stmt *s, int64_t *id, const char *op,
	struct hl_err *err)
{
	struct pg *p = st->priv;
	int slot, rc;

	stmt_sql(s, &slot);
	if (p->idpos >= p->nids || p->idslot != slot) {
		p->nids = p->idpos = 0;
		p->idslot = slot;
		if ((rc = pg_q_run(st, s, NULL, id_row, p, NULL, op, err)) != HL_OK)
			return rc;
		if (p->nids == 0)
			return hl_err_set(err, HL_EIO, HL_HERE, "%s: không lấy được mã mới", op);
	}
	*id = p->ids[p->idpos++];
	return HL_OK;
}

static int pg_script(struct store *st, const char *sql, const char *op, struct hl_err *err);
static const struct q_driver pg_driver = {pg_q_run, pg_op_begin, pg_op_end, pg_script, pg_later,
	pg_bulk, pg_bulk_end, pg_take_id};

static void pg_close(struct store *st)
{
	struct pg *p = st->priv;

	if (p == NULL)
		return;
	PQfinish(p->c);
	hl_free(p->later);
	hl_free(p->lbuf);
	hl_free(p->cbuf);
	hl_free(p);
	st->priv = NULL;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_open(struct store *st, const char *uri, struct hl_err *err)
{
	struct pg *p = hl_calloc(1, sizeof(*p));
	int rc = HL_OK;

	st->priv = p;
	if (p == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở cơ sở dữ liệu");
	p->drv = &pg_driver;
	store_pg_describe(uri, p->where, sizeof(p->where));
	p->c = PQconnectdb(uri);
	if (p->c == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi kết nối %s", p->where);
		goto cleanup;
	}
	if (PQstatus(p->c) != CONNECTION_OK) {
		rc = pg_err(p, NULL, err, HL_HERE, "kết nối");
		goto cleanup;
	}
	/* the server's notices (a table that exists already...) are not for users */
	PQsetNoticeProcessor(p->c, quiet, NULL);
	/* Text in UTF-8 and times as the numbers hailong stores, whatever the
	 * server's or the role's defaults. */
	rc = pg_exec(p,
		"SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC';"
		" SET application_name = 'hailong'",
		"đặt phiên làm việc", err);
cleanup:
	if (rc != HL_OK)
		pg_close(st);
	return rc;
}

static int pg_script(struct store *st, const char *sql, const char *op, struct hl_err *err)
{
	return pg_exec(st->priv, sql, op, err);
}

/* Bring the schema to pg_nmigrations in one transaction, under an advisory
 * lock: several server processes starting at once migrate once. */
static int pg_migrate(struct store *st, int *version, struct hl_err *err)
{
	struct pg *p = st->priv;
	char begin[128];
	struct q_migrations m = {pg_migrations, pg_nmigrations, p->where, begin,
		p->in_tx ? "RELEASE SAVEPOINT hl_migrate" : "COMMIT",
		p->in_tx ? "ROLLBACK TO SAVEPOINT hl_migrate; RELEASE SAVEPOINT hl_migrate" :
			   "ROLLBACK"};

	snprintf(begin, sizeof(begin), "%s; SELECT pg_advisory_xact_lock(%lld)",
		p->in_tx ? "SAVEPOINT hl_migrate" : "BEGIN", MIGRATE_LOCK);
	return q_migrate(st, &m, version, err);
}

static int pg_tx(struct store *st, enum store_tx what, struct hl_err *err)
{
	static const char *const sql[STORE_TX_COUNT] = {
		[STORE_TX_BEGIN] = "BEGIN",
		[STORE_TX_COMMIT] = "COMMIT",
		[STORE_TX_ROLLBACK] = "ROLLBACK",
		[STORE_TX_SAVEPOINT] = "SAVEPOINT w",
		[STORE_TX_RELEASE] = "RELEASE SAVEPOINT w",
		/* PostgreSQL keeps a savepoint rolled back to: release it too */
		[STORE_TX_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT w; RELEASE SAVEPOINT w",
	};
	struct pg *p = st->priv;
	int rc;

	if ((int)what < 0 || what >= STORE_TX_COUNT)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thao tác giao dịch không hợp lệ: %d",
			(int)what);
	if (what != STORE_TX_BEGIN && !p->in_tx)
		return hl_err_set(err, HL_EIO, HL_HERE,
			"không %s được: không có giao dịch nào đang mở "
			"(giao dịch đã bị hủy sau một lỗi)",
			q_tx_name(what));
	/* Refused here, as SQLite refuses them, rather than by the server
	 * (whose error would abort the whole transaction, and which only warns
	 * of a BEGIN inside one). */
	if (what == STORE_TX_BEGIN && p->in_tx)
		return hl_err_set(err, HL_EIO, HL_HERE, "không %s được: một giao dịch đang mở",
			q_tx_name(what));
	if ((what == STORE_TX_RELEASE || what == STORE_TX_ROLLBACK_TO) && p->depth == 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không %s được: không có điểm lưu nào",
			q_tx_name(what));
	if (what == STORE_TX_ROLLBACK)
		later_drop(p); /* undone anyway */
	if (p->tx_lost && (what == STORE_TX_ROLLBACK_TO || what == STORE_TX_COMMIT))
		rc = hl_err_set(err, HL_EIO, HL_HERE,
			"không %s được: một lệnh ghi trước đó đã lỗi, giao dịch phải hủy cả",
			q_tx_name(what));
	else if (what == STORE_TX_SAVEPOINT || what == STORE_TX_RELEASE)
		/* sent with the next statement: nothing decides on their answer */
		rc = later_sql(p, sql[what], q_tx_name(what), err);
	else
		rc = pg_exec(p, sql[what], q_tx_name(what), err);
	if (what == STORE_TX_BEGIN)
		p->in_tx = rc == HL_OK;
	else if (what == STORE_TX_COMMIT || what == STORE_TX_ROLLBACK)
		p->in_tx = false; /* a failed COMMIT ends the transaction too */
	/* A COMMIT that failed or never ran (a kept statement failed before
	 * it) may leave the server's transaction open: close it. */
	if (what == STORE_TX_COMMIT && rc != HL_OK) {
		later_drop(p);
		if (PQtransactionStatus(p->c) != PQTRANS_IDLE)
			pg_exec(p, "ROLLBACK", q_tx_name(STORE_TX_ROLLBACK), NULL);
	}
	if (what == STORE_TX_BEGIN || what == STORE_TX_COMMIT || what == STORE_TX_ROLLBACK)
		p->tx_lost = false;
	if (what == STORE_TX_SAVEPOINT && rc == HL_OK)
		p->depth++;
	else if (what == STORE_TX_RELEASE || what == STORE_TX_ROLLBACK_TO)
		p->depth--;
	else if (what != STORE_TX_SAVEPOINT)
		p->depth = 0;
	return rc;
}

static const struct store_admin_ops pg_admin = {
	Q_ADMIN_SHARED,
	.integrity = pg_integrity,
	.backup = pg_backup,
};

const struct store_ops store_pg_ops = {Q_BACKEND("postgresql", pg_, q_, &pg_admin)};
