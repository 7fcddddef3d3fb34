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

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_arena *a = NULL;
	struct store_field *f = NULL;
	struct hl_err err;
	size_t n = 0;
	int rc = cli_list_begin(&cmd_fields, argc, argv, (size_t)256 * 1024 * 1024, &a);

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	rc = fields_list(ctx->st, a, &f, &n, &err);
	if (rc != HL_OK) {
		hl_arena_free(a);
		return cli_fail(&err);
	}
	cli_cell("Mã", 16);
	puts("Lĩnh vực");
	for (size_t i = 0; i < n; i++) {
		cli_cell(f[i].code, 16);
		puts(f[i].name);
	}
	printf("(%zu lĩnh vực)\n", n);
	hl_arena_free(a);
	return 0;
}

static const struct cli_sub subs[] = {
	{"import", do_import},
	{"list", do_list},
	{NULL, NULL},
};

const struct cli_cmd cmd_fields = {"fields", "lĩnh vực của hồ sơ thủ tục hành chính: nhập, liệt kê",
	cli_help_fields, CLI_DB_OPEN, NULL, subs};
