/* admin_units.c — /admin/units: the unit tree, adding or editing a unit, and
 * mergers (sáp nhập) through the same service as `hailong units merge`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "http/scope.h"
#include "svc/builtin.h"
#include "svc/units.h"
#include "web/admin.h"
#include "web/pages.h"

#define MERGE_FROM_MAX 64

static void day_cell(struct hbuf *b, hl_day d)
{
	char buf[16];

	if (d == HL_DAY_NONE)
		hb_raw(b, "–");
	else
		hb_txt(b, hl_day_vn(d, buf, sizeof(buf)));
}

/* A day box's value: dd/mm/yyyy, "" for none. */
static const char *day_value(hl_day d, char *buf, size_t size)
{
	return d != HL_DAY_NONE ? hl_day_vn(d, buf, size) : "";
}

/* Which form a refused POST came from: its boxes show what was typed. */
enum sent { SENT_NONE, SENT_UNIT, SENT_MERGE };

/* What form field name sent, when the form was sent; else dflt. */
static const char *typed(struct http_req *r, bool sent, const char *name, const char *dflt)
{
	const char *v = sent ? http_form(r, name) : NULL;

	return v != NULL ? v : dflt;
}

/* A day box labelled label, with e's message beside it when e is about it. */
static void day_box(struct hbuf *b, const char *label, const char *name, const char *value,
	unsigned flags, const struct hl_err *e)
{
	bool bad = e != NULL && e->code != HL_OK && strcmp(e->where, name) == 0;
	const char *id = bad ? hl_arena_printf(b->a, "err-%s", name) : NULL;

	hb_txt_in(b, "<label>", label, " ");
	hb_date_input(b, name, value, flags | (bad ? HB_INVALID : 0), id);
	hb_raw(b, "</label>");
	if (bad) {
		hb_txt_in(b, "<p class=\"error\" id=\"", id, "\">");
		hb_txt(b, e->msg);
		hb_raw(b, "</p>");
	}
}

static void type_options(struct hbuf *b, const char *selected)
{
	size_t n = 0;
	const struct builtin_pair *types = builtin_unit_types(&n);

	for (size_t i = 0; i < n; i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, types[i].code);
		hb_raw(b,
			selected && strcmp(selected, types[i].code) == 0 ? "\" selected>" : "\">");
		hb_txt(b, types[i].name);
		hb_raw(b, "</option>");
	}
}

