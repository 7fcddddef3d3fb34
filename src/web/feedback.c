/* feedback.c — the staff side of feedback and complaints (issue 6): GET
 * /feedback, the inbox of the caller's units sorted by the deadline of the
 * next step owed (overdue in red, due today in amber, each also said in
 * words); GET /feedback/CODE, one item with its steps and the sender's
 * contact (staff of the unit only, audited), with the forms for the next
 * step; POST /feedback/CODE, doing that step (svc/feedback.h); GET
 * /feedback/CODE/letter.pdf, the written answer as the official letter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "report/fb_letter.h"
#include "svc/accounts.h"
#include "svc/feedback.h"
#include "svc/ingest.h"
#include "web/pages.h"
#include "web/pick.h"

#define INBOX_MAX 500

/* The row's class and word: overdue, due today, or nothing. */
static void due_cell(struct hbuf *b, const struct fb_item *it, int64_t now)
{
	char when[32];

	if (it->due_at < 0) {
		hb_raw(b, "<td>–</td>");
		return;
	}
	hb_raw(b, "<td>");
	hb_txt(b, hl_clock_fmt_minute(it->due_at, when, sizeof(when)));
	if (it->overdue)
		hb_raw(b, " <strong class=\"fb-flag\">Quá hạn</strong>");
	else if (it->due_at / 1440 == now / 1440)
		hb_raw(b, " <strong class=\"fb-flag\">Đến hạn hôm nay</strong>");
	hb_raw(b, "</td>");
}

int page_feedback(struct http_req *r)
{
	const char *unit = http_query(r, "unit"), *all = http_query(r, "all");
	struct fb_query q = {.by_due = true, .limit = INBOX_MAX};
	struct fb_item *items = NULL;
	struct store_unit u, *units = NULL;
	struct hl_err err = {0};
	size_t n = 0, nunits = 0;
	struct hbuf b;

	q.at = hl_clock_minute();
	q.open_only = all == NULL || strcmp(all, "1") != 0;
	if (unit != NULL && unit[0] != '\0') {
		if (scope_unit(r, unit, "unit", &u, &err) != HL_OK)
			return http_send_err(r, &err);
		q.unit = u.code;
	} else if (scope_home(r, &u, &err) == HL_OK) {
		q.unit = u.code;
	} else if (r->role != ROLE_ADMIN) {
		return http_send_err(r, &err);
	}
	q.under = q.unit != NULL && r->role >= ROLE_SUPERVISOR;
	if (fb_list(r->st, NULL, &q, r->a, &items, &n, &err) != HL_OK ||
		web_units(r, &units, &nunits, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 8 << 20, "Phản ánh, kiến nghị");
	hb_raw(&b,
		"<h1>Phản ánh, kiến nghị</h1><form method=\"get\" action=\"/feedback\" "
		"class=\"inline\"><label>Đơn vị ");
	web_unit_select(&b, "unit", units, nunits, unit, nunits > 1 ? "Mọi đơn vị" : NULL);
	hb_raw(&b, "</label><label><input type=\"checkbox\" name=\"all\" value=\"1\"");
	if (!q.open_only)
		hb_raw(&b, " checked");
	hb_raw(&b, "> Cả phản ánh đã đóng</label><button type=\"submit\">Lọc</button></form>");
	if (n == 0) {
		hb_raw(&b, "<p>Không có phản ánh, kiến nghị nào.</p>");
	} else {
		page_table(&b, "fb-inbox",
			"<th scope=\"col\">Mã</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Kênh"
			"</th><th scope=\"col\">Nhận lúc</th><th scope=\"col\">Việc cần làm</th>"
			"<th scope=\"col\">Hạn</th>");
		for (size_t i = 0; i < n; i++) {
			const struct fb_item *it = &items[i];
			char when[32];
			bool today = !it->overdue && it->due_at >= 0 &&
				it->due_at / 1440 == q.at / 1440;

			hb_raw(&b,
				it->overdue   ? "<tr class=\"fb-overdue\">" :
					today ? "<tr class=\"fb-today\">" :
						"<tr>");
			hb_raw(&b, "<td><a href=\"/feedback/");
			hb_url(&b, it->it.code);
			hb_txt_in(&b, "\">", it->it.code, "</a></td><td>");
			hb_txt(&b, it->unit_name);
			hb_txt_in(&b, "</td><td>", fb_channel_label(it->it.channel), "</td><td>");
			hb_txt(&b, hl_clock_fmt_minute(it->it.received_at, when, sizeof(when)));
			hb_txt_in(&b, "</td><td>", fb_step_label(it->step), "</td>");
			due_cell(&b, it, q.at);
			hb_raw(&b, "</tr>");
		}
		hb_raw(&b, "</tbody></table></div>");
	}
	return page_send(r, 200, &b);
}

/* What the step forms show again after a refused POST: the values sent, and
 * the refusal next to the form that sent it. */
struct step_in {
	struct fb_step_args a; /* as sent; a.version the item's the form was made from */
	const char *error;     /* shown in the form of a.action */
};

#define CONFIRM_TITLE "Xác nhận: không tiếp nhận phản ánh này?"

/* The error of f for the form of action, or NULL. */
static const char *form_error(const struct step_in *f, const char *action)
{
	return f != NULL && f->error != NULL && f->a.action != NULL &&
			strcmp(f->a.action, action) == 0 ?
		f->error :
		NULL;
}

/* A step's form, carrying the item's version it was made from (version;
 * the service refuses it once the item has changed). */
static void form_open(struct hbuf *b, struct http_req *r, const struct fb_item *it, int64_t version,
	const char *action, const char *title)
{
	hb_raw(b, "<form method=\"post\" class=\"");
	hb_raw(b, strcmp(title, CONFIRM_TITLE) == 0 ? "fb-step confirm" : "fb-step");
	hb_raw(b, "\" action=\"/feedback/");
	hb_url(b, it->it.code);
	hb_txt_in(b, "\"><h3>", title, "</h3>");
	hb_csrf(b, r);
	hb_hidden(b, "action", action);
	hb_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)version);
}

