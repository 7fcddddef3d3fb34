/* cmd_backup.c — `hailong backup --to FILE [--force]`: a live-safe copy of
 * the database file. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <sys/stat.h>

#include "base/text.h"
#include "svc/backup.h"

static int run(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_backup = {"backup", "sao lưu cơ sở dữ liệu khi máy chủ đang chạy",
	cli_help_backup, CLI_DB_OPEN, run, NULL};

/* "\rĐã chép 45 %…" on a terminal. */
static void progress(void *pctx, long done, long total)
{
	struct cli_ctx *ctx = pctx;

	if (!ctx->tty || total <= 0)
		return;
	fprintf(stderr, "\rĐã chép %ld %%…", done * 100 / total);
	fflush(stderr);
	ctx->progress_shown = true;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *to = NULL;
	bool force = false;
	const struct cli_opt opts[] = {{"to", &to, NULL}, {"force", NULL, &force},
		{NULL, NULL, NULL}};
	struct hl_err err = {0};
	struct stat sb;
	char mb[32];
	int rc = cli_opts(&cmd_backup, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (to == NULL)
		return cli_usage(&cmd_backup, "hãy cho biết tệp bản sao: --to TỆP");
	rc = backup_run(ctx->st, to, force, progress, ctx, &err);
	cli_progress_done(ctx);
	if (rc != HL_OK)
		return cli_fail(&err);
	hl_fmt_dec(mb, sizeof(mb), stat(to, &sb) == 0 ? (double)sb.st_size / 1048576.0 : 0.0, 1);
	printf("Đã sao lưu %s vào %s (%s MB). Kiểm tra bản sao: hailong --db %s check\n", ctx->db,
		to, mb, to);
	return 0;
}
