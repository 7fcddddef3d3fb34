/* comments.h — citizens' comments (góp ý) shown to the public (issue 10):
 * what anyone can read — public pages and published reports — shows the
 * comments' themes and counts, and a comment's own words only once a clerk
 * approved that comment for publication. Approving and withdrawing are
 * audited; a published report whose quoted comment is withdrawn no longer
 * shows its document to the public (store.h, doc_public). */
#ifndef HL_COMMENTS_H
#define HL_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"

struct hl_arena;
struct store;
struct store_approval;
struct scope_actor;

/* Approve (approve true) or withdraw the approval of the comment of
 * response id for publication, by, at now (seconds). Only a clerk or above
 * whose scope holds the response's unit (svc/scope.h, scope_units): else, as
 * for a response that does not exist,
 * HL_ENOTFOUND. HL_EINVAL for a response without a comment or not counted;
 * HL_ECONFLICT when it is approved already, or not approved for a
 * withdrawal. Audited (comments.approve, comments.withdraw). Call inside a
 * transaction (a server write). */
int cmt_set_public(struct store *st, int64_t id, bool approve, const struct scope_actor *by,
	int64_t now, struct hl_err *err);

/* The approvals of unit_id's responses dated in [first, last] (HL_DAY_NONE
 * = open), by response id; *out lives in a. */
int cmt_approvals(struct store *st, struct hl_arena *a, int64_t unit_id, hl_day first, hl_day last,
	struct store_approval **out, size_t *n, struct hl_err *err);

/* The approval of response id in a[0..n) (sorted by response id, as
 * cmt_approvals returns them), or NULL; points into a. */
const struct store_approval *cmt_find(const struct store_approval *a, size_t n, int64_t id);

#endif
