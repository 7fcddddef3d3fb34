/* paper.h — paper ballot batches (one opening of the ballot box): reading a
 * typed row of answers, comparing the two passes of a double entry, the rules
 * for who types which pass and when a batch may close, and closing it (its
 * ballots become counted paper responses, all in the caller's transaction).
 *
 * Ballots are matched between passes by position: the k-th row (by seq) of
 * pass 1 against the k-th row of pass 2, so deleting a mistyped row does not
 * shift the comparison of every row after it. */
#ifndef HL_PAPER_H
#define HL_PAPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/instrument.h"
#include "store/store.h"

struct hl_arena;

#define PAPER_MAX_BALLOTS 1000 /* ballots in one batch (rows in one pass) */
#define PAPER_ANSWERS_MAX 1024 /* bytes of a typed answer string */

/* Parse the typed answers s for instrument in: one character per question in
 * the instrument's order, '1'..'9' = level (and 'a' = level 10), '0' or '-' =
 * no answer; spaces are ignored. Fills out[0..in->nquestions) and *n. HL_EINVAL
 * naming the question on a level beyond its scale, or the count when too few
 * or too many are typed. */
int paper_parse_answers(const struct hl_instrument *in, const char *s, unsigned char *out, int *n,
	struct hl_err *err);

/* The typed form of answers a[0..n) into buf, a space between criteria when in
 * is not NULL ("4545 454 ..."), '-' for no answer. Returns buf. */
char *paper_format_answers(const struct hl_instrument *in, const unsigned char *a, int n, char *buf,
	size_t size);

/* What differs between the two passes' versions of one ballot. */
enum paper_diff_what {
	PD_ANSWERS = 1 << 0,
	PD_FIELD = 1 << 1,
	PD_STAFF = 1 << 2,
	PD_COMMENT = 1 << 3, /* compared with spaces collapsed */
	PD_ONLY1 = 1 << 4,   /* typed in pass 1 only */
	PD_ONLY2 = 1 << 5,   /* typed in pass 2 only */
	PD_SPOILED = 1 << 6, /* spoiled (phiếu không hợp lệ) in one pass only */
};

struct paper_diff {
	int pos;                                 /* ballot number, 1.. (position) */
	unsigned what;                           /* enum paper_diff_what bits */
	int nq;                                  /* answers that differ */
	int q[HL_MAX_QUESTIONS];                 /* their question indexes, nq of them */
	const struct store_paper_entry *e1, *e2; /* NULL when absent */
};

/* The entries of one pass (pass 1 or 2) of e[0..n), sorted by seq, as a
 * pointer array in a; *m gets their number. HL_ENOMEM only. */
int paper_pass_rows(const struct store_paper_entry *e, size_t n, int pass, struct hl_arena *a,
	const struct store_paper_entry ***rows, size_t *m, struct hl_err *err);

/* Compare pass 1 and pass 2 of e[0..n) (any order; both passes) ballot by
 * ballot; the differing ones go to *out (in a), *nout of them. HL_ENOMEM only. */
int paper_compare(const struct store_paper_entry *e, size_t n, struct hl_arena *a,
	struct paper_diff **out, size_t *nout, struct hl_err *err);

/* The pass user should type by default in batch b with entries e[0..n): 1 for
 * a single entry; for a double entry the pass the user has typed in already,
 * else the first that nobody has typed, else 0 (both are other people's: the
 * user must choose). */
int paper_default_pass(const struct store_paper_batch *b, const struct store_paper_entry *e,
	size_t n, int64_t user);

/* HL_OK if user may type pass in batch b with entries e[0..n): the batch is
 * open (else HL_ECONFLICT), pass is 1, or 2 for a double entry (else
 * HL_EINVAL), and the user has typed none of the other pass (else HL_EPERM). */
int paper_may_type(const struct store_paper_batch *b, const struct store_paper_entry *e, size_t n,
	int pass, int64_t user, struct hl_err *err);

/* The rows typed in each pass (typed[1], typed[2]; spoiled ones included)
 * and of them the spoiled ballots (phiếu không hợp lệ). */
struct paper_totals {
	size_t typed[3], spoiled[3];
};

