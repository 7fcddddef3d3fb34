/* store_q_units.c — the units area (store.h struct store_units_ops): units,
 * their lineage (mergers), fields and staff, written once for every backend
 * (store_q.h). A put is an upsert by code returning the row's id; a list is
 * ordered by code, byte by byte (PostgreSQL's columns are COLLATE "C"). */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>

#define UNIT_COLS "id, code, name, type, parent_id, valid_from, valid_to"

#include "store/sql/units.h" /* its statements: sql/units.sql */

/* Upsert row (a struct whose first column is its id and second its code,
 * what it is in words) by s; *id its id. */
static int put(struct store *st, const struct q_stmt *s, const struct sq_col *cols, size_t n,
	const void *row, const char *code, const char *what, int64_t *id, struct hl_err *err)
{
	struct q_args a = {0};
	char op[64];

	if (code[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mã %s trống", what);
	snprintf(op, sizeof(op), "lưu %s", what);
	q_row(&a, cols + 1, n - 1, row);
	return q_int(st, s, &a, id, op, err);
}

static int q_unit_put(struct store *st, struct store_unit *u, struct hl_err *err)
{
	return put(st, &unit_put, unit_cols, SQ_NCOLS(unit_cols), u, u->code, "đơn vị", &u->id,
		err);
}

static int q_field_put(struct store *st, struct store_field *f, struct hl_err *err)
{
	return put(st, &field_put, field_cols, SQ_NCOLS(field_cols), f, f->code, "lĩnh vực", &f->id,
		err);
}

static int q_staff_put(struct store *st, struct store_staff *p, struct hl_err *err)
{
	return put(st, &staff_put, staff_cols, SQ_NCOLS(staff_cols), p, p->code, "cán bộ", &p->id,
		err);
}

static int q_unit_get(struct store *st, const char *code, struct store_unit *out,
	struct hl_err *err)
{
	struct q_args a = {0};
	char missing[STORE_CODE_MAX + 32];

	q_text(&a, code, STORE_CODE_MAX);
	snprintf(missing, sizeof(missing), "không có đơn vị mã %s", code);
	return Q_GET(st, &unit_get, &a, unit_cols, out, "đọc đơn vị", missing, err);
}

static int q_lineage_add(struct store *st, const struct store_lineage *l, struct hl_err *err)
{
	struct q_args a = {0};

	q_row(&a, lineage_cols, SQ_NCOLS(lineage_cols), l);
	return q_exec(st, &lineage_add, &a, NULL, "lưu quan hệ sáp nhập đơn vị", err);
}

static int q_unit_list(struct store *st, struct hl_arena *ar, struct store_unit **out, size_t *n,
	struct hl_err *err)
{
	return Q_LIST(st, &unit_list, NULL, ar, unit_cols, out, n, "liệt kê đơn vị", err);
}

static int q_lineage_list(struct store *st, struct hl_arena *ar, struct store_lineage **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &lineage_list, NULL, ar, lineage_cols, out, n,
		"liệt kê quan hệ sáp nhập đơn vị", err);
}

static int q_field_list(struct store *st, struct hl_arena *ar, struct store_field **out, size_t *n,
	struct hl_err *err)
{
	return Q_LIST(st, &field_list, NULL, ar, field_cols, out, n, "liệt kê lĩnh vực", err);
}

static int q_staff_list(struct store *st, struct hl_arena *ar, struct store_staff **out, size_t *n,
	struct hl_err *err)
{
	return Q_LIST(st, &staff_list, NULL, ar, staff_cols, out, n, "liệt kê cán bộ", err);
}

static int q_contact_put(struct store *st, const struct store_unit_contact *c, struct hl_err *err)
{
	struct q_args a = {0};

	q_row(&a, contact_cols, SQ_NCOLS(contact_cols), c);
	return q_exec(st, &contact_put, &a, NULL, "lưu địa chỉ liên hệ của đơn vị", err);
}

static int q_contact_get(struct store *st, int64_t unit_id, struct store_unit_contact *out,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, unit_id);
	return Q_GET(st, &contact_get, &a, contact_cols, out, "đọc địa chỉ liên hệ của đơn vị",
		"đơn vị chưa có địa chỉ liên hệ", err);
}

const struct store_units_ops q_units = {Q_OP(unit_put), Q_OP(unit_get), Q_OP(unit_list),
	Q_OP(lineage_add), Q_OP(lineage_list), Q_OP(field_put), Q_OP(field_list), Q_OP(staff_put),
	Q_OP(staff_list), Q_OP(contact_put), Q_OP(contact_get)};
