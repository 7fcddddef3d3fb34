/* admin_schedules.c — /admin/schedules: the reporting schedule each of the
 * caller's units follows (its own, its superior's or the Plan's default),
 * in words; a supervisor or an administrator gives a unit its own schedule
 * from day and month boxes, or takes it away (`hailong reports schedule`).
 * Through svc/publish.h on the server's writer, audited as web:NAME. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "svc/publish.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/pick.h"

#define SPEC_MAX 256

/* The reports with their own day/month box: name, label, kind, number. */
static const struct {
	const char *name, *label;
	enum hl_period_kind kind;
	int num;
} boxes[] = {
	{"q1", "Quý I", HL_P_QUARTER, 1},
	{"q2", "Quý II", HL_P_QUARTER, 2},
	{"q3", "Quý III", HL_P_QUARTER, 3},
	{"q4", "Quý IV", HL_P_QUARTER, 4},
	{"h1", "6 tháng đầu năm", HL_P_HALF, 1},
	{"h2", "6 tháng cuối năm", HL_P_HALF, 2},
	{"year", "Cả năm", HL_P_YEAR, 1},
};

#define NBOXES (sizeof(boxes) / sizeof(boxes[0]))

/* The spec's code of box i ("Q1", "H2", "year"). */
static const char *box_code(size_t i)
{
	static const char *const codes[NBOXES] = {"Q1", "Q2", "Q3", "Q4", "H1", "H2", "year"};

	return codes[i];
}

static const struct store_unit *chosen(const struct store_unit *u, size_t n, const char *code)
{
	for (size_t i = 0; code != NULL && i < n; i++)
		if (strcmp(u[i].code, code) == 0)
			return &u[i];
	return n > 0 ? &u[0] : NULL;
}

/* Where unit's schedule comes from, in words. */
static const char *source(struct http_req *r, const struct pub_sched *ps,
	const struct store_unit *u, int64_t from)
{
	if (from == 0)
		return "Lịch mặc định theo Kế hoạch";
	if (from == u->id)
		return "Lịch riêng của đơn vị";
	return hl_arena_printf(r->a, "Theo lịch của %s", pub_sched_unit_name(ps, from));
}

/* The form giving unit its own schedule, filled from s. */
static void schedule_form(struct hbuf *b, struct http_req *r, const struct store_unit *u, size_t n,
	const struct store_unit *unit, const struct calrpt_schedule *s)
{
	int mday = 0, moff = 0, d, m;

	for (int i = 0; i < s->nrules; i++)
		if (s->rules[i].kind == HL_P_MONTH && s->rules[i].month_offset <= 1) {
			mday = s->rules[i].day;
			moff = s->rules[i].month_offset;
		}
	page_form(b, r, "admin", "/admin/schedules");
	hb_raw(b, "<fieldset><legend>Đặt lịch báo cáo riêng</legend><label>Đơn vị ");
	web_unit_select(b, "unit", u, n, unit->code, NULL);
	hb_raw(b,
		"</label><p class=\"note\">Để trống ô của báo cáo nào thì đơn vị không phải lập "
		"báo cáo đó. Ngày của quý, 6 tháng, năm viết ngày/tháng (ví dụ 25/03); tháng trước kỳ "
		"là tháng của năm sau (Quý IV: 15/01).</p><div class=\"times\"><label>Báo cáo hằng "
		"tháng: ngày <input class=\"short\" name=\"month\" size=\"3\" inputmode=\"numeric\" autocomplete=\"off\" "
		"value=\"");
	if (mday > 0)
		hb_printf(b, "%d", mday);
	hb_raw(b, "\"></label> <label>của <select name=\"month_next\"><option value=\"0\"");
	hb_raw(b, moff == 0 ? " selected" : "");
	hb_raw(b, ">tháng đó</option><option value=\"1\"");
	hb_raw(b, moff == 1 ? " selected" : "");
	hb_raw(b, ">tháng sau</option></select></label></div>");
	for (size_t i = 0; i < NBOXES; i++) {
		hb_txt_in(b, "<label>", boxes[i].label, ": ngày <input name=\"");
		hb_txt(b, boxes[i].name);
		hb_raw(b,
			"\" class=\"short\" size=\"5\" autocomplete=\"off\" placeholder=\"ngày/tháng\" "
			"value=\"");
		if (calrpt_day_month(s, boxes[i].kind, boxes[i].num, &d, &m))
			hb_printf(b, "%02d/%02d", d, m);
		hb_raw(b, "\"></label>");
	}
	hb_raw(b,
		"<button type=\"submit\">Lưu lịch riêng</button> <button type=\"submit\" "
		"name=\"default\" value=\"1\" class=\"secondary\">Bỏ lịch riêng</button></fieldset>"
		"</form><p class=\"note\">Bỏ lịch riêng: đơn vị theo lịch của đơn vị cấp trên, hoặc "
		"lịch mặc định.</p>");
}

