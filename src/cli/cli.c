/* cli.c — helpers every command shares: option parsing, Vietnamese error and
 * usage messages on stderr, import progress and reports. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "base/text.h"
#include "core/date.h"
#include "core/period.h"
#include "store/store.h"
#include "svc/audit.h"
#include "svc/import.h"
#include "svc/units.h"

#define NAMES_MAX 64 /* commands, subcommands or options offered as "did you mean" */

/* Edits (insert, delete, change, swap two neighbours) between a and b, at
 * most 63 bytes each are compared. */
static int distance(const char *a, const char *b)
{
	int d[64][64];
	size_t la = strlen(a), lb = strlen(b);

	la = la > 63 ? 63 : la;
	lb = lb > 63 ? 63 : lb;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
				d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *cli_closest(const char *s, const char *const *names, size_t n)
{
	size_t len = strlen(s);
	int limit = len / 3 > 1 ? (int)(len / 3) : 1, best = limit + 1;
	const char *hit = NULL;

	for (size_t i = 0; i < n; i++) {
		int d = distance(s, names[i]);

		/* the start of a name counts as close: "cal" for calendar */
		if (len >= 3 && strncmp(s, names[i], len) == 0)
			d = 1;
		if (d < best) {
			best = d;
			hit = names[i];
		}
	}
	return hit;
}

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	for (; opts != NULL && opts->name != NULL; opts++)
		if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, int first,
	const struct cli_opt *opts, const char **pos, int maxpos, int *npos)
{
	bool only_pos = false;

	*npos = 0;
	for (int i = 0; i < maxpos; i++)
		pos[i] = NULL;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];

		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = true;
		} else if (!only_pos && a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq != NULL ? (size_t)(eq - a - 2) : strlen(a + 2);
			const struct cli_opt *o = find_opt(opts, a + 2, len);

			if (o == NULL) {
				const char *names[NAMES_MAX], *near;
				char typed[64];
				size_t n = 0;

				for (const struct cli_opt *x = opts;
					x != NULL && x->name && n < NAMES_MAX; x++)
					names[n++] = x->name;
				snprintf(typed, sizeof(typed), "%.*s", (int)(len < 63 ? len : 63),
					a + 2);
				near = cli_closest(typed, names, n);
				if (near != NULL)
					return cli_usage(cmd, "không có tùy chọn %s; có phải --%s?",
						a, near);
				return cli_usage(cmd, "không có tùy chọn %s", a);
			}
			if (o->flag != NULL) {
				if (eq != NULL)
					return cli_usage(cmd, "tùy chọn --%s không nhận giá trị",
						o->name);
				*o->flag = true;
			} else if (eq != NULL) {
				*o->value = eq + 1;
			} else if (i + 1 < argc) {
				*o->value = argv[++i];
			} else {
				return cli_usage(cmd, "tùy chọn --%s cần một giá trị", o->name);
			}
		} else {
			if (*npos >= maxpos)
				return cli_usage(cmd, "thừa tham số: %s", a);
			pos[(*npos)++] = a;
		}
	}
	return 0;
}

int cli_opts(const struct cli_cmd *cmd, int argc, char **argv, const struct cli_opt *opts)
{
	int npos;

	return cli_parse(cmd, argc, argv, 1, opts, NULL, 0, &npos);
}

int cli_scope_opts(const struct cli_cmd *cmd, int argc, char **argv, struct cli_scope *s,
	const struct cli_opt *more)
{
	struct cli_opt opts[13] = {
		{"period", &s->period, NULL},
		{"unit", &s->unit, NULL},
		{"under", &s->under, NULL},
	};
	size_t n = 3;

	for (; more != NULL && more->name != NULL && n < 11; more++)
		opts[n++] = *more;
	opts[n] = (struct cli_opt){"format", &s->format, NULL};
	return cli_opts(cmd, argc, argv, opts);
}

int cli_scope_one(const struct cli_cmd *cmd, const struct cli_scope *s)
{
	if (s->unit != NULL && s->under != NULL)
		return cli_usage(cmd, "chỉ dùng một trong --unit và --under");
	return 0;
}

