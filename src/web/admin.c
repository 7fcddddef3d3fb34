/* admin.c — the administration pages' menu and shared parts, and the small
 * catalogues: fields (lĩnh vực), staff (công chức) and yearly targets (chỉ
 * tiêu). Units, instruments and users have their own files. Every write goes
 * through the server's writer (srv_write) with an audit entry naming the
 * administrator; the gate has checked the role and the form's CSRF token. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/tally.h"
#include "http/scope.h"
#include "svc/builtin.h"
#include "svc/import.h"
#include "svc/ingest.h"
#include "svc/fields.h"
#include "svc/staff.h"
#include "svc/targets.h"
#include "svc/units.h"
#include "web/admin.h"
#include "web/pages.h"

/* ---- shared ---- */

const char *admin_who(struct http_req *r)
{
	const char *who = hl_arena_printf(r->a, "web:%s", r->user.name);

	return who ? who : "web";
}

bool admin_global(struct http_req *r)
{
	return r->role == ROLE_ADMIN && r->user.unit_id == 0;
}

/* Success messages by ?ok= key. */
static const struct page_ok flashes[] = {
	{"unit", "Đã lưu đơn vị."},
	{"merge", "Đã sáp nhập các đơn vị."},
	{"field", "Đã lưu lĩnh vực."},
	{"staff", "Đã lưu công chức."},
	{"instrument", "Đã lưu bộ câu hỏi."},
	{"instrument-same", "Bộ câu hỏi này đã có, giống hệt: không có gì thay đổi."},
	{"target", "Đã đặt chỉ tiêu."},
	{"disabled", "Đã khóa tài khoản."},
	{"office", "Đã lưu phòng, ban."},
	{"offices-import", "Đã nhập phòng, ban từ tệp CSV."},
	{"hours", "Đã đặt giờ làm việc."},
	{"decisions", "Đã nhập quyết định nghỉ lễ, làm bù."},
	{"culture", "Đã lưu ngày nghỉ 24/11."},
	{"schedule", "Đã lưu lịch báo cáo."},
	{NULL, NULL},
};

void admin_begin(struct hbuf *b, struct http_req *r, size_t max, const char *title,
	const struct hl_err *err)
{
	page_start(b, r, max, title);
	hb_txt_in(b, "<p class=\"note\"><a href=\"/admin\">Quản trị</a> › ", title, "</p><h1>");
	hb_txt(b, title);
	hb_raw(b, "</h1>");
	page_flash(b, err, page_ok_text(r, flashes));
}

int admin_back(struct http_req *r, const char *path, const char *unit, const char *ok)
{
	struct hbuf loc;

	hb_init(&loc, r->a, 4096);
	hb_printf(&loc, "%s?unit=", path);
	hb_url(&loc, unit != NULL ? unit : "");
	hb_raw(&loc, "&ok=");
	hb_url(&loc, ok);
	if (loc.failed)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_redirect(r, loc.s);
}

int admin_text(struct http_req *r, const char *name, const char *label, size_t max, bool required,
	const char **out, struct hl_err *err)
{
	const char *v = http_form(r, name);
	char *copy, *nfc;

	*out = "";
	if (v == NULL)
		v = "";
	copy = hl_arena_strdup(r->a, v);
	if (copy == NULL)
		return hl_err_set(err, HL_ENOMEM, name, "hết bộ nhớ khi đọc biểu mẫu");
	hl_trim(copy);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p < 0x20)
			return hl_err_set(err, HL_EINVAL, name,
				"%s không được có ký tự điều khiển "
				"hay xuống dòng",
				label);
	nfc = hl_utf8_nfc(r->a, copy);
	if (nfc == NULL)
		return hl_err_set(err, HL_EINVAL, name, "%s không phải văn bản UTF-8 hợp lệ",
			label);
	if (required && nfc[0] == '\0')
		return hl_err_set(err, HL_EINVAL, name, "hãy nhập %s", label);
	if (strlen(nfc) > max)
		return hl_err_set(err, HL_EINVAL, name, "%s dài quá %zu byte", label, max);
	*out = nfc;
	return HL_OK;
}

