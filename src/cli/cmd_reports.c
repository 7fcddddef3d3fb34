/* cmd_reports.c — `hailong reports due|publish|list|show`: the reporting
 * calendar (which periodic reports are due and not yet published) and
 * publication (a frozen snapshot, a new version each time, audited). */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "core/period.h"
#include "store/store.h"
#include "report/render.h"
#include "svc/accounts.h"
#include "svc/ingest.h"
#include "svc/publish.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)256 << 20)

/* --date D (year-month-day), or today in Vietnam. */
static int parse_date(const char *s, hl_day *out)
{
	if (s == NULL) {
		*out = hl_clock_today();
		return 0;
	}
	if (!hl_day_parse(s, out))
		return cli_errorf("--date '%s' không hợp lệ: viết năm-tháng-ngày, ví dụ 2024-03-25",
			s);
	return 0;
}

/* What `reports due` asks: the day and the unit --unit names (NULL: all). */
struct due_q {
	hl_day day;
	const char *unit;
};

static int print_due(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	const struct due_q *q = t->arg;
	struct store_unit *units = NULL, one;
	struct pub_due *due = NULL;
	size_t nu = 0;
	char from[16], to[16], label[96], dbuf[16];
	int rc;

	if (q->unit != NULL) {
		rc = units_get(ctx->st, q->unit, &one, err);
		units = &one;
		nu = 1;
	} else {
		rc = units_list(ctx->st, t->a, &units, &nu, err);
	}
	if (rc == HL_OK)
		rc = pub_due_list(ctx->st, t->a, units, nu, q->day, &due, &t->n, err);
	if (rc != HL_OK)
		return rc;
	printf("Báo cáo đến hạn chưa công bố, từ %s đến %s:\n",
		hl_day_vn(q->day - (CALRPT_WINDOW_DAYS - 1), from, sizeof(from)),
		hl_day_vn(q->day, to, sizeof(to)));
	for (size_t i = 0; i < t->n; i++) {
		char code[40];

		cli_table_row(t,
			(const char *const[]){due[i].unit.name, due[i].unit.code,
				hl_period_code(&due[i].d.period, code, sizeof(code)),
				hl_day_vn(due[i].d.due, dbuf, sizeof(dbuf)),
				hl_period_label(&due[i].d.period, label, sizeof(label))});
	}
	if (t->n > 0)
		printf("Công bố bằng: hailong reports publish --unit MÃ --period KỲ\n");
	return HL_OK;
}

static int do_due(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL;
	struct due_q q = {0};
	const struct cli_opt opts[] = {{"date", &date, NULL}, {"unit", &q.unit, NULL},
		{NULL, NULL, NULL}};
	/* the codes are what `reports publish` takes next */
	static const struct cli_col cols[] = {
		{"Đơn vị", 30},
		{"Mã đơn vị", 16},
		{"Kỳ", 10},
		{"Hạn công bố", 12},
		{"Báo cáo", 0},
	};
	static const struct cli_listing l = {cols, ARENA_CAP, NULL, "Không có.\n", false,
		print_due};
	int rc;

	if ((rc = cli_opts(&cmd_reports, argc, argv, opts)) != 0 ||
		(rc = parse_date(date, &q.day)) != 0)
		return rc;
	return cli_list_print(ctx, &l, &q);
}

static int do_publish(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *period = NULL, *format = NULL, *date = NULL, *number = NULL,
		   *signer = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"period", &period, NULL},
		{"format", &format, NULL}, {"date", &date, NULL}, {"number", &number, NULL},
		{"signer", &signer, NULL}, {NULL, NULL, NULL}};
	struct pub_opts o = {.render = rpt_render};
	struct pub_snapshot *s = NULL;
	struct store_report r;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	char label[96], dbuf[16];
	int rc;

	if ((rc = cli_opts(&cmd_reports, argc, argv, opts)) != 0)
		return rc;
	if (unit == NULL || period == NULL)
		return cli_usage(&cmd_reports,
			"cần --unit MÃ và --period KỲ: "
			"hailong reports publish --unit MÃ --period 2024-Q1");
	o.unit = unit;
	o.period = period;
	o.format = format;
	o.today = HL_DAY_NONE;
	o.number = number;
	o.signer = signer;
	if (date != NULL && (rc = parse_date(date, &o.today)) != 0)
		return rc;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = pub_prepare(ctx->st, a, &o, &s, &err);
	if (rc == HL_OK)
		rc = store_begin(ctx->st, &err);
	if (rc != HL_OK)
		return cli_fail_free(a, &err);
	if ((rc = cli_commit(ctx, pub_store(ctx->st, s, ctx->who, 0, &r, &err), &err)) != 0) {
		hl_arena_free(a);
		return rc;
	}
	printf("Đã công bố báo cáo %s của đơn vị %s (%s): phiên bản %d, số %lld",
		hl_period_label(&s->period, label, sizeof(label)), s->unit.code, s->unit.name,
		r.version, (long long)r.id);
	if (s->due != HL_DAY_NONE)
		printf(", hạn công bố %s", hl_day_vn(s->due, dbuf, sizeof(dbuf)));
	printf(".\n");
	if (s->format[0] == '\0')
		printf("Đã lưu số liệu của kỳ (bản này chưa dựng tệp báo cáo).\n");
	hl_arena_free(a);
	return 0;
}

