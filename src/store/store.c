/* store.c — the backend-neutral part of the storage interface: picks a
 * backend from the target's form and forwards the generic calls to it. */
#include "store/store.h"
#include "store/store_pg.h"
#include "store/store_sqlite.h"

#include <stdio.h>
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
	st = hl_calloc(1, sizeof(*st));
	if (st == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở cơ sở dữ liệu %s",
			target);
	st->ops = is_postgres(target) ? &store_pg_ops : &store_sqlite_ops;
	rc = st->ops->open(st, target, err);
	if (rc != HL_OK) {
		/* open releases whatever it made before failing */
		hl_free(st);
		return rc;
	}
	*out = st;
	return HL_OK;
}

void store_describe(const char *target, char *buf, size_t size)
{
	if (is_postgres(target))
		store_pg_describe(target, buf, size);
	else
		snprintf(buf, size, "%s", target);
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

/* store_begin ... store_rollback_to: each one step of the backend's tx. */
#define TX_STEP(name, what) \
	int store_##name(struct store *st, struct hl_err *err) \
	{ \
		return st->ops->tx(st, what, err); \
	}
TX_STEP(begin, STORE_TX_BEGIN)
TX_STEP(commit, STORE_TX_COMMIT)
TX_STEP(rollback, STORE_TX_ROLLBACK)
TX_STEP(savepoint, STORE_TX_SAVEPOINT)
TX_STEP(release, STORE_TX_RELEASE)
TX_STEP(rollback_to, STORE_TX_ROLLBACK_TO)
#undef TX_STEP

int store_end(struct store *st, int rc, struct hl_err *err)
{
	struct hl_err ignored;

	if (rc == HL_OK)
		return store_commit(st, err);
	store_rollback(st, &ignored);
	return rc;
}
