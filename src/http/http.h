/* http.h — what a page or API handler sees of a request, and how it answers.
 *
 * The server (srv.c) matches the route, checks the body size, the caller's
 * identity and role, the CSRF token and the body's UTF-8 before any handler
 * runs (the gate); handlers never repeat those checks. Everything a handler
 * allocates comes from req->a, freed when the answer has been sent. */
#ifndef HL_HTTP_H
#define HL_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/err.h"
#include "store/store.h"
#include "svc/writer.h"

struct hl_arena;
struct server;
struct hbuf;

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 8
#define HTTP_RETRY_AFTER "5" /* seconds, in a 503's Retry-After: a busy resource */

struct http_req {
	struct server *srv;
	struct hl_arena *a; /* this request's memory */
	const char *method; /* "GET", "POST", ... */
	const char *path;   /* decoded path, no query string */
	const char *body;   /* NUL-terminated, valid UTF-8 (checked by the gate) */
	size_t body_len;
	const char *param[HTTP_MAX_PARAMS]; /* what each '*' of the route matched */
	struct store *st;                   /* a read connection, for this request only */
	char client[64];                    /* the client's address, for logs and rate limits */
	bool https;                         /* came over HTTPS: through the trusted proxy
	                                * (srv_opts.trust_proxy), X-Forwarded-Proto: https */

	/* Who is asking, filled by the gate. */
	int role;                  /* enum store_role; ROLE_NONE = the public */
	struct store_user user;    /* when logged in */
	struct store_session sess; /* when logged in: sess.csrf for forms */
	bool kiosk_auth;           /* a kiosk's Bearer token */
	struct store_kiosk kiosk;

	/* The answer, set by the http_send_* functions. */
	int status;
	const char *ctype;
	const char *out;
	size_t out_len;
	int nheaders;
	const char *hname[HTTP_MAX_HEADERS], *hvalue[HTTP_MAX_HEADERS];
	const char *style_hash; /* 'sha256-…' of the one inline <style> allowed, or NULL */
};

/* ---- reading the request ---- */

/* The query-string argument name (decoded), or NULL. */
const char *http_query(struct http_req *r, const char *name);

/* The x-www-form-urlencoded body field name (decoded), or NULL. */
const char *http_form(struct http_req *r, const char *name);

/* The request header name, or NULL. */
const char *http_header(struct http_req *r, const char *name);

/* The cookie name, or NULL. */
const char *http_cookie(struct http_req *r, const char *name);

/* ---- answering ---- */

/* Add a response header (name and value copied into the arena). */
void http_add_header(struct http_req *r, const char *name, const char *value);

/* Let the page in doc[0..len) use its first inline <style> element under the
 * CSP (by that element's SHA-256): for a stored document made by hailong
 * whose text is all escaped, such as a published HTML report. No <style>:
 * nothing is allowed. */
void http_allow_doc_style(struct http_req *r, const char *doc, size_t len);

/* Send body with status and content type (body copied by the server). Returns 0. */
int http_send(struct http_req *r, int status, const char *ctype, const char *body, size_t len);

/* Send an HTML page built in b. Returns 0. */
int http_send_html(struct http_req *r, int status, struct hbuf *b);

/* Send a JSON value (reference stolen). Returns 0. */
int http_send_json(struct http_req *r, int status, json_t *v);

/* Send {"error":{"code":code,"message":message,"field":field}} (field may be NULL). */
int http_send_error(struct http_req *r, int status, const char *code, const char *message,
	const char *field);

/* Answer an hl_err: status from its code (HL_EINVAL 400, HL_ENOTFOUND 404,
 * HL_EEXIST/HL_ECONFLICT 409, HL_ELIMIT 413, HL_EBUSY 503 with Retry-After,
 * others 500), as JSON for the API and as a page otherwise. The JSON
 * "field" is err's where when that is a JSON path or a parameter's name
 * (an option --NAME as NAME), never a source position or a word. */
int http_send_err(struct http_req *r, const struct hl_err *err);

/* The HTTP status for an hl_status code. */
int http_status_of(int code);

/* 303 See Other to location. */
int http_redirect(struct http_req *r, const char *location);

/* target if it is a path of this site, else "/": for every redirect to a
 * place the request names (login's next=). A path starts with one '/' and
 * has no "//", no backslash, no control character, space or non-ASCII byte. */
const char *http_local_path(const char *target);

/* Set cookie name=value on path: HttpOnly, SameSite=Strict, Secure when the
 * request came over HTTPS (r->https); Max-Age=max_age when max_age >= 0 (0
 * deletes it). Every cookie hailong sets goes through here. */
void http_set_cookie(struct http_req *r, const char *name, const char *value, const char *path,
	int max_age);

/* ---- writing: one writer, group commits ---- */

/* Run fn(tx, arg) on the server's writer (svc/writer.h: one transaction
 * shared with other requests' writes, one fsync for all) and wait until it is
 * durable. r's read connection is given back meanwhile and r->st is another
 * one on return. Returns fn's status, or the commit's; HL_ECORRUPT when the
 * database is damaged (writes refused). */
int srv_write(struct http_req *r, writer_fn fn, void *arg, struct hl_err *err);

/* srv_write for the request ctx, as svc's callers take a write (svc/intake.h,
 * svc/feedback.h). */
int http_write(void *ctx, writer_fn fn, void *arg, struct hl_err *err);

/* What a handler answers once its write (srv_write_then) is durable: rc
 * and err (valid during the call) as srv_write's; arg is the write's. */
typedef int (*srv_then_fn)(struct http_req *r, int rc, const struct hl_err *err, void *arg);

/* srv_write without holding a thread while the writer commits: the request
 * is parked (its connection suspended, its read connection given back) and
 * the handler returns at once with what this returns; once fn(arg) is
 * durable (or failed) then(r, rc, err, arg) answers it, on a server thread,
 * without a read connection (r->st is NULL). arg must live in r's arena. For
 * the busiest write (a kiosk's response): a commit then holds every
 * waiting request whatever the number of threads, and a thread goes on
 * with its other connections. */
int srv_write_then(struct http_req *r, writer_fn fn, void *arg, srv_then_fn then);

#endif
