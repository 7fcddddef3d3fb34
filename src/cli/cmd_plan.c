/* cmd_plan.c — `hailong plan`: the improvement plan (kế hoạch nâng cao mức
 * độ hài lòng, issue 6): the standard tasks per criterion, the suggestion for
 * a unit and year from the criteria below target, adopting or importing it
 * as the unit's plan, showing it (table, CSV, the appendix as PDF or XLSX)
 * and recording each task's progress. The work is svc/plan.c's. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "base/text.h"
#include "svc/report_model.h"
#include "report/out.h"
#include "report/plan_doc.h"
#include "svc/import.h"
#include "svc/plan.h"

#define ARENA_CAP ((size_t)1 << 30)
#define SHORT 160 /* bytes of a task shown in a table */

/* At most SHORT bytes of the first line of s, "…" when cut; owned by a. */
static const char *shorten(struct hl_arena *a, const char *s)
{
	size_t n = strcspn(s, "\n"), max = n > SHORT ? SHORT : n;

	while (max > 0 && max < n && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return hl_arena_printf(a, "%.*s%s", (int)max, s, max < strlen(s) ? "…" : "");
}

static bool parse_format(const char *f, const char *const *allowed)
{
	for (; *allowed != NULL; allowed++)
		if (strcmp(f, *allowed) == 0)
			return true;
	return false;
}

/* --unit and --year, both required. */
static int unit_year(const char *unit, const char *year, int *y)
{
	if (unit == NULL || year == NULL)
		return cli_usage(&cmd_plan,
			"cần --unit MÃ và --year NĂM (ví dụ --unit vinh-tho "
			"--year 2025)");
	if (!cli_parse_year(year, y))
		return cli_usage(&cmd_plan, "năm '%s' không hợp lệ", year);
	return 0;
}

/* ---- tasks ---- */

static int tasks_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *crit = NULL, *format = "table";
	const struct cli_opt opts[] = {{"criterion", &crit, NULL}, {"format", &format, NULL},
		{NULL, NULL, NULL}};
	struct store_plan_std *t = NULL, *keep = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t n = 0, nkeep = 0;
	bool builtin = false, csv;
	int rc = cli_opts(&cmd_plan, argc, argv, opts);

	if (rc != 0 || (rc = cli_csv_format(&cmd_plan, format, &csv)) != 0)
		return rc;
	if (crit != NULL && plan_crit_index(crit) < 0)
		return cli_usage(&cmd_plan,
			"tiêu chí '%s' không có nhiệm vụ mẫu: dùng TC, HC, PV, KQ "
			"hoặc TT",
			crit);
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = plan_std_get(ctx->st, a, &t, &n, &builtin, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	keep = hl_arena_alloc(a, (n + 1) * sizeof(*keep));
	if (keep == NULL) {
		rc = cli_errorf("hết bộ nhớ");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		if (crit == NULL || strcmp(t[i].criterion, crit) == 0)
			keep[nkeep++] = t[i];
	if (csv) {
		plan_csv_std(stdout, keep, nkeep);
		goto cleanup;
	}
	printf("NHIỆM VỤ MẪU THEO TIÊU CHÍ (%s)\n",
		builtin ? "có sẵn, theo phụ lục kế hoạch mẫu" : "do quản trị viên sửa");
	for (int c = 0; c < PLAN_NCRIT; c++) {
		int no = 0;

		for (size_t i = 0; i < nkeep; i++) {
			char sched[96];

			if (strcmp(keep[i].criterion, plan_crit_code(c)) != 0)
				continue;
			if (no == 0)
				printf("\n%s – %s\n", plan_crit_code(c), plan_crit_name(c));
			printf("  %d. %s\n", ++no, shorten(a, keep[i].task));
			printf("     Trách nhiệm: %s\n", shorten(a, keep[i].responsible));
			printf("     Tiến độ: %s\n",
				plan_schedule_label(keep[i].schedule, 0, sched, sizeof(sched)));
		}
	}
	if (nkeep == 0)
		puts("(không có nhiệm vụ mẫu nào)");
cleanup:
	hl_arena_free(a);
	return rc;
}

static int tasks_set(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *crit = NULL, *no = NULL, *task = NULL, *resp = NULL, *sched = NULL,
		   *expected = NULL;
	const struct cli_opt opts[] = {{"criterion", &crit, NULL}, {"no", &no, NULL},
		{"task", &task, NULL}, {"responsible", &resp, NULL}, {"schedule", &sched, NULL},
		{"expected", &expected, NULL}, {NULL, NULL, NULL}};
	struct hl_err err = {0};
	long k;
	int rc = cli_opts(&cmd_plan, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (crit == NULL || no == NULL)
		return cli_usage(&cmd_plan, "cần --criterion C và --no N");
	if (!hl_parse_long(no, 1, PLAN_MAX_TASKS, &k))
		return cli_usage(&cmd_plan, "--no phải là số thứ tự từ 1 (không phải '%s')", no);
	if (task == NULL && resp == NULL && sched == NULL && expected == NULL)
		return cli_usage(&cmd_plan,
			"không có gì để sửa: thêm --task, --responsible, "
			"--schedule hoặc --expected");
	if (plan_std_set(ctx->st, crit, (int)k, task, resp, sched, expected, ctx->who, &err) !=
		HL_OK)
		return cli_fail(&err);
	printf("Đã sửa nhiệm vụ mẫu %s số %ld\n", crit, k);
	return 0;
}

static int tasks_reset(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_err err = {0};
	int rc = cli_opts(&cmd_plan, argc, argv, NULL);

	if (rc != 0)
		return rc;
	if (plan_std_reset(ctx->st, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	puts("Đã dùng lại nhiệm vụ mẫu có sẵn (phụ lục kế hoạch mẫu)");
	return 0;
}

static int do_tasks(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cli_import_cmd(&cmd_plan, ctx, argc - 1, argv + 1, "nhiệm vụ mẫu",
			plan_std_import);
	if (argc >= 2 && (strcmp(argv[1], "set") == 0 || strcmp(argv[1], "--set") == 0))
		return tasks_set(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "reset") == 0)
		return tasks_reset(ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return tasks_list(ctx, argc - 1, argv + 1);
	return tasks_list(ctx, argc, argv);
}

/* ---- suggest, adopt ---- */

static void print_values(const struct plan_doc *p)
{
	char v[32], t[32], bp[64];

	printf("So sánh chỉ số %s với chỉ tiêu năm %d:\n",
		plan_period_label(&p->base, bp, sizeof(bp)), p->year);
	for (int i = 0; i < PLAN_NCRIT; i++) {
		const struct plan_value *x = &p->v[i];
		const char *what;

		if (!x->has_target)
			what = "chưa có chỉ tiêu";
		else if (!x->has_value)
			what = "chưa có số liệu";
		else
			what = plan_below(x) ? "dưới chỉ tiêu" : "đạt chỉ tiêu";
		printf("  ");
		cli_cell(x->criterion, 3);
		cli_cell(plan_crit_name(i), 40);
		cli_rcell(x->has_value ? hl_fmt_dec(v, sizeof(v), x->value, 2) : "–", 7);
		cli_rcell(x->has_target ? hl_fmt_dec(t, sizeof(t), x->target, 2) : "–", 7);
		puts(what);
	}
}

static int do_suggest(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL, *base = NULL, *format = "table";
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"year", &year, NULL},
		{"base", &base, NULL}, {"format", &format, NULL}, {NULL, NULL, NULL}};
	struct hl_period bp;
	struct plan_doc *p = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	bool csv;
	int y, rc = cli_opts(&cmd_plan, argc, argv, opts);

	if (rc != 0 || (rc = unit_year(unit, year, &y)) != 0 ||
		(rc = cli_csv_format(&cmd_plan, format, &csv)) != 0)
		return rc;
	if (base != NULL && hl_period_parse(base, &bp, &err) != HL_OK)
		return cli_usage(&cmd_plan, "--base: %s", err.msg);
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = plan_suggest(ctx->st, a, unit, y, base != NULL ? &bp : NULL, &p, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (!p->any_target)
		fprintf(stderr,
			"Chú ý: đơn vị %s chưa có chỉ tiêu năm %d nên không có đề xuất nào; "
			"đặt chỉ tiêu bằng: hailong targets set --year %d --unit %s GIÁ_TRỊ\n",
			p->unit.code, y, y, p->unit.code);
	if (csv) {
		plan_csv_suggest(stdout, p);
		goto cleanup;
	}
	printf("ĐỀ XUẤT KẾ HOẠCH NÂNG CAO MỨC ĐỘ HÀI LÒNG NĂM %d – %s\n\n", y, p->unit.name);
	print_values(p);
	if (p->ntasks == 0) {
		puts(p->any_target ?
				"\nKhông tiêu chí nào dưới chỉ tiêu: không đề xuất nhiệm vụ nào." :
				"\nChưa có chỉ tiêu: không đề xuất nhiệm vụ nào.");
		goto cleanup;
	}
	printf("\nNhiệm vụ đề xuất (%zu):\n", p->ntasks);
	for (size_t i = 0; i < p->ntasks; i++) {
		char sched[96];

		printf("%3d. [%s] %s\n", p->tasks[i].no, p->tasks[i].criterion,
			shorten(a, p->tasks[i].task));
		printf("     Tiến độ: %s\n",
			plan_schedule_label(p->tasks[i].schedule, y, sched, sizeof(sched)));
	}
	printf("\nLập kế hoạch từ đề xuất này: hailong plan adopt --unit %s --year %d\n",
		p->unit.code, y);
cleanup:
	hl_arena_free(a);
	return rc;
}

static int do_adopt(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL, *base = NULL;
	bool replace = false;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"year", &year, NULL},
		{"base", &base, NULL}, {"replace", NULL, &replace}, {NULL, NULL, NULL}};
	struct hl_period bp;
	struct hl_err err = {0};
	size_t n = 0;
	int y, rc = cli_opts(&cmd_plan, argc, argv, opts);

	if (rc != 0 || (rc = unit_year(unit, year, &y)) != 0)
		return rc;
	if (base != NULL && hl_period_parse(base, &bp, &err) != HL_OK)
		return cli_usage(&cmd_plan, "--base: %s", err.msg);
	if (plan_adopt(ctx->st, unit, y, base != NULL ? &bp : NULL, replace, ctx->who, &n, &err) !=
		HL_OK)
		return cli_fail(&err);
	printf("Đã lập kế hoạch năm %d của đơn vị %s: %zu nhiệm vụ (xem: hailong plan show --unit "
	       "%s --year %d)\n",
		y, unit, n, unit, y);
	return 0;
}

/* ---- import, set-status ---- */

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"year", &year, NULL},
		{NULL, NULL, NULL}};
	struct import_opts o = {0};
	struct import_report *rep = NULL;
	struct hl_err err = {0};
	const char *pos[1];
	FILE *f;
	int y, npos, rc = cli_parse(&cmd_plan, argc, argv, 1, opts, pos, 1, &npos);

	if (rc != 0 || (rc = unit_year(unit, year, &y)) != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_plan,
			"thiếu tên tệp: hailong plan import TỆP.csv --unit MÃ "
			"--year NĂM");
	f = fopen(pos[0], "rb");
	if (f == NULL)
		return cli_errorf("không mở được tệp '%s': %s", pos[0], strerror(errno));
	rep = hl_calloc(1, sizeof(*rep));
	if (rep == NULL) {
		fclose(f);
		return cli_errorf("hết bộ nhớ");
	}
	o.name = pos[0];
	o.who = ctx->who;
	rc = plan_import(ctx->st, f, &o, unit, y, rep, &err);
	fclose(f);
	rc = cli_import_report(rep, "nhiệm vụ", rc, &err);
	hl_free(rep);
	return rc;
}

