/* plan.h — the improvement plan (kế hoạch nâng cao mức độ hài lòng, issue 6,
 * SPEC §6): the standard tasks per criterion built in from seed 003's
 * appendix (an administrator may replace them), the suggestion of those
 * tasks for every criterion whose value in the base period is below the
 * unit's target, a unit's plan per year with each task's status and dated
 * progress notes, and the CSV forms. Shared by the command line, the report
 * model and the server. */
#ifndef HL_PLAN_H
#define HL_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "core/period.h"
#include "core/plan_label.h"
#include "store/store.h"

struct hl_arena;
struct import_opts;
struct import_report;
struct rpt_model;

#define PLAN_MAX_TASKS 500 /* tasks in one plan or in the standard list */

/* The CSV headers (docs/cli.md). */
#define PLAN_SUGGEST_HEADER "criterion,value,target,task,responsible,schedule,expected"
#define PLAN_SHOW_HEADER "no,criterion,value,target,task,responsible,schedule,expected,status"
#define PLAN_STD_HEADER "criterion,task,responsible,schedule,expected"

/* ---- pure parts (criteria, schedules, statuses: core/plan_label.h) ---- */

/* The built-in standard tasks (seed 003's appendix: 7 TC, 4 HC, 6 PV, 5 KQ,
 * 3 TT), copied into arena a. */
int plan_std_builtin(struct hl_arena *a, struct store_plan_std **out, size_t *n,
	struct hl_err *err);

/* A criterion's value in the base period and the unit's target for the plan year. */
struct plan_value {
	const char *criterion;
	bool has_value, has_target;
	double value, target;
};

/* True if the criterion is below its target as published (two decimals). */
bool plan_below(const struct plan_value *v);

/* The suggestion for a plan of year: for every v[i] below target, one task
 * (status chua-bat-dau, numbered 1.. in the order of v, then of std) per
 * standard task of its criterion, "{năm}" in its texts replaced by year.
 * *out lives in a (NULL and 0 when none). */
int plan_suggest_from(const struct plan_value *v, int nv, const struct store_plan_std *std,
	size_t nstd, int year, struct hl_arena *a, struct store_plan_task **out, size_t *n,
	struct hl_err *err);

/* ---- with the store ---- */

/* The standard tasks: the administrator's if any were stored, else the
 * built-ins (*builtin tells which; may be NULL). Lives in a. */
int plan_std_get(struct store *st, struct hl_arena *a, struct store_plan_std **out, size_t *n,
	bool *builtin, struct hl_err *err);

/* Replace the standard tasks with a CSV file (header PLAN_STD_HEADER), all or
 * nothing: HL_EINVAL with every bad line in rep when rejected. Audited as
 * o->who (the signature of import.h's importers). */
int plan_std_import(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err);

/* Change standard task no (1.. among those of criterion) with the non-NULL
 * fields; stores a copy of the built-ins first if needed. Audited. */
int plan_std_set(struct store *st, const char *criterion, int no, const char *task,
	const char *responsible, const char *schedule, const char *expected, const char *who,
	struct hl_err *err);

/* Forget the administrator's standard tasks: the built-ins apply again. Audited. */
int plan_std_reset(struct store *st, const char *who, struct hl_err *err);

/* A suggestion (plan_suggest) or a stored plan (plan_load) of a unit. */
struct plan_doc {
	struct store_unit unit;
	const struct store_unit *parent; /* NULL at the top */
	const struct rpt_model *head;    /* the heading of its documents (rpt_letterhead) */
	int year;
	struct hl_period base;           /* plan_suggest only */
	struct plan_value v[PLAN_NCRIT]; /* plan_suggest only */
	bool any_target;                 /* plan_suggest: some criterion has a target */
	struct store_plan_task *tasks;
	size_t ntasks;
	struct store_plan_note *notes; /* plan_load only, by task number and day */
	size_t nnotes;
};

