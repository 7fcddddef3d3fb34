/* calendar_rpt.c — the reporting calendar: periods of each rule, their due
 * days, and the reports due in a range of days. */
#include "core/calendar_rpt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seed 004 §II: "Vào ngày 28 hàng tháng; ... 25/3, 25/9 ... Quý I, Quý III;
 * ... 25/6 và 25/12: 06 tháng và cả năm". Quý II and Quý IV have no report of
 * their own: the half-year and the year's reports cover them. */
static const struct calrpt_rule default_rules[] = {
	{HL_P_MONTH, 0, 0, 28},
	{HL_P_QUARTER, 1, 2, 25},
	{HL_P_QUARTER, 3, 2, 25},
	{HL_P_HALF, 1, 5, 25},
	{HL_P_YEAR, 0, 11, 25},
};

static const struct calrpt_schedule default_schedule = {
	default_rules,
	(int)(sizeof(default_rules) / sizeof(default_rules[0])),
};

const struct calrpt_schedule *calrpt_default(void)
{
	return &default_schedule;
}

/* Periods of this kind in a year, and the first month of the num-th. */
static int kind_count(enum hl_period_kind k)
{
	switch (k) {
	case HL_P_MONTH: return 12;
	case HL_P_QUARTER: return 4;
	case HL_P_HALF: return 2;
	case HL_P_YEAR: return 1;
	default: return 0;
	}
}

static int first_month(enum hl_period_kind k, int num)
{
	switch (k) {
	case HL_P_MONTH: return num;
	case HL_P_QUARTER: return num * 3 - 2;
	case HL_P_HALF: return num * 6 - 5;
	default: return 1;
	}
}

int calrpt_check(const struct calrpt_schedule *s, struct hl_err *err)
{
	if (s == NULL || s->nrules < 0 || (s->nrules > 0 && s->rules == NULL))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "lịch báo cáo không hợp lệ");
	for (int i = 0; i < s->nrules; i++) {
		const struct calrpt_rule *r = &s->rules[i];
		int count = kind_count(r->kind);

		if (count == 0)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"lịch báo cáo, dòng %d: loại kỳ phải "
				"là tháng, quý, 6 tháng hoặc năm",
				i + 1);
		if (r->num < 0 || r->num > count || (r->kind == HL_P_YEAR && r->num != 0))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"lịch báo cáo, dòng %d: số thứ tự kỳ "
				"%d không hợp lệ",
				i + 1, r->num);
		if (r->month_offset < 0 || r->month_offset > 23 || r->day < 1 || r->day > 31)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"lịch báo cáo, dòng %d: ngày đến hạn "
				"không hợp lệ (tháng thứ %d, ngày %d)",
				i + 1, r->month_offset, r->day);
	}
	return HL_OK;
}

/* The due day of the num-th period of kind r->kind in year y. */
static hl_day due_day(const struct calrpt_rule *r, int y, int num)
{
	int idx = y * 12 + first_month(r->kind, num) - 1 + r->month_offset;
	int dy = idx / 12, dm = idx % 12 + 1, dd = r->day;
	hl_day d;

	if (dd > hl_month_days(dy, dm))
		dd = hl_month_days(dy, dm);
	if (!hl_day_from_ymd(dy, dm, dd, &d))
		return HL_DAY_NONE;
	return d;
}

/* The period as hl_period_parse makes it (so codes and labels agree). */
static bool make_period(enum hl_period_kind k, int y, int num, struct hl_period *p)
{
	char code[16];

	switch (k) {
	case HL_P_MONTH: snprintf(code, sizeof(code), "%04d-%02d", y, num); break;
	case HL_P_QUARTER: snprintf(code, sizeof(code), "%04d-Q%d", y, num); break;
	case HL_P_HALF: snprintf(code, sizeof(code), "%04d-H%d", y, num); break;
	default: snprintf(code, sizeof(code), "%04d", y); break;
	}
	return hl_period_parse(code, p, NULL) == HL_OK;
}

bool calrpt_due_of(const struct calrpt_schedule *s, const struct hl_period *p, hl_day *due)
{
	if (s == NULL || p == NULL || calrpt_check(s, NULL) != HL_OK)
		return false;
	for (int i = 0; i < s->nrules; i++) {
		const struct calrpt_rule *r = &s->rules[i];
		int num = p->kind == HL_P_YEAR ? 0 : p->num;

		if (r->kind != p->kind || (r->num != 0 && r->num != num))
			continue;
		*due = due_day(r, p->year, p->kind == HL_P_YEAR ? 1 : num);
		return *due != HL_DAY_NONE;
	}
	return false;
}

