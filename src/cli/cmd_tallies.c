/* cmd_tallies.c — `hailong tallies rebuild`: recompute every running tally
 * and report rollup from the raw responses (after a repair, once for a
 * database older than the rollups, and as the benchmark's raw recompute). */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <time.h>

#include "base/text.h"
#include "svc/tallyacc.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int do_rebuild(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_err err;
	char a[32], b[32], c[32];
	double t0, secs;
	long count = 0;
	int rc = cli_opts(&cmd_tallies, argc, argv, NULL);

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	t0 = now();
	if (tacc_rebuild(ctx->st, ctx->who, &count, &err) != HL_OK)
		return cli_fail(&err);
	secs = now() - t0;
	printf("Đã tính lại bộ đếm từ %s phiếu trong %s giây (%s phiếu/giây).\n",
		hl_fmt_int(a, sizeof(a), count), hl_fmt_dec(b, sizeof(b), secs, 2),
		hl_fmt_int(c, sizeof(c), secs > 0 ? (long long)((double)count / secs) : count));
	return 0;
}

static const struct cli_sub subs[] = {{"rebuild", do_rebuild, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_tallies = {"tallies",
	"bộ đếm cộng dồn dùng để tính chỉ số: tính lại từ phiếu gốc", cli_help_tallies, CLI_DB_OPEN,
	NULL, subs};
