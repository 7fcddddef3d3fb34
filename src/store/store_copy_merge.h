/* store_copy_merge.h — `hailong copy --merge` under the store: one
 * office's rows added to a database that has its own (the province's),
 * and what a whole copy records so that later merges of the same office add
 * only what is new. The policy (one transaction, the sums of the rows
 * added, the checks) is svc/copy.c's. */
#ifndef HL_STORE_COPY_MERGE_H
#define HL_STORE_COPY_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store_copy.h"

struct store;

/* Record in dst that a whole copy of src gave every row its own id, so
 * that a later `copy --merge` of the same src adds only the rows made
 * since (copy_ranges: one range per table, shift 0). */
int store_copy_mark(struct store *src, struct store *dst, struct hl_err *err);

/* `copy --merge`: src's rows added to a dst that has its own.
 * Every row of a table with an id gets a new one in dst: the ids src has
 * never given dst before are shifted, as runs, above every id dst has or
 * has promised (copy_ranges, kept in dst per source and table, so that the
 * same row maps to the same id at every merge); a row whose id src gave
 * before is taken as there already, which makes a merge idempotent. A row
 * whose natural key dst already holds (a unit's code, an account's name,
 * an instrument's code and version...) is not added: src's id then stands
 * for dst's row (kept in copy_ranges too, a range of one). References are
 * rewritten through these maps. Tables without an id are added with their
 * references rewritten, dst's row kept on a clash; the numbering counters
 * keep the greater; the tallies, rollups, dossier sums and what only one
 * server needs (sessions, rate limits, import locks) are not copied: the
 * caller recomputes the sums for the rows added (their runs below). */
struct store_copy_merge;

/* The ids dst gave a table's added rows, as runs lo..hi holding no row that
 * was there before. */
struct store_copy_run {
	int64_t lo, hi;
};
struct store_copy_merged {
	int64_t read;  /* rows of src */
	int64_t added; /* of them added to dst */
	struct store_copy_run *runs;
	size_t nruns;
	bool counted; /* added is the count of rows the table gained (not the counters') */
};

/* Start merging src into dst (inside dst's transaction); *m freed by
 * store_copy_merge_end. */
int store_copy_merge_begin(struct store *src, struct store *dst, struct store_copy_merge **m,
	struct hl_err *err);
/* Merge table i (tables in store_copy_tables order); out's runs are m's
 * until the next call or the end. progress as store_copy_table's. */
int store_copy_merge_table(struct store_copy_merge *m, int i, store_copy_fn progress, void *pctx,
	int64_t *rows, struct store_copy_merged *out, struct hl_err *err);
void store_copy_merge_end(struct store_copy_merge *m);

/* Add the dossiers lo..hi of st (ids) to the timeliness sums. */
int store_copy_dossier_sums(struct store *st, int64_t lo, int64_t hi, struct hl_err *err);

#endif