int cli_parse_one(const struct cli_cmd *cmd, int argc, char **argv, const struct cli_opt *opts,
	const char **arg, const char *missing)
{
	const char *pos[1] = {NULL};
	int npos, rc = cli_parse(cmd, argc, argv, 1, opts, pos, 1, &npos);

	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_usage(cmd, "%s", missing);
	*arg = pos[0];
	return 0;
}

void cli_short_output(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = "--output"; /* a literal: cli_parse only reads it */
}

int cli_fail(const struct hl_err *err)
{
	fprintf(stderr, "hailong: lỗi: %s\n",
		err->msg[0] != '\0' ? err->msg : hl_status_name(err->code));
	return 1;
}

__attribute__((format(printf, 1, 0))) static void verror(const char *fmt, va_list ap)
{
	fputs("hailong: lỗi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	return 1;
}

int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	if (cmd != NULL)
		fprintf(stderr, "Xem hướng dẫn: hailong %s --help\n", cmd->name);
	else
		fputs("Xem hướng dẫn: hailong --help\n", stderr);
	return 2;
}

void cli_print_help(const struct cli_cmd *cmd, FILE *f)
{
	fprintf(f, "hailong %s — %s\n\n%s", cmd->name, cmd->summary, cmd->help);
	fputs("\nTùy chọn chung:\n"
	      "  --db ĐƯỜNG_DẪN   cơ sở dữ liệu (mặc định $HAILONG_DB, nếu không thì ./hailong.db)\n"
	      "  --help           in hướng dẫn này\n",
		f);
}

void cli_progress(void *ctx, long rows)
{
	struct cli_ctx *c = ctx;
	char buf[32];

	if (c == NULL || !c->tty)
		return;
	fprintf(stderr, "\rĐã đọc %s dòng…", hl_fmt_int(buf, sizeof(buf), rows));
	fflush(stderr);
	c->progress_shown = true;
}

void cli_progress_done(struct cli_ctx *ctx)
{
	if (ctx->progress_shown)
		fputc('\n', stderr);
	ctx->progress_shown = false;
}

int cli_import_report(const struct import_report *rep, const char *what, int rc,
	const struct hl_err *err)
{
	char a[32], b[32];

	if (rc == 0) {
		printf("Đã nhập %s %s (bỏ qua %s %s đã có)\n", hl_fmt_int(a, sizeof(a), rep->added),
			what, hl_fmt_int(b, sizeof(b), rep->skipped), what);
		return 0;
	}
	if (rep->nproblems == 0)
		return cli_fail(err);
	for (int i = 0; i < rep->kept; i++) {
		const struct import_problem *p = &rep->problems[i];

		if (p->line <= 0)
			fprintf(stderr, "Tệp: %s\n", p->reason);
		else if (p->column[0] != '\0')
			fprintf(stderr, "Dòng %ld, cột %s: %s\n", p->line, p->column, p->reason);
		else
			fprintf(stderr, "Dòng %ld: %s\n", p->line, p->reason);
	}
	if (rep->nproblems > rep->kept)
		fprintf(stderr, "… và %s lỗi khác không liệt kê.\n",
			hl_fmt_int(a, sizeof(a), rep->nproblems - rep->kept));
	fprintf(stderr, "Không nhập dòng nào: tệp có %s lỗi. Sửa các dòng trên rồi nhập lại.\n",
		hl_fmt_int(a, sizeof(a), rep->nproblems));
	return 1;
}

int cli_import_file(struct cli_ctx *ctx, const char *path, const char *what,
	int (*fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
		struct hl_err *))
{
	return cli_import_file_no_followup(ctx, path, what, fn, false);
}

int cli_import_file_no_followup(struct cli_ctx *ctx, const char *path, const char *what,
	int (*fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
		struct hl_err *),
	bool no_followup)
{
	struct import_opts o = {.name = path,
		.who = ctx->who,
		.progress = cli_progress,
		.progress_ctx = ctx,
		.no_followup = no_followup};
	struct import_report *rep = NULL;
	struct hl_err err;
	FILE *f;
	int rc;

	hl_err_clear(&err);
	f = fopen(path, "rb");
	if (f == NULL)
		return cli_errorf("không mở được tệp '%s': %s", path, strerror(errno));
	rep = hl_calloc(1, sizeof(*rep));
	if (rep == NULL) {
		fclose(f);
		return cli_errorf("hết bộ nhớ");
	}
	rc = fn(ctx->st, f, &o, rep, &err);
	cli_progress_done(ctx);
	fclose(f);
	rc = cli_import_report(rep, what, rc, &err);
	hl_free(rep);
	return rc;
}

