/* store_q_fb.c — the feedback area (phản ánh, kiến nghị; issue 6, store.h
 * struct store_feedback_ops), written once for every backend (store_q.h):
 * the offices items go to (the ward's usual four built in for every unit),
 * the items with their steps, the senders kept in a table of their own, the
 * deadlines per unit and class, and the idempotency keys of added items;
 * the answer letters' numbers are store_q_num.c's. The conformance suite
 * tests/unit/store/test_store_fb.c checks what each operation does:
 *  - fb_office_put: insert (unit_id, code) or rename it; sets o->id. An empty
 *    code or name: HL_EINVAL. fb_office_list: unit_id's offices and the
 *    built-in ones (unit_id 0 there), by code with the unit's own first;
 *    unit_id 0 = every office.
 *  - fb_item_put: insert with its text and a unique code and token hash
 *    (HL_EEXIST when either is taken); sets it->id, version 1. fb_item_update
 *    writes the step fields by id and version (compare-and-set: version + 1,
 *    in it too, when the stored one is it->version, else HL_ECONFLICT; HL_ENOTFOUND
 *    when the row is gone); answer NULL keeps it.
 *  - fb_item_get / fb_item_get_token: HL_ENOTFOUND when absent; text and
 *    answer copied into the arena. fb_item_list: by received_at then id;
 *    texts only when the filter asks.
 *  - fb_contact_put / fb_contact_get: one row per item; get gives "" when none.
 *  - fb_step_add / fb_step_list: the steps of an item, in order added.
 *  - fb_deadline_set: by (unit_id, cls), -1 stored as "not set" (NULL).
 *  - fb_idem_put: inserts; HL_EEXIST when (unit_id, key_hash) is there.
 *    fb_idem_get: by (unit_id, key_hash), HL_ENOTFOUND when absent.
 *  Lists come back in the caller's arena; running out of it is HL_ENOMEM.
 * A taken code, token or key is found by ON CONFLICT DO NOTHING, not by a
 * failing insert, so that a PostgreSQL transaction around it stays usable. */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"

/* The row's columns in item_cols' order, then its texts (ITEM_TEXT). */
#define ITEM_COLS \
	"id, code, unit_id, channel, kind, class, criterion, state, received_at," \
	" classified_at, office_id, forwarded_at, answer_no, first_answered_at, answered_at," \
	" published_at, rating, rated_at, reopened_at, closed_at, reopened, token_hash, version," \
	" text, answer"

#include "store/sql/fb.h" /* its statements: sql/fb.sql */

static const struct sq_col item_cols[] = {
	SQ_I64(struct store_fb_item, id),
	SQ_TEXT(struct store_fb_item, code),
	SQ_I64(struct store_fb_item, unit_id),
	SQ_INT(struct store_fb_item, channel),
	SQ_INT(struct store_fb_item, kind), /* item_update's first */
	SQ_INT(struct store_fb_item, cls),
	SQ_TEXT(struct store_fb_item, criterion),
	SQ_INT(struct store_fb_item, state),
	SQ_I64(struct store_fb_item, received_at),
	SQ_MINUTE(struct store_fb_item, classified_at), /* item_update's second run */
	SQ_ID(struct store_fb_item, office_id),
	SQ_MINUTE(struct store_fb_item, forwarded_at),
	SQ_INT(struct store_fb_item, answer_no),
	SQ_MINUTE(struct store_fb_item, first_answered_at),
	SQ_MINUTE(struct store_fb_item, answered_at),
	SQ_MINUTE(struct store_fb_item, published_at),
	SQ_INT(struct store_fb_item, rating),
	SQ_MINUTE(struct store_fb_item, rated_at),
	SQ_MINUTE(struct store_fb_item, reopened_at),
	SQ_MINUTE(struct store_fb_item, closed_at),
	SQ_INT(struct store_fb_item, reopened),
	SQ_HASH(struct store_fb_item, token_hash),
	SQ_I64(struct store_fb_item, version),
};
#define ITEM_TEXT ((int)SQ_NCOLS(item_cols)) /* text; answer after it */

/* ---- offices ---- */

