/* kiosks.c — /kiosks, for a clerk and up: the kiosks of the caller's units
 * (name, unit, state, when the last response came), adding one — its device
 * token shown once with a QR code and a link that open the kiosk page
 * already paired on the device (the token in the address's fragment, which
 * survey.js keeps and no server ever sees) —, renaming, and revoking after
 * a confirmation. Every change goes through svc/kiosks.c, audited as
 * web:NAME. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "core/date.h"
#include "http/page.h"
#include "io/qr.h"
#include "http/srv.h"
#include "svc/ingest.h"
#include "svc/kiosks.h"
#include "svc/units.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/pick.h"

/* Success messages by ?ok= key. */
static const struct page_ok flashes[] = {
	{"rename", "Đã đổi tên kiosk."},
	{"revoke", "Đã thu hồi kiosk: máy đó không gửi được phiếu nữa."},
	{NULL, NULL},
};

static void kiosk_row(struct hbuf *b, struct http_req *r, const struct kiosk_row *k)
{
	char when[24];

	/* data-label: the column's name, shown beside each cell when a phone
	 * stacks the table (site.css) */
	hb_txt_in(b, "<tr><th scope=\"row\">", k->k.name, "</th><td data-label=\"Đơn vị\">");
	hb_txt(b, k->unit.name);
	hb_raw(b,
		k->k.revoked ? "</td><td data-label=\"Trạng thái\">Đã thu hồi</td>" :
			       "</td><td data-label=\"Trạng thái\">Đang dùng</td>");
	hb_raw(b, "<td data-label=\"Phiếu gần nhất\">");
	hb_txt(b,
		k->k.last_at > 0 ? hl_clock_fmt(k->k.last_at, when, sizeof(when)) :
				   "Chưa có phiếu");
	hb_raw(b, "</td><td class=\"acts\">");
	if (!k->k.revoked) {
		page_form(b, r, "rowact", "/kiosks/rename");
		hb_hidden(b, "name", k->k.name);
		hb_raw(b, "<label><span class=\"visually-hidden\">Tên mới của kiosk ");
		hb_txt(b, k->k.name);
		hb_raw(b,
			"</span><input name=\"new_name\" required maxlength=\"63\" "
			"autocomplete=\"off\" value=\"");
		hb_txt(b, k->k.name);
		hb_raw(b,
			"\"></label><button type=\"submit\" class=\"secondary\">Đổi tên<span "
			"class=\"visually-hidden\"> kiosk ");
		hb_txt(b, k->k.name);
		hb_raw(b, "</span></button></form> ");
		page_form(b, r, "rowact", "/kiosks/revoke");
		hb_hidden(b, "name", k->k.name);
		hb_raw(b,
			"<button type=\"submit\" class=\"secondary\">Thu hồi…<span "
			"class=\"visually-hidden\"> kiosk ");
		hb_txt(b, k->k.name);
		hb_raw(b, "</span></button></form>");
	}
	hb_raw(b, "</td></tr>");
}

/* The list and the form to add one; err (may be NULL) shown above them,
 * name the value the add form keeps. */
