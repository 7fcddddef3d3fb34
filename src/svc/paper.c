/* paper.c — paper ballot batches: typed rows, the comparison of two passes,
 * who may type which pass, when a batch may close, and closing it. */
#include "svc/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "svc/instruments.h"
#include "svc/intake.h"

int paper_parse_answers(const struct hl_instrument *in, const char *s, unsigned char *out, int *n,
	struct hl_err *err)
{
	int k = 0, typed = 0;

	*n = 0;
	if (s == NULL)
		s = "";
	if (strlen(s) > PAPER_ANSWERS_MAX)
		return hl_err_set(err, HL_EINVAL, "answers", "chuỗi trả lời dài quá %d ký tự",
			PAPER_ANSWERS_MAX);
	for (const char *p = s; *p != '\0'; p++)
		if (*p != ' ' && *p != '\t')
			typed++;
	if (typed != in->nquestions)
		return hl_err_set(err, HL_EINVAL, "answers",
			"cần %d chữ số (mỗi câu một chữ số), đã gõ %d", in->nquestions, typed);
	for (const char *p = s; *p != '\0'; p++) {
		const struct hl_question *q;
		int level, max;

		if (*p == ' ' || *p == '\t')
			continue;
		q = &in->questions[k];
		max = in->scales[q->scale].nlevels;
		if (*p == '0' || *p == '-')
			level = 0;
		else if (*p >= '1' && *p <= '9')
			level = *p - '0';
		else if (*p == 'a' || *p == 'A')
			level = 10;
		else
			return hl_err_set(err, HL_EINVAL, "answers",
				"câu %s (thứ %d): '%c' không phải chữ số (0 hoặc - là không trả lời)",
				q->code, k + 1,
				(unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f ? *p : '?');
		if (level > max)
			return hl_err_set(err, HL_EINVAL, "answers",
				"câu %s (thứ %d): mức %d ngoài thang đo 1–%d", q->code, k + 1,
				level, max);
		out[k++] = (unsigned char)level;
	}
	*n = k;
	return HL_OK;
}

char *paper_format_answers(const struct hl_instrument *in, const unsigned char *a, int n, char *buf,
	size_t size)
{
	size_t pos = 0;

	if (size == 0)
		return buf;
	for (int i = 0; i < n; i++) {
		if (in != NULL && i > 0 && i < in->nquestions &&
			in->questions[i].criterion != in->questions[i - 1].criterion) {
			if (pos + 1 >= size)
				break;
			buf[pos++] = ' ';
		}
		if (pos + 1 >= size)
			break;
		buf[pos++] = a[i] == 0 ? '-' :
			a[i] == 10     ? 'a' :
			a[i] < 10      ? (char)('0' + a[i]) :
					 '?';
	}
	buf[pos] = '\0';
	return buf;
}

static int by_seq(const void *x, const void *y)
{
	const struct store_paper_entry *a = *(const struct store_paper_entry *const *)x;
	const struct store_paper_entry *b = *(const struct store_paper_entry *const *)y;

	return (a->seq > b->seq) - (a->seq < b->seq);
}

int paper_pass_rows(const struct store_paper_entry *e, size_t n, int pass, struct hl_arena *a,
	const struct store_paper_entry ***rows, size_t *m, struct hl_err *err)
{
	size_t k = 0;

	*rows = NULL;
	*m = 0;
	for (size_t i = 0; i < n; i++)
		if (e[i].pass == pass)
			k++;
	if (k == 0)
		return HL_OK;
	*rows = hl_arena_alloc(a, k * sizeof(**rows));
	if (*rows == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi so sánh phiếu");
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (e[i].pass == pass)
			(*rows)[k++] = &e[i];
	qsort(*rows, k, sizeof(**rows), by_seq);
	*m = k;
	return HL_OK;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Do two comments say the same once runs of white space are one space and
 * the ends are trimmed? */
static bool same_comment(const char *x, const char *y)
{
	for (;;) {
		while (is_space(*x))
			x++;
		while (is_space(*y))
			y++;
		if (*x == '\0' || *y == '\0')
			return *x == *y;
		while (*x != '\0' && !is_space(*x) && *x == *y) {
			x++;
			y++;
		}
		if (!(*x == '\0' || is_space(*x)) || !(*y == '\0' || is_space(*y)))
			return false;
	}
}

int paper_compare(const struct store_paper_entry *e, size_t n, struct hl_arena *a,
	struct paper_diff **out, size_t *nout, struct hl_err *err)
{
	const struct store_paper_entry **p1, **p2;
	size_t n1, n2, most, k = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = paper_pass_rows(e, n, 1, a, &p1, &n1, err)) != HL_OK ||
		(rc = paper_pass_rows(e, n, 2, a, &p2, &n2, err)) != HL_OK)
		return rc;
	most = n1 > n2 ? n1 : n2;
	if (most == 0)
		return HL_OK;
	*out = hl_arena_alloc(a, most * sizeof(**out));
	if (*out == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi so sánh phiếu");
	for (size_t i = 0; i < most; i++) {
		struct paper_diff *d = &(*out)[k];
		const struct store_paper_entry *x = i < n1 ? p1[i] : NULL,
					       *y = i < n2 ? p2[i] : NULL;

		memset(d, 0, sizeof(*d));
		d->pos = (int)i + 1;
		d->e1 = x;
		d->e2 = y;
		if (x == NULL) {
			d->what = PD_ONLY2;
		} else if (y == NULL) {
			d->what = PD_ONLY1;
		} else if (x->spoiled || y->spoiled) {
			/* a spoiled ballot has no answers to compare */
			if (x->spoiled != y->spoiled)
				d->what = PD_SPOILED;
		} else {
			int nq = x->nanswers > y->nanswers ? x->nanswers : y->nanswers;

			for (int q = 0; q < nq && q < STORE_ANSWERS_MAX; q++) {
				int ax = q < x->nanswers ? x->answers[q] : -1;
				int ay = q < y->nanswers ? y->answers[q] : -1;

				if (ax != ay && d->nq < HL_MAX_QUESTIONS)
					d->q[d->nq++] = q;
			}
			if (d->nq > 0)
				d->what |= PD_ANSWERS;
			if (x->field_id != y->field_id)
				d->what |= PD_FIELD;
			if (x->staff_id != y->staff_id)
				d->what |= PD_STAFF;
			if (!same_comment(x->comment, y->comment))
				d->what |= PD_COMMENT;
		}
		if (d->what != 0)
			k++;
	}
	*nout = k;
	return HL_OK;
}

/* Has user typed a row of pass in e[0..n)? */
static bool typed_by(const struct store_paper_entry *e, size_t n, int pass, int64_t user)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].pass == pass && e[i].entered_by == user)
			return true;
	return false;
}

