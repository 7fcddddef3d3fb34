/* cmd_kiosks.c — `hailong kiosks add|list|revoke`: the kiosk devices at the
 * counters. A device token is shown once, when the kiosk is added; the store
 * keeps only its hash. Every change is written to the audit log. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "http/token.h"
#include "store/store.h"

#define DEFAULT_URL "http://127.0.0.1:8080"

/* Run the write and its audit line in one transaction; returns the exit status. */
static int finish_tx(struct cli_ctx *ctx, int rc, const char *action, const char *detail,
	struct hl_err *err)
{
	struct hl_err ignored;

	if (rc == HL_OK)
		rc = STORE(ctx->st, audit, ctx->who, action, detail, err);
	if (rc == HL_OK)
		rc = store_commit(ctx->st, err);
	if (rc != HL_OK) {
		store_rollback(ctx->st, &ignored);
		return cli_fail(err);
	}
	return 0;
}

static int do_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *name = NULL, *url = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{"unit", &unit, NULL}, {"name", &name, NULL}, {"url", &url, NULL},
		{NULL, NULL, NULL},
	};
	struct store_kiosk k;
	struct store_unit u;
	struct hl_err err;
	char token[TOKEN_SIZE], detail[256];
	size_t ulen;
	int npos, rc = cli_parse(&cmd_kiosks, argc, argv, 1, opts, pos, 0, &npos);

	if (rc != 0)
		return rc;
	if (unit == NULL || name == NULL)
		return cli_usage(&cmd_kiosks, "cần --unit MÃ và --name TÊN: "
			"hailong kiosks add --unit MÃ --name TÊN");
	if (name[0] == '\0' || strlen(name) >= sizeof(k.name))
		return cli_errorf("tên máy kiosk phải có 1–%zu byte", sizeof(k.name) - 1);
	if (url == NULL)
		url = DEFAULT_URL;
	ulen = strlen(url);
	if (ulen == 0 || ulen > 200 || (strncmp(url, "http://", 7) != 0
		&& strncmp(url, "https://", 8) != 0))
		return cli_errorf("--url '%s' không hợp lệ: cần dạng http://MÁY:CỔNG", url);
	hl_err_clear(&err);
	rc = STORE(ctx->st, unit_get, unit, &u, &err);
	if (rc == HL_ENOTFOUND)
		return cli_errorf("đơn vị '%s' không tồn tại", unit);
	if (rc != HL_OK)
		return cli_fail(&err);
	memset(&k, 0, sizeof(k));
	snprintf(k.name, sizeof(k.name), "%s", name);
	k.unit_id = u.id;
	token_random(token, sizeof(token));
	token_hash(token, k.token_hash);
	if ((rc = store_begin(ctx->st, &err)) != HL_OK)
		return cli_fail(&err);
	rc = STORE(ctx->st, kiosk_put, &k, &err);
	snprintf(detail, sizeof(detail), "kiosk %s, đơn vị %s", k.name, u.code);
	if ((rc = finish_tx(ctx, rc, "kiosks.add", detail, &err)) != 0)
		return rc;
	printf("Đã thêm máy kiosk '%s' cho đơn vị %s (%s).\n", k.name, u.code, u.name);
	printf("Mã thiết bị (chỉ hiện một lần, hãy lưu lại): %s\n", token);
	if (url[ulen - 1] == '/')
		ulen--;
	printf("Địa chỉ trang kiosk: %.*s/kiosk#token=%s\n", (int)ulen, url, token);
	return 0;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct store_kiosk *k = NULL;
	struct store_unit *units = NULL;
	size_t n = 0, nu = 0;
	struct hl_arena *a = NULL;
	struct hl_err err;
	int rc = cli_list_begin(&cmd_kiosks, argc, argv, (size_t)64 << 20, &a);

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	rc = STORE(ctx->st, kiosk_list, a, &k, &n, &err);
	if (rc == HL_OK)
		rc = STORE(ctx->st, unit_list, a, &units, &nu, &err);
	if (rc != HL_OK) {
		hl_arena_free(a);
		return cli_fail(&err);
	}
	if (n == 0)
		printf("Chưa có máy kiosk nào (thêm bằng: hailong kiosks add --unit MÃ --name TÊN).\n");
	else {
		cli_cell("Tên", 24);
		cli_cell("Đơn vị", 16);
		printf("Trạng thái\n");
	}
	for (size_t i = 0; i < n; i++) {
		cli_cell(k[i].name, 24);
		cli_cell(cli_unit_code(units, nu, k[i].unit_id), 16);
		printf("%s\n", k[i].revoked ? "đã thu hồi" : "đang dùng");
	}
	hl_arena_free(a);
	return 0;
}

static int do_revoke(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *pos[1];
	struct hl_err err;
	char detail[128];
	int npos, rc = cli_parse(&cmd_kiosks, argc, argv, 1, NULL, pos, 1, &npos);

	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_kiosks, "thiếu tên máy: hailong kiosks revoke TÊN");
	hl_err_clear(&err);
	if ((rc = store_begin(ctx->st, &err)) != HL_OK)
		return cli_fail(&err);
	rc = STORE(ctx->st, kiosk_revoke, pos[0], &err);
	if (rc == HL_ENOTFOUND) {
		store_rollback(ctx->st, &err);
		return cli_errorf("không có máy kiosk tên '%s'", pos[0]);
	}
	snprintf(detail, sizeof(detail), "kiosk %.64s", pos[0]);
	if ((rc = finish_tx(ctx, rc, "kiosks.revoke", detail, &err)) != 0)
		return rc;
	printf("Đã thu hồi máy kiosk '%s': mã thiết bị của nó không còn dùng được.\n", pos[0]);
	return 0;
}

static const struct cli_sub subs[] = {
	{"add", do_add},
	{"list", do_list},
	{"revoke", do_revoke},
	{NULL, NULL},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(&cmd_kiosks, subs, ctx, argc, argv);
}

const struct cli_cmd cmd_kiosks = {
	"kiosks",
	"máy kiosk tại quầy: thêm, liệt kê, thu hồi",
	"Cách dùng:\n"
	"  hailong kiosks add --unit MÃ --name TÊN [--url http://MÁY:CỔNG]\n"
	"      thêm một máy kiosk cho đơn vị MÃ; in mã thiết bị (chỉ một lần) và địa chỉ\n"
	"      trang kiosk (mặc định " DEFAULT_URL "/kiosk#token=…) để mở trên máy đó.\n"
	"  hailong kiosks list\n"
	"      liệt kê các máy kiosk, đơn vị và trạng thái\n"
	"  hailong kiosks revoke TÊN\n"
	"      thu hồi máy kiosk TÊN: mã thiết bị của nó bị từ chối từ ngay lúc đó\n"
	"Mọi thay đổi được ghi vào nhật ký (hailong audit).\n",
	CLI_DB_OPEN,
	run,
};
