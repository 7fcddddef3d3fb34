/* test_csvimport.c — svc/csvimport's driver on the cases of
 * tests/data/csvimport/cases.txt (a CSV in, the problems out), then what
 * the data file cannot say: a malformed file failing an importer that wants
 * it so, holes in a table, and reading stopped once the problems are full. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "svc/csvimport.h"

#define CASES "tests/data/csvimport/cases.txt"

struct row {
	char code[16];
	hl_day day;
	int n;
	bool ok;
	bool has_pct;
	double pct;
};

enum { K_CODE, K_DAY, K_N, K_OK, K_PCT, K_NOTE, K_NCOLS };

static const struct csvi_col cols[K_NCOLS] = {
	{CSVI_COL("code", true), CSVI_TEXT_IN(struct row, code), .need = true},
	{CSVI_COL("day", false), .kind = CSVI_DAY, CSVI_AT(struct row, day)},
	{CSVI_COL("n", false), .kind = CSVI_COUNT, CSVI_AT(struct row, n)},
	{CSVI_COL("ok", false), .kind = CSVI_YESNO, CSVI_AT(struct row, ok)},
	{CSVI_COL("pct", false), .kind = CSVI_PERCENT, CSVI_AT(struct row, pct),
		.off2 = offsetof(struct row, has_pct)},
	{CSVI_COL("note", false)},
};

/* empty, twice, missing: the usual words. */
static const struct csvi_msgs msgs = {
	.header = "dòng tiêu đề: %s",
	.unknown = "cột '%s' không phải cột đã biết (các cột: %s)",
	.unnamed = "cột %d của tiêu đề không có tên",
};

static const struct csvi_spec spec = {cols, K_NCOLS, &msgs, NULL, NULL};

struct out {
	char *buf;
	size_t len, cap;
	long good;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < o->cap - o->len);
	o->len += (size_t)n;
}

static int good_row(struct csvi *im, void *ctx)
{
	struct out *o = ctx;
	struct row r;

	if (csvi_parse_row(im, &r))
		o->good++;
	return HL_OK;
}

/* Run the driver on csv (len bytes) with sp; what it noted into o. */
static int run(const struct csvi_spec *sp, const char *csv, size_t len, struct out *o,
	struct import_report *rep)
{
	struct import_opts opts = {.name = "tệp"};
	struct hl_err err = {0};
	struct csvi im;
	FILE *f = fmemopen((void *)csv, len > 0 ? len : 1, "r");
	int rc;