/* t->arg: the unit --unit names, or NULL for every unit. */
static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	const char *unit = t->arg;
	struct store_report *list = NULL;
	struct store_unit u = {0};
	int rc = unit != NULL ? units_get(ctx->st, unit, &u, err) : HL_OK;

	if (rc == HL_OK)
		rc = pub_reports(ctx->st, u.id, t->a, &list, &t->n, err);
	for (size_t i = 0; rc == HL_OK && i < t->n; i++) {
		char id[32], version[16], at[32], label[96];
		struct hl_period p;

		snprintf(id, sizeof(id), "%lld", (long long)list[i].id);
		snprintf(version, sizeof(version), "%d", list[i].version);
		cli_table_row(t,
			(const char *const[]){id, cli_table_unit(t, list[i].unit_id),
				hl_period_parse(list[i].period, &p, NULL) == HL_OK ?
					hl_period_label(&p, label, sizeof(label)) :
					list[i].period,
				version, hl_clock_fmt(list[i].published_at, at, sizeof(at)),
				list[i].format[0] ? list[i].format : "số liệu",
				account_who_label(t->a, list[i].published_by)});
	}
	return rc;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {NULL, NULL, NULL}};
	static const struct cli_col cols[] = {
		{"Số", -5},
		{"Đơn vị", 30},
		{"Kỳ", 18},
		{"Phiên bản", -9},
		{"Công bố lúc", 17},
		{"Định dạng", 9},
		{"Người công bố", 0},
	};
	static const struct cli_listing l = {cols, ARENA_CAP, NULL,
		"Chưa có báo cáo nào được công bố.\n", true, print_list};
	int rc = cli_opts(&cmd_reports, argc, argv, opts);

	return rc != 0 ? rc : cli_list_print(ctx, &l, unit);
}

/* `reports show ID [--output FILE]`: the frozen figures (JSON) on stdout, or
 * the stored document written to FILE. */
static int do_show(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *pos[1], *output = NULL;
	const struct cli_opt opts[] = {{"output", &output, NULL}, {NULL, NULL, NULL}};
	struct store_report r;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	char *figures = NULL, *end;
	void *doc = NULL;
	size_t len = 0;
	long long id;
	int rc, npos;

	if ((rc = cli_parse(&cmd_reports, argc, argv, 1, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_reports, "thiếu số báo cáo: hailong reports show SỐ");
	errno = 0;
	id = strtoll(pos[0], &end, 10);
	if (errno != 0 || *end != '\0' || end == pos[0] || id <= 0)
		return cli_errorf("số báo cáo '%s' không hợp lệ (xem: hailong reports list)",
			pos[0]);
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = pub_report(ctx->st, (int64_t)id, a, &r, &figures, &doc, &len, &err);
	if (rc != HL_OK)
		return cli_fail_free(a, &err);
	if (output == NULL) {
		printf("%s\n", figures);
	} else if (doc == NULL) {
		rc = cli_errorf("báo cáo số %lld chỉ lưu số liệu, không có tệp báo cáo", id);
	} else {
		FILE *f = fopen(output, "wb");

		if (f == NULL || fwrite(doc, 1, len, f) != len)
			rc = cli_errorf("không ghi được '%s': %s", output, strerror(errno));
		if (f != NULL && fclose(f) != 0 && rc == 0)
			rc = cli_errorf("không ghi được '%s': %s", output, strerror(errno));
	}
	hl_arena_free(a);
	return rc;
}

/* reports schedule --unit MÃ [SPEC | --default]: show or set a unit's own
 * reporting calendar. */
static int do_schedule(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL;
	bool dflt = false;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"default", NULL, &dflt},
		{NULL, NULL, NULL}};
	const char *pos[1] = {NULL};
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	struct pub_sched *ps = NULL;
	struct store_unit u;
	int64_t from_id = 0;
	char spec[512];
	int rc, npos = 0;

	if ((rc = cli_parse(&cmd_reports, argc, argv, 1, opts, pos, 1, &npos)) != 0)
		return rc;
	if (unit == NULL)
		return cli_usage(&cmd_reports,
			"cần --unit MÃ: hailong reports schedule --unit MÃ "
			"[\"month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12\" | --default]");
	if (npos > 0 && dflt)
		return cli_usage(&cmd_reports, "cho một lịch hoặc --default, không cả hai");
	if (npos > 0 || dflt) {
		rc = CLI_TX(ctx, &err,
			pub_sched_set(ctx->st, unit, dflt ? NULL : pos[0], ctx->who, &err));
		if (rc != 0)
			return rc;
	}
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = units_get(ctx->st, unit, &u, &err);
	if (rc == HL_OK)
		rc = pub_sched_load(ctx->st, a, &ps, &err);
	if (rc != HL_OK)
		return cli_fail_free(a, &err);
	calrpt_format(pub_sched_of(ps, u.id, &from_id), spec, sizeof(spec));
	printf("Lịch báo cáo của %s (%s): %s\n", u.code, u.name, spec);
	if (from_id == 0)
		printf("(lịch mặc định theo Kế hoạch)\n");
	else if (from_id != u.id)
		printf("(theo lịch của đơn vị cấp trên)\n");
	hl_arena_free(a);
	return 0;
}

static const struct cli_sub subs[] = {{"schedule", do_schedule, NULL}, {"due", do_due, NULL},
	{"publish", do_publish, NULL}, {"list", do_list, NULL}, {"show", do_show, NULL},
	{NULL, NULL, NULL}};

const struct cli_cmd cmd_reports = {"reports",
	"lịch báo cáo định kỳ và công bố kết quả: đến hạn, lịch riêng của đơn vị, công bố, liệt kê",
	cli_help_reports, CLI_DB_OPEN, NULL, subs};
