/* followups.c — GET /followups: the follow-up cases of the caller's units
 * (the closed loop, issue 14 §1), like the feedback inbox: open ones first
 * by opening, overdue in red (and said in words), each with the form that
 * closes it (POST /followups/close: the cause found, the fix made, the
 * callback to the applicant), and a closed one's fix put on the unit's
 * public page (POST /followups/publish; or taken off). A case never shows
 * the citizen's comment: the response stays anonymous. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "http/page.h"
#include "http/scope.h"
#include "core/followup.h"
#include "svc/followup.h"
#include "svc/ingest.h"
#include "svc/writer.h"
#include "web/pages.h"
#include "web/pick.h"

static void close_form(struct hbuf *b, struct http_req *r, const struct followup *x)
{
	hb_raw(b, "<details><summary>Đóng vụ việc</summary>");
	page_form(b, r, "fu-close", "/followups/close");
	hb_hidden(b, "code", x->f.code);
	hb_raw(b,
		"<label>Nguyên nhân <textarea name=\"cause\" required maxlength=\"4000\" "
		"rows=\"2\"></textarea></label><label>Biện pháp khắc phục đã làm <textarea "
		"name=\"fix\" required maxlength=\"4000\" rows=\"2\"></textarea></label>");
	if (x->f.dossier[0] != '\0')
		hb_raw(b,
			"<label>Gọi lại người dân (qua hệ thống một cửa) <select name=\"callback\">"
			"<option value=\"\">Chưa gọi lại</option><option value=\"done\">Đã gọi lại"
			"</option><option value=\"no-answer\">Gọi không ai nghe</option>"
			"<option value=\"refused\">Người dân từ chối</option></select></label>");
	hb_raw(b, "<button type=\"submit\">Đóng vụ việc</button></form></details>");
}

/* A closed case's fix on the public page, or taken off it. */
static void publish_form(struct hbuf *b, struct http_req *r, const struct followup *x)
{
	bool shown = x->f.published_at >= 0;

	if (shown)
		hb_raw(b, "<br><strong>Đã công bố trên trang công khai</strong>");
	page_form(b, r, "fu-publish", "/followups/publish");
	hb_hidden(b, "code", x->f.code);
	hb_hidden(b, "show", shown ? "0" : "1");
	hb_raw(b,
		shown ? "<button type=\"submit\" class=\"secondary\">Thôi công bố</button></form>" :
			"<button type=\"submit\">Công bố biện pháp khắc phục</button></form>");
}

static void row(struct hbuf *b, struct http_req *r, const struct followup *x)
{
	char when[32], names[512];

	hb_raw(b,
		x->overdue ? "<tr class=\"fb-overdue\"><th scope=\"row\">" :
			     "<tr><th scope=\"row\">");
	hb_txt(b, x->f.code);
	hb_txt_in(b, "</th><td data-label=\"Đơn vị\">", x->unit_name,
		"</td><td data-label=\"Mở lúc\">");
	hb_txt(b, hl_clock_fmt_minute(x->f.opened_at, when, sizeof(when)));
	hb_txt_in(b, "<br>", ingest_channel_label(x->f.channel), "</td><td data-label=\"Hồ sơ\">");
	hb_txt(b, x->f.dossier[0] != '\0' ? x->f.dossier : "–");
	hb_raw(b, "</td><td data-label=\"Tiêu chí chưa đạt\">");
	hb_txt(b,
		x->f.criteria[0] != '\0' ? fu_criteria_label(x->f.criteria, names, sizeof(names)) :
					   "–");
	if (x->f.complaint)
		hb_raw(b, " (có phản ánh)");
	hb_raw(b, "</td><td data-label=\"Hạn\">");
	hb_txt(b, hl_clock_fmt_minute(x->f.due_at, when, sizeof(when)));
	if (x->overdue)
		hb_raw(b, " <strong class=\"fb-flag\">Quá hạn</strong>");
	hb_raw(b, "</td><td data-label=\"Tình trạng\">");
	if (x->f.state == FS_CLOSED) {
		hb_txt_in(b, "Đã đóng ", hl_clock_fmt_minute(x->f.closed_at, when, sizeof(when)),
			"<br>Nguyên nhân: ");
		hb_txt(b, x->f.cause);
		hb_txt_in(b, "<br>Khắc phục: ", x->f.fix, "<br>");
		hb_txt(b, follow_callback_label(x->f.callback));
		publish_form(b, r, x);
	} else {
		hb_raw(b, "Đang mở");
		close_form(b, r, x);
	}
	hb_raw(b, "</td></tr>");
}

