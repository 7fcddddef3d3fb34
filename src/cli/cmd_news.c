/* cmd_news.c — `hailong news`: the short news item about a unit's results
 * for a period (issue 14 §4), written from the report model as text, HTML
 * or a WAV file for the loudspeaker radio (report/news.h). */
#include <stdio.h>

#include "base/arena.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "report/news.h"
#include "svc/report_model.h"

#define NEWS_ARENA ((size_t)1 << 31)

static int run_news(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_news = {"news",
	"viết bản tin về kết quả khảo sát của một đơn vị: văn bản, HTML hoặc âm thanh WAV",
	cli_help_news, CLI_DB_OPEN, run_news, NULL};

static int run_news(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *output = NULL;
	const struct cli_opt more[] = {{"output", &output, NULL}, {NULL, NULL, NULL}};
	struct cli_scope s = {0};
	struct rpt_opts o = {0};
	struct rpt_model *m = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	int rc, fmt;

	cli_short_output(argc, argv);
	rc = cli_scope_opts(&cmd_news, argc, argv, &s, more);
	if (rc != 0)
		return rc;
	if (s.period == NULL)
		return cli_usage(&cmd_news, "thiếu --period (ví dụ: --period 2025-Q3)");
	if (s.under != NULL)
		return cli_usage(&cmd_news, "bản tin viết cho một đơn vị: dùng --unit MÃ");
	if (s.unit == NULL)
		return cli_usage(&cmd_news, "thiếu --unit MÃ (đơn vị của bản tin)");
	if (s.format == NULL)
		return cli_usage(&cmd_news, "thiếu --format (text, html hoặc wav)");
	fmt = news_format_of(s.format);
	if (fmt < 0)
		return cli_usage(&cmd_news,
			"--format phải là text, html hoặc wav (không phải '%s')", s.format);
	if (output == NULL || output[0] == '\0')
		return cli_usage(&cmd_news, "thiếu -o TỆP (tệp bản tin cần ghi)");
	if (hl_period_parse(s.period, &o.period, &err) != HL_OK)
		return cli_usage(&cmd_news, "%s", err.msg);
	o.date = HL_DAY_NONE;
	o.unit = s.unit;

	if ((rc = cli_arena(NEWS_ARENA, &a)) != 0)
		return rc;
	rc = rpt_build(ctx->rst, a, &o, &m, &err);
	if (rc == HL_OK)
		rc = news_render(m, (enum news_format)fmt, output, a, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	printf("Đã ghi bản tin %s vào %s\n", s.format, output);
	rc = 0;
cleanup:
	hl_arena_free(a);
	return rc;
}
