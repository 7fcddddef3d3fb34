/* staff.h — the staff (cán bộ) a response can name: the list and adding or
 * changing one. */
#ifndef HL_STAFF_H
#define HL_STAFF_H

#include <stddef.h>

#include "base/err.h"

struct hl_arena;
struct store;
struct store_staff;

/* Every staff member into *out (owned by a). */
int staff_list(struct store *st, struct hl_arena *a, struct store_staff **out, size_t *n,
	struct hl_err *err);

/* Add or change s (by code), of the unit with code unit (for the audit
 * line), audited by who as staff.put; inside the caller's transaction. */
int staff_put_in(struct store *st, struct store_staff *s, const char *unit, const char *who,
	struct hl_err *err);

#endif
