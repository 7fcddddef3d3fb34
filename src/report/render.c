/* render.c — one entry point for every report format: hand the model to
 * its renderer. */
#include "report/render.h"

#include <string.h>

int rpt_render(const struct rpt_model *m, enum rpt_format f, const char *path, struct hl_err *err)
{
	switch (f) {
	case RPT_PDF: return rpt_pdf(m, path, err);
	case RPT_XLSX: return rpt_xlsx(m, path, err);
	case RPT_CSV: return rpt_csv(m, path, err);
	case RPT_HTML: return rpt_html(m, path, err);
	default:
		return hl_err_set(err, HL_EINVAL, "--format", "định dạng báo cáo không hợp lệ (%d)",
			(int)f);
	}
}

int rpt_groups(const struct rpt_model *m, struct rpt_group *one, const struct rpt_group **g)
{
	if (m->groups != NULL && m->order != NULL) {
		*g = m->groups;
		return m->ngroups;
	}
	memset(one, 0, sizeof(*one));
	one->type = one->name = "";
	one->n = m->index != NULL ? m->index->nunits : 0;
	*g = one;
	return 1;
}

const struct iq_unit *rpt_unit_at(const struct rpt_model *m, size_t i)
{
	return &m->index->units[m->order != NULL && m->groups != NULL ? m->order[i] : i];
}
