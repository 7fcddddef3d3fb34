/* cmd_staff.c — `hailong staff import|list`: civil servants a response may name. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/import.h"
#include "svc/staff.h"
#include "svc/units.h"

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_staff, ctx, argc, argv, "công chức", import_staff);
}

static int print_list(struct cli_ctx *ctx, struct hl_arena *a, struct hl_err *err)
{
	static const struct cli_col cols[] = {
		{"Mã", 12},
		{"Họ và tên", 28},
		{"Đơn vị", 30},
		{"Chức vụ", 0},
	};
	struct store_staff *s = NULL;
	struct store_unit *u = NULL;
	size_t n = 0, nu = 0;
	int rc = staff_list(ctx->st, a, &s, &n, err);

	if (rc == HL_OK)
		rc = units_list(ctx->st, a, &u, &nu, err);
	if (rc != HL_OK)
		return rc;
	cli_row(cols, NULL);
	for (size_t i = 0; i < n; i++)
		cli_row(cols,
			(const char *const[]){s[i].code, s[i].name,
				cli_unit_name(u, nu, s[i].unit_id), s[i].position});
	printf("(%zu công chức)\n", n);
	return HL_OK;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_list(&cmd_staff, ctx, argc, argv, (size_t)256 * 1024 * 1024, print_list);
}

static const struct cli_sub subs[] = {{"import", do_import}, {"list", do_list}, {NULL, NULL}};

const struct cli_cmd cmd_staff = {"staff", "công chức phục vụ người dân: nhập, liệt kê",
	cli_help_staff, CLI_DB_OPEN, NULL, subs};
