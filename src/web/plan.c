/* plan.c — the clerk's improvement plan page (issues 6 and 12): GET
 * /plan?unit=&year= shows the unit's plan for the year (by default the
 * caller's own unit and this year) grouped by criterion as seed 003's
 * appendix, each task with its status, its progress notes and a form to
 * record progress; a unit without a plan gets the suggestion (the standard
 * tasks of the criteria below target) to adopt with one button. Tasks are
 * added and edited on the page (GET/POST /plan/task), and a whole plan comes
 * in from a CSV file, the same importer as `hailong plan import` (POST
 * /plan/import; GET /plan/csv gives the plan, or the suggestion, in that
 * form). Every write goes through svc/plan.h on the server's writer,
 * audited as web:NAME. */
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
#include "svc/import.h"
#include "svc/ingest.h"
#include "report/plan_doc.h"
#include "svc/plan.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/pick.h"

#define NOTE_FORM_MAX 1000 /* characters a clerk may type in a note */
#define TEXT_FORM_MAX 2000 /* characters of a task's texts on the form */
#define DAY_OPTION "ngay"  /* the schedule choice "by a given day" */

static int this_year(void)
{
	int y, m, d;

	hl_day_to_ymd(hl_clock_today(), &y, &m, &d);
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
		return hl_err_set(err, HL_EINVAL, "unit", "chọn đơn vị");
	return HL_OK;
}

/* What a form sent, shown again with its error. */
struct kept {
	int no; /* the task whose status form was sent; 0 = none */
	const char *status, *at, *note;
	bool task_form; /* the add form (or, on the edit page, the edit form) */
	struct plan_task_in in;
	const char *day; /* the schedule's day as typed */
	const char *csv;
	const struct import_report *rep;
};

/* Success messages by ?ok= key. */
static const struct page_ok flashes[] = {
	{"1", "Đã ghi nhận tiến độ."},
	{"status", "Đã ghi nhận tiến độ."},
	{"add", "Đã thêm nhiệm vụ vào kế hoạch."},
	{"edit", "Đã lưu nhiệm vụ."},
	{"adopt", "Đã lập kế hoạch theo gợi ý."},
	{"import", "Đã nhập kế hoạch từ tệp CSV."},
	{NULL, NULL},
};

/* The hidden unit and year every form of the page sends. */
static void plan_fields(struct hbuf *b, struct http_req *r, const struct plan_doc *p)
{
	hb_csrf(b, r);
	hb_hidden(b, "unit", p->unit.code);
	hb_printf(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">", p->year);
}

static void status_select(struct hbuf *b, const char *current)
{
	const char *code;

	hb_raw(b, "<select name=\"status\">");
	for (int i = 0; (code = plan_status_code(i)) != NULL; i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, code);
		hb_raw(b, strcmp(code, current) == 0 ? "\" selected>" : "\">");
		hb_txt(b, plan_status_label(code));
		hb_raw(b, "</option>");
	}
	hb_raw(b, "</select>");
}

/* The form recording task t's progress (k: what it sent, if it is t's). */
static void task_form(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct store_plan_task *t, const struct kept *k)
{
	bool mine = k != NULL && k->no == t->no;
	char today[16];

	hb_raw(b, "<form method=\"post\" action=\"/plan\" class=\"inline\">");
	plan_fields(b, r, p);
	/* the task's version: the service refuses the form once the task changed */
	hb_printf(b,
		"<input type=\"hidden\" name=\"task\" value=\"%d\"><input type=\"hidden\" "
		"name=\"version\" value=\"%lld\">",
		t->no, (long long)t->version);
	hb_printf(b, "<label>Tình trạng nhiệm vụ %d ", t->no);
	status_select(b, mine && k->status != NULL ? k->status : t->status);
	hb_raw(b, "</label> <label>Ngày ");
	hb_date_input(b, "at",
		mine && k->at != NULL ? k->at : hl_day_vn(hl_clock_today(), today, sizeof(today)),
		0, NULL);
	hb_printf(b, "</label> <label>Ghi chú <input name=\"note\" maxlength=\"%d\" value=\"",
		NOTE_FORM_MAX);
	hb_txt(b, mine && k->note != NULL ? k->note : "");
	hb_raw(b, "\"></label> <button type=\"submit\">Ghi nhận</button></form>");
}

