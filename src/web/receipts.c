/* receipts.c — the clerk's page for the QR code on a dossier receipt:
 * GET /receipts (the form) and POST /receipts (make a one-time survey link
 * and show the printable slip with its QR code). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/receipt.h"
#include "web/pages.h"
#include "web/pick.h"

const char *web_base_url(struct http_req *r, char *buf, size_t size)
{
	const char *env = getenv("HAILONG_URL"), *host = http_header(r, "Host");

	if (env != NULL && env[0] != '\0')
		return env;
	snprintf(buf, size, "http://%s", host != NULL && host[0] != '\0' ? host : "127.0.0.1:8080");
	return buf;
}

static int form_page(struct http_req *r, int status, const char *message, const char *dossier,
	const char *unit, const char *feedback, bool is_new)
{
	struct store_unit *units = NULL;
	struct hl_err err = {0};
	size_t nunits = 0;
	struct hbuf b;

	page_start(&b, r, 1 << 16, "Mã QR khảo sát cho hồ sơ");
	hb_raw(&b,
		"<section class=\"narrow\"><h1>Mã QR khảo sát cho hồ sơ</h1>"
		"<p>In phiếu có mã QR để kèm giấy tiếp nhận hồ sơ: người dân quét mã bằng điện thoại "
		"và đánh giá một lần cho hồ sơ đó. In lại phiếu cho cùng hồ sơ thì phiếu cũ không dùng "
		"được nữa.</p>");
	page_error(&b, message);
	page_form(&b, r, NULL, "/receipts");
	hb_raw(&b,
		"<label>Mã hồ sơ <input name=\"dossier\" required maxlength=\"63\" "
		"autocomplete=\"off\" autofocus value=\"");
	hb_txt(&b, dossier ? dossier : "");
	hb_raw(&b,
		"\"></label><label class=\"check\"><input type=\"checkbox\" name=\"new\" "
		"value=\"1\"");
	if (is_new)
		hb_raw(&b, " checked");
	hb_raw(&b,
		"> Hồ sơ mới, chưa có trong các hồ sơ đã nhập từ hệ thống một cửa</label>"
		"<p class=\"note\">Mã hồ sơ không có trong các hồ sơ đã nhập thì chỉ in được khi đánh "
		"dấu ô này (để tránh in phiếu cho mã gõ nhầm).</p>");
	/* A supervisor picks among the units of its scope, by name; the server
	 * still checks the one sent. */
	if (r->role >= ROLE_SUPERVISOR && web_units(r, &units, &nunits, &err) == HL_OK) {
		hb_raw(&b, "<label>Đơn vị tiếp nhận ");
		web_unit_select(&b, "unit", units, nunits, unit, "Đơn vị của tài khoản");
		hb_raw(&b,
			"</label><p class=\"note\">Hồ sơ đã nhập từ hệ thống một cửa luôn thuộc "
			"đơn vị đã tiếp nhận nó.</p>");
	}
	hb_raw(&b,
		"<label>Nơi gửi phản ánh, kiến nghị (in trên phiếu) <textarea name=\"feedback\" "
		"rows=\"3\" maxlength=\"1000\">");
	hb_txt(&b, feedback ? feedback : receipt_feedback());
	hb_raw(&b,
		"</textarea></label><button type=\"submit\">Tạo mã QR và phiếu</button></form>"
		"</section>");
	return page_send(r, status, &b);
}

int page_receipts_form(struct http_req *r)
{
	return form_page(r, 200, NULL, NULL, NULL, NULL, false);
}

struct new_receipt {
	struct receipt_new n;
	const char *unit_code;
	char who[96];
	int replaced; /* earlier slips of the dossier it replaced */
};

static int write_receipt(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct new_receipt *nr = arg;

	return receipt_store(writer_tx_store(tx), &nr->n, nr->unit_code, nr->who, &nr->replaced,
		err);
}

