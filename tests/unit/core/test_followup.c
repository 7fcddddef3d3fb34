/* test_followup.c — the rule that opens a follow-up case (core/followup.h):
 * the cases of tests/data/followup/rule.txt on the built-in instruments, and
 * which levels of each built-in scale are unsatisfied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/followup.h"

/* The answers of a case: its digits, spaces left out; returns how many. */
static int answers_of(const char *s, unsigned char *out, int cap)
{
	int n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		assert_true(*s >= '0' && *s <= '9' && n < cap);
		out[n++] = (unsigned char)(*s - '0');
	}
	return n;
}

static void test_rule_data(void **state)
{
	FILE *f = fopen("tests/data/followup/rule.txt", "r");
	struct hl_arena *ar = hl_arena_new(1 << 20);
	char line[512];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	assert_non_null(ar);
	while (fgets(line, (int)sizeof(line), f) != NULL) {
		char *fld[3], *arrow, *want, *crit, *p = line;
		unsigned char ans[HL_MAX_QUESTIONS];
		struct hl_instrument *in = NULL;
		struct hl_err err = {0};
		struct fu_verdict v;
		int n;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		arrow = strstr(line, "=>");
		assert_non_null(arrow);
		*arrow = '\0';
		want = hl_trim(arrow + 2);
		crit = strchr(want, ' ');
		assert_non_null(crit);
		*crit++ = '\0';
		for (int i = 0; i < 3; i++) {
			char *bar = strchr(p, '|');

			assert_true(i == 2 || bar != NULL);
			if (bar != NULL)
				*bar = '\0';
			fld[i] = hl_trim(p);
			p = bar != NULL ? bar + 1 : p;
		}
		assert_int_equal(hl_instrument_builtin(ar, fld[0], &in, &err), HL_OK);
		n = answers_of(fld[1], ans, (int)sizeof(ans));
		assert_int_equal(n, in->nquestions);
		fu_judge(in, ans, n, strcmp(fld[2], "yes") == 0, &v);
		if (v.open != (strcmp(want, "open") == 0) ||
			strcmp(v.criteria, strcmp(crit, "-") == 0 ? "" : crit) != 0)
			fail_msg("%s | %s: want %s %s, got %s %s (%d of %d unsatisfied)", fld[1],
				fld[2], want, crit, v.open ? "open" : "no", v.criteria,
				v.unsatisfied, v.valid);
		cases++;
	}
	fclose(f);
	hl_arena_free(ar);
	assert_true(cases >= 12);
}

/* hl5: 1 and 2; info3: 1; yn: "Không"; nothing outside the scale. */
static void test_levels(void **state)
{
	struct hl_arena *ar = hl_arena_new(1 << 20);
	static const char *const want[][2] = {{"hl5", "11000"}, {"info3", "100"}, {"yn", "10"}};
	int seen = 0;

	(void)state;
	for (const char *const *code = hl_instrument_builtin_codes(); *code != NULL; code++) {
		struct hl_instrument *in = NULL;
		struct hl_err err = {0};

		assert_int_equal(hl_instrument_builtin(ar, *code, &in, &err), HL_OK);
		for (int s = 0; s < in->nscales; s++) {
			const struct hl_scale *sc = &in->scales[s];

			for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
				if (strcmp(sc->code, want[w][0]) != 0)
					continue;
				for (int l = 1; l <= sc->nlevels; l++)
					assert_int_equal(fu_level_unsatisfied(sc, l),
						want[w][1][l - 1] == '1');
				assert_false(fu_level_unsatisfied(sc, 0));
				assert_false(fu_level_unsatisfied(sc, sc->nlevels + 1));
				seen++;
			}
		}
	}
	hl_arena_free(ar);
	assert_true(seen >= 2);
}

/* Criteria codes read as names; an unknown code stays; a short buffer cuts. */
static void test_criteria_label(void **state)
{
	char buf[128], tiny[8];

	(void)state;
	assert_string_equal(fu_criteria_label("PV;KQ", buf, sizeof(buf)),
		"Sự phục vụ của công chức, viên chức; Kết quả giải quyết công việc");
	assert_string_equal(fu_criteria_label("DK;TT", buf, sizeof(buf)),
		"DK; Tiếp nhận và xử lý thông tin phản hồi");
	assert_string_equal(fu_criteria_label("", buf, sizeof(buf)), "");
	/* cut at a character boundary: "ế" is 3 bytes */
	assert_string_equal(fu_criteria_label("TC", tiny, sizeof(tiny)), "Tiếp ");
	assert_string_equal(fu_criteria_label("TC", tiny, 5), "Ti");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_data),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_criteria_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