static int q_fb_office_put(struct store *st, struct store_fb_office *o, struct hl_err *err)
{
	struct q_args a = {0};

	if (o->code[0] == '\0' || o->name[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mã hoặc tên phòng, ban trống");
	q_row(&a, office_cols + 1, SQ_NCOLS(office_cols) - 1, o);
	return q_int(st, &office_put, &a, &o->id, "lưu phòng, ban tiếp nhận phản ánh", err);
}

static int q_fb_office_list(struct store *st, int64_t unit_id, struct hl_arena *ar,
	struct store_fb_office **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	return Q_LIST(st, &office_list, &a, ar, office_cols, out, n, "liệt kê phòng, ban", err);
}

/* ---- items ---- */

/* Items being read: into one (a get) or an array grown in a. */
struct items {
	struct hl_arena *a;
	bool texts;
	struct store_fb_item *one, *arr;
	size_t n, cap;
	const char *op;
	struct hl_err *err;
};

/* Text column i copied into a, or NULL when it is NULL; false when a is full. */
static bool arena_text(const struct q_cur *c, int i, struct hl_arena *a, char **out)
{
	size_t len = 0;
	const char *t;

	*out = NULL;
	if (q_col_null(c, i))
		return true;
	t = q_col_text(c, i, &len);
	*out = hl_arena_strndup(a, t, len);
	return *out != NULL;
}

static int add_item(void *ctx, const struct q_cur *c)
{
	struct items *l = ctx;
	struct store_fb_item *it = l->one;

	if (it != NULL && l->n > 0)
		return HL_OK; /* a get: its one row */
	if (it == NULL &&
		hl_arena_grow(l->a, &l->arr, l->n, &l->cap, l->n + 1, sizeof(*l->arr)) != HL_OK)
		goto nomem;
	if (it == NULL)
		it = &l->arr[l->n];
	memset(it, 0, sizeof(*it));
	q_read(c, 0, item_cols, SQ_NCOLS(item_cols), it);
	if (l->texts &&
		(!arena_text(c, ITEM_TEXT, l->a, &it->text) ||
			!arena_text(c, ITEM_TEXT + 1, l->a, &it->answer)))
		goto nomem;
	l->n++;
	return HL_OK;
nomem:
	return hl_err_set(l->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s (đã đọc %zu dòng)", l->op,
		l->n);
}

static int q_fb_item_put(struct store *st, struct store_fb_item *it, const char *text,
	struct hl_err *err)
{
	struct q_args a = {0};
	int rc;

	if (it->code[0] == '\0' || it->unit_id <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "phản ánh thiếu mã hoặc đơn vị");
	/* code .. received_at */
	q_row(&a, item_cols + 1, 8, it);
	q_blob(&a, it->token_hash, STORE_HASH_LEN);
	q_text(&a, text, SIZE_MAX);
	rc = q_int(st, &item_put, &a, &it->id, "lưu phản ánh, kiến nghị", err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_EEXIST, HL_HERE, "đã có phản ánh mã %s", it->code);
	if (rc == HL_OK)
		it->version = 1;
	return rc;
}

static int q_fb_item_update(struct store *st, struct store_fb_item *it, const char *answer,
	struct hl_err *err)
{
	const char *op = "cập nhật phản ánh, kiến nghị";
	struct q_args a = {0}, b = {0};
	int64_t changed = 0, there = 0;
	int rc;

	/* kind .. state, then classified_at .. reopened: received_at stays */
	q_row(&a, item_cols + 4, 4, it);
	q_row(&a, item_cols + 9, 12, it);
	if (answer != NULL)
		q_text(&a, answer, SIZE_MAX);
	else
		q_null(&a);
	q_i64(&a, it->id);
	q_i64(&a, it->version);
	rc = q_exec(st, &item_update, &a, &changed, op, err);
	if (rc != HL_OK)
		return rc;
	if (changed > 0) {
		it->version++;
		return HL_OK;
	}
	/* no row matched: gone, or another update came first */
	q_i64(&b, it->id);
	if ((rc = q_int(st, &item_exists, &b, &there, op, err)) != HL_OK)
		return rc;
	if (there == 0)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phản ánh mã %s", it->code);
	return hl_err_set(err, HL_ECONFLICT, "version",
		"phản ánh %s đã thay đổi từ khi được đọc ở phiên bản %lld", it->code,
		(long long)it->version);
}

/* Run s (one item by a unique key) into out with its texts in ar; what
 * names the item in the not-found message. */
static int get_item(struct store *st, const struct q_stmt *s, const struct q_args *a,
	struct hl_arena *ar, struct store_fb_item *out, const char *what, const char *op,
	struct hl_err *err)
{
	struct items l = {.a = ar, .texts = true, .one = out, .op = op, .err = err};
	int rc = q_each(st, s, a, add_item, &l, op, err);

	if (rc == HL_OK && l.n == 0)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phản ánh %s", what);
	return rc;
}

static int q_fb_item_get(struct store *st, const char *code, struct hl_arena *ar,
	struct store_fb_item *out, struct hl_err *err)
{
	struct q_args a = {0};
	char what[STORE_CODE_MAX + 8];

	q_text(&a, code, STORE_CODE_MAX);
	snprintf(what, sizeof(what), "mã %.*s", STORE_CODE_MAX - 1, code);
	return get_item(st, &item_get, &a, ar, out, what, "đọc phản ánh, kiến nghị", err);
}

static int q_fb_item_get_token(struct store *st, const unsigned char *token_hash,
	struct hl_arena *ar, struct store_fb_item *out, struct hl_err *err)
{
	struct q_args a = {0};

	q_blob(&a, token_hash, STORE_HASH_LEN);
	return get_item(st, &item_get_token, &a, ar, out, "nào mang mã tra cứu này",
		"tra cứu phản ánh, kiến nghị", err);
}

/* -1 (an open end, a setting left unset) as NULL. */
static void opt_i64(struct q_args *a, int64_t v)
{
	if (v < 0)
		q_null(a);
	else
		q_i64(a, v);
}

static int q_fb_item_list(struct store *st, const struct store_fb_filter *f, struct hl_arena *ar,
	struct store_fb_item **out, size_t *n, struct hl_err *err)
{
	const char *op = "liệt kê phản ánh, kiến nghị";
	struct items l = {.a = ar, .texts = f->with_text, .op = op, .err = err};
	struct q_args a = {0};
	int rc;

	q_i64(&a, f->unit_id);
	opt_i64(&a, f->from);
	opt_i64(&a, f->to);
	q_i64(&a, f->open_only);
	q_i64(&a, f->published_only);
	rc = q_each(st, &item_list, &a, add_item, &l, op, err);
	*out = rc == HL_OK && l.n > 0 ? l.arr : NULL;
	*n = rc == HL_OK ? l.n : 0;
	return rc;
}

static int q_fb_item_count(struct store *st, int64_t unit_id, int64_t from, int64_t to,
	int64_t *count, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	q_i64(&a, from);
	q_i64(&a, to);
	return q_int(st, &item_count, &a, count, "đếm phản ánh trong ngày", err);
}

/* ---- the sender ---- */

static int q_fb_contact_put(struct store *st, int64_t item_id, const char *name,
	const char *contact, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, item_id);
	q_text(&a, name, SIZE_MAX);
	q_text(&a, contact, SIZE_MAX);
	return q_exec(st, &contact_put, &a, NULL, "lưu người gửi phản ánh", err);
}

struct contact {
	struct hl_arena *a;
	char *name, *contact;
	bool full; /* the arena refused */
};

static int read_contact(void *ctx, const struct q_cur *c)
{
	struct contact *k = ctx;

	k->full = !arena_text(c, 0, k->a, &k->name) || !arena_text(c, 1, k->a, &k->contact);
	return HL_OK;
}

static int q_fb_contact_get(struct store *st, int64_t item_id, struct hl_arena *ar, char **name,
	char **contact, struct hl_err *err)
{
	const char *op = "đọc người gửi phản ánh";
	struct contact k = {.a = ar};
	struct q_args a = {0};
	int rc;

	*name = *contact = NULL;
	q_i64(&a, item_id);
	rc = q_each(st, &contact_get, &a, read_contact, &k, op, err);
	if (rc != HL_OK)
		return rc;
	*name = k.name != NULL ? k.name : hl_arena_strdup(ar, "");
	*contact = k.contact != NULL ? k.contact : hl_arena_strdup(ar, "");
	if (k.full || *name == NULL || *contact == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	return HL_OK;
}

/* ---- steps ---- */

static int q_fb_step_add(struct store *st, const struct store_fb_step *stp, struct hl_err *err)
{
	struct q_args a = {0};

	q_row(&a, step_cols, SQ_NCOLS(step_cols), stp);
	return q_exec(st, &step_add, &a, NULL, "ghi bước xử lý phản ánh", err);
}

static int q_fb_step_list(struct store *st, int64_t item_id, struct hl_arena *ar,
	struct store_fb_step **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, item_id);
	return Q_LIST(st, &step_list, &a, ar, step_cols, out, n, "đọc các bước xử lý phản ánh",
		err);
}

/* ---- deadlines ---- */

static int q_fb_deadline_set(struct store *st, const struct store_fb_deadline *d,
	struct hl_err *err)
{
	struct q_args a = {0};

	if (d->unit_id <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thời hạn cần một đơn vị");
	q_i64(&a, d->unit_id);
	q_i64(&a, d->cls);
	opt_i64(&a, d->forward_hours);
	opt_i64(&a, d->answer_days);
	return q_exec(st, &deadline_set, &a, NULL, "lưu thời hạn xử lý phản ánh", err);
}

/* NULL, a setting not set, reads as -1 */
static void read_deadline(const struct q_cur *c, void *elem)
{
	struct store_fb_deadline *d = elem;

	d->unit_id = q_col_i64(c, 0);
	d->cls = (int)q_col_i64(c, 1);
	d->forward_hours = q_col_null(c, 2) ? -1 : (int)q_col_i64(c, 2);
	d->answer_days = q_col_null(c, 3) ? -1 : (int)q_col_i64(c, 3);
}

static int q_fb_deadline_list(struct store *st, struct hl_arena *ar, struct store_fb_deadline **out,
	size_t *n, struct hl_err *err)
{
	return q_list_fn(st, &deadline_list, NULL, ar, sizeof(**out), read_deadline, out, n,
		"đọc thời hạn xử lý phản ánh", err);
}

/* ---- idempotency keys ---- */

struct idem {
	struct store_fb_idem *out;
	bool got, bad; /* bad: a hash of another length */
};

static int read_idem(void *ctx, const struct q_cur *c)
{
	struct idem *k = ctx;

	k->got = true;
	k->bad = q_col_copy(c, 0, k->out->content_hash, STORE_HASH_LEN) != STORE_HASH_LEN ||
		q_col_copy(c, 1, k->out->salt, STORE_HASH_LEN) != STORE_HASH_LEN;
	k->out->item_id = q_col_i64(c, 2);
	return HL_OK;
}

static int q_fb_idem_get(struct store *st, int64_t unit_id, const unsigned char *key_hash,
	struct store_fb_idem *out, struct hl_err *err)
{
	struct idem k = {.out = out};
	struct q_args a = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	out->unit_id = unit_id;
	memcpy(out->key_hash, key_hash, STORE_HASH_LEN);
	q_i64(&a, unit_id);
	q_blob(&a, key_hash, STORE_HASH_LEN);
	rc = q_each(st, &idem_get, &a, read_idem, &k, "đọc mã gửi lại của phản ánh", err);
	if (rc == HL_OK && !k.got)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE,
			"chưa có phản ánh với mã gửi lại này");
	if (rc == HL_OK && k.bad)
		return hl_err_set(err, HL_EIO, HL_HERE, "mã gửi lại của phản ánh bị hỏng");
	return rc;
}

static int q_fb_idem_put(struct store *st, const struct store_fb_idem *k, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	q_i64(&a, k->unit_id);
	q_blob(&a, k->key_hash, STORE_HASH_LEN);
	q_blob(&a, k->content_hash, STORE_HASH_LEN);
	q_blob(&a, k->salt, STORE_HASH_LEN);
	q_i64(&a, k->item_id);
	rc = q_exec(st, &idem_put, &a, &changed, "lưu mã gửi lại của phản ánh", err);
	if (rc == HL_OK && changed == 0)
		return hl_err_set(err, HL_EEXIST, HL_HERE, "đã có phản ánh với mã gửi lại này");
	return rc;
}

const struct store_feedback_ops q_feedback = {Q_OP(fb_office_put), Q_OP(fb_office_list),
	Q_OP(fb_item_put), Q_OP(fb_item_update), Q_OP(fb_item_get), Q_OP(fb_item_get_token),
	Q_OP(fb_item_list), Q_OP(fb_item_count), Q_OP(fb_answer_number), Q_OP(fb_contact_put),
	Q_OP(fb_contact_get), Q_OP(fb_step_add), Q_OP(fb_step_list), Q_OP(fb_deadline_set),
	Q_OP(fb_deadline_list), Q_OP(fb_idem_get), Q_OP(fb_idem_put)};
