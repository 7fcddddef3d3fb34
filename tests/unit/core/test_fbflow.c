/* test_fbflow.c — the feedback state machine (core/fbflow.h): the order
 * of steps (fb_transition, fb_next_step) from tests/data/feedback/flow.txt,
 * the 2/1/0 score from tests/data/feedback/score.txt, the vocabulary's
 * codes going back and forth, their labels, and minutes as days. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/text.h"
#include "core/fbflow.h"

#define MAXF 4

static const char *const states[] = {
	[FB_RECEIVED] = "received",
	[FB_CLASSIFIED] = "classified",
	[FB_FORWARDED] = "forwarded",
	[FB_ANSWERED] = "answered",
	[FB_PUBLISHED] = "published",
	[FB_CLOSED] = "closed",
	[FB_REOPENED] = "reopened",
};
static const char *const actions[] = {
	[FB_A_CLASSIFY] = "classify",
	[FB_A_FORWARD] = "forward",
	[FB_A_ANSWER] = "answer",
	[FB_A_PUBLISH] = "publish",
	[FB_A_RATE_OK] = "rate-ok",
	[FB_A_RATE_BAD] = "rate-bad",
	[FB_A_REOPEN] = "reopen",
};

static int index_of(const char *const *t, int n, const char *s)
{
	for (int i = 1; i < n; i++)
		if (t[i] != NULL && strcmp(t[i], s) == 0)
			return i;
	fail_msg("unknown name '%s'", s);
	return 0;
}

#define STATE(s) index_of(states, (int)(sizeof(states) / sizeof(states[0])), s)
#define ACTION(s) index_of(actions, (int)(sizeof(actions) / sizeof(actions[0])), s)

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

/* The next data line of f without its newline, its expectation after "=>" in *want. */
static bool next_case(FILE *f, char *line, size_t size, char **want)
{
	while (fgets(line, (int)size, f) != NULL) {
		char *arrow;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		arrow = strstr(line, "=>");
		assert_non_null(arrow);
		*arrow = '\0';
		*want = hl_trim(arrow + 2);
		return true;
	}
	return false;
}

static void test_flow_data(void **state)
{
	FILE *f = fopen("tests/data/feedback/flow.txt", "r");
	char line[256], *want, *fld[MAXF];
	int cases = 0, refused = 0;

	(void)state;
	assert_non_null(f);
	while (next_case(f, line, sizeof(line), &want)) {
		struct hl_err err = {0};
		int cls = FB_CLASS_NONE, next = 0, rc;

		if (strncmp(line, "owed ", 5) == 0) {
			int st = STATE(hl_trim(line + 5));

			if (strcmp(fb_step_code(fb_next_step(st)), want) != 0)
				fail_msg("owed in %s: want %s, got %s", line + 5, want,
					fb_step_code(fb_next_step(st)));
			cases++;
			continue;
		}
		assert_int_equal(split(line, fld), 3);
		if (strcmp(fld[2], "-") != 0)
			assert_int_equal(fb_class_parse(fld[2], &cls, &err), HL_OK);
		rc = fb_transition(STATE(fld[0]), cls, ACTION(fld[1]), &next, &err);
		if (strcmp(want, "refused") == 0) {
			if (rc != HL_ECONFLICT)
				fail_msg("%s | %s: want refused, got %s", fld[0], fld[1],
					states[next]);
			/* The message says where the item stands, in Vietnamese. */
			assert_true(strlen(err.msg) > 20);
			refused++;
		} else {
			if (rc != HL_OK)
				fail_msg("%s | %s: want %s, refused: %s", fld[0], fld[1], want,
					err.msg);
			if (next != STATE(want))
				fail_msg("%s | %s: want %s, got %s", fld[0], fld[1], want,
					states[next]);
		}
		cases++;
	}
	fclose(f);
	assert_true(cases >= 30);
	assert_true(refused >= 10);
}

