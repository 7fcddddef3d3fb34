/* store_pg.h — private to src/store: the PostgreSQL backend's operations,
 * chosen by store_open for a postgresql:// or postgres:// URI (issue 13). */
#ifndef HL_STORE_PG_H
#define HL_STORE_PG_H

#include "store/store.h"

/* "postgresql://USER@HOST:PORT/NAME" of conninfo, without a password, for
 * messages: a URI may carry one and messages reach logs. */
void store_pg_describe(const char *conninfo, char *buf, size_t size);

/* The PostgreSQL backend; static storage, never freed. */
extern const struct store_ops store_pg_ops;

#endif
