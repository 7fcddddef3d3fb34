/* weekly_model.c — the Friday list's model (weekly_model.h): the week's results per
 * unit from the dossiers received and finished between Saturday 00:00 and
 * Friday 17:00, the dossiers late or overdue at Friday 17:00, those due in
 * the next five working days (the unit's working calendar, svc/calendar.h).
 * The renderers are report/weekly*.c. */
#include "svc/weekly_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/dossq.h"
#include "svc/letterhead.h"
#include "svc/order.h"
#include "svc/report_model.h"

#define ARENA_CAP ((size_t)1 << 30)

hl_day wk_latest_friday(hl_day day)
{
	/* hl_day_weekday: 0 = Monday, so Friday is 4. */
	return day - (hl_day)((hl_day_weekday(day) + 7 - 4) % 7);
}

hl_day wk_latest_list(int64_t now)
{
	hl_day f = wk_latest_friday((hl_day)(now / 1440));

	return (int64_t)f * 1440 + WK_CLOSE_MINUTE <= now ? f : f - 7;
}

void wk_free(struct wk_model *m)
{
	if (m != NULL)
		hl_arena_free(m->a);
}

/* ---- building ---- */

struct items {
	struct wk_item *v;
	size_t n, cap;
};

struct build {
	struct wk_model *m;
	struct hl_err *err;
	struct dq_units s;
	struct store_field *fields;
	size_t nfields;
	struct wk_unit *per; /* per unit of s.u */
	struct items late, due;
	int64_t due_limit;
};

static int oom(struct build *b)
{
	return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập danh sách thứ Sáu");
}

static int push(struct build *b, struct items *l, const struct store_dossier *d, long u,
	enum tl_class cls)
{
	struct wk_item *it;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct wk_item *v = hl_arena_alloc(b->m->a, cap * sizeof(*v));

		if (v == NULL)
			return oom(b);
		if (l->n > 0)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	it = &l->v[l->n];
	memset(it, 0, sizeof(*it));
	it->code = hl_arena_strdup(b->m->a, d->code);
	it->procedure = hl_arena_strdup(b->m->a, d->procedure);
	if (it->code == NULL || it->procedure == NULL)
		return oom(b);
	it->unit = b->s.u[u].code;
	it->unit_name = b->s.u[u].name;
	it->field = it->field_name = "";
	for (size_t i = 0; i < b->nfields; i++)
		if (b->fields[i].id == d->field_id) {
			it->field = b->fields[i].code;
			it->field_name = b->fields[i].name;
		}
	it->received_at = d->received_at;
	it->due_at = d->due_at;
	/* Finished after Friday 17:00 is not known on the list. */
	it->finished_at = cls == TL_LATE ? d->finished_at : -1;
	it->cls = cls;
	it->apology = d->apology;
	l->n++;
	return 0;
}

static long unit_in(struct build *b, int64_t id)
{
	long u = dq_unit_find(&b->s, id);

	return u >= 0 && b->s.in[u] ? u : -1;
}

static int on_received(void *ctx, const struct store_dossier *d)
{
	struct build *b = ctx;
	long u = unit_in(b, d->unit_id);

	if (u >= 0)
		b->per[u].received++;
	return 0;
}

static int on_finished(void *ctx, const struct store_dossier *d)
{
	struct build *b = ctx;
	long u = unit_in(b, d->unit_id);
	enum tl_class c;

	if (u < 0 || d->due_at < 0)
		return 0;
	c = tl_finished_class(d->due_at, d->finished_at);
	b->per[u].fin.n[c]++;
	return c == TL_LATE ? push(b, &b->late, d, u, TL_LATE) : 0;
}

static int on_open(void *ctx, const struct store_dossier *d)
{
	struct build *b = ctx;
	long u = unit_in(b, d->unit_id);
	enum tl_class c;

	if (u < 0 || d->due_at < 0)
		return 0;
	c = tl_classify(d->received_at, d->due_at, d->finished_at, b->m->to);
	if (c == TL_PENDING || c == TL_OVERDUE)
		b->per[u].open.n[c]++;
	if (c == TL_OVERDUE)
		return push(b, &b->late, d, u, TL_OVERDUE);
	if (c == TL_PENDING && d->due_at <= b->due_limit)
		return push(b, &b->due, d, u, TL_PENDING);
	return 0;
}

