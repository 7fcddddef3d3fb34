/* audit.c — writing and reading the audit log. */
#include "svc/audit.h"

#include "store/store.h"

int audit_log(struct store *st, const char *who, const char *action, const char *detail,
	struct hl_err *err)
{
	return STORE(st, admin, audit, who, action, detail, err);
}

int audit_commit(struct store *st, int rc, const char *who, const char *action, const char *detail,
	struct hl_err *err)
{
	struct hl_err ignored;

	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, action, detail, err);
	if (rc == HL_OK)
		rc = store_commit(st, err);
	if (rc != HL_OK)
		store_rollback(st, &ignored);
	return rc;
}

int audit_tx(struct store *st, bool held, int (*fn)(struct store *, void *, struct hl_err *),
	void *ctx, const char *who, const char *action, const char *detail, struct hl_err *err)
{
	int rc = held ? HL_OK : store_begin(st, err);

	if (rc != HL_OK)
		return rc;
	rc = fn(st, ctx, err);
	if (held)
		return rc == HL_OK ? audit_log(st, who, action, detail, err) : rc;
	return audit_commit(st, rc, who, action, detail, err);
}

int audit_list(struct store *st, int limit, struct hl_arena *a, char ***lines, size_t *n,
	struct hl_err *err)
{
	return STORE(st, admin, audit_list, limit, a, lines, n, err);
}
