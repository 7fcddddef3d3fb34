/* test_paper.c — paper ballots: typed answers against the instrument, the
 * comparison of two passes by position, who types which pass, when a batch may
 * close (with the exact Vietnamese reasons), and closing on a real store:
 * every ballot once as a counted paper response, never twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "core/instrument.h"
#include "io/instrument_json.h"
#include "store/store.h"
#include "svc/paper.h"

#define ALL4 "4545 45454 545454 545 4545"

struct fx {
	struct hl_arena *a;
	struct hl_instrument *in;
	struct hl_err err;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->a = hl_arena_new(1 << 26);
	if (f->a == NULL || hl_instrument_builtin(f->a, "sipas-5", &f->in, &f->err) != HL_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	hl_arena_free(f->a);
	free(f);
	return 0;
}

/* An entry of pass typed by user with answers typed as s. */
static struct store_paper_entry entry(struct fx *f, int pass, int seq, int64_t user, const char *s)
{
	struct store_paper_entry e;
	int n = 0;

	memset(&e, 0, sizeof(e));
	e.batch_id = 12;
	e.pass = pass;
	e.seq = seq;
	e.entered_by = user;
	assert_int_equal(paper_parse_answers(f->in, s, e.answers, &n, &f->err), HL_OK);
	e.nanswers = n;
	return e;
}

static void test_parse(void **state)
{
	struct fx *f = *state;
	unsigned char a[STORE_ANSWERS_MAX];
	char buf[128];
	int n = -1;

	assert_int_equal(paper_parse_answers(f->in, ALL4, a, &n, &f->err), HL_OK);
	assert_int_equal(n, 22);
	assert_int_equal(a[0], 4);
	assert_int_equal(a[1], 5);
	assert_string_equal(paper_format_answers(f->in, a, n, buf, sizeof(buf)), ALL4);
	/* Spaces are optional; 0 and - are no answer. */
	assert_int_equal(paper_parse_answers(f->in, "0-54545454545454545451", a, &n, &f->err),
		HL_OK);
	assert_int_equal(a[0], 0);
	assert_int_equal(a[1], 0);
	assert_int_equal(a[21], 1);
	assert_string_equal(paper_format_answers(NULL, a, n, buf, sizeof(buf)),
		"--54545454545454545451");
	/* A small buffer: as much as fits. */
	assert_string_equal(paper_format_answers(NULL, a + 2, 1, buf, 2), "5");
	assert_string_equal(paper_format_answers(f->in, a, n, buf, 6), "--54 ");
	/* Too few, too many: the count. */
	assert_int_equal(paper_parse_answers(f->in, "4545", a, &n, &f->err), HL_EINVAL);
	assert_string_equal(f->err.msg, "cần 22 chữ số (mỗi câu một chữ số), đã gõ 4");
	assert_int_equal(paper_parse_answers(f->in, ALL4 "5", a, &n, &f->err), HL_EINVAL);
	assert_string_equal(f->err.msg, "cần 22 chữ số (mỗi câu một chữ số), đã gõ 23");
	assert_int_equal(paper_parse_answers(f->in, "", a, &n, &f->err), HL_EINVAL);
	/* Beyond the scale: the question is named. */
	assert_int_equal(paper_parse_answers(f->in, "4545 45654 545454 545 4545", a, &n, &f->err),
		HL_EINVAL);
	assert_string_equal(f->err.msg, "câu HC3 (thứ 7): mức 6 ngoài thang đo 1–5");
	assert_int_equal(paper_parse_answers(f->in, "4545 45454 545454 545 454x", a, &n, &f->err),
		HL_EINVAL);
	assert_string_equal(f->err.msg,
		"câu TT4 (thứ 22): 'x' không phải chữ số (0 hoặc - là không trả lời)");
	assert_int_equal(n, 0);
}

