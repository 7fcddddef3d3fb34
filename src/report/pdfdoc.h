/* pdfdoc.h — laying out an A4 document for the PDF reports: pages with the
 * margins of Nghị định 30/2020 (top and bottom 20 mm, left 30 mm, right
 * 15 mm), text shaped by pango in Liberation Serif (fonts embedded by cairo),
 * paragraphs that continue on the next page, tables that break across pages
 * repeating their header row, page numbers centred at the top from page 2,
 * room for vector drawings (the charts), and the heading and title every
 * administrative document shares (pdfdoc_heading, pdfdoc_title).
 *
 * Lengths are PDF points (1/72 inch). x runs from the left margin, y from the
 * top of the page; the document keeps a cursor y that the flowing calls
 * (pdfdoc_par, pdfdoc_table_*, pdfdoc_space, pdfdoc_need) move down. */
#ifndef HL_PDFDOC_H
#define HL_PDFDOC_H

#include <stdbool.h>
#include <stdio.h>

#include <cairo.h>

#include "base/err.h"
#include "report/out.h"

#define PDF_MM (72.0 / 25.4)
#define PDF_PAGE_W (210 * PDF_MM)
#define PDF_PAGE_H (297 * PDF_MM)
#define PDF_MARGIN_TOP (20 * PDF_MM)
#define PDF_MARGIN_BOTTOM (20 * PDF_MM)
#define PDF_MARGIN_LEFT (30 * PDF_MM)
#define PDF_MARGIN_RIGHT (15 * PDF_MM)

/* Style flags of a piece of text. */
enum {
	PDF_BOLD = 1,
	PDF_ITALIC = 2,
	PDF_RED = 4, /* a table cell's text in red (below target) */
};

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY };

struct pdfdoc;

/* A table column: its header, its share of the text width (the shares of a
 * table add up to at most 1; a narrower table is centred) and alignment;
 * consecutive columns with the same group (not NULL) share a header cell
 * above their own ("Đã giải quyết" over "Trước hạn", "Đúng hạn", …), the
 * other columns' headers then span both header rows. */
struct pdf_col {
	const char *head;
	double share;
	enum pdf_align align;
	const char *group;
};

struct pdf_table {
	int ncols;
	const struct pdf_col *col;
	double size; /* font size of the cells, points */
};

/* A document written as PDF to f (stays the caller's; flushed, not closed,
 * by pdfdoc_finish). title and create_iso ("2025-09-25T00:00:00", so the
 * same report gives the same file; NULL = now) go into the metadata. The
 * first page is open. *out is freed with pdfdoc_free. */
int pdfdoc_new(FILE *f, const char *title, const char *create_iso, struct pdfdoc **out,
	struct hl_err *err);

/* A document as pdfdoc_new, written to a temporary file beside path (o)
 * that pdfdoc_close renames over it. On failure *out is NULL and nothing
 * is left behind. */
int pdfdoc_open(const char *path, const char *title, const char *create_iso, struct rpt_out *o,
	struct pdfdoc **out, struct hl_err *err);

/* Unless rc is already an error, finish d and rename its file (o) over the
 * target; free d (NULL allowed) and remove the temporary file either way.
 * Returns the outcome. */
int pdfdoc_close(struct pdfdoc *d, struct rpt_out *o, int rc, struct hl_err *err);

/* Close the last page and write the file's trailer; HL_EIO when cairo or
 * the stream failed at any point. */
int pdfdoc_finish(struct pdfdoc *d, struct hl_err *err);

/* Release d (NULL is a no-op); the stream stays open. */
void pdfdoc_free(struct pdfdoc *d);

/* Turn every page of d to A4 landscape (an appendix table), margins kept;
 * call right after pdfdoc_new, before anything is drawn. */
void pdfdoc_landscape(struct pdfdoc *d);

/* The width of the text area between the margins. */
double pdfdoc_width(const struct pdfdoc *d);

/* The cursor, from the top of the page, and its page (1-based). */
double pdfdoc_y(const struct pdfdoc *d);

/* Move the cursor to y on the same page. */
void pdfdoc_set_y(struct pdfdoc *d, double y);

/* The cairo context of the current page (the document's), with the origin
 * at the page's top-left corner, for drawings placed at pdfdoc_y. */
cairo_t *pdfdoc_cairo(struct pdfdoc *d);

/* Start a new page (its number at the top from page 2). */
void pdfdoc_new_page(struct pdfdoc *d);

