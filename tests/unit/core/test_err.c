/* test_err.c — base/err.c: a message cut by its buffer stays valid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "base/err.h"
#include "base/text.h"

static void test_cut_inside_character(void **state)
{
	char value[2048];
	struct hl_err err;

	(void)state;
	/* "ữ" is 3 bytes; every shift of the cut lands at a different byte of it */
	for (int shift = 0; shift < 4; shift++) {
		size_t n = 0;

		memset(value, 'a', (size_t)shift);
		n = (size_t)shift;
		while (n + 3 < sizeof(value)) {
			memcpy(value + n, "ữ", 3);
			n += 3;
		}
		value[n] = '\0';
		assert_int_equal(hl_err_set(&err, HL_EINVAL, "x", "mã '%s' không có", value),
			HL_EINVAL);
		assert_true(strlen(err.msg) < sizeof(err.msg));
		assert_true(strlen(err.msg) + 3 >= sizeof(err.msg) - 1);
		assert_true(hl_utf8_valid(err.msg, strlen(err.msg), NULL));
	}
	/* a short message is untouched */
	hl_err_set(&err, HL_EINVAL, "x", "mã '%s' không có", "ữ");
	assert_string_equal(err.msg, "mã 'ữ' không có");
}

/* An error that wraps its own message ("context: %s", e.msg) keeps it
 * whole: the arguments overlap the buffer being written. */
static void test_wrap_own_message(void **state)
{
	struct hl_err e = {0};

	(void)state;
	hl_err_set(&e, HL_EINVAL, "a", "thiếu cột %s", "ma_don_vi");
	assert_int_equal(hl_err_set(&e, HL_EIO, "b", "tệp hỏng: %s", e.msg), HL_EIO);
	assert_string_equal(e.msg, "tệp hỏng: thiếu cột ma_don_vi");
	assert_string_equal(e.where, "b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_inside_character),
		cmocka_unit_test(test_wrap_own_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
