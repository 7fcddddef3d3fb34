/* indexq.c — from stored tallies to a table of indices for a period.
 *
 * Whole years are read from the yearly tallies, whole months from the
 * monthly ones and the days at either end of a range from the daily ones,
 * so the cost grows with units x criteria x months, never with the number
 * of responses. A unit formed by a merger counts its predecessors' tallies
 * (recursively): sums of tallies are sums of raw responses, so this is the
 * same as pooling the responses themselves. */
#include "svc/indexq.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "svc/dossq.h"
#include "svc/instruments.h"
#include "svc/units.h"

/* Criteria in the order the official tables print them. */
static const char *const CANON[] = {"TC", "DK", "HC", "PV", "KQ", "TT"};

/* Types that only group other units and are not surveyed themselves. */
static bool is_container(const char *type)
{
	return strcmp(type, "tinh") == 0 || strcmp(type, "huyen") == 0;
}

struct fkey {
	size_t unit; /* index + 1; 0 = empty slot */
	int64_t field;
	struct hl_tallyset set;
};

struct q {
	struct store *st;
	struct hl_arena *a;
	struct store_unit *u;
	size_t n;
	struct dq_units ids;             /* u and n again, with byid */
	size_t *src, *src_off, *src_cnt; /* data sources of each unit */
	struct hl_tallyset *cur, *prev;  /* own tallies per unit */
	struct fkey *fcur, *fprev;       /* per (unit, field), with weighting */
	size_t fcap;
	struct hl_tallyset *sink; /* where a scan callback adds */
	struct fkey *fsink;
	struct hl_err *err;
};

static long find_unit(const struct q *q, int64_t id)
{
	return dq_unit_find(&q->ids, id);
}

static int on_tally(void *ctx, const struct store_tally_row *row)
{
	struct q *q = ctx;
	long i = find_unit(q, row->unit_id);

	if (i < 0)
		return HL_OK;
	return hl_tallyset_merge(&q->sink[i], &row->set, q->err);
}

static struct fkey *fslot(struct fkey *tab, size_t cap, size_t unit, int64_t field)
{
	size_t h = (unit * 0x9E3779B97F4A7C15ULL ^ (uint64_t)field * 0xC2B2AE3D27D4EB4FULL) &
		(cap - 1);

	for (size_t probe = 0; probe < cap; probe++) {
		struct fkey *k = &tab[(h + probe) & (cap - 1)];

		if (k->unit == 0 || (k->unit == unit + 1 && k->field == field))
			return k;
	}
	return NULL;
}

static int on_field_tally(void *ctx, const struct store_tally_row *row)
{
	struct q *q = ctx;
	long i = find_unit(q, row->unit_id);
	struct fkey *k;

	if (i < 0)
		return HL_OK;
	k = fslot(q->fsink, q->fcap, (size_t)i, row->field_id);
	if (k == NULL)
		return hl_err_set(q->err, HL_ELIMIT, HL_HERE, "quá nhiều cặp đơn vị – lĩnh vực");
	k->unit = (size_t)i + 1;
	k->field = row->field_id;
	return hl_tallyset_merge(&k->set, &row->set, q->err);
}

/* Tallies of [first, last]: whole months from the monthly grain, the days
 * before the first whole month and after the last one from the daily grain. */
static int gather_months(struct q *q, hl_day first, hl_day last, bool per_field)
{
	store_tally_cb cb = per_field ? on_field_tally : on_tally;
	hl_day mfirst = hl_day_month_start(first), mlast_end;
	int y, m, d, rc;

	if (mfirst != first) {
		hl_day_to_ymd(first, &y, &m, &d);
		hl_day_from_ymd(y, m, hl_month_days(y, m), &mfirst);
		mfirst++;
	}
	hl_day_to_ymd(last, &y, &m, &d);
	mlast_end = d == hl_month_days(y, m) ? last : hl_day_month_start(last) - 1;
	if (mfirst > mlast_end)
		return STORE(q->st, tallies, tally_scan, GRAIN_DAY, per_field, first, last, cb, q,
			q->err);
	rc = STORE(q->st, tallies, tally_scan, GRAIN_MONTH, per_field, mfirst,
		hl_day_month_start(mlast_end), cb, q, q->err);
	if (rc == HL_OK && first < mfirst)
		rc = STORE(q->st, tallies, tally_scan, GRAIN_DAY, per_field, first, mfirst - 1, cb,
			q, q->err);
	if (rc == HL_OK && mlast_end < last)
		rc = STORE(q->st, tallies, tally_scan, GRAIN_DAY, per_field, mlast_end + 1, last,
			cb, q, q->err);
	return rc;
}

