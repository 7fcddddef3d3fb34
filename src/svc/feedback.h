/* feedback.h — feedback and complaints (phản ánh, kiến nghị; issue 6,
 * RULES.md §5), shared by the command line, the staff pages, the public form
 * and the API: receipt from every channel, the steps in order (received →
 * classified → forwarded → answered → published → rated → closed; reopened
 * when the sender is not satisfied, which owes a new answer), each with who
 * and when, in the audit log; the next step owed and its deadline on the
 * unit's working calendar; the monthly figures (the 2/1/0 score); the
 * offices items go to; the portal CSV import.
 *
 * Times are minutes since 1970-01-01 00:00 local time (UTC+7), as
 * hl_minute_parse makes them; -1 = none. The sender's name and contact are
 * never in struct fb_item: only fb_contact reads them (and audits it). */
#ifndef HL_SVC_FEEDBACK_H
#define HL_SVC_FEEDBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "core/fbflow.h"
#include "core/period.h"
#include "store/store.h"
#include "svc/writer.h"

struct hl_arena;
struct cal;
struct import_opts;
struct import_report;

#define FB_TEXT_MAX_CHARS 4000 /* text and answer, in characters */
#define FB_TOKEN_SIZE \
	48                     /* a public tracking code, with its NUL (the short
                                     * K7QF-93MX-2D, or an old item's 43 characters) */
#define FB_FORWARD_HOURS 8     /* default: forwarded within 8 working hours */
#define FB_ANSWER_DAYS 20      /* default: answered within 20 working days */
#define FB_REASON_MAX_CHARS 80 /* why a closed item is reopened */

/* A stored step (fb_steps) as a person reads it: *label "Tiếp nhận",
 * "Phân loại", "Chuyển xử lý", … (an unknown step as it is stored) and
 * *detail its particulars in words — the channel, the class, criterion and
 * kind, the office's name (looked up in o[0..no), the item's offices), "văn
 * bản số N", whether the sender was satisfied. Static, in s, or in a. */
void fb_step_text(const struct store_fb_step *s, const struct store_fb_office *o, size_t no,
	struct hl_arena *a, const char **label, const char **detail);

/* NFC copy of s in a into *out (owned by a), or HL_EINVAL/HL_ELIMIT naming
 * field: empty (when required), only spaces, not UTF-8, a control
 * character, or longer than max characters; what names it for people.
 * Also for the follow-up cases' texts (svc/followup.c). */
int fb_clean_text(struct hl_arena *a, const char *s, const char *what, const char *field,
	size_t max, bool required, char **out, struct hl_err *err);

/* ---- items ---- */

/* One item as staff see it (never the sender's name or contact). */
struct fb_item {
	struct store_fb_item it; /* the stored fields (store.h); it.text and
	                                      * it.answer in the caller's arena, NULL unless asked */
	char unit_code[STORE_CODE_MAX];
	char unit_name[STORE_NAME_MAX];   /* what people read */
	char office_code[STORE_CODE_MAX]; /* "" until forwarded */
	char office_name[STORE_NAME_MAX];
	enum fb_step step; /* the next step owed */
	int64_t due_at;    /* its deadline, -1 = none */
	bool overdue;      /* due_at passed at the query's moment */
};

/* A new item. The code is made (PA-<UNIT>-YYYYMMDD-NNNN) unless given
 * (portal: kept as given, e.g. PAKN.20250301.0001). */
struct fb_new {
	const char *unit;           /* unit code */
	int channel;                /* enum fb_channel */
	int kind;                   /* enum fb_kind; 0 = FB_PAKN */
	int64_t received_at;        /* minutes: the moment it was entered in the register */
	const char *code;           /* NULL or "" = make one */
	const char *text;           /* UTF-8, at most FB_TEXT_MAX_CHARS; NFC-normalised */
	const char *name, *contact; /* NULL or "" = not given */
	const char *id;             /* the sender's idempotency key, 1..63 bytes;
	                                      * NULL or "" = none (see fb_add) */
	bool at_given;              /* received_at came from the sender (else it
	                                      * is now): a resend must repeat it */
};

/* Every write below comes in two forms: fb_X_in runs inside a transaction
 * the caller holds (the server's writer, srv_write: the caller commits, and
 * a failure leaves the caller to undo what it wrote, e.g. by its savepoint),
 * and fb_X is store_begin + fb_X_in + commit, or rollback on failure (the
 * command line). Both read what they need (the unit, its offices, the item)
 * through st, so they see the transaction's own writes. */

