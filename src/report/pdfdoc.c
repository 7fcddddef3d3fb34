/* pdfdoc.c — A4 pages, paragraphs and tables for the PDF reports, shaped by
 * pango and drawn by cairo onto a PDF surface.
 *
 * The document has its own pango font map (not pango's process-wide one) so
 * that freeing the document releases every font it loaded, and the
 * fontconfig clean-up at exit (chart_cleanup) finds nothing still in use.
 * The resolution is 72 dpi, so a font size in points is a size in PDF user
 * units, and hinting is off: a PDF is not drawn on a pixel grid. */
#include "report/pdfdoc.h"

#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <string.h>

#include "base/mem.h"
#include "report/chart_draw.h"

#define FONT "Liberation Serif"
#define PAD_X 3.0
#define PAD_Y 2.5
#define BORDER 0.5
#define MAX_COLS 64
/* Of the document d in scope: portrait or landscape (pdfdoc_landscape). */
#define BOTTOM_Y (d->page_h - PDF_MARGIN_BOTTOM)
#define TEXT_W (d->page_w - PDF_MARGIN_LEFT - PDF_MARGIN_RIGHT)

struct pdfdoc {
	FILE *f;
	bool write_failed;
	double page_w, page_h; /* A4 portrait, or landscape */
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *ctx;
	PangoLayout *lay;
	/* Paragraphs have their own layout: a page break inside one draws the
	 * page number with lay while the paragraph's lines are being walked. */
	PangoLayout *par;
	/* The font of each style (PDF_BOLD | PDF_ITALIC) at fd_size, made once
	 * rather than for every piece of text. */
	PangoFontDescription *fd[4];
	double fd_size;
	/* A table's cells: one layout per column for the row, one for its
	 * header, each shaped once and drawn as measured. */
	PangoLayout *cell[MAX_COLS], *head[MAX_COLS], *group[MAX_COLS];
	double head_h;  /* the header row's height */
	double group_h; /* of it, the group headers' part (0 = none) */
	double y;
	int page;
	const struct pdf_table *t; /* the table being laid out, for repeated headers */
	double t_x, t_w;           /* its left edge (from the margin) and width */
	bool head_pending;         /* header not drawn yet: it goes with the first row */
};

static cairo_status_t write_fn(void *closure, const unsigned char *data, unsigned int n)
{
	struct pdfdoc *d = closure;

	if (fwrite(data, 1, n, d->f) != n) {
		d->write_failed = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int pdfdoc_new(FILE *f, const char *title, const char *create_iso, struct pdfdoc **out,
	struct hl_err *err)
{
	struct pdfdoc *d;
	cairo_font_options_t *fo;

	*out = NULL;
	/* The fonts loaded for the text stay in fontconfig's caches. */
	chart_cleanup_at_exit();
	d = hl_calloc(1, sizeof(*d));
	if (d == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo tệp PDF");
	d->f = f;
	d->page_w = PDF_PAGE_W;
	d->page_h = PDF_PAGE_H;
	d->surf = cairo_pdf_surface_create_for_stream(write_fn, d, PDF_PAGE_W, PDF_PAGE_H);
	d->cr = cairo_create(d->surf);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		pdfdoc_free(d);
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "không tạo được tệp PDF");
	}
	cairo_pdf_surface_restrict_to_version(d->surf, CAIRO_PDF_VERSION_1_5);
	if (title != NULL)
		cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATOR, "hailong");
	if (create_iso != NULL)
		cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATE_DATE, create_iso);
	d->fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(d->fm), 72);
	d->ctx = pango_font_map_create_context(d->fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(d->ctx, FALSE);
	pango_cairo_update_context(d->cr, d->ctx);
	d->lay = pango_layout_new(d->ctx);
	d->par = pango_layout_new(d->ctx);
	d->page = 1;
	d->y = PDF_MARGIN_TOP;
	*out = d;
	return HL_OK;
}

