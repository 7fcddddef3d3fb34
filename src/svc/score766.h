/* score766.h — the national scorecard of Decision 766/QĐ-TTg per unit and
 * period (issue 14 §2), shared by `hailong score766`, the page beside the
 * dashboard and the XLSX report: the counts the ratios (core/score766.h)
 * are made of, gathered with the store's existing scans — dossiers finished
 * in the period, the responses that carry their codes, the month's feedback
 * figures (fb_stats) — and the points table an admin loads (a CSV file next
 * to the database, empty by default). docs/method.md has the formulas. */
#ifndef HL_SVC_SCORE766_H
#define HL_SVC_SCORE766_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "base/err.h"
#include "core/period.h"
#include "core/score766.h"
#include "store/store.h"

struct hl_arena;

struct sc_opts {
	struct hl_period period;
	const char *unit;  /* only this unit */
	const char *under; /* this unit and every unit below it */
	int64_t at;        /* the moment (minutes, local) feedback is judged at;
	                    * 0 = the end of the period, or now if sooner */
};

struct sc_row {
	const struct store_unit *unit;
	struct s766_counts c;
	struct s766_ratios r;
	double points; /* with has_points: what the points table gives r */
	bool has_points;
};

struct sc_result {
	struct sc_opts o;
	size_t nrows;
	struct sc_row *rows; /* units by type, then Vietnamese name (svc/order.h) */
	size_t nbands;
	const struct s766_band *bands; /* the points table in force (may be empty) */
};

/* The scorecard: a row per unit in scope with a dossier or a feedback item,
 * or one for --unit even without any. *out and everything in it live in a.
 * bands: the points table (sc_points_load), may be NULL. HL_ENOTFOUND for
 * an unknown unit, HL_EINVAL for a period too long. */
int sc_run(struct store *st, struct hl_arena *a, const struct sc_opts *o,
	const struct s766_band *bands, size_t nbands, struct sc_result **out, struct hl_err *err);

/* Write r as CSV with the header unit,dossiers,on_time_pct,avg_days,
 * feedback,feedback_on_time_pct,feedback_satisfied_pct,dossier_satisfied_pct
 * (and points when the points table is not empty); ratios with 2 decimals
 * and a dot, empty when there is nothing to divide by. */
void sc_csv(FILE *f, const struct sc_result *r);

/* r as JSON: {"period","first","last","at","rows":[{"unit","name",
 * "dossiers","on_time_pct",...,"points"}]}, a ratio without a value null,
 * points only with a points table. A new object (the caller json_decref's
 * it), or NULL out of memory. */
json_t *sc_json(const struct sc_result *r);

/* ---- the points table ---- */

/* Parse a points table (CSV with the header ratio,bound,points: a ratio's
 * code as in sc_csv, the bound it must reach — at least, or at most for
 * avg_days — and the points it earns; decimal point or comma) from f into
 * *out (in a). HL_EINVAL naming the line and column. */
int sc_points_parse(FILE *f, const char *name, struct hl_arena *a, struct s766_band **out,
	size_t *n, struct hl_err *err);

/* The table in force in st, parsed, or empty (*n 0) when none was loaded.
 * Errors as sc_points_parse, or the store's. */
int sc_points_load(struct store *st, struct hl_arena *a, struct s766_band **out, size_t *n,
	struct hl_err *err);

/* Check the table in file src and store it in st (replacing the one in
 * force, in one transaction, audited by who as score766.points); src NULL
 * removes it. *n: its bands. */
int sc_points_install(struct store *st, const char *src, const char *who, struct hl_arena *a,
	size_t *n, struct hl_err *err);

#endif
