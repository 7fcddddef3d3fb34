/* store_copy.h — a whole database moved from one store to another, table by
 * table, whatever their backends (`hailong copy`: an office's SQLite file
 * to the province's PostgreSQL, or back). Rows keep their ids; the columns
 * copied are those both schemas have, read and written by the kind the
 * destination declares. The policy (an empty destination, one transaction,
 * the checks after) is svc/copy.c's. */
#ifndef HL_STORE_COPY_H
#define HL_STORE_COPY_H

#include <stdint.h>

#include "base/err.h"

struct store;

/* The tables a copy moves, in the order their references need
 * (schema_version is each database's own and never copied). */
extern const char *const store_copy_tables[];
extern const int store_copy_ntables;

/* Rows copied so far (all tables), for a progress line; table NULL: the
 * tallies of that many responses being computed (a merge's last step). */
typedef void (*store_copy_fn)(void *ctx, const char *table, int64_t rows);

/* HL_OK when st's tables are exactly store_copy_tables and schema_version;
 * else HL_EINVAL naming the first table one side lacks (a migration that
 * added a table without teaching the copy). */
int store_copy_check(struct store *st, struct hl_err *err);

/* Rows of table i of store_copy_tables in st, into *n. */
int store_copy_count(struct store *st, int i, int64_t *n, struct hl_err *err);

/* Delete every row of every copied table of dst (the rows `init` made), in
 * reverse order; in the caller's transaction. */
int store_copy_clear(struct store *dst, struct hl_err *err);

/* Insert every row of table i of src into dst, with its id; progress (may
 * be NULL) every thousand rows with the running count *rows (added to). */
int store_copy_table(struct store *src, struct store *dst, int i, store_copy_fn progress,
	void *pctx, int64_t *rows, struct hl_err *err);

/* After the rows: make dst's next ids follow the copied ones (PostgreSQL's
 * identity sequences; SQLite's rowids follow by themselves). */
int store_copy_finish(struct store *dst, struct hl_err *err);

/* The running tallies' totals of st, to compare a copy with its source:
 * per grain the count of cells and the sums of n and s. */
struct store_copy_sums {
	int64_t cells, n;
	double s;
};
#define STORE_COPY_GRAINS 8
int store_copy_tally_sums(struct store *st, struct store_copy_sums sums[STORE_COPY_GRAINS],
	struct hl_err *err);

#endif
