/* scope.h — which units the caller of a request may see: the request's
 * caller as an actor for svc/scope.h, the one resolver, and its answers in
 * the forms pages and API handlers use. */
#ifndef HL_SCOPE_H
#define HL_SCOPE_H

#include <stdbool.h>

#include "http/http.h"
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

#endif