/* The attributes of a form's main field: invalid and described by the
 * error (id "fb-err") when there is one. */
static void field_state(struct hbuf *b, const char *error)
{
	if (error != NULL)
		hb_raw(b, " aria-invalid=\"true\" aria-describedby=\"fb-err\"");
}

/* The form's refusal, in place (before its button). */
static void form_err(struct hbuf *b, const char *error)
{
	if (error == NULL)
		return;
	hb_txt_in(b, "<p class=\"error\" id=\"fb-err\" role=\"alert\">", error, "</p>");
}

/* A select option, selected when its value is chosen. */
static void option(struct hbuf *b, const char *value, const char *label, const char *chosen)
{
	hb_raw(b, "<option value=\"");
	hb_txt(b, value);
	hb_raw(b, chosen != NULL && strcmp(chosen, value) == 0 ? "\" selected>" : "\">");
	hb_txt(b, label);
	hb_raw(b, "</option>");
}

/* Classification: no class chosen beforehand (one of them closes the item). */
static void classify_form(struct hbuf *b, struct http_req *r, const struct fb_item *it,
	const struct step_in *f)
{
	static const char *const crit[] = {"TC", "HC", "PV", "KQ", "TT"};
	const char *error = form_error(f, "classify");
	const char *cls = f != NULL ? f->a.cls : NULL,
		   *criterion = f != NULL ? f->a.criterion : NULL;

	form_open(b, r, it, it->it.version, "classify", "Phân loại");
	hb_raw(b, "<label>Loại <select name=\"class\" required");
	field_state(b, error);
	hb_raw(b, ">");
	option(b, "", "– Chọn loại –", cls != NULL ? cls : "");
	for (int c = FB_CLASS_NONE + 1; c < FB_NCLASSES; c++)
		option(b, fb_class_code(c),
			c == FB_NOT_ACCEPTED ? "Không tiếp nhận (đóng phản ánh, không trả lời)" :
					       fb_class_label(c),
			cls);
	hb_raw(b, "</select></label>");
	form_err(b, error);
	hb_raw(b, "<label>Tiêu chí liên quan <select name=\"criterion\">");
	option(b, "", "Không", criterion);
	for (size_t i = 0; i < sizeof(crit) / sizeof(crit[0]); i++)
		option(b, crit[i], crit[i], criterion);
	hb_raw(b, "</select></label><button type=\"submit\">Phân loại</button></form>");
}