/* Start a new page unless height fits below the cursor; true if it did. */
bool pdfdoc_need(struct pdfdoc *d, double height);

/* Start a new page unless the next section — a heading of height head
 * followed by at least the first part of what comes after it, of height
 * next (pdfdoc_par_height, pdfdoc_table_height) — fits below the cursor:
 * a heading never ends a page alone (keep with next). True if it did. */
bool pdfdoc_keep(struct pdfdoc *d, double head, double next);

/* The height of the first lines lines (0 = all) of the paragraph
 * pdfdoc_par would draw, plus after when that is all of it. */
double pdfdoc_par_height(struct pdfdoc *d, const char *text, double size, unsigned style,
	enum pdf_align al, double indent, int lines, double after);

/* The height table t's header row and the row cells (NULL = none) take. */
double pdfdoc_table_height(struct pdfdoc *d, const struct pdf_table *t, const char *const *cells,
	const unsigned *style);

/* Move the cursor down by height (not past the page's end). */
void pdfdoc_space(struct pdfdoc *d, double height);

/* Text (UTF-8, NFC; '\n' breaks lines) wrapped in width w at (x, y),
 * without moving the cursor or breaking the page; returns its height.
 * With draw false it only measures. */
double pdfdoc_text_at(struct pdfdoc *d, double x, double y, double w, const char *text, double size,
	unsigned style, enum pdf_align al, bool draw);

/* The width text takes on one line. */
double pdfdoc_text_width(struct pdfdoc *d, const char *text, double size, unsigned style);

/* A horizontal rule from x0 to x1 (from the left margin) at y, lw thick. */
void pdfdoc_rule(struct pdfdoc *d, double x0, double x1, double y, double lw);

/* A paragraph at the cursor over the text width, first line indented by
 * indent, continued on the next page line by line; the cursor ends after
 * it plus after points. */
void pdfdoc_par(struct pdfdoc *d, const char *text, double size, unsigned style, enum pdf_align al,
	double indent, double after);

/* Begin table t at the cursor: draws its header row. t must stay valid
 * until pdfdoc_table_end. */
void pdfdoc_table_begin(struct pdfdoc *d, const struct pdf_table *t);

/* One row of t->ncols cells (NULL = empty); style[i] holds the flags of
 * cell i (style may be NULL). A row that does not fit goes to the next
 * page, under the header row drawn again. */
void pdfdoc_table_row(struct pdfdoc *d, const char *const *cells, const unsigned *style);

/* End the table; the cursor goes below it plus after points. */
void pdfdoc_table_end(struct pdfdoc *d, double after);

/* The heading of an administrative document (Nghị định 30/2020). The
 * documents place it a few points apart: the numbers below keep each
 * document's own layout. */
struct pdf_heading {
	const char *above;   /* the body above the issuer, 12 pt; NULL or "" = none */
	const char *issuer;  /* the issuing body, 12 pt bold */
	const char *number;  /* "Số: …" under the issuer; NULL = none */
	const char *summary; /* a công văn's "V/v …" under the number, 12 pt; NULL = none */
	const char *date;    /* place and date under the motto, italic */
	double left;         /* the left column's share of the text width */
	double gap;          /* points between the two columns */
	double rule_div;     /* the rule under the issuer: 2/rule_div of its column */
	double after;        /* points below the number and the date */
};

/* Draw h at the cursor: the issuing body on the left, the national title
 * and motto on the right, each over a short rule, then the number and the
 * date on one level; the cursor ends h->after points below them. */
void pdfdoc_heading(struct pdfdoc *d, const struct pdf_heading *h);

/* The end of a document (Nghị định 30/2020): "Nơi nhận:" and its lines
 * recipient[0..n) ("- " before each) on the left, the signer's title in
 * capitals (NULL or "" = "THỦ TRƯỞNG CƠ QUAN") over room to sign and the
 * signer's name (NULL or "" = a line to write it on) on the right, kept on
 * one page. */
void pdfdoc_closing(struct pdfdoc *d, const char *const *recipient, int n, const char *signer_title,
	const char *signer);

/* The document's title (NULL = none) and summary (NULL or "" = none), 14 pt
 * bold, centred; under the summary a rule 2/rule_div of the text width.
 * The cursor ends after points below. */
void pdfdoc_title(struct pdfdoc *d, const char *title, const char *summary, double rule_div,
	double after);

#endif