/* Check and store a new item, audited as who. code (STORE_CODE_MAX bytes)
 * gets its code and token (FB_TOKEN_SIZE bytes, may be NULL) the public
 * tracking code, shown once and stored only as its hash. HL_EINVAL /
 * HL_ENOTFOUND / HL_EEXIST with a message; nothing is stored on failure.
 * With an id: the unit's first item under that id is stored; the same id
 * with the same content again (a resend after a lost answer) is that item
 * — HL_OK, the same code and the same working token, nothing added — and
 * with other content HL_ECONFLICT naming "id". (The token of an item with
 * an id is derived from the id and a stored salt, so it can be given again
 * while only its hash is stored.) */
int fb_add(struct store *st, const struct fb_new *in, const char *who, char *code, char *token,
	struct hl_err *err);
int fb_add_in(struct store *st, const struct fb_new *in, const char *who, char *code, char *token,
	struct hl_err *err);

/* The steps. Each checks the order (fb_transition), stores the step with who
 * and at, and audits it; on failure nothing changes. HL_ENOTFOUND for an
 * unknown code. at = the moment it was done; -1 = now (never before the
 * item's previous step); a given at before the previous step: HL_EINVAL.
 * version = the item's version the caller acted on (fb_item.it.version, as
 * a page or the API showed it; 0 = the one read now): another version, or
 * another writer updating the item between the read and the write
 * (compare-and-set in the store), is HL_ECONFLICT naming "version", with a
 * message saying someone else just updated it. */
/* criterion: NULL/"" = none; kind 0 = unchanged. */
int fb_classify(struct store *st, const char *code, int64_t version, int cls, const char *criterion,
	int kind, int64_t at, const char *who, struct hl_err *err);
int fb_classify_in(struct store *st, const char *code, int64_t version, int cls,
	const char *criterion, int kind, int64_t at, const char *who, struct hl_err *err);
/* office: a code of the unit's offices or a built-in one (fb_offices). */
int fb_forward(struct store *st, const char *code, int64_t version, const char *office, int64_t at,
	const char *who, struct hl_err *err);
int fb_forward_in(struct store *st, const char *code, int64_t version, const char *office,
	int64_t at, const char *who, struct hl_err *err);
/* The written answer; number 0 = the unit's next number of the year. */
int fb_answer(struct store *st, const char *code, int64_t version, const char *text, int number,
	int64_t at, const char *who, struct hl_err *err);
int fb_answer_in(struct store *st, const char *code, int64_t version, const char *text, int number,
	int64_t at, const char *who, struct hl_err *err);
int fb_publish(struct store *st, const char *code, int64_t version, int64_t at, const char *who,
	struct hl_err *err);
int fb_publish_in(struct store *st, const char *code, int64_t version, int64_t at, const char *who,
	struct hl_err *err);
/* satisfied closes the item; not satisfied reopens it (a new answer is owed). */
int fb_rate(struct store *st, const char *code, int64_t version, bool satisfied, int64_t at,
	const char *who, struct hl_err *err);
int fb_rate_in(struct store *st, const char *code, int64_t version, bool satisfied, int64_t at,
	const char *who, struct hl_err *err);

/* Reopen a closed item closed by mistake, for reason (required, at most
 * FB_REASON_MAX_CHARS characters), audited as who with the reason: an item
 * closed as not accepted goes back to classification (its class cleared);
 * one closed by the sender's rating owes a new answer, due from now.
 * HL_ECONFLICT when the item is not closed. */
int fb_reopen(struct store *st, const char *code, int64_t version, const char *reason, int64_t at,
	const char *who, struct hl_err *err);
int fb_reopen_in(struct store *st, const char *code, int64_t version, const char *reason,
	int64_t at, const char *who, struct hl_err *err);

/* One item by code with its text and answer (in a), step and deadline at
 * the moment at; cal NULL = loaded for the call. HL_ENOTFOUND when unknown. */
int fb_get(struct store *st, const struct cal *cal, const char *code, int64_t at,
	struct hl_arena *a, struct fb_item *out, struct hl_err *err);