static void test_compare(void **state)
{
	struct fx *f = *state;
	struct store_paper_entry e[8];
	struct paper_diff *d = NULL;
	size_t nd = 99;

	/* Pass 1: seq 1, 2, 3. Pass 2: seq 1, 3, 4 (its row 2 was deleted): the
	 * ballots pair by position, so only the real difference shows. */
	e[0] = entry(f, 1, 1, 7, ALL4);
	e[1] = entry(f, 1, 2, 7, ALL4);
	e[2] = entry(f, 1, 3, 7, "5555 55555 555555 555 5555");
	e[3] = entry(f, 2, 4, 8, "5555 55555 555555 555 5555");
	e[4] = entry(f, 2, 1, 8, ALL4);
	e[5] = entry(f, 2, 3, 8, ALL4);
	assert_int_equal(paper_compare(e, 6, f->a, &d, &nd, &f->err), HL_OK);
	assert_int_equal(nd, 0);

	/* One answer differs on ballot 2 (HC3), and a comment differs only in spaces. */
	e[5] = entry(f, 2, 3, 8, "4545 45354 545454 545 4545");
	snprintf(e[0].comment, sizeof(e[0].comment), "Cán bộ  nhiệt tình ");
	snprintf(e[4].comment, sizeof(e[4].comment), " Cán bộ nhiệt tình");
	assert_int_equal(paper_compare(e, 6, f->a, &d, &nd, &f->err), HL_OK);
	assert_int_equal(nd, 1);
	assert_int_equal(d[0].pos, 2);
	assert_int_equal(d[0].what, PD_ANSWERS);
	assert_int_equal(d[0].nq, 1);
	assert_string_equal(f->in->questions[d[0].q[0]].code, "HC3");
	assert_int_equal(d[0].e1->seq, 2);
	assert_int_equal(d[0].e2->seq, 3);

	/* Field and comment differences; a ballot typed in one pass only. */
	e[5] = entry(f, 2, 3, 8, ALL4);
	e[4].field_id = 3;
	snprintf(e[4].comment, sizeof(e[4].comment), "Cán bộ nhiệt tình!");
	e[6] = entry(f, 1, 9, 7, ALL4);
	assert_int_equal(paper_compare(e, 7, f->a, &d, &nd, &f->err), HL_OK);
	assert_int_equal(nd, 2);
	assert_int_equal(d[0].pos, 1);
	assert_int_equal(d[0].what, PD_FIELD | PD_COMMENT);
	assert_int_equal(d[1].pos, 4);
	assert_int_equal(d[1].what, PD_ONLY1);
	assert_null(d[1].e2);
}

static void test_passes(void **state)
{
	struct fx *f = *state;
	struct store_paper_batch b = {.id = 12, .counted = 2, .opened_on = 20000};
	struct store_paper_entry e[4];

	assert_int_equal(paper_default_pass(&b, NULL, 0, 7), 1);
	assert_int_equal(paper_may_type(&b, NULL, 0, 1, 7, &f->err), HL_OK);
	assert_int_equal(paper_may_type(&b, NULL, 0, 2, 7, &f->err), HL_EINVAL);

	b.double_entry = true;
	e[0] = entry(f, 1, 1, 7, ALL4);
	assert_int_equal(paper_default_pass(&b, e, 1, 7), 1);
	assert_int_equal(paper_default_pass(&b, e, 1, 8), 2);
	assert_int_equal(paper_may_type(&b, e, 1, 2, 8, &f->err), HL_OK);
	assert_int_equal(paper_may_type(&b, e, 1, 2, 7, &f->err), HL_EPERM);
	assert_string_equal(f->err.msg,
		"Bạn đã nhập lần 1 của lô này; lần 2 phải do người khác nhập");
	e[1] = entry(f, 2, 1, 8, ALL4);
	assert_int_equal(paper_default_pass(&b, e, 2, 8), 2);
	assert_int_equal(paper_default_pass(&b, e, 2, 9), 0);
	assert_int_equal(paper_may_type(&b, e, 2, 1, 8, &f->err), HL_EPERM);
	b.closed = true;
	assert_int_equal(paper_may_type(&b, e, 2, 1, 7, &f->err), HL_ECONFLICT);
}