	assert_non_null(f);
	if (len == 0)
		fgetc(f); /* fmemopen wants a byte: an empty file is one read to its end */
	rc = csvi_open(&im, NULL, f, &opts, sp, false, rep, &err);
	if (rc == HL_OK)
		rc = csvi_header(&im);
	if (rc == HL_OK && im.header_read && rep->nproblems == 0)
		rc = csvi_each(&im, good_row, o);
	csvi_close(&im);
	fclose(f);
	for (int i = 0; i < rep->kept; i++)
		put(o, "%ld|%s|%s\n", rep->problems[i].line, rep->problems[i].column,
			rep->problems[i].reason);
	put(o, "rows=%ld good=%ld\n", rep->rows, o->good);
	return rc;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void test_cases(void **state)
{
	char *text = slurp(CASES), *p = text;
	static struct import_report rep;
	char buf[8192];
	int ncases = 0, failed = 0;

	(void)state;
	while ((p = strstr(p, "\n== ")) != NULL) {
		char *name = p + 4, *csv = strchr(name, '\n') + 1, *sep = strstr(csv, "--\n");
		char *want = sep + 3, *end = strstr(want, "\n\n");
		struct out o = {buf, 0, sizeof(buf), 0};

		assert_non_null(sep);
		if (end == NULL)
			end = want + strlen(want) - 1;
		run(&spec, csv, (size_t)(sep - csv), &o, &rep);
		if (o.len != (size_t)(end - want + 1) || memcmp(o.buf, want, o.len) != 0) {
			fprintf(stderr, "case '%.*s':\n--- want\n%.*s--- got\n%s",
				(int)(strchr(name, '\n') - name), name, (int)(end - want + 1), want,
				o.buf);
			failed++;
		}
		ncases++;
		p = end;
	}
	free(text);
	assert_true(ncases >= 8);
	assert_int_equal(failed, 0);
}

/* Values land where the table says, NFC. */
static void test_values(void **state)
{
	static const char csv[] = "code,day,n,ok,pct\nCafe\xcc\x81,2026-01-31,7,yes,88.5\n";
	static struct import_report rep;
	struct import_opts opts = {.name = "tệp"};
	struct hl_err err = {0};
	struct csvi im;
	struct row r;
	FILE *f = fmemopen((void *)csv, sizeof(csv) - 1, "r");
	hl_day d;

	(void)state;
	assert_int_equal(csvi_open(&im, NULL, f, &opts, &spec, false, &rep, &err), HL_OK);
	assert_int_equal(csvi_header(&im), HL_OK);
	assert_int_equal(csvi_next(&im), 1);
	assert_true(csvi_parse_row(&im, &r));
	assert_string_equal(r.code, "Caf\xc3\xa9");
	assert_true(hl_day_parse("2026-01-31", &d));
	assert_int_equal(r.day, d);
	assert_int_equal(r.n, 7);
	assert_true(r.ok);
	assert_true(r.has_pct);
	assert_true(r.pct > 88.49 && r.pct < 88.51);
	assert_int_equal(csvi_next(&im), 0);
	csvi_close(&im);
	fclose(f);
}

/* A malformed file fails an importer that wants it so (err, no problem);
 * a hole in the table is no column; missing columns told first. */
static void test_strict(void **state)
{
	static const struct csvi_msgs strict = {
		.empty = "trống",
		.unknown = "cột không có trong định dạng",
		.twice = "cột lặp lại",
		.missing = "thiếu cột",
		.any_width = true,
		.malformed_fails = true,
		.missing_first = true,
	};
	static const struct csvi_col holed[3] = {
		{CSVI_COL("code", true)},
		{.name = NULL},
		{CSVI_COL("n", false)},
	};
	static const struct csvi_spec sp = {holed, 3, &strict, NULL, NULL};
	static const char csv[] = "n,x\n1,2\n", bad[] = "code,n\n1,2\n\"3,4\n";
	static struct import_report rep;
	char buf[1024];
	struct out o = {buf, 0, sizeof(buf), 0};

	(void)state;
	assert_int_equal(run(&sp, csv, sizeof(csv) - 1, &o, &rep), HL_OK);
	assert_string_equal(buf,
		"1|code|thiếu cột\n1|x|cột không có trong định dạng\nrows=0 good=0\n");
	o.len = 0;
	o.good = 0;
	assert_int_equal(run(&sp, bad, sizeof(bad) - 1, &o, &rep), HL_EINVAL);
	assert_string_equal(buf, "rows=1 good=1\n");
}

/* stop_when_full: rows are read no further once no problem can be kept. */
static void test_stop_when_full(void **state)
{
	static struct csvi_msgs m;
	static struct import_report rep;
	struct csvi_spec sp = spec;
	struct import_opts opts = {.name = "tệp"};
	struct hl_err err = {0};
	struct csvi im;
	char *csv = malloc(16 * 1024);
	size_t len = 0;
	FILE *f;
	int k;

	(void)state;
	m = msgs;
	m.stop_when_full = true;
	sp.msg = &m;
	len += (size_t)snprintf(csv, 16 * 1024, "code,n\n");
	for (int i = 0; i < IMPORT_MAX_PROBLEMS + 50; i++)
		len += (size_t)snprintf(csv + len, 16 * 1024 - len, "A%d,x\n", i);
	f = fmemopen(csv, len, "r");
	assert_int_equal(csvi_open(&im, NULL, f, &opts, &sp, false, &rep, &err), HL_OK);
	assert_int_equal(csvi_header(&im), HL_OK);
	while ((k = csvi_next(&im)) > 0) {
		struct row r;

		csvi_parse_row(&im, &r);
	}
	assert_int_equal(k, 0);
	assert_int_equal(rep.rows, IMPORT_MAX_PROBLEMS);
	assert_int_equal(rep.nproblems, IMPORT_MAX_PROBLEMS);
	csvi_close(&im);
	fclose(f);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_stop_when_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