static int units_page(struct http_req *r, const struct hl_err *e, enum sent sent)
{
	struct store_unit *u = NULL, edit;
	struct store_unit_contact c = {0};
	int *depth = NULL;
	size_t n = 0;
	const bool uf = sent == SENT_UNIT, mf = sent == SENT_MERGE;
	const char *edit_code = uf ? http_form(r, "code") : http_query(r, "edit");
	const char *parent_sent = uf ? http_form(r, "parent") : NULL;
	struct hl_err err = {0};
	struct hbuf b;
	char from[16], to[16];
	bool editing = false;

	if (admin_units(r, &u, &depth, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	memset(&edit, 0, sizeof(edit));
	edit.valid_from = edit.valid_to = HL_DAY_NONE;
	for (size_t i = 0; edit_code != NULL && i < n && !editing; i++)
		if (strcmp(u[i].code, edit_code) == 0) {
			edit = u[i];
			editing = true;
		}
	/* a refused unit form: the boxes as they were sent */
	if (uf) {
		snprintf(edit.code, sizeof(edit.code), "%s", typed(r, uf, "code", ""));
		snprintf(edit.name, sizeof(edit.name), "%s", typed(r, uf, "name", ""));
		snprintf(edit.type, sizeof(edit.type), "%s", typed(r, uf, "type", ""));
	}
	admin_begin(&b, r, 4 << 20, "Đơn vị", e);
	page_table(&b, NULL,
		"<th>Tên đơn vị</th><th>Mã</th><th>Loại</th><th>Từ ngày</th><th>Đến ngày</th>"
		"<th><span class=\"visually-hidden\">Sửa</span></th>");
	for (size_t i = 0; i < n; i++) {
		const char *tn = builtin_unit_type_name(u[i].type);

		hb_raw(&b, "<tr><td>");
		for (int d = 0; d < depth[i] && d < 8; d++)
			hb_raw(&b, "&#160;&#160;&#160;&#160;");
		hb_txt(&b, u[i].name);
		hb_txt_in(&b, "</td><td>", u[i].code, "</td><td>");
		hb_txt(&b, tn ? tn : u[i].type);
		hb_raw(&b, "</td><td>");
		day_cell(&b, u[i].valid_from);
		hb_raw(&b, "</td><td>");
		day_cell(&b, u[i].valid_to);
		hb_raw(&b, "</td><td><a href=\"/admin/units?edit=");
		hb_url(&b, u[i].code);
		hb_txt_in(&b, "#sua\">Sửa<span class=\"visually-hidden\"> ", u[i].name,
			"</span></a></td></tr>");
	}
	admin_table_end(&b, n, 6, "Chưa có đơn vị nào.");

	hb_raw(&b, "<form class=\"admin\" id=\"sua\" method=\"post\" action=\"/admin/units\">");
	hb_csrf(&b, r);
	hb_raw(&b,
		editing ? "<fieldset><legend>Sửa đơn vị</legend>" :
			  "<fieldset><legend>Thêm đơn vị</legend>");
	hb_raw(&b,
		"<label>Mã <input name=\"code\" required maxlength=\"63\" "
		"pattern=\"[A-Za-z0-9._\\-]+\" value=\"");
	hb_txt(&b, edit.code);
	hb_raw(&b, editing ? "\" readonly></label>" : "\"></label>");
	hb_txt_in(&b, "<label>Tên <input name=\"name\" required maxlength=\"255\" value=\"",
		edit.name, "\"></label><label>Loại <select name=\"type\" required>");
	type_options(&b, edit.type);
	hb_raw(&b, "</select></label>");
	if (editing && !admin_global(r) && edit.id == r->user.unit_id) {
		/* The root of the caller's scope stays where it is. */
		hb_raw(&b,
			"<input type=\"hidden\" name=\"keep_parent\" value=\"1\"><p class=\"note\">"
			"Đơn vị cấp trên: giữ nguyên (đơn vị gốc của phạm vi quản trị chỉ quản trị toàn "
			"hệ thống mới chuyển được).</p>");
	} else {
		const char *parent = NULL;

		hb_raw(&b, "<label>Đơn vị cấp trên <select name=\"parent\">");
		if (admin_global(r))
			hb_raw(&b, "<option value=\"\">— không có (cấp cao nhất) —</option>");
		for (size_t i = 0; i < n && parent == NULL && !uf; i++)
			if (editing && u[i].id == edit.parent_id)
				parent = u[i].code;
		if (uf)
			parent = parent_sent;
		admin_unit_options(&b, u, depth, n, parent);
		hb_raw(&b, "</select></label>");
	}
	day_box(&b, "Có hiệu lực từ ngày", "valid_from",
		typed(r, uf, "valid_from", day_value(edit.valid_from, from, sizeof(from))), 0,
		uf ? e : NULL);
	day_box(&b, "Đến ngày (để trống nếu còn hoạt động)", "valid_to",
		typed(r, uf, "valid_to", day_value(edit.valid_to, to, sizeof(to))), 0,
		uf ? e : NULL);
	if (editing && units_contact(r->st, edit.id, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	hb_raw(&b,
		"<fieldset><legend>Liên hệ với người dân (trang công khai, màn hình tại quầy)"
		"</legend><label>Đường dây nóng <input name=\"hotline\" type=\"tel\" "
		"maxlength=\"31\" value=\"");
	hb_txt(&b, typed(r, uf, "hotline", c.hotline));
	hb_raw(&b, "\"></label><label>Địa chỉ <input name=\"address\" maxlength=\"255\" value=\"");
	hb_txt(&b, typed(r, uf, "address", c.address));
	hb_raw(&b,
		"\"></label><label>Thư điện tử <input name=\"email\" type=\"email\" "
		"maxlength=\"127\" value=\"");
	hb_txt(&b, typed(r, uf, "email", c.email));
	hb_raw(&b, "\"></label></fieldset><button type=\"submit\">Lưu</button>");
	if (editing)
		hb_raw(&b, " <a href=\"/admin/units\">Thêm đơn vị mới</a>");
	hb_raw(&b, "</fieldset></form>");

	page_form(&b, r, "admin", "/admin/units/merge");
	hb_raw(&b,
		"<fieldset><legend>Sáp nhập đơn vị</legend><p class=\"note\">Các đơn vị cũ hết "
		"hiệu lực từ ngày trước ngày sáp nhập; đơn vị mới có hiệu lực từ ngày sáp nhập; chỉ số "
		"của đơn vị mới gộp số liệu của các đơn vị cũ. Không sáp nhập được nếu đơn vị cũ đã có "
		"phiếu từ ngày sáp nhập trở đi.</p>"
		"<label>Các đơn vị cũ (giữ Ctrl để chọn nhiều) <select name=\"from\" multiple required "
		"size=\"8\">");
	admin_unit_options(&b, u, depth, n, NULL);
	hb_raw(&b,
		"</select></label><label>Mã đơn vị mới <input name=\"code\" required maxlength=\"63\" "
		"pattern=\"[A-Za-z0-9._\\-]+\" value=\"");
	hb_txt(&b, typed(r, mf, "code", ""));
	hb_raw(&b,
		"\"></label><label>Tên đơn vị mới (nếu chưa có) <input name=\"name\" "
		"maxlength=\"255\" value=\"");
	hb_txt(&b, typed(r, mf, "name", ""));
	hb_raw(&b,
		"\"></label><label>Loại đơn vị mới (nếu chưa có) <select name=\"type\">"
		"<option value=\"\">—</option>");
	type_options(&b, typed(r, mf, "type", NULL));
	hb_raw(&b, "</select></label>");
	day_box(&b, "Ngày sáp nhập", "day", typed(r, mf, "day", ""), HB_REQUIRED, mf ? e : NULL);
	hb_raw(&b, "<button type=\"submit\">Sáp nhập</button></fieldset></form>");
	return page_send_for(r, &b, e);
}

int page_admin_units(struct http_req *r)
{
	return units_page(r, NULL, SENT_NONE);
}

struct unit_w {
	struct store_unit u;
	const char *hotline, *address, *email;
	const char *parent; /* NULL: keep it */
	int64_t scope_root;
	const char *who;
};

static int write_unit(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct unit_w *w = arg;

	int rc = units_put_in(writer_tx_store(tx), &w->u, w->parent, w->scope_root, w->who, err);

	/* the scope was checked by units_put_in: the unit is the caller's; a
	 * form without the contact boxes leaves the contact as it is */
	if (rc == HL_OK && (w->hotline != NULL || w->address != NULL || w->email != NULL))
		rc = units_contact_put_in(writer_tx_store(tx), w->u.code, w->hotline, w->address,
			w->email, w->who, err);
	return rc;
}

int page_admin_units_post(struct http_req *r)
{
	struct unit_w w = {0};
	const char *code, *name, *type, *keep = http_form(r, "keep_parent");
	struct hl_err err = {0};

	if (admin_code(r, "code", "mã đơn vị", true, &code, &err) != HL_OK ||
		admin_text(r, "name", "tên đơn vị", STORE_NAME_MAX - 1, true, &name, &err) !=
			HL_OK ||
		admin_code(r, "type", "loại đơn vị", true, &type, &err) != HL_OK ||
		admin_code(r, "parent", "đơn vị cấp trên", false, &w.parent, &err) != HL_OK ||
		admin_day(r, "valid_from", "ngày bắt đầu", &w.u.valid_from, &err) != HL_OK ||
		admin_day(r, "valid_to", "ngày kết thúc", &w.u.valid_to, &err) != HL_OK)
		return units_page(r, &err, SENT_UNIT);
	if (keep != NULL && strcmp(keep, "1") == 0)
		w.parent = NULL;
	w.hotline = http_form(r, "hotline");
	w.address = http_form(r, "address");
	w.email = http_form(r, "email");
	snprintf(w.u.code, sizeof(w.u.code), "%s", code);
	snprintf(w.u.name, sizeof(w.u.name), "%s", name);
	snprintf(w.u.type, sizeof(w.u.type), "%s", type);
	/* The tree's rules (no loop, a scoped administrator inside its subtree)
	 * are the service's, checked inside the write. */
	w.scope_root = admin_global(r) ? 0 : r->user.unit_id;
	w.who = admin_who(r);
	if (srv_write(r, write_unit, &w, &err) != HL_OK)
		return units_page(r, &err, SENT_UNIT);
	return http_redirect(r, "/admin/units?ok=unit");
}

/* ---- mergers ---- */

struct merge_w {
	const char *code, *name, *type, *who;
	const char *from[MERGE_FROM_MAX];
	size_t nfrom;
	hl_day day;
};

static int write_merge(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct merge_w *w = arg;

	return units_merge_in(writer_tx_store(tx), w->code, w->from, w->nfrom, w->day, w->name,
		w->type, w->who, err);
}

/* Every value of the repeated form field name (from a multiple <select>). */
static size_t form_all(struct http_req *r, const char *name, const char **out, size_t max)
{
	const char *p = r->body;
	size_t n = 0, nl = strlen(name);

	while (p != NULL && *p && n < max) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
			char *v = hl_arena_strndup(r->a, p + nl + 1, len - nl - 1);
			char *o = v;

			for (char *s = v; v && *s; s++) {
				if (*s == '+') {
					*o++ = ' ';
				} else if (*s == '%' && s[1] && s[2]) {
					char hex[3] = {s[1], s[2], 0};
					char *e;
					long c = strtol(hex, &e, 16);

					if (*e != '\0')
						break;
					*o++ = (char)c;
					s += 2;
				} else {
					*o++ = *s;
				}
			}
			if (v != NULL) {
				*o = '\0';
				out[n++] = v;
			}
		}
		p = end ? end + 1 : NULL;
	}
	return n;
}

int page_admin_units_merge(struct http_req *r)
{
	struct merge_w w = {0};
	struct store_unit u;
	const char *name, *type;
	struct hl_err err = {0};

	if (admin_code(r, "code", "mã đơn vị mới", true, &w.code, &err) != HL_OK ||
		admin_text(r, "name", "tên đơn vị mới", STORE_NAME_MAX - 1, false, &name, &err) !=
			HL_OK ||
		admin_code(r, "type", "loại đơn vị mới", false, &type, &err) != HL_OK ||
		admin_day(r, "day", "ngày sáp nhập", &w.day, &err) != HL_OK)
		return units_page(r, &err, SENT_MERGE);
	if (w.day == HL_DAY_NONE) {
		hl_err_set(&err, HL_EINVAL, "day", "hãy nhập ngày sáp nhập");
		return units_page(r, &err, SENT_MERGE);
	}
	w.nfrom = form_all(r, "from", w.from, MERGE_FROM_MAX);
	if (w.nfrom == 0) {
		hl_err_set(&err, HL_EINVAL, "from", "hãy chọn ít nhất một đơn vị cũ");
		return units_page(r, &err, SENT_MERGE);
	}
	for (size_t i = 0; i < w.nfrom; i++) {
		if (!hl_utf8_valid(w.from[i], strlen(w.from[i]), NULL)) {
			hl_err_set(&err, HL_EINVAL, "from", "mã đơn vị cũ không phải UTF-8 hợp lệ");
			return units_page(r, &err, SENT_MERGE);
		}
		if (scope_unit(r, w.from[i], "from", &u, &err) != HL_OK)
			return units_page(r, &err, SENT_MERGE);
	}
	if (units_get(r->st, w.code, &u, &err) == HL_OK && !scope_sees(r, &u)) {
		hl_err_set(&err, HL_EPERM, "code", "không được sửa đơn vị '%s'", w.code);
		return units_page(r, &err, SENT_MERGE);
	}
	hl_err_clear(&err);
	w.name = name[0] ? name : NULL;
	w.type = type[0] ? type : NULL;
	w.who = admin_who(r);
	if (srv_write(r, write_merge, &w, &err) != HL_OK)
		return units_page(r, &err, SENT_MERGE);
	return http_redirect(r, "/admin/units?ok=merge");
}
