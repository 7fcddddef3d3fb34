/* dossiers.c — the clerk's dossier pages: GET /dossiers, the on-time rate
 * of the caller's units per field and month over the last twelve months (a
 * table and a chart); GET /dossiers/weekly, the latest Friday list (the
 * server makes it for the latest Friday whose 17:00 has passed, so it is
 * there every Friday afternoon), as a page or ?format=pdf|xlsx|csv. A clerk
 * sees their unit, a supervisor their unit and every unit below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <math.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "http/page.h"
#include "http/scope.h"
#include "report/chart.h"
#include "report/weekly.h"
#include "svc/dossq.h"
#include "svc/ingest.h"
#include "web/pages.h"
#include "web/pick.h"

#define MONTHS 12
#define FILE_MAX ((long)64 << 20) /* a Friday list sent as a file */

/* The caller's scope as dq options: unit for a clerk, under for a
 * supervisor, nothing for an administrator of everything. */
static int scope_opts(struct http_req *r, const char **unit, const char **under, struct hl_err *err)
{
	struct scope_actor by = scope_of(r);

	return scope_default(r->st, r->a, &by, unit, under, err);
}

static void pct_cell(struct hbuf *b, const struct tl_counts *c)
{
	char buf[32];
	double pct;

	hb_raw(b, "<td class=\"num\" data-label=\"Tỷ lệ đúng hạn\">");
	if (tl_on_time_pct(c, &pct))
		hb_printf(b, "%s %%", hl_fmt_dec(buf, sizeof(buf), pct, 2));
	else
		hb_raw(b, "–");
	hb_raw(b, "</td>");
}

/* A box a wide table scrolls in, which a keyboard can reach (label: what
 * it holds); closed by the caller with "</div>". */
static void scroll_box(struct hbuf *b, const char *label)
{
	hb_txt_in(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"", label,
		"\">");
}

/* The head of a table with TT 01/2018's columns (as the CLI's dossiers
 * stats and the Friday list's PDF): received; finished — total, early, on
 * time, late ("Quá hạn"); not finished — total, in time, overdue; the
 * on-time rate. */
static void tt01_head(struct hbuf *b, const char *received)
{
	scroll_box(b, "Bảng tình hình giải quyết hồ sơ theo đơn vị");
	/* a phone stacks it: one card per unit, each value after its column's name */
	hb_raw(b,
		"<table class=\"tt01 stack\"><thead><tr>"
		"<th scope=\"col\" rowspan=\"2\">STT</th><th scope=\"col\" rowspan=\"2\">Đơn vị</th>"
		"<th scope=\"col\" rowspan=\"2\" class=\"num\">");
	hb_txt(b, received);
	hb_raw(b,
		"</th><th scope=\"colgroup\" colspan=\"4\">Đã giải quyết</th>"
		"<th scope=\"colgroup\" colspan=\"3\">Đang giải quyết</th>"
		"<th scope=\"col\" rowspan=\"2\" class=\"num\">Tỷ lệ đúng hạn</th></tr><tr>"
		"<th scope=\"col\" class=\"num\">Tổng số</th><th scope=\"col\" class=\"num\">Trước hạn</th>"
		"<th scope=\"col\" class=\"num\">Đúng hạn</th><th scope=\"col\" class=\"num\">Quá hạn</th>"
		"<th scope=\"col\" class=\"num\">Tổng số</th><th scope=\"col\" class=\"num\">Trong hạn</th>"
		"<th scope=\"col\" class=\"num\">Quá hạn</th></tr></thead><tbody>");
}

/* One row of that table: no its number (0 = the total row), fin the
 * finished classes and open the unfinished ones (the same counts when they
 * hold both). */
