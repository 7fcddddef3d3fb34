/* sampleplan.c — the sample plan of a unit for a year. */
#include "svc/sampleplan.h"

#include <string.h>

#include "base/arena.h"

/* Opinions collected per field, from the unit's monthly per-field tallies. */
struct counter {
	int64_t unit_id;
	struct sp_line *lines;
	int n;
};

static int count_field(void *p, const struct store_tally_row *row)
{
	struct counter *c = p;
	const struct hl_tally *all = hl_tallyset_find(&row->set, HL_CRIT_ALL);

	if (row->unit_id != c->unit_id || all == NULL)
		return 0;
	for (int i = 0; i < c->n; i++)
		if (c->lines[i].field_id == row->field_id)
			c->lines[i].collected += all->n;
	return 0;
}

int sp_compute(struct store *st, struct hl_arena *a, const struct sp_opts *o, struct sp_plan *out,
	struct hl_err *err)
{
	struct store_field *fields = NULL;
	struct store_count *counts = NULL;
	size_t nfields = 0, ncounts = 0;
	struct sp_line *lines;
	int64_t *cnt, *alloc;
	hl_day first, last, date = o->date, upto;
	int rc, n = 0;

	memset(out, 0, sizeof(*out));
	out->total = (struct sp_line){.code = "ALL", .name = "Tổng cộng"};
	hl_day_from_ymd(o->year, 1, 1, &first);
	hl_day_from_ymd(o->year, 12, 31, &last);
	if ((rc = STORE(st, units, unit_get, o->unit, &out->unit, err)) != HL_OK ||
		(rc = STORE(st, units, field_list, a, &fields, &nfields, err)) != HL_OK ||
		(rc = STORE(st, dossiers, dossier_count_by_field, out->unit.id, first, last, a,
			 &counts, &ncounts, err)) != HL_OK)
		return rc;
	lines = hl_arena_alloc(a, (ncounts + 1) * sizeof(*lines));
	cnt = hl_arena_alloc(a, (ncounts + 1) * sizeof(*cnt));
	alloc = hl_arena_alloc(a, (ncounts + 1) * sizeof(*alloc));
	if (!lines || !cnt || !alloc)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	/* Fields in the order of the field list, then dossiers without a field. */
	for (size_t f = 0; f <= nfields; f++) {
		int64_t id = f < nfields ? fields[f].id : 0;

		for (size_t c = 0; c < ncounts; c++) {
			if (counts[c].key_id != id)
				continue;
			lines[n] = (struct sp_line){.field_id = id,
				.code = f < nfields ? fields[f].code : "",
				.name = f < nfields ? fields[f].name : "(không rõ lĩnh vực)",
				.dossiers = counts[c].count};
			cnt[n++] = counts[c].count;
		}
	}
	for (int i = 0; i < n; i++)
		out->total.dossiers += lines[i].dossiers;
	rc = hl_sample_allocate(hl_sample_size(o->method, out->total.dossiers, o->margin), cnt, n,
		o->min_per_field, alloc, err);
	if (rc != HL_OK)
		return rc;
	/* Whole months up to the one that holds the date. */
	upto = date < last ? date : last;
	if (upto >= first) {
		struct counter c = {out->unit.id, lines, n};

		rc = STORE(st, tallies, tally_scan, GRAIN_MONTH, true, first,
			hl_day_month_start(upto), count_field, &c, err);
		if (rc != HL_OK)
			return rc;
	}
	for (int i = 0; i < n; i++) {
		int elapsed = date < first ? 0 : (int)((date > last ? last : date) - first + 1);

		lines[i].required = alloc[i];
		lines[i].expected = hl_sample_expected(alloc[i], elapsed, (int)(last - first + 1));
		lines[i].behind = lines[i].expected > lines[i].collected ?
			lines[i].expected - lines[i].collected :
			0;
		out->total.required += lines[i].required;
		out->total.collected += lines[i].collected;
		out->total.expected += lines[i].expected;
		out->total.behind += lines[i].behind;
	}
	out->lines = lines;
	out->n = n;
	return HL_OK;
}