static int cmp_late(const void *x, const void *y)
{
	const struct wk_item *a = x, *b = y;
	int c = strcmp(a->field, b->field);

	if (c != 0)
		return c;
	if (a->due_at != b->due_at)
		return a->due_at < b->due_at ? -1 : 1;
	return strcmp(a->code, b->code);
}

static int cmp_due(const void *x, const void *y)
{
	const struct wk_item *a = x, *b = y;

	if (a->due_at != b->due_at)
		return a->due_at < b->due_at ? -1 : 1;
	return strcmp(a->code, b->code);
}

struct ukey {
	const char *type, *name, *code;
	size_t idx;
};

static int cmp_ukey(const void *x, const void *y)
{
	const struct ukey *a = x, *b = y;
	int c = ord_units(a->type, a->name, b->type, b->name);

	return c != 0 ? c : strcmp(a->code, b->code);
}

/* m->order: the units by type, then Vietnamese name (svc/order.h). */
static int order_units(struct wk_model *m)
{
	struct ukey *k = hl_arena_alloc(m->a, (m->nunits + 1) * sizeof(*k));

	m->order = hl_arena_alloc(m->a, (m->nunits + 1) * sizeof(*m->order));
	if (k == NULL || m->order == NULL)
		return HL_ENOMEM;
	for (size_t i = 0; i < m->nunits; i++)
		k[i] = (struct ukey){m->units[i].type, m->units[i].name, m->units[i].code, i};
	qsort(k, m->nunits, sizeof(*k), cmp_ukey);
	for (size_t i = 0; i < m->nunits; i++)
		m->order[i] = k[i].idx;
	return HL_OK;
}

/* The unit whose centre sends the list: the one asked for, else the only
 * root of the units (none when there are several), as it stands on Friday —
 * its successor if it has been merged (svc/letterhead.h). */
static int find_issuer(struct store *st, struct build *b, const char *unit)
{
	struct store_lineage *lin = NULL;
	size_t nlin = 0;
	const struct store_unit *u = NULL;
	struct rpt_model lh;
	int rc;

	for (size_t i = 0; i < b->s.n; i++) {
		if (unit != NULL ? strcmp(b->s.u[i].code, unit) == 0 : b->s.u[i].parent_id == 0) {
			if (u != NULL && unit == NULL)
				return HL_OK; /* several roots: no one unit */
			u = &b->s.u[i];
		}
	}
	if (u == NULL)
		return HL_OK;
	rc = STORE(st, units, lineage_list, b->m->a, &lin, &nlin, b->err);
	if (rc != HL_OK)
		return rc;
	b->m->issuer = lh_issuer_on(b->s.u, b->s.n, lin, nlin, u, b->m->friday, NULL);
	b->m->issuer_parent = lh_parent_on(b->s.u, b->s.n, lin, nlin, b->m->issuer, b->m->friday);
	/* The heading names the issuer as its own parent: the unit in short
	 * above its one-stop centre. */
	memset(&lh, 0, sizeof(lh));
	if (rpt_letterhead(b->m->a, b->m->issuer, b->m->issuer, &lh, NULL) == HL_OK)
		b->m->above = lh.issuer_parent;
	b->m->place = lh.place;
	return HL_OK;
}

/* The fifth working day after Friday (the days worked are the state's). */
static int due_until(struct store *st, struct build *b, struct hl_err *err)
{
	struct cal *cal = NULL;
	char day[16];
	int rc = cal_load(st, &cal, err);

	if (rc == HL_OK &&
		!wc_next_working_day(cal_days(cal), b->m->friday, WK_DUE_DAYS, &b->m->due_until))
		rc = hl_err_set(err, HL_EINVAL, "--date",
			"tuần của ngày %s ngoài lịch làm việc "
			"(2000–2100)",
			hl_day_vn(b->m->friday, day, sizeof(day)));
	cal_free(cal);
	return rc;
}

