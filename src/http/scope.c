/* scope.c — walking up the unit tree to decide what a caller may see. */
#include "http/scope.h"

#include <string.h>

#include "base/arena.h"

/* Is u the unit with id root or below it? Walks parents through the store. */
static bool at_or_below(struct http_req *r, const struct store_unit *u, int64_t root)
{
	struct store_unit cur = *u;
	struct store_unit *all = NULL;
	size_t n = 0;
	struct hl_err err = {0};

	if (cur.id == root)
		return true;
	if (STORE(r->st, unit_list, r->a, &all, &n, &err) != HL_OK)
		return false;
	for (int depth = 0; cur.parent_id != 0 && depth < 64; depth++) {
		size_t i;

		if (cur.parent_id == root)
			return true;
		for (i = 0; i < n && all[i].id != cur.parent_id; i++)
			;
		if (i == n)
			return false;
		cur = all[i];
	}
	return false;
}

bool scope_sees(struct http_req *r, const struct store_unit *u)
{
	if (r->kiosk_auth)
		return u->id == r->kiosk.unit_id;
	switch (r->role) {
	case ROLE_ADMIN:
		return r->user.unit_id == 0 || at_or_below(r, u, r->user.unit_id);
	case ROLE_SUPERVISOR:
		return at_or_below(r, u, r->user.unit_id);
	case ROLE_CLERK:
	case ROLE_ENTRY:
		return u->id == r->user.unit_id;
	default:
		return false;
	}
}

int scope_unit(struct http_req *r, const char *code, const char *field, struct store_unit *out,
	struct hl_err *err)
{
	if (code == NULL || code[0] == '\0')
		return hl_err_set(err, HL_EINVAL, field, "thiếu mã đơn vị");
	if (STORE(r->st, unit_get, code, out, err) != HL_OK)
		return hl_err_set(err, HL_ENOTFOUND, field, "không có đơn vị mã '%s'", code);
	if (!scope_sees(r, out))
		return hl_err_set(err, HL_EPERM, field, "không được xem đơn vị '%s'", code);
	return HL_OK;
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
	int64_t id = r->kiosk_auth ? r->kiosk.unit_id : r->user.unit_id;
	struct store_unit *all = NULL;
	size_t n = 0;
	int rc;

	if (id == 0)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "tài khoản không gắn với đơn vị nào");
	if ((rc = STORE(r->st, unit_list, r->a, &all, &n, err)) != HL_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (all[i].id == id) {
			*out = all[i];
			return HL_OK;
		}
	return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không tìm thấy đơn vị của tài khoản");
}
