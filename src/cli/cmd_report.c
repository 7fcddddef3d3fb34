/* cmd_report.c — `hailong report`: the report of one unit, or of a
 * supervising office over its units, for a period, written as PDF, XLSX,
 * CSV or HTML (SPEC §5). One model (svc/report_model.h), one renderer per
 * format; the file appears only when it is complete. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "core/date.h"
#include "svc/report_model.h"
#include "report/render.h"

#define REPORT_ARENA ((size_t)1 << 31)

static int run_report(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_report = {"report",
	"lập báo cáo kết quả khảo sát của một kỳ: PDF, XLSX, CSV hoặc HTML", cli_help_report,
	CLI_DB_OPEN, run_report, NULL};

static int run_report(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *output = NULL, *number = NULL, *date = NULL, *signer = NULL;
	bool internal = false;
	const struct cli_opt more[] = {{"output", &output, NULL}, {"internal", NULL, &internal},
		{"number", &number, NULL}, {"date", &date, NULL}, {"signer", &signer, NULL},
		{NULL, NULL, NULL}};
	struct cli_scope s = {0};
	struct rpt_opts o = {0};
	struct rpt_model *m = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	int rc, fmt;

	cli_short_output(argc, argv);
	rc = cli_scope_opts(&cmd_report, argc, argv, &s, more);
	if (rc != 0)
		return rc;
	if (s.period == NULL)
		return cli_usage(&cmd_report, "thiếu --period (ví dụ: --period 2024)");
	if ((s.unit == NULL) == (s.under == NULL))
		return cli_usage(&cmd_report, "cần đúng một trong --unit MÃ và --under MÃ");
	if (s.format == NULL)
		return cli_usage(&cmd_report, "thiếu --format (pdf, xlsx, csv hoặc html)");
	fmt = rpt_format_of(s.format);
	if (fmt < 0)
		return cli_usage(&cmd_report,
			"--format phải là pdf, xlsx, csv hoặc html (không phải '%s')", s.format);
	if (output == NULL || output[0] == '\0')
		return cli_usage(&cmd_report, "thiếu -o TỆP (tệp báo cáo cần ghi)");
	if (hl_period_parse(s.period, &o.period, &err) != HL_OK)
		return cli_usage(&cmd_report, "%s", err.msg);
	o.date = HL_DAY_NONE;
	if (date != NULL && !hl_day_parse(date, &o.date))
		return cli_usage(&cmd_report,
			"--date phải là một ngày viết năm-tháng-ngày, ví dụ 2025-12-25 (không phải '%s')",
			date);
	o.unit = s.unit;
	o.under = s.under;
	o.internal = internal;
	o.number = number;
	o.signer = signer;

	if ((rc = cli_arena(REPORT_ARENA, &a)) != 0)
		return rc;
	rc = rpt_build(ctx->rst, a, &o, &m, &err);
	if (rc == HL_OK)
		rc = rpt_render(m, (enum rpt_format)fmt, output, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	printf("Đã ghi báo cáo %s vào %s\n", s.format, output);
	if (m->rollups_missing)
		fprintf(stderr,
			"Gợi ý: cơ sở dữ liệu này có phiếu từ trước khi có số liệu báo cáo "
			"cộng dồn, nên báo cáo đã phải đọc từng phiếu; chạy một lần 'hailong tallies "
			"rebuild' để các báo cáo sau nhanh hơn.\n");
	rc = 0;
cleanup:
	hl_arena_free(a);
	return rc;
}
