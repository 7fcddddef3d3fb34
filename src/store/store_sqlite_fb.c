/* store_sqlite_fb.c — the SQLite migrations of feedback (phản ánh, kiến
 * nghị; issue 6); its operations are store_q_fb.c's, shared by every
 * backend. */
#include "store/store_sqlite_priv.h"

/* The feedback migration (store_sqlite.c's list points here). Offices with
 * unit_id 0 are built in: a ward's usual offices, for every unit. */
const char sq_fb_schema[] = "CREATE TABLE fb_offices ("
			    " id INTEGER PRIMARY KEY,"
			    " code TEXT NOT NULL,"
			    " unit_id INTEGER NOT NULL,"
			    " name TEXT NOT NULL,"
			    " UNIQUE (unit_id, code));" Q_FB_OFFICES_BUILTIN
			    "CREATE TABLE fb_items ("
			    " id INTEGER PRIMARY KEY,"
			    " code TEXT NOT NULL UNIQUE,"
			    " unit_id INTEGER NOT NULL REFERENCES units(id),"
			    " channel INTEGER NOT NULL,"
			    " kind INTEGER NOT NULL,"
			    " class INTEGER NOT NULL,"
			    " criterion TEXT NOT NULL,"
			    " state INTEGER NOT NULL,"
			    " received_at INTEGER NOT NULL,"
			    " classified_at INTEGER,"
			    " office_id INTEGER REFERENCES fb_offices(id),"
			    " forwarded_at INTEGER,"
			    " answer_no INTEGER NOT NULL,"
			    " first_answered_at INTEGER,"
			    " answered_at INTEGER,"
			    " published_at INTEGER,"
			    " rating INTEGER NOT NULL,"
			    " rated_at INTEGER,"
			    " reopened_at INTEGER,"
			    " closed_at INTEGER,"
			    " reopened INTEGER NOT NULL,"
			    " token_hash BLOB NOT NULL UNIQUE,"
			    " text TEXT NOT NULL,"
			    " answer TEXT);"
			    "CREATE INDEX fb_items_unit ON fb_items (unit_id, received_at);"
			    "CREATE INDEX fb_items_received ON fb_items (received_at);"
			    /* The sender, apart from the text: read only by fb_contact_get. */
			    "CREATE TABLE fb_contacts ("
			    " item_id INTEGER PRIMARY KEY REFERENCES fb_items(id),"
			    " name TEXT NOT NULL,"
			    " contact TEXT NOT NULL);"
			    "CREATE TABLE fb_steps ("
			    " id INTEGER PRIMARY KEY,"
			    " item_id INTEGER NOT NULL REFERENCES fb_items(id),"
			    " step TEXT NOT NULL,"
			    " who TEXT NOT NULL,"
			    " at INTEGER NOT NULL,"
			    " detail TEXT NOT NULL);"
			    "CREATE INDEX fb_steps_item ON fb_steps (item_id, id);"
			    "CREATE TABLE fb_deadlines ("
			    " unit_id INTEGER NOT NULL REFERENCES units(id),"
			    " class INTEGER NOT NULL,"
			    " forward_hours INTEGER,"
			    " answer_days INTEGER,"
			    " PRIMARY KEY (unit_id, class));";

/* Idempotency keys of added items (a later migration; store.h struct
 * store_fb_idem): the key is scoped to the unit. */
const char sq_fb_idem_schema[] = "CREATE TABLE fb_idem ("
				 " unit_id INTEGER NOT NULL REFERENCES units(id),"
				 " key_hash BLOB NOT NULL,"
				 " content_hash BLOB NOT NULL,"
				 " salt BLOB NOT NULL,"
				 " item_id INTEGER NOT NULL REFERENCES fb_items(id),"
				 " PRIMARY KEY (unit_id, key_hash)) WITHOUT ROWID;";
