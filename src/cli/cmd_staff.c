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

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_arena *a = NULL;
	struct store_staff *s = NULL;
	struct store_unit *u = NULL;
	struct hl_err err;
	size_t n = 0, nu = 0;
	int rc = cli_list_begin(&cmd_staff, argc, argv, (size_t)256 * 1024 * 1024, &a);

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	rc = staff_list(ctx->st, a, &s, &n, &err);
	if (rc == HL_OK)
		rc = units_list(ctx->st, a, &u, &nu, &err);
	if (rc != HL_OK) {
		hl_arena_free(a);
		return cli_fail(&err);
	}
	cli_cell("Mã", 12);
	cli_cell("Họ và tên", 28);
	cli_cell("Đơn vị", 30);
	puts("Chức vụ");
	for (size_t i = 0; i < n; i++) {
		cli_cell(s[i].code, 12);
		cli_cell(s[i].name, 28);
		cli_cell(cli_unit_name(u, nu, s[i].unit_id), 30);
		puts(s[i].position);
	}
	printf("(%zu công chức)\n", n);
	hl_arena_free(a);
	return 0;
}

static const struct cli_sub subs[] = {
	{"import", do_import},
	{"list", do_list},
	{NULL, NULL},
};

const struct cli_cmd cmd_staff = {"staff", "công chức phục vụ người dân: nhập, liệt kê",
	cli_help_staff, CLI_DB_OPEN, NULL, subs};
