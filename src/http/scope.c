/* scope.c — the request's caller handed to svc/scope.c, which decides. */
#include "http/scope.h"

struct scope_actor scope_of(const struct http_req *r)
{
	if (r->kiosk_auth)
		return (struct scope_actor){ROLE_NONE, r->kiosk.unit_id, NULL};
	if (r->role == ROLE_NONE)
		return (struct scope_actor){ROLE_NONE, 0, NULL};
	return (struct scope_actor){r->role, r->user.unit_id, NULL};
}

bool scope_sees(struct http_req *r, const struct store_unit *u)
{
	struct scope_actor by = scope_of(r);
	struct hl_err err = {0};
	bool yes = false;

	return scope_may(r->st, &by, u->id, &yes, &err) == HL_OK && yes;
}

int scope_unit(struct http_req *r, const char *code, const char *field, struct store_unit *out,
	struct hl_err *err)
{
	struct scope_actor by = scope_of(r);

	return scope_get_api(r->st, &by, code, field, out, err);
}

int scope_object(struct http_req *r, const struct store_unit *u, const char *field,
	const char *missing, struct hl_err *err)
{
	if (u == NULL || !scope_sees(r, u))
		return hl_err_set(err, HL_ENOTFOUND, field, "%s", missing);
	return HL_OK;
}

int scope_home(struct http_req *r, struct store_unit *out, struct hl_err *err)
{
	struct scope_actor by = scope_of(r);

	return scope_own(r->st, &by, out, err);
}
