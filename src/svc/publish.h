/* publish.h — publication of periodic reports (SPEC §5, issue 4): which
 * reports are due (the reporting calendar, core/calendar_rpt.h, against what
 * the store holds as published) and publishing one, which freezes a snapshot:
 * the index figures (svc/index_json.h) and, when the report renderers are
 * built, the rendered document. Republishing adds a new version; every
 * version is kept. Shared by `hailong reports` and the server's pages. */
#ifndef HL_PUBLISH_H
#define HL_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/calendar_rpt.h"
#include "store/store.h"
#include "svc/report_model.h"

struct hl_arena;

/* A report due for a unit and not published yet (no version of it). */
struct pub_due {
	struct store_unit unit;
	struct calrpt_due d;
};

/* Every unit's reporting schedule: its own (store rschedule), else its
 * nearest ancestor's, else seed 004's default. */
struct pub_sched;

/* Load the units and their schedules from st; *out lives in a. HL_EINVAL
 * names a unit whose stored SPEC no longer parses. */
int pub_sched_load(struct store *st, struct hl_arena *a, struct pub_sched **out,
	struct hl_err *err);

/* The schedule unit_id follows (valid while ps lives); *from (may be NULL)
 * gets the unit whose schedule it is, 0 for the default. */
const struct calrpt_schedule *pub_sched_of(const struct pub_sched *ps, int64_t unit_id,
	int64_t *from);

/* The name of unit id as ps loaded it ("" when unknown); points into ps. */
const char *pub_sched_unit_name(const struct pub_sched *ps, int64_t id);

/* Give unit its own schedule SPEC (core/calendar_rpt.h), or remove it with
 * spec NULL or "", recorded in the audit log by who. Call inside a
 * transaction. HL_ENOTFOUND for an unknown unit, HL_EINVAL for a bad SPEC. */
int pub_sched_set(struct store *st, const char *unit, const char *spec, const char *who,
	struct hl_err *err);

/* The same for by (svc/units.h): a supervisor or an administrator, for a
 * unit in its scope (else HL_EPERM, or HL_ENOTFOUND out of scope). */
struct scope_actor;
int pub_sched_set_by(struct store *st, const struct scope_actor *by, const char *unit,
	const char *spec, struct hl_err *err);

/* The reports due in the CALRPT_WINDOW_DAYS days up to day (included) for
 * units[0..nunits), each on its schedule (pub_sched_of), without those of a
 * period the unit has published; by unit in the order given, then due day.
 * *out lives in a. */
int pub_due_list(struct store *st, struct hl_arena *a, const struct store_unit *units,
	size_t nunits, hl_day day, struct pub_due **out, size_t *n, struct hl_err *err);

/* The reports units[0..nunits) owe around day: due from PUB_OWED_DAYS
 * before it (so last year's, overdue, are there) to CALRPT_WINDOW_DAYS after
 * it, not published; in pub_due_list's order. *out lives in a. */
#define PUB_OWED_DAYS (2 * 366 - CALRPT_WINDOW_DAYS)
int pub_owed(struct store *st, struct hl_arena *a, const struct store_unit *units, size_t nunits,
	hl_day day, struct pub_due **out, size_t *n, struct hl_err *err);

/* The counted responses of unit u in period p (its predecessors' pooled, as
 * the report counts them) into *n. Scratch memory from a. */
int pub_counted(struct store *st, struct hl_arena *a, const struct store_unit *u,
	const struct hl_period *p, int64_t *n, struct hl_err *err);

#define PUB_LINE_MAX 200 /* bytes of the number or the signer */

/* What to publish, or to draft. */
struct pub_opts {
	const char *unit;     /* the unit's code */
	const char *period;   /* "2024-Q1", "Quý 1/2024", ... (hl_period_parse) */
	const char *format;   /* the document: "html" (default) or "pdf"; a draft
	                            * (draft true) also "xlsx" or "csv" */
	hl_day today;         /* the publication day (HL_DAY_NONE = today, local time) */
	const char *number;   /* "12/BC-UBND" or "Số: 12/BC-UBND"; NULL or "" = left
	                            * to fill by hand */
	const char *signer;   /* the signer's name; NULL or "" = left blank */
	bool draft;           /* a document to look at or download, never stored */
	rpt_render_fn render; /* the renderer (report/render.h's rpt_render) */
};

/* The file extension of an enum rpt_format (report/render.h): "pdf", "xlsx",
 * "csv", "html". A static string. */
const char *pub_format_ext(int f);

/* A frozen report, ready to store. */
struct pub_snapshot {
	struct store_unit unit;
	struct hl_period period;
	hl_day due;    /* its calendar day, HL_DAY_NONE = off calendar */
	char *figures; /* index JSON of the unit for the period */
	void *doc;     /* the rendered report; NULL when no renderer is built */
	size_t doc_len;
	char format[8];     /* "html", "pdf" (a draft: also "xlsx", "csv"), or "" */
	const char *number; /* "Số: 12/BC-UBND" as the heading shows it, NULL = blank */
	const char *signer; /* NULL = blank */
	int64_t *quotes;    /* the responses whose comments the document quotes
	                            * (approved ones only, svc/comments.h) */
	size_t nquotes;
};

/* Build the snapshot of o from st (reads only; for the server, on a read
 * connection, outside the writer). Everything lives in a. HL_ENOTFOUND for an
 * unknown unit; HL_EINVAL for a bad period or format, a period not begun, or
 * one with no counted response of the unit, a number or signer not on one
 * line — each naming what to change (err->where: "unit", "period", "format",
 * "number", "signer"). */
int pub_prepare(struct store *st, struct hl_arena *a, const struct pub_opts *o,
	struct pub_snapshot **out, struct hl_err *err);

/* Store s as the next version of its (unit, period), published by who at now
 * (seconds), with the comments it quotes, and record it in the audit log;
 * *out (may be NULL) gets the stored row. Call inside a transaction (the CLI's store_begin, the server's
 * srv_write). */
int pub_store(struct store *st, const struct pub_snapshot *s, const char *who, int64_t now,
	struct store_report *out, struct hl_err *err);

/* The published reports of unit_id (0: every unit's), newest first, into
 * *out (owned by a). */
int pub_reports(struct store *st, int64_t unit_id, struct hl_arena *a, struct store_report **out,
	size_t *n, struct hl_err *err);

/* The published report id into *out, with its figures (JSON) and its
 * document (doc_len bytes) when those are not NULL; owned by a. */
int pub_report(struct store *st, int64_t id, struct hl_arena *a, struct store_report *out,
	char **figures, void **doc, size_t *doc_len, struct hl_err *err);

#endif
