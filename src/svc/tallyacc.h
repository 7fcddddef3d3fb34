/* tallyacc.h — tallies accumulated in memory, keyed (grain, unit, start day,
 * field), and merged into the store's tallies; alongside them, in the same
 * transaction, each (unit, month)'s report rollup (core/rollup.h), so that
 * whatever keeps the tallies keeps the rollups.
 *
 * Two uses: a few responses at a time (tacc_add, then tacc_flush), and a bulk
 * of stored responses (tacc_compute: an import, or a rebuild). In bulk, the
 * responses are read back in as many passes as memory needs, each pass taking
 * the units of one partition, so that every key is written to the store once
 * and memory stays within TACC_BUDGET whatever the number of responses. */
#ifndef HL_TALLYACC_H
#define HL_TALLYACC_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/instrument.h"
#include "core/rollup.h"

struct store;
struct store_response;
struct tacc;

/* A counted response as the tallies and the rollups take it. */
struct tacc_resp {
	int64_t unit_id;
	hl_day day;
	struct hl_rollup_resp r; /* id, instrument, field, staff, channel, comment, answers */
};

/* Fill x from the stored response r, its comment's themes included (a
 * comment that is not UTF-8 has none). HL_ENOMEM. */
int tacc_resp_of(const struct store_response *r, struct tacc_resp *x, struct hl_err *err);

/* Bytes of keys held in memory before a flush: with SQLite's page cache an
 * import stays under 100 MB. */
#define TACC_BUDGET ((size_t)40 << 20)

/* New accumulator writing to st, holding at most max_keys keys (0 = as many
 * as TACC_BUDGET allows);
 * NULL when out of memory. Free with tacc_free. */
struct tacc *tacc_new(struct store *st, size_t max_keys);

/* Free acc and anything not flushed; NULL is a no-op. */
void tacc_free(struct tacc *acc);

/* Add one response x given under in and scored as scores: to the tallies of
 * its day (all fields), its month (all fields) and, when it names a field,
 * its month for that field; and to its unit's rollup of the month. Flushes
 * first when the map is full. */
int tacc_add(struct tacc *acc, const struct tacc_resp *x, const struct hl_instrument *in,
	const struct hl_crit_score *scores, struct hl_err *err);

/* Merge everything held into the store's tallies and rollups and empty the
 * map; emptied on failure too (the caller rolls back the transaction). */
int tacc_flush(struct tacc *acc, struct hl_err *err);

/* Forget everything held, writing nothing: the transaction it was for was
 * rolled back. */
void tacc_discard(struct tacc *acc);

/* Called by tacc_compute between two of its writes (every few dozen),
 * never inside a read of the store: an import commits there when its
 * transaction has lasted long enough, so that the server's writes are not
 * kept waiting. A status other than HL_OK stops the computation. */
struct tacc_tick {
	int (*fn)(void *ctx, struct hl_err *err);
	void *ctx;
};

/* Add the tallies and rollups of the stored responses of batch_id (0: any)
 * with min_id <= id <= max_id to the store's, in passes over them (see
 * top), holding at most max_keys keys (0 = as many as TACC_BUDGET allows).
 * *count (may be NULL) gets the number of responses read. Runs inside the
 * caller's transaction, which tick (may be NULL) may commit and begin
 * again. */
int tacc_compute(struct store *st, int64_t batch_id, int64_t min_id, int64_t max_id,
	size_t max_keys, long *count, const struct tacc_tick *tick, struct hl_err *err);

/* Clear every tally and rollup and recompute them from the raw responses
 * (which also marks the rollups ready: store.h rollup_ready), each scored
 * with the instrument version it was given under, in one transaction with an
 * audit entry by who. *count gets the number of responses read. */
int tacc_rebuild(struct store *st, const char *who, long *count, struct hl_err *err);

#endif
