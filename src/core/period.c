/* period.c — parsing and naming reporting periods. */
#include "core/period.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"

static const char *const FORMS =
	"viết như 06/2025, Tháng 6/2025, Quý 3/2025, Quý III/2025, 6 tháng đầu năm 2025, "
	"6 tháng cuối năm 2025, Năm 2025, từ 15/01/2025 đến 31/03/2025, hoặc theo mã 2025-06, "
	"2025-Q3, 2025-H1, 2025, 2025-01-15..2025-03-31";

#define PERIOD_MAX 64 /* bytes of a period as typed */

static bool parse_year(const char *s, size_t n, int *y)
{
	int v = 0;

	if (n != 4)
		return false;
	for (size_t i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (v < 1900 || v > 2999)
		return false;
	*y = v;
	return true;
}

static void set_months(struct hl_period *p, int y, int m1, int m2)
{
	hl_day_from_ymd(y, m1, 1, &p->first);
	hl_day_from_ymd(y, m2, hl_month_days(y, m2), &p->last);
	p->year = y;
}

static int set_kind(struct hl_period *p, enum hl_period_kind kind, int num, int y)
{
	p->kind = kind;
	p->num = num;
	switch (kind) {
	case HL_P_HALF: set_months(p, y, num == 1 ? 1 : 7, num == 1 ? 6 : 12); break;
	case HL_P_QUARTER: set_months(p, y, num * 3 - 2, num * 3); break;
	case HL_P_MONTH: set_months(p, y, num, num); break;
	default: set_months(p, y, 1, 12); break;
	}
	return HL_OK;
}

/* A range of two days; HL_EINVAL (with s in the message) when it runs backwards. */
static int set_range(struct hl_period *p, hl_day first, hl_day last, const char *s,
	struct hl_err *err)
{
	int m, d;

	if (last < first)
		return hl_err_set(err, HL_EINVAL, "period", "kỳ '%s': ngày cuối trước ngày đầu", s);
	p->kind = HL_P_RANGE;
	p->first = first;
	p->last = last;
	hl_day_to_ymd(first, &p->year, &m, &d);
	return HL_OK;
}

/* The canonical codes: 2024, 2024-H1, 2024-Q3, 2024-06, 2024-01-15..2024-03-31
 * (f folded: lower case). 1 = parsed (*rc its status), 0 = not this form. */
static int parse_code(const char *f, const char *s, struct hl_period *out, int *rc,
	struct hl_err *err)
{
	size_t n = strlen(f);
	const char *dots = strstr(f, "..");
	int y;

	if (dots != NULL) {
		char a[16], b[16];

		if (dots - f != 10 || strlen(dots + 2) != 10)
			return 0;
		memcpy(a, f, 10);
		a[10] = '\0';
		memcpy(b, dots + 2, 11);
		if (!hl_day_parse(a, &out->first) || !hl_day_parse(b, &out->last))
			return 0;
		*rc = set_range(out, out->first, out->last, s, err);
		return 1;
	}
	if ((n != 4 && n != 7) || !parse_year(f, 4, &y))
		return 0;
	*rc = HL_OK;
	if (n == 4)
		return set_kind(out, HL_P_YEAR, 0, y), 1;
	if (f[4] != '-')
		return 0;
	if (f[5] == 'h' && (f[6] == '1' || f[6] == '2'))
		return set_kind(out, HL_P_HALF, f[6] - '0', y), 1;
	if (f[5] == 'q' && f[6] >= '1' && f[6] <= '4')
		return set_kind(out, HL_P_QUARTER, f[6] - '0', y), 1;
	if (f[5] >= '0' && f[5] <= '1' && f[6] >= '0' && f[6] <= '9') {
		int m = (f[5] - '0') * 10 + (f[6] - '0');

		if (m >= 1 && m <= 12)
			return set_kind(out, HL_P_MONTH, m, y), 1;
	}
	return 0;
}

/* ---- the ways a clerk writes a period, on the folded text ---- */

/* The word w at *p, not followed by another letter; advances past it. */
static bool word(const char **p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(*p, w, n) != 0 || ((*p)[n] >= 'a' && (*p)[n] <= 'z'))
		return false;
	*p += n;
	return true;
}

/* One space, if there. */
static void space(const char **p)
{
	if (**p == ' ')
		(*p)++;
}