/* Tallies of [first, last]: whole years from the yearly grain (over all
 * fields; per field there is none), the rest as gather_months. */
static int gather(struct q *q, hl_day first, hl_day last, bool per_field)
{
	hl_day yfirst, ylast_end;
	int y, m, d, rc;

	if (per_field)
		return gather_months(q, first, last, per_field);
	hl_day_to_ymd(first, &y, &m, &d);
	hl_day_from_ymd(m == 1 && d == 1 ? y : y + 1, 1, 1, &yfirst);
	hl_day_to_ymd(last, &y, &m, &d);
	if (m == 12 && d == 31)
		ylast_end = last;
	else {
		hl_day_from_ymd(y, 1, 1, &ylast_end);
		ylast_end--;
	}
	if (yfirst > ylast_end)
		return gather_months(q, first, last, per_field);
	rc = STORE(q->st, tallies, tally_scan, GRAIN_YEAR, false, yfirst, ylast_end, on_tally, q,
		q->err);
	if (rc == HL_OK && first < yfirst)
		rc = gather_months(q, first, yfirst - 1, per_field);
	if (rc == HL_OK && ylast_end < last)
		rc = gather_months(q, ylast_end + 1, last, per_field);
	return rc;
}

/* gather over the period into cur (fcur) and the year before into prev (fprev). */
static int gather_both(struct q *q, const struct iq_result *r, bool per_field)
{
	const struct hl_period *p[2] = {&r->period, &r->prev};
	int rc = HL_OK;

	for (int k = 0; k < 2 && rc == HL_OK; k++) {
		if (per_field)
			q->fsink = k == 0 ? q->fcur : q->fprev;
		else
			q->sink = k == 0 ? q->cur : q->prev;
		rc = gather(q, p[k]->first, p[k]->last, per_field);
	}
	return rc;
}

static int build_sources(struct q *q, struct hl_err *err)
{
	struct store_lineage *lin = NULL;
	size_t nlin = 0, total = 0, cap = 64;
	struct units_src *tmp;
	int rc;

	rc = STORE(q->st, units, lineage_list, q->a, &lin, &nlin, err);
	if (rc != HL_OK)
		return rc;
	q->src_off = hl_arena_alloc(q->a, q->n * sizeof(size_t) + 1);
	q->src_cnt = hl_arena_alloc(q->a, q->n * sizeof(size_t) + 1);
	q->src = hl_arena_alloc(q->a, q->n * cap * sizeof(size_t) + 1);
	tmp = hl_arena_alloc(q->a, cap * sizeof(*tmp));
	if (!q->src_off || !q->src_cnt || !q->src || !tmp)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính chỉ số");
	for (size_t i = 0; i < q->n; i++) {
		size_t cnt = 0;

		/* No date limit: a predecessor has no responses from the merger on. */
		rc = units_sources(lin, nlin, q->u[i].id, q->u[i].code, tmp, &cnt, cap, err);
		if (rc != HL_OK)
			return rc;
		q->src_off[i] = total;
		q->src_cnt[i] = 0;
		for (size_t k = 0; k < cnt; k++) {
			long j = find_unit(q, tmp[k].id);

			if (j >= 0)
				q->src[total + q->src_cnt[i]++] = (size_t)j;
		}
		total += q->src_cnt[i];
	}
	return HL_OK;
}

/* Unit i's tallies with its predecessors': its own set when it has none
 * (most units: no copy), else their sum in arena memory; NULL when out of
 * memory. */
static const struct hl_tallyset *pooled_set(const struct q *q, const struct hl_tallyset *own,
	size_t i)
{
	struct hl_tallyset *out;

	if (q->src_cnt[i] == 1 && q->src[q->src_off[i]] == i)
		return &own[i];
	if ((out = hl_arena_alloc(q->a, sizeof(*out))) == NULL)
		return NULL;
	for (size_t k = 0; k < q->src_cnt[i]; k++)
		hl_tallyset_merge(out, &own[q->src[q->src_off[i] + k]], NULL);
	return out;
}

