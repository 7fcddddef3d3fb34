/* index.h — comparisons that turn estimates into a published table: targets
 * met or missed, change against the same period a year earlier, and rank
 * among peers (same unit type under the same parent), each marked when the
 * 95 % intervals cannot support it. Pure: estimates in, marks out. */
#ifndef HL_INDEX_H
#define HL_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/stats.h"
#include "core/tally.h"

/* Criteria plus the overall index. */
#define HL_IDX_MAXCELLS (HL_MAX_CRITERIA + 1)

struct hl_idx_cell {
	struct hl_est cur, prev;
	bool has_target;
	double target;
	bool met; /* cur.value >= target (to two decimals) */
	bool has_change;
	double change;         /* cur - prev as published (two decimals), in points */
	bool change_supported; /* the intervals support a real change */
	int rank, of;          /* 0 = not ranked */
	bool rank_supported;   /* separated from the neighbours above and below */
};

struct hl_idx_unit {
	int64_t id, parent_id;
	const char *type;
	bool ranked; /* takes part in ranking (existed in the period) */
	struct hl_idx_cell cell[HL_IDX_MAXCELLS];
};

/* Overall index of one unit from its criterion cells [0, ncrit): fills
 * cell[ncrit].cur and .prev with hl_est_mean; n_cur/n_prev are the numbers of
 * responses behind each. */
void hl_index_overall(struct hl_idx_unit *u, int ncrit, int64_t n_cur, int64_t n_prev);

/* Fill met, change and rank of cells [0, ncells) of every unit. Ranks are
 * by value rounded to two decimals, ties sharing the best rank; `of` is the
 * number of units ranked in the group. HL_ENOMEM if scratch space fails. */
int hl_index_compare(struct hl_idx_unit *units, size_t n, int ncells, struct hl_err *err);

/* A value as published: rounded to two decimals, in hundredths. */
int64_t hl_index_hundredths(double value);

/* The change of c against a year before, as published: "+1,25", with "*"
 * when not significant, "–" without one; into buf, returned. */
char *hl_index_change_text(const struct hl_idx_cell *c, char *buf, size_t size);

/* The rank of c in its group: "3/12", with "*" when not separated from its
 * neighbours, "–" without one; into buf, returned. */
char *hl_index_rank_text(const struct hl_idx_cell *c, char *buf, size_t size);

#endif