/* 1..max digits into *v. */
static bool num(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9')
		*v = *v * 10 + ((*p)[n++] - '0');
	if (n == 0 || ((*p)[n] >= '0' && (*p)[n] <= '9'))
		return false;
	*p += n;
	return true;
}

/* A quarter: 1-4 or I-IV. */
static bool quarter(const char **p, int *q)
{
	static const char *const roman[] = {"iv", "iii", "ii", "i"};
	static const int value[] = {4, 3, 2, 1};

	if (num(p, 1, q))
		return *q >= 1 && *q <= 4;
	for (int i = 0; i < 4; i++)
		if (word(p, roman[i])) {
			*q = value[i];
			return true;
		}
	return false;
}

/* What joins a month or quarter to its year: "/", "-" or " năm ". */
static bool year_sep(const char **p)
{
	if (**p == '/' || **p == '-') {
		(*p)++;
		return true;
	}
	space(p);
	if (!word(p, "nam"))
		return false;
	space(p);
	return true;
}

/* The year that ends the text. */
static bool year_end(const char *p, int *y)
{
	return strlen(p) == 4 && parse_year(p, 4, y);
}

/* A day as hl_day_parse_vn reads it, up to the word or text end at *p. */
static bool day_at(const char **p, const char *stop, hl_day *out)
{
	const char *e = stop != NULL ? strstr(*p, stop) : *p + strlen(*p);
	char buf[16];

	if (e == NULL || e - *p <= 0 || (size_t)(e - *p) >= sizeof(buf))
		return false;
	memcpy(buf, *p, (size_t)(e - *p));
	buf[e - *p] = '\0';
	if (!hl_day_parse_vn(buf, out))
		return false;
	*p = e;
	return true;
}

/* "từ [ngày] D đến [ngày] D", "D..D", "D - D". 1 = parsed (*rc). */
static int parse_range(const char *f, const char *s, struct hl_period *out, int *rc,
	struct hl_err *err)
{
	const char *p = f;
	hl_day a, b;

	if (word(&p, "tu")) {
		space(&p);
		if (word(&p, "ngay"))
			space(&p);
		if (!day_at(&p, " den ", &a))
			return 0;
		p += 5;
		if (word(&p, "ngay"))
			space(&p);
	} else if (!day_at(&p, "..", &a) && !day_at(&p, " - ", &a)) {
		return 0;
	} else {
		p += *p == '.' ? 2 : 3;
	}
	if (!day_at(&p, NULL, &b))
		return 0;
	*rc = set_range(out, a, b, s, err);
	return 1;
}

/* Tháng 6/2025, 06/2025, 6-2025, Quý 3/2025, Quý III năm 2025, Q3/2025,
 * 6 tháng đầu năm 2025, 6 tháng cuối năm 2025, Năm 2025. */
static bool parse_words(const char *f, struct hl_period *out)
{
	const char *p = f;
	int v, y;

	if (word(&p, "nam")) {
		space(&p);
		return year_end(p, &y) && set_kind(out, HL_P_YEAR, 0, y) == HL_OK;
	}
	if (*p == 'q') { /* quý, or Q3 as in 2025-Q3 */
		if (!word(&p, "quy"))
			p++;
		space(&p);
		return quarter(&p, &v) && year_sep(&p) && year_end(p, &y) &&
			set_kind(out, HL_P_QUARTER, v, y) == HL_OK;
	}
	if (strncmp(p, "6 thang ", 8) == 0 || strncmp(p, "sau thang ", 10) == 0) {
		bool first;

		p = strstr(p, "thang ") + 6;
		if (word(&p, "dau"))
			first = true;
		else if (word(&p, "cuoi"))
			first = false;
		else
			return false;
		space(&p);
		if (word(&p, "nam"))
			space(&p);
		return year_end(p, &y) && set_kind(out, HL_P_HALF, first ? 1 : 2, y) == HL_OK;
	}
	if (word(&p, "thang") || word(&p, "t"))
		space(&p);
	return num(&p, 2, &v) && v >= 1 && v <= 12 && year_sep(&p) && year_end(p, &y) &&
		set_kind(out, HL_P_MONTH, v, y) == HL_OK;
}

/* s folded (lower case, no diacritics), single spaces, none at the ends nor
 * around '/', into out; false when it does not fit or is not UTF-8. */
