/* review.c — GET /review and POST /review/ID: the responses held for review
 * (a kiosk that sent faster than a person can answer, or with a clock in the
 * future, docs/api.md) of the caller's units; a clerk accepts them (they are
 * counted, in the same write) or rejects them (kept, never counted); POST
 * /review/all accepts every one shown, after a confirmation page. The rules
 * are svc/review.h's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/instrument.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/ingest.h"
#include "svc/intake.h"
#include "svc/review.h"
#include "svc/kiosks.h"
#include "svc/units.h"
#include "web/pages.h"

#define REVIEW_LIMIT 200 /* held responses shown at once, newest first */

/* The answers as "TC1 5 · TC2 4 …" with the instrument's codes. */
static void answers_summary(struct hbuf *b, const struct ingest *g,
	const struct store_response *resp)
{
	const struct ingest_inst *it = g != NULL ? ingest_instrument_id(g, resp->instrument_id) :
						   NULL;
	int given = 0;
	char buf[64];

	for (int q = 0; q < resp->nanswers; q++) {
		if (resp->answers[q] == 0)
			continue;
		if (given++ > 0)
			hb_raw(b, " · ");
		if (it != NULL && q < it->in->nquestions)
			hb_txt(b, it->in->questions[q].code);
		else
			hb_printf(b, "câu %d", q + 1);
		hb_printf(b, " %d", resp->answers[q]);
	}
	if (given == 0)
		hb_raw(b, "(không có câu trả lời)");
	if (it != NULL) {
		hb_raw(b, "<br><span class=\"note\">");
		snprintf(buf, sizeof(buf), "%d/%d câu, ", given, it->in->nquestions);
		hb_txt(b, buf);
		hb_txt(b, it->si.code);
		hb_printf(b, "@%d</span>", it->si.version);
	}
}

static const char *unit_label(const struct store_unit *units, size_t n, int64_t id,
	const struct store_unit **out)
{
	*out = NULL;
	for (size_t i = 0; i < n; i++)
		if (units[i].id == id) {
			*out = &units[i];
			return units[i].name;
		}
	return "?";
}

/* The caller as svc/scope.h names it; NULL when out of memory. */
static const struct scope_actor *actor(struct http_req *r)
{
	struct scope_actor *by = hl_arena_alloc(r->a, sizeof(*by));

	if (by == NULL)
		return NULL;
	*by = scope_of(r);
	by->who = hl_arena_printf(r->a, "web:%s", r->user.name);
	return by->who != NULL ? by : NULL;
}

