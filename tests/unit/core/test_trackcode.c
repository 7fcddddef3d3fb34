/* test_trackcode.c — the short tracking code of public feedback: its
 * alphabet (31 symbols, none of the look-alikes), the code made from bytes,
 * its grouping, and what a person may type (any case, dashes and spaces, the
 * item's code before it in one box). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/trackcode.h"

static void test_alphabet(void **state)
{
	(void)state;
	assert_int_equal(strlen(hl_tcode_alphabet), HL_TCODE_ALPHABET_N);
	assert_int_equal(HL_TCODE_ALPHABET_N, 31);
	for (const char *bad = "01OIL"; *bad; bad++)
		assert_null(strchr(hl_tcode_alphabet, *bad));
	for (int i = 0; i < HL_TCODE_ALPHABET_N; i++) {
		char c = hl_tcode_alphabet[i];

		assert_true((c >= '2' && c <= '9') || (c >= 'A' && c <= 'Z'));
		assert_ptr_equal(strchr(hl_tcode_alphabet, c), hl_tcode_alphabet + i); /* once */
	}
}

static void test_make(void **state)
{
	unsigned char zero[HL_TCODE_RAW] = {0}, one[HL_TCODE_RAW] = {1}, max[HL_TCODE_RAW];
	unsigned char raw[HL_TCODE_RAW];
	char a[HL_TCODE_SIZE], b[HL_TCODE_SIZE];
	int seen[HL_TCODE_ALPHABET_N] = {0};
	uint64_t x = 88172645463325252ULL;

	(void)state;
	memset(max, 0xff, sizeof(max));
	hl_tcode_make(zero, a);
	assert_string_equal(a, "2222222222");
	hl_tcode_make(one, a);
	assert_string_equal(a, "2222222223");
	/* 2^64 - 1 in base 31 */
	hl_tcode_make(max, a);
	assert_int_equal(strlen(a), HL_TCODE_LEN);
	assert_string_equal(a, "97MD67PA8H");
	/* every symbol turns up, only symbols of the alphabet, and different
	 * bytes give different codes */
	for (int k = 0; k < 2000; k++) {
		for (int i = 0; i < HL_TCODE_RAW; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			raw[i] = (unsigned char)x;
		}
		hl_tcode_make(raw, b);
		assert_int_equal(strlen(b), HL_TCODE_LEN);
		assert_string_not_equal(a, b);
		for (int i = 0; i < HL_TCODE_LEN; i++) {
			const char *p = strchr(hl_tcode_alphabet, b[i]);

			assert_non_null(p);
			seen[p - hl_tcode_alphabet]++;
		}
		memcpy(a, b, sizeof(a));
	}
	for (int i = 0; i < HL_TCODE_ALPHABET_N; i++)
		assert_true(seen[i] > 300); /* 20 000 symbols / 31 ≈ 645 each */
}

static void test_group(void **state)
{
	char g[HL_TCODE_SHOWN_SIZE];

	(void)state;
	hl_tcode_group("K7QF93MX2D", g);
	assert_string_equal(g, "K7QF-93MX-2D");
	assert_int_equal(strlen(g) + 1, HL_TCODE_SHOWN_SIZE);
}

static void test_parse(void **state)
{
	static const char *const ok[] = {
		"K7QF-93MX-2D",
		"K7QF93MX2D",
		"k7qf-93mx-2d",
		"  K7QF 93MX 2D ",
		"k7Qf93-mX2d",
		"K-7-Q-F-9-3-M-X-2-D",
	};
	static const char *const bad[] = {
		"",
		"K7QF-93MX",
		"K7QF-93MX-2DA",
		"K7QF-93MX-2O",
		"K7QF-93MX-20",
		"K7QF-93MX-21",
		"K7QF-93MX-2I",
		"K7QF-93MX-2l",
		"K7QF_93MX_2D",
		"K7QF-93MX-2Đ",
	};
	char out[HL_TCODE_SIZE];
	struct hl_err err;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(hl_tcode_parse(ok[i], out, &err), HL_OK);
		assert_string_equal(out, "K7QF93MX2D");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(hl_tcode_parse(bad[i], out, &err), HL_EINVAL);
		assert_string_equal(out, "");
		assert_true(err.msg[0] != '\0');
	}
	assert_int_equal(hl_tcode_parse(NULL, out, &err), HL_EINVAL);
	/* a look-alike is named as such */
	hl_tcode_parse("K7QF-93MX-2O", out, &err);
	assert_non_null(strstr(err.msg, "không có chữ O"));
}

static void test_split(void **state)
{
	char item[64], out[HL_TCODE_SIZE];

	(void)state;
	assert_int_equal(hl_tcode_split("PA-VH-20260302-0001 K7QF-93MX-2D", item, sizeof(item),
				 out),
		HL_OK);
	assert_string_equal(item, "PA-VH-20260302-0001");
	assert_string_equal(out, "K7QF93MX2D");
	assert_int_equal(hl_tcode_split("  pa-vh-20260302-0023  k7qf93mx2d ", item, sizeof(item),
				 out),
		HL_OK);
	assert_string_equal(item, "pa-vh-20260302-0023");
	assert_string_equal(out, "K7QF93MX2D");
	assert_int_equal(hl_tcode_split("PAKN.20250301.0001-K7QF-93MX-2D", item, sizeof(item), out),
		HL_OK);
	assert_string_equal(item, "PAKN.20250301.0001");
	/* no item code, no tracking code, a look-alike, an item code too long */
	assert_int_equal(hl_tcode_split("K7QF-93MX-2D", item, sizeof(item), out), HL_EINVAL);
	assert_string_equal(item, "");
	assert_string_equal(out, "");
	assert_int_equal(hl_tcode_split("PA-VH-20260302-0001", item, sizeof(item), out), HL_EINVAL);
	assert_int_equal(hl_tcode_split("PA-VH-1 K7QF-93MX-2O", item, sizeof(item), out),
		HL_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(hl_tcode_split("PA-VH-20260302-0001 K7QF-93MX-2D", item, 8, out),
		HL_EINVAL);
	assert_int_equal(hl_tcode_split("", item, sizeof(item), out), HL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_make),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