int pdfdoc_finish(struct pdfdoc *d, struct hl_err *err)
{
	cairo_status_t st;

	cairo_surface_finish(d->surf);
	st = cairo_status(d->cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(d->surf);
	if (d->write_failed || fflush(d->f) != 0)
		return hl_err_set(err, HL_EIO, HL_HERE,
			"không ghi được tệp PDF (đĩa đầy hoặc "
			"không có quyền ghi?)");
	if (st != CAIRO_STATUS_SUCCESS)
		return hl_err_set(err, HL_EIO, HL_HERE, "không tạo được tệp PDF: %s",
			cairo_status_to_string(st));
	return HL_OK;
}

void pdfdoc_free(struct pdfdoc *d)
{
	if (d == NULL)
		return;
	if (d->lay != NULL)
		g_object_unref(d->lay);
	if (d->par != NULL)
		g_object_unref(d->par);
	for (int i = 0; i < MAX_COLS; i++) {
		if (d->cell[i] != NULL)
			g_object_unref(d->cell[i]);
		if (d->head[i] != NULL)
			g_object_unref(d->head[i]);
		if (d->group[i] != NULL)
			g_object_unref(d->group[i]);
	}
	for (int i = 0; i < 4; i++)
		if (d->fd[i] != NULL)
			pango_font_description_free(d->fd[i]);
	if (d->ctx != NULL)
		g_object_unref(d->ctx);
	if (d->fm != NULL)
		g_object_unref(d->fm);
	cairo_destroy(d->cr);
	cairo_surface_destroy(d->surf);
	hl_free(d);
}

void pdfdoc_landscape(struct pdfdoc *d)
{
	d->page_w = PDF_PAGE_H;
	d->page_h = PDF_PAGE_W;
	cairo_pdf_surface_set_size(d->surf, d->page_w, d->page_h);
}

double pdfdoc_width(const struct pdfdoc *d)
{
	return TEXT_W;
}

double pdfdoc_y(const struct pdfdoc *d)
{
	return d->y;
}

void pdfdoc_set_y(struct pdfdoc *d, double y)
{
	d->y = y;
}

cairo_t *pdfdoc_cairo(struct pdfdoc *d)
{
	return d->cr;
}

/* The font of style at size, kept by d (the sizes of a document come in
 * runs: a table's cells, a paragraph's). */
static const PangoFontDescription *font(struct pdfdoc *d, double size, unsigned style)
{
	PangoFontDescription *fd;

	style &= PDF_BOLD | PDF_ITALIC;
	if (size != d->fd_size) {
		for (int i = 0; i < 4; i++) {
			if (d->fd[i] != NULL)
				pango_font_description_free(d->fd[i]);
			d->fd[i] = NULL;
		}
		d->fd_size = size;
	}
	if (d->fd[style] != NULL)
		return d->fd[style];
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_weight(fd,
		(style & PDF_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd,
		(style & PDF_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE + 0.5));
	d->fd[style] = fd;
	return fd;
}

/* Put text with these attributes into layout lay. Pango keeps its shaped
 * lines when a setter finds the value unchanged, except for the text: so
 * the same text (a unit or a procedure down a column) is not set again. */
static void setup(struct pdfdoc *d, PangoLayout *lay, const char *text, double w, double size,
	unsigned style, enum pdf_align al, double indent)
{
	pango_layout_set_font_description(lay, font(d, size, style));
	pango_layout_set_width(lay, w > 0 ? (int)(w * PANGO_SCALE) : -1);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(lay,
		al == PDF_CENTER        ? PANGO_ALIGN_CENTER :
			al == PDF_RIGHT ? PANGO_ALIGN_RIGHT :
					  PANGO_ALIGN_LEFT);
	pango_layout_set_justify(lay, al == PDF_JUSTIFY);
	pango_layout_set_indent(lay, (int)(indent * PANGO_SCALE));
	if (text == NULL)
		text = "";
	if (strcmp(pango_layout_get_text(lay), text) != 0)
		pango_layout_set_text(lay, text, -1);
}

static double layout_height(PangoLayout *lay)
{
	PangoRectangle lr;

	pango_layout_get_extents(lay, NULL, &lr);
	return lr.height / (double)PANGO_SCALE;
}

double pdfdoc_text_at(struct pdfdoc *d, double x, double y, double w, const char *text, double size,
	unsigned style, enum pdf_align al, bool draw)
{
	setup(d, d->lay, text, w, size, style, al, 0);
	if (draw) {
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		cairo_move_to(d->cr, PDF_MARGIN_LEFT + x, y);
		pango_cairo_show_layout(d->cr, d->lay);
	}
	return layout_height(d->lay);
}

double pdfdoc_text_width(struct pdfdoc *d, const char *text, double size, unsigned style)
{
	PangoRectangle lr;

	setup(d, d->lay, text, -1, size, style, PDF_LEFT, 0);
	pango_layout_get_extents(d->lay, NULL, &lr);
	return lr.width / (double)PANGO_SCALE;
}

void pdfdoc_rule(struct pdfdoc *d, double x0, double x1, double y, double lw)
{
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, lw);
	cairo_move_to(d->cr, PDF_MARGIN_LEFT + x0, y);
	cairo_line_to(d->cr, PDF_MARGIN_LEFT + x1, y);
	cairo_stroke(d->cr);
}

static void draw_header(struct pdfdoc *d);

void pdfdoc_new_page(struct pdfdoc *d)
{
	char num[16];

	cairo_show_page(d->cr);
	d->page++;
	/* Nghị định 30/2020: from the second page, the number centred in the
	 * top margin. */
	snprintf(num, sizeof(num), "%d", d->page);
	pdfdoc_text_at(d, 0, 10 * PDF_MM, TEXT_W, num, 13, 0, PDF_CENTER, true);
	d->y = PDF_MARGIN_TOP;
}

bool pdfdoc_need(struct pdfdoc *d, double height)
{
	if (d->y + height <= BOTTOM_Y || d->y <= PDF_MARGIN_TOP)
		return false;
	pdfdoc_new_page(d);
	return true;
}

bool pdfdoc_keep(struct pdfdoc *d, double head, double next)
{
	return pdfdoc_need(d, head + next);
}

double pdfdoc_par_height(struct pdfdoc *d, const char *text, double size, unsigned style,
	enum pdf_align al, double indent, int lines, double after)
{
	PangoLayoutIter *it;
	double bottom = 0;
	int k = 0;

	setup(d, d->par, text, TEXT_W, size, style, al, indent);
	if (lines <= 0 || lines >= pango_layout_get_line_count(d->par))
		return layout_height(d->par) + after;
	it = pango_layout_get_iter(d->par);
	do {
		PangoRectangle lr;

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		bottom = (lr.y + lr.height) / (double)PANGO_SCALE;
	} while (++k < lines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return bottom;
}

void pdfdoc_space(struct pdfdoc *d, double height)
{
	d->y += height;
	if (d->y > BOTTOM_Y)
		d->y = BOTTOM_Y;
}

void pdfdoc_par(struct pdfdoc *d, const char *text, double size, unsigned style, enum pdf_align al,
	double indent, double after)
{
	PangoLayoutIter *it;
	double base = d->y, shift = 0, end = d->y;

	setup(d, d->par, text, TEXT_W, size, style, al, indent);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	it = pango_layout_get_iter(d->par);
	do {
		PangoRectangle lr;
		double top, h, bl;

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		top = lr.y / (double)PANGO_SCALE;
		h = lr.height / (double)PANGO_SCALE;
		/* A line that does not fit starts the next page; the lines
		 * after it keep their distances from it. */
		if (base + top - shift + h > BOTTOM_Y && base + top - shift > PDF_MARGIN_TOP) {
			pdfdoc_new_page(d);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
			base = d->y;
			shift = top;
		}
		bl = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
		cairo_move_to(d->cr, PDF_MARGIN_LEFT + lr.x / (double)PANGO_SCALE,
			base + bl - shift);
		pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
		end = base + top - shift + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	d->y = end;
	pdfdoc_space(d, after);
}

/* ---- tables ---- */

static int ncols(const struct pdfdoc *d)
{
	return d->t->ncols < MAX_COLS ? d->t->ncols : MAX_COLS;
}

static double col_x(const struct pdfdoc *d, int i)
{
	double x = d->t_x;

	for (int k = 0; k < i; k++)
		x += d->t->col[k].share * TEXT_W;
	return x;
}

/* Shape a row's cells into lay, one layout per column made on first use;
 * returns the row's height. */
static double shape_row(struct pdfdoc *d, PangoLayout **lay, const char *const *cells,
	const unsigned *style)
{
	const struct pdf_table *t = d->t;
	double h = 0;

	for (int i = 0; i < ncols(d); i++) {
		double ch;

		if (lay[i] == NULL)
			lay[i] = pango_layout_new(d->ctx);
		setup(d, lay[i], cells[i], t->col[i].share * TEXT_W - 2 * PAD_X, t->size,
			style != NULL ? style[i] : 0, t->col[i].align, 0);
		ch = layout_height(lay[i]);
		if (ch > h)
			h = ch;
	}
	return h + 2 * PAD_Y;
}

/* A cell: lay (shaped) centred vertically in the box x, y, w, h, with its
 * border; red text for PDF_RED. */
static void draw_cell(struct pdfdoc *d, PangoLayout *lay, bool text, unsigned style, double x,
	double y, double w, double h)
{
	if (text) {
		if (style & PDF_RED)
			cairo_set_source_rgb(d->cr, 0.784, 0.063, 0.180);
		else
			cairo_set_source_rgb(d->cr, 0, 0, 0);
		cairo_move_to(d->cr, PDF_MARGIN_LEFT + (x + PAD_X),
			y + (h - layout_height(lay)) / 2);
		pango_cairo_show_layout(d->cr, lay);
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, BORDER);
	cairo_rectangle(d->cr, PDF_MARGIN_LEFT + x, y, w, h);
	cairo_stroke(d->cr);
}

/* The cells shaped in lay, centred vertically in a row of height h at the
 * cursor, with borders. */
static void draw_row(struct pdfdoc *d, PangoLayout **lay, const char *const *cells,
	const unsigned *style, double h)
{
	for (int i = 0; i < ncols(d); i++)
		draw_cell(d, lay[i], cells[i] != NULL && cells[i][0] != '\0',
			style != NULL ? style[i] : 0, col_x(d, i), d->y,
			d->t->col[i].share * TEXT_W, h);
	d->y += h;
}

/* Whether column i starts a group of columns, and the group's width. */
static bool group_start(const struct pdfdoc *d, int i, double *w)
{
	const struct pdf_col *c = d->t->col;

	if (c[i].group == NULL ||
		(i > 0 && c[i - 1].group != NULL && strcmp(c[i - 1].group, c[i].group) == 0))
		return false;
	*w = 0;
	for (int k = i; k < ncols(d) && c[k].group != NULL && strcmp(c[k].group, c[i].group) == 0;
		k++)
		*w += c[k].share * TEXT_W;
	return true;
}

/* Shape the header of d->t: its group cells over their columns' heads;
 * sets head_h and group_h. */
static void shape_header(struct pdfdoc *d)
{
	const struct pdf_col *c = d->t->col;
	double whole = 0, sub = 0, w;

	d->group_h = 0;
	for (int i = 0; i < ncols(d); i++) {
		double h;

		if (d->head[i] == NULL)
			d->head[i] = pango_layout_new(d->ctx);
		setup(d, d->head[i], c[i].head, c[i].share * TEXT_W - 2 * PAD_X, d->t->size,
			PDF_BOLD, PDF_CENTER, 0);
		h = layout_height(d->head[i]) + 2 * PAD_Y;
		if (c[i].group == NULL && h > whole)
			whole = h;
		if (c[i].group != NULL && h > sub)
			sub = h;
		if (group_start(d, i, &w)) {
			if (d->group[i] == NULL)
				d->group[i] = pango_layout_new(d->ctx);
			setup(d, d->group[i], c[i].group, w - 2 * PAD_X, d->t->size, PDF_BOLD,
				PDF_CENTER, 0);
			h = layout_height(d->group[i]) + 2 * PAD_Y;
			if (h > d->group_h)
				d->group_h = h;
		}
	}
	d->head_h = d->group_h + sub > whole ? d->group_h + sub : whole;
}

static void draw_header(struct pdfdoc *d)
{
	const struct pdf_col *c = d->t->col;
	double w;

	for (int i = 0; i < ncols(d); i++) {
		double x = col_x(d, i), cw = c[i].share * TEXT_W;
		bool text = c[i].head != NULL && c[i].head[0] != '\0';

		if (c[i].group == NULL) {
			draw_cell(d, d->head[i], text, 0, x, d->y, cw, d->head_h);
			continue;
		}
		if (group_start(d, i, &w))
			draw_cell(d, d->group[i], true, 0, x, d->y, w, d->group_h);
		draw_cell(d, d->head[i], text, 0, x, d->y + d->group_h, cw, d->head_h - d->group_h);
	}
	d->y += d->head_h;
}

static void use_table(struct pdfdoc *d, const struct pdf_table *t)
{
	double share = 0;

	d->t = t;
	for (int i = 0; i < t->ncols; i++)
		share += t->col[i].share;
	d->t_w = share * TEXT_W;
	d->t_x = (TEXT_W - d->t_w) / 2;
}

double pdfdoc_table_height(struct pdfdoc *d, const struct pdf_table *t, const char *const *cells,
	const unsigned *style)
{
	const struct pdf_table *was = d->t;
	double tx = d->t_x, tw = d->t_w, hh = d->head_h, gh = d->group_h, h;

	use_table(d, t);
	shape_header(d);
	h = d->head_h + (cells != NULL ? shape_row(d, d->cell, cells, style) : 0);
	/* Back to the table being laid out, if any (its header shaped again). */
	d->t = was;
	d->t_x = tx;
	d->t_w = tw;
	if (was != NULL)
		shape_header(d);
	d->head_h = hh;
	d->group_h = gh;
	return h;
}

void pdfdoc_table_begin(struct pdfdoc *d, const struct pdf_table *t)
{
	use_table(d, t);
	/* Shaped once for every page the table runs over. */
	shape_header(d);
	/* Drawn with the first row, so a header never ends a page alone. */
	d->head_pending = true;
}

void pdfdoc_table_row(struct pdfdoc *d, const char *const *cells, const unsigned *style)
{
	double h = shape_row(d, d->cell, cells, style);
	double hh = d->head_pending ? d->head_h : 0;

	if (d->y + hh + h > BOTTOM_Y && d->y > PDF_MARGIN_TOP) {
		pdfdoc_new_page(d);
		d->head_pending = true;
	}
	if (d->head_pending) {
		draw_header(d);
		d->head_pending = false;
	}
	draw_row(d, d->cell, cells, style, h);
}

void pdfdoc_table_end(struct pdfdoc *d, double after)
{
	if (d->head_pending)
		draw_header(d); /* a table without rows still shows its columns */
	d->head_pending = false;
	d->t = NULL;
	pdfdoc_space(d, after);
}

/* ---- a document written to its file ---- */

int pdfdoc_open(const char *path, const char *title, const char *create_iso, struct rpt_out *o,
	struct pdfdoc **out, struct hl_err *err)
{
	int rc;

	*out = NULL;
	rc = rpt_out_begin(o, path, err);
	if (rc != HL_OK)
		return rc;
	rc = pdfdoc_new(o->f, title, create_iso, out, err);
	if (rc != HL_OK)
		rpt_out_abort(o);
	return rc;
}

int pdfdoc_close(struct pdfdoc *d, struct rpt_out *o, int rc, struct hl_err *err)
{
	if (rc == HL_OK)
		rc = pdfdoc_finish(d, err);
	if (rc == HL_OK)
		rc = rpt_out_commit(o, err);
	pdfdoc_free(d);
	rpt_out_abort(o);
	return rc;
}

/* ---- the heading of an administrative document ---- */

void pdfdoc_heading(struct pdfdoc *d, const struct pdf_heading *h)
{
	double W = pdfdoc_width(d), lw = h->left * W, rx = lw + h->gap, rw = W - rx;
	double y0 = pdfdoc_y(d), yl = y0, yr = y0, hn = 0, hd, tw, ys;
	const char *motto = "Độc lập – Tự do – Hạnh phúc";

	/* Left: the body above and the issuing body, a short rule under it. */
	if (h->above != NULL && h->above[0] != '\0')
		yl += pdfdoc_text_at(d, 0, yl, lw, h->above, 12, 0, PDF_CENTER, true);
	yl += pdfdoc_text_at(d, 0, yl, lw, h->issuer, 12, PDF_BOLD, PDF_CENTER, true);
	yl += 2;
	pdfdoc_rule(d, lw / 2 - lw / h->rule_div, lw / 2 + lw / h->rule_div, yl, 0.6);
	/* Right: the national title and motto, a rule as long as the motto. */
	yr += pdfdoc_text_at(d, rx, yr, rw, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, PDF_BOLD,
		PDF_CENTER, true);
	yr += pdfdoc_text_at(d, rx, yr, rw, motto, 13, PDF_BOLD, PDF_CENTER, true);
	yr += 2;
	tw = pdfdoc_text_width(d, motto, 13, PDF_BOLD);
	pdfdoc_rule(d, rx + (rw - tw) / 2, rx + (rw + tw) / 2, yr, 0.6);
	/* The number and the place and date on one level. */
	ys = (yl > yr ? yl : yr) + 6;
	if (h->number != NULL)
		hn = pdfdoc_text_at(d, 0, ys, lw, h->number, 13, 0, PDF_CENTER, true);
	if (h->summary != NULL && h->summary[0] != '\0')
		hn += 2 +
			pdfdoc_text_at(d, 0, ys + hn + 2, lw, h->summary, 12, 0, PDF_CENTER, true);
	hd = pdfdoc_text_at(d, rx, ys, rw, h->date, 13, PDF_ITALIC, PDF_CENTER, true);
	pdfdoc_set_y(d, ys + (hn > hd ? hn : hd) + h->after);
}

void pdfdoc_title(struct pdfdoc *d, const char *title, const char *summary, double rule_div,
	double after)
{
	double W = pdfdoc_width(d);

	if (title != NULL)
		pdfdoc_par(d, title, 14, PDF_BOLD, PDF_CENTER, 0, 0);
	if (summary != NULL && summary[0] != '\0') {
		pdfdoc_par(d, summary, 14, PDF_BOLD, PDF_CENTER, 0, 0);
		pdfdoc_space(d, 3);
		pdfdoc_rule(d, W / 2 - W / rule_div, W / 2 + W / rule_div, pdfdoc_y(d), 0.6);
	}
	pdfdoc_space(d, after);
}

/* ---- the end of an administrative document ---- */

void pdfdoc_closing(struct pdfdoc *d, const char *const *recipient, int n, const char *signer_title,
	const char *signer)
{
	double W = TEXT_W, lw = 0.45 * W, rx = lw, rw = W - lw;
	double hl = 0, hr, y;
	const char *title = signer_title != NULL && signer_title[0] != '\0' ? signer_title :
									      "THỦ TRƯỞNG CƠ QUAN";
	char line[512];

	/* Measured first, so the block is not split over two pages. */
	hl += pdfdoc_text_at(d, 0, 0, lw, "Nơi nhận:", 12, PDF_BOLD | PDF_ITALIC, PDF_LEFT, false);
	for (int i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "- %s", recipient[i] != NULL ? recipient[i] : "");
		hl += pdfdoc_text_at(d, 0, 0, lw, line, 11, 0, PDF_LEFT, false);
	}
	hr = pdfdoc_text_at(d, rx, 0, rw, title, 13, PDF_BOLD, PDF_CENTER, false);
	pdfdoc_space(d, 10);
	pdfdoc_need(d, (hl > hr + 90 ? hl : hr + 90) + 4);
	y = d->y;
	hl = pdfdoc_text_at(d, 0, y, lw, "Nơi nhận:", 12, PDF_BOLD | PDF_ITALIC, PDF_LEFT, true);
	for (int i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "- %s", recipient[i] != NULL ? recipient[i] : "");
		hl += pdfdoc_text_at(d, 0, y + hl, lw, line, 11, 0, PDF_LEFT, true);
	}
	hr = pdfdoc_text_at(d, rx, y, rw, title, 13, PDF_BOLD, PDF_CENTER, true);
	/* Room to sign and stamp, then the signer's name in bold; without
	 * one, a line to write it on by hand. */
	hr += 80;
	if (signer != NULL && signer[0] != '\0') {
		hr += pdfdoc_text_at(d, rx, y + hr, rw, signer, 13, PDF_BOLD, PDF_CENTER, true);
	} else {
		pdfdoc_rule(d, rx + rw / 2 - 30 * PDF_MM, rx + rw / 2 + 30 * PDF_MM, y + hr, 0.4);
		hr += 4;
	}
	d->y = y + (hl > hr ? hl : hr);
}
