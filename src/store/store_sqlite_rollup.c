/* store_sqlite_rollup.c — the SQLite migrations of the report rollups
 * (issue 4): the first one's encoded rollup per key, then the additive
 * counters that replaced it, with the carry between them. The rollups'
 * operations are store_q_rollup.c's, shared by every backend. */
#include "store/store_q.h"
#include "store/store_sqlite.h"
#include "store/store_sqlite_priv.h"

#include "core/rollup.h"

/* The rollups' first migration (store_sqlite.c's list points here): one
 * encoded rollup per key, replaced by sq_rollup_rows_schema. */
const char sq_rollup_schema[] =
	"CREATE TABLE rollups ("
	" unit_id INTEGER NOT NULL,"
	" month INTEGER NOT NULL,"
	" data BLOB NOT NULL,"
	" PRIMARY KEY (unit_id, month)) WITHOUT ROWID;"
	"CREATE TABLE rollup_state (ready INTEGER NOT NULL);"
	"INSERT INTO rollup_state (ready) SELECT NOT EXISTS (SELECT 1 FROM responses);";

/* Counters instead (a later migration): hl_carry_rollups() adds every
 * encoded rollup to them before the old table goes. Channel c is column
 * c0..c4, theme t's count t0..t7 (core/rollup.h's HL_ROLLUP_CHANNELS and
 * HL_ROLLUP_THEMES); an answer's slot is question * nv + answer. */
const char sq_rollup_rows_schema[] =
	"CREATE TABLE rollup_keys ("
	" unit_id INTEGER NOT NULL, month INTEGER NOT NULL,"
	" c0 INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, c3 INTEGER NOT NULL,"
	" c4 INTEGER NOT NULL,"
	" t0 INTEGER NOT NULL, t1 INTEGER NOT NULL, t2 INTEGER NOT NULL, t3 INTEGER NOT NULL,"
	" t4 INTEGER NOT NULL, t5 INTEGER NOT NULL, t6 INTEGER NOT NULL, t7 INTEGER NOT NULL,"
	" PRIMARY KEY (unit_id, month)) WITHOUT ROWID;"
	"CREATE TABLE rollup_fields ("
	" unit_id INTEGER NOT NULL, month INTEGER NOT NULL, field_id INTEGER NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (unit_id, month, field_id)) WITHOUT ROWID;"
	"CREATE TABLE rollup_staff ("
	" unit_id INTEGER NOT NULL, month INTEGER NOT NULL, staff_id INTEGER NOT NULL,"
	" n INTEGER NOT NULL, s REAL NOT NULL, v REAL NOT NULL,"
	" PRIMARY KEY (unit_id, month, staff_id)) WITHOUT ROWID;"
	"CREATE TABLE rollup_insts ("
	" unit_id INTEGER NOT NULL, month INTEGER NOT NULL, instrument_id INTEGER NOT NULL,"
	" nq INTEGER NOT NULL, nv INTEGER NOT NULL,"
	" PRIMARY KEY (unit_id, month, instrument_id)) WITHOUT ROWID;"
	"CREATE TABLE rollup_answers ("
	" unit_id INTEGER NOT NULL, month INTEGER NOT NULL, instrument_id INTEGER NOT NULL,"
	" slot INTEGER NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY (unit_id, month, instrument_id, slot)) WITHOUT ROWID;"
	"CREATE TABLE rollup_examples ("
	" unit_id INTEGER NOT NULL, month INTEGER NOT NULL, theme INTEGER NOT NULL,"
	" hash INTEGER NOT NULL, response_id INTEGER NOT NULL,"
	" PRIMARY KEY (unit_id, month, theme, hash)) WITHOUT ROWID;"
	"SELECT hl_carry_rollups();"
	"DROP TABLE rollups;";

/* One encoded rollup of the first migration added to the counters. */
static int carry_rollup(struct sq *q, sqlite3_stmt *s, struct hl_err *err)
{
	const unsigned char *blob = sqlite3_column_blob(s, 2);
	int len = sqlite3_column_bytes(s, 2);
	struct hl_rollup r;
	int rc;

	hl_rollup_init(&r);
	rc = hl_rollup_add_encoded(&r, blob, len > 0 ? (size_t)len : 0, err);
	if (rc == HL_OK)
		rc = q_rollup_add(&(struct store){&store_sqlite_ops, q}, sqlite3_column_int64(s, 0),
			col_day(s, 1), &r, err);
	hl_rollup_clear(&r);
	return rc;
}

/* hl_carry_rollups(): the migration's step adding each encoded rollup of
 * the first migration to the counters. */
static void carry_rollups(sqlite3_context *fn, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sq_carry(fn, "SELECT unit_id, month, data FROM rollups ORDER BY unit_id, month",
		carry_rollup);
}

int sq_rollup_register(struct sq *q)
{
	return sqlite3_create_function(q->db, "hl_carry_rollups", 0,
		SQLITE_UTF8 | SQLITE_DIRECTONLY, q, carry_rollups, NULL, NULL);
}
