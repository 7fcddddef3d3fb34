/* units.h — changes to the unit tree that are more than a row: mergers
 * (sáp nhập), which close the predecessors, open the new unit and record the
 * lineage the index uses to pool history. */
#ifndef HL_UNITS_H
#define HL_UNITS_H

#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

struct store;

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

#endif
