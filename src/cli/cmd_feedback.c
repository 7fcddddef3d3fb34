/* cmd_feedback.c — `hailong feedback …`: feedback and complaints (phản ánh,
 * kiến nghị) from receipt to closing, the list of what is owed with its
 * deadline, the monthly figures, the deadlines per unit and the written
 * answer as a PDF letter. Everything goes through svc/feedback.h; the sender's
 * name and contact are printed only with --contact, and that is audited. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "core/period.h"
#include "io/csvout.h"
#include "report/fb_letter.h"
#include "store/store.h"
#include "svc/accounts.h"
#include "svc/feedback.h"
#include "svc/ingest.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)1 << 30)
#define MAX_OPTS 8 /* a step command's own options */

/* --if-version N into *v: the item's version the caller saw (feedback show);
 * 0 when not given. */
static int parse_version(const char *s, int64_t *v)
{
	char *end;
	long long n;

	*v = 0;
	if (s == NULL)
		return 0;
	n = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || n < 1)
		return cli_usage(&cmd_feedback,
			"--if-version '%s' không hợp lệ: cần phiên bản của "
			"phản ánh (số nguyên dương, xem: hailong feedback show MÃ)",
			s);
	*v = n;
	return 0;
}

/* What every step of an item takes besides its own options: the item's code,
 * the moment (--at, default now) and the version the caller saw. */
struct step {
	const char *pos[2]; /* the code, then rate's verdict */
	int npos;
	int64_t at;
	int64_t version;
};

/* Parse a step command: its own options extra (NULL-name terminated), then
 * --at and --if-version; with usage, exactly one CODE (else "thiếu mã phản
 * ánh: usage"); without, up to two positional arguments the caller checks. */
static int parse_step(int argc, char **argv, const struct cli_opt *extra, const char *usage,
	struct step *s)
{
	const char *at = NULL, *ifv = NULL;
	struct cli_opt opts[MAX_OPTS + 3];
	size_t n = 0;
	int rc;

	for (; extra != NULL && extra[n].name != NULL && n < MAX_OPTS; n++)
		opts[n] = extra[n];
	opts[n++] = (struct cli_opt){"at", &at, NULL};
	opts[n++] = (struct cli_opt){"if-version", &ifv, NULL};
	opts[n] = (struct cli_opt){NULL, NULL, NULL};
	rc = cli_parse(&cmd_feedback, argc, argv, 1, opts, s->pos, usage != NULL ? 1 : 2, &s->npos);
	if (rc == 0 && usage != NULL && s->npos != 1)
		rc = cli_usage(&cmd_feedback, "thiếu mã phản ánh: %s", usage);
	if (rc == 0)
		rc = cli_minute(NULL, "--at", at, -1, &s->at);
	if (rc == 0)
		rc = parse_version(ifv, &s->version);
	return rc;
}

static int do_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *channel = NULL, *received = NULL, *text = NULL, *name = NULL,
		   *contact = NULL, *kind = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"channel", &channel, NULL},
		{"received", &received, NULL}, {"text", &text, NULL}, {"name", &name, NULL},
		{"contact", &contact, NULL}, {"kind", &kind, NULL}, {NULL, NULL, NULL}};
	struct fb_new in = {0};
	struct hl_err err = {0};
	char code[STORE_CODE_MAX], token[FB_TOKEN_SIZE];
	int rc = cli_opts(&cmd_feedback, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (unit == NULL || channel == NULL || received == NULL || text == NULL)
		return cli_usage(&cmd_feedback,
			"cần --unit, --channel, --received và --text: hailong "
			"feedback add --unit MÃ --channel KÊNH --received THỜI-ĐIỂM --text NỘI-DUNG");
	if ((rc = cli_minute(NULL, "--received", received, 0, &in.received_at)) != 0)
		return rc;
	if (fb_channel_parse(channel, &in.channel, &err) != HL_OK ||
		(kind != NULL && fb_kind_parse(kind, &in.kind, &err) != HL_OK))
		return cli_fail(&err);
	in.unit = unit;
	in.text = text;
	in.name = name;
	in.contact = contact;
	if (fb_add(ctx->st, &in, ctx->who, code, token, &err) != HL_OK)
		return cli_fail(&err);
	/* stdout is the code alone, for scripts (code=$(hailong feedback add …));
	 * the sender's tracking code goes to the person at the terminal */
	printf("%s\n", code);
	fflush(stdout);
	fprintf(stderr, "Mã tra cứu cho người gửi (chỉ hiện một lần): %s\n", token);
	return 0;
}

