/* test_accounts.c — who did something, as people read it
 * (svc/accounts.h account_who_label): the command line, an account, a
 * kiosk and the public form in Vietnamese, anything else as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "svc/accounts.h"

static void test_who_label(void **state)
{
	static const char *const cases[][2] = {
		{"cli", "dòng lệnh"},
		{"cli:root", "dòng lệnh (root)"},
		{"web:canbo", "canbo"},
		{"web:cong-dan", "người dân (trang công khai)"},
		{"web:nguoi-gui", "người gửi"},
		{"kiosk:Quầy 1", "kiosk Quầy 1"},
		{"demo", "demo"},
		{"web:", "web:"},
		{"", ""},
	};
	struct hl_arena *a = hl_arena_new(1 << 16);

	(void)state;
	assert_non_null(a);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(account_who_label(a, cases[i][0]), cases[i][1]);
	assert_string_equal(account_who_label(a, NULL), "");
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_label),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