int page_review(struct http_req *r)
{
	struct store_response *list = NULL;
	struct store_unit *units = NULL;
	struct store_kiosk *kiosks = NULL;
	size_t n = 0, nu = 0, nk = 0;
	struct hl_err err = {0};
	struct ingest_shared *sh = intake_shared();
	const struct ingest *g = NULL;
	const struct scope_actor *by = actor(r);
	const char *done = http_query(r, "done");
	bool more = false;
	struct hbuf b;
	char buf[64];

	if (by == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (review_held(r->st, r->a, by, 0, REVIEW_LIMIT, &list, &n, &more, &err) != HL_OK ||
		units_list(r->st, r->a, &units, &nu, &err) != HL_OK ||
		kiosks_all(r->st, r->a, &kiosks, &nk, &err) != HL_OK)
		return http_send_err(r, &err);
	if (sh != NULL && ingest_acquire(sh, r->st, false, &g, &err) != HL_OK)
		g = NULL;

	page_start(&b, r, 8 << 20, "Phiếu chờ xem xét");
	hb_raw(&b, "<h1>Phiếu chờ xem xét</h1>");
	if (done != NULL && (strcmp(done, "accept") == 0 || strcmp(done, "reject") == 0))
		hb_raw(&b,
			strcmp(done, "accept") == 0 ?
				"<p class=\"ok\" role=\"status\">Đã chấp nhận phiếu: phiếu được tính vào chỉ số.</p>" :
				"<p class=\"ok\" role=\"status\">Đã loại phiếu: phiếu được giữ lại nhưng không "
				"tính vào chỉ số.</p>");
	else if (done != NULL && strcmp(done, "all") == 0)
		hb_printf(&b,
			"<p class=\"ok\" role=\"status\">Đã chấp nhận %ld phiếu: các phiếu được "
			"tính vào chỉ số.</p>",
			strtol(http_query(r, "n") != NULL ? http_query(r, "n") : "0", NULL, 10));
	hb_raw(&b,
		"<p class=\"note\">Máy kiosk gửi nhanh hơn một người có thể trả lời (quá 3 "
		"phiếu trong 60 giây), hoặc ghi thời điểm ở tương lai: phiếu được lưu nhưng chưa "
		"tính cho đến khi cán bộ chấp nhận. Sau khi kiosk mất mạng rồi có lại, các phiếu "
		"gửi dồn cũng vào đây.</p>");
	if (n > 0 && !more) {
		/* every one shown, by the largest id shown: none that arrive meanwhile */
		hb_raw(&b, "<form method=\"post\" action=\"/review/all\" class=\"actions\">");
		hb_csrf(&b, r);
		hb_printf(&b,
			"<input type=\"hidden\" name=\"upto\" value=\"%lld\">"
			"<button type=\"submit\">Chấp nhận tất cả %zu phiếu…</button></form>",
			(long long)list[0].id, n);
	}
	page_table(&b, "review",
		"<th>Đơn vị</th>"
		"<th>Nhận lúc</th><th>Ngày trả lời</th><th>Máy kiosk</th><th>Câu trả lời</th>"
		"<th>Ý kiến</th><th>Xử lý</th>");
	for (size_t i = 0; i < n; i++) {
		const struct store_response *resp = &list[i];
		const struct store_unit *u;
		const char *uname = unit_label(units, nu, resp->unit_id, &u);
		const char *kname = "–";

		for (size_t k = 0; k < nk; k++)
			if (kiosks[k].id == resp->kiosk_id)
				kname = kiosks[k].name;
		hb_txt_in(&b, "<tr><td>", uname, "</td><td>");
		if (resp->received_at > 0) {
			hl_clock_fmt(resp->received_at, buf, sizeof(buf));
			hb_txt(&b, buf);
		} else {
			hb_raw(&b, "–");
		}
		hb_txt_in(&b, "</td><td>", hl_day_vn(resp->day, buf, sizeof(buf)), "</td><td>");
		hb_txt(&b, kname);
		hb_raw(&b, "</td><td>");
		answers_summary(&b, g, resp);
		hb_txt_in(&b, "</td><td class=\"comment\">", resp->comment,
			"</td><td><form method=\"post\" class=\"inline\" action=\"/review/");
		hb_printf(&b, "%lld", (long long)resp->id);
		hb_raw(&b, "\">");
		hb_csrf(&b, r);
		hb_raw(&b,
			"<button type=\"submit\" name=\"action\" value=\"accept\" aria-label=\"Chấp "
			"nhận phiếu số ");
		hb_printf(&b, "%lld", (long long)resp->id);
		hb_raw(&b,
			"\">Chấp nhận</button><button type=\"submit\" class=\"secondary\" "
			"name=\"action\" value=\"reject\" aria-label=\"Loại phiếu số ");
		hb_printf(&b, "%lld", (long long)resp->id);
		hb_raw(&b, "\">Loại</button></form></td></tr>");
	}
	hb_raw(&b, "</tbody></table></div>");
	if (n == 0)
		hb_raw(&b, "<p>Không có phiếu nào chờ xem xét.</p>");
	else if (more)
		hb_printf(&b,
			"<p class=\"note\">Hiện %d phiếu mới nhất; xử lý xong sẽ thấy các phiếu "
			"tiếp theo (khi còn không quá %d phiếu, có nút chấp nhận tất cả).</p>",
			REVIEW_LIMIT, REVIEW_LIMIT);
	page_end(&b);
	if (g != NULL)
		ingest_release(sh, g);
	return http_send_html(r, 200, &b);
}

/* One write: a decision (or every held response up to upto) through svc/review. */
struct review_op {
	int64_t id, upto;
	bool accept, all;
	const struct scope_actor *by;
	struct writer_tx *tx;
	size_t n;
};

static int write_review(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct review_op *op = arg;
	struct store *st = writer_tx_store(tx);

	if (op->all)
		return review_accept_all(st, op->by, op->upto, writer_tx_counter, tx, &op->n, err);
	return review_decide(st, op->id, op->accept, op->by, writer_tx_counter, tx, err);
}

int page_review_post(struct http_req *r)
{
	const char *action = http_form(r, "action");
	const char *idtext = r->param[0];
	struct review_op op = {0};
	struct hl_err err = {0};
	char *end;
	long long id;

	id = idtext != NULL ? strtoll(idtext, &end, 10) : 0;
	if (idtext == NULL || *end != '\0' || end == idtext || id <= 0) {
		hl_err_set(&err, HL_ENOTFOUND, HL_HERE, "không có phiếu này");
		return http_send_err(r, &err);
	}
	if (action == NULL || (strcmp(action, "accept") != 0 && strcmp(action, "reject") != 0)) {
		hl_err_set(&err, HL_EINVAL, "action", "thao tác phải là chấp nhận hoặc loại");
		return http_send_err(r, &err);
	}
	op.id = (int64_t)id;
	op.accept = strcmp(action, "accept") == 0;
	if ((op.by = actor(r)) == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (srv_write(r, write_review, &op, &err) != HL_OK)
		return http_send_err(r, &err);
	return http_redirect(r, op.accept ? "/review?done=accept" : "/review?done=reject");
}

/* Before accepting every held response shown: how many, of which units. */
static int all_confirm(struct http_req *r, const struct scope_actor *by, int64_t upto)
{
	struct store_response *list = NULL;
	struct store_unit *units = NULL;
	size_t n = 0, nu = 0;
	bool more = false;
	struct hl_err err = {0};
	struct hbuf b;

	if (review_held(r->st, r->a, by, upto, REVIEW_ALL_MAX, &list, &n, &more, &err) != HL_OK ||
		units_list(r->st, r->a, &units, &nu, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 1 << 20, "Chấp nhận tất cả phiếu chờ");
	hb_raw(&b, "<h1>Phiếu chờ xem xét</h1>");
	if (n == 0) {
		hb_raw(&b,
			"<p>Không còn phiếu nào chờ xem xét (có thể một cán bộ khác đã xử lý)."
			"</p><p><a href=\"/review\">Về danh sách</a></p>");
		return page_send(r, 200, &b);
	}
	hb_printf(&b,
		"<section class=\"confirm\" aria-labelledby=\"xac-nhan\"><h2 id=\"xac-nhan\">"
		"Chấp nhận tất cả %zu phiếu đang chờ?</h2><p>Các phiếu sẽ được tính vào chỉ số của ",
		n);
	/* the units, each once */
	for (size_t i = 0, shown = 0; i < nu; i++) {
		bool has = false;

		for (size_t k = 0; k < n && !has; k++)
			has = list[k].unit_id == units[i].id;
		if (!has)
			continue;
		hb_raw(&b, shown++ > 0 ? ", " : "");
		hb_txt(&b, units[i].name);
	}
	hb_raw(&b,
		". Chỉ chấp nhận khi đã xem danh sách: phiếu gửi dồn bất thường (nhiều phiếu "
		"giống nhau trong vài giây) nên loại từng phiếu. Phiếu đến sau khi mở danh sách không "
		"nằm trong lần này.</p>");
	page_form(&b, r, NULL, "/review/all");
	hb_printf(&b,
		"<input type=\"hidden\" name=\"upto\" value=\"%lld\"><input type=\"hidden\" "
		"name=\"confirm\" value=\"1\"><div class=\"actions\"><button type=\"submit\" "
		"class=\"danger\">Chấp nhận %zu phiếu</button> <a class=\"button secondary\" "
		"href=\"/review\">Quay lại danh sách</a></div></form></section>",
		(long long)upto, n);
	return page_send(r, 200, &b);
}

int page_review_all(struct http_req *r)
{
	const char *upto_s = http_form(r, "upto"), *confirm = http_form(r, "confirm");
	struct review_op op = {.all = true, .accept = true};
	struct hl_err err = {0};
	char *end = NULL, where[64];
	long long upto = upto_s != NULL ? strtoll(upto_s, &end, 10) : 0;

	if (upto_s == NULL || end == upto_s || *end != '\0' || upto <= 0) {
		hl_err_set(&err, HL_EINVAL, "upto",
			"thiếu danh sách phiếu đã xem: mở lại trang Chờ duyệt");
		return http_send_err(r, &err);
	}
	if ((op.by = actor(r)) == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (confirm == NULL || strcmp(confirm, "1") != 0)
		return all_confirm(r, op.by, (int64_t)upto);
	op.upto = (int64_t)upto;
	if (srv_write(r, write_review, &op, &err) != HL_OK)
		return http_send_err(r, &err);
	snprintf(where, sizeof(where), "/review?done=all&n=%zu", op.n);
	return http_redirect(r, where);
}
