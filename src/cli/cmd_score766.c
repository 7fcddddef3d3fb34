/* cmd_score766.c — `hailong score766`: the national scorecard of Decision
 * 766/QĐ-TTg per unit for a period (table, CSV or JSON), and the points
 * table an admin loads. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "svc/score766.h"

#define NAME_W 36

static int run_score766(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_score766 = {"score766",
	"bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766): tỷ lệ theo đơn vị và kỳ",
	cli_help_score766, CLI_DB_OPEN, run_score766, NULL};

/* A ratio for people, two decimals with a comma ("87,50"), or "–". */
static const char *cell(const struct sc_row *w, enum s766_ratio k, char *buf, size_t size)
{
	if (!w->r.has[k])
		return "–";
	return hl_fmt_dec(buf, size, w->r.v[k], 2);
}

static void print_table(const struct sc_result *r)
{
	char buf[32];
	static const char *const heads[] = {"Hồ sơ", "Đúng hạn %", "Ngày TB", "Phản ánh",
		"PA đúng hạn %", "PA hài lòng %", "HS hài lòng %", "Điểm"};
	static const int widths[] = {7, 11, 8, 9, 14, 14, 14, 7};
	int ncols = r->nbands > 0 ? 8 : 7;

	cli_title_period("BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg)", &r->o.period,
		r->o.at);
	if (r->nrows == 0) {
		fputs("Không có hồ sơ hay phản ánh nào trong kỳ ở các đơn vị đã chọn.\n", stdout);
		return;
	}
	cli_cell("STT", 4);
	cli_cell("Đơn vị", NAME_W);
	for (int k = 0; k < ncols; k++)
		cli_rcell(heads[k], widths[k]);
	fputc('\n', stdout);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct sc_row *w = &r->rows[i];
		const char *v[8];
		char bufs[8][32];

		v[0] = hl_fmt_int(bufs[0], sizeof(bufs[0]), w->c.dossiers);
		v[1] = cell(w, S766_ON_TIME, bufs[1], sizeof(bufs[1]));
		v[2] = cell(w, S766_AVG_DAYS, bufs[2], sizeof(bufs[2]));
		v[3] = hl_fmt_int(bufs[3], sizeof(bufs[3]), w->c.feedback);
		v[4] = cell(w, S766_FB_ON_TIME, bufs[4], sizeof(bufs[4]));
		v[5] = cell(w, S766_FB_SATISFIED, bufs[5], sizeof(bufs[5]));
		v[6] = cell(w, S766_DOS_SATISFIED, bufs[6], sizeof(bufs[6]));
		v[7] = w->has_points ? hl_fmt_dec(bufs[7], sizeof(bufs[7]), w->points, 2) : "–";
		snprintf(buf, sizeof(buf), "%zu", i + 1);
		cli_cell(buf, 4);
		cli_cell(w->unit->name, NAME_W);
		for (int k = 0; k < ncols; k++)
			cli_rcell(v[k], widths[k]);
		fputc('\n', stdout);
	}
	fputs("\nHồ sơ: giải quyết xong trong kỳ. Ngày TB: ngày làm việc từ tiếp nhận đến hoàn "
	      "thành.\nPhản ánh: thuộc thẩm quyền, tiếp nhận trong kỳ, đã trả lời hoặc đến hạn. "
	      "PA hài lòng: không bị\nđánh giá không hài lòng và không trễ hạn. HS hài lòng: "
	      "không có phiếu mang mã hồ sơ đánh giá\nkhông hài lòng. Công thức: docs/method.md.\n",
		stdout);
	if (r->nbands == 0)
		fputs("Chưa nạp bảng điểm (hailong score766 --points-import): chỉ hiện tỷ lệ.\n",
			stdout);
}

static int points(struct cli_ctx *ctx, const char *file, bool clear)
{
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t n = 0;
	int rc;

	if ((rc = cli_arena((size_t)1 << 22, &a)) != 0)
		return rc;
	rc = sc_points_install(ctx->st, clear ? NULL : file, ctx->who, a, &n, &err);
	hl_arena_free(a);
	if (rc != HL_OK)
		return cli_fail(&err);
	if (clear)
		puts("Đã bỏ bảng điểm QĐ 766: chỉ hiện tỷ lệ.");
	else
		printf("Đã nạp bảng điểm QĐ 766: %zu mức.\n", n);
	return 0;
}

static int run_score766(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *import = NULL;
	bool clear = false;
	const struct cli_opt more[] = {{"points-import", &import, NULL},
		{"points-clear", NULL, &clear}, {NULL, NULL, NULL}};
	struct cli_scope s = {.format = "table"};
	struct sc_opts o = {0};
	struct sc_result *res = NULL;
	struct s766_band *bands = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t nbands = 0;
	int rc;

	if ((rc = cli_scope_opts(&cmd_score766, argc, argv, &s, more)) != 0)
		return rc;
	if (import != NULL || clear) {
		if (import != NULL && clear)
			return cli_usage(&cmd_score766,
				"chỉ dùng một trong --points-import và --points-clear");
		return points(ctx, import, clear);
	}
	if ((rc = cli_period(&cmd_score766, s.period, &o.period)) != 0 ||
		(rc = cli_scope_one(&cmd_score766, &s)) != 0)
		return rc;
	if (s.unit == NULL && s.under == NULL)
		return cli_usage(&cmd_score766, "thiếu --unit hoặc --under");
	if (strcmp(s.format, "table") != 0 && strcmp(s.format, "csv") != 0 &&
		strcmp(s.format, "json") != 0)
		return cli_usage(&cmd_score766,
			"--format phải là table, csv hoặc json (không phải '%s')", s.format);
	o.unit = s.unit;
	o.under = s.under;
	if ((rc = cli_arena((size_t)1 << 31, &a)) != 0)
		return rc;
	rc = sc_points_load(ctx->st, a, &bands, &nbands, &err);
	if (rc == HL_OK)
		rc = sc_run(ctx->st, a, &o, bands, nbands, &res, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (strcmp(s.format, "csv") == 0) {
		sc_csv(stdout, res);
	} else if (strcmp(s.format, "json") == 0) {
		json_t *root = sc_json(res);

		if (root == NULL ||
			json_dumpf(root, stdout,
				JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) !=
				0)
			rc = cli_errorf("không ghi được JSON");
		fputc('\n', stdout);
		json_decref(root);
	} else {
		print_table(res);
	}
cleanup:
	hl_arena_free(a);
	return rc;
}
