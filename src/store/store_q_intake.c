/* store_q_intake.c — the intake area (store.h struct store_intake_ops):
 * one-time survey links (receipts) and paper ballot batches, written once
 * for every backend (store_q.h). Checked by tests/unit/store/
 * test_store_srv.c:
 *  - receipt_put: inserts; HL_EEXIST when the token hash exists; an empty
 *    dossier: HL_EINVAL; used_at and response_id 0 are stored as NULL.
 *  - receipt_use: sets used_at = now and response_id (0 = NULL) only if the
 *    link was neither used nor replaced: HL_ECONFLICT if it was,
 *    HL_ENOTFOUND if absent, HL_EINVAL for now <= 0.
 *  - receipt_replace: when a link of (unit_id, dossier) was used, *used_at
 *    = the latest used_at and nothing changes; else every current link of
 *    (unit_id, dossier) gets replaced_at = now, *replaced = how many.
 *  - paper_batch_put: id 0 inserts and sets b->id; otherwise updates every
 *    column of that batch (HL_ENOTFOUND if none). opened_on HL_DAY_NONE or
 *    counted < 0: HL_EINVAL. Lists: unit_id 0 = every unit, newest first.
 *  - paper_entry_put: upsert by (batch_id, pass, seq); pass not 1 or 2,
 *    seq < 1 or nanswers outside 0..STORE_ANSWERS_MAX: HL_EINVAL.
 *    paper_entry_list: pass 0 = both, by pass then seq. */
#include "store/store_q.h"

#include <stdio.h>

#define RECEIPT_COLS "token_hash, dossier, unit_id, created_at, used_at, response_id, replaced_at"
#define PBATCH_COLS \
	"id, unit_id, opened_on, opened_by, witness, counted, double_entry," \
	" instrument_id, closed, created_by, closed_at"
#define PENTRY_COLS "batch_id, pass, seq, field_id, staff_id, answers, comment, entered_by, spoiled"

#include "store/sql/intake.h" /* its statements: sql/intake.sql */

/* ---- one-time survey links ---- */

static int q_receipt_put(struct store *st, const struct store_receipt *r, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	if (r->dossier[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mã hồ sơ trống");
	q_row(&a, receipt_cols, SQ_NCOLS(receipt_cols), r);
	rc = q_exec(st, &receipt_put, &a, &changed, "lưu đường dẫn khảo sát", err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE,
			"đường dẫn khảo sát cho hồ sơ %s trùng mã với một đường dẫn đã có",
			r->dossier);
	return rc;
}

static int q_receipt_get(struct store *st, const unsigned char *token_hash,
	struct store_receipt *out, struct hl_err *err)
{
	struct q_args a = {0};

	q_blob(&a, token_hash, STORE_HASH_LEN);
	return Q_GET(st, &receipt_get, &a, receipt_cols, out, "đọc đường dẫn khảo sát",
		"không có đường dẫn khảo sát này", err);
}

static int q_receipt_use(struct store *st, const unsigned char *token_hash, int64_t response_id,
	int64_t now, struct hl_err *err)
{
	struct q_args a = {0};
	struct store_receipt r;
	int64_t changed = 0;
	int rc;

	if (now <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"thời điểm dùng đường dẫn khảo sát không hợp lệ: %lld", (long long)now);
	q_i64(&a, now);
	if (response_id != 0)
		q_i64(&a, response_id);
	else
		q_null(&a);
	q_blob(&a, token_hash, STORE_HASH_LEN);
	rc = q_exec(st, &receipt_use, &a, &changed, "đánh dấu đường dẫn khảo sát đã dùng", err);
	if (rc != HL_OK || changed > 0)
		return rc;
	/* nothing changed: absent (HL_ENOTFOUND from the read), used or replaced */
	rc = q_receipt_get(st, token_hash, &r, err);
	if (rc != HL_OK)
		return rc;
	return hl_err_set(err, HL_ECONFLICT, HL_HERE,
		r.used_at != 0 ? "đường dẫn khảo sát này đã được dùng" :
				 "đường dẫn khảo sát này đã được thay bằng đường dẫn mới");
}

static int q_receipt_replace(struct store *st, int64_t unit_id, const char *dossier, int64_t now,
	int64_t *used_at, int *replaced, struct hl_err *err)
{
	const char *op = "thay đường dẫn khảo sát của hồ sơ";
	struct q_args a = {0}, b = {0};
	int64_t changed = 0;
	int rc;

	*used_at = 0;
	*replaced = 0;
	q_i64(&a, unit_id);
	q_text(&a, dossier, STORE_CODE_MAX);
	rc = q_int(st, &receipt_used_at, &a, used_at, op, err);
	if (rc != HL_OK || *used_at != 0)
		return rc;
	q_i64(&b, now);
	q_i64(&b, unit_id);
	q_text(&b, dossier, STORE_CODE_MAX);
	rc = q_exec(st, &receipt_replace, &b, &changed, op, err);
	*replaced = rc == HL_OK ? (int)changed : 0;
	return rc;
}

/* ---- paper ballots ---- */

static int no_batch(int64_t id, struct hl_err *err)
{
	return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có lô phiếu giấy số %lld",
		(long long)id);
}

static int q_paper_batch_put(struct store *st, struct store_paper_batch *b, struct hl_err *err)
{
	const char *op = "lưu lô phiếu giấy";
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	if (b->opened_on == HL_DAY_NONE)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lô phiếu giấy chưa có ngày mở hòm phiếu");
	if (b->counted < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"số phiếu đếm được khi mở hòm không hợp lệ: %d", b->counted);
	q_row(&a, pbatch_cols + 1, SQ_NCOLS(pbatch_cols) - 1, b);
	if (b->id == 0)
		return q_int(st, &pbatch_insert, &a, &b->id, op, err);
	q_i64(&a, b->id);
	rc = q_exec(st, &pbatch_update, &a, &changed, op, err);
	return rc == HL_OK && changed == 0 ? no_batch(b->id, err) : rc;
}

static int q_paper_batch_get(struct store *st, int64_t id, struct store_paper_batch *out,
	struct hl_err *err)
{
	struct q_args a = {0};
	char missing[64];

	q_i64(&a, id);
	snprintf(missing, sizeof(missing), "không có lô phiếu giấy số %lld", (long long)id);
	return Q_GET(st, &pbatch_get, &a, pbatch_cols, out, "đọc lô phiếu giấy", missing, err);
}

static int q_paper_batch_list(struct store *st, int64_t unit_id, struct hl_arena *ar,
	struct store_paper_batch **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};
	const struct q_stmt *s = q_unit(&a, unit_id, &pbatch_list_unit, &pbatch_list_all);

	return Q_LIST(st, s, &a, ar, pbatch_cols, out, n, "liệt kê lô phiếu giấy", err);
}

