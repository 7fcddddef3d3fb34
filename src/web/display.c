/* display.c — GET /display/UNIT: the page for the TV or LED screen at the
 * one-stop counter (seed 003 §I.4), no login: the unit's latest published
 * SIPAS and criteria with their change (the frozen snapshot, never live
 * figures), how to answer the survey and to send feedback with the QR codes
 * of the unit's public page and feedback form with the unit's hotline and
 * address, and how many unsatisfied opinions the unit followed up this
 * month with the fixes its staff published. Slides in large type that
 * display.js turns every few seconds; it fetches ?part=slides every few
 * minutes and keeps what it shows when the server cannot be reached.
 * Without JavaScript the slides stand one under the other. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "core/period.h"
#include "http/page.h"
#include "io/qr.h"
#include "svc/followup.h"
#include "svc/publish.h"
#include "web/pages.h"

#define DISPLAY_FIXES 3 /* published fixes on the slide: readable from three metres */

/* One criterion of the published figures: its value and change. */
static void criterion(struct hbuf *b, json_t *row, bool big)
{
	json_t *v = json_object_get(row, "value"), *c = json_object_get(row, "change");
	const char *name = json_string_value(json_object_get(row, "criterion_name"));
	char buf[32];

	hb_raw(b,
		big ? "<div class=\"d-sipas\"><p class=\"d-name\">" :
		      "<li><span class=\"d-name\">");
	hb_txt(b, name != NULL ? name : "");
	hb_raw(b, big ? "</p><p class=\"d-value\">" : "</span> <span class=\"d-value\">");
	hb_txt(b, json_is_number(v) ? hl_fmt_dec(buf, sizeof(buf), json_number_value(v), 2) : "–");
	hb_raw(b, big ? "%</p>" : "%</span>");
	if (json_is_number(c)) {
		double d = json_number_value(c);

		hb_raw(b,
			d > 0         ? " <span class=\"d-up\">▲ " :
				d < 0 ? " <span class=\"d-down\">▼ " :
					" <span class=\"d-same\">");
		hb_txt(b, hl_fmt_signed(buf, sizeof(buf), d, 2));
		hb_raw(b, big ? " điểm so với cùng kỳ năm trước</span>" : "</span>");
	}
	hb_raw(b, big ? "</div>" : "</li>");
}

/* The slide of the latest published figures, or a line that none are. */
static int figures_slide(struct hbuf *b, struct http_req *r, const struct store_unit *u,
	struct hl_err *err)
{
	struct store_report *list = NULL, latest;
	char *figures = NULL, label[96];
	json_t *root, *rows, *row;
	size_t n = 0, i;
	int rc = pub_reports(r->st, u->id, r->a, &list, &n, err);

	if (rc != HL_OK)
		return rc;
	hb_raw(b,
		"<section class=\"slide\" aria-label=\"Kết quả đo lường sự hài lòng\">"
		"<h2>Kết quả đo lường sự hài lòng</h2>");
	if (n == 0) {
		hb_raw(b, "<p class=\"d-note\">Đơn vị chưa công bố kết quả nào.</p></section>");
		return HL_OK;
	}
	if ((rc = pub_report(r->st, list[0].id, r->a, &latest, &figures, NULL, NULL, err)) != HL_OK)
		return rc;
	hb_txt_in(b, "<p class=\"d-period\">",
		web_period_label(latest.period, label, sizeof(label)), "</p>");
	root = figures != NULL ? json_loads(figures, 0, NULL) : NULL;
	rows = json_object_get(root, "rows");
	/* SIPAS first and large, then the five criteria (the change in points
	 * against the same period a year before) */
	hb_raw(b, "<div class=\"d-fig\">");
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			hb_raw(b, "<ul class=\"d-crit\">");
		json_array_foreach(rows, i, row)
		{
			const char *unit = json_string_value(json_object_get(row, "unit"));
			const char *code = json_string_value(json_object_get(row, "criterion"));
			bool sipas = code != NULL && strcmp(code, "SIPAS") == 0;

			if (unit != NULL && strcmp(unit, u->code) == 0 && code != NULL &&
				sipas == (pass == 0))
				criterion(b, row, pass == 0);
		}
		if (pass == 1)
			hb_raw(b, "</ul>");
	}
	json_decref(root);
	hb_raw(b,
		"</div><p class=\"d-note\">Tỷ lệ % ý kiến hài lòng trên tổng số câu trả lời "
		"hợp lệ; ▲▼: tăng, giảm so với cùng kỳ năm trước (điểm %).</p></section>");
	return HL_OK;
}

/* A slide with text, then contact (may be NULL: the unit's contact
 * lines), beside url's QR code. */
static int qr_slide(struct hbuf *b, struct http_req *r, const char *title, const char *text,
	const struct store_unit *contact, const char *url, const char *label, struct hl_err *err)
{
	hb_txt_in(b, "<section class=\"slide\" aria-label=\"", title, "\"><h2>");
	hb_txt(b, title);
	hb_txt_in(b, "</h2><div class=\"d-qr\"><div><p>", text, "</p>");
	if (contact != NULL && web_unit_contact(b, r, contact, err) != HL_OK)
		return err->code;
	hb_txt_in(b, "<p class=\"d-url\">", url, "</p></div><figure>");
	if (qr_svg(b, url, label, err) != HL_OK)
		return err->code;
	hb_raw(b, "</figure></div></section>");
	return HL_OK;
}

