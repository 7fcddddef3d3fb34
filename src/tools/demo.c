/* demo.c — the demo province. Everything is written as the CSV files an
 * office would import (to tmpfile()) and loaded with the real importers and
 * the real merger, so the demo exercises the path users take.
 *
 * Determinism: one fixed-seed splitmix64 stream, consumed in a fixed order;
 * the same build always makes the same database.
 *
 * Faithfulness to seed 003: for the six former wards, 2023 and 2024 are not
 * drawn coin by coin but from an urn holding exactly the number of satisfied
 * answers that gives the published value, so `hailong index --period 2024`
 * prints seed 003's table (82,58 88,27 92,05 89,22 92,38 → 88,90, +3,28). The
 * urn is drawn with each respondent's mood and the civil servant who served
 * tilting the odds, so answers stay correlated within a response as they are
 * in real surveys (this matters for the intervals, which sample responses). */
#include "tools/demo.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "core/date.h"
#include "core/instrument.h"
#include "io/csvout.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/followup.h"
#include "svc/units.h"

#define FIRST_YEAR 2023
#define LAST_YEAR 2025
#define DOSSIER_FIRST_YEAR 2024
#define MAX_STAFF 16
#define MAX_Q 32 /* questions of the built-in instruments */
#define MAX_COLS 64
#define NCRIT 5 /* TC HC PV KQ TT: the seed's criteria */
#define SEED 0x5A1B2025C0DEULL

