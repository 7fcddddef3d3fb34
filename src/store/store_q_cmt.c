/* store_q_cmt.c — citizens' comments approved for publication (issue 10,
 * store.h "comments approved for publication", in the reports area),
 * written once for every backend (store_q.h): who approved which
 * response's comment and when, and which comments each published report
 * quotes. The conformance suite test_store_report.c checks it:
 *  - comment_approve: records (response_id, who, at); HL_EEXIST when that
 *    response's comment is approved already; at <= 0 or empty who:
 *    HL_EINVAL. comment_withdraw: deletes it; HL_ENOTFOUND when it was not
 *    approved.
 *  - comment_approval_list: the approvals of the responses of unit_id (0 =
 *    every unit) with day in [first, last] (HL_DAY_NONE = open), by response
 *    id, each with the response's unit and day.
 *  - report_quotes_put: records that the report quotes each of ids[0..n)
 *    (twice is harmless). */
#include "store/store_q.h"

#include <stdint.h>

#include "store/sql/cmt.h" /* its statements: sql/cmt.sql */

int q_comment_approve(struct store *st, int64_t response_id, const char *who, int64_t at,
	struct hl_err *err)
{
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	if (who == NULL || who[0] == '\0' || at <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"duyệt góp ý thiếu người duyệt hoặc thời điểm");
	q_i64(&a, response_id);
	q_text(&a, who, STORE_CODE_MAX + 32);
	q_i64(&a, at);
	rc = q_exec(st, &approve, &a, &changed, "duyệt công khai góp ý", err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE,
			"góp ý của phiếu số %lld đã được duyệt công khai", (long long)response_id);
	return rc;
}

int q_comment_withdraw(struct store *st, int64_t response_id, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	q_i64(&a, response_id);
	rc = q_exec(st, &withdraw, &a, &changed, "thôi công khai góp ý", err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE,
			"góp ý của phiếu số %lld chưa được duyệt công khai",
			(long long)response_id);
	return rc;
}

int q_comment_approval_list(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	struct hl_arena *ar, struct store_approval **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	q_i64(&a, day_lo(first));
	q_i64(&a, day_hi(last));
	return Q_LIST(st, &list, &a, ar, approval_cols, out, n,
		"đọc các góp ý được duyệt công khai", err);
}

int q_report_quotes_put(struct store *st, int64_t report_id, const int64_t *ids, size_t n,
	struct hl_err *err)
{
	int rc = HL_OK;

	for (size_t i = 0; i < n && rc == HL_OK; i++) {
		struct q_args a = {0};

		q_i64(&a, report_id);
		q_i64(&a, ids[i]);
		rc = q_exec(st, &quote, &a, NULL, "ghi các góp ý báo cáo trích dẫn", err);
	}
	return rc;
}
