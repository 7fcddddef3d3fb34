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
#include "io/csvout.h"
#include "core/sample.h"
#include "store/store.h"
#include "svc/ingest.h"

static int run_sample_plan(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_sample_plan = {
	.name = "sample-plan",
	.summary = "số phiếu khảo sát cần lấy trong năm theo lĩnh vực, và tiến độ",
	.help =
		"Cách dùng: hailong sample-plan --unit MÃ --year NĂM [--margin 0.05]\n"
		"                              [--method slovin|cochran] [--min-per-field N]\n"
		"                              [--date NGÀY] [--format table|csv]\n"
		"\n"
		"Số ý kiến cần lấy trong năm tính từ số hồ sơ của đơn vị trong năm\n"
		"(Slovin: n = N / (1 + N·e²); Cochran: cỡ mẫu 95 % có hiệu chỉnh quần thể\n"
		"hữu hạn), phân bổ cho từng lĩnh vực theo tỷ lệ hồ sơ, so với số phiếu đã\n"
		"thu và số phiếu lẽ ra phải có đến ngày --date (năm-tháng-ngày, mặc định: hôm nay).\n"
		"\n"
		"  --margin E         sai số cho phép, 0 < E < 1 (mặc định 0.05)\n"
		"  --method M         slovin (mặc định) hoặc cochran\n"
		"  --min-per-field N  tối thiểu N phiếu cho mỗi lĩnh vực có hồ sơ (mặc định 0)\n"
		"  --format F         table (mặc định) hoặc csv\n",
	.db = CLI_DB_OPEN,
	.run = run_sample_plan,
};

struct line {
	int64_t field_id;
	const char *code, *name;
	int64_t dossiers, required, collected, expected, behind;
};

/* Opinions collected per field, from the unit's monthly per-field tallies. */
struct counter {
	int64_t unit_id;
	struct line *lines;
	int n;
};

static int count_field(void *p, const struct store_tally_row *row)
{
	struct counter *c = p;
	const struct hl_tally *all = hl_tallyset_find(&row->set, HL_CRIT_ALL);

	if (row->unit_id != c->unit_id || all == NULL)
		return 0;
	for (int i = 0; i < c->n; i++)
		if (c->lines[i].field_id == row->field_id)
			c->lines[i].collected += all->n;
	return 0;
}

static void print_table(const struct store_unit *u, int year, hl_day date, const struct line *l,
	int n, const struct line *total, const char *method, double margin)
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
		const struct line *x = i < n ? &l[i] : total;

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
			printf("Cảnh báo: lĩnh vực %s đang chậm %s phiếu so với tiến độ.\n", l[i].name,
				hl_fmt_int(a, sizeof(a), l[i].behind));
	if (total->dossiers == 0)
		printf("Chưa có hồ sơ nào của năm %d: nhập hồ sơ bằng 'hailong dossiers import' rồi chạy lại.\n",
			year);
}

