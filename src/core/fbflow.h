/* fbflow.h — the feedback state machine and its vocabulary (RULES.md §5),
 * pure: the codes and Vietnamese labels of channels, kinds, classes, states
 * and steps, the order of steps (which action may follow which state), the
 * score, and times in minutes as people and files read them. svc/feedback.h
 * stores and reads items with it.
 *
 * Times are minutes since 1970-01-01 00:00 local time (UTC+7); -1 = none. */
#ifndef HL_CORE_FBFLOW_H
#define HL_CORE_FBFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

/* ---- the vocabulary: ASCII codes (CLI, CSV, JSON) and Vietnamese labels ---- */

enum fb_channel { FB_COUNTER = 1, FB_HOTLINE, FB_LETTER, FB_WEB, FB_KIOSK, FB_PORTAL };

/* What the law it falls under is: PAKN (Nghị định 20/2008) or not. */
enum fb_kind { FB_PAKN = 1, FB_KHIEU_NAI, FB_TO_CAO };

/* RULES.md §5's classes; FB_CLASS_NONE until classified. */
enum fb_class {
	FB_CLASS_NONE = 0,
	FB_NOT_ACCEPTED, /* khong-tiep-nhan: closed on classification, owes no answer */
	FB_CONDUCT,      /* hanh-vi: conduct of an office or official */
	FB_RULE_IN,      /* quy-dinh-trong-tham-quyen */
	FB_RULE_OUT,     /* quy-dinh-ngoai-tham-quyen */
	FB_NCLASSES
};

/* Where an item stands (stored). */
enum fb_state {
	FB_RECEIVED = 1,
	FB_CLASSIFIED,
	FB_FORWARDED,
	FB_ANSWERED,
	FB_PUBLISHED,
	FB_CLOSED,
	FB_REOPENED
};

/* The next step owed, as `feedback list` prints it. */
enum fb_step {
	FB_DO_CLASSIFY = 1,
	FB_DO_FORWARD,
	FB_DO_ANSWER,
	FB_DO_PUBLISH,
	FB_DO_RATE,
	FB_DO_NOTHING /* "closed" */
};

/* What a caller asks to do to an item. */
enum fb_action {
	FB_A_CLASSIFY = 1,
	FB_A_FORWARD,
	FB_A_ANSWER,
	FB_A_PUBLISH,
	FB_A_RATE_OK,
	FB_A_RATE_BAD,
	FB_A_REOPEN
};

/* Each parse returns HL_OK, or HL_EINVAL with a message listing the accepted
 * codes; each code/label is a static string ("" for an unknown value). */
int fb_channel_parse(const char *s, int *out, struct hl_err *err);
const char *fb_channel_code(int ch);
const char *fb_channel_label(int ch);
int fb_kind_parse(const char *s, int *out, struct hl_err *err);
const char *fb_kind_code(int kind);
const char *fb_kind_label(int kind);
int fb_class_parse(const char *s, int *out, struct hl_err *err);
const char *fb_class_code(int cls);
const char *fb_class_label(int cls);
/* criterion "" (none) or TC, HC, PV, KQ, TT. */
int fb_criterion_parse(const char *s, struct hl_err *err);
const char *fb_state_label(int state);
const char *fb_step_code(int step);  /* "classify", ..., "closed" */
const char *fb_step_label(int step); /* "Phân loại", ..., "Đã đóng" */

/* The Vietnamese label of a channel, class or kind code ("hotline",
 * "hanh-vi", "pakn"), a static string; NULL for any other word. */
const char *fb_code_label(const char *code);

/* ---- the pure parts (no store): the order of steps and the score ---- */

/* The next step owed in state. */
enum fb_step fb_next_step(int state);

/* Whether action may be done in state (cls = the item's class): HL_OK and
 * *next = the state after it (a reopening goes back to classification for
 * an item closed as not accepted, else to a new answer owed), or HL_ECONFLICT with a Vietnamese message
 * naming the state and the step owed (an answer before forwarding says so). */
int fb_transition(int state, int cls, int action, int *next, struct hl_err *err);

/* TT 01/2018/TT-VPCP, chỉ số 8: 2 when every item due was answered on time
 * (or none was due), 1 at 90 % or more, 0 below. */
int fb_score(long due, long on_time);

/* Whether an item in state may be reopened (fb_reopen): closed. */
bool fb_may_reopen(int state);

/* The day of minute m (m >= 0 or not), and the first minute of day d. */
hl_day fb_minute_day(int64_t m);
int64_t fb_day_minute(hl_day d);

#endif