int cli_import_cmd(const struct cli_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv,
	const char *what,
	int (*fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
		struct hl_err *))
{
	const char *pos[1];
	int npos, rc = cli_parse(cmd, argc, argv, 1, NULL, pos, 1, &npos);

	if (rc != 0)
		return rc;
	if (npos != 1)
		return cli_usage(cmd, "thiếu tên tệp: hailong %s import TỆP.csv", cmd->name);
	return cli_import_file(ctx, pos[0], what, fn);
}

int cli_list(const struct cli_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv,
	const struct cli_listing *l)
{
	int rc = cli_opts(cmd, argc, argv, NULL);

	return rc != 0 ? rc : cli_list_print(ctx, l, NULL);
}

int cli_list_print(struct cli_ctx *ctx, const struct cli_listing *l, const void *arg)
{
	struct cli_table t = {.cols = l->cols, .arg = arg};
	struct hl_err err = {0};
	int rc = cli_arena(l->cap, &t.a);

	if (rc != 0)
		return rc;
	rc = l->units ? units_list(ctx->st, t.a, &t.u, &t.nu, &err) : HL_OK;
	if (rc == HL_OK)
		rc = l->print(ctx, &t, &err);
	hl_arena_free(t.a);
	if (rc != HL_OK)
		return cli_fail(&err);
	if (l->cols != NULL && !t.headed) {
		if (l->none != NULL)
			fputs(l->none, stdout);
		else
			cli_row(l->cols, NULL);
	}
	if (l->what != NULL)
		printf("(%zu %s)\n", t.n, l->what);
	return 0;
}

void cli_table_head(struct cli_table *t)
{
	if (!t->headed)
		cli_row(t->cols, NULL);
	t->headed = true;
}

void cli_table_row(struct cli_table *t, const char *const *cells)
{
	cli_table_head(t);
	cli_row(t->cols, cells);
}

const char *cli_table_unit(const struct cli_table *t, int64_t id)
{
	return cli_unit_name(t->u, t->nu, id);
}

int cli_arena(size_t cap, struct hl_arena **a)
{
	*a = hl_arena_new(cap);
	if (*a == NULL)
		return cli_errorf("hết bộ nhớ");
	return 0;
}

int cli_fail_free(struct hl_arena *a, const struct hl_err *err)
{
	hl_arena_free(a);
	return cli_fail(err);
}

int cli_commit(struct cli_ctx *ctx, int rc, struct hl_err *err)
{
	struct hl_err ignored;

	if (rc == HL_OK)
		rc = store_commit(ctx->st, err);
	if (rc != HL_OK) {
		store_rollback(ctx->st, &ignored);
		return cli_fail(err);
	}
	return 0;
}

int cli_unit_get(struct cli_ctx *ctx, const char *code, struct store_unit *u, const char *fmt, ...)
{
	struct hl_err err = {0};
	int rc = units_get(ctx->st, code, u, &err);
	va_list ap;

	if (rc == HL_OK)
		return 0;
	if (rc != HL_ENOTFOUND)
		return cli_fail(&err);
	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	return 1;
}

void cli_row(const struct cli_col *cols, const char *const *cells)
{
	for (size_t i = 0;; i++) {
		const char *s = cells != NULL ? cells[i] : cols[i].head;

		if (s == NULL) /* a cell the arena had no room for */
			s = "";

		if (cols[i].width == 0) {
			puts(s);
			return;
		}
		if (cols[i].width < 0)
			cli_rcell(s, -cols[i].width);
		else
			cli_cell(s, cols[i].width);
	}
}

const char *cli_unit_name(const struct store_unit *u, size_t n, int64_t id)
{
	const struct store_unit *x = units_by_id(u, n, id);

	return x != NULL ? x->name : "?";
}

