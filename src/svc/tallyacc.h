/* tallyacc.h — tallies accumulated in memory while responses are imported or
 * recomputed, keyed (grain, unit, start day, field), and flushed to the store
 * with tally_merge when the map is full and at the end. This keeps an import
 * at a few store writes per unit and day instead of three per response. */
#ifndef HL_TALLYACC_H
#define HL_TALLYACC_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/instrument.h"

struct store;
struct tacc;

/* Default number of keys held before a flush (about 1,4 kB each): small
 * enough that an import stays well under 100 MB beside SQLite's page cache. */
#define TACC_MAX_KEYS 8192

/* New accumulator writing to st, holding at most max_keys keys (0 = default);
 * NULL when out of memory. Free with tacc_free. */
struct tacc *tacc_new(struct store *st, size_t max_keys);

/* Free acc and anything not flushed; NULL is a no-op. */
void tacc_free(struct tacc *acc);

/* Add one scored response of unit on day: to its day (all fields), its month
 * (all fields) and, when field_id != 0, its month for that field. Flushes
 * first when the map is full. */
int tacc_add(struct tacc *acc, int64_t unit_id, hl_day day, int64_t field_id,
	const struct hl_instrument *in, const struct hl_crit_score *scores, struct hl_err *err);

/* Merge everything held into the store's tallies and empty the map. */
int tacc_flush(struct tacc *acc, struct hl_err *err);

/* Keys held now. */
size_t tacc_keys(const struct tacc *acc);

/* Clear every tally and recompute them from the raw responses, each scored
 * with the instrument version it was given under, in one transaction with an
 * audit entry by who. *count gets the number of responses read. */
int tacc_rebuild(struct store *st, const char *who, long *count, struct hl_err *err);

#endif
