/* trend.h — an index month by month: SIPAS and each criterion from the first
 * month of the period's year to the period's last month (a Q3 report shows
 * T1–T9), one index query per month on the monthly tallies. For one unit its
 * own values; for the units below an office the plain mean of the units'
 * values ("bình quân các đơn vị"). Used by the dashboard and the reports. */
#ifndef HL_SVC_TREND_H
#define HL_SVC_TREND_H

#include "base/err.h"
#include "core/index.h"
#include "core/period.h"

struct hl_arena;
struct store;

struct trend {
	int year;
	int nmonths; /* months 1..nmonths of year */
	int ncrit;   /* cell ncrit is SIPAS; -1 = no data */
	const char *crit_code[HL_IDX_MAXCELLS];
	double value[HL_IDX_MAXCELLS][12]; /* NAN = no value that month */
	double target_all;                 /* SIPAS target of the year, NAN = none */
	bool mean;                         /* values are means over several units */
};

/* The trend of unit (or, unit NULL, of the units below under) up to the last
 * month of p; *out lives in a. HL_EINVAL for a period that does not end on a
 * month's last day within one year (a custom range). */
int trend_monthly(struct store *st, struct hl_arena *a, const struct hl_period *p, const char *unit,
	const char *under, struct trend **out, struct hl_err *err);

#endif
