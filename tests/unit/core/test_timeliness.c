/* test_timeliness.c — dossier classes and rule breaks, data-driven from
 * tests/data/dossiers/ (classes.txt: tl_classify; breaks.txt: tl_breaks on
 * the default calendar), and the on-time rate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/date.h"
#include "core/timeliness.h"

#define MAXF 12

/* Split line at '|' into at most MAXF trimmed fields; returns how many. */
static int split(char *line, char **f)
{
	int n = 0;
	char *p = line;

	while (n < MAXF) {
		char *bar = strchr(p, '|');

		if (bar != NULL)
			*bar = '\0';
		f[n++] = hl_trim(p);
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return n;
}

static int64_t minute(const char *s)
{
	int64_t m;

	if (strcmp(s, "-") == 0)
		return -1;
	if (!hl_minute_parse(s, &m))
		fail_msg("bad time '%s'", s);
	return m;
}

static void test_classes_data(void **state)
{
	FILE *f = fopen("tests/data/dossiers/classes.txt", "r");
	char line[512];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *fld[MAXF], *want;
		enum tl_class got;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		want = strstr(line, "=>");
		assert_non_null(want);
		*want = '\0';
		want = hl_trim(want + 2);
		assert_int_equal(split(line, fld), 4);
		got = tl_classify(minute(fld[0]), minute(fld[1]), minute(fld[2]), minute(fld[3]));
		if (strcmp(got == TL_NONE ? "none" : tl_class_name(got), want) != 0)
			fail_msg("%s | %s | %s | %s: want %s, got %s", fld[0], fld[1], fld[2],
				fld[3], want, tl_class_name(got));
		/* A finished dossier's class does not depend on the moment once finished. */
		if (got >= TL_EARLY && got <= TL_LATE)
			assert_int_equal(tl_finished_class(minute(fld[1]), minute(fld[2])), got);
		cases++;
	}
	fclose(f);
	assert_true(cases >= 15);
}

static void test_breaks_data(void **state)
{
	FILE *f = fopen("tests/data/dossiers/breaks.txt", "r");
	const struct wc_config cfg = {NULL, 0, 0};
	struct wc_cal *cal = NULL;
	struct hl_err err;
	char line[1024];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	assert_int_equal(wc_build(&cfg, 2024, 2026, &cal, &err), HL_OK);
	while (fgets(line, sizeof(line), f) != NULL) {
		const struct wc_sched s = {cal, NULL, 0};
		char *fld[MAXF], *want, got[1024] = "";
		struct tl_break br[TL_NRULES];
		struct tl_dossier d;
		int n = -1;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		want = strstr(line, "=>");
		assert_non_null(want);
		*want = '\0';
		want = hl_trim(want + 2);
		assert_int_equal(split(line, fld), 9);
		d.channel = tl_channel_parse(fld[0]);
		assert_int_not_equal(d.channel, TL_CH_NONE);
		d.submitted_at = minute(fld[1]);
		d.received_at = minute(fld[2]);
		d.due_at = minute(fld[3]);
		d.finished_at = minute(fld[4]);
		d.supplements = atoi(fld[5]);
		d.reschedules = atoi(fld[6]);
		d.apology = strcmp(fld[7], "1") == 0;
		assert_int_equal(tl_breaks(&d, minute(fld[8]), &s, 8 * 60, br, &n, &err), HL_OK);
		for (int i = 0; i < n; i++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s: %s",
				i ? "; " : "", tl_rule_code(br[i].rule), br[i].detail);
		if (n == 0)
			snprintf(got, sizeof(got), "-");
		if (strcmp(got, want) != 0)
			fail_msg("line with %s %s: want \"%s\", got \"%s\"", fld[0], fld[2], want,
				got);
		cases++;
	}
	fclose(f);
	wc_free(cal);
	assert_true(cases >= 15);
}

static void test_rate(void **state)
{
	struct tl_counts c = {{0}};
	double pct;

	(void)state;
	c.n[TL_PENDING] = 4;
	c.n[TL_OVERDUE] = 1;
	assert_false(tl_on_time_pct(&c, &pct));
	assert_int_equal(tl_total(&c), 5);
	c.n[TL_EARLY] = 1;
	c.n[TL_ON_TIME] = 2;
	c.n[TL_LATE] = 4;
	assert_true(tl_on_time_pct(&c, &pct));
	assert_true(pct > 42.857 && pct < 42.858);
	assert_int_equal(tl_finished(&c), 7);
	assert_int_equal(tl_total(&c), 12);
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(tl_channel_parse("online"), TL_CH_ONLINE);
	assert_int_equal(tl_channel_parse("post"), TL_CH_POST);
	assert_int_equal(tl_channel_parse("fax"), TL_CH_NONE);
	assert_int_equal(tl_channel_parse(""), TL_CH_NONE);
	assert_string_equal(tl_channel_name(TL_CH_DIRECT), "direct");
	assert_string_equal(tl_class_name(TL_ON_TIME), "on_time");
	assert_string_equal(tl_class_label(TL_OVERDUE), "Quá hạn");
	assert_string_equal(tl_rule_code(TL_R_ONLINE_LATE), "online-received-late");
}

/* An online dossier needs a calendar; without one it is an error, not a pass. */
static void test_breaks_need_calendar(void **state)
{
	struct tl_dossier d = {TL_CH_ONLINE, 0, 100, 2000, -1, 0, 0, false};
	struct tl_break br[TL_NRULES];
	struct hl_err err;
	int n;

	(void)state;
	assert_int_equal(tl_breaks(&d, 50, NULL, 480, br, &n, &err), HL_EINVAL);
	d.channel = TL_CH_DIRECT;
	assert_int_equal(tl_breaks(&d, 50, NULL, 480, br, &n, &err), HL_OK);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_data),
		cmocka_unit_test(test_breaks_data),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_breaks_need_calendar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
