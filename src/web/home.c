/* home.c — GET /: the dashboard of the caller's units for a period: the
 * index table with targets, changes and ranks; for one chosen unit its
 * criteria against their targets and the monthly trend of the year (cairo
 * charts inlined as SVG), the comments of the period with their themes, each
 * with the clerk's approval for publication (POST /comments/ID), and what
 * waits for the clerk (held responses, open ballot batches, kiosks). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "report/chart.h"
#include "svc/accounts.h"
#include "svc/comments.h"
#include "svc/indexq.h"
#include "svc/ingest.h"
#include "svc/kiosks.h"
#include "svc/paper.h"
#include "svc/responses.h"
#include "svc/themes.h"
#include "svc/trend.h"
#include "svc/units.h"
#include "web/pages.h"
#include "web/pick.h"

#define COMMENTS_SHOWN 100 /* the newest; the counts cover them all */

static void cell_value(struct hbuf *b, const struct hl_idx_cell *c)
{
	char buf[32];

	if (!c->cur.valid) {
		hb_raw(b, "<td class=\"num\">–</td>");
		return;
	}
	hb_raw(b,
		c->has_target && !c->met ? "<td class=\"num below\" title=\"dưới chỉ tiêu\">" :
					   "<td class=\"num\">");
	hb_txt(b, hl_fmt_dec(buf, sizeof(buf), c->cur.value, 2));
	hb_raw(b, "</td>");
}

/* The mean row under the units: their plain mean, the change of that mean,
 * and the responses of them all. */
static void mean_row(struct hbuf *b, const struct iq_result *res, const struct iq_mean *m,
	const char *label)
{
	char buf[64];

	hb_txt_in(b, "<tr class=\"mean\"><td></td><th scope=\"row\">", label, "</th>");
	for (int k = 0; k <= res->ncrit; k++) {
		hb_txt_in(b, "<td class=\"num\">",
			m->valid[k] ? hl_fmt_dec(buf, sizeof(buf), m->value[k], 2) : "–", "</td>");
	}
	hb_raw(b, "<td class=\"num\">");
	if (m->valid[res->ncrit] && m->prev_valid[res->ncrit])
		hb_txt(b,
			hl_fmt_signed(buf, sizeof(buf),
				hl_index_hundredths(m->value[res->ncrit]) / 100.0 -
					hl_index_hundredths(m->prev[res->ncrit]) / 100.0,
				2));
	else
		hb_raw(b, "–");
	hb_txt_in(b, "</td><td class=\"num\">–</td><td class=\"num\">",
		hl_fmt_int(buf, sizeof(buf), m->n), "</td></tr>");
}

/* A change or a rank (NULL: none, a dash), starred when the 95 % confidence
 * interval does not support it. */
static void claim(struct hbuf *b, const char *text, bool supported)
{
	if (text == NULL) {
		hb_raw(b, "–");
		return;
	}
	hb_txt(b, text);
	if (!supported)
		hb_raw(b, "<abbr title=\"khoảng tin cậy 95 % chưa đủ để khẳng định\">*</abbr>");
}

