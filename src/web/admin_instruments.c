/* admin_instruments.c — /admin/instruments: the stored survey instruments
 * and their versions, one shown in full, and a new one (or a new version)
 * imported from its JSON definition (docs/instruments.md) pasted in a form. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "io/instrument_json.h"
#include "svc/builtin.h"
#include "svc/instruments.h"
#include "web/admin.h"
#include "web/pages.h"

static int list_page(struct http_req *r, const struct hl_err *e, const char *json)
{
	struct store_instrument *l = NULL;
	size_t n = 0;
	struct hl_err err = {0};
	struct hbuf b;

	if (instruments_list(r->st, r->a, &l, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	admin_begin(&b, r, 4 << 20, "Bộ câu hỏi", e);
	page_table(&b, NULL, "<th>Mã</th><th class=\"num\">Phiên bản</th><th>Tên</th>");
	for (size_t i = 0; i < n; i++) {
		hb_raw(&b, "<tr><td><a href=\"/admin/instruments/");
		hb_url(&b, l[i].code);
		hb_printf(&b, "?version=%d\">", l[i].version);
		hb_txt(&b, l[i].code);
		hb_printf(&b, "</a></td><td class=\"num\">%d</td><td>", l[i].version);
		hb_txt(&b, l[i].name);
		hb_raw(&b, "</td></tr>");
	}
	admin_table_end(&b, n, 3, "Chưa có bộ câu hỏi nào.");
	if (admin_global(r)) {
		page_form(&b, r, "admin", "/admin/instruments");
		hb_raw(&b,
			"<fieldset><legend>Nhập bộ câu hỏi (JSON)</legend><p class=\"note\">Định "
			"nghĩa theo docs/instruments.md. Một phiên bản đã lưu không sửa được: đổi nội dung "
			"thì tăng số phiên bản.</p><label>Định nghĩa JSON <textarea name=\"json\" required "
			"spellcheck=\"false\">");
		if (json != NULL)
			hb_txt(&b, json);
		hb_raw(&b,
			"</textarea></label><button type=\"submit\">Nhập</button></fieldset></form>");
	}
	return page_send_for(r, &b, e);
}

int page_admin_instruments(struct http_req *r)
{
	return list_page(r, NULL, NULL);
}

int page_admin_instrument(struct http_req *r)
{
	const char *code = r->param[0], *v = http_query(r, "version");
	struct store_instrument si;
	struct hl_instrument *in = NULL;
	struct hl_err err = {0};
	struct hbuf b;
	char *json = NULL, *end, title[STORE_CODE_MAX + 32];
	long version = 0;

	if (v != NULL && v[0] != '\0') {
		errno = 0;
		version = strtol(v, &end, 10);
		if (errno != 0 || *end != '\0' || version < 1 || version > 1000000) {
			hl_err_set(&err, HL_EINVAL, "version", "phiên bản '%s' không hợp lệ", v);
			return http_send_err(r, &err);
		}
	}
	/* Version 0 asks the store for the newest. */
	if (instruments_get(r->st, r->a, code, (int)version, &si, &json, &in, &err) != HL_OK)
		return http_send_err(r, &err);
	snprintf(title, sizeof(title), "Bộ câu hỏi %s, phiên bản %d", si.code, si.version);
	admin_begin(&b, r, 4 << 20, title, NULL);
	hb_txt_in(&b, "<p>", in->name ? in->name : "", "</p><p>");
	hb_raw(&b,
		in->method == HL_METHOD_MEAN ?
			"Cách tính: điểm trung bình (mức 1 = 0, mức cao nhất = 100)." :
			"Cách tính: số câu trả lời hài lòng / số câu trả lời hợp lệ × 100 (không trả lời "
			"không tính).");
	hb_raw(&b, " Chỉ số chung = trung bình các tiêu chí.</p>");
	page_table(&b, NULL,
		"<th>Tiêu chí</th><th>Câu</th><th>Nội dung</th>"
		"<th>Thang đo</th>");
	for (int c = 0; c < in->ncriteria; c++)
		for (int q = 0; q < in->nquestions; q++) {
			const struct hl_question *qu = &in->questions[q];

			if (qu->criterion != c)
				continue;
			hb_txt_in(&b, "<tr><td>", in->criteria[c].code, " – ");
			hb_txt(&b, in->criteria[c].name);
			hb_txt_in(&b, "</td><td>", qu->code, "</td><td>");
			hb_txt(&b, qu->text ? qu->text : "");
			hb_txt_in(&b, "</td><td>", in->scales[qu->scale].code, "</td></tr>");
		}
	hb_raw(&b, "</tbody></table></div><h2>Thang đo</h2><ul>");
	for (int s = 0; s < in->nscales; s++) {
		const struct hl_scale *sc = &in->scales[s];

		hb_txt_in(&b, "<li><strong>", sc->code, "</strong>:");
		for (int l = 0; l < sc->nlevels; l++) {
			hb_printf(&b, "%s %d ", l > 0 ? ";" : "", l + 1);
			hb_txt(&b, sc->levels[l].label);
			if (sc->levels[l].satisfied)
				hb_raw(&b, " (hài lòng)");
		}
		hb_raw(&b, "</li>");
	}
	hb_txt_in(&b, "</ul><h2>Định nghĩa JSON</h2><pre class=\"json\">", json, "</pre>");
	return page_send(r, 200, &b);
}

struct instrument_w {
	const char *json, *who;
	size_t len;
	struct store_instrument si;
	bool existed;
};

static int write_instrument(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct instrument_w *w = arg;

	return builtin_instrument_install(writer_tx_store(tx), w->json, w->len, w->who, &w->si,
		&w->existed, err);
}

int page_admin_instruments_post(struct http_req *r)
{
	struct instrument_w w = {0};
	struct hl_instrument *in = NULL;
	const char *json = http_form(r, "json");
	struct hl_err err = {0};

	if (!admin_global(r)) {
		hl_err_set(&err, HL_EPERM, HL_HERE,
			"chỉ quản trị toàn hệ thống mới nhập được bộ câu hỏi");
		return list_page(r, &err, NULL);
	}
	if (json == NULL || json[strspn(json, " \t\r\n")] == '\0') {
		hl_err_set(&err, HL_EINVAL, "json", "hãy dán định nghĩa JSON của bộ câu hỏi");
		return list_page(r, &err, NULL);
	}
	/* Checked here first, so a mistake comes back with the text to fix. */
	if (ij_parse(r->a, json, strlen(json), &in, &err) != HL_OK)
		return list_page(r, &err, json);
	w.json = json;
	w.len = strlen(json);
	w.who = admin_who(r);
	if (srv_write(r, write_instrument, &w, &err) != HL_OK)
		return list_page(r, &err, json);
	return http_redirect(r,
		w.existed ? "/admin/instruments?ok=instrument-same" :
			    "/admin/instruments?ok=instrument");
}
