/* store_sqlite_fb.c — the SQLite backend's part for feedback (phản ánh, kiến
 * nghị; issue 6, store.h "feedback"): the offices items go to (the ward's
 * usual four built in for every unit), the items with their steps, the
 * senders kept in a table of their own, and the deadlines per unit and
 * class. Statements are cached in q->area[SQ_FB].
 *
 * What each operation does (every backend must behave the same):
 *  - fb_office_put: insert (unit_id, code) or rename it; sets o->id. An empty
 *    code or name: HL_EINVAL. fb_office_list: unit_id's offices and the
 *    built-in ones (unit_id 0 there), by code with the unit's own first;
 *    unit_id 0 = every office.
 *  - fb_item_put: insert with its text and a unique code and token hash
 *    (HL_EEXIST when either is taken); sets it->id, version 1. fb_item_update
 *    writes the step fields by id and version (compare-and-set: version + 1,
 *    in it too, when the stored one is it->version, else HL_ECONFLICT; HL_ENOTFOUND
 *    when the row is gone); answer NULL keeps it.
 *  - fb_item_get / fb_item_get_token: HL_ENOTFOUND when absent; text and
 *    answer copied into the arena. fb_item_list: by received_at then id;
 *    texts only when the filter asks.
 *  - fb_contact_put / fb_contact_get: one row per item; get gives "" when none.
 *  - fb_step_add / fb_step_list: the steps of an item, in order added.
 *  - fb_deadline_set: by (unit_id, cls), -1 stored as "not set" (NULL).
 *  - fb_idem_put: inserts; HL_EEXIST when (unit_id, key_hash) is there.
 *    fb_idem_get: by (unit_id, key_hash), HL_ENOTFOUND when absent.
 *  Lists come back in the caller's arena; running out of it is HL_ENOMEM.
 *  Every SQLite failure is HL_EIO with SQLite's message. */
#include "store/store_sqlite_priv.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"

/* The feedback migration (store_sqlite.c's list points here). Offices with
 * unit_id 0 are built in: a ward's usual offices, for every unit. */
const char sq_fb_schema[] = "CREATE TABLE fb_offices ("
			    " id INTEGER PRIMARY KEY,"
			    " code TEXT NOT NULL,"
			    " unit_id INTEGER NOT NULL,"
			    " name TEXT NOT NULL,"
			    " UNIQUE (unit_id, code));"
			    "INSERT INTO fb_offices (code, unit_id, name) VALUES"
			    " ('VP', 0, 'Văn phòng HĐND và UBND'),"
			    " ('VHXH', 0, 'Phòng Văn hóa – Xã hội'),"
			    " ('KTHTDT', 0, 'Phòng Kinh tế, Hạ tầng và Đô thị'),"
			    " ('TTPVHCC', 0, 'Trung tâm phục vụ hành chính công');"
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

enum {
	F_OFFICE_PUT,
	F_OFFICE_LIST,
	F_ITEM_PUT,
	F_ITEM_UPDATE,
	F_ITEM_GET,
	F_ITEM_GET_TOKEN,
	F_ITEM_LIST,
	F_ITEM_COUNT,
	F_CONTACT_PUT,
	F_CONTACT_GET,
	F_STEP_ADD,
	F_STEP_LIST,
	F_DEADLINE_SET,
	F_DEADLINE_LIST,
	F_IDEM_GET,
	F_IDEM_PUT,
	F_ITEM_EXISTS,
	F_COUNT
};

#define ITEM_COLS \
	"id, code, unit_id, channel, kind, class, criterion, state, received_at," \
	" classified_at, office_id, forwarded_at, answer_no, first_answered_at, answered_at," \
	" published_at, rating, rated_at, reopened_at, closed_at, reopened, token_hash, text, answer," \
	" version"