static void tt01_row(struct hbuf *b, size_t no, const char *name, const char *received_label,
	int64_t received, const struct tl_counts *fin, const struct tl_counts *open)
{
	static const char *const labels[8] = {NULL, "Đã giải quyết", "Đã giải quyết trước hạn",
		"Đã giải quyết đúng hạn", "Đã giải quyết quá hạn", "Đang giải quyết",
		"Đang giải quyết trong hạn", "Đang giải quyết quá hạn"};
	const int64_t v[8] = {received, tl_finished(fin), fin->n[TL_EARLY], fin->n[TL_ON_TIME],
		fin->n[TL_LATE], open->n[TL_PENDING] + open->n[TL_OVERDUE], open->n[TL_PENDING],
		open->n[TL_OVERDUE]};
	char buf[32];

	hb_raw(b, no != 0 ? "<tr><td data-label=\"STT\">" : "<tr class=\"total\"><td>");
	if (no != 0)
		hb_printf(b, "%zu", no);
	hb_txt_in(b, "</td><th scope=\"row\">", name, "</th>");
	for (int k = 0; k < 8; k++) {
		hb_txt_in(b, "<td class=\"num\" data-label=\"", k == 0 ? received_label : labels[k],
			"\">");
		hb_txt(b, hl_fmt_int(buf, sizeof(buf), v[k]));
		hb_raw(b, "</td>");
	}
	pct_cell(b, fin);
	hb_raw(b, "</tr>");
}

/* One field's row of the rate table: its counts per month. */
struct frow {
	const char *code, *name;
	struct tl_counts m[MONTHS];
};

static struct frow *frow_of(struct frow *rows, size_t *n, size_t cap, const char *code,
	const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(rows[i].code, code) == 0)
			return &rows[i];
	if (*n == cap)
		return NULL;
	memset(&rows[*n], 0, sizeof(rows[*n]));
	rows[*n].code = code;
	rows[*n].name = name;
	return &rows[(*n)++];
}

static void add_counts(struct tl_counts *to, const struct tl_counts *c)
{
	for (int k = 0; k < TL_NCLASS; k++)
		to->n[k] += c->n[k];
}

static void rate_chart(struct hbuf *b, struct http_req *r, const struct frow *rows, size_t n,
	const char *const *labels)
{
	struct chart *c = hl_arena_alloc(r->a, sizeof(*c));
	struct hl_err err = {0};

	if (c == NULL)
		return;
	chart_init(c, CHART_LINE, "Tỷ lệ hồ sơ đúng hạn theo tháng (%)");
	c->decimals = 1;
	for (int k = 0; k < MONTHS; k++)
		if (chart_add_cat(c, labels[k], &err) != HL_OK)
			return;
	for (size_t i = 0; i < n && i < CHART_MAX_SERIES; i++) {
		struct chart_series *s = chart_add_series(c, rows[i].name);
		double pct;

		if (s == NULL)
			break;
		for (int k = 0; k < MONTHS; k++)
			s->value[k] = tl_on_time_pct(&rows[i].m[k], &pct) ? pct : NAN;
	}
	web_chart(b, r, c, "dung-han");
}

/* The units of o's scope over the days [d0, d1] with TT 01/2018's columns,
 * in the reports' order of units, and their total. */
static int unit_table(struct hbuf *b, struct http_req *r, const struct dq_opts *scope, hl_day d0,
	hl_day d1)
{
	struct dq_opts o = *scope;
	struct dq_result *res = NULL;
	struct tl_counts total = {0};
	struct hl_err err = {0};
	char a0[16], a1[16];
	int m, d;

	o.by = DQ_BY_NONE;
	o.period.kind = HL_P_RANGE;
	o.period.num = 0;
	o.period.first = d0;
	o.period.last = d1;
	hl_day_to_ymd(d0, &o.period.year, &m, &d);
	if (dq_stats(r->st, r->a, &o, &res, &err) != HL_OK)
		return err.code;
	hb_txt_in(b, "<h2>Theo đơn vị: hồ sơ tiếp nhận từ ", hl_day_vn(d0, a0, sizeof(a0)),
		" đến ");
	hb_txt(b, hl_day_vn(d1, a1, sizeof(a1)));
	hb_raw(b, "</h2>");
	if (res->nrows == 0) {
		hb_raw(b, "<p>Không có hồ sơ nào tiếp nhận trong các tháng này.</p>");
		return HL_OK;
	}
	tt01_head(b, "Tiếp nhận");
	for (size_t i = 0; i < res->nrows; i++) {
		const struct dq_row *w = &res->rows[i];

		tt01_row(b, i + 1, w->unit->name, "Tiếp nhận", tl_total(&w->c), &w->c, &w->c);
		add_counts(&total, &w->c);
	}
	if (res->nrows > 1)
		tt01_row(b, 0, "Tổng cộng", "Tiếp nhận", tl_total(&total), &total, &total);
	hb_raw(b,
		"</tbody></table></div><p class=\"note\">Đã giải quyết: hồ sơ đã hoàn thành; "
		"đang giải quyết: hồ sơ chưa hoàn thành lúc này, trong hạn hoặc đã quá hạn.</p>");
	return HL_OK;
}

