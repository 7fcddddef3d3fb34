/* order.c — units in documents by type, then Vietnamese name (order.h),
 * and the report model's display order, groups and mean rows. */
#include "svc/order.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/collate.h"
#include "svc/report_model.h"
#include "svc/builtin.h"

int ord_type_rank(const char *type)
{
	size_t n = 0;
	const struct builtin_pair *t = builtin_unit_types(&n);

	for (size_t i = 0; type != NULL && i < n; i++)
		if (strcmp(t[i].code, type) == 0)
			return (int)i;
	return (int)n;
}

int ord_units(const char *ta, const char *na, const char *tb, const char *nb)
{
	int ra = ord_type_rank(ta), rb = ord_type_rank(tb);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (ra == ord_type_rank(NULL) && ta != NULL && tb != NULL && strcmp(ta, tb) != 0)
		return strcmp(ta, tb);
	return hl_collate_vi(na != NULL ? na : "", nb != NULL ? nb : "");
}

/* ---- the report model ---- */

/* A unit or a row with what it sorts by, so the comparators need no
 * context. */
struct key {
	const char *type, *name, *code;
	size_t pos, idx;
};

static int cmp_unit_key(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int c = ord_units(a->type, a->name, b->type, b->name);

	return c != 0 ? c : strcmp(a->code, b->code);
}

/* By position, then as they were (a stable sort). */
static int cmp_pos_key(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void mean_of(const struct iq_result *ix, const size_t *order, size_t first, size_t n,
	struct rpt_mean *out)
{
	memset(out, 0, sizeof(*out));
	for (int k = 0; k <= ix->ncrit; k++) {
		double sum = 0;
		int with = 0;

		for (size_t i = first; i < first + n; i++) {
			const struct hl_idx_cell *c = &ix->units[order[i]].idx.cell[k];

			if (c->cur.valid) {
				sum += c->cur.value;
				with++;
			}
		}
		out->valid[k] = with > 0;
		out->value[k] = with > 0 ? sum / with : 0;
	}
	for (size_t i = first; i < first + n; i++)
		out->n += ix->units[order[i]].idx.cell[ix->ncrit].cur.n;
}

static size_t position(const struct rpt_model *m, const char *unit_name)
{
	for (size_t i = 0; i < m->index->nunits; i++)
		if (strcmp(m->index->units[m->order[i]].unit.name, unit_name) == 0)
			return i;
	return m->index->nunits;
}

/* The rows below target in the units' display order, each unit's criteria
 * as the index lists them. */
static int order_below(struct rpt_model *m, struct hl_arena *a)
{
	size_t n = (size_t)m->nbelow;
	struct key *k = hl_arena_alloc(a, (n + 1) * sizeof(*k));
	struct rpt_below *copy = hl_arena_alloc(a, (n + 1) * sizeof(*copy));

	if (k == NULL || copy == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		k[i] = (struct key){.pos = position(m, m->below[i].unit), .idx = i};
	qsort(k, n, sizeof(*k), cmp_pos_key);
	memcpy(copy, m->below, n * sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		m->below[i] = copy[k[i].idx];
	return 0;
}

static int cmp_feedback(const void *pa, const void *pb)
{
	const struct rpt_feedback *a = pa, *b = pb;

	return hl_collate_vi(a->unit, b->unit);
}

int rpt_order(struct rpt_model *m, struct hl_arena *a, struct hl_err *err)
{
	const struct iq_result *ix = m->index;
	size_t n = ix->nunits;
	struct key *keys;

	m->order = hl_arena_alloc(a, (n + 1) * sizeof(*m->order));
	m->groups = hl_arena_alloc(a, (n + 1) * sizeof(*m->groups));
	if (m->order == NULL || m->groups == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sắp xếp các đơn vị");
	keys = hl_arena_alloc(a, (n + 1) * sizeof(*keys));
	if (keys == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sắp xếp các đơn vị");
	for (size_t i = 0; i < n; i++)
		keys[i] = (struct key){ix->units[i].unit.type, ix->units[i].unit.name,
			ix->units[i].unit.code, 0, i};
	qsort(keys, n, sizeof(*keys), cmp_unit_key);
	for (size_t i = 0; i < n; i++)
		m->order[i] = keys[i].idx;
	m->ngroups = 0;
	for (size_t i = 0; i < n; i++) {
		const char *type = ix->units[m->order[i]].unit.type;
		struct rpt_group *g = &m->groups[m->ngroups > 0 ? m->ngroups - 1 : 0];

		if (m->ngroups == 0 || strcmp(g->type, type) != 0) {
			const char *name = builtin_unit_type_name(type);

			g = &m->groups[m->ngroups++];
			g->type = type;
			g->name = name != NULL ? name : type;
			g->first = i;
			g->n = 0;
		}
		g->n++;
	}
	for (int g = 0; g < m->ngroups; g++)
		mean_of(ix, m->order, m->groups[g].first, m->groups[g].n, &m->groups[g].mean);
	mean_of(ix, m->order, 0, n, &m->mean);
	m->means = m->o.under != NULL && n > 1;
	/* The other tables of units follow the same order. */
	if (m->nbelow > 1 && order_below(m, a) != 0)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sắp xếp các đơn vị");
	if (m->nfeedback > 1)
		qsort(m->feedback, (size_t)m->nfeedback, sizeof(*m->feedback), cmp_feedback);
	return HL_OK;
}
