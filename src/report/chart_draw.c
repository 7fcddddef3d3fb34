/* chart_draw.c — drawing the charts once against a cairo context, and
 * turning cairo's SVG into markup a strict-CSP page can inline (the drawing
 * module, report/draw.h; the model is chart.c).
 *
 * Text goes through cairo's toy API with Liberation Sans, which has the
 * precomposed Vietnamese letters (the text must be NFC); proper shaping
 * comes with pango and the reports. */
#include "report/chart_draw.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/text.h"

#define FONT "Liberation Sans"

/* Colours told apart also by people with a red-green deficiency (Okabe-Ito),
 * starting with the pages' own blue; the target is the pages' red. */
static const double palette[][3] = {
	{0.043, 0.310, 0.541}, /* #0b4f8a */
	{0.902, 0.624, 0.000}, /* #e69f00 */
	{0.000, 0.620, 0.451}, /* #009e73 */
	{0.800, 0.475, 0.655}, /* #cc79a7 */
	{0.337, 0.706, 0.914}, /* #56b4e9 */
	{0.835, 0.369, 0.000}, /* #d55e00 */
	{0.337, 0.337, 0.337}, /* #565656 */
	{0.580, 0.404, 0.741}, /* #9467bd */
};
static const double target_rgb[3] = {0.784, 0.063, 0.180}; /* #c8102e */
static const double ink_rgb[3] = {0.102, 0.102, 0.102};
static const double muted_rgb[3] = {0.333, 0.333, 0.333};
static const double grid_rgb[3] = {0.851, 0.851, 0.851};

/* ---- checking the model ---- */

static bool ok_value(double v)
{
	return isnan(v) || (v >= 0 && v <= 100);
}

static bool ok_text(const char *s)
{
	return s != NULL && hl_utf8_valid(s, strlen(s), NULL);
}

static int check(const struct chart *c, struct hl_err *err)
{
	if (c->kind != CHART_BARS && c->kind != CHART_LINE && c->kind != CHART_HBARS)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "loại biểu đồ %d không có",
			(int)c->kind);
	if (c->ncat < 1 || c->ncat > CHART_MAX_CATS)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "biểu đồ cần từ 1 đến %d nhóm, có %d",
			CHART_MAX_CATS, c->ncat);
	if (c->nseries < 0 || c->nseries > CHART_MAX_SERIES)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "biểu đồ có %d dãy số (tối đa %d)",
			c->nseries, CHART_MAX_SERIES);
	if (c->width < 160 || c->width > 4000 || c->height < 120 || c->height > 4000)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "kích thước biểu đồ %d×%d không hợp lệ",
			c->width, c->height);
	if (c->decimals < 0 || c->decimals > 3)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "số chữ số thập phân %d không hợp lệ",
			c->decimals);
	if (c->title != NULL && !ok_text(c->title))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "tên biểu đồ không phải UTF-8 hợp lệ");
	if (!ok_value(c->target_all))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "chỉ tiêu chung ngoài khoảng 0–100");
	for (int i = 0; i < c->ncat; i++) {
		if (!ok_text(c->cat[i]))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"nhãn nhóm %d thiếu hoặc không "
				"phải UTF-8 hợp lệ",
				i + 1);
		if (!ok_value(c->target[i]))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"chỉ tiêu của nhóm '%s' ngoài "
				"khoảng 0–100",
				c->cat[i]);
	}
	for (int s = 0; s < c->nseries; s++) {
		if (!ok_text(c->series[s].name))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"tên dãy số %d thiếu hoặc không "
				"phải UTF-8 hợp lệ",
				s + 1);
		for (int i = 0; i < c->ncat; i++)
			if (!ok_value(c->series[s].value[i]))
				return hl_err_set(err, HL_EINVAL, HL_HERE,
					"giá trị của '%s' tại '%s' "
					"ngoài khoảng 0–100",
					c->series[s].name, c->cat[i]);
	}
	return HL_OK;
}

/* ---- drawing ---- */

enum align { LEFT, CENTER, RIGHT };