/* The totals of e[0..n). */
void paper_totals(const struct store_paper_entry *e, size_t n, struct paper_totals *t);

/* HL_OK if batch b with entries e[0..n) may close; otherwise HL_ECONFLICT
 * with what is missing and what to do next, in Vietnamese: "Lô phiếu số 12
 * đã đóng", "Đã nhập 48/50 phiếu: còn thiếu 2 phiếu. Nhập nốt …", "Lần nhập
 * thứ hai: đã nhập 47/50 phiếu: còn thiếu 3 phiếu. …", "Hai lần nhập khác
 * nhau ở 3 phiếu: mở /paper/12/diff …", or one user typed both passes.
 * Spoiled ballots count as ballots typed. */
int paper_check_close(const struct store_paper_batch *b, const struct store_paper_entry *e,
	size_t n, struct hl_arena *a, struct hl_err *err);

/* The day a ballot box was opened, typed on `today`: HL_EINVAL (where
 * "opened_on") when after today; *old when more than two months before it
 * (a likely typing slip, to be confirmed). */
int paper_check_opened(hl_day opened, hl_day today, bool *old, struct hl_err *err);

/* The counted paper response that ballot pos (1..) typed as e becomes in
 * batch b: its unit, day, instrument, field, staff, answers and comment,
 * ext_id "paper-<batch>-<pos>". */
void paper_response(const struct store_paper_batch *b, const struct store_paper_entry *e, int pos,
	struct store_response *out);

/* Called for every response paper_close inserts (to add it to the tallies). */
typedef int (*paper_count_fn)(void *ctx, const struct store_response *r, struct hl_err *err);

/* Save entry e (batch, pass, field, staff, answers, comment, entered_by) in
 * st inside the caller's transaction, after paper_may_type; seq 0 = a new row
 * after the last (e->seq is set), else that row is replaced (HL_ENOTFOUND if
 * it is not there). typed_as (0 = unknown) is the row number the form of a
 * new row offered: when that row holds this very ballot typed by the same
 * user, the form was sent twice (a double-clicked Enter, a resend) and
 * nothing is added (e->seq is set to it). A spoiled entry keeps nothing but
 * that (field, staff, answers and comment cleared). A comment with a control character
 * is refused (HL_EINVAL, "comment"). Audits replacements (not new rows) as
 * who. */
int paper_save_entry(struct store *st, struct store_paper_entry *e, int typed_as, const char *who,
	struct hl_arena *a, struct hl_err *err);

/* Delete row seq of pass in batch as user (same rules as saving) and audit. */
int paper_delete_entry(struct store *st, int64_t batch, int pass, int seq, int64_t user,
	const char *who, struct hl_arena *a, struct hl_err *err);

/* Close batch id in st inside the caller's transaction: paper_check_close,
 * then every ballot but the spoiled ones (pass 1's rows, which agree with
 * pass 2's) becomes a counted response (paper_response) inserted with intake_insert and given
 * to count — one already stored under its ext_id is neither inserted nor
 * counted again — then the batch is marked closed at now and audited as who
 * (with the spoiled ones' number). *nresp (may be NULL) gets the number of
 * responses counted. */
int paper_close(struct store *st, int64_t id, int64_t now, const char *who, paper_count_fn count,
	void *ctx, struct hl_arena *a, int *nresp, struct hl_err *err);

/* The paper batches of unit_id (0: every unit's) into *out (owned by a). */
int paper_batches(struct store *st, int64_t unit_id, struct hl_arena *a,
	struct store_paper_batch **out, size_t *n, struct hl_err *err);

/* The batch id into *out: HL_OK or HL_ENOTFOUND. */
int paper_batch(struct store *st, int64_t id, struct store_paper_batch *out, struct hl_err *err);

/* The rows typed in batch_id (pass 0: both passes) into *out (owned by a). */
int paper_entries(struct store *st, int64_t batch_id, int pass, struct hl_arena *a,
	struct store_paper_entry **out, size_t *n, struct hl_err *err);

/* Open the new batch b (b->id set), audited by who as paper.open with
 * detail and the batch's number; inside the caller's transaction. */
int paper_open_in(struct store *st, struct store_paper_batch *b, const char *who,
	const char *detail, struct hl_err *err);

#endif
