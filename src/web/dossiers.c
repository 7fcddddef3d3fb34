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

#define MONTHS 12
#define FILE_MAX ((long)64 << 20)   /* a Friday list sent as a file */

/* The caller's scope as dq options: unit for a clerk, under for a
 * supervisor, nothing for an administrator of everything. */
static int scope_opts(struct http_req *r, const char **unit, const char **under,
	struct hl_err *err)
{
	struct store_unit *u;

	*unit = *under = NULL;
	if (r->role == ROLE_ADMIN && r->user.unit_id == 0)
		return HL_OK;
	u = hl_arena_alloc(r->a, sizeof(*u));
	if (u == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (scope_home(r, u, err) != HL_OK)
		return err->code;
	if (r->role >= ROLE_SUPERVISOR)
		*under = u->code;
	else
		*unit = u->code;
	return HL_OK;
}

static void pct_cell(struct hbuf *b, const struct tl_counts *c)
{
	char buf[32];
	double pct;

	hb_raw(b, "<td class=\"num\">");
	if (tl_on_time_pct(c, &pct))
		hb_printf(b, "%s %%", hl_fmt_dec(buf, sizeof(buf), pct, 2));
	else
		hb_raw(b, "–");
	hb_raw(b, "</td>");
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
	char *svg = NULL;
	size_t len = 0;

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
	if (chart_svg(c, "dung-han", r->a, &svg, &len, &err) != HL_OK) {
		hb_raw(b, "<p class=\"error\">Không vẽ được biểu đồ: ");
		hb_txt(b, err.msg);
		hb_raw(b, "</p>");
		return;
	}
	hb_raw(b, "<figure class=\"chart\">");
	hb_raw(b, svg);   /* built by chart_svg: its text is escaped there */
	hb_raw(b, "</figure>");
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
		if (*end != '\0' || year < 2000 || year > 2100 || !hl_day_from_ymd((int)year, 12, 1, &first))
			return http_send_error(r, 400, "invalid", "năm phải là số từ 2000 đến 2100", "year");
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
			struct frow *f = frow_of(rows, &n, cap, res->rows[i].group, res->rows[i].label);

			add_counts(&rows[0].m[k], &res->rows[i].c);
			if (f != NULL)
				add_counts(&f->m[k], &res->rows[i].c);
		}
		first = o.period.last + 1;
	}

	hb_init(&b, r->a, 2 << 20);
	page_begin(&b, r, "Hồ sơ thủ tục hành chính");
	hb_raw(&b, "<h1>Hồ sơ thủ tục hành chính: tỷ lệ đúng hạn</h1>");
	hb_raw(&b, "<p class=\"note\">Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / số hồ sơ đã giải "
		"quyết, theo tháng tiếp nhận, ");
	hb_txt(&b, o.unit ? "của đơn vị" : o.under ? "của đơn vị và các đơn vị trực thuộc" :
		"của mọi đơn vị");
	hb_raw(&b, ". Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn được lập mỗi chiều thứ Sáu: "
		"<a href=\"/dossiers/weekly\">danh sách thứ Sáu gần nhất</a>.</p>");
	{
		int y, m, d;

		/* the year before the first month shown */
		hl_day_to_ymd(start - 1, &y, &m, &d);
		hb_printf(&b, "<p><a href=\"/dossiers?year=%d\">Năm %d</a> · ", y, y);
		if (year != 0 && year < 2100)
			hb_printf(&b, "<a href=\"/dossiers?year=%ld\">Năm %ld</a> · ", year + 1, year + 1);
		hb_raw(&b, "<a href=\"/dossiers\">12 tháng gần nhất</a></p>");
	}
	hb_raw(&b, "<div class=\"scroll\"><table class=\"rates\"><thead><tr>"
		"<th scope=\"col\">Lĩnh vực</th>");
	for (int k = 0; k < MONTHS; k++) {
		hb_raw(&b, "<th scope=\"col\" class=\"num\">");
		hb_txt(&b, labels[k]);
		hb_raw(&b, "</th>");
	}
	hb_raw(&b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		hb_raw(&b, "<tr><th scope=\"row\">");
		hb_txt(&b, rows[i].name);
		hb_raw(&b, "</th>");
		for (int k = 0; k < MONTHS; k++)
			pct_cell(&b, &rows[i].m[k]);
		hb_raw(&b, "</tr>");
	}
	hb_raw(&b, "</tbody></table></div>");
	rate_chart(&b, r, rows, n, labels);
	page_end(&b);
	return http_send_html(r, 200, &b);
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
		return http_send_error(r, 400, "invalid", "format phải là pdf, xlsx hoặc csv", "format");
	if (mkdtemp(dir) == NULL)
		return http_send_error(r, 500, "internal", "không tạo được thư mục tạm", NULL);
	snprintf(path, sizeof(path), "%s/list.%s", dir, format);
	if (wk_render(m, format, path, &err) != HL_OK) {
		rmdir(dir);
		return http_send_err(r, &err);
	}
	f = fopen(path, "rb");
	if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len <= FILE_MAX &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = hl_arena_alloc(r->a, (size_t)len + 1)) != NULL &&
	    fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf = NULL;
	if (f != NULL)
		fclose(f);
	unlink(path);
	rmdir(dir);
	if (buf == NULL)
		return http_send_error(r, 500, "internal", "không đọc được danh sách vừa tạo", NULL);
	snprintf(disp, sizeof(disp), "attachment; filename=\"danh-sach-thu-sau-%s.%s\"",
		hl_day_iso(m->friday, day, sizeof(day)), format);
	http_add_header(r, "Content-Disposition", disp);
	return http_send(r, 200, ctype, buf, (size_t)len);
}