static void rgb(cairo_t *cr, const double *c)
{
	cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

static void font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
		bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

/* s at baseline y, aligned on x; shrunk to fit max_w when max_w > 0. */
static void text(cairo_t *cr, const char *s, double x, double y, double size, bool bold,
	enum align al, double max_w)
{
	double w;

	font(cr, size, bold);
	w = text_width(cr, s);
	if (max_w > 0 && w > max_w && w > 0) {
		double fit = size * max_w / w;

		font(cr, fit < 7 ? 7 : fit, bold);
		w = text_width(cr, s);
	}
	cairo_move_to(cr, al == LEFT ? x : al == CENTER ? x - w / 2 : x - w, y);
	cairo_show_text(cr, s);
}

/* Bold centred text on a white plate, readable across other lines (a
 * plate, not an outlined glyph path: that would make the SVG many times
 * larger). */
static void halo_text(cairo_t *cr, const char *s, double x, double y, double size, double max_w)
{
	double w;

	font(cr, size, true);
	w = text_width(cr, s);
	if (w > max_w && w > 0) {
		font(cr, size * max_w / w, true);
		w = text_width(cr, s);
	}
	rgb(cr, (const double[]){1, 1, 1});
	cairo_rectangle(cr, x - w / 2 - 2, y - size * 0.8, w + 4, size + 1);
	cairo_fill(cr);
	rgb(cr, ink_rgb);
	cairo_move_to(cr, x - w / 2, y);
	cairo_show_text(cr, s);
}

static bool any_target(const struct chart *c)
{
	if (!isnan(c->target_all))
		return true;
	for (int i = 0; i < c->ncat; i++)
		if (!isnan(c->target[i]))
			return true;
	return false;
}

/* A target: a dashed red line from (x0, y0) to (x1, y1). */
static void dashed_line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	static const double dash[] = {6, 4};

	cairo_save(cr);
	rgb(cr, target_rgb);
	cairo_set_line_width(cr, 2);
	cairo_set_dash(cr, dash, 2, 0);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void dashed(cairo_t *cr, double x0, double y, double x1)
{
	dashed_line(cr, x0, y, x1, y);
}

/* The legend's items, laid out in rows from (x, y); returns its height.
 * Drawn only when draw is set, so the same code measures it first. */
static double legend(const struct chart *c, cairo_t *cr, double x, double y, double max_x,
	bool draw)
{
	const double row = 20, sw = 22;
	double cx = x, cy = y;
	int n = c->nseries + (any_target(c) ? 1 : 0);

	if (c->nseries <= 1 && !any_target(c))
		return 0;
	font(cr, 12, false);
	for (int k = 0; k < n; k++) {
		bool is_target = k == c->nseries;
		const char *name = is_target ? "Chỉ tiêu" : c->series[k].name;
		double w = sw + 6 + text_width(cr, name) + 16;

		if (cx > x && cx + w > max_x) {
			cx = x;
			cy += row;
		}
		if (draw) {
			if (is_target) {
				dashed(cr, cx, cy + 10, cx + sw);
			} else if (c->kind == CHART_LINE) {
				rgb(cr, palette[k]);
				cairo_set_line_width(cr, k == 0 ? 3 : 1.75);
				cairo_move_to(cr, cx, cy + 10);
				cairo_line_to(cr, cx + sw, cy + 10);
				cairo_stroke(cr);
			} else {
				rgb(cr, palette[k]);
				cairo_rectangle(cr, cx + 4, cy + 3, sw - 8, 14);
				cairo_fill(cr);
			}
			rgb(cr, ink_rgb);
			font(cr, 12, false);
			cairo_move_to(cr, cx + sw + 6, cy + 14);
			cairo_show_text(cr, name);
		}
		cx += w;
	}
	return cy - y + row;
}

struct frame {
	double x0, x1, y0, y1; /* the plot area */
	double lo, hi;         /* the value axis */
	double slot;           /* width per category */
};

static double ypos(const struct frame *f, double v)
{
	return f->y1 - (v - f->lo) / (f->hi - f->lo) * (f->y1 - f->y0);
}

static double xcenter(const struct frame *f, int i)
{
	return f->x0 + (i + 0.5) * f->slot;
}

/* Bars start at 0 (a bar's length is its value); a trend needs only the
 * range it moves in, shown from a round number. */
static void value_axis(const struct chart *c, struct frame *f)
{
	double lo = 100;

	f->lo = 0;
	f->hi = 100;
	if (c->kind != CHART_LINE)
		return;
	for (int s = 0; s < c->nseries; s++)
		for (int i = 0; i < c->ncat; i++)
			if (!isnan(c->series[s].value[i]) && c->series[s].value[i] < lo)
				lo = c->series[s].value[i];
	for (int i = 0; i < c->ncat; i++)
		if (!isnan(c->target[i]) && c->target[i] < lo)
			lo = c->target[i];
	if (!isnan(c->target_all) && c->target_all < lo)
		lo = c->target_all;
	lo = floor((lo - 5) / 10) * 10;
	f->lo = lo < 0 ? 0 : lo > 80 ? 80 : lo;
}

static void fmt_value(const struct chart *c, char *buf, size_t size, double v)
{
	hl_fmt_dec(buf, size, v, c->decimals);
}

static void draw_grid(const struct chart *c, cairo_t *cr, const struct frame *f)
{
	double step = f->hi - f->lo > 50 ? 20 : 10;
	char buf[16];

	cairo_set_line_width(cr, 1);
	for (double v = f->lo; v <= f->hi + 1e-9; v += step) {
		double y = round(ypos(f, v)) + 0.5;

		rgb(cr, grid_rgb);
		cairo_move_to(cr, f->x0, y);
		cairo_line_to(cr, f->x1, y);
		cairo_stroke(cr);
		rgb(cr, muted_rgb);
		snprintf(buf, sizeof(buf), "%d", (int)v);
		text(cr, buf, f->x0 - 6, y + 4, 11, false, RIGHT, 0);
	}
	rgb(cr, ink_rgb);
	cairo_move_to(cr, f->x0, f->y1 + 0.5);
	cairo_line_to(cr, f->x1, f->y1 + 0.5);
	cairo_stroke(cr);
	for (int i = 0; i < c->ncat; i++)
		text(cr, c->cat[i], xcenter(f, i), f->y1 + 18, 12, false, CENTER, f->slot - 4);
}

static void draw_targets(const struct chart *c, cairo_t *cr, const struct frame *f, double half)
{
	char buf[16], label[48];

	for (int i = 0; i < c->ncat; i++)
		if (!isnan(c->target[i]))
			dashed(cr, xcenter(f, i) - half, ypos(f, c->target[i]),
				xcenter(f, i) + half);
	if (!isnan(c->target_all)) {
		dashed(cr, f->x0, ypos(f, c->target_all), f->x1);
		fmt_value(c, buf, sizeof(buf), c->target_all);
		snprintf(label, sizeof(label), "Chỉ tiêu %s", buf);
		rgb(cr, target_rgb);
		text(cr, label, f->x1, ypos(f, c->target_all) - 5, 11, true, RIGHT, 0);
	}
}

static void draw_bars(const struct chart *c, cairo_t *cr, const struct frame *f)
{
	double gw = f->slot * 0.7, bw = c->nseries > 0 ? gw / c->nseries : gw;
	char buf[16];

	for (int i = 0; i < c->ncat; i++) {
		for (int s = 0; s < c->nseries; s++) {
			double v = c->series[s].value[i], x = xcenter(f, i) - gw / 2 + s * bw;

			if (isnan(v))
				continue;
			rgb(cr, palette[s]);
			cairo_rectangle(cr, x + 1, ypos(f, v), bw - 2, f->y1 - ypos(f, v));
			cairo_fill(cr);
			fmt_value(c, buf, sizeof(buf), v);
			/* Inside the top of a tall bar, clear of the target above it. */
			if (f->y1 - ypos(f, v) > 22) {
				rgb(cr, (const double[]){1, 1, 1});
				text(cr, buf, x + bw / 2, ypos(f, v) + 15, 11, true, CENTER,
					bw - 4);
			} else {
				rgb(cr, ink_rgb);
				text(cr, buf, x + bw / 2, ypos(f, v) - 4, 11, true, CENTER, bw);
			}
		}
	}
	draw_targets(c, cr, f, gw / 2 + 4);
}

static void draw_lines(const struct chart *c, cairo_t *cr, const struct frame *f)
{
	char buf[16];

	draw_targets(c, cr, f, f->slot * 0.3);
	/* The strongest series last, on top. */
	for (int s = c->nseries - 1; s >= 0; s--) {
		const struct chart_series *se = &c->series[s];
		bool pen_down = false;

		rgb(cr, palette[s]);
		cairo_set_line_width(cr, s == 0 ? 3 : 1.75);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		for (int i = 0; i < c->ncat; i++) {
			if (isnan(se->value[i])) {
				pen_down = false;
				continue;
			}
			if (pen_down)
				cairo_line_to(cr, xcenter(f, i), ypos(f, se->value[i]));
			else
				cairo_move_to(cr, xcenter(f, i), ypos(f, se->value[i]));
			pen_down = true;
		}
		cairo_stroke(cr);
		for (int i = 0; i < c->ncat; i++) {
			if (isnan(se->value[i]))
				continue;
			cairo_arc(cr, xcenter(f, i), ypos(f, se->value[i]), s == 0 ? 4 : 2.5, 0,
				2 * M_PI);
			cairo_fill(cr);
		}
	}
	if (c->nseries > 0) {
		rgb(cr, ink_rgb);
		for (int i = 0; i < c->ncat; i++) {
			double v = c->series[0].value[i];

			if (isnan(v))
				continue;
			fmt_value(c, buf, sizeof(buf), v);
			halo_text(cr, buf, xcenter(f, i), ypos(f, v) - 9, 10, f->slot);
		}
	}
}

/* ---- bars lying down ---- */

#define HB_TOP 44.0   /* below the title */
#define HB_AXIS 22.0  /* the value axis's labels under the plot */
#define HB_LABEL 11.0 /* the categories' labels, points */

/* Points per category: room for each series' bar. */
static double hb_slot(const struct chart *c)
{
	return c->nseries > 1 ? 10.0 + 9.0 * c->nseries : 18.0;
}

int chart_hbars_height(const struct chart *c)
{
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t *cr = cairo_create(s);
	double lh = legend(c, cr, 12, 0, c->width - 12, false);

	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return (int)(HB_TOP + c->ncat * hb_slot(c) + HB_AXIS + (lh > 0 ? lh + 6 : 0) + 6);
}

static double hb_x(const struct frame *f, double v)
{
	return f->x0 + (v - f->lo) / (f->hi - f->lo) * (f->x1 - f->x0);
}

static void draw_hbars(const struct chart *c, cairo_t *cr, double lh)
{
	struct frame f = {.lo = 0, .hi = 100};
	double lw = 0, gh, bh, vs;
	char buf[16];

	/* The labels' column: as wide as the longest, at most 40 % of the chart. */
	font(cr, HB_LABEL, false);
	for (int i = 0; i < c->ncat; i++)
		if (text_width(cr, c->cat[i]) > lw)
			lw = text_width(cr, c->cat[i]);
	if (lw > c->width * 0.4)
		lw = c->width * 0.4;
	f.x0 = 12 + lw + 8;
	f.x1 = c->width - 40; /* room for "100,00" after a full bar */
	f.y0 = c->title != NULL ? HB_TOP : 16;
	f.y1 = c->height - HB_AXIS - (lh > 0 ? lh + 6 : 0);
	f.slot = (f.y1 - f.y0) / c->ncat;
	gh = f.slot * 0.75;
	bh = c->nseries > 0 ? gh / c->nseries : gh;
	vs = bh - 3 < 7 ? 7 : bh - 3 > 11 ? 11 : bh - 3; /* the values' size */
	cairo_set_line_width(cr, 1);
	for (double v = 0; v <= 100 + 1e-9; v += 20) {
		double x = round(hb_x(&f, v)) + 0.5;

		rgb(cr, grid_rgb);
		cairo_move_to(cr, x, f.y0);
		cairo_line_to(cr, x, f.y1);
		cairo_stroke(cr);
		rgb(cr, muted_rgb);
		snprintf(buf, sizeof(buf), "%d", (int)v);
		text(cr, buf, x, f.y1 + 14, 11, false, CENTER, 0);
	}
	rgb(cr, ink_rgb);
	cairo_move_to(cr, f.x0 + 0.5, f.y0);
	cairo_line_to(cr, f.x0 + 0.5, f.y1);
	cairo_stroke(cr);
	for (int i = 0; i < c->ncat; i++) {
		double yc = f.y0 + (i + 0.5) * f.slot;

		rgb(cr, ink_rgb);
		text(cr, c->cat[i], f.x0 - 8, yc + HB_LABEL * 0.35, HB_LABEL, false, RIGHT, lw);
		for (int s = 0; s < c->nseries; s++) {
			double v = c->series[s].value[i];

			if (isnan(v))
				continue;
			rgb(cr, palette[s]);
			cairo_rectangle(cr, f.x0 + 1, yc - gh / 2 + s * bh + 1, hb_x(&f, v) - f.x0,
				bh - 2);
			cairo_fill(cr);
		}
		if (!isnan(c->target[i]))
			dashed_line(cr, hb_x(&f, c->target[i]), yc - gh / 2 - 2,
				hb_x(&f, c->target[i]), yc + gh / 2 + 2);
	}
	if (!isnan(c->target_all))
		dashed_line(cr, hb_x(&f, c->target_all), f.y0, hb_x(&f, c->target_all), f.y1);
	/* The values after their bars, on a white plate over the target lines. */
	font(cr, vs, true);
	for (int i = 0; i < c->ncat; i++)
		for (int s = 0; s < c->nseries; s++) {
			double v = c->series[s].value[i], x, y, w;

			if (isnan(v))
				continue;
			fmt_value(c, buf, sizeof(buf), v);
			w = text_width(cr, buf);
			x = hb_x(&f, v) + 4;
			if (x + w > c->width - 2)
				x = c->width - 2 - w;
			y = f.y0 + (i + 0.5) * f.slot - gh / 2 + (s + 0.5) * bh;
			rgb(cr, (const double[]){1, 1, 1});
			cairo_rectangle(cr, x - 1, y - vs * 0.5, w + 2, vs);
			cairo_fill(cr);
			rgb(cr, ink_rgb);
			cairo_move_to(cr, x, y + vs * 0.35);
			cairo_show_text(cr, buf);
		}
}

static pthread_once_t cleanup_once = PTHREAD_ONCE_INIT;

static void register_cleanup(void)
{
	atexit(chart_cleanup);
}

void chart_cleanup_at_exit(void)
{
	pthread_once(&cleanup_once, register_cleanup);
}

int chart_draw(const struct chart *c, cairo_t *cr, struct hl_err *err)
{
	struct frame f;
	double lh;
	int rc = check(c, err);

	if (rc != HL_OK)
		return rc;
	chart_cleanup_at_exit();
	cairo_save(cr);
	rgb(cr, (const double[]){1, 1, 1});
	cairo_rectangle(cr, 0, 0, c->width, c->height);
	cairo_fill(cr);
	if (c->title != NULL) {
		rgb(cr, ink_rgb);
		text(cr, c->title, 12, 22, 15, true, LEFT, c->width - 24);
	}
	lh = legend(c, cr, 12, 0, c->width - 12, false);
	if (c->kind == CHART_HBARS) {
		if (c->height - HB_AXIS - (lh > 0 ? lh + 6 : 0) - HB_TOP < c->ncat * 8) {
			cairo_restore(cr);
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"biểu đồ %d×%d quá thấp cho %d nhóm", c->width, c->height, c->ncat);
		}
		draw_hbars(c, cr, lh);
		legend(c, cr, 12, c->height - lh - 4, c->width - 12, true);
		cairo_restore(cr);
		return cairo_status(cr) == CAIRO_STATUS_SUCCESS ?
			HL_OK :
			hl_err_set(err, HL_ENOMEM, HL_HERE, "không vẽ được biểu đồ: %s",
				cairo_status_to_string(cairo_status(cr)));
	}
	f.x0 = 44;
	f.x1 = c->width - 16;
	f.y0 = c->title != NULL ? 44 : 16;
	f.y1 = c->height - 28 - (lh > 0 ? lh + 6 : 0);
	f.slot = (f.x1 - f.x0) / c->ncat;
	if (f.y1 - f.y0 < 40) {
		cairo_restore(cr);
		return hl_err_set(err, HL_EINVAL, HL_HERE, "biểu đồ %d×%d quá nhỏ cho %d dãy số",
			c->width, c->height, c->nseries);
	}
	value_axis(c, &f);
	draw_grid(c, cr, &f);
	if (c->kind == CHART_BARS)
		draw_bars(c, cr, &f);
	else
		draw_lines(c, cr, &f);
	if (!chart_has_value(c)) {
		rgb(cr, muted_rgb);
		text(cr, "Chưa có số liệu", (f.x0 + f.x1) / 2, (f.y0 + f.y1) / 2, 14, false, CENTER,
			0);
	}
	legend(c, cr, 12, c->height - lh - 4, c->width - 12, true);
	cairo_restore(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "không vẽ được biểu đồ: %s",
			cairo_status_to_string(cairo_status(cr)));
	return HL_OK;
}

