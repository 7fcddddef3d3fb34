/* index.c — targets, changes and ranks over a set of units' estimates. */
#include "core/index.h"
#include "base/mem.h"
#include "base/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t hl_index_hundredths(double value)
{
	return (int64_t)llround(value * 100);
}

void hl_index_overall(struct hl_idx_unit *u, int ncrit, int64_t n_cur, int64_t n_prev)
{
	struct hl_est parts[HL_IDX_MAXCELLS] = {0};

	for (int k = 0; k < ncrit; k++)
		parts[k] = u->cell[k].cur;
	hl_est_mean(parts, ncrit, n_cur, &u->cell[ncrit].cur);
	for (int k = 0; k < ncrit; k++)
		parts[k] = u->cell[k].prev;
	hl_est_mean(parts, ncrit, n_prev, &u->cell[ncrit].prev);
}

struct rank_item {
	const char *type;
	int64_t parent;
	int64_t value; /* hundredths */
	size_t unit;
};

static int cmp_rank(const void *pa, const void *pb)
{
	const struct rank_item *a = pa, *b = pb;
	int c = strcmp(a->type, b->type);

	if (c != 0)
		return c;
	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

static bool same_group(const struct rank_item *a, const struct rank_item *b)
{
	return a->parent == b->parent && strcmp(a->type, b->type) == 0;
}

/* Rank one criterion: items sorted by group then value. */
static void rank_groups(struct hl_idx_unit *units, struct rank_item *it, size_t m, int k)
{
	size_t g = 0;

	while (g < m) {
		size_t end = g;

		while (end < m && same_group(&it[g], &it[end]))
			end++;
		for (size_t i = g; i < end; i++) {
			struct hl_idx_cell *c = &units[it[i].unit].cell[k];
			size_t first = i, last = i;

			while (first > g && it[first - 1].value == it[i].value)
				first--;
			while (last + 1 < end && it[last + 1].value == it[i].value)
				last++;
			c->rank = (int)(first - g) + 1;
			c->of = (int)(end - g);
			c->rank_supported = true;
			/* The nearest better and nearest worse units must be told apart. */
			if (first > g &&
				!hl_est_differ(&c->cur, &units[it[first - 1].unit].cell[k].cur))
				c->rank_supported = false;
			if (last + 1 < end &&
				!hl_est_differ(&c->cur, &units[it[last + 1].unit].cell[k].cur))
				c->rank_supported = false;
		}
		g = end;
	}
}

int hl_index_compare(struct hl_idx_unit *units, size_t n, int ncells, struct hl_err *err)
{
	struct rank_item *it = NULL;
	int rc = HL_OK;

	it = hl_malloc((n ? n : 1) * sizeof(*it));
	if (it == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi xếp hạng %zu đơn vị", n);
		goto cleanup;
	}
	for (int k = 0; k < ncells; k++) {
		size_t m = 0;

		for (size_t i = 0; i < n; i++) {
			struct hl_idx_cell *c = &units[i].cell[k];

			c->rank = c->of = 0;
			c->rank_supported = false;
			c->met = c->has_target && c->cur.valid &&
				hl_index_hundredths(c->cur.value) >= hl_index_hundredths(c->target);
			c->has_change = c->cur.valid && c->prev.valid;
			/* As published: the difference of the two-decimal values. */
			c->change = c->has_change ? (double)(hl_index_hundredths(c->cur.value) -
							    hl_index_hundredths(c->prev.value)) /
					100 :
						    0;
			c->change_supported = c->has_change && hl_est_differ(&c->cur, &c->prev);
			if (!units[i].ranked || !c->cur.valid)
				continue;
			it[m].type = units[i].type ? units[i].type : "";
			it[m].parent = units[i].parent_id;
			it[m].value = hl_index_hundredths(c->cur.value);
			it[m].unit = i;
			m++;
		}
		qsort(it, m, sizeof(*it), cmp_rank);
		rank_groups(units, it, m, k);
	}
cleanup:
	hl_free(it);
	return rc;
}

char *hl_index_change_text(const struct hl_idx_cell *c, char *buf, size_t size)
{
	if (!c->has_change) {
		snprintf(buf, size, "–");
		return buf;
	}
	hl_fmt_signed(buf, size, c->change, 2);
	if (!c->change_supported)
		strncat(buf, "*", size - strlen(buf) - 1);
	return buf;
}

char *hl_index_rank_text(const struct hl_idx_cell *c, char *buf, size_t size)
{
	if (c->rank > 0)
		snprintf(buf, size, "%d/%d%s", c->rank, c->of, c->rank_supported ? "" : "*");
	else
		snprintf(buf, size, "–");
	return buf;
}
