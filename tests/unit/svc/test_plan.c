/* test_plan.c — the improvement plan's pure parts: schedules and statuses
 * (tests/data/plan/schedules.txt, statuses.txt), the built-in standard
 * tasks of seed 003's appendix (7 TC, 4 HC, 6 PV, 5 KQ, 3 TT, NFC, valid
 * schedules), and the suggestion from values and targets
 * (tests/data/plan/suggest.txt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "svc/plan.h"

#define ARENA ((size_t)64 << 20)

/* Each "CODE<TAB>label" line of path: label "-" = not valid. */
static void check_pairs(const char *path, bool (*ok)(const char *),
	void (*label)(const char *, char *, size_t))
{
	FILE *f = fopen(path, "r");
	char line[512];
	int n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab, *want, got[256];

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		want = tab + 1;
		n++;
		if (strcmp(want, "-") == 0) {
			if (ok(line))
				fail_msg("%s: '%s' should not be valid", path, line);
			continue;
		}
		if (!ok(line))
			fail_msg("%s: '%s' should be valid", path, line);
		label(line, got, sizeof(got));
		if (strcmp(got, want) != 0)
			fail_msg("%s: '%s' gives '%s', expected '%s'", path, line, got, want);
	}
	fclose(f);
	assert_true(n > 10 || strstr(path, "statuses") != NULL);
	assert_true(n > 0);
}

static void sched_label(const char *s, char *buf, size_t size)
{
	plan_schedule_label(s, 2025, buf, size);
}

static void status_label(const char *s, char *buf, size_t size)
{
	snprintf(buf, size, "%s", plan_status_label(s));
}

static void test_schedules(void **state)
{
	(void)state;
	check_pairs("tests/data/plan/schedules.txt", plan_schedule_ok, sched_label);
}

static void test_statuses(void **state)
{
	(void)state;
	check_pairs("tests/data/plan/statuses.txt", plan_status_ok, status_label);
}

static void assert_nfc(struct hl_arena *a, const char *s)
{
	char *n = hl_utf8_nfc(a, s);

	assert_non_null(n);
	if (strcmp(n, s) != 0)
		fail_msg("not NFC: %.60s", s);
}

static void test_builtins(void **state)
{
	static const int want[PLAN_NCRIT] = {7, 4, 6, 5, 3};
	struct hl_arena *a = hl_arena_new(ARENA);
	struct store_plan_std *t = NULL;
	size_t n = 0;
	int count[PLAN_NCRIT] = {0}, last = 0;

	(void)state;
	assert_non_null(a);
	assert_int_equal(plan_std_builtin(a, &t, &n, NULL), HL_OK);
	assert_int_equal(n, 25);
	for (size_t i = 0; i < n; i++) {
		int c = plan_crit_index(t[i].criterion);

		assert_true(c >= 0);
		assert_true(c >= last); /* grouped in the order TC, HC, PV, KQ, TT */
		last = c;
		count[c]++;
		assert_int_equal(t[i].seq, (int)i + 1);
		assert_true(plan_schedule_ok(t[i].schedule));
		assert_true(t[i].task[0] != '\0' && t[i].responsible[0] != '\0' &&
			t[i].expected[0] != '\0');
		assert_nfc(a, t[i].task);
		assert_nfc(a, t[i].responsible);
		assert_nfc(a, t[i].expected);
	}
	for (int c = 0; c < PLAN_NCRIT; c++)
		assert_int_equal(count[c], want[c]);
	/* The appendix's first task and the Friday one, word for word. */
	assert_non_null(strstr(t[0].task, "Cung cấp các thông tin cần thiết cho tổ chức, cá nhân"));
	assert_string_equal(t[21].schedule, "thu-sau-hang-tuan");
	assert_string_equal(t[16].schedule, "quy-4");
	hl_arena_free(a);
}

