/* public.c — GET /public/UNIT, for anyone: the unit's published reports
 * (period, version, who published it and when, a download link) with the
 * SIPAS table of the newest one, how to give an opinion and reach the
 * unit, the fixes its staff published after unsatisfied opinions; GET
 * /public/UNIT/reports/ID, one published version. Only what was published
 * is shown — the frozen snapshot, never live figures, never an unpublished
 * period, never a person's answers or a civil servant's results; a
 * citizen's comment only as a clerk approved it for publication (a document
 * quoting one whose approval was withdrawn, or published before approvals
 * existed, shows its figures only). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/followup.h"
#include "core/period.h"
#include "http/page.h"
#include "svc/accounts.h"
#include "svc/followup.h"
#include "svc/ingest.h"
#include "svc/kiosks.h"
#include "svc/publish.h"
#include "svc/units.h"
#include "web/pages.h"

#define PUBLIC_LIST_MAX 200 /* versions listed on the page, newest first */
#define FIXES_MAX 20        /* published fixes listed, newest first */

static void cell_dec(struct hbuf *b, json_t *v, bool sign)
{
	char buf[32];

	hb_raw(b, "<td class=\"num\">");
	if (json_is_number(v)) {
		if (sign)
			hl_fmt_signed(buf, sizeof(buf), json_number_value(v), 2);
		else
			hl_fmt_dec(buf, sizeof(buf), json_number_value(v), 2);
		hb_txt(b, buf);
	} else {
		hb_raw(b, "–");
	}
	hb_raw(b, "</td>");
}

void web_figures_table(struct hbuf *b, const char *figures, const char *unit_code)
{
	json_t *root = figures != NULL ? json_loads(figures, 0, NULL) : NULL;
	json_t *rows = json_object_get(root, "rows"), *row;
	const char *label = json_string_value(json_object_get(root, "label"));
	size_t i;
	int shown = 0;

	if (!json_is_array(rows)) {
		hb_raw(b, "<p>Không đọc được số liệu của bản công bố này.</p>");
		json_decref(root);
		return;
	}
	hb_raw(b, "<div class=\"scroll\"><table class=\"figures\"><caption>Chỉ số hài lòng");
	if (label != NULL) {
		hb_raw(b, " – ");
		hb_txt(b, label);
	}
	hb_raw(b,
		"</caption><thead><tr><th scope=\"col\">Tiêu chí</th><th scope=\"col\">Chỉ số "
		"(%)</th><th scope=\"col\">Số phiếu</th><th scope=\"col\">Chỉ tiêu</th>"
		"<th scope=\"col\">Đạt</th><th scope=\"col\">Tăng/giảm so với cùng kỳ</th>"
		"<th scope=\"col\">Xếp hạng</th></tr></thead><tbody>");
	json_array_foreach(rows, i, row)
	{
		const char *unit = json_string_value(json_object_get(row, "unit"));
		const char *code = json_string_value(json_object_get(row, "criterion"));
		const char *name = json_string_value(json_object_get(row, "criterion_name"));
		json_t *met = json_object_get(row, "met"), *rank = json_object_get(row, "rank");
		char buf[48];

		if (unit == NULL || unit_code == NULL || strcmp(unit, unit_code) != 0)
			continue;
		shown++;
		hb_raw(b, "<tr><th scope=\"row\">");
		hb_txt(b, code != NULL ? code : "?");
		if (name != NULL && code != NULL && strcmp(name, code) != 0) {
			hb_txt_in(b, " <span class=\"note\">", name, "</span>");
		}
		hb_raw(b, "</th>");
		cell_dec(b, json_object_get(row, "value"), false);
		hl_fmt_int(buf, sizeof(buf),
			(long long)json_integer_value(json_object_get(row, "n")));
		hb_txt_in(b, "<td class=\"num\">", buf, "</td>");
		cell_dec(b, json_object_get(row, "target"), false);
		hb_raw(b,
			json_is_true(met)          ? "<td>Đạt</td>" :
				json_is_false(met) ? "<td class=\"below\">Chưa đạt</td>" :
						     "<td>–</td>");
		cell_dec(b, json_object_get(row, "change"), true);
		hb_raw(b, "<td class=\"num\">");
		if (json_is_integer(rank)) {
			snprintf(buf, sizeof(buf), "%lld/%lld", (long long)json_integer_value(rank),
				(long long)json_integer_value(json_object_get(row, "of")));
			hb_txt(b, buf);
		} else {
			hb_raw(b, "–");
		}
		hb_raw(b, "</td></tr>");
	}
	hb_raw(b, "</tbody></table></div>");
	if (shown == 0)
		hb_raw(b, "<p>Bản công bố này không có số liệu của đơn vị.</p>");
	json_decref(root);
}

