/* api_responses.c — POST /api/v1/responses: one response from a kiosk (its
 * Bearer token) or a logged-in user. This file only says who is calling and
 * answers: svc/intake.c checks the body and the caller's right to the unit
 * and applies the channel's rules (a kiosk sending faster than a person can
 * answer is stored but held for a clerk's review); svc/writer.c commits it
 * with other requests' writes and answers only once it is durable; the
 * store (store/store.h) keeps it. See docs/api.md. */
#include <string.h>

#include "api/api.h"
#include "http/scope.h"
#include "base/arena.h"
#include "http/srv.h"
#include "svc/intake.h"

static bool user_sees(void *ctx, const struct store_unit *unit)
{
	return scope_sees(ctx, unit);
}

/* The error of a response not stored: a fault of the body names its field. */
int api_intake_error(struct http_req *r, int rc, const struct hl_err *err)
{
	if (rc == HL_EINVAL || rc == HL_ELIMIT)
		return http_send_error(r, http_status_of(rc),
			rc == HL_ELIMIT ? "too_large" : "invalid", err->msg,
			err->where[0] != '\0' ? err->where : NULL);
	return http_send_err(r, err);
}

/* The answer once the writer has committed (or refused) the response. */
static int answer(struct http_req *r, int rc, const struct hl_err *err, void *job)
{
	struct intake_result res;
	json_t *ans;

	if (rc != HL_OK)
		return api_intake_error(r, rc, err);
	intake_end(job, &res);
	ans = json_pack("{s:s, s:o}", "status",
		res.duplicate    ? "duplicate" :
			res.held ? "held" :
				   "stored",
		"id", res.ext_id[0] != '\0' ? json_string(res.ext_id) : json_null());
	if (ans == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (res.fb_code[0] != '\0')
		json_object_set_new(ans, "feedback", json_string(res.fb_code));
	return http_send_json(r, res.duplicate ? 200 : 201, ans);
}

/* Checked here, then parked until the writer has it on disk: the request
 * holds no thread meanwhile (srv_write_then). */
int api_responses_post(struct http_req *r)
{
	struct intake_caller c = {.channel = r->kiosk_auth ? INTAKE_KIOSK : INTAKE_USER,
		.st = r->st,
		.write = http_write,
		.ctx = r,
		.now = srv_now(),
		.kiosk_id = r->kiosk.id,
		.kiosk_name = r->kiosk.name,
		.unit_id = r->kiosk.unit_id,
		.user_name = r->user.name,
		.sees = user_sees};
	struct intake_job *job = hl_arena_alloc(r->a, intake_job_size());
	struct hl_err err = {0};
	int rc;

	if (job == NULL)
		return http_send_error(r, 503, "busy", "máy chủ đang thiếu bộ nhớ: hãy gửi lại sau",
			NULL);
	if ((rc = intake_begin(&c, r->body, r->body_len, job, &err)) != HL_OK)
		return api_intake_error(r, rc, &err);
	return srv_write_then(r, intake_write, job, answer);
}
