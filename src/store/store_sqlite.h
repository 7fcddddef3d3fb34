/* store_sqlite.h — private to src/store: the SQLite backend's operations,
 * chosen by store_open for any target that is not a PostgreSQL URL. */
#ifndef HL_STORE_SQLITE_H
#define HL_STORE_SQLITE_H

#include "store/store.h"

/* The SQLite backend; static storage, never freed. */
extern const struct store_ops store_sqlite_ops;

/* store_cache_limit for SQLite: its soft heap limit. */
void sq_cache_limit(int64_t bytes);

#endif