int admin_code(struct http_req *r, const char *name, const char *label, bool required,
	const char **out, struct hl_err *err)
{
	int rc = admin_text(r, name, label, STORE_CODE_MAX - 1, required, out, err);

	if (rc != HL_OK)
		return rc;
	for (const char *p = *out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return hl_err_set(err, HL_EINVAL, name,
				"%s '%s' chỉ được gồm chữ không dấu, "
				"chữ số và . _ -",
				label, *out);
	return HL_OK;
}

int admin_day(struct http_req *r, const char *name, const char *label, hl_day *out,
	struct hl_err *err)
{
	const char *v;
	int rc = admin_text(r, name, label, 16, false, &v, err);

	*out = HL_DAY_NONE;
	if (rc != HL_OK || v[0] == '\0')
		return rc;
	if (!hl_day_parse_vn(v, out))
		return hl_err_set(err, HL_EINVAL, name,
			"%s '%s' không phải một ngày: gõ "
			"ngày/tháng/năm, ví dụ 01/07/2025",
			label, v);
	return HL_OK;
}

void admin_csv_input(struct hbuf *b, const char *name, const char *label, const char *kept)
{
	hb_raw(b,
		"<p class=\"js-only\" hidden><label>Chọn tệp CSV trên máy <input type=\"file\" "
		"accept=\".csv,text/csv\" id=\"");
	hb_txt(b, name);
	hb_txt_in(b, "-file\" data-into=\"", name,
		"\"></label><span class=\"note\" role=\"status\" id=\"");
	hb_txt(b, name);
	hb_txt_in(b, "-file-said\"></span></p><label>", label, " <textarea name=\"");
	hb_txt(b, name);
	hb_txt_in(b, "\" id=\"", name, "\" rows=\"8\" spellcheck=\"false\">");
	hb_txt(b, kept != NULL ? kept : "");
	hb_raw(b, "</textarea></label><script src=\"/static/csvfile.js\" defer></script>");
}

int admin_csv_open(struct http_req *r, const char *name, FILE **out, struct hl_err *err)
{
	const char *text = http_form(r, name);

	*out = NULL;
	if (text == NULL || text[strspn(text, " \t\r\n")] == '\0')
		return hl_err_set(err, HL_EINVAL, name,
			"hãy chọn tệp CSV hoặc dán nội dung của nó");
	*out = fmemopen((void *)text, strlen(text), "r");
	if (*out == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc tệp gửi lên");
	return HL_OK;
}

struct csv_import_w {
	admin_importer fn;
	FILE *f;
	struct import_opts o;
	struct import_report *rep;
};

static int write_csv_import(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct csv_import_w *w = arg;

	rewind(w->f); /* a job may run again (writer.h): the whole file each time */
	return w->fn(writer_tx_store(tx), w->f, &w->o, w->rep, err);
}

/* The CSV of the form's field "csv" through fn, as admin_import_post. *rep
 * (from r's arena, NULL when out of memory) gets the file's problems; a
 * file with problems is HL_EINVAL saying how many. */
static int csv_import(struct http_req *r, admin_importer fn, struct import_report **rep,
	struct hl_err *err)
{
	struct csv_import_w w = {.fn = fn};
	int rc;

	*rep = w.rep = hl_arena_alloc(r->a, sizeof(*w.rep));
	if (w.rep == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	memset(w.rep, 0, sizeof(*w.rep));
	w.o = (struct import_opts){.name = "tệp CSV", .who = admin_who(r), .held = true};
	if ((rc = admin_csv_open(r, "csv", &w.f, err)) != HL_OK)
		return rc;
	rc = srv_write(r, write_csv_import, &w, err);
	fclose(w.f);
	if (rc == HL_EINVAL && w.rep->nproblems > 0)
		hl_err_set(err, HL_EINVAL, "csv", "tệp có %ld lỗi: không nhập dòng nào",
			w.rep->nproblems);
	return rc;
}

int admin_import_post(struct http_req *r, admin_importer fn, admin_import_page page,
	const char *refused, const char *done)
{
	struct import_report *rep = NULL;
	struct hl_err err = {0};

	if (!admin_global(r)) {
		hl_err_set(&err, HL_EPERM, HL_HERE, "%s", refused);
		return page(r, NULL, &err, NULL, NULL);
	}
	if (csv_import(r, fn, &rep, &err) != HL_OK) {
		if (rep == NULL)
			return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
		return page(r, NULL, &err, rep, http_form(r, "csv"));
	}
	return http_redirect(r, done);
}

void admin_import_problems(struct hbuf *b, const struct import_report *rep)
{
	if (rep->kept == 0)
		return;
	hb_raw(b, "<ul class=\"problems\">");
	for (int i = 0; i < rep->kept; i++) {
		const struct import_problem *p = &rep->problems[i];

		hb_raw(b, "<li>");
		if (p->line > 0)
			hb_printf(b, "Dòng %ld", p->line);
		else
			hb_raw(b, "Cả tệp");
		if (p->column[0] != '\0') {
			hb_raw(b, ", cột ");
			hb_txt(b, p->column);
		}
		hb_txt_in(b, ": ", p->reason, "</li>");
	}
	if (rep->nproblems > rep->kept)
		hb_printf(b, "<li>… và %ld lỗi khác.</li>", rep->nproblems - rep->kept);
	hb_raw(b, "</ul>");
}

struct tree {
	const struct store_unit *all;
	size_t n;
	struct store_unit *out;
	int *depth;
	size_t k;
	bool *done;
};

static void walk(struct tree *t, int64_t parent, int d)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->done[i] || t->all[i].parent_id != parent)
			continue;
		t->done[i] = true;
		t->out[t->k] = t->all[i];
		t->depth[t->k++] = d;
		if (d < 32)
			walk(t, t->all[i].id, d + 1);
	}
}