/* ---- a small deterministic generator (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_below(struct rng *r, int n)
{
	return n <= 1 ? 0 : (int)(rng_unit(r) * n);
}

static bool rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* Index drawn with the given weights. */
static int rng_pick(struct rng *r, const int *w, int n)
{
	int total = 0, x;

	for (int i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- the province ---- */

enum kind { K_NONE, K_WARD, K_STATION };

struct dunit {
	const char *code, *name, *type, *parent, *from, *to;
	enum kind kind;
	bool kh6;     /* on khanh-hoa-6 until the end of 2024, then sipas-5 */
	bool exact;   /* 2023 and 2024 reproduce seed 003 exactly */
	int volume;   /* responses a month (2024 level) */
	int dossiers; /* dossiers a month */
	int nstaff;
	double v[NCRIT]; /* satisfaction % in 2024 (2025 for units formed in 2025) */
	double change;   /* SIPAS 2024 minus 2023 */
	double gain;     /* 2025 over 2024 */
};

/* Parents come before their children: units import checks parents. The six
 * former wards are left open here; the merger closes them on 30/06/2025.
 * Districts were abolished on 1 July 2025, so Nha Trang ends the day before;
 * the other wards and health stations end with it (their successors are not
 * part of the demo, to keep it small). */
static const struct dunit units[] = {
	{"khanh-hoa", "Tỉnh Khánh Hòa", "tinh", "", "", "", K_NONE, false, false, 0, 0, 0, {0}, 0,
		0},
	{"nha-trang", "Thành phố Nha Trang", "huyen", "khanh-hoa", "", "2025-06-30", K_NONE, false,
		false, 0, 0, 0, {0}, 0, 0},
	/* seed 003's table, with its change against 2023 */
	{"vinh-tho", "UBND phường Vĩnh Thọ", "ubnd-xa", "nha-trang", "", "", K_WARD, false, true,
		380, 420, 6, {82.58, 88.27, 92.05, 89.22, 92.38}, 3.28, 1.10},
	{"vinh-phuoc", "UBND phường Vĩnh Phước", "ubnd-xa", "nha-trang", "", "", K_WARD, false,
		true, 360, 400, 6, {84.58, 92.48, 90.27, 88.50, 92.50}, 1.98, 0.70},
	{"vinh-hai", "UBND phường Vĩnh Hải", "ubnd-xa", "nha-trang", "", "", K_WARD, false, true,
		400, 450, 7, {87.19, 87.83, 91.09, 91.85, 93.08}, 3.81, 0.90},
	{"vinh-hoa", "UBND phường Vĩnh Hòa", "ubnd-xa", "nha-trang", "", "", K_WARD, false, true,
		370, 380, 6, {78.25, 81.33, 86.81, 88.17, 83.97}, 7.30, 2.40},
	{"vinh-luong", "UBND xã Vĩnh Lương", "ubnd-xa", "nha-trang", "", "", K_WARD, false, true,
		350, 300, 5, {81.94, 84.08, 87.31, 88.31, 89.00}, 5.23, 1.60},
	{"vinh-phuong", "UBND xã Vĩnh Phương", "ubnd-xa", "nha-trang", "", "", K_WARD, false, true,
		350, 280, 5, {90.03, 90.46, 91.71, 94.11, 90.75}, 3.14, 0.50},
	/* formed on 1 July 2025 from the six above (the merger sets valid_from) */
	{"bac-nha-trang", "UBND phường Bắc Nha Trang", "ubnd-xa", "khanh-hoa", "2025-07-01", "",
		K_WARD, false, false, 2100, 2200, 12, {84.10, 87.90, 91.40, 90.60, 91.30}, 0, 0},
	/* other wards of Nha Trang */
	{"loc-tho", "UBND phường Lộc Thọ", "ubnd-xa", "nha-trang", "", "2025-06-30", K_WARD, false,
		false, 280, 520, 6, {86.40, 89.10, 90.20, 90.80, 88.40}, 2.10, 1.40},
	{"phuong-sai", "UBND phường Phương Sài", "ubnd-xa", "nha-trang", "", "2025-06-30", K_WARD,
		true, false, 220, 300, 5, {84.00, 85.90, 88.60, 89.50, 86.20}, 1.20, 2.00},
	{"vinh-nguyen", "UBND phường Vĩnh Nguyên", "ubnd-xa", "nha-trang", "", "2025-06-30", K_WARD,
		false, false, 240, 340, 5, {80.90, 83.70, 87.90, 86.40, 85.10}, 4.00, 2.60},
	/* health stations */
	{"tyt-vinh-tho", "Trạm y tế phường Vĩnh Thọ", "tram-y-te", "nha-trang", "", "", K_STATION,
		false, false, 150, 90, 4, {88.20, 90.50, 93.10, 91.00, 89.40}, 1.50, 1.00},
	{"tyt-vinh-hai", "Trạm y tế phường Vĩnh Hải", "tram-y-te", "nha-trang", "", "", K_STATION,
		false, false, 140, 80, 4, {85.60, 88.00, 91.20, 90.30, 87.70}, 2.30, 1.20},
	{"tyt-loc-tho", "Trạm y tế phường Lộc Thọ", "tram-y-te", "nha-trang", "", "2025-06-30",
		K_STATION, true, false, 170, 100, 4, {87.30, 89.60, 90.70, 92.10, 88.90}, 0.80,
		1.10},
	{"tyt-phuong-sai", "Trạm y tế phường Phương Sài", "tram-y-te", "nha-trang", "",
		"2025-06-30", K_STATION, true, false, 120, 70, 3,
		{83.80, 86.40, 89.30, 88.20, 85.50}, 1.90, 1.80},
	{"tyt-bac-nha-trang", "Trạm y tế phường Bắc Nha Trang", "tram-y-te", "khanh-hoa",
		"2025-07-01", "", K_STATION, false, false, 280, 170, 6,
		{86.80, 89.40, 92.60, 91.10, 88.90}, 0, 0},
};

#define NUNITS (sizeof(units) / sizeof(units[0]))

struct merger {
	const char *into;
	const char *from[6];
	size_t nfrom;
};

static const struct merger mergers[] = {
	{"bac-nha-trang",
		{"vinh-hoa", "vinh-hai", "vinh-phuoc", "vinh-tho", "vinh-luong", "vinh-phuong"}, 6},
	{"tyt-bac-nha-trang", {"tyt-vinh-tho", "tyt-vinh-hai"}, 2},
};

#define MERGE_DAY "2025-07-01"

/* Fields added to the built-in commune-level ones, for health stations. */
static const char *const extra_fields_csv =
	"code,name\n"
	"kham-chua-benh,\"Khám bệnh, chữa bệnh\"\n"
	"tiem-chung,Tiêm chủng mở rộng\n"
	"giay-suc-khoe,\"Khám sức khỏe, cấp giấy chứng nhận sức khỏe\"\n";

struct dfield {
	const char *code;
	int weight;          /* share of responses and dossiers */
	const char *proc[3]; /* procedures (thủ tục) of its dossiers */
	int days[3];         /* working days allowed for each */
};

static const struct dfield ward_fields[] = {
	{"ho-tich", 30, {"Đăng ký khai sinh", "Đăng ký kết hôn", "Trích lục hộ tịch"}, {1, 3, 1}},
	{"chung-thuc", 28,
		{"Chứng thực bản sao từ bản chính", "Chứng thực chữ ký",
			"Chứng thực hợp đồng, giao dịch"},
		{0, 0, 2}},
	{"dat-dai", 14, {"Xác nhận nguồn gốc đất", "Hòa giải tranh chấp đất đai", NULL},
		{10, 30, 0}},
	{"xay-dung", 5, {"Cấp giấy phép xây dựng nhà ở riêng lẻ", NULL, NULL}, {15, 0, 0}},
	{"lao-dong", 9, {"Xác nhận hộ nghèo, hộ cận nghèo", "Trợ cấp xã hội hằng tháng", NULL},
		{7, 10, 0}},
	{"kinh-doanh", 6, {"Đăng ký thành lập hộ kinh doanh", NULL, NULL}, {3, 0, 0}},
	{"tu-phap", 4, {"Đăng ký giám hộ", NULL, NULL}, {3, 0, 0}},
	{"van-hoa", 2, {"Thông báo tổ chức lễ hội", NULL, NULL}, {5, 0, 0}},
	{"khieu-nai", 2, {"Giải quyết khiếu nại lần đầu", NULL, NULL}, {30, 0, 0}},
};

static const struct dfield station_fields[] = {
	{"kham-chua-benh", 55, {NULL, NULL, NULL}, {0, 0, 0}},
	{"tiem-chung", 30, {"Cấp giấy xác nhận tiêm chủng", NULL, NULL}, {1, 0, 0}},
	{"giay-suc-khoe", 15, {"Khám sức khỏe, cấp giấy chứng nhận sức khỏe", NULL, NULL},
		{1, 0, 0}},
};

#define NWARD_FIELDS (sizeof(ward_fields) / sizeof(ward_fields[0]))
#define NSTATION_FIELDS (sizeof(station_fields) / sizeof(station_fields[0]))

static const struct dfield *unit_fields(const struct dunit *u, int *n)
{
	if (u->kind == K_STATION) {
		*n = (int)NSTATION_FIELDS;
		return station_fields;
	}
	*n = (int)NWARD_FIELDS;
	return ward_fields;
}

static const char *const ward_positions[] = {
	"Công chức Tư pháp – Hộ tịch",
	"Công chức Tư pháp – Hộ tịch",
	"Công chức Địa chính – Xây dựng",
	"Công chức Văn hóa – Xã hội",
	"Công chức Văn phòng – Thống kê",
	"Công chức Tài chính – Kế toán",
	"Viên chức Trung tâm phục vụ hành chính công",
};

static const char *const station_positions[] = {
	"Trạm trưởng",
	"Y sĩ",
	"Điều dưỡng",
	"Nữ hộ sinh",
	"Dược sĩ",
	"Y sĩ",
};

/* Family names roughly as common as in the south-central coast. */
static const char *const family[] = {
	"Nguyễn",
	"Trần",
	"Lê",
	"Phạm",
	"Huỳnh",
	"Phan",
	"Võ",
	"Đặng",
	"Bùi",
	"Đỗ",
	"Hồ",
	"Ngô",
	"Dương",
	"Lý",
	"Trương",
};
static const int family_w[] = {38, 11, 10, 7, 6, 5, 5, 3, 2, 2, 2, 2, 2, 1, 2};
static const char *const middle_m[] = {"Văn", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Công"};
static const char *const middle_f[] = {"Thị", "Ngọc", "Thu", "Thanh", "Hoài", "Mỹ", "Kim"};
static const char *const given_m[] = {
	"Anh",
	"Bảo",
	"Bình",
	"Cường",
	"Dũng",
	"Duy",
	"Hải",
	"Hiếu",
	"Hoàng",
	"Hùng",
	"Huy",
	"Khánh",
	"Khoa",
	"Long",
	"Nam",
	"Nhân",
	"Phong",
	"Phúc",
	"Quân",
	"Sơn",
	"Tài",
	"Thắng",
	"Trí",
	"Trung",
	"Tuấn",
	"Vinh",
	"Vũ",
};
static const char *const given_f[] = {
	"An",
	"Châu",
	"Dung",
	"Giang",
	"Hà",
	"Hạnh",
	"Hằng",
	"Hoa",
	"Hương",
	"Lan",
	"Liên",
	"Linh",
	"Loan",
	"Mai",
	"My",
	"Nga",
	"Ngân",
	"Nhung",
	"Oanh",
	"Phương",
	"Quyên",
	"Quỳnh",
	"Thảo",
	"Trang",
	"Tuyết",
	"Vân",
	"Vy",
	"Yến",
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Comments (góp ý) by the criterion that disappointed, from seed 003's
 * list of what citizens raised, and the praise others leave. Some hold
 * commas, quotes and a line break, as real ones do. */
static const char *const neg_tc[] = {
	"Thiếu hồ sơ mẫu tại bàn viết hồ sơ",
	"Chờ đợi lâu, đề nghị bổ sung thêm nhân viên tiếp nhận hồ sơ",
	"Ghế ngồi chờ không đủ vào giờ cao điểm",
	"Máy lấy số thứ tự hay bị lỗi, phải \"chen\" nhau",
};
static const char *const neg_hc[] = {
	"Phải bổ sung hồ sơ nhiều lần",
	"Bổ sung hồ sơ nhiều lần mà mỗi lần hướng dẫn một khác",
	"Niêm yết thủ tục chưa rõ, khó tra cứu",
	"Thủ tục đất đai còn phức tạp, khó thực hiện",
};
static const char *const neg_pv[] = {
	"Công chức khó chịu khi người dân hỏi thông tin",
	"Công chức không chủ động cung cấp thêm thông tin",
	"Hướng dẫn chưa rõ ràng, phải hỏi lại nhiều lần",
};
static const char *const neg_kq[] = {
	"Hồ sơ trễ hẹn, không được thông báo trước",
	"Nhận tin nhắn báo có kết quả nhưng đến nơi vẫn chưa có",
	"Hẹn trả kết quả lâu so với quy định",
};
static const char *const neg_tt[] = {
	"Không biết gửi phản ánh, kiến nghị ở đâu",
	"Đã góp ý nhưng chưa thấy trả lời",
};
static const char *const neg_health[] = {
	"Chờ khám lâu, nên có số thứ tự",
	"Phòng chờ tiêm chật, trẻ em đông",
	"Thiếu thuốc thông thường,\nphải ra nhà thuốc ngoài mua",
};
static const char *const pos_ward[] = {
	"Cán bộ nhiệt tình, hướng dẫn rất chu đáo",
	"Thủ tục nhanh gọn, trả kết quả đúng hẹn",
	"Trung tâm sạch sẽ, thoáng mát",
	"Rất hài lòng, cảm ơn bộ phận một cửa!",
	"Nộp hồ sơ trực tuyến thuận tiện, \"không phải đi lại nhiều lần\"",
	"Hài lòng.\nĐề nghị bố trí thêm chỗ để xe máy.",
};
static const char *const pos_health[] = {
	"Y sĩ tận tình, giải thích rõ ràng",
	"Tiêm chủng đúng lịch, nhân viên nhẹ nhàng với trẻ",
	"Trạm sạch sẽ, khám nhanh",
};

struct pool {
	const char *const *s;
	int n;
};

static struct pool neg_pool(const char *crit)
{
	if (strcmp(crit, "HC") == 0)
		return (struct pool){neg_hc, COUNT(neg_hc)};
	if (strcmp(crit, "PV") == 0)
		return (struct pool){neg_pv, COUNT(neg_pv)};
	if (strcmp(crit, "KQ") == 0)
		return (struct pool){neg_kq, COUNT(neg_kq)};
	if (strcmp(crit, "TT") == 0)
		return (struct pool){neg_tt, COUNT(neg_tt)};
	return (struct pool){neg_tc, COUNT(neg_tc)}; /* TC and khanh-hoa-6's DK */
}

/* ---- the generator's state ---- */

struct dstaff {
	char code[32];
	char name[96];
	const char *position;
	double bias; /* how this person moves PV and KQ answers */
};

/* One response while its year is being made. ans[q]: 0 no answer, then
 * 1 answered (2 satisfied) while drawing, then the level written. */
struct gresp {
	hl_day day;
	unsigned char channel, field, staff;
	signed char mood; /* -100..100 */
	unsigned char ans[MAX_Q];
};

struct demo {
	struct store *st;
	const struct demo_opts *o;
	struct demo_summary *sum;
	struct import_report *rep;
	struct hl_err *err;
	struct rng r;
	struct hl_arena *a;
	bool history;                 /* imports open no follow-up case */
	struct hl_instrument *ins[2]; /* sipas-5, khanh-hoa-6 */
	const char *ins_name[2];
	int ncol;
	const char *col[MAX_COLS]; /* question columns of the responses file */
	int colmap[2][MAX_Q];      /* instrument question -> column */
	struct dstaff staff[NUNITS][MAX_STAFF];
	struct gresp *buf;
	size_t cap;
	int *perm;
};

static void phase(struct demo *d, const char *what)
{
	if (d->o->phase != NULL)
		d->o->phase(d->o->progress_ctx, what);
}

static bool is_ymd(const char *s, hl_day *out)
{
	return s[0] != '\0' && hl_day_parse(s, out);
}

/* First and last day the unit exists (open ends become far dates); a
 * merger's predecessors end the day before it. */
static void unit_span(const struct dunit *u, hl_day *first, hl_day *last)
{
	hl_day merged;

	if (!is_ymd(u->from, first))
		*first = INT32_MIN / 2;
	if (!is_ymd(u->to, last))
		*last = INT32_MAX / 2;
	if (!hl_day_parse(MERGE_DAY, &merged))
		return;
	for (size_t i = 0; i < sizeof(mergers) / sizeof(mergers[0]); i++)
		for (size_t j = 0; j < mergers[i].nfrom; j++)
			if (strcmp(mergers[i].from[j], u->code) == 0 && *last >= merged)
				*last = merged - 1;
}

static void put_minute(FILE *f, int64_t m)
{
	char buf[16];

	fprintf(f, "%s %02d:%02d", hl_day_iso((hl_day)(m / 1440), buf, sizeof(buf)),
		(int)(m % 1440) / 60, (int)(m % 60));
}

static bool working_day(hl_day day)
{
	return hl_day_weekday(day) < 5;
}

static hl_day workday_add(hl_day day, int n)
{
	while (n > 0) {
		day++;
		if (working_day(day))
			n--;
	}
	return day;
}

/* ---- imports through the real path ---- */

static int open_tmp(struct demo *d, FILE **f)
{
	*f = tmpfile();
	if (*f == NULL)
		return hl_err_set(d->err, HL_EIO, HL_HERE,
			"không tạo được tệp tạm cho dữ liệu mẫu: %s", strerror(errno));
	return HL_OK;
}

typedef int (*import_fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
	struct hl_err *);

/* Import the CSV written to f; *added gets the rows added. */
static int import_tmp(struct demo *d, FILE *f, const char *name, import_fn fn, long *added)
{
	struct import_opts io = {.name = name,
		.no_followup = d->history,
		.who = d->o->who,
		.progress = d->o->progress,
		.progress_ctx = d->o->progress_ctx};
	int rc;

	if (fflush(f) != 0 || ferror(f))
		return hl_err_set(d->err, HL_EIO, HL_HERE, "không ghi được tệp tạm '%s': %s", name,
			strerror(errno));
	rewind(f);
	rc = fn(d->st, f, &io, d->rep, d->err);
	if (rc == HL_OK) {
		*added += d->rep->added;
	} else if (rc == HL_EINVAL && d->rep->kept > 0) {
		const struct import_problem *p = &d->rep->problems[0];

		/* The demo's own files are never bad: this is a bug in hailong. */
		hl_err_set(d->err, HL_EINVAL, HL_HERE,
			"dữ liệu mẫu '%s' bị từ chối (lỗi của hailong, xin báo lại): dòng %ld, cột %s: %s",
			name, p->line, p->column, p->reason);
	}
	return rc;
}

/* Writes a CSV file's lines to f. */
typedef int (*rows_fn)(struct demo *d, FILE *f, const void *arg);

/* Write a CSV with rows(d, f, arg) to a temporary file and import it as
 * name with fn; *added gets the rows added. */
static int import_rows(struct demo *d, rows_fn rows, const void *arg, const char *name,
	import_fn fn, long *added)
{
	FILE *f = NULL;
	int rc = open_tmp(d, &f);

	if (rc != HL_OK)
		return rc;
	if ((rc = rows(d, f, arg)) == HL_OK)
		rc = import_tmp(d, f, name, fn, added);
	fclose(f);
	return rc;
}

/* A CSV given whole as text (arg). */
static int text_rows(struct demo *d, FILE *f, const void *text)
{
	(void)d;
	fputs(text, f);
	return HL_OK;
}

static int unit_rows(struct demo *d, FILE *f, const void *arg)
{
	(void)d;
	(void)arg;
	fputs("code,name,type,parent,valid_from,valid_to\n", f);
	for (size_t i = 0; i < NUNITS; i++) {
		const struct dunit *u = &units[i];

		fprintf(f, "%s,", u->code);
		csvout_quoted(f, u->name);
		fprintf(f, ",%s,%s,%s,%s\n", u->type, u->parent, u->from, u->to);
	}
	return HL_OK;
}

static int do_mergers(struct demo *d)
{
	hl_day day;
	int rc;

	if (!hl_day_parse(MERGE_DAY, &day))
		return hl_err_set(d->err, HL_EINVAL, HL_HERE, "ngày sáp nhập mẫu không hợp lệ");
	for (size_t i = 0; i < sizeof(mergers) / sizeof(mergers[0]); i++) {
		rc = units_merge(d->st, mergers[i].into, mergers[i].from, mergers[i].nfrom, day,
			NULL, NULL, d->o->who, d->err);
		if (rc != HL_OK)
			return rc;
		d->sum->mergers++;
	}
	return HL_OK;
}

static void make_name(struct rng *r, char *buf, size_t size)
{
	bool female = rng_chance(r, 0.58); /* one-stop counters are mostly staffed by women */
	const char *fam = family[rng_pick(r, family_w, COUNT(family))];
	const char *mid = female ? middle_f[rng_below(r, COUNT(middle_f))] :
				   middle_m[rng_below(r, COUNT(middle_m))];
	const char *giv = female ? given_f[rng_below(r, COUNT(given_f))] :
				   given_m[rng_below(r, COUNT(given_m))];

	snprintf(buf, size, "%s %s %s", fam, mid, giv);
}

static int staff_rows(struct demo *d, FILE *f, const void *arg)
{
	(void)arg;
	fputs("code,name,unit,position\n", f);
	for (size_t i = 0; i < NUNITS; i++) {
		const struct dunit *u = &units[i];

		for (int k = 0; k < u->nstaff && k < MAX_STAFF; k++) {
			struct dstaff *s = &d->staff[i][k];

			snprintf(s->code, sizeof(s->code), "%s-cb%02d", u->code, k + 1);
			make_name(&d->r, s->name, sizeof(s->name));
			s->position = u->kind == K_STATION ?
				station_positions[k % COUNT(station_positions)] :
				ward_positions[k % COUNT(ward_positions)];
			s->bias = (rng_unit(&d->r) - 0.5) * 0.05;
			/* The one whom citizens found curt (seed 003: "công chức khó chịu
			 * khi người dân hỏi") works in Vĩnh Hòa and in Lộc Thọ. */
			if (k == 2 &&
				(strcmp(u->code, "vinh-hoa") == 0 ||
					strcmp(u->code, "loc-tho") == 0))
				s->bias = -0.12;
			fprintf(f, "%s,", s->code);
			csvout_quoted(f, s->name);
			fprintf(f, ",%s,", u->code);
			csvout_quoted(f, s->position);
			fputc('\n', f);
		}
	}
	return HL_OK;
}

/* Targets (chỉ tiêu) of the provincial plans: 83 % for 2022, 84 % for 2023,
 * 85 % for 2024 and 90 % for 2025, for communes and health stations alike. */
static int write_targets(struct demo *d)
{
	static const struct {
		int year;
		double value;
	} plan[] = {{2022, 83}, {2023, 84}, {2024, 85}, {2025, 90}};
	static const char *const types[] = {"ubnd-xa", "tram-y-te"};
	struct hl_err ignored;
	int rc;

	rc = store_begin(d->st, d->err);
	if (rc != HL_OK)
		return rc;
	for (int i = 0; i < COUNT(plan); i++)
		for (int j = 0; j < COUNT(types); j++) {
			struct store_target t;

			memset(&t, 0, sizeof(t));
			t.year = plan[i].year;
			snprintf(t.type, sizeof(t.type), "%s", types[j]);
			t.value = plan[i].value;
			rc = STORE(d->st, reports, target_set, &t, d->err);
			if (rc != HL_OK)
				goto fail;
			d->sum->targets++;
		}
	rc = STORE(d->st, admin, audit, d->o->who, "targets.set", "dữ liệu mẫu: 2022–2025", d->err);
	if (rc != HL_OK)
		goto fail;
	return store_commit(d->st, d->err);
fail:
	store_rollback(d->st, &ignored);
	return rc;
}

/* ---- responses ---- */

static int load_instruments(struct demo *d)
{
	static const char *const codes[2] = {"sipas-5", "khanh-hoa-6"};
	int rc;

	d->ncol = 0;
	for (int k = 0; k < 2; k++) {
		struct hl_instrument *in;

		rc = hl_instrument_builtin(d->a, codes[k], &d->ins[k], d->err);
		if (rc != HL_OK)
			return rc;
		in = d->ins[k];
		d->ins_name[k] = hl_arena_printf(d->a, "%s@%d", in->code, in->version);
		if (d->ins_name[k] == NULL)
			return hl_err_set(d->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		if (in->nquestions > MAX_Q)
			return hl_err_set(d->err, HL_ELIMIT, HL_HERE,
				"bộ câu hỏi '%s' có quá %d câu hỏi cho dữ liệu mẫu", in->code,
				MAX_Q);
		/* One column per question code: both instruments share TC1, HC1, ... */
		for (int q = 0; q < in->nquestions; q++) {
			int c = 0;

			while (c < d->ncol && strcmp(d->col[c], in->questions[q].code) != 0)
				c++;
			if (c == d->ncol) {
				if (d->ncol == MAX_COLS)
					return hl_err_set(d->err, HL_ELIMIT, HL_HERE,
						"quá nhiều cột câu hỏi");
				d->col[d->ncol++] = in->questions[q].code;
			}
			d->colmap[k][q] = c;
		}
	}
	return HL_OK;
}

/* The satisfaction the unit aims at for criterion code in year, in %,
 * rounded to two decimals as the seed's table is. */
static double crit_target(const struct dunit *u, int year, const char *code)
{
	static const char *const codes[NCRIT] = {"TC", "HC", "PV", "KQ", "TT"};
	/* 2023 and 2025 move the criteria a little apart, keeping their mean. */
	static const double d2023[NCRIT] = {0.60, -0.40, 0.30, -0.70, 0.20};
	static const double d2025[NCRIT] = {-0.30, 0.50, 0.00, 0.20, -0.40};
	double v[NCRIT], t;
	int c;

	for (c = 0; c < NCRIT; c++) {
		v[c] = u->v[c];
		if (year == 2023)
			v[c] += d2023[c] - u->change;
		else if (year >= 2025)
			v[c] += d2025[c] + u->gain;
	}
	if (strcmp(code, "DK") == 0) {
		/* khanh-hoa-6's reception conditions: close to access and service */
		t = (v[0] + v[2]) / 2 + 1.2;
	} else {
		for (c = 0; c < NCRIT && strcmp(codes[c], code) != 0; c++)
			;
		t = c < NCRIT ? v[c] : 88;
	}
	if (t > 99)
		t = 99;
	return round(t * 100) / 100;
}

static int grow(struct demo *d, size_t n)
{
	struct gresp *b;
	int *p;

	if (n <= d->cap)
		return HL_OK;
	b = hl_realloc(d->buf, n * sizeof(*b));
	if (b == NULL)
		return hl_err_set(d->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo phiếu mẫu");
	d->buf = b;
	p = hl_realloc(d->perm, n * sizeof(*p));
	if (p == NULL)
		return hl_err_set(d->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo phiếu mẫu");
	d->perm = p;
	d->cap = n;
	return HL_OK;
}

static const double season[12] = {
	1.05,
	0.70,
	1.00,
	0.95,
	1.00,
	1.00,
	1.05,
	1.05,
	1.00,
	1.00,
	1.00,
	1.10,
};

/* Channel weights (kiosk, paper, qr) by year: QR codes on receipts spread. */
static void channel_weights(const struct dunit *u, int year, int w[3])
{
	static const int ward[3][3] = {{50, 45, 5}, {55, 32, 13}, {52, 20, 28}};
	static const int station[3][3] = {{30, 65, 5}, {35, 55, 10}, {40, 40, 20}};
	int y = year - FIRST_YEAR;

	if (y < 0)
		y = 0;
	if (y > 2)
		y = 2;
	memcpy(w, u->kind == K_STATION ? station[y] : ward[y], 3 * sizeof(int));
}

/* Lay out the responses of unit ui in [first, last] of one year: days,
 * channels, fields, staff, moods and which questions were answered.
 * Returns the count in *n. */
static int lay_out(struct demo *d, size_t ui, int year, hl_day first, hl_day last, int k, size_t *n)
{
	const struct dunit *u = &units[ui];
	const struct hl_instrument *in = d->ins[k];
	int fw[16], cw[3], nf;
	const struct dfield *fl = unit_fields(u, &nf);
	double yf = year == 2023 ? 0.9 : year == 2024 ? 1.0 : 1.08;

	for (int i = 0; i < nf; i++)
		fw[i] = fl[i].weight;
	channel_weights(u, year, cw);
	*n = 0;
	for (int m = 1; m <= 12; m++) {
		hl_day ms, me, lo, hi;
		int cnt, ndays = 0;
		hl_day days[31];
		int rc;

		hl_day_from_ymd(year, m, 1, &ms);
		me = ms + hl_month_days(year, m) - 1;
		lo = ms > first ? ms : first;
		hi = me < last ? me : last;
		if (lo > hi)
			continue;
		for (hl_day x = lo; x <= hi; x++)
			if (working_day(x) || (hl_day_weekday(x) == 5 && u->kind == K_WARD))
				days[ndays++] = x; /* one-stop centres open on Saturday mornings */
		if (ndays == 0)
			continue;
		cnt = (int)lround(u->volume * season[m - 1] * yf * (0.92 + 0.16 * rng_unit(&d->r)) *
			(double)(hi - lo + 1) / (double)(me - ms + 1));
		rc = grow(d, *n + (size_t)cnt);
		if (rc != HL_OK)
			return rc;
		for (int j = 0; j < cnt; j++) {
			struct gresp *g = &d->buf[(*n)++];
			double mood;

			memset(g, 0, sizeof(*g));
			/* Saturdays see a fraction of a weekday's visitors. */
			do
				g->day = days[rng_below(&d->r, ndays)];
			while (hl_day_weekday(g->day) == 5 && rng_chance(&d->r, 0.7));
			g->channel = (unsigned char)rng_pick(&d->r, cw, 3);
			g->field = (unsigned char)rng_pick(&d->r, fw, nf);
			if (u->nstaff > 0 &&
				rng_chance(&d->r,
					g->channel == 0         ? 0.75 :
						g->channel == 1 ? 0.35 :
								  0.6))
				g->staff = (unsigned char)(1 + rng_below(&d->r, u->nstaff));
			mood = rng_unit(&d->r) + rng_unit(&d->r) + rng_unit(&d->r) - 1.5;
			g->mood = (signed char)lround(mood / 1.5 * 100);
			for (int q = 0; q < in->nquestions; q++) {
				const char *qc = in->questions[q].code;
				double skip = 0.015;

				if (qc[0] == 'T' && qc[1] == 'T')
					skip = 0.05; /* many never sent feedback */
				else if (strcmp(qc, "TC3") == 0 && k == 1)
					skip = 0.12; /* online filing: not everyone tried */
				if (g->channel == 2)
					skip /= 2;
				g->ans[q] = rng_chance(&d->r, skip) ? 0 : 1;
			}
		}
	}
	return HL_OK;
}

/* Satisfied answers for exact reproduction: with v[c] valid answers, the
 * counts s[c] whose rounded percentages are t[c] and whose mean comes
 * closest to the mean of t (the seed's SIPAS is that mean, rounded). */
static void exact_counts(int nc, const long *v, const double *t, long *s)
{
	long lo[HL_MAX_CRITERIA], hi[HL_MAX_CRITERIA];
	double e = 0;

	for (int c = 0; c < nc; c++) {
		lo[c] = (long)ceil((t[c] - 0.0049) * (double)v[c] / 100);
		hi[c] = (long)floor((t[c] + 0.0049) * (double)v[c] / 100);
		s[c] = lround(t[c] * (double)v[c] / 100);
		if (lo[c] > hi[c]) /* too few answers for two decimals */
			lo[c] = hi[c] = s[c];
		if (s[c] < lo[c])
			s[c] = lo[c];
		if (s[c] > hi[c])
			s[c] = hi[c];
		e += 100.0 * (double)s[c] / (double)v[c] - t[c];
	}
	for (;;) {
		int best = -1, dir = 0;
		double be = fabs(e);

		for (int c = 0; c < nc; c++)
			for (int dd = -1; dd <= 1; dd += 2) {
				double ne = e + 100.0 * dd / (double)v[c];

				if (s[c] + dd >= lo[c] && s[c] + dd <= hi[c] &&
					fabs(ne) < be - 1e-12) {
					be = fabs(ne);
					best = c;
					dir = dd;
				}
			}
		if (best < 0)
			break;
		s[best] += dir;
		e += 100.0 * dir / (double)v[best];
	}
}

/* Decide which answers are satisfied, criterion by criterion. */
static void draw_satisfaction(struct demo *d, size_t ui, int year, int k, size_t n, bool exact)
{
	const struct dunit *u = &units[ui];
	const struct hl_instrument *in = d->ins[k];
	long v[HL_MAX_CRITERIA] = {0}, s[HL_MAX_CRITERIA] = {0};
	double t[HL_MAX_CRITERIA];

	for (int c = 0; c < in->ncriteria; c++)
		t[c] = crit_target(u, year, in->criteria[c].code);
	for (size_t i = 0; i < n; i++)
		for (int q = 0; q < in->nquestions; q++)
			v[in->questions[q].criterion] += d->buf[i].ans[q] != 0;
	if (exact)
		exact_counts(in->ncriteria, v, t, s);

	for (int c = 0; c < in->ncriteria; c++) {
		const char *cc = in->criteria[c].code;
		bool by_staff = strcmp(cc, "PV") == 0 || strcmp(cc, "KQ") == 0;
		long rem_s = s[c], rem_v = v[c];

		/* Visit the responses in a random order so that forced draws at the
		 * end of the urn do not pile up in December. */
		for (size_t i = 0; i < n; i++)
			d->perm[i] = (int)i;
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)rng_below(&d->r, (int)i);
			int x = d->perm[i - 1];

			d->perm[i - 1] = d->perm[j];
			d->perm[j] = x;
		}
		for (size_t i = 0; i < n; i++) {
			struct gresp *g = &d->buf[d->perm[i]];
			double tilt = 0.06 * g->mood / 100.0;

			if (by_staff && g->staff > 0)
				tilt += d->staff[ui][g->staff - 1].bias;
			for (int q = 0; q < in->nquestions; q++) {
				double p;
				bool sat;

				if (in->questions[q].criterion != c || g->ans[q] == 0)
					continue;
				if (exact) {
					p = (double)rem_s / (double)rem_v + tilt;
					if (rem_s == 0)
						p = 0;
					else if (rem_s == rem_v)
						p = 1;
				} else {
					p = t[c] / 100 + tilt;
				}
				sat = rng_unit(&d->r) < p;
				if (exact) {
					rem_s -= sat;
					rem_v--;
				}
				g->ans[q] = sat ? 2 : 1;
			}
		}
	}
}

/* A level of scale sc: satisfied ones favour "Hài lòng" over "Rất hài
 * lòng"; dissatisfied ones are mostly "Bình thường". */
static int pick_level(struct rng *r, const struct hl_scale *sc, bool sat)
{
	static const int w_sat[] = {42, 58, 10, 5, 5, 5, 5, 5, 5, 5};
	static const int w_uns[] = {68, 24, 8, 4, 4, 4, 4, 4, 4, 4};
	int lv[HL_MAX_LEVELS], w[HL_MAX_LEVELS], n = 0;

	/* Candidates from the top of the scale down. */
	for (int l = sc->nlevels; l >= 1; l--)
		if (sc->levels[l - 1].satisfied == sat) {
			w[n] = sat ? w_sat[n] : w_uns[n];
			lv[n++] = l;
		}
	if (n == 0)
		return sat ? sc->nlevels : 1;
	return lv[rng_pick(r, w, n)];
}

static const char *pick_comment(struct demo *d, const struct dunit *u, const struct gresp *g,
	const struct hl_instrument *in)
{
	static const double rate[3] = {0.04, 0.14, 0.09};
	int unsat[HL_MAX_CRITERIA] = {0}, worst = -1;

	if (!rng_chance(&d->r, rate[g->channel]))
		return NULL;
	for (int q = 0; q < in->nquestions; q++) {
		int c = in->questions[q].criterion;

		if (g->ans[q] != 0 &&
			!in->scales[in->questions[q].scale].levels[g->ans[q] - 1].satisfied)
			if (++unsat[c] > (worst < 0 ? 0 : unsat[worst]))
				worst = c;
	}
	if (worst < 0) {
		if (!rng_chance(&d->r, 0.6)) /* the satisfied write less */
			return NULL;
		if (u->kind == K_STATION)
			return pos_health[rng_below(&d->r, COUNT(pos_health))];
		return pos_ward[rng_below(&d->r, COUNT(pos_ward))];
	}
	if (u->kind == K_STATION && rng_chance(&d->r, 0.5))
		return neg_health[rng_below(&d->r, COUNT(neg_health))];
	{
		struct pool p = neg_pool(in->criteria[worst].code);

		return p.s[rng_below(&d->r, p.n)];
	}
}

static void write_rows(struct demo *d, FILE *f, size_t ui, int year, int k, size_t n)
{
	static const char *const chan[3] = {"kiosk", "paper", "qr"};
	const struct dunit *u = &units[ui];
	const struct hl_instrument *in = d->ins[k];
	int nf;
	const struct dfield *fl = unit_fields(u, &nf);
	unsigned char cols[MAX_COLS];
	char day[16];

	/* In date order, as offices export them. */
	for (size_t i = 0; i < n; i++)
		d->perm[i] = (int)i;
	for (size_t i = 1; i < n; i++) {
		int x = d->perm[i];
		size_t j = i;

		while (j > 0 && d->buf[d->perm[j - 1]].day > d->buf[x].day) {
			d->perm[j] = d->perm[j - 1];
			j--;
		}
		d->perm[j] = x;
	}
	for (size_t i = 0; i < n; i++) {
		struct gresp *g = &d->buf[d->perm[i]];
		const char *comment;

		memset(cols, 0, sizeof(cols));
		for (int q = 0; q < in->nquestions; q++) {
			if (g->ans[q] == 0)
				continue;
			g->ans[q] = (unsigned char)pick_level(&d->r,
				&in->scales[in->questions[q].scale], g->ans[q] == 2);
			cols[d->colmap[k][q]] = g->ans[q];
		}
		comment = pick_comment(d, u, g, in);
		fprintf(f, "%s-%d-%05zu,%s,%s,%s,%s,%s,%s,", u->code, year, i + 1, u->code,
			d->ins_name[k], hl_day_iso(g->day, day, sizeof(day)), chan[g->channel],
			fl[g->field].code, g->staff > 0 ? d->staff[ui][g->staff - 1].code : "");
		if (comment != NULL)
			csvout_quoted(f, comment);
		for (int c = 0; c < d->ncol; c++) {
			fputc(',', f);
			if (cols[c] != 0)
				fputc('0' + cols[c], f);
		}
		fputc('\n', f);
	}
}

static int response_rows(struct demo *d, FILE *f, const void *arg)
{
	int rc;

	(void)arg;
	fputs("id,unit,instrument,date,channel,field,staff,comment", f);
	for (int c = 0; c < d->ncol; c++)
		fprintf(f, ",%s", d->col[c]);
	fputc('\n', f);
	for (size_t ui = 0; ui < NUNITS; ui++) {
		const struct dunit *u = &units[ui];
		hl_day ufirst, ulast;

		if (u->volume == 0)
			continue;
		unit_span(u, &ufirst, &ulast);
		for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
			hl_day ys, ye;
			int k = u->kh6 && year <= 2024 ? 1 : 0;
			size_t n = 0;

			hl_day_from_ymd(year, 1, 1, &ys);
			hl_day_from_ymd(year, 12, 31, &ye);
			if (ys < ufirst)
				ys = ufirst;
			if (ye > ulast)
				ye = ulast;
			if (ys > ye)
				continue;
			if ((rc = lay_out(d, ui, year, ys, ye, k, &n)) != HL_OK)
				return rc;
			draw_satisfaction(d, ui, year, k, n, u->exact && year <= 2024);
			write_rows(d, f, ui, year, k, n);
		}
	}
	d->sum->first_year = FIRST_YEAR;
	d->sum->last_year = LAST_YEAR;
	phase(d, "Đang nhập phiếu khảo sát…");
	return HL_OK;
}

/* The years before today came in as history: they open no follow-up case
 * (their deadlines would all have passed). */
static int write_responses(struct demo *d)
{
	int rc = load_instruments(d);

	d->history = true;
	if (rc == HL_OK)
		rc = import_rows(d, response_rows, NULL, "demo-responses.csv", import_responses,
			&d->sum->responses);
	d->history = false;
	if (rc == HL_OK)
		d->sum->skipped = d->rep->skipped;
	return rc;
}

/* The closed loop (issue 14 §1) today: three of this morning's kiosk
 * responses at Bắc Nha Trang, two of them unsatisfied, open two cases; the
 * one whose dossier is known is closed with its cause, fix and callback,
 * and its fix published. */
static int write_followups(struct demo *d)
{
	static const char *const qs = "TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,"
				      "KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4";
	char day[16], csv[1024];
	struct followup_query q = {.unit = "bac-nha-trang", .open_only = true};
	struct followup *x = NULL;
	size_t n = 0;
	long added = 0;
	int rc;

	q.at = hl_clock_minute();
	hl_day_iso((hl_day)(q.at / 1440), day, sizeof(day));
	snprintf(csv, sizeof(csv),
		"id,unit,instrument,date,channel,dossier,%s\n"
		"kp-1,bac-nha-trang,sipas-5,%s,kiosk,000.00.20.H42-%s-0001,"
		"4,4,4,4,2,2,2,1,2,2,1,2,2,1,2,1,2,1,4,4,4,4\n"
		"kp-2,bac-nha-trang,sipas-5,%s,kiosk,,2,2,1,2,2,1,2,2,2,4,4,4,4,4,4,2,2,2,4,4,4,4\n"
		"kp-3,bac-nha-trang,sipas-5,%s,kiosk,,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5\n",
		qs, day, day, day, day);
	/* not in sum->responses: that line counts the years' responses */
	rc = import_rows(d, text_rows, csv, "demo-followup.csv", import_responses, &added);
	if (rc == HL_OK)
		rc = followup_list(d->st, &q, d->a, &x, &n, d->err);
	d->sum->followups = (long)n;
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (x[i].f.dossier[0] != '\0') {
			rc = followup_close(d->st, d->o->who, x[i].f.code,
				"Công chức chưa giải thích rõ lý do phải bổ sung giấy tờ",
				"Nhắc nhở công chức; niêm yết danh mục giấy tờ tại quầy", FC_DONE,
				q.at, d->err);
			if (rc == HL_OK)
				rc = followup_publish(d->st, d->o->who, x[i].f.code, true, q.at,
					d->err);
			d->sum->followups_closed += rc == HL_OK;
		}
	/* where citizens reach the ward, for its public page and counter
	 * screen (made up: the demo's hotline and address are not real) */
	if (rc == HL_OK)
		rc = units_contact_put(d->st, "bac-nha-trang", "0258 3822 123",
			"Số 1 đường Yersin, phường Bắc Nha Trang, tỉnh Khánh Hòa",
			"ubnd.bacnhatrang@khanhhoa.gov.vn", d->o->who, d->err);
	return rc;
}

/* ---- dossiers (hồ sơ) ---- */

/* A minute in office hours (07:30–11:30, 13:30–17:00) of day. */
static int64_t office_minute(struct rng *r, hl_day day)
{
	int m = rng_chance(r, 0.6) ? 450 + rng_below(r, 240) : 810 + rng_below(r, 210);

	return (int64_t)day * 1440 + m;
}

static void write_dossier(struct demo *d, FILE *f, const struct dunit *u, const struct dfield *fl,
	hl_day day, int seq, int64_t cutoff)
{
	int np = 0, p, due_days, supp = 0, resch = 0;
	bool online, late, apology = false;
	int64_t recv, due, fin, ret;
	hl_day dd;
	double late_p;
	int y, m, dm;

	hl_day_to_ymd(day, &y, &m, &dm);
	while (np < 3 && fl->proc[np] != NULL)
		np++;
	p = rng_below(&d->r, np);
	due_days = fl->days[p];
	online = rng_chance(&d->r, y >= 2025 ? 0.55 : 0.40);
	if (online && rng_chance(&d->r, 0.3))
		recv = (int64_t)day * 1440 + 1080 +
			rng_below(&d->r, 300); /* filed in the evening */
	else
		recv = office_minute(&d->r, day);
	/* Same-day procedures are due at the end of the day, others at the
	 * office hour of the last allowed working day. */
	dd = workday_add(day, due_days);
	due = due_days == 0 ? (int64_t)day * 1440 + 1020 : (int64_t)dd * 1440 + 990;
	if (due < recv)
		due = (int64_t)workday_add(day, 1) * 1440 + 600;
	/* Late dossiers follow results (KQ): dearer in land matters. */
	late_p = 0.02 + (95 - u->v[3]) * 0.006;
	if (strcmp(fl->code, "dat-dai") == 0)
		late_p *= 2.2;
	if (late_p < 0.01)
		late_p = 0.01;
	late = rng_chance(&d->r, late_p);
	if (rng_chance(&d->r, strcmp(u->code, "vinh-hoa") == 0 ? 0.22 : 0.12))
		supp = rng_chance(&d->r, 0.2) ? 2 : 1;
	if (late) {
		fin = (int64_t)workday_add((hl_day)(due / 1440), 1 + rng_below(&d->r, 4)) * 1440 +
			480 + rng_below(&d->r, 500);
		resch = rng_chance(&d->r, 0.8) ? 1 : 0;
		apology = resch > 0 || rng_chance(&d->r, 0.3);
	} else {
		int64_t span = due - recv;

		fin = recv +
			(span > 60 ? 30 + (int64_t)(rng_unit(&d->r) * (double)(span - 30)) : span);
	}
	ret = online ? fin + rng_below(&d->r, 30) : fin + 60 + rng_below(&d->r, 3 * 1440);
	fprintf(f, "%s-%02d%02d%02d-%04d,%s,%s,", u->code, y % 100, m, dm, seq, u->code, fl->code);
	csvout_quoted(f, fl->proc[p]);
	fprintf(f, ",%s,", online ? "online" : "direct");
	put_minute(f, recv);
	fputc(',', f);
	put_minute(f, due);
	fputc(',', f);
	if (fin <= cutoff)
		put_minute(f, fin);
	fputc(',', f);
	if (fin <= cutoff && ret <= cutoff)
		put_minute(f, ret);
	fprintf(f, ",%d,%d,%s\n", supp, resch, apology ? "1" : "0");
}

static int dossier_rows(struct demo *d, FILE *f, const void *arg)
{
	hl_day end;
	int64_t cutoff;

	(void)arg;
	hl_day_from_ymd(LAST_YEAR, 12, 31, &end);
	cutoff = (int64_t)end * 1440 + 17 * 60;
	fputs("code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,"
	      "supplements,reschedules,apology\n",
		f);
	for (size_t ui = 0; ui < NUNITS; ui++) {
		const struct dunit *u = &units[ui];
		int nf, fw[16];
		const struct dfield *fl = unit_fields(u, &nf);
		hl_day first, last, start;

		if (u->dossiers == 0)
			continue;
		unit_span(u, &first, &last);
		for (int i = 0; i < nf; i++)
			fw[i] = fl[i].proc[0] != NULL ? fl[i].weight : 0;
		hl_day_from_ymd(DOSSIER_FIRST_YEAR, 1, 1, &start);
		if (start < first)
			start = first;
		if (last > end)
			last = end;
		for (hl_day day = start; day <= last; day++) {
			int y, m, dm, cnt;
			double per_day;

			if (!working_day(day))
				continue;
			hl_day_to_ymd(day, &y, &m, &dm);
			/* About 21,5 working days a month. */
			per_day = u->dossiers * season[m - 1] * (y >= 2025 ? 1.08 : 1.0) / 21.5;
			cnt = (int)(per_day * (0.8 + 0.4 * rng_unit(&d->r)) + rng_unit(&d->r));
			for (int j = 0; j < cnt; j++)
				write_dossier(d, f, u, &fl[rng_pick(&d->r, fw, nf)], day, j + 1,
					cutoff);
		}
	}
	return HL_OK;
}

/* ---- the whole ---- */

static int check_empty(struct demo *d)
{
	struct hl_arena *a = hl_arena_new((size_t)16 * 1024 * 1024);
	struct store_unit *list = NULL;
	size_t n = 0;
	int rc;

	if (a == NULL)
		return hl_err_set(d->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(d->st, units, unit_list, a, &list, &n, d->err);
	hl_arena_free(a);
	if (rc != HL_OK)
		return rc;
	if (n > 0 && !d->o->force)
		return hl_err_set(d->err, HL_EEXIST, HL_HERE,
			"cơ sở dữ liệu đã có %zu đơn vị; dữ liệu mẫu chỉ dành cho cơ sở dữ liệu trống",
			n);
	return HL_OK;
}

int demo_run(struct store *st, const struct demo_opts *o, struct demo_summary *sum,
	struct import_report *rep, struct hl_err *err)
{
	struct demo *d = NULL;
	struct import_report *own = NULL;
	int rc;

	memset(sum, 0, sizeof(*sum));
	d = hl_calloc(1, sizeof(*d));
	if (rep == NULL)
		rep = own = hl_calloc(1, sizeof(*own));
	if (d == NULL || rep == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo dữ liệu mẫu");
		goto cleanup;
	}
	d->st = st;
	d->o = o;
	d->sum = sum;
	d->rep = rep;
	d->err = err;
	d->r.s = SEED;
	d->a = hl_arena_new((size_t)4 * 1024 * 1024);
	if (d->a == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo dữ liệu mẫu");
		goto cleanup;
	}

	phase(d, "Đang khởi tạo cơ sở dữ liệu…");
	rc = builtin_init(st, o->who, &sum->schema, NULL, err);
	if (rc == HL_OK)
		rc = check_empty(d);
	if (rc != HL_OK)
		goto cleanup;
	phase(d, "Đang nhập đơn vị, lĩnh vực và sáp nhập 01/07/2025…");
	rc = import_rows(d, unit_rows, NULL, "demo-units.csv", import_units, &sum->units);
	if (rc == HL_OK)
		rc = import_rows(d, text_rows, extra_fields_csv, "demo-fields.csv", import_fields,
			&sum->fields);
	if (rc == HL_OK)
		rc = do_mergers(d);
	if (rc != HL_OK)
		goto cleanup;
	phase(d, "Đang nhập công chức và chỉ tiêu…");
	rc = import_rows(d, staff_rows, NULL, "demo-staff.csv", import_staff, &sum->staff);
	if (rc == HL_OK)
		rc = write_targets(d);
	if (rc != HL_OK)
		goto cleanup;
	phase(d, "Đang tạo phiếu khảo sát 2023–2025…");
	rc = write_responses(d);
	if (rc == HL_OK)
		rc = write_followups(d);
	if (rc != HL_OK)
		goto cleanup;
	phase(d, "Đang nhập hồ sơ 2024–2025…");
	rc = import_rows(d, dossier_rows, NULL, "demo-dossiers.csv", import_dossiers,
		&sum->dossiers);
cleanup:
	if (d != NULL) {
		hl_free(d->buf);
		hl_free(d->perm);
		hl_arena_free(d->a);
	}
	hl_free(d);
	hl_free(own);
	return rc;
}