int page_dossiers(struct http_req *r)
{
	const size_t cap = 64;
	struct frow *rows = hl_arena_alloc(r->a, (cap + 1) * sizeof(*rows));
	const char *labels[MONTHS];
	struct hl_err err = {0};
	struct dq_opts o = {0};
	int64_t now = hl_clock_minute();
	hl_day first = hl_day_month_start((hl_day)(now / 1440));
	size_t n = 1;
	struct hbuf b;

	const char *yq = http_query(r, "year");
	long year = 0;
	hl_day start;

	if (rows == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (scope_opts(r, &o.unit, &o.under, &err) != HL_OK)
		return http_send_err(r, &err);
	/* ?year=YYYY: that year's twelve months instead of the last twelve. */
	if (yq != NULL && yq[0] != '\0') {
		char *end;

		year = strtol(yq, &end, 10);
		if (*end != '\0' || year < 2000 || year > 2100 ||
			!hl_day_from_ymd((int)year, 12, 1, &first))
			return http_send_error(r, 400, "invalid", "năm phải là số từ 2000 đến 2100",
				"year");
	}
	memset(&rows[0], 0, sizeof(rows[0]));
	rows[0].code = "";
	rows[0].name = "Tất cả lĩnh vực";
	/* Twelve months back from this one, oldest first. */
	for (int k = 0; k < MONTHS - 1; k++)
		first = hl_day_month_start(first - 1);
	start = first;
	o.by = DQ_BY_FIELD;
	o.at = now;
	for (int k = 0; k < MONTHS; k++) {
		struct dq_result *res = NULL;
		int y, m, d;

		hl_day_to_ymd(first, &y, &m, &d);
		o.period.kind = HL_P_MONTH;
		o.period.year = y;
		o.period.num = m;
		o.period.first = first;
		o.period.last = first + hl_month_days(y, m) - 1;
		labels[k] = hl_arena_printf(r->a, "%02d/%d", m, y % 100);
		if (dq_stats(r->st, r->a, &o, &res, &err) != HL_OK)
			return http_send_err(r, &err);
		for (size_t i = 0; i < res->nrows; i++) {
			struct frow *f = frow_of(rows, &n, cap, res->rows[i].group,
				res->rows[i].label);

			add_counts(&rows[0].m[k], &res->rows[i].c);
			if (f != NULL)
				add_counts(&f->m[k], &res->rows[i].c);
		}
		first = o.period.last + 1;
	}

	page_start(&b, r, 2 << 20, "Hồ sơ thủ tục hành chính");
	hb_raw(&b, "<h1>Hồ sơ thủ tục hành chính: tỷ lệ đúng hạn</h1>");
	hb_raw(&b,
		"<p class=\"note\">Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / số hồ sơ đã giải "
		"quyết, theo tháng tiếp nhận, ");
	hb_txt(&b,
		o.unit          ? "của đơn vị" :
			o.under ? "của đơn vị và các đơn vị trực thuộc" :
				  "của mọi đơn vị");
	hb_raw(&b,
		". Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn được lập mỗi chiều thứ Sáu: "
		"<a href=\"/dossiers/weekly\">danh sách thứ Sáu gần nhất</a>.</p>");
	{
		int y, m, d;

		/* the year before the first month shown */
		hl_day_to_ymd(start - 1, &y, &m, &d);
		hb_printf(&b, "<p><a href=\"/dossiers?year=%d\">Năm %d</a> · ", y, y);
		if (year != 0 && year < 2100)
			hb_printf(&b, "<a href=\"/dossiers?year=%ld\">Năm %ld</a> · ", year + 1,
				year + 1);
		hb_raw(&b, "<a href=\"/dossiers\">12 tháng gần nhất</a></p>");
	}
	scroll_box(&b, "Bảng tỷ lệ đúng hạn theo lĩnh vực và tháng");
	hb_raw(&b,
		"<table class=\"rates\"><thead><tr>"
		"<th scope=\"col\">Lĩnh vực</th>");
	for (int k = 0; k < MONTHS; k++) {
		hb_txt_in(&b, "<th scope=\"col\" class=\"num\">", labels[k], "</th>");
	}
	hb_raw(&b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		hb_txt_in(&b, "<tr><th scope=\"row\">", rows[i].name, "</th>");
		for (int k = 0; k < MONTHS; k++)
			pct_cell(&b, &rows[i].m[k]);
		hb_raw(&b, "</tr>");
	}
	hb_raw(&b, "</tbody></table></div>");
	rate_chart(&b, r, rows, n, labels);
	if (unit_table(&b, r, &o, start, first - 1) != HL_OK)
		hb_raw(&b, "<p class=\"error\">Không tổng hợp được theo đơn vị.</p>");
	return page_send(r, 200, &b);
}

/* ---- the Friday list ---- */

/* m rendered as format into a temporary file, read back into r->a. */
static int send_file(struct http_req *r, const struct wk_model *m, const char *format)
{
	static const char *const types[][2] = {
		{"pdf", "application/pdf"},
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"csv", "text/csv; charset=utf-8"},
	};
	char dir[] = "/tmp/hailong-weekly-XXXXXX", path[64], disp[96], day[16];
	const char *ctype = NULL;
	struct hl_err err = {0};
	char *buf = NULL;
	long len = -1;
	FILE *f;

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(format, types[i][0]) == 0)
			ctype = types[i][1];
	if (ctype == NULL)
		return http_send_error(r, 400, "invalid", "format phải là pdf, xlsx hoặc csv",
			"format");
	if (mkdtemp(dir) == NULL)
		return http_send_error(r, 500, "internal", "không tạo được thư mục tạm", NULL);
	snprintf(path, sizeof(path), "%s/list.%s", dir, format);
	if (wk_render(m, format, path, &err) != HL_OK) {
		rmdir(dir);
		return http_send_err(r, &err);
	}
	f = fopen(path, "rb");
	if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len <= FILE_MAX &&
		fseek(f, 0, SEEK_SET) == 0 &&
		(buf = hl_arena_alloc(r->a, (size_t)len + 1)) != NULL &&
		fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf = NULL;
	if (f != NULL)
		fclose(f);
	unlink(path);
	rmdir(dir);
	if (buf == NULL)
		return http_send_error(r, 500, "internal", "không đọc được danh sách vừa tạo",
			NULL);
	snprintf(disp, sizeof(disp), "attachment; filename=\"danh-sach-thu-sau-%s.%s\"",
		hl_day_iso(m->friday, day, sizeof(day)), format);
	http_add_header(r, "Content-Disposition", disp);
	return http_send(r, 200, ctype, buf, (size_t)len);
}