static int do_classify(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *cls = NULL, *criterion = NULL, *kind = NULL;
	const struct cli_opt opts[] = {{"class", &cls, NULL}, {"criterion", &criterion, NULL},
		{"kind", &kind, NULL}, {NULL, NULL, NULL}};
	struct hl_err err = {0};
	struct step s;
	int c = 0, k = 0;
	int rc = parse_step(argc, argv, opts, "hailong feedback classify MÃ --class LOẠI", &s);

	if (rc != 0)
		return rc;
	if (cls == NULL)
		return cli_usage(&cmd_feedback,
			"thiếu --class (khong-tiep-nhan, hanh-vi, "
			"quy-dinh-trong-tham-quyen, quy-dinh-ngoai-tham-quyen)");
	if (fb_class_parse(cls, &c, &err) != HL_OK ||
		fb_criterion_parse(criterion, &err) != HL_OK ||
		(kind != NULL && fb_kind_parse(kind, &k, &err) != HL_OK))
		return cli_fail(&err);
	if (fb_classify(ctx->st, s.pos[0], s.version, c, criterion, k, s.at, ctx->who, &err) !=
		HL_OK)
		return cli_fail(&err);
	printf("Đã phân loại %s: %s.\n", s.pos[0], fb_class_label(c));
	return 0;
}

