/* store.c — the backend-neutral part of the storage interface: picks a
 * backend from the target's form and forwards the generic calls to it. */
#include "store/store.h"
#include "store/store_sqlite.h"

#include <string.h>

#include "base/mem.h"

static bool is_postgres(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

int store_open(const char *target, struct store **out, struct hl_err *err)
{
	struct store *st = NULL;
	int rc;

	*out = NULL;
	if (target == NULL || target[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"chưa chỉ định cơ sở dữ liệu (đường dẫn tệp hoặc URL trống)");
	if (is_postgres(target))
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"PostgreSQL chưa được hỗ trợ trong bản này");
	st = hl_calloc(1, sizeof(*st));
	if (st == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở cơ sở dữ liệu %s",
			target);
	st->ops = &store_sqlite_ops;
	rc = st->ops->open(st, target, err);
	if (rc != HL_OK) {
		/* open releases whatever it made before failing */
		hl_free(st);
		return rc;
	}
	*out = st;
	return HL_OK;
}

void store_cache_limit(int64_t bytes)
{
	sq_cache_limit(bytes);
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	st->ops->close(st);
	hl_free(st);
}

const struct store_ops *store_ops(const struct store *st)
{
	return st->ops;
}

int store_migrate(struct store *st, int *version, struct hl_err *err)
{
	return st->ops->migrate(st, version, err);
}

int store_begin(struct store *st, struct hl_err *err)
{
	return st->ops->tx(st, STORE_TX_BEGIN, err);
}

int store_commit(struct store *st, struct hl_err *err)
{
	return st->ops->tx(st, STORE_TX_COMMIT, err);
}

int store_rollback(struct store *st, struct hl_err *err)
{
	return st->ops->tx(st, STORE_TX_ROLLBACK, err);
}

int store_savepoint(struct store *st, struct hl_err *err)
{
	return st->ops->tx(st, STORE_TX_SAVEPOINT, err);
}

int store_release(struct store *st, struct hl_err *err)
{
	return st->ops->tx(st, STORE_TX_RELEASE, err);
}

int store_rollback_to(struct store *st, struct hl_err *err)
{
	return st->ops->tx(st, STORE_TX_ROLLBACK_TO, err);
}
