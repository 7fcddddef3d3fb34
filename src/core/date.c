/* date.c — day-number arithmetic (Howard Hinnant's civil-from-days). */
#include "core/date.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int hl_month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool hl_day_from_ymd(int y, int m, int d, hl_day *out)
{
	int era, yoe, doy, doe;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > hl_month_days(y, m))
		return false;
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = (hl_day)(era * 146097 + doe - 719468);
	return true;
}

void hl_day_to_ymd(hl_day day, int *y, int *m, int *d)
{
	hl_clock_ymd(day, y, m, d);
}

bool hl_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool hl_day_parse(const char *s, hl_day *out)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!hl_digits(s, 4, &y) || !hl_digits(s + 5, 2, &m) || !hl_digits(s + 8, 2, &d))
		return false;
	if (y < 1900 || y > 2999)
		return false;
	return hl_day_from_ymd(y, m, d, out);
}

/* 1..max digits at s into *out; the count read, 0 when none. */
static int number(const char *s, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && s[n] >= '0' && s[n] <= '9')
		v = v * 10 + (s[n++] - '0');
	*out = v;
	return n;
}

bool hl_day_parse_vn(const char *s, hl_day *out)
{
	char buf[16];
	size_t len;
	int d, m, y, n1, n2, n3;
	char sep;

	if (s == NULL)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (len == 10 && buf[4] == '-')
		return hl_day_parse(buf, out);
	/* ddmmyyyy: what a phone's number pad (no '/') lets a person type */
	if (len == 8 && number(buf, 8, &d) == 8)
		return hl_day_from_ymd(d % 10000, d / 10000 % 100, d / 1000000, out) &&
			d % 10000 >= 1900 && d % 10000 <= 2999;
	/* d/m/yyyy: the day first, as Vietnamese write it, whatever the browser's locale */
	n1 = number(buf, 2, &d);
	sep = buf[n1];
	if (n1 == 0 || (sep != '/' && sep != '-' && sep != '.'))
		return false;
	n2 = number(buf + n1 + 1, 2, &m);
	if (n2 == 0 || buf[n1 + 1 + n2] != sep)
		return false;
	n3 = number(buf + n1 + n2 + 2, 4, &y);
	if (n3 != 4 || buf[n1 + n2 + 2 + n3] != '\0' || y < 1900 || y > 2999)
		return false;
	return hl_day_from_ymd(y, m, d, out);
}

bool hl_minute_parse(const char *s, int64_t *out)
{
	char date[11];
	hl_day day;
	int hh, mm;

	if (s == NULL || strlen(s) != 16 || s[10] != ' ' || s[13] != ':')
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!hl_day_parse(date, &day) || !hl_digits(s + 11, 2, &hh) || !hl_digits(s + 14, 2, &mm))
		return false;
	if (hh > 23 || mm > 59)
		return false;
	*out = (int64_t)day * 1440 + hh * 60 + mm;
	return true;
}

char *hl_day_iso(hl_day day, char *buf, size_t size)
{
	int y, m, d;

	hl_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *hl_day_vn(hl_day day, char *buf, size_t size)
{
	int y, m, d;

	hl_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
	return buf;
}

hl_day hl_day_month_start(hl_day day)
{
	int y, m, d;
	hl_day out;

	hl_day_to_ymd(day, &y, &m, &d);
	hl_day_from_ymd(y, m, 1, &out);
	return out;
}

hl_day hl_day_minus_year(hl_day day)
{
	int y, m, d;
	hl_day out;

	hl_day_to_ymd(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	hl_day_from_ymd(y - 1, m, d, &out);
	return out;
}

int hl_day_weekday(hl_day day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}
