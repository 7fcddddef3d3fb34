/* staff.c — the staff list and its changes. */
#include "svc/staff.h"

#include <stdio.h>

#include "store/store.h"

int staff_list(struct store *st, struct hl_arena *a, struct store_staff **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, units, staff_list, a, out, n, err);
}

int staff_put_in(struct store *st, struct store_staff *s, const char *unit, const char *who,
	struct hl_err *err)
{
	char detail[2 * STORE_CODE_MAX + STORE_NAME_MAX + 16];
	int rc = STORE(st, units, staff_put, s, err);

	snprintf(detail, sizeof(detail), "%s: %s (%s)", s->code, s->name, unit);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "staff.put", detail, err);
	return rc;
}
