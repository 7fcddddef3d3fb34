/* store_sqlite_rate.c — the SQLite migration of the rate-limit counters
 * (issue 10); their operations are store_q_rate.c's, shared by every
 * backend. */
#include "store/store_sqlite_priv.h"

/* The migration (store_sqlite.c's list points here). The index serves
 * rate_purge. */
const char sq_rate_schema[] = "CREATE TABLE rate_counters ("
			      " key TEXT PRIMARY KEY,"
			      " count INTEGER NOT NULL,"
			      " expires_at INTEGER NOT NULL) WITHOUT ROWID;"
			      "CREATE INDEX rate_counters_expiry ON rate_counters (expires_at);";
