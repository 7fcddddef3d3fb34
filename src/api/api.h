/* api.h — the JSON API under /api/v1/ (docs/api.md), one file per resource
 * in src/api/, listed in the route table (src/http/routes.c). */
#ifndef HL_API_H
#define HL_API_H

#include "http/http.h"

struct ingest;
struct ingest_inst;
struct ingest_shared;
struct json_t;

/* api_index.c: GET /api/v1/index — the parameters and rows of `hailong index
 * --format json`, limited to the units the caller may see. */
int api_index(struct http_req *r);

/* api_index.c: GET /healthz — "ok" when the database answers. */
int api_health(struct http_req *r);

/* api_index.c: GET /api/v1/session — who is logged in, their unit and the
 * session's CSRF token for X-CSRF-Token. */
int api_session(struct http_req *r);

/* api_responses.c: POST /api/v1/responses — store one response (kiosk or user). */
int api_responses_post(struct http_req *r);

/* api_responses.c: answer rc, err of intake_submit: 400/413 naming the
 * body's field, others as http_send_err. Returns 0. */
int api_intake_error(struct http_req *r, int rc, const struct hl_err *err);

/* api_kiosk.c: GET /api/v1/kiosk/config — what the kiosk page needs. */
int api_kiosk_config(struct http_req *r);

/* api_kiosk.c: complete the config object out with what the kiosk and the
 * phone survey share (docs/api.md): "instrument" (it), "fields" (the unit's
 * own, most used first: svc/unitfields.h), "other_fields", "fields_from",
 * "staff" (of unit_id), "server_time" when not NULL, and "limits". Takes
 * out (NULL allowed) and returns it, owned by the caller, or NULL (out
 * released) when out of memory. */
struct json_t *api_config_add(struct http_req *r, struct json_t *out, const struct ingest *g,
	const struct ingest_inst *it, int64_t unit_id, const char *server_time);

/* api_survey.c: GET /s/TOKEN/config and POST /s/TOKEN/submit — the phone
 * survey of a dossier's one-time link (public; the token is the credential). */
int api_survey_config(struct http_req *r);
int api_survey_submit(struct http_req *r);

/* ---- api_feedback.c: feedback and complaints (issue 6, docs/api.md) ---- */

/* GET /api/v1/feedback (?unit=&open=1&overdue=1&at=), GET /api/v1/feedback/CODE,
 * POST /api/v1/feedback (add), POST /api/v1/feedback/CODE/ACTION (classify,
 * forward, answer, publish, rate) — staff, scoped to their units. */
int api_fb_list(struct http_req *r);
int api_fb_get(struct http_req *r);
int api_fb_add(struct http_req *r);
int api_fb_step(struct http_req *r);

/* POST /api/v1/public/feedback (the public form as JSON; rate-limited) and
 * GET /api/v1/public/feedback/track?token=[&code=] — for anyone. */
int api_fb_public_add(struct http_req *r);
int api_fb_public_track(struct http_req *r);

/* A feedback JSON body (docs/api.md): every key known, every value a string
 * or null; the strings belong to root. At most FB_BODY_MAX bytes. */
#define FB_BODY_MAX (32 * 1024)
struct fb_new;
struct api_fb_body {
	struct json_t *root;
	const char *unit, *channel, *kind, *code, *received_at, *text, *name, *contact, *website,
		*cls, *criterion, *office, *rating, *id, *reason;
	int64_t version; /* "version": a positive integer, 0 = not given */
};

/* Parse body into out (free with api_fb_body_free): HL_EINVAL naming the
 * field, HL_ELIMIT over the cap. */
int api_fb_body_parse(const char *body, size_t len, struct api_fb_body *out, struct hl_err *err);
void api_fb_body_free(struct api_fb_body *b);

/* The new item a body asks for (strings borrowed from b; received_at
 * default now): HL_EINVAL naming the field. */
int api_fb_body_new(const struct api_fb_body *b, struct fb_new *out, struct hl_err *err);

/* api_plan.c: GET /api/v1/plan?unit=&year= (a unit's improvement plan). */
int api_plan(struct http_req *r);

/* api_dossiers.c: GET /api/v1/dossiers/stats?period=&unit=|under=&by=&at= —
 * dossier timeliness counts (svc/dossq.h) of the units the caller may see. */
int api_dossiers_stats(struct http_req *r);

#endif
