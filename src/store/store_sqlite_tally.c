/* store_sqlite_tally.c — the SQLite migration that turned migration 1's
 * encoded tallysets into additive counters (tally_cells), and its carry;
 * the counters' operations are store_q_tally.c's, shared by every backend. */
#include "store/store_q.h"
#include "store/store_sqlite.h"
#include "store/store_sqlite_priv.h"

#include "core/tally.h"

/* The migration (store_sqlite.c's list points here): counters replace the
 * encoded tallysets of migration 1, which hl_carry_tallies() copies over
 * before the old table goes. id keeps each key's criteria in the order they
 * came. */
const char sq_tally_schema[] =
	"CREATE TABLE tally_cells ("
	" id INTEGER PRIMARY KEY,"
	" grain INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" start INTEGER NOT NULL,"
	" field_id INTEGER NOT NULL,"
	" crit TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" s REAL NOT NULL, v REAL NOT NULL, ss REAL NOT NULL, vv REAL NOT NULL, sv REAL NOT NULL,"
	/* an index query reads one contiguous range: a grain's all-fields keys by time */
	" UNIQUE (grain, field_id, start, unit_id, crit));"
	"SELECT hl_carry_tallies();"
	"DROP TABLE tallies;";

/* One of migration 1's encoded tallysets copied into counters. */
static int carry_tally(struct sq *q, sqlite3_stmt *s, struct hl_err *err)
{
	const unsigned char *blob = sqlite3_column_blob(s, 4);
	int len = sqlite3_column_bytes(s, 4);
	struct store_tally_row row;
	int rc;

	row.unit_id = sqlite3_column_int64(s, 1);
	row.start = col_day(s, 2);
	row.field_id = sqlite3_column_int64(s, 3);
	rc = hl_tallyset_decode(blob, len > 0 ? (size_t)len : 0, &row.set, err);
	if (rc == HL_OK)
		rc = q_tally_add(&(struct store){&store_sqlite_ops, q},
			(enum store_grain)sqlite3_column_int(s, 0), &row, err);
	return rc;
}

/* hl_carry_tallies(): the migration's step copying migration 1's encoded
 * tallysets into counters, key by key in the old order. */
static void carry_tallies(sqlite3_context *fn, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sq_carry(fn,
		"SELECT grain, unit_id, start, field_id, data FROM tallies"
		" ORDER BY grain, field_id, start, unit_id",
		carry_tally);
}

int sq_tally_register(struct sq *q)
{
	return sqlite3_create_function(q->db, "hl_carry_tallies", 0,
		SQLITE_UTF8 | SQLITE_DIRECTONLY, q, carry_tallies, NULL, NULL);
}
