/* reports.c — the clerk's reports page. GET /reports: a form to draft the
 * report of any unit in scope for any period (as a clerk writes it), with
 * its number and signer; the reports the calendar says are owed — overdue
 * ones included — each with how many responses it would count (none: it
 * cannot be made yet, and says so instead of offering a draft that fails);
 * what has been published. GET /reports/preview: the draft (its figures, the
 * document to download as PDF, XLSX or CSV from GET /reports/draft, never
 * stored), the news item about it (GET /reports/news: text, HTML or WAV for
 * the radio, report/news.h) and the Publish button; POST /reports/publish freezes it
 * (svc/publish.h: built on this read connection, stored by the writer,
 * audited). A refused form is shown again as typed, the reason beside the
 * field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/period.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "report/news.h"
#include "report/render.h"
#include "svc/accounts.h"
#include "svc/ingest.h"
#include "svc/publish.h"
#include "svc/units.h"
#include "web/pages.h"
#include "web/pick.h"

#define REPORTS_PUBLISHED_MAX 100 /* published versions listed, newest first */
#define REPORTS_OWED_MAX 100      /* owed reports listed */

static const struct store_unit *unit_of(const struct store_unit *u, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].id == id)
			return &u[i];
	return NULL;
}

/* The report form's values, and the field a refusal names. */
struct rform {
	const char *unit, *period, *number, *signer;
	const char *bad, *msg; /* field ("unit", "period", "number", "signer") and why */
};

static struct rform form_of(struct http_req *r, bool post)
{
	const char *(*get)(struct http_req *, const char *) = post ? http_form : http_query;
	struct rform f = {
		.unit = get(r, "unit"),
		.period = get(r, "period"),
		.number = get(r, "number"),
		.signer = get(r, "signer"),
	};

	return f;
}

/* The units the caller sees, into *mine (in r->a). */
static int my_units(struct http_req *r, struct store_unit **all, size_t *nall,
	struct store_unit **mine, size_t *nmine, struct hl_err *err)
{
	int rc = units_list(r->st, r->a, all, nall, err);