/* ---- SVG ---- */

/* A growable buffer with a cap, in hl_malloc memory. */
struct cbuf {
	char *s;
	size_t len, cap;
	bool failed;
};

static void cb_put(struct cbuf *b, const char *s, size_t n)
{
	size_t need = b->len + n + 1;

	if (b->failed)
		return;
	if (need > CHART_SVG_MAX || !hl_grow(&b->s, &b->cap, need < 8192 ? 8192 : need, 1)) {
		b->failed = true;
		return;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void cb_str(struct cbuf *b, const char *s)
{
	cb_put(b, s, strlen(s));
}

/* Text for element content and attribute values. */
static void cb_xml(struct cbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': cb_str(b, "&amp;"); break;
		case '<': cb_str(b, "&lt;"); break;
		case '>': cb_str(b, "&gt;"); break;
		case '"': cb_str(b, "&quot;"); break;
		case '\'': cb_str(b, "&#39;"); break;
		default: cb_put(b, s, 1);
		}
	}
}

static cairo_status_t svg_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct cbuf *b = closure;

	cb_put(b, (const char *)data, n);
	return b->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static bool starts(const char *p, const char *prefix)
{
	return strncmp(p, prefix, strlen(prefix)) == 0;
}

/* cairo's body (after its <svg> tag) with style="a:b;c:d" turned into
 * a="b" c="d" and every id and reference to one prefixed. */
