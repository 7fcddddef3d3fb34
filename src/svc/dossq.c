/* dossq.c — the timeliness stats and rule breaks of dossq.h.
 *
 * Stats for a period read, for the whole months in it, the store's monthly
 * sums of finished dossiers, then correct them with the dossiers that were
 * not finished at the moment asked about (the store finds those through an
 * index: the unfinished ones, and those finished after that moment, which
 * are taken out of their finished class and counted pending or overdue);
 * the days of a partial month at either end of a date range are read
 * dossier by dossier. Every dossier is classified by core/timeliness.h. */
#include "svc/dossq.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "io/csvout.h"
#include "svc/order.h"
#include "svc/calendar.h"
#include "svc/lookup.h"

#define UNIT_DEPTH_MAX 64

int dq_by_parse(const char *s, enum dq_by *out, struct hl_err *err)
{
	static const char *const names[] = {"", "field", "procedure", "channel"};

	*out = DQ_BY_NONE;
	if (s == NULL)
		return HL_OK;
	for (int i = DQ_BY_FIELD; i <= DQ_BY_CHANNEL; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum dq_by)i;
			return HL_OK;
		}
	return hl_err_set(err, HL_EINVAL, "--by",
		"--by phải là field, procedure hoặc channel "
		"(không phải '%s')",
		s);
}

const char *dq_by_label(enum dq_by by)
{
	static const char *const labels[] = {"", "Lĩnh vực", "Thủ tục", "Kênh"};

	return by >= DQ_BY_NONE && by <= DQ_BY_CHANNEL ? labels[by] : "";
}

/* ---- units in scope ---- */

struct id_idx {
	int64_t id;
	size_t idx;
};

static int cmp_id(const void *x, const void *y)
{
	int64_t a = ((const struct id_idx *)x)->id, b = ((const struct id_idx *)y)->id;

	return (a > b) - (a < b);
}

