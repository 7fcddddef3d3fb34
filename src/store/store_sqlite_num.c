/* store_sqlite_num.c — the SQLite migration of numbering by counters
 * (issue 11); the operations are store_q_num.c's, shared by every
 * backend. */
#include "store/store_sqlite_priv.h"

/* The migration (store_sqlite.c's list points here): the counters start at
 * the largest number stored; letters already numbered twice keep their
 * numbers on the items, only the first is recorded. */
const char sq_num_schema[] =
	"CREATE TABLE counters ("
	" kind TEXT NOT NULL, unit_id INTEGER NOT NULL, scope TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (kind, unit_id, scope)) WITHOUT ROWID;"
	"INSERT INTO counters (kind, unit_id, scope, n) SELECT 'report', unit_id, period,"
	" max(version) FROM published_reports GROUP BY unit_id, period;"
	"CREATE TABLE fb_letters ("
	" unit_id INTEGER NOT NULL, year INTEGER NOT NULL, no INTEGER NOT NULL,"
	" item_id INTEGER NOT NULL REFERENCES fb_items(id),"
	" PRIMARY KEY (unit_id, year, no)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO fb_letters (unit_id, year, no, item_id) SELECT unit_id,"
	" CAST(strftime('%Y', (answered_at / 1440) * 86400, 'unixepoch') AS INTEGER),"
	" answer_no, id FROM fb_items WHERE answer_no > 0 AND answered_at IS NOT NULL ORDER BY id;"
	"INSERT INTO counters (kind, unit_id, scope, n) SELECT 'fb-answer', unit_id,"
	" CAST(year AS TEXT), max(no) FROM fb_letters GROUP BY unit_id, year;";
