/* cmd_sample_plan.c — `hailong sample-plan`: how many opinions a unit must
 * collect in a year, per field, and how far along it is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "io/csvout.h"
#include "svc/ingest.h"
#include "svc/sampleplan.h"

static int run_sample_plan(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_sample_plan = {"sample-plan",
	"số phiếu khảo sát cần lấy trong năm theo lĩnh vực, và tiến độ", cli_help_sample_plan,
	CLI_DB_OPEN, run_sample_plan, NULL};

static void print_table(const struct store_unit *u, int year, hl_day date, const struct sp_line *l,
	int n, const struct sp_line *total, const char *method, double margin)
{
	char a[32], b[32], c[32], d[32], e[32], day[16];

	printf("KẾ HOẠCH SỐ PHIẾU KHẢO SÁT NĂM %d – %s\n", year, u->name);
	printf("Phương pháp %s, sai số %s %%, tính đến ngày %s\n\n", method,
		hl_fmt_dec(a, sizeof(a), margin * 100, 1), hl_day_vn(date, day, sizeof(day)));
	cli_cell("Lĩnh vực", 40);
	cli_rcell("Hồ sơ", 10);
	cli_rcell("Cần lấy", 10);
	cli_rcell("Đã thu", 10);
	cli_rcell("Đến nay", 10);
	cli_rcell("Còn thiếu", 10);
	putchar('\n');
	for (int i = 0; i <= n; i++) {
		const struct sp_line *x = i < n ? &l[i] : total;

		if (i == n)
			putchar('\n');
		cli_cell(x->name, 40);
		cli_rcell(hl_fmt_int(a, sizeof(a), x->dossiers), 10);
		cli_rcell(hl_fmt_int(b, sizeof(b), x->required), 10);
		cli_rcell(hl_fmt_int(c, sizeof(c), x->collected), 10);
		cli_rcell(hl_fmt_int(d, sizeof(d), x->expected), 10);
		cli_rcell(hl_fmt_int(e, sizeof(e), x->behind), 10);
		putchar('\n');
	}
	for (int i = 0; i < n; i++)
		if (l[i].behind > 0)
			printf("Cảnh báo: lĩnh vực %s đang chậm %s phiếu so với tiến độ.\n",
				l[i].name, hl_fmt_int(a, sizeof(a), l[i].behind));
	if (total->dossiers == 0)
		printf("Chưa có hồ sơ nào của năm %d: nhập hồ sơ bằng 'hailong dossiers import' rồi chạy lại.\n",
			year);
}

static int run_sample_plan(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year_s = NULL, *margin_s = "0.05", *method_s = "slovin",
		   *date_s = NULL, *min_s = "0", *format = "table";
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"year", &year_s, NULL},
		{"margin", &margin_s, NULL}, {"method", &method_s, NULL}, {"date", &date_s, NULL},
		{"min-per-field", &min_s, NULL}, {"format", &format, NULL}, {NULL, NULL, NULL}};
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	struct sp_opts o = {0};
	struct sp_plan p;
	long minf;
	int rc;

	rc = cli_opts(&cmd_sample_plan, argc, argv, opts);
	if (rc != 0)
		return rc;
	if (unit == NULL || year_s == NULL)
		return cli_usage(&cmd_sample_plan, "cần --unit và --year");
	if (!cli_parse_year(year_s, &o.year))
		return cli_usage(&cmd_sample_plan, "năm '%s' không hợp lệ", year_s);
	if (!hl_parse_decimal(margin_s, 1e-6, 0.999999, &o.margin))
		return cli_usage(&cmd_sample_plan,
			"--margin phải là số trong khoảng (0, 1), ví dụ 0.05");
	if (strcmp(method_s, "slovin") == 0)
		o.method = HL_SAMPLE_SLOVIN;
	else if (strcmp(method_s, "cochran") == 0)
		o.method = HL_SAMPLE_COCHRAN;
	else
		return cli_usage(&cmd_sample_plan, "--method phải là slovin hoặc cochran");
	if (!hl_parse_long(min_s, 0, 100000, &minf))
		return cli_usage(&cmd_sample_plan, "--min-per-field phải là số nguyên không âm");
	if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0)
		return cli_usage(&cmd_sample_plan, "--format phải là table hoặc csv");
	if (date_s != NULL) {
		if (!hl_day_parse(date_s, &o.date))
			return cli_usage(&cmd_sample_plan,
				"--date '%s' không phải một ngày viết năm-tháng-ngày, ví dụ 2025-06-30",
				date_s);
	} else {
		o.date = hl_clock_today(); /* today in Vietnam */
	}
	o.unit = unit;
	o.min_per_field = minf;

	if ((rc = cli_arena((size_t)256 << 20, &a)) != 0)
		return rc;
	if ((rc = sp_compute(ctx->st, a, &o, &p, &err)) != HL_OK)
		goto fail;
	if (strcmp(format, "csv") == 0) {
		puts("field,name,dossiers,required,collected,expected,behind");
		for (int i = 0; i <= p.n; i++) {
			const struct sp_line *x = i < p.n ? &p.lines[i] : &p.total;

			csvout_cell(stdout, x->code);
			putchar(',');
			csvout_cell(stdout, x->name);
			printf(",%lld,%lld,%lld,%lld,%lld\n", (long long)x->dossiers,
				(long long)x->required, (long long)x->collected,
				(long long)x->expected, (long long)x->behind);
		}
	} else {
		print_table(&p.unit, o.year, o.date, p.lines, p.n, &p.total, method_s, o.margin);
	}
	hl_arena_free(a);
	return 0;
fail:
	hl_arena_free(a);
	return cli_fail(&err);
}
