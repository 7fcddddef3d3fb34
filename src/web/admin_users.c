/* admin_users.c — /admin/users: staff accounts. A new account gets a random
 * password shown once on the answer page (never stored or logged in clear);
 * an account can be disabled. Hashing (argon2id, slow on purpose) happens
 * before the write, so the writer is not held up. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/arena.h"
#include "http/scope.h"
#include "svc/accounts.h"
#include "web/admin.h"
#include "web/pages.h"

static const int roles[] = {ROLE_ENTRY, ROLE_CLERK, ROLE_SUPERVISOR, ROLE_ADMIN};

/* The unit of user u among the units the caller administers, or NULL. */
static const struct store_unit *unit_of(const struct store_user *u, const struct store_unit *units,
	size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (units[i].id == u->unit_id)
			return &units[i];
	return NULL;
}

static int users_page(struct http_req *r, const struct hl_err *e, const char *new_name,
	const char *new_pw)
{
	struct store_user *l = NULL;
	struct store_unit *units = NULL;
	int *depth = NULL;
	size_t n = 0, nu = 0;
	struct hl_err err = {0};
	struct hbuf b;

	if (account_list(r->st, r->a, &l, &n, &err) != HL_OK ||
		admin_units(r, &units, &depth, &nu, &err) != HL_OK)
		return http_send_err(r, &err);
	admin_begin(&b, r, 4 << 20, "Tài khoản", e);
	if (new_pw != NULL) {
		hb_raw(&b, "<div class=\"flash\" role=\"status\"><p>Đã tạo tài khoản <strong>");
		hb_txt(&b, new_name);
		hb_raw(&b,
			"</strong>. Mật khẩu (chỉ hiện một lần, hãy chép lại và trao tận tay):</p>"
			"<p><code class=\"secret\">");
		hb_txt(&b, new_pw);
		hb_raw(&b, "</code></p></div>");
	}
	page_table(&b, NULL,
		"<th>Tên đăng nhập</th><th>Vai trò</th><th>Đơn vị</th><th>Trạng thái</th><th></th>");
	for (size_t i = 0; i < n; i++) {
		const struct store_unit *u = unit_of(&l[i], units, nu);
		const char *where = u ? u->name : l[i].unit_id == 0 ? "toàn hệ thống" : "";

		if (u == NULL && !admin_global(r))
			continue;
		hb_raw(&b, "<tr>");
		hb_tds(&b,
			(const char *const[]){l[i].name, account_role_label(l[i].role), where,
				l[i].disabled ? "đã khóa" : "đang dùng", NULL});
		hb_raw(&b, "<td>");
		if (!l[i].disabled && l[i].id != r->user.id) {
			page_form(&b, r, "rowact", "/admin/users/disable");
			hb_hidden(&b, "name", l[i].name);
			hb_raw(&b,
				"<button type=\"submit\" class=\"secondary\">Khóa<span "
				"class=\"visually-hidden\"> ");
			hb_txt(&b, l[i].name);
			hb_raw(&b, "</span></button></form>");
		}
		hb_raw(&b, "</td></tr>");
	}
	admin_table_end(&b, n, 5, NULL);
	page_form(&b, r, "admin", "/admin/users");
	hb_raw(&b,
		"<fieldset><legend>Thêm tài khoản</legend><p class=\"note\">hailong tạo một mật khẩu "
		"ngẫu nhiên và hiện nó một lần. Người dùng đổi mật khẩu bằng "
		"<code>hailong users passwd</code>.</p>"
		"<label>Tên đăng nhập <input name=\"name\" required maxlength=\"63\" "
		"pattern=\"[A-Za-z0-9][A-Za-z0-9._\\-]*\" autocomplete=\"off\"></label>"
		"<label>Vai trò <select name=\"role\" required>");
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		hb_txt_in(&b, "<option value=\"", account_role_name(roles[i]), "\">");
		hb_txt(&b, account_role_label(roles[i]));
		hb_raw(&b, "</option>");
	}
	hb_raw(&b, "</select></label><label>Đơn vị <select name=\"unit\">");
	if (admin_global(r))
		hb_raw(&b, "<option value=\"\">— toàn hệ thống (chỉ cho quản trị) —</option>");
	admin_unit_options(&b, units, depth, nu, NULL);
	hb_raw(&b,
		"</select></label><button type=\"submit\">Tạo tài khoản</button></fieldset></form>");
	return page_send_for(r, &b, e);
}

