/* store_q_rollup.c — the report rollups (issue 4, store.h struct
 * store_tallies_ops: rollup_merge, rollup_scan, rollup_sum, rollup_clear,
 * rollup_ready),
 * written once for every backend (store_q.h). What a struct hl_rollup
 * (core/rollup.h) holds per (unit, month), kept by svc/tallyacc.c next to
 * the tallies so that a report reads a few thousand small rows instead of
 * every response, as additive counters: one row per key with the channel
 * and theme counts, and one per field, civil servant, instrument question
 * and answer, and theme example, each added to by an upsert, so that two
 * writers can never lose each other's update. Checked by
 * tests/unit/store/test_store_rollup.c:
 *  - rollup_merge: adds the encoded rollup to the counters of (unit_id,
 *    month), creating them if absent. An encoding that does not decode, or
 *    an instrument stored with another shape (questions x answers): HL_EIO
 *    naming the unit and month, and nothing is written. A theme keeps, per
 *    distinct comment hash, its lowest response id, and only the
 *    HL_ROLLUP_EXAMPLES lowest of those (the others can never come first).
 *  - rollup_scan: for each unit of units[0..n) in that order, its keys with
 *    month in [first, last] by month, each as one encoded rollup rebuilt
 *    from its rows (the same bytes the merged encodings would give); no
 *    statement is running during the callback.
 *  - rollup_sum: the merge of what rollup_scan would hand on, as one
 *    rollup (unit 0, month first), summed by the database; nothing when
 *    there is no key. Of the whole years in [first, last] it reads the
 *    year keys (core/rollup.h) instead of their months: svc/tallyacc.c
 *    adds every response to both, so a year key holds its months' sum.
 *    rollup_scan reads months only, also from an open first.
 *  - rollup_clear: deletes every rollup and sets the ready mark.
 *  - rollup_ready: the ready mark (clear in an SQLite database that had
 *    responses before rollups existed, until `hailong tallies rebuild`). */
#include "store/store_q.h"

#include <stdio.h>

#include "base/mem.h"
#include "core/date.h"
#include "core/rollup.h"

_Static_assert(HL_ROLLUP_CHANNELS == 5 && HL_ROLLUP_THEMES == 8,
	"rollup_keys has a column per channel and per theme");
#define NKEYV (HL_ROLLUP_CHANNELS + HL_ROLLUP_THEMES)

#define KEY_COLS "c0, c1, c2, c3, c4, t0, t1, t2, t3, t4, t5, t6, t7"

/* The lower bound of a range of month keys: an open one stops above the
 * year keys (core/rollup.h). */
static int64_t months_lo(hl_day first)
{
	return first == HL_DAY_NONE ? HL_ROLLUP_MONTHS_FROM : first;
}
#define OF_KEY " WHERE unit_id = $1 AND month = $2"
#define OF_RANGE " WHERE unit_id = $1 AND month BETWEEN $2 AND $3"
#define OF_SCOPE " WHERE unit_id IN (SELECT value FROM json_each($2)) AND month BETWEEN $1 AND $3"
#define OF_SCOPE_PG \
	" WHERE unit_id IN (SELECT json_array_elements_text($2::json)::bigint)" \
	" AND month BETWEEN $1 AND $3"

#include "store/sql/rollup.h" /* its statements: sql/rollup.sql */

/* rollup_clear's statements, in order */
static const struct q_stmt *const clear[] = {
	&clear_keys,
	&clear_fields,
	&clear_staff,
	&clear_insts,
	&clear_answers,
	&clear_examples,
	&clear_ready,
};

static int corrupt(struct hl_err *err, int64_t unit_id, hl_day month, const char *why)
{
	return hl_err_set(err, HL_EIO, HL_HERE,
		"số liệu báo cáo của đơn vị %lld, tháng bắt đầu ngày %d không đọc được (%s): "
		"chạy hailong tallies rebuild",
		(long long)unit_id, (int)month, why);
}

