/* store_pg.h — private to src/store: the PostgreSQL backend's operations,
 * chosen by store_open for a postgresql:// or postgres:// URI (issue 13). */
#ifndef HL_STORE_PG_H
#define HL_STORE_PG_H

#include "store/store.h"

/* Whether every area is built: until then store_open refuses PostgreSQL
 * (areas still missing: dossiers, plans, and the admin area's integrity,
 * backup and import journal) and only the conformance suites open it (store_open_partial). */
#define STORE_PG_COMPLETE 0

/* "postgresql://USER@HOST:PORT/NAME" of conninfo, without a password, for
 * messages: a URI may carry one and messages reach logs. */
void store_pg_describe(const char *conninfo, char *buf, size_t size);

/* The PostgreSQL backend; static storage, never freed. */
extern const struct store_ops store_pg_ops;

#endif
