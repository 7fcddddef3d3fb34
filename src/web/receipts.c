/* receipts.c — the clerk's page for the QR code on a dossier receipt:
 * GET /receipts (the form) and POST /receipts (make a one-time survey link
 * and show the printable slip with its QR code). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/html.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/receipt.h"
#include "web/pages.h"

const char *web_base_url(struct http_req *r, char *buf, size_t size)
{
	const char *env = getenv("HAILONG_URL"), *host = http_header(r, "Host");

	if (env != NULL && env[0] != '\0')
		return env;
	snprintf(buf, size, "http://%s", host != NULL && host[0] != '\0' ? host : "127.0.0.1:8080");
	return buf;
}

static int form_page(struct http_req *r, int status, const char *message, const char *dossier,
	const char *unit, const char *feedback)
{
	struct hbuf b;

	hb_init(&b, r->a, 1 << 16);
	page_begin(&b, r, "Mã QR khảo sát cho hồ sơ");
	hb_raw(&b, "<section class=\"narrow\"><h1>Mã QR khảo sát cho hồ sơ</h1>"
		"<p>In phiếu có mã QR để kèm giấy tiếp nhận hồ sơ: người dân quét mã bằng điện thoại "
		"và đánh giá một lần cho hồ sơ đó.</p>");
	if (message != NULL) {
		hb_raw(&b, "<p class=\"error\" role=\"alert\">");
		hb_txt(&b, message);
		hb_raw(&b, "</p>");
	}
	hb_raw(&b, "<form method=\"post\" action=\"/receipts\">");
	hb_csrf(&b, r);
	hb_raw(&b, "<label>Mã hồ sơ <input name=\"dossier\" required maxlength=\"63\" "
		"autocomplete=\"off\" autofocus value=\"");
	hb_txt(&b, dossier ? dossier : "");
	hb_raw(&b, "\"></label>");
	if (r->role >= ROLE_SUPERVISOR) {
		hb_raw(&b, "<label>Mã đơn vị tiếp nhận <input name=\"unit\" maxlength=\"63\" "
			"autocomplete=\"off\" value=\"");
		hb_txt(&b, unit ? unit : "");
		hb_raw(&b, "\"></label><p class=\"note\">Để trống: đơn vị của tài khoản.</p>");
	}
	hb_raw(&b, "<label>Nơi gửi phản ánh, kiến nghị (in trên phiếu) <textarea name=\"feedback\" "
		"rows=\"3\" maxlength=\"1000\">");
	hb_txt(&b, feedback ? feedback : receipt_feedback());
	hb_raw(&b, "</textarea></label><button type=\"submit\">Tạo mã QR và phiếu</button></form>"
		"</section>");
	page_end(&b);
	return http_send_html(r, status, &b);
}

int page_receipts_form(struct http_req *r)
{
	return form_page(r, 200, NULL, NULL, NULL, NULL);
}

struct new_receipt {
	struct receipt_new n;
	const char *unit_code;
	char who[96];
};

static int write_receipt(struct srv_tx *tx, void *arg, struct hl_err *err)
{
	struct new_receipt *nr = arg;

	return receipt_store(srv_tx_store(tx), &nr->n, nr->unit_code, nr->who, err);
}

int page_receipts_create(struct http_req *r)
{
	const char *dossier = http_form(r, "dossier"), *unit = http_form(r, "unit");
	const char *feedback = http_form(r, "feedback");
	struct new_receipt *nr = hl_arena_alloc(r->a, sizeof(*nr));
	struct receipt_slip slip;
	struct store_unit u;
	struct hl_err err = {0};
	struct hbuf b;
	char base[320], link[RECEIPT_URL_MAX];
	int rc;

	if (nr == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (dossier != NULL) {
		/* Codes are typed or scanned: spaces around them are noise. */
		while (*dossier == ' ')
			dossier++;
		for (char *end = (char *)dossier + strlen(dossier); end > dossier && end[-1] == ' ';)
			*--end = '\0';
	}
	if (feedback == NULL || feedback[0] == '\0')
		feedback = receipt_feedback();
	if (receipt_check_dossier(dossier, "dossier", &err) != HL_OK ||
	    receipt_check_feedback(feedback, &err) != HL_OK)
		return form_page(r, 400, err.msg, dossier, unit, feedback);
	/* The dossier's own unit when it has been imported; else the one named
	 * (supervisors) or the clerk's own. */
	if (unit != NULL && unit[0] != '\0' && r->role >= ROLE_SUPERVISOR)
		rc = receipt_unit(r->st, dossier, unit, &u, &err);
	else if ((rc = scope_home(r, &u, &err)) == HL_OK)
		rc = receipt_unit(r->st, dossier, u.code, &u, &err);
	if (rc == HL_OK && !scope_sees(r, &u))
		rc = hl_err_set(&err, HL_EPERM, "unit", "không được làm việc với đơn vị '%s'", u.code);
	if (rc != HL_OK)
		return form_page(r, http_status_of(rc), rc == HL_ENOTFOUND && (unit == NULL ||
			unit[0] == '\0') ? "Hãy nhập mã đơn vị tiếp nhận hồ sơ." : err.msg, dossier, unit,
			feedback);
	if (receipt_prepare(dossier, u.id, srv_now(), &nr->n, &err) != HL_OK ||
	    receipt_url(web_base_url(r, base, sizeof(base)), nr->n.token, link, sizeof(link), &err) != HL_OK)
		return form_page(r, 400, err.msg, dossier, unit, feedback);
	nr->unit_code = u.code;
	snprintf(nr->who, sizeof(nr->who), "web:%s", r->user.name);

	hb_init(&b, r->a, 1 << 20);
	page_begin(&b, r, "Phiếu khảo sát của hồ sơ");
	hb_raw(&b, "<h1 class=\"noprint\">Phiếu khảo sát của hồ sơ</h1><p class=\"noprint\">In trang "
		"này (Ctrl+P) và kèm phiếu vào giấy tiếp nhận hồ sơ. Đường dẫn chỉ dùng được một lần.</p>");
	slip.url = link;
	slip.dossier = nr->n.rec.dossier;
	slip.unit_name = u.name;
	slip.feedback = feedback;
	slip.created_at = nr->n.rec.created_at;
	if (receipt_slip_html(&b, &slip, &err) != HL_OK)
		return http_send_err(r, &err);
	hb_raw(&b, "<p class=\"noprint\"><a href=\"/receipts\">Tạo phiếu cho hồ sơ khác</a></p>");
	page_end(&b);
	/* Stored only once the slip is made: no link that nobody can print. */
	if (srv_write(r->srv, write_receipt, nr, &err) != HL_OK)
		return http_send_err(r, &err);
	return http_send_html(r, 200, &b);
}
