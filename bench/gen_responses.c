/* gen_responses.c — benchmark input: writes, streaming, a units CSV of 500
 * communes (under 25 districts of one province) and a responses CSV of N
 * sipas-5 responses over 24 months (2024-01 .. 2025-12) with ids, channels,
 * fields, all 22 answers and a comment on some rows. Deterministic
 * (splitmix64 with a fixed seed). Not part of hailong nor of its tests:
 * bench/run.sh uses it.
 *
 *   gen_responses UNITS.csv RESPONSES.csv N */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NDISTRICTS 25
#define PER_DISTRICT 20
#define NUNITS (NDISTRICTS * PER_DISTRICT)
#define NQ 22
#define NCRIT 5
#define MAX_ROWS 1000000000L

static const char *const qcodes[NQ] = {
	"TC1", "TC2", "TC3", "TC4", "HC1", "HC2", "HC3", "HC4", "HC5", "PV1", "PV2",
	"PV3", "PV4", "PV5", "PV6", "KQ1", "KQ2", "KQ3", "TT1", "TT2", "TT3", "TT4",
};
static const int qcrit[NQ] = {0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4};

/* Built-in commune-level fields (svc/builtin.c), as an office's mix. */
static const char *const fields[] = {
	"ho-tich", "chung-thuc", "dat-dai", "xay-dung", "tu-phap", "lao-dong", "kinh-doanh",
};
static const int field_w[] = {30, 28, 14, 5, 4, 9, 10};
static const char *const channels[] = {"kiosk", "paper", "qr"};
static const int channel_w[] = {55, 30, 15};
static const char *const comments[] = {
	"\"Thiếu hồ sơ mẫu, chờ đợi lâu\"",
	"\"Công chức nhiệt tình, hướng dẫn \"\"rất kỹ\"\"\"",
	"\"Phải bổ sung hồ sơ nhiều lần\"",
	"\"Hài lòng.\nĐề nghị thêm chỗ ngồi chờ.\"",
};

static uint64_t rng_state = 0x0B5E11C4A5EULL;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform integer in [0, n). */
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

static int write_units(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		fprintf(stderr, "gen_responses: không mở được '%s': %s\n", path, strerror(errno));
		return 1;
	}
	fputs("code,name,type,parent,valid_from,valid_to\n", f);
	fputs("bench-tinh,Tỉnh Thử Nghiệm,tinh,,,\n", f);
	for (int d = 1; d <= NDISTRICTS; d++)
		fprintf(f, "bench-h%02d,Huyện Thử Nghiệm %02d,huyen,bench-tinh,,\n", d, d);
	for (int u = 0; u < NUNITS; u++)
		fprintf(f, "bench-x%03d,UBND xã Thử Nghiệm %03d,ubnd-xa,bench-h%02d,,\n", u + 1, u + 1,
			u / PER_DISTRICT + 1);
	if (fclose(f) != 0) {
		fprintf(stderr, "gen_responses: không ghi được '%s'\n", path);
		return 1;
	}
	return 0;
}

/* The 731 days of 2024 and 2025 as "YYYY-MM-DD". */
static char days[731][40];

static void make_days(void)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int n = 0;

	for (int y = 2024; y <= 2025; y++)
		for (int m = 1; m <= 12; m++) {
			int len = mdays[m - 1] + (m == 2 && y == 2024);

			for (int d = 1; d <= len; d++)
				snprintf(days[n++], sizeof(days[0]), "%04d-%02d-%02d", y, m, d);
		}
}

static int write_responses(const char *path, long n)
{
	static char iobuf[1 << 20];
	/* Each unit's chance (per mille) that an answer is satisfied, by criterion. */
	static unsigned sat[NUNITS][NCRIT];
	FILE *f = fopen(path, "w");
	char row[1024];

	if (f == NULL) {
		fprintf(stderr, "gen_responses: không mở được '%s': %s\n", path, strerror(errno));
		return 1;
	}
	setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
	for (int u = 0; u < NUNITS; u++)
		for (int c = 0; c < NCRIT; c++)
			sat[u][c] = 780 + below(180);
	make_days();
	fputs("id,unit,instrument,date,channel,field,comment", f);
	for (int q = 0; q < NQ; q++)
		fprintf(f, ",%s", qcodes[q]);
	fputc('\n', f);
	for (long i = 0; i < n; i++) {
		unsigned u = below(NUNITS);
		int len = snprintf(row, sizeof(row), "b%010ld,bench-x%03u,sipas-5,%s,%s,%s,%s", i + 1,
			u + 1, days[below(731)], channels[pick(channel_w, 3)], fields[pick(field_w, 7)],
			below(100) < 4 ? comments[below(4)] : "");

		for (int q = 0; q < NQ; q++) {
			unsigned r = below(1000);

			row[len++] = ',';
			if (r < 20)
				continue;   /* no answer */
			if (below(1000) < sat[u][qcrit[q]])
				row[len++] = r < 450 ? '5' : '4';
			else
				row[len++] = r < 700 ? '3' : r < 900 ? '2' : '1';
		}
		row[len++] = '\n';
		if (fwrite(row, 1, (size_t)len, f) != (size_t)len) {
			fprintf(stderr, "gen_responses: không ghi được '%s': %s\n", path, strerror(errno));
			fclose(f);
			return 1;
		}
		if ((i + 1) % 1000000 == 0 && n >= 2000000)
			fprintf(stderr, "\r  đã tạo %ld / %ld phiếu", i + 1, n);
	}
	if (n >= 2000000)
		fputc('\n', stderr);
	if (fclose(f) != 0) {
		fprintf(stderr, "gen_responses: không ghi được '%s'\n", path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc != 4) {
		fputs("Cách dùng: gen_responses DON_VI.csv PHIEU.csv SO_PHIEU\n", stderr);
		return 2;
	}
	errno = 0;
	n = strtol(argv[3], &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > MAX_ROWS) {
		fprintf(stderr, "gen_responses: số phiếu '%s' không hợp lệ (0–%ld)\n", argv[3],
			MAX_ROWS);
		return 2;
	}
	if (write_units(argv[1]) != 0 || write_responses(argv[2], n) != 0)
		return 1;
	return 0;
}
