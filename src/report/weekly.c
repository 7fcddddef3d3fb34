/* weekly.c — the Friday list's renderers' entry point and its CSV form; the
 * model is svc/weekly_model.c's. */
#include "report/weekly.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "io/csvout.h"
#include "report/out.h"

const char *wk_title(const struct wk_model *m)
{
	char a[16], b[16];
	const char *t = hl_arena_printf(m->a,
		"Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn — "
		"tuần từ %s đến %s",
		hl_day_vn(m->saturday, a, sizeof(a)), hl_day_vn(m->friday, b, sizeof(b)));

	return t != NULL ? t : "Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn";
}

/* ---- CSV ---- */

static void csv_item(FILE *f, const char *section, const struct wk_item *it)
{
	char r[24], d[24], fin[24];

	fprintf(f, "%s,", section);
	csvout_cells(f, 4, (const char *const[]){it->unit, it->field, it->code, it->procedure});
	fprintf(f, ",%s,%s,%s,%s,,,,,\n", hl_clock_iso_minute(it->received_at, r, sizeof(r)),
		hl_clock_iso_minute(it->due_at, d, sizeof(d)),
		hl_clock_iso_minute(it->finished_at, fin, sizeof(fin)), tl_class_name(it->cls));
}

static void csv_unit(FILE *f, const struct wk_unit *w)
{
	double pct;
	bool have = tl_on_time_pct(&w->fin, &pct);

	fputs("week,", f);
	csvout_cell(f, w->code);
	fprintf(f, ",,,,,,,,%lld,%lld,%lld,%lld", (long long)w->received,
		(long long)w->fin.n[TL_EARLY], (long long)w->fin.n[TL_ON_TIME],
		(long long)w->fin.n[TL_LATE]);
	csvout_num(f, have, pct);
	fputc('\n', f);
}

int wk_csv(const struct wk_model *m, const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	int rc = rpt_out_begin(&out, path, err);

	if (rc != HL_OK)
		return rc;
	fputs("section,unit,field,code,procedure,received_at,due_at,finished_at,status,"
	      "received,early,on_time,late,on_time_pct\n",
		out.f);
	for (size_t i = 0; i < m->nunits; i++)
		if (m->units[i].active)
			csv_unit(out.f, &m->units[i]);
	for (size_t i = 0; i < m->nlate; i++)
		csv_item(out.f, m->late[i].cls == TL_LATE ? "late" : "overdue", &m->late[i]);
	for (size_t i = 0; i < m->ndue; i++)
		csv_item(out.f, "due_soon", &m->due[i]);
	rc = rpt_out_commit(&out, err);
	rpt_out_abort(&out);
	return rc;
}

int wk_render(const struct wk_model *m, const char *format, const char *path, struct hl_err *err)
{
	if (strcmp(format, "pdf") == 0)
		return wk_pdf(m, path, err);
	if (strcmp(format, "xlsx") == 0)
		return wk_xlsx(m, path, err);
	if (strcmp(format, "csv") == 0)
		return wk_csv(m, path, err);
	return hl_err_set(err, HL_EINVAL, "--format",
		"định dạng '%s' không có (pdf, xlsx hoặc csv)", format);
}
