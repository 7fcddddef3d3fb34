/* store_q_responses.c — the responses area (store.h struct
 * store_responses_ops): batches, responses, their scans and their review
 * status, written once for every backend (store_q.h). Checked by
 * tests/unit/store/test_store.c and test_store_srv.c:
 *  - response_insert: a given ext_id is unique within the unit; a second
 *    insert of it changes nothing and is HL_EEXIST naming the batch that
 *    has it (*existing_batch). nanswers outside 0..STORE_ANSWERS_MAX or a
 *    status not in enum store_resp_status: HL_EINVAL.
 *  - response_scan: unit_id 0 = every unit, day in [first, last]
 *    (HL_DAY_NONE = open), by id; response_scan_ids: id in [min_id,
 *    max_id] and of batch_id (0: any), the light view. Callbacks may not call the store.
 *  - response_list_status: unit_id 0 = every unit, newest first, at most
 *    limit (<= 0: all). response_get, response_get_ext: HL_ENOTFOUND when
 *    absent. response_set_status: HL_EINVAL for a bad status, HL_ENOTFOUND
 *    when no such response. response_count_kiosk_since: counted up to limit
 *    (<= 0: 0), the kiosk's writes held by the caller's transaction until
 *    it ends (PostgreSQL: an advisory lock).
 *  - response_insert_later: as response_insert, but a clash may fail the
 *    next statement or the commit instead, and the transaction with it.
 *  - response_stage, response_stage_flush: as response_insert for each
 *    staged row, in seq order, without the ids; a row whose id the unit
 *    has is left out and, when another batch has it, told to clash. */
#include "store/store_q.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define RESP_COLS \
	"id, ext_id, unit_id, day, instrument_id, channel, field_id, staff_id, dossier," \
	" comment, answers, batch_id, status, kiosk_id, received_at, content_hash"

/* the columns a response is inserted with (all but id) */
#define STAGE_COLS \
	"ext_id, unit_id, day, instrument_id, channel, field_id, staff_id, dossier, comment," \
	" answers, batch_id, status, kiosk_id, received_at, content_hash"

#include "store/sql/responses.h" /* its statements: sql/responses.sql */

#define ANSWERS_COL ((int)SQ_NCOLS(head_cols))
#define HASH_COL (ANSWERS_COL + 1 + (int)SQ_NCOLS(tail_cols))

/* A row of RESP_COLS into elem (a struct store_response, every field set). */
static void read_response(const struct q_cur *c, void *elem)
{
	struct store_response *r = elem;

	q_read(c, 0, head_cols, SQ_NCOLS(head_cols), r);
	r->nanswers = q_col_copy(c, ANSWERS_COL, r->answers, sizeof(r->answers));
	q_read(c, ANSWERS_COL + 1, tail_cols, SQ_NCOLS(tail_cols), r);
	r->has_hash = q_col_copy(c, HASH_COL, r->content_hash, STORE_HASH_LEN) == STORE_HASH_LEN;
	if (!r->has_hash)
		memset(r->content_hash, 0, STORE_HASH_LEN);
}

static int check_status(int status, struct hl_err *err)
{
	if (status < RS_COUNTED || status > RS_REJECTED)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"trạng thái phiếu khảo sát không hợp lệ: %d", status);
	return HL_OK;
}

static int q_batch_new(struct store *st, const char *kind, const char *source, int64_t *id,
	struct hl_err *err)
{
	struct q_args a = {0};
	char now[32];

	q_utc_now(now, sizeof(now));
	q_text(&a, kind != NULL ? kind : "", SIZE_MAX);
	q_text(&a, source != NULL ? source : "", SIZE_MAX);
	q_text(&a, now, sizeof(now));
	return q_int(st, &batch_new, &a, id, "tạo lô dữ liệu", err);
}

/* r's STAGE_COLS appended to a, once r is checked. */
static int insert_args(struct q_args *a, const struct store_response *r, struct hl_err *err)
{
	int rc = check_status(r->status, err);

	if (rc != HL_OK)
		return rc;
	if (r->nanswers < 0 || r->nanswers > STORE_ANSWERS_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"phiếu khảo sát có %d câu trả lời (tối đa %d)", r->nanswers,
			STORE_ANSWERS_MAX);
	q_row(a, head_cols + 1, SQ_NCOLS(head_cols) - 1, r);
	q_blob(a, r->answers, (size_t)r->nanswers);
	q_row(a, tail_cols, SQ_NCOLS(tail_cols), r);
	if (r->has_hash)
		q_blob(a, r->content_hash, STORE_HASH_LEN);
	else
		q_null(a);
	return HL_OK;
}

