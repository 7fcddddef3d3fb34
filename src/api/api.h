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

/* api_responses.c: svc/intake's write for a request (ctx, a struct
 * http_req): srv_write. */
int api_write(void *ctx, writer_fn fn, void *arg, struct hl_err *err);

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

/* What the feedback pages (web/feedback*.c) share with the API. */
struct fb_item;

/* One step asked for by a form or a JSON body: action classify|forward|
 * answer|publish|rate and its fields (NULL = not given). */
struct fb_web_args {
	const char *action, *cls, *criterion, *kind, *office, *text, *rating;
	const char *reason; /* reopen: why (required) */
	int64_t version;    /* the item's version the caller saw; 0 = not checked */
};

/* Whether the caller's address may send one more public item, counting it
 * (svc/ratelimit.h: RL_FEEDBACK_ADDR, exact under concurrency). */
bool fb_web_allow(struct http_req *r);

/* A citizen's look-up of the item code/token (svc/feedback.h fb_track),
 * with its text and answer in r->a. Each one that finds nothing counts
 * against the client address (svc/ratelimit.h RL_TRACK_ADDR), across the
 * tracking page, its rating form and the API; past the limit HL_ELIMIT and
 * nothing is looked up. */
int fb_web_track(struct http_req *r, const char *code, const char *token, struct fb_item *out,
	struct hl_err *err);

/* base (NULL = none: a path) + "/public/feedback/track?code=…&token=…", in
 * r->a; NULL when out of memory. */
const char *fb_web_track_url(struct http_req *r, const char *base, const char *code,
	const char *token);

/* The audit name of the caller ("web:NAME", "web:cong-dan"), in r->a; NULL
 * when out of memory. */
const char *fb_web_who(struct http_req *r);

/* The item code with text and answer (in r->a), if the caller's units
 * include its unit: else HL_ENOTFOUND, as if it did not exist. */
int fb_web_item(struct http_req *r, const char *code, struct fb_item *out, struct hl_err *err);

/* Do step a to item code (scoped as fb_web_item), audited as the caller. */
int fb_web_act(struct http_req *r, const char *code, const struct fb_web_args *a,
	struct hl_err *err);

/* Store a public item of unit (channel web) with the sender's idempotency
 * key id (NULL = none; svc/feedback.h fb_add): code (STORE_CODE_MAX) and
 * token (FB_TOKEN_SIZE) get its code and tracking token. */
int fb_web_public_add(struct http_req *r, const char *unit, const char *text, const char *name,
	const char *contact, const char *id, char *code, char *token, struct hl_err *err);

/* The sender's rating of item code (found by its tracking token, so not
 * scoped), audited as who. Like every feedback write here, it runs on the
 * server's writer (srv_write). */
int fb_web_rate(struct http_req *r, const char *code, bool satisfied, const char *who,
	struct hl_err *err);

/* A feedback JSON body (docs/api.md): every key known, every value a string
 * or null; the strings belong to root. At most FB_BODY_MAX bytes. */
#define FB_BODY_MAX (32 * 1024)
struct fb_new;
struct fb_web_body {
	struct json_t *root;
	const char *unit, *channel, *kind, *code, *received_at, *text, *name, *contact, *website,
		*cls, *criterion, *office, *rating, *id, *reason;
	int64_t version; /* "version": a positive integer, 0 = not given */
};

/* Parse body into out (free with fb_web_body_free): HL_EINVAL naming the
 * field, HL_ELIMIT over the cap. */
int fb_web_body_parse(const char *body, size_t len, struct fb_web_body *out, struct hl_err *err);
void fb_web_body_free(struct fb_web_body *b);

/* The new item a body asks for (strings borrowed from b; received_at
 * default now): HL_EINVAL naming the field. */
int fb_web_body_new(const struct fb_web_body *b, struct fb_new *out, struct hl_err *err);

/* Whether the item's answer is public (published and not replaced since). */
bool fb_web_answer_public(const struct fb_item *it);

/* The item as JSON (docs/api.md); staff adds the internal fields, else only
 * what the public may see. New reference, NULL when out of memory. */
struct json_t *fb_web_json(const struct fb_item *it, bool staff);

/* api_plan.c: GET /api/v1/plan?unit=&year= (a unit's improvement plan). */
int api_plan(struct http_req *r);

/* api_dossiers.c: GET /api/v1/dossiers/stats?period=&unit=|under=&by=&at= —
 * dossier timeliness counts (svc/dossq.h) of the units the caller may see. */
int api_dossiers_stats(struct http_req *r);

#endif
