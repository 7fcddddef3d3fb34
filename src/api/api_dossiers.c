/* api_dossiers.c — GET /api/v1/dossiers/stats: `hailong dossiers stats` as
 * JSON (docs/api.md), limited to the units the caller may see. */
#include <string.h>

#include "api/api.h"
#include "base/clock.h"
#include "http/scope.h"
#include "svc/dossq.h"
#include "svc/ingest.h"

static json_t *row_json(const struct dq_row *w)
{
	double pct;
	bool have = tl_on_time_pct(&w->c, &pct);

	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "unit",
		w->unit->code, "name", w->unit->name, "group", w->group, "label", w->label, "total",
		(json_int_t)tl_total(&w->c), "early", (json_int_t)w->c.n[TL_EARLY], "on_time",
		(json_int_t)w->c.n[TL_ON_TIME], "late", (json_int_t)w->c.n[TL_LATE], "pending",
		(json_int_t)w->c.n[TL_PENDING], "overdue", (json_int_t)w->c.n[TL_OVERDUE],
		"on_time_pct",
		have ? json_real((double)(int64_t)(pct * 100 + 0.5) / 100) : json_null());
}

int api_dossiers_stats(struct http_req *r)
{
	static const char *const bys[] = {"", "field", "procedure", "channel"};
	const char *period = http_query(r, "period"), *by = http_query(r, "by"),
		   *at = http_query(r, "at");
	struct dq_opts o = {0};
	struct dq_result *res = NULL;
	struct hl_err err = {0};
	char code[40], when[24], day[16];
	json_t *j, *rows;

	if (period == NULL)
		return http_send_error(r, 400, "invalid",
			"thiếu tham số period (ví dụ period=2025-Q3)", "period");
	if (hl_period_parse(period, &o.period, &err) != HL_OK)
		return http_send_error(r, 400, "invalid", err.msg, "period");
	if (by != NULL && by[0] == '\0')
		by = NULL;
	if (dq_by_parse(by, &o.by, &err) != HL_OK)
		return http_send_error(r, 400, "invalid", err.msg, "by");
	o.at = hl_clock_minute();
	if (at != NULL && !hl_minute_parse(at, &o.at))
		return http_send_error(r, 400, "invalid", "at phải có dạng YYYY-MM-DD HH:MM", "at");
	if (scope_query(r, &o.unit, &o.under, &err) != HL_OK)
		return http_send_err(r, &err);
	if (dq_stats(r->st, r->a, &o, &res, &err) != HL_OK)
		return http_send_err(r, &err);
	rows = json_array();
	hl_period_code(&o.period, code, sizeof(code));
	snprintf(when, sizeof(when), "%s %02d:%02d",
		hl_day_iso((hl_day)(o.at / 1440), day, sizeof(day)), (int)(o.at % 1440 / 60),
		(int)(o.at % 60));
	j = json_pack("{s:s, s:s, s:s, s:o}", "period", code, "at", when, "by", bys[o.by], "rows",
		rows);
	if (j == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	for (size_t i = 0; i < res->nrows; i++) {
		json_t *row = row_json(&res->rows[i]);

		if (row == NULL || json_array_append_new(rows, row) != 0) {
			json_decref(j);
			return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
		}
	}
	return http_send_json(r, 200, j);
}