static void rewrite(struct cbuf *out, const char *p, const char *id)
{
	while (*p) {
		if (starts(p, "style=\"")) {
			const char *end = strchr(p + 7, '"');

			if (end == NULL)
				break;
			for (const char *d = p + 7; d < end;) {
				const char *semi = memchr(d, ';', (size_t)(end - d));
				const char *stop = semi ? semi : end,
					   *colon = memchr(d, ':', (size_t)(stop - d));

				while (d < stop && *d == ' ')
					d++;
				if (colon != NULL && colon > d) {
					const char *v = colon + 1;

					while (v < stop && *v == ' ')
						v++;
					cb_put(out, d, (size_t)(colon - d));
					cb_str(out, "=\"");
					cb_put(out, v, (size_t)(stop - v));
					cb_str(out, "\" ");
				}
				d = stop + (semi ? 1 : 0);
			}
			p = end + 1;
		} else if (starts(p, " id=\"surface")) {
			/* cairo numbers surfaces with a process-wide counter; the
			 * chart references none of them, so the id goes. */
			const char *end = strchr(p + 5, '"');

			if (end == NULL)
				break;
			p = end + 1;
		} else if (starts(p, " id=\"")) {
			cb_str(out, " id=\"");
			cb_str(out, id);
			cb_str(out, "-");
			p += 5;
		} else if (starts(p, "href=\"#")) {
			cb_str(out, "href=\"#");
			cb_str(out, id);
			cb_str(out, "-");
			p += 7;
		} else if (starts(p, "url(#")) {
			cb_str(out, "url(#");
			cb_str(out, id);
			cb_str(out, "-");
			p += 5;
		} else {
			cb_put(out, p, 1);
			p++;
		}
	}
}

