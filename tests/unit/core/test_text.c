/* test_text.c — base/text.c: hl_parse_long, the one whole-number option
 * parser the command line and the pages share, and hl_check_name. */
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

/* hl_check_name: the one rule for names and codes people type. */
static void test_check_name(void **state)
{
	struct hl_err err = {0};

	(void)state;
	assert_int_equal(hl_check_name("Kiosk tầng 1", 64, "name", "tên máy kiosk", &err), HL_OK);
	assert_int_equal(hl_check_name("", 64, "name", "tên máy kiosk", &err), HL_EINVAL);
	assert_string_equal(err.msg, "thiếu tên máy kiosk");
	assert_string_equal(err.where, "name");
	assert_int_equal(hl_check_name(NULL, 64, "name", "mã hồ sơ", &err), HL_EINVAL);
	assert_string_equal(err.msg, "thiếu mã hồ sơ");
	/* max counts the terminating NUL: 3 bytes fit in 4, 4 do not */
	assert_int_equal(hl_check_name("abc", 4, "x", "mã", &err), HL_OK);
	assert_int_equal(hl_check_name("abcd", 4, "x", "mã", &err), HL_EINVAL);
	assert_string_equal(err.msg, "mã dài quá 3 byte");
	assert_int_equal(hl_check_name("a\xC3(", 64, "x", "mã", &err), HL_EINVAL);
	assert_string_equal(err.msg, "mã chứa ký tự không hợp lệ (không phải UTF-8)");
	/* no control character at all, not even a tab or a line break */
	assert_int_equal(hl_check_name("a\tb", 64, "x", "mã", &err), HL_EINVAL);
	assert_string_equal(err.msg, "mã chứa ký tự không hợp lệ (ký tự điều khiển)");
	assert_int_equal(hl_check_name("a\nb", 64, "x", "mã", &err), HL_EINVAL);
	assert_int_equal(hl_check_name("a\x7f", 64, "x", "mã", &err), HL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_long),
		cmocka_unit_test(test_check_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