/* The suggestion for unit's plan of year from the base period (NULL: the
 * year before), the values pooled from predecessors as `hailong index` does.
 * HL_ENOTFOUND for an unknown unit. Everything lives in a. */
int plan_suggest(struct store *st, struct hl_arena *a, const char *unit, int year,
	const struct hl_period *base, struct plan_doc **out, struct hl_err *err);

/* The stored plan of unit for year with its notes (ntasks 0: none). */
int plan_load(struct store *st, struct hl_arena *a, const char *unit, int year,
	struct plan_doc **out, struct hl_err *err);

/* Make the suggestion the unit's plan for year: HL_EEXIST when a plan exists
 * and replace is false, HL_EINVAL when no criterion is below target.
 * *ntasks gets the number of tasks. Audited. */
int plan_adopt(struct store *st, const char *unit, int year, const struct hl_period *base,
	bool replace, const char *who, size_t *ntasks, struct hl_err *err);

/* The same inside the caller's transaction (the server's writer). */
int plan_adopt_in(struct store *st, const char *unit, int year, const struct hl_period *base,
	bool replace, const char *who, size_t *ntasks, struct hl_err *err);

/* One task as a person fills it in on the page. */
struct plan_task_in {
	int no;                /* the task to change; 0 = a new one, after the last */
	const char *criterion; /* TC, HC, PV, KQ or TT */
	const char *task, *responsible, *expected; /* UTF-8; the task is required */
	const char *schedule;                      /* plan_schedule_ok */
	int64_t version;                           /* a change: the task's version the form was made
	                              * from (store_plan_task.version; 0 = the one read now) */
};

/* Add a task to unit's plan for year (status chua-bat-dau; the plan may be
 * empty) or change task in->no's criterion, texts and schedule, keeping its
 * status and notes; *no (may be NULL) gets its number. HL_EINVAL naming the
 * field, HL_ENOTFOUND for no such task, HL_ECONFLICT naming "version" when
 * the task is no longer at in->version or another writer changed it between
 * the read and the write (compare-and-set). Inside the caller's
 * transaction; audited as who (plan.add, plan.edit). */
int plan_task_put_in(struct store *st, const char *unit, int year, const struct plan_task_in *in,
	const char *who, int *no, struct hl_err *err);

/* Replace unit's plan for year with a CSV file (header PLAN_SUGGEST_HEADER
 * plus status; a column no is allowed and ignored), all or nothing:
 * HL_EINVAL with every bad line in rep when rejected. Audited (inside the
 * caller's transaction with o->held). */
int plan_import(struct store *st, FILE *f, const struct import_opts *o, const char *unit, int year,
	struct import_report *rep, struct hl_err *err);

/* Set task no's status, with a progress note (text may be NULL) dated day.
 * HL_ENOTFOUND for no plan or no such task; HL_ECONFLICT naming "version"
 * when the task is no longer at version (the one the caller saw; 0 = the
 * one read now) or another writer changed it between the read and the
 * write (compare-and-set). Audited. */
int plan_set_status(struct store *st, const char *unit, int year, int no, int64_t version,
	const char *status, const char *text, hl_day day, const char *who, struct hl_err *err);

/* The same inside the caller's transaction (the server's writer): writes
 * and audits, commits nothing. */
int plan_set_status_in(struct store *st, const char *unit, int year, int no, int64_t version,
	const char *status, const char *text, hl_day day, const char *who, struct hl_err *err);

/* CSV: the suggestion (PLAN_SUGGEST_HEADER), a plan (PLAN_SHOW_HEADER), the
 * standard tasks (PLAN_STD_HEADER). Values with a decimal point. */
void plan_csv_suggest(FILE *f, const struct plan_doc *p);
void plan_csv_show(FILE *f, const struct plan_doc *p);
void plan_csv_std(FILE *f, const struct store_plan_std *t, size_t n);

#endif
