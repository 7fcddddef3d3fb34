/* comments.c — approving citizens' comments for publication: the checks
 * and the audit line, in the caller's transaction; who may is the scope rule
 * of svc/units.h. */
#include "svc/comments.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/mem.h"
#include "store/store.h"
#include "svc/units.h"

int cmt_set_public(struct store *st, int64_t id, bool approve, const struct scope_actor *by,
	int64_t now, struct hl_err *err)
{
	struct store_response *r = hl_malloc(sizeof(*r)); /* a comment is up to 4 KB */
	char detail[128];
	bool yes = false;
	int rc;

	if (r == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(st, responses, response_get, id, r, err);
	if (rc == HL_OK && by->role >= ROLE_CLERK)
		rc = scope_may(st, by, r->unit_id, &yes, err);
	if (rc == HL_ENOTFOUND || (rc == HL_OK && !yes)) {
		/* Another unit's response: as if it did not exist. */
		rc = hl_err_set(err, HL_ENOTFOUND, "id", "không có phiếu số %lld", (long long)id);
		goto cleanup;
	}
	if (rc != HL_OK)
		goto cleanup;
	if (r->comment[0] == '\0' || r->status != RS_COUNTED) {
		rc = hl_err_set(err, HL_EINVAL, "id", "phiếu số %lld %s", (long long)id,
			r->comment[0] == '\0' ? "không có góp ý" :
						"chưa được tính, không công khai được");
		goto cleanup;
	}
	rc = approve ? STORE(st, reports, comment_approve, id, by->who, now, err) :
		       STORE(st, reports, comment_withdraw, id, err);
	if (rc == HL_EEXIST || rc == HL_ENOTFOUND) {
		rc = hl_err_set(err, HL_ECONFLICT, "id",
			approve ? "góp ý của phiếu số %lld đã được "
				  "duyệt công khai rồi" :
				  "góp ý của phiếu số %lld chưa được duyệt công khai",
			(long long)id);
		goto cleanup;
	}
	snprintf(detail, sizeof(detail), "phiếu %lld%s%.63s", (long long)id,
		r->ext_id[0] ? " id " : "", r->ext_id);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, by->who,
			approve ? "comments.approve" : "comments.withdraw", detail, err);
cleanup:
	hl_free(r);
	return rc;
}

int cmt_approvals(struct store *st, struct hl_arena *a, int64_t unit_id, hl_day first, hl_day last,
	struct store_approval **out, size_t *n, struct hl_err *err)
{
	return STORE(st, reports, comment_approval_list, unit_id, first, last, a, out, n, err);
}

static int cmp_approval(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key,
		other = ((const struct store_approval *)elem)->response_id;

	return id < other ? -1 : id > other;
}

const struct store_approval *cmt_find(const struct store_approval *a, size_t n, int64_t id)
{
	return n > 0 ? bsearch(&id, a, n, sizeof(*a), cmp_approval) : NULL;
}
