/* targets.h — the yearly targets (chỉ tiêu) for the indices, by unit or by
 * unit type and criterion: listing, the criteria a target may name, and
 * setting one with its audit line. */
#ifndef HL_TARGETS_H
#define HL_TARGETS_H

#include <stddef.h>

#include "base/err.h"

struct hl_arena;
struct store;
struct store_target;

/* The targets of year into *out (owned by a). */
int targets_list(struct store *st, int year, struct hl_arena *a, struct store_target **out,
	size_t *n, struct hl_err *err);

/* The criterion codes a target may name: every stored instrument's, without
 * repeats, then the overall index (HL_CRIT_ALL) last; *codes owned by a. */
int targets_criteria(struct store *st, struct hl_arena *a, const char ***codes, size_t *n,
	struct hl_err *err);

/* Set t (replacing the target with the same year, unit or type and
 * criterion), audited by who as targets.set with detail; inside the
 * caller's transaction (a server write). */
int targets_set_in(struct store *st, const struct store_target *t, const char *who,
	const char *detail, struct hl_err *err);

/* The same in a transaction of its own (the command line). */
int targets_set(struct store *st, const struct store_target *t, const char *who, const char *detail,
	struct hl_err *err);

#endif