int admin_units(struct http_req *r, struct store_unit **units, int **depth, size_t *n,
	struct hl_err *err)
{
	struct store_unit *all = NULL;
	size_t nall = 0, k = 0;
	struct tree t;
	int rc = units_list(r->st, r->a, &all, &nall, err);

	*n = 0;
	if (rc != HL_OK)
		return rc;
	t.all = all;
	t.n = nall;
	t.k = 0;
	t.out = hl_arena_alloc(r->a, (nall + 1) * sizeof(*t.out));
	t.depth = hl_arena_alloc(r->a, (nall + 1) * sizeof(*t.depth));
	t.done = hl_arena_alloc(r->a, (nall + 1) * sizeof(*t.done));
	if (t.out == NULL || t.depth == NULL || t.done == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	walk(&t, 0, 0);
	/* Units whose parent is missing (or a cycle) still get listed. */
	for (size_t i = 0; i < nall; i++)
		if (!t.done[i]) {
			t.done[i] = true;
			t.out[t.k] = all[i];
			t.depth[t.k++] = 0;
		}
	/* Keep only what the caller administers, in the same order. */
	for (size_t i = 0; i < t.k; i++)
		if (admin_global(r) || scope_sees(r, &t.out[i])) {
			t.out[k] = t.out[i];
			t.depth[k++] = t.depth[i];
		}
	*units = t.out;
	*depth = t.depth;
	*n = k;
	return HL_OK;
}

void admin_table_end(struct hbuf *b, size_t n, int ncols, const char *empty)
{
	if (n == 0 && empty != NULL)
		hb_printf(b, "<tr><td colspan=\"%d\">%s</td></tr>", ncols, empty);
	hb_raw(b, "</tbody></table></div>");
}

void admin_unit_options(struct hbuf *b, const struct store_unit *units, const int *depth, size_t n,
	const char *selected)
{
	for (size_t i = 0; i < n; i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, units[i].code);
		hb_raw(b,
			selected && strcmp(selected, units[i].code) == 0 ? "\" selected>" : "\">");
		for (int d = 0; d < depth[i] && d < 8; d++)
			hb_raw(b, "&#160;&#160;&#160;"); /* indent the tree in the list */
		hb_txt(b, units[i].name);
		hb_txt_in(b, " (", units[i].code, ")</option>");
	}
}

/* ---- the menu ---- */

struct menu_entry {
	int min_role;
	const char *href, *label, *what;
};

