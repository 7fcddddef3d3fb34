/* cmd_kiosks.c — `hailong kiosks add|list|rename|revoke`: the kiosk devices
 * at the counters, through the same service as the /kiosks page
 * (svc/kiosks.h). A device token is shown once, when the kiosk is added; the
 * store keeps only its hash. Every change is written to the audit log. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>

#include "base/arena.h"
#include "base/clock.h"
#include "store/store.h"
#include "svc/ingest.h"
#include "svc/kiosks.h"
#include "svc/units.h"

#define DEFAULT_URL "http://127.0.0.1:8080"

/* The command line acts for the whole database. */
static struct scope_actor actor(const struct cli_ctx *ctx)
{
	return (struct scope_actor){ROLE_ADMIN, 0, ctx->who};
}

static int do_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *name = NULL, *url = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"name", &name, NULL},
		{"url", &url, NULL}, {NULL, NULL, NULL}};
	struct scope_actor by = actor(ctx);
	struct kiosk_new kn;
	struct store_unit u;
	struct hl_err err;
	char link[KIOSK_URL_MAX];
	int rc = cli_opts(&cmd_kiosks, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (unit == NULL || name == NULL)
		return cli_usage(&cmd_kiosks,
			"cần --unit MÃ và --name TÊN: "
			"hailong kiosks add --unit MÃ --name TÊN");
	hl_err_clear(&err);
	if (kiosks_prepare(name, &kn, &err) != HL_OK)
		return cli_fail(&err);
	if (kiosks_pair_url(url != NULL ? url : DEFAULT_URL, kn.token, link, sizeof(link), &err) !=
		HL_OK)
		return cli_errorf("--url '%s' không hợp lệ: cần dạng http://MÁY:CỔNG", url);
	if ((rc = cli_unit_get(ctx, unit, &u, "đơn vị '%s' không tồn tại", unit)) != 0)
		return rc;
	if ((rc = CLI_TX(ctx, &err, kiosks_add(ctx->st, &kn, unit, &by, &err))) != 0)
		return rc;
	printf("Đã thêm máy kiosk '%s' cho đơn vị %s (%s).\n", kn.k.name, u.code, u.name);
	printf("Mã thiết bị (chỉ hiện một lần, hãy lưu lại): %s\n", kn.token);
	printf("Địa chỉ trang kiosk: %s\n", link);
	return 0;
}

static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	struct scope_actor by = actor(ctx);
	struct kiosk_row *k = NULL;
	int rc = kiosks_list(ctx->st, t->a, &by, &k, &t->n, err);

	for (size_t i = 0; rc == HL_OK && i < t->n; i++) {
		char when[24];

		cli_table_row(t,
			(const char *const[]){k[i].k.name, k[i].unit.name,
				k[i].k.revoked ? "đã thu hồi" : "đang dùng",
				k[i].k.last_at > 0 ?
					hl_clock_fmt(k[i].k.last_at, when, sizeof(when)) :
					"—"});
	}
	return rc;
}

static const struct cli_col list_cols[] = {{"Tên", 24}, {"Đơn vị", 30}, {"Trạng thái", 12},
	{"Phiếu gần nhất", 0}};
static const struct cli_listing listing = {list_cols, (size_t)64 << 20, NULL,
	"Chưa có máy kiosk nào (thêm bằng: hailong kiosks add --unit MÃ --name TÊN).\n", false,
	print_list};

static int do_rename(struct cli_ctx *ctx, int argc, char **argv)
{
	struct scope_actor by = actor(ctx);
	const char *pos[2];
	struct hl_err err;
	int npos, rc = cli_parse(&cmd_kiosks, argc, argv, 1, NULL, pos, 2, &npos);

	if (rc != 0)
		return rc;
	if (npos != 2)
		return cli_usage(&cmd_kiosks,
			"cần tên cũ và tên mới: hailong kiosks rename TÊN TÊN-MỚI");
	hl_err_clear(&err);
	if ((rc = CLI_TX(ctx, &err, kiosks_rename(ctx->st, pos[0], pos[1], &by, &err))) != 0)
		return rc;
	printf("Đã đổi tên máy kiosk '%s' thành '%s'.\n", pos[0], pos[1]);
	return 0;
}

static int do_revoke(struct cli_ctx *ctx, int argc, char **argv)
{
	struct scope_actor by = actor(ctx);
	const char *name;
	struct hl_err err;
	int rc = cli_parse_one(&cmd_kiosks, argc, argv, NULL, &name,
		"thiếu tên máy: hailong kiosks revoke TÊN");

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	if ((rc = CLI_TX(ctx, &err, kiosks_revoke(ctx->st, name, &by, &err))) != 0)
		return rc;
	printf("Đã thu hồi máy kiosk '%s': mã thiết bị của nó không còn dùng được.\n", name);
	return 0;
}

static const struct cli_sub subs[] = {{"add", do_add, NULL}, {"list", NULL, &listing},
	{"rename", do_rename, NULL}, {"revoke", do_revoke, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_kiosks = {"kiosks", "máy kiosk tại quầy: thêm, liệt kê, đổi tên, thu hồi",
	cli_help_kiosks, CLI_DB_OPEN, NULL, subs};
