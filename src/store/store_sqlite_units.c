/* store_sqlite_units.c — the SQLite backend's part for units, their
 * lineage (mergers), fields and staff (store.h; what each operation does is
 * in store_sqlite.c's opening comment). Statements are cached in
 * q->area[SQ_UNITS]. */
#include "store/store_sqlite_priv.h"

#include <string.h>

#include "base/arena.h"

#define UNIT_COLS "id, code, name, type, parent_id, valid_from, valid_to"

enum {
	U_UNIT_PUT,
	U_UNIT_GET,
	U_UNIT_LIST,
	U_LINEAGE_ADD,
	U_LINEAGE_LIST,
	U_FIELD_PUT,
	U_FIELD_LIST,
	U_STAFF_PUT,
	U_STAFF_LIST,
	U_COUNT
};

static const char *const units_sql[U_COUNT] = {
	[U_UNIT_PUT] =
		"INSERT INTO units (code, name, type, parent_id, valid_from, valid_to)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (code) DO UPDATE SET"
		" name = excluded.name, type = excluded.type, parent_id = excluded.parent_id,"
		" valid_from = excluded.valid_from, valid_to = excluded.valid_to RETURNING id",
	[U_UNIT_GET] = "SELECT " UNIT_COLS " FROM units WHERE code = ?1",
	[U_UNIT_LIST] = "SELECT " UNIT_COLS " FROM units ORDER BY code",
	[U_LINEAGE_ADD] = "INSERT INTO lineage (new_id, old_id, day) VALUES (?1, ?2, ?3)"
			  " ON CONFLICT (new_id, old_id) DO UPDATE SET day = excluded.day",
	[U_LINEAGE_LIST] = "SELECT new_id, old_id, day FROM lineage ORDER BY new_id, old_id",
	[U_FIELD_PUT] = "INSERT INTO fields (code, name) VALUES (?1, ?2)"
			" ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id",
	[U_FIELD_LIST] = "SELECT id, code, name FROM fields ORDER BY code",
	[U_STAFF_PUT] = "INSERT INTO staff (code, name, unit_id, position) VALUES (?1, ?2, ?3, ?4)"
			" ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
			" unit_id = excluded.unit_id, position = excluded.position RETURNING id",
	[U_STAFF_LIST] = "SELECT id, code, name, unit_id, position FROM staff ORDER BY code",
};

static sqlite3_stmt *uprep(struct sq *q, int id, const char *op, struct hl_err *err)
{
	return sq_prepare(q, &q->area[SQ_UNITS][id], units_sql[id], op, err);
}

/* The rows, in their columns' order; the puts bind them from the second
 * column on (but lineage, bound whole). */
static const struct sq_col unit_cols[] = {
	SQ_I64(struct store_unit, id),
	SQ_TEXT(struct store_unit, code),
	SQ_TEXT(struct store_unit, name),
	SQ_TEXT(struct store_unit, type),
	SQ_ID(struct store_unit, parent_id),
	SQ_DAY(struct store_unit, valid_from),
	SQ_DAY(struct store_unit, valid_to),
};
static const struct sq_col lineage_cols[] = {
	SQ_I64(struct store_lineage, new_id),
	SQ_I64(struct store_lineage, old_id),
	SQ_DAY(struct store_lineage, day),
};
static const struct sq_col field_cols[] = {
	SQ_I64(struct store_field, id),
	SQ_TEXT(struct store_field, code),
	SQ_TEXT(struct store_field, name),
};
static const struct sq_col staff_cols[] = {
	SQ_I64(struct store_staff, id),
	SQ_TEXT(struct store_staff, code),
	SQ_TEXT(struct store_staff, name),
	SQ_ID(struct store_staff, unit_id),
	SQ_TEXT(struct store_staff, position),
};

int sq_unit_put(struct store *st, struct store_unit *u, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu đơn vị";
	int rc = sq_need_code(u->code, "đơn vị", err);

	if (rc != HL_OK)
		return rc;
	return sq_put_row(q, uprep(q, U_UNIT_PUT, op, err), op, unit_cols + 1,
		SQ_NCOLS(unit_cols) - 1, u, &u->id, err);
}

int sq_unit_get(struct store *st, const char *code, struct store_unit *out, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "đọc đơn vị";
	sqlite3_stmt *s;
	int rc = HL_OK, step;

	if ((s = uprep(q, U_UNIT_GET, op, err)) == NULL)
		return HL_EIO;
	if (bind_str(s, 1, code, STORE_CODE_MAX) != SQLITE_OK) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		sq_read_row(s, 0, unit_cols, SQ_NCOLS(unit_cols), out);
	} else if (step == SQLITE_DONE) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có đơn vị mã %s", code);
	} else {
		rc = sq_err(q, err, HL_HERE, op);
	}
cleanup:
	sqlite3_reset(s);
	return rc;
}

int sq_unit_list(struct store *st, struct hl_arena *a, struct store_unit **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê đơn vị";

	return SQ_LIST(q, uprep(q, U_UNIT_LIST, op, err), op, a, unit_cols, out, n, err);
}

int sq_lineage_add(struct store *st, const struct store_lineage *l, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu quan hệ sáp nhập đơn vị";

	return SQ_EXEC(q, uprep(q, U_LINEAGE_ADD, op, err), op, NULL, err,
		SQ_ARG(SQK_I64, l->new_id), SQ_ARG(SQK_I64, l->old_id), SQ_ARG(SQK_INT, l->day));
}

int sq_lineage_list(struct store *st, struct hl_arena *a, struct store_lineage **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê quan hệ sáp nhập đơn vị";

	return SQ_LIST(q, uprep(q, U_LINEAGE_LIST, op, err), op, a, lineage_cols, out, n, err);
}

int sq_field_put(struct store *st, struct store_field *f, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu lĩnh vực";
	int rc = sq_need_code(f->code, "lĩnh vực", err);

	if (rc != HL_OK)
		return rc;
	return sq_put_row(q, uprep(q, U_FIELD_PUT, op, err), op, field_cols + 1,
		SQ_NCOLS(field_cols) - 1, f, &f->id, err);
}

int sq_field_list(struct store *st, struct hl_arena *a, struct store_field **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê lĩnh vực";

	return SQ_LIST(q, uprep(q, U_FIELD_LIST, op, err), op, a, field_cols, out, n, err);
}

int sq_staff_put(struct store *st, struct store_staff *p, struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "lưu cán bộ";
	int rc = sq_need_code(p->code, "cán bộ", err);

	if (rc != HL_OK)
		return rc;
	return sq_put_row(q, uprep(q, U_STAFF_PUT, op, err), op, staff_cols + 1,
		SQ_NCOLS(staff_cols) - 1, p, &p->id, err);
}

int sq_staff_list(struct store *st, struct hl_arena *a, struct store_staff **out, size_t *n,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	const char *op = "liệt kê cán bộ";

	return SQ_LIST(q, uprep(q, U_STAFF_LIST, op, err), op, a, staff_cols, out, n, err);
}
