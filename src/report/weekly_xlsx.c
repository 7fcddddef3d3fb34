/* weekly_xlsx.c — the Friday list as an XLSX workbook (libxlsxwriter):
 * a sheet with the week's results per unit (TT 01/2018's columns), one with
 * the late and overdue dossiers (their field in a column, so the offices
 * can filter), one with the dossiers due soon; each fitted to the width of
 * a landscape A4 page with its header repeated. Counts and rates are
 * numbers ("#,##0", "0.00"), shown with the reader's separators. Written to
 * a temporary file and renamed over the target when complete
 * (report/out.h). */
#include "base/clock.h"
#include "report/weekly.h"

#include <xlsxwriter.h>

#include "report/xlsxw.h"

struct wx {
	struct xlsxw w;
	lxw_format *title, *head, *num, *bold, *cnt, *cnt_bold;
};

static void str(struct wx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	lxw_format *f)
{
	xlsxw_str(&x->w, ws, r, c, s, f);
}

/* A sheet fitted to the page's width, landscape, its header row (the
 * fourth) kept in view and printed on every page. */
static lxw_worksheet *sheet(struct wx *x, const char *name, lxw_row_t head, int ncols,
	const double *widths)
{
	lxw_worksheet *ws = xlsxw_sheet(&x->w, name, head, true);

	if (ws == NULL) {
		xlsxw_keep(&x->w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	for (int c = 0; c < ncols; c++)
		xlsxw_width(&x->w, ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	worksheet_freeze_panes(ws, head + 1, 0);
	return ws;
}

static void count(struct wx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t v, bool total)
{
	xlsxw_keep(&x->w,
		worksheet_write_number(ws, r, c, (double)v, total ? x->cnt_bold : x->cnt));
}

/* The week per unit with Thông tư 01/2018/TT-VPCP's columns: finished
 * (early, on time, late = "Quá hạn") and not finished at Friday 17:00 (in
 * time, overdue), each under its group with its total. */
static void sheet_results(struct wx *x, const struct wk_model *m)
{
	static const char *const h[] = {"Mã đơn vị", "Đơn vị", "Tiếp nhận trong tuần", "Tổng số",
		"Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn",
		"Tỷ lệ đúng hạn (%)"};
	static const double w[] = {14, 36, 11, 9, 9, 9, 9, 9, 9, 9, 12};
	lxw_worksheet *ws = sheet(x, "Kết quả tuần", 3, 11, w);

	if (ws == NULL)
		return;
	str(x, ws, 0, 0, wk_title(m), x->title);
	/* Two header rows: the groups over their columns, the others spanning both. */
	for (int c = 0; c < 11; c++) {
		if (c >= 3 && c <= 9)
			str(x, ws, 3, (lxw_col_t)c, h[c], x->head);
		else
			xlsxw_keep(&x->w,
				worksheet_merge_range(ws, 2, (lxw_col_t)c, 3, (lxw_col_t)c, h[c],
					x->head));
	}
	xlsxw_keep(&x->w, worksheet_merge_range(ws, 2, 3, 2, 6, "Đã giải quyết", x->head));
	xlsxw_keep(&x->w, worksheet_merge_range(ws, 2, 7, 2, 9, "Đang giải quyết", x->head));
	xlsxw_keep(&x->w, worksheet_set_row(ws, 3, 30, NULL));
	for (size_t i = 0; i <= m->nunits; i++) {
		bool total = i == m->nunits;
		const struct wk_unit *u = !total ? &m->units[m->order != NULL ? m->order[i] : i] :
						   &m->total;
		lxw_row_t r = (lxw_row_t)(4 + i);
		lxw_format *f = total ? x->bold : NULL;
		double pct;

		str(x, ws, r, 0, u->code, f);
		str(x, ws, r, 1, u->name, f);
		count(x, ws, r, 2, u->received, total);
		count(x, ws, r, 3, tl_finished(&u->fin), total);
		count(x, ws, r, 4, u->fin.n[TL_EARLY], total);
		count(x, ws, r, 5, u->fin.n[TL_ON_TIME], total);
		count(x, ws, r, 6, u->fin.n[TL_LATE], total);
		count(x, ws, r, 7, tl_total(&u->open), total);
		count(x, ws, r, 8, u->open.n[TL_PENDING], total);
		count(x, ws, r, 9, u->open.n[TL_OVERDUE], total);
		if (tl_on_time_pct(&u->fin, &pct))
			xlsxw_dec(&x->w, ws, r, 10, pct, x->num);
	}
}

static void sheet_items(struct wx *x, const struct wk_model *m, const char *name,
	const struct wk_item *v, size_t n)
{
	static const char *const h[] = {"Lĩnh vực", "Mã hồ sơ", "Mã đơn vị", "Đơn vị", "Thủ tục",
		"Tiếp nhận", "Hạn trả", "Hoàn thành", "Tình trạng", "Phiếu xin lỗi"};
	static const double w[] = {30, 24, 14, 28, 36, 17, 17, 17, 16, 12};
	lxw_worksheet *ws = sheet(x, name, 2, 10, w);

	if (ws == NULL)
		return;
	str(x, ws, 0, 0, wk_title(m), x->title);
	for (int c = 0; c < 10; c++)
		str(x, ws, 2, (lxw_col_t)c, h[c], x->head);
	for (size_t i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(3 + i);
		char a[32], b[32], c[32];

		str(x, ws, r, 0, v[i].field_name[0] ? v[i].field_name : v[i].field, NULL);
		str(x, ws, r, 1, v[i].code, NULL);
		str(x, ws, r, 2, v[i].unit, NULL);
		str(x, ws, r, 3, v[i].unit_name, NULL);
		str(x, ws, r, 4, v[i].procedure, NULL);
		str(x, ws, r, 5, hl_clock_fmt_minute(v[i].received_at, a, sizeof(a)), NULL);
		str(x, ws, r, 6, hl_clock_fmt_minute(v[i].due_at, b, sizeof(b)), NULL);
		str(x, ws, r, 7, hl_clock_fmt_minute(v[i].finished_at, c, sizeof(c)), NULL);
		str(x, ws, r, 8, tl_class_label(v[i].cls), NULL);
		str(x, ws, r, 9, v[i].apology ? "Có" : "Không", NULL);
	}
}

int wk_xlsx(const struct wk_model *m, const char *path, struct hl_err *err)
{
	struct wx x = {0};
	int rc;

	rc = xlsxw_open(&x.w, path, NULL, err);
	if (rc != HL_OK)
		return rc;
	x.title = workbook_add_format(x.w.wb);
	x.head = xlsxw_head(&x.w);
	x.num = workbook_add_format(x.w.wb);
	x.bold = workbook_add_format(x.w.wb);
	x.cnt = workbook_add_format(x.w.wb);
	x.cnt_bold = workbook_add_format(x.w.wb);
	if (!x.title || !x.head || !x.num || !x.bold || !x.cnt || !x.cnt_bold) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo định dạng XLSX");
		goto cleanup;
	}
	format_set_bold(x.title);
	format_set_font_size(x.title, 13);
	format_set_num_format(x.num, "0.00");
	format_set_bold(x.bold);
	/* Counts grouped by the reader's locale (12.345 in Vietnamese). */
	format_set_num_format(x.cnt, "#,##0");
	format_set_num_format(x.cnt_bold, "#,##0");
	format_set_bold(x.cnt_bold);
	sheet_results(&x, m);
	sheet_items(&x, m, "Trễ hạn, quá hạn", m->late, m->nlate);
	sheet_items(&x, m, "Sắp đến hạn", m->due, m->ndue);
	return xlsxw_close(&x.w, "danh sách XLSX", err);
cleanup:
	xlsxw_abort(&x.w);
	return rc;
}
