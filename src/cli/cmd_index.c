/* cmd_index.c — `hailong index`: the satisfaction indices of units for a
 * period, as a table for people, CSV or JSON. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_help.h"
#include "report/index_csv.h"
#include "svc/index_json.h"
#include "svc/indexq.h"

static int run_index(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_index = {"index",
	"tính chỉ số hài lòng theo tiêu chí cho một kỳ: bảng, CSV hoặc JSON", cli_help_index,
	CLI_DB_OPEN, run_index, NULL};

static int print_json(const struct iq_result *r, FILE *f)
{
	json_t *root = index_json(r);
	int rc = 0;

	if (root == NULL)
		return cli_errorf("hết bộ nhớ khi tạo JSON");
	if (json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(12) | JSON_PRESERVE_ORDER) !=
		0)
		rc = cli_errorf("không ghi được JSON");
	fputc('\n', f);
	json_decref(root);
	return rc;
}

static void value_text(const struct hl_idx_cell *c, char *buf, size_t size)
{
	if (!c->cur.valid) {
		snprintf(buf, size, "–");
		return;
	}
	hl_fmt_dec(buf, size, c->cur.value, 2);
	if (c->has_target && !c->met)
		strncat(buf, "↓", size - strlen(buf) - 1);
}

static void print_table(const struct iq_result *r)
{
	char label[96], a[16], b[16], buf[64];
	size_t wname = hl_utf8_width("Đơn vị");
	int K = r->ncrit;
	bool any_pooled = false;

	for (size_t i = 0; i < r->nunits; i++) {
		size_t w = hl_utf8_width(r->units[i].unit.name);

		if (w > wname)
			wname = w;
	}
	if (wname > 40)
		wname = 40;
	printf("CHỈ SỐ HÀI LÒNG – %s (%s – %s)\n\n",
		hl_period_label(&r->period, label, sizeof(label)),
		hl_day_vn(r->period.first, a, sizeof(a)), hl_day_vn(r->period.last, b, sizeof(b)));
	if (r->nunits == 0) {
		fputs("Không có đơn vị nào trong phạm vi đã chọn.\n", stdout);
		return;
	}
	cli_cell("STT", 4); /* TT is a criterion */
	cli_cell("Đơn vị", (int)wname + 1);
	for (int k = 0; k < K; k++)
		cli_rcell(r->crit_code[k], 9);
	cli_rcell("SIPAS", 9);
	cli_rcell("Tăng/giảm", 10);
	cli_rcell("Xếp hạng", 9);
	cli_rcell("Số phiếu", 9);
	fputc('\n', stdout);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *u = &r->units[i];
		const struct hl_idx_cell *all = &u->idx.cell[K];
		char name[STORE_NAME_MAX + 8];

		snprintf(buf, sizeof(buf), "%02zu", i + 1);
		cli_cell(buf, 4);
		snprintf(name, sizeof(name), "%s%s", u->unit.name,
			u->pooled && !u->active ? " (†)" : "");
		any_pooled |= u->pooled && !u->active;
		cli_cell(name, (int)wname + 1);
		for (int k = 0; k <= K; k++) {
			value_text(&u->idx.cell[k], buf, sizeof(buf));
			cli_rcell(buf, 9);
		}
		cli_rcell(hl_index_change_text(all, buf, sizeof(buf)), 10);
		cli_rcell(hl_index_rank_text(all, buf, sizeof(buf)), 9);
		hl_fmt_int(buf, sizeof(buf), all->cur.n);
		cli_rcell(buf, 9);
		fputc('\n', stdout);
	}
	fputc('\n', stdout);
	for (int k = 0; k < K; k++)
		printf("%-5s %s\n", r->crit_code[k], r->crit_name[k]);
	printf("Tăng/giảm: so với cùng kỳ năm trước (%s). Xếp hạng: theo SIPAS, trong các đơn vị cùng loại, cùng cấp trên.\n",
		hl_period_label(&r->prev, label, sizeof(label)));
	fputs("*: khoảng tin cậy 95 % chưa đủ để khẳng định; ↓: dưới chỉ tiêu.\n", stdout);
	if (any_pooled)
		fputs("(†): đơn vị chưa thành lập trong kỳ; số liệu gộp từ các đơn vị trước sáp nhập.\n",
			stdout);
}

static int run_index(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *type = NULL, *weight = NULL;
	const struct cli_opt more[] = {{"type", &type, NULL}, {"weight", &weight, NULL},
		{NULL, NULL, NULL}};
	struct cli_scope s = {.format = "table"};
	struct iq_opts o = {0};
	struct iq_result *res = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	int rc;

	rc = cli_scope_opts(&cmd_index, argc, argv, &s, more);
	if (rc != 0)
		return rc;
	if (s.period == NULL)
		return cli_usage(&cmd_index, "thiếu --period (ví dụ: --period 2024-Q3)");
	if ((rc = cli_scope_one(&cmd_index, &s)) != 0)
		return rc;
	if (strcmp(s.format, "table") != 0 && strcmp(s.format, "csv") != 0 &&
		strcmp(s.format, "json") != 0)
		return cli_usage(&cmd_index,
			"--format phải là table, csv hoặc json (không phải '%s')", s.format);
	if (weight && strcmp(weight, "field") != 0)
		return cli_usage(&cmd_index, "--weight chỉ nhận giá trị 'field'");
	if (hl_period_parse(s.period, &o.period, &err) != HL_OK)
		return cli_usage(&cmd_index, "%s", err.msg);
	o.unit = s.unit;
	o.under = s.under;
	o.type = type;
	o.weight_field = weight != NULL;
	if ((rc = cli_arena((size_t)1 << 31, &a)) != 0)
		return rc;
	rc = iq_run(ctx->rst, a, &o, &res, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (strcmp(s.format, "csv") == 0)
		index_csv(stdout, res);
	else if (strcmp(s.format, "json") == 0)
		rc = print_json(res, stdout);
	else
		print_table(res);
cleanup:
	hl_arena_free(a);
	return rc;
}