/* The text alternative: every value and target, with the decimal comma. */
static void describe(const struct chart *c, struct cbuf *b)
{
	char buf[16];
	bool first = true;

	for (int s = 0; s < c->nseries; s++) {
		cb_xml(b, c->series[s].name);
		cb_str(b, ": ");
		for (int i = 0; i < c->ncat; i++) {
			cb_str(b, i ? "; " : "");
			cb_xml(b, c->cat[i]);
			cb_str(b, " ");
			if (isnan(c->series[s].value[i])) {
				cb_str(b, "–");
			} else {
				fmt_value(c, buf, sizeof(buf), c->series[s].value[i]);
				cb_str(b, buf);
			}
		}
		cb_str(b, ". ");
	}
	for (int i = 0; i < c->ncat; i++) {
		if (isnan(c->target[i]))
			continue;
		cb_str(b, first ? "Chỉ tiêu: " : "; ");
		first = false;
		cb_xml(b, c->cat[i]);
		fmt_value(c, buf, sizeof(buf), c->target[i]);
		cb_str(b, " ");
		cb_str(b, buf);
	}
	if (!first)
		cb_str(b, ". ");
	if (!isnan(c->target_all)) {
		fmt_value(c, buf, sizeof(buf), c->target_all);
		cb_str(b, "Chỉ tiêu chung: ");
		cb_str(b, buf);
		cb_str(b, ".");
	}
}