/* The item a citizen looks up: its code (NULL or "" when not given; case
 * and surrounding spaces do not matter) and its tracking code token — the
 * short one (core/trackcode.h: any case, dashes and spaces ignored), which
 * needs the code beside it or before it in the same string ("PA-… K7QF-
 * 93MX-2D"), or the 43-character one of an item from before issue 12,
 * which is enough alone (a code given with it must match). HL_ENOTFOUND
 * when no item has both (a malformed tracking code: its message says
 * what is wrong), HL_EINVAL when a short code comes without the item's
 * code. A public page shows its code, dates and step, and its answer only
 * when fb_answer_public says so; never the sender (not in out). */
int fb_track(struct store *st, const struct cal *cal, const char *code, const char *token,
	int64_t at, struct hl_arena *a, struct fb_item *out, struct hl_err *err);

/* Whether f's answer may be shown to the public: answered and published
 * (a new answer after a reopening is not, until published again). */
bool fb_answer_public(const struct fb_item *f);

/* The sender's name and contact (in a; "" when not given), for staff of the
 * unit only; audited as who ("feedback.contact"). who NULL only reads: the
 * caller then writes the entry with fb_read_audit (the server, on its writer). */
int fb_contact(struct store *st, const char *code, const char *who, struct hl_arena *a, char **name,
	char **contact, struct hl_err *err);

/* Which read of a sender's data fb_read_audit records. */
enum fb_read { FB_READ_CONTACT, FB_READ_LETTER };

/* The audit entry of a read made with who NULL (fb_contact, fb_letter_data):
 * "feedback.contact" or "feedback.letter" for item code, by who. */
int fb_read_audit(struct store *st, enum fb_read what, const char *code, const char *who,
	struct hl_err *err);

/* The steps done so far, oldest first (in a). */
int fb_steps(struct store *st, const char *code, struct hl_arena *a, struct store_fb_step **out,
	size_t *n, struct hl_err *err);

struct fb_query {
	const char *unit;    /* unit code; NULL = every unit */
	bool under;          /* with unit: also every unit below it */
	bool open_only;      /* not closed */
	bool overdue_only;   /* next step past its deadline at `at` */
	bool published_only; /* answer published (the public list) */
	bool by_due;         /* sort by deadline (none last), else by receipt */
	bool with_text;      /* fill text and answer */
	int64_t at;          /* the moment for overdue */
	int limit;           /* 0 = no limit */
};

/* Items matching q with their next step and deadline, into an array in a.
 * cal NULL = loaded for the call. */
int fb_list(struct store *st, const struct cal *cal, const struct fb_query *q, struct hl_arena *a,
	struct fb_item **out, size_t *n, struct hl_err *err);

/* ---- deadlines per unit and class ---- */

/* Set unit's forward hours and/or answer days (-1 = leave as is) for class
 * cls (FB_CLASS_NONE = every class without its own), audited as who. */
int fb_deadline_set(struct store *st, const char *unit, int cls, int forward_hours, int answer_days,
	const char *who, struct hl_err *err);

/* The deadlines in force for unit_id and cls: its own setting for the class,
 * else for every class, else its nearest ancestor's, else the defaults. */
int fb_deadline_get(struct store *st, int64_t unit_id, int cls, int *forward_hours,
	int *answer_days, struct hl_err *err);

/* ---- offices ---- */

/* The offices items of unit_id can go to (its own and the built-in ones;
 * unit_id 0 = every office), in a. */
int fb_offices(struct store *st, int64_t unit_id, struct hl_arena *a, struct store_fb_office **out,
	size_t *n, struct hl_err *err);

/* Add the office code named name to unit's own offices, or rename it (a
 * built-in code gets the unit's own name, which takes precedence), for by
 * (svc/units.h: a unit out of its scope is HL_ENOTFOUND), audited as
 * offices.put; HL_EINVAL naming "code" or "name". Inside the caller's
 * transaction (the server's writer). */
struct scope_actor;
int fb_office_put_in(struct store *st, const struct scope_actor *by, const char *unit,
	const char *code, const char *name, struct hl_err *err);

/* `offices import`: header code,unit,name; all or nothing (svc/import.h). */
int fb_import_offices(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err);

/* `feedback import`: the portal's items, header code,unit,received_at,text
 * [,name,contact]; channel portal, code kept; all or nothing. */
int fb_import_portal(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err);

/* ---- monthly figures ---- */

/* One unit in one month. due = accepted items received in the month whose
 * answer was given or fell due by `at`; on_time = those answered by their
 * deadline; score = fb_score(due, on_time); rated/satisfied = the senders'
 * ratings of answers to the month's items; late_or_unsatisfied = the due
 * items answered late (or not at all) or whose sender's last rating was not
 * satisfied (the scorecard of Decision 766, svc/score766.h). */