int page_receipts_create(struct http_req *r)
{
	const char *dossier = http_form(r, "dossier"), *unit = http_form(r, "unit");
	const char *feedback = http_form(r, "feedback"), *flag = http_form(r, "new");
	bool is_new = flag != NULL && strcmp(flag, "1") == 0;
	struct new_receipt *nr = hl_arena_alloc(r->a, sizeof(*nr));
	struct receipt_target *t = hl_arena_alloc(r->a, sizeof(*t));
	struct receipt_slip slip;
	struct store_unit home;
	struct hl_err err = {0};
	struct hbuf b;
	char base[320], link[RECEIPT_URL_MAX];
	int rc;

	if (nr == NULL || t == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (dossier != NULL) {
		/* Codes are typed or scanned: spaces around them are noise. */
		while (*dossier == ' ')
			dossier++;
		for (char *end = (char *)dossier + strlen(dossier);
			end > dossier && end[-1] == ' ';)
			*--end = '\0';
	}
	if (feedback == NULL || feedback[0] == '\0')
		feedback = receipt_feedback();
	if (receipt_check_dossier(dossier, "dossier", &err) != HL_OK ||
		receipt_check_feedback(feedback, &err) != HL_OK)
		return form_page(r, 400, err.msg, dossier, unit, feedback, is_new);
	/* The dossier's own unit when it has been imported; else the one named
	 * (supervisors) or the clerk's own. */
	if (unit != NULL && unit[0] != '\0' && r->role >= ROLE_SUPERVISOR)
		rc = receipt_target(r->st, dossier, unit, is_new, t, &err);
	else if ((rc = scope_home(r, &home, &err)) == HL_OK)
		rc = receipt_target(r->st, dossier, home.code, is_new, t, &err);
	if (rc == HL_OK && !scope_sees(r, &t->unit))
		rc = hl_err_set(&err, HL_EPERM, "unit", "không được làm việc với đơn vị '%s'",
			t->unit.code);
	if (rc == HL_ENOTFOUND && strcmp(err.where, "new") == 0)
		return form_page(r, 404,
			hl_arena_printf(r->a,
				"Không có hồ sơ mã %s trong các hồ sơ "
				"đã nhập từ hệ thống một cửa. Xin kiểm tra lại mã; nếu đây là hồ sơ mới, đánh dấu ô "
				"“Hồ sơ mới” rồi tạo lại.",
				dossier),
			dossier, unit, feedback, is_new);
	if (rc != HL_OK)
		return form_page(r, http_status_of(rc),
			rc == HL_ENOTFOUND && (unit == NULL || unit[0] == '\0') ?
				"Hãy nhập mã đơn vị tiếp nhận hồ sơ." :
				err.msg,
			dossier, unit, feedback, is_new);
	if (receipt_prepare(dossier, t->unit.id, srv_now(), &nr->n, &err) != HL_OK ||
		receipt_url(web_base_url(r, base, sizeof(base)), nr->n.token, link, sizeof(link),
			&err) != HL_OK)
		return form_page(r, 400, err.msg, dossier, unit, feedback, is_new);
	nr->unit_code = t->unit.code;
	snprintf(nr->who, sizeof(nr->who), "web:%s", r->user.name);
	slip.url = link;
	slip.dossier = nr->n.rec.dossier;
	slip.unit_name = t->unit.name;
	slip.feedback = feedback;
	slip.created_at = nr->n.rec.created_at;
	slip.procedure = t->procedure;
	slip.field = t->field;
	/* Made once before storing, so that no link is stored that nobody can
	 * print; shown after, with whether it replaced an earlier slip. */
	hb_init(&b, r->a, 1 << 20);
	if (receipt_slip_html(&b, &slip, &err) != HL_OK)
		return http_send_err(r, &err);
	if ((rc = srv_write(r, write_receipt, nr, &err)) != HL_OK)
		return rc == HL_ECONFLICT ?
			form_page(r, 409, err.msg, dossier, unit, feedback, is_new) :
			http_send_err(r, &err);

	page_start(&b, r, 1 << 20, "Phiếu khảo sát của hồ sơ");
	hb_raw(&b,
		"<h1 class=\"noprint\">Phiếu khảo sát của hồ sơ</h1><p class=\"noprint\">In trang "
		"này (Ctrl+P) và kèm phiếu vào giấy tiếp nhận hồ sơ. Đường dẫn chỉ dùng được một lần.</p>");
	if (nr->replaced > 0)
		hb_raw(&b,
			"<p class=\"flash noprint\" role=\"status\">Phiếu này thay cho phiếu in "
			"trước đó của hồ sơ: mã QR trên phiếu cũ không dùng được nữa.</p>");
	if (receipt_slip_html(&b, &slip, &err) != HL_OK)
		return http_send_err(r, &err);
	hb_raw(&b, "<p class=\"noprint\"><a href=\"/receipts\">Tạo phiếu cho hồ sơ khác</a></p>");
	return page_send(r, 200, &b);
}