/* Post-stratified estimates of unit i for every cell, from per-field
 * tallies and the fields' dossier counts over the period. */
static int weighted_cells(struct q *q, const struct fkey *ftab, size_t i, hl_day first, hl_day last,
	struct iq_result *r, bool use_prev, struct hl_idx_unit *iu, int64_t *nall)
{
	enum { MAXF = 256 };
	int64_t fid[MAXF];
	double w[MAXF];
	struct hl_tallyset *fs = NULL;
	struct hl_tally strata[MAXF];
	int nf = 0, rc = HL_OK;

	fs = hl_calloc(MAXF, sizeof(*fs));
	if (fs == NULL)
		return hl_err_set(q->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi gia quyền");
	for (size_t s = 0; s < q->src_cnt[i]; s++) {
		size_t src = q->src[q->src_off[i] + s];
		struct store_count *cnt = NULL;
		size_t ncnt = 0;

		/* Per-field tallies of this source. */
		for (size_t k = 0; k < q->fcap; k++) {
			int f;

			if (ftab[k].unit != src + 1)
				continue;
			for (f = 0; f < nf && fid[f] != ftab[k].field; f++)
				;
			if (f == nf) {
				if (nf == MAXF)
					continue;
				fid[nf] = ftab[k].field;
				w[nf++] = 0;
			}
			hl_tallyset_merge(&fs[f], &ftab[k].set, NULL);
		}
		rc = STORE(q->st, dossiers, dossier_count_by_field, q->u[src].id, first, last, q->a,
			&cnt, &ncnt, q->err);
		if (rc != HL_OK)
			goto cleanup;
		for (size_t c = 0; c < ncnt; c++)
			for (int f = 0; f < nf; f++)
				if (fid[f] == cnt[c].key_id)
					w[f] += (double)cnt[c].count;
	}
	*nall = 0;
	for (int k = 0; k <= r->ncrit; k++) {
		const char *code = k < r->ncrit ? r->crit_code[k] : HL_CRIT_ALL;
		struct hl_est *e = use_prev ? &iu->cell[k].prev : &iu->cell[k].cur;

		for (int f = 0; f < nf; f++) {
			const struct hl_tally *t = hl_tallyset_find(&fs[f], code);

			memset(&strata[f], 0, sizeof(strata[f]));
			if (t != NULL)
				strata[f] = *t;
		}
		if (k < r->ncrit) {
			hl_est_weighted(strata, w, nf, e);
			continue;
		}
		for (int f = 0; f < nf; f++)
			if (w[f] > 0)
				*nall += strata[f].n;
	}
cleanup:
	hl_free(fs);
	return rc;
}

/* Criterion estimates of iu from a pooled tally set; returns the number of
 * responses behind them. */
static int64_t plain_cells(const struct hl_tallyset *set, const struct iq_result *r,
	struct hl_idx_unit *iu, bool use_prev)
{
	const struct hl_tally *all = hl_tallyset_find(set, HL_CRIT_ALL);