static bool pass_empty(const struct store_paper_entry *e, size_t n, int pass)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].pass == pass)
			return false;
	return true;
}

int paper_default_pass(const struct store_paper_batch *b, const struct store_paper_entry *e,
	size_t n, int64_t user)
{
	if (!b->double_entry)
		return 1;
	if (typed_by(e, n, 1, user))
		return 1;
	if (typed_by(e, n, 2, user))
		return 2;
	if (pass_empty(e, n, 1))
		return 1;
	if (pass_empty(e, n, 2))
		return 2;
	return 0;
}

int paper_may_type(const struct store_paper_batch *b, const struct store_paper_entry *e, size_t n,
	int pass, int64_t user, struct hl_err *err)
{
	if (b->closed)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"Lô phiếu số %lld đã đóng, không sửa được nữa", (long long)b->id);
	if (pass != 1 && !(pass == 2 && b->double_entry))
		return hl_err_set(err, HL_EINVAL, "pass", "lô phiếu số %lld không có lần nhập %d",
			(long long)b->id, pass);
	if (b->double_entry && typed_by(e, n, 3 - pass, user))
		return hl_err_set(err, HL_EPERM, "pass",
			"Bạn đã nhập lần %d của lô này; lần %d phải do người khác nhập", 3 - pass,
			pass);
	return HL_OK;
}