/* The units' table; with mean (several units) its row "Bình quân …" last. */
static void index_table(struct hbuf *b, const struct iq_result *res, const char *chosen,
	const struct iq_mean *mean, const char *mean_label)
{
	char buf[64], label[96], rank[32];

	hb_raw(b,
		"<div class=\"scroll\"><table class=\"index\"><caption>Chỉ số theo đơn vị</caption>"
		"<thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Đơn vị</th>");
	for (int k = 0; k <= res->ncrit; k++) {
		hb_txt_in(b, "<th class=\"num\" title=\"", res->crit_name[k], "\">");
		hb_txt(b, res->crit_code[k]);
		hb_raw(b, "</th>");
	}
	hb_raw(b,
		"<th class=\"num\">Tăng/giảm</th><th class=\"num\">Xếp hạng</th>"
		"<th class=\"num\">Số phiếu</th></tr></thead><tbody>");
	for (size_t i = 0; i < res->nunits; i++) {
		const struct iq_unit *u = &res->units[i];
		const struct hl_idx_cell *all = &u->idx.cell[res->ncrit];

		hb_printf(b, "<tr%s><td>%02zu</td><td><a href=\"/?period=",
			chosen && strcmp(chosen, u->unit.code) == 0 ? " class=\"chosen\"" : "",
			i + 1);
		hb_url(b, hl_period_code(&res->period, buf, sizeof(buf)));
		hb_raw(b, "&amp;unit=");
		hb_url(b, u->unit.code);
		hb_txt_in(b, "#don-vi\">", u->unit.name, "</a></td>");
		for (int k = 0; k <= res->ncrit; k++)
			cell_value(b, &u->idx.cell[k]);
		snprintf(rank, sizeof(rank), "%d/%d", all->rank, all->of);
		hb_raw(b, "<td class=\"num\">");
		claim(b, all->has_change ? hl_fmt_signed(buf, sizeof(buf), all->change, 2) : NULL,
			all->change_supported);
		hb_raw(b, "</td><td class=\"num\">");
		claim(b, all->rank > 0 ? rank : NULL, all->rank_supported);
		hb_txt_in(b, "</td><td class=\"num\">", hl_fmt_int(buf, sizeof(buf), all->cur.n),
			"</td></tr>");
	}
	if (res->nunits == 0)
		hb_printf(b, "<tr><td colspan=\"%d\">Không có đơn vị nào trong phạm vi.</td></tr>",
			res->ncrit + 6);
	hb_raw(b, "</tbody>");
	if (mean != NULL) {
		hb_raw(b, "<tfoot>");
		mean_row(b, res, mean, mean_label);
		hb_raw(b, "</tfoot>");
	}
	hb_raw(b, "</table></div><p class=\"note\">Tăng/giảm so với ");
	hb_txt(b, hl_period_label(&res->prev, label, sizeof(label)));
	hb_raw(b,
		". Số in đậm màu đỏ: dưới chỉ tiêu. *: khoảng tin cậy 95 % chưa đủ để khẳng "
		"định.");
	if (mean != NULL)
		hb_raw(b,
			" Bình quân: trung bình cộng chỉ số của các đơn vị có số liệu; số phiếu là "
			"tổng số phiếu.");
	hb_raw(b, "</p>");
}

/* The unit the charts are about: the one asked for (if the caller may see
 * it), else the caller's own when listed, else the first with data. */
static int choose_unit(struct http_req *r, const struct iq_result *res, struct store_unit *out,
	struct hl_err *err)
{
	const char *code = http_query(r, "unit");
	struct store_unit home;

	if (code != NULL && code[0] != '\0')
		return scope_unit(r, code, "unit", out, err);
	if (scope_home(r, &home, err) == HL_OK) {
		for (size_t i = 0; i < res->nunits; i++)
			if (res->units[i].unit.id == home.id) {
				*out = home;
				return HL_OK;
			}
	}
	hl_err_clear(err);
	for (size_t i = 0; i < res->nunits; i++)
		if (res->units[i].idx.cell[res->ncrit].cur.valid) {
			*out = res->units[i].unit;
			return HL_OK;
		}
	if (res->nunits > 0) {
		*out = res->units[0].unit;
		return HL_OK;
	}
	return HL_ENOTFOUND;
}

/* Criteria and SIPAS for the period: one unit's against its targets (u), or
 * the mean of the units (m). */
static void bar_chart(struct hbuf *b, struct http_req *r, const struct iq_result *res,
	const struct hl_idx_unit *u, const struct iq_mean *m)
{
	struct chart *c = hl_arena_alloc(r->a, sizeof(*c));
	char label[96];
	struct chart_series *s;
	struct hl_err err;

	if (c == NULL)
		return;
	chart_init(c, CHART_BARS,
		u != NULL ? "Các tiêu chí so với chỉ tiêu" : "Các tiêu chí, bình quân các đơn vị");
	c->decimals = 2;
	s = chart_add_series(c,
		hl_arena_strdup(r->a, hl_period_label(&res->period, label, sizeof(label))));
	for (int k = 0; k <= res->ncrit && k < CHART_MAX_CATS && k < HL_IDX_MAXCELLS; k++) {
		if (chart_add_cat(c, res->crit_code[k], &err) != HL_OK)
			break;
		if (u != NULL && u->cell[k].cur.valid)
			s->value[k] = u->cell[k].cur.value;
		else if (u == NULL && m->valid[k])
			s->value[k] = m->value[k];
		if (u != NULL && u->cell[k].has_target)
			c->target[k] = u->cell[k].target;
	}
	web_chart(b, r, c, "tieu-chi");
}

/* SIPAS and each criterion month by month in the period's year: of unit, or
 * (unit NULL) the mean of the units below under (NULL: every unit). */
