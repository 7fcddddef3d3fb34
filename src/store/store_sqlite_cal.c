/* store_sqlite_cal.c — the SQLite migration of the working calendar
 * (issue 6); its operations are store_q_cal.c's, shared by every backend. */
#include "store/store_sqlite_priv.h"

/* The calendar's migration (store_sqlite.c's list points here). from_day
 * holds INT32_MIN for "since always", so that it can be in the key. */
const char sq_cal_schema[] = "CREATE TABLE cal_decisions ("
			     " day INTEGER PRIMARY KEY,"
			     " kind INTEGER NOT NULL,"
			     " name TEXT NOT NULL);"
			     "CREATE TABLE cal_settings ("
			     " id INTEGER PRIMARY KEY CHECK (id = 1),"
			     " culture_day_from INTEGER NOT NULL);"
			     "CREATE TABLE cal_hours ("
			     " unit_id INTEGER NOT NULL,"
			     " from_day INTEGER NOT NULL,"
			     " spec TEXT NOT NULL,"
			     " PRIMARY KEY (unit_id, from_day));";
