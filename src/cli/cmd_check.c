/* cmd_check.c — `hailong check [--quick]`: is the database file damaged? */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/dbcheck.h"

static int run(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_check = {"check", "kiểm tra tệp cơ sở dữ liệu có bị hỏng không",
	cli_help_check, CLI_DB_NONE, run, NULL};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	bool quick = false;
	const struct cli_opt opts[] = {{"quick", NULL, &quick}, {NULL, NULL, NULL}};
	struct store *st = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	struct stat sb;
	char **problems = NULL, advice[2048], shown[512];
	size_t n = 0;
	int rc = cli_opts(&cmd_check, argc, argv, opts);

	if (rc != 0)
		return rc;
	/* Opened here, not by the gate: a damaged file must get this report, not
	 * "not initialised", and a missing one must not be created. */
	if (strstr(ctx->db, "://") == NULL && stat(ctx->db, &sb) != 0)
		return cli_errorf("không mở được cơ sở dữ liệu '%s': %s", ctx->db, strerror(errno));
	if ((rc = cli_arena((size_t)1 << 20, &a)) != 0)
		return rc;
	rc = store_open(ctx->db, &st, &err);
	if (rc == HL_OK)
		rc = dbcheck_run(st, quick, a, &problems, &n, &err);
	store_close(st);
	dbcheck_advice(ctx->db, advice, sizeof(advice));
	/* a PostgreSQL URI without its password */
	store_describe(ctx->db, shown, sizeof(shown));
	if (rc == HL_OK && n == 0) {
		printf("Cơ sở dữ liệu %s không có lỗi (%s).\n", shown,
			quick ? "kiểm tra nhanh cấu trúc" : "kiểm tra toàn bộ");
	} else if (rc == HL_OK || rc == HL_ECORRUPT) {
		printf("Cơ sở dữ liệu %s BỊ HỎNG:\n", shown);
		if (rc == HL_ECORRUPT)
			printf("  - %s\n", err.msg);
		for (size_t i = 0; i < n; i++)
			printf("  - %s\n", problems[i]);
		printf("%s\n", advice);
		rc = 1;
	} else {
		rc = cli_fail(&err);
	}
	hl_arena_free(a);
	return rc;
}
