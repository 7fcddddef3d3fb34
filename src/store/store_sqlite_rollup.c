/* store_sqlite_rollup.c — the SQLite backend's part for report rollups
 * (issue 4, store.h "rollups"): what a struct hl_rollup (core/rollup.h)
 * holds per (unit, month), which svc/tallyacc.c keeps next to the tallies so
 * that a report reads a few thousand small rows instead of every response,
 * as additive counters: one row per key with the channel and theme counts,
 * and one per field, civil servant, instrument question and answer, and
 * theme example, each added to by an upsert (n = n + excluded.n), so that
 * two writers can never lose each other's update. Statements are cached in
 * q->area[SQ_ROLLUP].
 *
 * What each operation does (every backend must behave the same):
 *  - rollup_merge: adds the encoded rollup to the counters of (unit_id,
 *    month), creating them if absent. An encoding that does not decode, or
 *    an instrument stored with another shape (questions x answers): HL_EIO
 *    naming the unit and month, and nothing is written. A theme keeps, per
 *    distinct comment hash, its lowest response id, and only the
 *    HL_ROLLUP_EXAMPLES lowest of those (the others can never come first).
 *  - rollup_scan: for each unit of units[0..n) in that order, its keys with
 *    month in [first, last] by month, each as one encoded rollup rebuilt
 *    from its rows (the same bytes the merged encodings would give); no
 *    statement is running during the callback. A nonzero return of the
 *    callback stops the scan and is returned as is.
 *  - rollup_clear: deletes every rollup and sets the ready mark.
 *  - rollup_ready: the ready mark. The migration sets it when the database
 *    has no response yet (every later response is rolled up as it is
 *    counted) and clears it otherwise: the rollups of older responses cannot
 *    be computed in SQL, so they are missing until `hailong tallies rebuild`
 *    (which calls rollup_clear, then adds every response).
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <stdbool.h>

#include "base/mem.h"
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

_Static_assert(HL_ROLLUP_CHANNELS == 5 && HL_ROLLUP_THEMES == 8,
	"rollup_keys has a column per channel and per theme");

enum {
	R_KEY_ADD,
	R_FIELD_ADD,
	R_STAFF_ADD,
	R_INST_GET,
	R_INST_ADD,
	R_ANSWER_ADD,
	R_EX_ADD,
	R_EX_PRUNE,
	R_MONTHS,
	R_FIELDS,
	R_STAFF,
	R_INSTS,
	R_ANSWERS,
	R_EXAMPLES,
	R_CLEAR,
	R_SET_READY,
	R_READY,
	R_COUNT
};

#define KEY_COLS "c0, c1, c2, c3, c4, t0, t1, t2, t3, t4, t5, t6, t7"
#define OF_KEY " WHERE unit_id = ?1 AND month = ?2"

static const char *const rollup_sql[R_COUNT] = {
	[R_KEY_ADD] = "INSERT INTO rollup_keys (unit_id, month, " KEY_COLS ") VALUES"
		      " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
		      " ON CONFLICT (unit_id, month) DO UPDATE SET"
		      " c0 = c0 + excluded.c0, c1 = c1 + excluded.c1, c2 = c2 + excluded.c2,"
		      " c3 = c3 + excluded.c3, c4 = c4 + excluded.c4,"
		      " t0 = t0 + excluded.t0, t1 = t1 + excluded.t1, t2 = t2 + excluded.t2,"
		      " t3 = t3 + excluded.t3, t4 = t4 + excluded.t4, t5 = t5 + excluded.t5,"
		      " t6 = t6 + excluded.t6, t7 = t7 + excluded.t7",
	[R_FIELD_ADD] = "INSERT INTO rollup_fields (unit_id, month, field_id, n)"
			" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (unit_id, month, field_id)"
			" DO UPDATE SET n = n + excluded.n",
	[R_STAFF_ADD] = "INSERT INTO rollup_staff (unit_id, month, staff_id, n, s, v)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (unit_id, month, staff_id)"
			" DO UPDATE SET n = n + excluded.n, s = s + excluded.s, v = v + excluded.v",
	[R_INST_GET] = "SELECT nq, nv FROM rollup_insts" OF_KEY " AND instrument_id = ?3",
	[R_INST_ADD] = "INSERT INTO rollup_insts (unit_id, month, instrument_id, nq, nv)"
		       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
	[R_ANSWER_ADD] =
		"INSERT INTO rollup_answers (unit_id, month, instrument_id, slot, n)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit_id, month, instrument_id, slot)"
		" DO UPDATE SET n = n + excluded.n",
	[R_EX_ADD] = "INSERT INTO rollup_examples (unit_id, month, theme, hash, response_id)"
		     " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (unit_id, month, theme, hash)"
		     " DO UPDATE SET response_id = min(response_id, excluded.response_id)",
	[R_EX_PRUNE] = "DELETE FROM rollup_examples" OF_KEY " AND theme = ?3 AND response_id >"
		       " (SELECT response_id FROM rollup_examples" OF_KEY " AND theme = ?3"
		       " ORDER BY response_id LIMIT 1 OFFSET ?4)",
	[R_MONTHS] = "SELECT month, " KEY_COLS " FROM rollup_keys"
		     " WHERE unit_id = ?1 AND month BETWEEN ?2 AND ?3 ORDER BY month",
	[R_FIELDS] = "SELECT field_id, n FROM rollup_fields" OF_KEY " ORDER BY field_id",
	[R_STAFF] = "SELECT staff_id, n, s, v FROM rollup_staff" OF_KEY " ORDER BY staff_id",
	[R_INSTS] = "SELECT instrument_id, nq, nv FROM rollup_insts" OF_KEY
		    " ORDER BY instrument_id",
	[R_ANSWERS] = "SELECT instrument_id, slot, n FROM rollup_answers" OF_KEY
		      " ORDER BY instrument_id, slot",
	[R_EXAMPLES] = "SELECT theme, response_id, hash FROM rollup_examples" OF_KEY
		       " ORDER BY theme, response_id",
	[R_CLEAR] =
		"DELETE FROM rollup_keys; DELETE FROM rollup_fields; DELETE FROM rollup_staff;"
		" DELETE FROM rollup_insts; DELETE FROM rollup_answers; DELETE FROM rollup_examples",
	[R_SET_READY] = "UPDATE rollup_state SET ready = 1",
	[R_READY] = "SELECT ready FROM rollup_state",
};

_Static_assert(R_COUNT <= SQ_AREA_STMTS, "the rollups' statements fit their area row");

static sqlite3_stmt *rprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_ROLLUP][id], rollup_sql[id], op, err);
}

static int corrupt(struct hl_err *err, int64_t unit_id, hl_day month, const char *why)
{
	return hl_err_set(err, HL_EIO, HL_HERE,
		"số liệu báo cáo của đơn vị %lld, tháng bắt đầu "
		"ngày %d không đọc được (%s): chạy hailong tallies rebuild",
		(long long)unit_id, (int)month, why);
}

/* Prepare statement id with (unit_id, month) bound to ?1, ?2; NULL with err set. */
static sqlite3_stmt *keyed(struct sq *q, int id, int64_t unit_id, hl_day month, const char *op,
	struct hl_err *err)
{
	sqlite3_stmt *s = rprep(q, id, op, err);