/* What each role manages here (the routes check the same roles). */
static const struct menu_entry entries[] = {
	{ROLE_CLERK, "/kiosks", "Kiosk", "máy kiosk: thêm, ghép nối, đổi tên, thu hồi"},
	{ROLE_CLERK, "/admin/offices", "Phòng, ban", "nơi chuyển phản ánh, kiến nghị đến xử lý"},
	{ROLE_CLERK, "/admin/calendar", "Lịch làm việc", "giờ làm việc, ngày nghỉ lễ, làm bù"},
	{ROLE_CLERK, "/admin/schedules", "Lịch báo cáo", "hạn công bố báo cáo định kỳ"},
	{ROLE_ADMIN, "/admin/units", "Đơn vị", "cây đơn vị, thêm, sửa, sáp nhập"},
	{ROLE_ADMIN, "/admin/fields", "Lĩnh vực", "lĩnh vực thủ tục hành chính"},
	{ROLE_ADMIN, "/admin/staff", "Công chức", "người phục vụ tại bộ phận một cửa"},
	{ROLE_ADMIN, "/admin/instruments", "Bộ câu hỏi", "các phiên bản, nhập định nghĩa JSON"},
	{ROLE_ADMIN, "/admin/targets", "Chỉ tiêu", "chỉ tiêu hằng năm theo đơn vị hoặc loại"},
	{ROLE_ADMIN, "/admin/users", "Tài khoản", "cán bộ, vai trò, mật khẩu, khóa"},
	{0, NULL, NULL, NULL},
};

int page_admin(struct http_req *r)
{
	struct hbuf b;

	page_start(&b, r, 1 << 16, "Quản trị");
	hb_raw(&b, "<h1>Quản trị</h1><ul class=\"admin-menu\">");
	for (const struct menu_entry *e = entries; e->href; e++) {
		if (r->role < e->min_role)
			continue;
		hb_txt_in(&b, "<li><a href=\"", e->href, "\">");
		hb_txt(&b, e->label);
		hb_txt_in(&b, "<span>", e->what, "</span></a></li>");
	}
	hb_raw(&b,
		"</ul><p class=\"note\">Mọi thay đổi được ghi vào nhật ký, kèm tên người thay đổi.</p>");
	return page_send(r, 200, &b);
}

/* ---- fields ---- */

