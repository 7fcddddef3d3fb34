/* plan_xlsx.c — the improvement plan as an XLSX workbook (plan_doc.h,
 * libxlsxwriter): one landscape A4 sheet with the appendix's columns (Stt,
 * Nội dung công việc, Trách nhiệm thực hiện, Tiến độ thực hiện, Kết quả),
 * tasks grouped by criterion under a heading row each as in the PDF, and two
 * more columns to follow the plan: the status and the latest progress note. */
#include "report/plan_doc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/arena.h"
#include "base/text.h"
#include "report/out.h"

#define TMP_CAP ((size_t)64 << 20)
#define XW_STR_MAX 32000

struct xw {
	lxw_worksheet *ws;
	lxw_format *h1, *head, *group, *wrap;
	lxw_error lerr;
};

static void keep(struct xw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lerr == LXW_NO_ERROR)
		x->lerr = e;
}

/* A string cell; empty ones are left blank, over-long ones cut at a
 * character boundary (libxlsxwriter's limit). */
static void put(struct xw *x, struct hl_arena *a, lxw_row_t r, lxw_col_t c, const char *s,
	lxw_format *f)
{
	size_t n;

	if (s == NULL || s[0] == '\0') {
		if (f != NULL)
			keep(x, worksheet_write_blank(x->ws, r, c, f));
		return;
	}
	n = strlen(s);
	if (n > XW_STR_MAX) {
		n = XW_STR_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		s = hl_arena_strndup(a, s, n);
		if (s == NULL) {
			keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
	}
	keep(x, worksheet_write_string(x->ws, r, c, s, f));
}

static void xlsx_sheet(struct xw *x, struct hl_arena *a, const struct plan_doc *p)
{
	static const char *const hdr[] = {"Stt", "Nội dung công việc", "Trách nhiệm thực hiện",
		"Tiến độ thực hiện", "Kết quả", "Tình trạng", "Tiến độ ghi nhận"};
	static const double width[] = {5, 55, 50, 16, 45, 16, 40};
	lxw_row_t row = 3;

	for (lxw_col_t c = 0; c < 7; c++)
		keep(x, worksheet_set_column(x->ws, c, c, width[c], x->wrap));
	put(x, a, 0, 0, hl_arena_printf(a, "KẾ HOẠCH %s", plan_title(a, p)), x->h1);
	put(x, a, 1, 0, "NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN", x->h1);
	for (lxw_col_t c = 0; c < 7; c++)
		put(x, a, row, c, hdr[c], x->head);
	keep(x, worksheet_repeat_rows(x->ws, row, row));
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
				put(x, a, row, 1, plan_group_title(a, c), x->group);
				put(x, a, row, 4, plan_group_figures(a, p, c), NULL);
				row++;
				headed = true;
			}
			keep(x, worksheet_write_number(x->ws, row, 0, k->no, NULL));
			put(x, a, row, 1, k->task, NULL);
			put(x, a, row, 2, k->responsible, NULL);
			put(x, a, row, 3, plan_schedule_label(k->schedule, p->year, sched, sizeof(sched)),
				NULL);
			put(x, a, row, 4, k->expected, NULL);
			put(x, a, row, 5, plan_status_label(k->status), NULL);
			if (n != NULL) {
				char d[16];

				put(x, a, row, 6, hl_arena_printf(a, "%s%s%s", hl_day_vn(n->day, d, sizeof(d)),
					n->text[0] != '\0' ? ": " : "", n->text), NULL);
			}
			row++;
		}
	}
}

/* Flush what libxlsxwriter wrote to tmp to the disk before the rename. */
static int sync_file(const char *tmp)
{
	int fd = open(tmp, O_RDONLY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int plan_xlsx(const struct plan_doc *p, const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	struct xw x = {0};
	lxw_workbook *wb = NULL;
	lxw_doc_properties props = {0};
	struct hl_arena *a;
	lxw_error le;
	int rc;

	if (p == NULL || p->ntasks == 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "kế hoạch chưa có nhiệm vụ nào để in");
	a = hl_arena_new(TMP_CAP);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo kế hoạch XLSX");
	rc = rpt_out_begin(&out, path, err);
	if (rc != HL_OK)
		goto cleanup;
	/* libxlsxwriter writes the file by name when the workbook is closed. */
	fclose(out.f);
	out.f = NULL;
	wb = workbook_new(out.tmp);
	if (wb == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "không tạo được bảng tính XLSX cho '%s'", path);
		goto cleanup;
	}
	props.title = (char *)plan_title(a, p);
	props.author = "hailong";
	keep(&x, workbook_set_properties(wb, &props));
	x.ws = workbook_add_worksheet(wb, "Kế hoạch");
	x.h1 = workbook_add_format(wb);
	x.head = workbook_add_format(wb);
	x.group = workbook_add_format(wb);
	x.wrap = workbook_add_format(wb);
	if (x.ws == NULL || x.h1 == NULL || x.head == NULL || x.group == NULL || x.wrap == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo bảng tính XLSX");
		goto cleanup;
	}
	format_set_bold(x.h1);
	format_set_font_size(x.h1, 13);
	format_set_bold(x.head);
	format_set_text_wrap(x.head);
	format_set_align(x.head, LXW_ALIGN_CENTER);
	format_set_align(x.head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(x.head, LXW_BORDER_THIN);
	format_set_bg_color(x.head, 0xDDEBF7);
	format_set_bold(x.group);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	worksheet_set_paper(x.ws, 9);    /* A4 */
	worksheet_set_landscape(x.ws);
	worksheet_fit_to_pages(x.ws, 1, 0);
	xlsx_sheet(&x, a, p);
	if (x.lerr != LXW_NO_ERROR) {
		rc = hl_err_set(err, x.lerr == LXW_ERROR_MEMORY_MALLOC_FAILED ? HL_ENOMEM : HL_EIO,
			HL_HERE, "không ghi được bảng tính kế hoạch: %s", lxw_strerror(x.lerr));
		goto cleanup;
	}
	le = workbook_close(wb);
	wb = NULL;
	if (le != LXW_NO_ERROR) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp XLSX '%s': %s", path,
			lxw_strerror(le));
		goto cleanup;
	}
	if (sync_file(out.tmp) != 0) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp XLSX '%s' xuống đĩa: %s", path,
			strerror(errno));
		goto cleanup;
	}
	rc = rpt_out_commit(&out, err);
cleanup:
	/* Closing is the only way to free a workbook; what it writes goes. */
	if (wb != NULL)
		(void)workbook_close(wb);
	rpt_out_abort(&out);
	hl_arena_free(a);
	return rc;
}
