/* gen_dossiers.c — benchmark input for dossier timeliness: writes, streaming,
 * a dossiers CSV of N dossiers over the 500 communes of gen_responses's units
 * file (bench-x001 .. bench-x500) and 24 months (2024-01 .. 2025-12), in the
 * order they were received, as the one-stop system exports them: the
 * built-in commune fields, five procedures each, online / direct / post,
 * due 1-15 days after receipt, about 35 % finished early, 50 % on time,
 * 14,9 % late and 0,1 % never; anything finishing after the export (31/12/2025 17:00)
 * still open. Deterministic (splitmix64, fixed seed). Not part of hailong
 * nor of its tests: bench/dossiers.sh uses it.
 *
 *   gen_dossiers DOSSIERS.csv N */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUNITS 500
#define NDAYS 731           /* 2024-01-01 .. 2025-12-31 */
#define DAY0 19723          /* 2024-01-01 as days since 1970 */
#define MAX_ROWS 1000000000L

static const char *const fields[] = {
	"ho-tich", "chung-thuc", "dat-dai", "xay-dung", "tu-phap", "lao-dong", "kinh-doanh",
};
static const int field_w[] = {30, 28, 14, 5, 4, 9, 10};
static const char *const channels[] = {"online", "direct", "post"};
static const int channel_w[] = {45, 50, 5};

static uint64_t rng_state = 0xD055E125ULL;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

static int pick(const int *w, int n)
{
	int total = 0, x;

	for (int i = 0; i < n; i++)
		total += w[i];
	x = (int)below((unsigned)total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* "YYYY-MM-DD HH:MM" of minutes since 1970 into buf, "" for -1. */
static void fmt(long long m, char *buf, size_t size)
{
	long long z, era, doe, yoe, y, doy, mp, d, mo;

	if (m < 0) {
		buf[0] = '\0';
		return;
	}
	/* Howard Hinnant's civil_from_days. */
	z = m / 1440 + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	mo = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", (int)(y + (mo <= 2)) % 10000, (int)mo,
		(int)d, (int)(m % 1440 / 60), (int)(m % 60));
}

int main(int argc, char **argv)
{
	static char iobuf[1 << 20];
	const long long cutoff = (long long)(DAY0 + NDAYS - 1) * 1440 + 17 * 60;
	char *end;
	long n;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "Cách dùng: gen_dossiers DOSSIERS.csv N\n");
		return 2;
	}
	errno = 0;
	n = strtol(argv[2], &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > MAX_ROWS) {
		fprintf(stderr, "gen_dossiers: N phải là số từ 0 đến %ld\n", MAX_ROWS);
		return 2;
	}
	f = fopen(argv[1], "w");
	if (f == NULL) {
		fprintf(stderr, "gen_dossiers: không mở được '%s': %s\n", argv[1], strerror(errno));
		return 1;
	}
	setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
	fputs("code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,"
		"supplements,reschedules,apology,submitted_at\n", f);
	for (long i = 0; i < n; i++) {
		long long day = DAY0 + (long long)i * NDAYS / (n > 0 ? n : 1);
		long long recv = day * 1440 + 7 * 60 + 30 + below(9 * 60);
		long long due_day = day + 1 + below(15), due = due_day * 1440 + 17 * 60;
		long long fin, ret, sub = -1;
		int fl = pick(field_w, 7), ch = pick(channel_w, 3), outcome = (int)below(1000);
		int late = 0;
		char r[48], du[48], fi[48], re[48], su[48];

		if (outcome < 350) {         /* early: a day before the due day, or earlier */
			fin = (day + below((unsigned)(due_day - day))) * 1440 + 8 * 60 + below(8 * 60);
			if (fin < recv)
				fin = recv + 30;
		} else if (outcome < 850) {  /* on the due day */
			fin = due_day * 1440 + 7 * 60 + 30 + below(9 * 60 + 30);
		} else if (outcome < 999) {  /* late */
			fin = due + 60 + below(10 * 1440);
			late = 1;
		} else {
			fin = -1;
			late = 1;
		}
		if (fin > cutoff)
			fin = -1;
		ret = fin < 0 ? -1 : fin + below(3 * 1440);
		if (ret > cutoff)
			ret = -1;
		if (ch == 0)
			sub = recv - below(20 * 60);
		fmt(recv, r, sizeof(r));
		fmt(due, du, sizeof(du));
		fmt(fin, fi, sizeof(fi));
		fmt(ret, re, sizeof(re));
		fmt(sub, su, sizeof(su));
		fprintf(f, "HS%010ld,bench-x%03u,%s,Thủ tục %s số %u,%s,%s,%s,%s,%s,%u,%u,%d,%s\n",
			i + 1, below(NUNITS) + 1, fields[fl], fields[fl], below(5) + 1, channels[ch],
			r, du, fi, re, below(100) < 10 ? 1 + below(2) : 0,
			below(100) < 5 ? 1 + below(2) : 0, late && below(100) < 60, su);
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "gen_dossiers: không ghi được '%s'\n", argv[1]);
		return 1;
	}
	return 0;
}