static int schedules_page(struct http_req *r, const char *unit_code, const struct hl_err *e)
{
	struct store_unit *u = NULL;
	const struct store_unit *unit;
	struct pub_sched *ps = NULL;
	size_t n = 0;
	struct hl_err err = {0};
	char desc[1024];
	struct hbuf b;

	if (web_units(r, &u, &n, &err) != HL_OK || pub_sched_load(r->st, r->a, &ps, &err) != HL_OK)
		return http_send_err(r, &err);
	unit = chosen(u, n, unit_code);
	admin_begin(&b, r, 4 << 20, "Lịch báo cáo", e);
	hb_raw(&b,
		"<p>Ngày phải công bố các báo cáo định kỳ về sự hài lòng. Đơn vị không có lịch "
		"riêng theo lịch của đơn vị cấp trên, rồi lịch mặc định theo Kế hoạch.</p>"
		"<div class=\"scroll\"><table class=\"schedules\"><caption>Lịch báo cáo của các đơn vị"
		"</caption><thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Lịch</th>"
		"<th scope=\"col\">Nguồn</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		int64_t from = 0;
		const struct calrpt_schedule *s = pub_sched_of(ps, u[i].id, &from);

		hb_raw(&b, "<tr><th scope=\"row\">");
		if (r->role >= ROLE_SUPERVISOR) {
			hb_raw(&b, "<a href=\"/admin/schedules?unit=");
			hb_url(&b, u[i].code);
			hb_txt_in(&b, "#dat-lich\">", u[i].name, "</a>");
		} else {
			hb_txt(&b, u[i].name);
		}
		hb_txt_in(&b, "</th><td>", calrpt_describe(s, desc, sizeof(desc)), "</td><td>");
		hb_txt(&b, source(r, ps, &u[i], from));
		hb_raw(&b, "</td></tr>");
	}
	hb_raw(&b, "</tbody></table></div>");
	if (unit != NULL && r->role >= ROLE_SUPERVISOR) {
		hb_raw(&b, "<div id=\"dat-lich\">");
		schedule_form(&b, r, u, n, unit, pub_sched_of(ps, unit->id, NULL));
		hb_raw(&b, "</div>");
	} else if (unit != NULL) {
		hb_raw(&b,
			"<p class=\"note\">Cán bộ giám sát của cấp trên đặt lịch báo cáo riêng cho "
			"đơn vị.</p>");
	}
	return page_send_for(r, &b, e);
}

int page_admin_schedules(struct http_req *r)
{
	return schedules_page(r, http_query(r, "unit"), NULL);
}

/* The SPEC of core/calendar_rpt.h the form describes, into buf. */
static int form_spec(struct http_req *r, char *buf, size_t size, struct hl_err *err)
{
	const char *month = http_form(r, "month"), *next = http_form(r, "month_next");
	size_t len = 0;

	if (month != NULL && month[strspn(month, " ")] != '\0') {
		char *end;
		long d = strtol(month, &end, 10);

		if (*end != '\0' || d < 1 || d > 31)
			return hl_err_set(err, HL_EINVAL, "month",
				"ngày báo cáo tháng '%.10s' không hợp "
				"lệ: một số từ 1 đến 31",
				month);
		len += (size_t)snprintf(buf + len, size - len, "month:%ld%s", d,
			next != NULL && strcmp(next, "1") == 0 ? "+1" : "");
	}
	for (size_t i = 0; i < NBOXES && len < size; i++) {
		const char *v = http_form(r, boxes[i].name);
		int d, m;
		char tail;

		if (v == NULL || v[strspn(v, " ")] == '\0')
			continue;
		if (sscanf(v, "%2d/%2d%c", &d, &m, &tail) != 2 || m < 1 || m > 12 || d < 1 ||
			d > hl_month_days(2024, m))
			return hl_err_set(err, HL_EINVAL, boxes[i].name,
				"ngày của báo cáo %s '%.10s' "
				"không hợp lệ: viết ngày/tháng, ví dụ 25/03",
				boxes[i].label, v);
		len += (size_t)snprintf(buf + len, size - len, "%s%s:%02d/%02d", len > 0 ? "," : "",
			box_code(i), d, m);
	}
	if (len == 0)
		return hl_err_set(err, HL_EINVAL, "month",
			"lịch trống: điền ngày của ít nhất một báo "
			"cáo, hoặc chọn Bỏ lịch riêng");
	return len < size ? HL_OK : hl_err_set(err, HL_EINVAL, HL_HERE, "lịch quá dài");
}

struct sched_w {
	struct scope_actor by;
	const char *unit;
	char spec[SPEC_MAX]; /* "" = take the unit's own schedule away */
};

static int write_sched(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct sched_w *w = arg;

	return pub_sched_set_by(writer_tx_store(tx), &w->by, w->unit, w->spec, err);
}

int page_admin_schedules_post(struct http_req *r)
{
	struct sched_w w = {.by = web_actor(r)};
	const char *dflt = http_form(r, "default");
	struct hl_err err = {0};

	w.unit = http_form(r, "unit");
	if ((dflt != NULL && strcmp(dflt, "1") == 0) ||
		form_spec(r, w.spec, sizeof(w.spec), &err) == HL_OK) {
		if (srv_write(r, write_sched, &w, &err) == HL_OK)
			return admin_back(r, "/admin/schedules", w.unit, "schedule");
	}
	return schedules_page(r, w.unit, &err);
}
