/* score766.h — the ratios of the national scorecard of Decision 766/QĐ-TTg
 * (2022, "Bộ chỉ số phục vụ người dân, doanh nghiệp") that hailong's data
 * confirm: progress (dossiers finished early or on time, average handling
 * time in working days) and satisfaction (feedback handled on time, feedback
 * neither unsatisfied nor late, dossiers not rated unsatisfied), and the
 * points an admin's table gives each ratio. Pure: counts in, ratios out;
 * what is counted is svc/score766.c's (docs/method.md). */
#ifndef HL_SCORE766_H
#define HL_SCORE766_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

struct hl_instrument;
struct wc_cal;

/* What one unit's ratios are made of. */
struct s766_counts {
	int64_t dossiers;     /* finished in the period */
	int64_t on_time;      /* of those, finished early or on time */
	int64_t days;         /* their handling times, working days, summed */
	int64_t dossiers_bad; /* of those, rated unsatisfied through a response */
	int64_t feedback;     /* feedback within the unit's authority, due */
	int64_t fb_on_time;   /* of those, answered by the deadline */
	int64_t fb_bad;       /* of those, rated unsatisfied or answered late */
};

/* The ratios (percent, and days for avg_days); has_* false when the
 * denominator is 0 (shown as "–", empty in CSV, null in JSON). */
enum s766_ratio {
	S766_ON_TIME = 0,   /* on_time / dossiers */
	S766_AVG_DAYS,      /* days / dossiers */
	S766_FB_ON_TIME,    /* fb_on_time / feedback */
	S766_FB_SATISFIED,  /* (feedback - fb_bad) / feedback */
	S766_DOS_SATISFIED, /* (dossiers - dossiers_bad) / dossiers */
	S766_NRATIOS
};

struct s766_ratios {
	double v[S766_NRATIOS];
	bool has[S766_NRATIOS];
};

/* The ratios of c. */
void s766_ratios(const struct s766_counts *c, struct s766_ratios *out);

/* a + b, field by field, into a. */
void s766_add(struct s766_counts *a, const struct s766_counts *b);

/* The ratio's code in CSV and JSON ("on_time_pct", ...); a static string. */
const char *s766_ratio_code(enum s766_ratio r);

/* The ratio named code, or -1. */
int s766_ratio_parse(const char *code);

/* Working days a dossier received on day r and finished on day f took:
 * the working days of c after r up to f (0 when finished the day it came
 * or before). Days outside c's years count as not worked. */
int64_t s766_working_days(const struct wc_cal *c, hl_day r, hl_day f);

/* Whether a response (answers, one byte per question of in) rates the
 * service unsatisfied: at least half of its valid answers (a level on the
 * question's scale) are at a level not counted as satisfied. A response
 * without valid answers does not. */
bool s766_unsatisfied(const struct hl_instrument *in, const unsigned char *answers, int nanswers);

/* ---- points (an admin's table; empty by default) ---- */

/* A band: a ratio of at least bound earns points — at most bound for
 * avg_days, where fewer days is better. */
struct s766_band {
	enum s766_ratio ratio;
	double bound;
	double points;
};

/* The points the bands give r: for each ratio with a value and bands, the
 * points of the best band it reaches (the highest bound; the lowest for
 * avg_days), 0 when none; *any false when no band applied. */
double s766_points(const struct s766_band *b, size_t n, const struct s766_ratios *r, bool *any);

#endif
