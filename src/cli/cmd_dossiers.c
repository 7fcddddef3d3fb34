/* cmd_dossiers.c — `hailong dossiers`: dossiers from the one-stop system
 * (import), how they stand against their deadlines (stats), the rules they
 * break (breaks) and the Friday list of late and due dossiers (weekly). */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "report/weekly.h"
#include "svc/dossq.h"
#include "svc/import.h"
#include "svc/ingest.h"

#define ARENA_CAP ((size_t)1 << 30)
#define NAME_W 36

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_dossiers, ctx, argc, argv, "hồ sơ", import_dossiers);
}

/* format must be one of allowed ("table|csv"); usage error otherwise. */
static int check_format(const char *format, const char *allowed)
{
	const char *p = allowed;

	while (*p != '\0') {
		size_t n = strcspn(p, "|");

		if (strlen(format) == n && strncmp(format, p, n) == 0)
			return 0;
		p += n + (p[n] == '|');
	}
	return cli_usage(&cmd_dossiers, "--format phải là một trong %s (không phải '%s')", allowed,
		format);
}

/* s centred in width columns, then a space (a group's heading over its
 * columns). */
static void centre(const char *s, int width)
{
	int w = (int)hl_utf8_width(s), left = w < width ? (width - w) / 2 : 0;

	printf("%*s%s%*s ", left, "", s, w < width ? width - w - left : 0, "");
}

/* The table with TT 01/2018's columns: received; finished early, on time
 * and late ("Quá hạn"); not finished, in time and overdue, with its total
 * ("Đang giải quyết" is both). */
static void print_stats(const struct dq_result *r)
{
	char buf[32];
	bool grouped = r->o.by != DQ_BY_NONE;
	static const char *const heads[] = {"Tiếp nhận", "Trước hạn", "Đúng hạn", "Quá hạn",
		"Tổng số", "Trong hạn", "Quá hạn", "Tỷ lệ đúng hạn"};
	static const int widths[] = {9, 9, 9, 8, 8, 9, 8, 15};

	cli_title_period("TÌNH HÌNH GIẢI QUYẾT HỒ SƠ", &r->o.period, r->o.at);
	if (r->nrows == 0) {
		fputs("Không có hồ sơ nào tiếp nhận trong kỳ ở các đơn vị đã chọn.\n", stdout);
		return;
	}
	printf("%*s", 5 + NAME_W + 1 + (grouped ? NAME_W + 1 : 0) + widths[0] + 1, "");
	centre("Đã giải quyết", widths[1] + widths[2] + widths[3] + 2);
	centre("Đang giải quyết", widths[4] + widths[5] + widths[6] + 2);
	fputc('\n', stdout);
	cli_cell("STT", 4);
	cli_cell("Đơn vị", NAME_W);
	if (grouped)
		cli_cell(dq_by_label(r->o.by), NAME_W);
	for (size_t k = 0; k < sizeof(widths) / sizeof(widths[0]); k++)
		cli_rcell(heads[k], widths[k]);
	fputc('\n', stdout);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct dq_row *w = &r->rows[i];
		const int64_t v[7] = {tl_total(&w->c), w->c.n[TL_EARLY], w->c.n[TL_ON_TIME],
			w->c.n[TL_LATE], w->c.n[TL_PENDING] + w->c.n[TL_OVERDUE],
			w->c.n[TL_PENDING], w->c.n[TL_OVERDUE]};
		double pct;

		snprintf(buf, sizeof(buf), "%zu", i + 1);
		cli_cell(buf, 4);
		cli_cell(w->unit->name, NAME_W);
		if (grouped)
			cli_cell(w->label, NAME_W);
		for (int k = 0; k < 7; k++)
			cli_rcell(hl_fmt_int(buf, sizeof(buf), v[k]), widths[k]);
		if (tl_on_time_pct(&w->c, &pct)) {
			hl_fmt_dec(buf, sizeof(buf), pct, 2);
			strncat(buf, " %", sizeof(buf) - strlen(buf) - 1);
		} else {
			snprintf(buf, sizeof(buf), "–");
		}
		cli_rcell(buf, widths[7]);
		fputc('\n', stdout);
	}
	fputs("\nTỷ lệ đúng hạn = (trước hạn + đúng hạn) / số hồ sơ đã giải quyết (TT 01/2018).\n"
	      "Hồ sơ tính theo ngày tiếp nhận trong kỳ; đang giải quyết (trong hạn hoặc quá hạn): chưa "
	      "hoàn thành tại thời điểm tính.\n",
		stdout);
}