static void test_check_close(void **state)
{
	struct fx *f = *state;
	struct store_paper_batch b = {.id = 12, .counted = 3, .opened_on = 20000};
	struct store_paper_entry e[6];

	e[0] = entry(f, 1, 1, 7, ALL4);
	e[1] = entry(f, 1, 2, 7, ALL4);
	assert_int_equal(paper_check_close(&b, e, 2, f->a, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.msg,
		"Đã nhập 2/3 phiếu: còn thiếu 1 phiếu. Nhập nốt các phiếu "
		"còn lại — phiếu rách, tẩy xóa cũng nhập, đánh dấu “Phiếu không hợp lệ” — rồi đóng lô.");
	e[2] = entry(f, 1, 5, 9, ALL4);
	assert_int_equal(paper_check_close(&b, e, 3, f->a, &f->err), HL_OK);
	b.counted = 2;
	assert_int_equal(paper_check_close(&b, e, 3, f->a, &f->err), HL_ECONFLICT);
	assert_non_null(strstr(f->err.msg,
		"Đã nhập 3/2 phiếu: thừa 1 phiếu. Kiểm tra các phiếu đã "
		"nhập, xóa phiếu nhập trùng"));
	b.counted = 3;
	/* a spoiled ballot is a ballot of the box: it counts toward the number typed */
	e[2].spoiled = true;
	e[2].nanswers = 0;
	assert_int_equal(paper_check_close(&b, e, 3, f->a, &f->err), HL_OK);
	e[2] = entry(f, 1, 5, 9, ALL4);

	b.double_entry = true;
	assert_int_equal(paper_check_close(&b, e, 3, f->a, &f->err), HL_ECONFLICT);
	assert_non_null(strstr(f->err.msg,
		"Lần nhập thứ hai: đã nhập 0/3 phiếu: còn thiếu 3 phiếu. "
		"Một người khác (không phải người nhập lần 1) nhập nốt"));
	e[3] = entry(f, 2, 1, 8, ALL4);
	e[4] = entry(f, 2, 2, 8, "4545 45454 545454 545 4544");
	e[5] = entry(f, 2, 3, 8, "4545 45454 545454 545 4544");
	assert_int_equal(paper_check_close(&b, e, 6, f->a, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.msg,
		"Hai lần nhập khác nhau ở 2 phiếu: mở /paper/12/diff (So sánh "
		"hai lần nhập), đối chiếu với phiếu giấy, sửa lần nhập sai rồi đóng lô.");
	e[4] = entry(f, 2, 2, 8, ALL4);
	e[5] = entry(f, 2, 3, 8, ALL4);
	assert_int_equal(paper_check_close(&b, e, 6, f->a, &f->err), HL_OK);
	/* The same person in both passes never closes, even when they agree. */
	e[5].entered_by = 9;
	assert_int_equal(paper_check_close(&b, e, 6, f->a, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.msg,
		"Một người đã nhập cả hai lần: lần thứ hai phải do người khác nhập");
	e[5].entered_by = 8;
	b.counted = 0;
	assert_int_equal(paper_check_close(&b, e, 0, f->a, &f->err), HL_ECONFLICT);
	b.counted = 3;
	b.closed = true;
	assert_int_equal(paper_check_close(&b, e, 6, f->a, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.msg, "Lô phiếu số 12 đã đóng");
}

static void test_response(void **state)
{
	struct fx *f = *state;
	struct store_paper_batch b = {.id = 12,
		.unit_id = 3,
		.opened_on = 20100,
		.instrument_id = 1};
	struct store_paper_entry e = entry(f, 1, 4, 7, ALL4);
	struct store_response r;

	e.field_id = 5;
	snprintf(e.comment, sizeof(e.comment), "Tốt");
	paper_response(&b, &e, 2, &r);
	assert_string_equal(r.ext_id, "paper-12-2");
	assert_int_equal(r.unit_id, 3);
	assert_int_equal(r.day, 20100);
	assert_int_equal(r.instrument_id, 1);
	assert_int_equal(r.channel, CH_PAPER);
	assert_int_equal(r.field_id, 5);
	assert_int_equal(r.status, RS_COUNTED);
	assert_int_equal(r.nanswers, 22);
	assert_memory_equal(r.answers, e.answers, 22);
	assert_string_equal(r.comment, "Tốt");
}

/* ---- closing on a real store ---- */

struct counter {
	int n;
	char last[STORE_CODE_MAX];
};

static int count_cb(void *ctx, const struct store_response *r, struct hl_err *err)
{
	struct counter *c = ctx;

	(void)err;
	c->n++;
	snprintf(c->last, sizeof(c->last), "%s", r->ext_id);
	return HL_OK;
}

static int count_one(void *ctx, const struct store_response *r)
{
	int *n = ctx;

	*n += r->channel == CH_PAPER && r->status == RS_COUNTED;
	return HL_OK;
}

/* A store in a new file (its path in path, 64 bytes) with the instrument,
 * unit VT, two entry clerks (ids *user - 1 and *user) and a batch of
 * counted ballots (double entry or not) into *b. */
static struct store *open_store(struct fx *f, char *path, int counted, bool double_entry,
	struct store_unit *u, int64_t *user, struct store_paper_batch *b)
{
	struct store *st = NULL;
	struct store_instrument si = {0};
	struct store_user us = {0};
	char *json;
	int version, fd;

	snprintf(path, 64, "/tmp/hl-paper-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &f->err), HL_OK);
	assert_int_equal(store_migrate(st, &version, &f->err), HL_OK);
	json = ij_dump(f->in);
	snprintf(si.code, sizeof(si.code), "sipas-5");
	si.version = 1;
	snprintf(si.name, sizeof(si.name), "SIPAS");
	assert_int_equal(STORE(st, instruments, instrument_put, &si, json, &f->err), HL_OK);
	free(json);
	memset(u, 0, sizeof(*u));
	snprintf(u->code, sizeof(u->code), "VT");
	snprintf(u->name, sizeof(u->name), "Phường Vĩnh Thọ");
	snprintf(u->type, sizeof(u->type), "ubnd-xa");
	u->valid_from = u->valid_to = HL_DAY_NONE;
	assert_int_equal(STORE(st, units, unit_put, u, &f->err), HL_OK);
	for (int i = 0; i < 2; i++) {
		memset(&us, 0, sizeof(us));
		snprintf(us.name, sizeof(us.name), "nhap%d", i);
		us.role = ROLE_ENTRY;
		us.unit_id = u->id;
		snprintf(us.pwhash, sizeof(us.pwhash), "x");
		assert_int_equal(STORE(st, accounts, user_put, &us, &f->err), HL_OK);
	}
	*user = us.id;

	memset(b, 0, sizeof(*b));
	b->unit_id = u->id;
	b->opened_on = 20200;
	snprintf(b->opened_by, sizeof(b->opened_by), "Nguyễn Văn A");
	snprintf(b->witness, sizeof(b->witness), "Trần Thị B");
	b->counted = counted;
	b->double_entry = double_entry;
	b->instrument_id = si.id;
	b->created_by = us.id;
	assert_int_equal(STORE(st, intake, paper_batch_put, b, &f->err), HL_OK);
	return st;
}

/* Close st and remove its files. */
static void close_store(struct store *st, const char *path)
{
	char p[80];

	store_close(st);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static void test_close_store(void **state)
{
	struct fx *f = *state;
	char path[64];
	struct store_unit u;
	struct store_user user = {0};
	struct store_paper_batch b, got;
	struct store_paper_entry e;
	struct counter c = {0};
	int nresp = -1, stored = 0;
	struct store *st = open_store(f, path, 2, true, &u, &user.id, &b);

	/* Pass 1 by user id-1, pass 2 by user id: new rows get seq 1, 2. */
	for (int pass = 1; pass <= 2; pass++)
		for (int k = 0; k < 2; k++) {
			e = entry(f, pass, 0, pass == 1 ? user.id - 1 : user.id, ALL4);
			e.batch_id = b.id;
			assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err),
				HL_OK);
			assert_int_equal(e.seq, k + 1);
		}
	/* The first clerk may not touch pass 2. */
	e = entry(f, 2, 0, user.id - 1, ALL4);
	e.batch_id = b.id;
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_EPERM);
	/* A difference, then closing is refused and nothing counts. */
	e = entry(f, 2, 2, user.id, "4545 45454 545454 545 4541");
	e.batch_id = b.id;
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_OK);
	assert_int_equal(paper_close(st, b.id, 1700000000, "web:nhap", count_cb, &c, f->a, &nresp,
				 &f->err),
		HL_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "Hai lần nhập khác nhau ở 1 phiếu: mở /paper/1/diff"));
	assert_int_equal(c.n, 0);
	/* Editing a row that is not there. */
	e.seq = 9;
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_ENOTFOUND);
	/* Fixed: closes, two counted paper responses. */
	e = entry(f, 2, 2, user.id, ALL4);
	e.batch_id = b.id;
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_OK);
	assert_int_equal(paper_close(st, b.id, 1700000000, "web:nhap", count_cb, &c, f->a, &nresp,
				 &f->err),
		HL_OK);
	assert_int_equal(nresp, 2);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.last, "paper-1-2");
	assert_int_equal(STORE(st, intake, paper_batch_get, b.id, &got, &f->err), HL_OK);
	assert_true(got.closed);
	assert_int_equal(got.closed_at, 1700000000);
	assert_int_equal(STORE(st, responses, response_scan, u.id, HL_DAY_NONE, HL_DAY_NONE,
				 count_one, &stored, &f->err),
		HL_OK);
	assert_int_equal(stored, 2);
	/* Closed: no more typing, no second close. */
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_ECONFLICT);
	assert_int_equal(paper_delete_entry(st, b.id, 2, 1, user.id, "web:nhap", f->a, &f->err),
		HL_ECONFLICT);
	assert_int_equal(paper_close(st, b.id, 1700000001, "web:nhap", count_cb, &c, f->a, &nresp,
				 &f->err),
		HL_ECONFLICT);
	/* A retry of a close whose mark was lost inserts and counts nothing again. */
	got.closed = false;
	got.closed_at = 0;
	assert_int_equal(STORE(st, intake, paper_batch_put, &got, &f->err), HL_OK);
	assert_int_equal(paper_close(st, b.id, 1700000002, "web:nhap", count_cb, &c, f->a, &nresp,
				 &f->err),
		HL_OK);
	assert_int_equal(c.n, 2);
	stored = 0;
	assert_int_equal(STORE(st, responses, response_scan, u.id, HL_DAY_NONE, HL_DAY_NONE,
				 count_one, &stored, &f->err),
		HL_OK);
	assert_int_equal(stored, 2);
	close_store(st, path);
}

