/* calendar_rpt.h — the reporting calendar (SPEC §5, seed 004): given a
 * schedule and a day, which periodic reports fall due. Pure: no store, no
 * clock.
 *
 * The default schedule is seed 004's: the month's report on the 28th of that
 * month; Quý I on 25/3 and Quý III on 25/9; the first half on 25/6; the year
 * on 25/12. Those dates come before the period ends: the plan publishes on
 * them anyway, so a report published on its due date covers the period's
 * responses up to that date (it keeps the period's name, "Quý I/2024"); a
 * later version covers whatever has been counted by then.
 *
 * A unit may have its own schedule, written as a SPEC (calrpt_parse); a
 * unit without one follows its nearest ancestor's, then the default. */
#ifndef HL_CALENDAR_RPT_H
#define HL_CALENDAR_RPT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"
#include "core/period.h"

/* `reports due --date D` looks back this many days, D included. */
#define CALRPT_WINDOW_DAYS 31

/* One kind of periodic report: the period kind, which of them (quarter 1-4,
 * half 1-2; 0 = every one), and its due date as a month offset from the
 * period's first month and a day of that month (past the month's end: its
 * last day). */
struct calrpt_rule {
	enum hl_period_kind kind; /* HL_P_MONTH, HL_P_QUARTER, HL_P_HALF or HL_P_YEAR */
	int num;
	int month_offset; /* 0..23 */
	int day;          /* 1..31 */
};

struct calrpt_schedule {
	const struct calrpt_rule *rules;
	int nrules;
};

/* One report due: the period (as hl_period_parse makes it) and the day. */
struct calrpt_due {
	struct hl_period period;
	hl_day due;
};

/* Seed 004's schedule; a static table, not owned by the caller. */
const struct calrpt_schedule *calrpt_default(void);

/* HL_OK if every rule of s is well formed, else HL_EINVAL naming the rule. */
int calrpt_check(const struct calrpt_schedule *s, struct hl_err *err);

/* Reports of s due in [from, to] (at most 2 years apart) into out[0..max),
 * by due day then rule order; *n = how many. HL_ELIMIT when more than max,
 * HL_EINVAL for a bad schedule or range. Nothing allocated. */
int calrpt_due(const struct calrpt_schedule *s, hl_day from, hl_day to, struct calrpt_due *out,
	size_t max, size_t *n, struct hl_err *err);

/* The due day of period p under s into *due; false when s has no report for
 * p (e.g. Quý II by default, or a range of days). */
bool calrpt_due_of(const struct calrpt_schedule *s, const struct hl_period *p, hl_day *due);

/* Most rules a SPEC may give. */
#define CALRPT_MAX_RULES 24

/* Parse SPEC, comma-separated items (spaces allowed):
 *   month:DD       the month's report on day DD of that month (month:5+1: the
 *                  5th of the next month; +N months in general)
 *   Q:DD+N, H:DD+N every quarter / half on day DD, N months after its first month
 *   Q1..Q4:DD/MM, H1..H2:DD/MM, year:DD/MM
 *                  that period on DD/MM (a month before the period's first
 *                  month is in the next year: Q4:15/01); Q1:25+2, year:15+12
 *                  (15/01 of the next year) in the +N form
 * The default is "month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12". Rules go
 * into rules[0..CALRPT_MAX_RULES), *n how many; HL_EINVAL naming the item. */
int calrpt_parse(const char *spec, struct calrpt_rule *rules, int *n, struct hl_err *err);

/* The SPEC of s (the inverse of calrpt_parse) into buf; returns buf. */
char *calrpt_format(const struct calrpt_schedule *s, char *buf, size_t size);

/* The day and month of the report (kind, num: quarter 1-4, half 1-2, 1 for
 * the year) under s, when s has one due within a year of its period's first
 * month (DD/MM form); false otherwise. */
bool calrpt_day_month(const struct calrpt_schedule *s, enum hl_period_kind kind, int num, int *day,
	int *month);

/* s as a person reads it: "Hằng tháng: ngày 28 của tháng; Quý I: ngày
 * 25/03; …; Cả năm: ngày 25/12" ("ngày 15/01 năm sau" past the year) into
 * buf; returns buf. */
char *calrpt_describe(const struct calrpt_schedule *s, char *buf, size_t size);

#endif
