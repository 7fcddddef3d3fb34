/* chart.c — the charts' model: categories, series and targets, filled by
 * the pages and reports; chart_draw.c (the drawing module) draws it. */
#include "report/chart.h"

#include <math.h>
#include <string.h>

#include "svc/trend.h"

void chart_init(struct chart *c, enum chart_kind kind, const char *title)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->title = title;
	for (int i = 0; i < CHART_MAX_CATS; i++)
		c->target[i] = NAN;
	c->target_all = NAN;
	c->decimals = 1;
	c->width = 640;
	c->height = 320;
}

void chart_trend(struct chart *c, const struct trend *t)
{
	static const char *const month[12] = {"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
		"T10", "T11", "T12"};
	int order[HL_IDX_MAXCELLS], n = 0;

	for (int m = 0; m < t->nmonths && m < 12; m++)
		chart_add_cat(c, month[m], NULL);
	if (t->ncrit < 0)
		return;
	order[n++] = t->ncrit;
	for (int k = 0; k < t->ncrit; k++)
		order[n++] = k;
	for (int i = 0; i < n; i++) {
		struct chart_series *s = chart_add_series(c, t->crit_code[order[i]]);

		if (s == NULL)
			break;
		for (int m = 0; m < t->nmonths && m < 12; m++)
			s->value[m] = t->value[order[i]][m];
	}
	c->target_all = t->target_all;
}

int chart_add_cat(struct chart *c, const char *label, struct hl_err *err)
{
	if (c->ncat >= CHART_MAX_CATS)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "biểu đồ có quá %d nhóm",
			CHART_MAX_CATS);
	c->cat[c->ncat++] = label;
	return HL_OK;
}

struct chart_series *chart_add_series(struct chart *c, const char *name)
{
	struct chart_series *s;

	if (c->nseries >= CHART_MAX_SERIES)
		return NULL;
	s = &c->series[c->nseries++];
	s->name = name;
	for (int i = 0; i < CHART_MAX_CATS; i++)
		s->value[i] = NAN;
	return s;
}

bool chart_has_value(const struct chart *c)
{
	for (int s = 0; s < c->nseries; s++)
		for (int i = 0; i < c->ncat; i++)
			if (!isnan(c->series[s].value[i]))
				return true;
	return false;
}