static int trend_chart(struct hbuf *b, struct http_req *r, const struct hl_period *p,
	const char *unit, const char *under, struct hl_err *err)
{
	struct chart *c = hl_arena_alloc(r->a, sizeof(*c));
	struct trend *t = NULL;
	char title[64];
	int rc;

	if (c == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi vẽ biểu đồ");
	rc = trend_monthly(r->st, r->a, p, unit, under, &t, err);
	if (rc != HL_OK || t->ncrit < 0)
		return rc;
	snprintf(title, sizeof(title), "Diễn biến theo tháng năm %d", t->year);
	chart_init(c, CHART_LINE, hl_arena_strdup(r->a, title));
	chart_trend(c, t);
	web_chart(b, r, c, "xu-huong");
	return HL_OK;
}

/* ---- comments ---- */

struct comments {
	struct hl_arena *a;
	struct store_response *ring; /* the newest COMMENTS_SHOWN, circular */
	unsigned *themes;
	size_t n; /* comments seen */
	size_t count[THEME_COUNT];
	struct hl_err *err;
};

static int on_response(void *ctx, const struct store_response *resp)
{
	struct comments *cs = ctx;
	size_t slot;
	unsigned mask;
	int rc;

	if (resp->status != RS_COUNTED)
		return HL_OK;
	if (resp->comment[strspn(resp->comment, " \t\r\n")] == '\0')
		return HL_OK;
	rc = themes_of(resp->comment, &mask, cs->err);
	if (rc != HL_OK)
		return rc;
	for (int t = 0; t < THEME_COUNT; t++)
		if (mask & (1u << t))
			cs->count[t]++;
	slot = cs->n % COMMENTS_SHOWN;
	cs->ring[slot] = *resp;
	cs->themes[slot] = mask;
	cs->n++;
	return HL_OK;
}

/* The form that approves comment c for publication, or withdraws the
 * approval a (NULL: not approved); back to this page after. */
static void approval_form(struct hbuf *b, struct http_req *r, const struct store_response *c,
	const struct store_approval *a, const struct store_unit *u, const struct hl_period *p)
{
	char buf[64];

	hb_raw(b, "<form class=\"approve\" method=\"post\" action=\"/comments/");
	hb_printf(b, "%lld\">", (long long)c->id);
	hb_csrf(b, r);
	hb_hiddens(b,
		(const char *const[]){"period", hl_period_code(p, buf, sizeof(buf)), "unit",
			u->code, NULL});
	if (a != NULL) {
		hb_txt_in(b,
			"<span class=\"tag public\">Được công khai</span> <span class=\"note\">",
			account_who_label(r->a, a->by), ", ");
		hl_clock_fmt(a->at, buf, sizeof(buf));
		hb_txt(b, buf);
		hb_raw(b,
			"</span> <button type=\"submit\" name=\"action\" value=\"withdraw\" "
			"class=\"secondary\">Thôi công khai<span class=\"visually-hidden\"> góp ý số ");
	} else {
		hb_raw(b,
			"<button type=\"submit\" name=\"action\" value=\"approve\" class=\"secondary\">"
			"Cho công khai<span class=\"visually-hidden\"> góp ý số ");
	}
	hb_printf(b, "%lld</span></button></form>", (long long)c->id);
}

static int comments_section(struct hbuf *b, struct http_req *r, const struct store_unit *u,
	const struct hl_period *p, struct hl_err *err)
{
	struct comments cs = {.a = r->a, .err = err};
	struct store_approval *ap = NULL;
	size_t shown, nap = 0;
	char buf[32];
	int rc;

	cs.ring = hl_arena_alloc(r->a, COMMENTS_SHOWN * sizeof(*cs.ring));
	cs.themes = hl_arena_alloc(r->a, COMMENTS_SHOWN * sizeof(*cs.themes));
	if (cs.ring == NULL || cs.themes == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc góp ý");
	rc = responses_scan(r->st, u->id, p->first, p->last, on_response, &cs, err);
	if (rc == HL_OK)
		rc = cmt_approvals(r->st, r->a, u->id, p->first, p->last, &ap, &nap, err);
	if (rc != HL_OK)
		return rc;
	hb_raw(b, "<section aria-labelledby=\"gop-y\"><h2 id=\"gop-y\">Góp ý của người dân");
	hb_raw(b, "</h2>");
	if (cs.n == 0) {
		hb_raw(b, "<p>Chưa có góp ý nào trong kỳ này.</p></section>");
		return HL_OK;
	}
	hb_raw(b,
		"<div class=\"scroll\"><table class=\"themes\"><caption>Số góp ý theo chủ đề"
		"</caption><thead><tr><th>Chủ đề</th><th class=\"num\">Số góp ý</th></tr></thead><tbody>");
	for (int t = 0; t < THEME_COUNT; t++) {
		hb_txt_in(b, "<tr><td>", theme_name(t), "</td><td class=\"num\">");
		hb_txt(b, hl_fmt_int(buf, sizeof(buf), (long long)cs.count[t]));
		hb_raw(b, "</td></tr>");
	}
	hb_raw(b, "</tbody></table></div>");
	shown = cs.n < COMMENTS_SHOWN ? cs.n : COMMENTS_SHOWN;
	hb_txt_in(b, "<p class=\"note\">", hl_fmt_int(buf, sizeof(buf), (long long)cs.n), " góp ý");
	if (shown < cs.n) {
		hb_txt_in(b, "; dưới đây là ", hl_fmt_int(buf, sizeof(buf), (long long)shown),
			" góp ý mới nhất");
	}
	hb_raw(b,
		". Trang công khai và báo cáo công bố chỉ nêu chủ đề và số góp ý; lời góp ý "
		"chỉ được trích khi cán bộ cho công khai (không công khai góp ý có thông tin cá nhân).</p>"
		"<ol class=\"comments\">");
	/* Newest first: backwards from the last one written into the ring. */
	for (size_t k = 0; k < shown; k++) {
		size_t slot = (cs.n - 1 - k) % COMMENTS_SHOWN;
		const struct store_response *c = &cs.ring[slot];

		hb_txt_in(b, "<li><p class=\"meta\">", hl_day_vn(c->day, buf, sizeof(buf)), " · ");
		hb_txt(b, ingest_channel_label(c->channel));
		for (int t = 0; t < THEME_COUNT; t++)
			if (cs.themes[slot] & (1u << t)) {
				hb_txt_in(b, " <span class=\"tag\">", theme_name(t), "</span>");
			}
		hb_txt_in(b, "</p><p class=\"text\">", c->comment, "</p>");
		approval_form(b, r, c, cmt_find(ap, nap, c->id), u, p);
		hb_raw(b, "</li>");
	}
	hb_raw(b, "</ol></section>");
	return HL_OK;
}

/* ---- what waits for the clerk ---- */

/* A card of the clerk's work: a link to its page (href and title
 * hailong's own), what waits there. */
static void card(struct hbuf *b, const char *href, const char *title, const char *text)
{
	hb_raw(b, "<div class=\"card\"><h3><a href=\"");
	hb_raw(b, href);
	hb_raw(b, "\">");
	hb_raw(b, title);
	hb_txt_in(b, "</a></h3><p>", text, "</p></div>");
}

static void waiting(struct hbuf *b, struct http_req *r, const struct store_unit *u)
{
	struct store_response *held = NULL;
	struct store_paper_batch *batches = NULL;
	struct store_kiosk *kiosks = NULL;
	size_t nheld = 0, nbatches = 0, nkiosks = 0, open = 0, live = 0;
	struct hl_err err = {0};
	char n1[32], n2[32], held_s[96], paper_s[160], kiosk_s[96];
	bool have_held, have_batches, have_kiosks;

	/* A count that cannot be read leaves only the link: the page still serves. */
	have_held = responses_in_status(r->st, u->id, RS_HELD, 1000, r->a, &held, &nheld, &err) ==
		HL_OK;
	have_batches = paper_batches(r->st, u->id, r->a, &batches, &nbatches, &err) == HL_OK;
	have_kiosks = kiosks_all(r->st, r->a, &kiosks, &nkiosks, &err) == HL_OK;
	for (size_t i = 0; have_batches && i < nbatches; i++)
		open += !batches[i].closed;
	for (size_t i = 0; have_kiosks && i < nkiosks; i++)
		live += kiosks[i].unit_id == u->id && !kiosks[i].revoked;
	snprintf(held_s, sizeof(held_s), "%s%s phiếu đang chờ công chức xem xét.",
		hl_fmt_int(n1, sizeof(n1), (long long)nheld), nheld >= 1000 ? "+" : "");
	snprintf(paper_s, sizeof(paper_s), "%s đợt mở hòm phiếu chưa đóng, %s đợt tất cả.",
		hl_fmt_int(n1, sizeof(n1), (long long)open),
		hl_fmt_int(n2, sizeof(n2), (long long)nbatches));
	snprintf(kiosk_s, sizeof(kiosk_s), "%s kiosk đang hoạt động.",
		hl_fmt_int(n1, sizeof(n1), (long long)live));
	hb_raw(b,
		"<section aria-labelledby=\"viec\"><h2 id=\"viec\">Việc cần làm</h2><div class=\"cards\">");
	card(b, "/review", "Phiếu chờ duyệt", have_held ? held_s : "Xem các phiếu đang chờ duyệt.");
	card(b, "/paper", "Phiếu giấy", have_batches ? paper_s : "Nhập phiếu từ hòm phiếu.");
	card(b, "/kiosks", "Kiosk", have_kiosks ? kiosk_s : "Xem các kiosk của đơn vị.");
	hb_raw(b, "</div></section>");
}

/* This year in Vietnam, whatever the server's time zone. */
static int today_year(void)
{
	int y, m, d;

	hl_day_to_ymd(hl_clock_today(), &y, &m, &d);
	return y;
}

int page_home(struct http_req *r)
{
	const char *period_s = http_query(r, "period");
	struct iq_opts o = {0};
	struct iq_result *res = NULL, *one = NULL;
	struct store_unit home = {0}, unit, *units;
	struct iq_mean mean;
	struct hl_err err = {0};
	struct hbuf b;
	const char *unit_s = http_query(r, "unit"), *mean_label;
	char code[64], label[96], buf[64];
	const char *bad_period = NULL, *period_msg = NULL;
	bool have_unit, scope_view;

	if (r->role == ROLE_ENTRY)
		return http_redirect(r, "/paper");
	if (period_s == NULL || period_s[0] == '\0') {
		snprintf(code, sizeof(code), "%04d", today_year());
		period_s = code;
	}
	if (hl_period_parse(period_s, &o.period, &err) != HL_OK) {
		/* the page for this year, the box as typed with why beside it */
		bad_period = period_s;
		period_msg = hl_arena_strdup(r->a, err.msg);
		hl_err_clear(&err);
		snprintf(code, sizeof(code), "%04d", today_year());
		hl_period_parse(code, &o.period, &err);
	}
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
	web_sort_index(res);
	iq_mean(res, &mean);
	/* A supervisor's (or administrator's) dashboard opens on its scope: its
	 * units with their mean; a unit of them when one is chosen. */
	scope_view = r->role >= ROLE_SUPERVISOR && res->nunits > 1 &&
		(unit_s == NULL || unit_s[0] == '\0');
	have_unit = !scope_view && choose_unit(r, res, &unit, &err) == HL_OK;
	if (!have_unit && err.code != 0 && unit_s != NULL)
		return http_send_err(r, &err);
	mean_label = o.under != NULL ?
		hl_arena_printf(r->a, "Bình quân các đơn vị thuộc %s", home.name) :
		"Bình quân các đơn vị";
	if (mean_label == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	units = hl_arena_alloc(r->a, (res->nunits + 1) * sizeof(*units));
	if (units == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	for (size_t i = 0; i < res->nunits; i++)
		units[i] = res->units[i].unit;
	if (have_unit) {
		struct iq_opts uo = {.period = o.period, .unit = unit.code};

		if (iq_run(r->st, r->a, &uo, &one, &err) != HL_OK)
			return http_send_err(r, &err);
		have_unit = one->nunits > 0;
	}

	page_start(&b, r, 8 << 20, "Tổng quan");
	hb_raw(&b, "<h1>Chỉ số hài lòng – ");
	hb_txt(&b, hl_period_label(&res->period, label, sizeof(label)));
	hb_raw(&b,
		"</h1><form class=\"inline\" method=\"get\" action=\"/\"><label>Kỳ "
		"<input name=\"period\" value=\"");
	/* as a clerk writes it ("Quý III/2025"), which the parser reads back */
	hb_txt(&b,
		bad_period != NULL ? bad_period : hl_period_label(&res->period, buf, sizeof(buf)));
	hb_raw(&b,
		bad_period != NULL ?
			"\" autofocus aria-invalid=\"true\" "
			"aria-describedby=\"ky-loi ky-mau\"></label>" :
			"\" placeholder=\"Quý 3/2025\" aria-describedby=\"ky-mau\"></label>");
	if (res->nunits > 0) {
		hb_raw(&b, "<label>Đơn vị ");
		web_unit_select(&b, "unit", units, res->nunits, have_unit ? unit.code : NULL,
			r->role >= ROLE_SUPERVISOR && res->nunits > 1 ? "Tất cả (bình quân)" :
									NULL);
		hb_raw(&b, "</label>");
	}
	hb_raw(&b, "<button type=\"submit\">Xem</button></form>");
	if (period_msg != NULL) {
		hb_txt_in(&b, "<p class=\"error\" role=\"alert\" id=\"ky-loi\">", period_msg,
			" Trang đang hiện năm nay.</p>");
	}
	hb_raw(&b,
		"<p class=\"note\" id=\"ky-mau\">Kỳ: Năm 2025, 6 tháng đầu năm 2025, Quý 3/2025, "
		"06/2025 hoặc khoảng ngày (từ 15/01/2025 đến 31/03/2025).</p>");
	index_table(&b, res, have_unit ? unit.code : NULL, res->nunits > 1 ? &mean : NULL,
		mean_label);

	if (scope_view) {
		hb_txt_in(&b, "<section aria-labelledby=\"don-vi\"><h2 id=\"don-vi\">", mean_label,
			"</h2><div class=\"charts\">");
		bar_chart(&b, r, res, NULL, &mean);
		if (trend_chart(&b, r, &res->period, NULL, o.under, &err) != HL_OK) {
			hb_txt_in(&b, "<p class=\"error\">", err.msg, "</p>");
			hl_err_clear(&err);
		}
		hb_raw(&b,
			"</div><p class=\"note\">Chọn một đơn vị (trong bảng hoặc ô Đơn vị) để xem "
			"biểu đồ, góp ý của người dân và việc cần làm của đơn vị đó.</p></section>");
	} else if (have_unit) {
		hb_txt_in(&b, "<section aria-labelledby=\"don-vi\"><h2 id=\"don-vi\">", unit.name,
			"</h2><div class=\"charts\">");
		bar_chart(&b, r, one, &one->units[0].idx, NULL);
		if (trend_chart(&b, r, &one->period, unit.code, NULL, &err) != HL_OK) {
			hb_txt_in(&b, "<p class=\"error\">", err.msg, "</p>");
			hl_err_clear(&err);
		}
		hb_raw(&b, "</div></section>");
		if (comments_section(&b, r, &unit, &res->period, &err) != HL_OK) {
			hb_txt_in(&b, "<p class=\"error\">Không đọc được góp ý: ", err.msg, "</p>");
		}
		waiting(&b, r, &unit);
	}
	page_end(&b);
	return http_send_html(r, period_msg != NULL ? 400 : 200, &b);
}

/* ---- approving a comment for publication ---- */

struct approval_w {
	int64_t id;
	bool approve;
	struct scope_actor by;
};

static int write_approval(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct approval_w *w = arg;

	return cmt_set_public(writer_tx_store(tx), w->id, w->approve, &w->by, srv_now(), err);
}

int page_comment_post(struct http_req *r)
{
	const char *idtext = r->param[0], *action = http_form(r, "action");
	const char *period = http_form(r, "period"), *unit = http_form(r, "unit");
	struct approval_w w = {0};
	struct hl_err err = {0};
	struct hbuf loc;
	char *end;
	long long id = idtext != NULL ? strtoll(idtext, &end, 10) : 0;

	if (idtext == NULL || end == idtext || *end != '\0' || id <= 0) {
		hl_err_set(&err, HL_ENOTFOUND, "id", "không có phiếu này");
		return http_send_err(r, &err);
	}
	if (action == NULL || (strcmp(action, "approve") != 0 && strcmp(action, "withdraw") != 0)) {
		hl_err_set(&err, HL_EINVAL, "action",
			"thao tác phải là cho công khai hoặc thôi công khai");
		return http_send_err(r, &err);
	}
	w.id = (int64_t)id;
	w.approve = strcmp(action, "approve") == 0;
	w.by.role = r->role;
	w.by.unit_id = r->user.unit_id;
	w.by.who = hl_arena_printf(r->a, "web:%s", r->user.name);
	if (w.by.who == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (srv_write(r, write_approval, &w, &err) != HL_OK)
		return http_send_err(r, &err);
	/* Back to the comments the clerk was reading: always a path of this site. */
	hb_init(&loc, r->a, 4096);
	hb_raw(&loc, "/?period=");
	hb_url(&loc, period != NULL ? period : "");
	hb_raw(&loc, "&unit=");
	hb_url(&loc, unit != NULL ? unit : "");
	hb_raw(&loc, "#gop-y");
	return http_redirect(r, loc.failed ? "/" : loc.s);
}
