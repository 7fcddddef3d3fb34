/* plan_doc.h — a unit's improvement plan printed as seed 003's appendix
 * ("NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN"): a landscape A4
 * PDF under the official heading, and an XLSX workbook with the same
 * columns (Stt, Nội dung công việc, Trách nhiệm thực hiện, Tiến độ thực
 * hiện, Kết quả), tasks grouped by criterion under a heading row each. Both
 * are written to a temporary file renamed over path when complete. */
#ifndef HL_PLAN_DOC_H
#define HL_PLAN_DOC_H

#include "base/err.h"
#include "svc/plan.h"

struct hl_arena;

/* Texts for the printed plan and the pages, owned by a: the title
 * "Nâng cao mức độ hài lòng … của UBND phường Vĩnh Thọ năm 2025"; a group's
 * heading "I. Tiếp cận dịch vụ (TC)"; the group's value and target when the
 * plan was made ("" unknown); a task's progress "Đang thực hiện (05/03/2025:
 * …)" ("" before any work). */
const char *plan_title(struct hl_arena *a, const struct plan_doc *p);
const char *plan_group_title(struct hl_arena *a, int c);
const char *plan_group_figures(struct hl_arena *a, const struct plan_doc *p, int c);
const char *plan_progress(struct hl_arena *a, const struct plan_doc *p,
	const struct store_plan_task *t);

/* The latest note of task no in p, or NULL; points into p. */
const struct store_plan_note *plan_last_note(const struct plan_doc *p, int no);

/* A new arena in *a (the caller frees it) for printing plan p as what
 * ("PDF", "XLSX"); an error when p has no task or memory runs out. */
int plan_print_arena(const struct plan_doc *p, const char *what, struct hl_arena **a,
	struct hl_err *err);

/* Write plan p (plan_load) as a PDF to path. */
int plan_pdf(const struct plan_doc *p, const char *path, struct hl_err *err);

/* Write plan p (plan_load) as an XLSX workbook to path. */
int plan_xlsx(const struct plan_doc *p, const char *path, struct hl_err *err);

#endif