static void task_row(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct store_plan_task *t, const struct kept *k)
{
	char sched[96], d[16];

	/* data-label: the column's name, shown beside each cell when a phone
	 * stacks the table (site.css) */
	hb_printf(b,
		"<tr id=\"nv-%d\"><td class=\"num\" data-label=\"Nhiệm vụ\">%d</td>"
		"<td data-label=\"Nội dung\">",
		t->no, t->no);
	hb_txt(b, t->task);
	hb_txt_in(b, "</td><td data-label=\"Trách nhiệm\">", t->responsible,
		"</td><td data-label=\"Tiến độ\">");
	hb_txt(b, plan_schedule_label(t->schedule, p->year, sched, sizeof(sched)));
	hb_txt_in(b, "</td><td data-label=\"Kết quả\">", t->expected,
		"</td><td data-label=\"Tình trạng\">");
	hb_txt(b, plan_status_label(t->status));
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct store_plan_note *n = &p->notes[i];

		if (n->no != t->no)
			continue;
		hb_txt_in(b, "<br><small>", hl_day_vn(n->day, d, sizeof(d)), " – ");
		hb_txt(b, plan_status_label(n->status));
		if (n->text[0] != '\0') {
			hb_raw(b, ": ");
			hb_txt(b, n->text);
		}
		hb_raw(b, "</small>");
	}
	hb_raw(b, "</td></tr><tr class=\"acts\"><td></td><td colspan=\"5\">");
	task_form(b, r, p, t, k);
	hb_raw(b, " <a class=\"edit\" href=\"/plan/task?unit=");
	hb_url(b, p->unit.code);
	hb_printf(b, "&amp;year=%d&amp;no=%d\">Sửa nhiệm vụ %d</a></td></tr>", p->year, t->no,
		t->no);
}

static void plan_tables(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct kept *k)
{
	for (int c = 0; c < PLAN_NCRIT; c++) {
		bool headed = false;

		for (size_t i = 0; i < p->ntasks; i++) {
			if (strcmp(p->tasks[i].criterion, plan_crit_code(c)) != 0)
				continue;
			if (!headed) {
				const char *fig = plan_group_figures(r->a, p, c);

				hb_txt_in(b, "<h2>", plan_group_title(r->a, c), "</h2>");
				if (fig != NULL && fig[0] != '\0') {
					hb_txt_in(b, "<p class=\"note\">", fig, "</p>");
				}
				page_table(b, "plan",
					"<th scope=\"col\">STT</th><th scope=\"col\">Nội dung công việc</th>"
					"<th scope=\"col\">Trách nhiệm thực hiện</th>"
					"<th scope=\"col\">Tiến độ thực hiện</th><th scope=\"col\">Kết quả</th>"
					"<th scope=\"col\">Tình trạng</th>");
				headed = true;
			}
			task_row(b, r, p, &p->tasks[i], k);
		}
		if (headed)
			hb_raw(b, "</tbody></table></div>");
	}
}