static int check_entry_key(int pass, int seq, struct hl_err *err)
{
	if (pass != 1 && pass != 2)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"lượt nhập phiếu giấy phải là 1 hoặc 2, không phải %d", pass);
	if (seq < 1)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"số thứ tự phiếu giấy phải từ 1 trở lên, không phải %d", seq);
	return HL_OK;
}

static int q_paper_entry_put(struct store *st, const struct store_paper_entry *e,
	struct hl_err *err)
{
	struct q_args a = {0};
	int rc = check_entry_key(e->pass, e->seq, err);

	if (rc != HL_OK)
		return rc;
	if (e->nanswers < 0 || e->nanswers > STORE_ANSWERS_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"phiếu giấy số %d có %d câu trả lời (tối đa %d)", e->seq, e->nanswers,
			STORE_ANSWERS_MAX);
	q_row(&a, pentry_key_cols, SQ_NCOLS(pentry_key_cols), e);
	q_blob(&a, e->answers, (size_t)e->nanswers);
	q_row(&a, pentry_rest_cols, SQ_NCOLS(pentry_rest_cols), e);
	return q_exec(st, &pentry_put, &a, NULL, "lưu phiếu giấy đã nhập", err);
}

static int q_paper_entry_delete(struct store *st, int64_t batch_id, int pass, int seq,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, batch_id);
	q_i64(&a, pass);
	q_i64(&a, seq);
	return q_exec(st, &pentry_delete, &a, NULL, "xóa phiếu giấy đã nhập", err);
}

static void read_entry(const struct q_cur *c, void *elem)
{
	struct store_paper_entry *e = elem;

	q_read(c, 0, pentry_key_cols, SQ_NCOLS(pentry_key_cols), e);
	e->nanswers = q_col_copy(c, 5, e->answers, sizeof(e->answers));
	q_read(c, 6, pentry_rest_cols, SQ_NCOLS(pentry_rest_cols), e);
}

static int q_paper_entry_list(struct store *st, int64_t batch_id, int pass, struct hl_arena *ar,
	struct store_paper_entry **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, batch_id);
	q_i64(&a, pass);
	return q_list_fn(st, &pentry_list, &a, ar, sizeof(**out), read_entry, out, n,
		"liệt kê phiếu giấy đã nhập", err);
}

const struct store_intake_ops q_intake = {Q_OP(receipt_put), Q_OP(receipt_get), Q_OP(receipt_use),
	Q_OP(receipt_replace), Q_OP(paper_batch_put), Q_OP(paper_batch_get), Q_OP(paper_batch_list),
	Q_OP(paper_entry_put), Q_OP(paper_entry_delete), Q_OP(paper_entry_list)};