	for (int k = 0; k < r->ncrit; k++)
		hl_est_from_tally(hl_tallyset_find(set, r->crit_code[k]),
			use_prev ? &iu->cell[k].prev : &iu->cell[k].cur);
	return all ? all->n : 0;
}

static void add_crit(struct iq_result *r, const char *code)
{
	if (strcmp(code, HL_CRIT_ALL) == 0 || r->ncrit >= HL_MAX_CRITERIA)
		return;
	for (int k = 0; k < r->ncrit; k++)
		if (strcmp(r->crit_code[k], code) == 0)
			return;
	r->crit_code[r->ncrit++] = code;
}

/* The criteria of the table: those with data in the listed units, in the
 * official order first; the five SIPAS criteria when there is no data. */
static void choose_criteria(struct iq_result *r, const struct hl_tallyset *const *sets,
	const bool *listed, size_t n, struct hl_arena *a)
{
	for (size_t c = 0; c < sizeof(CANON) / sizeof(CANON[0]); c++)
		for (size_t i = 0; i < n; i++)
			if (listed[i] && hl_tallyset_find(sets[i], CANON[c]) != NULL) {
				add_crit(r, CANON[c]);
				break;
			}
	for (size_t i = 0; i < n; i++)
		for (int k = 0; listed[i] && k < sets[i]->n; k++)
			add_crit(r, hl_arena_strdup(a, sets[i]->code[k]));
	if (r->ncrit == 0) {
		static const char *const five[] = {"TC", "HC", "PV", "KQ", "TT"};

		for (int k = 0; k < 5; k++)
			add_crit(r, five[k]);
	}
}

/* Criterion names from the stored instruments, sipas-5 first. */
static int name_criteria(struct q *q, struct iq_result *r)
{
	struct store_instrument *list = NULL;
	size_t n = 0;
	int rc;

	rc = STORE(q->st, instruments, instrument_list, q->a, &list, &n, q->err);
	if (rc != HL_OK)
		return rc;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = n; i-- > 0;) {
			struct hl_instrument *in = NULL;

			if ((strcmp(list[i].code, "sipas-5") == 0) != (pass == 0))
				continue;
			if (instruments_get_id(q->st, q->a, list[i].id, NULL, &in, q->err) != HL_OK)
				continue; /* a name is a nicety: a bad definition must not stop the index */
			for (int k = 0; k < r->ncrit; k++) {
				int c = r->crit_name[k] ?
					-1 :
					hl_instrument_criterion(in, r->crit_code[k]);

				if (c >= 0)
					r->crit_name[k] = in->criteria[c].name;
			}
		}
	}
	for (int k = 0; k < r->ncrit; k++)
		if (r->crit_name[k] == NULL)
			r->crit_name[k] = r->crit_code[k];
	r->crit_code[r->ncrit] = HL_CRIT_ALL;
	r->crit_name[r->ncrit] = "Chỉ số hài lòng chung (SIPAS)";
	hl_err_clear(q->err);
	return HL_OK;
}

bool iq_target(const struct store_target *t, size_t nt, const struct store_unit *u,
	const char *crit, double *out)
{
	int best = 0;

	for (size_t i = 0; i < nt; i++) {
		bool unit_match = t[i].unit_id != 0 && t[i].unit_id == u->id;
		bool type_match = t[i].unit_id == 0 && strcmp(t[i].type, u->type) == 0;
		bool crit_exact = strcmp(t[i].criterion, crit) == 0;
		bool crit_all = t[i].criterion[0] == '\0';
		int score = 0;

		if (unit_match && crit_exact)
			score = 4;
		else if (unit_match && crit_all)
			score = 3;
		else if (type_match && crit_exact)
			score = 2;
		else if (type_match && crit_all)
			score = 1;
		if (score > best) {
			best = score;
			*out = t[i].value;
		}
	}
	return best > 0;
}

static bool overlaps(const struct store_unit *u, hl_day first, hl_day last)
{
	return (u->valid_from == HL_DAY_NONE || u->valid_from <= last) &&
		(u->valid_to == HL_DAY_NONE || u->valid_to >= first);
}

static bool has_data(const struct hl_tallyset *s)
{
	const struct hl_tally *all = hl_tallyset_find(s, HL_CRIT_ALL);

	return all != NULL && all->n > 0;
}

/* Depth-first order of the unit tree, children by code. */
static size_t *tree_order(struct q *q)
{
	size_t *order = hl_arena_alloc(q->a, (q->n + 1) * sizeof(size_t));
	size_t *stack = hl_arena_alloc(q->a, (q->n + 1) * sizeof(size_t));
	long *head = hl_arena_alloc(q->a, (q->n + 1) * sizeof(long));
	long *next = hl_arena_alloc(q->a, (q->n + 1) * sizeof(long));
	size_t no = 0, sp = 0;

	if (!order || !stack || !head || !next)
		return NULL;
	for (size_t i = 0; i <= q->n; i++)
		head[i] = -1;
	/* Slot n holds the roots; units are in code order, so link in reverse. */
	for (size_t i = q->n; i-- > 0;) {
		long p = q->u[i].parent_id ? find_unit(q, q->u[i].parent_id) : -1;
		size_t slot = p < 0 || (size_t)p == i ? q->n : (size_t)p;

		next[i] = head[slot];
		head[slot] = (long)i;
	}
	for (long c = head[q->n]; c >= 0; c = next[c])
		stack[sp++] = (size_t)c;
	/* Reverse so that the first root is popped first. */
	for (size_t l = 0, h = sp; h > l + 1; l++, h--) {
		size_t t = stack[l];

		stack[l] = stack[h - 1];
		stack[h - 1] = t;
	}
	while (sp > 0 && no < q->n) {
		size_t i = stack[--sp], m = sp;

		order[no++] = i;
		for (long c = head[i]; c >= 0 && sp < q->n; c = next[c])
			stack[sp++] = (size_t)c;
		for (size_t l = m, h = sp; h > l + 1; l++, h--) {
			size_t t = stack[l];

			stack[l] = stack[h - 1];
			stack[h - 1] = t;
		}
	}
	return order;
}

