/* calendar.h — the working calendar as the store holds it: the imported
 * government decisions (and the shipped 2024–2026 ones), whether 24/11 is in
 * force, and every unit's office hours, loaded once and turned into the pure
 * core's struct wc_sched per unit (core/workcal.h). Used by the calendar
 * command, feedback deadlines and dossier timeliness. */
#ifndef HL_SVC_CALENDAR_H
#define HL_SVC_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/workcal.h"

struct hl_arena;
struct store;
struct store_cal_hours;
struct cal;

/* Load decisions and every unit's hours from st and build the calendar for
 * the years 2000–2100 into *out (caller frees with cal_free). */
int cal_load(struct store *st, struct cal **out, struct hl_err *err);

/* Free c; NULL is a no-op. */
void cal_free(struct cal *c);

/* The days (valid while c lives). */
const struct wc_cal *cal_days(const struct cal *c);

/* The schedule of unit_id (0 = no unit: the default hours): its own hours,
 * else its nearest ancestor's, else the default. Points into c. */
int cal_unit(const struct cal *c, int64_t unit_id, struct wc_sched *out, struct hl_err *err);

/* ---- added with the implementation (issue 6) ---- */

#include <stdio.h>

struct import_opts;
struct import_report;

/* The years cal_load builds. */
#define CAL_YEAR_MIN 2000
#define CAL_YEAR_MAX 2100

/* The rules stored for unit_id itself (0: those of every unit without its
 * own), by from; *n how many. Points into c. */
const struct wc_hours *cal_own_hours(const struct cal *c, int64_t unit_id, size_t *n);

/* The first year 24/11 is a day off, 0 when it is not in force. */
int cal_culture_from(const struct cal *c);

/* The rule of s in force on day (NULL: none, the default hours apply);
 * points into s. */
const struct wc_hours *cal_hours_in_force(const struct wc_sched *s, hl_day day);

/* Import a decision CSV (header date,kind,name; kind day-off, working-day or
 * holiday), all or nothing, as svc/import.h's imports: HL_EINVAL with rep
 * listing every bad line when rejected; each line replaces any stored line of
 * its day. Audited as o->who. */
int cal_import(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err);

/* Set the hours of unit_id (0 = every unit without its own) from day from
 * (HL_DAY_NONE = since always) to spec (wc_hours_parse), stored in its
 * canonical form; audited as who, naming unit_code. */
int cal_set_hours(struct store *st, const char *who, int64_t unit_id, const char *unit_code,
	hl_day from, const char *spec, struct hl_err *err);

/* Make 24/11 a day off from from_year on (0 = not in force); audited. */
int cal_set_culture_day(struct store *st, const char *who, int from_year, struct hl_err *err);

/* The same two inside the caller's transaction (the server's writer), for
 * by (svc/units.h), audited as by->who: hours of unit_code ("" or NULL =
 * every unit without its own, for an administrator of everything only), a
 * unit out of by's scope being HL_ENOTFOUND; the culture day for an
 * administrator of everything only (HL_EPERM otherwise). */
struct scope_actor;
int cal_set_hours_by(struct store *st, const struct scope_actor *by, const char *unit_code,
	hl_day from, const char *spec, struct hl_err *err);
int cal_set_culture_day_by(struct store *st, const struct scope_actor *by, int from_year,
	struct hl_err *err);

/* The first year 24/11 (the culture day) is a day off into *from_year; 0
 * when not in force. */
int cal_culture_year(struct store *st, int *from_year, struct hl_err *err);

/* Every unit's office hours rule into *out (owned by a). */
int cal_hours_rules(struct store *st, struct hl_arena *a, struct store_cal_hours **out, size_t *n,
	struct hl_err *err);

#endif
