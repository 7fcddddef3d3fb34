/* lunar.h — the Vietnamese lunar calendar (âm lịch), computed from
 * astronomical new moons and solar terms at UTC+7 (RULES.md §3; the method
 * published by Hồ Ngọc Đức after Meeus). Never a Chinese table: the two differ
 * in some years (Tết 1985, 2007). Pure: no I/O, no globals. Valid for Gregorian
 * years 1900–2199. */
#ifndef HL_LUNAR_H
#define HL_LUNAR_H

#include <stdbool.h>

#include "core/date.h"

struct hl_lunar {
	int day;   /* 1..30 */
	int month; /* 1..12 */
	int year;  /* the lunar year, numbered as the Gregorian year it mostly falls in */
	bool leap; /* a leap (nhuận) month */
};

/* The lunar date of a civil day; false outside the supported range. */
bool hl_lunar_from_day(hl_day day, struct hl_lunar *out);

/* The civil day of a lunar date; false if that date does not exist (a 30th
 * in a 29-day month, a leap month the year does not have) or is out of range. */
bool hl_lunar_to_day(const struct hl_lunar *l, hl_day *out);

/* Tết (mùng 1 tháng Giêng) of lunar year y; false out of range. */
bool hl_lunar_new_year(int y, hl_day *out);

#endif
