/* units.h — changes to the unit tree that are more than a row: mergers
 * (sáp nhập), which close the predecessors, open the new unit and record the
 * lineage the index uses to pool history. */
#ifndef HL_UNITS_H
#define HL_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

struct store;
struct store_lineage;

/* One unit whose data another unit's figures include: its data dated before
 * until (the merger day, the earliest along the chain) count; the unit
 * itself has until = HL_DAY_NONE (no limit). */
struct units_src {
	int64_t id;
	hl_day until;
};

/* NEW replaces from[0..nfrom) on day: each predecessor's valid_to becomes
 * day - 1, NEW's valid_from becomes day, the lineage is recorded; one
 * transaction with an audit entry by who. NEW is created when missing, which
 * needs name and type (else NULL), under the predecessors' common parent.
 * Refused (HL_ECONFLICT, nothing changed) when a predecessor has responses
 * dated on or after day. */
int units_merge(struct store *st, const char *new_code, const char *const *from,
	size_t nfrom, hl_day day, const char *name, const char *type, const char *who,
	struct hl_err *err);

/* The same inside the caller's transaction (a server write): no commit. */
int units_merge_in(struct store *st, const char *new_code, const char *const *from,
	size_t nfrom, hl_day day, const char *name, const char *type, const char *who,
	struct hl_err *err);

/* The units whose data unit id's figures include (the pooling of the indices
 * and of the feedback figures): itself first, then its predecessors in
 * lin[0..nlin), recursively, into out[0..*n) (at most cap; code names the
 * unit in messages). HL_EINVAL when the chain is longer than cap or loops. */
int units_sources(const struct store_lineage *lin, size_t nlin, int64_t id, const char *code,
	struct units_src *out, size_t *n, size_t cap, struct hl_err *err);

#endif