static bool below(const struct q *q, size_t i, int64_t root_id)
{
	return dq_unit_under(&q->ids, q->u[i].parent_id, root_id);
}

int iq_run(struct store *st, struct hl_arena *a, const struct iq_opts *o, struct iq_result **out,
	struct hl_err *err)
{
	struct q q = {.st = st, .a = a, .err = err};
	struct iq_result *r;
	struct hl_idx_unit *iu = NULL;
	struct store_target *targets = NULL;
	const struct hl_tallyset **pcur = NULL, **pprev = NULL; /* pooled_set's */
	bool *listed = NULL;
	size_t ntargets = 0, nlisted = 0, *order;
	long only = -1, root = -1;
	int rc;

	*out = NULL;
	r = hl_arena_alloc(a, sizeof(*r));
	if (r == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính chỉ số");
	r->period = o->period;
	hl_period_prev_year(&o->period, &r->prev);
	if (o->weight_field && (!hl_period_whole_months(&o->period)))
		return hl_err_set(err, HL_EINVAL, "--weight",
			"gia quyền theo lĩnh vực (--weight field) chỉ dùng cho kỳ gồm trọn các tháng");

	if (o->units != NULL) {
		q.u = (struct store_unit *)o->units; /* read only, as what unit_list gives */
		q.n = o->nunits;
	} else if ((rc = STORE(st, units, unit_list, a, &q.u, &q.n, err)) != HL_OK)
		return rc;
	q.cur = hl_arena_alloc(a, (q.n + 1) * sizeof(*q.cur));
	q.prev = hl_arena_alloc(a, (q.n + 1) * sizeof(*q.prev));
	pcur = hl_arena_alloc(a, (q.n + 1) * sizeof(*pcur));
	pprev = hl_arena_alloc(a, (q.n + 1) * sizeof(*pprev));
	iu = hl_arena_alloc(a, (q.n + 1) * sizeof(*iu));
	listed = hl_arena_alloc(a, (q.n + 1) * sizeof(*listed));
	if (!q.cur || !q.prev || !pcur || !pprev || !iu || !listed)
		return hl_err_set(err, HL_ENOMEM, HL_HERE,
			"hết bộ nhớ khi tính chỉ số cho %zu đơn vị", q.n);
	q.ids = (struct dq_units){.u = q.u, .n = q.n};
	if ((rc = dq_units_index(a, &q.ids, err)) != HL_OK)
		return rc;
	for (size_t i = 0; i < q.n; i++) {
		if (o->unit && strcmp(q.u[i].code, o->unit) == 0)
			only = (long)i;
		if (o->under && strcmp(q.u[i].code, o->under) == 0)
			root = (long)i;
	}
	if (o->unit && only < 0)
		return hl_err_set(err, HL_ENOTFOUND, "--unit", "không có đơn vị mã '%s'", o->unit);
	if (o->under && root < 0)
		return hl_err_set(err, HL_ENOTFOUND, "--under", "không có đơn vị mã '%s'",
			o->under);

	rc = build_sources(&q, err);
	if (rc != HL_OK)
		return rc;
	rc = gather_both(&q, r, false);
	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < q.n; i++)
		if ((pcur[i] = pooled_set(&q, q.cur, i)) == NULL ||
			(pprev[i] = pooled_set(&q, q.prev, i)) == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính chỉ số");

	/* Scope. */
	for (size_t i = 0; i < q.n; i++) {
		bool active = overlaps(&q.u[i], r->period.first, r->period.last);

		/* Units that only group others are shown when they have data of their own. */
		bool shown = active && (has_data(pcur[i]) || !is_container(q.u[i].type));

		if (only >= 0)
			listed[i] = (long)i == only;
		else if (root >= 0)
			listed[i] = shown &&
				((long)i == root ? has_data(pcur[i]) : below(&q, i, q.u[root].id));
		else
			listed[i] = shown;
		if (listed[i] && o->type && strcmp(q.u[i].type, o->type) != 0)
			listed[i] = false;
		nlisted += listed[i];
	}
	choose_criteria(r, pcur, listed, q.n, a);
	rc = name_criteria(&q, r);
	if (rc != HL_OK)
		return rc;

	if (o->weight_field) {
		size_t nf = 0;
		struct store_field *fields = NULL;

		rc = STORE(st, units, field_list, a, &fields, &nf, err);
		if (rc != HL_OK)
			return rc;
		for (q.fcap = 64; q.fcap < 2 * (q.n + 1) * (nf + 1); q.fcap *= 2)
			;
		q.fcur = hl_arena_alloc(a, q.fcap * sizeof(*q.fcur));
		q.fprev = hl_arena_alloc(a, q.fcap * sizeof(*q.fprev));
		if (!q.fcur || !q.fprev)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi gia quyền theo lĩnh vực");
		rc = gather_both(&q, r, true);
		if (rc != HL_OK)
			return rc;
	}

	rc = STORE(st, reports, target_list, r->period.year, a, &targets, &ntargets, err);
	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < q.n; i++) {
		int64_t ncur, nprev;

		iu[i].id = q.u[i].id;
		iu[i].parent_id = q.u[i].parent_id;
		iu[i].type = q.u[i].type;
		iu[i].ranked = overlaps(&q.u[i], r->period.first, r->period.last);
		if (o->weight_field) {
			rc = weighted_cells(&q, q.fcur, i, r->period.first, r->period.last, r,
				false, &iu[i], &ncur);
			if (rc == HL_OK)
				rc = weighted_cells(&q, q.fprev, i, r->prev.first, r->prev.last, r,
					true, &iu[i], &nprev);
			if (rc != HL_OK)
				return rc;
		} else {
			ncur = plain_cells(pcur[i], r, &iu[i], false);
			nprev = plain_cells(pprev[i], r, &iu[i], true);
		}
		hl_index_overall(&iu[i], r->ncrit, ncur, nprev);
		for (int k = 0; k <= r->ncrit; k++)
			iu[i].cell[k].has_target = iq_target(targets, ntargets, &q.u[i],
				r->crit_code[k], &iu[i].cell[k].target);
	}
	rc = hl_index_compare(iu, q.n, r->ncrit + 1, err);
	if (rc != HL_OK)
		return rc;

