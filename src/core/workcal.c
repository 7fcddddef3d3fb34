/* workcal.c — the state's working calendar (workcal.h): a flag per day for
 * the built years (worked or not, and why), office hours with seasons, and
 * deadlines counted over them. Deadlines only read the day arrays, so a call
 * allocates nothing and costs a few steps per day it crosses. */
#include "core/workcal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/lunar.h"

#define YEAR_MIN 1901
#define YEAR_MAX 2199
#define YEARS_MAX 200
#define SPEC_MAX 512
#define DOUBLE_HOLIDAY 0x80 /* kind flag: a second holiday on the same day */
#define KIND_MASK 0x7F

#define SPEC_HELP \
	"dạng đúng: 07:30-11:30,13:30-17:00 hoặc " \
	"summer=04-01:07:30-11:30,13:30-17:30;winter=10-01:07:30-11:30,13:00-17:00"

struct wc_cal {
	int y0, y1;
	hl_day d0; /* 1 January y0 */
	int32_t ndays;
	uint8_t *work;  /* per day from d0 (these three after the struct): 1 = worked */
	uint8_t *kind;  /* enum wc_kind (0 = ordinary) | DOUBLE_HOLIDAY */
	uint16_t *name; /* index into names (0 = none) */
	char (*names)[WC_NAME_MAX];
	int nnames, capnames;
};

/* ---- office hours ---- */

static const struct wc_day_hours default_day = {2,
	{{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}}};

void wc_hours_default(struct wc_hours *out)
{
	memset(out, 0, sizeof(*out));
	out->from = HL_DAY_NONE;
	out->nseasons = 1;
	out->season[0].hours = default_day;
}

static int spec_error(struct hl_err *err, const char *spec, const char *why)
{
	return hl_err_set(err, HL_EINVAL, HL_HERE, "giờ làm việc '%.80s' không hợp lệ: %s; %s",
		spec, why, SPEC_HELP);
}

static bool two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

/* "HH:MM" at *p (00:00 to 24:00) into minutes; advances *p. */
static bool parse_time(const char **p, int *out)
{
	int h, m;

	if (!two_digits(*p, &h) || (*p)[2] != ':' || !two_digits(*p + 3, &m))
		return false;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return false;
	*out = h * 60 + m;
	*p += 5;
	return true;
}

bool wc_time_parse_vn(const char *s, int *minutes)
{
	int h = 0, m = 0, nh = 0, nm = 0;

	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9' && nh < 2; s++, nh++)
		h = h * 10 + (*s - '0');
	if (nh == 0)
		return false;
	if (*s == ':' || *s == 'h' || *s == 'H' || *s == '.') {
		bool hour_mark = *s == 'h' || *s == 'H';

		s++;
		for (; *s >= '0' && *s <= '9' && nm < 2; s++, nm++)
			m = m * 10 + (*s - '0');
		/* "7h" alone is 07:00; "7:" is not a time */
		if (nm == 1 || (nm == 0 && !hour_mark))
			return false;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || m > 59 || h > 24 || (h == 24 && m != 0))
		return false;
	*minutes = h * 60 + m;
	return true;
}

/* Spans "HH:MM-HH:MM,..." at *p, up to the end or a ';'. */
static int parse_spans(const char **p, struct wc_day_hours *out, const char *spec,
	struct hl_err *err)
{
	char why[128];

	out->nspans = 0;
	for (;;) {
		struct wc_span sp;
		const char *at = *p;
		bool ok = parse_time(p, &sp.open) && **p == '-';

		if (ok) {
			++*p;
			ok = parse_time(p, &sp.close);
		}
		if (!ok) {
			snprintf(why, sizeof(why),
				"khoảng giờ '%.20s' phải có dạng GG:PP-GG:PP "
				"(giờ từ 00:00 đến 24:00)",
				at);
			return spec_error(err, spec, why);
		}
		if (sp.open >= sp.close) {
			snprintf(why, sizeof(why), "khoảng giờ '%.11s' mở cửa không trước đóng cửa",
				at);
			return spec_error(err, spec, why);
		}
		if (out->nspans > 0 && sp.open < out->span[out->nspans - 1].close) {
			snprintf(why, sizeof(why),
				"khoảng giờ '%.11s' chồng lên hoặc đứng trước "
				"khoảng trước nó (viết theo thứ tự trong ngày)",
				at);
			return spec_error(err, spec, why);
		}
		if (out->nspans == WC_SPANS_MAX)
			return spec_error(err, spec,
				"quá " HL_STR(WC_SPANS_MAX) " khoảng giờ trong một ngày");
		out->span[out->nspans++] = sp;
		if (**p != ',')
			return HL_OK;
		++*p;
	}
}