int wk_build(struct store *st, hl_day friday, const char *unit, struct wk_model **out,
	struct hl_err *err)
{
	struct build b = {.err = err};
	struct wk_model *m;
	struct hl_arena *a;
	int rc;

	*out = NULL;
	if (hl_day_weekday(friday) != 4) {
		char d[16];

		return hl_err_set(err, HL_EINVAL, "--date", "ngày %s không phải thứ Sáu",
			hl_day_vn(friday, d, sizeof(d)));
	}
	a = hl_arena_new(ARENA_CAP);
	m = a != NULL ? hl_arena_alloc(a, sizeof(*m)) : NULL;
	if (m == NULL) {
		hl_arena_free(a);
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập danh sách thứ Sáu");
	}
	m->a = a;
	b.m = m;
	m->friday = friday;
	m->saturday = friday - 6;
	m->from = (int64_t)m->saturday * 1440;
	m->to = (int64_t)friday * 1440 + WK_CLOSE_MINUTE;
	m->scope = m->scope_name = "";
	rc = dq_scope(st, a, NULL, unit, &b.s, err);
	if (rc == HL_OK)
		rc = STORE(st, units, field_list, a, &b.fields, &b.nfields, err);
	if (rc != HL_OK)
		goto cleanup;
	b.per = hl_arena_alloc(a, (b.s.n + 1) * sizeof(*b.per));
	if (b.per == NULL) {
		rc = oom(&b);
		goto cleanup;
	}
	for (size_t i = 0; i < b.s.n; i++) {
		if (unit != NULL && strcmp(b.s.u[i].code, unit) == 0) {
			m->scope = b.s.u[i].code;
			m->scope_name = b.s.u[i].name;
		}
		b.per[i].code = b.s.u[i].code;
		b.per[i].name = b.s.u[i].name;
		b.per[i].type = b.s.u[i].type;
	}
	rc = find_issuer(st, &b, unit);
	if (rc != HL_OK)
		goto cleanup;
	rc = due_until(st, &b, err);
	if (rc != HL_OK)
		goto cleanup;
	b.due_limit = ((int64_t)m->due_until + 1) * 1440 - 1;
	for (size_t i = 0; i < b.s.n && rc == HL_OK; i++)
		if (b.s.in[i])
			rc = STORE(st, dossiers, dossier_scan, b.s.u[i].id, m->from, m->to,
				on_received, &b, err);
	if (rc == HL_OK)
		rc = STORE(st, dossiers, dossier_scan_finished, m->from, m->to, on_finished, &b,
			err);
	if (rc == HL_OK)
		rc = STORE(st, dossiers, dossier_open_scan, 0, INT64_MIN, m->to, m->to, on_open, &b,
			err);
	if (rc != HL_OK)
		goto cleanup;

	m->units = hl_arena_alloc(a, (b.s.n + 1) * sizeof(*m->units));
	if (m->units == NULL) {
		rc = oom(&b);
		goto cleanup;
	}
	m->total.name = "Tổng cộng";
	m->total.code = "";
	for (size_t i = 0; i < b.s.n; i++) {
		struct wk_unit *w = &b.per[i];

		w->active = w->received > 0 || tl_finished(&w->fin) > 0;
		if (!b.s.in[i] || (!w->active && tl_total(&w->open) == 0))
			continue;
		m->units[m->nunits++] = *w;
		m->total.received += w->received;
		for (int c = 0; c < TL_NCLASS; c++) {
			m->total.fin.n[c] += w->fin.n[c];
			m->total.open.n[c] += w->open.n[c];
		}
	}
	rc = order_units(m);
	if (rc != HL_OK) {
		rc = oom(&b);
		goto cleanup;
	}
	if (b.late.n > 0)
		qsort(b.late.v, b.late.n, sizeof(*b.late.v), cmp_late);
	if (b.due.n > 0)
		qsort(b.due.v, b.due.n, sizeof(*b.due.v), cmp_due);
	m->late = b.late.v;
	m->nlate = b.late.n;
	m->due = b.due.v;
	m->ndue = b.due.n;
	*out = m;
	return HL_OK;
cleanup:
	hl_arena_free(a);
	return rc;
}
