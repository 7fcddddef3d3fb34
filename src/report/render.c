/* render.c — one entry point for every report format: hand the model to
 * its renderer. */
#include "report/render.h"

int rpt_render(const struct rpt_model *m, enum rpt_format f, const char *path, struct hl_err *err)
{
	switch (f) {
	case RPT_PDF:
		return rpt_pdf(m, path, err);
	case RPT_XLSX:
		return rpt_xlsx(m, path, err);
	case RPT_CSV:
		return rpt_csv(m, path, err);
	case RPT_HTML:
		return rpt_html(m, path, err);
	default:
		return hl_err_set(err, HL_EINVAL, "--format", "định dạng báo cáo không hợp lệ (%d)", (int)f);
	}
}
