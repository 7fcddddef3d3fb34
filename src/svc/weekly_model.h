/* weekly_model.h — the Friday list (seed 003 §IV.5): every Friday afternoon the
 * one-stop centre sums up the week's dossiers and sends the offices the
 * dossiers late or overdue, and those falling due in the next five working
 * days. One model, built from the store once here, rendered by
 * report/weekly.h. */
#ifndef HL_WEEKLY_MODEL_H
#define HL_WEEKLY_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/timeliness.h"

struct store;
struct store_unit;
struct hl_arena;

#define WK_CLOSE_MINUTE (17 * 60) /* the week ends on Friday at 17:00 */
#define WK_DUE_DAYS 5             /* working days ahead for "due soon" */

/* A unit's week: dossiers received, those finished by class, and those
 * not finished at Friday 17:00 (TL_PENDING in time, TL_OVERDUE). */
struct wk_unit {
	const char *code, *name, *type;
	int64_t received;
	struct tl_counts fin;
	struct tl_counts open;
	bool active; /* received or finished some this week */
};

struct wk_item {
	const char *code, *unit, *unit_name, *field, *field_name, *procedure;
	int64_t received_at, due_at, finished_at; /* minutes, -1 = none */
	enum tl_class cls;                        /* TL_LATE, TL_OVERDUE or TL_PENDING */
	bool apology;
};

struct wk_model {
	struct hl_arena *a;
	hl_day saturday, friday; /* the week */
	int64_t from, to;        /* Saturday 00:00 .. Friday 17:00, minutes */
	hl_day due_until;        /* the fifth working day after Friday */
	const char *scope;       /* the unit asked for ("" = every unit) */
	const char *scope_name;
	const struct store_unit *issuer;        /* whose one-stop centre sends the list: the
	                                         * unit asked for (or the root), as on Friday */
	const struct store_unit *issuer_parent; /* the unit above it; NULL at the root */
	const char *above;                      /* the issuer's name in short over its centre in the
	                             * heading ("UBND PHƯỜNG VĨNH THỌ"); NULL = no issuer */
	const char *place; /* the date line's place ("Vĩnh Thọ"); NULL = none */
	size_t nunits;
	struct wk_unit *units; /* units with dossiers this week or still open, by code
	                             * (the CSV lists the active ones) */
	size_t *order;         /* units as documents list them: by type, then name */
	struct wk_unit total;
	size_t nlate;
	struct wk_item *late; /* finished late this week, or overdue at Friday 17:00:
	                             * by field, then due time */
	size_t ndue;
	struct wk_item *due; /* open, due after Friday 17:00 up to due_until: by due time */
};

/* The latest Friday on or before day. */
hl_day wk_latest_friday(hl_day day);

/* The Friday of the latest list made by the moment now (local minutes): the
 * latest Friday whose 17:00 has passed. */
hl_day wk_latest_list(int64_t now);

/* Build the list of the week ending on friday (a Friday) for unit and every
 * unit below it (NULL = every unit) into *out (free with wk_free).
 * HL_EINVAL when friday is not a Friday, HL_ENOTFOUND for an unknown unit. */
int wk_build(struct store *st, hl_day friday, const char *unit, struct wk_model **out,
	struct hl_err *err);

/* Free m; NULL is a no-op. */
void wk_free(struct wk_model *m);

#endif
