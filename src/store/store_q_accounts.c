/* store_q_accounts.c — the accounts area (store.h struct store_accounts_ops):
 * users, sessions and kiosks, written once for every backend (store_q.h);
 * the rate limits are store_q_rate.c's. What each operation does is
 * written in store.h and checked by tests/unit/store/test_store_srv.c:
 *  - user_put: upsert by name (u->id set either way); an empty name or a
 *    role outside enum store_role: HL_EINVAL; unit_id 0 stored as NULL.
 *  - session_user returns an expired session as is (the caller checks
 *    expires_at); deleting an absent one is HL_OK.
 *  - kiosk_put: a new name only (HL_EEXIST otherwise); kiosk_rename:
 *    HL_ENOTFOUND, HL_EEXIST when the new name is taken, HL_EINVAL for "". */
#include "store/store_q.h"

#include <stdio.h>

#define USER_COLS "id, name, role, unit_id, pwhash, disabled"
#define KIOSK_COLS "id, name, unit_id, token_hash, revoked"

#include "store/sql/accounts.h" /* its statements: sql/accounts.sql */

#define KIOSK_NCOLS (SQ_NCOLS(kiosk_cols) - 1)

static int q_user_put(struct store *st, struct store_user *u, struct hl_err *err)
{
	struct q_args a = {0};

	if (u->name[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "tên đăng nhập trống");
	if (u->role < ROLE_ENTRY || u->role > ROLE_ADMIN)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"tài khoản %s: vai trò không hợp lệ (%d)", u->name, u->role);
	q_row(&a, user_cols + 1, SQ_NCOLS(user_cols) - 1, u);
	return q_int(st, &user_put, &a, &u->id, "lưu tài khoản", err);
}

static int q_user_get(struct store *st, const char *name, struct store_user *out,
	struct hl_err *err)
{
	struct q_args a = {0};
	char missing[STORE_CODE_MAX + 32];

	q_text(&a, name, STORE_CODE_MAX);
	snprintf(missing, sizeof(missing), "không có tài khoản %s", name);
	return Q_GET(st, &user_get, &a, user_cols, out, "đọc tài khoản", missing, err);
}

static int q_user_get_id(struct store *st, int64_t id, struct store_user *out, struct hl_err *err)
{
	struct q_args a = {0};
	char missing[64];

	q_i64(&a, id);
	snprintf(missing, sizeof(missing), "không có tài khoản số %lld", (long long)id);
	return Q_GET(st, &user_get_id, &a, user_cols, out, "đọc tài khoản", missing, err);
}

static int q_user_list(struct store *st, struct hl_arena *ar, struct store_user **out, size_t *n,
	struct hl_err *err)
{
	return Q_LIST(st, &user_list, NULL, ar, user_cols, out, n, "liệt kê tài khoản", err);
}

static int q_session_put(struct store *st, const struct store_session *se, struct hl_err *err)
{
	struct q_args a = {0};

	q_row(&a, session_cols, SQ_NCOLS(session_cols), se);
	return q_exec(st, &session_put, &a, NULL, "lưu phiên đăng nhập", err);
}

/* A session and its user, read from one row. */
struct session_user {
	struct store_session s;
	struct store_user u;
};

static void read_session_user(const struct q_cur *c, void *elem)
{
	struct session_user *x = elem;

	q_read(c, 0, session_cols, SQ_NCOLS(session_cols), &x->s);
	q_read(c, (int)SQ_NCOLS(session_cols), user_cols, SQ_NCOLS(user_cols), &x->u);
}

static int q_session_user(struct store *st, const unsigned char *token_hash,
	struct store_session *sess, struct store_user *user, struct hl_err *err)
{
	struct q_args a = {0};
	struct session_user x;
	int rc;

	q_blob(&a, token_hash, STORE_HASH_LEN);
	rc = q_get_fn(st, &session_user, &a, read_session_user, &x, sizeof(x),
		"đọc phiên đăng nhập", "không có phiên đăng nhập này (có thể đã đăng xuất)", err);
	if (rc == HL_OK) {
		*sess = x.s;
		*user = x.u;
	}
	return rc;
}

