/* cmd_demo.c — `hailong demo`: create or migrate the database and fill it
 * with the demo province (tools/demo), then say what to try next. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>

#include "base/mem.h"
#include "base/text.h"
#include "tools/demo.h"
#include "svc/import.h"

static int run_demo(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_demo = {"demo", "tạo cơ sở dữ liệu mẫu: tỉnh Khánh Hòa, 2023–2025",
	cli_help_demo, CLI_DB_CREATE, run_demo, NULL};

/* Announce a step on stderr, only for people watching a terminal. */
static void show_phase(void *c, const char *what)
{
	struct cli_ctx *ctx = c;

	if (ctx == NULL || !ctx->tty)
		return;
	cli_progress_done(ctx);
	fprintf(stderr, "%s\n", what);
}

static int run_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	bool force = false;
	const struct cli_opt opts[] = {{"force", NULL, &force}, {NULL, NULL, NULL}};
	struct demo_opts o;
	struct demo_summary sum;
	struct import_report *rep = NULL;
	struct hl_err err;
	char a[32], b[32];
	int rc;

	rc = cli_opts(&cmd_demo, argc, argv, opts);
	if (rc != 0)
		return rc;
	rep = hl_calloc(1, sizeof(*rep));
	if (rep == NULL)
		return cli_errorf("hết bộ nhớ");
	hl_err_clear(&err);
	o.who = ctx->who;
	o.force = force;
	o.progress = cli_progress;
	o.progress_ctx = ctx;
	o.phase = show_phase;
	rc = demo_run(ctx->st, &o, &sum, rep, &err);
	cli_progress_done(ctx);
	if (rc == HL_EEXIST) {
		cli_fail(&err);
		fprintf(stderr,
			"Dùng một tệp khác (--db) hoặc thêm --force để vẫn nạp dữ liệu mẫu.\n");
		rc = 1;
		goto cleanup;
	}
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	printf("Đã tạo dữ liệu mẫu tỉnh Khánh Hòa trong %s (lược đồ phiên bản %d):\n", ctx->db,
		sum.schema);
	printf("  %ld đơn vị, %ld lần sáp nhập (01/07/2025: phường Bắc Nha Trang từ 6 phường, xã cũ),\n",
		sum.units, sum.mergers);
	printf("  %ld lĩnh vực thêm, %ld công chức, %ld chỉ tiêu (2022–2025),\n", sum.fields,
		sum.staff, sum.targets);
	printf("  %s phiếu khảo sát %d–%d", hl_fmt_int(a, sizeof(a), sum.responses), sum.first_year,
		sum.last_year);
	if (sum.skipped > 0)
		printf(" (bỏ qua %s phiếu đã có)", hl_fmt_int(a, sizeof(a), sum.skipped));
	printf(", %s hồ sơ 2024–2025,\n", hl_fmt_int(b, sizeof(b), sum.dossiers));
	printf("  %ld vụ việc khắc phục mở từ phiếu chưa hài lòng hôm nay, %ld đã đóng và công bố "
	       "biện pháp khắc phục.\n",
		sum.followups, sum.followups_closed);
	printf("Thử tiếp:\n"
	       "  hailong --db %s index --period 2024 --under nha-trang\n"
	       "  hailong --db %s index --period 2025 --unit bac-nha-trang\n"
	       "  hailong --db %s sample-plan --unit bac-nha-trang --year 2025\n"
	       "  hailong --db %s followup list --unit bac-nha-trang\n",
		ctx->db, ctx->db, ctx->db, ctx->db);
	rc = 0;
cleanup:
	hl_free(rep);
	return rc;
}
