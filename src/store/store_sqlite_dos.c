/* store_sqlite_dos.c — the SQLite migrations of dossier timeliness (issue
 * 6): the submitted_at column, the sums of finished dossiers by class that
 * make `dossiers stats` read thousands of rows instead of millions, the
 * indexes that find the dossiers still open, the class as a column, and
 * the end of the triggers that kept the sums. The operations, and the sums
 * since migration 22, are store_q_dos.c's, shared by every backend. Months
 * are year * 12 + month - 1 of received_at. */
#include "store/store_sqlite_priv.h"

/* The month of a row's received_at, and (migrations 8 and 21 only) the class
 * the triggers computed before svc stored it. */
#define MONTH(r) \
	"(CAST(strftime('%Y', " r ".received_at * 60, 'unixepoch') AS INTEGER) * 12" \
	" + CAST(strftime('%m', " r ".received_at * 60, 'unixepoch') AS INTEGER) - 1)"
#define CLASS(r) \
	"(CASE WHEN " r ".finished_at > " r ".due_at THEN 3" \
	" WHEN " r ".finished_at / 1440 < " r ".due_at / 1440 THEN 1 ELSE 2 END)"
#define COUNTED(r) \
	r ".finished_at IS NOT NULL AND " r ".due_at IS NOT NULL" \
	  " AND " r ".received_at IS NOT NULL"

/* Add sign (1 or -1) times row r's class (the SQL expression cls) to both
 * sums: SUM_ADD the class CLASS computes, SUM_CLASS the stored one. */
#define SUM_BY(r, cls, sign) \
	"INSERT INTO dossier_sum (month, unit_id, field_id, channel, early, on_time, late)" \
	" VALUES (" MONTH( \
		r) ", " r ".unit_id, coalesce(" r ".field_id, 0), " r ".channel," \
		   " " sign " * (" cls " = 1), " sign " * (" cls " = 2), " sign " * (" cls \
		   " = 3))" \
		   " ON CONFLICT (month, unit_id, field_id, channel) DO UPDATE SET" \
		   " early = early + excluded.early, on_time = on_time + excluded.on_time," \
		   " late = late + excluded.late;" \
		   "INSERT INTO dossier_sum_proc (month, unit_id, procedure, early, on_time, late)" \
		   " VALUES (" MONTH( \
			   r) ", " r ".unit_id, " r ".procedure," \
			      " " sign " * (" cls " = 1), " sign " * (" cls " = 2), " sign \
			      " * (" cls " = 3))" \
			      " ON CONFLICT (month, unit_id, procedure) DO UPDATE SET" \
			      " early = early + excluded.early, on_time = on_time + excluded.on_time," \
			      " late = late + excluded.late;"
#define SUM_ADD(r, sign) SUM_BY(r, CLASS(r), sign)
#define SUM_CLASS(r, sign) SUM_BY(r, r ".class", sign)

