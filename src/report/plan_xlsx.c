/* plan_xlsx.c — the improvement plan as an XLSX workbook (plan_doc.h,
 * libxlsxwriter): one landscape A4 sheet with the appendix's columns (Stt,
 * Nội dung công việc, Trách nhiệm thực hiện, Tiến độ thực hiện, Kết quả),
 * tasks grouped by criterion under a heading row each as in the PDF, and two
 * more columns to follow the plan: the status and the latest progress note. */
#include "report/plan_doc.h"

#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/arena.h"
#include "base/text.h"
#include "report/xlsxw.h"

struct px {
	struct xlsxw w;
	lxw_worksheet *ws;
	lxw_format *h1, *head, *group, *wrap;
};

static void put(struct px *x, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	xlsxw_str(&x->w, x->ws, r, c, s, f);
}

static void xlsx_sheet(struct px *x, struct hl_arena *a, const struct plan_doc *p)
{
	static const char *const hdr[] = {"STT", "Nội dung công việc", "Trách nhiệm thực hiện",
		"Tiến độ thực hiện", "Kết quả", "Tình trạng", "Tiến độ ghi nhận"};
	static const double width[] = {5, 55, 50, 16, 45, 16, 40};
	lxw_row_t row = 3;

	for (lxw_col_t c = 0; c < 7; c++)
		xlsxw_width(&x->w, x->ws, c, c, width[c], x->wrap);
	put(x, 0, 0, hl_arena_printf(a, "KẾ HOẠCH %s", plan_title(a, p)), x->h1);
	put(x, 1, 0, "NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN", x->h1);
	for (lxw_col_t c = 0; c < 7; c++)
		put(x, row, c, hdr[c], x->head);
	row++;
	for (int c = 0; c < PLAN_NCRIT; c++) {
		bool headed = false;

		for (size_t i = 0; i < p->ntasks; i++) {
			const struct store_plan_task *k = &p->tasks[i];
			const struct store_plan_note *n = plan_last_note(p, k->no);
			char sched[96];

			if (strcmp(k->criterion, plan_crit_code(c)) != 0)
				continue;
			if (!headed) {
				put(x, row, 1, plan_group_title(a, c), x->group);
				put(x, row, 4, plan_group_figures(a, p, c), NULL);
				row++;
				headed = true;
			}
			xlsxw_keep(&x->w, worksheet_write_number(x->ws, row, 0, k->no, NULL));
			put(x, row, 1, k->task, NULL);
			put(x, row, 2, k->responsible, NULL);
			put(x, row, 3,
				plan_schedule_label(k->schedule, p->year, sched, sizeof(sched)),
				NULL);
			put(x, row, 4, k->expected, NULL);
			put(x, row, 5, plan_status_label(k->status), NULL);
			if (n != NULL) {
				char d[16];

				put(x, row, 6,
					hl_arena_printf(a, "%s%s%s",
						hl_day_vn(n->day, d, sizeof(d)),
						n->text[0] != '\0' ? ": " : "", n->text),
					NULL);
			}
			row++;
		}
	}
}

int plan_xlsx(const struct plan_doc *p, const char *path, struct hl_err *err)
{
	struct px x = {0};
	struct hl_arena *a;
	int rc = plan_print_arena(p, "XLSX", &a, err);

	if (rc != HL_OK)
		return rc;
	rc = xlsxw_open(&x.w, path, plan_title(a, p), err);
	if (rc != HL_OK)
		goto cleanup;
	/* The header row (4th) repeats on every printed page. */
	x.ws = xlsxw_sheet(&x.w, "Kế hoạch", 3, true);
	x.h1 = workbook_add_format(x.w.wb);
	x.head = xlsxw_head(&x.w);
	x.group = workbook_add_format(x.w.wb);
	x.wrap = workbook_add_format(x.w.wb);
	if (x.ws == NULL || x.h1 == NULL || x.head == NULL || x.group == NULL || x.wrap == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo bảng tính XLSX");
		goto cleanup;
	}
	format_set_bold(x.h1);
	format_set_font_size(x.h1, 13);
	format_set_bold(x.group);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	xlsx_sheet(&x, a, p);
	rc = xlsxw_close(&x.w, "bảng tính kế hoạch", err);
cleanup:
	xlsxw_abort(&x.w);
	hl_arena_free(a);
	return rc;
}
