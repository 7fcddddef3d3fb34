/* page.c — the layout shared by every page: head, menu by role, footer. */
#include "http/page.h"

#include <string.h>

#include "base/err.h"

struct menu_item {
	int min_role;
	const char *href, *label;
};

/* The menu, by the least role that sees each item. */
static const struct menu_item menu[] = {
	{ROLE_CLERK, "/", "Tổng quan"},
	{ROLE_CLERK, "/score766", "Chỉ số QĐ 766"},
	{ROLE_ENTRY, "/paper", "Phiếu giấy"},
	{ROLE_CLERK, "/review", "Chờ duyệt"},
	{ROLE_CLERK, "/kiosks", "Kiosk"},
	{ROLE_CLERK, "/receipts", "Mã QR"},
	{ROLE_CLERK, "/reports", "Báo cáo"},
	{ROLE_CLERK, "/dossiers", "Hồ sơ"},
	{ROLE_CLERK, "/feedback", "Phản ánh, kiến nghị"},
	{ROLE_CLERK, "/followups", "Khắc phục"},
	{ROLE_CLERK, "/plan", "Kế hoạch cải thiện"},
	{ROLE_CLERK, "/admin", "Quản trị"},
	{0, NULL, NULL},
};

void page_begin(struct hbuf *b, struct http_req *r, const char *title)
{
	hb_raw(b,
		"<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<title>");
	hb_txt(b, title);
	hb_raw(b,
		" – hailong</title><link rel=\"stylesheet\" href=\"/static/site.css\">"
		"<link rel=\"icon\" href=\"/static/favicon.svg\"></head><body>"
		"<header class=\"top\"><a class=\"brand\" href=\"/\">Chỉ số hài lòng</a>");
	if (r->role >= ROLE_ENTRY) {
		hb_raw(b, "<nav aria-label=\"Chức năng\">");
		for (const struct menu_item *m = menu; m->href; m++) {
			if (r->role < m->min_role)
				continue;
			hb_txt_in(b, "<a href=\"", m->href, "\">");
			hb_txt(b, m->label);
			hb_raw(b, "</a>");
		}
		hb_raw(b, "</nav><form class=\"who\" method=\"post\" action=\"/logout\">");
		hb_csrf(b, r);
		hb_txt(b, r->user.name);
		hb_raw(b, " <button type=\"submit\">Đăng xuất</button></form>");
	}
	hb_raw(b, "</header><main>");
}

void page_end(struct hbuf *b)
{
	hb_raw(b,
		"</main><footer>hailong – đo lường sự hài lòng của người dân, tổ chức "
		"đối với sự phục vụ của cơ quan hành chính nhà nước</footer></body></html>\n");
}

void page_start(struct hbuf *b, struct http_req *r, size_t max, const char *title)
{
	hb_init(b, r->a, max);
	page_begin(b, r, title);
}

int page_send(struct http_req *r, int status, struct hbuf *b)
{
	page_end(b);
	return http_send_html(r, status, b);
}

int page_send_for(struct http_req *r, struct hbuf *b, const struct hl_err *e)
{
	return page_send(r, e != NULL && e->code != HL_OK ? http_status_of(e->code) : 200, b);
}

void hb_csrf(struct hbuf *b, struct http_req *r)
{
	hb_hidden(b, "csrf", r->sess.csrf);
}

void page_form(struct hbuf *b, struct http_req *r, const char *cls, const char *action)
{
	hb_raw(b, "<form");
	if (cls != NULL) {
		hb_raw(b, " class=\"");
		hb_raw(b, cls);
		hb_raw(b, "\"");
	}
	hb_raw(b, " method=\"post\" action=\"");
	hb_raw(b, action);
	hb_raw(b, "\">");
	hb_csrf(b, r);
}

void page_table(struct hbuf *b, const char *cls, const char *head)
{
	hb_raw(b, "<div class=\"scroll\"><table");
	if (cls != NULL) {
		hb_raw(b, " class=\"");
		hb_raw(b, cls);
		hb_raw(b, "\"");
	}
	hb_raw(b, "><thead><tr>");
	hb_raw(b, head);
	hb_raw(b, "</tr></thead><tbody>");
}

void page_message(struct hbuf *b, int status, const char *message)
{
	if (message == NULL)
		return;
	hb_raw(b,
		status < 400 ? "<p class=\"ok\" role=\"status\">" :
			       "<p class=\"error\" role=\"alert\">");
	hb_txt(b, message);
	hb_raw(b, "</p>");
}

const char *page_ok_text(struct http_req *r, const struct page_ok *list)
{
	const char *ok = http_query(r, "ok");

	for (; ok != NULL && list->key != NULL; list++)
		if (strcmp(ok, list->key) == 0)
			return list->text;
	return NULL;
}

void page_flash(struct hbuf *b, const struct hl_err *e, const char *ok)
{
	if (e != NULL && e->code != HL_OK) {
		hb_txt_in(b, "<p class=\"flash error\" role=\"alert\">", e->msg, "</p>");
	} else if (ok != NULL) {
		hb_txt_in(b, "<p class=\"flash\" role=\"status\">", ok, "</p>");
	}
}

void page_error(struct hbuf *b, const char *message)
{
	page_message(b, 400, message);
}

const char *page_track_url(struct http_req *r, const char *base, const char *code,
	const char *token)
{
	struct hbuf b;

	hb_init(&b, r->a, 4096);
	/* the server's configured address: its own, not outside text */
	hb_printf(&b, "%s/public/feedback/track?code=", base != NULL ? base : "");
	hb_url(&b, code);
	hb_raw(&b, "&token=");
	hb_url(&b, token);
	return b.failed ? NULL : b.s;
}
