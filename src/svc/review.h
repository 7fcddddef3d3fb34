/* review.h — the responses held for a clerk's review (a kiosk that sent
 * faster than a person can answer, a clock in the future, a burst after an
 * outage: svc/intake.h): which a caller may see, and accepting (counted from
 * then on) or rejecting (kept, never counted) one of them or, after a
 * confirmation, every one the caller saw. Scope as svc/scope.h's scope_units;
 * every decision in the audit log. Shared by the review page (and later the
 * command line). */
#ifndef HL_SVC_REVIEW_H
#define HL_SVC_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct hl_arena;
struct store;
struct store_response;
struct scope_actor;

#define REVIEW_ALL_MAX 10000 /* held responses accepted at once */

/* Called for each response a decision counts (to add it to the tallies). */
typedef int (*review_count_fn)(void *ctx, const struct store_response *r, struct hl_err *err);

/* The held responses of the units in by's scope with id <= upto (0 = any),
 * newest first, at most limit, into *out (in a); *more tells whether there
 * were more than limit. */
int review_held(struct store *st, struct hl_arena *a, const struct scope_actor *by, int64_t upto,
	size_t limit, struct store_response **out, size_t *n, bool *more, struct hl_err *err);

/* Accept (counted, through count) or reject held response id for by:
 * HL_ENOTFOUND when it does not exist or is outside by's scope, HL_ECONFLICT
 * when it is not held (decided already, maybe by another clerk). Audited
 * (review.accept, review.reject). Call inside a transaction. */
int review_decide(struct store *st, int64_t id, bool accept, const struct scope_actor *by,
	review_count_fn count, void *ctx, struct hl_err *err);

/* Accept every held response of by's scope with id <= upto — those shown to
 * the clerk who confirmed, not any that arrived since — counting each
 * through count: all or none (HL_ELIMIT above REVIEW_ALL_MAX). *n (may be
 * NULL) gets how many. One audit line per unit (review.accept-all). Call
 * inside a transaction (one server write). */
int review_accept_all(struct store *st, const struct scope_actor *by, int64_t upto,
	review_count_fn count, void *ctx, size_t *n, struct hl_err *err);

#endif