static int do_forward(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *to = NULL;
	const struct cli_opt opts[] = {{"to", &to, NULL}, {NULL, NULL, NULL}};
	struct hl_err err = {0};
	struct step s;
	int rc = parse_step(argc, argv, opts, "hailong feedback forward MÃ --to PHÒNG", &s);

	if (rc != 0)
		return rc;
	if (to == NULL)
		return cli_usage(&cmd_feedback, "thiếu --to PHÒNG (xem: hailong offices list)");
	if (fb_forward(ctx->st, s.pos[0], s.version, to, s.at, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	printf("Đã chuyển %s đến %s.\n", s.pos[0], to);
	return 0;
}

static int do_answer(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *text = NULL, *number = NULL;
	const struct cli_opt opts[] = {{"text", &text, NULL}, {"number", &number, NULL},
		{NULL, NULL, NULL}};
	struct hl_err err = {0};
	struct step s;
	long no = 0;
	int rc = parse_step(argc, argv, opts, "hailong feedback answer MÃ --text NỘI-DUNG", &s);

	if (rc != 0)
		return rc;
	if (text == NULL)
		return cli_usage(&cmd_feedback, "thiếu --text: nội dung văn bản trả lời");
	if (number != NULL && !hl_parse_long(number, 1, 999999, &no))
		return cli_usage(&cmd_feedback,
			"--number '%s' không hợp lệ: cần số từ 1 đến 999999", number);
	if (fb_answer(ctx->st, s.pos[0], s.version, text, (int)no, s.at, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	printf("Đã trả lời %s.\n", s.pos[0]);
	return 0;
}

static int do_publish(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_err err = {0};
	struct step s;
	int rc = parse_step(argc, argv, NULL, "hailong feedback publish MÃ", &s);

	if (rc != 0)
		return rc;
	if (fb_publish(ctx->st, s.pos[0], s.version, s.at, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	printf("Đã công khai kết quả trả lời %s.\n", s.pos[0]);
	return 0;
}

static int do_rate(struct cli_ctx *ctx, int argc, char **argv)
{
	struct hl_err err = {0};
	struct step s;
	bool ok;
	int rc = parse_step(argc, argv, NULL, NULL, &s);

	if (rc != 0)
		return rc;
	if (s.npos != 2 ||
		(strcmp(s.pos[1], "satisfied") != 0 && strcmp(s.pos[1], "unsatisfied") != 0))
		return cli_usage(&cmd_feedback,
			"cách dùng: hailong feedback rate MÃ satisfied|unsatisfied");
	ok = strcmp(s.pos[1], "satisfied") == 0;
	if (fb_rate(ctx->st, s.pos[0], s.version, ok, s.at, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	if (ok)
		printf("Người gửi hài lòng với câu trả lời: đã đóng %s.\n", s.pos[0]);
	else
		printf("Người gửi chưa hài lòng: đã mở lại %s, cần trả lời lại.\n", s.pos[0]);
	return 0;
}

static int do_reopen(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *reason = NULL, *code;
	const struct cli_opt opts[] = {{"reason", &reason, NULL}, {NULL, NULL, NULL}};
	struct hl_err err = {0};
	struct fb_item f;
	struct hl_arena *a;
	struct step s;
	int rc = parse_step(argc, argv, opts, "hailong feedback reopen MÃ --reason \"LÝ DO\"", &s);

	if (rc != 0)
		return rc;
	code = s.pos[0];
	if (reason == NULL)
		return cli_usage(&cmd_feedback,
			"thiếu --reason: lý do mở lại phản ánh đã đóng nhầm");
	if (fb_reopen(ctx->st, code, s.version, reason, s.at, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	a = hl_arena_new((size_t)1 << 20);
	if (a != NULL && fb_get(ctx->st, NULL, code, hl_clock_minute(), a, &f, &err) == HL_OK)
		printf("Đã mở lại %s: việc cần làm tiếp theo là %s.\n", code,
			fb_step_label(f.step));
	else
		printf("Đã mở lại %s.\n", code);
	hl_arena_free(a);
	return 0;
}

/* The sender of item code, name and contact in a; audited. */
static int contact_of(struct cli_ctx *ctx, const char *code, struct hl_arena *a, char **name,
	char **contact)
{
	struct hl_err err = {0};

	if (fb_contact(ctx->st, code, ctx->who, a, name, contact, &err) != HL_OK)
		return cli_fail(&err);
	return 0;
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *under = NULL, *at = NULL, *format = NULL;
	bool open = false, overdue = false, contact = false, csv;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"under", &under, NULL},
		{"open", NULL, &open}, {"overdue", NULL, &overdue}, {"at", &at, NULL},
		{"format", &format, NULL}, {"contact", NULL, &contact}, {NULL, NULL, NULL}};
	struct fb_query q = {0};
	struct fb_item *items = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t n = 0;
	int rc = cli_opts(&cmd_feedback, argc, argv, opts);

	if (rc == 0)
		rc = cli_minute(NULL, "--at", at, hl_clock_minute(), &q.at);
	if (rc == 0)
		rc = cli_csv_format(&cmd_feedback, format, &csv);
	if (rc != 0)
		return rc;
	if (unit != NULL && under != NULL)
		return cli_usage(&cmd_feedback, "chỉ dùng một trong --unit và --under");
	q.unit = unit != NULL ? unit : under;
	q.under = under != NULL;
	q.open_only = open;
	q.overdue_only = overdue;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	if (fb_list(ctx->st, NULL, &q, a, &items, &n, &err) != HL_OK)
		return cli_fail_free(a, &err);
	if (csv)
		printf("code,unit,channel,received_at,step,due_at,overdue%s\n",
			contact ? ",name,contact" : "");
	else if (n == 0)
		printf("Không có phản ánh nào%s.\n", overdue ? " quá hạn" : open ? " đang mở" : "");
	else {
		cli_cell("Mã", 32);
		cli_cell("Đơn vị", 30);
		cli_cell("Kênh", 32);
		cli_cell("Tiếp nhận", 16);
		cli_cell("Việc phải làm", 24);
		cli_cell("Hạn", 16);
		printf("%s\n", contact ? "Quá hạn  Người gửi" : "Quá hạn");
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct fb_item *f = &items[i];
		char rec[20], due[20];
		char *name = NULL, *addr = NULL;

		if (contact && (rc = contact_of(ctx, f->it.code, a, &name, &addr)) != 0)
			break;
		if (csv) {
			csvout_cell(stdout, f->it.code);
			putchar(',');
			csvout_cell(stdout, f->unit_code);
			printf(",%s,%s,%s,%s,%d", fb_channel_code(f->it.channel),
				hl_clock_iso_minute(f->it.received_at, rec, sizeof(rec)),
				fb_step_code(f->step),
				hl_clock_iso_minute(f->due_at, due, sizeof(due)),
				f->overdue ? 1 : 0);
			if (contact) {
				putchar(',');
				csvout_cell(stdout, name);
				putchar(',');
				csvout_cell(stdout, addr);
			}
			putchar('\n');
			continue;
		}
		/* the table is read: names and labels (the CSV keeps the codes) */
		cli_cell(f->it.code, 32);
		cli_cell(f->unit_name, 30);
		cli_cell(fb_channel_label(f->it.channel), 32);
		cli_cell(hl_clock_fmt_minute(f->it.received_at, rec, sizeof(rec)), 16);
		cli_cell(fb_step_label(f->step), 24);
		cli_cell(f->due_at >= 0 ? hl_clock_fmt_minute(f->due_at, due, sizeof(due)) : "—",
			16);
		if (contact)
			printf("%-7s  %s %s\n", f->overdue ? "có" : "", name, addr);
		else
			printf("%s\n", f->overdue ? "có" : "");
	}
	hl_arena_free(a);
	return rc;
}

static int do_show(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *code = NULL, *at = NULL;
	bool contact = false;
	const struct cli_opt opts[] = {{"contact", NULL, &contact}, {"at", &at, NULL},
		{NULL, NULL, NULL}};
	struct fb_item f;
	struct store_fb_step *steps = NULL;
	struct store_fb_office *offices = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	char t1[20], t2[20];
	size_t n = 0, noffices = 0;
	int64_t when;
	int rc = cli_parse_one(&cmd_feedback, argc, argv, opts, &code,
		"thiếu mã phản ánh: hailong feedback show MÃ [--contact]");

	if (rc == 0)
		rc = cli_minute(NULL, "--at", at, hl_clock_minute(), &when);
	if (rc != 0)
		return rc;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = fb_get(ctx->st, NULL, code, when, a, &f, &err);
	if (rc == HL_OK)
		rc = fb_steps(ctx->st, code, a, &steps, &n, &err);
	if (rc != HL_OK)
		return cli_fail_free(a, &err);
	printf("Mã:            %s\n", f.it.code);
	printf("Đơn vị:        %s\n", f.unit_name);
	printf("Kênh:          %s\n", fb_channel_label(f.it.channel));
	printf("Loại đơn:      %s\n", fb_kind_label(f.it.kind));
	printf("Tiếp nhận:     %s\n", hl_clock_fmt_minute(f.it.received_at, t1, sizeof(t1)));
	printf("Phân loại:     %s%s%s\n", f.it.cls ? fb_class_label(f.it.cls) : "chưa phân loại",
		f.it.criterion[0] ? ", tiêu chí " : "", f.it.criterion);
	printf("Chuyển đến:    %s\n", f.office_code[0] ? f.office_name : "chưa chuyển");
	printf("Trạng thái:    %s\n", fb_state_label(f.it.state));
	printf("Việc phải làm: %s%s%s%s\n", fb_step_label(f.step), f.due_at >= 0 ? ", hạn " : "",
		hl_clock_fmt_minute(f.due_at, t2, sizeof(t2)), f.overdue ? " (QUÁ HẠN)" : "");
	if (f.it.reopened > 0)
		printf("Mở lại:        %d lần\n", f.it.reopened);
	printf("Phiên bản:     %lld\n", (long long)f.it.version);
	if (contact) {
		char *name = NULL, *addr = NULL;

		if ((rc = contact_of(ctx, code, a, &name, &addr)) != 0) {
			hl_arena_free(a);
			return rc;
		}
		printf("Người gửi:     %s\n", name[0] ? name : "(không ghi)");
		printf("Liên hệ:       %s\n", addr[0] ? addr : "(không ghi)");
	}
	printf("\nNội dung:\n%s\n", f.it.text != NULL ? f.it.text : "");
	if (f.it.answer != NULL)
		printf("\nTrả lời (số %d/TB-UBND, %s%s):\n%s\n", f.it.answer_no,
			hl_clock_fmt_minute(f.it.answered_at, t1, sizeof(t1)),
			f.it.published_at >= 0 ? ", đã công khai" : ", chưa công khai",
			f.it.answer);
	if (fb_offices(ctx->st, f.it.unit_id, a, &offices, &noffices, &err) != HL_OK)
		noffices = 0; /* the steps then name offices by code */
	printf("\nCác bước:\n");
	for (size_t i = 0; i < n; i++) {
		const char *step, *detail;

		fb_step_text(&steps[i], offices, noffices, a, &step, &detail);
		printf("  %s  ", hl_clock_fmt_minute(steps[i].at, t1, sizeof(t1)));
		cli_cell(step, 12);
		printf("%s%s%s\n", account_who_label(a, steps[i].who), detail[0] ? "  " : "",
			detail);
	}
	hl_arena_free(a);
	return 0;
}

static int do_letter(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *code = NULL, *out = NULL, *signer = NULL;
	const struct cli_opt opts[] = {{"output", &out, NULL}, {"signer", &signer, NULL},
		{NULL, NULL, NULL}};
	struct fb_letter l;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	int rc;

	cli_short_output(argc, argv);
	rc = cli_parse_one(&cmd_feedback, argc, argv, opts, &code,
		"thiếu mã phản ánh: hailong feedback letter MÃ -o TỆP.pdf");
	if (rc != 0)
		return rc;
	if (out == NULL)
		return cli_usage(&cmd_feedback, "thiếu -o TỆP.pdf");
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	rc = fb_letter_data(ctx->st, code, ctx->who, a, &l, &err);
	if (rc == HL_OK)
		rc = fbl_write(&l, signer, out, a, &err);
	hl_arena_free(a);
	if (rc != HL_OK)
		return cli_fail(&err);
	printf("Đã ghi văn bản trả lời %s vào %s.\n", code, out);
	return 0;
}

/* Percent with a decimal comma, or "—". */
static const char *pct(char *buf, size_t size, long num, long den)
{
	if (den <= 0)
		return "—";
	return hl_fmt_dec(buf, size, 100.0 * (double)num / (double)den, 2);
}

static int do_stats(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *at = NULL;
	const struct cli_opt more[] = {{"at", &at, NULL}, {NULL, NULL, NULL}};
	struct cli_scope s = {0};
	static const struct cli_col cols[] = {
		{"Đơn vị", 16},
		{"Tháng", 8},
		{"Nhận", -6},
		{"Đã trả lời", -10},
		{"Đến hạn", -8},
		{"Đúng hạn", -9},
		{"Tỷ lệ %", -8},
		{"Điểm", -5},
		{"Đánh giá", -9},
		{"Hài lòng %", 0},
	};
	struct hl_period p;
	struct fb_month *m = NULL;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	size_t n = 0;
	int64_t t;
	bool csv;
	int rc = cli_scope_opts(&cmd_feedback, argc, argv, &s, more);

	if (rc == 0)
		rc = cli_minute(NULL, "--at", at, hl_clock_minute(), &t);
	if (rc == 0)
		rc = cli_csv_format(&cmd_feedback, s.format, &csv);
	if (rc != 0)
		return rc;
	if ((rc = cli_period(&cmd_feedback, s.period, &p)) != 0 ||
		(rc = cli_scope_one(&cmd_feedback, &s)) != 0)
		return rc;
	if ((rc = cli_arena(ARENA_CAP, &a)) != 0)
		return rc;
	if (fb_stats(ctx->st, NULL, &p, s.unit != NULL ? s.unit : s.under, s.under != NULL, t, a,
		    &m, &n, &err) != HL_OK) {
		hl_arena_free(a);
		return cli_fail(&err);
	}
	if (csv)
		printf("unit,month,received,not_accepted,answered,due,on_time,on_time_pct,score,"
		       "rated,satisfied,satisfied_pct\n");
	else if (n == 0)
		printf("Không có phản ánh nào trong kỳ.\n");
	else
		cli_row(cols, NULL);
	for (size_t i = 0; i < n; i++) {
		char month[8], b1[32], b2[32], rec[24], ans[24], due[24], ok[24], score[16],
			rated[24];

		snprintf(month, sizeof(month), "%04d-%02d", m[i].year, m[i].month);
		if (csv) {
			csvout_cell(stdout, m[i].unit_code);
			printf(",%s,%ld,%ld,%ld,%ld,%ld", month, m[i].received, m[i].not_accepted,
				m[i].answered, m[i].due, m[i].on_time);
			csvout_num(stdout, m[i].due > 0,
				m[i].due > 0 ? 100.0 * (double)m[i].on_time / (double)m[i].due : 0);
			printf(",%d,%ld,%ld", m[i].score, m[i].rated, m[i].satisfied);
			csvout_num(stdout, m[i].rated > 0,
				m[i].rated > 0 ?
					100.0 * (double)m[i].satisfied / (double)m[i].rated :
					0);
			putchar('\n');
			continue;
		}
		snprintf(month, sizeof(month), "%02d/%04d", m[i].month, m[i].year);
		snprintf(score, sizeof(score), "%d", m[i].score);
		cli_row(cols,
			(const char *const[]){m[i].unit_code, month,
				hl_fmt_int(rec, sizeof(rec), m[i].received),
				hl_fmt_int(ans, sizeof(ans), m[i].answered),
				hl_fmt_int(due, sizeof(due), m[i].due),
				hl_fmt_int(ok, sizeof(ok), m[i].on_time),
				pct(b1, sizeof(b1), m[i].on_time, m[i].due), score,
				hl_fmt_int(rated, sizeof(rated), m[i].rated),
				pct(b2, sizeof(b2), m[i].satisfied, m[i].rated)});
	}
	hl_arena_free(a);
	return 0;
}

/* A positive whole number option into *out (-1 when not given). */
static int parse_count(const char *opt, const char *s, int max, int *out)
{
	long v;

	*out = -1;
	if (s == NULL)
		return 0;
	if (!hl_parse_long(s, 1, max, &v))
		return cli_usage(&cmd_feedback, "%s '%s' không hợp lệ: cần số nguyên từ 1 đến %d",
			opt, s, max);
	*out = (int)v;
	return 0;
}

static int do_deadlines(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *cls = NULL, *fh = NULL, *ad = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"class", &cls, NULL},
		{"forward-hours", &fh, NULL}, {"answer-days", &ad, NULL}, {NULL, NULL, NULL}};
	struct store_unit u;
	struct hl_err err = {0};
	int c = FB_CLASS_NONE, hours, days;
	int rc = cli_opts(&cmd_feedback, argc, argv, opts);

	if (rc == 0)
		rc = parse_count("--forward-hours", fh, 2000, &hours);
	if (rc == 0)
		rc = parse_count("--answer-days", ad, 365, &days);
	if (rc != 0)
		return rc;
	if (unit == NULL)
		return cli_usage(&cmd_feedback, "thiếu --unit MÃ");
	if (cls != NULL && fb_class_parse(cls, &c, &err) != HL_OK)
		return cli_usage(&cmd_feedback, "%s", err.msg);
	if ((hours > 0 || days > 0) &&
		fb_deadline_set(ctx->st, unit, c, hours, days, ctx->who, &err) != HL_OK)
		return cli_fail(&err);
	if ((rc = cli_unit_get(ctx, unit, &u, "không có đơn vị mã '%s' (xem: hailong units list)",
		     unit)) != 0)
		return rc;
	printf("Thời hạn xử lý phản ánh của %s (giờ làm việc để chuyển, ngày làm việc để trả lời):\n",
		u.code);
	for (int k = cls != NULL ? c : FB_CLASS_NONE; k < FB_NCLASSES; k++) {
		if (fb_deadline_get(ctx->st, u.id, k, &hours, &days, &err) != HL_OK)
			return cli_fail(&err);
		cli_cell(k == FB_CLASS_NONE ? "mặc định (chưa phân loại)" : fb_class_code(k), 28);
		printf("chuyển trong %d giờ, trả lời trong %d ngày\n", hours, days);
		if (cls != NULL)
			break;
	}
	return 0;
}

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_feedback, ctx, argc, argv, "phản ánh", fb_import_portal);
}

static const struct cli_sub subs[] = {{"add", do_add, NULL}, {"classify", do_classify, NULL},
	{"forward", do_forward, NULL}, {"answer", do_answer, NULL}, {"publish", do_publish, NULL},
	{"rate", do_rate, NULL}, {"reopen", do_reopen, NULL}, {"list", do_list, NULL},
	{"show", do_show, NULL}, {"letter", do_letter, NULL}, {"stats", do_stats, NULL},
	{"deadlines", do_deadlines, NULL}, {"import", do_import, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_feedback = {"feedback",
	"phản ánh, kiến nghị: tiếp nhận, phân loại, chuyển, trả lời, công khai, đánh giá, mở lại",
	cli_help_feedback, CLI_DB_OPEN, NULL, subs};