static void item_table(struct hbuf *b, const struct wk_item *v, size_t n, bool late)
{
	char a[32];

	scroll_box(b, late ? "Bảng hồ sơ trễ hạn, quá hạn" : "Bảng hồ sơ sắp đến hạn");
	hb_raw(b,
		"<table class=\"stack\"><thead><tr><th scope=\"col\">Lĩnh vực</th>"
		"<th scope=\"col\">Mã hồ sơ</th><th scope=\"col\">Đơn vị</th>"
		"<th scope=\"col\">Thủ tục</th><th scope=\"col\">Tiếp nhận</th>"
		"<th scope=\"col\">Hạn trả</th><th scope=\"col\">Tình trạng</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		hb_raw(b,
			late ? "<tr class=\"overdue\"><td data-label=\"Lĩnh vực\">" :
			       "<tr><td data-label=\"Lĩnh vực\">");
		hb_txt(b, v[i].field_name[0] ? v[i].field_name : "(không ghi)");
		hb_txt_in(b, "</td><td data-label=\"Mã hồ sơ\">", v[i].code,
			"</td><td data-label=\"Đơn vị\">");
		hb_txt(b, v[i].unit_name);
		hb_txt_in(b, "</td><td data-label=\"Thủ tục\">", v[i].procedure,
			"</td><td data-label=\"Tiếp nhận\">");
		hb_txt(b, hl_clock_fmt_minute(v[i].received_at, a, sizeof(a)));
		hb_txt_in(b, "</td><td data-label=\"Hạn trả\">",
			hl_clock_fmt_minute(v[i].due_at, a, sizeof(a)),
			"</td><td data-label=\"Tình trạng\">");
		hb_txt(b, tl_class_label(v[i].cls));
		if (v[i].cls != TL_PENDING && !v[i].apology)
			hb_raw(b, "; chưa có phiếu xin lỗi");
		hb_raw(b, "</td></tr>");
	}
	hb_raw(b, "</tbody></table></div>");
}

