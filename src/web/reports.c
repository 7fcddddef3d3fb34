/* reports.c — the clerk's reports page: GET /reports lists the reports due
 * (the reporting calendar) for the caller's units as drafts, each with a
 * preview and a Publish button, and what has been published with its
 * download link (/public/UNIT/reports/ID); GET /reports/preview?unit=&period=
 * shows a draft without storing anything; POST /reports/publish freezes it
 * (svc/publish.h: built on this read connection, stored by the writer,
 * audited). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "core/period.h"
#include "http/html.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/accounts.h"
#include "svc/ingest.h"
#include "svc/publish.h"
#include "web/pages.h"
#include "web/pick.h"

#define REPORTS_PUBLISHED_MAX 100   /* published versions listed, newest first */

static hl_day local_today(void)
{
	return (hl_day)(((int64_t)time(NULL) + (int64_t)INGEST_TZ_MINUTES * 60) / 86400);
}

static const struct store_unit *unit_of(const struct store_unit *u, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].id == id)
			return &u[i];
	return NULL;
}

/* The Publish button of one draft. */
static void publish_form(struct hbuf *b, struct http_req *r, const char *unit, const char *period,
	const char *label)
{
	hb_raw(b, "<form method=\"post\" class=\"inline\" action=\"/reports/publish\">");
	hb_csrf(b, r);
	hb_raw(b, "<input type=\"hidden\" name=\"unit\" value=\"");
	hb_txt(b, unit);
	hb_raw(b, "\"><input type=\"hidden\" name=\"period\" value=\"");
	hb_txt(b, period);
	hb_raw(b, "\"><button type=\"submit\" aria-label=\"Công bố ");
	hb_txt(b, label);
	hb_raw(b, ", đơn vị ");
	hb_txt(b, unit);
	hb_raw(b, "\">Công bố</button></form>");
}

