/* clock.h — the one clock: now, and Vietnam's local time (UTC+7, no daylight
 * saving) whatever the machine's zone. Every "today" and every time a person
 * reads comes from here. Tests and end-to-end scripts set the time with the
 * HAILONG_NOW environment variable. */
#ifndef HL_CLOCK_H
#define HL_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#define HL_VN_TZ_MINUTES (7 * 60) /* Asia/Ho_Chi_Minh: +07:00 all year */
#define HL_CLOCK_FMT_SIZE 20      /* "dd/mm/yyyy HH:MM" and the NUL */

/* Now, in Unix seconds: HAILONG_NOW (Unix seconds, or "yyyy-mm-ddTHH:MM" in
 * Vietnam's time) when it is set and valid, else the system's clock. */
int64_t hl_clock_now(void);

/* The day in Vietnam (days since 01/01/1970, an hl_day) of Unix time t. */
int32_t hl_clock_day_of(int64_t t);

/* Today in Vietnam. */
int32_t hl_clock_today(void);

/* Vietnam's local minutes since 01/01/1970 00:00 of Unix time t (how dossier
 * and feedback times are kept). */
int64_t hl_clock_minute_of(int64_t t);

/* hl_clock_minute_of(hl_clock_now()). */
int64_t hl_clock_minute(void);

/* The calendar date of day number day (proleptic Gregorian). */
void hl_clock_ymd(int32_t day, int *y, int *m, int *d);

/* "dd/mm/yyyy HH:MM" of Vietnam local minute m into buf ("" when m < 0);
 * returns buf. */
char *hl_clock_fmt_minute(int64_t m, char *buf, size_t size);

/* "yyyy-mm-dd HH:MM" (CSV, JSON) of Vietnam local minute m into buf (""
 * when m < 0); returns buf. */
char *hl_clock_iso_minute(int64_t m, char *buf, size_t size);

/* "dd/mm/yyyy HH:MM" in Vietnam of Unix time t into buf; returns buf. */
char *hl_clock_fmt(int64_t t, char *buf, size_t size);

#endif