int page_dossiers_weekly(struct http_req *r)
{
	const char *format = http_query(r, "format"), *unit, *under;
	struct wk_model *m = NULL;
	struct hl_err err = {0};
	char a[16], c[16];
	struct hbuf b;
	int rc;

	if (scope_opts(r, &unit, &under, &err) != HL_OK)
		return http_send_err(r, &err);
	/* The Friday list covers the unit and every unit below it. */
	if (wk_build(r->st, wk_latest_list(hl_clock_minute()), unit != NULL ? unit : under, &m,
		    &err) != HL_OK)
		return http_send_err(r, &err);
	if (format != NULL) {
		rc = send_file(r, m, format);
		wk_free(m);
		return rc;
	}
	page_start(&b, r, 8 << 20, "Danh sách thứ Sáu");
	hb_raw(&b, "<h1>");
	hb_txt(&b, wk_title(m));
	hb_raw(&b,
		"</h1><p class=\"note\">Máy chủ lập danh sách mỗi chiều thứ Sáu, tính đến 17:00 "
		"(kỳ tuần từ 00:00 thứ Bảy): trang này luôn là danh sách của thứ Sáu gần nhất đã qua "
		"17:00. Tải về: <a href=\"/dossiers/weekly?format=pdf\">PDF</a>, "
		"<a href=\"/dossiers/weekly?format=xlsx\">XLSX</a>, "
		"<a href=\"/dossiers/weekly?format=csv\">CSV</a>.</p>");
	hb_raw(&b, "<h2>Kết quả trong tuần</h2>");
	if (m->nunits == 0) {
		hb_raw(&b, "<p>Trong tuần không có hồ sơ nào được tiếp nhận hoặc giải quyết.</p>");
	} else {
		tt01_head(&b, "Tiếp nhận trong tuần");
		for (size_t i = 0; i <= m->nunits; i++) {
			const struct wk_unit *w = i == m->nunits ?
				&m->total :
				&m->units[m->order != NULL ? m->order[i] : i];

			tt01_row(&b, i < m->nunits ? i + 1 : 0, w->name, "Tiếp nhận trong tuần",
				w->received, &w->fin, &w->open);
		}
		hb_raw(&b, "</tbody></table></div>");
	}
	hb_raw(&b, "<h2>Hồ sơ trễ hạn, quá hạn</h2>");
	if (m->nlate == 0)
		hb_raw(&b, "<p>Không có hồ sơ trễ hạn hoặc quá hạn.</p>");
	else
		item_table(&b, m->late, m->nlate, true);
	hb_txt_in(&b, "<h2>Hồ sơ sắp đến hạn (5 ngày làm việc, đến ",
		hl_day_vn(m->due_until, c, sizeof(c)), ")</h2>");
	if (m->ndue == 0)
		hb_raw(&b, "<p>Không có hồ sơ nào sắp đến hạn.</p>");
	else
		item_table(&b, m->due, m->ndue, false);
	hb_raw(&b,
		"<p><a href=\"/dossiers\">Tỷ lệ đúng hạn theo lĩnh vực và tháng</a> · Tuần trước: "
		"thứ Sáu ");
	hb_txt(&b, hl_day_vn(m->friday - 7, a, sizeof(a)));
	hb_raw(&b, " (dòng lệnh: hailong dossiers weekly --date).</p>");
	page_end(&b);
	wk_free(m);
	return http_send_html(r, 200, &b);
}