void cli_title_period(const char *title, const struct hl_period *p, int64_t at)
{
	char label[96], a[16], b[16], when[32];

	printf("%s – %s (%s – %s), tính đến %s\n\n", title,
		hl_period_label(p, label, sizeof(label)), hl_day_vn(p->first, a, sizeof(a)),
		hl_day_vn(p->last, b, sizeof(b)), hl_clock_fmt_minute(at, when, sizeof(when)));
}

int cli_minute(const struct cli_cmd *cmd, const char *opt, const char *s, int64_t def, int64_t *out)
{
	char buf[17];
	hl_day day;

	*out = def;
	if (s == NULL)
		return 0;
	if (strlen(s) == 16) {
		memcpy(buf, s, sizeof(buf));
		if (buf[10] == 'T')
			buf[10] = ' ';
		if (hl_minute_parse(buf, out))
			return 0;
	}
	if (strlen(s) == 10 && hl_day_parse(s, &day)) {
		*out = (int64_t)day * 1440;
		return 0;
	}
#define BAD_MOMENT \
	"%s '%s' không hợp lệ: viết \"năm-tháng-ngày giờ:phút\" (ví dụ \"2026-02-13 15:30\") và " \
	"là thời điểm có thật"
	return cmd != NULL ? cli_usage(cmd, BAD_MOMENT, opt, s) : cli_errorf(BAD_MOMENT, opt, s);
#undef BAD_MOMENT
}

int cli_period(const struct cli_cmd *cmd, const char *s, struct hl_period *p)
{
	struct hl_err err = {0};

	if (s == NULL)
		return cli_usage(cmd, "thiếu --period (ví dụ: --period 2025-Q3)");
	if (hl_period_parse(s, p, &err) != HL_OK)
		return cli_usage(cmd, "%s", err.msg);
	return 0;
}

int cli_csv_format(const struct cli_cmd *cmd, const char *s, bool *csv)
{
	*csv = s != NULL && strcmp(s, "csv") == 0;
	if (s != NULL && !*csv && strcmp(s, "table") != 0)
		return cli_usage(cmd, "--format phải là table hoặc csv (không phải '%s')", s);
	return 0;
}

bool cli_parse_year(const char *s, int *year)
{
	long v;

	if (!hl_parse_long(s, 1900, 2999, &v))
		return false;
	*year = (int)v;
	return true;
}

int cli_dispatch(const struct cli_cmd *cmd, const struct cli_sub *subs, struct cli_ctx *ctx,
	int argc, char **argv)
{
	const char *names[NAMES_MAX], *near;
	size_t n = 0;

	if (argc < 2)
		return cli_usage(cmd, "thiếu lệnh con sau 'hailong %s'", cmd->name);
	for (const struct cli_sub *s = subs; s->name != NULL; s++) {
		if (strcmp(s->name, argv[1]) == 0)
			return s->run != NULL ? s->run(ctx, argc - 1, argv + 1) :
						cli_list(cmd, ctx, argc - 1, argv + 1, s->list);
		if (n < NAMES_MAX)
			names[n++] = s->name;
	}
	near = cli_closest(argv[1], names, n);
	if (near != NULL)
		return cli_usage(cmd, "không có lệnh hailong %s %s; có phải: hailong %s %s?",
			cmd->name, argv[1], cmd->name, near);
	return cli_usage(cmd, "không có lệnh hailong %s %s", cmd->name, argv[1]);
}

int cli_audit(struct cli_ctx *ctx, const char *action, const char *detail)
{
	struct hl_err err;

	hl_err_clear(&err);
	if (audit_log(ctx->st, ctx->who, action, detail, &err) != HL_OK)
		return cli_fail(&err);
	return 0;
}

void cli_cell(const char *s, int width)
{
	size_t w = hl_utf8_width(s);

	fputs(s, stdout);
	for (; (int)w < width; w++)
		putchar(' ');
	putchar(' ');
}

void cli_rcell(const char *s, int width)
{
	for (size_t w = hl_utf8_width(s); (int)w < width; w++)
		putchar(' ');
	fputs(s, stdout);
	putchar(' ');
}
