/* feedback_stats.c — the monthly feedback figures per unit (fb_stats in
 * feedback.h), mergers included as the indices pool them. */
#include "svc/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "core/workcal.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/feedback_int.h"
#include "svc/units.h"

/* ---- monthly figures ---- */

struct tally {
	long received, not_accepted, answered, due, on_time, rated, satisfied, late_or_unsatisfied;
};

/* Where a unit's items also count: in a successor formed by a merger, for
 * items received before until (the units whose figures include it, as the
 * indices pool: svc/units.h). */
struct pool_to {
	size_t dst;
	hl_day until;
};

/* For each unit index i of c, the units its items count for, in
 * to[off[i] .. off[i + 1]) (itself included). In a. */
static int pool_map(const struct fb_ctx *c, size_t **off, struct pool_to **to, struct hl_err *err)
{
	enum { CAP = 64 };
	struct store_lineage *lin = NULL;
	struct units_src src[CAP];
	size_t nlin = 0, total = 0, cnt;
	size_t *fill;
	int rc = STORE(c->st, units, lineage_list, c->a, &lin, &nlin, err);

	if (rc != HL_OK)
		return rc;
	*off = hl_arena_alloc(c->a, (c->nunits + 1) * sizeof(**off));
	fill = hl_arena_alloc(c->a, (c->nunits + 1) * sizeof(*fill));
	if (*off == NULL || fill == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
	memset(*off, 0, (c->nunits + 1) * sizeof(**off));
	/* Count, then place: a unit's sources are few, the units may be many. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nunits; i++) {
			rc = units_sources(lin, nlin, c->units[i].id, c->units[i].code, src, &cnt,
				CAP, err);
			if (rc != HL_OK)
				return rc;
			for (size_t k = 0; k < cnt; k++) {
				const struct store_unit *u = fb_unit_of(c, src[k].id);
				size_t j;

				if (u == NULL)
					continue;
				j = (size_t)(u - c->units);
				if (pass == 0) {
					(*off)[j + 1]++;
					continue;
				}
				(*to)[fill[j]].dst = i;
				(*to)[fill[j]++].until = src[k].until;
			}
		}
		if (pass > 0)
			break;
		for (size_t i = 0; i < c->nunits; i++)
			(*off)[i + 1] += (*off)[i];
		total = (*off)[c->nunits];
		memcpy(fill, *off, c->nunits * sizeof(*fill));
		*to = hl_arena_alloc(c->a, (total + 1) * sizeof(**to));
		if (*to == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi tính số liệu phản ánh");
	}
	return HL_OK;
}

/* Whether unit index i is in the scope of fb_stats. */
static bool in_scope(const struct fb_ctx *c, size_t i, const struct store_unit *top, bool under)
{
	if (top == NULL)
		return true;
	return under ? fb_is_under(c, c->units[i].id, top->id) : c->units[i].id == top->id;
}

int fb_stats(struct store *st, const struct cal *cal, const struct hl_period *p, const char *unit,
	bool under, int64_t at, struct hl_arena *a, struct fb_month **out, size_t *n,
	struct hl_err *err)
{
	struct store_fb_filter f = {.from = fb_day_minute(p->first),
		.to = fb_day_minute(p->last + 1)};
	struct store_fb_item *items = NULL;
	const struct store_unit *top;
	struct tally *t = NULL;
	struct fb_month *res;
	struct pool_to *to = NULL;
	size_t nitems = 0, k = 0, *off = NULL;
	int y0, m0, d0, y1, m1, d1, nmonths;
	struct fb_ctx c;
	int rc;

	*out = NULL;
	*n = 0;
	hl_day_to_ymd(p->first, &y0, &m0, &d0);
	hl_day_to_ymd(p->last, &y1, &m1, &d1);
	nmonths = (y1 - y0) * 12 + (m1 - m0) + 1;
	if (nmonths < 1 || nmonths > MONTHS_MAX)
		return hl_err_set(err, HL_EINVAL, "--period", "kỳ quá dài (tối đa %d tháng)",
			MONTHS_MAX);
	rc = fb_ctx_load(&c, st, cal, true, a, err);
	if (rc == HL_OK)
		rc = fb_scope_unit(&c, unit, &top);
	if (rc == HL_OK)
		rc = pool_map(&c, &off, &to, err);
	if (rc != HL_OK)
		goto cleanup;
	/* One unit without predecessors: its own items only. */
	f.unit_id = 0;
	if (top != NULL && !under) {
		size_t ti = (size_t)(top - c.units), npred = 0;

		for (size_t i = 0; i < off[c.nunits]; i++)
			npred += to[i].dst == ti;
		if (npred == 1)
			f.unit_id = top->id;
	}
	rc = STORE(st, feedback, fb_item_list, &f, a, &items, &nitems, err);
	if (rc != HL_OK)
		goto cleanup;
	if (c.nunits > 0 && (size_t)nmonths > SIZE_MAX / sizeof(*t) / c.nunits)
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "quá nhiều đơn vị và tháng");
	else if (c.nunits > 0 &&
		(t = hl_arena_alloc(a, c.nunits * (size_t)nmonths * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
	for (size_t i = 0; rc == HL_OK && i < nitems; i++) {
		const struct store_fb_item *it = &items[i];
		const struct store_unit *u = fb_unit_of(&c, it->unit_id);
		hl_day day = fb_minute_day(it->received_at);
		struct tally one = {.received = 1};
		size_t ui;
		int y, m, d, mi;
		bool counted = false;

		if (u == NULL)
			continue;
		ui = (size_t)(u - c.units);
		for (size_t p2 = off[ui]; p2 < off[ui + 1]; p2++)
			counted |= (to[p2].until == HL_DAY_NONE || day < to[p2].until) &&
				in_scope(&c, to[p2].dst, top, under);
		hl_day_to_ymd(day, &y, &m, &d);
		mi = (y - y0) * 12 + (m - m0);
		if (!counted || mi < 0 || mi >= nmonths)
			continue;
		if (it->rating != 0) {
			one.rated = 1;
			one.satisfied = it->rating == 1;
		}
		if (it->cls == FB_NOT_ACCEPTED) {
			one.not_accepted = 1;
		} else {
			struct wc_sched sched;
			int64_t due;
			int fh, ad;
			bool answered = it->first_answered_at >= 0 && it->first_answered_at <= at;

			/* The deadline is the handling unit's, wherever the item counts. */
			fb_resolve_deadline(&c, it->unit_id, it->cls, &fh, &ad);
			rc = cal_unit(c.cal, it->unit_id, &sched, err);
			if (rc == HL_OK)
				rc = fb_answer_due(&sched, it, ad, true, &due, err);
			if (rc != HL_OK)
				break;
			one.answered = answered;
			if (answered || at > due) {
				one.due = 1;
				one.on_time = answered && it->first_answered_at <= due;
				one.late_or_unsatisfied = !one.on_time || it->rating == 2;
			}
		}
		/* Its own unit, and each successor for items from before the merger. */
		for (size_t p2 = off[ui]; p2 < off[ui + 1]; p2++) {
			struct tally *x;

			if ((to[p2].until != HL_DAY_NONE && day >= to[p2].until) ||
				!in_scope(&c, to[p2].dst, top, under))
				continue;
			x = &t[to[p2].dst * (size_t)nmonths + (size_t)mi];
			x->received += one.received;
			x->not_accepted += one.not_accepted;
			x->answered += one.answered;
			x->due += one.due;
			x->on_time += one.on_time;
			x->rated += one.rated;
			x->satisfied += one.satisfied;
			x->late_or_unsatisfied += one.late_or_unsatisfied;
		}
	}
	if (rc != HL_OK)
		goto cleanup;
	for (size_t i = 0; i < c.nunits * (size_t)nmonths; i++)
		k += t[i].received > 0;
	res = k > 0 ? hl_arena_alloc(a, k * sizeof(*res)) : NULL;
	if (k > 0 && res == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
		goto cleanup;
	}
	k = 0;
	/* By unit (in the order units were added), then month. */
	for (size_t ui = 0; ui < c.nunits; ui++)
		for (int mi = 0; mi < nmonths; mi++) {
			const struct tally *x = &t[ui * (size_t)nmonths + (size_t)mi];
			struct fb_month *r;

			if (x->received == 0)
				continue;
			r = &res[k++];
			memset(r, 0, sizeof(*r));
			r->unit_id = c.units[ui].id;
			snprintf(r->unit_code, sizeof(r->unit_code), "%s", c.units[ui].code);
			snprintf(r->unit_name, sizeof(r->unit_name), "%s", c.units[ui].name);
			r->year = y0 + (m0 - 1 + mi) / 12;
			r->month = (m0 - 1 + mi) % 12 + 1;
			r->received = x->received;
			r->not_accepted = x->not_accepted;
			r->answered = x->answered;
			r->due = x->due;
			r->on_time = x->on_time;
			r->rated = x->rated;
			r->satisfied = x->satisfied;
			r->late_or_unsatisfied = x->late_or_unsatisfied;
			r->score = fb_score(x->due, x->on_time);
		}
	*out = res;
	*n = k;
cleanup:
	fb_ctx_done(&c);
	return rc;
}