/* Before a classification that closes the item: what it does, and a way back. */
static void confirm_close_form(struct hbuf *b, struct http_req *r, const struct fb_item *it,
	const struct step_in *f)
{
	/* the version of the form that asked, so a change since is still refused */
	form_open(b, r, it, f->a.version > 0 ? f->a.version : it->it.version, "classify",
		CONFIRM_TITLE);
	hb_raw(b,
		"<p id=\"fb-confirm\">Phân loại “Không tiếp nhận” sẽ <strong>đóng phản ánh"
		"</strong>: không chuyển xử lý, không trả lời người gửi. Nếu đóng nhầm, phải mở lại "
		"và ghi lý do.</p>");
	hb_hiddens(b,
		(const char *const[]){"class", fb_class_code(FB_NOT_ACCEPTED), "criterion",
			f->a.criterion, "confirm", "1", NULL});
	hb_raw(b,
		"<div class=\"actions\"><button type=\"submit\" class=\"danger\">Đóng phản ánh (không "
		"tiếp nhận)</button> <a class=\"button secondary\" href=\"/feedback/");
	hb_url(b, it->it.code);
	hb_raw(b, "\">Quay lại, chọn loại khác</a></div></form>");
}

/* A closed item: reopen it, with the reason. */
static void reopen_form(struct hbuf *b, struct http_req *r, const struct fb_item *it,
	const struct step_in *f)
{
	const char *error = form_error(f, "reopen");

	form_open(b, r, it, it->it.version, "reopen", "Mở lại phản ánh đã đóng nhầm");
	hb_raw(b,
		it->it.cls == FB_NOT_ACCEPTED ?
			"<p class=\"note\">Phản ánh sẽ được phân loại lại.</p>" :
			"<p class=\"note\">Phản ánh sẽ cần trả lời lại.</p>");
	hb_printf(b,
		"<label>Lý do mở lại (bắt buộc, tối đa %d ký tự) <input name=\"reason\" "
		"required maxlength=\"%d\" autocomplete=\"off\"",
		FB_REASON_MAX_CHARS, FB_REASON_MAX_CHARS);
	field_state(b, error);
	hb_txt_in(b, " value=\"", f != NULL && f->a.reason != NULL ? f->a.reason : "",
		"\"></label>");
	form_err(b, error);
	hb_raw(b, "<button type=\"submit\">Mở lại</button></form>");
}