static int list_page(struct http_req *r, const struct hl_err *e, const char *name)
{
	struct scope_actor by = web_actor(r);
	struct kiosk_row *k = NULL;
	struct store_unit *u = NULL;
	size_t n = 0, nu = 0;
	struct hl_err err = {0};
	const char *ok = page_ok_text(r, flashes);
	struct hbuf b;

	if (kiosks_list(r->st, r->a, &by, &k, &n, &err) != HL_OK ||
		web_units(r, &u, &nu, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, 4 << 20, "Kiosk");
	hb_raw(&b, "<h1>Máy kiosk</h1>");
	page_flash(&b, e, ok);
	hb_raw(&b,
		"<p>Máy kiosk đặt tại bộ phận một cửa để người dân tự trả lời phiếu khảo sát. "
		"Mỗi máy có một mã thiết bị riêng; máy bị mất hoặc không dùng nữa thì thu hồi để mã "
		"của nó bị từ chối.</p><div class=\"scroll\"><table class=\"kiosks\"><caption>Các "
		"máy kiosk</caption><thead><tr><th scope=\"col\">Tên</th><th scope=\"col\">Đơn vị</th>"
		"<th scope=\"col\">Trạng thái</th><th scope=\"col\">Phiếu gần nhất</th>"
		"<th scope=\"col\">Thao tác</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++)
		kiosk_row(&b, r, &k[i]);
	if (n == 0)
		hb_raw(&b, "<tr><td colspan=\"5\">Chưa có máy kiosk nào.</td></tr>");
	hb_raw(&b, "</tbody></table></div>");
	if (nu > 0) {
		page_form(&b, r, "admin", "/kiosks");
		hb_raw(&b,
			"<fieldset><legend>Thêm kiosk</legend><label>Tên máy (ví dụ: Quầy 1) "
			"<input name=\"name\" required maxlength=\"63\" autocomplete=\"off\" value=\"");
		hb_txt(&b, name != NULL ? name : "");
		hb_raw(&b, "\"></label><label>Đơn vị ");
		web_unit_select(&b, "unit", u, nu, NULL, NULL);
		hb_raw(&b,
			"</label><p class=\"note\">Sau khi thêm, trang hiện mã QR và "
			"đường dẫn ghép nối một lần duy nhất: mở trên chính máy kiosk.</p>"
			"<button type=\"submit\">Thêm kiosk</button></fieldset></form>");
	}
	return page_send_for(r, &b, e);
}

int page_kiosks(struct http_req *r)
{
	return list_page(r, NULL, NULL);
}

struct add_w {
	struct kiosk_new kn;
	const char *unit;
	struct scope_actor by;
};

static int write_add(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct add_w *w = arg;

	return kiosks_add(writer_tx_store(tx), &w->kn, w->unit, &w->by, err);
}

/* The new kiosk's pairing: QR code, link and token, shown this once. */
static int paired_page(struct http_req *r, const struct add_w *w, const char *link)
{
	struct hl_err err = {0};
	struct hbuf b;

	page_start(&b, r, 1 << 20, "Ghép nối kiosk");
	hb_raw(&b, "<h1>Đã thêm kiosk ");
	hb_txt(&b, w->kn.k.name);
	hb_raw(&b,
		"</h1><p class=\"flash\" role=\"status\">Mã QR, đường dẫn và mã thiết bị dưới "
		"đây chỉ hiện <strong>một lần</strong>. Rời trang này là không xem lại được; khi "
		"cần, thu hồi kiosk và thêm kiosk mới.</p><section class=\"pair\" "
		"aria-labelledby=\"ghep-noi\"><h2 id=\"ghep-noi\">Ghép nối máy kiosk</h2>"
		"<p>Trên máy kiosk, quét mã QR này (hoặc mở đường dẫn bên dưới) một lần: trang kiosk "
		"mở ra và tự nhớ mã thiết bị, từ đó máy gửi được phiếu khảo sát của đơn vị.</p>"
		"<figure class=\"qr\">");
	if (qr_svg(&b, link, "Mã QR ghép nối kiosk", &err) != HL_OK)
		return http_send_err(r, &err);
	hb_txt_in(&b, "</figure><p>Đường dẫn ghép nối: <a class=\"pair-link\" href=\"", link,
		"\">");
	hb_txt(&b, link);
	hb_txt_in(&b, "</a></p><p>Mã thiết bị: <code class=\"secret\">", w->kn.token,
		"</code></p></section><p><a href=\"/kiosks\">Về danh sách kiosk</a></p>");
	return page_send(r, 200, &b);
}

int page_kiosks_add(struct http_req *r)
{
	struct add_w *w = hl_arena_alloc(r->a, sizeof(*w));
	const char *name, *unit;
	struct hl_err err = {0};
	char base[320], link[KIOSK_URL_MAX];

	if (w == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	memset(w, 0, sizeof(*w));
	if (admin_text(r, "name", "tên máy kiosk", STORE_CODE_MAX - 1, true, &name, &err) !=
			HL_OK ||
		admin_code(r, "unit", "đơn vị", true, &unit, &err) != HL_OK)
		return list_page(r, &err, http_form(r, "name"));
	/* The token is made, and its link checked, before anything is stored:
	 * no kiosk whose pairing nobody saw. */
	if (kiosks_prepare(name, &w->kn, &err) != HL_OK ||
		kiosks_pair_url(web_base_url(r, base, sizeof(base)), w->kn.token, link,
			sizeof(link), &err) != HL_OK)
		return list_page(r, &err, name);
	w->unit = unit;
	w->by = web_actor(r);
	if (srv_write(r, write_add, w, &err) != HL_OK)
		return list_page(r, &err, name);
	return paired_page(r, w, link);
}

struct change_w {
	const char *name, *new_name; /* new_name NULL: revoke */
	struct scope_actor by;
};

static int write_change(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct change_w *w = arg;

	if (w->new_name != NULL)
		return kiosks_rename(writer_tx_store(tx), w->name, w->new_name, &w->by, err);
	return kiosks_revoke(writer_tx_store(tx), w->name, &w->by, err);
}

int page_kiosks_rename(struct http_req *r)
{
	struct change_w w = {0};
	struct hl_err err = {0};

	w.name = http_form(r, "name");
	if (w.name == NULL || w.name[0] == '\0') {
		hl_err_set(&err, HL_EINVAL, "name", "thiếu tên máy kiosk cần đổi tên");
		return list_page(r, &err, NULL);
	}
	if (admin_text(r, "new_name", "tên mới", STORE_CODE_MAX - 1, true, &w.new_name, &err) !=
		HL_OK)
		return list_page(r, &err, NULL);
	w.by = web_actor(r);
	if (srv_write(r, write_change, &w, &err) != HL_OK)
		return list_page(r, &err, NULL);
	return http_redirect(r, "/kiosks?ok=rename");
}

/* "Thu hồi kiosk X?" with the button that does it, and the way back. */
static int confirm_page(struct http_req *r, const struct kiosk_row *k)
{
	struct hbuf b;

	page_start(&b, r, 1 << 16, "Thu hồi kiosk");
	hb_txt_in(&b, "<section class=\"narrow\"><h1>Thu hồi kiosk ", k->k.name,
		"?</h1><p>Máy kiosk <strong>");
	hb_txt(&b, k->k.name);
	hb_raw(&b, "</strong> của ");
	hb_txt(&b, k->unit.name);
	hb_raw(&b,
		" sẽ không gửi được phiếu khảo sát nữa, kể cả các phiếu còn chờ gửi trên máy. "
		"Các phiếu đã nhận vẫn được giữ. Không hoàn tác được: muốn dùng lại máy này thì thêm "
		"kiosk mới.</p>");
	page_form(&b, r, NULL, "/kiosks/revoke");
	hb_hiddens(&b, (const char *const[]){"name", k->k.name, "confirm", "1", NULL});
	hb_raw(&b,
		"<button type=\"submit\">"
		"Thu hồi kiosk</button> <a href=\"/kiosks\">Không, quay lại</a></form></section>");
	return page_send(r, 200, &b);
}

int page_kiosks_revoke(struct http_req *r)
{
	const char *confirm = http_form(r, "confirm");
	struct scope_actor by = web_actor(r);
	struct change_w w = {0};
	struct kiosk_row *k = NULL;
	size_t n = 0;
	struct hl_err err = {0};

	w.name = http_form(r, "name");
	if (w.name == NULL || w.name[0] == '\0') {
		hl_err_set(&err, HL_EINVAL, "name", "thiếu tên máy kiosk cần thu hồi");
		return list_page(r, &err, NULL);
	}
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		if (kiosks_list(r->st, r->a, &by, &k, &n, &err) != HL_OK)
			return http_send_err(r, &err);
		for (size_t i = 0; i < n; i++)
			if (strcmp(k[i].k.name, w.name) == 0 && !k[i].k.revoked)
				return confirm_page(r, &k[i]);
		hl_err_set(&err, HL_ENOTFOUND, "name", "không có máy kiosk đang dùng tên '%.63s'",
			w.name);
		return list_page(r, &err, NULL);
	}
	w.by = by;
	if (srv_write(r, write_change, &w, &err) != HL_OK)
		return list_page(r, &err, NULL);
	return http_redirect(r, "/kiosks?ok=revoke");
}