static const char *const fb_sql[F_COUNT] = {
	[F_OFFICE_PUT] =
		"INSERT INTO fb_offices (code, unit_id, name) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (unit_id, code) DO UPDATE SET name = excluded.name RETURNING id",
	[F_OFFICE_LIST] = "SELECT id, code, unit_id, name FROM fb_offices"
			  " WHERE ?1 = 0 OR unit_id IN (0, ?1) ORDER BY code, unit_id DESC",
	[F_ITEM_PUT] = "INSERT INTO fb_items (code, unit_id, channel, kind, class, criterion,"
		       " state, received_at, answer_no, rating, reopened, token_hash, text)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, ?9, ?10)"
		       " ON CONFLICT DO NOTHING RETURNING id",
	[F_ITEM_UPDATE] =
		"UPDATE fb_items SET kind = ?2, class = ?3, criterion = ?4, state = ?5,"
		" classified_at = ?6, office_id = ?7, forwarded_at = ?8, answer_no = ?9,"
		" first_answered_at = ?10, answered_at = ?11, published_at = ?12, rating = ?13,"
		" rated_at = ?14, reopened_at = ?15, closed_at = ?16, reopened = ?17,"
		" answer = coalesce(?18, answer), version = version + 1"
		" WHERE id = ?1 AND version = ?19",
	[F_ITEM_GET] = "SELECT " ITEM_COLS " FROM fb_items WHERE code = ?1",
	[F_ITEM_EXISTS] = "SELECT 1 FROM fb_items WHERE id = ?1",
	[F_ITEM_GET_TOKEN] = "SELECT " ITEM_COLS " FROM fb_items WHERE token_hash = ?1",
	[F_ITEM_LIST] = "SELECT " ITEM_COLS " FROM fb_items"
			" WHERE (?1 = 0 OR unit_id = ?1) AND (?2 IS NULL OR received_at >= ?2)"
			" AND (?3 IS NULL OR received_at < ?3) AND (?4 = 0 OR closed_at IS NULL)"
			" AND (?5 = 0 OR published_at IS NOT NULL) ORDER BY received_at, id",
	[F_ITEM_COUNT] = "SELECT count(*) FROM fb_items"
			 " WHERE unit_id = ?1 AND received_at >= ?2 AND received_at < ?3",
	[F_CONTACT_PUT] = "INSERT INTO fb_contacts (item_id, name, contact) VALUES (?1, ?2, ?3)"
			  " ON CONFLICT (item_id) DO UPDATE SET name = excluded.name,"
			  " contact = excluded.contact",
	[F_CONTACT_GET] = "SELECT name, contact FROM fb_contacts WHERE item_id = ?1",
	[F_STEP_ADD] = "INSERT INTO fb_steps (item_id, step, who, at, detail)"
		       " VALUES (?1, ?2, ?3, ?4, ?5)",
	[F_STEP_LIST] = "SELECT item_id, step, who, at, detail FROM fb_steps WHERE item_id = ?1"
			" ORDER BY id",
	[F_DEADLINE_SET] =
		"INSERT INTO fb_deadlines (unit_id, class, forward_hours, answer_days)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (unit_id, class) DO UPDATE SET"
		" forward_hours = excluded.forward_hours, answer_days = excluded.answer_days",
	[F_DEADLINE_LIST] = "SELECT unit_id, class, forward_hours, answer_days FROM fb_deadlines"
			    " ORDER BY unit_id, class",
	[F_IDEM_GET] = "SELECT content_hash, salt, item_id FROM fb_idem"
		       " WHERE unit_id = ?1 AND key_hash = ?2",
	[F_IDEM_PUT] = "INSERT INTO fb_idem (unit_id, key_hash, content_hash, salt, item_id)"
		       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
};

static sqlite3_stmt *fprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_FB][id], fb_sql[id], op, err);
}

/* -1 as NULL, for the settings that may be left unset. */
static int bind_opt_int(sqlite3_stmt *s, int i, int v)
{
	return v < 0 ? sqlite3_bind_null(s, i) : sqlite3_bind_int(s, i, v);
}

/* ---- offices ---- */

static void read_office(sqlite3_stmt *s, void *elem)
{
	struct store_fb_office *o = elem;

	o->id = sqlite3_column_int64(s, 0);
	sq_col_text(s, 1, o->code, sizeof(o->code));
	o->unit_id = sqlite3_column_int64(s, 2);
	sq_col_text(s, 3, o->name, sizeof(o->name));
}

