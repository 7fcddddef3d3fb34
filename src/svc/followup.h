/* followup.h — follow-up cases, the closed loop (issue 14 §1): a counted
 * response whose answers are mostly unsatisfied, or that carries a
 * complaint, opens a case (core/followup.h says when) in the same
 * transaction as the response, from every channel (svc/intake.c's
 * intake_store; an import may ask for none: old ballots brought in as
 * history). The case names the unit, the day, the channel, the dossier and
 * the civil servant when the response gives them — never a person. It is
 * due in the unit's number of working days (default FOLLOW_DAYS) on the
 * unit's working calendar; closing records the cause found, the fix and
 * the callback to the applicant (done, no answer, refused).
 *
 * Times are Vietnam's local minutes (hl_minute_parse); -1 = none. */
#ifndef HL_SVC_FOLLOWUP_H
#define HL_SVC_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "store/store.h"

struct hl_arena;
struct hl_instrument;
struct scope_actor;

#define FOLLOW_DAYS 15             /* default deadline, in working days */
#define FOLLOW_TEXT_MAX_CHARS 1000 /* a cause or a fix, in characters */

/* The callback to the applicant (store_follow.callback). */
enum follow_callback { FC_NONE = 0, FC_DONE = 1, FC_NO_ANSWER = 2, FC_REFUSED = 3 };

/* "done", "no-answer", "refused" ("" for none); *out from one, false for
 * another word. */
const char *follow_callback_code(int cb);
bool follow_callback_parse(const char *s, int *out);
/* What a person reads: "Đã gọi lại", ... (static). */
const char *follow_callback_label(int cb);

/* Open a case for r (stored and counted, r->id set) when the rule says so,
 * complaint: whether it carries one; in: r's instrument, parsed, when the
 * caller has it (a writer's or an import's cache; NULL: loaded here);
 * inside the caller's transaction. A case the response has already:
 * nothing changes. HL_OK, or the store's error (the instrument, the
 * calendar, the case). */
int followup_open(struct store *st, const struct store_response *r, const struct hl_instrument *in,
	bool complaint, struct hl_err *err);

/* One case as staff see it. */
struct followup {
	struct store_follow f;
	char unit_code[STORE_CODE_MAX];
	char unit_name[STORE_NAME_MAX];
	bool overdue; /* due_at passed before it was closed, or before the query's moment */
};

/* Which cases followup_list returns. */
struct followup_query {
	const struct scope_actor *by; /* only the cases of units in its scope; NULL = all */
	const char *unit;             /* a unit's code, NULL = every unit */
	bool open_only, overdue_only;
	int64_t at; /* the moment "overdue" is judged at (minutes) */
};

/* The cases q selects, by opening then id, into *out (owned by a).
 * HL_ENOTFOUND: no unit with that code. */
int followup_list(struct store *st, const struct followup_query *q, struct hl_arena *a,
	struct followup **out, size_t *n, struct hl_err *err);

/* followup_close inside the caller's transaction (the server's writer),
 * the audit entry too, for by: a case of a unit outside by's scope is
 * HL_ENOTFOUND, as if it did not exist. */
int followup_close_in(struct store *st, const struct scope_actor *by, const char *code,
	const char *cause, const char *fix, int callback, int64_t at, struct hl_err *err);

/* Close case code at (minutes) with the cause found and the fix (each
 * 1..FOLLOW_TEXT_MAX_CHARS characters of UTF-8, kept in NFC) and the
 * callback (FC_NONE when none was made), audited as who. HL_ENOTFOUND: no
 * such case; HL_ECONFLICT: closed already, or changed meanwhile; HL_EINVAL:
 * a text (where "cause"/"fix") or a moment before the opening (where "at"). */
int followup_close(struct store *st, const char *who, const char *code, const char *cause,
	const char *fix, int callback, int64_t at, struct hl_err *err);

/* Show (show) or withdraw case code's fix on its unit's public page (and
 * the counter screen) from at, for by: the staff's own words, never the
 * citizen's. Only a closed case has a fix to show: HL_ECONFLICT when open
 * (or changed meanwhile); HL_ENOTFOUND, also outside by's scope. Inside the
 * caller's transaction, audited. */
int followup_publish_in(struct store *st, const struct scope_actor *by, const char *code, bool show,
	int64_t at, struct hl_err *err);

/* followup_publish_in in a transaction of its own, for any unit (the
 * command line), audited as who. */
int followup_publish(struct store *st, const char *who, const char *code, bool show, int64_t at,
	struct hl_err *err);

/* The fixes unit_id shows, of cases closed at or after since (minutes; 0 =
 * any), newest closing first, at most max, into *out (owned by a). */
int followup_published(struct store *st, int64_t unit_id, int64_t since, size_t max,
	struct hl_arena *a, struct store_follow **out, size_t *n, struct hl_err *err);

/* A unit's follow-up figures over some days (the reports' lines next to
 * TT): cases opened, of them closed by the moment asked, closed by their
 * due time, with a dossier (a callback can be made) and called back. */
struct followup_figures {
	int64_t unit_id;
	long opened, closed, in_time, dossiers, callbacks;
};

/* The figures of each unit of ids[0..nids) with cases opened on days
 * first..last, as of at (minutes), in ids' order, into *out (owned by a;
 * units without a case are left out). */
int followup_figures(struct store *st, const int64_t *ids, size_t nids, hl_day first, hl_day last,
	int64_t at, struct hl_arena *a, struct followup_figures **out, size_t *n,
	struct hl_err *err);

/* The working days unit_id's cases are due in: its own, else FOLLOW_DAYS. */
int followup_days(struct store *st, int64_t unit_id, int *days, struct hl_err *err);

/* Set the working days a unit's cases are due in (1..365), audited as who. */
int followup_days_set(struct store *st, const char *who, const char *unit, int days,
	struct hl_err *err);

#endif
