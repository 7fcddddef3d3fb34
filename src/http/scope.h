/* scope.h — which units the caller of a request may see: the request's
 * caller as an actor for svc/scope.h, the one resolver, and its answers in
 * the forms pages and API handlers use. */
#ifndef HL_SCOPE_H
#define HL_SCOPE_H

#include <stdbool.h>

#include "http/http.h"
#include "svc/feedback.h"
#include "svc/scope.h"

/* The caller of r (a user, a kiosk or the public) as svc's actor; who is
 * NULL (audit names are the handlers'). */
struct scope_actor scope_of(const struct http_req *r);

/* Whether the caller of r may see unit u (false when the store fails). */
bool scope_sees(struct http_req *r, const struct store_unit *u);

/* The unit with code, if the caller may see it: HL_OK, HL_ENOTFOUND, or
 * HL_EPERM, with a Vietnamese message in err naming the field. */
int scope_unit(struct http_req *r, const char *code, const char *field, struct store_unit *out,
	struct hl_err *err);

/* An object found by its id or code (a paper batch, a held response, a
 * feedback item) that belongs to unit u: HL_OK if the caller may see u;
 * otherwise HL_ENOTFOUND with missing — the words for an id that does not
 * exist — so another unit's object is answered 404, as if it were not there,
 * and ids tell nothing of other units. u NULL: not found either. */
int scope_object(struct http_req *r, const struct store_unit *u, const char *field,
	const char *missing, struct hl_err *err);

/* The caller's own unit (for a kiosk, the kiosk's): HL_ENOTFOUND for an
 * administrator of everything. */
int scope_home(struct http_req *r, struct store_unit *out, struct hl_err *err);

/* The units a figures query (GET /api/v1/index, /api/v1/dossiers/stats)
 * asks for: ?unit= or ?under= (not both: HL_EINVAL naming "unit"), each in
 * the caller's scope (scope_unit), else the caller's own (svc/scope.h
 * scope_default). *unit and *under: the query's or r->a's; NULL = none. */
int scope_query(struct http_req *r, const char **unit, const char **under, struct hl_err *err);

/* The audit name of the caller ("web:NAME", "web:cong-dan" for the
 * public), in r->a; NULL when out of memory. */
const char *scope_who(struct http_req *r);

/* The feedback item code with its text and answer (in r->a), if the
 * caller's units include its unit: else HL_ENOTFOUND, as if it did not
 * exist (scope_object). */
struct fb_item;
int scope_feedback(struct http_req *r, const char *code, struct fb_item *out, struct hl_err *err);

/* The caller of r as svc/feedback.h's writer: r's store and arena, its
 * audit name (scope_who: NULL when out of memory), http_write. */
struct fb_caller scope_fb_caller(struct http_req *r);

/* The fields of a step by their form and JSON names ("class", "criterion",
 * "kind", "office", "text", "rating", "reason"), each get(ctx, name) (NULL =
 * not given), into a; the action and the version are the caller's. */
void scope_fb_step_read(struct fb_step_args *a, const char *(*get)(void *ctx, const char *name),
	void *ctx);

/* Do step a (svc/feedback.h fb_step_do) to item code, found as by
 * scope_feedback, audited as the caller. */
int scope_fb_step(struct http_req *r, const char *code, const struct fb_step_args *a,
	struct hl_err *err);

#endif