void paper_totals(const struct store_paper_entry *e, size_t n, struct paper_totals *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < n; i++)
		if (e[i].pass == 1 || e[i].pass == 2) {
			t->typed[e[i].pass]++;
			t->spoiled[e[i].pass] += e[i].spoiled;
		}
}

/* HL_ECONFLICT saying how far pass (0 = the only one) is from the count
 * and what to do about it. */
static int short_of(const struct store_paper_batch *b, int pass, size_t typed, struct hl_err *err)
{
	static const char *const name[] = {"", "Lần nhập thứ nhất: đã", "Lần nhập thứ hai: đã"};
	static const char *const who[] = {"", "Người nhập lần 1 nhập",
		"Một người khác (không "
		"phải người nhập lần 1) nhập"};
	long diff = (long)typed - b->counted;

	if (diff > 0)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"%s nhập %zu/%d phiếu: thừa %ld phiếu. "
			"Kiểm tra các phiếu đã nhập, xóa phiếu nhập trùng rồi đóng lô (nếu đếm sai, số "
			"phiếu đếm được ghi ở biên bản mở hòm).",
			pass ? name[pass] : "Đã", typed, b->counted, diff);
	return hl_err_set(err, HL_ECONFLICT, HL_HERE,
		"%s nhập %zu/%d phiếu: còn thiếu %ld phiếu. "
		"%s nốt các phiếu còn lại — phiếu rách, tẩy xóa cũng nhập, đánh dấu “Phiếu không hợp "
		"lệ” — rồi đóng lô.",
		pass ? name[pass] : "Đã", typed, b->counted, -diff, pass ? who[pass] : "Nhập");
}

int paper_check_close(const struct store_paper_batch *b, const struct store_paper_entry *e,
	size_t n, struct hl_arena *a, struct hl_err *err)
{
	struct paper_totals t;
	struct paper_diff *d = NULL;
	size_t ndiff = 0;
	int rc;

	paper_totals(e, n, &t);
	if (b->closed)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE, "Lô phiếu số %lld đã đóng",
			(long long)b->id);
	if (b->counted <= 0)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"Lô không có phiếu nào (đã đếm 0 phiếu)");
	if (!b->double_entry)
		return t.typed[1] != (size_t)b->counted ? short_of(b, 0, t.typed[1], err) : HL_OK;
	if (t.typed[1] != (size_t)b->counted)
		return short_of(b, 1, t.typed[1], err);
	if (t.typed[2] != (size_t)b->counted)
		return short_of(b, 2, t.typed[2], err);
	for (size_t i = 0; i < n; i++)
		if (e[i].pass == 1 && e[i].entered_by != 0 && typed_by(e, n, 2, e[i].entered_by))
			return hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"Một người đã nhập cả hai lần: lần thứ hai phải do người khác nhập");
	if ((rc = paper_compare(e, n, a, &d, &ndiff, err)) != HL_OK)
		return rc;
	if (ndiff > 0)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"Hai lần nhập khác nhau ở %zu phiếu: mở "
			"/paper/%lld/diff (So sánh hai lần nhập), đối chiếu với phiếu giấy, sửa lần nhập "
			"sai rồi đóng lô.",
			ndiff, (long long)b->id);
	return HL_OK;
}

int paper_check_opened(hl_day opened, hl_day today, bool *old, struct hl_err *err)
{
	int y, m, d;
	hl_day two_months;

	*old = false;
	if (opened > today)
		return hl_err_set(err, HL_EINVAL, "opened_on",
			"Ngày mở hòm phiếu không được sau hôm nay.");
	/* the same day two months earlier (the month's last day when it has no such day) */
	hl_day_to_ymd(today, &y, &m, &d);
	m -= 2;
	if (m < 1) {
		m += 12;
		y--;
	}
	if (d > hl_month_days(y, m))
		d = hl_month_days(y, m);
	if (hl_day_from_ymd(y, m, d, &two_months))
		*old = opened < two_months;
	return HL_OK;
}