static bool ok_id(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 32)
		return false;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

int chart_svg(const struct chart *c, const char *id, struct hl_arena *a, char **out, size_t *len,
	struct hl_err *err)
{
	struct cbuf raw = {0}, svg = {0};
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	const char *body;
	char head[512];
	int rc;

	*out = NULL;
	*len = 0;
	if (id == NULL || !ok_id(id))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mã biểu đồ '%s' không hợp lệ",
			id ? id : "");
	rc = check(c, err);
	if (rc != HL_OK)
		return rc;
	surf = cairo_svg_surface_create_for_stream(svg_write, &raw, c->width, c->height);
	cr = cairo_create(surf);
	rc = chart_draw(c, cr, err);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (rc == HL_OK && (raw.failed || cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS))
		rc = hl_err_set(err, raw.failed ? HL_ELIMIT : HL_ENOMEM, HL_HERE,
			"không tạo được SVG của biểu đồ");
	cairo_surface_destroy(surf);
	if (rc != HL_OK)
		goto cleanup;
	/* Our own root element: the page sizes the chart; cairo's body follows. */
	body = raw.s ? strstr(raw.s, "<svg") : NULL;
	body = body ? strchr(body, '>') : NULL;
	if (body == NULL) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "cairo không trả về SVG");
		goto cleanup;
	}
	snprintf(head, sizeof(head),
		"<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"chart\" viewBox=\"0 0 %d %d\" "
		"width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-t %s-d\">",
		c->width, c->height, c->width, c->height, id, id);
	cb_str(&svg, head);
	cb_str(&svg, "<title id=\"");
	cb_str(&svg, id);
	cb_str(&svg, "-t\">");
	cb_xml(&svg, c->title ? c->title : "Biểu đồ");
	cb_str(&svg, "</title><desc id=\"");
	cb_str(&svg, id);
	cb_str(&svg, "-d\">");
	describe(c, &svg);
	cb_str(&svg, "</desc>");
	rewrite(&svg, body + 1, id);
	if (svg.failed) {
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "SVG của biểu đồ quá lớn");
		goto cleanup;
	}
	*out = hl_arena_strndup(a, svg.s, svg.len);
	if (*out == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo biểu đồ");
		goto cleanup;
	}
	*len = svg.len;
