/* responses.h — reading the stored responses: a unit's responses by date,
 * and those in one status (held for review, ...). Writes go through
 * svc/intake.h. */
#ifndef HL_RESPONSES_H
#define HL_RESPONSES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "store/store.h"

struct hl_arena;

/* cb for each response of unit_id dated first..last (HL_DAY_NONE: no limit
 * on that side); cb must not call the store. */
int responses_scan(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	store_response_cb cb, void *ctx, struct hl_err *err);

/* At most limit responses of unit_id (0: every unit) in status (enum
 * store_resp_status), newest first, into *out (owned by a). */
int responses_in_status(struct store *st, int64_t unit_id, int status, int limit,
	struct hl_arena *a, struct store_response **out, size_t *n, struct hl_err *err);

#endif
