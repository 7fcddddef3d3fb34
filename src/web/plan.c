/* plan.c — the clerk's improvement plan page (issue 6): GET /plan?unit=&year=
 * shows the unit's plan for the year (by default the caller's own unit and
 * this year) grouped by criterion as seed 003's appendix, each task with its
 * status, its progress notes and a form to record progress; POST /plan
 * changes one task's status with a dated note (svc/plan.h, run by the
 * server's writer, audited as web:NAME). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "http/html.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/ingest.h"
#include "svc/plan.h"
#include "web/pages.h"

#define NOTE_FORM_MAX 1000   /* characters a clerk may type in a note */

static hl_day local_today(void)
{
	return (hl_day)(((int64_t)time(NULL) + (int64_t)INGEST_TZ_MINUTES * 60) / 86400);
}

static int this_year(void)
{
	int y, m, d;

	hl_day_to_ymd(local_today(), &y, &m, &d);
	return y;
}

/* ?year= or this year; false when given and not a year. */
static bool year_of(const char *s, int *year)
{
	char *end;
	long v;

	if (s == NULL || s[0] == '\0') {
		*year = this_year();
		return true;
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 2000 || v > 2100)
		return false;
	*year = (int)v;
	return true;
}

/* The unit of ?unit= (one the caller sees) or the caller's own. */
static int unit_of(struct http_req *r, const char *code, struct store_unit *u, struct hl_err *err)
{
	if (code != NULL && code[0] != '\0')
		return scope_unit(r, code, "unit", u, err);
	if (scope_home(r, u, err) != HL_OK)
		return hl_err_set(err, HL_EINVAL, "unit", "chọn đơn vị (tham số unit, ví dụ "
			"/plan?unit=vinh-tho&year=2025)");
	return HL_OK;
}

static void status_select(struct hbuf *b, const char *current)
{
	static const char *const codes[] = {"chua-bat-dau", "dang-thuc-hien", "hoan-thanh", "qua-han"};

	hb_raw(b, "<select name=\"status\">");
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, codes[i]);
		hb_raw(b, strcmp(codes[i], current) == 0 ? "\" selected>" : "\">");
		hb_txt(b, plan_status_label(codes[i]));
		hb_raw(b, "</option>");
	}
	hb_raw(b, "</select>");
}

/* The form recording task t's progress. */
static void task_form(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct store_plan_task *t)
{
	char today[16];

	hb_raw(b, "<form method=\"post\" action=\"/plan\" class=\"inline\">");
	hb_csrf(b, r);
	hb_raw(b, "<input type=\"hidden\" name=\"unit\" value=\"");
	hb_txt(b, p->unit.code);
	hb_printf(b, "\"><input type=\"hidden\" name=\"year\" value=\"%d\">"
		"<input type=\"hidden\" name=\"task\" value=\"%d\">", p->year, t->no);
	hb_printf(b, "<label>Tình trạng nhiệm vụ %d ", t->no);
	status_select(b, t->status);
	hb_raw(b, "</label> <label>Ngày <input type=\"date\" name=\"at\" value=\"");
	hb_txt(b, hl_day_iso(local_today(), today, sizeof(today)));
	hb_printf(b, "\"></label> <label>Ghi chú <input name=\"note\" maxlength=\"%d\"></label> "
		"<button type=\"submit\">Ghi nhận</button></form>", NOTE_FORM_MAX);
}

static void task_row(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct store_plan_task *t)
{
	char sched[96], d[16];

	hb_printf(b, "<tr><td class=\"num\">%d</td><td>", t->no);
	hb_txt(b, t->task);
	hb_raw(b, "</td><td>");
	hb_txt(b, t->responsible);
	hb_raw(b, "</td><td>");
	hb_txt(b, plan_schedule_label(t->schedule, p->year, sched, sizeof(sched)));
	hb_raw(b, "</td><td>");
	hb_txt(b, t->expected);
	hb_raw(b, "</td><td>");
	hb_txt(b, plan_status_label(t->status));
	for (size_t k = 0; k < p->nnotes; k++) {
		const struct store_plan_note *n = &p->notes[k];

		if (n->no != t->no)
			continue;
		hb_raw(b, "<br><small>");
		hb_txt(b, hl_day_vn(n->day, d, sizeof(d)));
		hb_raw(b, " – ");
		hb_txt(b, plan_status_label(n->status));
		if (n->text[0] != '\0') {
			hb_raw(b, ": ");
			hb_txt(b, n->text);
		}
		hb_raw(b, "</small>");
	}
	hb_raw(b, "</td></tr><tr><td></td><td colspan=\"5\">");
	task_form(b, r, p, t);
	hb_raw(b, "</td></tr>");
}

