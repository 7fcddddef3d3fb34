/* kiosks.c — the kiosk devices: checks, the scope rule of svc/units.h and
 * the audit line of every change, in the caller's transaction. */
#include "svc/kiosks.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "svc/receipt.h"
#include "svc/units.h"

#define SCOPE_ARENA ((size_t)64 * 1024 * 1024)

int kiosks_check_name(const char *name, const char *field, struct hl_err *err)
{
	int rc = hl_check_name(name, STORE_CODE_MAX, field, "tên máy kiosk", err);

	if (rc != HL_OK)
		return rc;
	if (name[0] == ' ' || name[strlen(name) - 1] == ' ')
		return hl_err_set(err, HL_EINVAL, field,
			"tên máy kiosk không được bắt đầu hay kết "
			"thúc bằng dấu cách");
	return HL_OK;
}

int kiosks_prepare(const char *name, struct kiosk_new *out, struct hl_err *err)
{
	int rc = kiosks_check_name(name, "name", err);

	if (rc != HL_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	if ((rc = token_issue(out->token, sizeof(out->token), out->k.token_hash, err)) != HL_OK)
		return rc;
	snprintf(out->k.name, sizeof(out->k.name), "%s", name);
	return HL_OK;
}

/* The kiosk name of by's scope into *out; as if absent otherwise. */
static int find(struct store *st, const char *name, const struct scope_actor *by,
	struct kiosk_row *out, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(SCOPE_ARENA);
	struct kiosk_row *rows = NULL;
	size_t n = 0;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = kiosks_list(st, a, by, &rows, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (strcmp(rows[i].k.name, name) == 0) {
			*out = rows[i];
			hl_arena_free(a);
			return HL_OK;
		}
	hl_arena_free(a);
	if (rc != HL_OK)
		return rc;
	return hl_err_set(err, HL_ENOTFOUND, "name", "không có máy kiosk tên '%.63s'", name);
}

int kiosks_add(struct store *st, struct kiosk_new *kn, const char *unit_code,
	const struct scope_actor *by, struct hl_err *err)
{
	struct store_unit u;
	char detail[STORE_CODE_MAX * 2 + 32];
	int rc = kiosks_check_name(kn->k.name, "name", err);

	if (rc != HL_OK)
		return rc;
	if (unit_code == NULL || unit_code[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "unit", "thiếu đơn vị của máy kiosk");
	if ((rc = scope_get(st, by, unit_code, "unit", &u, err)) != HL_OK)
		return rc;
	kn->k.unit_id = u.id;
	kn->k.revoked = false;
	if ((rc = STORE(st, accounts, kiosk_put, &kn->k, err)) != HL_OK)
		return rc;
	/* The token is a secret: the log names the kiosk only. */
	snprintf(detail, sizeof(detail), "kiosk %s, đơn vị %s", kn->k.name, u.code);
	return STORE(st, admin, audit, by->who, "kiosks.add", detail, err);
}

int kiosks_rename(struct store *st, const char *name, const char *new_name,
	const struct scope_actor *by, struct hl_err *err)
{
	struct kiosk_row k;
	char detail[STORE_CODE_MAX * 3 + 32];
	int rc = kiosks_check_name(new_name, "new_name", err);

	if (rc == HL_OK)
		rc = find(st, name, by, &k, err);
	if (rc == HL_OK)
		rc = STORE(st, accounts, kiosk_rename, name, new_name, err);
	if (rc != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "kiosk %s thành %s, đơn vị %s", k.k.name, new_name,
		k.unit.code);
	return STORE(st, admin, audit, by->who, "kiosks.rename", detail, err);
}

int kiosks_revoke(struct store *st, const char *name, const struct scope_actor *by,
	struct hl_err *err)
{
	struct kiosk_row k;
	char detail[STORE_CODE_MAX * 2 + 32];
	int rc = find(st, name, by, &k, err);

	if (rc == HL_OK)
		rc = STORE(st, accounts, kiosk_revoke, name, err);
	if (rc != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "kiosk %s, đơn vị %s", k.k.name, k.unit.code);
	return STORE(st, admin, audit, by->who, "kiosks.revoke", detail, err);
}

int kiosks_list(struct store *st, struct hl_arena *a, const struct scope_actor *by,
	struct kiosk_row **out, size_t *n, struct hl_err *err)
{
	struct store_kiosk *k = NULL;
	struct store_unit *u = NULL;
	size_t nk = 0, nu = 0, count = 0;
	struct kiosk_row *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = STORE(st, accounts, kiosk_list, a, &k, &nk, err)) != HL_OK ||
		(rc = scope_units(st, a, by, &u, &nu, err)) != HL_OK)
		return rc;
	if ((rows = hl_arena_alloc(a, (nk + 1) * sizeof(*rows))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc danh sách kiosk");
	for (size_t i = 0; i < nk; i++)
		for (size_t j = 0; j < nu; j++)
			if (u[j].id == k[i].unit_id) {
				rows[count].k = k[i];
				rows[count++].unit = u[j];
				break;
			}
	*out = rows;
	*n = count;
	return HL_OK;
}

int kiosks_pair_url(const char *base, const char *token, char *buf, size_t size, struct hl_err *err)
{
	char tail[TOKEN_SIZE + 16];

	snprintf(tail, sizeof(tail), "/kiosk#token=%s", token);
	return receipt_link(base, tail, buf, size, err);
}

int kiosks_all(struct store *st, struct hl_arena *a, struct store_kiosk **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, accounts, kiosk_list, a, out, n, err);
}
