/* period.h — reporting periods: a year, a half, a quarter, a month or any
 * range of days, parsed from "2024", "2024-H1", "2024-Q3", "2024-06",
 * "2024-01-15..2024-03-31" or the way Vietnamese clerks write them ("Quý
 * 3/2025"), with their Vietnamese labels. */
#ifndef HL_PERIOD_H
#define HL_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/date.h"

enum hl_period_kind { HL_P_YEAR, HL_P_HALF, HL_P_QUARTER, HL_P_MONTH, HL_P_RANGE };

struct hl_period {
	enum hl_period_kind kind;
	int year;           /* year of the first day */
	int num;            /* half 1-2, quarter 1-4, month 1-12; 0 otherwise */
	hl_day first, last; /* inclusive */
};

/* Parse s into *out: a canonical code, or as a clerk writes it — 06/2025,
 * Tháng 6/2025, Quý 3/2025, Quý III/2025, 6 tháng đầu (cuối) năm 2025,
 * Năm 2025, Từ 15/01/2025 đến 31/03/2025 — in any case, with or without
 * diacritics (every label hl_period_label writes reads back). HL_EINVAL,
 * where "period", with a message giving the accepted forms. */
int hl_period_parse(const char *s, struct hl_period *out, struct hl_err *err);

/* The same period one year earlier (a range shifts both ends by a year). */
void hl_period_prev_year(const struct hl_period *p, struct hl_period *out);

/* Canonical code ("2024-Q3", "2024-01-15..2024-03-31") into buf; returns buf. */
char *hl_period_code(const struct hl_period *p, char *buf, size_t size);

/* Vietnamese label ("Quý III/2024", "6 tháng đầu năm 2024", "Tháng 06/2024",
 * "Năm 2024", "Từ 15/01/2024 đến 31/03/2024") into buf; returns buf. */
char *hl_period_label(const struct hl_period *p, char *buf, size_t size);

/* True when the period is made of whole calendar months. */
bool hl_period_whole_months(const struct hl_period *p);

#endif
