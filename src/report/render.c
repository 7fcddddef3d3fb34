/* render.c — one entry point for every report format: parse the format's
 * name and hand the model to its renderer. */
#include "report/render.h"

#include <string.h>

static const char *const names[] = {
	[RPT_PDF] = "pdf", [RPT_XLSX] = "xlsx", [RPT_CSV] = "csv", [RPT_HTML] = "html",
};

int rpt_format_of(const char *name)
{
	if (name == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

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