/* The list, with the refusal of a close (or NULL) above it. */
static int inbox(struct http_req *r, const struct hl_err *refused)
{
	const char *unit = http_query(r, "unit"), *all = http_query(r, "all"),
		   *late = http_query(r, "overdue"), *ok = http_query(r, "ok");
	const struct scope_actor by = web_actor(r);
	struct followup_query q = {.by = &by, .at = hl_clock_minute()};
	struct followup *x = NULL;
	struct store_unit u, *units = NULL;
	struct hl_err err = {0};
	size_t n = 0, nunits = 0;
	struct hbuf b;

	q.open_only = all == NULL || strcmp(all, "1") != 0;
	q.overdue_only = late != NULL && strcmp(late, "1") == 0;
	if (unit != NULL && unit[0] != '\0') {
		if (scope_unit(r, unit, "unit", &u, &err) != HL_OK)
			return http_send_err(r, &err);
		q.unit = u.code;
	}
	if (followup_list(r->st, &q, r->a, &x, &n, &err) != HL_OK ||
		web_units(r, &units, &nunits, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 8 << 20, "Khắc phục ý kiến chưa hài lòng");
	hb_raw(&b,
		"<h1>Khắc phục ý kiến chưa hài lòng</h1><p class=\"note\">Mỗi phiếu có ít nhất một "
		"nửa số câu trả lời ở mức chưa hài lòng, hoặc kèm phản ánh, mở một vụ việc phải "
		"khắc phục trong số ngày làm việc của đơn vị (mặc định 15). Vụ việc không cho biết "
		"người trả lời là ai.</p>");
	if (refused != NULL)
		page_error(&b, refused->msg);
	else if (ok != NULL)
		hb_raw(&b,
			strcmp(ok, "publish") == 0 ?
				"<p class=\"ok\" role=\"status\">Đã công bố biện pháp khắc phục "
				"trên trang công khai của đơn vị.</p>" :
				strcmp(ok, "withdraw") == 0 ?
				"<p class=\"ok\" role=\"status\">Đã thôi công bố.</p>" :
				"<p class=\"ok\" role=\"status\">Đã đóng vụ việc.</p>");
	hb_raw(&b, "<form method=\"get\" action=\"/followups\" class=\"inline\"><label>Đơn vị ");
	web_unit_select(&b, "unit", units, nunits, unit, nunits > 1 ? "Mọi đơn vị" : NULL);
	hb_raw(&b, "</label><label><input type=\"checkbox\" name=\"overdue\" value=\"1\"");
	if (q.overdue_only)
		hb_raw(&b, " checked");
	hb_raw(&b,
		"> Chỉ vụ việc quá hạn</label><label><input type=\"checkbox\" name=\"all\" "
		"value=\"1\"");
	if (!q.open_only)
		hb_raw(&b, " checked");
	hb_raw(&b, "> Cả vụ việc đã đóng</label><button type=\"submit\">Lọc</button></form>");
	if (n == 0) {
		hb_raw(&b, "<p>Không có vụ việc nào.</p>");
		return page_send(r, refused != NULL ? 400 : 200, &b);
	}
	page_table(&b, "fu-inbox stack",
		"<th scope=\"col\">Mã</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Mở lúc, "
		"kênh</th><th scope=\"col\">Hồ sơ</th><th scope=\"col\">Tiêu chí chưa đạt</th>"
		"<th scope=\"col\">Hạn</th><th scope=\"col\">Tình trạng</th>");
	for (size_t i = 0; i < n; i++)
		row(&b, r, &x[i]);
	hb_raw(&b, "</tbody></table></div>");
	return page_send(r, refused != NULL ? 400 : 200, &b);
}

int page_followups(struct http_req *r)
{
	return inbox(r, NULL);
}

struct close_w {
	struct scope_actor by;
	const char *code, *cause, *fix;
	int callback;
	int64_t at;
};

static int write_close(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct close_w *w = arg;

	return followup_close_in(writer_tx_store(tx), &w->by, w->code, w->cause, w->fix,
		w->callback, w->at, err);
}

int page_followups_close(struct http_req *r)
{
	struct close_w w = {.by = web_actor(r), .callback = FC_NONE, .at = hl_clock_minute()};
	const char *cb = http_form(r, "callback");
	struct hl_err err = {0};

	w.by.who = scope_who(r);
	w.code = http_form(r, "code");
	w.cause = http_form(r, "cause");
	w.fix = http_form(r, "fix");
	if (w.code == NULL || w.by.who == NULL) {
		hl_err_set(&err, HL_EINVAL, "code", "thiếu mã vụ việc");
		return http_send_err(r, &err);
	}
	if (cb != NULL && cb[0] != '\0' && !follow_callback_parse(cb, &w.callback)) {
		hl_err_set(&err, HL_EINVAL, "callback", "kết quả gọi lại không hợp lệ");
		return inbox(r, &err);
	}
	if (srv_write(r, write_close, &w, &err) != HL_OK)
		return err.code == HL_ENOTFOUND ? http_send_err(r, &err) : inbox(r, &err);
	return http_redirect(r, "/followups?ok=1");
}

struct publish_w {
	struct scope_actor by;
	const char *code;
	bool show;
	int64_t at;
};

static int write_publish(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct publish_w *w = arg;

	return followup_publish_in(writer_tx_store(tx), &w->by, w->code, w->show, w->at, err);
}

int page_followups_publish(struct http_req *r)
{
	struct publish_w w = {.by = web_actor(r), .at = hl_clock_minute()};
	const char *show = http_form(r, "show");
	struct hl_err err = {0};

	w.by.who = scope_who(r);
	w.code = http_form(r, "code");
	w.show = show == NULL || strcmp(show, "0") != 0;
	if (w.code == NULL || w.by.who == NULL) {
		hl_err_set(&err, HL_EINVAL, "code", "thiếu mã vụ việc");
		return http_send_err(r, &err);
	}
	if (srv_write(r, write_publish, &w, &err) != HL_OK)
		return err.code == HL_ENOTFOUND ? http_send_err(r, &err) : inbox(r, &err);
	return http_redirect(r,
		w.show ? "/followups?all=1&ok=publish" : "/followups?all=1&ok=withdraw");
}