/* The suggestion for a unit without a plan, and the button that adopts it. */
static void suggestion(struct hbuf *b, struct http_req *r, const struct plan_doc *p)
{
	struct plan_doc *s = NULL;
	struct hl_err err = {0};
	char base[48], v[32], t[32];

	hb_printf(b,
		"<section aria-labelledby=\"goi-y\"><h2 id=\"goi-y\">Lập kế hoạch năm %d theo "
		"gợi ý</h2>",
		p->year);
	if (plan_suggest(r->st, r->a, p->unit.code, p->year, NULL, &s, &err) != HL_OK) {
		hb_txt_in(b, "<p class=\"error\">Không tính được gợi ý: ", err.msg,
			"</p></section>");
		return;
	}
	plan_period_label(&s->base, base, sizeof(base));
	if (!s->any_target) {
		hb_printf(b,
			"<p>Đơn vị chưa có chỉ tiêu năm %d, nên chưa có gợi ý: cần đặt chỉ tiêu "
			"trước (Quản trị › Chỉ tiêu). Vẫn có thể thêm từng nhiệm vụ hoặc nhập kế hoạch "
			"từ tệp CSV bên dưới.</p></section>",
			p->year);
		return;
	}
	if (s->ntasks == 0) {
		hb_printf(b,
			"<p>So với kết quả %s, không tiêu chí nào dưới chỉ tiêu năm %d: không có "
			"nhiệm vụ nào để gợi ý. Vẫn có thể thêm từng nhiệm vụ bên dưới.</p></section>",
			base, p->year);
		return;
	}
	hb_printf(b, "<p>So với kết quả %s, các tiêu chí dưới chỉ tiêu năm %d:</p><ul>", base,
		p->year);
	for (int c = 0; c < PLAN_NCRIT; c++) {
		const struct plan_value *pv = &s->v[c];
		size_t n = 0;

		if (!plan_below(pv))
			continue;
		for (size_t i = 0; i < s->ntasks; i++)
			n += strcmp(s->tasks[i].criterion, pv->criterion) == 0;
		hb_txt_in(b, "<li>", plan_crit_name(c), " (");
		hb_txt(b, pv->criterion);
		hb_txt_in(b, "): ", hl_fmt_dec(v, sizeof(v), pv->value, 2), ", chỉ tiêu ");
		hb_txt(b, hl_fmt_dec(t, sizeof(t), pv->target, 2));
		hb_printf(b, " – %zu nhiệm vụ mẫu</li>", n);
	}
	hb_raw(b, "</ul><form method=\"post\" action=\"/plan/adopt\">");
	plan_fields(b, r, p);
	hb_printf(b,
		"<button type=\"submit\">Lập kế hoạch theo gợi ý (%zu nhiệm vụ)</button></form>"
		"<p class=\"note\">Các nhiệm vụ mẫu lấy từ phụ lục của Kế hoạch; sau khi lập có thể sửa "
		"từng nhiệm vụ, thêm nhiệm vụ hoặc nhập lại từ tệp CSV.</p></section>",
		s->ntasks);
}

/* The schedule choices, the one of code (or a day) selected. */
static void schedule_fields(struct hbuf *b, int year, const char *code, const char *day)
{
	const char *s;
	char label[96];
	hl_day d;
	bool is_day = code != NULL &&
		(strcmp(code, DAY_OPTION) == 0 || (strlen(code) == 10 && hl_day_parse(code, &d)));

	hb_raw(b, "<label>Tiến độ thực hiện <select name=\"schedule\">");
	for (int i = 0; (s = plan_schedule_code(i)) != NULL; i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, s);
		hb_raw(b, code != NULL && strcmp(code, s) == 0 ? "\" selected>" : "\">");
		hb_txt(b, plan_schedule_label(s, year, label, sizeof(label)));
		hb_raw(b, "</option>");
	}
	hb_raw(b, "<option value=\"" DAY_OPTION "\"");
	hb_raw(b, is_day ? " selected" : "");
	hb_raw(b,
		">Xong trước một ngày (ghi ở ô bên dưới)</option></select></label><label>Ngày "
		"phải xong (khi chọn “Xong trước một ngày”) <input class=\"short\" name=\"schedule_day\" "
		"size=\"10\" "
		"inputmode=\"numeric\" autocomplete=\"off\" placeholder=\"ngày/tháng/năm\" value=\"");
	if (day != NULL)
		hb_txt(b, day);
	else if (is_day && strcmp(code, DAY_OPTION) != 0)
		hb_txt(b, hl_day_vn(d, label, sizeof(label)));
	hb_raw(b, "\"></label>");
}

static void text_field(struct hbuf *b, const char *name, const char *label, const char *value,
	bool required)
{
	hb_txt_in(b, "<label>", label, " <textarea name=\"");
	hb_txt(b, name);
	hb_printf(b, "\" rows=\"3\" maxlength=\"%d\"%s>", TEXT_FORM_MAX,
		required ? " required" : "");
	hb_txt(b, value != NULL ? value : "");
	hb_raw(b, "</textarea></label>");
}

