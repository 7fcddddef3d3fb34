/* store_q_num.c — numbering (issue 11), written once for every backend
 * (store_q.h): report versions and the numbers of feedback answer letters
 * come from a counter row incremented by one upsert in the caller's
 * transaction, never from max + 1 over the numbered rows, and the numbered
 * rows carry a UNIQUE constraint, so two writers can neither take the same
 * number nor store it. The conformance suites test_store_fb.c and
 * test_store_report.c check it:
 *  - fb_answer_number: *no 0 takes the next number of (unit_id, year), 1
 *    for the first; *no > 0 is a number given by hand, and later ones
 *    continue after it when it is larger. Either way the letter (unit_id,
 *    year, *no) is recorded as item_id's; a number another item has:
 *    HL_EEXIST (the same item again: HL_OK).
 *  - a report's version: the next of (unit_id, period) (q_number_take). */
#include "store/store_q.h"

#include <stdint.h>
#include <stdio.h>

#include "store/sql/num.h" /* its statements: sql/num.sql */

int q_number_take(struct store *st, const char *kind, int64_t unit_id, const char *scope, int given,
	int *n, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t v = 0;
	int rc;

	q_text(&a, kind, SIZE_MAX);
	q_i64(&a, unit_id);
	q_text(&a, scope, SIZE_MAX);
	q_i64(&a, given);
	rc = q_int(st, &take, &a, &v, "lấy số thứ tự", err);
	if (rc == HL_OK && (v < 1 || v > INT32_MAX))
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "hết số thứ tự cho %s", kind);
	if (rc == HL_OK)
		*n = given > 0 ? given : (int)v;
	return rc;
}

int q_fb_answer_number(struct store *st, int64_t unit_id, int year, int64_t item_id, int *no,
	struct hl_err *err)
{
	const char *op = "ghi số văn bản trả lời";
	struct q_args a = {0};
	char scope[16];
	int64_t owner = 0;
	int rc;

	if (*no < 0 || year < 1 || year > 9999)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "số văn bản %d năm %d không hợp lệ", *no,
			year);
	snprintf(scope, sizeof(scope), "%d", year);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	rc = q_number_take(st, "fb-answer", unit_id, scope, *no, no, err);
	if (rc == HL_OK) {
		q_i64(&a, unit_id);
		q_i64(&a, year);
		q_i64(&a, *no);
		q_i64(&a, item_id);
		rc = q_int(st, &letter, &a, &owner, op, err);
		if (rc == HL_ENOTFOUND)
			rc = hl_err_set(err, HL_EEXIST, HL_HERE,
				"số văn bản %d năm %d đã dùng cho một phản ánh khác", *no, year);
	}
	return q_op_end(st, rc, op, err);
}
