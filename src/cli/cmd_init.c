/* cmd_init.c — `hailong init`: create or migrate the database and load the
 * built-in instruments and fields; running it again is harmless. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>

#include "store/store.h"
#include "svc/builtin.h"

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_err err;
	char where[512];
	int version = 0, added = 0, rc;

	rc = cli_opts(&cmd_init, argc, argv, NULL);
	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	if (builtin_init(ctx->st, ctx->who, &version, &added, &err) != HL_OK)
		return cli_fail(&err);
	store_describe(ctx->db, where, sizeof(where));
	printf("Cơ sở dữ liệu %s: lược đồ phiên bản %d, đã cập nhật", where, version);
	if (added > 0)
		printf(" (thêm %d mục có sẵn: bộ câu hỏi, lĩnh vực)", added);
	puts(".");
	return 0;
}

const struct cli_cmd cmd_init = {"init",
	"tạo hoặc nâng cấp cơ sở dữ liệu, nạp bộ câu hỏi và lĩnh vực có sẵn", cli_help_init,
	CLI_DB_CREATE, run, NULL};