static int do_stats(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *by = NULL, *at = NULL;
	const struct cli_opt more[] = {{"by", &by, NULL}, {"at", &at, NULL}, {NULL, NULL, NULL}};
	struct cli_scope s = {.format = "table"};
	struct dq_opts o = {0};
	struct dq_result *res = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	int rc;

	if ((rc = cli_scope_opts(&cmd_dossiers, argc, argv, &s, more)) != 0 ||
		(rc = cli_period(&cmd_dossiers, s.period, &o.period)) != 0 ||
		(rc = cli_minute(&cmd_dossiers, "--at", at, hl_clock_minute(), &o.at)) != 0 ||
		(rc = check_format(s.format, "table|csv")) != 0 ||
		(rc = cli_scope_one(&cmd_dossiers, &s)) != 0)
		return rc;
	if (dq_by_parse(by, &o.by, &err) != HL_OK)
		return cli_usage(&cmd_dossiers, "%s", err.msg);
	o.unit = s.unit;
	o.under = s.under;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = dq_stats(ctx->rst, a, &o, &res, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (strcmp(s.format, "csv") == 0)
		dq_stats_csv(stdout, res);
	else
		print_stats(res);
cleanup:
	hl_arena_free(a);
	return rc;
}

static void print_breaks(const struct dq_break *b, size_t n)
{
	static const struct cli_col cols[] = {
		{"Mã hồ sơ", 20},
		{"Đơn vị", 14},
		{"Lĩnh vực", 14},
		{"Vi phạm", 28},
		{"Chi tiết", 0},
	};

	if (n == 0) {
		fputs("Không có hồ sơ nào vi phạm quy định trong kỳ.\n", stdout);
		return;
	}
	cli_row(cols, NULL);
	for (size_t i = 0; i < n; i++)
		cli_row(cols,
			(const char *const[]){b[i].code, b[i].unit, b[i].field,
				tl_rule_code(b[i].rule), b[i].detail});
	printf("\n%zu vi phạm.\n", n);
}

static int do_breaks(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *unit = NULL, *at = NULL, *hours = NULL, *format = "table";
	const struct cli_opt opts[] = {{"period", &period, NULL}, {"unit", &unit, NULL},
		{"at", &at, NULL}, {"online-hours", &hours, NULL}, {"format", &format, NULL},
		{NULL, NULL, NULL}};
	struct hl_period p;
	struct dq_break *b = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t n = 0;
	int64_t when;
	double h = DQ_ONLINE_HOURS;
	int rc;

	if ((rc = cli_opts(&cmd_dossiers, argc, argv, opts)) != 0 ||
		(rc = cli_period(&cmd_dossiers, period, &p)) != 0 ||
		(rc = cli_minute(&cmd_dossiers, "--at", at, hl_clock_minute(), &when)) != 0 ||
		(rc = check_format(format, "table|csv")) != 0)
		return rc;
	if (hours != NULL && !hl_parse_decimal(hours, 0, 1000, &h))
		return cli_usage(&cmd_dossiers, "--online-hours '%s' phải là số giờ từ 0 đến 1000",
			hours);
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = dq_breaks(ctx->st, a, &p, unit, when, (int64_t)(h * 60 + 0.5), &b, &n, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (strcmp(format, "csv") == 0)
		dq_breaks_csv(stdout, b, n);
	else
		print_breaks(b, n);
cleanup:
	hl_arena_free(a);
	return rc;
}

static int do_weekly(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *unit = NULL, *format = NULL, *output = NULL;
	const struct cli_opt opts[] = {{"date", &date, NULL}, {"unit", &unit, NULL},
		{"format", &format, NULL}, {"output", &output, NULL}, {NULL, NULL, NULL}};
	struct wk_model *m = NULL;
	struct hl_err err = {0};
	hl_day friday;
	int rc;

	cli_short_output(argc, argv);
	if ((rc = cli_opts(&cmd_dossiers, argc, argv, opts)) != 0)
		return rc;
	if (format == NULL)
		return cli_usage(&cmd_dossiers, "thiếu --format (pdf, xlsx hoặc csv)");
	if ((rc = check_format(format, "pdf|xlsx|csv")) != 0)
		return rc;
	if (output == NULL || output[0] == '\0')
		return cli_usage(&cmd_dossiers, "thiếu -o TỆP (tệp kết quả)");
	if (date == NULL) {
		friday = wk_latest_friday((hl_day)(hl_clock_minute() / 1440));
	} else if (!hl_day_parse(date, &friday)) {
		return cli_usage(&cmd_dossiers,
			"--date '%s' không hợp lệ (viết năm-tháng-ngày, ví dụ "
			"2025-06-13, và là ngày có thật)",
			date);
	} else if (hl_day_weekday(friday) != 4) {
		char d[16], f[16];

		return cli_usage(&cmd_dossiers,
			"--date %s không phải thứ Sáu: danh sách lập vào "
			"thứ Sáu hằng tuần (ví dụ --date %s)",
			hl_day_vn(friday, d, sizeof(d)),
			hl_day_iso(wk_latest_friday(friday), f, sizeof(f)));
	}
	rc = wk_build(ctx->st, friday, unit, &m, &err);
	if (rc == HL_OK)
		rc = wk_render(m, format, output, &err);
	wk_free(m);
	if (rc != HL_OK)
		return cli_fail(&err);
	printf("Đã ghi %s\n", output);
	return 0;
}

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"stats", do_stats, NULL},
	{"breaks", do_breaks, NULL}, {"weekly", do_weekly, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_dossiers = {"dossiers",
	"hồ sơ thủ tục hành chính: nhập, tỷ lệ đúng hạn, vi phạm, danh sách thứ Sáu",
	cli_help_dossiers, CLI_DB_OPEN, NULL, subs};
