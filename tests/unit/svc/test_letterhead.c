/* test_letterhead.c — svc/letterhead.c: unit names inside a sentence
 * (the kind of unit in lower case, Nghị định 30/2020 Phụ lục II) and the
 * issuing unit on a date through mergers and abolished units. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "core/phrase.h"
#include "svc/letterhead.h"

static void test_in_text(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 16);

	(void)state;
	assert_non_null(a);
	assert_string_equal(phr_in_text(a, "Thành phố Nha Trang"), "thành phố Nha Trang");
	assert_string_equal(phr_in_text(a, "Tỉnh Khánh Hòa"), "tỉnh Khánh Hòa");
	assert_string_equal(phr_in_text(a, "UBND Tỉnh Khánh Hòa"), "UBND tỉnh Khánh Hòa");
	assert_string_equal(phr_in_text(a, "Ủy ban nhân dân Thị xã Ninh Hòa"),
		"Ủy ban nhân dân thị xã Ninh Hòa");
	assert_string_equal(phr_in_text(a, "Đặc khu Phú Quốc"), "đặc khu Phú Quốc");
	assert_string_equal(phr_in_text(a, "UBND phường Vĩnh Thọ"), "UBND phường Vĩnh Thọ");
	/* Before a number the kind keeps its capital: "Quận 1", "Phường 3". */
	assert_string_equal(phr_in_text(a, "Quận 1"), "Quận 1");
	assert_string_equal(phr_in_text(a, "UBND Phường 3"), "UBND Phường 3");
	/* Other bodies are proper names. */
	assert_string_equal(phr_in_text(a, "Trạm y tế phường Vĩnh Thọ"),
		"Trạm y tế phường Vĩnh Thọ");
	assert_string_equal(phr_in_text(a, "Sở Nội vụ tỉnh Khánh Hòa"), "Sở Nội vụ tỉnh Khánh Hòa");
	assert_string_equal(phr_in_text(a, "Thành Đoàn"), "Thành Đoàn");

	assert_string_equal(phr_place_in_text(a, "UBND phường Bắc Nha Trang"),
		"phường Bắc Nha Trang");
	assert_string_equal(phr_place_in_text(a, "UBND Xã Vĩnh Lương"), "xã Vĩnh Lương");
	assert_string_equal(phr_place_in_text(a, "Thành phố Nha Trang"), "thành phố Nha Trang");
	assert_string_equal(phr_place_in_text(a, "Trạm y tế phường Vĩnh Hải"),
		"Trạm y tế phường Vĩnh Hải");

	assert_string_equal(phr_short(a, "UBND phường Vĩnh Thọ"), "P. Vĩnh Thọ");
	assert_string_equal(phr_short(a, "UBND Xã Vĩnh Lương"), "X. Vĩnh Lương");
	assert_string_equal(phr_short(a, "Trạm y tế phường Phương Sài"), "TYT P. Phương Sài");
	assert_string_equal(phr_short(a, "Thành phố Nha Trang"), "TP. Nha Trang");
	assert_string_equal(phr_short(a, "UBND thị xã Ninh Hòa"), "TX. Ninh Hòa");
	assert_string_equal(phr_short(a, "UBND thị trấn Vạn Giã"), "TT. Vạn Giã");
	assert_string_equal(phr_short(a, "Đặc khu Phú Quốc"), "ĐK. Phú Quốc");
	assert_string_equal(phr_short(a, "Phường 3"), "Phường 3");
	assert_string_equal(phr_short(a, "Sở Y tế"), "Sở Y tế");

	assert_string_equal(phr_sentence_start(a, "đặc khu Phú Quốc"), "Đặc khu Phú Quốc");
	assert_string_equal(phr_sentence_start(a, "phường Vĩnh Thọ"), "Phường Vĩnh Thọ");
	assert_string_equal(phr_sentence_start(a, ""), "");
	assert_string_equal(phr_inside(a, "Đường dây nóng"), "đường dây nóng");
	assert_string_equal(phr_inside(a, "Trực tiếp tại bộ phận tiếp nhận"),
		"trực tiếp tại bộ phận tiếp nhận");
	assert_string_equal(phr_inside(a, "QR"), "QR");
	hl_arena_free(a);
}

static struct store_unit mk(int64_t id, const char *code, int64_t parent, hl_day to)
{
	struct store_unit u = {0};

	u.id = id;
	snprintf(u.code, sizeof(u.code), "%s", code);
	u.parent_id = parent;
	u.valid_from = HL_DAY_NONE;
	u.valid_to = to;
	return u;
}

static void test_issuer_on(void **state)
{
	hl_day d2025 = HL_DAY_NONE, d2026 = HL_DAY_NONE, end = HL_DAY_NONE;
	enum lh_how how;
	struct store_unit u[6];
	struct store_lineage lin[3];
	const struct store_unit *r;

	(void)state;
	assert_true(hl_day_from_ymd(2025, 1, 5, &d2025));
	assert_true(hl_day_from_ymd(2026, 1, 5, &d2026));
	assert_true(hl_day_from_ymd(2025, 6, 30, &end));
	/* province 1 > city 2 (abolished) > ward 3 (merged into 4, under 1);
	 * ward 5 merged into 4 too; 6 in a lineage loop with itself. */
	u[0] = mk(1, "tinh", 0, HL_DAY_NONE);
	u[1] = mk(2, "tp", 1, end);
	u[2] = mk(3, "a", 2, end);
	u[3] = mk(4, "b", 1, HL_DAY_NONE);
	u[4] = mk(5, "c", 2, end);
	u[5] = mk(6, "loop", 2, end);
	lin[0] = (struct store_lineage){4, 3, end + 1};
	lin[1] = (struct store_lineage){4, 5, end + 1};
	lin[2] = (struct store_lineage){6, 6, end + 1};

	r = lh_issuer_on(u, 6, lin, 3, &u[2], d2025, &how);
	assert_string_equal(r->code, "a");
	assert_int_equal(how, LH_SELF);
	assert_string_equal(lh_parent_on(u, 6, lin, 3, r, d2025)->code, "tp");

	r = lh_issuer_on(u, 6, lin, 3, &u[2], d2026, &how);
	assert_string_equal(r->code, "b");
	assert_int_equal(how, LH_SUCCESSOR);
	assert_string_equal(lh_parent_on(u, 6, lin, 3, r, d2026)->code, "tinh");

	r = lh_issuer_on(u, 6, lin, 3, &u[1], d2026, &how);
	assert_string_equal(r->code, "tinh");
	assert_int_equal(how, LH_ABOVE);
	assert_null(lh_parent_on(u, 6, lin, 3, r, d2026));

	/* A loop ends: the city above, then the province. */
	r = lh_issuer_on(u, 6, lin, 3, &u[5], d2026, &how);
	assert_string_equal(r->code, "tinh");
	/* No day: as stored. */
	r = lh_issuer_on(u, 6, lin, 3, &u[2], HL_DAY_NONE, &how);
	assert_string_equal(r->code, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_text),
		cmocka_unit_test(test_issuer_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