/* The form for the next step owed; f (may be NULL) what was sent. */
static void step_form(struct hbuf *b, struct http_req *r, const struct fb_item *it,
	const struct step_in *f, bool confirm_close)
{
	const char *error;

	switch (it->step) {
	case FB_DO_CLASSIFY:
		if (confirm_close)
			confirm_close_form(b, r, it, f);
		else
			classify_form(b, r, it, f);
		break;
	case FB_DO_FORWARD: {
		struct store_fb_office *o = NULL;
		size_t n = 0;
		struct hl_err err = {0};

		error = form_error(f, "forward");
		form_open(b, r, it, it->it.version, "forward", "Chuyển xử lý");
		hb_raw(b, "<label>Cơ quan, bộ phận <select name=\"office\" required");
		field_state(b, error);
		hb_raw(b, ">");
		if (fb_offices(r->st, it->it.unit_id, r->a, &o, &n, &err) == HL_OK)
			for (size_t i = 0; i < n; i++)
				option(b, o[i].code, o[i].name, f != NULL ? f->a.office : NULL);
		hb_raw(b, "</select></label>");
		form_err(b, error);
		hb_raw(b, "<button type=\"submit\">Chuyển</button></form>");
		break;
	}
	case FB_DO_ANSWER:
		error = form_error(f, "answer");
		form_open(b, r, it, it->it.version, "answer", "Trả lời bằng văn bản");
		hb_raw(b,
			"<label>Nội dung trả lời <textarea name=\"text\" rows=\"8\" required "
			"maxlength=\"4000\"");
		field_state(b, error);
		hb_txt_in(b, ">", f != NULL && f->a.text != NULL ? f->a.text : "",
			"</textarea></label>");
		form_err(b, error);
		hb_raw(b, "<button type=\"submit\">Lưu trả lời</button></form>");
		break;
	case FB_DO_PUBLISH:
		form_open(b, r, it, it->it.version, "publish", "Công khai câu trả lời");
		hb_raw(b,
			"<p>Câu trả lời sẽ hiện trên trang công khai của đơn vị (không có họ tên, "
			"liên hệ của người gửi).</p>");
		form_err(b, form_error(f, "publish"));
		hb_raw(b, "<button type=\"submit\">Công khai</button></form>");
		break;
	case FB_DO_NOTHING:
		if (fb_may_reopen(it->it.state))
			reopen_form(b, r, it, f);
		break;
	default: break;
	}
}

/* A read of a sender's data, audited through the server's single writer. */
struct read_w {
	enum fb_read what;
	const char *code, *who;
};

static int write_read_audit(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct read_w *w = arg;

	return fb_read_audit(writer_tx_store(tx), w->what, w->code, w->who, err);
}

/* Record the read before anything read is sent. */
static int audit_read(struct http_req *r, enum fb_read what, const char *code, const char *who,
	struct hl_err *err)
{
	struct read_w w = {.what = what, .code = code, .who = who};

	return srv_write(r, write_read_audit, &w, err);
}

/* The item's page; message (may be NULL) at the top, f (may be NULL) the
 * step form sent, its error in place; confirm_close asks before a
 * classification that closes the item. */