static void item_table(struct hbuf *b, const struct wk_item *v, size_t n, bool late)
{
	char a[32];

	hb_raw(b, "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Lĩnh vực</th>"
		"<th scope=\"col\">Mã hồ sơ</th><th scope=\"col\">Đơn vị</th>"
		"<th scope=\"col\">Thủ tục</th><th scope=\"col\">Tiếp nhận</th>"
		"<th scope=\"col\">Hạn trả</th><th scope=\"col\">Tình trạng</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		hb_raw(b, late ? "<tr class=\"overdue\"><td>" : "<tr><td>");
		hb_txt(b, v[i].field_name[0] ? v[i].field_name : "(không ghi)");
		hb_raw(b, "</td><td>");
		hb_txt(b, v[i].code);
		hb_raw(b, "</td><td>");
		hb_txt(b, v[i].unit_name);
		hb_raw(b, "</td><td>");
		hb_txt(b, v[i].procedure);
		hb_raw(b, "</td><td>");
		hb_txt(b, hl_clock_fmt_minute(v[i].received_at, a, sizeof(a)));
		hb_raw(b, "</td><td>");
		hb_txt(b, hl_clock_fmt_minute(v[i].due_at, a, sizeof(a)));
		hb_raw(b, "</td><td>");
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
	if (wk_build(r->st, wk_latest_list(hl_clock_minute()), unit != NULL ? unit : under, &m, &err) != HL_OK)
		return http_send_err(r, &err);
	if (format != NULL) {
		rc = send_file(r, m, format);
		wk_free(m);
		return rc;
	}
	hb_init(&b, r->a, 8 << 20);
	page_begin(&b, r, "Danh sách thứ Sáu");
	hb_raw(&b, "<h1>");
	hb_txt(&b, wk_title(m));
	hb_raw(&b, "</h1><p class=\"note\">Máy chủ lập danh sách mỗi chiều thứ Sáu, tính đến 17:00 "
		"(kỳ tuần từ 00:00 thứ Bảy): trang này luôn là danh sách của thứ Sáu gần nhất đã qua "
		"17:00. Tải về: <a href=\"/dossiers/weekly?format=pdf\">PDF</a>, "
		"<a href=\"/dossiers/weekly?format=xlsx\">XLSX</a>, "
		"<a href=\"/dossiers/weekly?format=csv\">CSV</a>.</p>");
	hb_raw(&b, "<h2>Kết quả trong tuần</h2>");
	if (m->nunits == 0) {
		hb_raw(&b, "<p>Trong tuần không có hồ sơ nào được tiếp nhận hoặc giải quyết.</p>");
	} else {
		hb_raw(&b, "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Đơn vị</th>"
			"<th scope=\"col\" class=\"num\">Tiếp nhận</th>"
			"<th scope=\"col\" class=\"num\">Trước hạn</th>"
			"<th scope=\"col\" class=\"num\">Đúng hạn</th>"
			"<th scope=\"col\" class=\"num\">Trễ hạn</th>"
			"<th scope=\"col\" class=\"num\">Tỷ lệ đúng hạn</th></tr></thead><tbody>");
		for (size_t i = 0; i <= m->nunits; i++) {
			const struct wk_unit *w = i < m->nunits ? &m->units[i] : &m->total;

			hb_raw(&b, "<tr><th scope=\"row\">");
			hb_txt(&b, w->name);
			hb_printf(&b, "</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
				"<td class=\"num\">%lld</td><td class=\"num\">%lld</td>",
				(long long)w->received, (long long)w->fin.n[TL_EARLY],
				(long long)w->fin.n[TL_ON_TIME], (long long)w->fin.n[TL_LATE]);
			pct_cell(&b, &w->fin);
			hb_raw(&b, "</tr>");
		}
		hb_raw(&b, "</tbody></table></div>");
	}
	hb_raw(&b, "<h2>Hồ sơ trễ hạn, quá hạn</h2>");
	if (m->nlate == 0)
		hb_raw(&b, "<p>Không có hồ sơ trễ hạn hoặc quá hạn.</p>");
	else
		item_table(&b, m->late, m->nlate, true);
	hb_raw(&b, "<h2>Hồ sơ sắp đến hạn (5 ngày làm việc, đến ");
	hb_txt(&b, hl_day_vn(m->due_until, c, sizeof(c)));
	hb_raw(&b, ")</h2>");
	if (m->ndue == 0)
		hb_raw(&b, "<p>Không có hồ sơ nào sắp đến hạn.</p>");
	else
		item_table(&b, m->due, m->ndue, false);
	hb_raw(&b, "<p><a href=\"/dossiers\">Tỷ lệ đúng hạn theo lĩnh vực và tháng</a> · Tuần trước: "
		"thứ Sáu ");
	hb_txt(&b, hl_day_vn(m->friday - 7, a, sizeof(a)));
	hb_raw(&b, " (dòng lệnh: hailong dossiers weekly --date).</p>");
	page_end(&b);
	wk_free(m);
	return http_send_html(r, 200, &b);
}
