/* kiosk.c — the survey pages citizens use: GET /kiosk (the counter kiosk),
 * GET /s/TOKEN (the phone survey of a dossier's one-time link) and the
 * kiosk's service worker at /kiosk-sw.js.
 *
 * Both survey pages are the same empty shell: survey.js draws the survey
 * from the unit's configuration (fetched with the kiosk's token, or by the
 * link). The kiosk shell carries no data, so the service worker may keep it
 * for starts while the server is unreachable. */
#include <string.h>

#include "base/arena.h"
#include "http/page.h"
#include "svc/receipt.h"
#include "web/assets.h"
#include "web/pages.h"

#define BAD_LINK_MESSAGE "Đường dẫn không hợp lệ"

/* The document head shared by the survey pages; mode is "kiosk" or "phone". */
static void shell_begin(struct hbuf *b, const char *mode, const char *title)
{
	hb_raw(b,
		"<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<meta name=\"robots\" content=\"noindex\"><title>");
	hb_txt(b, title);
	hb_raw(b,
		"</title><link rel=\"stylesheet\" href=\"/static/site.css\">"
		"<link rel=\"icon\" href=\"/static/favicon.svg\">");
	if (mode != NULL)
		hb_raw(b, "<script src=\"/static/survey.js\" defer></script>");
	hb_raw(b, "</head><body class=\"survey\"");
	if (mode != NULL) {
		hb_txt_in(b, " data-mode=\"", mode, "\"");
	}
	hb_raw(b, ">");
}

/* A page with one message and no script (a bad or used link). */
static int message_page(struct http_req *r, int status, const char *title, const char *message)
{
	struct hbuf b;

	hb_init(&b, r->a, 1 << 16);
	shell_begin(&b, NULL, title);
	hb_txt_in(&b, "<main class=\"sv\"><section class=\"sv-screen sv-center\"><h1>", title,
		"</h1><p class=\"sv-lead\">");
	hb_txt(&b, message);
	hb_raw(&b, "</p></section></main></body></html>\n");
	return http_send_html(r, status, &b);
}

/* The survey shell; survey.js fills #app. */
static int shell_page(struct http_req *r, const char *mode)
{
	struct hbuf b;

	hb_init(&b, r->a, 1 << 16);
	shell_begin(&b, mode, "Đánh giá sự phục vụ");
	hb_raw(&b,
		"<main class=\"sv\" id=\"app\"><section class=\"sv-screen sv-center\">"
		"<h1>Đánh giá sự phục vụ</h1><p class=\"sv-lead\" id=\"sv-loading\">Đang tải…</p>"
		"<noscript><p class=\"sv-lead\">Trang khảo sát cần bật JavaScript.</p></noscript>"
		"</section></main>");
	if (strcmp(mode, "kiosk") == 0)
		hb_raw(&b,
			"<aside class=\"sv-queue\" id=\"sv-queue\" aria-label=\"Câu trả lời chờ gửi\" hidden></aside>");
	hb_raw(&b, "</body></html>\n");
	return http_send_html(r, 200, &b);
}

int page_kiosk(struct http_req *r)
{
	return shell_page(r, "kiosk");
}

int page_kiosk_sw(struct http_req *r)
{
	for (const struct asset *a = assets; a->name != NULL; a++) {
		if (strcmp(a->name, "kiosk-sw.js") != 0)
			continue;
		/* The worker must be checked for updates on every start, and it
		 * controls only the kiosk page (scope /kiosk, set by survey.js). */
		http_add_header(r, "Cache-Control", "no-cache");
		return http_send(r, 200, a->ctype, (const char *)a->data, a->len);
	}
	return http_send(r, 404, "text/plain; charset=utf-8", "không có tệp này\n",
		strlen("không có tệp này\n"));
}

int page_survey(struct http_req *r)
{
	struct receipt_view v;
	struct hl_err err = {0};
	int st = receipt_find(r->st, r->param[0], &v, &err);

	if (st == HL_ENOTFOUND)
		return message_page(r, 404, BAD_LINK_MESSAGE,
			"Mã khảo sát trong đường dẫn không đúng. Hãy quét lại mã QR trên giấy tiếp nhận hồ sơ.");
	if (st != HL_OK)
		return http_send_err(r, &err);
	if (v.state == RECEIPT_USED)
		return message_page(r, 200, "Đã gửi đánh giá", RECEIPT_USED_MESSAGE);
	if (v.state == RECEIPT_REPLACED)
		return message_page(r, 410, RECEIPT_REPLACED_TITLE, RECEIPT_REPLACED_MESSAGE);
	return shell_page(r, "phone");
}