/* The number of rows of pass in batch. */
static size_t rows_of(struct fx *f, struct store *st, int64_t batch, int pass)
{
	struct store_paper_entry *e = NULL;
	size_t n = 0, k = 0;

	assert_int_equal(STORE(st, intake, paper_entry_list, batch, 0, f->a, &e, &n, &f->err),
		HL_OK);
	for (size_t i = 0; i < n; i++)
		k += e[i].pass == pass;
	return k;
}

/* A new row's form sent twice (a double-clicked Enter) is one ballot; the
 * same answers typed on the next form are the next ballot. */
static void test_resubmitted_row(void **state)
{
	struct fx *f = *state;
	char path[64];
	struct store_unit u;
	struct store_paper_batch b;
	struct store_paper_entry e;
	int64_t user;
	struct store *st = open_store(f, path, 3, false, &u, &user, &b);

	for (int i = 0; i < 2; i++) {
		e = entry(f, 1, 0, user, ALL4);
		e.batch_id = b.id;
		assert_int_equal(paper_save_entry(st, &e, 1, "web:nhap", f->a, &f->err), HL_OK);
		assert_int_equal(e.seq, 1);
	}
	assert_int_equal(rows_of(f, st, b.id, 1), 1);
	/* the next form: the same answers are another ballot */
	e = entry(f, 1, 0, user, ALL4);
	e.batch_id = b.id;
	assert_int_equal(paper_save_entry(st, &e, 2, "web:nhap", f->a, &f->err), HL_OK);
	assert_int_equal(e.seq, 2);
	/* an old form (offered row 1) with other answers: a new row */
	e = entry(f, 1, 0, user, "1111 11111 111111 111 1111");
	e.batch_id = b.id;
	assert_int_equal(paper_save_entry(st, &e, 1, "web:nhap", f->a, &f->err), HL_OK);
	assert_int_equal(e.seq, 3);
	/* another clerk's identical ballot on the same row number: a new row */
	e = entry(f, 1, 0, user - 1, ALL4);
	e.batch_id = b.id;
	assert_int_equal(paper_save_entry(st, &e, 2, "web:nhap", f->a, &f->err), HL_OK);
	assert_int_equal(e.seq, 4);
	assert_int_equal(rows_of(f, st, b.id, 1), 4);
	/* a control character in the comment is refused */
	e = entry(f, 1, 0, user, ALL4);
	e.batch_id = b.id;
	snprintf(e.comment, sizeof(e.comment), "chờ lâu\033[31m");
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "comment");
	assert_non_null(strstr(f->err.msg, "ký tự điều khiển (mã 27)"));
	assert_int_equal(rows_of(f, st, b.id, 1), 4);
	close_store(st, path);
}

