/* cmd_chart.c — `hailong chart`: one unit's chart for a period, the same
 * drawing the web pages and the PDF reports use, written as PNG, SVG or PDF
 * (chosen by the file's extension): the criteria against their targets, or
 * the trend month by month. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "core/period.h"
#include "report/chart.h"
#include "report/out.h"
#include "svc/indexq.h"

#define ARENA_CAP ((size_t)64 << 20)

static int run_chart(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_chart = {"chart",
	"vẽ biểu đồ chỉ số của một đơn vị ra tệp PNG, SVG hoặc PDF", cli_help_chart, CLI_DB_OPEN,
	run_chart, NULL};

enum fmt { F_PNG, F_SVG, F_PDF };

static int format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return -1;
	if (strcasecmp(dot, ".png") == 0)
		return F_PNG;
	if (strcasecmp(dot, ".svg") == 0)
		return F_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return F_PDF;
	return -1;
}

/* The criteria and SIPAS of the unit against their targets, beside the
 * same period a year earlier. */
static int bars(struct hl_arena *a, const struct iq_result *res, struct chart *c,
	struct hl_err *err)
{
	const struct iq_unit *u = &res->units[0];
	struct chart_series *cur, *prev;
	char label[96];

	chart_init(c, CHART_BARS,
		hl_arena_printf(a, "Các tiêu chí so với chỉ tiêu – %s", u->unit.name));
	c->decimals = 2;
	cur = chart_add_series(c,
		hl_arena_strdup(a, hl_period_label(&res->period, label, sizeof(label))));
	prev = chart_add_series(c,
		hl_arena_strdup(a, hl_period_label(&res->prev, label, sizeof(label))));
	if (c->title == NULL || cur == NULL || prev == NULL || cur->name == NULL ||
		prev->name == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi vẽ biểu đồ");
	for (int k = 0; k <= res->ncrit && k < CHART_MAX_CATS && k < HL_IDX_MAXCELLS; k++) {
		const struct hl_idx_cell *cell = &u->idx.cell[k];
		int rc = chart_add_cat(c, res->crit_code[k], err);

		if (rc != HL_OK)
			return rc;
		if (cell->cur.valid)
			cur->value[k] = cell->cur.value;
		if (cell->prev.valid)
			prev->value[k] = cell->prev.value;
		if (cell->has_target)
			c->target[k] = cell->target;
	}
	return HL_OK;
}

/* SIPAS and each criterion month by month: one index query per month
 * (monthly tallies make each cheap). */
static int trend(struct cli_ctx *ctx, struct hl_arena *a, const struct iq_result *res,
	const char *unit, struct chart *c, struct hl_err *err)
{
	int y0, m0, d0, y1, m1, d1, n;
	int ncells = res->ncrit + 1 < CHART_MAX_SERIES ? res->ncrit + 1 : CHART_MAX_SERIES;
	char label[96];

	hl_day_to_ymd(res->period.first, &y0, &m0, &d0);
	hl_day_to_ymd(res->period.last, &y1, &m1, &d1);
	if (y0 == y1 && m0 == m1) {
		m0 = 1;
		m1 = 12;
	}
	n = (y1 - y0) * 12 + m1 - m0 + 1;
	if (n > CHART_MAX_CATS)
		return hl_err_set(err, HL_EINVAL, "--period",
			"kỳ dài %d tháng: biểu đồ diễn biến "
			"vẽ được tối đa %d tháng",
			n, CHART_MAX_CATS);
	chart_init(c, CHART_LINE,
		hl_arena_printf(a, "Diễn biến theo tháng – %s – %s", res->units[0].unit.name,
			hl_period_label(&res->period, label, sizeof(label))));
	/* SIPAS first: the chart draws series 0 strongest. */
	chart_add_series(c, res->crit_code[res->ncrit]);
	for (int k = 0; k < res->ncrit && c->nseries < ncells; k++)
		chart_add_series(c, res->crit_code[k]);
	if (res->units[0].idx.cell[res->ncrit].has_target)
		c->target_all = res->units[0].idx.cell[res->ncrit].target;
	for (int i = 0; i < n; i++) {
		int y = y0 + (m0 - 1 + i) / 12, m = (m0 - 1 + i) % 12 + 1;
		struct iq_opts o = {.unit = unit};
		struct iq_result *mr = NULL;
		char code[16];
		int rc;

		rc = chart_add_cat(c,
			y0 == y1 ? hl_arena_printf(a, "T%d", m) :
				   hl_arena_printf(a, "%d/%d", m, y % 100),
			err);
		if (rc != HL_OK)
			return rc;
		snprintf(code, sizeof(code), "%04d-%02d", y, m);
		rc = hl_period_parse(code, &o.period, err);
		if (rc == HL_OK)
			rc = iq_run(ctx->st, a, &o, &mr, err);
		if (rc != HL_OK)
			return rc;
		if (mr->nunits == 0)
			continue;
		for (int s = 0; s < c->nseries; s++)
			for (int k = 0; k <= mr->ncrit; k++) {
				const struct hl_idx_cell *cell = &mr->units[0].idx.cell[k];

				if (strcmp(mr->crit_code[k], c->series[s].name) == 0 &&
					cell->cur.valid)
					c->series[s].value[i] = cell->cur.value;
			}
	}
	return HL_OK;
}

static int write_svg(const struct chart *c, struct hl_arena *a, FILE *f, struct hl_err *err)
{
	char *svg = NULL;
	size_t len = 0;
	int rc = chart_svg(c, "bieu-do", a, &svg, &len, err);

	if (rc != HL_OK)
		return rc;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fwrite(svg, 1, len, f);
	fputc('\n', f);
	return HL_OK;
}

static int run_chart(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *unit = NULL, *kind = "bars", *output = NULL;
	const struct cli_opt opts[] = {{"period", &period, NULL}, {"unit", &unit, NULL},
		{"kind", &kind, NULL}, {"output", &output, NULL}, {NULL, NULL, NULL}};
	struct iq_opts o = {0};
	struct iq_result *res = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	struct rpt_out out = {0};
	struct chart c;
	int rc, fmt;

	cli_short_output(argc, argv);
	rc = cli_opts(&cmd_chart, argc, argv, opts);
	if (rc != 0)
		return rc;
	if (period == NULL)
		return cli_usage(&cmd_chart, "thiếu --period (ví dụ: --period 2025-Q3)");
	if (unit == NULL)
		return cli_usage(&cmd_chart, "thiếu --unit (mã đơn vị)");
	if (output == NULL)
		return cli_usage(&cmd_chart, "thiếu -o TỆP (.png, .svg hoặc .pdf)");
	if (strcmp(kind, "bars") != 0 && strcmp(kind, "trend") != 0)
		return cli_usage(&cmd_chart, "--kind phải là bars hoặc trend, không phải '%s'",
			kind);
	fmt = format_of(output);
	if (fmt < 0)
		return cli_usage(&cmd_chart, "tệp '%s' phải có đuôi .png, .svg hoặc .pdf", output);
	if (hl_period_parse(period, &o.period, &err) != HL_OK)
		return cli_usage(&cmd_chart, "%s", err.msg);
	o.unit = unit;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = iq_run(ctx->st, a, &o, &res, &err);
	if (rc == HL_OK && res->nunits == 0)
		rc = hl_err_set(&err, HL_ENOTFOUND, "--unit", "không có đơn vị '%s'", unit);
	if (rc == HL_OK)
		rc = strcmp(kind, "trend") == 0 ? trend(ctx, a, res, unit, &c, &err) :
						  bars(a, res, &c, &err);
	if (rc == HL_OK && !chart_has_value(&c))
		rc = hl_err_set(&err, HL_EINVAL, "--period",
			"đơn vị '%s' không có phiếu nào được "
			"tính trong kỳ %s: chọn kỳ khác",
			unit, period);
	if (rc == HL_OK)
		rc = rpt_out_begin(&out, output, &err);
	if (rc == HL_OK) {
		if (fmt == F_SVG) {
			rc = write_svg(&c, a, out.f, &err);
		} else {
			/* cairo writes PNG and PDF by name. */
			fclose(out.f);
			out.f = NULL;
			rc = fmt == F_PNG ? chart_png(&c, out.tmp, 2, &err) :
					    chart_pdf(&c, out.tmp, &err);
		}
	}
	if (rc == HL_OK)
		rc = rpt_out_commit(&out, &err);
	rpt_out_abort(&out);
	hl_arena_free(a);
	if (rc != HL_OK)
		return cli_fail(&err);
	printf("Đã ghi biểu đồ vào %s\n", output);
	return 0;
}
