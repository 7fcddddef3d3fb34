/* dbcheck.h — is the database file damaged? The check `hailong check` runs
 * on demand and the server when it starts, and what to tell people when it
 * is: how to restore the file from its backup. */
#ifndef HL_DBCHECK_H
#define HL_DBCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct hl_arena;
struct store;

/* Check st (quick: the structure only, about one read of the file; else every
 * index against its data too). HL_OK with *problems = the problems found (at
 * most 100, in a; *n 0 = sound), HL_ECORRUPT when the file is too damaged to
 * check (err says what), another status when the check could not run. */
int dbcheck_run(struct store *st, bool quick, struct hl_arena *a, char ***problems, size_t *n,
	struct hl_err *err);

/* The Vietnamese advice for a damaged database db (its path): stop, restore
 * the backup made with `hailong backup` (PostgreSQL, db a URI: the pg_dump,
 * into a new database), check, start again. In buf. */
void dbcheck_advice(const char *db, char *buf, size_t size);

#endif
