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

/* api_responses.c: the server's shared snapshot of units, fields, staff and
 * instruments (svc/ingest.h); owned by the process, NULL when out of memory. */
struct ingest_shared *api_ingest(void);

/* api_kiosk.c: GET /api/v1/kiosk/config — what the kiosk page needs. */
int api_kiosk_config(struct http_req *r);

/* api_kiosk.c: complete the config object out with what the kiosk and the
 * phone survey share (docs/api.md): "instrument" (it), "fields", "staff" (of
 * unit_id), "server_time" when not NULL, and "limits". Takes out (NULL
 * allowed) and returns it, owned by the caller, or NULL (out released) when
 * out of memory. */
struct json_t *api_config_add(struct json_t *out, const struct ingest *g,
	const struct ingest_inst *it, int64_t unit_id, const char *server_time);

/* api_survey.c: GET /s/TOKEN/config and POST /s/TOKEN/submit — the phone
 * survey of a dossier's one-time link (public; the token is the credential). */
int api_survey_config(struct http_req *r);
int api_survey_submit(struct http_req *r);

#endif
