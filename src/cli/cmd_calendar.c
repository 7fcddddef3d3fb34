/* cmd_calendar.c — `hailong calendar lunar|import|hours|show|deadline|between|
 * culture-day`: the state's working calendar (svc/calendar.h, core/workcal.h):
 * the lunar date of a day, the government's yearly decisions, each unit's
 * office hours, the year's holidays, and deadlines in working hours or days.
 * `lunar` needs no database; the others open it themselves. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "base/text.h"
#include "core/lunar.h"
#include "io/csvout.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/ingest.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)64 << 20)
#define SPEC_BUF 512

/* Open the database (once) for the subcommands that use it: it must exist
 * and hold the calendar's tables (made by `hailong init`). */
static int need_db(struct cli_ctx *ctx)
{
	struct hl_err err;
	struct stat sb;
	int year;

	if (ctx->st != NULL)
		return 0;
	hl_err_clear(&err);
	if (strstr(ctx->db, "://") == NULL && stat(ctx->db, &sb) != 0)
		return cli_errorf("cơ sở dữ liệu '%s' chưa có.\nTạo nó trước bằng: hailong --db '%s' "
				  "init",
			ctx->db, ctx->db);
	if (store_open(ctx->db, &ctx->st, &err) != HL_OK)
		return cli_fail(&err);
	if (cal_culture_year(ctx->st, &year, &err) != HL_OK)
		return cli_errorf("cơ sở dữ liệu '%s' chưa được khởi tạo hoặc chưa nâng cấp.\n"
				  "Chạy: hailong --db '%s' init",
			ctx->db, ctx->db);
	return 0;
}

static hl_day today(void)
{
	return hl_clock_today();
}

static int bad_date(const char *opt, const char *s)
{
	return cli_errorf("%s '%s' không hợp lệ: viết năm-tháng-ngày và là ngày có thật "
			  "(ví dụ 2026-02-17)",
		opt, s);
}

static int check_format(const char *format, bool *csv)
{
	if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0)
		return cli_usage(&cmd_calendar, "--format phải là table hoặc csv");
	*csv = strcmp(format, "csv") == 0;
	return 0;
}

/* The unit named by code (NULL: no unit, id 0). */
static int find_unit(struct cli_ctx *ctx, const char *code, struct store_unit *u)
{
	memset(u, 0, sizeof(*u));
	if (code == NULL)
		return 0;
	return cli_unit_get(ctx, code, u, "đơn vị '%s' không tồn tại (xem: hailong units list)",
		code);
}

/* A unit's calendar and working schedule, as load_sched gives them. */
struct sched {
	struct cal *c; /* freed by cal_free */
	struct wc_sched s;
	struct store_unit u;
};

/* The calendar and the schedule of unit code (NULL: the default). */
static int load_sched(struct cli_ctx *ctx, const char *code, struct sched *sc)
{
	struct hl_err err;
	int rc;

	sc->c = NULL;
	if ((rc = need_db(ctx)) != 0 || (rc = find_unit(ctx, code, &sc->u)) != 0)
		return rc;
	hl_err_clear(&err);
	if (cal_load(ctx->st, &sc->c, &err) != HL_OK ||
		cal_unit(sc->c, sc->u.id, &sc->s, &err) != HL_OK) {
		cal_free(sc->c);
		sc->c = NULL;
		return cli_fail(&err);
	}
	return 0;
}

/* "YYYY-MM-DD HH:MM" of minutes since 1970 (local). */
static char *fmt_minute(int64_t t, char *buf, size_t size)
{
	char day[16];

	snprintf(buf, size, "%s %02d:%02d", hl_day_iso((hl_day)(t / 1440), day, sizeof(day)),
		(int)(t % 1440 / 60), (int)(t % 60));
	return buf;
}

/* ---- lunar ---- */

static const char *const month_names[13] = {"", "Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy",
	"Tám", "Chín", "Mười", "Mười Một", "Chạp"};
static const char *const stems[10] = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân",
	"Nhâm", "Quý"};
static const char *const branches[12] = {"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi",
	"Thân", "Dậu", "Tuất", "Hợi"};

