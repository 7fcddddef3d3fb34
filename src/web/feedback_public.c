/* feedback_public.c — the citizen's side of feedback and complaints (issue
 * 6), no login: GET/POST /public/UNIT/feedback (the form: a honeypot field
 * that must stay empty and a per-address rate limit instead of a session),
 * GET/POST /public/feedback/track?token= (where the item stands, the answer
 * once published, the sender's rating of it) and GET /public/UNIT/answers
 * (the published answers). Never the sender's name or contact, never an
 * unpublished answer. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "io/qr.h"
#include "base/token.h"
#include "svc/feedback.h"
#include "svc/ingest.h"
#include "svc/ratelimit.h"
#include "svc/units.h"
#include "web/pages.h"

#define ANSWERS_MAX 200 /* published answers listed, newest received first */

/* Multi-line text people wrote, as paragraphs-in-a-block (CSS keeps the
 * line breaks). */
static void block_text(struct hbuf *b, const char *s)
{
	hb_txt_in(b, "<div class=\"fb-text\">", s != NULL ? s : "", "</div>");
}

static int form_page(struct http_req *r, const struct store_unit *u, int status,
	const char *message)
{
	const char *text = http_form(r, "text"), *name = http_form(r, "name");
	const char *contact = http_form(r, "contact");
	/* after a conflict the key is spent: the text shown is another item */
	const char *id = status == 409 ? NULL : http_form(r, "id");
	char fresh[TOKEN_SIZE];
	struct hbuf b;

	page_start(&b, r, 1 << 18, "Gửi phản ánh, kiến nghị");
	hb_raw(&b,
		"<section class=\"public fb-public\"><h1>Gửi phản ánh, kiến nghị</h1><p>Tới: "
		"<strong>");
	hb_txt(&b, u->name);
	hb_raw(&b, "</strong></p>");
	page_error(&b, message);
	hb_raw(&b, "<form method=\"post\" action=\"/public/");
	hb_url(&b, u->code);
	hb_raw(&b, "/feedback\">");
	if (r->role != ROLE_NONE)
		hb_csrf(&b, r);
	/* The form's idempotency key: sent twice (a double click, a resend),
	 * it adds one item and answers the same code and token. */
	if (id == NULL || id[0] == '\0') {
		token_random(fresh, sizeof(fresh));
		id = fresh;
	}
	hb_hidden(&b, "id", id);
	hb_raw(&b,
		"<label for=\"fb-text\">Nội dung phản ánh, kiến nghị (bắt buộc)</label>"
		"<textarea id=\"fb-text\" name=\"text\" rows=\"8\" required maxlength=\"4000\">");
	hb_txt(&b, text);
	hb_raw(&b,
		"</textarea><label>Họ và tên (không bắt buộc) <input name=\"name\" "
		"autocomplete=\"name\" maxlength=\"200\" value=\"");
	hb_txt(&b, name);
	hb_raw(&b,
		"\"></label><label>Số điện thoại hoặc địa chỉ liên hệ (không bắt buộc) "
		"<input name=\"contact\" maxlength=\"200\" value=\"");
	hb_txt(&b, contact);
	/* the honeypot: hidden from people (and screen readers), filled by robots */
	hb_raw(&b,
		"\"></label><div class=\"fb-hp\" aria-hidden=\"true\"><label>Trang web "
		"<input name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></label></div>"
		"<p class=\"note\">Họ tên và liên hệ chỉ cán bộ của đơn vị được xem, không bao giờ "
		"công khai.</p><button type=\"submit\">Gửi phản ánh, kiến nghị</button></form>"
		"<p><a class=\"go\" href=\"/public/");
	hb_url(&b, u->code);
	hb_raw(&b, "/answers\">Xem các câu trả lời đã công khai</a></p></section>");
	return page_send(r, status, &b);
}

