/* unitfields.c — a unit's own fields, most used first (unitfields.h). */
#include "svc/unitfields.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/rollup.h"

/* A field and how often the unit met it. */
struct use {
	const struct store_field *f;
	int64_t n;
};

static int by_use(const void *pa, const void *pb)
{
	const struct use *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->f->code, b->f->code);
}

/* uses[i].n += count for the field with id (0 = none given: ignored). */
static void add_use(struct use *uses, size_t n, int64_t id, int64_t count)
{
	for (size_t i = 0; id != 0 && i < n; i++)
		if (uses[i].f->id == id)
			uses[i].n += count;
}

static int on_rollup(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len)
{
	struct hl_rollup *sum = ctx;
	struct hl_err err;

	(void)unit_id;
	(void)month;
	return hl_rollup_add_encoded(sum, data, len, &err);
}

int unitfields_rank(struct store *st, int64_t unit_id, hl_day day, const struct store_field *fields,
	size_t n, struct hl_arena *a, struct unitfields *out, struct hl_err *err)
{
	struct use *uses = hl_arena_alloc(a, (n + 1) * sizeof(*uses));
	struct store_count *cnt = NULL;
	struct hl_rollup sum;
	size_t ncnt = 0, used = 0;
	hl_day first = day - UNITFIELDS_DAYS + 1;
	int rc;

	memset(out, 0, sizeof(*out));
	out->own = hl_arena_alloc(a, (n + 1) * sizeof(*out->own));
	out->other = hl_arena_alloc(a, (n + 1) * sizeof(*out->other));
	if (uses == NULL || out->own == NULL || out->other == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	/* every field until the counts say better (also what a failure leaves) */
	out->source = UF_ALL;
	for (size_t i = 0; i < n; i++) {
		uses[i] = (struct use){&fields[i], 0};
		out->own[out->nown++] = &fields[i];
	}

	rc = STORE(st, dossiers, dossier_count_by_field, unit_id, first, day, a, &cnt, &ncnt, err);
	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < ncnt; i++)
		add_use(uses, n, cnt[i].key_id, cnt[i].count);
	for (size_t i = 0; i < n; i++)
		used += uses[i].n > 0;
	if (used == 0) {
		/* No dossiers imported: what its citizens said, month by month. */
		hl_rollup_init(&sum);
		rc = STORE(st, tallies, rollup_scan, &unit_id, 1, hl_day_month_start(first), day,
			on_rollup, &sum, err);
		for (size_t i = 0; rc == HL_OK && i < sum.nfield; i++)
			add_use(uses, n, sum.field[i].id, sum.field[i].n);
		hl_rollup_clear(&sum);
		if (rc != HL_OK)
			return rc;
		for (size_t i = 0; i < n; i++)
			used += uses[i].n > 0;
		if (used == 0)
			return HL_OK;
		out->source = UF_RESPONSES;
	} else {
		out->source = UF_DOSSIERS;
	}
	out->nown = 0;
	qsort(uses, n, sizeof(*uses), by_use);
	for (size_t i = 0; i < n; i++)
		if (uses[i].n > 0)
			out->own[out->nown++] = uses[i].f;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		while (k < out->nown && out->own[k] != &fields[i])
			k++;
		if (k == out->nown)
			out->other[out->nother++] = &fields[i];
	}
	return HL_OK;
}

const char *unitfields_source_code(enum unitfields_source s)
{
	return s == UF_DOSSIERS ? "dossiers" : s == UF_RESPONSES ? "responses" : "all";
}
