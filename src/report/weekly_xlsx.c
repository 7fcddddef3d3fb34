/* weekly_xlsx.c — the Friday list as an XLSX workbook (libxlsxwriter):
 * a sheet with the week's results per unit, one with the late and overdue
 * dossiers (their field in a column, so the offices can filter), one with
 * the dossiers due soon. Rates are numbers with the format "0.00", shown
 * with the reader's decimal separator. Written to a temporary file and
 * renamed over the target when complete (report/out.h). */
#include "report/weekly.h"

#include <xlsxwriter.h>

#include "report/xlsxw.h"

struct wx {
	struct xlsxw w;
	lxw_format *title, *head, *num, *bold;
};

static void str(struct wx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	lxw_format *f)
{
	xlsxw_str(&x->w, ws, r, c, s, f);
}

static void header(struct wx *x, lxw_worksheet *ws, lxw_row_t r, const char *const *h, int n,
	const double *widths)
{
	for (int c = 0; c < n; c++) {
		str(x, ws, r, (lxw_col_t)c, h[c], x->head);
		xlsxw_width(&x->w, ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	}
	/* The header row stays in view and prints on every page. */
	worksheet_freeze_panes(ws, r + 1, 0);
	xlsxw_keep(&x->w, worksheet_repeat_rows(ws, r, r));
}

static void sheet_results(struct wx *x, const struct wk_model *m)
{
	static const char *const h[] = {"Mã đơn vị", "Đơn vị", "Tiếp nhận", "Trước hạn",
		"Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)"};
	static const double w[] = {14, 36, 11, 11, 11, 11, 18};
	lxw_worksheet *ws = workbook_add_worksheet(x->w.wb, "Kết quả tuần");

	if (ws == NULL) {
		xlsxw_keep(&x->w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	str(x, ws, 0, 0, wk_title(m), x->title);
	header(x, ws, 2, h, 7, w);
	for (size_t i = 0; i <= m->nunits; i++) {
		const struct wk_unit *u = i < m->nunits ? &m->units[i] : &m->total;
		lxw_row_t r = (lxw_row_t)(3 + i);
		lxw_format *f = i < m->nunits ? NULL : x->bold;
		double pct;

		str(x, ws, r, 0, u->code, f);
		str(x, ws, r, 1, u->name, f);
		xlsxw_keep(&x->w, worksheet_write_number(ws, r, 2, (double)u->received, f));
		xlsxw_keep(&x->w, worksheet_write_number(ws, r, 3, (double)u->fin.n[TL_EARLY], f));
		xlsxw_keep(&x->w, worksheet_write_number(ws, r, 4, (double)u->fin.n[TL_ON_TIME], f));
		xlsxw_keep(&x->w, worksheet_write_number(ws, r, 5, (double)u->fin.n[TL_LATE], f));
		if (tl_on_time_pct(&u->fin, &pct))
			xlsxw_dec(&x->w, ws, r, 6, pct, x->num);
	}
}

static void sheet_items(struct wx *x, const struct wk_model *m, const char *name,
	const struct wk_item *v, size_t n)
{
	static const char *const h[] = {"Lĩnh vực", "Mã hồ sơ", "Mã đơn vị", "Đơn vị", "Thủ tục",
		"Tiếp nhận", "Hạn trả", "Hoàn thành", "Tình trạng", "Phiếu xin lỗi"};
	static const double w[] = {24, 18, 12, 28, 36, 17, 17, 17, 16, 12};
	lxw_worksheet *ws = workbook_add_worksheet(x->w.wb, name);

	if (ws == NULL) {
		xlsxw_keep(&x->w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	str(x, ws, 0, 0, wk_title(m), x->title);
	header(x, ws, 2, h, 10, w);
	for (size_t i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(3 + i);
		char a[32], b[32], c[32];

		str(x, ws, r, 0, v[i].field_name[0] ? v[i].field_name : v[i].field, NULL);
		str(x, ws, r, 1, v[i].code, NULL);
		str(x, ws, r, 2, v[i].unit, NULL);
		str(x, ws, r, 3, v[i].unit_name, NULL);
		str(x, ws, r, 4, v[i].procedure, NULL);
		str(x, ws, r, 5, wk_fmt_minute(v[i].received_at, a, sizeof(a)), NULL);
		str(x, ws, r, 6, wk_fmt_minute(v[i].due_at, b, sizeof(b)), NULL);
		str(x, ws, r, 7, wk_fmt_minute(v[i].finished_at, c, sizeof(c)), NULL);
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
	x.head = workbook_add_format(x.w.wb);
	x.num = workbook_add_format(x.w.wb);
	x.bold = workbook_add_format(x.w.wb);
	if (!x.title || !x.head || !x.num || !x.bold) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo định dạng XLSX");
		goto cleanup;
	}
	format_set_bold(x.title);
	format_set_font_size(x.title, 13);
	format_set_bold(x.head);
	format_set_text_wrap(x.head);
	format_set_border(x.head, LXW_BORDER_THIN);
	format_set_num_format(x.num, "0.00");
	format_set_bold(x.bold);
	sheet_results(&x, m);
	sheet_items(&x, m, "Trễ hạn, quá hạn", m->late, m->nlate);
	sheet_items(&x, m, "Sắp đến hạn", m->due, m->ndue);
	return xlsxw_close(&x.w, "danh sách XLSX", err);
cleanup:
	xlsxw_abort(&x.w);
	return rc;
}
