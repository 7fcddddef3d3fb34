/* plan_label.h — the improvement plan's criteria (TC, HC, PV, KQ, TT),
 * schedules and statuses: their codes and the words the appendix of seed 003
 * prints for them. Pure; shared by the service (svc/plan.h) and the
 * documents. */
#ifndef HL_PLAN_LABEL_H
#define HL_PLAN_LABEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/period.h"

#define PLAN_NCRIT 5 /* TC, HC, PV, KQ, TT: the criteria with standard tasks */

/* Index 0..PLAN_NCRIT-1 of a criterion code ("TC" ... "TT"), or -1. */
int plan_crit_index(const char *code);

/* Code and Vietnamese name of criterion i ("Tiếp cận dịch vụ"); static. */
const char *plan_crit_code(int i);
const char *plan_crit_name(int i);

/* Roman numeral of criterion i's group in the appendix ("I" … "V"); static. */
const char *plan_crit_roman(int i);

/* True if s is a schedule: thuong-xuyen, trong-nam, quy-1 … quy-4,
 * thu-sau-hang-tuan, khi-co-thay-doi, khi-tiep-nhan or a day YYYY-MM-DD. */
bool plan_schedule_ok(const char *s);

/* The i-th schedule without a date (0.., in the appendix's order), NULL past
 * the last: the choices a page offers; static. */
const char *plan_schedule_code(int i);

/* The schedule as the appendix writes it for a plan of year ("Thường
 * xuyên", "Trong năm 2025", "Quý IV/2025", "31/10/2025"; year 0: "Trong
 * năm", "Quý IV") into buf; returns buf. */
char *plan_schedule_label(const char *s, int year, char *buf, size_t size);

/* A period's label inside a sentence ("năm 2024", "quý III/2025") into buf. */
char *plan_period_label(const struct hl_period *p, char *buf, size_t size);

/* True if s is a status: chua-bat-dau, dang-thuc-hien, hoan-thanh, qua-han. */
bool plan_status_ok(const char *s);

/* The i-th status (0..), NULL past the last; static. */
const char *plan_status_code(int i);

/* The status in Vietnamese ("Đang thực hiện"); static, "" when unknown. */
const char *plan_status_label(const char *s);

#endif