static int q_response_insert(struct store *st, struct store_response *r, int64_t *existing_batch,
	struct hl_err *err)
{
	const char *op = "lưu phiếu khảo sát";
	struct q_args a = {0}, b = {0};
	int64_t batch = 0;
	int rc;

	if (existing_batch != NULL)
		*existing_batch = 0;
	if ((rc = insert_args(&a, r, err)) != HL_OK)
		return rc;
	rc = q_int(st, &resp_insert, &a, &r->id, op, err);
	if (rc != HL_ENOTFOUND)
		return rc;
	/* ON CONFLICT (unit_id, ext_id) DO NOTHING skipped it: already stored */
	q_i64(&b, r->unit_id);
	q_text(&b, r->ext_id, sizeof(r->ext_id));
	rc = q_int(st, &resp_batch, &b, &batch, "đọc phiếu khảo sát đã có", err);
	if (rc != HL_OK)
		return rc;
	if (existing_batch != NULL)
		*existing_batch = batch;
	return hl_err_set(err, HL_EEXIST, HL_HERE,
		"phiếu khảo sát mã %s đã có (nhập trong lô %lld)", r->ext_id, (long long)batch);
}

static int q_response_insert_later(struct store *st, struct store_response *r, struct hl_err *err)
{
	const char *op = "lưu phiếu khảo sát";
	struct q_args a = {0};
	int rc;

	/* a backend that sends every statement at once gets the id from it */
	if (!q_keeps_later(st))
		return q_response_insert(st, r, NULL, err);
	if ((rc = q_take_id(st, &resp_ids, &r->id, op, err)) != HL_OK)
		return rc;
	q_i64(&a, r->id);
	if ((rc = insert_args(&a, r, err)) != HL_OK)
		return rc;
	return q_exec_later(st, &resp_put, &a, op, err);
}

/* A scan's callback and its context, called with each row read. */
struct scan {
	store_response_cb resp;
	store_core_cb core;
	void *ctx;
};

static int resp_row(void *ctx, const struct q_cur *c)
{
	struct scan *x = ctx;
	struct store_response r;

	read_response(c, &r);
	return x->resp(x->ctx, &r);
}

static int q_response_scan(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	store_response_cb cb, void *ctx, struct hl_err *err)
{
	struct scan x = {.resp = cb, .ctx = ctx};
	struct q_args a = {0};
	const struct q_stmt *s = q_unit(&a, unit_id, &scan_unit, &scan_all);

	q_i64(&a, day_lo(first));
	q_i64(&a, day_hi(last));
	return q_each(st, s, &a, resp_row, &x, "đọc phiếu khảo sát", err);
}

/* The columns of scan_ids (text and blob pointers valid during the callback). */
static int core_row(void *ctx, const struct q_cur *c)
{
	struct scan *x = ctx;
	struct store_response_core r = {0};
	size_t len;

	r.id = q_col_i64(c, 0);
	r.unit_id = q_col_i64(c, 1);
	r.day = (hl_day)q_col_i64(c, 2);
	r.instrument_id = q_col_i64(c, 3);
	r.field_id = q_col_i64(c, 4);
	r.answers = (const unsigned char *)q_col_text(c, 5, &len);
	r.nanswers = len <= STORE_ANSWERS_MAX ? (int)len : STORE_ANSWERS_MAX;
	r.status = (int)q_col_i64(c, 6);
	r.channel = (int)q_col_i64(c, 7);
	r.staff_id = q_col_i64(c, 8);
	r.comment = q_col_text(c, 9, &len);
	return x->core(x->ctx, &r);
}

static int q_response_scan_ids(struct store *st, int64_t batch_id, int64_t min_id, int64_t max_id,
	store_core_cb cb, void *ctx, struct hl_err *err)
{
	struct scan x = {.core = cb, .ctx = ctx};
	struct q_args a = {0};

	q_i64(&a, min_id);
	q_i64(&a, max_id);
	q_i64(&a, batch_id);
	return q_each(st, &scan_ids, &a, core_row, &x, "đọc phiếu khảo sát", err);
}

static int q_response_count_after(struct store *st, int64_t unit_id, hl_day day, int64_t *count,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	q_i64(&a, day_lo(day));
	return q_int(st, &count_after, &a, count, "đếm phiếu khảo sát", err);
}

static int q_response_list_status(struct store *st, int64_t unit_id, int status, int limit,
	struct hl_arena *ar, struct store_response **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, status);
	q_i64(&a, unit_id);
	q_i64(&a, limit > 0 ? limit : INT64_MAX);
	return q_list_fn(st, status != RS_COUNTED ? &list_held : &list_any, &a, ar, sizeof(**out),
		read_response, out, n, "liệt kê phiếu khảo sát theo trạng thái", err);
}

