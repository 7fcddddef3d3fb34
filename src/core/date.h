/* date.h — civil dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), so periods, tallies and comparisons are plain integer math. */
#ifndef HL_DATE_H
#define HL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t hl_day;
#define HL_DAY_NONE INT32_MIN /* "no date": open validity, missing value */

/* Day number of y-m-d; false if the date does not exist (2023-02-29). */
bool hl_day_from_ymd(int y, int m, int d, hl_day *out);

/* Year, month (1-12) and day of a day number. */
void hl_day_to_ymd(hl_day day, int *y, int *m, int *d);

/* The n decimal digits at s as a number into *out; false if one is not a
 * digit (n <= 9). */
bool hl_digits(const char *s, int n, int *out);

/* Parse exactly "YYYY-MM-DD" (years 1900-2999); false if malformed or impossible. */
bool hl_day_parse(const char *s, hl_day *out);

/* Exactly n decimal digits at s into *out; false when one is not a digit. */
bool hl_digits(const char *s, int n, int *out);

/* Parse a date as a person types it into a form: "dd/mm/yyyy" or "d/m/yyyy"
 * (also with '-' or '.' between the parts), "ddmmyyyy" (a phone's number
 * pad has no '/'), or "YYYY-MM-DD"; spaces around
 * it are ignored. False if malformed or impossible (31/02/2026), or the year
 * is not 1900-2999. The pages' one date parser (core, so tests reach it). */
bool hl_day_parse_vn(const char *s, hl_day *out);

/* Parse exactly "YYYY-MM-DD HH:MM" into minutes since 1970-01-01 00:00 (local). */
bool hl_minute_parse(const char *s, int64_t *out);

/* "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *hl_day_iso(hl_day day, char *buf, size_t size);

/* "dd/mm/yyyy", as Vietnamese readers write dates; returns buf. */
char *hl_day_vn(hl_day day, char *buf, size_t size);

/* Days in month m of year y. */
int hl_month_days(int y, int m);

/* First day of the month that contains day. */
hl_day hl_day_month_start(hl_day day);

/* The same calendar day one year earlier (29/2 becomes 28/2). */
hl_day hl_day_minus_year(hl_day day);

/* 0 = Monday ... 6 = Sunday. */
int hl_day_weekday(hl_day day);

#endif
