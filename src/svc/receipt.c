/* receipt.c — one-time survey links for a dossier and their printable slip. */
#include "svc/receipt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "io/html.h"
#include "io/qr.h"
#include "svc/ingest.h"
#include "svc/intake.h"

static int has_control(const char *s, int newline_ok)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && !(newline_ok && (c == '\n' || c == '\r'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

int receipt_check_dossier(const char *code, const char *field, struct hl_err *err)
{
	return hl_check_name(code, STORE_CODE_MAX, field, "mã hồ sơ", err);
}

int receipt_prepare(const char *dossier, int64_t unit_id, int64_t now, struct receipt_new *out,
	struct hl_err *err)
{
	int rc = receipt_check_dossier(dossier, "dossier", err);

	if (rc != HL_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	if ((rc = token_issue(out->token, sizeof(out->token), out->rec.token_hash, err)) != HL_OK)
		return rc;
	snprintf(out->rec.dossier, sizeof(out->rec.dossier), "%s", dossier);
	out->rec.unit_id = unit_id;
	out->rec.created_at = now;
	return HL_OK;
}

int receipt_store(struct store *st, const struct receipt_new *n, const char *unit_code,
	const char *who, int *replaced, struct hl_err *err)
{
	char detail[STORE_CODE_MAX * 2 + 64], day[16];
	int64_t used_at = 0;
	int nrep = 0;
	int rc = STORE(st, intake, receipt_replace, n->rec.unit_id, n->rec.dossier,
		n->rec.created_at, &used_at, &nrep, err);

	if (replaced != NULL)
		*replaced = nrep;
	if (rc != HL_OK)
		return rc;
	if (used_at != 0) {
		hl_day_vn(hl_clock_day_of(used_at), day, sizeof(day));
		return hl_err_set(err, HL_ECONFLICT, "dossier",
			"hồ sơ %s đã được đánh giá qua mã QR "
			"ngày %s: mỗi hồ sơ chỉ được đánh giá một lần, nên không in phiếu mới",
			n->rec.dossier, day);
	}
	rc = STORE(st, intake, receipt_put, &n->rec, err);
	if (rc != HL_OK)
		return rc;
	/* The token is a secret: the log names the dossier only. */
	snprintf(detail, sizeof(detail), "hồ sơ %s, đơn vị %s%s", n->rec.dossier,
		unit_code ? unit_code : "?", nrep > 0 ? ", thay phiếu in trước" : "");
	return STORE(st, admin, audit, who, "receipt", detail, err);
}

int receipt_find(struct store *st, const char *token, struct receipt_view *out, struct hl_err *err)
{
	struct store_dossier d;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!token_wellformed(token))
		return hl_err_set(err, HL_ENOTFOUND, "token", "không có đường dẫn khảo sát này");
	token_hash(token, out->hash);
	rc = STORE(st, intake, receipt_get, out->hash, &out->rc, err);
	if (rc != HL_OK)
		return rc;
	out->state = out->rc.used_at != 0 ? RECEIPT_USED :
		out->rc.replaced_at != 0  ? RECEIPT_REPLACED :
					    RECEIPT_OPEN;
	/* Imported after the slip was printed counts too; another unit's
	 * dossier of the same code does not. */
	rc = STORE(st, dossiers, dossier_get, out->rc.dossier, &d, err);
	if (rc == HL_ENOTFOUND) {
		hl_err_clear(err);
		return HL_OK;
	}
	if (rc == HL_OK && d.unit_id == out->rc.unit_id) {
		out->field_id = d.field_id;
		snprintf(out->procedure, sizeof(out->procedure), "%s", d.procedure);
	}
	return rc;
}

hl_day receipt_day(const struct store_receipt *rc, int64_t now)
{
	return hl_clock_day_of(now > rc->created_at ? now : rc->created_at);
}

int receipt_answer(struct store *st, const unsigned char *hash, struct store_response *r,
	int64_t now, bool *duplicate, struct hl_err *err)
{
	struct store_receipt rc = {0};
	struct store_response prev;
	int rc_ins, rc_use;

	*duplicate = false;
	r->status = RS_COUNTED;
	rc_ins = intake_insert(st, r, false, NULL, err);
	if (rc_ins == HL_EEXIST) {
		/* The same answers sent again (the phone lost our first answer):
		 * a duplicate only if this link was used by that very response. */
		hl_err_clear(err);
		if (STORE(st, intake, receipt_get, hash, &rc, err) == HL_OK && rc.used_at != 0 &&
			STORE(st, responses, response_get_ext, r->unit_id, r->ext_id, &prev, err) ==
				HL_OK &&
			prev.id == rc.response_id) {
			hl_err_clear(err);
			*duplicate = true;
			return HL_OK;
		}
		return hl_err_set(err, HL_ECONFLICT, "id",
			rc.used_at != 0 ? RECEIPT_USED_MESSAGE :
					  "mã phiếu (id) này đã được dùng cho một phiếu khác");
	}
	if (rc_ins != HL_OK)
		return rc_ins;
	rc_use = STORE(st, intake, receipt_use, hash, r->id, now, err);
	if (rc_use == HL_ECONFLICT) {
		/* used meanwhile, or a newer slip replaced it */
		if (STORE(st, intake, receipt_get, hash, &rc, err) == HL_OK && rc.used_at == 0 &&
			rc.replaced_at != 0)
			return hl_err_set(err, HL_ECONFLICT, "replaced", RECEIPT_REPLACED_MESSAGE);
		return hl_err_set(err, HL_ECONFLICT, "", RECEIPT_USED_MESSAGE);
	}
	return rc_use;
}

int receipt_check_feedback(const char *text, struct hl_err *err)
{
	size_t n = text ? strlen(text) : 0;

	if (n == 0)
		return hl_err_set(err, HL_EINVAL, "feedback",
			"nơi gửi phản ánh, kiến nghị đang trống");
	if (n > RECEIPT_FEEDBACK_MAX)
		return hl_err_set(err, HL_EINVAL, "feedback",
			"nơi gửi phản ánh, kiến nghị dài quá %d byte", RECEIPT_FEEDBACK_MAX);
	if (!hl_utf8_valid(text, n, NULL) || has_control(text, 1))
		return hl_err_set(err, HL_EINVAL, "feedback",
			"nơi gửi phản ánh, kiến nghị chứa ký tự không hợp lệ");
	return HL_OK;
}

const char *receipt_feedback(void)
{
	const char *env = getenv("HAILONG_FEEDBACK");
	struct hl_err err;

	if (env != NULL && receipt_check_feedback(env, &err) == HL_OK)
		return env;
	return RECEIPT_FEEDBACK_DEFAULT;
}

int receipt_link(const char *base, const char *tail, char *buf, size_t size, struct hl_err *err)
{
	size_t n = base ? strlen(base) : 0, skip;
	int len;

	if (strncmp(base ? base : "", "http://", 7) == 0)
		skip = 7;
	else if (strncmp(base ? base : "", "https://", 8) == 0)
		skip = 8;
	else
		goto bad;
	if (n > 0 && base[n - 1] == '/')
		n--;
	if (n <= skip)
		goto bad;
	/* Only what a URL may hold unescaped: the link goes into a QR code and
	 * an HTML attribute as is. */
	for (size_t i = skip; i < n; i++) {
		char c = base[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			    strchr("-._~:/[]", c) != NULL))
			goto bad;
	}
	len = snprintf(buf, size, "%.*s%s", (int)n, base, tail);
	if (len < 0 || (size_t)len >= size)
		return hl_err_set(err, HL_EINVAL, "--url", "địa chỉ gốc --url '%.80s' quá dài",
			base);
	return HL_OK;
bad:
	return hl_err_set(err, HL_EINVAL, "--url",
		"địa chỉ gốc của đường dẫn khảo sát '%.80s' (--url "
		"hoặc HAILONG_URL) không hợp lệ: dùng dạng http://máy-chủ:cổng hoặc https://tên-miền "
		"(không có dấu cách, ? hay #)",
		base ? base : "");
}

int receipt_url(const char *base, const char *token, char *buf, size_t size, struct hl_err *err)
{
	char tail[TOKEN_SIZE + 8];

	snprintf(tail, sizeof(tail), "/s/%s", token);
	return receipt_link(base, tail, buf, size, err);
}

int receipt_slip_html(struct hbuf *b, const struct receipt_slip *s, struct hl_err *err)
{
	char day[16];
	int rc;

	hl_day_vn(hl_clock_day_of(s->created_at), day, sizeof(day));
	hb_raw(b, "<section class=\"slip\" aria-labelledby=\"slip-h\"><p><strong>");
	hb_txt(b, s->unit_name);
	hb_raw(b, "</strong></p><h2 id=\"slip-h\">Đánh giá sự phục vụ</h2><p>Hồ sơ số: <strong>");
	hb_txt(b, s->dossier);
	hb_raw(b, "</strong></p>");
	if (s->procedure != NULL && s->procedure[0] != '\0') {
		hb_raw(b, "<p>Thủ tục: ");
		hb_txt(b, s->procedure);
		if (s->field != NULL && s->field[0] != '\0') {
			hb_raw(b, " (lĩnh vực ");
			hb_txt(b, s->field);
			hb_raw(b, ")");
		}
		hb_raw(b, "</p>");
	}
	hb_raw(b,
		"<p>Mời ông/bà quét mã QR bằng điện thoại để đánh giá sự hài lòng "
		"đối với sự phục vụ. Mỗi hồ sơ được đánh giá một lần; không cần ghi tên.</p>"
		"<div class=\"qr\">");
	rc = qr_svg(b, s->url, "Mã QR dẫn tới phiếu khảo sát của hồ sơ", err);
	if (rc != HL_OK)
		return rc;
	hb_raw(b, "</div><p class=\"link\">");
	hb_txt(b, s->url);
	hb_raw(b, "</p><p class=\"feedback\">");
	hb_txt(b, s->feedback);
	hb_raw(b, "</p><p class=\"note\">Ngày in: ");
	hb_txt(b, day);
	hb_raw(b, "</p></section>");
	if (b->failed)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo phiếu");
	return HL_OK;
}

int receipt_target(struct store *st, const char *dossier, const char *unit_code, bool is_new,
	struct receipt_target *out, struct hl_err *err)
{
	struct store_dossier d;
	struct store_unit *all = NULL;
	struct store_field *fl = NULL;
	struct hl_arena *a;
	size_t n = 0, nf = 0;
	bool named = unit_code != NULL && unit_code[0] != '\0';
	int rc = STORE(st, dossiers, dossier_get, dossier, &d, err);

	memset(out, 0, sizeof(*out));
	if (rc == HL_ENOTFOUND) {
		if (!is_new)
			return hl_err_set(err, HL_ENOTFOUND, "new",
				"không có hồ sơ mã %s trong các hồ sơ "
				"đã nhập từ hệ thống một cửa: hãy kiểm tra lại mã",
				dossier);
		if (!named)
			return hl_err_set(err, HL_ENOTFOUND, "unit",
				"chưa có hồ sơ mã %s: hãy cho biết đơn vị tiếp nhận, hoặc nhập hồ sơ "
				"từ hệ thống một cửa trước",
				dossier);
		hl_err_clear(err);
		rc = STORE(st, units, unit_get, unit_code, &out->unit, err);
		if (rc == HL_ENOTFOUND)
			return hl_err_set(err, HL_ENOTFOUND, "unit", "không có đơn vị mã '%s'",
				unit_code);
		return rc;
	}
	if (rc != HL_OK)
		return rc;
	out->known = true;
	snprintf(out->procedure, sizeof(out->procedure), "%s", d.procedure);
	a = hl_arena_new((size_t)64 << 20);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(st, units, unit_list, a, &all, &n, err);
	if (rc == HL_OK)
		rc = STORE(st, units, field_list, a, &fl, &nf, err);
	if (rc == HL_OK) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không tìm thấy đơn vị của hồ sơ %s",
			dossier);
		for (size_t i = 0; i < n; i++)
			if (all[i].id == d.unit_id) {
				out->unit = all[i];
				hl_err_clear(err);
				rc = HL_OK;
			}
		for (size_t i = 0; i < nf; i++)
			if (fl[i].id == d.field_id && d.field_id != 0)
				snprintf(out->field, sizeof(out->field), "%s", fl[i].name);
	}
	hl_arena_free(a);
	if (rc == HL_OK && named && strcmp(unit_code, out->unit.code) != 0)
		rc = hl_err_set(err, HL_EINVAL, "unit", "hồ sơ %s thuộc đơn vị %s, không phải %s",
			dossier, out->unit.code, unit_code);
	return rc;
}
