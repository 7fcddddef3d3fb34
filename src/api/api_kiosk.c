/* api_kiosk.c — GET /api/v1/kiosk/config: what the kiosk and survey pages
 * need to show a survey (the unit, the instrument with its questions and
 * scales, fields, the unit's civil servants), from the same snapshot that
 * POST /api/v1/responses checks against. Format: docs/api.md. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/clock.h"
#include "core/instrument.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/ingest.h"
#include "svc/intake.h"
#include "svc/unitfields.h"

#define DEFAULT_INSTRUMENT "sipas-5"

static json_t *instrument_json(const struct ingest_inst *it)
{
	const struct hl_instrument *in = it->in;
	json_t *crit = json_array(), *scales = json_array(), *qs = json_array();
	char ref[STORE_CODE_MAX + 16];

	snprintf(ref, sizeof(ref), "%s@%d", it->si.code, it->si.version);
	for (int i = 0; crit != NULL && i < in->ncriteria; i++)
		json_array_append_new(crit,
			json_pack("{s:s, s:s}", "code", in->criteria[i].code, "name",
				in->criteria[i].name));
	for (int i = 0; scales != NULL && i < in->nscales; i++) {
		json_t *levels = json_array();

		for (int l = 0; levels != NULL && l < in->scales[i].nlevels; l++)
			json_array_append_new(levels,
				json_pack("{s:i, s:s, s:b}", "value", l + 1, "label",
					in->scales[i].levels[l].label, "satisfied",
					in->scales[i].levels[l].satisfied));
		json_array_append_new(scales,
			json_pack("{s:s, s:o}", "code", in->scales[i].code, "levels",
				levels ? levels : json_array()));
	}
	for (int i = 0; qs != NULL && i < in->nquestions; i++) {
		const struct hl_question *q = &in->questions[i];

		json_array_append_new(qs,
			json_pack("{s:s, s:s, s:s, s:s}", "code", q->code, "text", q->text,
				"criterion", in->criteria[q->criterion].code, "scale",
				in->scales[q->scale].code));
	}
	return json_pack("{s:s, s:i, s:s, s:s, s:o, s:o, s:o}", "code", it->si.code, "version",
		it->si.version, "ref", ref, "name", in->name, "criteria",
		crit ? crit : json_array(), "scales", scales ? scales : json_array(), "questions",
		qs ? qs : json_array());
}

/* fl[0..n) as [{"code", "name"}]. */
static json_t *fields_json(const struct store_field *const *fl, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr != NULL && i < n; i++)
		json_array_append_new(arr,
			json_pack("{s:s, s:s}", "code", fl[i]->code, "name", fl[i]->name));
	return arr;
}

json_t *api_config_add(struct http_req *r, json_t *out, const struct ingest *g,
	const struct ingest_inst *it, int64_t unit_id, const char *server_time)
{
	const struct store_field *fl;
	const struct store_staff *sf;
	struct unitfields uf;
	struct hl_err err = {0};
	size_t nfl, nsf;
	json_t *staff;
	int bad = 0;

	if (out == NULL)
		return NULL;
	staff = json_array();
	ingest_fields(g, &fl, &nfl);
	ingest_staff(g, &sf, &nsf);
	if (unitfields_rank(r->st, unit_id, hl_clock_day_of(srv_now()), fl, nfl, r->a, &uf, &err) !=
		HL_OK) {
		/* A kiosk still starts: with every field, as before. */
		srv_log(r->srv, "lĩnh vực của đơn vị %lld: %s (%s)", (long long)unit_id, err.msg,
			err.where);
	}
	for (size_t i = 0; staff != NULL && i < nsf; i++)
		if (sf[i].unit_id == unit_id)
			json_array_append_new(staff,
				json_pack("{s:s, s:s, s:s}", "code", sf[i].code, "name", sf[i].name,
					"position", sf[i].position));
	/* json_object_set_new takes each reference, NULL or not: set them all. */
	bad |= json_object_set_new(out, "instrument", instrument_json(it));
	bad |= json_object_set_new(out, "fields", fields_json(uf.own, uf.nown));
	bad |= json_object_set_new(out, "other_fields", fields_json(uf.other, uf.nother));
	bad |= json_object_set_new(out, "fields_from",
		json_string(unitfields_source_code(uf.source)));
	bad |= json_object_set_new(out, "staff", staff);
	if (server_time != NULL)
		bad |= json_object_set_new(out, "server_time", json_string(server_time));
	bad |= json_object_set_new(out, "limits",
		json_pack("{s:i, s:i, s:i}", "body_max_bytes", INGEST_JSON_MAX, "comment_max_bytes",
			STORE_COMMENT_MAX, "id_max_bytes", STORE_CODE_MAX - 1));
	if (bad != 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* The unit the config is for: a kiosk's own, or the user's (unit=CODE in
 * scope, else their home unit). */
static int config_unit(struct http_req *r, struct store_unit *u, struct hl_err *err)
{
	const char *code = http_query(r, "unit");

	if (r->kiosk_auth) {
		int rc = scope_home(r, u, err);

		if (rc == HL_OK && code != NULL && strcmp(code, u->code) != 0)
			return hl_err_set(err, HL_EPERM, "unit",
				"máy kiosk này chỉ dùng được cho đơn vị "
				"của mình");
		return rc;
	}
	if (code != NULL)
		return scope_unit(r, code, "unit", u, err);
	if (scope_home(r, u, err) != HL_OK)
		return hl_err_set(err, HL_EINVAL, "unit", "hãy chọn đơn vị bằng tham số unit=MÃ");
	return HL_OK;
}

int api_kiosk_config(struct http_req *r)
{
	struct ingest_shared *sh = intake_shared();
	const struct ingest *g = NULL;
	const struct ingest_inst *it;
	const char *ref = http_query(r, "instrument");
	struct store_unit u;
	struct hl_err err = {0};
	json_t *out;
	char now[40];
	int64_t t;
	int y, mo, d;

	if (sh == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (config_unit(r, &u, &err) != HL_OK)
		return http_send_err(r, &err);
	if (ref == NULL || ref[0] == '\0')
		ref = DEFAULT_INSTRUMENT;
	if (ingest_acquire(sh, r->st, false, &g, &err) != HL_OK)
		return http_send_err(r, &err);
	it = ingest_instrument(g, ref);
	if (it == NULL) {
		/* Perhaps imported a moment ago. */
		ingest_release(sh, g);
		if (ingest_acquire(sh, r->st, true, &g, &err) != HL_OK)
			return http_send_err(r, &err);
		it = ingest_instrument(g, ref);
	}
	if (it == NULL) {
		ingest_release(sh, g);
		hl_err_set(&err, HL_ENOTFOUND, "instrument", "không có bộ câu hỏi '%.80s'", ref);
		return http_send_err(r, &err);
	}
	t = srv_now() + (int64_t)HL_VN_TZ_MINUTES * 60;
	hl_day_to_ymd((hl_day)(t / 86400), &y, &mo, &d);
	snprintf(now, sizeof(now), "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, mo, d,
		(int)(t % 86400 / 3600), (int)(t % 3600 / 60), (int)(t % 60));
	out = api_config_add(r,
		json_pack("{s:{s:s, s:s}, s:o}", "unit", "code", u.code, "name", u.name, "kiosk",
			r->kiosk_auth ? json_pack("{s:s}", "name", r->kiosk.name) : json_null()),
		g, it, u.id, now);
	ingest_release(sh, g);
	if (out == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_send_json(r, 200, out);
}