	*mine = NULL;
	*nmine = 0;
	if (rc != HL_OK)
		return rc;
	if (*nall > 0 && (*mine = hl_arena_alloc(r->a, *nall * sizeof(**mine))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (size_t i = 0; i < *nall; i++)
		if (scope_sees(r, &(*all)[i]))
			(*mine)[(*nmine)++] = (*all)[i];
	web_sort_units(*mine, *nmine); /* in the order people read units */
	return HL_OK;
}

/* Field name's attributes and, after it, its refusal. */
static void field_open(struct hbuf *b, const struct rform *f, const char *name)
{
	if (f->bad != NULL && strcmp(f->bad, name) == 0) {
		hb_txt_in(b, " autofocus aria-invalid=\"true\" aria-describedby=\"loi-", name,
			"\"");
	}
}

static void field_error(struct hbuf *b, const struct rform *f, const char *name)
{
	if (f->bad == NULL || strcmp(f->bad, name) != 0 || f->msg == NULL)
		return;
	hb_txt_in(b, "<p class=\"error\" role=\"alert\" id=\"loi-", name, "\">");
	hb_txt(b, f->msg);
	hb_raw(b, "</p>");
}

/* A text field of the form: its label and the input's name, then (the
 * caller) its own attributes, then text_field_end. */
static void text_field(struct hbuf *b, const char *name, const char *label)
{
	hb_txt_in(b, "<label>", label, " <input name=\"");
	hb_txt(b, name);
	hb_raw(b, "\" ");
}

/* The rest of field name: its refusal's attributes, value, and refusal. */
static void text_field_end(struct hbuf *b, const struct rform *f, const char *name,
	const char *value)
{
	field_open(b, f, name);
	hb_txt_in(b, " value=\"", value != NULL ? value : "", "\"></label>");
	field_error(b, f, name);
}

/* The news item's button: the unit and period of the draft, a format to
 * choose; GET /reports/news. */
static void news_form(struct hbuf *b, const char *unit, const char *period)
{
	hb_raw(b,
		"<h2>Bản tin</h2><p>Bản tin ngắn về kết quả này cho trang thông tin điện tử của "
		"đơn vị và đài truyền thanh: chỉ số và mức thay đổi, thứ hạng, tiêu chí chưa đạt "
		"chỉ tiêu cùng nhiệm vụ cải thiện, cách góp ý.</p>"
		"<form method=\"get\" action=\"/reports/news\" class=\"report-form\">");
	hb_hiddens(b, (const char *const[]){"unit", unit, "period", period, NULL});
	hb_raw(b,
		"<label>Dạng bản tin <select name=\"format\">"
		"<option value=\"text\">Văn bản (TXT)</option>"
		"<option value=\"html\">Trang web (HTML)</option>"
		"<option value=\"wav\">Âm thanh đọc cho đài truyền thanh (WAV)</option>"
		"</select></label><button type=\"submit\">Tải bản tin</button></form>");
}

/* The draft form: unit, period, number, signer; GET /reports/preview. */
static void report_form(struct hbuf *b, const struct store_unit *mine, size_t nmine,
	const char *home, const struct rform *f)
{
	const char *chosen = f->unit != NULL && f->unit[0] != '\0' ? f->unit : home;

	hb_raw(b, "<form method=\"get\" action=\"/reports/preview\" class=\"report-form\">");
	if (f->bad == NULL)
		page_error(b, f->msg);
	hb_raw(b, "<label>Đơn vị <select name=\"unit\" required");
	field_open(b, f, "unit");
	hb_raw(b, ">");
	web_unit_options(b, mine, nmine, chosen);
	hb_raw(b, "</select></label>");
	field_error(b, f, "unit");
	text_field(b, "period", "Kỳ báo cáo");
	hb_raw(b,
		"required placeholder=\"Quý 3/2025\" autocomplete=\"off\" maxlength=\"64\" "
		"aria-describedby=\"ky-mau\"");
	text_field_end(b, f, "period", f->period);
	hb_raw(b,
		"<p class=\"note\" id=\"ky-mau\">Ví dụ: Năm 2025, 6 tháng đầu năm 2025, Quý 3/2025, "
		"06/2025, hoặc từ 15/01/2025 đến 31/03/2025.</p>");
	text_field(b, "number", "Số văn bản (nếu đã có số)");
	hb_raw(b, "placeholder=\"12/BC-UBND\" autocomplete=\"off\" maxlength=\"100\"");
	text_field_end(b, f, "number", f->number);
	text_field(b, "signer", "Người ký (họ và tên)");
	hb_raw(b, "autocomplete=\"name\" maxlength=\"100\"");
	text_field_end(b, f, "signer", f->signer);
	hb_raw(b, "<button type=\"submit\">Xem bản nháp</button></form>");
}

/* A link to the draft of unit for period p (with f's number and signer). */
static void draft_href(struct hbuf *b, const char *path, const char *unit, const char *period,
	const struct rform *f, const char *format)
{
	hb_txt(b, path);
	hb_raw(b, "?unit=");
	hb_url(b, unit);
	hb_raw(b, "&amp;period=");
	hb_url(b, period);
	if (f != NULL && f->number != NULL && f->number[0] != '\0') {
		hb_raw(b, "&amp;number=");
		hb_url(b, f->number);
	}
	if (f != NULL && f->signer != NULL && f->signer[0] != '\0') {
		hb_raw(b, "&amp;signer=");
		hb_url(b, f->signer);
	}
	if (format != NULL) {
		hb_raw(b, "&amp;format=");
		hb_url(b, format);
	}
}

/* The owed reports of mine[0..nmine), newest due first. */
static int owed_table(struct hbuf *b, struct http_req *r, const struct store_unit *mine,
	size_t nmine, hl_day today, struct hl_err *err)
{
	struct pub_due *due = NULL;
	size_t nd = 0, shown = 0, empty = 0;
	int rc = pub_owed(r->st, r->a, mine, nmine, today, &due, &nd, err);

	if (rc != HL_OK)
		return rc;
	hb_raw(b, "<h2 id=\"phai-cong-bo\">Báo cáo phải công bố</h2>");
	if (nd == 0) {
		hb_raw(b, "<p>Không có báo cáo nào phải công bố.</p>");
		return HL_OK;
	}
	/* one unit (a clerk's): no unit column */
	hb_raw(b, "<div class=\"scroll\"><table class=\"due stack\"><thead><tr>");
	if (nmine > 1)
		hb_raw(b, "<th scope=\"col\">Đơn vị</th>");
	hb_raw(b,
		"<th scope=\"col\">Kỳ báo cáo</th><th scope=\"col\">Hạn công bố</th>"
		"<th scope=\"col\">Tình trạng</th><th scope=\"col\" class=\"num\">Số phiếu</th>"
		"<th scope=\"col\">Bản nháp</th></tr></thead><tbody>");
	for (size_t k = nd; k-- > 0 && shown < REPORTS_OWED_MAX; shown++) {
		const struct pub_due *d = &due[k];
		char code[40], label[96], day[16], num[32];
		int64_t n = 0;
		long late = (long)(today - d->d.due);

		if ((rc = pub_counted(r->st, r->a, &d->unit, &d->d.period, &n, err)) != HL_OK)
			return rc;
		hl_period_code(&d->d.period, code, sizeof(code));
		hl_period_label(&d->d.period, label, sizeof(label));
		hb_raw(b, late > 0 ? "<tr class=\"late\">" : "<tr>");
		if (nmine > 1) {
			hb_txt_in(b, "<td data-label=\"Đơn vị\">", d->unit.name, "</td>");
		}
		hb_txt_in(b, "<td data-label=\"Kỳ\"><strong>", label,
			"</strong></td><td data-label=\"Hạn công bố\">");
		hb_txt(b, hl_day_vn(d->d.due, day, sizeof(day)));
		hb_raw(b, "</td><td data-label=\"Tình trạng\">");
		if (late > 0)
			hb_printf(b, "<strong class=\"flag\">Quá hạn %ld ngày</strong>", late);
		else if (late == 0)
			hb_raw(b, "<strong class=\"flag\">Đến hạn hôm nay</strong>");
		else
			hb_printf(b, "Còn %ld ngày", -late);
		hb_txt_in(b, "</td><td class=\"num\" data-label=\"Số phiếu\">",
			hl_fmt_int(num, sizeof(num), (long long)n),
			"</td><td data-label=\"Bản nháp\">");
		if (n > 0) {
			hb_raw(b, "<a href=\"");
			draft_href(b, "/reports/preview", d->unit.code, code, NULL, NULL);
			hb_txt_in(b, "\">Lập báo cáo<span class=\"visually-hidden\"> ", label,
				", ");
			hb_txt(b, d->unit.name);
			hb_raw(b, "</span></a>");
		} else {
			/* nothing to report yet: say so rather than offer a draft that fails */
			hb_raw(b,
				"Chưa có phiếu<sup><a href=\"#chua-co-phieu\" aria-label=\"Vì sao\">*"
				"</a></sup>");
			empty++;
		}
		hb_raw(b, "</td></tr>");
	}
	hb_raw(b, "</tbody></table></div>");
	if (empty > 0)
		hb_raw(b,
			"<p class=\"note\" id=\"chua-co-phieu\">* Chưa có phiếu nào được tính trong "
			"kỳ nên chưa lập được báo cáo: nhập phiếu giấy (và đóng lô), duyệt phiếu chờ hoặc đợi "
			"phiếu kiosk, rồi lập báo cáo.</p>");
	if (nd > shown)
		hb_printf(b,
			"<p class=\"note\">Hiện %zu trong %zu báo cáo; chọn đơn vị và kỳ ở trên để "
			"lập các báo cáo khác.</p>",
			shown, nd);
	return HL_OK;
}

static void published_table(struct hbuf *b, struct http_req *r, const struct store_unit *units,
	size_t nu, const struct store_report *pub, size_t npub)
{
	size_t shown = 0;

	hb_raw(b, "<h2>Đã công bố</h2>");
	for (size_t i = 0; i < npub && shown < REPORTS_PUBLISHED_MAX; i++) {
		const struct store_unit *u = unit_of(units, nu, pub[i].unit_id);
		char label[96], when[32];
		struct hl_period p;

		if (u == NULL || !scope_sees(r, u))
			continue;
		if (shown++ == 0)
			page_table(b, "published stack",
				"<th scope=\"col\">Đơn vị</th><th scope=\"col\">Kỳ báo cáo</th>"
				"<th scope=\"col\">Phiên bản</th><th scope=\"col\">Công bố lúc</th>"
				"<th scope=\"col\">Người công bố</th><th scope=\"col\">Tải về</th>"
				"<th scope=\"col\">Công bố lại</th>");
		if (hl_period_parse(pub[i].period, &p, NULL) == HL_OK)
			hl_period_label(&p, label, sizeof(label));
		else
			snprintf(label, sizeof(label), "%s", pub[i].period);
		hl_clock_fmt(pub[i].published_at, when, sizeof(when));
		hb_txt_in(b, "<tr><td data-label=\"Đơn vị\">", u->name,
			"</td><td data-label=\"Kỳ\"><strong>");
		hb_txt(b, label);
		hb_printf(b,
			"</strong></td><td class=\"num\" data-label=\"Phiên bản\">%d</td>"
			"<td data-label=\"Công bố lúc\">",
			pub[i].version);
		hb_txt(b, when);
		hb_txt_in(b, "</td><td data-label=\"Người công bố\">",
			account_who_label(r->a, pub[i].published_by),
			"</td><td><a href=\"/public/");
		hb_url(b, u->code);
		hb_printf(b, "/reports/%lld\">Tải về<span class=\"visually-hidden\"> ",
			(long long)pub[i].id);
		hb_txt(b, label);
		hb_printf(b, ", phiên bản %d</span></a></td><td><a href=\"", pub[i].version);
		draft_href(b, "/reports/preview", u->code, pub[i].period, NULL, NULL);
		hb_txt_in(b, "\">Lập phiên bản mới<span class=\"visually-hidden\"> ", label,
			"</span></a></td></tr>");
	}
	if (shown == 0)
		hb_raw(b, "<p>Chưa có báo cáo nào được công bố.</p>");
	else
		hb_raw(b, "</tbody></table></div>");
}

/* The reports page with the form f (its refusal in place) and status. */
static int reports_page(struct http_req *r, int status, const struct rform *f)
{
	struct store_unit *units = NULL, *mine = NULL, home;
	struct store_report *pub = NULL;
	size_t nu = 0, nmine = 0, npub = 0;
	struct hl_err err = {0};
	const char *done = http_query(r, "done");
	bool have_home;
	struct hbuf b;

	if (my_units(r, &units, &nu, &mine, &nmine, &err) != HL_OK ||
		pub_reports(r->st, 0, r->a, &pub, &npub, &err) != HL_OK)
		return http_send_err(r, &err);
	have_home = scope_home(r, &home, &err) == HL_OK;
	hl_err_clear(&err);
	page_start(&b, r, 4 << 20, "Báo cáo định kỳ");
	hb_raw(&b, "<h1>Báo cáo định kỳ</h1>");
	if (done != NULL && f->msg == NULL)
		hb_raw(&b,
			"<p class=\"ok\" role=\"status\">Đã công bố báo cáo: số liệu được chụp lại "
			"và hiện trên trang công khai của đơn vị.</p>");
	hb_raw(&b, "<section aria-labelledby=\"lap\"><h2 id=\"lap\">Lập báo cáo</h2>");
	report_form(&b, mine, nmine, have_home ? home.code : NULL, f);
	hb_raw(&b, "</section>");
	if (owed_table(&b, r, mine, nmine, hl_clock_today(), &err) != HL_OK)
		return http_send_err(r, &err);
	hb_raw(&b,
		"<p class=\"note\">Lịch công bố (Kế hoạch khảo sát): báo cáo tháng ngày 28 hằng "
		"tháng; Quý I ngày 25/3, Quý III ngày 25/9; 6 tháng ngày 25/6; cả năm ngày 25/12. "
		"Các ngày này đến trước khi kỳ kết thúc: báo cáo công bố gồm các phiếu đến lúc công "
		"bố. Công bố lại tạo phiên bản mới; các bản cũ vẫn được giữ.</p>");
	published_table(&b, r, units, nu, pub, npub);
	return page_send(r, status, &b);
}

int page_reports(struct http_req *r)
{
	struct rform f = {0};

	return reports_page(r, 200, &f);
}

/* The unit of f, chosen and in the caller's scope, into *u. */
static int form_unit(struct http_req *r, const struct rform *f, struct store_unit *u,
	struct hl_err *err)
{
	if (f->unit == NULL || f->unit[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "unit", "Hãy chọn đơn vị của báo cáo.");
	if (f->period == NULL || f->period[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "period",
			"Hãy ghi kỳ báo cáo, ví dụ Quý 3/2025.");
	return scope_unit(r, f->unit, "unit", u, err);
}

/* Answer a refused form: a server's failure as an error page, else the
 * reports page with the refusal beside its field. Returns what was sent. */
static int refuse(struct http_req *r, struct rform *f, int rc, const struct hl_err *err)
{
	if (rc == HL_ENOMEM || rc == HL_EIO)
		return http_send_err(r, err);
	f->msg = hl_arena_strdup(r->a, err->msg);
	f->bad = strcmp(err->where, "unit") == 0 || strcmp(err->where, "period") == 0 ||
			strcmp(err->where, "number") == 0 || strcmp(err->where, "signer") == 0 ?
		hl_arena_strdup(r->a, err->where) :
		NULL;
	return reports_page(r, http_status_of(rc), f);
}

/* The draft of f as a snapshot (format: "html" to look at, or a download's),
 * or the reports page with the refusal in place (*sent, its status). */
static int draft(struct http_req *r, struct rform *f, const char *format, struct pub_snapshot **s,
	int *sent)
{
	struct store_unit u;
	struct pub_opts o = {.render = rpt_render};
	struct hl_err err = {0};
	int rc;

	*sent = -1;
	rc = form_unit(r, f, &u, &err);
	if (rc == HL_OK) {
		o.unit = u.code;
		o.period = f->period;
		o.format = format;
		o.today = HL_DAY_NONE;
		o.number = f->number;
		o.signer = f->signer;
		o.draft = true;
		rc = pub_prepare(r->st, r->a, &o, s, &err);
	}
	if (rc == HL_OK)
		return HL_OK;
	*sent = refuse(r, f, rc, &err);
	return rc;
}

int page_reports_preview(struct http_req *r)
{
	struct rform f = form_of(r, false);
	struct pub_snapshot *s = NULL;
	struct store_unit *units = NULL, *mine = NULL;
	size_t nu = 0, nmine = 0;
	struct hl_err err = {0};
	char label[96], code[40];
	int sent;
	struct hbuf b;

	if (draft(r, &f, "html", &s, &sent) != HL_OK)
		return sent;
	if (my_units(r, &units, &nu, &mine, &nmine, &err) != HL_OK)
		return http_send_err(r, &err);
	hl_period_label(&s->period, label, sizeof(label));
	hl_period_code(&s->period, code, sizeof(code));
	http_add_header(r, "Cache-Control", "no-store");
	page_start(&b, r, 4 << 20, "Bản nháp báo cáo");
	hb_txt_in(&b,
		"<p><a href=\"/reports\">← Báo cáo định kỳ</a></p><h1>Bản nháp: ", s->unit.name,
		" – ");
	hb_txt(&b, label);
	hb_raw(&b,
		"</h1><p class=\"note\">Bản nháp chưa được công bố: số liệu tính tại lúc xem "
		"và chưa hiện trên trang công khai.</p>");
	hb_txt_in(&b, "<dl class=\"paper-sum\"><div><dt>Số văn bản</dt><dd>",
		s->number != NULL ? s->number : "(để trống, ghi tay sau khi in)",
		"</dd></div><div><dt>Người ký</dt><dd>");
	hb_txt(&b, s->signer != NULL ? s->signer : "(để trống)");
	hb_raw(&b, "</dd></div></dl>");
	/* the table scrolls in a box a keyboard can reach (the inner one does not scroll) */
	hb_raw(&b,
		"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng chỉ số "
		"của bản nháp\">");
	web_figures_table(&b, s->figures, s->unit.code);
	hb_raw(&b, "</div><h2>Tải bản nháp</h2><ul class=\"downloads\"><li><a href=\"");
	draft_href(&b, "/reports/draft", s->unit.code, code, &f, "pdf");
	hb_raw(&b, "\">Văn bản báo cáo (PDF)</a></li><li><a href=\"");
	draft_href(&b, "/reports/draft", s->unit.code, code, &f, "xlsx");
	hb_raw(&b, "\">Bảng tính (XLSX)</a></li><li><a href=\"");
	draft_href(&b, "/reports/draft", s->unit.code, code, &f, "csv");
	hb_raw(&b, "\">Số liệu (CSV)</a></li></ul>");
	news_form(&b, s->unit.code, code);
	hb_raw(&b,
		"<h2>Công bố</h2><p>Công bố chụp lại số liệu và văn bản này (số văn bản, người ký "
		"như trên) và đăng lên trang công khai của đơn vị; công bố lại sau này tạo phiên bản "
		"mới, bản cũ vẫn được giữ.</p>");
	page_form(&b, r, NULL, "/reports/publish");
	hb_hiddens(&b,
		(const char *const[]){"unit", s->unit.code, "period", code, "number", f.number,
			"signer", f.signer, NULL});
	hb_raw(&b, "<button type=\"submit\">Công bố báo cáo</button></form>");
	hb_raw(&b, "<h2>Sửa số văn bản, người ký hoặc kỳ</h2>");
	f.period = label;
	report_form(&b, mine, nmine, s->unit.code, &f);
	return page_send(r, 200, &b);
}

int page_reports_draft(struct http_req *r)
{
	struct rform f = form_of(r, false);
	const char *format = http_query(r, "format");
	struct pub_snapshot *s = NULL;
	char disp[96];
	int sent;

	if (format == NULL ||
		(strcmp(format, "pdf") != 0 && strcmp(format, "xlsx") != 0 &&
			strcmp(format, "csv") != 0)) {
		struct hl_err err = {0};

		hl_err_set(&err, HL_EINVAL, "format",
			"định dạng tải về phải là pdf, xlsx hoặc csv");
		return http_send_err(r, &err);
	}
	if (draft(r, &f, format, &s, &sent) != HL_OK)
		return sent;
	/* a fixed ASCII name: nothing typed goes into a header */
	snprintf(disp, sizeof(disp), "%s; filename=\"bao-cao-nhap.%s\"",
		strcmp(format, "pdf") == 0 ? "inline" : "attachment", s->format);
	http_add_header(r, "Content-Disposition", disp);
	return http_send(r, 200,
		strcmp(format, "pdf") == 0 ?
			"application/pdf" :
			strcmp(format, "csv") == 0 ?
			"text/csv; charset=utf-8" :
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		s->doc, s->doc_len);
}

/* GET /reports/news: the news item about the draft's figures
 * (report/news.h), as text, HTML or WAV, never stored. */
int page_reports_news(struct http_req *r)
{
	struct rform f = form_of(r, false);
	int fmt = news_format_of(http_query(r, "format"));
	struct store_unit u;
	struct rpt_opts o = {0};
	struct rpt_model *m = NULL;
	struct hl_err err = {0}, perr = {0};
	char *doc = NULL, *body, disp[96];
	size_t len = 0;
	FILE *fp = NULL;
	int rc;

	if (fmt < 0) {
		hl_err_set(&err, HL_EINVAL, "format", "bản tin tải về phải là text, html hoặc wav");
		return http_send_err(r, &err);
	}
	rc = form_unit(r, &f, &u, &err);
	if (rc == HL_OK && hl_period_parse(f.period, &o.period, &perr) != HL_OK)
		rc = hl_err_set(&err, HL_EINVAL, "period", "%s", perr.msg);
	if (rc == HL_OK) {
		o.unit = u.code;
		o.date = HL_DAY_NONE;
		rc = rpt_build(r->st, r->a, &o, &m, &err);
		/* the report names its option; the form has a field */
		if (rc == HL_EINVAL && strcmp(err.where, "--period") == 0)
			snprintf(err.where, sizeof(err.where), "period");
	}
	if (rc != HL_OK)
		return refuse(r, &f, rc, &err);
	fp = open_memstream(&doc, &len);
	if (fp == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	rc = news_write(m, (enum news_format)fmt, fp, r->a, &err);
	if (fclose(fp) != 0 && rc == HL_OK)
		rc = hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi viết bản tin");
	/* the server sends the body after the handler returns: keep it in the request's arena */
	body = rc == HL_OK ? hl_arena_alloc(r->a, len + 1) : NULL;
	if (body != NULL)
		memcpy(body, doc, len);
	else if (rc == HL_OK)
		rc = hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi gửi bản tin");
	free(doc);
	if (rc != HL_OK)
		return refuse(r, &f, rc, &err);
	/* a fixed ASCII name: nothing typed goes into a header */
	snprintf(disp, sizeof(disp), "attachment; filename=\"ban-tin.%s\"",
		news_ext((enum news_format)fmt));
	http_add_header(r, "Content-Disposition", disp);
	http_add_header(r, "Cache-Control", "no-store");
	return http_send(r, 200, news_mime((enum news_format)fmt), body, len);
}

struct publish_op {
	const struct pub_snapshot *s;
	const char *who;
	struct store_report out;
};

static int write_publish(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct publish_op *op = arg;

	return pub_store(writer_tx_store(tx), op->s, op->who, srv_now(), &op->out, err);
}

int page_reports_publish(struct http_req *r)
{
	struct rform f = form_of(r, true);
	struct publish_op op = {0};
	struct pub_snapshot *s = NULL;
	struct hl_err err = {0};
	char where[64];
	int sent;

	/* the snapshot is built on this read connection; the writer only stores it */
	if (draft(r, &f, "html", &s, &sent) != HL_OK)
		return sent;
	op.s = s;
	op.who = hl_arena_printf(r->a, "web:%s", r->user.name);
	if (op.who == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (srv_write(r, write_publish, &op, &err) != HL_OK)
		return http_send_err(r, &err);
	snprintf(where, sizeof(where), "/reports?done=%lld", (long long)op.out.id);
	return http_redirect(r, where);
}