static int q_session_delete(struct store *st, const unsigned char *token_hash, struct hl_err *err)
{
	struct q_args a = {0};

	q_blob(&a, token_hash, STORE_HASH_LEN);
	return q_exec(st, &session_delete, &a, NULL, "xóa phiên đăng nhập", err);
}

static int q_session_purge(struct store *st, int64_t now, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, now);
	return q_exec(st, &session_purge, &a, NULL, "xóa các phiên đăng nhập hết hạn", err);
}

static int q_session_delete_user(struct store *st, int64_t user_id, const unsigned char *keep,
	struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, user_id);
	if (keep != NULL)
		q_blob(&a, keep, STORE_HASH_LEN);
	else
		q_null(&a);
	return q_exec(st, &session_delete_user, &a, NULL, "xóa các phiên đăng nhập của tài khoản",
		err);
}

static int q_kiosk_put(struct store *st, struct store_kiosk *k, struct hl_err *err)
{
	struct q_args a = {0};
	int rc;

	if (k->name[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "tên máy kiosk trống");
	q_row(&a, kiosk_cols + 1, KIOSK_NCOLS - 1, k);
	rc = q_int(st, &kiosk_put, &a, &k->id, "lưu máy kiosk", err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_EEXIST, HL_HERE,
			"đã có máy kiosk tên %s; hãy chọn tên khác", k->name);
	return rc;
}

static int q_kiosk_get_token(struct store *st, const unsigned char *token_hash,
	struct store_kiosk *out, struct hl_err *err)
{
	struct q_args a = {0};

	q_blob(&a, token_hash, STORE_HASH_LEN);
	return q_get(st, &kiosk_get_token, &a, kiosk_cols, KIOSK_NCOLS, out, sizeof(*out),
		"đọc máy kiosk", "không có máy kiosk nào mang mã thiết bị này", err);
}

static int q_kiosk_list(struct store *st, struct hl_arena *ar, struct store_kiosk **out, size_t *n,
	struct hl_err *err)
{
	return Q_LIST(st, &kiosk_list, NULL, ar, kiosk_cols, out, n, "liệt kê máy kiosk", err);
}

static int no_kiosk(const char *name, struct hl_err *err)
{
	return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có máy kiosk tên %s", name);
}

static int q_kiosk_revoke(struct store *st, const char *name, struct hl_err *err)
{
	struct q_args a = {0};
	int64_t changed = 0;
	int rc;

	q_text(&a, name, STORE_CODE_MAX);
	rc = q_exec(st, &kiosk_revoke, &a, &changed, "thu hồi máy kiosk", err);
	return rc == HL_OK && changed == 0 ? no_kiosk(name, err) : rc;
}

static int q_kiosk_rename(struct store *st, const char *name, const char *new_name,
	struct hl_err *err)
{
	const char *op = "đổi tên máy kiosk";
	struct q_args a = {0}, b = {0};
	int64_t changed = 0, taken = 0;
	int rc;

	if (new_name[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "tên máy kiosk trống");
	q_text(&a, new_name, STORE_CODE_MAX);
	q_text(&a, name, STORE_CODE_MAX);
	rc = q_exec(st, &kiosk_rename, &a, &changed, op, err);
	if (rc != HL_OK || changed > 0)
		return rc;
	q_text(&b, new_name, STORE_CODE_MAX);
	rc = q_int(st, &kiosk_named, &b, &taken, op, err);
	if (rc == HL_OK && taken > 0)
		return hl_err_set(err, HL_EEXIST, HL_HERE,
			"đã có máy kiosk tên %s; hãy chọn tên khác", new_name);
	return rc == HL_OK ? no_kiosk(name, err) : rc;
}

const struct store_accounts_ops q_accounts = {Q_OP(user_put), Q_OP(user_get), Q_OP(user_get_id),
	Q_OP(user_list), Q_OP(session_put), Q_OP(session_user), Q_OP(session_delete),
	Q_OP(session_purge), Q_OP(session_delete_user), Q_OP(kiosk_put), Q_OP(kiosk_get_token),
	Q_OP(kiosk_list), Q_OP(kiosk_revoke), Q_OP(kiosk_rename), Q_OP(rate_take), Q_OP(rate_count),
	Q_OP(rate_give), Q_OP(rate_clear), Q_OP(rate_purge)};