static int do_lunar(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *format = "table", *pos[1];
	const struct cli_opt opts[] = {{"format", &format, NULL}, {NULL, NULL, NULL}};
	struct hl_lunar l;
	char iso[16], vn[16];
	hl_day day;
	bool csv = false;
	int rc, npos;

	(void)ctx;
	if ((rc = cli_parse(&cmd_calendar, argc, argv, 1, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1)
		return cli_usage(&cmd_calendar,
			"thiếu ngày: hailong calendar lunar NGÀY (ví dụ 2026-02-17)");
	if ((rc = check_format(format, &csv)) != 0)
		return rc;
	if (!hl_day_parse(pos[0], &day))
		return bad_date("ngày", pos[0]);
	if (!hl_lunar_from_day(day, &l))
		return cli_errorf("ngày %s ngoài khoảng tính âm lịch (năm 1900–2199)", pos[0]);
	hl_day_iso(day, iso, sizeof(iso));
	if (csv) {
		printf("date,lunar_day,lunar_month,lunar_year,leap\n%s,%d,%d,%d,%d\n", iso, l.day,
			l.month, l.year, l.leap ? 1 : 0);
		return 0;
	}
	printf("Ngày %s là %s %d tháng %s%s năm %s %s (âm lịch).\n", hl_day_vn(day, vn, sizeof(vn)),
		l.day <= 10 ? "mùng" : "ngày", l.day, month_names[l.month], l.leap ? " nhuận" : "",
		stems[(l.year + 6) % 10], branches[(l.year + 8) % 12]);
	return 0;
}

/* ---- import ---- */

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = need_db(ctx);

	if (rc != 0)
		return rc;
	return cli_import_cmd(&cmd_calendar, ctx, argc, argv, "dòng quyết định", cal_import);
}

/* ---- hours ---- */

static void print_day_hours(const struct wc_day_hours *h)
{
	for (int i = 0; i < h->nspans; i++)
		printf("%s%02d:%02d–%02d:%02d", i > 0 ? ", " : "", h->span[i].open / 60,
			h->span[i].open % 60, h->span[i].close / 60, h->span[i].close % 60);
}

/* Print the hours in force for u on day, and the rules stored for u. */
static int show_hours(struct cli_ctx *ctx, const char *code, const struct store_unit *u, hl_day day)
{
	struct sched sc;
	struct store_cal_hours *rules = NULL;
	const struct wc_hours *h;
	struct wc_hours dflt;
	struct hl_arena *a = NULL;
	struct hl_err err;
	char spec[SPEC_BUF], vn[16];
	size_t n = 0, own = 0;
	int rc;

	if ((rc = load_sched(ctx, code, &sc)) != 0)
		return rc;
	hl_err_clear(&err);
	if ((a = hl_arena_new(ARENA_CAP)) == NULL) {
		cal_free(sc.c);
		return cli_errorf("hết bộ nhớ");
	}
	if (cal_hours_rules(ctx->st, a, &rules, &n, &err) != HL_OK) {
		rc = cli_fail(&err);
		goto cleanup;
	}
	wc_hours_default(&dflt);
	h = cal_hours_in_force(&sc.s, day);
	printf("Giờ làm việc %s%s%s%s ngày %s: %s\n", u->id != 0 ? "của đơn vị " : "mặc định",
		u->id != 0 ? u->code : "", u->id != 0 ? " – " : "", u->id != 0 ? u->name : "",
		hl_day_vn(day, vn, sizeof(vn)),
		wc_hours_format(h != NULL ? h : &dflt, spec, sizeof(spec)));
	printf("Trong ngày đó: ");
	print_day_hours(wc_hours_on(&sc.s, day));
	printf("\n");
	for (size_t i = 0; i < n; i++) {
		if (rules[i].unit_id != u->id)
			continue;
		if (own++ == 0)
			printf("Quy định riêng%s:\n",
				u->id != 0 ? " của đơn vị" : " cho mọi đơn vị");
		printf("  từ %s: %s\n",
			rules[i].from == HL_DAY_NONE ? "trước đến nay" :
						       hl_day_vn(rules[i].from, vn, sizeof(vn)),
			rules[i].spec);
	}
	if (own == 0)
		printf("%s\n",
			u->id != 0 ? "Đơn vị chưa có quy định riêng: theo đơn vị cấp trên, "
				     "nếu không thì theo giờ mặc định." :
				     "Chưa đặt giờ chung: dùng giờ mặc định "
				     "07:30-11:30,13:30-17:00.");
cleanup:
	hl_arena_free(a);
	cal_free(sc.c);
	return rc;
}

static int do_hours(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL, *from_s = NULL, *pos[1];
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {"from", &from_s, NULL},
		{NULL, NULL, NULL}};
	struct store_unit u;
	struct hl_err err;
	char vn[16];
	hl_day from = HL_DAY_NONE;
	int rc, npos;

	if ((rc = cli_parse(&cmd_calendar, argc, argv, 1, opts, pos, 1, &npos)) != 0)
		return rc;
	if (from_s != NULL && !hl_day_parse(from_s, &from))
		return bad_date("--from", from_s);
	if ((rc = need_db(ctx)) != 0 || (rc = find_unit(ctx, unit, &u)) != 0)
		return rc;
	if (npos == 0)
		return show_hours(ctx, unit, &u, from != HL_DAY_NONE ? from : today());
	hl_err_clear(&err);
	if (cal_set_hours(ctx->st, ctx->who, u.id, u.code, from, pos[0], &err) != HL_OK)
		return cli_fail(&err);
	printf("Đã đặt giờ làm việc %s%s từ %s: %s\n",
		u.id != 0 ? "của đơn vị " :
			    "chung cho mọi "
			    "đơn vị chưa có giờ riêng",
		u.code, from == HL_DAY_NONE ? "trước đến nay" : hl_day_vn(from, vn, sizeof(vn)),
		pos[0]);
	return 0;
}

