/* scope.c — walking up the unit tree to decide which units a caller sees.
 * Every check reads the whole tree once (units are few, a few thousand at
 * most) and walks parents in it, with a bound so a loop cannot hang. */
#include "svc/scope.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/store.h"

#define TREE_ARENA ((size_t)256 * 1024 * 1024)

bool scope_within(const struct store_unit *u, size_t n, int64_t id, int64_t root)
{
	for (size_t steps = 0; id != 0 && steps <= n; steps++) {
		size_t i = 0;

		if (id == root)
			return true;
		while (i < n && u[i].id != id)
			i++;
		if (i == n)
			return false;
		id = u[i].parent_id;
	}
	return false;
}

bool scope_holds(const struct scope_actor *by, const struct store_unit *all, size_t n, int64_t id)
{
	switch (by->role) {
	case ROLE_ADMIN: return by->unit_id == 0 || scope_within(all, n, id, by->unit_id);
	case ROLE_SUPERVISOR: return by->unit_id != 0 && scope_within(all, n, id, by->unit_id);
	case ROLE_CLERK:
	case ROLE_ENTRY:
	case ROLE_NONE: /* a kiosk; the public has no unit */
		return by->unit_id != 0 && id == by->unit_id;
	default: return false;
	}
}

int scope_units(struct store *st, struct hl_arena *a, const struct scope_actor *by,
	struct store_unit **out, size_t *n, struct hl_err *err)
{
	struct store_unit *all = NULL, *mine;
	size_t nall = 0, k = 0;
	int rc = STORE(st, units, unit_list, a, &all, &nall, err);

	*out = all;
	*n = 0;
	if (rc != HL_OK)
		return rc;
	/* A copy: the walk reads the whole tree while the kept units are gathered. */
	if ((mine = hl_arena_alloc(a, (nall + 1) * sizeof(*mine))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	for (size_t i = 0; i < nall; i++)
		if (scope_holds(by, all, nall, all[i].id))
			mine[k++] = all[i];
	*out = mine;
	*n = k;
	return HL_OK;
}

int scope_may(struct store *st, const struct scope_actor *by, int64_t unit_id, bool *yes,
	struct hl_err *err)
{
	struct hl_arena *a;
	struct store_unit *all = NULL;
	size_t n = 0;
	int rc;

	/* Everything, or the caller's own unit, holds without the tree; a role
	 * without units below it holds nothing else: no read on a request's
	 * hot path (a clerk's or a kiosk's response). */
	*yes = scope_global(by) || scope_holds(by, NULL, 0, unit_id);
	if (*yes || (by->role != ROLE_ADMIN && by->role != ROLE_SUPERVISOR))
		return HL_OK;
	if ((a = hl_arena_new(TREE_ARENA)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	rc = STORE(st, units, unit_list, a, &all, &n, err);
	if (rc == HL_OK)
		*yes = scope_holds(by, all, n, unit_id);
	hl_arena_free(a);
	return rc;
}

/* The unit with code and whether by sees it: HL_ENOTFOUND for an unknown code. */
static int get_seen(struct store *st, const struct scope_actor *by, const char *code,
	struct store_unit *out, bool *yes, struct hl_err *err)
{
	int rc = STORE(st, units, unit_get, code, out, err);

	*yes = false;
	return rc == HL_OK ? scope_may(st, by, out->id, yes, err) : rc;
}

int scope_get(struct store *st, const struct scope_actor *by, const char *code, const char *field,
	struct store_unit *out, struct hl_err *err)
{
	bool yes = false;
	int rc;

	if (code == NULL || code[0] == '\0')
		return hl_err_set(err, HL_EINVAL, field, "chọn một đơn vị");
	rc = get_seen(st, by, code, out, &yes, err);
	if (rc == HL_ENOTFOUND || (rc == HL_OK && !yes))
		return hl_err_set(err, HL_ENOTFOUND, field, "không có đơn vị '%.63s'", code);
	return rc;
}

int scope_get_api(struct store *st, const struct scope_actor *by, const char *code,
	const char *field, struct store_unit *out, struct hl_err *err)
{
	bool yes = false;
	int rc;

	if (code == NULL || code[0] == '\0')
		return hl_err_set(err, HL_EINVAL, field, "thiếu mã đơn vị");
	rc = get_seen(st, by, code, out, &yes, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, field, "không có đơn vị mã '%s'", code);
	if (rc == HL_OK && !yes)
		return hl_err_set(err, HL_EPERM, field, "không được xem đơn vị '%s'", code);
	return rc;
}

int scope_own(struct store *st, const struct scope_actor *by, struct store_unit *out,
	struct hl_err *err)
{
	struct hl_arena *a;
	struct store_unit *all = NULL;
	size_t n = 0;
	int rc;

	if (by->unit_id == 0)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "tài khoản không gắn với đơn vị nào");
	if ((a = hl_arena_new(TREE_ARENA)) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc cây đơn vị");
	rc = STORE(st, units, unit_list, a, &all, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (all[i].id == by->unit_id) {
			*out = all[i];
			hl_arena_free(a);
			return HL_OK;
		}
	hl_arena_free(a);
	return rc != HL_OK ?
		rc :
		hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không tìm thấy đơn vị của tài khoản");
}

int scope_default(struct store *st, struct hl_arena *a, const struct scope_actor *by,
	const char **unit, const char **under, struct hl_err *err)
{
	struct store_unit own;
	const char *code;
	int rc;

	*unit = *under = NULL;
	if (scope_global(by))
		return HL_OK;
	if ((rc = scope_own(st, by, &own, err)) != HL_OK)
		return rc;
	if ((code = hl_arena_strndup(a, own.code, strlen(own.code))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (by->role >= ROLE_SUPERVISOR)
		*under = code;
	else
		*unit = code;
	return HL_OK;
}

bool scope_global(const struct scope_actor *by)
{
	return by->role == ROLE_ADMIN && by->unit_id == 0;
}
