/* audit.c — writing and reading the audit log. */
#include "svc/audit.h"

#include "store/store.h"

int audit_log(struct store *st, const char *who, const char *action, const char *detail,
	struct hl_err *err)
{
	return STORE(st, admin, audit, who, action, detail, err);
}

int audit_list(struct store *st, int limit, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err)
{
	return STORE(st, admin, audit_list, limit, a, lines, n, err);
}