/* ---- show ---- */

static const char *const weekdays[7] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu",
	"Thứ Bảy", "Chủ nhật"};

static int do_show(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *year_s = NULL, *unit = NULL, *format = "table";
	const struct cli_opt opts[] = {{"year", &year_s, NULL}, {"unit", &unit, NULL},
		{"format", &format, NULL}, {NULL, NULL, NULL}};
	struct sched sc;
	struct wc_entry *e = NULL;
	struct hl_err err;
	size_t n = 0;
	bool csv = false;
	int rc, y;

	if ((rc = cli_opts(&cmd_calendar, argc, argv, opts)) != 0)
		return rc;
	if (year_s == NULL || !cli_parse_year(year_s, &y))
		return cli_usage(&cmd_calendar, "cần --year NĂM (ví dụ --year 2026)");
	if ((rc = check_format(format, &csv)) != 0)
		return rc;
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX)
		return cli_errorf("năm %d ngoài lịch làm việc (%d–%d)", y, CAL_YEAR_MIN,
			CAL_YEAR_MAX);
	if ((rc = load_sched(ctx, unit, &sc)) != 0)
		return rc;
	hl_err_clear(&err);
	if (wc_year_entries(cal_days(sc.c), y, &e, &n, &err) != HL_OK) {
		cal_free(sc.c);
		return cli_fail(&err);
	}
	if (csv)
		printf("date,kind,name\n");
	else
		printf("Lịch làm việc năm %d%s%s: các ngày khác thường lệ (thứ Hai–thứ Sáu làm việc, "
		       "thứ Bảy, Chủ nhật nghỉ)\n",
			y, sc.u.id != 0 ? " – đơn vị " : "", sc.u.code);
	for (size_t i = 0; i < n; i++) {
		char day[16];

		if (csv) {
			printf("%s,%s,", hl_day_iso(e[i].day, day, sizeof(day)),
				wc_kind_code(e[i].kind));
			csvout_cell(stdout, e[i].name);
			putchar('\n');
			continue;
		}
		cli_cell(hl_day_vn(e[i].day, day, sizeof(day)), 10);
		cli_cell(weekdays[hl_day_weekday(e[i].day)], 8);
		cli_cell(wc_kind_label(e[i].kind), 20);
		printf("%s\n", e[i].name);
	}
	if (!csv && sc.u.id != 0) {
		const struct wc_hours *h = cal_hours_in_force(&sc.s, today());
		struct wc_hours dflt;
		char spec[SPEC_BUF];

		wc_hours_default(&dflt);
		printf("Giờ làm việc hiện nay của đơn vị: %s\n",
			wc_hours_format(h != NULL ? h : &dflt, spec, sizeof(spec)));
	}
	hl_free(e);
	cal_free(sc.c);
	return 0;
}

/* ---- deadline, between ---- */

static int parse_moment(const char *opt, const char *s, int64_t *out)
{
	if (s == NULL)
		return cli_usage(&cmd_calendar, "thiếu %s THỜI-ĐIỂM (ví dụ \"2026-02-13 15:30\")",
			opt);
	return cli_minute(NULL, opt, s, 0, out);
}

/* --days N: a whole number 0..10 000. */
static bool parse_days(const char *s, int *out)
{
	long v;

	if (s[0] == '-' || s[0] == '+' || !hl_parse_long(s, 0, 10000, &v))
		return false;
	*out = (int)v;
	return true;
}

