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

/* Write plan p (plan_load) as a PDF to path. */
int plan_pdf(const struct plan_doc *p, const char *path, struct hl_err *err);

/* Write plan p (plan_load) as an XLSX workbook to path. */
int plan_xlsx(const struct plan_doc *p, const char *path, struct hl_err *err);

#endif