/* The migration (store_sqlite.c's list points here). */
const char sq_dos_schema[] =
	"ALTER TABLE dossiers ADD COLUMN submitted_at INTEGER;"
	"CREATE TABLE dossier_sum ("
	" month INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" field_id INTEGER NOT NULL,"
	" channel TEXT NOT NULL,"
	" early INTEGER NOT NULL,"
	" on_time INTEGER NOT NULL,"
	" late INTEGER NOT NULL,"
	" PRIMARY KEY (month, unit_id, field_id, channel)) WITHOUT ROWID;"
	"CREATE TABLE dossier_sum_proc ("
	" month INTEGER NOT NULL,"
	" unit_id INTEGER NOT NULL,"
	" procedure TEXT NOT NULL,"
	" early INTEGER NOT NULL,"
	" on_time INTEGER NOT NULL,"
	" late INTEGER NOT NULL,"
	" PRIMARY KEY (month, unit_id, procedure)) WITHOUT ROWID;"
	/* The dossiers already there. */
	"INSERT INTO dossier_sum SELECT " MONTH(
		"d") ", d.unit_id, coalesce(d.field_id, 0),"
		     " d.channel, sum(" CLASS("d") " = 1), sum(" CLASS("d") " = 2), sum(" CLASS(
			     "d") " = 3)"
				  " FROM dossiers d WHERE " COUNTED(
					  "d") " GROUP BY 1, 2, 3, 4;"
					       "INSERT INTO dossier_sum_proc SELECT " MONTH(
						       "d") ", d.unit_id, d.procedure,"
							    " sum(" CLASS("d") " = 1), sum(" CLASS("d") " = 2), sum(" CLASS(
								    "d") " = 3)"
									 " FROM dossiers d WHERE " COUNTED(
										 "d") " GROUP BY 1, 2, 3;"
										      "CREATE TRIGGER dossiers_sum_insert AFTER INSERT ON dossiers WHEN " COUNTED(
											      "new") " BEGIN " SUM_ADD("new",
											      "1") " END;"
												   "CREATE TRIGGER dossiers_sum_delete AFTER DELETE ON dossiers WHEN " COUNTED(
													   "old") " BEGIN " SUM_ADD("old",
													   "-1") " END;"
														 "CREATE TRIGGER dossiers_sum_update_old AFTER UPDATE ON dossiers WHEN " COUNTED(
															 "old") " BEGIN " SUM_ADD("old",
															 "-1") " END;"
															       "CREATE TRIGGER dossiers_sum_update_new AFTER UPDATE ON dossiers WHEN " COUNTED(
																       "new") " BEGIN " SUM_ADD("new",
																       "1") " END;"
																	    /* The open dossiers, every column (covering: a stats query or the Friday
	 * list never touches the table for them); they are a few per cent. */
																	    "CREATE INDEX dossiers_open ON dossiers (received_at, unit_id, field_id, channel, due_at,"
																	    " procedure, code, returned_at, supplements, reschedules, apology, submitted_at)"
																	    " WHERE finished_at IS NULL;"
																	    /* received_at too, so the dossiers finished after a moment but received
	 * after the period are passed over inside the index. */
																	    "CREATE INDEX dossiers_finished ON dossiers (finished_at, received_at);";

/* Migration 21: the class as a plain column that svc fills, and the sums'
 * triggers adding it up rather than computing it. The rows already stored
 * keep the class the old triggers summed for them (computed once more here
 * by the same SQL), so the stored sums and the column agree and every
 * figure stays as it was; the old SQL and the core differ only for times
 * before 1970 (SQL's integer division truncates toward zero, the core
 * floors), which no real dossier has. The undo notes of an unfinished
 * import keep the class too. */
const char sq_dos_class_schema[] =
	"ALTER TABLE dossiers ADD COLUMN class INTEGER;"
	"UPDATE dossiers SET class = " CLASS("dossiers") " WHERE " COUNTED(
		"dossiers") ";"
			    "ALTER TABLE import_undo_dossiers ADD COLUMN class INTEGER;"
			    "UPDATE import_undo_dossiers SET class = " CLASS("import_undo_dossiers") " WHERE " COUNTED(
				    "import_undo_dossiers") ";"
							    "DROP TRIGGER dossiers_sum_insert;"
							    "DROP TRIGGER dossiers_sum_delete;"
							    "DROP TRIGGER dossiers_sum_update_old;"
							    "DROP TRIGGER dossiers_sum_update_new;"
							    "CREATE TRIGGER dossiers_class_insert AFTER INSERT ON dossiers WHEN new.class IS NOT NULL"
							    " BEGIN " SUM_CLASS("new",
								    "1") " END;"
									 "CREATE TRIGGER dossiers_class_delete AFTER DELETE ON dossiers WHEN old.class IS NOT NULL"
									 " BEGIN " SUM_CLASS("old",
										 "-1") " END;"
										       "CREATE TRIGGER dossiers_class_update_old AFTER UPDATE ON dossiers"
										       " WHEN old.class IS NOT NULL BEGIN " SUM_CLASS(
											       "old",
											       "-1") " END;"
												     "CREATE TRIGGER dossiers_class_update_new AFTER UPDATE ON dossiers"
												     " WHEN new.class IS NOT NULL BEGIN " SUM_CLASS(
													     "new",
													     "1") " END;";

/* Migration 22: the sums kept by the store code (store_q_dos.c), as on
 * PostgreSQL, instead of by triggers; the sums stored stay as they are. */
const char sq_dos_sums_schema[] = "DROP TRIGGER dossiers_class_insert;"
				  "DROP TRIGGER dossiers_class_delete;"
				  "DROP TRIGGER dossiers_class_update_old;"
				  "DROP TRIGGER dossiers_class_update_new;";
