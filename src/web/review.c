/* review.c — GET /review and POST /review/ID: the responses held for review
 * (a kiosk that sent faster than a person can answer, or with a clock in the
 * future, docs/api.md) of the caller's units; a clerk accepts them (they are
 * counted, in the same write) or rejects them (kept, never counted). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/arena.h"
#include "base/text.h"
#include "core/instrument.h"
#include "http/html.h"
#include "http/scope.h"
#include "svc/ingest.h"
#include "web/pages.h"

#define REVIEW_LIMIT 200     /* held responses shown at once, newest first */

/* The answers as "TC1 5 · TC2 4 …" with the instrument's codes. */
static void answers_summary(struct hbuf *b, const struct ingest *g,
	const struct store_response *resp)
{
	const struct ingest_inst *it = g != NULL ? ingest_instrument_id(g, resp->instrument_id) : NULL;
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

int page_review(struct http_req *r)
{
	struct store_response *list = NULL;
	struct store_unit *units = NULL;
	struct store_kiosk *kiosks = NULL;
	size_t n = 0, nu = 0, nk = 0, shown = 0;
	struct hl_err err = {0};
	struct ingest_shared *sh = api_ingest();
	const struct ingest *g = NULL;
	const char *done = http_query(r, "done");
	int64_t unit_id = r->role >= ROLE_SUPERVISOR ? 0 : r->user.unit_id;
	struct hbuf b;
	char buf[64];

	if (STORE(r->st, response_list_status, unit_id, RS_HELD, REVIEW_LIMIT, r->a, &list, &n,
			&err) != HL_OK
		|| STORE(r->st, unit_list, r->a, &units, &nu, &err) != HL_OK
		|| STORE(r->st, kiosk_list, r->a, &kiosks, &nk, &err) != HL_OK)
		return http_send_err(r, &err);
	if (sh != NULL && ingest_acquire(sh, r->st, false, &g, &err) != HL_OK)
		g = NULL;

	hb_init(&b, r->a, 8 << 20);
	page_begin(&b, r, "Phiếu chờ xem xét");
	hb_raw(&b, "<h1>Phiếu chờ xem xét</h1>");
	if (done != NULL && (strcmp(done, "accept") == 0 || strcmp(done, "reject") == 0))
		hb_raw(&b, strcmp(done, "accept") == 0 ?
			"<p class=\"ok\" role=\"status\">Đã chấp nhận phiếu: phiếu được tính vào chỉ số.</p>" :
			"<p class=\"ok\" role=\"status\">Đã loại phiếu: phiếu được giữ lại nhưng không "
			"tính vào chỉ số.</p>");
	hb_raw(&b, "<p class=\"note\">Máy kiosk gửi nhanh hơn một người có thể trả lời (quá 3 "
		"phiếu trong 60 giây), hoặc ghi thời điểm ở tương lai: phiếu được lưu nhưng chưa "
		"tính cho đến khi cán bộ chấp nhận. Sau khi kiosk mất mạng rồi có lại, các phiếu "
		"gửi dồn cũng vào đây.</p>");
	hb_raw(&b, "<div class=\"scroll\"><table class=\"review\"><thead><tr><th>Đơn vị</th>"
		"<th>Nhận lúc</th><th>Ngày trả lời</th><th>Máy kiosk</th><th>Câu trả lời</th>"
		"<th>Ý kiến</th><th>Xử lý</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct store_response *resp = &list[i];
		const struct store_unit *u;
		const char *uname = unit_label(units, nu, resp->unit_id, &u);
		const char *kname = "–";

		if (u == NULL || !scope_sees(r, u))
			continue;
		shown++;
		for (size_t k = 0; k < nk; k++)
			if (kiosks[k].id == resp->kiosk_id)
				kname = kiosks[k].name;
		hb_raw(&b, "<tr><td>");
		hb_txt(&b, uname);
		hb_raw(&b, "</td><td>");
		if (resp->received_at > 0) {
			hl_time_vn(resp->received_at, INGEST_TZ_MINUTES, buf, sizeof(buf));
			hb_txt(&b, buf);
		} else {
			hb_raw(&b, "–");
		}
		hb_raw(&b, "</td><td>");
		hb_txt(&b, hl_day_vn(resp->day, buf, sizeof(buf)));
		hb_raw(&b, "</td><td>");
		hb_txt(&b, kname);
		hb_raw(&b, "</td><td>");
		answers_summary(&b, g, resp);
		hb_raw(&b, "</td><td class=\"comment\">");
		hb_txt(&b, resp->comment);
		hb_raw(&b, "</td><td><form method=\"post\" class=\"inline\" action=\"/review/");
		hb_printf(&b, "%lld", (long long)resp->id);
		hb_raw(&b, "\">");
		hb_csrf(&b, r);
		hb_raw(&b, "<button type=\"submit\" name=\"action\" value=\"accept\" aria-label=\"Chấp "
			"nhận phiếu số ");
		hb_printf(&b, "%lld", (long long)resp->id);
		hb_raw(&b, "\">Chấp nhận</button><button type=\"submit\" class=\"secondary\" "
			"name=\"action\" value=\"reject\" aria-label=\"Loại phiếu số ");
		hb_printf(&b, "%lld", (long long)resp->id);
		hb_raw(&b, "\">Loại</button></form></td></tr>");
	}
	hb_raw(&b, "</tbody></table></div>");
	if (shown == 0)
		hb_raw(&b, "<p>Không có phiếu nào chờ xem xét.</p>");
	else if (n == REVIEW_LIMIT)
		hb_printf(&b, "<p class=\"note\">Hiện %d phiếu mới nhất; xử lý xong sẽ thấy các phiếu "
			"tiếp theo.</p>", REVIEW_LIMIT);
	page_end(&b);
	if (g != NULL)
		ingest_release(sh, g);
	return http_send_html(r, 200, &b);
}

struct review_op {
	int64_t id;
	bool accept;
	const char *who;
	const char *unit;
};

/* One write: the status change, the tallies when accepted, the audit line. */
static int write_review(struct srv_tx *tx, void *arg, struct hl_err *err)
{
	struct review_op *op = arg;
	struct store *st = srv_tx_store(tx);
	struct store_response resp;
	char detail[200];
	int rc;

	if ((rc = STORE(st, response_get, op->id, &resp, err)) != HL_OK)
		return rc;
	if (resp.status != RS_HELD)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE, "phiếu số %lld đã được xem xét rồi "
			"(có thể bởi một cán bộ khác)", (long long)op->id);
	rc = STORE(st, response_set_status, op->id, op->accept ? RS_COUNTED : RS_REJECTED, err);
	if (rc == HL_OK && op->accept) {
		resp.status = RS_COUNTED;
		rc = srv_tx_count(tx, &resp, err);
	}
	snprintf(detail, sizeof(detail), "phiếu %lld%s%.63s, đơn vị %.63s", (long long)op->id,
		resp.ext_id[0] ? " id " : "", resp.ext_id, op->unit);
	if (rc == HL_OK)
		rc = STORE(st, audit, op->who, op->accept ? "review.accept" : "review.reject",
			detail, err);
	return rc;
}

int page_review_post(struct http_req *r)
{
	const char *action = http_form(r, "action");
	const char *idtext = r->param[0];
	struct review_op op = {0};
	struct store_response resp;
	struct store_unit *units = NULL;
	const struct store_unit *u;
	size_t nu = 0;
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
	if (STORE(r->st, response_get, (int64_t)id, &resp, &err) != HL_OK
		|| STORE(r->st, unit_list, r->a, &units, &nu, &err) != HL_OK)
		return http_send_err(r, &err);
	unit_label(units, nu, resp.unit_id, &u);
	if (scope_object(r, u, HL_HERE, "không có phiếu này", &err) != HL_OK)
		return http_send_err(r, &err);
	op.id = (int64_t)id;
	op.accept = strcmp(action, "accept") == 0;
	op.who = hl_arena_printf(r->a, "web:%s", r->user.name);
	op.unit = u->code;
	if (op.who == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (srv_write(r->srv, write_review, &op, &err) != HL_OK)
		return http_send_err(r, &err);
	return http_redirect(r, op.accept ? "/review?done=accept" : "/review?done=reject");
}
