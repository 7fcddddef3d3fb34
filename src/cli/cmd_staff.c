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

static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	struct store_staff *s = NULL;
	int rc = staff_list(ctx->st, t->a, &s, &t->n, err);

	for (size_t i = 0; rc == HL_OK && i < t->n; i++)
		cli_table_row(t,
			(const char *const[]){s[i].code, s[i].name, cli_table_unit(t, s[i].unit_id),
				s[i].position});
	return rc;
}

static const struct cli_col list_cols[] = {{"Mã", 12}, {"Họ và tên", 28}, {"Đơn vị", 30},
	{"Chức vụ", 0}};
static const struct cli_listing listing = {list_cols, (size_t)256 * 1024 * 1024, "công chức", NULL,
	true, print_list};

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"list", NULL, &listing},
	{NULL, NULL, NULL}};

const struct cli_cmd cmd_staff = {"staff", "công chức phục vụ người dân: nhập, liệt kê",
	cli_help_staff, CLI_DB_OPEN, NULL, subs};
