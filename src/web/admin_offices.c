/* admin_offices.c — /admin/offices, for a clerk and up: the offices (phòng,
 * ban) a unit's feedback is forwarded to — the ones every unit has built in
 * and the unit's own —, adding one, renaming one (a built-in code renamed
 * becomes the unit's own office, which takes precedence), and for an
 * administrator of everything the import of a CSV file, the same importer
 * as `hailong offices import`. Through svc/feedback.h on the server's
 * writer, audited as web:NAME. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "svc/feedback.h"
#include "svc/import.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/pick.h"

/* The unit the page is about: ?unit= (or the form's), else the caller's
 * first; NULL when it has none. */
static const struct store_unit *chosen(const struct store_unit *u, size_t n, const char *code)
{
	for (size_t i = 0; code != NULL && i < n; i++)
		if (strcmp(u[i].code, code) == 0)
			return &u[i];
	return n > 0 ? &u[0] : NULL;
}

static void rename_form(struct hbuf *b, struct http_req *r, const struct store_unit *unit,
	const struct store_fb_office *o)
{
	page_form(b, r, "rowact", "/admin/offices");
	hb_hiddens(b, (const char *const[]){"unit", unit->code, "code", o->code, NULL});
	hb_txt_in(b, "<label><span class=\"visually-hidden\">Tên mới của ", o->name,
		"</span><input name=\"name\" required maxlength=\"120\" value=\"");
	hb_txt(b, o->name);
	hb_raw(b,
		"\"></label><button type=\"submit\" class=\"secondary\">Đổi tên<span "
		"class=\"visually-hidden\"> ");
	hb_txt(b, o->name);
	hb_raw(b, "</span></button></form>");
}

static int offices_page(struct http_req *r, const char *unit_code, const struct hl_err *e,
	const struct import_report *rep, const char *csv)
{
	struct store_unit *u = NULL;
	struct store_fb_office *o = NULL;
	const struct store_unit *unit;
	size_t n = 0, no = 0;
	struct hl_err err = {0};
	struct hbuf b;

	if (web_units(r, &u, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	unit = chosen(u, n, unit_code);
	if (unit != NULL && fb_offices(r->st, unit->id, r->a, &o, &no, &err) != HL_OK)
		return http_send_err(r, &err);
	admin_begin(&b, r, 1 << 20, "Phòng, ban xử lý phản ánh", e);
	if (rep != NULL)
		admin_import_problems(&b, rep);
	if (unit == NULL) {
		hb_raw(&b, "<p>Tài khoản không gắn với đơn vị nào.</p>");
		return page_send_for(r, &b, e);
	}
	hb_raw(&b,
		"<p>Phản ánh, kiến nghị được chuyển đến các phòng, ban này để xử lý. Mọi đơn vị "
		"có sẵn bốn phòng, ban thường gặp; đổi tên một phòng có sẵn thì đơn vị có tên riêng "
		"cho phòng đó.</p><form class=\"inline\" method=\"get\" action=\"/admin/offices\">"
		"<label>Đơn vị ");
	web_unit_select(&b, "unit", u, n, unit->code, NULL);
	hb_raw(&b, "</label> <button type=\"submit\">Xem</button></form>");
	hb_raw(&b, "<div class=\"scroll\"><table class=\"offices\"><caption>Phòng, ban của ");
	hb_txt(&b, unit->name);
	hb_raw(&b,
		"</caption><thead><tr><th scope=\"col\">Tên</th><th scope=\"col\">Mã</th>"
		"<th scope=\"col\">Nguồn</th><th scope=\"col\">Đổi tên</th></tr></thead><tbody>");
	for (size_t i = 0; i < no; i++) {
		/* the unit's own office, listed first, hides a built-in one of its code */
		if (i > 0 && strcmp(o[i].code, o[i - 1].code) == 0)
			continue;
		hb_txt_in(&b, "<tr><th scope=\"row\">", o[i].name, "</th><td>");
		hb_txt(&b, o[i].code);
		hb_raw(&b,
			o[i].unit_id == 0 ? "</td><td>Có sẵn cho mọi đơn vị</td><td>" :
					    "</td><td>Riêng của đơn vị</td><td>");
		rename_form(&b, r, unit, &o[i]);
		hb_raw(&b, "</td></tr>");
	}
	hb_raw(&b,
		"</tbody></table></div><form class=\"admin\" method=\"post\" "
		"action=\"/admin/offices\">");
	hb_csrf(&b, r);
	hb_hidden(&b, "unit", unit->code);
	hb_raw(&b,
		"<fieldset><legend>Thêm phòng, ban</legend><label>Tên (ví dụ: Phòng Tư "
		"pháp) <input name=\"name\" required maxlength=\"120\"></label><label>Mã viết tắt, "
		"không dấu (ví dụ: TP) <input name=\"code\" required maxlength=\"63\" "
		"pattern=\"[A-Za-z0-9._\\-]+\" autocomplete=\"off\"></label><button type=\"submit\">"
		"Thêm phòng, ban</button></fieldset></form>");
	if (admin_global(r)) {
		page_form(&b, r, "admin", "/admin/offices/import");
		hb_raw(&b,
			"<fieldset><legend>Nhập phòng, ban của nhiều đơn vị từ tệp CSV</legend>"
			"<p class=\"note\">Cột: code (mã), unit (mã đơn vị), name (tên). Mã đã có của "
			"đơn vị thì được đổi tên. Tệp có lỗi thì không dòng nào được nhập.</p>");
		admin_csv_input(&b, "csv", "Nội dung tệp CSV", csv);
		hb_raw(&b, "<button type=\"submit\">Nhập</button></fieldset></form>");
	}
	return page_send_for(r, &b, e);
}

int page_admin_offices(struct http_req *r)
{
	return offices_page(r, http_query(r, "unit"), NULL, NULL, NULL);
}

struct office_w {
	struct scope_actor by;
	const char *unit, *code, *name;
};

static int write_office(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct office_w *w = arg;

	return fb_office_put_in(writer_tx_store(tx), &w->by, w->unit, w->code, w->name, err);
}

int page_admin_offices_post(struct http_req *r)
{
	struct office_w w = {.by = web_actor(r)};
	struct hl_err err = {0};

	w.unit = http_form(r, "unit");
	w.code = http_form(r, "code");
	w.name = http_form(r, "name");
	if (srv_write(r, write_office, &w, &err) != HL_OK)
		return offices_page(r, w.unit, &err, NULL, NULL);
	return admin_back(r, "/admin/offices", w.unit, "office");
}

int page_admin_offices_import(struct http_req *r)
{
	return admin_import_post(r, fb_import_offices, offices_page,
		"chỉ quản trị toàn hệ thống mới nhập phòng, ban của nhiều đơn vị",
		"/admin/offices?ok=offices-import");
}