static int plan_page(struct http_req *r, const char *unit, const char *year,
	const struct hl_err *e)
{
	struct store_unit u;
	struct plan_doc *p = NULL;
	struct hl_err err = {0};
	struct hbuf b;
	int y;

	if (!year_of(year, &y)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", year);
		return http_send_err(r, &err);
	}
	if (unit_of(r, unit, &u, &err) != HL_OK || plan_load(r->st, r->a, u.code, y, &p, &err) != HL_OK)
		return http_send_err(r, &err);
	hb_init(&b, r->a, 8 << 20);
	page_begin(&b, r, "Kế hoạch nâng cao mức độ hài lòng");
	hb_raw(&b, "<h1>Kế hoạch nâng cao mức độ hài lòng</h1><p>");
	hb_txt(&b, plan_title(r->a, p));
	hb_raw(&b, "</p><form class=\"inline\" method=\"get\" action=\"/plan\"><label>Đơn vị "
		"<input name=\"unit\" value=\"");
	hb_txt(&b, p->unit.code);
	hb_printf(&b, "\"></label> <label>Năm <input name=\"year\" inputmode=\"numeric\" size=\"6\" "
		"value=\"%d\"></label> <button type=\"submit\">Xem</button></form>", y);
	if (e != NULL && e->code != HL_OK) {
		hb_raw(&b, "<p class=\"flash error\" role=\"alert\">");
		hb_txt(&b, e->msg);
		hb_raw(&b, "</p>");
	} else if (http_query(r, "ok") != NULL) {
		hb_raw(&b, "<p class=\"flash\" role=\"status\">Đã ghi nhận tiến độ.</p>");
	}
	if (p->ntasks == 0) {
		hb_printf(&b, "<p>Đơn vị chưa có kế hoạch năm %d. Lập kế hoạch từ các tiêu chí dưới chỉ "
			"tiêu: <code>hailong plan adopt --unit ", y);
		hb_txt(&b, p->unit.code);
		hb_printf(&b, " --year %d</code>, hoặc nhập tệp CSV: <code>hailong plan import</code>.</p>",
			y);
	}
	for (int c = 0; c < PLAN_NCRIT; c++) {
		bool headed = false;

		for (size_t i = 0; i < p->ntasks; i++) {
			if (strcmp(p->tasks[i].criterion, plan_crit_code(c)) != 0)
				continue;
			if (!headed) {
				const char *fig = plan_group_figures(r->a, p, c);

				hb_raw(&b, "<h2>");
				hb_txt(&b, plan_group_title(r->a, c));
				hb_raw(&b, "</h2>");
				if (fig != NULL && fig[0] != '\0') {
					hb_raw(&b, "<p class=\"note\">");
					hb_txt(&b, fig);
					hb_raw(&b, "</p>");
				}
				hb_raw(&b, "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Stt</th>"
					"<th scope=\"col\">Nội dung công việc</th>"
					"<th scope=\"col\">Trách nhiệm thực hiện</th>"
					"<th scope=\"col\">Tiến độ thực hiện</th><th scope=\"col\">Kết quả</th>"
					"<th scope=\"col\">Tình trạng</th></tr></thead><tbody>");
				headed = true;
			}
			task_row(&b, r, p, &p->tasks[i]);
		}
		if (headed)
			hb_raw(&b, "</tbody></table></div>");
	}
	page_end(&b);
	return http_send_html(r, e != NULL && e->code != HL_OK ? http_status_of(e->code) : 200, &b);
}

int page_plan(struct http_req *r)
{
	return plan_page(r, http_query(r, "unit"), http_query(r, "year"), NULL);
}

struct status_w {
	const char *unit, *status, *note, *who;
	int year, no;
	hl_day day;
};

static int write_status(struct srv_tx *tx, void *arg, struct hl_err *err)
{
	struct status_w *w = arg;

	return plan_set_status_in(srv_tx_store(tx), w->unit, w->year, w->no, w->status, w->note,
		w->day, w->who, err);
}

int page_plan_post(struct http_req *r)
{
	const char *unit = http_form(r, "unit"), *year = http_form(r, "year"),
		*task = http_form(r, "task"), *at = http_form(r, "at");
	struct status_w w = {0};
	struct store_unit u;
	struct hl_err err = {0};
	struct hbuf loc;
	char *end;
	long no;

	w.status = http_form(r, "status");
	w.note = http_form(r, "note");
	if (!year_of(year, &w.year)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", year);
		return http_send_err(r, &err);
	}
	if (unit == NULL || unit[0] == '\0' || scope_unit(r, unit, "unit", &u, &err) != HL_OK) {
		if (err.code == HL_OK)
			hl_err_set(&err, HL_EINVAL, "unit", "thiếu đơn vị");
		return http_send_err(r, &err);
	}
	w.unit = u.code;
	no = task != NULL ? strtol(task, &end, 10) : 0;
	if (task == NULL || *end != '\0' || no < 1 || no > PLAN_MAX_TASKS)
		hl_err_set(&err, HL_EINVAL, "task", "số thứ tự nhiệm vụ không hợp lệ");
	else if (w.status == NULL || !plan_status_ok(w.status))
		hl_err_set(&err, HL_EINVAL, "status", "tình trạng không hợp lệ");
	else if (at != NULL && at[0] != '\0' && !hl_day_parse(at, &w.day))
		hl_err_set(&err, HL_EINVAL, "at", "ngày '%s' không hợp lệ (YYYY-MM-DD)", at);
	else if (w.note != NULL && strlen(w.note) > 4 * NOTE_FORM_MAX)
		hl_err_set(&err, HL_ELIMIT, "note", "ghi chú quá dài (tối đa %d ký tự)", NOTE_FORM_MAX);
	if (err.code != HL_OK)
		return plan_page(r, u.code, year, &err);
	if (at == NULL || at[0] == '\0')
		w.day = local_today();
	w.no = (int)no;
	w.who = hl_arena_printf(r->a, "web:%s", r->user.name);
	if (srv_write(r->srv, write_status, &w, &err) != HL_OK)
		return plan_page(r, u.code, year, &err);
	hb_init(&loc, r->a, 4096);
	hb_raw(&loc, "/plan?unit=");
	hb_url(&loc, u.code);
	hb_printf(&loc, "&year=%d&ok=1", w.year);
	if (loc.failed)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_redirect(r, loc.s);
}
