/* cmd_followup.c — `hailong followup list|close|days`: the follow-up cases
 * that unsatisfied responses open (issue 14 §1). Everything goes through
 * svc/followup.h; a case names no person. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "core/date.h"
#include "io/csvout.h"
#include "store/store.h"
#include "svc/followup.h"

#define ARENA_CAP ((size_t)1 << 30)

/* A moment "yyyy-mm-dd HH:MM" (or with a T, or a day alone: its 00:00) as
 * Vietnam's local minutes; def when not given. */
static void print_csv(const struct followup *x)
{
	char t1[20], t2[20];

	csvout_cell(stdout, x->f.code);
	putchar(',');
	csvout_cell(stdout, x->unit_code);
	printf(",%s,%s,%s,%d,", hl_clock_iso_minute(x->f.opened_at, t1, sizeof(t1)),
		hl_clock_iso_minute(x->f.due_at, t2, sizeof(t2)),
		x->f.state == FS_CLOSED ? "closed" : "open", x->overdue ? 1 : 0);
	csvout_cell(stdout, x->f.dossier);
	putchar(',');
	csvout_cell(stdout, x->f.criteria);
	putchar('\n');
}

static void print_row(const struct followup *x)
{
	char t1[20], t2[20];

	cli_cell(x->f.code, 24);
	cli_cell(x->unit_name, 28);
	cli_cell(hl_clock_fmt_minute(x->f.opened_at, t1, sizeof(t1)), 16);
	cli_cell(hl_clock_fmt_minute(x->f.due_at, t2, sizeof(t2)), 16);
	cli_cell(x->f.state == FS_CLOSED ? "Đã đóng" : "Đang xử lý", 12);
	cli_cell(x->overdue ? "QUÁ HẠN" : "", 8);
	cli_cell(x->f.dossier[0] != '\0' ? x->f.dossier : "—", 20);
	printf("%s\n",
		x->f.criteria[0] != '\0' ? x->f.criteria : (x->f.complaint ? "phản ánh" : "—"));
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *at = NULL, *format = NULL;
	bool open = false, overdue = false, csv = false;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"open", NULL, &open},
		{"overdue", NULL, &overdue}, {"at", &at, NULL}, {"format", &format, NULL},
		{NULL, NULL, NULL}};
	struct followup_query q = {0};
	struct followup *rows = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t n = 0;
	int rc = cli_opts(&cmd_followup, argc, argv, opts);

	if (rc == 0)
		rc = cli_minute(NULL, "--at", at, hl_clock_minute(), &q.at);
	if (rc == 0)
		rc = cli_csv_format(&cmd_followup, format, &csv);
	if (rc != 0)
		return rc;
	q.unit = unit;
	q.open_only = open;
	q.overdue_only = overdue;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	if (followup_list(ctx->st, &q, a, &rows, &n, &err) != HL_OK)
		return cli_fail_free(a, &err);
	if (csv)
		printf("code,unit,opened_at,due_at,status,overdue,dossier,criteria\n");
	else if (n == 0)
		printf("Không có vụ việc theo dõi nào%s.\n",
			overdue      ? " quá hạn" :
				open ? " đang xử lý" :
				       "");
	else {
		cli_cell("Mã", 24);
		cli_cell("Đơn vị", 28);
		cli_cell("Mở lúc", 16);
		cli_cell("Hạn", 16);
		cli_cell("Trạng thái", 12);
		cli_cell("Quá hạn", 8);
		cli_cell("Hồ sơ", 20);
		printf("Tiêu chí\n");
	}
	for (size_t i = 0; i < n; i++) {
		if (csv)
			print_csv(&rows[i]);
		else
			print_row(&rows[i]);
	}
	hl_arena_free(a);
	return 0;
}

static int do_close(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *cause = NULL, *fix = NULL, *callback = NULL, *at = NULL, *code = NULL;
	const struct cli_opt opts[] = {{"cause", &cause, NULL}, {"fix", &fix, NULL},
		{"callback", &callback, NULL}, {"at", &at, NULL}, {NULL, NULL, NULL}};
	struct hl_err err = {0};
	int cb = FC_NONE;
	int64_t when = 0;
	int rc = cli_parse_one(&cmd_followup, argc, argv, opts, &code,
		"thiếu mã vụ việc: hailong followup close MÃ --cause ... --fix ...");

	if (rc != 0)
		return rc;
	if (cause == NULL || fix == NULL)
		return cli_usage(&cmd_followup,
			"cần cả --cause (nguyên nhân) và --fix (biện pháp khắc phục)");
	if (callback != NULL && !follow_callback_parse(callback, &cb))
		return cli_usage(&cmd_followup, "--callback chỉ nhận done, no-answer hoặc refused");
	if ((rc = cli_minute(NULL, "--at", at, hl_clock_minute(), &when)) != 0)
		return rc;
	if (followup_close(ctx->st, ctx->who, code, cause, fix, cb, when, &err) != HL_OK)
		return cli_fail(&err);
	printf("Đã đóng vụ việc %s (%s).\n", code, follow_callback_label(cb));
	return 0;
}

static int do_publish(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *at = NULL, *code = NULL;
	bool withdraw = false;
	const struct cli_opt opts[] = {{"withdraw", NULL, &withdraw}, {"at", &at, NULL},
		{NULL, NULL, NULL}};
	struct hl_err err = {0};
	int64_t when = 0;
	int rc = cli_parse_one(&cmd_followup, argc, argv, opts, &code,
		"thiếu mã vụ việc: hailong followup publish MÃ [--withdraw]");

	if (rc == 0)
		rc = cli_minute(NULL, "--at", at, hl_clock_minute(), &when);
	if (rc != 0)
		return rc;
	if (followup_publish(ctx->st, ctx->who, code, !withdraw, when, &err) != HL_OK)
		return cli_fail(&err);
	printf(withdraw ? "Đã thôi công bố biện pháp khắc phục của vụ việc %s.\n" :
			  "Đã công bố biện pháp khắc phục của vụ việc %s trên trang công khai.\n",
		code);
	return 0;
}

static int do_days(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *days = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"days", &days, NULL},
		{NULL, NULL, NULL}};
	struct hl_err err = {0};
	char *end = NULL;
	long d;
	int rc = cli_opts(&cmd_followup, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (unit == NULL || days == NULL)
		return cli_usage(&cmd_followup, "cần --unit MÃ và --days SỐ-NGÀY");
	d = strtol(days, &end, 10);
	if (end == days || *end != '\0' || d < 1 || d > 365)
		return cli_usage(&cmd_followup, "--days phải là số ngày làm việc từ 1 đến 365");
	if (followup_days_set(ctx->st, ctx->who, unit, (int)d, &err) != HL_OK)
		return cli_fail(&err);
	printf("Vụ việc theo dõi của %s có hạn %ld ngày làm việc (vụ việc mở từ nay).\n", unit, d);
	return 0;
}

static const struct cli_sub subs[] = {{"list", do_list, NULL}, {"close", do_close, NULL},
	{"publish", do_publish, NULL}, {"days", do_days, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_followup = {"followup",
	"vụ việc theo dõi phiếu không hài lòng: liệt kê, quá hạn, đóng sau khi khắc phục, "
	"công bố biện pháp",
	cli_help_followup, CLI_DB_OPEN, NULL, subs};
