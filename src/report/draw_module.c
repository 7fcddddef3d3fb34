/* draw_module.c — the drawing module's table (draw.h): the one symbol
 * hailong-draw.so exports (draw_module.map). */
#include "report/draw.h"

#include "report/fb_letter.h"
#include "report/plan_doc.h"
#include "report/render.h"
#include "report/weekly.h"

/* Not in a header: only dlsym looks it up. */
extern const struct draw_api hl_draw_module;

const struct draw_api hl_draw_module = {
	.abi = DRAW_ABI,
	.shapes = DRAW_SHAPES,
	.rpt_pdf = rpt_pdf,
	.rpt_xlsx = rpt_xlsx,
	.wk_pdf = wk_pdf,
	.wk_xlsx = wk_xlsx,
	.plan_pdf = plan_pdf,
	.plan_xlsx = plan_xlsx,
	.fbl_write = fbl_write,
	.chart_svg = chart_svg,
	.chart_png = chart_png,
	.chart_pdf = chart_pdf,
	.chart_hbars_height = chart_hbars_height,
	.chart_cleanup = chart_cleanup,
};