static int do_set_status(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL, *task = NULL, *note = NULL, *at = NULL, *ifv = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"year", &year, NULL},
		{"task", &task, NULL}, {"note", &note, NULL}, {"at", &at, NULL},
		{"if-version", &ifv, NULL}, {NULL, NULL, NULL}};
	long long version = 0;
	struct hl_err err = {0};
	const char *pos[1];
	hl_day day = hl_clock_today();
	char *end, d[16];
	long no;
	int y, npos, rc = cli_parse(&cmd_plan, argc, argv, 1, opts, pos, 1, &npos);

	if (rc != 0 || (rc = unit_year(unit, year, &y)) != 0)
		return rc;
	if (task == NULL || npos != 1)
		return cli_usage(&cmd_plan,
			"cách dùng: hailong plan set-status --unit MÃ --year NĂM "
			"--task N TÌNH_TRẠNG [--note TEXT] [--at NGÀY] [--if-version N]");
	if (!hl_parse_long(task, 1, PLAN_MAX_TASKS, &no))
		return cli_usage(&cmd_plan, "--task phải là số thứ tự nhiệm vụ (không phải '%s')",
			task);
	/* the task's version the caller saw (GET /api/v1/plan): refused once changed */
	if (ifv != NULL && ((version = strtoll(ifv, &end, 10)) < 1 || *end != '\0'))
		return cli_usage(&cmd_plan,
			"--if-version '%s' không hợp lệ: cần phiên bản của nhiệm "
			"vụ (số nguyên dương)",
			ifv);
	if (!plan_status_ok(pos[0]))
		return cli_usage(&cmd_plan,
			"tình trạng '%s' không hợp lệ: dùng chua-bat-dau, "
			"dang-thuc-hien, hoan-thanh hoặc qua-han",
			pos[0]);
	if (at != NULL && !hl_day_parse(at, &day))
		return cli_usage(&cmd_plan,
			"--at phải là một ngày có thật viết năm-tháng-ngày, ví dụ 2025-10-31 (không phải "
			"'%s')",
			at);
	if (plan_set_status(ctx->st, unit, y, (int)no, version, pos[0], note, day, ctx->who,
		    &err) != HL_OK)
		return cli_fail(&err);
	printf("Nhiệm vụ %ld của kế hoạch năm %d (%s): %s, ghi nhận ngày %s\n", no, y, unit,
		plan_status_label(pos[0]), hl_day_vn(day, d, sizeof(d)));
	return 0;
}