static int q_response_get(struct store *st, int64_t id, struct store_response *out,
	struct hl_err *err)
{
	struct q_args a = {0};
	char missing[64];

	q_i64(&a, id);
	snprintf(missing, sizeof(missing), "không có phiếu khảo sát số %lld", (long long)id);
	return q_get_fn(st, &resp_get, &a, read_response, out, sizeof(*out), "đọc phiếu khảo sát",
		missing, err);
}

static int q_response_get_ext(struct store *st, int64_t unit_id, const char *ext_id,
	struct store_response *out, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	q_text(&a, ext_id, STORE_CODE_MAX);
	return q_get_fn(st, &resp_get_ext, &a, read_response, out, sizeof(*out),
		"đọc phiếu khảo sát theo mã", "đơn vị không có phiếu khảo sát mã này", err);
}

static int q_response_set_status(struct store *st, int64_t id, int status, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t changed = 0;
	int rc = check_status(status, err);

	if (rc != HL_OK)
		return rc;
	q_i64(&a, status);
	q_i64(&a, id);
	rc = q_exec(st, &set_status, &a, &changed, "đổi trạng thái phiếu khảo sát", err);
	if (rc == HL_OK && changed == 0)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phiếu khảo sát số %lld",
			(long long)id);
	return rc;
}

static int q_response_count_kiosk_since(struct store *st, int64_t kiosk_id, int64_t t,
	int64_t limit, int64_t *count, struct hl_err *err)
{
	struct q_args a = {0}, k = {0};
	int rc;

	q_i64(&k, kiosk_id);
	rc = q_exec(st, &lock_kiosk, &k, NULL, "giữ lượt của máy kiosk", err);
	q_i64(&a, kiosk_id);
	q_i64(&a, t);
	q_i64(&a, limit > 0 ? limit : 0);
	return rc != HL_OK ?
		rc :
		q_int(st, &count_kiosk, &a, count, "đếm phiếu khảo sát của máy kiosk", err);
}

static int q_response_delete_batch(struct store *st, int64_t batch_id, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, batch_id);
	return q_exec(st, &delete_batch, &a, NULL, "xóa phiếu của lần nhập dở", err);
}

static int q_response_stage(struct store *st, const struct store_response *r, int64_t seq,
	struct hl_err *err)
{
	const char *op = "nạp phiếu khảo sát vào bảng tạm";
	struct q_args a = {0};
	int rc = HL_OK;

	if (seq == 0 && (rc = q_exec(st, &stage_make, NULL, NULL, op, err)) == HL_OK)
		rc = q_exec(st, &stage_clear, NULL, NULL, op, err);
	if (rc != HL_OK)
		return rc;
	q_i64(&a, seq);
	if ((rc = insert_args(&a, r, err)) != HL_OK)
		return rc;
	return q_bulk(st, &stage_put, &a, op, err);
}

struct clash {
	store_seq_cb cb;
	void *ctx;
};

static int clash_row(void *ctx, const struct q_cur *c)
{
	struct clash *x = ctx;

	return x->cb(x->ctx, q_col_i64(c, 0));
}

static int q_response_stage_flush(struct store *st, int64_t batch_id, int64_t staged,
	int64_t *added, store_seq_cb clash, void *ctx, struct hl_err *err)
{
	const char *op = "lưu các phiếu khảo sát đã nạp";
	struct clash x = {clash, ctx};
	struct q_args a = {0};
	int rc = q_bulk_end(st, op, err);

	*added = 0;
	if (rc == HL_OK)
		rc = q_exec(st, &stage_insert, NULL, added, op, err);
	q_i64(&a, batch_id);
	/* every row added: none can clash */
	if (rc == HL_OK && *added < staged)
		rc = q_each(st, &stage_clash, &a, clash_row, &x, op, err);
	if (rc == HL_OK)
		rc = q_exec(st, &stage_clear, NULL, NULL, op, err);
	return rc;
}

const struct store_responses_ops q_responses = {Q_OP(batch_new), Q_OP(response_insert),
	Q_OP(response_scan), Q_OP(response_scan_ids), Q_OP(response_count_after),
	Q_OP(response_list_status), Q_OP(response_get), Q_OP(response_get_ext),
	Q_OP(response_set_status), Q_OP(response_count_kiosk_since), Q_OP(response_delete_batch),
	Q_OP(response_stage), Q_OP(response_stage_flush), Q_OP(response_insert_later)};