int web_public_unit(struct http_req *r, struct store_unit *u, struct hl_err *err)
{
	const char *code = r->param[0];

	if (code == NULL || strlen(code) >= STORE_CODE_MAX ||
		units_get(r->st, code, u, err) != HL_OK)
		return hl_err_set(err, HL_ENOTFOUND, "unit", "không có đơn vị này");
	return HL_OK;
}

const char *web_period_label(const char *code, char *buf, size_t size)
{
	struct hl_period p;

	if (hl_period_parse(code, &p, NULL) == HL_OK)
		hl_period_label(&p, buf, size);
	else
		snprintf(buf, size, "%s", code);
	return buf;
}

/* The published versions, newest first, with their download links. */
static void published_list(struct hbuf *b, const struct store_unit *u,
	const struct store_report *list, size_t n)
{
	page_table(b, "published",
		"<th scope=\"col\">Kỳ báo cáo</th><th scope=\"col\">Phiên bản</th>"
		"<th scope=\"col\">Công bố lúc</th><th scope=\"col\">Người công bố</th>"
		"<th scope=\"col\">Tải về</th>");
	for (size_t i = 0; i < n && i < PUBLIC_LIST_MAX; i++) {
		char label[96], when[32];

		web_period_label(list[i].period, label, sizeof(label));
		hl_clock_fmt(list[i].published_at, when, sizeof(when));
		hb_raw(b, "<tr><td>");
		hb_txt(b, label);
		hb_printf(b, "</td><td class=\"num\">%d</td><td>", list[i].version);
		hb_txt(b, when);
		hb_txt_in(b, "</td><td>", account_who_label(b->a, list[i].published_by),
			"</td><td><a href=\"/public/");
		hb_url(b, u->code);
		hb_printf(b, "/reports/%lld\">", (long long)list[i].id);
		hb_txt(b,
			!list[i].doc_public || list[i].format[0] == '\0' ? "Số liệu" :
				strcmp(list[i].format, "pdf") == 0       ? "Báo cáo (PDF)" :
									   "Báo cáo (HTML)");
		hb_raw(b, "<span class=\"visually-hidden\"> ");
		hb_txt(b, label);
		hb_printf(b, ", phiên bản %d</span></a></td></tr>", list[i].version);
	}
	hb_raw(b, "</tbody></table></div>");
}

int web_unit_contact(struct hbuf *b, struct http_req *r, const struct store_unit *u,
	struct hl_err *err)
{
	struct store_unit_contact c;
	int rc = units_contact(r->st, u->id, &c, err);

	if (rc != HL_OK || (c.hotline[0] == '\0' && c.address[0] == '\0' && c.email[0] == '\0'))
		return rc;
	hb_raw(b, "<ul class=\"contact\">");
	if (c.hotline[0] != '\0') {
		hb_raw(b, "<li>Đường dây nóng: <a href=\"tel:");
		for (const char *p = c.hotline; *p; p++)
			if (*p != ' ' && *p != '.' && *p != '(' && *p != ')')
				hb_printf(b, "%c", *p);
		hb_txt_in(b, "\">", c.hotline, "</a></li>");
	}
	if (c.address[0] != '\0') {
		hb_txt_in(b, "<li>Địa chỉ: ", c.address, "</li>");
	}
	if (c.email[0] != '\0') {
		hb_txt_in(b, "<li>Thư điện tử: <a href=\"mailto:", c.email, "\">");
		hb_txt(b, c.email);
		hb_raw(b, "</a></li>");
	}
	hb_raw(b, "</ul>");
	return HL_OK;
}

int web_unit_fixes(struct hbuf *b, struct http_req *r, const struct store_unit *u, int64_t since,
	size_t max, size_t *n, struct hl_err *err)
{
	struct store_follow *f = NULL;
	int rc = followup_published(r->st, u->id, since, max, r->a, &f, n, err);

	if (rc != HL_OK || *n == 0)
		return rc;
	hb_raw(b, "<ul class=\"fixes\">");
	for (size_t i = 0; i < *n; i++) {
		char day[16], names[512];

		hb_txt_in(b, "<li><p class=\"fix-head\"><time>",
			hl_day_vn((hl_day)(f[i].closed_at / 1440), day, sizeof(day)), "</time> · ");
		hb_txt(b,
			f[i].criteria[0] != '\0' ?
				fu_criteria_label(f[i].criteria, names, sizeof(names)) :
				"Phản ánh của người dân");
		hb_txt_in(b, "</p><p>", f[i].fix, "</p></li>");
	}
	hb_raw(b, "</ul>");
	return HL_OK;
}

