/* chart_draw.h — drawing a chart with cairo, inside the drawing module
 * (report/draw.h): the PDF renderers put charts on their pages with it. */
#ifndef HL_CHART_DRAW_H
#define HL_CHART_DRAW_H

#include <cairo.h>

#include "report/chart.h"

/* Draw c onto cr at the origin in c->width × c->height user units. HL_EINVAL
 * (err says what) for a chart that cannot be drawn. */
int chart_draw(const struct chart *c, cairo_t *cr, struct hl_err *err);

/* Register chart_cleanup with atexit, once per process (any thread): the
 * font caches live until the process ends, so the server's and the tools'
 * leak checks stay meaningful. chart_draw and pdfdoc_new call it. */
void chart_cleanup_at_exit(void);

#endif
