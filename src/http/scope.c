/* scope.c — the request's caller handed to svc/scope.c, which decides. */
#include "http/scope.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "svc/units.h"

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

int scope_query(struct http_req *r, const char **unit, const char **under, struct hl_err *err)
{
	struct scope_actor by = scope_of(r);
	struct store_unit u;

	*unit = http_query(r, "unit");
	*under = http_query(r, "under");
	if (*unit && *under)
		return hl_err_set(err, HL_EINVAL, "unit", "chỉ dùng một trong unit và under");
	if (*unit)
		return scope_unit(r, *unit, "unit", &u, err);
	if (*under)
		return scope_unit(r, *under, "under", &u, err);
	/* Without a scope: the caller's own unit, or it and what is below it. */
	return scope_default(r->st, r->a, &by, unit, under, err);
}

const char *scope_who(struct http_req *r)
{
	if (r->role == ROLE_NONE)
		return "web:cong-dan";
	return hl_arena_printf(r->a, "web:%s", r->user.name);
}

int scope_feedback(struct http_req *r, const char *code, struct fb_item *out, struct hl_err *err)
{
	struct store_unit u;
	char missing[STORE_CODE_MAX + 64];
	int rc;

	if (code == NULL || strlen(code) >= STORE_CODE_MAX)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh, kiến nghị này");
	rc = fb_get(r->st, NULL, code, hl_clock_minute(), r->a, out, err);
	if (rc != HL_OK)
		return rc;
	snprintf(missing, sizeof(missing), "không có phản ánh, kiến nghị mã '%s'", code);
	return scope_object(r, units_get(r->st, out->unit_code, &u, err) == HL_OK ? &u : NULL,
		"code", missing, err);
}

struct fb_caller scope_fb_caller(struct http_req *r)
{
	return (struct fb_caller){r->st, r->a, scope_who(r), http_write, r};
}

void scope_fb_step_read(struct fb_step_args *a, const char *(*get)(void *ctx, const char *name),
	void *ctx)
{
	a->cls = get(ctx, "class");
	a->criterion = get(ctx, "criterion");
	a->kind = get(ctx, "kind");
	a->office = get(ctx, "office");
	a->text = get(ctx, "text");
	a->rating = get(ctx, "rating");
	a->reason = get(ctx, "reason");
}

int scope_fb_step(struct http_req *r, const char *code, const struct fb_step_args *a,
	struct hl_err *err)
{
	struct fb_caller c = scope_fb_caller(r);
	struct fb_item it;
	int rc;

	if (c.who == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if ((rc = scope_feedback(r, code, &it, err)) != HL_OK)
		return rc;
	return fb_step_do(&c, &it, a, err);
}