/* Closed this month (Vietnam's): how many cases the unit followed up, and
 * the fixes its staff published, in their words. */
static int fixes_slide(struct hbuf *b, struct http_req *r, const struct store_unit *u,
	struct hl_err *err)
{
	int64_t now = hl_clock_minute();
	hl_day first = hl_day_month_start((hl_day)(now / 1440));
	struct followup_query q = {.unit = u->code, .at = now};
	struct followup *x = NULL;
	size_t n = 0, closed = 0, open = 0, shown = 0;
	int y, m, d, days = FOLLOW_DAYS, rc = followup_list(r->st, &q, r->a, &x, &n, err);

	if (rc == HL_OK)
		rc = followup_days(r->st, u->id, &days, err);
	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		closed += x[i].f.state == FS_CLOSED && x[i].f.closed_at / 1440 >= first;
		open += x[i].f.state != FS_CLOSED;
	}
	hl_day_to_ymd(first, &y, &m, &d);
	hb_raw(b,
		"<section class=\"slide\" aria-label=\"Khắc phục ý kiến chưa hài lòng\">"
		"<h2>Khắc phục ý kiến chưa hài lòng</h2>");
	hb_printf(b,
		"<p class=\"d-big\">Tháng %02d/%04d: đã khắc phục <strong>%zu</strong> vụ việc</p>"
		"<p>Đang xử lý: %zu vụ việc.</p>",
		m, y, closed, open);
	if ((rc = web_unit_fixes(b, r, u, (int64_t)first * 1440, DISPLAY_FIXES, &shown, err)) !=
		HL_OK)
		return rc;
	hb_printf(b,
		"<p class=\"d-note\">Mỗi phiếu khảo sát chưa hài lòng được đơn vị tìm nguyên "
		"nhân, khắc phục và gọi lại người dân trong %d ngày làm việc.</p></section>",
		days);
	return HL_OK;
}

/* The slides alone (?part=slides, for display.js's refresh) or the page. */
int page_display(struct http_req *r)
{
	const char *part = http_query(r, "part");
	bool slides_only = part != NULL && strcmp(part, "slides") == 0;
	struct store_unit u;
	struct hl_err err = {0};
	char base[256], when[32];
	const char *pub, *fb;
	struct hbuf b;

	if (web_public_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	web_base_url(r, base, sizeof(base));
	pub = hl_arena_printf(r->a, "%s/public/%s", base, u.code);
	fb = hl_arena_printf(r->a, "%s/public/%s/feedback", base, u.code);
	if (pub == NULL || fb == NULL) {
		hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		return http_send_err(r, &err);
	}
	hb_init(&b, r->a, 2 << 20);
	if (!slides_only) {
		hb_raw(&b,
			"<!doctype html>\n<html lang=\"vi\" class=\"d-html\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			"<title>");
		hb_txt(&b, u.name);
		hb_raw(&b,
			" – màn hình tại bộ phận một cửa</title><link rel=\"stylesheet\" "
			"href=\"/static/site.css\"><script src=\"/static/display.js\" defer></script>"
			"</head><body class=\"display\"><main><header class=\"d-head\"><h1>");
		hb_txt(&b, u.name);
		hb_raw(&b,
			"</h1><p id=\"d-offline\" class=\"d-offline\" hidden role=\"status\">Mất "
			"kết nối – đang hiện nội dung đã tải trước đó</p></header>"
			"<div id=\"slides\" aria-live=\"off\">");
	}
	if (figures_slide(&b, r, &u, &err) != HL_OK ||
		qr_slide(&b, r, "Ông/Bà hài lòng với sự phục vụ?",
			"Xin Ông/Bà trả lời phiếu khảo sát trên máy kiosk, bằng phiếu giấy bỏ hòm "
			"phiếu, hoặc quét mã QR trên Giấy tiếp nhận hồ sơ. Kết quả và cách góp ý "
			"tại trang của đơn vị:",
			NULL, pub, "Mã QR mở trang kết quả của đơn vị", &err) != HL_OK ||
		qr_slide(&b, r, "Phản ánh, kiến nghị",
			"Gửi phản ánh, kiến nghị tại bộ phận tiếp nhận và trả kết quả, hoặc quét mã "
			"QR để gửi trên điện thoại; Ông/Bà nhận mã theo dõi để xem kết quả xử lý.",
			&u, fb, "Mã QR mở trang gửi phản ánh, kiến nghị", &err) != HL_OK ||
		fixes_slide(&b, r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	if (slides_only)
		return http_send_html(r, 200, &b);
	hb_txt_in(&b, "</div><footer class=\"d-foot\">Cập nhật lúc <span id=\"d-when\">",
		hl_clock_fmt_minute(hl_clock_minute(), when, sizeof(when)),
		"</span></footer></main></body></html>\n");
	return http_send_html(r, 200, &b);
}