void paper_response(const struct store_paper_batch *b, const struct store_paper_entry *e, int pos,
	struct store_response *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->ext_id, sizeof(out->ext_id), "paper-%lld-%d", (long long)b->id, pos);
	out->unit_id = b->unit_id;
	out->day = b->opened_on;
	out->instrument_id = b->instrument_id;
	out->channel = CH_PAPER;
	out->field_id = e->field_id;
	out->staff_id = e->staff_id;
	snprintf(out->comment, sizeof(out->comment), "%s", e->comment);
	out->nanswers = e->nanswers < STORE_ANSWERS_MAX ? e->nanswers : STORE_ANSWERS_MAX;
	memcpy(out->answers, e->answers, (size_t)out->nanswers);
	out->status = RS_COUNTED;
}

/* The batch and every entry of it, in a. */
static int load(struct store *st, int64_t id, struct hl_arena *a, struct store_paper_batch *b,
	struct store_paper_entry **e, size_t *n, struct hl_err *err)
{
	int rc = STORE(st, intake, paper_batch_get, id, b, err);

	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có lô phiếu số %lld",
			(long long)id);
	if (rc != HL_OK)
		return rc;
	return STORE(st, intake, paper_entry_list, id, 0, a, e, n, err);
}

/* Is x the same ballot as y, typed by the same user? */
static bool same_ballot(const struct store_paper_entry *x, const struct store_paper_entry *y)
{
	return x->entered_by == y->entered_by && x->spoiled == y->spoiled &&
		x->field_id == y->field_id && x->staff_id == y->staff_id &&
		x->nanswers == y->nanswers &&
		(x->nanswers <= 0 || memcmp(x->answers, y->answers, (size_t)x->nanswers) == 0) &&
		strcmp(x->comment, y->comment) == 0;
}

int paper_save_entry(struct store *st, struct store_paper_entry *e, int typed_as, const char *who,
	struct hl_arena *a, struct hl_err *err)
{
	struct store_paper_batch b;
	struct store_paper_entry *all = NULL;
	size_t n = 0, at = 0;
	bool found = false;
	int rc = load(st, e->batch_id, a, &b, &all, &n, err), top = 0, ctl;

	if (rc != HL_OK)
		return rc;
	if ((rc = paper_may_type(&b, all, n, e->pass, e->entered_by, err)) != HL_OK)
		return rc;
	if (e->spoiled) {
		/* nothing on a spoiled ballot is read: only that it was in the box */
		e->field_id = e->staff_id = 0;
		e->nanswers = 0;
		e->comment[0] = '\0';
	}
	if ((ctl = hl_text_control(e->comment, &at)) != 0)
		return hl_err_set(err, HL_EINVAL, "comment",
			"ý kiến có ký tự điều khiển (mã %d) ở ký tự thứ %zu", ctl, at + 1);
	for (size_t i = 0; i < n; i++) {
		if (all[i].pass != e->pass)
			continue;
		if (all[i].seq > top)
			top = all[i].seq;
		if (all[i].seq == e->seq)
			found = true;
		if (e->seq == 0 && typed_as > 0 && all[i].seq == typed_as &&
			same_ballot(&all[i], e)) {
			e->seq = typed_as;
			return HL_OK;
		}
	}
	if (e->seq == 0) {
		struct paper_totals t;

		paper_totals(all, n, &t);
		if (t.typed[e->pass] >= PAPER_MAX_BALLOTS)
			return hl_err_set(err, HL_ELIMIT, HL_HERE, "một lô có tối đa %d phiếu",
				PAPER_MAX_BALLOTS);
		e->seq = top + 1;
	} else if (!found) {
		return hl_err_set(err, HL_ENOTFOUND, "seq", "lần nhập %d không có dòng số %d",
			e->pass, e->seq);
	}
	if ((rc = STORE(st, intake, paper_entry_put, e, err)) != HL_OK)
		return rc;
	if (found) {
		char detail[96];

		snprintf(detail, sizeof(detail), "lô %lld, lần %d, dòng %d", (long long)e->batch_id,
			e->pass, e->seq);
		rc = STORE(st, admin, audit, who, "paper.edit", detail, err);
	}
	return rc;
}