int page_public(struct http_req *r)
{
	struct store_unit u, to;
	struct store_kiosk *k = NULL;
	struct store_report *list = NULL;
	size_t nk = 0, live = 0, n = 0, nfix = 0;
	struct hl_err err = {0};
	struct hbuf b;
	hl_day merged_on = HL_DAY_NONE;
	bool merged;

	if (web_public_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	if (pub_reports(r->st, u.id, r->a, &list, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	if (kiosks_all(r->st, r->a, &k, &nk, &err) == HL_OK)
		for (size_t i = 0; i < nk; i++)
			live += k[i].unit_id == u.id && !k[i].revoked;
	merged = units_successor(r->st, u.id, &to, &merged_on, &err) == HL_OK;
	hl_err_clear(&err);
	page_start(&b, r, 4 << 20, u.name);
	hb_txt_in(&b, "<section class=\"public\"><h1>", u.name, "</h1>");
	if (merged) {
		char day[16];

		hb_txt_in(&b, "<p class=\"flash merged\">", u.name,
			" đã sáp nhập vào <a href=\"/public/");
		hb_url(&b, to.code);
		hb_txt_in(&b, "\">", to.name, "</a> từ ngày ");
		hb_txt(&b, hl_day_vn(merged_on, day, sizeof(day)));
		hb_txt_in(&b, ". Kết quả từ ngày đó và việc tiếp nhận ý kiến ở trang của ", to.name,
			"; dưới đây là các kết quả đơn vị đã công bố trước khi sáp nhập.</p>");
	}
	hb_raw(&b,
		"<h2>Kết quả đo lường sự hài lòng</h2>"
		"<p>Kết quả khảo sát được công bố cùng các báo cáo định kỳ của đơn vị: hằng tháng "
		"(ngày 28), Quý I và Quý III (ngày 25/3, 25/9), 6 tháng (25/6) và cả năm (25/12). "
		"Báo cáo công bố trước khi kỳ kết thúc gồm các phiếu đến ngày công bố.</p>");
	if (n == 0) {
		hb_raw(&b, "<p><strong>Chưa có kết quả nào được công bố.</strong></p>");
	} else {
		struct store_report latest;
		char *figures = NULL, label[96], when[32];

		if (pub_report(r->st, list[0].id, r->a, &latest, &figures, NULL, NULL, &err) !=
			HL_OK)
			return http_send_err(r, &err);
		web_period_label(latest.period, label, sizeof(label));
		hl_clock_fmt(latest.published_at, when, sizeof(when));
		hb_raw(&b, "<h3>Công bố mới nhất: ");
		hb_txt(&b, label);
		hb_printf(&b, " (phiên bản %d, ", latest.version);
		hb_txt(&b, when);
		hb_raw(&b, ")</h3>");
		web_figures_table(&b, figures, u.code);
		hb_raw(&b,
			"<p class=\"note\">Chỉ số: tỷ lệ % ý kiến hài lòng trên tổng số câu trả lời "
			"hợp lệ. Tăng/giảm: so với cùng kỳ năm trước. Xếp hạng: theo SIPAS, trong các đơn "
			"vị cùng loại, cùng cấp trên.</p><h3>Các báo cáo đã công bố</h3>");
		published_list(&b, &u, list, n);
	}
	hb_raw(&b,
		"<h2>Góp ý của Ông/Bà</h2><div class=\"how\">"
		"<p>Khi nộp hồ sơ, Ông/Bà nhận <em>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</em>. "
		"Trên giấy có <strong>mã QR</strong>: dùng máy ảnh của điện thoại quét mã để trả lời "
		"phiếu khảo sát về hồ sơ đó (mỗi hồ sơ được đánh giá một lần).</p>");
	if (live > 0)
		hb_raw(&b,
			"<p>Ông/Bà cũng có thể trả lời phiếu khảo sát trên <strong>máy kiosk</strong> "
			"đặt tại bộ phận tiếp nhận và trả kết quả, hoặc bỏ phiếu giấy vào hòm phiếu.</p>");
	else
		hb_raw(&b,
			"<p>Ông/Bà cũng có thể điền phiếu khảo sát giấy và bỏ vào hòm phiếu tại bộ "
			"phận tiếp nhận và trả kết quả.</p>");
	hb_raw(&b,
		"<p>Ý kiến khảo sát là ẩn danh: kết quả chỉ công bố dưới dạng chỉ số tổng hợp "
		"của đơn vị, không công bố ý kiến của từng người.</p></div>"
		"<h2>Phản ánh, kiến nghị</h2><div class=\"how\"><p>Cần cơ quan trả lời một việc cụ "
		"thể? <a href=\"/public/");
	hb_url(&b, merged ? to.code : u.code);
	hb_raw(&b,
		"/feedback\">Gửi phản ánh, kiến nghị</a>: Ông/Bà nhận một mã theo dõi để xem "
		"kết quả xử lý. <a href=\"/public/");
	hb_url(&b, u.code);
	hb_raw(&b, "/answers\">Các câu trả lời đã công khai</a>.</p>");
	if (web_unit_contact(&b, r, merged ? &to : &u, &err) != HL_OK)
		return http_send_err(r, &err);
	hb_raw(&b,
		"</div><h2>Đơn vị đã khắc phục</h2><p>Mỗi phiếu khảo sát chưa hài lòng được đơn "
		"vị tìm nguyên nhân và khắc phục; đây là những việc đơn vị đã làm (trong 12 tháng "
		"qua, mới nhất trước), do cán bộ viết.</p>");
	if (web_unit_fixes(&b, r, &u, hl_clock_minute() - (int64_t)366 * 1440, FIXES_MAX, &nfix,
		    &err) != HL_OK)
		return http_send_err(r, &err);
	if (nfix == 0)
		hb_raw(&b, "<p>Chưa có việc khắc phục nào được công bố.</p>");
	hb_raw(&b, "</section>");
	return page_send(r, 200, &b);
}

int page_public_report(struct http_req *r)
{
	const char *idtext = r->param[1];
	struct store_unit u;
	struct store_report rep;
	struct hl_err err = {0};
	char *figures = NULL, *end, label[96], when[32], disp[128];
	void *doc = NULL;
	size_t len = 0;
	long long id;
	struct hbuf b;

	if (web_public_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	id = idtext != NULL ? strtoll(idtext, &end, 10) : 0;
	if (idtext == NULL || end == idtext || *end != '\0' || id <= 0 ||
		pub_report(r->st, (int64_t)id, r->a, &rep, &figures, &doc, &len, &err) != HL_OK ||
		rep.unit_id != u.id) {
		/* another unit's report: as if it did not exist */
		hl_err_set(&err, HL_ENOTFOUND, "report", "không có báo cáo đã công bố này");
		return http_send_err(r, &err);
	}
	/* The document only while every comment it quotes is still approved
	 * for publication (svc/comments.h); its figures always. */
	if (doc != NULL && len > 0 && rep.doc_public) {
		bool pdf = strcmp(rep.format, "pdf") == 0;

		/* the id only: a unit code is not trusted inside a header */
		snprintf(disp, sizeof(disp), "%s; filename=\"bao-cao-%lld-v%d.%s\"",
			pdf ? "attachment" : "inline", (long long)rep.id, rep.version,
			pdf ? "pdf" : "html");
		http_add_header(r, "Content-Disposition", disp);
		/* The report's own stylesheet, which the strict CSP would block. */
		if (!pdf)
			http_allow_doc_style(r, doc, len);
		return http_send(r, 200, pdf ? "application/pdf" : "text/html; charset=utf-8", doc,
			len);
	}
	/* only the figures were frozen: show them */
	web_period_label(rep.period, label, sizeof(label));
	hl_clock_fmt(rep.published_at, when, sizeof(when));
	page_start(&b, r, 4 << 20, label);
	hb_txt_in(&b, "<section class=\"public\"><h1>", u.name, "</h1><h2>Kết quả khảo sát ");
	hb_txt(&b, label);
	hb_printf(&b, "</h2><p>Phiên bản %d, công bố lúc ", rep.version);
	hb_txt(&b, when);
	hb_txt_in(&b, " bởi ", account_who_label(r->a, rep.published_by), ".</p>");
	if (doc != NULL && len > 0)
		hb_raw(&b,
			"<p class=\"note\">Văn bản báo cáo của phiên bản này không còn được đăng "
			"công khai; số liệu đã công bố như dưới đây.</p>");
	web_figures_table(&b, figures, u.code);
	hb_raw(&b, "<p><a href=\"/public/");
	hb_url(&b, u.code);
	hb_raw(&b, "\">Các báo cáo đã công bố của đơn vị</a></p></section>");
	return page_send(r, 200, &b);
}
