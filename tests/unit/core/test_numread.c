/* test_numread.c — Vietnamese numbers read aloud, data-driven from
 * tests/data/core/numbers_vn.txt (numr_text) and spoken_vn.txt
 * (numr_spoken); plus numr_int's edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/numread.h"

/* Call fn(input, expected) on each "INPUT | EXPECTED" line of a file. */
static int each_case(const char *path, void (*fn)(const char *in, const char *want))
{
	char line[512];
	FILE *f = fopen(path, "r");
	int n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *bar, *want;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		bar = strstr(line, " | ");
		assert_non_null(bar);
		*bar = '\0';
		want = bar + 3;
		fn(line, want);
		n++;
	}
	fclose(f);
	return n;
}

static void number_case(const char *in, const char *want)
{
	char buf[512];
	int rc = numr_text(in, buf, sizeof(buf));

	if (strcmp(want, "ERR") == 0) {
		if (rc == HL_OK)
			fail_msg("'%s' read as '%s', expected a refusal", in, buf);
		assert_string_equal(buf, "");
		return;
	}
	if (rc != HL_OK || strcmp(buf, want) != 0)
		fail_msg("'%s': got '%s' (rc %d), expected '%s'", in, buf, rc, want);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_true(each_case("tests/data/core/numbers_vn.txt", number_case) > 40);
}

static struct hl_arena *arena;

static void spoken_case(const char *in, const char *want)
{
	const char *got = numr_spoken(arena, in);

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("'%s': got '%s', expected '%s'", in, got, want);
}

static void test_spoken(void **state)
{
	(void)state;
	arena = hl_arena_new(1 << 20);
	assert_non_null(arena);
	assert_true(each_case("tests/data/core/spoken_vn.txt", spoken_case) > 8);
	hl_arena_free(arena);
}

static void test_int_edges(void **state)
{
	char buf[256], small[8];

	(void)state;
	assert_int_equal(numr_int(INT64_MAX, buf, sizeof(buf)), HL_OK);
	assert_true(strncmp(buf, "chín tỷ tỷ hai trăm hai mươi ba triệu tỷ", 50) == 0);
	assert_int_equal(numr_int(INT64_MIN, buf, sizeof(buf)), HL_OK);
	assert_true(strncmp(buf, "âm chín tỷ tỷ", 17) == 0);
	/* too small a buffer: refused, never a truncated reading */
	assert_int_equal(numr_int(2025, small, sizeof(small)), HL_EINVAL);
	assert_string_equal(small, "");
	assert_int_equal(numr_text("88,90", small, sizeof(small)), HL_EINVAL);
	assert_string_equal(small, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_spoken),
		cmocka_unit_test(test_int_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
