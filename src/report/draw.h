/* draw.h — the drawing module: every renderer that needs cairo, pango or
 * libxlsxwriter (PDF, XLSX, the charts' SVG, PNG and PDF) is built into
 * hailong-draw.so, loaded the first time one of them is called. Those
 * libraries and the forty they pull in (fontconfig, freetype, harfbuzz,
 * glib, X11 …) took about 15 ms of every command's start, also of the many
 * that draw nothing (`index`, imports, the kiosk's requests).
 *
 * The functions keep their names and headers (report/render.h, chart.h,
 * weekly.h, plan_doc.h, fb_letter.h): draw.c defines each as a call through
 * the module's table, and the module's own definitions stay inside it (its
 * version script exports only hl_draw_module). The module is found, in this
 * order, at $HAILONG_DRAW, beside the running program (a build directory),
 * and in the directory it was installed to (meson install: LIBDIR/hailong).
 * It holds its own copy of the layers below it, with their own state: the
 * allocation-failure hook of base/mem.h counts only the program's side. */
#ifndef HL_DRAW_H
#define HL_DRAW_H

#include <stddef.h>

#include "base/err.h"
#include "report/chart.h"
#include "svc/feedback.h"
#include "svc/plan.h"
#include "svc/report_model.h"
#include "svc/weekly_model.h"

struct hl_arena;

/* Bumped whenever a member below changes. */
#define DRAW_ABI 1

/* What the module offers; hl_draw_module in it is one of these. */
struct draw_api {
	unsigned abi;  /* DRAW_ABI of the module's build */
	size_t shapes; /* DRAW_SHAPES of the module's build */
	int (*rpt_pdf)(const struct rpt_model *m, const char *path, struct hl_err *err);
	int (*rpt_xlsx)(const struct rpt_model *m, const char *path, struct hl_err *err);
	int (*wk_pdf)(const struct wk_model *m, const char *path, struct hl_err *err);
	int (*wk_xlsx)(const struct wk_model *m, const char *path, struct hl_err *err);
	int (*plan_pdf)(const struct plan_doc *p, const char *path, struct hl_err *err);
	int (*plan_xlsx)(const struct plan_doc *p, const char *path, struct hl_err *err);
	int (*fbl_write)(const struct fb_letter *l, const char *signer, const char *path,
		struct hl_arena *a, struct hl_err *err);
	int (*chart_svg)(const struct chart *c, const char *id, struct hl_arena *a, char **out,
		size_t *len, struct hl_err *err);
	int (*chart_png)(const struct chart *c, const char *path, double scale, struct hl_err *err);
	int (*chart_pdf)(const struct chart *c, const char *path, struct hl_err *err);
	int (*chart_hbars_height)(const struct chart *c);
	void (*chart_cleanup)(void);
};

/* A fingerprint of the structures handed to the module (their sizes): a
 * module from another build whose models differ is refused, not run. */
#define DRAW_SHAPES \
	(sizeof(struct rpt_model) + 3 * sizeof(struct iq_result) + 5 * sizeof(struct iq_unit) + \
		7 * sizeof(struct wk_model) + 11 * sizeof(struct plan_doc) + \
		13 * sizeof(struct fb_letter) + 17 * sizeof(struct chart))

/* The module's table, loading it on the first call (any thread); NULL, with
 * err saying what failed and what to do, when it cannot be loaded. */
const struct draw_api *draw_load(struct hl_err *err);

#endif
