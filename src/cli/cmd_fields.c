/* cmd_fields.c — `hailong fields import|list`: fields (lĩnh vực) of dossiers. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/fields.h"
#include "svc/import.h"

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_fields, ctx, argc, argv, "lĩnh vực", import_fields);
}

static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	struct store_field *f = NULL;
	int rc = fields_list(ctx->st, t->a, &f, &t->n, err);

	for (size_t i = 0; rc == HL_OK && i < t->n; i++)
		cli_table_row(t, (const char *const[]){f[i].code, f[i].name});
	return rc;
}

static const struct cli_col list_cols[] = {{"Mã", 16}, {"Lĩnh vực", 0}};
static const struct cli_listing listing = {list_cols, (size_t)256 * 1024 * 1024, "lĩnh vực", NULL,
	false, print_list};

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"list", NULL, &listing},
	{NULL, NULL, NULL}};

const struct cli_cmd cmd_fields = {"fields", "lĩnh vực của hồ sơ thủ tục hành chính: nhập, liệt kê",
	cli_help_fields, CLI_DB_OPEN, NULL, subs};