int calrpt_due(const struct calrpt_schedule *s, hl_day from, hl_day to, struct calrpt_due *out,
	size_t max, size_t *n, struct hl_err *err)
{
	int y0, y1, m, d, rc;
	size_t k = 0;

	*n = 0;
	if ((rc = calrpt_check(s, err)) != HL_OK)
		return rc;
	if (from == HL_DAY_NONE || to == HL_DAY_NONE || to < from || to - from > 2 * 366)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"khoảng ngày tìm báo cáo đến hạn không "
			"hợp lệ (tối đa 2 năm)");
	hl_day_to_ymd(from, &y0, &m, &d);
	hl_day_to_ymd(to, &y1, &m, &d);
	/* a due day lies at most 23 months after its period's first month */
	for (int y = y0 - 2; y <= y1; y++) {
		if (y < 1900 || y > 2999)
			continue;
		for (int i = 0; i < s->nrules; i++) {
			const struct calrpt_rule *r = &s->rules[i];
			int count = kind_count(r->kind);

			for (int num = 1; num <= count; num++) {
				hl_day due;

				if (r->num != 0 && r->num != num)
					continue;
				due = due_day(r, y, num);
				if (due == HL_DAY_NONE || due < from || due > to)
					continue;
				if (k == max)
					return hl_err_set(err, HL_ELIMIT, HL_HERE,
						"quá nhiều báo cáo đến hạn "
						"trong khoảng ngày đã chọn (tối đa %zu)",
						max);
				if (!make_period(r->kind, y, num, &out[k].period))
					continue;
				out[k].due = due;
				/* insertion by due day; equal days keep rule order */
				for (size_t j = k; j > 0 && out[j - 1].due > out[j].due; j--) {
					struct calrpt_due t = out[j - 1];

					out[j - 1] = out[j];
					out[j] = t;
				}
				k++;
			}
		}
	}
	*n = k;
	return HL_OK;
}

/* ---- SPEC ---- */

/* Reads an unsigned number of 1-2 digits at *p; -1 if none. */
static int small_num(const char **p)
{
	int v = 0, k = 0;

	while (k < 2 && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k == 0 ? -1 : v;
}

/* One item "KIND:..." of length len into *r; false if malformed. */
static bool parse_item(const char *item, size_t len, struct calrpt_rule *r)
{
	static const struct {
		const char *name;
		enum hl_period_kind kind;
	} kinds[] = {
		{"month", HL_P_MONTH},
		{"Q", HL_P_QUARTER},
		{"H", HL_P_HALF},
		{"year", HL_P_YEAR},
	};
	char buf[32];
	const char *p = buf;
	int day, month;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, item, len);
	buf[len] = '\0';
	memset(r, 0, sizeof(*r));
	r->kind = (enum hl_period_kind) - 1;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t kl = strlen(kinds[i].name);

		if (strncmp(p, kinds[i].name, kl) == 0) {
			r->kind = kinds[i].kind;
			p += kl;
			break;
		}
	}
	if ((int)r->kind < 0)
		return false;
	if ((r->kind == HL_P_QUARTER || r->kind == HL_P_HALF) && *p >= '1' && *p <= '4')
		r->num = *p++ - '0';
	if (*p++ != ':' || (day = small_num(&p)) < 1 || day > 31)
		return false;
	r->day = day;
	if (*p == '/' && (r->num != 0 || r->kind == HL_P_YEAR)) {
		int first = first_month(r->kind, r->kind == HL_P_YEAR ? 1 : r->num);

		p++;
		if ((month = small_num(&p)) < 1 || month > 12)
			return false;
		r->month_offset = month >= first ? month - first : month + 12 - first;
	} else if (*p == '+') {
		p++;
		if ((r->month_offset = small_num(&p)) < 0)
			return false;
	} else if (r->num != 0 || r->kind == HL_P_YEAR) {
		return false; /* a named period takes DD/MM */
	}
	return *p == '\0';
}

int calrpt_parse(const char *spec, struct calrpt_rule *rules, int *n, struct hl_err *err)
{
	const char *s = spec;
	struct calrpt_schedule sc;
	int k = 0;

	*n = 0;
	if (spec == NULL || strspn(spec, " ,") == strlen(spec))
		return hl_err_set(err, HL_EINVAL, "SPEC",
			"lịch báo cáo trống: cho ít nhất một kỳ, "
			"ví dụ \"month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12\"");
	while (*s != '\0') {
		size_t len;

		s += strspn(s, " ");
		len = strcspn(s, ",");
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if (len > 0) {
			if (k == CALRPT_MAX_RULES)
				return hl_err_set(err, HL_ELIMIT, "SPEC",
					"lịch báo cáo có quá %d kỳ", CALRPT_MAX_RULES);
			if (!parse_item(s, len, &rules[k]))
				return hl_err_set(err, HL_EINVAL, "SPEC",
					"lịch báo cáo: không hiểu '%.*s' "
					"(dạng: month:28, Q1:25/03, Q:25+2, H1:25/06, year:25/12)",
					(int)len, s);
			k++;
		}
		s += strcspn(s, ",");
		if (*s == ',')
			s++;
	}
	sc.rules = rules;
	sc.nrules = k;
	if (calrpt_check(&sc, err) != HL_OK)
		return HL_EINVAL;
	*n = k;
	return HL_OK;
}

