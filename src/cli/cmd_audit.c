/* cmd_audit.c — `hailong audit [--limit N]`: the audit log, newest first. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "store/store.h"
#include "svc/audit.h"
#include "svc/ingest.h"

#define DEFAULT_LIMIT 50

/* Split line at tabs into up to n fields (in place); missing ones are "". */
static void split(char *line, char **f, int n)
{
	char *p = line;

	for (int i = 0; i < n; i++) {
		f[i] = p;
		if (p == NULL)
			continue;
		p = strchr(p, '\t');
		if (p != NULL)
			*p++ = '\0';
	}
	for (int i = 0; i < n; i++)
		if (f[i] == NULL)
			f[i] = "";
}

/* The store's UTC "2025-03-04T08:15:00Z" as Vietnam's "04/03/2025 15:15";
 * other forms are shown as they are. */
static const char *show_time(const char *at, char *buf, size_t size)
{
	int y, mo, d, h, mi, s;
	char sep;
	hl_day day;

	if (sscanf(at, "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s) == 7 &&
		(sep == 'T' || sep == ' ') && hl_day_from_ymd(y, mo, d, &day))
		return hl_clock_fmt((int64_t)day * 86400 + h * 3600 + mi * 60 + s, buf, size);
	return at;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *limit_s = NULL;
	const struct cli_opt opts[] = {{"limit", &limit_s, NULL}, {NULL, NULL, NULL}};
	static const struct cli_col cols[] = {
		{"Thời điểm", 16},
		{"Ai", 18},
		{"Việc", 20},
		{"Chi tiết", 0},
	};
	struct hl_arena *a;
	struct hl_err err;
	char **lines = NULL, tbuf[32];
	size_t n = 0;
	long limit = DEFAULT_LIMIT;
	int rc = cli_opts(&cmd_audit, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (limit_s != NULL && !hl_parse_long(limit_s, 1, 1000000, &limit))
		return cli_usage(&cmd_audit, "--limit phải là số nguyên từ 1 đến 1000000");
	hl_err_clear(&err);
	if ((rc = cli_arena((size_t)256 * 1024 * 1024, &a)) != 0)
		return rc;
	rc = audit_list(ctx->st, (int)limit, a, &lines, &n, &err);
	if (rc != HL_OK)
		return cli_fail_free(a, &err);
	cli_row(cols, NULL);
	for (size_t i = 0; i < n; i++) {
		char *f[4];

		split(lines[i], f, 4);
		cli_row(cols,
			(const char *const[]){show_time(f[0], tbuf, sizeof(tbuf)), f[1], f[2],
				f[3]});
	}
	printf("(%zu mục)\n", n);
	hl_arena_free(a);
	return 0;
}

const struct cli_cmd cmd_audit = {"audit", "nhật ký thay đổi: ai làm gì, lúc nào", cli_help_audit,
	CLI_DB_OPEN, run, NULL};