/* Run s with (unit_id, month) then the values v[0..n) as its parameters. */
static int run_keyed(struct store *st, const struct q_stmt *s, int64_t unit_id, hl_day month,
	const int64_t *v, int n, const char *op, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	q_i64(&a, month);
	for (int i = 0; i < n; i++)
		q_i64(&a, v[i]);
	return q_exec_later(st, s, &a, op, err);
}

/* The shape stored for one instrument of the key (nq, nv), if any. */
struct shape {
	bool got;
	int64_t nq, nv;
};

static int read_shape(void *ctx, const struct q_cur *c)
{
	struct shape *x = ctx;

	*x = (struct shape){true, q_col_i64(c, 0), q_col_i64(c, 1)};
	return HL_OK;
}

/* HL_EIO, nothing written, when an instrument of r is stored under the key
 * with another shape. */
static int check_shapes(struct store *st, int64_t unit_id, hl_day month, const struct hl_rollup *r,
	const char *op, struct hl_err *err)
{
	for (size_t i = 0; i < r->ninst; i++) {
		struct shape x = {0};
		struct q_args a = {0};
		int rc;

		q_i64(&a, unit_id);
		q_i64(&a, month);
		q_i64(&a, r->inst[i].id);
		if ((rc = q_each(st, &inst_get, &a, read_shape, &x, op, err)) != HL_OK)
			return rc;
		if (x.got && (x.nq != r->inst[i].nq || x.nv != r->inst[i].nv))
			return corrupt(err, unit_id, month, "bộ câu hỏi khác hình dạng");
	}
	return HL_OK;
}

static int add_staff(struct store *st, int64_t unit_id, hl_day month,
	const struct hl_rollup_staff *p, const char *op, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	q_i64(&a, month);
	q_i64(&a, p->id);
	q_i64(&a, p->n);
	q_f64(&a, p->s);
	q_f64(&a, p->v);
	return q_exec_later(st, &staff_add, &a, op, err);
}

/* t's answer counts under the key, one statement (answer_add): the counts
 * by slot as a JSON array. */
