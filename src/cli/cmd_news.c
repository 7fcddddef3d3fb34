/* cmd_news.c — `hailong news`: the short news item about a unit's results
 * for a period (issue 14 §4), written from the report model as text, HTML
 * or a WAV file for the loudspeaker radio (report/news.h). */
#include <stdio.h>

#include "base/arena.h"
#include "cli/cli.h"
#include "cli/cli_doc.h"
#include "cli/cli_help.h"
#include "report/news.h"
#include "svc/report_model.h"

#define NEWS_ARENA ((size_t)1 << 31)

static int run_news(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_news = {"news",
	"viết bản tin về kết quả khảo sát của một đơn vị: văn bản, HTML hoặc âm thanh WAV",
	cli_help_news, CLI_DB_OPEN, run_news, NULL};

static const struct cli_doc news_doc = {"2025-Q3", "text, html hoặc wav", news_format_of,
	"tệp bản tin cần ghi", NEWS_ARENA};

static int run_news(struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_doc_run d = {0};
	int rc = cli_doc_opts(&cmd_news, &news_doc, argc, argv, NULL, &d);

	if (rc != 0)
		return rc;
	if (d.s.under != NULL)
		return cli_usage(&cmd_news, "bản tin viết cho một đơn vị: dùng --unit MÃ");
	if (d.s.unit == NULL)
		return cli_usage(&cmd_news, "thiếu --unit MÃ (đơn vị của bản tin)");
	if ((rc = cli_doc_build(ctx, &news_doc, &d)) != 0)
		return cli_doc_free(&d, rc);
	if (news_render(d.m, (enum news_format)d.format, d.output, d.a, &d.err) != HL_OK)
		return cli_doc_free(&d, cli_fail(&d.err));
	printf("Đã ghi bản tin %s vào %s\n", d.s.format, d.output);
	return cli_doc_free(&d, 0);
}
