/* cmd_targets.c — `hailong targets set|list`: yearly targets (chỉ tiêu) per
 * unit or unit type, for every criterion or one. A unit's own target wins
 * over its type's (resolved by the index query). */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/instrument.h"
#include "core/tally.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/targets.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)64 * 1024 * 1024)

static int do_set(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *year = NULL, *unit = NULL, *type = NULL, *crit = NULL;
	const struct cli_opt opts[] = {{"year", &year, NULL}, {"unit", &unit, NULL},
		{"type", &type, NULL}, {"criterion", &crit, NULL}, {NULL, NULL, NULL}};
	struct store_target t;
	struct hl_arena *a = NULL;
	struct hl_err err;
	const char *pos[1];
	char v[32], detail[256];
	const char **codes = NULL;
	size_t nc = 0;
	bool known = false;
	int npos, rc = cli_parse(&cmd_targets, argc, argv, 1, opts, pos, 1, &npos);

	if (rc != 0)
		return rc;
	memset(&t, 0, sizeof(t));
	if (npos != 1 || year == NULL || (unit == NULL) == (type == NULL))
		return cli_usage(&cmd_targets,
			"cách dùng: hailong targets set --year NĂM "
			"(--unit MÃ | --type LOẠI) [--criterion TIÊU_CHÍ] GIÁ_TRỊ");
	if (!cli_parse_year(year, &t.year))
		return cli_usage(&cmd_targets, "năm '%s' không hợp lệ", year);
	if (!hl_parse_decimal(pos[0], 0, 100, &t.value))
		return cli_usage(&cmd_targets,
			"chỉ tiêu '%s' không hợp lệ: cần một số từ 0 đến 100 "
			"(ví dụ 90 hoặc 90,5)",
			pos[0]);
	hl_err_clear(&err);
	if (unit != NULL) {
		struct store_unit u;

		if ((rc = cli_unit_get(ctx, unit, &u, "đơn vị '%s' không tồn tại", unit)) != 0)
			return rc;
		t.unit_id = u.id;
	} else {
		if (builtin_unit_type_name(type) == NULL)
			return cli_usage(&cmd_targets, "loại đơn vị '%s' không có", type);
		snprintf(t.type, sizeof(t.type), "%s", type);
	}
	if (crit != NULL) {
		if (strlen(crit) >= sizeof(t.criterion))
			return cli_usage(&cmd_targets, "mã tiêu chí quá dài: %s", crit);
		if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
			return rc;
		rc = targets_criteria(ctx->st, a, &codes, &nc, &err);
		for (size_t i = 0; rc == HL_OK && i < nc && !known; i++)
			known = strcmp(codes[i], crit) == 0;
		hl_arena_free(a);
		if (rc != HL_OK)
			return cli_fail(&err);
		if (!known)
			return cli_errorf("tiêu chí '%s' không thuộc bộ câu hỏi nào (dùng mã như TC, "
					  "HC, PV, KQ, TT hoặc SIPAS)",
				crit);
		snprintf(t.criterion, sizeof(t.criterion), "%s", crit);
	}
	hl_fmt_dec(v, sizeof(v), t.value, 2);
	snprintf(detail, sizeof(detail), "năm %d, %s %s, tiêu chí %s: %s", t.year,
		unit != NULL ? "đơn vị" : "loại", unit != NULL ? unit : type,
		crit != NULL ? crit : "tất cả", v);
	if (targets_set(ctx->st, &t, ctx->who, detail, &err) != HL_OK)
		return cli_fail(&err);
	printf("Đã đặt chỉ tiêu năm %d cho %s %s, tiêu chí %s: %s\n", t.year,
		unit != NULL ? "đơn vị" : "loại đơn vị", unit != NULL ? unit : type,
		crit != NULL ? crit : "tất cả", v);
	return 0;
}

/* t->arg: the year (int). */
static int print_list(struct cli_ctx *ctx, struct cli_table *l, struct hl_err *err)
{
	const int *y = l->arg;
	struct store_target *t = NULL;
	int rc = targets_list(ctx->st, *y, l->a, &t, &l->n, err);

	if (rc != HL_OK)
		return rc;
	printf("Chỉ tiêu năm %d:\n", *y);
	cli_table_head(l);
	for (size_t i = 0; i < l->n; i++) {
		char who[96], v[32];

		if (t[i].unit_id != 0)
			snprintf(who, sizeof(who), "%s", cli_table_unit(l, t[i].unit_id));
		else
			snprintf(who, sizeof(who), "mọi %s",
				builtin_unit_type_name(t[i].type) != NULL ?
					builtin_unit_type_name(t[i].type) :
					t[i].type);
		cli_table_row(l,
			(const char *const[]){who,
				t[i].criterion[0] != '\0' ? t[i].criterion : "tất cả",
				hl_fmt_dec(v, sizeof(v), t[i].value, 2)});
	}
	if (l->n == 0)
		puts("(chưa có chỉ tiêu nào)");
	return HL_OK;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *year = NULL;
	const struct cli_opt opts[] = {{"year", &year, NULL}, {NULL, NULL, NULL}};
	static const struct cli_col cols[] = {{"Áp dụng cho", 36}, {"Tiêu chí", 10},
		{"Chỉ tiêu", 0}};
	static const struct cli_listing l = {cols, (size_t)256 * 1024 * 1024, NULL, NULL, true,
		print_list};
	int y, rc = cli_opts(&cmd_targets, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (year == NULL || !cli_parse_year(year, &y))
		return cli_usage(&cmd_targets, "cần --year NĂM (ví dụ --year 2025)");
	return cli_list_print(ctx, &l, &y);
}

static const struct cli_sub subs[] = {{"set", do_set, NULL}, {"list", do_list, NULL},
	{NULL, NULL, NULL}};

const struct cli_cmd cmd_targets = {"targets",
	"chỉ tiêu hằng năm theo đơn vị hoặc loại đơn vị: đặt, liệt kê", cli_help_targets,
	CLI_DB_OPEN, NULL, subs};
