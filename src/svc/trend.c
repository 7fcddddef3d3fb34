/* trend.c — an index month by month (see trend.h). */
#include "svc/trend.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "svc/indexq.h"

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
	struct trend *t;
	int y, last_month, d;

	*out = NULL;
	hl_day_to_ymd(p->last, &y, &last_month, &d);
	if (!hl_period_whole_months(p) || y != p->year)
		return hl_err_set(err, HL_EINVAL, "--period",
			"diễn biến theo tháng cần một kỳ gồm "
			"các tháng trọn vẹn trong một năm (năm, 6 tháng, quý hoặc tháng)");
	t = hl_arena_alloc(a, sizeof(*t));
	if (t == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE,
			"hết bộ nhớ khi tính diễn biến theo tháng");
	memset(t, 0, sizeof(*t));
	t->year = y;
	t->nmonths = last_month;
	t->ncrit = -1;
	t->target_all = NAN;
	t->mean = unit == NULL;
	for (int k = 0; k < HL_IDX_MAXCELLS; k++)
		for (int m = 0; m < 12; m++)
			t->value[k][m] = NAN;
	for (int m = 1; m <= last_month; m++) {
		struct iq_opts o = {.unit = unit, .under = unit ? NULL : under};
		struct iq_result *res = NULL;
		char code[16];
		int rc;

		snprintf(code, sizeof(code), "%04d-%02d", y, m);
		rc = hl_period_parse(code, &o.period, err);
		if (rc == HL_OK)
			rc = iq_run(st, a, &o, &res, err);
		if (rc != HL_OK)
			return rc;
		if (res->nunits == 0)
			continue;
		if (t->ncrit < 0) {
			/* The first month with units fixes the criteria shown. */
			t->ncrit = res->ncrit;
			for (int k = 0; k <= res->ncrit; k++)
				t->crit_code[k] = res->crit_code[k];
		}
		if (unit != NULL && isnan(t->target_all) &&
			res->units[0].idx.cell[res->ncrit].has_target)
			t->target_all = res->units[0].idx.cell[res->ncrit].target;
		month_values(t, res, m - 1);
	}
	*out = t;
	return HL_OK;
}
