/* period.c — parsing and naming reporting periods. */
#include "core/period.h"

#include <stdio.h>
#include <string.h>

static const char *const FORMS =
	"dùng một trong các dạng 2024, 2024-H1, 2024-Q3, 2024-06 hoặc 2024-01-15..2024-03-31";

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

int hl_period_parse(const char *s, struct hl_period *out, struct hl_err *err)
{
	const char *dots;
	size_t n;
	int y;

	memset(out, 0, sizeof(*out));
	if (s == NULL || (n = strlen(s)) == 0 || n > 32)
		goto bad;
	dots = strstr(s, "..");
	if (dots != NULL) {
		char a[16], b[16];

		if (dots - s != 10 || strlen(dots + 2) != 10)
			goto bad;
		memcpy(a, s, 10);
		a[10] = '\0';
		memcpy(b, dots + 2, 11);
		if (!hl_day_parse(a, &out->first) || !hl_day_parse(b, &out->last))
			goto bad;
		if (out->last < out->first)
			return hl_err_set(err, HL_EINVAL, "period", "kỳ '%s': ngày cuối trước ngày đầu", s);
		int m, d;

		hl_day_to_ymd(out->first, &out->year, &m, &d);
		out->kind = HL_P_RANGE;
		return HL_OK;
	}
	if (!parse_year(s, n < 4 ? n : 4, &y))
		goto bad;
	if (n == 4) {
		out->kind = HL_P_YEAR;
		set_months(out, y, 1, 12);
		return HL_OK;
	}
	if (n == 7 && s[4] == '-' && (s[5] == 'H' || s[5] == 'h') && (s[6] == '1' || s[6] == '2')) {
		out->kind = HL_P_HALF;
		out->num = s[6] - '0';
		set_months(out, y, out->num == 1 ? 1 : 7, out->num == 1 ? 6 : 12);
		return HL_OK;
	}
	if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4') {
		out->kind = HL_P_QUARTER;
		out->num = s[6] - '0';
		set_months(out, y, out->num * 3 - 2, out->num * 3);
		return HL_OK;
	}
	if (n == 7 && s[4] == '-' && s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9') {
		int m = (s[5] - '0') * 10 + (s[6] - '0');

		if (m < 1 || m > 12)
			goto bad;
		out->kind = HL_P_MONTH;
		out->num = m;
		set_months(out, y, m, m);
		return HL_OK;
	}
bad:
	return hl_err_set(err, HL_EINVAL, "period", "kỳ báo cáo '%s' không hợp lệ: %s",
		s ? s : "", FORMS);
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