int paper_delete_entry(struct store *st, int64_t batch, int pass, int seq, int64_t user,
	const char *who, struct hl_arena *a, struct hl_err *err)
{
	struct store_paper_batch b;
	struct store_paper_entry *all = NULL;
	size_t n = 0;
	bool found = false;
	char detail[96];
	int rc = load(st, batch, a, &b, &all, &n, err);

	if (rc != HL_OK)
		return rc;
	if ((rc = paper_may_type(&b, all, n, pass, user, err)) != HL_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (all[i].pass == pass && all[i].seq == seq)
			found = true;
	if (!found)
		return hl_err_set(err, HL_ENOTFOUND, "seq", "lần nhập %d không có dòng số %d", pass,
			seq);
	if ((rc = STORE(st, intake, paper_entry_delete, batch, pass, seq, err)) != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "lô %lld, lần %d, dòng %d", (long long)batch, pass, seq);
	return STORE(st, admin, audit, who, "paper.delete", detail, err);
}

int paper_close(struct store *st, int64_t id, int64_t now, const char *who, paper_count_fn count,
	void *ctx, struct hl_arena *a, int *nresp, struct hl_err *err)
{
	struct store_paper_batch b;
	struct store_paper_entry *all = NULL;
	const struct store_paper_entry **rows = NULL;
	struct store_response *r;
	struct intake_post p = {0};
	struct hl_instrument *in = NULL;
	size_t n = 0, m = 0, spoiled = 0;
	char detail[200];
	int rc = load(st, id, a, &b, &all, &n, err);

	if (nresp != NULL)
		*nresp = 0;
	if (rc != HL_OK)
		return rc;
	if ((rc = paper_check_close(&b, all, n, a, err)) != HL_OK)
		return rc;
	if ((rc = paper_pass_rows(all, n, 1, a, &rows, &m, err)) != HL_OK)
		return rc;
	/* parsed once for the batch's follow-up cases, not once per ballot */
	if ((rc = instruments_get_id(st, a, b.instrument_id, NULL, &in, err)) != HL_OK)
		return rc;
	p.in = in;
	r = hl_arena_alloc(a, sizeof(*r));
	if (r == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đóng lô");
	for (size_t i = 0; i < m; i++) {
		if (rows[i]->spoiled) {
			spoiled++;
			continue; /* counted in the box, never a response */
		}
		paper_response(&b, rows[i], (int)i + 1, r);
		r->received_at = now;
		/* a resend was stored (and counted) by an earlier close */
		p.r = r;
		if ((rc = intake_store(st, INTAKE_PAPER, &p, count, ctx, err)) != HL_OK)
			return rc;
	}
	b.closed = true;
	b.closed_at = now;
	if ((rc = STORE(st, intake, paper_batch_put, &b, err)) != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "lô %lld: %zu phiếu được tính, %zu phiếu không hợp lệ%s",
		(long long)id, m - spoiled, spoiled, b.double_entry ? " (nhập hai lần, khớp)" : "");
	if ((rc = STORE(st, admin, audit, who, "paper.close", detail, err)) != HL_OK)
		return rc;
	if (nresp != NULL)
		*nresp = (int)(m - spoiled);
	return HL_OK;
}

int paper_batches(struct store *st, int64_t unit_id, struct hl_arena *a,
	struct store_paper_batch **out, size_t *n, struct hl_err *err)
{
	return STORE(st, intake, paper_batch_list, unit_id, a, out, n, err);
}

int paper_batch(struct store *st, int64_t id, struct store_paper_batch *out, struct hl_err *err)
{
	return STORE(st, intake, paper_batch_get, id, out, err);
}

int paper_entries(struct store *st, int64_t batch_id, int pass, struct hl_arena *a,
	struct store_paper_entry **out, size_t *n, struct hl_err *err)
{
	return STORE(st, intake, paper_entry_list, batch_id, pass, a, out, n, err);
}

int paper_open_in(struct store *st, struct store_paper_batch *b, const char *who,
	const char *detail, struct hl_err *err)
{
	char line[640];
	int rc;

	b->id = 0;
	if ((rc = STORE(st, intake, paper_batch_put, b, err)) != HL_OK)
		return rc;
	snprintf(line, sizeof(line), "%s (lô %lld)", detail, (long long)b->id);
	return STORE(st, admin, audit, who, "paper.open", line, err);
}