static int add_answers(struct store *st, int64_t unit_id, hl_day month,
	const struct hl_rollup_inst *t, const char *op, struct hl_err *err)
{
	size_t n = (size_t)t->nq * (size_t)t->nv, cap = n * 21 + 3, len = 0;
	struct q_args a = {0};
	bool any = false;
	char *json;
	int rc;

	for (size_t k = 0; k < n; k++)
		any |= t->count[k] != 0;
	if (!any)
		return HL_OK;
	if ((json = hl_malloc(cap)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	json[len++] = '[';
	for (size_t k = 0; k < n; k++)
		len += (size_t)snprintf(json + len, cap - len, "%s%lld", k > 0 ? "," : "",
			(long long)t->count[k]);
	json[len++] = ']';
	json[len] = '\0';
	q_i64(&a, unit_id);
	q_i64(&a, month);
	q_i64(&a, t->id);
	q_text(&a, json, len + 1);
	rc = q_exec_later(st, &answer_add, &a, op, err);
	hl_free(json);
	return rc;
}

int q_rollup_add(struct store *st, int64_t unit_id, hl_day month, const struct hl_rollup *r,
	struct hl_err *err)
{
	const char *op = "cộng dồn số liệu báo cáo";
	int64_t v[NKEYV];
	int rc = check_shapes(st, unit_id, month, r, op, err);

	for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
		v[c] = r->chan[c];
	for (int th = 0; th < HL_ROLLUP_THEMES; th++)
		v[HL_ROLLUP_CHANNELS + th] = r->theme[th].n;
	if (rc == HL_OK)
		rc = run_keyed(st, &key_add, unit_id, month, v, NKEYV, op, err);
	for (size_t i = 0; rc == HL_OK && i < r->nfield; i++)
		rc = run_keyed(st, &field_add, unit_id, month,
			(int64_t[]){r->field[i].id, r->field[i].n}, 2, op, err);
	for (size_t i = 0; rc == HL_OK && i < r->nstaff; i++)
		rc = add_staff(st, unit_id, month, &r->staff[i], op, err);
	for (size_t i = 0; rc == HL_OK && i < r->ninst; i++) {
		const struct hl_rollup_inst *t = &r->inst[i];

		rc = run_keyed(st, &inst_add, unit_id, month, (int64_t[]){t->id, t->nq, t->nv}, 3,
			op, err);
		if (rc == HL_OK)
			rc = add_answers(st, unit_id, month, t, op, err);
	}
	for (int th = 0; rc == HL_OK && th < HL_ROLLUP_THEMES; th++) {
		const struct hl_rollup_theme *p = &r->theme[th];

		for (int k = 0; rc == HL_OK && k < p->nex; k++)
			rc = run_keyed(st, &ex_add, unit_id, month,
				(int64_t[]){th, (int64_t)p->ex[k].hash, p->ex[k].id}, 3, op, err);
		if (rc == HL_OK && p->nex > 0)
			rc = run_keyed(st, &ex_prune, unit_id, month,
				(int64_t[]){th, HL_ROLLUP_EXAMPLES - 1}, 2, op, err);
	}
	return rc;
}

int q_rollup_merge(struct store *st, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len, struct hl_err *err)
{
	const char *op = "cộng dồn số liệu báo cáo";
	struct hl_rollup r;
	struct hl_err e;
	int rc;

	hl_rollup_init(&r);
	if (len == 0 || len > INT32_MAX)
		return corrupt(err, unit_id, month, "độ dài");
	rc = hl_rollup_add_encoded(&r, data, len, &e);
	if (rc != HL_OK)
		rc = e.code == HL_ENOMEM ? hl_err_set(err, HL_ENOMEM, HL_HERE, "%s", e.msg) :
					   corrupt(err, unit_id, month, e.msg);
	else if ((rc = q_op_begin(st, op, err)) == HL_OK)
		rc = q_op_end(st, q_rollup_add(st, unit_id, month, &r, err), op, err);
	hl_rollup_clear(&r);
	return rc;
}

/* ---- reading: one rollup rebuilt from the rows of its key ---- */

/* Room for one more element in *arr (n used, *cap), hl_realloc'd. */
static bool room(void **arr, size_t n, size_t *cap, size_t elem)
{
	void *na;
	size_t ncap;

	if (n < *cap)
		return true;
	ncap = *cap != 0 ? 2 * *cap : 8;
	if ((na = hl_realloc(*arr, ncap * elem)) == NULL)
		return false;
	*arr = na;
	*cap = ncap;
	return true;
}

/* A key's month and counters, read before its other rows. */
struct key_row {
	hl_day month;
	int64_t v[NKEYV];
};

/* A unit's keys being read: one rollup per key (in month order), the key
 * the last row belonged to, the next instrument an answer may belong to,
 * and what went wrong (a row's statement status HL_ENOMEM or HL_EIO). */
struct reading {
	struct hl_rollup *rs;
	const struct key_row *keys;
	size_t nkeys, k, inst;
	const char *bad;
};

/* The rollup of the row's month (column 0); NULL for a month without a
 * key (nothing to add it to). Rows come by month. */
static struct hl_rollup *row_key(struct reading *x, const struct q_cur *c)
{
	hl_day m = (hl_day)q_col_i64(c, 0);

	while (x->k < x->nkeys && x->keys[x->k].month < m) {
		x->k++;
		x->inst = 0;
	}
	return x->k < x->nkeys && x->keys[x->k].month == m ? &x->rs[x->k] : NULL;
}

static int field_row(void *ctx, const struct q_cur *c)
{
	struct hl_rollup *r = row_key(ctx, c);

	if (r == NULL)
		return HL_OK;
	if (!room((void **)&r->field, r->nfield, &r->capfield, sizeof(*r->field)))
		return HL_ENOMEM;
	r->field[r->nfield++] = (struct hl_rollup_field){q_col_i64(c, 1), q_col_i64(c, 2)};
	return HL_OK;
}

static int staff_row(void *ctx, const struct q_cur *c)
{
	struct hl_rollup *r = row_key(ctx, c);

	if (r == NULL)
		return HL_OK;
	if (!room((void **)&r->staff, r->nstaff, &r->capstaff, sizeof(*r->staff)))
		return HL_ENOMEM;
	r->staff[r->nstaff++] = (struct hl_rollup_staff){q_col_i64(c, 1), q_col_i64(c, 2),
		q_col_f64(c, 3), q_col_f64(c, 4)};
	return HL_OK;
}

static int inst_row(void *ctx, const struct q_cur *c)
{
	struct reading *x = ctx;
	struct hl_rollup *r = row_key(x, c);
	struct hl_rollup_inst t = {q_col_i64(c, 1), (int)q_col_i64(c, 2), (int)q_col_i64(c, 3),
		NULL};

	if (r == NULL)
		return HL_OK;
	if (t.nq < 0 || t.nv < 1 || t.nq > HL_MAX_QUESTIONS || t.nv > HL_MAX_LEVELS + 1) {
		x->bad = "bộ câu hỏi";
		return HL_EIO;
	}
	t.count = hl_calloc((size_t)t.nq * (size_t)t.nv + 1, sizeof(*t.count));
	if (t.count == NULL || !room((void **)&r->inst, r->ninst, &r->capinst, sizeof(*r->inst))) {
		hl_free(t.count);
		return HL_ENOMEM;
	}
	r->inst[r->ninst++] = t;
	return HL_OK;
}

static int answer_row(void *ctx, const struct q_cur *c)
{
	struct reading *x = ctx;
	struct hl_rollup *r = row_key(x, c);
	int64_t id = q_col_i64(c, 1), slot = q_col_i64(c, 2);

	if (r == NULL)
		return HL_OK;
	while (x->inst < r->ninst && r->inst[x->inst].id < id)
		x->inst++;
	if (x->inst == r->ninst || r->inst[x->inst].id != id || slot < 0 ||
		slot >= (int64_t)r->inst[x->inst].nq * r->inst[x->inst].nv) {
		x->bad = "câu trả lời";
		return HL_EIO;
	}
	r->inst[x->inst].count[slot] = q_col_i64(c, 3);
	return HL_OK;
}

static int example_row(void *ctx, const struct q_cur *c)
{
	struct hl_rollup *r = row_key(ctx, c);
	int64_t th = q_col_i64(c, 1);
	struct hl_rollup_theme *p = r != NULL && th >= 0 && th < HL_ROLLUP_THEMES ? &r->theme[th] :
										    NULL;

	if (p != NULL && p->nex < HL_ROLLUP_EXAMPLES)
		p->ex[p->nex++] = (struct hl_rollup_example){q_col_i64(c, 2),
			(uint64_t)q_col_i64(c, 3)};
	return HL_OK;
}

/* The statements that read the rows of keys, in the order of part_fn: a
 * unit's months (rollup_scan), or one scope's sums (rollup_sum). */
static const struct q_stmt *const unit_parts[] = {&fields, &staff, &insts, &answers, &examples};
static const struct q_stmt *const sum_parts[] = {&sum_fields, &sum_staff, &sum_insts, &sum_answers,
	&sum_examples};
static const q_row_fn part_fn[] = {field_row, staff_row, inst_row, answer_row, example_row};

/* The rows of the keys x->keys, read by parts with the arguments a, into
 * x->rs (their key counters set; arrays sorted by id as rollup.c keeps
 * them): one statement per table. unit_id and first name them in messages. */
static int read_keys(struct store *st, const struct q_stmt *const parts[5], const struct q_args *a,
	int64_t unit_id, hl_day first, struct reading *x, struct hl_err *err)
{
	const char *op = "đọc số liệu báo cáo";
	int rc = HL_OK;

	for (size_t i = 0; rc == HL_OK && i < sizeof(part_fn) / sizeof(part_fn[0]); i++) {
		x->k = x->inst = 0;
		rc = q_each(st, parts[i], a, part_fn[i], x, op, err);
	}
	if (rc == HL_ENOMEM)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	if (rc == HL_EIO && x->bad != NULL)
		return corrupt(err, unit_id, x->k < x->nkeys ? x->keys[x->k].month : first, x->bad);
	return rc;
}

struct keys {
	struct key_row *arr;
	size_t n, cap;
};

static int key_row(void *ctx, const struct q_cur *c)
{
	struct keys *k = ctx;
	struct key_row *row;

	if (!room((void **)&k->arr, k->n, &k->cap, sizeof(*k->arr)))
		return HL_ENOMEM;
	row = &k->arr[k->n++];
	row->month = (hl_day)q_col_i64(c, 0);
	for (int i = 0; i < NKEYV; i++)
		row->v[i] = q_col_i64(c, 1 + i);
	return HL_OK;
}

/* Hand the rollup r of (unit_id, month) to cb, encoded (buf grown as needed). */
static int hand(const struct hl_rollup *r, int64_t unit_id, hl_day month, unsigned char **buf,
	size_t *capbuf, store_rollup_cb cb, void *ctx, struct hl_err *err)
{
	size_t len = hl_rollup_encoded_size(r);

	if (len > *capbuf) {
		unsigned char *nb = hl_realloc(*buf, len);

		if (nb == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi đọc số liệu báo cáo");
		*buf = nb;
		*capbuf = len;
	}
	hl_rollup_encode(r, *buf);
	return cb(ctx, unit_id, month, *buf, len);
}

/* Rebuild keys[0..n), whose rows parts reads with the arguments a, and
 * hand each to cb as unit_id's. */
static int unit_keys(struct store *st, const struct q_stmt *const parts[5], const struct q_args *a,
	int64_t unit_id, const struct keys *keys, hl_day first, unsigned char **buf, size_t *capbuf,
	store_rollup_cb cb, void *ctx, struct hl_err *err)
{
	struct reading x = {NULL, keys->arr, keys->n, 0, 0, NULL};
	int rc = HL_OK;

	if (keys->n == 0)
		return HL_OK;
	if ((x.rs = hl_calloc(keys->n, sizeof(*x.rs))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc số liệu báo cáo");
	for (size_t k = 0; k < keys->n; k++) {
		const struct key_row *kr = &keys->arr[k];

		hl_rollup_init(&x.rs[k]);
		for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
			x.rs[k].chan[c] = kr->v[c];
		for (int th = 0; th < HL_ROLLUP_THEMES; th++)
			x.rs[k].theme[th].n = kr->v[HL_ROLLUP_CHANNELS + th];
	}
	rc = read_keys(st, parts, a, unit_id, first, &x, err);
	for (size_t k = 0; rc == HL_OK && k < keys->n; k++)
		rc = hand(&x.rs[k], unit_id, keys->arr[k].month, buf, capbuf, cb, ctx, err);
	for (size_t k = 0; k < keys->n; k++)
		hl_rollup_clear(&x.rs[k]);
	hl_free(x.rs);
	return rc;
}

int q_rollup_scan(struct store *st, const int64_t *units, size_t n, hl_day first, hl_day last,
	store_rollup_cb cb, void *ctx, struct hl_err *err)
{
	const char *op = "đọc số liệu báo cáo";
	struct keys keys = {0};
	unsigned char *buf = NULL;
	size_t capbuf = 0;
	int rc = HL_OK;

	for (size_t i = 0; i < n && rc == HL_OK; i++) {
		struct q_args a = {0};

		q_i64(&a, units[i]);
		q_i64(&a, months_lo(first));
		q_i64(&a, day_hi(last));
		keys.n = 0;
		rc = q_each(st, &months, &a, key_row, &keys, op, err);
		if (rc == HL_ENOMEM)
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
		if (rc == HL_OK)
			rc = unit_keys(st, unit_parts, &a, units[i], &keys, first, &buf, &capbuf,
				cb, ctx, err);
	}
	hl_free(keys.arr);
	hl_free(buf);
	return rc;
}

/* rollup_sum's total so far, of every piece of its range. */
struct summing {
	struct hl_rollup r;
	bool any;
	struct hl_err *err;
};

static int add_piece(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len)
{
	struct summing *s = ctx;

	(void)unit_id;
	(void)month;
	s->any = true;
	return hl_rollup_add_encoded(&s->r, data, len, s->err);
}

/* Add the sum of the keys in [lo, hi] of the units in json to s. */
static int sum_piece(struct store *st, const char *json, size_t cap, int64_t lo, int64_t hi,
	struct summing *s, struct hl_err *err)
{
	const char *op = "đọc số liệu báo cáo";
	struct keys keys = {0};
	struct q_args a = {0};
	unsigned char *buf = NULL;
	size_t capbuf = 0;
	int rc;

	q_i64(&a, lo);
	q_text(&a, json, cap);
	q_i64(&a, hi);
	rc = q_each(st, &sum_keys, &a, key_row, &keys, op, err);
	if (rc == HL_ENOMEM)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	if (rc == HL_OK)
		rc = unit_keys(st, sum_parts, &a, 0, &keys, (hl_day)lo, &buf, &capbuf, add_piece, s,
			err);
	hl_free(keys.arr);
	hl_free(buf);
	return rc;
}

/* The whole years of [first, last] (*y0 > *y1: none): those whose twelve
 * month keys all lie in it. */
static void whole_years(hl_day first, hl_day last, int *y0, int *y1)
{
	int y, m, d;

	*y0 = 1;
	*y1 = 0;
	if (first == HL_DAY_NONE || last == HL_DAY_NONE || first > last)
		return;
	hl_day_to_ymd(first, &y, &m, &d);
	*y0 = m == 1 && d == 1 ? y : y + 1;
	hl_day_to_ymd(last, &y, &m, &d);
	*y1 = m == 12 ? y : y - 1;
}

int q_rollup_sum(struct store *st, const int64_t *units, size_t n, hl_day first, hl_day last,
	store_rollup_cb cb, void *ctx, struct hl_err *err)
{
	const char *op = "đọc số liệu báo cáo";
	struct summing s = {.err = err};
	unsigned char *buf = NULL;
	size_t capbuf = 0, len = 0, cap = n * 21 + 3; /* "[", each id and a comma, "]", NUL */
	char *json = hl_malloc(cap);
	hl_day jan1, after;
	int y0, y1, rc = HL_OK;

	if (json == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	json[len++] = '[';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(json + len, cap - len, "%s%lld", i ? "," : "",
			(long long)units[i]);
	json[len++] = ']';
	json[len] = '\0';
	hl_rollup_init(&s.r);
	whole_years(first, last, &y0, &y1);
	if (y0 <= y1 && hl_day_from_ymd(y0, 1, 1, &jan1) && hl_day_from_ymd(y1 + 1, 1, 1, &after)) {
		/* the months before the whole years, the years, the months after */
		if (first < jan1)
			rc = sum_piece(st, json, cap, first, jan1 - 1, &s, err);
		if (rc == HL_OK)
			rc = sum_piece(st, json, cap, HL_ROLLUP_YEAR_KEY(y0),
				HL_ROLLUP_YEAR_KEY(y1), &s, err);
		if (rc == HL_OK && after <= last)
			rc = sum_piece(st, json, cap, after, last, &s, err);
	} else {
		rc = sum_piece(st, json, cap, months_lo(first), day_hi(last), &s, err);
	}
	if (rc == HL_OK && s.any)
		rc = hand(&s.r, 0, first, &buf, &capbuf, cb, ctx, err);
	hl_rollup_clear(&s.r);
	hl_free(buf);
	hl_free(json);
	return rc;
}

int q_rollup_clear(struct store *st, struct hl_err *err)
{
	int rc = HL_OK;

	for (size_t i = 0; rc == HL_OK && i < sizeof(clear) / sizeof(clear[0]); i++)
		rc = q_exec(st, clear[i], NULL, NULL, "xóa số liệu báo cáo", err);
	return rc;
}

int q_rollup_ready(struct store *st, bool *ready, struct hl_err *err)
{
	int64_t v = 0;
	int rc = q_int(st, &ready_get, NULL, &v, "đọc trạng thái số liệu báo cáo", err);

	*ready = rc == HL_OK && v != 0;
	return rc;
}
