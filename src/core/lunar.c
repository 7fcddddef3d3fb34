/* lunar.c — the Vietnamese lunar calendar after Hồ Ngọc Đức's published
 * algorithm: new moons and the sun's longitude from Meeus' series, days cut
 * at local midnight in UTC+7. A month starts on the day of a new moon; month
 * 11 holds the winter solstice; a lunar year of 13 months repeats the first
 * month after month 11 that holds no major solar term (trung khí). */
#include "core/lunar.h"

#include <math.h>

/* Vietnam's time zone, in hours; China's calendar uses 8 and differs. */
static const double TZ_HOURS = 7.0;

#define PI 3.14159265358979323846
#define SYNODIC 29.530588853
/* The Julian day of the new moon of 1900-01-01 (k = 0 in Meeus' series). */
#define NM_EPOCH 2415021.076998695
/* Julian day number of 1970-01-01, day 0 of hl_day. */
#define JDN_1970 2440588

#define YEAR_MIN 1900
#define YEAR_MAX 2199

static int32_t jdn_of(hl_day d)
{
	return (int32_t)d + JDN_1970;
}

/* The moment (Julian day, UT) of the k-th new moon after 1900-01-01. */
static double new_moon(int k)
{
	const double dr = PI / 180;
	double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
	double jd1, m, mpr, f, c1, deltat;

	jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
	jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
	m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
	mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
	f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
	c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m);
	c1 -= 0.4068 * sin(mpr * dr) - 0.0161 * sin(dr * 2 * mpr);
	c1 -= 0.0004 * sin(dr * 3 * mpr);
	c1 += 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr));
	c1 -= 0.0074 * sin(dr * (m - mpr)) - 0.0004 * sin(dr * (2 * f + m));
	c1 -= 0.0004 * sin(dr * (2 * f - m)) + 0.0006 * sin(dr * (2 * f + mpr));
	c1 += 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m));
	if (t < -11)
		deltat = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 -
			0.000000081 * t * t3;
	else
		deltat = -0.000278 + 0.000265 * t + 0.000262 * t2;
	return jd1 + c1 - deltat;
}

/* The sun's apparent longitude in radians, [0, 2π), at Julian day jd (UT). */
static double sun_longitude(double jd)
{
	const double dr = PI / 180;
	double t = (jd - 2451545.0) / 36525, t2 = t * t;
	double m, l0, dl, l;

	m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
	l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
	dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m);
	dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m);
	l = (l0 + dl) * dr;
	return l - PI * 2 * floor(l / (PI * 2));
}

/* The local day (Julian day number) of the k-th new moon. */
static int32_t new_moon_day(int k)
{
	return (int32_t)floor(new_moon(k) + 0.5 + TZ_HOURS / 24);
}

/* Which of the 12 thirty-degree sectors the sun is in at the start of local
 * day jdn: 0 from the spring equinox, 9 from the winter solstice. */
static int sun_sector(int32_t jdn)
{
	return (int)floor(sun_longitude(jdn - 0.5 - TZ_HOURS / 24) / PI * 6);
}

/* The first day of month 11 (the month of the winter solstice) that began
 * on or before 31 December of Gregorian year y. */
static int32_t month11(int y)
{
	hl_day dec31;
	int k;
	int32_t nm;

	hl_day_from_ymd(y, 12, 31, &dec31);
	k = (int)floor((jdn_of(dec31) - 2415021) / SYNODIC);
	nm = new_moon_day(k);
	if (sun_sector(nm) >= 9)
		nm = new_moon_day(k - 1);
	return nm;
}

/* In a 13-month year starting at month 11 a11: how many months after it the
 * leap month comes (the first month that holds no new major term). */
static int leap_offset(int32_t a11)
{
	int k = (int)floor((a11 - NM_EPOCH) / SYNODIC + 0.5);
	int i = 1, arc = sun_sector(new_moon_day(k + 1)), last;

	do {
		last = arc;
		i++;
		arc = sun_sector(new_moon_day(k + i));
	} while (arc != last && i < 14);
	return i - 1;
}

bool hl_lunar_from_day(hl_day day, struct hl_lunar *out)
{
	int y, m, d, k, diff;
	int32_t jdn = jdn_of(day), start, a11, b11;

	hl_day_to_ymd(day, &y, &m, &d);
	if (y < YEAR_MIN || y > YEAR_MAX)
		return false;
	/* The last new moon on or before the day; the mean-month estimate of k
	 * can be one off (2054-05-07, 2062-04-09). */
	k = (int)floor((jdn - NM_EPOCH) / SYNODIC);
	while (new_moon_day(k) > jdn)
		k--;
	while (new_moon_day(k + 1) <= jdn)
		k++;
	start = new_moon_day(k);
	a11 = month11(y);
	b11 = a11;
	if (a11 >= start) {
		out->year = y;
		a11 = month11(y - 1);
	} else {
		out->year = y + 1;
		b11 = month11(y + 1);
	}
	out->day = jdn - start + 1;
	diff = (int)floor((start - a11) / 29.0);
	out->leap = false;
	out->month = diff + 11;
	if (b11 - a11 > 365) {
		int lo = leap_offset(a11);

		if (diff >= lo) {
			out->month = diff + 10;
			out->leap = diff == lo;
		}
	}
	if (out->month > 12)
		out->month -= 12;
	if (out->month >= 11 && diff < 4)
		out->year--;
	return true;
}

bool hl_lunar_to_day(const struct hl_lunar *l, hl_day *out)
{
	int32_t a11, b11, start, next;
	int k, off;

	if (l->year < YEAR_MIN || l->year > YEAR_MAX || l->month < 1 || l->month > 12 ||
		l->day < 1 || l->day > 30)
		return false;
	if (l->month < 11) {
		a11 = month11(l->year - 1);
		b11 = month11(l->year);
	} else {
		a11 = month11(l->year);
		b11 = month11(l->year + 1);
	}
	k = (int)floor(0.5 + (a11 - NM_EPOCH) / SYNODIC);
	off = l->month - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		int lo = leap_offset(a11);
		int leap_month = lo - 2;

		if (leap_month <= 0)
			leap_month += 12;
		if (l->leap && l->month != leap_month)
			return false;
		if (l->leap || off >= lo)
			off++;
	} else if (l->leap) {
		return false;
	}
	start = new_moon_day(k + off);
	next = new_moon_day(k + off + 1);
	if (l->day > next - start)
		return false;
	*out = (hl_day)(start + l->day - 1 - JDN_1970);
	return true;
}

bool hl_lunar_new_year(int y, hl_day *out)
{
	const struct hl_lunar tet = {1, 1, y, false};

	return hl_lunar_to_day(&tet, out);
}