/* One rule written into buf as calrpt_format writes it: snprintf's count. */
static int format_rule(const struct calrpt_rule *r, const char *sep, char *buf, size_t size)
{
	const char *kind = r->kind == HL_P_MONTH ? "month" :
		r->kind == HL_P_QUARTER          ? "Q" :
		r->kind == HL_P_HALF             ? "H" :
						   "year";

	/* DD/MM names offsets 0..11; later ones keep the +N form */
	if ((r->num != 0 || r->kind == HL_P_YEAR) && r->month_offset <= 11)
		return snprintf(buf, size, "%s%s%.0d:%02d/%02d", sep, kind, r->num, r->day,
			(first_month(r->kind, r->kind == HL_P_YEAR ? 1 : r->num) - 1 +
				r->month_offset) %
					12 +
				1);
	if (r->month_offset != 0)
		return snprintf(buf, size, "%s%s%.0d:%d+%d", sep, kind, r->num, r->day,
			r->month_offset);
	return snprintf(buf, size, "%s%s%.0d:%d", sep, kind, r->num, r->day);
}

/* The rules of s one after another in buf, sep between two, each written by
 * one (which returns snprintf's count); cut where buf ends. */
static char *join_rules(const struct calrpt_schedule *s, const char *sep,
	int (*one)(const struct calrpt_rule *, const char *, char *, size_t), char *buf,
	size_t size)
{
	size_t used = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (int i = 0; i < s->nrules && used < size; i++) {
		int w = one(&s->rules[i], i > 0 ? sep : "", buf + used, size - used);

		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

char *calrpt_format(const struct calrpt_schedule *s, char *buf, size_t size)
{
	return join_rules(s, ",", format_rule, buf, size);
}

/* One rule's report, as a person names it. */
static const char *report_name(const struct calrpt_rule *r)
{
	static const char *const quarters[] = {"Mỗi quý", "Quý I", "Quý II", "Quý III", "Quý IV"};
	static const char *const halves[] = {"Mỗi 6 tháng", "6 tháng đầu năm", "6 tháng cuối năm"};

	switch (r->kind) {
	case HL_P_MONTH: return "Hằng tháng";
	case HL_P_QUARTER: return r->num >= 0 && r->num <= 4 ? quarters[r->num] : "Quý";
	case HL_P_HALF: return r->num >= 0 && r->num <= 2 ? halves[r->num] : "6 tháng";
	default: return "Cả năm";
	}
}

/* One rule written into buf as calrpt_describe writes it: snprintf's count. */
static int describe_rule(const struct calrpt_rule *r, const char *sep, char *buf, size_t size)
{
	int m;

	if (r->kind == HL_P_MONTH && r->month_offset <= 1)
		return snprintf(buf, size, "%s%s: ngày %d %s", sep, report_name(r), r->day,
			r->month_offset == 0 ? "của tháng" : "tháng sau");
	if (r->kind == HL_P_MONTH)
		return snprintf(buf, size, "%s%s: ngày %d, %d tháng sau", sep, report_name(r),
			r->day, r->month_offset);
	if (r->num == 0 && r->kind != HL_P_YEAR)
		/* every quarter or half: a day N months into it */
		return snprintf(buf, size, "%s%s: ngày %d tháng thứ %d của kỳ", sep, report_name(r),
			r->day, r->month_offset + 1);
	m = first_month(r->kind, r->kind == HL_P_YEAR ? 1 : r->num) - 1 + r->month_offset;
	return snprintf(buf, size, "%s%s: ngày %02d/%02d%s", sep, report_name(r), r->day,
		m % 12 + 1, m >= 12 ? " năm sau" : "");
}

char *calrpt_describe(const struct calrpt_schedule *s, char *buf, size_t size)
{
	return join_rules(s, "; ", describe_rule, buf, size);
}

bool calrpt_day_month(const struct calrpt_schedule *s, enum hl_period_kind kind, int num, int *day,
	int *month)
{
	for (int i = 0; i < s->nrules; i++) {
		const struct calrpt_rule *r = &s->rules[i];

		if (r->kind != kind || (r->num != num && r->num != 0))
			continue;
		/* the first rule for the report is the one in force (calrpt_due_of) */
		if (r->month_offset > 11)
			return false;
		*day = r->day;
		*month = (first_month(kind, kind == HL_P_YEAR ? 1 : num) - 1 + r->month_offset) %
				12 +
			1;
		return true;
	}
	return false;
}