/* The form of a task: a new one (t NULL) or t; k what was sent before. */
static void task_fields(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct store_plan_task *t, const struct kept *k)
{
	const struct plan_task_in *in = k != NULL && k->task_form ? &k->in : NULL;
	const char *crit = in ? in->criterion : t ? t->criterion : NULL;

	hb_raw(b, "<form class=\"admin plan-task\" method=\"post\" action=\"/plan/task\">");
	plan_fields(b, r, p);
	hb_printf(b,
		"<input type=\"hidden\" name=\"no\" value=\"%d\"><input type=\"hidden\" "
		"name=\"version\" value=\"%lld\"><fieldset><legend>",
		t != NULL ? t->no : 0, t != NULL ? (long long)t->version : 0LL);
	hb_raw(b, t != NULL ? "Nội dung nhiệm vụ" : "Thêm nhiệm vụ");
	hb_raw(b, "</legend><label>Tiêu chí <select name=\"criterion\" required>");
	if (crit == NULL)
		hb_raw(b, "<option value=\"\">— chọn tiêu chí —</option>");
	for (int c = 0; c < PLAN_NCRIT; c++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, plan_crit_code(c));
		hb_raw(b,
			crit != NULL && strcmp(crit, plan_crit_code(c)) == 0 ? "\" selected>" :
									       "\">");
		hb_txt(b, plan_group_title(r->a, c));
		hb_raw(b, "</option>");
	}
	hb_raw(b, "</select></label>");
	text_field(b, "task", "Nội dung công việc", in ? in->task : t ? t->task : NULL, true);
	text_field(b, "responsible", "Trách nhiệm thực hiện",
		in        ? in->responsible :
			t ? t->responsible :
			    NULL,
		false);
	schedule_fields(b, p->year, in ? in->schedule : t ? t->schedule : NULL, in ? k->day : NULL);
	text_field(b, "expected", "Kết quả dự kiến",
		in        ? in->expected :
			t ? t->expected :
			    NULL,
		false);
	hb_raw(b,
		t != NULL ? "<button type=\"submit\">Lưu nhiệm vụ</button>" :
			    "<button type=\"submit\">Thêm nhiệm vụ</button>");
	hb_raw(b, "</fieldset></form>");
}

static void import_form(struct hbuf *b, struct http_req *r, const struct plan_doc *p,
	const struct kept *k)
{
	hb_raw(b, "<form class=\"admin\" method=\"post\" action=\"/plan/import\">");
	plan_fields(b, r, p);
	hb_printf(b,
		"<fieldset><legend>Nhập kế hoạch từ tệp CSV</legend><p class=\"note\">Tệp "
		"thay <strong>toàn bộ</strong> kế hoạch năm %d của đơn vị (cả ghi chú tiến độ). Cột: "
		"criterion, value, target, task, responsible, schedule, expected, status — như tệp "
		"<a href=\"/plan/csv?unit=",
		p->year);
	hb_url(b, p->unit.code);
	hb_printf(b,
		"&amp;year=%d\">tải về ở đây</a> (kế hoạch hiện có, hoặc gợi ý khi chưa có; "
		"mở bằng chương trình bảng tính, sửa rồi lưu dạng CSV UTF-8). Tệp có lỗi thì không "
		"dòng nào được nhập.</p>",
		p->year);
	admin_csv_input(b, "csv", "Nội dung tệp CSV", k != NULL ? k->csv : NULL);
	hb_raw(b, "<button type=\"submit\">Nhập kế hoạch</button></fieldset></form>");
}