int sq_fb_office_put(struct store *st, struct store_fb_office *o, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu phòng, ban tiếp nhận phản ánh";
	sqlite3_stmt *s;

	if (o->code[0] == '\0' || o->name[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mã hoặc tên phòng, ban trống");
	if ((s = fprep(q, F_OFFICE_PUT, op, err)) == NULL)
		return HL_EIO;
	if (bind_str(s, 1, o->code, sizeof(o->code)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, o->unit_id) != SQLITE_OK ||
		bind_str(s, 3, o->name, sizeof(o->name)) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_id(q, s, op, &o->id, err);
}

int sq_fb_office_list(struct store *st, int64_t unit_id, struct hl_arena *a,
	struct store_fb_office **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê phòng, ban";
	sqlite3_stmt *s = fprep(q, F_OFFICE_LIST, op, err);
	int rc = SQ_BIND(q, s, op, err, SQ_ARG(SQK_I64, unit_id));

	*out = NULL;
	*n = 0;
	return rc != HL_OK ? rc :
			     sq_list_rows(q, s, op, a, sizeof(**out), read_office, out, n, err);
}

/* ---- items ---- */

/* The row without its texts (list and get share it). */
static void read_item(sqlite3_stmt *s, void *elem)
{
	struct store_fb_item *it = elem;
	const void *h;

	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(s, 0);
	sq_col_text(s, 1, it->code, sizeof(it->code));
	it->unit_id = sqlite3_column_int64(s, 2);
	it->channel = sqlite3_column_int(s, 3);
	it->kind = sqlite3_column_int(s, 4);
	it->cls = sqlite3_column_int(s, 5);
	sq_col_text(s, 6, it->criterion, sizeof(it->criterion));
	it->state = sqlite3_column_int(s, 7);
	it->received_at = sqlite3_column_int64(s, 8);
	it->classified_at = col_minute(s, 9);
	it->office_id = sqlite3_column_int64(s, 10);
	it->forwarded_at = col_minute(s, 11);
	it->answer_no = sqlite3_column_int(s, 12);
	it->first_answered_at = col_minute(s, 13);
	it->answered_at = col_minute(s, 14);
	it->published_at = col_minute(s, 15);
	it->rating = sqlite3_column_int(s, 16);
	it->rated_at = col_minute(s, 17);
	it->reopened_at = col_minute(s, 18);
	it->closed_at = col_minute(s, 19);
	it->reopened = sqlite3_column_int(s, 20);
	h = sqlite3_column_blob(s, 21);
	if (h != NULL && sqlite3_column_bytes(s, 21) == STORE_HASH_LEN)
		memcpy(it->token_hash, h, STORE_HASH_LEN);
	it->version = sqlite3_column_int64(s, 24);
}

/* Text column i copied into a, or NULL when it is NULL; false when a is full. */
static bool arena_text(sqlite3_stmt *s, int i, struct hl_arena *a, char **out)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	*out = NULL;
	if (t == NULL)
		return true;
	*out = hl_arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
	return *out != NULL;
}

int sq_fb_item_put(struct store *st, struct store_fb_item *it, const char *text, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu phản ánh, kiến nghị";
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	if (it->code[0] == '\0' || it->unit_id <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "phản ánh thiếu mã hoặc đơn vị");
	if ((s = fprep(q, F_ITEM_PUT, op, err)) == NULL)
		return HL_EIO;
	if (bind_str(s, 1, it->code, sizeof(it->code)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, it->unit_id) != SQLITE_OK ||
		sqlite3_bind_int(s, 3, it->channel) != SQLITE_OK ||
		sqlite3_bind_int(s, 4, it->kind) != SQLITE_OK ||
		sqlite3_bind_int(s, 5, it->cls) != SQLITE_OK ||
		bind_str(s, 6, it->criterion, sizeof(it->criterion)) != SQLITE_OK ||
		sqlite3_bind_int(s, 7, it->state) != SQLITE_OK ||
		sqlite3_bind_int64(s, 8, it->received_at) != SQLITE_OK ||
		sqlite3_bind_blob(s, 9, it->token_hash, STORE_HASH_LEN, SQLITE_STATIC) !=
			SQLITE_OK ||
		sqlite3_bind_text(s, 10, text, -1, SQLITE_STATIC) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		it->id = sqlite3_column_int64(s, 0);
		it->version = 1;
	} else if (step == SQLITE_DONE)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE, "đã có phản ánh mã %s", it->code);
	else
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	return rc;
}

/* A compare-and-set of it matched no row: HL_ENOTFOUND when the item is
 * gone, else HL_ECONFLICT (another update came first). */
static int item_changed(struct sq *q, const struct store_fb_item *it, const char *op,
	struct hl_err *err)
{
	sqlite3_stmt *s = fprep(q, F_ITEM_EXISTS, op, err);
	int rc, step;

	if (s == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, it->id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		rc = hl_err_set(err, HL_ECONFLICT, "version",
			"phản ánh %s đã thay đổi từ khi được đọc "
			"ở phiên bản %lld",
			it->code, (long long)it->version);
	else if (step == SQLITE_DONE)
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phản ánh mã %s", it->code);
	else
		rc = sq_err(q, err, HL_HERE, op);
	sqlite3_reset(s);
	return rc;
}

int sq_fb_item_update(struct store *st, struct store_fb_item *it, const char *answer,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "cập nhật phản ánh, kiến nghị";
	sqlite3_stmt *s;
	int rc;

	if ((s = fprep(q, F_ITEM_UPDATE, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, it->id) != SQLITE_OK ||
		sqlite3_bind_int(s, 2, it->kind) != SQLITE_OK ||
		sqlite3_bind_int(s, 3, it->cls) != SQLITE_OK ||
		bind_str(s, 4, it->criterion, sizeof(it->criterion)) != SQLITE_OK ||
		sqlite3_bind_int(s, 5, it->state) != SQLITE_OK ||
		bind_minute(s, 6, it->classified_at) != SQLITE_OK ||
		bind_id(s, 7, it->office_id) != SQLITE_OK ||
		bind_minute(s, 8, it->forwarded_at) != SQLITE_OK ||
		sqlite3_bind_int(s, 9, it->answer_no) != SQLITE_OK ||
		bind_minute(s, 10, it->first_answered_at) != SQLITE_OK ||
		bind_minute(s, 11, it->answered_at) != SQLITE_OK ||
		bind_minute(s, 12, it->published_at) != SQLITE_OK ||
		sqlite3_bind_int(s, 13, it->rating) != SQLITE_OK ||
		bind_minute(s, 14, it->rated_at) != SQLITE_OK ||
		bind_minute(s, 15, it->reopened_at) != SQLITE_OK ||
		bind_minute(s, 16, it->closed_at) != SQLITE_OK ||
		sqlite3_bind_int(s, 17, it->reopened) != SQLITE_OK ||
		(answer != NULL ? sqlite3_bind_text(s, 18, answer, -1, SQLITE_STATIC) :
				  sqlite3_bind_null(s, 18)) != SQLITE_OK ||
		sqlite3_bind_int64(s, 19, it->version) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = sq_step_done(q, s, op, err);
	if (rc == HL_OK && sqlite3_changes(q->db) == 0)
		return item_changed(q, it, op, err);
	if (rc == HL_OK)
		it->version++;
	return rc;
}

/* Step the bound s for one item with its texts into a; resets s. */
static int get_item(struct sq *q, sqlite3_stmt *s, const char *op, struct hl_arena *a,
	struct store_fb_item *out, const char *what, struct hl_err *err)
{
	int rc = HL_OK, step = sqlite3_step(s);

	if (step == SQLITE_ROW) {
		read_item(s, out);
		if (!arena_text(s, 22, a, &out->text) || !arena_text(s, 23, a, &out->answer))
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	} else if (step == SQLITE_DONE) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phản ánh %s", what);
	} else {
		rc = sq_err(q, err, HL_HERE, op);
	}
	sqlite3_reset(s);
	return rc;
}

int sq_fb_item_get(struct store *st, const char *code, struct hl_arena *a,
	struct store_fb_item *out, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc phản ánh, kiến nghị";
	char what[STORE_CODE_MAX + 8];
	sqlite3_stmt *s;

	if ((s = fprep(q, F_ITEM_GET, op, err)) == NULL)
		return HL_EIO;
	if (bind_str(s, 1, code, STORE_CODE_MAX) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	snprintf(what, sizeof(what), "mã %.*s", STORE_CODE_MAX - 1, code);
	return get_item(q, s, op, a, out, what, err);
}

int sq_fb_item_get_token(struct store *st, const unsigned char *token_hash, struct hl_arena *a,
	struct store_fb_item *out, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "tra cứu phản ánh, kiến nghị";
	sqlite3_stmt *s;

	if ((s = fprep(q, F_ITEM_GET_TOKEN, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_blob(s, 1, token_hash, STORE_HASH_LEN, SQLITE_STATIC) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return get_item(q, s, op, a, out, "nào mang mã tra cứu này", err);
}

int sq_fb_item_list(struct store *st, const struct store_fb_filter *f, struct hl_arena *a,
	struct store_fb_item **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê phản ánh, kiến nghị";
	struct store_fb_item *arr = NULL;
	size_t count = 0, cap = 0;
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	*out = NULL;
	*n = 0;
	if ((s = fprep(q, F_ITEM_LIST, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, f->unit_id) != SQLITE_OK ||
		bind_minute(s, 2, f->from) != SQLITE_OK || bind_minute(s, 3, f->to) != SQLITE_OK ||
		sqlite3_bind_int(s, 4, f->open_only) != SQLITE_OK ||
		sqlite3_bind_int(s, 5, f->published_only) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		void *p = arr;

		if (sq_grow(a, &p, count, &cap, sizeof(*arr)) != HL_OK)
			goto nomem;
		arr = p;
		read_item(s, &arr[count]);
		if (f->with_text &&
			(!arena_text(s, 22, a, &arr[count].text) ||
				!arena_text(s, 23, a, &arr[count].answer)))
			goto nomem;
		count++;
	}
	if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	*out = arr;
	*n = count;
	goto cleanup;
nomem:
	rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s (đã đọc %zu dòng)", op, count);
cleanup:
	sqlite3_reset(s);
	return rc;
}

/* One integer from a statement bound with (unit_id, from, to). */
static int range_int(struct sq *q, int id, const char *op, int64_t unit_id, int64_t from,
	int64_t to, int64_t *out, struct hl_err *err)
{
	sqlite3_stmt *s;

	if ((s = fprep(q, id, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		sqlite3_bind_int64(s, 2, from) != SQLITE_OK ||
		sqlite3_bind_int64(s, 3, to) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_id(q, s, op, out, err);
}

int sq_fb_item_count(struct store *st, int64_t unit_id, int64_t from, int64_t to, int64_t *count,
	struct hl_err *err)
{
	return range_int(st->priv, F_ITEM_COUNT, "đếm phản ánh trong ngày", unit_id, from, to,
		count, err);
}

/* ---- the sender ---- */

int sq_fb_contact_put(struct store *st, int64_t item_id, const char *name, const char *contact,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu người gửi phản ánh";

	return SQ_EXEC(q, fprep(q, F_CONTACT_PUT, op, err), op, NULL, err, SQ_ARG(SQK_I64, item_id),
		SQ_ARG_TEXT(name), SQ_ARG_TEXT(contact));
}

int sq_fb_contact_get(struct store *st, int64_t item_id, struct hl_arena *a, char **name,
	char **contact, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc người gửi phản ánh";
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	*name = *contact = NULL;
	if ((s = fprep(q, F_CONTACT_GET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, item_id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		if (!arena_text(s, 0, a, name) || !arena_text(s, 1, a, contact))
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	} else if (step != SQLITE_DONE) {
		rc = sq_err(q, err, HL_HERE, op);
	}
	sqlite3_reset(s);
	if (rc == HL_OK && *name == NULL)
		*name = hl_arena_strdup(a, "");
	if (rc == HL_OK && *contact == NULL)
		*contact = hl_arena_strdup(a, "");
	if (rc == HL_OK && (*name == NULL || *contact == NULL))
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	return rc;
}

/* ---- steps ---- */

int sq_fb_step_add(struct store *st, const struct store_fb_step *stp, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "ghi bước xử lý phản ánh";

	return SQ_EXEC(q, fprep(q, F_STEP_ADD, op, err), op, NULL, err,
		SQ_ARG(SQK_I64, stp->item_id), SQ_ARG_BUF(stp->step), SQ_ARG_BUF(stp->who),
		SQ_ARG(SQK_I64, stp->at), SQ_ARG_BUF(stp->detail));
}

static void read_step(sqlite3_stmt *s, void *elem)
{
	struct store_fb_step *stp = elem;

	stp->item_id = sqlite3_column_int64(s, 0);
	sq_col_text(s, 1, stp->step, sizeof(stp->step));
	sq_col_text(s, 2, stp->who, sizeof(stp->who));
	stp->at = sqlite3_column_int64(s, 3);
	sq_col_text(s, 4, stp->detail, sizeof(stp->detail));
}

int sq_fb_step_list(struct store *st, int64_t item_id, struct hl_arena *a,
	struct store_fb_step **out, size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc các bước xử lý phản ánh";
	sqlite3_stmt *s = fprep(q, F_STEP_LIST, op, err);
	int rc = SQ_BIND(q, s, op, err, SQ_ARG(SQK_I64, item_id));

	*out = NULL;
	*n = 0;
	return rc != HL_OK ? rc : sq_list_rows(q, s, op, a, sizeof(**out), read_step, out, n, err);
}

/* ---- deadlines ---- */

int sq_fb_deadline_set(struct store *st, const struct store_fb_deadline *d, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu thời hạn xử lý phản ánh";
	sqlite3_stmt *s;

	if (d->unit_id <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thời hạn cần một đơn vị");
	if ((s = fprep(q, F_DEADLINE_SET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, d->unit_id) != SQLITE_OK ||
		sqlite3_bind_int(s, 2, d->cls) != SQLITE_OK ||
		bind_opt_int(s, 3, d->forward_hours) != SQLITE_OK ||
		bind_opt_int(s, 4, d->answer_days) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	return sq_step_done(q, s, op, err);
}

static void read_deadline(sqlite3_stmt *s, void *elem)
{
	struct store_fb_deadline *d = elem;

	d->unit_id = sqlite3_column_int64(s, 0);
	d->cls = sqlite3_column_int(s, 1);
	d->forward_hours = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 2);
	d->answer_days = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 3);
}

int sq_fb_deadline_list(struct store *st, struct hl_arena *a, struct store_fb_deadline **out,
	size_t *n, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc thời hạn xử lý phản ánh";
	sqlite3_stmt *s;
	void *arr = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = fprep(q, F_DEADLINE_LIST, op, err)) == NULL)
		return HL_EIO;
	rc = sq_list_rows(q, s, op, a, sizeof(**out), read_deadline, &arr, n, err);
	*out = arr;
	return rc;
}

/* ---- idempotency keys ---- */

/* A hash column into out; false when it is not one. */
static bool col_hash(sqlite3_stmt *s, int i, unsigned char *out)
{
	const void *b = sqlite3_column_blob(s, i);

	if (b == NULL || sqlite3_column_bytes(s, i) != STORE_HASH_LEN)
		return false;
	memcpy(out, b, STORE_HASH_LEN);
	return true;
}

int sq_fb_idem_get(struct store *st, int64_t unit_id, const unsigned char *key_hash,
	struct store_fb_idem *out, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc mã gửi lại của phản ánh";
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	if ((s = fprep(q, F_IDEM_GET, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, unit_id) != SQLITE_OK ||
		sqlite3_bind_blob(s, 2, key_hash, STORE_HASH_LEN, SQLITE_STATIC) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->unit_id = unit_id;
		memcpy(out->key_hash, key_hash, STORE_HASH_LEN);
		out->item_id = sqlite3_column_int64(s, 2);
		if (!col_hash(s, 0, out->content_hash) || !col_hash(s, 1, out->salt))
			rc = hl_err_set(err, HL_EIO, HL_HERE,
				"mã gửi lại của phản ánh bị hỏng (%s)", q->path);
	} else if (step == SQLITE_DONE) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "chưa có phản ánh với mã gửi lại này");
	} else {
		rc = sq_err(q, err, HL_HERE, op);
	}
	sqlite3_reset(s);
	return rc;
}

int sq_fb_idem_put(struct store *st, const struct store_fb_idem *k, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu mã gửi lại của phản ánh";
	sqlite3_stmt *s;
	int rc;

	if ((s = fprep(q, F_IDEM_PUT, op, err)) == NULL)
		return HL_EIO;
	if (sqlite3_bind_int64(s, 1, k->unit_id) != SQLITE_OK ||
		sqlite3_bind_blob(s, 2, k->key_hash, STORE_HASH_LEN, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_blob(s, 3, k->content_hash, STORE_HASH_LEN, SQLITE_STATIC) !=
			SQLITE_OK ||
		sqlite3_bind_blob(s, 4, k->salt, STORE_HASH_LEN, SQLITE_STATIC) != SQLITE_OK ||
		sqlite3_bind_int64(s, 5, k->item_id) != SQLITE_OK)
		return bind_failed(q, s, HL_HERE, op, err);
	rc = sq_step_done(q, s, op, err);
	if (rc == HL_OK && sqlite3_changes(q->db) == 0)
		rc = hl_err_set(err, HL_EEXIST, HL_HERE, "đã có phản ánh với mã gửi lại này");
	return rc;
}
