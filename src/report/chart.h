/* chart.h — the charts of the web pages and the reports: one model, drawn
 * once against a cairo context (report/chart_draw.h) and rendered to SVG
 * (inline in a page), PNG (tests, visual checks) and PDF. The renderers are
 * in the drawing module, loaded when first called (report/draw.h).
 *
 * Two kinds: bars per category (criterion against its target) and lines
 * across categories (the monthly trend of SIPAS and each criterion). Values
 * are indices on 0..100; labels use the decimal comma. Output depends only
 * on the model (no time stamps), so tests can compare it. */
#ifndef HL_CHART_H
#define HL_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct hl_arena;

#define CHART_MAX_CATS 32
#define CHART_MAX_SERIES 8
#define CHART_SVG_MAX ((size_t)4 << 20) /* bytes of SVG one chart may take */

enum chart_kind {
	CHART_BARS = 1,  /* a group of bars per category, targets as dashed ticks */
	CHART_LINE = 2,  /* a line per series across the categories */
	CHART_HBARS = 3, /* CHART_BARS lying down, a category per line, its label on
	                   * the left: long labels (unit names) stay legible */
};

struct chart_series {
	const char *name;             /* legend text (UTF-8, NFC), the caller's */
	double value[CHART_MAX_CATS]; /* 0..100; NAN = no value */
};

/* Every string is the caller's and must outlive the calls below. */
struct chart {
	enum chart_kind kind;
	const char *title;
	int ncat;
	const char *cat[CHART_MAX_CATS]; /* labels under the axis */
	int nseries;
	struct chart_series series[CHART_MAX_SERIES]; /* series 0 is drawn strongest */
	double target[CHART_MAX_CATS];                /* per category; NAN = none */
	double target_all;                            /* one line across the chart; NAN = none */
	int decimals;                                 /* digits after the comma in labels */
	int width, height;                            /* points (SVG user units, PNG pixels) */
};

/* Reset c to an empty chart of kind with title: no categories, no series,
 * no targets, 1 decimal, 640×320. */
void chart_init(struct chart *c, enum chart_kind kind, const char *title);

struct trend;

/* Make c (already chart_init'ed as CHART_LINE) the line chart of t: a
 * category per month ("T1".."T12"), SIPAS first (drawn strongest), then each
 * criterion while series last; the SIPAS target as the line across. */
void chart_trend(struct chart *c, const struct trend *t);

/* The height a CHART_HBARS chart of c's categories, series and title
 * needs at its width, in points. */
int chart_hbars_height(const struct chart *c);

/* Whether some series has a value (not NaN) in some category. */
bool chart_has_value(const struct chart *c);

/* Append a category; HL_ELIMIT when full. */
int chart_add_cat(struct chart *c, const char *label, struct hl_err *err);

/* Append a series named name with every value missing; NULL when full. The
 * series lives in c. */
struct chart_series *chart_add_series(struct chart *c, const char *name);

/* c as one <svg> element to put inside an HTML page: presentation
 * attributes only (no style=, for a strict CSP), every id prefixed with id
 * (letters, digits, '-') so several charts can share a page, a <title> and a
 * <desc> listing every value for screen readers. *out (NUL-terminated,
 * *len bytes) is owned by a. */
int chart_svg(const struct chart *c, const char *id, struct hl_arena *a, char **out, size_t *len,
	struct hl_err *err);

/* c as a PNG file at path, scale pixels per point. */
int chart_png(const struct chart *c, const char *path, double scale, struct hl_err *err);

/* c as a one-page PDF file at path (vector, fonts embedded), c->width ×
 * c->height points. */
int chart_pdf(const struct chart *c, const char *path, struct hl_err *err);

/* Release cairo's and fontconfig's process-wide font caches, so a leak
 * checker sees only real leaks; no chart may be drawn at the time. The
 * first chart_draw registers it with atexit; calling it earlier is harmless
 * (the caches are made again when needed), and does nothing before the
 * drawing module is loaded. */
void chart_cleanup(void);

#endif