/* A spoiled ballot (phiếu không hợp lệ): typed with nothing but that, it
 * counts toward the batch's number and is compared between passes, and
 * closing counts it apart — never a response. */
static void test_spoiled(void **state)
{
	struct fx *f = *state;
	char path[64], **lines = NULL;
	struct store_unit u;
	struct store_paper_batch b;
	struct store_paper_entry e, *all = NULL;
	struct paper_totals t;
	struct paper_diff *d = NULL;
	struct counter c = {0};
	size_t n = 0, nd = 0;
	int64_t user;
	int nresp = -1, stored = 0;
	struct store *st = open_store(f, path, 3, true, &u, &user, &b);

	for (int pass = 1; pass <= 2; pass++)
		for (int k = 0; k < 3; k++) {
			e = entry(f, pass, 0, pass == 1 ? user - 1 : user, ALL4);
			e.batch_id = b.id;
			snprintf(e.comment, sizeof(e.comment), "Tốt");
			/* ballot 2 is spoiled, typed so only in pass 2 at first */
			e.spoiled = k == 1 && pass == 2;
			assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err),
				HL_OK);
		}
	assert_int_equal(STORE(st, intake, paper_entry_list, b.id, 0, f->a, &all, &n, &f->err),
		HL_OK);
	assert_int_equal(n, 6);
	paper_totals(all, n, &t);
	assert_int_equal(t.typed[1], 3);
	assert_int_equal(t.typed[2], 3);
	assert_int_equal(t.spoiled[1], 0);
	assert_int_equal(t.spoiled[2], 1);
	/* stored as nothing but spoiled */
	assert_true(all[4].spoiled);
	assert_int_equal(all[4].nanswers, 0);
	assert_string_equal(all[4].comment, "");
	assert_int_equal(paper_compare(all, n, f->a, &d, &nd, &f->err), HL_OK);
	assert_int_equal(nd, 1);
	assert_int_equal(d[0].pos, 2);
	assert_int_equal(d[0].what, PD_SPOILED);
	assert_int_equal(paper_close(st, b.id, 1700000000, "web:nhap", count_cb, &c, f->a, &nresp,
				 &f->err),
		HL_ECONFLICT);
	/* pass 1 says so too: they agree, the batch closes with 2 responses */
	e = entry(f, 1, 2, user - 1, ALL4);
	e.batch_id = b.id;
	e.spoiled = true;
	assert_int_equal(paper_save_entry(st, &e, 0, "web:nhap", f->a, &f->err), HL_OK);
	assert_int_equal(paper_close(st, b.id, 1700000000, "web:nhap", count_cb, &c, f->a, &nresp,
				 &f->err),
		HL_OK);
	assert_int_equal(nresp, 2);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.last, "paper-1-3");
	assert_int_equal(STORE(st, responses, response_scan, u.id, HL_DAY_NONE, HL_DAY_NONE,
				 count_one, &stored, &f->err),
		HL_OK);
	assert_int_equal(stored, 2);
	assert_int_equal(STORE(st, admin, audit_list, 1, f->a, &lines, &n, &f->err), HL_OK);
	assert_non_null(strstr(lines[0], "2 phiếu được tính, 1 phiếu không hợp lệ"));
	close_store(st, path);
}