/* An answer before forwarding says so, and how to go on. */
static void test_answer_before_forward(void **state)
{
	struct hl_err err = {0};
	int next = 0;

	(void)state;
	assert_int_equal(fb_transition(FB_CLASSIFIED, FB_CONDUCT, FB_A_ANSWER, &next, &err),
		HL_ECONFLICT);
	assert_non_null(strstr(err.msg, "trước khi chuyển"));
	assert_non_null(strstr(err.msg, "feedback forward"));
}

static void test_score_data(void **state)
{
	FILE *f = fopen("tests/data/feedback/score.txt", "r");
	char line[256], *want, *fld[MAXF];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (next_case(f, line, sizeof(line), &want)) {
		long due, on_time;

		assert_int_equal(split(line, fld), 2);
		due = strtol(fld[0], NULL, 10);
		on_time = strtol(fld[1], NULL, 10);
		if (fb_score(due, on_time) != (int)strtol(want, NULL, 10))
			fail_msg("score(%ld, %ld): want %s, got %d", due, on_time, want,
				fb_score(due, on_time));
		cases++;
	}
	fclose(f);
	assert_true(cases >= 8);
}

/* Every code parses back to its value; unknown ones are refused with the list. */
static void test_vocabulary(void **state)
{
	struct hl_err err = {0};
	int v = 0;

	(void)state;
	for (int ch = FB_COUNTER; ch <= FB_PORTAL; ch++) {
		assert_int_equal(fb_channel_parse(fb_channel_code(ch), &v, &err), HL_OK);
		assert_int_equal(v, ch);
		assert_true(fb_channel_label(ch)[0] != '\0');
	}
	for (int c = FB_NOT_ACCEPTED; c < FB_NCLASSES; c++) {
		assert_int_equal(fb_class_parse(fb_class_code(c), &v, &err), HL_OK);
		assert_int_equal(v, c);
	}
	for (int k = FB_PAKN; k <= FB_TO_CAO; k++) {
		assert_int_equal(fb_kind_parse(fb_kind_code(k), &v, &err), HL_OK);
		assert_int_equal(v, k);
	}
	assert_int_equal(fb_channel_parse("email", &v, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "counter, hotline, letter, web, kiosk, portal"));
	assert_int_equal(fb_criterion_parse("PV", &err), HL_OK);
	assert_int_equal(fb_criterion_parse("", &err), HL_OK);
	assert_int_equal(fb_criterion_parse("XX", &err), HL_EINVAL);
	assert_string_equal(fb_channel_code(99), "");
}

static void test_minute_format(void **state)
{
	char buf[20];
	int64_t m;

	(void)state;
	assert_true(hl_minute_parse("2026-02-23 16:30", &m));
	assert_string_equal(hl_clock_iso_minute(m, buf, sizeof(buf)), "2026-02-23 16:30");
	assert_string_equal(hl_clock_fmt_minute(m, buf, sizeof(buf)), "23/02/2026 16:30");
	assert_string_equal(hl_clock_iso_minute(-1, buf, sizeof(buf)), "");
}

/* The words of a step's detail, and the day of a minute before 1970 too. */
static void test_code_label_and_days(void **state)
{
	(void)state;
	assert_string_equal(fb_code_label("hotline"), "Đường dây nóng");
	assert_string_equal(fb_code_label("hanh-vi"),
		"Hành vi hành chính của cơ quan, cán bộ, công chức");
	assert_string_equal(fb_code_label("khieu-nai"), "Khiếu nại");
	assert_null(fb_code_label("satisfied"));
	assert_null(fb_code_label(""));
	assert_int_equal(fb_minute_day(0), 0);
	assert_int_equal(fb_minute_day(1439), 0);
	assert_int_equal(fb_minute_day(1440), 1);
	assert_int_equal(fb_minute_day(-1), -1);
	assert_int_equal(fb_day_minute(2), 2880);
	assert_true(fb_may_reopen(FB_CLOSED));
	assert_false(fb_may_reopen(FB_REOPENED));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow_data),
		cmocka_unit_test(test_answer_before_forward),
		cmocka_unit_test(test_score_data),
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_minute_format),
		cmocka_unit_test(test_code_label_and_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