	if (s != NULL &&
		(sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
			sqlite3_bind_int(s, 2, month) != SQLITE_OK)) {
		bind_failed(q, s, HL_HERE, op, err);
		return NULL;
	}
	return s;
}

/* HL_EIO, nothing written, when an instrument of r is stored under the key
 * with another shape. */
static int check_shapes(struct sq *q, int64_t unit_id, hl_day month, const struct hl_rollup *r,
	const char *op, struct hl_err *err)
{
	for (size_t i = 0; i < r->ninst; i++) {
		const struct hl_rollup_inst *t = &r->inst[i];
		sqlite3_stmt *s = keyed(q, R_INST_GET, unit_id, month, op, err);
		int step;
		bool differs;

		if (s == NULL)
			return err->code;
		if (sqlite3_bind_int64(s, 3, t->id) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
		step = sqlite3_step(s);
		differs = step == SQLITE_ROW &&
			(sqlite3_column_int(s, 0) != t->nq || sqlite3_column_int(s, 1) != t->nv);
		sqlite3_reset(s);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return sq_err(q, err, HL_HERE, op);
		if (differs)
			return corrupt(err, unit_id, month, "bộ câu hỏi khác hình dạng");
	}
	return HL_OK;
}

/* Bind the int64 values v[0..n) to ?3.. of s (already keyed) and run it. */
static int run_keyed(struct sq *q, sqlite3_stmt *s, const int64_t *v, int n, const char *op,
	struct hl_err *err)
{
	for (int i = 0; i < n; i++)
		if (sqlite3_bind_int64(s, 3 + i, v[i]) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

/* Add r's counters to the rows of (unit_id, month). */
static int add_rows(struct sq *q, int64_t unit_id, hl_day month, const struct hl_rollup *r,
	struct hl_err *err)
{
	const char *op = "cộng dồn số liệu báo cáo";
	int64_t v[HL_ROLLUP_CHANNELS + HL_ROLLUP_THEMES];
	sqlite3_stmt *s;
	int rc = check_shapes(q, unit_id, month, r, op, err);

	for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
		v[c] = r->chan[c];
	for (int th = 0; th < HL_ROLLUP_THEMES; th++)
		v[HL_ROLLUP_CHANNELS + th] = r->theme[th].n;
	if (rc == HL_OK)
		rc = (s = keyed(q, R_KEY_ADD, unit_id, month, op, err)) == NULL ?
			err->code :
			run_keyed(q, s, v, HL_ROLLUP_CHANNELS + HL_ROLLUP_THEMES, op, err);
	for (size_t i = 0; rc == HL_OK && i < r->nfield; i++)
		rc = (s = keyed(q, R_FIELD_ADD, unit_id, month, op, err)) == NULL ?
			err->code :
			run_keyed(q, s, (int64_t[]){r->field[i].id, r->field[i].n}, 2, op, err);
	for (size_t i = 0; rc == HL_OK && i < r->nstaff; i++) {
		const struct hl_rollup_staff *p = &r->staff[i];

		if ((s = keyed(q, R_STAFF_ADD, unit_id, month, op, err)) == NULL)
			return err->code;
		if (sqlite3_bind_double(s, 5, p->s) != SQLITE_OK ||
			sqlite3_bind_double(s, 6, p->v) != SQLITE_OK)
			return bind_failed(q, s, HL_HERE, op, err);
		rc = run_keyed(q, s, (int64_t[]){p->id, p->n}, 2, op, err);
	}
	for (size_t i = 0; rc == HL_OK && i < r->ninst; i++) {
		const struct hl_rollup_inst *t = &r->inst[i];

		rc = (s = keyed(q, R_INST_ADD, unit_id, month, op, err)) == NULL ?
			err->code :
			run_keyed(q, s, (int64_t[]){t->id, t->nq, t->nv}, 3, op, err);
		for (int k = 0; rc == HL_OK && k < t->nq * t->nv; k++)
			if (t->count[k] != 0)
				rc = (s = keyed(q, R_ANSWER_ADD, unit_id, month, op, err)) == NULL ?
					err->code :
					run_keyed(q, s, (int64_t[]){t->id, k, t->count[k]}, 3, op,
						err);
	}
	for (int th = 0; rc == HL_OK && th < HL_ROLLUP_THEMES; th++) {
		const struct hl_rollup_theme *p = &r->theme[th];

		for (int k = 0; rc == HL_OK && k < p->nex; k++)
			rc = (s = keyed(q, R_EX_ADD, unit_id, month, op, err)) == NULL ?
				err->code :
				run_keyed(q, s,
					(int64_t[]){th, (int64_t)p->ex[k].hash, p->ex[k].id}, 3, op,
					err);
		if (rc == HL_OK && p->nex > 0)
			rc = (s = keyed(q, R_EX_PRUNE, unit_id, month, op, err)) == NULL ?
				err->code :
				run_keyed(q, s, (int64_t[]){th, HL_ROLLUP_EXAMPLES - 1}, 2, op,
					err);
	}
	return rc;
}

int sq_rollup_merge(struct store *st, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len, struct hl_err *err)
{
	struct hl_rollup r;
	struct hl_err e;
	int rc;

	hl_rollup_init(&r);
	if (len == 0 || len > INT32_MAX)
		return corrupt(err, unit_id, month, "độ dài");
	rc = hl_rollup_add_encoded(&r, data, len, &e);
	if (rc != HL_OK)
		rc = e.code == HL_ENOMEM ? hl_err_set(err, HL_ENOMEM, HL_HERE, "%s", e.msg) :
					   corrupt(err, unit_id, month, e.msg);
	else if ((rc = sq_op_begin(st->priv, "cộng dồn số liệu báo cáo", err)) == HL_OK)
		rc = sq_op_end(st->priv, add_rows(st->priv, unit_id, month, &r, err),
			"cộng dồn số liệu báo cáo", err);
	hl_rollup_clear(&r);
	return rc;
}

/* ---- reading: one rollup rebuilt from the rows of its key ---- */

/* Room for one more element in *arr (n used, *cap), hl_realloc'd. */
static bool room(void **arr, size_t n, size_t *cap, size_t elem)
{
	void *na;
	size_t ncap;

	if (n < *cap)
		return true;
	ncap = *cap != 0 ? 2 * *cap : 8;
	if ((na = hl_realloc(*arr, ncap * elem)) == NULL)
		return false;
	*arr = na;
	*cap = ncap;
	return true;
}

/* The rows of one key into r (empty; its arrays sorted by id as rollup.c
 * keeps them). */
static int read_key(struct sq *q, int64_t unit_id, hl_day month, struct hl_rollup *r,
	struct hl_err *err)
{
	const char *op = "đọc số liệu báo cáo";
	sqlite3_stmt *s;
	int step = SQLITE_DONE;
	bool full = false;

	if ((s = keyed(q, R_FIELDS, unit_id, month, op, err)) == NULL)
		return err->code;
	while (!full && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(full = !room((void **)&r->field, r->nfield, &r->capfield, sizeof(*r->field))))
			r->field[r->nfield++] = (struct hl_rollup_field){sqlite3_column_int64(s, 0),
				sqlite3_column_int64(s, 1)};
	}
	sqlite3_reset(s);
	if (!full && step == SQLITE_DONE &&
		(s = keyed(q, R_STAFF, unit_id, month, op, err)) != NULL) {
		while (!full && (step = sqlite3_step(s)) == SQLITE_ROW) {
			if (!(full = !room((void **)&r->staff, r->nstaff, &r->capstaff,
				      sizeof(*r->staff))))
				r->staff[r->nstaff++] =
					(struct hl_rollup_staff){sqlite3_column_int64(s, 0),
						sqlite3_column_int64(s, 1),
						sqlite3_column_double(s, 2),
						sqlite3_column_double(s, 3)};
		}
		sqlite3_reset(s);
	}
	if (s == NULL)
		return err->code;
	if (!full && step == SQLITE_DONE &&
		(s = keyed(q, R_INSTS, unit_id, month, op, err)) != NULL) {
		while (!full && (step = sqlite3_step(s)) == SQLITE_ROW) {
			struct hl_rollup_inst t = {sqlite3_column_int64(s, 0),
				sqlite3_column_int(s, 1), sqlite3_column_int(s, 2), NULL};

			if (t.nq < 0 || t.nv < 1 || t.nq > HL_MAX_QUESTIONS ||
				t.nv > HL_MAX_LEVELS + 1) {
				sqlite3_reset(s);
				return corrupt(err, unit_id, month, "bộ câu hỏi");
			}
			t.count = hl_calloc((size_t)t.nq * (size_t)t.nv + 1, sizeof(*t.count));
			if (t.count == NULL ||
				!room((void **)&r->inst, r->ninst, &r->capinst, sizeof(*r->inst))) {
				hl_free(t.count);
				full = true;
			} else {
				r->inst[r->ninst++] = t;
			}
		}
		sqlite3_reset(s);
	}
	if (s == NULL)
		return err->code;
	if (!full && step == SQLITE_DONE &&
		(s = keyed(q, R_ANSWERS, unit_id, month, op, err)) != NULL) {
		size_t i = 0;

		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0), slot = sqlite3_column_int64(s, 1);

			while (i < r->ninst && r->inst[i].id < id)
				i++;
			if (i == r->ninst || r->inst[i].id != id || slot < 0 ||
				slot >= (int64_t)r->inst[i].nq * r->inst[i].nv) {
				sqlite3_reset(s);
				return corrupt(err, unit_id, month, "câu trả lời");
			}
			r->inst[i].count[slot] = sqlite3_column_int64(s, 2);
		}
		sqlite3_reset(s);
	}
	if (s == NULL)
		return err->code;
	if (!full && step == SQLITE_DONE &&
		(s = keyed(q, R_EXAMPLES, unit_id, month, op, err)) != NULL) {
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			int th = sqlite3_column_int(s, 0);
			struct hl_rollup_theme *p = th >= 0 && th < HL_ROLLUP_THEMES ?
				&r->theme[th] :
				NULL;

			if (p != NULL && p->nex < HL_ROLLUP_EXAMPLES)
				p->ex[p->nex++] = (struct hl_rollup_example){sqlite3_column_int64(s,
										     1),
					(uint64_t)sqlite3_column_int64(s, 2)};
		}
		sqlite3_reset(s);
	}
	if (s == NULL)
		return err->code;
	if (full)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	return step == SQLITE_DONE ? HL_OK : sq_err(q, err, HL_HERE, op);
}