static bool fold(const char *s, char *out, size_t size)
{
	char f[PERIOD_MAX * 3 + 1];
	size_t o = 0;

	if (!hl_text_fold(s, f, sizeof(f)))
		return false;
	for (const char *p = f; *p != '\0'; p++) {
		bool blank = *p == ' ' || *p == '\t';

		if (blank && (o == 0 || out[o - 1] == ' ' || out[o - 1] == '/'))
			continue;
		if (*p == '/' && o > 0 && out[o - 1] == ' ')
			o--;
		if (o + 1 >= size)
			return false;
		out[o++] = blank ? ' ' : *p;
	}
	if (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return true;
}

int hl_period_parse(const char *s, struct hl_period *out, struct hl_err *err)
{
	char f[PERIOD_MAX + 1];
	int rc = HL_OK;

	memset(out, 0, sizeof(*out));
	if (s == NULL || strlen(s) == 0 || strlen(s) > PERIOD_MAX || !fold(s, f, sizeof(f)))
		goto bad;
	if (parse_code(f, s, out, &rc, err) || parse_range(f, s, out, &rc, err))
		return rc;
	if (parse_words(f, out))
		return HL_OK;
bad:
	memset(out, 0, sizeof(*out));
	/* the input in the message only when it can be shown */
	if (s != NULL && strlen(s) <= PERIOD_MAX && hl_utf8_valid(s, strlen(s), NULL))
		return hl_err_set(err, HL_EINVAL, "period", "kỳ báo cáo '%s' không hợp lệ: %s", s,
			FORMS);
	return hl_err_set(err, HL_EINVAL, "period", "kỳ báo cáo không hợp lệ: %s", FORMS);
}

void hl_period_prev_year(const struct hl_period *p, struct hl_period *out)
{
	*out = *p;
	out->year = p->year - 1;
	if (p->kind == HL_P_RANGE) {
		out->first = hl_day_minus_year(p->first);
		out->last = hl_day_minus_year(p->last);
		return;
	}
	/* Whole months: recompute the end so that February keeps its last day. */
	int y, m1, m2, d;

	hl_day_to_ymd(p->first, &y, &m1, &d);
	hl_day_to_ymd(p->last, &y, &m2, &d);
	set_months(out, p->year - 1, m1, m2);
}

char *hl_period_code(const struct hl_period *p, char *buf, size_t size)
{
	char a[16], b[16];

	switch (p->kind) {
	case HL_P_YEAR: snprintf(buf, size, "%04d", p->year); break;
	case HL_P_HALF: snprintf(buf, size, "%04d-H%d", p->year, p->num); break;
	case HL_P_QUARTER: snprintf(buf, size, "%04d-Q%d", p->year, p->num); break;
	case HL_P_MONTH: snprintf(buf, size, "%04d-%02d", p->year, p->num); break;
	case HL_P_RANGE:
		snprintf(buf, size, "%s..%s", hl_day_iso(p->first, a, sizeof(a)),
			hl_day_iso(p->last, b, sizeof(b)));
		break;
	}
	return buf;
}

char *hl_period_label(const struct hl_period *p, char *buf, size_t size)
{
	static const char *const roman[] = {"", "I", "II", "III", "IV"};
	char a[16], b[16];

	switch (p->kind) {
	case HL_P_YEAR: snprintf(buf, size, "Năm %d", p->year); break;
	case HL_P_HALF:
		snprintf(buf, size, "6 tháng %s năm %d", p->num == 1 ? "đầu" : "cuối", p->year);
		break;
	case HL_P_QUARTER: snprintf(buf, size, "Quý %s/%d", roman[p->num], p->year); break;
	case HL_P_MONTH: snprintf(buf, size, "Tháng %02d/%d", p->num, p->year); break;
	case HL_P_RANGE:
		snprintf(buf, size, "Từ %s đến %s", hl_day_vn(p->first, a, sizeof(a)),
			hl_day_vn(p->last, b, sizeof(b)));
		break;
	}
	return buf;
}

bool hl_period_whole_months(const struct hl_period *p)
{
	int y, m, d;

	if (p->kind != HL_P_RANGE)
		return true;
	hl_day_to_ymd(p->first, &y, &m, &d);
	if (d != 1)
		return false;
	hl_day_to_ymd(p->last, &y, &m, &d);
	return d == hl_month_days(y, m);
}
