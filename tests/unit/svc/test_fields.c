/* test_fields.c — a field found by what a clerk typed in the paper entry's
 * box (svc/fields.h): its code, its name in any case and with or without
 * diacritics, the first letters of exactly one name; nothing for a start
 * shared by two names or for an unknown text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "svc/fields.h"

static void test_find(void **state)
{
	struct store_field f[4] = {{0}};
	static const char *const fields[4][2] = {
		{"ho-tich", "Hộ tịch"},
		{"dat-dai", "Đất đai"},
		{"chung-thuc", "Chứng thực"},
		{"cu-tru", "Cư trú"},
	};
	static const struct {
		const char *typed;
		int want;
	} cases[] = {
		{"ho-tich", 0},
		{"Hộ tịch", 0},
		{"ho tich", 0},
		{"HỘ TỊCH", 0},
		{"  hộ tịch ", 0},
		{"dat dai", 1},
		{"Đất", 1},
		{"chứng", 2},
		{"cu-tru", 3},
		{"Cư trú", 3},
		{"c", -1},  /* too short to be a start */
		{"chu", 2}, /* only Chứng thực starts so; Cư trú does not */
		{"khong-co", -1},
		{"", -1},
		{"Hộ tịch x", -1},
	};
	size_t at;

	(void)state;
	for (int i = 0; i < 4; i++) {
		snprintf(f[i].code, sizeof(f[i].code), "%s", fields[i][0]);
		snprintf(f[i].name, sizeof(f[i].name), "%s", fields[i][1]);
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool found = fields_find(f, 4, cases[i].typed, &at);

		if (found != (cases[i].want >= 0) || (found && (int)at != cases[i].want))
			fail_msg("'%s' found %d (at %zu), expected %d", cases[i].typed, found, at,
				cases[i].want);
	}
	/* two names that start alike: the start names neither */
	snprintf(f[3].name, sizeof(f[3].name), "Chứng nhận");
	assert_false(fields_find(f, 4, "chung", &at));
	assert_true(fields_find(f, 4, "chung nhan", &at) && at == 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
