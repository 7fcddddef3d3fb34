/* test_collate.c — base/collate.c: Vietnamese alphabetical order. Each list
 * below is in the order a Vietnamese reader expects; every pair is checked
 * both ways, and sorting a shuffled copy gives the list back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/collate.h"

static void in_order(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int c = hl_collate_vi(v[i], v[j]);

			if ((i < j && c >= 0) || (i > j && c <= 0) || (i == j && c != 0))
				fail_msg("'%s' vs '%s': %d", v[i], v[j], c);
		}
}

#define IN_ORDER(...) \
	do { \
		static const char *const v_[] = {__VA_ARGS__}; \
		in_order(v_, sizeof(v_) / sizeof(v_[0])); \
	} while (0)

/* The alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y. */
static void test_alphabet(void **state)
{
	(void)state;
	IN_ORDER("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
		"o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y");
	/* Letters outside the alphabet where Latin puts them. */
	IN_ORDER("e", "ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z");
	/* Not byte order: "Đ" (0xC4 0x90) would come after "Z". */
	IN_ORDER("Dương", "Đà Nẵng", "Đồng Nai", "Gia Lai", "Zê");
}

/* Letters over the whole string first, then tones, then case. */
static void test_levels(void **state)
{
	(void)state;
	/* Tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng. */
	IN_ORDER("ba", "bà", "bả", "bã", "bá", "bạ", "bác", "bạc", "bách");
	/* A letter difference anywhere beats a tone difference. */
	IN_ORDER("Bảo Lộc", "Bắc Nha Trang", "Bến Tre");
	IN_ORDER("bà con", "ba lô");
	IN_ORDER("Vĩnh Hải", "Vĩnh Hòa", "Vĩnh Hội", "Vĩnh Lương", "Vĩnh Nguyên", "Vĩnh Phước",
		"Vĩnh Phương", "Vĩnh Thọ");
	/* Lower case first, only when nothing else differs. */
	IN_ORDER("an", "An", "AN", "ăn");
	IN_ORDER("hà nội", "Hà Nội", "hà nội mới");
}

/* Spaces before letters, numbers by value, punctuation only as a last tie. */
static void test_words_numbers(void **state)
{
	(void)state;
	IN_ORDER("An Bình", "An Hải", "Anh Sơn", "Ân Thi");
	IN_ORDER("Phường 1", "Phường 2", "Phường 9", "Phường 10", "Phường 12", "Phường A");
	IN_ORDER("Quận 01", "Quận 2");
	IN_ORDER("Lao động Thương binh", "Lao động – Thương binh", "Lao động, Thương mại");
	IN_ORDER("", " ", "a");
}

/* Decomposed text (not NFC) sorts as its composed form. */
static void test_decomposed(void **state)
{
	(void)state;
	assert_true(hl_collate_vi("Ha\xcc\x80 No\xcc\xa3\xcc\x82i", "Hà Nam") > 0);
	assert_true(hl_collate_vi("Ha\xcc\x80", "Hả") < 0);
	assert_true(hl_collate_vi("Ha\xcc\x80", "Ha") > 0);
	/* An invalid byte does not crash and sorts after the letters. */
	assert_true(hl_collate_vi("a\xff", "ay") > 0);
}

static int cmp(const void *a, const void *b)
{
	return hl_collate_vi(*(const char *const *)a, *(const char *const *)b);
}

static void test_sort(void **state)
{
	static const char *const want[] = {"UBND phường Lộc Thọ", "UBND phường Phương Sài",
		"UBND phường Vĩnh Hải", "UBND phường Vĩnh Hòa", "UBND phường Vĩnh Nguyên",
		"UBND phường Vĩnh Phước", "UBND phường Vĩnh Thọ", "UBND xã Vĩnh Lương",
		"UBND xã Vĩnh Phương"};
	const char *got[9];
	size_t n = sizeof(want) / sizeof(want[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		got[i] = want[(i * 5 + 3) % n];
	qsort(got, n, sizeof(got[0]), cmp);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_words_numbers),
		cmocka_unit_test(test_decomposed),
		cmocka_unit_test(test_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
