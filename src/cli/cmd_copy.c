/* cmd_copy.c — `hailong copy --from SRC --to DST`: an office's database
 * moved whole into another (SQLite to PostgreSQL or back). */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/text.h"
#include "store/store.h"
#include "svc/copy.h"

static int run(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_copy = {"copy",
	"chép toàn bộ dữ liệu sang một cơ sở dữ liệu khác (tệp SQLite ↔ PostgreSQL)", cli_help_copy,
	CLI_DB_NONE, run, NULL};

/* "\rĐang chép responses: 12.000 dòng…" on a terminal. */
static void progress(void *pctx, const char *table, int64_t rows)
{
	struct cli_ctx *ctx = pctx;
	char n[32];

	if (!ctx->tty)
		return;
	if (table == NULL)
		fprintf(stderr, "\r\033[KĐang tính bộ đếm chỉ số cho %s phiếu mới…",
			hl_fmt_int(n, sizeof(n), (long long)rows));
	else
		fprintf(stderr, "\r\033[KĐang chép %s: đã đọc %s dòng…", table,
			hl_fmt_int(n, sizeof(n), (long long)rows));
	fflush(stderr);
	ctx->progress_shown = true;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	bool merge = false;
	const struct cli_opt opts[] = {{"from", &from, NULL}, {"to", &to, NULL},
		{"merge", NULL, &merge}, {NULL, NULL, NULL}};
	char src_name[512], dst_name[512], rows[32], units[32], resp[32], secs[32], kept[32];
	struct store *src = NULL, *dst = NULL;
	struct copy_report rep;
	struct hl_err err = {0};
	struct timespec t0, t1;
	int rc = cli_opts(&cmd_copy, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (from == NULL || to == NULL)
		return cli_usage(&cmd_copy,
			"hãy cho biết nơi gửi và nơi nhận: --from NGUỒN --to ĐÍCH");
	if (strcmp(from, to) == 0)
		return cli_usage(&cmd_copy, "NGUỒN và ĐÍCH là cùng một cơ sở dữ liệu");
	store_describe(from, src_name, sizeof(src_name));
	store_describe(to, dst_name, sizeof(dst_name));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = store_open(from, &src, &err);
	if (rc == HL_OK)
		rc = store_open(to, &dst, &err);
	if (rc == HL_OK)
		rc = copy_run(src, dst,
			&(struct copy_opts){ctx->who, src_name, progress, ctx, merge}, &rep, &err);
	cli_progress_done(ctx);
	store_close(dst);
	store_close(src);
	if (rc != HL_OK)
		return cli_fail(&err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	hl_fmt_dec(secs, sizeof(secs),
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, 1);
	if (merge) {
		printf("Đã gộp %s vào %s trong %s giây: thêm %s dòng (%s đơn vị, %s phiếu);\n"
		       "%s dòng đã có ở nơi nhận (lần gộp trước hoặc cùng mã) được giữ nguyên.\n",
			src_name, dst_name, secs,
			hl_fmt_int(rows, sizeof(rows), (long long)rep.rows),
			hl_fmt_int(units, sizeof(units), (long long)rep.units),
			hl_fmt_int(resp, sizeof(resp), (long long)rep.responses),
			hl_fmt_int(kept, sizeof(kept), (long long)rep.kept));
		return 0;
	}
	printf("Đã chép %s dòng của %d bảng (%s đơn vị, %s phiếu) từ %s sang %s trong %s giây;\n"
	       "số dòng từng bảng và các bộ đếm ở hai nơi khớp nhau.\n",
		hl_fmt_int(rows, sizeof(rows), (long long)rep.rows), rep.tables,
		hl_fmt_int(units, sizeof(units), (long long)rep.units),
		hl_fmt_int(resp, sizeof(resp), (long long)rep.responses), src_name, dst_name, secs);
	return 0;
}