int page_admin_users(struct http_req *r)
{
	return users_page(r, NULL, NULL, NULL);
}

struct user_w {
	struct store_user u;
	const char *unit, *who;
};

static int write_user(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct user_w *w = arg;

	return account_add(writer_tx_store(tx), &w->u, w->unit, w->who, err);
}

int page_admin_users_post(struct http_req *r)
{
	struct user_w w;
	struct store_unit u;
	const char *name, *role, *unit;
	struct hl_err err = {0};
	char pw[ACCOUNT_PW_GEN + 1];
	int rc;

	memset(&w, 0, sizeof(w));
	if (admin_code(r, "name", "tên đăng nhập", true, &name, &err) != HL_OK ||
		admin_code(r, "role", "vai trò", true, &role, &err) != HL_OK ||
		admin_code(r, "unit", "đơn vị", false, &unit, &err) != HL_OK)
		return users_page(r, &err, NULL, NULL);
	if (unit[0] != '\0') {
		if (scope_unit(r, unit, "unit", &u, &err) != HL_OK)
			return users_page(r, &err, NULL, NULL);
	} else if (!admin_global(r)) {
		hl_err_set(&err, HL_EPERM, "unit", "hãy chọn đơn vị trong phạm vi quản trị");
		return users_page(r, &err, NULL, NULL);
	}
	account_generate(pw, sizeof(pw));
	rc = account_prepare(r->st, name, role, unit, pw, &w.u, &err);
	if (rc == HL_OK) {
		w.unit = unit;
		w.who = admin_who(r);
		rc = srv_write(r, write_user, &w, &err);
	}
	sodium_memzero(w.u.pwhash, sizeof(w.u.pwhash));
	if (rc != HL_OK) {
		sodium_memzero(pw, sizeof(pw));
		return users_page(r, &err, NULL, NULL);
	}
	http_add_header(r, "Cache-Control", "no-store");
	rc = users_page(r, NULL, name, pw);
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

struct disable_w {
	const char *name, *who;
};

static int write_disable(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct disable_w *w = arg;

	return account_disable(writer_tx_store(tx), w->name, w->who, err);
}

int page_admin_users_disable(struct http_req *r)
{
	struct disable_w w;
	struct store_user target;
	struct store_unit *units = NULL;
	int *depth = NULL;
	size_t nu = 0;
	struct hl_err err = {0};

	if (admin_code(r, "name", "tên đăng nhập", true, &w.name, &err) != HL_OK)
		return users_page(r, &err, NULL, NULL);
	if (account_get(r->st, w.name, &target, &err) != HL_OK) {
		hl_err_set(&err, HL_ENOTFOUND, "name", "không có tài khoản '%s'", w.name);
		return users_page(r, &err, NULL, NULL);
	}
	if (target.id == r->user.id) {
		hl_err_set(&err, HL_EINVAL, "name", "không tự khóa tài khoản của chính mình");
		return users_page(r, &err, NULL, NULL);
	}
	if (!admin_global(r)) {
		if (admin_units(r, &units, &depth, &nu, &err) != HL_OK)
			return http_send_err(r, &err);
		if (unit_of(&target, units, nu) == NULL) {
			hl_err_set(&err, HL_EPERM, "name", "không được khóa tài khoản '%s'",
				w.name);
			return users_page(r, &err, NULL, NULL);
		}
	}
	w.who = admin_who(r);
	if (srv_write(r, write_disable, &w, &err) != HL_OK)
		return users_page(r, &err, NULL, NULL);
	return http_redirect(r, "/admin/users?ok=disabled");
}