/* ---- show ---- */

static void show_table(struct hl_arena *a, const struct plan_doc *p)
{
	printf("KẾ HOẠCH NÂNG CAO MỨC ĐỘ HÀI LÒNG NĂM %d – %s\n", p->year, p->unit.name);
	if (p->ntasks == 0) {
		printf("\nĐơn vị chưa có kế hoạch năm %d (lập bằng: hailong plan adopt --unit %s "
		       "--year %d, hoặc hailong plan import).\n",
			p->year, p->unit.code, p->year);
		return;
	}
	for (int c = 0; c < PLAN_NCRIT; c++) {
		bool headed = false;

		for (size_t i = 0; i < p->ntasks; i++) {
			const struct store_plan_task *t = &p->tasks[i];
			char sched[96], num[16];

			if (strcmp(t->criterion, plan_crit_code(c)) != 0)
				continue;
			if (!headed) {
				printf("\n%s – %s\n", plan_crit_code(c), plan_crit_name(c));
				headed = true;
			}
			snprintf(num, sizeof(num), "%3d.", t->no);
			cli_cell(num, 4);
			cli_cell(plan_status_label(t->status), 15);
			puts(shorten(a, t->task));
			printf("     Tiến độ: %s; trách nhiệm: %s\n",
				plan_schedule_label(t->schedule, p->year, sched, sizeof(sched)),
				shorten(a, t->responsible));
			for (size_t k = 0; k < p->nnotes; k++) {
				char d[16];

				if (p->notes[k].no != t->no)
					continue;
				printf("     %s – %s%s%s\n",
					hl_day_vn(p->notes[k].day, d, sizeof(d)),
					plan_status_label(p->notes[k].status),
					p->notes[k].text[0] != '\0' ? ": " : "", p->notes[k].text);
			}
		}
	}
}

