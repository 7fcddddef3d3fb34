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

int pg_exec(struct pg *p, const char *sql, const char *op, struct hl_err *err)
{
	PGresult *r = PQexec(p->c, sql);
	int rc = HL_OK;

	if (r == NULL ||
		(PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK))
		rc = pg_err(p, r, err, HL_HERE, op);
	PQclear(r);
	return rc;
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

static int pg_q_run(struct store *st, const struct q_stmt *s, const struct q_args *a, q_row_fn fn,
	void *ctx, int64_t *changed, const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;
	const char *values[Q_MAXARGS];
	int lengths[Q_MAXARGS], formats[Q_MAXARGS], n = a != NULL ? a->n : 0, rc = HL_OK;
	char num[Q_MAXARGS][32];
	struct pgcur pc = {0};
	struct q_cur c = {&curops, &pc, 0};
	ExecStatusType status;
	const char *sql;

	for (int i = 0; i < n; i++) {
		const struct q_val *v = &a->v[i];

		lengths[i] = (int)v->len;
		formats[i] = v->kind == QV_BLOB;
		values[i] = v->p;
		if (v->kind == QV_I64) {
			snprintf(num[i], sizeof(num[i]), "%lld", (long long)v->i);
			values[i] = num[i];
		} else if (v->kind == QV_F64) {
			snprintf(num[i], sizeof(num[i]), "%.17g", v->d);
			values[i] = num[i];
		} else if (v->kind == QV_NULL) {
			values[i] = NULL;
		}
	}
	sql = s->pg != NULL ? s->pg : s->sql;
	if (fn == NULL) {
		pc.r = PQexecParams(p->c, sql, n, NULL, values, lengths, formats, 0);
		status = pc.r != NULL ? PQresultStatus(pc.r) : PGRES_FATAL_ERROR;
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
			rc = pg_err(p, pc.r, err, HL_HERE, op);
		else if (changed != NULL)
			*changed = strtoll(PQcmdTuples(pc.r), NULL, 10);
		goto cleanup;
	}
	/* Rows one at a time (single-row mode): a scan over millions of
	 * responses holds one row in memory, not the whole result. */
	if (!PQsendQueryParams(p->c, sql, n, NULL, values, lengths, formats, 0))
		return pg_err(p, NULL, err, HL_HERE, op);
	PQsetSingleRowMode(p->c);
	/* every result is read, also after a failure or a callback's stop:
	 * the connection is free again only then */
	while ((pc.r = PQgetResult(p->c)) != NULL) {
		status = PQresultStatus(pc.r);
		if (status == PGRES_SINGLE_TUPLE) {
			if (rc == HL_OK)
				rc = fn(ctx, &c);
		} else if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
			if (rc == HL_OK && changed != NULL)
				*changed = strtoll(PQcmdTuples(pc.r), NULL, 10);
		} else if (rc == HL_OK) {
			rc = pg_err(p, pc.r, err, HL_HERE, op);
		}
		PQclear(pc.r);
	}
cleanup:
	PQfreemem(pc.tmp);
	PQclear(pc.r);
	return rc;
}

/* An operation made all-or-nothing on its own: a savepoint inside the
 * caller's transaction, else a transaction of its own. */
static int pg_op_begin(struct store *st, const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;

	p->op_own = !p->in_tx;
	return pg_exec(p, p->op_own ? "BEGIN" : "SAVEPOINT op", op, err);
}

static int pg_op_end(struct store *st, int rc, const char *op, struct hl_err *err)
{
	struct pg *p = st->priv;
	int end;

	if (rc != HL_OK) {
		/* the first error is the one to report */
		pg_exec(p,
			p->op_own ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT op; RELEASE SAVEPOINT op",
			op, NULL);
		return rc;
	}
	end = pg_exec(p, p->op_own ? "COMMIT" : "RELEASE SAVEPOINT op", op, err);
	return end;
}

static int pg_script(struct store *st, const char *sql, const char *op, struct hl_err *err);
static const struct q_driver pg_driver = {pg_q_run, pg_op_begin, pg_op_end, pg_script};

static void pg_close(struct store *st)
{
	struct pg *p = st->priv;

	if (p == NULL)
		return;
	PQfinish(p->c);
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
	rc = pg_exec(p, sql[what], q_tx_name(what), err);
	if (what == STORE_TX_BEGIN)
		p->in_tx = rc == HL_OK;
	else if (what == STORE_TX_COMMIT || what == STORE_TX_ROLLBACK)
		p->in_tx = false; /* a failed COMMIT ends the transaction too */
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
