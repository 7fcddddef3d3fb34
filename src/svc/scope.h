/* scope.h — which units a caller sees, the one resolver for pages, API
 * handlers, commands and services: an administrator of everything every
 * unit; an administrator of a unit or a supervisor that unit and every unit
 * below it; a clerk or a data-entry clerk its own unit; a kiosk its own
 * unit; the public none. Units a merger closed stay in the tree where they
 * were (their data is pooled into the successor by the queries, not by the
 * scope), so a unit's predecessors below a supervisor stay in its scope. */
#ifndef HL_SCOPE_SVC_H
#define HL_SCOPE_SVC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct hl_arena;
struct store;
struct store_unit;

/* Who acts on units' data: an account's role (enum store_role), its unit
 * (0 for an administrator of everything) and its name for the audit log
 * ("web:lan", "cli:root"). A kiosk device is ROLE_NONE with its unit: it
 * sees that unit only; ROLE_NONE without a unit is the public. */
struct scope_actor {
	int role;
	int64_t unit_id;
	const char *who;
};

/* Whether the unit id is root or below it in u[0..n) (a loop above it is
 * not). Pure: no store. */
bool scope_within(const struct store_unit *u, size_t n, int64_t id, int64_t root);

/* Whether by's scope holds the unit id, in the tree all[0..n). Pure. */
bool scope_holds(const struct scope_actor *by, const struct store_unit *all, size_t n, int64_t id);

/* The units by's scope holds, in code order, into *out (in a). */
int scope_units(struct store *st, struct hl_arena *a, const struct scope_actor *by,
	struct store_unit **out, size_t *n, struct hl_err *err);

/* Whether by's scope holds the unit unit_id, into *yes. */
int scope_may(struct store *st, const struct scope_actor *by, int64_t unit_id, bool *yes,
	struct hl_err *err);

/* The unit with code into *out if by's scope holds it: HL_OK, or
 * HL_ENOTFOUND naming field ("không có đơn vị 'X'") for a unit unknown or
 * out of scope alike, so the scope does not tell which units exist. */
int scope_get(struct store *st, const struct scope_actor *by, const char *code, const char *field,
	struct store_unit *out, struct hl_err *err);

/* The same, but a unit out of scope is HL_EPERM ("không được xem đơn vị
 * 'X'"), and HL_EINVAL without a code (the API's contract: 403 for another
 * unit, docs/api.md). */
int scope_get_api(struct store *st, const struct scope_actor *by, const char *code,
	const char *field, struct store_unit *out, struct hl_err *err);

/* by's own unit (a kiosk's, a clerk's...) into *out: HL_ENOTFOUND for an
 * actor without a unit (an administrator of everything, the public). */
int scope_own(struct store *st, const struct scope_actor *by, struct store_unit *out,
	struct hl_err *err);

/* The units a query (the index, the dossier statistics) covers when the
 * caller names none, as codes owned by a: its own unit and those below for
 * a supervisor or an administrator of a unit (*under), its own unit for
 * anyone else with a unit (*unit), both NULL (every unit) for an
 * administrator of everything. HL_ENOTFOUND as scope_own. */
int scope_default(struct store *st, struct hl_arena *a, const struct scope_actor *by,
	const char **unit, const char **under, struct hl_err *err);

/* Whether by administers every unit (province-wide settings: the holiday
 * decisions, the culture day, the hours of every unit without its own). */
bool scope_global(const struct scope_actor *by);

#endif