struct fb_month {
	int64_t unit_id;
	char unit_code[STORE_CODE_MAX];
	char unit_name[STORE_NAME_MAX];
	int year, month;
	long received, not_accepted, answered, due, on_time, rated, satisfied;
	long late_or_unsatisfied;
	int score;
};

/* Figures per unit (scope: unit, its units below with under, or every unit
 * when unit is NULL) and month of period p, at the moment at; units with
 * nothing in a month are left out. A unit formed by a merger also counts its
 * predecessors' items received before the merger (svc/units.h
 * units_sources, as the indices pool). In a. */
int fb_stats(struct store *st, const struct cal *cal, const struct hl_period *p, const char *unit,
	bool under, int64_t at, struct hl_arena *a, struct fb_month **out, size_t *n,
	struct hl_err *err);

/* ---- the written answer ---- */

struct rpt_model;

/* What the PDF letter (report/fb_letter.h) shows, in a: the item must be
 * answered. The recipient's name is the sender's ("" when not given); the
 * contact never. Audited as who ("feedback.letter"); who NULL only reads
 * (as fb_contact). */
struct fb_letter {
	struct store_unit unit;       /* the unit answering */
	struct store_unit parent;     /* its parent (id 0 = none), for the heading */
	const struct rpt_model *head; /* the heading of a document the unit issues
	                                     * (svc/report_model.h's rpt_letterhead) */
	int number, year;             /* "Số: number/TB-UBND", answered in year */
	hl_day date;                  /* the answer's day */
	const char *recipient;        /* the sender's name, or "" */
	const char *code, *channel;   /* "PA-…", "Đường dây nóng" */
	int64_t received_at;
	const char *text, *answer;
	const char *office; /* the office that handled it, or "" */
};

/* Gather *out for item code (strings in a); HL_ECONFLICT when not answered yet. */
int fb_letter_data(struct store *st, const char *code, const char *who, struct hl_arena *a,
	struct fb_letter *out, struct hl_err *err);

/* ---- feedback_step.c: the writes of a server request ---- */

/* Who writes from a server request, and how: write(ctx, fn, arg) runs fn on
 * the single writer and returns once it is durable (the server's
 * http_write), giving st back meanwhile, so st is not used after it. */
struct fb_caller {
	struct store *st;   /* the request's read connection */
	struct hl_arena *a; /* the request's arena */
	const char *who;    /* the audit name: "web:lan", "web:cong-dan" */
	int (*write)(void *ctx, writer_fn fn, void *arg, struct hl_err *err);
	void *ctx;
};

/* One step asked for by a form or a JSON body: action classify|forward|
 * answer|publish|rate|reopen and its fields (NULL = not given). */
struct fb_step_args {
	const char *action, *cls, *criterion, *kind, *office, *text, *rating;
	const char *reason; /* reopen: why (required) */
	int64_t version;    /* the item's version the caller saw; 0 = not checked */
};

/* Check step a and do it to item it (the caller found it in its scope),
 * audited as c->who: HL_EINVAL naming the field, or the step's error
 * (HL_ECONFLICT in "version" when the item changed since a->version). */
int fb_step_do(const struct fb_caller *c, const struct fb_item *it, const struct fb_step_args *a,
	struct hl_err *err);

/* Store item in through the writer, audited as c->who, as fb_add_in: code
 * (STORE_CODE_MAX) and token (FB_TOKEN_SIZE, may be NULL) get its code and
 * tracking token. */
int fb_add_by(const struct fb_caller *c, const struct fb_new *in, char *code, char *token,
	struct hl_err *err);

/* A public item of unit (channel web, received now) with the sender's
 * idempotency key id (NULL = none): HL_ENOTFOUND naming "unit" for an
 * unknown unit, HL_EINVAL without text, else as fb_add_by. */
int fb_add_public(const struct fb_caller *c, const char *unit, const char *text, const char *name,
	const char *contact, const char *id, char *code, char *token, struct hl_err *err);

/* A citizen's fb_track (text and answer in c->a) from address client at
 * now (seconds): each one that finds nothing counts against client
 * (svc/ratelimit.h RL_TRACK_ADDR, through c->write); past the limit
 * HL_ELIMIT naming "token" and nothing is looked up. */
int fb_track_by(const struct fb_caller *c, const char *client, int64_t now, const char *code,
	const char *token, struct fb_item *out, struct hl_err *err);

#endif