int page_fb_public_form(struct http_req *r)
{
	struct store_unit u;
	struct hl_err err = {0};

	if (web_public_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	return form_page(r, &u, 200, NULL);
}

static bool has_text(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

/* What the sender gets once the item is stored: the item's code and its
 * short tracking code in large type, the tracking page's address as a QR
 * code, and how to follow it up — what the unit does with a contact left
 * (contact), and that the tracking code is nowhere else. */
static int receipt_page(struct http_req *r, struct hbuf *b, const char *code, const char *token,
	bool contact, struct hl_err *err)
{
	char base[320];
	const char *path = page_track_url(r, NULL, code, token);
	const char *url = page_track_url(r, web_base_url(r, base, sizeof(base)), code, token);

	if (path == NULL || url == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	hb_init(b, r->a, 1 << 18);
	page_begin(b, r, "Đã nhận phản ánh, kiến nghị");
	hb_raw(b,
		"<section class=\"public fb-public\"><h1>Đã nhận phản ánh, kiến nghị của "
		"Ông/Bà</h1><div class=\"fb-codes\"><div><p class=\"fb-big\">Mã phản ánh: "
		"<strong id=\"fb-code\">");
	hb_txt(b, code);
	hb_raw(b,
		"</strong></p><p class=\"fb-big\">Mã theo dõi: <strong id=\"fb-token\" "
		"class=\"fb-token\">");
	hb_txt(b, token);
	hb_raw(b,
		"</strong></p><p class=\"fb-keep\">Xin Ông/Bà <strong>ghi lại hoặc chụp ảnh hai "
		"mã này</strong>. Với mã phản ánh và mã theo dõi, Ông/Bà xem được tình trạng xử lý và câu "
		"trả lời trên trang tra cứu, hoặc đọc hai mã cho cán bộ khi gọi đường dây nóng của đơn "
		"vị. Mã theo dõi chỉ có 10 chữ và số, không có chữ O, I, L và số 0, 1.</p></div>"
		"<figure class=\"fb-qr\">");
	if (qr_svg(b, url, "Mã QR mở trang tra cứu phản ánh", err) != HL_OK)
		return err->code;
	hb_raw(b,
		"<figcaption>Quét mã QR bằng điện thoại để mở trang tra cứu.</figcaption>"
		"</figure></div>");
	if (contact)
		hb_raw(b,
			"<p>Ông/Bà đã để lại số điện thoại hoặc địa chỉ: cán bộ của đơn vị dùng để "
			"liên hệ với Ông/Bà về phản ánh này (không công khai). Mã theo dõi thì không ai gửi "
			"lại được, kể cả đơn vị: đơn vị chỉ lưu mã ở dạng đã mã hóa.</p>");
	else
		hb_raw(b,
			"<p>Ông/Bà không để lại số điện thoại hay địa chỉ, nên mã theo dõi là cách để "
			"xem câu trả lời. Không ai gửi lại được mã này, kể cả đơn vị: đơn vị chỉ lưu mã ở "
			"dạng đã mã hóa.</p>");
	hb_raw(b, "<p class=\"fb-big\"><a class=\"go\" id=\"fb-track\" href=\"");
	hb_txt(b, path);
	hb_raw(b,
		"\">Xem tình trạng xử lý</a></p><p>Đơn vị trả lời bằng văn bản trong thời hạn "
		"20 ngày làm việc (trừ khi phản ánh không thuộc phạm vi tiếp nhận).</p></section>");
	page_end(b);
	return b->failed ? hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ") : HL_OK;
}

int page_fb_public_post(struct http_req *r)
{
	const char *hp = http_form(r, "website");
	char code[STORE_CODE_MAX], token[FB_TOKEN_SIZE];
	struct store_unit u;
	struct fb_caller c;
	struct hl_err err = {0};
	struct hbuf b;

	if (web_public_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	if (!srv_allow(r, RL_FEEDBACK_ADDR, r->client))
		return form_page(r, &u, 429,
			"Địa chỉ mạng này đã gửi quá nhiều phản ánh trong một "
			"giờ. Xin Ông/Bà đợi một giờ rồi gửi lại, hoặc gọi đường dây nóng của đơn vị.");
	if (hp != NULL && hp[0] != '\0')
		return form_page(r, &u, 400, "Không gửi được: biểu mẫu có ô không hợp lệ.");
	c = scope_fb_caller(r);
	if (fb_add_public(&c, u.code, http_form(r, "text"), http_form(r, "name"),
		    http_form(r, "contact"), http_form(r, "id"), code, token, &err) != HL_OK)
		return form_page(r, &u, http_status_of(err.code),
			err.code == HL_ECONFLICT ?
				"Biểu mẫu này đã được gửi với nội dung khác. Nếu Ông/Bà muốn gửi thêm phản ánh "
				"dưới đây, xin bấm gửi lại." :
				err.msg);
	if (receipt_page(r, &b, code, token, has_text(http_form(r, "contact")), &err) != HL_OK)
		return http_send_err(r, &err);
	return http_send_html(r, 201, &b);
}

/* The look-up form: the item's code and its tracking code, as typed
 * before (NULL = empty). */
static void lookup_form(struct hbuf *b, const char *code, const char *token)
{
	hb_raw(b,
		"<form method=\"get\" action=\"/public/feedback/track\" class=\"fb-lookup\">"
		"<label>Mã phản ánh <input name=\"code\" autocomplete=\"off\" spellcheck=\"false\" "
		"autocapitalize=\"characters\" maxlength=\"63\" value=\"");
	hb_txt(b, code != NULL ? code : "");
	hb_raw(b,
		"\"></label><label>Mã theo dõi <input name=\"token\" required autocomplete=\"off\" "
		"spellcheck=\"false\" autocapitalize=\"characters\" maxlength=\"200\" "
		"aria-describedby=\"fb-token-note\" value=\"");
	hb_txt(b, token != NULL ? token : "");
	hb_raw(b,
		"\"></label><p class=\"note\" id=\"fb-token-note\">Mã phản ánh có dạng "
		"PA-…; mã theo dõi gồm 10 chữ và số, ví dụ <code>K7QF-93MX-2D</code> (chữ hoa hay thường, có gạch "
		"nối hay không đều được). Phản ánh gửi trước đây: chỉ cần mã theo dõi dài.</p>"
		"<button type=\"submit\">Tra cứu</button></form>");
}

/* The look-up form again, with why the look-up of code/token failed (rc,
 * err from fb_track_by); no token: the empty form. */
static int lookup_page(struct http_req *r, int rc, const struct hl_err *err, const char *code,
	const char *token)
{
	bool asked = token != NULL && token[0] != '\0';
	struct hbuf b;

	page_start(&b, r, 1 << 18, "Tra cứu phản ánh, kiến nghị");
	hb_raw(&b, "<section class=\"public fb-public\"><h1>Tra cứu phản ánh, kiến nghị</h1>");
	if (asked) {
		hb_raw(&b, "<p class=\"error\" role=\"alert\">");
		hb_txt(&b,
			rc == HL_ELIMIT || rc == HL_EINVAL ?
				err->msg :
				"Không tìm thấy phản ánh "
				"với mã phản ánh và mã theo dõi này. Xin kiểm tra lại từng chữ của hai mã.");
		if (rc == HL_ENOTFOUND && strstr(err->msg, "không có chữ O") != NULL)
			hb_raw(&b, " Mã theo dõi không có chữ O, I, L và số 0, 1.");
		hb_raw(&b, "</p>");
	}
	lookup_form(&b, code, token);
	hb_raw(&b, "</section>");
	page_end(&b);
	return http_send_html(r,
		!asked                  ? 200 :
			rc == HL_ELIMIT ? 429 :
			rc == HL_EINVAL ? 400 :
					  404,
		&b);
}

/* The tracking page of item it, found by code/token, with message (a
 * status below 400: done, else what went wrong). */
static int item_page(struct http_req *r, int status, const struct fb_item *it, const char *token,
	const char *message)
{
	char when[32];
	struct hbuf b;

	page_start(&b, r, 1 << 18, "Tình trạng phản ánh, kiến nghị");
	hb_txt_in(&b, "<section class=\"public fb-public\"><h1>Phản ánh, kiến nghị ", it->it.code,
		"</h1>");
	page_message(&b, status, message);
	hb_txt_in(&b, "<dl class=\"fb-facts\"><dt>Nhận lúc</dt><dd>",
		hl_clock_fmt_minute(it->it.received_at, when, sizeof(when)),
		"</dd><dt>Tình trạng</dt><dd class=\"fb-big\" id=\"fb-state\">");
	hb_txt(&b, fb_state_label(it->it.state));
	hb_raw(&b, "</dd></dl><h2>Nội dung</h2>");
	block_text(&b, it->it.text);
	if (fb_answer_public(it)) {
		hb_raw(&b, "<h2>Trả lời của đơn vị</h2>");
		block_text(&b, it->it.answer);
		hb_txt_in(&b, "<p class=\"note\">Công khai lúc ",
			hl_clock_fmt_minute(it->it.published_at, when, sizeof(when)), "</p>");
		if (it->it.state == FB_PUBLISHED) {
			hb_raw(&b,
				"<h2>Ông/Bà có hài lòng với câu trả lời?</h2><form method=\"post\" "
				"action=\"/public/feedback/track\" class=\"inline\">");
			if (r->role != ROLE_NONE)
				hb_csrf(&b, r);
			hb_hiddens(&b,
				(const char *const[]){"code", it->it.code, "token", token, NULL});
			hb_raw(&b,
				"<button type=\"submit\" name=\"rating\" value=\"satisfied\">Hài "
				"lòng</button><button type=\"submit\" name=\"rating\" value=\"unsatisfied\" "
				"class=\"secondary\">Không hài lòng</button></form>");
		} else if (it->it.rating != 0) {
			hb_txt_in(&b, "<p>Ông/Bà đã đánh giá: <strong>",
				it->it.rating == 1 ? "Hài lòng" : "Không hài lòng",
				"</strong></p>");
		}
	} else {
		hb_raw(&b, "<p>Chưa có câu trả lời được công khai.</p>");
	}
	hb_raw(&b, "<p><a class=\"go\" href=\"/public/");
	hb_url(&b, it->unit_code);
	hb_raw(&b, "/answers\">Các câu trả lời đã công khai của đơn vị</a></p></section>");
	return page_send(r, status, &b);
}

int page_fb_track(struct http_req *r)
{
	const char *code = http_query(r, "code"), *token = http_query(r, "token");
	struct fb_caller c = scope_fb_caller(r);
	struct fb_item it;
	struct hl_err err = {0};
	int rc = HL_ENOTFOUND;

	if (token != NULL && token[0] != '\0')
		rc = fb_track_by(&c, r->client, srv_now(), code, token, &it, &err);
	if (rc != HL_OK)
		return lookup_page(r, rc, &err, code, token);
	return item_page(r, 200, &it, token, NULL);
}

int page_fb_track_rate(struct http_req *r)
{
	const char *code = http_form(r, "code"), *token = http_form(r, "token");
	const char *rating = http_form(r, "rating");
	struct fb_caller c = scope_fb_caller(r);
	struct fb_step_args a = {.action = "rate", .rating = rating};
	struct fb_item it;
	struct hl_err err = {0};
	bool ok = rating != NULL && strcmp(rating, "satisfied") == 0;
	int rc = fb_track_by(&c, r->client, srv_now(), code,
		token != NULL && token[0] != '\0' ? token : "x", &it, &err);

	if (rc != HL_OK)
		return lookup_page(r, rc, &err, code,
			token != NULL && token[0] != '\0' ? token : "x");
	if (!ok && (rating == NULL || strcmp(rating, "unsatisfied") != 0))
		return item_page(r, 400, &it, token, "Hãy chọn Hài lòng hoặc Không hài lòng.");
	/* rated as the sender, whoever is logged in */
	c.who = "web:nguoi-gui";
	if (fb_step_do(&c, &it, &a, &err) != HL_OK)
		return item_page(r, http_status_of(err.code), &it, token, err.msg);
	/* the item as rated: read again by its code (found above by its tracking code) */
	if (fb_get(r->st, NULL, it.it.code, hl_clock_minute(), r->a, &it, &err) != HL_OK)
		return http_send_err(r, &err);
	return item_page(r, 200, &it, token,
		ok ? "Cảm ơn Ông/Bà đã đánh giá." :
		     "Cảm ơn Ông/Bà. Đơn vị sẽ xem xét và trả lời lại.");
}

int page_fb_answers(struct http_req *r)
{
	struct fb_query q = {.published_only = true, .with_text = true};
	struct fb_item *items = NULL;
	struct store_unit u;
	struct hl_err err = {0};
	size_t n = 0, shown = 0;
	struct hbuf b;

	if (web_public_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	q.unit = u.code;
	q.at = hl_clock_minute();
	if (fb_list(r->st, NULL, &q, r->a, &items, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 8 << 20, "Trả lời phản ánh, kiến nghị");
	hb_txt_in(&b, "<section class=\"public fb-public\"><h1>Trả lời phản ánh, kiến nghị</h1><p>",
		u.name, "</p><p><a class=\"go\" href=\"/public/");
	hb_url(&b, u.code);
	hb_raw(&b, "/feedback\">Gửi phản ánh, kiến nghị</a></p>");
	/* newest first */
	for (size_t k = n; k > 0 && shown < ANSWERS_MAX; k--) {
		const struct fb_item *it = &items[k - 1];
		char when[32];

		if (!fb_answer_public(it))
			continue;
		shown++;
		hb_txt_in(&b, "<article class=\"fb-answer\"><h2>", it->it.code,
			"</h2><p class=\"note\">Nhận ngày ");
		hb_txt(&b, hl_clock_fmt_minute(it->it.received_at, when, sizeof(when)));
		hb_txt_in(&b, " · công khai ngày ",
			hl_clock_fmt_minute(it->it.published_at, when, sizeof(when)),
			"</p><h3>Nội dung</h3>");
		block_text(&b, it->it.text);
		hb_raw(&b, "<h3>Trả lời</h3>");
		block_text(&b, it->it.answer);
		hb_raw(&b, "</article>");
	}
	if (shown == 0)
		hb_raw(&b, "<p>Chưa có câu trả lời nào được công khai.</p>");
	hb_raw(&b,
		"<h2>Tra cứu phản ánh của Ông/Bà</h2><p>Nhập mã phản ánh và mã theo dõi nhận "
		"được khi gửi phản ánh, kiến nghị để xem kết quả xử lý.</p>");
	lookup_form(&b, NULL, NULL);
	hb_raw(&b, "</section>");
	return page_send(r, 200, &b);
}
