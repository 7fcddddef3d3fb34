/* store_pg_priv.h — shared by the PostgreSQL backend's files (store_pg*.c):
 * the connection, the error mapping and the migrations' list. */
#ifndef HL_STORE_PG_PRIV_H
#define HL_STORE_PG_PRIV_H

#include <libpq-fe.h>

#include "store/store.h"
#include "store/store_q.h"

/* A statement whose answer nobody waits for (q_exec_later, a savepoint):
 * kept until the next statement that is waited for, and sent with it in one
 * round trip (libpq's pipeline mode). Its parameters are in struct pg's
 * lbuf from offset at: per parameter its length (-1: NULL), its format and
 * its bytes. */
struct pg_later {
	const char *sql, *op; /* static strings */
	int slot;             /* its prepared statement, or -1: sent unnamed */
	int n;
	size_t at;
};

#define PG_IDS 64 /* ids taken from a sequence at a time, at most */

/* One connection; st->priv. */
struct pg {
	const struct q_driver *drv; /* first: store_q.c finds it through st->priv */
	PGconn *c;
	char where[256]; /* the URI without its password, for messages */
	int depth;       /* open savepoints inside the transaction */
	bool in_tx;
	bool op_own; /* the current q_op_begin began a transaction of its own */
	/* A statement sent later failed: which savepoint it belonged to is
	 * unknown, so only undoing the whole transaction is safe. */
	bool tx_lost;
	struct pg_later *later; /* statements not sent yet, in order */
	size_t nlater, caplater;
	unsigned char *lbuf; /* their parameters */
	size_t lbuf_len, lbuf_cap;
	/* a statement's slot (store_q.h) prepared on this connection: parsed
	 * and planned once, not on every call */
	bool prepared[Q_SLOTS];
	/* A COPY ... FROM STDIN in progress (q_bulk): its rows not sent yet. */
	bool in_copy;
	char *cbuf;
	size_t clen, ccap;
	/* ids taken from a sequence and not yet given (q_take_id), and the
	 * slot of the statement that took them */
	int64_t ids[PG_IDS];
	int nids, idpos, idslot;
};

/* The status of a failed result r (NULL: the connection's error) by its
 * SQLSTATE: serialization failure and deadlock HL_ERETRY (the writer runs the
 * transaction again), unique violation HL_EEXIST, data corrupted
 * HL_ECORRUPT, out of memory HL_ENOMEM, anything else HL_EIO; err names op
 * and carries the server's message. */
int pg_err(struct pg *p, const PGresult *r, struct hl_err *err, const char *where, const char *op);

/* Run sql (no parameters, any number of statements) for op, after the
 * statements kept for later; HL_OK or pg_err's status. */
int pg_exec(struct pg *p, const char *sql, const char *op, struct hl_err *err);

/* The admin area's integrity check and backup (store_pg_admin.c), as in
 * struct store_admin_ops. */
int pg_integrity(struct store *st, bool quick, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err);
int pg_backup(struct store *st, const char *path, store_progress_fn progress, void *pctx,
	struct hl_err *err);

/* The migrations (store_pg_schema.c): pg_migrations[i] takes the schema from
 * version i to i + 1. */
extern const char *const pg_migrations[];
extern const int pg_nmigrations;

#endif