static int run_sample_plan(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year_s = NULL, *margin_s = "0.05", *method_s = "slovin",
		*date_s = NULL, *min_s = "0", *format = "table";
	const struct cli_opt opts[] = {
		{"unit", &unit, NULL}, {"year", &year_s, NULL}, {"margin", &margin_s, NULL},
		{"method", &method_s, NULL}, {"date", &date_s, NULL}, {"min-per-field", &min_s, NULL},
		{"format", &format, NULL}, {NULL, NULL, NULL},
	};
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	struct store_unit u;
	struct store_field *fields = NULL;
	struct store_count *counts = NULL;
	size_t nfields = 0, ncounts = 0;
	struct line *lines = NULL, total = {.code = "ALL", .name = "Tổng cộng"};
	int64_t *cnt = NULL, *alloc = NULL, minf;
	enum hl_sample_method method;
	double margin;
	hl_day first, last, date;
	int year, rc, npos = 0, n = 0;
	char *end;

	rc = cli_parse(&cmd_sample_plan, argc, argv, 1, opts, NULL, 0, &npos);
	if (rc != 0)
		return rc;
	if (unit == NULL || year_s == NULL)
		return cli_usage(&cmd_sample_plan, "cần --unit và --year");
	if (!cli_parse_year(year_s, &year))
		return cli_usage(&cmd_sample_plan, "năm '%s' không hợp lệ", year_s);
	if (!hl_parse_decimal(margin_s, 1e-6, 0.999999, &margin))
		return cli_usage(&cmd_sample_plan, "--margin phải là số trong khoảng (0, 1), ví dụ 0.05");
	if (strcmp(method_s, "slovin") == 0)
		method = HL_SAMPLE_SLOVIN;
	else if (strcmp(method_s, "cochran") == 0)
		method = HL_SAMPLE_COCHRAN;
	else
		return cli_usage(&cmd_sample_plan, "--method phải là slovin hoặc cochran");
	minf = strtol(min_s, &end, 10);
	if (*min_s == '\0' || *end != '\0' || minf < 0 || minf > 100000)
		return cli_usage(&cmd_sample_plan, "--min-per-field phải là số nguyên không âm");
	if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0)
		return cli_usage(&cmd_sample_plan, "--format phải là table hoặc csv");
	hl_day_from_ymd(year, 1, 1, &first);
	hl_day_from_ymd(year, 12, 31, &last);
	if (date_s != NULL) {
		if (!hl_day_parse(date_s, &date))
			return cli_usage(&cmd_sample_plan, "--date '%s' không phải một ngày viết năm-tháng-ngày, ví dụ 2025-06-30", date_s);
	} else {
		date = hl_clock_today();   /* today in Vietnam */
	}

	a = hl_arena_new((size_t)256 << 20);
	if (a == NULL)
		return cli_errorf("hết bộ nhớ");
	if ((rc = STORE(ctx->st, unit_get, unit, &u, &err)) != HL_OK ||
	    (rc = STORE(ctx->st, field_list, a, &fields, &nfields, &err)) != HL_OK ||
	    (rc = STORE(ctx->st, dossier_count_by_field, u.id, first, last, a, &counts, &ncounts, &err)) != HL_OK)
		goto fail;
	lines = hl_arena_alloc(a, (ncounts + 1) * sizeof(*lines));
	cnt = hl_arena_alloc(a, (ncounts + 1) * sizeof(*cnt));
	alloc = hl_arena_alloc(a, (ncounts + 1) * sizeof(*alloc));
	if (!lines || !cnt || !alloc) {
		rc = hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		goto fail;
	}
	/* Fields in the order of the field list, then dossiers without a field. */
	for (size_t f = 0; f <= nfields; f++) {
		int64_t id = f < nfields ? fields[f].id : 0;

		for (size_t c = 0; c < ncounts; c++) {
			if (counts[c].key_id != id)
				continue;
			lines[n].field_id = id;
			lines[n].code = f < nfields ? fields[f].code : "";
			lines[n].name = f < nfields ? fields[f].name : "(không rõ lĩnh vực)";
			lines[n].dossiers = counts[c].count;
			cnt[n++] = counts[c].count;
		}
	}
	for (int i = 0; i < n; i++)
		total.dossiers += lines[i].dossiers;
	rc = hl_sample_allocate(hl_sample_size(method, total.dossiers, margin), cnt, n, minf, alloc, &err);
	if (rc != HL_OK)
		goto fail;
	{
		struct counter c = {u.id, lines, n};
		hl_day upto = date < last ? date : last;

		/* Whole months up to the one that holds the date. */
		if (upto >= first)
			rc = STORE(ctx->st, tally_scan, GRAIN_MONTH, true, first, hl_day_month_start(upto),
				count_field, &c, &err);
		if (rc != HL_OK)
			goto fail;
	}
	for (int i = 0; i < n; i++) {
		int elapsed = date < first ? 0 : (int)((date > last ? last : date) - first + 1);

		lines[i].required = alloc[i];
		lines[i].expected = hl_sample_expected(alloc[i], elapsed, (int)(last - first + 1));
		lines[i].behind = lines[i].expected > lines[i].collected ?
			lines[i].expected - lines[i].collected : 0;
		total.required += lines[i].required;
		total.collected += lines[i].collected;
		total.expected += lines[i].expected;
		total.behind += lines[i].behind;
	}
	if (strcmp(format, "csv") == 0) {
		puts("field,name,dossiers,required,collected,expected,behind");
		for (int i = 0; i <= n; i++) {
			const struct line *x = i < n ? &lines[i] : &total;

			csvout_cell(stdout, x->code);
			putchar(',');
			csvout_cell(stdout, x->name);
			printf(",%lld,%lld,%lld,%lld,%lld\n", (long long)x->dossiers, (long long)x->required, (long long)x->collected,
				(long long)x->expected, (long long)x->behind);
		}
	} else {
		print_table(&u, year, date, lines, n, &total, method_s, margin);
	}
	hl_arena_free(a);
	return 0;
fail:
	hl_arena_free(a);
	return cli_fail(&err);
}
