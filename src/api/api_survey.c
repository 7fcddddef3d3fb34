/* api_survey.c — the phone survey of a dossier's one-time link (the QR code
 * on the receipt): GET /s/TOKEN/config (what survey.js shows) and POST
 * /s/TOKEN/submit (the answers). The link token is the only credential: it
 * names the unit and the dossier, and it works once — using it and storing
 * the response are one write, so two phones racing on one link store one
 * response and the other gets 409. A link replaced by a newer slip for its
 * dossier answers 410. An imported dossier gives the response its field. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "http/srv.h"
#include "svc/ingest.h"
#include "svc/intake.h"
#include "svc/receipt.h"

#define SURVEY_INSTRUMENT "sipas-5"
#define BAD_LINK_MESSAGE "Đường dẫn không hợp lệ: hãy quét lại mã QR trên giấy tiếp nhận hồ sơ."

/* The link of the token in the path: HL_OK, or an answer sent (404
 * unknown; when closed_is_error, 409 used and 410 replaced). *sent tells
 * which. */
static int find_receipt(struct http_req *r, bool closed_is_error, struct receipt_view *v,
	bool *sent)
{
	struct hl_err err = {0};
	int st = receipt_find(r->st, r->param[0], v, &err);

	*sent = true;
	if (st == HL_ENOTFOUND)
		return http_send_error(r, 404, "not_found", BAD_LINK_MESSAGE, NULL);
	if (st != HL_OK)
		return http_send_err(r, &err);
	if (closed_is_error && v->state == RECEIPT_USED)
		return http_send_error(r, 409, "conflict", RECEIPT_USED_MESSAGE, NULL);
	if (closed_is_error && v->state == RECEIPT_REPLACED)
		return http_send_error(r, 410, "replaced", RECEIPT_REPLACED_MESSAGE, NULL);
	*sent = false;
	return HL_OK;
}

/* The dossier as the phone shows it: its code, and its procedure and field
 * when it was imported (the survey then does not ask for the field). */
static json_t *dossier_json(const struct ingest *g, const struct receipt_view *v)
{
	const struct store_field *fl;
	json_t *field = json_null();
	size_t n;

	ingest_fields(g, &fl, &n);
	for (size_t i = 0; v->field_id != 0 && i < n; i++)
		if (fl[i].id == v->field_id) {
			json_decref(field);
			field = json_pack("{s:s, s:s}", "code", fl[i].code, "name", fl[i].name);
		}
	return json_pack("{s:s, s:o, s:o}", "code", v->rc.dossier, "procedure",
		v->procedure[0] != '\0' ? json_string(v->procedure) : json_null(), "field",
		field != NULL ? field : json_null());
}

int api_survey_config(struct http_req *r)
{
	struct ingest_shared *sh = intake_shared();
	const struct ingest *g = NULL;
	const struct ingest_inst *it;
	const struct store_unit *u;
	struct receipt_view v;
	struct hl_err err = {0};
	json_t *out;
	bool sent;

	if (find_receipt(r, true, &v, &sent) != HL_OK || sent)
		return 0;
	if (sh == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (ingest_acquire(sh, r->st, false, &g, &err) != HL_OK)
		return http_send_err(r, &err);
	u = ingest_unit_id(g, v.rc.unit_id);
	it = ingest_instrument(g, SURVEY_INSTRUMENT);
	if (u == NULL || it == NULL) {
		ingest_release(sh, g);
		return http_send_error(r, 500, "internal",
			u == NULL ? "không tìm thấy đơn vị của phiếu" :
				    "không có bộ câu hỏi " SURVEY_INSTRUMENT,
			NULL);
	}
	out = api_config_add(r,
		json_pack("{s:{s:s, s:s}, s:o}", "unit", "code", u->code, "name", u->name,
			"dossier", dossier_json(g, &v)),
		g, it, u->id, NULL);
	ingest_release(sh, g);
	if (out == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_send_json(r, 200, out);
}

/* The one write (svc/intake.c): store the response and use the link for it
 * (svc/receipt.h), so two phones racing on one link store one response. */
int api_survey_submit(struct http_req *r)
{
	struct intake_caller c = {.channel = INTAKE_QR,
		.st = r->st,
		.write = http_write,
		.ctx = r,
		.now = srv_now()};
	struct intake_result res;
	struct receipt_view v;
	struct hl_err err = {0};
	bool sent;
	int st;

	/* A used link is refused by the write itself, which can tell a resend
	 * of the same answers (200 duplicate) from a second survey (409). */
	if (find_receipt(r, false, &v, &sent) != HL_OK || sent)
		return 0;
	c.unit_id = v.rc.unit_id;
	c.link_hash = v.hash;
	c.link_dossier = v.rc.dossier;
	c.link_field = v.field_id;
	/* Dated by the server, not by the phone (an anonymous link must not
	 * place an answer in another period). */
	c.link_day = receipt_day(&v.rc, c.now);
	if ((st = intake_submit(&c, r->body, r->body_len, &res, &err)) != HL_OK) {
		if (st == HL_ECONFLICT && strcmp(err.where, "replaced") == 0)
			return http_send_error(r, 410, "replaced", err.msg, NULL);
		if (st == HL_EPERM)
			return http_send_error(r, 403, "forbidden", err.msg, "unit");
		if (st == HL_ECONFLICT)
			return http_send_error(r, 409, "conflict", err.msg,
				strcmp(err.where, "id") == 0 ? "id" : NULL);
		return api_intake_error(r, st, &err);
	}
	return http_send_json(r, res.duplicate ? 200 : 201,
		json_pack("{s:s, s:o}", "status", res.duplicate ? "duplicate" : "stored", "id",
			res.ext_id[0] != '\0' ? json_string(res.ext_id) : json_null()));
}