static int plan_page(struct http_req *r, const char *unit, const char *year, const struct hl_err *e,
	const struct kept *k)
{
	struct store_unit u, *units = NULL;
	struct plan_doc *p = NULL;
	struct hl_err err = {0};
	const char *ok = page_ok_text(r, flashes);
	struct hbuf b;
	size_t nunits = 0;
	int y;

	if (!year_of(year, &y)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", year);
		return http_send_err(r, &err);
	}
	if (unit_of(r, unit, &u, &err) != HL_OK ||
		plan_load(r->st, r->a, u.code, y, &p, &err) != HL_OK ||
		web_units(r, &units, &nunits, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 8 << 20, "Kế hoạch nâng cao mức độ hài lòng");
	hb_txt_in(&b, "<h1>Kế hoạch nâng cao mức độ hài lòng</h1><p>", plan_title(r->a, p),
		"</p><form class=\"inline\" method=\"get\" action=\"/plan\"><label>Đơn vị ");
	web_unit_select(&b, "unit", units, nunits, p->unit.code, NULL);
	hb_printf(&b,
		"</label> <label>Năm <input name=\"year\" inputmode=\"numeric\" size=\"6\" "
		"value=\"%d\"></label> <button type=\"submit\">Xem</button></form>",
		y);
	if (e != NULL && e->code != HL_OK) {
		hb_txt_in(&b, "<div class=\"flash error\" role=\"alert\"><p>", e->msg, "</p>");
		if (k != NULL && k->rep != NULL)
			admin_import_problems(&b, k->rep);
		hb_raw(&b, "</div>");
	} else {
		page_flash(&b, NULL, ok);
	}
	if (p->ntasks == 0) {
		hb_printf(&b, "<p>Đơn vị chưa có kế hoạch năm %d.</p>", y);
		suggestion(&b, r, p);
	}
	plan_tables(&b, r, p, k);
	hb_raw(&b, "<h2>Thêm nhiệm vụ, nhập kế hoạch</h2>");
	task_fields(&b, r, p, NULL, k);
	import_form(&b, r, p, k);
	return page_send_for(r, &b, e);
}

int page_plan(struct http_req *r)
{
	return plan_page(r, http_query(r, "unit"), http_query(r, "year"), NULL, NULL);
}

/* The page editing task no of unit's plan for year. */
static int task_page(struct http_req *r, const char *unit, const char *year, const char *no,
	const struct hl_err *e, const struct kept *k)
{
	struct store_unit u;
	struct plan_doc *p = NULL;
	const struct store_plan_task *t = NULL;
	struct hl_err err = {0};
	struct hbuf b;
	long n = no != NULL ? strtol(no, NULL, 10) : 0;
	int y;

	if (!year_of(year, &y)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", year);
		return http_send_err(r, &err);
	}
	if (unit_of(r, unit, &u, &err) != HL_OK ||
		plan_load(r->st, r->a, u.code, y, &p, &err) != HL_OK)
		return http_send_err(r, &err);
	for (size_t i = 0; i < p->ntasks && t == NULL; i++)
		if (p->tasks[i].no == n)
			t = &p->tasks[i];
	if (t == NULL) {
		hl_err_set(&err, HL_ENOTFOUND, "no",
			"kế hoạch năm %d của %s không có nhiệm vụ số %s", y, u.name,
			no != NULL ? no : "");
		return http_send_err(r, &err);
	}
	page_start(&b, r, 1 << 20, "Sửa nhiệm vụ của kế hoạch");
	hb_raw(&b, "<p class=\"note\"><a href=\"/plan?unit=");
	hb_url(&b, p->unit.code);
	hb_printf(&b,
		"&amp;year=%d#nv-%d\">Kế hoạch năm %d</a> › Nhiệm vụ %d</p><h1>Sửa nhiệm vụ "
		"%d</h1><p>",
		y, t->no, y, t->no, t->no);
	hb_txt(&b, plan_title(r->a, p));
	hb_raw(&b, "</p>");
	page_flash(&b, e, NULL);
	task_fields(&b, r, p, t, k);
	hb_raw(&b,
		"<p class=\"note\">Tình trạng và các ghi chú tiến độ của nhiệm vụ được giữ "
		"nguyên.</p><p><a href=\"/plan?unit=");
	hb_url(&b, p->unit.code);
	hb_printf(&b, "&amp;year=%d#nv-%d\">Quay lại kế hoạch, không lưu</a></p>", y, t->no);
	return page_send_for(r, &b, e);
}

int page_plan_task(struct http_req *r)
{
	return task_page(r, http_query(r, "unit"), http_query(r, "year"), http_query(r, "no"), NULL,
		NULL);
}

/* The unit (in the caller's scope) and year a POST names, or an error page. */
static int posted_plan(struct http_req *r, struct store_unit *u, int *year, struct hl_err *err)
{
	const char *unit = http_form(r, "unit"), *y = http_form(r, "year");

	if (!year_of(y, year))
		return hl_err_set(err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", y);
	if (unit == NULL || unit[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "unit", "thiếu đơn vị");
	return scope_unit(r, unit, "unit", u, err);
}

/* Back to the plan with a success message (and to a task's row). */
static int back_to_plan(struct http_req *r, const char *unit, int year, const char *ok, int no)
{
	struct hbuf loc;

	hb_init(&loc, r->a, 4096);
	hb_raw(&loc, "/plan?unit=");
	hb_url(&loc, unit);
	hb_printf(&loc, "&year=%d&ok=%s", year, ok);
	if (no > 0)
		hb_printf(&loc, "#nv-%d", no);
	if (loc.failed)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_redirect(r, loc.s);
}

/* The task's version the form was made from into *v (0 = none sent);
 * HL_EINVAL in err when it is not a version. */
static int posted_version(struct http_req *r, int64_t *v, struct hl_err *err)
{
	const char *s = http_form(r, "version");
	char *end;
	long long n;

	*v = 0;
	if (s == NULL || s[0] == '\0')
		return HL_OK;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || n < 0)
		return hl_err_set(err, HL_EINVAL, "version",
			"phiên bản của biểu mẫu không hợp lệ: tải "
			"lại trang rồi thao tác lại");
	*v = n;
	return HL_OK;
}

struct status_w {
	const char *unit, *status, *note, *who;
	int year, no;
	int64_t version;
	hl_day day;
};

static int write_status(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct status_w *w = arg;

	return plan_set_status_in(writer_tx_store(tx), w->unit, w->year, w->no, w->version,
		w->status, w->note, w->day, w->who, err);
}

int page_plan_post(struct http_req *r)
{
	const char *task = http_form(r, "task"), *at = http_form(r, "at");
	struct status_w w = {0};
	struct kept k = {0};
	struct store_unit u;
	struct hl_err err = {0};
	char *end;
	long no;

	if (posted_plan(r, &u, &w.year, &err) != HL_OK)
		return http_send_err(r, &err);
	w.status = http_form(r, "status");
	w.note = http_form(r, "note");
	w.unit = u.code;
	no = task != NULL ? strtol(task, &end, 10) : 0;
	if (task == NULL || *end != '\0' || no < 1 || no > PLAN_MAX_TASKS)
		hl_err_set(&err, HL_EINVAL, "task", "số thứ tự nhiệm vụ không hợp lệ");
	else if (w.status == NULL || !plan_status_ok(w.status))
		hl_err_set(&err, HL_EINVAL, "status", "tình trạng không hợp lệ");
	else if (at != NULL && at[strspn(at, " ")] != '\0' && !hl_day_parse_vn(at, &w.day))
		hl_err_set(&err, HL_EINVAL, "at",
			"ngày '%.40s' của nhiệm vụ %ld không hợp lệ: viết "
			"ngày/tháng/năm, ví dụ 05/03/%d",
			at, no, w.year);
	else if (w.note != NULL && strlen(w.note) > 4 * NOTE_FORM_MAX)
		hl_err_set(&err, HL_ELIMIT, "note", "ghi chú quá dài (tối đa %d ký tự)",
			NOTE_FORM_MAX);
	else
		posted_version(r, &w.version, &err);
	if (err.code == HL_OK) {
		if (at == NULL || at[strspn(at, " ")] == '\0')
			w.day = hl_clock_today();
		w.no = (int)no;
		w.who = admin_who(r);
		if (srv_write(r, write_status, &w, &err) == HL_OK)
			return back_to_plan(r, u.code, w.year, "status", w.no);
	}
	/* the form shows again with what was typed */
	k.no = (int)no;
	k.status = w.status;
	k.at = at;
	k.note = w.note;
	return plan_page(r, u.code, http_form(r, "year"), &err, &k);
}

struct task_w {
	const char *unit, *who;
	int year, no;
	struct plan_task_in in;
};

static int write_task(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct task_w *w = arg;

	return plan_task_put_in(writer_tx_store(tx), w->unit, w->year, &w->in, w->who, &w->no, err);
}

int page_plan_task_post(struct http_req *r)
{
	struct task_w w = {0};
	struct kept k = {.task_form = true};
	struct store_unit u;
	struct hl_err err = {0};
	const char *no = http_form(r, "no"), *day = http_form(r, "schedule_day");
	char iso[16];
	hl_day d;

	if (posted_plan(r, &u, &w.year, &err) != HL_OK)
		return http_send_err(r, &err);
	w.unit = u.code;
	w.in.no = no != NULL ? (int)strtol(no, NULL, 10) : 0;
	/* the texts are checked (and made NFC) by plan_task_put_in */
	w.in.criterion = http_form(r, "criterion");
	w.in.task = http_form(r, "task");
	w.in.responsible = http_form(r, "responsible");
	w.in.expected = http_form(r, "expected");
	w.in.schedule = http_form(r, "schedule");
	if (posted_version(r, &w.in.version, &err) == HL_OK && w.in.schedule != NULL &&
		strcmp(w.in.schedule, DAY_OPTION) == 0) {
		if (!hl_day_parse_vn(day, &d))
			hl_err_set(&err, HL_EINVAL, "schedule_day",
				"ngày phải xong '%.40s' không hợp lệ: "
				"viết ngày/tháng/năm, ví dụ 31/10/%d",
				day != NULL ? day : "", w.year);
		else
			w.in.schedule = hl_day_iso(d, iso, sizeof(iso));
	}
	if (err.code == HL_OK) {
		w.who = admin_who(r);
		if (srv_write(r, write_task, &w, &err) == HL_OK)
			return back_to_plan(r, u.code, w.year, w.in.no != 0 ? "edit" : "add", w.no);
	}
	k.in = w.in;
	k.in.schedule = http_form(r, "schedule");
	k.day = day;
	if (w.in.no != 0)
		return task_page(r, u.code, http_form(r, "year"), no, &err, &k);
	return plan_page(r, u.code, http_form(r, "year"), &err, &k);
}

struct adopt_w {
	const char *unit, *who;
	int year;
	size_t n;
};

static int write_adopt(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct adopt_w *w = arg;

	return plan_adopt_in(writer_tx_store(tx), w->unit, w->year, NULL, false, w->who, &w->n,
		err);
}

int page_plan_adopt(struct http_req *r)
{
	struct adopt_w w = {0};
	struct store_unit u;
	struct hl_err err = {0};

	if (posted_plan(r, &u, &w.year, &err) != HL_OK)
		return http_send_err(r, &err);
	w.unit = u.code;
	w.who = admin_who(r);
	if (srv_write(r, write_adopt, &w, &err) != HL_OK)
		return plan_page(r, u.code, http_form(r, "year"), &err, NULL);
	return back_to_plan(r, u.code, w.year, "adopt", 0);
}

struct import_w {
	FILE *f;
	const char *unit;
	int year;
	struct import_opts o;
	struct import_report *rep;
};

static int write_import(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct import_w *w = arg;

	rewind(w->f); /* a job may run again (writer.h): the whole file each time */
	return plan_import(writer_tx_store(tx), w->f, &w->o, w->unit, w->year, w->rep, err);
}

int page_plan_import(struct http_req *r)
{
	struct import_w w = {0};
	struct kept k = {0};
	struct store_unit u;
	struct hl_err err = {0};
	int rc;

	if (posted_plan(r, &u, &w.year, &err) != HL_OK)
		return http_send_err(r, &err);
	w.rep = hl_arena_alloc(r->a, sizeof(*w.rep));
	if (w.rep == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	memset(w.rep, 0, sizeof(*w.rep));
	w.unit = u.code;
	w.o = (struct import_opts){.name = "tệp CSV", .who = admin_who(r), .held = true};
	rc = admin_csv_open(r, "csv", &w.f, &err);
	if (rc == HL_OK) {
		rc = srv_write(r, write_import, &w, &err);
		fclose(w.f);
	}
	if (rc == HL_OK)
		return back_to_plan(r, u.code, w.year, "import", 0);
	k.csv = http_form(r, "csv");
	k.rep = w.rep;
	return plan_page(r, u.code, http_form(r, "year"), &err, &k);
}

/* GET /plan/csv: the plan in the import's form, or the suggestion when the
 * unit has none yet, to fill in and send back. */
int page_plan_csv(struct http_req *r)
{
	struct store_unit u;
	struct plan_doc *p = NULL;
	struct hl_err err = {0};
	char *buf = NULL, *copy;
	const char *disp;
	size_t len = 0;
	FILE *f;
	int y, rc;

	if (!year_of(http_query(r, "year"), &y)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm không hợp lệ (2000–2100)");
		return http_send_err(r, &err);
	}
	rc = unit_of(r, http_query(r, "unit"), &u, &err);
	if (rc == HL_OK)
		rc = plan_load(r->st, r->a, u.code, y, &p, &err);
	if (rc == HL_OK && p->ntasks == 0)
		rc = plan_suggest(r->st, r->a, u.code, y, NULL, &p, &err);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	f = open_memstream(&buf, &len);
	if (f == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	plan_csv_show(f, p);
	rc = fclose(f);
	/* the answer is sent after this returns: it lives in the request's arena */
	copy = rc == 0 && buf != NULL ? hl_arena_alloc(r->a, len + 1) : NULL;
	disp = hl_arena_printf(r->a, "attachment; filename=\"ke-hoach-%s-%d.csv\"", u.code, y);
	if (copy != NULL)
		memcpy(copy, buf, len + 1);
	free(buf);
	if (copy == NULL || disp == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	http_add_header(r, "Content-Disposition", disp);
	return http_send(r, 200, "text/csv; charset=utf-8", copy, len);
}