static int fields_page(struct http_req *r, const struct hl_err *e)
{
	struct store_field *f = NULL;
	size_t n = 0;
	struct hl_err err = {0};
	struct hbuf b;

	if (fields_list(r->st, r->a, &f, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	admin_begin(&b, r, 1 << 20, "Lĩnh vực", e);
	page_table(&b, NULL, "<th>Mã</th><th>Tên lĩnh vực</th>");
	for (size_t i = 0; i < n; i++) {
		hb_raw(&b, "<tr>");
		hb_tds(&b, (const char *const[]){f[i].code, f[i].name, NULL});
		hb_raw(&b, "</tr>");
	}
	admin_table_end(&b, n, 2, "Chưa có lĩnh vực nào.");
	if (admin_global(r)) {
		page_form(&b, r, "admin", "/admin/fields");
		hb_raw(&b,
			"<fieldset><legend>Thêm hoặc sửa lĩnh vực</legend>"
			"<p class=\"note\">Nhập mã đã có để đổi tên.</p>"
			"<label>Mã <input name=\"code\" required maxlength=\"63\" "
			"pattern=\"[A-Za-z0-9._\\-]+\"></label>"
			"<label>Tên <input name=\"name\" required maxlength=\"255\"></label>"
			"<button type=\"submit\">Lưu</button></fieldset></form>");
	}
	return page_send_for(r, &b, e);
}

int page_admin_fields(struct http_req *r)
{
	return fields_page(r, NULL);
}

struct field_w {
	struct store_field f;
	const char *who;
};

static int write_field(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct field_w *w = arg;

	return fields_put_in(writer_tx_store(tx), &w->f, w->who, err);
}

int page_admin_fields_post(struct http_req *r)
{
	struct field_w w = {0};
	const char *code, *name;
	struct hl_err err = {0};

	if (!admin_global(r)) {
		hl_err_set(&err, HL_EPERM, HL_HERE,
			"chỉ quản trị toàn hệ thống mới sửa được danh "
			"mục lĩnh vực");
		return fields_page(r, &err);
	}
	if (admin_code(r, "code", "mã lĩnh vực", true, &code, &err) != HL_OK ||
		admin_text(r, "name", "tên lĩnh vực", STORE_NAME_MAX - 1, true, &name, &err) !=
			HL_OK)
		return fields_page(r, &err);
	snprintf(w.f.code, sizeof(w.f.code), "%s", code);
	snprintf(w.f.name, sizeof(w.f.name), "%s", name);
	w.who = admin_who(r);
	if (srv_write(r, write_field, &w, &err) != HL_OK)
		return fields_page(r, &err);
	return http_redirect(r, "/admin/fields?ok=field");
}

/* ---- staff ---- */

static int staff_page(struct http_req *r, const struct hl_err *e)
{
	struct store_staff *s = NULL;
	struct store_unit *u = NULL;
	int *depth = NULL;
	size_t n = 0, nu = 0;
	struct hl_err err = {0};
	struct hbuf b;

	if (staff_list(r->st, r->a, &s, &n, &err) != HL_OK ||
		admin_units(r, &u, &depth, &nu, &err) != HL_OK)
		return http_send_err(r, &err);
	admin_begin(&b, r, 4 << 20, "Công chức", e);
	page_table(&b, NULL, "<th>Mã</th><th>Họ và tên</th><th>Chức vụ</th><th>Đơn vị</th>");
	for (size_t i = 0; i < n; i++) {
		const struct store_unit *unit = NULL;

		for (size_t j = 0; j < nu && unit == NULL; j++)
			if (u[j].id == s[i].unit_id)
				unit = &u[j];
		if (unit == NULL && !admin_global(r))
			continue; /* another subtree's staff */
		hb_raw(&b, "<tr>");
		hb_tds(&b,
			(const char *const[]){s[i].code, s[i].name, s[i].position,
				unit ? unit->name : "", NULL});
		hb_raw(&b, "</tr>");
	}
	admin_table_end(&b, n, 4, NULL);
	page_form(&b, r, "admin", "/admin/staff");
	hb_raw(&b,
		"<fieldset><legend>Thêm hoặc sửa công chức</legend>"
		"<p class=\"note\">Nhập mã đã có để sửa.</p>"
		"<label>Mã <input name=\"code\" required maxlength=\"63\" pattern=\"[A-Za-z0-9._\\-]+\"></label>"
		"<label>Họ và tên <input name=\"name\" required maxlength=\"255\"></label>"
		"<label>Chức vụ <input name=\"position\" maxlength=\"255\"></label>"
		"<label>Đơn vị <select name=\"unit\" required>");
	admin_unit_options(&b, u, depth, nu, NULL);
	hb_raw(&b, "</select></label><button type=\"submit\">Lưu</button></fieldset></form>");
	return page_send_for(r, &b, e);
}

int page_admin_staff(struct http_req *r)
{
	return staff_page(r, NULL);
}

struct staff_w {
	struct store_staff s;
	const char *who, *unit;
};

static int write_staff(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct staff_w *w = arg;

	return staff_put_in(writer_tx_store(tx), &w->s, w->unit, w->who, err);
}

int page_admin_staff_post(struct http_req *r)
{
	struct staff_w w = {0};
	struct store_unit u;
	const char *code, *name, *pos, *unit;
	struct hl_err err = {0};

	if (admin_code(r, "code", "mã công chức", true, &code, &err) != HL_OK ||
		admin_text(r, "name", "họ và tên", STORE_NAME_MAX - 1, true, &name, &err) !=
			HL_OK ||
		admin_text(r, "position", "chức vụ", STORE_NAME_MAX - 1, false, &pos, &err) !=
			HL_OK ||
		admin_code(r, "unit", "đơn vị", true, &unit, &err) != HL_OK ||
		scope_unit(r, unit, "unit", &u, &err) != HL_OK)
		return staff_page(r, &err);
	snprintf(w.s.code, sizeof(w.s.code), "%s", code);
	snprintf(w.s.name, sizeof(w.s.name), "%s", name);
	snprintf(w.s.position, sizeof(w.s.position), "%s", pos);
	w.s.unit_id = u.id;
	w.unit = unit;
	w.who = admin_who(r);
	if (srv_write(r, write_staff, &w, &err) != HL_OK)
		return staff_page(r, &err);
	return http_redirect(r, "/admin/staff?ok=staff");
}

/* ---- targets ---- */

/* This year in Vietnam, whatever the server's time zone. */
static int this_year(void)
{
	int y, m, d;

	hl_day_to_ymd(hl_clock_today(), &y, &m, &d);
	return y;
}

static bool parse_year(const char *s, int *out)
{
	long y;

	if (!hl_parse_long(s, 2000, 2100, &y))
		return false;
	*out = (int)y;
	return true;
}

static int targets_page(struct http_req *r, int year, const struct hl_err *e)
{
	struct store_target *t = NULL;
	struct store_unit *u = NULL, *all = NULL;
	const char **crit = NULL;
	int *depth = NULL;
	size_t n = 0, nu = 0, nall = 0, nc = 0, ntypes = 0;
	const struct builtin_pair *types = builtin_unit_types(&ntypes);
	struct hl_err err = {0};
	struct hbuf b;
	char buf[32];

	if (targets_list(r->st, year, r->a, &t, &n, &err) != HL_OK ||
		units_list(r->st, r->a, &all, &nall, &err) != HL_OK ||
		admin_units(r, &u, &depth, &nu, &err) != HL_OK ||
		targets_criteria(r->st, r->a, &crit, &nc, &err) != HL_OK)
		return http_send_err(r, &err);
	admin_begin(&b, r, 4 << 20, "Chỉ tiêu", e);
	hb_printf(&b,
		"<form class=\"inline\" method=\"get\" action=\"/admin/targets\"><label>Năm "
		"<input name=\"year\" inputmode=\"numeric\" value=\"%d\" size=\"6\"></label>"
		"<button type=\"submit\">Xem</button></form>",
		year);
	hb_printf(&b,
		"<div class=\"scroll\"><table><caption>Chỉ tiêu năm %d</caption><thead><tr>"
		"<th>Áp dụng cho</th><th>Tiêu chí</th><th class=\"num\">Chỉ tiêu</th></tr></thead><tbody>",
		year);
	for (size_t i = 0; i < n; i++) {
		const char *who = NULL;

		for (size_t j = 0; j < nall && who == NULL; j++)
			if (t[i].unit_id != 0 && all[j].id == t[i].unit_id)
				who = all[j].name;
		hb_raw(&b, "<tr><td>");
		if (t[i].unit_id != 0) {
			hb_raw(&b, "Đơn vị ");
			hb_txt(&b, who ? who : "?");
		} else {
			const char *tn = builtin_unit_type_name(t[i].type);

			hb_raw(&b, "Loại ");
			hb_txt(&b, tn ? tn : t[i].type);
		}
		hb_txt_in(&b, "</td><td>",
			t[i].criterion[0] ? t[i].criterion : "mọi tiêu chí và SIPAS",
			"</td><td class=\"num\">");
		hb_txt(&b, hl_fmt_dec(buf, sizeof(buf), t[i].value, 2));
		hb_raw(&b, "</td></tr>");
	}
	if (n == 0)
		hb_raw(&b, "<tr><td colspan=\"3\">Chưa có chỉ tiêu nào cho năm này.</td></tr>");
	hb_raw(&b,
		"</tbody></table></div><p class=\"note\">Chỉ tiêu riêng của một đơn vị được dùng "
		"thay cho chỉ tiêu theo loại đơn vị.</p>");
	page_form(&b, r, "admin", "/admin/targets");
	hb_printf(&b,
		"<fieldset><legend>Đặt chỉ tiêu</legend><label>Năm <input name=\"year\" "
		"inputmode=\"numeric\" required value=\"%d\"></label>",
		year);
	hb_raw(&b,
		"<label>Đơn vị <select name=\"unit\"><option value=\"\">— (đặt theo loại) —</option>");
	admin_unit_options(&b, u, depth, nu, NULL);
	hb_raw(&b, "</select></label>");
	if (admin_global(r)) {
		hb_raw(&b,
			"<label>hoặc loại đơn vị <select name=\"type\"><option value=\"\">— (đặt theo "
			"đơn vị) —</option>");
		for (size_t i = 0; i < ntypes; i++) {
			hb_txt_in(&b, "<option value=\"", types[i].code, "\">");
			hb_txt(&b, types[i].name);
			hb_raw(&b, "</option>");
		}
		hb_raw(&b, "</select></label>");
	}
	hb_raw(&b,
		"<label>Tiêu chí <select name=\"criterion\"><option value=\"\">Mọi tiêu chí và "
		"SIPAS</option>");
	for (size_t i = 0; i < nc; i++) {
		hb_txt_in(&b, "<option>", crit[i], "</option>");
	}
	hb_raw(&b,
		"</select></label><label>Chỉ tiêu (0–100, ví dụ 90 hoặc 90,5) <input name=\"value\" "
		"required inputmode=\"decimal\"></label><button type=\"submit\">Đặt chỉ tiêu</button>"
		"</fieldset></form>");
	return page_send_for(r, &b, e);
}

int page_admin_targets(struct http_req *r)
{
	int year = this_year();
	const char *y = http_query(r, "year");
	struct hl_err err = {0};

	if (y != NULL && y[0] != '\0' && !parse_year(y, &year)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", y);
		return targets_page(r, this_year(), &err);
	}
	return targets_page(r, year, NULL);
}

struct target_w {
	struct store_target t;
	const char *who;
	char detail[256];
};

static int write_target(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct target_w *w = arg;

	return targets_set_in(writer_tx_store(tx), &w->t, w->who, w->detail, err);
}

int page_admin_targets_post(struct http_req *r)
{
	struct target_w w = {0};
	const char *year, *unit, *type, *crit, *value, **codes = NULL;
	size_t nc = 0;
	struct store_unit u;
	struct hl_err err = {0};
	char v[32];
	bool known = false;
	int y = this_year();

	if (admin_text(r, "year", "năm", 8, true, &year, &err) != HL_OK ||
		admin_code(r, "unit", "đơn vị", false, &unit, &err) != HL_OK ||
		admin_code(r, "type", "loại đơn vị", false, &type, &err) != HL_OK ||
		admin_code(r, "criterion", "tiêu chí", false, &crit, &err) != HL_OK ||
		admin_text(r, "value", "chỉ tiêu", 16, true, &value, &err) != HL_OK)
		return targets_page(r, y, &err);
	if (!parse_year(year, &y)) {
		hl_err_set(&err, HL_EINVAL, "year", "năm '%s' không hợp lệ (2000–2100)", year);
		return targets_page(r, this_year(), &err);
	}
	w.t.year = y;
	if (!hl_parse_decimal(value, 0, 100, &w.t.value)) {
		hl_err_set(&err, HL_EINVAL, "value",
			"chỉ tiêu '%s' không hợp lệ: cần một số từ 0 đến "
			"100 (ví dụ 90 hoặc 90,5)",
			value);
		return targets_page(r, y, &err);
	}
	if ((unit[0] == '\0') == (type[0] == '\0')) {
		hl_err_set(&err, HL_EINVAL, "unit",
			"chọn một đơn vị hoặc một loại đơn vị (không chọn cả hai)");
		return targets_page(r, y, &err);
	}
	if (unit[0] != '\0') {
		if (scope_unit(r, unit, "unit", &u, &err) != HL_OK)
			return targets_page(r, y, &err);
		w.t.unit_id = u.id;
	} else {
		if (!admin_global(r)) {
			hl_err_set(&err, HL_EPERM, "type",
				"chỉ quản trị toàn hệ thống mới đặt chỉ tiêu "
				"theo loại đơn vị");
			return targets_page(r, y, &err);
		}
		if (builtin_unit_type_name(type) == NULL) {
			hl_err_set(&err, HL_EINVAL, "type", "loại đơn vị '%s' không có", type);
			return targets_page(r, y, &err);
		}
		snprintf(w.t.type, sizeof(w.t.type), "%s", type);
	}
	if (crit[0] != '\0') {
		if (targets_criteria(r->st, r->a, &codes, &nc, &err) != HL_OK)
			return targets_page(r, y, &err);
		for (size_t i = 0; i < nc && !known; i++)
			known = strcmp(codes[i], crit) == 0;
		if (!known || strlen(crit) >= sizeof(w.t.criterion)) {
			hl_err_set(&err, HL_EINVAL, "criterion",
				"tiêu chí '%s' không thuộc bộ câu hỏi nào", crit);
			return targets_page(r, y, &err);
		}
		snprintf(w.t.criterion, sizeof(w.t.criterion), "%s", crit);
	}
	hl_fmt_dec(v, sizeof(v), w.t.value, 2);
	snprintf(w.detail, sizeof(w.detail), "năm %d, %s %s, tiêu chí %s: %s", y,
		unit[0] ? "đơn vị" : "loại", unit[0] ? unit : type, crit[0] ? crit : "tất cả", v);
	w.who = admin_who(r);
	if (srv_write(r, write_target, &w, &err) != HL_OK)
		return targets_page(r, y, &err);
	return http_redirect(r, hl_arena_printf(r->a, "/admin/targets?year=%d&ok=target", y));
}