	order = tree_order(&q);
	r->units = hl_arena_alloc(a, (nlisted + 1) * sizeof(*r->units));
	if (order == NULL || r->units == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính chỉ số");
	for (size_t k = 0; k < q.n; k++) {
		size_t i = order[k];
		struct iq_unit *ru;

		if (!listed[i])
			continue;
		ru = &r->units[r->nunits++];
		ru->unit = q.u[i];
		ru->active = iu[i].ranked;
		ru->pooled = q.src_cnt[i] > 1;
		ru->idx = iu[i];
	}
	*out = r;
	return HL_OK;
}

void iq_mean(const struct iq_result *res, struct iq_mean *out)
{
	memset(out, 0, sizeof(*out));
	for (int k = 0; k <= res->ncrit && k < HL_IDX_MAXCELLS; k++) {
		double sum = 0, psum = 0;
		int n = 0, pn = 0;

		for (size_t i = 0; i < res->nunits; i++) {
			const struct hl_idx_cell *c = &res->units[i].idx.cell[k];

			if (c->cur.valid) {
				sum += c->cur.value;
				n++;
			}
			if (c->prev.valid) {
				psum += c->prev.value;
				pn++;
			}
		}
		out->valid[k] = n > 0;
		out->value[k] = n > 0 ? sum / n : 0;
		out->prev_valid[k] = pn > 0;
		out->prev[k] = pn > 0 ? psum / pn : 0;
		if (k == res->ncrit)
			out->units = n;
	}
	for (size_t i = 0; i < res->nunits; i++)
		out->n += res->units[i].idx.cell[res->ncrit].cur.n;
}
