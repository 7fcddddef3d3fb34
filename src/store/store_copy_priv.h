/* store_copy_priv.h — private to store_copy.c and store_copy_merge.c: a
 * table's columns as both databases have them, the statements built from
 * them, and one row read into a statement's arguments. */
#ifndef HL_STORE_COPY_PRIV_H
#define HL_STORE_COPY_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store_copy.h"
#include "store/store_q.h"

struct hl_arena;

#define COPY_PAGE 5000

/* Statement slots of table i: QS_COPY_T + COPY_PER * i + one of these. */
enum {
	K_SELECT,
	K_INSERT,
	K_CLEAR,
	K_COUNT,
	K_PARENTS,
	K_PARENT_SET,
	K_SEQUENCE,
	/* a merge's: its stage made, a row loaded, the stage's rows added,
	 * those not added, the stage emptied */
	K_STAGE,
	K_PUT,
	K_MOVE,
	K_LEFT,
	K_EMPTY,
	K_MINMAX,
	K_TOP
};

/* A column as the destination declares it: integer, real, text or blob. */
enum col_kind { C_INT, C_REAL, C_TEXT, C_BLOB };
#define MAXCOLS Q_MAXARGS
struct table {
	int i;
	int n;
	bool has_id, has_parent;
	char names[MAXCOLS][64];
	enum col_kind kind[MAXCOLS];
};

/* One row being copied: its values, the text and blobs copied out of the
 * cursor (PostgreSQL's gives back one unescaped blob at a time). */
struct copier {
	struct store *dst;
	const struct table *t;
	const struct q_stmt *ins;
	unsigned char *buf;
	size_t cap;
	int64_t last_id, *rows;
	store_copy_fn progress;
	void *pctx;
	struct hl_err *err;
};

/* Table name's index in store_copy_tables; store_copy_ntables for
 * schema_version, one more for copy_identity (each database's own); -1. */
int copy_table_index(const char *name);

/* Statement k of table i (its slot), with SQL sql (pg: PostgreSQL's own). */
struct q_stmt copy_stmt(int i, int k, const char *sql, const char *pg);

/* The columns of table i in st, into t. */
int copy_columns(struct store *st, int i, struct table *t, struct hl_err *err);

/* The columns of dst's table i that src has too, in dst's order; t->has_id
 * and t->has_parent set. */
int copy_common_columns(struct store *src, struct store *dst, int i, struct table *t,
	struct hl_err *err);

/* Row c's values into a, in cp->t's columns; its text and blobs copied
 * into cp->buf, units.parent_id left NULL, cp->last_id the row's id. */
int copy_row_args(struct copier *cp, const struct q_cur *c, struct q_args *a);

/* t's page of rows to read, the insert of one row into table `into` (NULL:
 * t's own) and its COPY, in ar; *cols (may be NULL) t's columns, listed. */
int copy_statements(struct hl_arena *ar, const struct table *t, const char *into, char **select,
	char **insert, char **copy, char **cols, struct hl_err *err);

#endif
