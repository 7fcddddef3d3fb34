/* weekly.h — the Friday list (svc/weekly_model.h builds it) rendered to PDF
 * (the official layout), XLSX or CSV, each written to a temporary file
 * renamed over the target only when complete (report/out.h). */
#ifndef HL_WEEKLY_H
#define HL_WEEKLY_H

#include "svc/weekly_model.h"

/* Write m to path as format "pdf", "xlsx" or "csv". */
int wk_render(const struct wk_model *m, const char *format, const char *path, struct hl_err *err);

/* The renderers (weekly_pdf.c, weekly_xlsx.c, weekly.c for CSV). */
int wk_pdf(const struct wk_model *m, const char *path, struct hl_err *err);
int wk_xlsx(const struct wk_model *m, const char *path, struct hl_err *err);
int wk_csv(const struct wk_model *m, const char *path, struct hl_err *err);

/* The document's title: "Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn —
 * tuần từ dd/mm/yyyy đến dd/mm/yyyy", owned by m->a (a static fallback
 * when out of memory). */
const char *wk_title(const struct wk_model *m);

#endif