long dq_unit_find(const struct dq_units *s, int64_t id)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = s->u[s->byid[mid]].id;

		if (v == id)
			return (long)s->byid[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

bool dq_unit_under(const struct dq_units *s, int64_t id, int64_t root)
{
	for (int depth = 0; id != 0 && depth < UNIT_DEPTH_MAX; depth++) {
		long k;

		if (id == root)
			return true;
		k = dq_unit_find(s, id);
		if (k < 0)
			return false;
		id = s->u[k].parent_id;
	}
	return false;
}

int dq_units_index(struct hl_arena *a, struct dq_units *s, struct hl_err *err)
{
	struct id_idx *pairs = hl_arena_alloc(a, (s->n + 1) * sizeof(*pairs));

	s->byid = hl_arena_alloc(a, (s->n + 1) * sizeof(*s->byid));
	if (pairs == NULL || s->byid == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc %zu đơn vị", s->n);
	for (size_t i = 0; i < s->n; i++) {
		pairs[i].id = s->u[i].id;
		pairs[i].idx = i;
	}
	qsort(pairs, s->n, sizeof(*pairs), cmp_id);
	for (size_t i = 0; i < s->n; i++)
		s->byid[i] = pairs[i].idx;
	return HL_OK;
}

int dq_scope(struct store *st, struct hl_arena *a, const char *unit, const char *under,
	struct dq_units *out, struct hl_err *err)
{
	const char *code = unit != NULL ? unit : under;
	long root = -1;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = STORE(st, units, unit_list, a, &out->u, &out->n, err);
	if (rc != HL_OK)
		return rc;
	out->in = hl_arena_alloc(a, (out->n + 1) * sizeof(*out->in));
	if (out->in == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc %zu đơn vị", out->n);
	if ((rc = dq_units_index(a, out, err)) != HL_OK)
		return rc;
	for (size_t i = 0; i < out->n; i++)
		if (code != NULL && strcmp(out->u[i].code, code) == 0)
			root = (long)i;
	if (code != NULL && root < 0)
		return hl_err_set(err, HL_ENOTFOUND, unit != NULL ? "--unit" : "--under",
			"không có đơn vị mã '%s' (xem hailong units list)", code);
	for (size_t i = 0; i < out->n; i++)
		out->in[i] = unit != NULL ? (long)i == root :
			under != NULL     ? dq_unit_under(out, out->u[i].id, out->u[root].id) :
					    true;
	return HL_OK;
}

/* ---- stats ---- */

struct acc {
	size_t unit; /* index in the scope's units */
	const struct store_unit *u;
	const char *group, *label;
	struct tl_counts c;
};

struct sq_ctx {
	struct hl_arena *a;
	struct hl_err *err;
	const struct dq_opts *o;
	struct dq_units s;
	struct store_field *fields;
	size_t nfields;
	struct lookup *map; /* "unit index|group" -> struct acc */
	struct acc **list;
	size_t nlist, caplist;
};

static const char *channel_label(const char *ch)
{
	switch (tl_channel_parse(ch)) {
	case TL_CH_ONLINE: return "Trực tuyến";
	case TL_CH_DIRECT: return "Trực tiếp";
	case TL_CH_POST: return "Qua bưu chính";
	default: return ch;
	}
}

static const struct store_field *field_of(const struct sq_ctx *x, int64_t id)
{
	for (size_t i = 0; i < x->nfields; i++)
		if (x->fields[i].id == id)
			return &x->fields[i];
	return NULL;
}

static int grow_list(struct sq_ctx *x)
{
	return hl_arena_grow(x->a, &x->list, x->nlist, &x->caplist, x->nlist + 1, sizeof(*x->list));
}

/* The accumulator of (unit, group), made on first use; NULL when out of memory. */
static struct acc *acc_get(struct sq_ctx *x, size_t unit, int64_t field_id, const char *channel,
	const char *procedure)
{
	char key[STORE_NAME_MAX + 48];
	const char *group = "", *label = "";
	struct acc *c;

	switch (x->o->by) {
	case DQ_BY_FIELD: {
		const struct store_field *f = field_of(x, field_id);

		group = f != NULL ? f->code : "";
		label = f != NULL ? f->name : "(không ghi lĩnh vực)";
		break;
	}
	case DQ_BY_CHANNEL:
		group = channel;
		label = channel_label(channel);
		break;
	case DQ_BY_PROCEDURE:
		group = procedure;
		label = procedure[0] != '\0' ? procedure : "(không ghi thủ tục)";
		break;
	default: break;
	}
	snprintf(key, sizeof(key), "%zu|%s", unit, group);
	c = lookup_get(x->map, key);
	if (c != NULL)
		return c;
	c = hl_arena_alloc(x->a, sizeof(*c));
	if (c == NULL || grow_list(x) != HL_OK)
		return NULL;
	c->unit = unit;
	c->u = &x->s.u[unit];
	c->group = hl_arena_strdup(x->a, group);
	c->label = hl_arena_strdup(x->a, label);
	if (c->group == NULL || c->label == NULL || lookup_put(x->map, key, c) != HL_OK)
		return NULL;
	x->list[x->nlist++] = c;
	return c;
}

static int oom(struct sq_ctx *x)
{
	return hl_err_set(x->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tổng hợp hồ sơ");
}

/* The accumulator of a row of unit_id, or NULL with *rc 0 when the unit is
 * out of scope (or the failure). */
static struct acc *acc_of(struct sq_ctx *x, int64_t unit_id, int64_t field_id, const char *channel,
	const char *procedure, int *rc)
{
	long u = dq_unit_find(&x->s, unit_id);
	struct acc *c;

	*rc = 0;
	if (u < 0 || !x->s.in[u])
		return NULL;
	c = acc_get(x, (size_t)u, field_id, channel, procedure);
	if (c == NULL)
		*rc = oom(x);
	return c;
}

static int add_sum(void *ctx, const struct store_dossier_sum *r)
{
	struct sq_ctx *x = ctx;
	int rc;
	struct acc *c = acc_of(x, r->unit_id, r->field_id, r->channel, r->procedure, &rc);

	if (c == NULL)
		return rc;
	c->c.n[TL_EARLY] += r->early;
	c->c.n[TL_ON_TIME] += r->on_time;
	c->c.n[TL_LATE] += r->late;
	return 0;
}

int dq_save(struct store *st, struct store_dossier *d, struct hl_err *err)
{
	bool counted = d->received_at >= 0 && d->due_at >= 0 && d->finished_at >= 0;

	d->cls = counted ? (int)tl_finished_class(d->due_at, d->finished_at) : TL_NONE;
	return STORE(st, dossiers, dossier_save, d, err);
}

/* A dossier open at the moment asked about, from the whole months: the
 * sums counted it if it was finished since; count it as it stood then. */
static int add_open(void *ctx, const struct store_dossier *d)
{
	struct sq_ctx *x = ctx;
	int rc;
	struct acc *c = acc_of(x, d->unit_id, d->field_id, d->channel, d->procedure, &rc);
	enum tl_class cls;

	if (c == NULL)
		return rc;
	/* taken out as the sums hold it: its stored class */
	if (d->cls > TL_NONE && d->cls <= TL_LATE)
		c->c.n[d->cls]--;
	cls = tl_classify(d->received_at, d->due_at, d->finished_at, x->o->at);
	if (cls != TL_NONE)
		c->c.n[cls]++;
	return 0;
}

/* A dossier of a partial month: classified whole. */
static int add_row(void *ctx, const struct store_dossier *d)
{
	struct sq_ctx *x = ctx;
	enum tl_class cls = tl_classify(d->received_at, d->due_at, d->finished_at, x->o->at);
	int rc = 0;
	struct acc *c = cls != TL_NONE ?
		acc_of(x, d->unit_id, d->field_id, d->channel, d->procedure, &rc) :
		NULL;

	if (c == NULL)
		return rc;
	c->c.n[cls]++;
	return 0;
}

static int month_key(hl_day day)
{
	int y, m, d;

	hl_day_to_ymd(day, &y, &m, &d);
	return y * 12 + m - 1;
}

static hl_day month_first(int key)
{
	hl_day d = 0;

	hl_day_from_ymd(key / 12, key % 12 + 1, 1, &d);
	return d;
}

/* Every dossier of the units in scope received on days [d0, d1], one by one. */
static int scan_days(struct store *st, struct sq_ctx *x, int64_t only, hl_day d0, hl_day d1)
{
	int64_t r0 = (int64_t)d0 * 1440, r1 = ((int64_t)d1 + 1) * 1440 - 1;
	int rc = HL_OK;

	if (d0 > d1)
		return HL_OK;
	if (only != 0)
		return STORE(st, dossiers, dossier_scan, only, r0, r1, add_row, x, x->err);
	for (size_t i = 0; i < x->s.n && rc == HL_OK; i++)
		if (x->s.in[i])
			rc = STORE(st, dossiers, dossier_scan, x->s.u[i].id, r0, r1, add_row, x,
				x->err);
	return rc;
}

/* Units as documents list them (by type, then Vietnamese name, then code),
 * each unit's groups by code. */
static int cmp_acc(const void *p, const void *q)
{
	const struct acc *a = *(const struct acc *const *)p, *b = *(const struct acc *const *)q;
	int c;

	if (a->unit != b->unit) {
		c = ord_units(a->u->type, a->u->name, b->u->type, b->u->name);
		return c != 0 ? c : strcmp(a->u->code, b->u->code);
	}
	return strcmp(a->group, b->group);
}

int dq_stats(struct store *st, struct hl_arena *a, const struct dq_opts *o, struct dq_result **out,
	struct hl_err *err)
{
	struct sq_ctx x = {.a = a, .err = err, .o = o};
	const struct hl_period *p = &o->period;
	struct dq_result *r;
	int64_t only = 0;
	hl_day last;
	int m0, m1, rc;

	*out = NULL;
	rc = dq_scope(st, a, o->unit, o->under, &x.s, err);
	if (rc == HL_OK && o->by == DQ_BY_FIELD)
		rc = STORE(st, units, field_list, a, &x.fields, &x.nfields, err);
	if (rc != HL_OK)
		return rc;
	if (o->unit != NULL)
		for (size_t i = 0; i < x.s.n; i++)
			if (x.s.in[i])
				only = x.s.u[i].id;
	x.map = lookup_new();
	if (x.map == NULL)
		return oom(&x);
	/* Nothing received after the moment counts: the period is read up to
	 * the moment's day at most. The whole months of the period come from
	 * the sums (the moment's month too, when the period holds it all: its
	 * dossiers received after the moment are taken out with the open
	 * ones), the days of partial months dossier by dossier. */
	last = o->at / 1440 < p->last ? (hl_day)(o->at / 1440) : p->last;
	m0 = month_key(p->first) + (month_first(month_key(p->first)) != p->first);
	m1 = month_key(p->last + 1) - 1;
	if (m1 > month_key(last)) {
		m1 = month_key(last);
		last = month_first(m1 + 1) - 1;
	}
	if (o->at < (int64_t)p->first * 1440) {
		rc = HL_OK;
	} else if (m0 <= m1) {
		int64_t w0 = (int64_t)month_first(m0) * 1440,
			w1 = (int64_t)month_first(m1 + 1) * 1440 - 1;

		rc = STORE(st, dossiers, dossier_sum_scan, only, o->by == DQ_BY_PROCEDURE, m0, m1,
			add_sum, &x, err);
		if (rc == HL_OK)
			rc = STORE(st, dossiers, dossier_open_scan, only, w0, w1, o->at, add_open,
				&x, err);
		if (rc == HL_OK)
			rc = scan_days(st, &x, only, p->first, month_first(m0) - 1);
		if (rc == HL_OK)
			rc = scan_days(st, &x, only, month_first(m1 + 1), last);
	} else {
		rc = scan_days(st, &x, only, p->first, last);
	}
	if (rc != HL_OK)
		goto cleanup;

	r = hl_arena_alloc(a, sizeof(*r));
	if (r == NULL || (r->rows = hl_arena_alloc(a, (x.nlist + 1) * sizeof(*r->rows))) == NULL) {
		rc = oom(&x);
		goto cleanup;
	}
	r->o = *o;
	if (x.nlist > 0)
		qsort(x.list, x.nlist, sizeof(*x.list), cmp_acc);
	for (size_t i = 0; i < x.nlist; i++) {
		if (tl_total(&x.list[i]->c) == 0)
			continue;
		r->rows[r->nrows].unit = &x.s.u[x.list[i]->unit];
		r->rows[r->nrows].group = x.list[i]->group;
		r->rows[r->nrows].label = x.list[i]->label;
		r->rows[r->nrows++].c = x.list[i]->c;
	}
	/* One row for the unit asked for, even without dossiers. */
	if (only != 0 && r->nrows == 0 && o->by == DQ_BY_NONE) {
		memset(&r->rows[0], 0, sizeof(r->rows[0]));
		r->rows[0].unit = &x.s.u[dq_unit_find(&x.s, only)];
		r->rows[0].group = r->rows[0].label = "";
		r->nrows = 1;
	}
	*out = r;
cleanup:
	lookup_free(x.map);
	return rc;
}

void dq_stats_csv(FILE *f, const struct dq_result *r)
{
	fputs("unit,group,total,early,on_time,late,pending,overdue,on_time_pct\n", f);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dq_row *w = &r->rows[i];
		double pct;
		bool have = tl_on_time_pct(&w->c, &pct);

		csvout_cell(f, w->unit->code);
		fputc(',', f);
		csvout_cell(f, w->group);
		fprintf(f, ",%lld,%lld,%lld,%lld,%lld,%lld", (long long)tl_total(&w->c),
			(long long)w->c.n[TL_EARLY], (long long)w->c.n[TL_ON_TIME],
			(long long)w->c.n[TL_LATE], (long long)w->c.n[TL_PENDING],
			(long long)w->c.n[TL_OVERDUE]);
		csvout_num(f, have, pct);
		fputc('\n', f);
	}
}

/* ---- rule breaks ---- */

struct br_ctx {
	struct hl_arena *a;
	struct hl_err *err;
	struct dq_units s;
	struct store_field *fields;
	size_t nfields;
	struct cal *cal; /* loaded before the scan (no store in its callback) */
	int64_t at, online;
	struct dq_break *out;
	size_t n, cap;
};

static int add_breaks(void *ctx, const struct store_dossier *d)
{
	struct br_ctx *x = ctx;
	struct tl_dossier t = {
		.channel = tl_channel_parse(d->channel),
		.submitted_at = d->submitted_at,
		.received_at = d->received_at,
		.due_at = d->due_at,
		.finished_at = d->finished_at,
		.supplements = d->supplements,
		.reschedules = d->reschedules,
		.apology = d->apology,
	};
	struct tl_break br[TL_NRULES];
	struct wc_sched sched, *sp = NULL;
	const char *field = "";
	long u = dq_unit_find(&x->s, d->unit_id);
	int nb = 0, rc;

	if (u < 0 || !x->s.in[u] || d->received_at > x->at)
		return 0;
	if (t.channel == TL_CH_ONLINE && t.submitted_at >= 0) {
		if ((rc = cal_unit(x->cal, d->unit_id, &sched, x->err)) != HL_OK)
			return rc;
		sp = &sched;
	}
	rc = tl_breaks(&t, x->at, sp, x->online, br, &nb, x->err);
	if (rc != HL_OK) {
		char why[sizeof(x->err->msg)];

		snprintf(why, sizeof(why), "%s", x->err->msg);
		return hl_err_set(x->err, rc, HL_HERE, "hồ sơ %s: %s", d->code, why);
	}
	for (size_t i = 0; i < x->nfields; i++)
		if (x->fields[i].id == d->field_id)
			field = x->fields[i].code;
	for (int i = 0; i < nb; i++) {
		struct dq_break *b;

		if (hl_arena_grow(x->a, &x->out, x->n, &x->cap, x->n + 1, sizeof(*x->out)) != HL_OK)
			return hl_err_set(x->err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi liệt kê vi phạm");
		b = &x->out[x->n];
		b->code = hl_arena_strdup(x->a, d->code);
		b->unit = x->s.u[u].code;
		b->field = field;
		b->rule = br[i].rule;
		b->detail = hl_arena_strdup(x->a, br[i].detail);
		if (b->code == NULL || b->detail == NULL)
			return hl_err_set(x->err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi liệt kê vi phạm");
		x->n++;
	}
	return 0;
}

int dq_breaks(struct store *st, struct hl_arena *a, const struct hl_period *period,
	const char *unit, int64_t at, int64_t online_minutes, struct dq_break **out, size_t *n,
	struct hl_err *err)
{
	struct br_ctx x = {.a = a, .err = err, .at = at, .online = online_minutes};
	int64_t r0 = (int64_t)period->first * 1440, r1 = ((int64_t)period->last + 1) * 1440 - 1;
	int rc;

	*out = NULL;
	*n = 0;
	rc = dq_scope(st, a, unit, NULL, &x.s, err);
	if (rc == HL_OK)
		rc = STORE(st, units, field_list, a, &x.fields, &x.nfields, err);
	/* the working calendars, before the scan: its callback may not call the store */
	if (rc == HL_OK)
		rc = cal_load(st, &x.cal, err);
	/* Unit by unit (by code), each by received time: the order of the list. */
	for (size_t i = 0; i < x.s.n && rc == HL_OK; i++)
		if (x.s.in[i])
			rc = STORE(st, dossiers, dossier_scan, x.s.u[i].id, r0, r1, add_breaks, &x,
				err);
	cal_free(x.cal);
	if (rc != HL_OK)
		return rc;
	*out = x.out;
	*n = x.n;
	return HL_OK;
}

void dq_breaks_csv(FILE *f, const struct dq_break *b, size_t n)
{
	fputs("code,unit,field,rule,detail\n", f);
	for (size_t i = 0; i < n; i++) {
		csvout_cell(f, b[i].code);
		fputc(',', f);
		csvout_cell(f, b[i].unit);
		fputc(',', f);
		csvout_cell(f, b[i].field);
		fprintf(f, ",%s,", tl_rule_code(b[i].rule));
		csvout_cell(f, b[i].detail);
		fputc('\n', f);
	}
}