/* "TC=82.58/90": a value and target, "-" for none. */
static void parse_value(const char *tok, struct plan_value *v, char *code, size_t size)
{
	const char *eq = strchr(tok, '='), *sl = strchr(tok, '/');
	char num[32];

	assert_non_null(eq);
	assert_non_null(sl);
	snprintf(code, size, "%.*s", (int)(eq - tok), tok);
	v->criterion = code;
	snprintf(num, sizeof(num), "%.*s", (int)(sl - eq - 1), eq + 1);
	v->has_value = strcmp(num, "-") != 0;
	if (v->has_value)
		assert_true(hl_parse_decimal(num, 0, 100, &v->value));
	v->has_target = strcmp(sl + 1, "-") != 0;
	if (v->has_target)
		assert_true(hl_parse_decimal(sl + 1, 0, 100, &v->target));
}

static void test_suggest(void **state)
{
	FILE *f = fopen("tests/data/plan/suggest.txt", "r");
	struct hl_arena *a = hl_arena_new(ARENA);
	struct store_plan_std *std = NULL;
	size_t nstd = 0;
	char line[512];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	assert_non_null(a);
	assert_int_equal(plan_std_builtin(a, &std, &nstd, NULL), HL_OK);
	while (fgets(line, sizeof(line), f) != NULL) {
		struct plan_value v[PLAN_NCRIT];
		char codes[PLAN_NCRIT][8], *bar, *tok, *save = NULL, want[256] = "", got[256] = "";
		struct store_plan_task *t = NULL;
		size_t n = 0;
		int nv = 0;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		bar = strchr(line, '|');
		assert_non_null(bar);
		*bar = '\0';
		for (tok = strtok_r(line, " ", &save); tok != NULL;
			tok = strtok_r(NULL, " ", &save)) {
			assert_true(nv < PLAN_NCRIT);
			parse_value(tok, &v[nv], codes[nv], sizeof(codes[nv]));
			nv++;
		}
		for (tok = strtok_r(bar + 1, " ", &save); tok != NULL;
			tok = strtok_r(NULL, " ", &save))
			snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s ", tok);
		assert_int_equal(plan_suggest_from(v, nv, std, nstd, 2025, a, &t, &n, NULL), HL_OK);
		/* Runs of one criterion, counted: "TC:7 HC:4 ". */
		for (size_t i = 0; i < n;) {
			size_t j = i;

			while (j < n && strcmp(t[j].criterion, t[i].criterion) == 0)
				j++;
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s:%zu ",
				t[i].criterion, j - i);
			i = j;
		}
		if (strcmp(got, want) != 0)
			fail_msg("suggest.txt case %d: got '%s', expected '%s'", cases + 1, got,
				want);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(t[i].no, (int)i + 1);
			assert_string_equal(t[i].status, "chua-bat-dau");
			assert_true(t[i].has_value && t[i].has_target);
			assert_null(strstr(t[i].task, "{năm}"));
			assert_null(strstr(t[i].expected, "{năm}"));
			assert_null(strstr(t[i].responsible, "{năm}"));
		}
		cases++;
	}
	fclose(f);
	assert_true(cases >= 6);
	hl_arena_free(a);
}

/* The year goes into the texts that name it ("{năm}" in the built-ins). */
static void test_year_filled(void **state)
{
	struct plan_value v = {"KQ", true, true, 80, 90};
	struct hl_arena *a = hl_arena_new(ARENA);
	struct store_plan_std *std = NULL;
	struct store_plan_task *t = NULL;
	size_t nstd = 0, n = 0;

	(void)state;
	assert_int_equal(plan_std_builtin(a, &std, &nstd, NULL), HL_OK);
	assert_int_equal(plan_suggest_from(&v, 1, std, nstd, 2026, a, &t, &n, NULL), HL_OK);
	assert_int_equal(n, 5);
	assert_non_null(strstr(t[2].expected, "trong năm 2026."));
	assert_int_equal(t[2].value, 80);
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedules),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_builtins),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_year_filled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
