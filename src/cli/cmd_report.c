/* cmd_report.c — `hailong report`: the report of one unit, or of a
 * supervising office over its units, for a period, written as PDF, XLSX,
 * CSV or HTML (SPEC §5). One model (svc/report_model.h), one renderer per
 * format; the file appears only when it is complete. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "cli/cli.h"
#include "cli/cli_doc.h"
#include "cli/cli_help.h"
#include "core/date.h"
#include "svc/report_model.h"
#include "report/render.h"

#define REPORT_ARENA ((size_t)1 << 31)

static int run_report(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_report = {"report",
	"lập báo cáo kết quả khảo sát của một kỳ: PDF, XLSX, CSV hoặc HTML", cli_help_report,
	CLI_DB_OPEN, run_report, NULL};

static const struct cli_doc report_doc = {"2024", "pdf, xlsx, csv hoặc html", rpt_format_of,
	"tệp báo cáo cần ghi", REPORT_ARENA};

static int run_report(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *number = NULL, *date = NULL, *signer = NULL;
	bool internal = false;
	const struct cli_opt more[] = {{"internal", NULL, &internal}, {"number", &number, NULL},
		{"date", &date, NULL}, {"signer", &signer, NULL}, {NULL, NULL, NULL}};
	struct cli_doc_run d = {0};
	int rc = cli_doc_opts(&cmd_report, &report_doc, argc, argv, more, &d);

	if (rc != 0)
		return rc;
	if ((d.s.unit == NULL) == (d.s.under == NULL))
		return cli_usage(&cmd_report, "cần đúng một trong --unit MÃ và --under MÃ");
	if (date != NULL && !hl_day_parse(date, &d.o.date))
		return cli_usage(&cmd_report,
			"--date phải là một ngày viết năm-tháng-ngày, ví dụ 2025-12-25 (không phải '%s')",
			date);
	d.o.internal = internal;
	d.o.number = number;
	d.o.signer = signer;
	if ((rc = cli_doc_build(ctx, &report_doc, &d)) != 0)
		return cli_doc_free(&d, rc);
	if (rpt_render(d.m, (enum rpt_format)d.format, d.output, &d.err) != HL_OK)
		return cli_doc_free(&d, cli_fail(&d.err));
	printf("Đã ghi báo cáo %s vào %s\n", d.s.format, d.output);
	if (d.m->rollups_missing)
		fprintf(stderr,
			"Gợi ý: cơ sở dữ liệu này có phiếu từ trước khi có số liệu báo cáo "
			"cộng dồn, nên báo cáo đã phải đọc từng phiếu; chạy một lần 'hailong tallies "
			"rebuild' để các báo cáo sau nhanh hơn.\n");
	return cli_doc_free(&d, 0);
}
