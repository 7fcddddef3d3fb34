/* calendar.h — the working calendar as the store holds it: the imported
 * government decisions (and the shipped 2024–2026 ones), whether 24/11 is in
 * force, and every unit's office hours, loaded once and turned into the pure
 * core's struct wc_sched per unit (core/workcal.h). Used by the calendar
 * command, feedback deadlines and dossier timeliness. */
#ifndef HL_SVC_CALENDAR_H
#define HL_SVC_CALENDAR_H

#include <stdint.h>

#include "base/err.h"
#include "core/workcal.h"

struct store;
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

#endif
