/* route.h — the route table: every URL hailong answers, with what the gate
 * must check before its handler runs. The table itself is in routes.c. */
#ifndef HL_ROUTE_H
#define HL_ROUTE_H

#include <stddef.h>

#include "http/http.h"

enum route_flags {
	R_API = 1 << 0,     /* errors as JSON; cookie callers must send X-CSRF-Token on writes */
	R_FORM = 1 << 1,    /* an HTML form: POST needs the session's csrf field */
	R_KIOSK = 1 << 2,   /* a kiosk's Bearer token is accepted (for its own unit) */
	R_TOKEN = 1 << 3,   /* the URL carries its own secret (a one-time survey link):
	                    * no session, so no CSRF token either */
	R_REPLICA = 1 << 4, /* a public page: reads from serve --read-db's replica */
};

struct route {
	const char *method;  /* "GET" or "POST" */
	const char *pattern; /* e.g. "/public/X" with X a star: one path segment */
	int min_role;        /* enum store_role; ROLE_NONE = anyone */
	unsigned flags;      /* enum route_flags */
	size_t max_body;     /* bytes; 0 = no body allowed */
	int (*handler)(struct http_req *r);
};

/* The routes, terminated by a NULL method. */
extern const struct route routes[];

/* Bytes of the parameters' buffer of route_match. */
#define ROUTE_PARAMS_BUF 1024

/* The route for method and path, filling params with strings in buf (size
 * bytes, the caller's); NULL if none. *path_known tells whether some route
 * has that path with another method (405). */
const struct route *route_match(const char *method, const char *path, const char **params,
	char *buf, size_t size, int *path_known);

#endif
