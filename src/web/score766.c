/* score766.c — GET /score766: the national scorecard of Decision
 * 766/QĐ-TTg beside the dashboard: the ratios hailong's data confirm for
 * the caller's units (a clerk's unit, a supervisor's units below; ?unit= or
 * ?under= within that) over a period a clerk writes (?period=, default the
 * last whole month). The points need the admin's table (command line). */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "http/page.h"
#include "http/scope.h"
#include "svc/score766.h"
#include "web/pages.h"

/* One ratio cell, labelled for the narrow layout. */
static void ratio_cell(struct hbuf *b, const struct sc_row *w, enum s766_ratio k, const char *label)
{
	char buf[32];

	hb_txt_in(b, "<td class=\"num\" data-label=\"", label, "\">");
	hb_txt(b, w->r.has[k] ? hl_fmt_dec(buf, sizeof(buf), w->r.v[k], 2) : "–");
	hb_raw(b, "</td>");
}

static void count_cell(struct hbuf *b, int64_t v, const char *label)
{
	char buf[32];

	hb_txt_in(b, "<td class=\"num\" data-label=\"", label, "\">");
	hb_txt(b, hl_fmt_int(buf, sizeof(buf), v));
	hb_raw(b, "</td>");
}

static void table(struct hbuf *b, const struct sc_result *res)
{
	static const char *const heads[] = {"Hồ sơ giải quyết xong",
		"Tỷ lệ trước hạn, đúng hạn (%)", "Thời gian giải quyết trung bình (ngày làm việc)",
		"Phản ánh, kiến nghị thuộc thẩm quyền", "Tỷ lệ phản ánh xử lý đúng hạn (%)",
		"Tỷ lệ phản ánh không bị đánh giá không hài lòng, trễ hạn (%)",
		"Tỷ lệ hồ sơ không bị đánh giá không hài lòng (%)"};

	if (res->nrows == 0) {
		hb_raw(b, "<p>Không có hồ sơ hay phản ánh nào trong kỳ ở các đơn vị đã chọn.</p>");
		return;
	}
	hb_raw(b,
		"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng chỉ số "
		"QĐ 766\"><table class=\"rates stack s766\"><thead><tr><th scope=\"col\">Đơn vị</th>");
	for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		hb_txt_in(b, "<th scope=\"col\" class=\"num\">", heads[k], "</th>");
	}
	hb_raw(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < res->nrows; i++) {
		const struct sc_row *w = &res->rows[i];

		hb_txt_in(b, "<tr><th scope=\"row\">", w->unit->name, "</th>");
		count_cell(b, w->c.dossiers, heads[0]);
		ratio_cell(b, w, S766_ON_TIME, heads[1]);
		ratio_cell(b, w, S766_AVG_DAYS, heads[2]);
		count_cell(b, w->c.feedback, heads[3]);
		ratio_cell(b, w, S766_FB_ON_TIME, heads[4]);
		ratio_cell(b, w, S766_FB_SATISFIED, heads[5]);
		ratio_cell(b, w, S766_DOS_SATISFIED, heads[6]);
		hb_raw(b, "</tr>");
	}
	hb_raw(b, "</tbody></table></div>");
}

int page_score766(struct http_req *r)
{
	const char *pq = http_query(r, "period");
	char code[32], label[96], d0[16], d1[16], at[32];
	struct sc_opts o = {0};
	struct sc_result *res = NULL;
	struct hl_err err = {0};
	struct hbuf b;
	bool bad = false;

	if (scope_query(r, &o.unit, &o.under, &err) != HL_OK)
		return http_send_err(r, &err);
	if (pq != NULL && pq[0] != '\0') {
		bad = hl_period_parse(pq, &o.period, &err) != HL_OK;
	} else {
		/* the last whole month */
		hl_day first = hl_day_month_start(
			hl_day_month_start((hl_day)(hl_clock_minute() / 1440)) - 1);
		int y, m, d;

		hl_day_to_ymd(first, &y, &m, &d);
		snprintf(code, sizeof(code), "%04d-%02d", y, m);
		hl_period_parse(code, &o.period, NULL);
	}
	if (!bad && sc_run(r->st, r->a, &o, NULL, 0, &res, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 1 << 20, "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)");
	hb_raw(&b, "<h1>Bộ chỉ số phục vụ người dân, doanh nghiệp</h1>");
	hb_raw(&b,
		"<form method=\"get\" action=\"/score766\" class=\"report-form\">"
		"<label>Kỳ <input name=\"period\" required autocomplete=\"off\" maxlength=\"64\" "
		"placeholder=\"Quý 1/2025\" aria-describedby=\"ky-mau\"");
	if (bad)
		hb_raw(&b, " aria-invalid=\"true\"");
	hb_txt_in(&b, " value=\"", pq != NULL && pq[0] != '\0' ? pq : code, "\"></label>");
	if (o.unit != NULL || o.under != NULL) {
		hb_hidden(&b, o.unit != NULL ? "unit" : "under", o.unit != NULL ? o.unit : o.under);
	}
	hb_raw(&b,
		"<button type=\"submit\">Xem</button></form>"
		"<p class=\"note\" id=\"ky-mau\">Ví dụ: 03/2025, Quý 1/2025, Năm 2025.</p>");
	if (bad) {
		page_error(&b, err.msg);
		return page_send(r, 400, &b);
	}
	hb_txt_in(&b, "<p>", hl_period_label(&res->o.period, label, sizeof(label)), " (");
	hb_txt(&b, hl_day_vn(res->o.period.first, d0, sizeof(d0)));
	hb_txt_in(&b, " – ", hl_day_vn(res->o.period.last, d1, sizeof(d1)), "), tính đến ");
	hb_txt(&b, hl_clock_fmt_minute(res->o.at, at, sizeof(at)));
	hb_raw(&b, ".</p>");
	table(&b, res);
	hb_raw(&b,
		"<p class=\"note\">Theo Quyết định 766/QĐ-TTg năm 2022. Hồ sơ: giải quyết xong "
		"trong kỳ; thời gian tính bằng ngày làm việc từ tiếp nhận đến hoàn thành. Phản "
		"ánh, kiến nghị: thuộc thẩm quyền, tiếp nhận trong kỳ, đã trả lời hoặc đã đến hạn. "
		"Hồ sơ bị đánh giá không hài lòng: có phiếu khảo sát mang mã hồ sơ với ít nhất "
		"một nửa số câu trả lời ở mức chưa hài lòng. Số điểm của từng tỷ lệ chưa được xác "
		"nhận từ phụ lục của Quyết định nên trang này chỉ hiện tỷ lệ; quản trị nạp bảng "
		"điểm bằng dòng lệnh (<code>hailong score766 --points-import</code>).</p>");
	return page_send(r, 200, &b);
}