static int item_page(struct http_req *r, int status, const char *message, const struct step_in *f,
	bool confirm_close)
{
	struct fb_item it;
	struct store_fb_step *steps = NULL;
	struct store_fb_office *offices = NULL;
	size_t n = 0, noffices = 0;
	struct hl_err err = {0};
	char *name = NULL, *contact = NULL, when[32];
	const char *who = scope_who(r);
	struct hbuf b;

	if (scope_feedback(r, r->param[0], &it, &err) != HL_OK)
		return http_send_err(r, &err);
	if (who == NULL || fb_steps(r->st, it.it.code, r->a, &steps, &n, &err) != HL_OK ||
		fb_contact(r->st, it.it.code, NULL, r->a, &name, &contact, &err) != HL_OK ||
		audit_read(r, FB_READ_CONTACT, it.it.code, who, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 1 << 20, it.it.code);
	hb_txt_in(&b, "<h1>Phản ánh, kiến nghị ", it.it.code, "</h1>");
	page_message(&b, status, message);
	hb_txt_in(&b, "<dl class=\"fb-facts\"><dt>Đơn vị</dt><dd>", it.unit_name,
		"</dd><dt>Kênh</dt><dd>");
	hb_txt(&b, fb_channel_label(it.it.channel));
	hb_txt_in(&b, "</dd><dt>Nhận lúc</dt><dd>",
		hl_clock_fmt_minute(it.it.received_at, when, sizeof(when)),
		"</dd><dt>Tình trạng</dt><dd id=\"fb-state\">");
	hb_txt(&b, fb_state_label(it.it.state));
	hb_raw(&b, "</dd><dt>Việc cần làm</dt><dd>");
	hb_txt(&b, fb_step_label(it.step));
	if (it.due_at >= 0) {
		hb_raw(&b, ", hạn ");
		hb_txt(&b, hl_clock_fmt_minute(it.due_at, when, sizeof(when)));
		if (it.overdue)
			hb_raw(&b, " <strong class=\"fb-flag error\">Quá hạn</strong>");
	}
	hb_raw(&b, "</dd>");
	if (it.it.cls != FB_CLASS_NONE) {
		hb_raw(&b, "<dt>Loại</dt><dd>");
		hb_txt(&b, fb_class_label(it.it.cls));
		if (it.it.criterion[0] != '\0') {
			hb_txt_in(&b, " (tiêu chí ", it.it.criterion, ")");
		}
		hb_raw(&b, "</dd>");
	}
	if (it.office_name[0] != '\0') {
		hb_txt_in(&b, "<dt>Chuyển tới</dt><dd>", it.office_name, "</dd>");
	}
	hb_txt_in(&b, "<dt>Người gửi</dt><dd id=\"fb-name\">",
		name != NULL && name[0] ? name : "(không ghi)",
		"</dd><dt>Liên hệ</dt><dd id=\"fb-contact\">");
	hb_txt(&b, contact != NULL && contact[0] ? contact : "(không ghi)");
	hb_txt_in(&b, "</dd></dl><h2>Nội dung</h2><div class=\"fb-text\">", it.it.text, "</div>");
	if (it.it.answer != NULL) {
		hb_txt_in(&b, "<h2>Trả lời</h2><div class=\"fb-text\" id=\"fb-answer\">",
			it.it.answer, "</div><p><a href=\"/feedback/");
		hb_url(&b, it.it.code);
		hb_raw(&b, "/letter.pdf\">Tải văn bản trả lời (PDF)</a></p>");
	}
	step_form(&b, r, &it, f, confirm_close);
	hb_raw(&b,
		"<h2>Các bước đã làm</h2><div class=\"scroll\"><table class=\"fb-steps\"><thead>"
		"<tr><th scope=\"col\">Bước</th><th scope=\"col\">Lúc</th><th scope=\"col\">Người làm"
		"</th><th scope=\"col\">Ghi chú</th></tr></thead><tbody>");
	if (fb_offices(r->st, it.it.unit_id, r->a, &offices, &noffices, &err) != HL_OK)
		noffices = 0; /* the steps then name offices by code */
	for (size_t i = 0; i < n; i++) {
		const char *step, *detail;

		fb_step_text(&steps[i], offices, noffices, r->a, &step, &detail);
		hb_txt_in(&b, "<tr><td>", step, "</td><td>");
		hb_txt(&b, hl_clock_fmt_minute(steps[i].at, when, sizeof(when)));
		hb_txt_in(&b, "</td><td>", account_who_label(r->a, steps[i].who), "</td><td>");
		hb_txt(&b, detail);
		hb_raw(&b, "</td></tr>");
	}
	hb_raw(&b, "</tbody></table></div><p><a href=\"/feedback\">Về danh sách</a></p>");
	return page_send(r, status, &b);
}

int page_feedback_item(struct http_req *r)
{
	return item_page(r, 200, NULL, NULL, false);
}

/* Whether the form's own step is the one owed now (its form is on the page). */
static bool form_shown(struct http_req *r, const char *action)
{
	struct fb_item it;
	struct hl_err err = {0};

	if (action == NULL || scope_feedback(r, r->param[0], &it, &err) != HL_OK)
		return false;
	return strcmp(action, it.step == FB_DO_NOTHING ? "reopen" : fb_step_code(it.step)) == 0;
}

/* A form field of request r by name, for scope_fb_step_read. */
static const char *form_field(void *r, const char *name)
{
	return http_form(r, name);
}

int page_feedback_post(struct http_req *r)
{
	struct step_in f = {0};
	struct fb_step_args *a = &f.a;
	const char *confirm = http_form(r, "confirm"), *version = http_form(r, "version");
	struct hl_err err = {0};

	scope_fb_step_read(a, form_field, r);
	a->action = http_form(r, "action");
	/* the version the form was made from; a form without one is not checked */
	if (version != NULL && version[0] != '\0') {
		char *end;
		long long v = strtoll(version, &end, 10);

		if (*end != '\0' || v < 1)
			return http_send_error(r, 400, "invalid",
				"phiên bản của biểu mẫu không hợp lệ: "
				"tải lại trang rồi thao tác lại",
				"version");
		a->version = v;
	}

	if (a->action != NULL && strcmp(a->action, "classify") == 0) {
		if (a->cls == NULL || a->cls[0] == '\0') {
			f.error = "Hãy chọn loại phản ánh trước khi phân loại.";
			return item_page(r, 400, NULL, &f, false);
		}
		/* a step that closes the item is done only once confirmed */
		if (strcmp(a->cls, fb_class_code(FB_NOT_ACCEPTED)) == 0 &&
			(confirm == NULL || strcmp(confirm, "1") != 0) && form_shown(r, "classify"))
			return item_page(r, 200, NULL, &f, true);
	}
	if (scope_fb_step(r, r->param[0], a, &err) != HL_OK) {
		if (err.code == HL_ENOTFOUND)
			return http_send_err(r, &err);
		/* someone else changed the item: the page as it is now, the message on top */
		if (err.code == HL_ECONFLICT && strcmp(err.where, "version") == 0)
			return item_page(r, 409,
				"Phản ánh này vừa được người khác cập nhật; trang dưới đây "
				"là bản mới nhất: hãy xem lại rồi thao tác lại.",
				NULL, false);
		/* the refusal next to the form that sent it, when that form is still owed */
		if (form_shown(r, a->action)) {
			f.error = err.msg;
			return item_page(r, http_status_of(err.code), NULL, &f, false);
		}
		return item_page(r, http_status_of(err.code), err.msg, NULL, false);
	}
	return item_page(r, 200,
		a->action != NULL && strcmp(a->action, "reopen") == 0 ? "Đã mở lại phản ánh." :
									"Đã lưu.",
		NULL, false);
}

/* The whole of file f into r->a, or NULL. */
static char *slurp(struct http_req *r, FILE *f, size_t *len)
{
	long n;
	char *buf;

	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		return NULL;
	buf = hl_arena_alloc(r->a, (size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return NULL;
	*len = (size_t)n;
	return buf;
}

int page_feedback_letter(struct http_req *r)
{
	struct fb_item it;
	struct fb_letter l;
	struct hl_err err = {0};
	char path[] = "/tmp/hailong-letter-XXXXXX", disp[128], *pdf = NULL;
	const char *who = scope_who(r);
	size_t len = 0;
	FILE *f;
	int fd;

	if (scope_feedback(r, r->param[0], &it, &err) != HL_OK)
		return http_send_err(r, &err);
	if (who == NULL || fb_letter_data(r->st, it.it.code, NULL, r->a, &l, &err) != HL_OK)
		return http_send_err(r, &err);
	/* fbl_write writes a file (temporary, then renamed): read it back */
	fd = mkstemp(path);
	if (fd < 0)
		return http_send_error(r, 500, "internal", "không tạo được tệp tạm", NULL);
	close(fd);
	if (fbl_write(&l, NULL, path, r->a, &err) != HL_OK) {
		unlink(path);
		return http_send_err(r, &err);
	}
	f = fopen(path, "rb");
	if (f != NULL) {
		pdf = slurp(r, f, &len);
		fclose(f);
	}
	unlink(path);
	if (pdf == NULL)
		return http_send_error(r, 500, "internal", "không đọc được văn bản vừa tạo", NULL);
	if (audit_read(r, FB_READ_LETTER, it.it.code, who, &err) != HL_OK)
		return http_send_err(r, &err);
	/* the item's id only: a code is not trusted inside a header */
	snprintf(disp, sizeof(disp), "attachment; filename=\"tra-loi-%lld.pdf\"",
		(long long)it.it.id);
	http_add_header(r, "Content-Disposition", disp);
	return http_send(r, 200, "application/pdf", pdf, len);
}