/* One "name=MM-DD:spans" at *p. */
static int parse_season(const char **p, struct wc_season *out, const char *spec, struct hl_err *err)
{
	const char *s = *p;
	size_t n = 0;
	hl_day probe;
	char why[160];

	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		(s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '-')
		n++;
	if (n == 0 || n >= sizeof(out->name) || s[n] != '=') {
		snprintf(why, sizeof(why),
			"mùa '%.20s' phải bắt đầu bằng tên (chữ không dấu, "
			"tối đa %zu ký tự) rồi dấu '='",
			s, sizeof(out->name) - 1);
		return spec_error(err, spec, why);
	}
	memcpy(out->name, s, n);
	out->name[n] = '\0';
	s += n + 1;
	/* 2023 is not a leap year: a season cannot start on 29/02. */
	if (!two_digits(s, &out->month) || s[2] != '-' || !two_digits(s + 3, &out->day) ||
		s[5] != ':' || !hl_day_from_ymd(2023, out->month, out->day, &probe)) {
		snprintf(why, sizeof(why),
			"mùa '%s' cần ngày bắt đầu dạng TT-NN có thật rồi "
			"dấu ':' (ví dụ %s=04-01:07:30-11:30)",
			out->name, out->name);
		return spec_error(err, spec, why);
	}
	*p = s + 6;
	return parse_spans(p, &out->hours, spec, err);
}