cleanup:
	hl_free(raw.s);
	hl_free(svg.s);
	return rc;
}

/* Draw c on surf, at scale (1 = its own size). */
static int draw_on(const struct chart *c, cairo_surface_t *surf, double scale, struct hl_err *err)
{
	cairo_t *cr = cairo_create(surf);
	int rc;

	if (scale != 1)
		cairo_scale(cr, scale, scale);
	rc = chart_draw(c, cr, err);
	cairo_destroy(cr);
	return rc;
}

static int not_written(const char *path, cairo_status_t st, struct hl_err *err)
{
	return hl_err_set(err, HL_EIO, HL_HERE, "không ghi được '%s': %s", path,
		cairo_status_to_string(st));
}

int chart_png(const struct chart *c, const char *path, double scale, struct hl_err *err)
{
	cairo_surface_t *surf;
	cairo_status_t st;
	int rc = check(c, err);

	if (rc != HL_OK)
		return rc;
	if (!(scale >= 0.25 && scale <= 8))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "tỉ lệ %g không hợp lệ", scale);
	surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(c->width * scale),
		(int)ceil(c->height * scale));
	rc = draw_on(c, surf, scale, err);
	if (rc == HL_OK) {
		st = cairo_surface_write_to_png(surf, path);
		if (st != CAIRO_STATUS_SUCCESS)
			rc = not_written(path, st, err);
	}
	cairo_surface_destroy(surf);
	return rc;
}

int chart_pdf(const struct chart *c, const char *path, struct hl_err *err)
{
	cairo_surface_t *surf;
	cairo_status_t st;
	int rc = check(c, err);

	if (rc != HL_OK)
		return rc;
	surf = cairo_pdf_surface_create(path, c->width, c->height);
	/* No time stamp: the same chart gives the same file. */
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00");
	if (c->title != NULL)
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, c->title);
	rc = draw_on(c, surf, 1, err);
	cairo_surface_finish(surf);
	st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (rc == HL_OK && st != CAIRO_STATUS_SUCCESS)
		rc = not_written(path, st, err);
	return rc;
}

void chart_cleanup(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
