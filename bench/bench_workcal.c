/* bench_workcal.c — the rate of the working calendar's deadline functions
 * (issue 6: at least 1 million `calendar deadline` computations a second in
 * the core). Builds the calendar of 2000–2100 once, with RULES.md §2's 2024
 * decided Tết days and seasonal hours, then times N million wc_add_minutes
 * (8 working hours), wc_add_days (20 working days) and wc_between calls from
 * pseudo-random starts in 2024–2026.
 *
 * Usage: bench_workcal [MILLIONS]   (default 5) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/workcal.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A start minute in 2024-01-01 .. 2026-12-31, from a 64-bit LCG. */
static int64_t next_start(uint64_t *seed, hl_day first)
{
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int64_t)first * 1440 + (int64_t)((*seed >> 33) % (3 * 365 * 1440));
}

int main(int argc, char **argv)
{
	static const char *const tet[] = {"2024-02-08", "2024-02-09", "2024-02-12",
		"2024-02-13", "2024-02-14"};
	struct wc_entry dec[5];
	struct wc_config cfg = {dec, 5, 0};
	struct wc_hours hours;
	struct wc_cal *cal = NULL;
	struct hl_err err;
	struct wc_sched s;
	long millions = argc > 1 ? strtol(argv[1], NULL, 10) : 5;
	long n;
	hl_day first;
	int64_t sum = 0, out;
	uint64_t seed;
	double t0, t;

	if (millions < 1 || millions > 1000) {
		fprintf(stderr, "cách dùng: bench_workcal [TRIỆU_LẦN 1..1000]\n");
		return 2;
	}
	n = millions * 1000000L;
	memset(dec, 0, sizeof(dec));
	for (int i = 0; i < 5; i++) {
		hl_day_parse(tet[i], &dec[i].day);
		dec[i].kind = WC_HOLIDAY;
		snprintf(dec[i].name, sizeof(dec[i].name), "Tết Nguyên đán");
	}
	t0 = now();
	if (wc_build(&cfg, 2000, 2100, &cal, &err) != HL_OK ||
	    wc_hours_parse("summer=04-01:07:30-11:30,13:30-17:30;"
		"winter=10-01:07:30-11:30,13:00-17:00", &hours, &err) != HL_OK) {
		fprintf(stderr, "bench_workcal: %s\n", err.msg);
		wc_free(cal);
		return 1;
	}
	printf("wc_build 2000–2100: %.1f ms\n", (now() - t0) * 1000);
	s.cal = cal;
	s.hours = &hours;
	s.nhours = 1;
	hl_day_parse("2024-01-01", &first);

	seed = 42;
	t0 = now();
	for (long i = 0; i < n; i++)
		if (wc_add_minutes(&s, next_start(&seed, first), 8 * 60, &out, &err) == HL_OK)
			sum += out;
	t = now() - t0;
	printf("wc_add_minutes (8 h): %ld calls in %.3f s = %.2f million/s\n", n, t, n / t / 1e6);

	seed = 42;
	t0 = now();
	for (long i = 0; i < n; i++)
		if (wc_add_days(&s, next_start(&seed, first), 20, &out, &err) == HL_OK)
			sum += out;
	t = now() - t0;
	printf("wc_add_days (20 days): %ld calls in %.3f s = %.2f million/s\n", n, t, n / t / 1e6);

	seed = 42;
	t0 = now();
	for (long i = 0; i < n; i++) {
		int64_t a = next_start(&seed, first);

		if (wc_between(&s, a, a + 3 * 1440, &out, &err) == HL_OK)
			sum += out;
	}
	t = now() - t0;
	printf("wc_between (3 days): %ld calls in %.3f s = %.2f million/s\n", n, t, n / t / 1e6);
	printf("(checksum %lld)\n", (long long)sum);
	wc_free(cal);
	return 0;
}