int wc_hours_parse(const char *spec, struct wc_hours *out, struct hl_err *err)
{
	const char *p = spec;
	int rc;

	memset(out, 0, sizeof(*out));
	out->from = HL_DAY_NONE;
	if (spec == NULL || spec[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thiếu giờ làm việc; %s", SPEC_HELP);
	if (strnlen(spec, SPEC_MAX + 1) > SPEC_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giờ làm việc dài quá %d ký tự",
			SPEC_MAX);
	if (strchr(spec, '=') == NULL) {
		out->nseasons = 1;
		rc = parse_spans(&p, &out->season[0].hours, spec, err);
	} else {
		for (rc = HL_OK; rc == HL_OK;) {
			if (out->nseasons == WC_SEASONS_MAX)
				return spec_error(err, spec, "quá " HL_STR(WC_SEASONS_MAX) " mùa");
			rc = parse_season(&p, &out->season[out->nseasons], spec, err);
			if (rc != HL_OK)
				break;
			for (int i = 0; i < out->nseasons; i++) {
				const struct wc_season *a = &out->season[i],
						       *b = &out->season[out->nseasons];

				if (strcmp(a->name, b->name) == 0 ||
					(a->month == b->month && a->day == b->day))
					return spec_error(err, spec,
						"hai mùa trùng tên hoặc trùng ngày bắt đầu");
			}
			out->nseasons++;
			if (*p != ';')
				break;
			p++;
		}
	}
	if (rc == HL_OK && *p != '\0') {
		char why[64];

		snprintf(why, sizeof(why), "thừa '%.20s' ở cuối", p);
		rc = spec_error(err, spec, why);
	}
	if (rc != HL_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* Append "HH:MM-HH:MM,..." of h at buf + *len. */
/* The spans as SPEC writes them ("07:30-11:30,13:30-17:00"), or for people
 * ("07:30–11:30, 13:30–17:00"). */
static void format_spans(const struct wc_day_hours *h, bool people, char *buf, size_t size,
	size_t *len)
{
	for (int i = 0; i < h->nspans && *len < size; i++)
		*len += (size_t)snprintf(buf + *len, size - *len, "%s%02d:%02d%s%02d:%02d",
			i == 0         ? "" :
				people ? ", " :
					 ",",
			h->span[i].open / 60, h->span[i].open % 60, people ? "–" : "-",
			h->span[i].close / 60, h->span[i].close % 60);
}

char *wc_hours_format(const struct wc_hours *h, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (h->nseasons == 1 && h->season[0].name[0] == '\0') {
		format_spans(&h->season[0].hours, false, buf, size, &len);
		return buf;
	}
	for (int i = 0; i < h->nseasons && len < size; i++) {
		const struct wc_season *s = &h->season[i];

		len += (size_t)snprintf(buf + len, size - len, "%s%s=%02d-%02d:", i > 0 ? ";" : "",
			s->name, s->month, s->day);
		format_spans(&s->hours, false, buf, size, &len);
	}
	return buf;
}

static const struct {
	const char *code, *label;
} kinds[] = {
	[WC_HOLIDAY] = {"holiday", "ngày lễ"},
	[WC_COMPENSATORY] = {"compensatory", "nghỉ bù"},
	[WC_DAY_OFF] = {"day-off", "nghỉ theo quyết định"},
	[WC_WORKING_DAY] = {"working-day", "làm bù"},
	[WC_DISABLED] = {"disabled", "chưa áp dụng"},
};

static bool known_kind(enum wc_kind k)
{
	return (int)k > 0 && (size_t)k < sizeof(kinds) / sizeof(kinds[0]);
}

const char *wc_kind_code(enum wc_kind k)
{
	return known_kind(k) ? kinds[k].code : "";
}

const char *wc_kind_label(enum wc_kind k)
{
	return known_kind(k) ? kinds[k].label : "";
}

char *wc_hours_describe(const struct wc_hours *h, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (int i = 0; i < h->nseasons && len < size; i++) {
		const struct wc_season *s = &h->season[i];
		const char *name = strcmp(s->name, "summer") == 0 ? "mùa hè" :
			strcmp(s->name, "winter") == 0            ? "mùa đông" :
								    s->name;

		if (h->nseasons > 1 || s->name[0] != '\0')
			len += (size_t)snprintf(buf + len, size - len,
				"%s%s (từ %02d/%02d): ", i > 0 ? "; " : "", name, s->day, s->month);
		if (len < size)
			format_spans(&s->hours, true, buf, size, &len);
	}
	return buf;
}

/* ---- building the days ---- */

static bool in_cal(const struct wc_cal *c, hl_day d)
{
	return d >= c->d0 && d - c->d0 < c->ndays;
}

/* The index of name in c's table, added if new; 0 when the table is full. */
static int intern(struct wc_cal *c, const char *name, uint16_t *out)
{
	for (int i = 1; i < c->nnames; i++)
		if (strcmp(c->names[i], name) == 0) {
			*out = (uint16_t)i;
			return HL_OK;
		}
	if (c->nnames == c->capnames) {
		int ncap = c->capnames * 2;
		void *p;

		if (ncap > UINT16_MAX)
			return HL_ELIMIT;
		p = hl_realloc(c->names, (size_t)ncap * sizeof(*c->names));
		if (p == NULL)
			return HL_ENOMEM;
		c->names = p;
		c->capnames = ncap;
	}
	snprintf(c->names[c->nnames], WC_NAME_MAX, "%s", name);
	*out = (uint16_t)c->nnames++;
	return HL_OK;
}

/* Mark d a holiday named name; a day already a holiday keeps its name and is
 * flagged, so the second holiday gets its own nghỉ bù. override: a decision's
 * holiday, which renames the day instead. */
static int mark_holiday(struct wc_cal *c, hl_day d, const char *name, bool override)
{
	int32_t i = d - c->d0;
	uint16_t idx;
	int rc;

	if (!in_cal(c, d))
		return HL_OK;
	if ((c->kind[i] & KIND_MASK) == WC_HOLIDAY && !override) {
		c->kind[i] |= DOUBLE_HOLIDAY;
		return HL_OK;
	}
	if ((rc = intern(c, name, &idx)) != HL_OK)
		return rc;
	c->kind[i] = (uint8_t)(WC_HOLIDAY | (c->kind[i] & DOUBLE_HOLIDAY));
	c->name[i] = idx;
	c->work[i] = 0;
	return HL_OK;
}

static int mark_holiday_ymd(struct wc_cal *c, int y, int m, int d, const char *name)
{
	hl_day day;

	hl_day_from_ymd(y, m, d, &day);
	return mark_holiday(c, day, name, false);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct wc_entry *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/* First decision with day >= d in the sorted dec[0..n). */
static size_t lower_bound(const struct wc_entry *dec, size_t n, hl_day d)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dec[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does a decision put a holiday or a day off in [first, last]? */
static bool decided_in(const struct wc_entry *dec, size_t n, hl_day first, hl_day last)
{
	for (size_t i = lower_bound(dec, n, first); i < n && dec[i].day <= last; i++)
		if (dec[i].kind == WC_HOLIDAY || dec[i].kind == WC_DAY_OFF)
			return true;
	return false;
}

/* Tết Nguyên đán of year y: the last day of the lunar year and mùng 1–4,
 * unless the year's decision sets its own days between 23 tháng Chạp and
 * mùng 10 tháng Giêng. */
static int mark_tet(struct wc_cal *c, int y, const struct wc_entry *dec, size_t n)
{
	struct hl_lunar last;
	hl_day tet;
	int rc = HL_OK;

	if (!hl_lunar_new_year(y, &tet) || !hl_lunar_from_day(tet - 1, &last))
		return HL_OK;
	if (decided_in(dec, n, tet - 1 - (last.day - 23), tet + 9))
		return HL_OK;
	for (hl_day d = tet - 1; rc == HL_OK && d <= tet + 3; d++)
		rc = mark_holiday(c, d, "Tết Nguyên đán", false);
	return rc;
}

/* The Labour Code's holidays of year y (Điều 112), and 24/11. */
static int mark_year(struct wc_cal *c, const struct wc_config *cfg, int y,
	const struct wc_entry *dec, size_t n)
{
	const struct hl_lunar gio_to = {10, 3, y, false};
	hl_day d, culture;
	int rc;

	rc = mark_holiday_ymd(c, y, 1, 1, "Tết Dương lịch");
	if (rc == HL_OK)
		rc = mark_tet(c, y, dec, n);
	if (rc == HL_OK && hl_lunar_to_day(&gio_to, &d))
		rc = mark_holiday(c, d, "Giỗ Tổ Hùng Vương", false);
	if (rc == HL_OK)
		rc = mark_holiday_ymd(c, y, 4, 30, "Ngày Giải phóng miền Nam, thống nhất đất nước");
	if (rc == HL_OK)
		rc = mark_holiday_ymd(c, y, 5, 1, "Ngày Quốc tế Lao động");
	/* Quốc khánh: 2/9 and, by default, the day before it. */
	if (rc == HL_OK)
		rc = mark_holiday_ymd(c, y, 9, 1, "Quốc khánh");
	if (rc == HL_OK)
		rc = mark_holiday_ymd(c, y, 9, 2, "Quốc khánh");
	if (rc != HL_OK)
		return rc;
	if (cfg->culture_day_from != 0 && y >= cfg->culture_day_from)
		return mark_holiday_ymd(c, y, 11, 24, "Ngày Văn hóa Việt Nam");
	hl_day_from_ymd(y, 11, 24, &culture);
	if (in_cal(c, culture) && c->kind[culture - c->d0] == 0) {
		uint16_t idx;

		if ((rc = intern(c, "Ngày Văn hóa Việt Nam", &idx)) != HL_OK)
			return rc;
		c->kind[culture - c->d0] = WC_DISABLED;
		c->name[culture - c->d0] = idx;
	}
	return HL_OK;
}

/* Nghỉ bù (Điều 111 khoản 3): each holiday on a Saturday or Sunday, or on a
 * day already a holiday, gives the next weekday that is not a holiday or
 * another nghỉ bù. Holidays are taken in date order. */
static int mark_compensatory(struct wc_cal *c)
{
	char name[WC_NAME_MAX];

	for (int32_t i = 0; i < c->ndays; i++) {
		int extra;

		if ((c->kind[i] & KIND_MASK) != WC_HOLIDAY)
			continue;
		extra = (hl_day_weekday(c->d0 + i) >= 5) + ((c->kind[i] & DOUBLE_HOLIDAY) != 0);
		for (int32_t j = i + 1; extra > 0 && j < c->ndays; j++) {
			uint16_t idx;
			int k = c->kind[j] & KIND_MASK, rc;

			if (hl_day_weekday(c->d0 + j) >= 5 || k == WC_HOLIDAY ||
				k == WC_COMPENSATORY)
				continue;
			snprintf(name, sizeof(name), "Nghỉ bù %s", c->names[c->name[i]]);
			if ((rc = intern(c, name, &idx)) != HL_OK)
				return rc;
			c->kind[j] = WC_COMPENSATORY;
			c->name[j] = idx;
			c->work[j] = 0;
			extra--;
		}
	}
	return HL_OK;
}

/* Swapped days: a weekday off, a weekend day worked. */
static int mark_swaps(struct wc_cal *c, const struct wc_entry *dec, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int32_t j = dec[i].day - c->d0;
		uint16_t idx;
		int rc;

		if (!in_cal(c, dec[i].day) || dec[i].kind == WC_HOLIDAY)
			continue;
		if (dec[i].kind == WC_DAY_OFF && (c->kind[j] & KIND_MASK) == WC_HOLIDAY)
			continue;
		if ((rc = intern(c, dec[i].name, &idx)) != HL_OK)
			return rc;
		c->kind[j] = (uint8_t)dec[i].kind;
		c->name[j] = idx;
		c->work[j] = dec[i].kind == WC_WORKING_DAY;
	}
	return HL_OK;
}

/* Sort the decisions into *out (hl_malloc'd) and check each. */
static int check_decisions(const struct wc_config *cfg, struct wc_entry **out, struct hl_err *err)
{
	struct wc_entry *dec = NULL;
	char day[16];

	*out = NULL;
	if (cfg->ndecisions == 0)
		return HL_OK;
	if (cfg->decisions == NULL || cfg->ndecisions > (size_t)YEARS_MAX * 366)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "danh sách quyết định không hợp lệ");
	dec = hl_malloc(cfg->ndecisions * sizeof(*dec));
	if (dec == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi dựng lịch làm việc");
	memcpy(dec, cfg->decisions, cfg->ndecisions * sizeof(*dec));
	qsort(dec, cfg->ndecisions, sizeof(*dec), cmp_entry);
	for (size_t i = 0; i < cfg->ndecisions; i++) {
		const struct wc_entry *e = &dec[i];
		bool weekend = hl_day_weekday(e->day) >= 5;
		const char *why = NULL;

		dec[i].name[WC_NAME_MAX - 1] = '\0';
		if (e->kind != WC_HOLIDAY && e->kind != WC_DAY_OFF && e->kind != WC_WORKING_DAY)
			why = "loại không phải ngày lễ, ngày nghỉ hay ngày làm bù";
		else if (e->kind == WC_DAY_OFF && weekend)
			why = "ngày nghỉ theo quyết định rơi vào thứ Bảy hoặc Chủ nhật";
		else if (e->kind == WC_WORKING_DAY && !weekend)
			why = "ngày làm bù không phải thứ Bảy hoặc Chủ nhật";
		else if (i > 0 && dec[i - 1].day == e->day &&
			(dec[i - 1].kind == WC_WORKING_DAY) != (e->kind == WC_WORKING_DAY))
			why = "vừa là ngày nghỉ vừa là ngày làm việc";
		if (why != NULL) {
			int rc = hl_err_set(err, HL_EINVAL, HL_HERE, "quyết định ngày %s: %s",
				hl_day_iso(e->day, day, sizeof(day)), why);

			hl_free(dec);
			return rc;
		}
	}
	*out = dec;
	return HL_OK;
}

int wc_build(const struct wc_config *cfg, int y0, int y1, struct wc_cal **out, struct hl_err *err)
{
	struct wc_cal *c = NULL;
	struct wc_entry *dec = NULL;
	hl_day d0, end;
	size_t n;
	int rc = HL_OK;

	*out = NULL;
	if (y0 < YEAR_MIN || y1 > YEAR_MAX || y0 > y1 || y1 - y0 + 1 > YEARS_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"khoảng năm %d–%d không hợp lệ: cần từ "
			"%d đến %d, tối đa %d năm",
			y0, y1, YEAR_MIN, YEAR_MAX, YEARS_MAX);
	if ((rc = check_decisions(cfg, &dec, err)) != HL_OK)
		return rc;
	hl_day_from_ymd(y0, 1, 1, &d0);
	hl_day_from_ymd(y1 + 1, 1, 1, &end);
	n = (size_t)(end - d0);
	/* The per-day arrays follow the struct in one block: name first, for
	 * its alignment. */
	c = hl_calloc(1, sizeof(*c) + n * (sizeof(*c->name) + 2));
	if (c == NULL)
		goto nomem;
	c->y0 = y0;
	c->y1 = y1;
	c->d0 = d0;
	c->ndays = (int32_t)n;
	c->name = (uint16_t *)(c + 1);
	c->work = (uint8_t *)(c->name + n);
	c->kind = c->work + n;
	c->capnames = 64;
	c->names = hl_calloc((size_t)c->capnames, sizeof(*c->names));
	if (c->names == NULL)
		goto nomem;
	c->nnames = 1;
	for (int32_t i = 0; i < c->ndays; i++)
		c->work[i] = hl_day_weekday(c->d0 + i) < 5;
	for (int y = y0; rc == HL_OK && y <= y1; y++)
		rc = mark_year(c, cfg, y, dec, cfg->ndecisions);
	for (size_t i = 0; rc == HL_OK && i < cfg->ndecisions; i++)
		if (dec[i].kind == WC_HOLIDAY)
			rc = mark_holiday(c, dec[i].day, dec[i].name, true);
	if (rc == HL_OK)
		rc = mark_compensatory(c);
	if (rc == HL_OK)
		rc = mark_swaps(c, dec, cfg->ndecisions);
	if (rc == HL_ENOMEM)
		goto nomem;
	if (rc != HL_OK) {
		rc = hl_err_set(err, rc, HL_HERE,
			"quá nhiều tên ngày lễ khác nhau trong quyết định");
		goto cleanup;
	}
	*out = c;
	c = NULL;
	goto cleanup;
nomem:
	rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi dựng lịch làm việc");
cleanup:
	wc_free(c);
	hl_free(dec);
	return rc;
}

void wc_free(struct wc_cal *c)
{
	if (c != NULL)
		hl_free(c->names);
	hl_free(c);
}

void wc_range(const struct wc_cal *c, int *y0, int *y1)
{
	*y0 = c->y0;
	*y1 = c->y1;
}

bool wc_is_working_day(const struct wc_cal *c, hl_day day)
{
	return in_cal(c, day) && c->work[day - c->d0];
}

int wc_year_entries(const struct wc_cal *c, int y, struct wc_entry **out, size_t *n,
	struct hl_err *err)
{
	hl_day first, end;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (y < c->y0 || y > c->y1)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "năm %d ngoài lịch đã dựng (%d–%d)", y,
			c->y0, c->y1);
	hl_day_from_ymd(y, 1, 1, &first);
	hl_day_from_ymd(y + 1, 1, 1, &end);
	for (hl_day d = first; d < end; d++)
		k += c->kind[d - c->d0] != 0;
	if (k == 0)
		return HL_OK;
	*out = hl_malloc(k * sizeof(**out));
	if (*out == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi liệt kê ngày nghỉ");
	for (hl_day d = first; d < end; d++) {
		int32_t i = d - c->d0;
		struct wc_entry *e;

		if (c->kind[i] == 0)
			continue;
		e = &(*out)[(*n)++];
		e->day = d;
		e->kind = (enum wc_kind)(c->kind[i] & KIND_MASK);
		snprintf(e->name, sizeof(e->name), "%s", c->names[c->name[i]]);
	}
	return HL_OK;
}

bool wc_next_working_day(const struct wc_cal *c, hl_day day, int n, hl_day *out)
{
	int step = n > 0 ? 1 : -1;

	if (n == 0 || !in_cal(c, day))
		return false;
	while (n != 0) {
		day += step;
		if (!in_cal(c, day))
			return false;
		if (c->work[day - c->d0])
			n -= step;
	}
	*out = day;
	return true;
}

/* ---- deadlines ---- */

const struct wc_day_hours *wc_hours_on(const struct wc_sched *s, hl_day day)
{
	const struct wc_hours *h = NULL;
	int y, m, d, md, best = -1, best_md = -1, last = 0, last_md = -1;

	for (size_t i = 0; i < s->nhours && s->hours[i].from <= day; i++)
		h = &s->hours[i];
	if (h == NULL)
		return &default_day;
	if (h->nseasons <= 1)
		return &h->season[0].hours;
	hl_day_to_ymd(day, &y, &m, &d);
	md = m * 100 + d;
	for (int i = 0; i < h->nseasons; i++) {
		int smd = h->season[i].month * 100 + h->season[i].day;

		if (smd <= md && smd > best_md) {
			best = i;
			best_md = smd;
		}
		if (smd > last_md) {
			last = i;
			last_md = smd;
		}
	}
	/* Before the first season starts, the last one of the year runs on. */
	return &h->season[best >= 0 ? best : last].hours;
}

static int64_t day_of(int64_t t)
{
	return t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
}

static int past_range(const struct wc_cal *c, struct hl_err *err)
{
	return hl_err_set(err, HL_EINVAL, HL_HERE,
		"thời hạn vượt ra ngoài lịch làm việc đã dựng "
		"(năm %d–%d)",
		c->y0, c->y1);
}

/* The working hours of day (NULL on a day off), or an error past the
 * calendar: the step both minute walks take for each day. */
static int day_hours(const struct wc_sched *s, int64_t day, const struct wc_day_hours **h,
	struct hl_err *err)
{
	const struct wc_cal *c = s->cal;

	*h = NULL;
	if (day < c->d0 || day - c->d0 >= c->ndays)
		return past_range(c, err);
	if (c->work[day - c->d0])
		*h = wc_hours_on(s, (hl_day)day);
	return HL_OK;
}

int wc_add_minutes(const struct wc_sched *s, int64_t start, int64_t minutes, int64_t *out,
	struct hl_err *err)
{
	int64_t day = day_of(start), left = minutes;
	int t = (int)(start - day * 1440);

	if (minutes < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "số phút làm việc âm (%lld)",
			(long long)minutes);
	for (;; day++, t = 0) {
		const struct wc_day_hours *h;
		int rc = day_hours(s, day, &h, err);

		if (rc != HL_OK)
			return rc;
		for (int i = 0; h != NULL && i < h->nspans; i++) {
			const struct wc_span *sp = &h->span[i];

			if (t >= sp->close)
				continue;
			if (t < sp->open)
				t = sp->open;
			if (left <= sp->close - t) {
				*out = day * 1440 + t + left;
				return HL_OK;
			}
			left -= sp->close - t;
			t = sp->close;
		}
	}
}

int wc_add_days(const struct wc_sched *s, int64_t start, int days, int64_t *out, struct hl_err *err)
{
	const struct wc_cal *c = s->cal;
	const struct wc_day_hours *h;
	hl_day d = (hl_day)day_of(start);

	if (days < 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "số ngày làm việc âm (%d)", days);
	if (days == 0) {
		/* The same day, or the next working one. */
		while (in_cal(c, d) && !c->work[d - c->d0])
			d++;
		if (!in_cal(c, d))
			return past_range(c, err);
	} else if (!wc_next_working_day(c, d, days, &d)) {
		return past_range(c, err);
	}
	h = wc_hours_on(s, d);
	*out = (int64_t)d * 1440 + h->span[h->nspans - 1].close;
	return HL_OK;
}

int wc_between(const struct wc_sched *s, int64_t a, int64_t b, int64_t *minutes, struct hl_err *err)
{
	int64_t sum = 0;

	*minutes = 0;
	if (b <= a)
		return HL_OK;
	for (int64_t day = day_of(a), last = day_of(b - 1); day <= last; day++) {
		const struct wc_day_hours *h;
		int rc = day_hours(s, day, &h, err);

		if (rc != HL_OK)
			return rc;
		for (int i = 0; h != NULL && i < h->nspans; i++) {
			int64_t lo = day * 1440 + h->span[i].open,
				hi = day * 1440 + h->span[i].close;

			if (lo < a)
				lo = a;
			if (hi > b)
				hi = b;
			if (hi > lo)
				sum += hi - lo;
		}
	}
	*minutes = sum;
	return HL_OK;
}