/* The day a box was opened: not after today; more than two months back is
 * flagged (to be confirmed), not refused. */
static void test_opened(void **state)
{
	struct fx *f = *state;
	hl_day today, d;
	bool old = true;

	assert_true(hl_day_from_ymd(2026, 12, 4, &today));
	assert_int_equal(paper_check_opened(today, today, &old, &f->err), HL_OK);
	assert_false(old);
	assert_int_equal(paper_check_opened(today + 1, today, &old, &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "opened_on");
	assert_true(hl_day_from_ymd(2026, 10, 4, &d));
	assert_int_equal(paper_check_opened(d, today, &old, &f->err), HL_OK);
	assert_false(old);
	assert_int_equal(paper_check_opened(d - 1, today, &old, &f->err), HL_OK);
	assert_true(old);
	/* 03/12 typed for 12/03 by a browser in another locale: months back */
	assert_true(hl_day_from_ymd(2026, 3, 12, &d));
	assert_int_equal(paper_check_opened(d, today, &old, &f->err), HL_OK);
	assert_true(old);
	/* two months before 30/04 is 28/02 (a month without a 30th) */
	assert_true(hl_day_from_ymd(2026, 4, 30, &today));
	assert_true(hl_day_from_ymd(2026, 2, 28, &d));
	assert_int_equal(paper_check_opened(d, today, &old, &f->err), HL_OK);
	assert_false(old);
	assert_int_equal(paper_check_opened(d - 1, today, &old, &f->err), HL_OK);
	assert_true(old);
	/* across a new year */
	assert_true(hl_day_from_ymd(2026, 1, 15, &today));
	assert_true(hl_day_from_ymd(2025, 11, 15, &d));
	assert_int_equal(paper_check_opened(d, today, &old, &f->err), HL_OK);
	assert_false(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_passes),
		cmocka_unit_test(test_check_close),
		cmocka_unit_test(test_response),
		cmocka_unit_test(test_close_store),
		cmocka_unit_test(test_resubmitted_row),
		cmocka_unit_test(test_spoiled),
		cmocka_unit_test(test_opened),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
