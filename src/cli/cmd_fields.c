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

static int print_list(struct cli_ctx *ctx, struct hl_arena *a, struct hl_err *err)
{
	static const struct cli_col cols[] = {{"Mã", 16}, {"Lĩnh vực", 0}};
	struct store_field *f = NULL;
	size_t n = 0;
	int rc = fields_list(ctx->st, a, &f, &n, err);

	if (rc != HL_OK)
		return rc;
	cli_row(cols, NULL);
	for (size_t i = 0; i < n; i++)
		cli_row(cols, (const char *const[]){f[i].code, f[i].name});
	printf("(%zu lĩnh vực)\n", n);
	return HL_OK;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_list(&cmd_fields, ctx, argc, argv, (size_t)256 * 1024 * 1024, print_list);
}

static const struct cli_sub subs[] = {{"import", do_import}, {"list", do_list}, {NULL, NULL}};

const struct cli_cmd cmd_fields = {"fields", "lĩnh vực của hồ sơ thủ tục hành chính: nhập, liệt kê",
	cli_help_fields, CLI_DB_OPEN, NULL, subs};
