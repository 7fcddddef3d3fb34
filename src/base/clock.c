/* clock.c — now, and Vietnam's local time (UTC+7). */
#include "base/clock.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int64_t floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Days since 01/01/1970 of a calendar date (the inverse of hl_clock_ymd). */
static int64_t days_of(int y, int m, int d)
{
	int64_t yy = m <= 2 ? y - 1 : y;
	int64_t era = floor_div(yy, 400);
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* HAILONG_NOW: Unix seconds, or "yyyy-mm-ddTHH:MM" in Vietnam's time. */
static int parse_now(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, n = 0;
	char *end;
	long long v;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5 && s[n] == '\0') {
		if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || h < 0 || mi < 0)
			return -1;
		*out = (days_of(y, mo, d) * 1440 + h * 60 + mi - HL_VN_TZ_MINUTES) * 60;
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0')
		return -1;
	*out = (int64_t)v;
	return 0;
}

int64_t hl_clock_now(void)
{
	const char *env = getenv("HAILONG_NOW");
	int64_t t;

	if (env != NULL && env[0] != '\0' && parse_now(env, &t) == 0)
		return t;
	return (int64_t)time(NULL);
}

int32_t hl_clock_day_of(int64_t t)
{
	return (int32_t)floor_div(t + (int64_t)HL_VN_TZ_MINUTES * 60, 86400);
}

int32_t hl_clock_today(void)
{
	return hl_clock_day_of(hl_clock_now());
}

int64_t hl_clock_minute_of(int64_t t)
{
	return floor_div(t + (int64_t)HL_VN_TZ_MINUTES * 60, 60);
}

int64_t hl_clock_minute(void)
{
	return hl_clock_minute_of(hl_clock_now());
}

void hl_clock_ymd(int32_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;

	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

/* "dd/mm/yyyy HH:MM" (iso false) or "yyyy-mm-dd HH:MM" of any local minute,
 * before 1970 too. */
static char *fmt(int64_t m, bool iso, char *buf, size_t size)
{
	int64_t day = floor_div(m, 1440), min = m - day * 1440;
	int y, mo, d;

	hl_clock_ymd((int32_t)day, &y, &mo, &d);
	if (iso)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, d, (int)(min / 60),
			(int)(min % 60));
	else
		snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, mo, y, (int)(min / 60),
			(int)(min % 60));
	return buf;
}

char *hl_clock_fmt_minute(int64_t m, char *buf, size_t size)
{
	if (m < 0) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	return fmt(m, false, buf, size);
}

char *hl_clock_iso_minute(int64_t m, char *buf, size_t size)
{
	if (m < 0) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	return fmt(m, true, buf, size);
}

char *hl_clock_fmt(int64_t t, char *buf, size_t size)
{
	return fmt(hl_clock_minute_of(t), false, buf, size);
}
