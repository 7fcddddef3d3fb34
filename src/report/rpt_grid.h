/* rpt_grid.h — the unit tables beside criterion TT (feedback, follow-up
 * cases), each described once as columns and a row reader: the PDF, HTML,
 * XLSX and CSV renderers lay out any of them with one function each. */
#ifndef HL_RPT_GRID_H
#define HL_RPT_GRID_H

#include <stdbool.h>

#include "svc/report_model.h"

enum rpt_galign { RG_LEFT, RG_RIGHT, RG_CENTER };

/* Where a column is shown: the documents (PDF and HTML), the sheet, the CSV. */
enum { RG_DOC = 1, RG_SHEET = 2, RG_CSV = 4, RG_ALL = 7 };

struct rpt_gcol {
	const char *head; /* its heading; NULL for a CSV-only column */
	const char *csv;  /* its name in the CSV header */
	double width;     /* its share of the PDF table's width */
	enum rpt_galign align;
	unsigned in; /* RG_DOC | RG_SHEET | RG_CSV */
};

/* One value: a count, or a decimal (a percentage, an index) that may be
 * missing (shown "–" or left empty in the CSV). */
struct rpt_gval {
	bool is_dec, valid;
	long long n;
	double v;
};

#define RPT_GRID_MAXCOLS 12

struct rpt_grid {
	const char *title;       /* "Phản ánh, kiến nghị (tiêu chí TT)" */
	const char *title_upper; /* the PDF's heading in capitals */
	const char *sheet;       /* the XLSX sheet's name */
	const char *note;        /* below the table in the documents; NULL: none */
	int ncols;               /* cols[0] is the unit's name */
	const struct rpt_gcol *cols;
	int (*rows)(const struct rpt_model *m);
	/* Row i: its unit's name, and the values of cols[1..ncols) in v[1..). */
	const char *(*row)(const struct rpt_model *m, int i, struct rpt_gval *v);
};

/* The tables beside TT, in the documents' order; a report shows one only
 * when it has rows. */
#define RPT_NGRIDS 2
extern const struct rpt_grid *const rpt_grids[RPT_NGRIDS];

#endif