/* The plan's CSV to path, through a temporary file renamed when complete. */
static int csv_file(const struct plan_doc *p, const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	int rc = rpt_out_begin(&out, path, err);

	if (rc != HL_OK)
		return rc;
	plan_csv_show(out.f, p);
	rc = rpt_out_commit(&out, err);
	rpt_out_abort(&out);
	return rc;
}

static int do_show(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *year = NULL, *format = "table", *output = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"year", &year, NULL},
		{"format", &format, NULL}, {"output", &output, NULL}, {NULL, NULL, NULL}};
	static const char *const formats[] = {"table", "csv", "pdf", "xlsx", NULL};
	struct plan_doc *p = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	bool doc;
	int y, rc;

	cli_short_output(argc, argv);
	rc = cli_opts(&cmd_plan, argc, argv, opts);
	if (rc != 0 || (rc = unit_year(unit, year, &y)) != 0)
		return rc;
	if (!parse_format(format, formats))
		return cli_usage(&cmd_plan,
			"--format phải là table, csv, pdf hoặc xlsx (không phải "
			"'%s')",
			format);
	doc = strcmp(format, "pdf") == 0 || strcmp(format, "xlsx") == 0;
	if (doc && (output == NULL || output[0] == '\0'))
		return cli_usage(&cmd_plan, "--format %s cần -o TỆP (tệp cần ghi)", format);
	if (strcmp(format, "table") == 0 && output != NULL)
		return cli_usage(&cmd_plan, "-o chỉ dùng với --format csv, pdf hoặc xlsx");
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = plan_load(ctx->st, a, unit, y, &p, &err);
	if (rc == HL_OK && doc && p->ntasks == 0)
		rc = hl_err_set(&err, HL_ENOTFOUND, "--year",
			"đơn vị %s chưa có kế hoạch năm %d (lập "
			"bằng: hailong plan adopt --unit %s --year %d)",
			unit, y, unit, y);
	if (rc == HL_OK && strcmp(format, "pdf") == 0)
		rc = plan_pdf(p, output, &err);
	else if (rc == HL_OK && strcmp(format, "xlsx") == 0)
		rc = plan_xlsx(p, output, &err);
	else if (rc == HL_OK && output != NULL)
		rc = csv_file(p, output, &err);
	if (rc != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	if (output != NULL)
		printf("Đã ghi kế hoạch %s vào %s\n", format, output);
	else if (strcmp(format, "csv") == 0)
		plan_csv_show(stdout, p);
	else
		show_table(a, p);
cleanup:
	hl_arena_free(a);
	return rc;
}

static const struct cli_sub subs[] = {{"tasks", do_tasks, NULL}, {"suggest", do_suggest, NULL},
	{"adopt", do_adopt, NULL}, {"import", do_import, NULL}, {"show", do_show, NULL},
	{"set-status", do_set_status, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_plan = {"plan",
	"kế hoạch nâng cao mức độ hài lòng: nhiệm vụ mẫu, đề xuất, lập, theo dõi, in",
	cli_help_plan, CLI_DB_OPEN, NULL, subs};
