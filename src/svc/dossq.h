/* dossq.h — dossier timeliness queries shared by the command line, the
 * pages and the API: the class counts of the dossiers received in a period
 * per unit (and field, procedure or channel), as they stood at a moment,
 * and the rule breaks of those dossiers. Which dossiers: those received in
 * the period (and by the moment asked about). Counts come from the store's
 * monthly sums of finished dossiers plus the dossiers still open, so a
 * province's millions of dossiers cost thousands of rows. */
#ifndef HL_DOSSQ_H
#define HL_DOSSQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/period.h"
#include "core/timeliness.h"
#include "store/store.h"

struct hl_arena;

enum dq_by { DQ_BY_NONE, DQ_BY_FIELD, DQ_BY_PROCEDURE, DQ_BY_CHANNEL };

#define DQ_ONLINE_HOURS 8 /* the default allowance for receiving an online dossier */

struct dq_opts {
	struct hl_period period;
	const char *unit;  /* only this unit's dossiers */
	const char *under; /* this unit and every unit below it */
	enum dq_by by;
	int64_t at; /* the moment (minutes, local) the classes are taken at */
};

struct dq_row {
	const struct store_unit *unit;
	const char *group; /* field code, procedure or channel; "" without --by */
	const char *label; /* the same for people: field name, "Trực tuyến" */
	struct tl_counts c;
};

struct dq_result {
	struct dq_opts o;
	size_t nrows;
	struct dq_row *rows; /* units by type, then Vietnamese name (report/order.h), then group */
};

/* Store d (dossier_save, in the caller's transaction) with its class
 * computed here by the core (tl_finished_class) once it is received, due and
 * finished (else 0): the store sums the classes it is given, no rule in SQL. */
int dq_save(struct store *st, struct store_dossier *d, struct hl_err *err);

/* Parse "field", "procedure" or "channel" (NULL = DQ_BY_NONE) into *out;
 * HL_EINVAL naming what is accepted. */
int dq_by_parse(const char *s, enum dq_by *out, struct hl_err *err);

/* The column heading of a grouping ("Lĩnh vực", ...), "" for DQ_BY_NONE; static. */
const char *dq_by_label(enum dq_by by);

/* Run the stats query: a row per unit in scope (and group) with dossiers,
 * or one for --unit even without any. *out and everything in it live in a.
 * HL_ENOTFOUND for an unknown unit. */
int dq_stats(struct store *st, struct hl_arena *a, const struct dq_opts *o, struct dq_result **out,
	struct hl_err *err);

/* Write r as CSV with the header
 * unit,group,total,early,on_time,late,pending,overdue,on_time_pct. */
void dq_stats_csv(FILE *f, const struct dq_result *r);

struct dq_break {
	const char *code, *unit, *field; /* dossier code, unit code, field code ("" none) */
	enum tl_rule rule;
	const char *detail; /* Vietnamese */
};

/* The rule breaks of the dossiers received in period (of unit, NULL = every
 * unit) at the moment at, online_minutes the allowance for receiving an
 * online dossier; by unit code, then received time, then rule. *out lives
 * in a. */
int dq_breaks(struct store *st, struct hl_arena *a, const struct hl_period *period,
	const char *unit, int64_t at, int64_t online_minutes, struct dq_break **out, size_t *n,
	struct hl_err *err);

/* Write breaks as CSV with the header code,unit,field,rule,detail. */
void dq_breaks_csv(FILE *f, const struct dq_break *b, size_t n);

/* ---- the units in scope, for the weekly list and the pages ---- */

struct dq_units {
	struct store_unit *u; /* every unit, by code */
	size_t n;
	bool *in;     /* in scope */
	size_t *byid; /* indexes of u sorted by id */
};

/* Every unit of the store and which are in scope: unit (only it), under
 * (it and every unit below), or all when both are NULL. Everything lives in
 * a; HL_ENOTFOUND naming the option for an unknown code. */
int dq_scope(struct store *st, struct hl_arena *a, const char *unit, const char *under,
	struct dq_units *out, struct hl_err *err);

/* s->byid for s->u[0..s->n), in a; HL_ENOMEM. */
int dq_units_index(struct hl_arena *a, struct dq_units *s, struct hl_err *err);

/* The index in s->u of the unit with id, or -1. */
long dq_unit_find(const struct dq_units *s, int64_t id);

/* Whether the unit with id is root or below it (64 levels at most). */
bool dq_unit_under(const struct dq_units *s, int64_t id, int64_t root);

#endif
