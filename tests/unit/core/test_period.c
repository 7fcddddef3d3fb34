/* test_period.c — periods, data-driven from tests/data/core/periods.txt, and
 * sample sizes and allocation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/period.h"
#include "core/sample.h"

/* Each line: input, then "first last code | label | prev-first prev-last",
 * or "ERR" for input that must be refused. */
static void test_periods(void **state)
{
	FILE *f = fopen("tests/data/core/periods.txt", "r");
	char line[512];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char in[64], a[16], b[16], code[64], label[128], pa[16], pb[16], buf[128];
		struct hl_period p, q;
		struct hl_err err;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%63s ERR", in) == 1 && strstr(line, " ERR") != NULL) {
			assert_int_equal(hl_period_parse(in, &p, &err), HL_EINVAL);
			assert_non_null(strstr(err.msg, "không hợp lệ") ?
					err.msg :
					strstr(err.msg, "ngày cuối"));
			cases++;
			continue;
		}
		assert_int_equal(sscanf(line, "%63s %15s %15s %63s | %127[^|]| %15s %15s", in, a, b,
					 code, label, pa, pb),
			7);
		label[strlen(label) - 1] = '\0'; /* the space before '|' */
		assert_int_equal(hl_period_parse(in, &p, &err), HL_OK);
		assert_string_equal(hl_day_iso(p.first, buf, sizeof(buf)), a);
		assert_string_equal(hl_day_iso(p.last, buf, sizeof(buf)), b);
		assert_string_equal(hl_period_code(&p, buf, sizeof(buf)), code);
		assert_string_equal(hl_period_label(&p, buf, sizeof(buf)), label);
		/* the label reads back as the same period */
		assert_int_equal(hl_period_parse(label, &q, &err), HL_OK);
		assert_string_equal(hl_period_code(&q, buf, sizeof(buf)), code);
		hl_period_prev_year(&p, &q);
		assert_string_equal(hl_day_iso(q.first, buf, sizeof(buf)), pa);
		assert_string_equal(hl_day_iso(q.last, buf, sizeof(buf)), pb);
		cases++;
	}
	fclose(f);
	assert_true(cases >= 12);
}

/* Each line "INPUT | CODE" or "INPUT | ERR" (the input may hold spaces). */
static void test_periods_vn(void **state)
{
	FILE *f = fopen("tests/data/core/periods_vn.txt", "r");
	char line[512];
	int cases = 0, refused = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *bar, buf[64];
		struct hl_period p;
		struct hl_err err;
		int rc;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		bar = strstr(line, " | ");
		assert_non_null(bar);
		while (strstr(bar + 1, " | ") != NULL)
			bar = strstr(bar + 1, " | ");
		*bar = '\0';
		hl_err_clear(&err);
		rc = hl_period_parse(line, &p, &err);
		if (strcmp(bar + 3, "ERR") == 0) {
			if (rc != HL_EINVAL)
				fail_msg("'%s' was accepted as %s", line,
					hl_period_code(&p, buf, sizeof(buf)));
			assert_non_null(strstr(err.msg, "không hợp lệ") ?
					err.msg :
					strstr(err.msg, "ngày cuối"));
			assert_string_equal(err.where, "period");
			refused++;
		} else {
			if (rc != HL_OK)
				fail_msg("'%s' refused: %s", line, err.msg);
			assert_string_equal(hl_period_code(&p, buf, sizeof(buf)), bar + 3);
		}
		cases++;
	}
	fclose(f);
	assert_true(cases >= 60);
	assert_true(refused >= 20);
}

/* Input that cannot be shown back (not UTF-8, too long) is refused without echoing it. */
static void test_periods_bad_bytes(void **state)
{
	struct hl_period p;
	struct hl_err err;
	char big[200];

	(void)state;
	hl_err_clear(&err);
	assert_int_equal(hl_period_parse("Qu\xff 3/2025", &p, &err), HL_EINVAL);
	assert_null(strchr(err.msg, '\xff'));
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(hl_period_parse(big, &p, &err), HL_EINVAL);
	assert_null(strstr(err.msg, big + 100));
	assert_int_equal(hl_period_parse(NULL, &p, &err), HL_EINVAL);
	assert_int_equal(hl_period_parse("", &p, &err), HL_EINVAL);
}

static void test_sample(void **state)
{
	int64_t counts[4] = {700, 200, 100, 0}, out[4], sum = 0;

	(void)state;
	/* Slovin at 5 %: 1 000 dossiers -> 286 (285,71 rounded up). */
	assert_int_equal(hl_sample_size(HL_SAMPLE_SLOVIN, 1000, 0.05), 286);
	assert_int_equal(hl_sample_size(HL_SAMPLE_SLOVIN, 10, 0.05), 10);
	assert_int_equal(hl_sample_size(HL_SAMPLE_SLOVIN, 0, 0.05), 0);
	/* Cochran with finite-population correction: 1 000 -> 278. */
	assert_int_equal(hl_sample_size(HL_SAMPLE_COCHRAN, 1000, 0.05), 278);
	assert_int_equal(hl_sample_size(HL_SAMPLE_COCHRAN, 1000000, 0.05), 384);
	assert_int_equal(hl_sample_allocate(286, counts, 4, 0, out, NULL), HL_OK);
	for (int i = 0; i < 4; i++)
		sum += out[i];
	assert_int_equal(sum, 286);
	assert_int_equal(out[0], 200);
	assert_int_equal(out[1], 57);
	assert_int_equal(out[2], 29);
	assert_int_equal(out[3], 0);
	assert_int_equal(hl_sample_allocate(20, counts, 4, 5, out, NULL), HL_OK);
	assert_int_equal(out[2], 5); /* raised to the minimum */
	assert_int_equal(hl_sample_expected(365, 73, 365), 73);
	assert_int_equal(hl_sample_expected(100, 400, 365), 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_periods_vn),
		cmocka_unit_test(test_periods_bad_bytes),
		cmocka_unit_test(test_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