/* A key's month and counters, read before its other rows. */
struct key_row {
	hl_day month;
	int64_t v[HL_ROLLUP_CHANNELS + HL_ROLLUP_THEMES];
};

/* unit_id's keys with month in [first, last], into *keys (hl_realloc'd). */
static int read_keys(struct sq *q, int64_t unit_id, hl_day first, hl_day last,
	struct key_row **keys, size_t *n, size_t *cap, struct hl_err *err)
{
	const char *op = "đọc số liệu báo cáo";
	sqlite3_stmt *s = rprep(q, R_MONTHS, op, err);
	int step;

	*n = 0;
	if (s == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, day_lo(first)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, day_hi(last)) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct key_row *k;

		if (!room((void **)keys, *n, cap, sizeof(**keys))) {
			sqlite3_reset(s);
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
		}
		k = &(*keys)[(*n)++];
		k->month = col_day(s, 0);
		for (int i = 0; i < HL_ROLLUP_CHANNELS + HL_ROLLUP_THEMES; i++)
			k->v[i] = sqlite3_column_int64(s, 1 + i);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? HL_OK : sq_err(q, err, HL_HERE, op);
}

int sq_rollup_scan(struct store *st, const int64_t *units, size_t n, hl_day first, hl_day last,
	store_rollup_cb cb, void *ctx, struct hl_err *err)
{
	struct sq *q = st->priv;
	struct key_row *keys = NULL;
	unsigned char *buf = NULL;
	size_t nkeys = 0, capkeys = 0, capbuf = 0;
	int rc = HL_OK;

	for (size_t i = 0; i < n && rc == HL_OK; i++) {
		rc = read_keys(q, units[i], first, last, &keys, &nkeys, &capkeys, err);
		for (size_t k = 0; k < nkeys && rc == HL_OK; k++) {
			struct hl_rollup r;
			size_t len;

			hl_rollup_init(&r);
			for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
				r.chan[c] = keys[k].v[c];
			for (int th = 0; th < HL_ROLLUP_THEMES; th++)
				r.theme[th].n = keys[k].v[HL_ROLLUP_CHANNELS + th];
			rc = read_key(q, units[i], keys[k].month, &r, err);
			len = hl_rollup_encoded_size(&r);
			if (rc == HL_OK && len > capbuf) {
				unsigned char *nb = hl_realloc(buf, len);

				if (nb == NULL)
					rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
						"hết bộ nhớ khi đọc số liệu báo cáo");
				else
					buf = nb, capbuf = len;
			}
			if (rc == HL_OK) {
				hl_rollup_encode(&r, buf);
				SQ_CALLBACK(q, rc, cb(ctx, units[i], keys[k].month, buf, len));
			}
			hl_rollup_clear(&r);
		}
	}
	hl_free(keys);
	hl_free(buf);
	return rc;
}

int sq_rollup_clear(struct store *st, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "xóa số liệu báo cáo";
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_exec(q->db, rollup_sql[R_CLEAR], NULL, NULL, NULL) == SQLITE_OK ?
		HL_OK :
		sq_err(q, err, HL_HERE, op);
	if (rc == HL_OK && (s = rprep(q, R_SET_READY, op, err)) == NULL)
		return HL_EIO;
	return rc == HL_OK ? sq_step_done(q, s, op, err) : rc;
}

int sq_rollup_ready(struct store *st, bool *ready, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc trạng thái số liệu báo cáo";
	sqlite3_stmt *s;
	int64_t v = 0;
	int rc;

	*ready = false;
	if ((s = rprep(q, R_READY, op, err)) == NULL)
		return HL_EIO;
	rc = sq_step_id(q, s, op, &v, err);
	*ready = rc == HL_OK && v != 0;
	return rc;
}

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
		rc = add_rows(q, sqlite3_column_int64(s, 0), col_day(s, 1), &r, err);
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
