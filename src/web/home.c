/* home.c — GET /: the dashboard of the caller's units for a period. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/text.h"
#include "http/html.h"
#include "http/scope.h"
#include "svc/indexq.h"
#include "web/pages.h"

static void cell_value(struct hbuf *b, const struct hl_idx_cell *c)
{
	char buf[32];

	if (!c->cur.valid) {
		hb_raw(b, "<td class=\"num\">–</td>");
		return;
	}
	hb_raw(b, c->has_target && !c->met ? "<td class=\"num below\" title=\"dưới chỉ tiêu\">" :
		"<td class=\"num\">");
	hb_txt(b, hl_fmt_dec(buf, sizeof(buf), c->cur.value, 2));
	hb_raw(b, "</td>");
}

int page_home(struct http_req *r)
{
	const char *period_s = http_query(r, "period");
	struct iq_opts o = {0};
	struct iq_result *res = NULL;
	struct store_unit home;
	struct hl_err err = {0};
	struct hbuf b;
	char code[64], label[96], buf[64];

	if (r->role == ROLE_ENTRY)
		return http_redirect(r, "/paper");
	if (period_s == NULL) {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		snprintf(code, sizeof(code), "%04d", tm.tm_year + 1900);
		period_s = code;
	}
	if (hl_period_parse(period_s, &o.period, &err) != HL_OK)
		return http_send_err(r, &err);
	if (!(r->role == ROLE_ADMIN && r->user.unit_id == 0)) {
		if (scope_home(r, &home, &err) != HL_OK)
			return http_send_err(r, &err);
		if (r->role >= ROLE_SUPERVISOR)
			o.under = home.code;
		else
			o.unit = home.code;
	}
	if (iq_run(r->st, r->a, &o, &res, &err) != HL_OK)
		return http_send_err(r, &err);

	hb_init(&b, r->a, 4 << 20);
	page_begin(&b, r, "Tổng quan");
	hb_raw(&b, "<h1>Chỉ số hài lòng – ");
	hb_txt(&b, hl_period_label(&res->period, label, sizeof(label)));
	hb_raw(&b, "</h1><form class=\"inline\" method=\"get\" action=\"/\"><label>Kỳ "
		"<input name=\"period\" value=\"");
	hb_txt(&b, hl_period_code(&res->period, buf, sizeof(buf)));
	hb_raw(&b, "\" placeholder=\"2025, 2025-Q3, 2025-06\"></label>"
		"<button type=\"submit\">Xem</button></form>");
	hb_raw(&b, "<div class=\"scroll\"><table class=\"index\"><thead><tr><th>TT</th><th>Đơn vị</th>");
	for (int k = 0; k <= res->ncrit; k++) {
		hb_raw(&b, "<th class=\"num\" title=\"");
		hb_txt(&b, res->crit_name[k]);
		hb_raw(&b, "\">");
		hb_txt(&b, res->crit_code[k]);
		hb_raw(&b, "</th>");
	}
	hb_raw(&b, "<th class=\"num\">Tăng/giảm</th><th class=\"num\">Xếp hạng</th>"
		"<th class=\"num\">Số phiếu</th></tr></thead><tbody>");
	for (size_t i = 0; i < res->nunits; i++) {
		const struct iq_unit *u = &res->units[i];
		const struct hl_idx_cell *all = &u->idx.cell[res->ncrit];

		hb_printf(&b, "<tr><td>%02zu</td><td>", i + 1);
		hb_txt(&b, u->unit.name);
		hb_raw(&b, "</td>");
		for (int k = 0; k <= res->ncrit; k++)
			cell_value(&b, &u->idx.cell[k]);
		hb_raw(&b, "<td class=\"num\">");
		if (all->has_change) {
			hb_txt(&b, hl_fmt_signed(buf, sizeof(buf), all->change, 2));
			if (!all->change_supported)
				hb_raw(&b, "<abbr title=\"khoảng tin cậy 95 % chưa đủ để khẳng định\">*</abbr>");
		} else {
			hb_raw(&b, "–");
		}
		hb_raw(&b, "</td><td class=\"num\">");
		if (all->rank > 0) {
			hb_printf(&b, "%d/%d", all->rank, all->of);
			if (!all->rank_supported)
				hb_raw(&b, "<abbr title=\"khoảng tin cậy 95 % chưa đủ để khẳng định\">*</abbr>");
		} else {
			hb_raw(&b, "–");
		}
		hb_raw(&b, "</td><td class=\"num\">");
		hb_txt(&b, hl_fmt_int(buf, sizeof(buf), all->cur.n));
		hb_raw(&b, "</td></tr>");
	}
	hb_raw(&b, "</tbody></table></div><p class=\"note\">Tăng/giảm so với ");
	hb_txt(&b, hl_period_label(&res->prev, label, sizeof(label)));
	hb_raw(&b, ". Ô tô đậm: dưới chỉ tiêu. *: khoảng tin cậy 95 % chưa đủ để khẳng định.</p>");
	page_end(&b);
	return http_send_html(r, 200, &b);
}
