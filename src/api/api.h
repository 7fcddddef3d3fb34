/* api.h — the JSON API under /api/v1/ (docs/api.md), one file per resource
 * in src/api/, listed in the route table (src/http/routes.c). */
#ifndef HL_API_H
#define HL_API_H

#include "http/http.h"

/* api_index.c: GET /api/v1/index — the parameters and rows of `hailong index
 * --format json`, limited to the units the caller may see. */
int api_index(struct http_req *r);

/* api_index.c: GET /healthz — "ok" when the database answers. */
int api_health(struct http_req *r);

#endif