static int do_deadline(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from_s = NULL, *hours = NULL, *days = NULL, *minutes = NULL, *unit = NULL;
	const struct cli_opt opts[] = {{"from", &from_s, NULL}, {"hours", &hours, NULL},
		{"days", &days, NULL}, {"minutes", &minutes, NULL}, {"unit", &unit, NULL},
		{NULL, NULL, NULL}};
	struct sched sc;
	struct hl_err err;
	int64_t from, out = 0, mins = 0;
	double v;
	char buf[32];
	int rc, ndays = 0;

	if ((rc = cli_opts(&cmd_calendar, argc, argv, opts)) != 0)
		return rc;
	if ((hours != NULL) + (days != NULL) + (minutes != NULL) != 1)
		return cli_usage(&cmd_calendar,
			"cần đúng một trong --hours N, --days N, --minutes N");
	if ((rc = parse_moment("--from", from_s, &from)) != 0)
		return rc;
	if (hours != NULL || minutes != NULL) {
		const char *val = hours != NULL ? hours : minutes;

		/* At most 100 000 hours: some 50 working years. */
		if (!hl_parse_decimal(val, 0, hours != NULL ? 1e5 : 6e6, &v))
			return cli_errorf("%s '%s' không hợp lệ: cần một số không âm (ví dụ 8 hoặc 1,5)",
				hours != NULL ? "--hours" : "--minutes", val);
		mins = (int64_t)(v * (hours != NULL ? 60 : 1) + 0.5);
	} else if (!parse_days(days, &ndays)) {
		return cli_errorf("--days '%s' không hợp lệ: cần số nguyên từ 0 đến 10000", days);
	}
	if ((rc = load_sched(ctx, unit, &sc)) != 0)
		return rc;
	hl_err_clear(&err);
	if (days != NULL)
		rc = wc_add_days(&sc.s, from, ndays, &out, &err);
	else
		rc = wc_add_minutes(&sc.s, from, mins, &out, &err);
	cal_free(sc.c);
	if (rc != HL_OK)
		return cli_fail(&err);
	printf("%s\n", fmt_minute(out, buf, sizeof(buf)));
	return 0;
}

static int do_between(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *unit = NULL;
	const struct cli_opt opts[] = {{"from", &from_s, NULL}, {"to", &to_s, NULL},
		{"unit", &unit, NULL}, {NULL, NULL, NULL}};
	struct sched sc;
	struct hl_err err;
	int64_t a, b, mins = 0;
	int rc;

	if ((rc = cli_opts(&cmd_calendar, argc, argv, opts)) != 0)
		return rc;
	if ((rc = parse_moment("--from", from_s, &a)) != 0 ||
		(rc = parse_moment("--to", to_s, &b)) != 0)
		return rc;
	if ((rc = load_sched(ctx, unit, &sc)) != 0)
		return rc;
	hl_err_clear(&err);
	rc = wc_between(&sc.s, a, b, &mins, &err);
	cal_free(sc.c);
	if (rc != HL_OK)
		return cli_fail(&err);
	printf("%lld:%02d\n", (long long)(mins / 60), (int)(mins % 60));
	return 0;
}

/* ---- culture-day ---- */

static int do_culture_day(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from_year = NULL, *pos[1];
	const struct cli_opt opts[] = {{"from-year", &from_year, NULL}, {NULL, NULL, NULL}};
	struct hl_err err;
	int rc, npos, y = 0, m, d;
	bool on;

	if ((rc = cli_parse(&cmd_calendar, argc, argv, 1, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1 || (strcmp(pos[0], "on") != 0 && strcmp(pos[0], "off") != 0))
		return cli_usage(&cmd_calendar,
			"cách dùng: hailong calendar culture-day on|off "
			"[--from-year NĂM]");
	on = strcmp(pos[0], "on") == 0;
	if (!on && from_year != NULL)
		return cli_usage(&cmd_calendar, "--from-year chỉ dùng với 'on'");
	if (on && from_year != NULL && !cli_parse_year(from_year, &y))
		return cli_usage(&cmd_calendar, "năm '%s' không hợp lệ", from_year);
	if (on && from_year == NULL)
		hl_day_to_ymd(today(), &y, &m, &d);
	if ((rc = need_db(ctx)) != 0)
		return rc;
	hl_err_clear(&err);
	if (cal_set_culture_day(ctx->st, ctx->who, y, &err) != HL_OK)
		return cli_fail(&err);
	if (on)
		printf("Từ năm %d, ngày 24/11 (Ngày Văn hóa Việt Nam) là ngày nghỉ; rơi vào thứ Bảy "
		       "hoặc Chủ nhật thì được nghỉ bù.\n",
			y);
	else
		printf("Ngày 24/11 (Ngày Văn hóa Việt Nam) không còn là ngày nghỉ.\n");
	return 0;
}

static const struct cli_sub subs[] = {{"lunar", do_lunar, NULL}, {"import", do_import, NULL},
	{"hours", do_hours, NULL}, {"show", do_show, NULL}, {"deadline", do_deadline, NULL},
	{"between", do_between, NULL}, {"culture-day", do_culture_day, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_calendar = {"calendar",
	"lịch làm việc nhà nước: âm lịch, ngày lễ, giờ làm việc, tính thời hạn", cli_help_calendar,
	CLI_DB_NONE, NULL, subs};
