/* trend.c — an index month by month (see trend.h). */
#include "svc/trend.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "svc/indexq.h"

/* The most one month's index may take: the result is copied out of it. */
#define TREND_MONTH_CAP ((size_t)1 << 30)

/* Cell of res's unit u holding criterion code, or -1. */
static int cell_of(const struct iq_result *res, const char *code)
{
	for (int k = 0; k <= res->ncrit; k++)
		if (strcmp(res->crit_code[k], code) == 0)
			return k;
	return -1;
}

/* The value of code in month m: the unit's own, or the mean of the units'. */
static void month_values(struct trend *t, const struct iq_result *res, int m)
{
	for (int k = 0; k <= t->ncrit; k++) {
		int c = cell_of(res, t->crit_code[k]);
		double sum = 0;
		int n = 0;

		if (c < 0)
			continue;
		for (size_t i = 0; i < res->nunits; i++) {
			const struct hl_idx_cell *cell = &res->units[i].idx.cell[c];

			if (res->units[i].active && cell->cur.valid) {
				sum += cell->cur.value;
				n++;
			}
		}
		if (n > 0)
			t->value[k][m] = sum / n;
	}
}

int trend_monthly(struct store *st, struct hl_arena *a, const struct hl_period *p, const char *unit,
	const char *under, struct trend **out, struct hl_err *err)
{
	struct hl_arena *month_a = NULL; /* one month's index, reset for the next */
	struct store_unit *units = NULL;
	size_t nunits = 0;
	struct trend *t;
	int y, last_month, d, rc = HL_OK;

	*out = NULL;
	hl_day_to_ymd(p->last, &y, &last_month, &d);
	if (!hl_period_whole_months(p) || y != p->year)
		return hl_err_set(err, HL_EINVAL, "--period",
			"diễn biến theo tháng cần một kỳ gồm "
			"các tháng trọn vẹn trong một năm (năm, 6 tháng, quý hoặc tháng)");
	t = hl_arena_alloc(a, sizeof(*t));
	month_a = hl_arena_new(TREND_MONTH_CAP);
	if (t == NULL || month_a == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
			"hết bộ nhớ khi tính diễn biến theo tháng");
		goto cleanup;
	}
	memset(t, 0, sizeof(*t));
	t->year = y;
	t->nmonths = last_month;
	t->ncrit = -1;
	t->target_all = NAN;
	t->mean = unit == NULL;
	for (int k = 0; k < HL_IDX_MAXCELLS; k++)
		for (int m = 0; m < 12; m++)
			t->value[k][m] = NAN;
	/* the units once for the twelve months */
	rc = STORE(st, units, unit_list, a, &units, &nunits, err);
	for (int m = 1; m <= last_month && rc == HL_OK; m++) {
		struct iq_opts o = {.unit = unit,
			.under = unit ? NULL : under,
			.units = units,
			.nunits = nunits};
		struct iq_result *res = NULL;
		char code[16];

		snprintf(code, sizeof(code), "%04d-%02d", y, m);
		hl_arena_reset(month_a);
		rc = hl_period_parse(code, &o.period, err);
		if (rc == HL_OK)
			rc = iq_run(st, month_a, &o, &res, err);
		if (rc != HL_OK || res->nunits == 0)
			continue;
		if (t->ncrit < 0) {
			/* The first month with units fixes the criteria shown. */
			t->ncrit = res->ncrit;
			for (int k = 0; k <= res->ncrit && rc == HL_OK; k++)
				if ((t->crit_code[k] = hl_arena_strdup(a, res->crit_code[k])) ==
					NULL)
					rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
						"hết bộ nhớ khi tính diễn biến theo tháng");
		}
		if (unit != NULL && isnan(t->target_all) &&
			res->units[0].idx.cell[res->ncrit].has_target)
			t->target_all = res->units[0].idx.cell[res->ncrit].target;
		month_values(t, res, m - 1);
	}
	if (rc == HL_OK)
		*out = t;
cleanup:
	hl_arena_free(month_a);
	return rc;
}