int page_reports(struct http_req *r)
{
	struct store_unit *units = NULL, *mine = NULL;
	struct store_report *pub = NULL;
	struct pub_due *due = NULL;
	size_t nu = 0, nmine = 0, npub = 0, nd = 0, shown = 0;
	struct hl_err err = {0};
	const char *done = http_query(r, "done");
	hl_day today = local_today();
	char from[16], to[16];
	struct hbuf b;

	if (STORE(r->st, unit_list, r->a, &units, &nu, &err) != HL_OK)
		return http_send_err(r, &err);
	if (nu > 0 && (mine = hl_arena_alloc(r->a, nu * sizeof(*mine))) == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	for (size_t i = 0; i < nu; i++)
		if (scope_sees(r, &units[i]))
			mine[nmine++] = units[i];
	web_sort_units(mine, nmine);   /* the due reports in the order people read units */
	if (pub_due_list(r->st, r->a, mine, nmine, today, &due, &nd, &err) != HL_OK ||
	    STORE(r->st, report_list, 0, r->a, &pub, &npub, &err) != HL_OK)
		return http_send_err(r, &err);

	hb_init(&b, r->a, 4 << 20);
	page_begin(&b, r, "Báo cáo định kỳ");
	hb_raw(&b, "<h1>Báo cáo định kỳ</h1>");
	if (done != NULL)
		hb_raw(&b, "<p class=\"ok\" role=\"status\">Đã công bố báo cáo: số liệu được chụp lại "
			"và hiện trên trang công khai của đơn vị.</p>");
	hb_raw(&b, "<p class=\"note\">Lịch công bố (Kế hoạch khảo sát): báo cáo tháng ngày 28 hằng "
		"tháng; Quý I ngày 25/3, Quý III ngày 25/9; 6 tháng ngày 25/6; cả năm ngày 25/12. "
		"Các ngày này đến trước khi kỳ kết thúc: báo cáo công bố gồm các phiếu đến lúc công "
		"bố. Công bố lại tạo phiên bản mới; các bản cũ vẫn được giữ.</p>");
	hb_raw(&b, "<h2>Bản nháp đến hạn</h2><p>Các báo cáo đến hạn từ ");
	hb_txt(&b, hl_day_vn(today - (CALRPT_WINDOW_DAYS - 1), from, sizeof(from)));
	hb_raw(&b, " đến ");
	hb_txt(&b, hl_day_vn(today, to, sizeof(to)));
	hb_raw(&b, " chưa công bố.</p>");
	if (nd == 0) {
		hb_raw(&b, "<p>Không có báo cáo nào đến hạn chưa công bố.</p>");
	} else {
		hb_raw(&b, "<div class=\"scroll\"><table class=\"due\"><thead><tr>"
			"<th scope=\"col\">Đơn vị</th><th scope=\"col\">Kỳ báo cáo</th>"
			"<th scope=\"col\">Hạn công bố</th><th scope=\"col\">Bản nháp</th>"
			"<th scope=\"col\">Công bố</th></tr></thead><tbody>");
		for (size_t i = 0; i < nd; i++) {
			char code[40], label[96], day[16];

			hl_period_code(&due[i].d.period, code, sizeof(code));
			hl_period_label(&due[i].d.period, label, sizeof(label));
			hb_raw(&b, "<tr><td>");
			hb_txt(&b, due[i].unit.name);
			hb_raw(&b, "</td><td>");
			hb_txt(&b, label);
			hb_raw(&b, "</td><td>");
			hb_txt(&b, hl_day_vn(due[i].d.due, day, sizeof(day)));
			hb_raw(&b, "</td><td><a href=\"/reports/preview?unit=");
			hb_url(&b, due[i].unit.code);
			hb_raw(&b, "&amp;period=");
			hb_url(&b, code);
			hb_raw(&b, "\">Xem trước<span class=\"visually-hidden\"> ");
			hb_txt(&b, label);
			hb_raw(&b, ", ");
			hb_txt(&b, due[i].unit.name);
			hb_raw(&b, "</span></a></td><td>");
			publish_form(&b, r, due[i].unit.code, code, label);
			hb_raw(&b, "</td></tr>");
		}
		hb_raw(&b, "</tbody></table></div>");
	}

	hb_raw(&b, "<h2>Đã công bố</h2>");
	for (size_t i = 0; i < npub && shown < REPORTS_PUBLISHED_MAX; i++) {
		const struct store_unit *u = unit_of(units, nu, pub[i].unit_id);
		char label[96], when[32];
		struct hl_period p;

		if (u == NULL || !scope_sees(r, u))
			continue;
		if (shown++ == 0)
			hb_raw(&b, "<div class=\"scroll\"><table class=\"published\"><thead><tr>"
				"<th scope=\"col\">Đơn vị</th><th scope=\"col\">Kỳ báo cáo</th>"
				"<th scope=\"col\">Phiên bản</th><th scope=\"col\">Công bố lúc</th>"
				"<th scope=\"col\">Người công bố</th><th scope=\"col\">Tải về</th>"
				"<th scope=\"col\">Công bố lại</th></tr></thead><tbody>");
		if (hl_period_parse(pub[i].period, &p, NULL) == HL_OK)
			hl_period_label(&p, label, sizeof(label));
		else
			snprintf(label, sizeof(label), "%s", pub[i].period);
		hl_time_vn(pub[i].published_at, INGEST_TZ_MINUTES, when, sizeof(when));
		hb_raw(&b, "<tr><td>");
		hb_txt(&b, u->name);
		hb_raw(&b, "</td><td>");
		hb_txt(&b, label);
		hb_printf(&b, "</td><td class=\"num\">%d</td><td>", pub[i].version);
		hb_txt(&b, when);
		hb_raw(&b, "</td><td>");
		hb_txt(&b, account_who_label(r->a, pub[i].published_by));
		hb_raw(&b, "</td><td><a href=\"/public/");
		hb_url(&b, u->code);
		hb_printf(&b, "/reports/%lld\">Tải về<span class=\"visually-hidden\"> ",
			(long long)pub[i].id);
		hb_txt(&b, label);
		hb_printf(&b, ", phiên bản %d</span></a></td><td>", pub[i].version);
		publish_form(&b, r, u->code, pub[i].period, label);
		hb_raw(&b, "</td></tr>");
	}
	if (shown == 0)
		hb_raw(&b, "<p>Chưa có báo cáo nào được công bố.</p>");
	else
		hb_raw(&b, "</tbody></table></div>");
	page_end(&b);
	return http_send_html(r, 200, &b);
}

/* The draft for ?unit=&period= of a unit the caller sees, or an error. */
static int draft(struct http_req *r, const char *unit, const char *period,
	struct pub_snapshot **s, struct hl_err *err)
{
	struct store_unit u;
	struct pub_opts o = {0};
	int rc;

	if (unit == NULL || unit[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "unit", "thiếu đơn vị của báo cáo");
	if ((rc = scope_unit(r, unit, "unit", &u, err)) != HL_OK)
		return rc;
	o.unit = u.code;
	o.period = period;
	o.format = "html";
	o.today = HL_DAY_NONE;
	return pub_prepare(r->st, r->a, &o, s, err);
}

int page_reports_preview(struct http_req *r)
{
	const char *unit = http_query(r, "unit"), *period = http_query(r, "period");
	struct pub_snapshot *s = NULL;
	struct hl_err err = {0};
	char label[96];
	struct hbuf b;

	if (draft(r, unit, period, &s, &err) != HL_OK)
		return http_send_err(r, &err);
	http_add_header(r, "Cache-Control", "no-store");
	if (s->doc != NULL && s->doc_len > 0)
		return http_send(r, 200, "text/html; charset=utf-8", s->doc, s->doc_len);
	hl_period_label(&s->period, label, sizeof(label));
	hb_init(&b, r->a, 4 << 20);
	page_begin(&b, r, "Bản nháp báo cáo");
	hb_raw(&b, "<h1>Bản nháp: ");
	hb_txt(&b, s->unit.name);
	hb_raw(&b, " – ");
	hb_txt(&b, label);
	hb_raw(&b, "</h1><p class=\"note\">Bản nháp chưa được công bố: số liệu tính tại lúc xem "
		"và chưa hiện trên trang công khai.</p>");
	web_figures_table(&b, s->figures, s->unit.code);
	publish_form(&b, r, s->unit.code, period, label);
	page_end(&b);
	return http_send_html(r, 200, &b);
}

struct publish_op {
	const struct pub_snapshot *s;
	const char *who;
	struct store_report out;
};

static int write_publish(struct srv_tx *tx, void *arg, struct hl_err *err)
{
	struct publish_op *op = arg;

	return pub_store(srv_tx_store(tx), op->s, op->who, srv_now(), &op->out, err);
}

int page_reports_publish(struct http_req *r)
{
	struct publish_op op = {0};
	struct pub_snapshot *s = NULL;
	struct hl_err err = {0};
	char where[64];

	/* the snapshot is built on this read connection; the writer only stores it */
	if (draft(r, http_form(r, "unit"), http_form(r, "period"), &s, &err) != HL_OK)
		return http_send_err(r, &err);
	op.s = s;
	op.who = hl_arena_printf(r->a, "web:%s", r->user.name);
	if (op.who == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (srv_write(r->srv, write_publish, &op, &err) != HL_OK)
		return http_send_err(r, &err);
	snprintf(where, sizeof(where), "/reports?done=%lld", (long long)op.out.id);
	return http_redirect(r, where);
}
