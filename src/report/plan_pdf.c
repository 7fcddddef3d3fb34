/* plan_pdf.c — the improvement plan printed as seed 003's appendix
 * (plan_doc.h): a landscape A4 PDF (pdfdoc) headed like an administrative
 * document of Nghị định 30/2020 — issuing body and national motto, number
 * and date, "KẾ HOẠCH" and its summary — then the table Stt, Nội dung công
 * việc, Trách nhiệm thực hiện, Tiến độ thực hiện, Kết quả.
 *
 * Tasks are numbered as in `hailong plan show` (the number --task takes),
 * grouped by criterion in the order TC, HC, PV, KQ, TT, each group under a
 * heading row "I. Tiếp cận dịch vụ (TC)". A task whose work has started
 * shows its status and latest note under its expected result. */
#include "report/plan_doc.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "svc/report_model.h"
#include "report/out.h"
#include "report/pdfdoc.h"

#define CELL_PT 10.5

/* The heading of Nghị định 30/2020 as the reports draw it (pdfdoc_heading):
 * the issuing body (rpt_letterhead: the body above, then the unit) and the
 * national motto; the number and the date left blank to fill in when the
 * plan is signed; then the title. */
static int pdf_heading(struct pdfdoc *d, struct hl_arena *a, const struct plan_doc *p,
	struct hl_err *err)
{
	struct pdf_heading h = {.number = "Số:        /KH-UBND",
		.left = 0.40,
		.gap = 6,
		.rule_div = 8,
		.after = 14};
	const struct rpt_model *m = p->head;

	h.above = m->issuer_parent;
	h.issuer = m->issuer;
	h.date = hl_arena_printf(a, "%s%sngày     tháng     năm %d", m->place,
		m->place[0] ? ", " : "", p->year);
	if (h.date == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo kế hoạch PDF");
	pdfdoc_heading(d, &h);
	pdfdoc_title(d, "KẾ HOẠCH", plan_title(a, p), 10, 12);
	pdfdoc_par(d, "NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN", 13, PDF_BOLD,
		PDF_CENTER, 0, 8);
	return HL_OK;
}

static void pdf_table(struct pdfdoc *d, struct hl_arena *a, const struct plan_doc *p)
{
	static const struct pdf_col col[] = {
		{"STT", 0.05, PDF_CENTER, NULL},
		{"Nội dung công việc", 0.32, PDF_JUSTIFY, NULL},
		{"Trách nhiệm thực hiện", 0.29, PDF_JUSTIFY, NULL},
		{"Tiến độ thực hiện", 0.10, PDF_CENTER, NULL},
		{"Kết quả", 0.24, PDF_JUSTIFY, NULL},
	};
	static const struct pdf_table t = {5, col, CELL_PT};
	static const unsigned bold[5] = {PDF_BOLD, PDF_BOLD, 0, 0, PDF_ITALIC};

	pdfdoc_table_begin(d, &t);
	for (int c = 0; c < PLAN_NCRIT; c++) {
		bool headed = false;

		for (size_t i = 0; i < p->ntasks; i++) {
			const struct store_plan_task *k = &p->tasks[i];
			const char *prog, *cells[5];
			char sched[96];

			if (strcmp(k->criterion, plan_crit_code(c)) != 0)
				continue;
			if (!headed) {
				const char *head[5] = {NULL, plan_group_title(a, c), NULL, NULL,
					plan_group_figures(a, p, c)};

				pdfdoc_table_row(d, head, bold);
				headed = true;
			}
			prog = plan_progress(a, p, k);
			cells[0] = hl_arena_printf(a, "%d", k->no);
			cells[1] = k->task;
			cells[2] = k->responsible;
			cells[3] = plan_schedule_label(k->schedule, p->year, sched, sizeof(sched));
			cells[4] = prog[0] != '\0' ?
				hl_arena_printf(a, "%s\nTình trạng: %s", k->expected, prog) :
				k->expected;
			pdfdoc_table_row(d, cells, NULL);
		}
	}
	pdfdoc_table_end(d, 6);
}

int plan_pdf(const struct plan_doc *p, const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	struct pdfdoc *d = NULL;
	struct hl_arena *a;
	char iso[32];
	int rc = plan_print_arena(p, "PDF", &a, err);

	if (rc != HL_OK)
		return rc;
	/* The same plan gives the same file: dated 1 January of its year. */
	snprintf(iso, sizeof(iso), "%04d-01-01T00:00:00", p->year);
	rc = pdfdoc_open(path, hl_arena_printf(a, "Kế hoạch – %s", plan_title(a, p)), iso, &out, &d,
		err);
	if (rc == HL_OK) {
		pdfdoc_landscape(d);
		rc = pdf_heading(d, a, p, err);
	}
	if (rc == HL_OK)
		pdf_table(d, a, p);
	rc = pdfdoc_close(d, &out, rc, err);
	hl_arena_free(a);
	return rc;
}
