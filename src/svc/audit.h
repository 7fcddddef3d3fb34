/* audit.h — the audit log: who did what, when (UTC), kept in the store. */
#ifndef HL_AUDIT_H
#define HL_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct hl_arena;
struct store;

/* One entry: who ("cli:root", "web:lan") did action ("users.add") on detail. */
int audit_log(struct store *st, const char *who, const char *action, const char *detail,
	struct hl_err *err);

/* End the caller's transaction: when rc is HL_OK, log who did action on
 * detail and commit; otherwise, or when that fails, roll back. Returns rc
 * or the failure. */
int audit_commit(struct store *st, int rc, const char *who, const char *action, const char *detail,
	struct hl_err *err);

/* One audited change: fn(st, ctx, err), then the entry, in one transaction —
 * its own, or the caller's when held (the server's writer, which undoes a
 * failure). Returns fn's status or the failure. */
int audit_tx(struct store *st, bool held, int (*fn)(struct store *, void *, struct hl_err *),
	void *ctx, const char *who, const char *action, const char *detail, struct hl_err *err);

/* The newest limit entries, newest first, each "at\twho\taction\tdetail",
 * into *lines (owned by a). */
int audit_list(struct store *st, int limit, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err);

#endif
