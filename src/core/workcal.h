/* workcal.h — the state's working calendar: which days are worked
 * (RULES.md §1–2: Monday–Friday, the Labour Code's holidays with nghỉ bù,
 * each year's government decision), a unit's office hours (per unit, with
 * effective dates and optional seasons), and deadlines counted in working
 * hours or working days (RULES.md §4). Pure: built from plain values, no
 * store, no clock, no globals.
 *
 * Times are minutes since 1970-01-01 00:00 local time (Vietnam, UTC+7), as
 * hl_minute_parse makes them. */
#ifndef HL_WORKCAL_H
#define HL_WORKCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

/* ---- office hours ---- */

#define WC_SPANS_MAX 4
#define WC_SEASONS_MAX 4

/* One opening within a day, minutes after midnight, open < close. */
struct wc_span {
	int open, close;
};

struct wc_day_hours {
	int nspans; /* 1..WC_SPANS_MAX, ascending, not overlapping */
	struct wc_span span[WC_SPANS_MAX];
};

/* A season starts on month/day each year and lasts until the next one starts
 * (the last wraps round to the first). */
struct wc_season {
	char name[16];  /* "summer", "winter"; "" for all year */
	int month, day; /* its first day each year */
	struct wc_day_hours hours;
};

/* A unit's hours from a day on, until the next rule's from. */
struct wc_hours {
	hl_day from;  /* HL_DAY_NONE = since always */
	int nseasons; /* 1 = the same all year (month/day unused) */
	struct wc_season season[WC_SEASONS_MAX];
};

/* Parse SPEC: "07:30-11:30,13:30-17:00", or seasons
 * "summer=04-01:07:30-11:30,13:30-17:30;winter=10-01:07:30-11:30,13:00-17:00".
 * out->from is set to HL_DAY_NONE. HL_EINVAL naming what is wrong. */
int wc_hours_parse(const char *spec, struct wc_hours *out, struct hl_err *err);

/* The SPEC form of h (the inverse of wc_hours_parse) into buf; returns buf. */
char *wc_hours_format(const struct wc_hours *h, char *buf, size_t size);

/* h as a person reads it: "07:30–11:30, 13:30–17:00", or by season
 * "mùa hè (từ 01/04): 07:30–11:30, 13:30–17:30; mùa đông (từ 01/10): …"
 * into buf; returns buf. */
char *wc_hours_describe(const struct wc_hours *h, char *buf, size_t size);

/* The default hours: 07:30-11:30,13:30-17:00 all year (RULES.md §1). */
void wc_hours_default(struct wc_hours *out);

/* ---- days ---- */

enum wc_kind {
	WC_HOLIDAY = 1,  /* a Labour Code holiday (listed on its date, weekend or not) */
	WC_COMPENSATORY, /* nghỉ bù for a holiday on a weekend */
	WC_DAY_OFF,      /* a weekday off by decision (swapped, or Tết set by decision) */
	WC_WORKING_DAY,  /* a Saturday or Sunday worked (làm bù) */
	WC_DISABLED,     /* a named holiday not in force (24/11 until turned on) */
};

/* The kind as people read it ("ngày lễ", "nghỉ bù", "nghỉ theo quyết
 * định", "làm bù", "chưa áp dụng"); static, "" when unknown. */
const char *wc_kind_label(enum wc_kind k);

/* The kind's code in CSV files and the CLI ("holiday", "compensatory",
 * "day-off", "working-day", "disabled"); static, "" when unknown. */
const char *wc_kind_code(enum wc_kind k);

/* A time of day as people type it — "7:30", "07:30", "7h30", "7h", "7.30"
 * — into minutes after midnight (00:00–24:00); false otherwise. */
bool wc_time_parse_vn(const char *s, int *minutes);

#define WC_NAME_MAX 128

struct wc_entry {
	hl_day day;
	enum wc_kind kind;
	char name[WC_NAME_MAX]; /* Vietnamese, e.g. "Tết Nguyên đán" */
};

/* What the calendar is built from. decisions are the imported lines of the
 * government's yearly decisions (kinds WC_HOLIDAY, WC_DAY_OFF, WC_WORKING_DAY);
 * a decision that puts a holiday or day off in a year's Tết window replaces
 * that year's computed Tết block. culture_day_from: the first year 24/11 is
 * off (0 = never: it is listed as WC_DISABLED). */
struct wc_config {
	const struct wc_entry *decisions;
	size_t ndecisions;
	int culture_day_from;
};

struct wc_cal;

/* Build the calendar for years y0..y1 (at most 200 years, within
 * 1901..2199) into *out (caller frees with wc_free). HL_EINVAL for a bad
 * range or a decision that contradicts itself (a day both off and worked). */
int wc_build(const struct wc_config *cfg, int y0, int y1, struct wc_cal **out, struct hl_err *err);

/* Free c; NULL is a no-op. */
void wc_free(struct wc_cal *c);

/* The years c covers. */
void wc_range(const struct wc_cal *c, int *y0, int *y1);

/* True if day is worked (a weekday not off, or a làm bù weekend day);
 * false outside the built range. */
bool wc_is_working_day(const struct wc_cal *c, hl_day day);

/* Every day of year y that is not an ordinary weekday or weekend, by date
 * (a holiday on a weekend and its nghỉ bù both listed), into a hl_malloc'd
 * array the caller frees with hl_free; *n how many. */
int wc_year_entries(const struct wc_cal *c, int y, struct wc_entry **out, size_t *n,
	struct hl_err *err);

/* ---- deadlines ---- */

/* A unit's calendar: the days and its hours rules sorted by from (the first
 * may start at HL_DAY_NONE). Nothing is owned. */
struct wc_sched {
	const struct wc_cal *cal;
	const struct wc_hours *hours;
	size_t nhours;
};

/* The hours in force on day (the default when nhours is 0). */
const struct wc_day_hours *wc_hours_on(const struct wc_sched *s, hl_day day);

/* The moment minutes of working time after start: only minutes inside the
 * hours of working days count; a start outside hours counts from the next
 * opening; a deadline that falls on a closing stays there (11:30, not 13:30).
 * HL_EINVAL when it runs past the built range. */
int wc_add_minutes(const struct wc_sched *s, int64_t start, int64_t minutes, int64_t *out,
	struct hl_err *err);

/* The deadline of a period of days working days from start (RULES.md §4):
 * the start day does not count; the deadline is the closing time of the
 * days-th working day after it. */
int wc_add_days(const struct wc_sched *s, int64_t start, int days, int64_t *out,
	struct hl_err *err);

/* Working minutes between a and b (0 when b <= a). */
int wc_between(const struct wc_sched *s, int64_t a, int64_t b, int64_t *minutes,
	struct hl_err *err);

/* The n-th working day after day (n >= 1), or before it (n <= -1); false past the range. */
bool wc_next_working_day(const struct wc_cal *c, hl_day day, int n, hl_day *out);

#endif
