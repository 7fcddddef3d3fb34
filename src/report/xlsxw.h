/* xlsxw.h — what the XLSX renderers (the report, the improvement plan, the
 * Friday list) share around libxlsxwriter: a workbook written to a
 * temporary file beside the target and renamed over it once complete
 * (report/out.h), the first libxlsxwriter error kept so a sheet is checked
 * once it is laid out, string cells cut to libxlsxwriter's limit at a
 * character boundary, figures rounded as published, and the A4 sheet and
 * header-cell format of the printed tables. */
#ifndef HL_RPT_XLSXW_H
#define HL_RPT_XLSXW_H

#include <stdbool.h>

#include <xlsxwriter.h>

#include "base/err.h"
#include "report/out.h"

/* A workbook being written and the first error met. */
struct xlsxw {
	struct rpt_out out;
	lxw_workbook *wb;
	lxw_error lerr;
	const char *sheet; /* the sheet being written, for messages */
};

/* Start a workbook for path on a temporary file; title (NULL = none) and
 * the author "hailong" go into its properties. On failure nothing is left
 * behind and x needs no xlsxw_abort. */
int xlsxw_open(struct xlsxw *x, const char *path, const char *title, struct hl_err *err);

/* Assemble the workbook, sync it and rename it over the target; on any
 * failure, a write that failed before included (the message names what,
 * e.g. "danh sách XLSX"), the target stays as it was. x is finished either
 * way. */
int xlsxw_close(struct xlsxw *x, const char *what, struct hl_err *err);

/* Give up: drop the workbook and its temporary file (harmless after
 * xlsxw_close or on a zeroed struct). */
void xlsxw_abort(struct xlsxw *x);

/* Keep e if it is the first error. */
void xlsxw_keep(struct xlsxw *x, lxw_error e);

/* A string cell; NULL or "" leaves it blank, a string over the limit is cut
 * at a character boundary and ends with "…". */
void xlsxw_str(struct xlsxw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	lxw_format *f);

/* A figure as published, rounded to two decimals; NaN or infinity leaves
 * the cell blank. */
void xlsxw_dec(struct xlsxw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
	lxw_format *f);

/* Columns first..last w characters wide, in format f (may be NULL). */
void xlsxw_width(struct xlsxw *x, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double w,
	lxw_format *f);

/* A sheet printed on A4 (landscape for a wide table), fitted to one page
 * wide, row header_row repeated on every page; NULL when out of memory (the
 * workbook's). */
lxw_worksheet *xlsxw_sheet(struct xlsxw *x, const char *name, lxw_row_t header_row, bool landscape);

/* The header-cell format of the printed tables (bold, wrapped, centred,
 * light blue, thin border); the workbook's, NULL when out of memory. */
lxw_format *xlsxw_head(struct xlsxw *x);

#endif
