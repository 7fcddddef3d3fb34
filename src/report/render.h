/* render.h — one interface for every report format. Each renderer writes the
 * whole file to a temporary name beside path and renames it only when it is
 * complete, so a failure never leaves a partial report. */
#ifndef HL_RPT_RENDER_H
#define HL_RPT_RENDER_H

#include "svc/report_model.h"

/* Render m to path in format f. */
int rpt_render(const struct rpt_model *m, enum rpt_format f, const char *path, struct hl_err *err);

/* m's groups into *g and their number: m->groups, or — a model without
 * them — one group of every unit in the index's order, in one. */
int rpt_groups(const struct rpt_model *m, struct rpt_group *one, const struct rpt_group **g);

/* The unit shown at position i (rpt_groups' first + k). */
const struct iq_unit *rpt_unit_at(const struct rpt_model *m, size_t i);

/* The renderers behind rpt_render (one file each). */
int rpt_pdf(const struct rpt_model *m, const char *path, struct hl_err *err);
int rpt_xlsx(const struct rpt_model *m, const char *path, struct hl_err *err);
int rpt_csv(const struct rpt_model *m, const char *path, struct hl_err *err);
int rpt_html(const struct rpt_model *m, const char *path, struct hl_err *err);

/* One paragraph of a short document: text (NFC, '\n' breaks lines), style
 * flags (PDF_BOLD, PDF_ITALIC of report/pdfdoc.h), centred or justified,
 * first line indented or not. */
struct rpt_par {
	const char *text;
	unsigned style;
	bool center, indent;
};

/* A short document in the reports' PDF layout (rpt_pdf.c): m's heading
 * (issuer, number, place and date, title, subtitle — without a title, a
 * công văn: the subtitle "V/v …" under the number), the paragraphs
 * par[0..n), then m's "Nơi nhận" and signature block; written to path
 * through a temporary file. The written answer to feedback uses it. */
int rpt_pdf_letter(const struct rpt_model *m, const struct rpt_par *par, int n, const char *path,
	struct hl_err *err);

#endif
