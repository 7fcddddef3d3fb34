/* test_text.c — base/text.c: hl_parse_long, the one whole-number option
 * parser the command line and the pages share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"

static void test_parse_long(void **state)
{
	long v = -7;

	(void)state;
	assert_true(hl_parse_long("2025", 1900, 2999, &v));
	assert_int_equal(v, 2025);
	assert_true(hl_parse_long("1", 1, 1, &v));
	assert_int_equal(v, 1);
	/* bounds are inclusive; outside them, or not all a number: refused, *out kept */
	v = -7;
	assert_false(hl_parse_long("0", 1, 10, &v));
	assert_false(hl_parse_long("11", 1, 10, &v));
	assert_false(hl_parse_long("", 1, 10, &v));
	assert_false(hl_parse_long(NULL, 1, 10, &v));
	assert_false(hl_parse_long("5x", 1, 10, &v));
	assert_false(hl_parse_long("5 ", 1, 10, &v));
	assert_false(hl_parse_long("x", 1, 10, &v));
	assert_false(hl_parse_long("99999999999999999999999", 1, 10, &v));
	assert_int_equal(v, -7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
