/* timeliness.h — how a one-stop dossier stands against its deadline
 * (RULES.md §6): early, on time, late once finished; pending or overdue while
 * not; the on-time rate; and the rules a dossier can break (guidance to
 * supplement given more than once, the date moved more than once, late
 * without an apology letter, an online dossier received more than the unit's
 * allowance of working hours after it was submitted). Pure: no store, no
 * clock; times are minutes since 1970-01-01 00:00 local time, -1 = none. */
#ifndef HL_TIMELINESS_H
#define HL_TIMELINESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/workcal.h"

/* The classes, in the order of the stats columns. TL_NONE: not received yet
 * at the moment asked about. */
enum tl_class { TL_NONE = 0, TL_EARLY, TL_ON_TIME, TL_LATE, TL_PENDING, TL_OVERDUE, TL_NCLASS };

/* The channel a dossier came by. */
enum tl_channel { TL_CH_NONE = 0, TL_CH_ONLINE, TL_CH_DIRECT, TL_CH_POST, TL_NCHANNEL };

/* What the rules look at. */
struct tl_dossier {
	enum tl_channel channel;
	int64_t submitted_at, received_at, due_at, finished_at; /* -1 = none */
	int supplements, reschedules;
	bool apology;
};

/* The class of a dossier finished at finished_at with due_at: early when
 * finished on a day before the due day, on time on the due day up to due_at,
 * late after due_at. */
enum tl_class tl_finished_class(int64_t due_at, int64_t finished_at);

/* The class of a dossier at the moment at: TL_NONE when received after at;
 * a dossier finished after at is not finished yet then (pending, or overdue
 * once at is past due_at). */
enum tl_class tl_classify(int64_t received_at, int64_t due_at, int64_t finished_at, int64_t at);

/* Machine name ("early", "on_time", ...) and Vietnamese label ("Trước hạn",
 * "Đúng hạn", ...) of a class; static strings. */
const char *tl_class_name(enum tl_class c);
const char *tl_class_label(enum tl_class c);

/* The channel named s ("online", "direct", "post"), TL_CH_NONE if none. */
enum tl_channel tl_channel_parse(const char *s);

/* Its name; static, "" for TL_CH_NONE. */
const char *tl_channel_name(enum tl_channel c);

/* Counts per class (index enum tl_class; n[TL_NONE] unused). */
struct tl_counts {
	int64_t n[TL_NCLASS];
};

/* early + on_time + late + pending + overdue. */
int64_t tl_total(const struct tl_counts *c);

/* early + on_time + late. */
int64_t tl_finished(const struct tl_counts *c);

/* (early + on time) / finished × 100 into *pct; false (pct 0) when nothing
 * is finished. */
bool tl_on_time_pct(const struct tl_counts *c, double *pct);

/* ---- rule breaks ---- */

enum tl_rule {
	TL_R_SUPPLEMENT = 0, /* supplement-more-than-once */
	TL_R_RESCHEDULE,     /* rescheduled-more-than-once */
	TL_R_NO_APOLOGY,     /* late-without-apology */
	TL_R_ONLINE_LATE,    /* online-received-late */
	TL_NRULES
};

#define TL_DETAIL_MAX 160

struct tl_break {
	enum tl_rule rule;
	char detail[TL_DETAIL_MAX]; /* Vietnamese: "bổ sung 3 lần" */
};

/* The rule's code ("supplement-more-than-once", ...); static. */
const char *tl_rule_code(enum tl_rule r);

/* The rules d breaks at the moment at, into out[0..TL_NRULES), *n of them.
 * online_minutes is the unit's allowance for receiving an online dossier
 * (8 working hours = 480), counted on s (working minutes, wc_between);
 * s may be NULL only when d is not an online dossier with submitted_at.
 * HL_EINVAL when the times fall outside the calendar. */
int tl_breaks(const struct tl_dossier *d, int64_t at, const struct wc_sched *s,
	int64_t online_minutes, struct tl_break *out, int *n, struct hl_err *err);

/* Minutes as "H:MM" into buf; returns buf. */
char *tl_fmt_hours(int64_t minutes, char *buf, size_t size);

#endif
